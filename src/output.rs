//! Writing rendered files to disk as one set, and checking them for staleness.
//!
//! The guarantees, stated for users in the README's "Reliability" section:
//! - A file whose bytes are unchanged is not touched (its mtime stays).
//! - No reader sees a partial file: each file is written to a temporary file
//!   beside it and renamed into place, keeping the old file's permissions.
//! - The set changes all at once or not at all. Errspec keeps its state in
//!   `.errspec/` of the output folder: the `manifest` of every file it wrote,
//!   a `lock` held while it writes, and, during the renames, a `journal` of
//!   each file it replaces, creates or removes. A file is replaced by moving
//!   the old one aside (a backup beside it) and the new one in. If a rename
//!   fails, the files already changed are put back from their backups. Once
//!   every rename is done the journal becomes `committed` and the backups go.
//! - A killed run is repaired by the next one: a `journal` left behind means
//!   the renames were cut short, so the next `generate` restores the previous
//!   set first; a `committed` left behind means they were all done, so only
//!   the backups are removed. Until then `check` reports the folder as
//!   interrupted. A kill between two renames is the one case no tool can
//!   prevent: the folder holds a mixed set until the next run.
//! - Files the manifest lists that this run no longer writes (a renamed
//!   package, say) are removed, within the same set, as are temporary files
//!   and backups a killed run left; a file errspec did not write is never
//!   touched. `check` reports both kinds as stray.
//! - Only regular files are read or replaced: an output path that is a
//!   folder, a FIFO or a device is an error, and a symbolic link is replaced
//!   by a file rather than followed.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::targets::{OutputFile, Target};

/// What happened to one output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileStatus {
    /// The file was created or its content replaced.
    Written,
    /// The file already had exactly this content and was not touched.
    Unchanged,
    /// errspec wrote the file before and no longer writes it, so it was removed.
    Removed,
}

/// How one output file on disk compares with what `generate` would write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileCheck {
    /// The file has exactly the content `generate` would write.
    UpToDate,
    /// The file exists with other content.
    Stale,
    /// The file does not exist.
    Missing,
    /// A file `generate` would remove: one errspec wrote before and no longer
    /// writes, or a temporary file or backup an interrupted run left.
    Stray,
    /// An interrupted `generate` left this journal: the folder may hold a
    /// mixed set until the next `generate` restores it.
    Interrupted,
}

/// An I/O failure on one path.
#[derive(Debug)]
pub struct IoError {
    /// The file or folder.
    pub path: PathBuf,
    /// What failed.
    pub source: io::Error,
}

/// errspec's own folder in the output directory.
const STATE: &str = ".errspec";
const MANIFEST: &str = ".errspec/manifest";
const LOCK: &str = ".errspec/lock";
const JOURNAL: &str = ".errspec/journal";
const COMMITTED: &str = ".errspec/committed";
const STATE_GITIGNORE: &str = ".errspec/.gitignore";
const MANIFEST_HEADER: &str =
    "# The files `errspec generate` wrote here, so it can remove those it no longer writes.\n";
/// What names a temporary file or a backup of errspec's: `.NAME.errspec-...`.
const TEMPORARY_MARK: &str = ".errspec-";

/// Writes `files` (rendered by `targets`) under `out_dir` as one set,
/// returning each full path with what happened to it.
pub(crate) fn write_all(
    out_dir: &Path,
    files: &[OutputFile],
    targets: &[Target],
) -> Result<Vec<(PathBuf, FileStatus)>, IoError> {
    write_with(out_dir, files, targets, &mut |from, to| {
        fs::rename(from, to)
    })
}

/// Compares what `write_all` would do with what is under `out_dir`, writing
/// nothing.
pub(crate) fn check_all(
    out_dir: &Path,
    files: &[OutputFile],
    targets: &[Target],
) -> Result<Vec<(PathBuf, FileCheck)>, IoError> {
    let plan = Plan::new(out_dir, files, targets)?;
    let mut report = Vec::new();
    for journal in [JOURNAL, COMMITTED] {
        let path = out_dir.join(journal);
        if path.exists() {
            report.push((path, FileCheck::Interrupted));
        }
    }
    for file in &plan.files {
        let path = out_dir.join(&file.path);
        let check = compare(&path, &file.contents).map_err(|source| IoError {
            path: path.clone(),
            source,
        })?;
        report.push((path, check));
    }
    for stray in plan.strays()? {
        report.push((out_dir.join(stray), FileCheck::Stray));
    }
    Ok(report)
}

/// Everything one run writes and removes, relative to the output directory.
struct Plan {
    /// The rendered files, then the manifest and the state folder's `.gitignore`.
    files: Vec<OutputFile>,
    /// Files the old manifest lists, owned by this run's targets, that it no
    /// longer writes.
    removed: Vec<PathBuf>,
    /// Folders that hold files errspec writes or wrote, where its temporary
    /// files may be.
    folders: BTreeSet<PathBuf>,
    out_dir: PathBuf,
}

impl Plan {
    fn new(out_dir: &Path, files: &[OutputFile], targets: &[Target]) -> Result<Self, IoError> {
        let written: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        let mut kept = BTreeSet::new();
        let mut removed = Vec::new();
        for entry in read_manifest(out_dir)? {
            if written.contains(entry.as_path()) {
                continue;
            }
            if targets.iter().any(|target| target.owns(&entry)) {
                removed.push(entry);
            } else {
                kept.insert(entry);
            }
        }
        let listed: BTreeSet<&Path> = written
            .iter()
            .copied()
            .chain(kept.iter().map(PathBuf::as_path))
            .collect();
        let mut manifest = String::from(MANIFEST_HEADER);
        for path in &listed {
            manifest.push_str(&path.to_string_lossy().replace('\\', "/"));
            manifest.push('\n');
        }
        let folders = written
            .iter()
            .copied()
            .chain(removed.iter().map(PathBuf::as_path))
            .map(|path| path.parent().map(Path::to_path_buf).unwrap_or_default())
            .collect();
        let mut files = files.to_vec();
        files.push(OutputFile {
            path: PathBuf::from(MANIFEST),
            contents: manifest,
        });
        files.push(OutputFile {
            path: PathBuf::from(STATE_GITIGNORE),
            contents: "# errspec's working files; the manifest is committed with the output.\nlock\njournal\ncommitted\n".to_owned(),
        });
        Ok(Self {
            files,
            removed,
            folders,
            out_dir: out_dir.to_owned(),
        })
    }

    /// Files `generate` would remove: the manifest's files it no longer
    /// writes, and temporary files and backups left in errspec's folders.
    fn strays(&self) -> Result<Vec<PathBuf>, IoError> {
        let mut strays: Vec<PathBuf> = self
            .removed
            .iter()
            .filter(|path| self.out_dir.join(path).symlink_metadata().is_ok())
            .cloned()
            .collect();
        for folder in &self.folders {
            let dir = self.out_dir.join(folder);
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(source) => return Err(IoError { path: dir, source }),
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if is_leftover(&name) {
                    strays.push(folder.join(name));
                }
            }
        }
        Ok(strays)
    }
}

/// The manifest's entries: relative paths inside the output folder. Anything
/// else (an absolute path, `..`) is ignored, so a doctored manifest cannot
/// make errspec remove a file outside it.
fn read_manifest(out_dir: &Path) -> Result<Vec<PathBuf>, IoError> {
    let path = out_dir.join(MANIFEST);
    let text = match read_regular(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(IoError { path, source }),
    };
    Ok(text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(PathBuf::from)
        .filter(|entry| {
            entry
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
                && !entry.starts_with(STATE)
        })
        .collect())
}

/// One step of the renames, as the journal records it.
#[derive(Debug, PartialEq)]
enum Step {
    /// `path` was replaced: the old file went to `backup`, `temp` came in.
    Replace {
        path: PathBuf,
        backup: PathBuf,
        temp: PathBuf,
    },
    /// `path` did not exist; `temp` became it.
    Create { path: PathBuf, temp: PathBuf },
    /// `path` was removed by moving it to `backup`.
    Remove { path: PathBuf, backup: PathBuf },
    /// The run created folder `path`.
    Folder { path: PathBuf },
}

impl Step {
    fn line(&self) -> String {
        let show = |p: &Path| p.to_string_lossy().replace('\\', "/");
        match self {
            Step::Replace { path, backup, temp } => {
                format!(
                    "replace\t{}\t{}\t{}\n",
                    show(path),
                    show(backup),
                    show(temp)
                )
            }
            Step::Create { path, temp } => format!("create\t{}\t{}\n", show(path), show(temp)),
            Step::Remove { path, backup } => format!("remove\t{}\t{}\n", show(path), show(backup)),
            Step::Folder { path } => format!("folder\t{}\n", show(path)),
        }
    }

    fn parse(line: &str) -> Option<Step> {
        let fields: Vec<PathBuf> = line.split('\t').skip(1).map(PathBuf::from).collect();
        let safe = fields
            .iter()
            .all(|p| p.components().all(|c| matches!(c, Component::Normal(_))));
        if !safe {
            return None;
        }
        let mut fields = fields.into_iter();
        let mut next = || fields.next();
        Some(match line.split('\t').next()? {
            "replace" => Step::Replace {
                path: next()?,
                backup: next()?,
                temp: next()?,
            },
            "create" => Step::Create {
                path: next()?,
                temp: next()?,
            },
            "remove" => Step::Remove {
                path: next()?,
                backup: next()?,
            },
            "folder" => Step::Folder { path: next()? },
            _ => return None,
        })
    }
}

fn write_with(
    out_dir: &Path,
    files: &[OutputFile],
    targets: &[Target],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<Vec<(PathBuf, FileStatus)>, IoError> {
    let at = |path: &Path| {
        let path = if path.as_os_str().is_empty() {
            out_dir.to_path_buf()
        } else {
            out_dir.join(path)
        };
        move |source| IoError { path, source }
    };
    let new_out_dir = !out_dir.as_os_str().is_empty() && out_dir.symlink_metadata().is_err();
    if new_out_dir {
        fs::create_dir_all(out_dir).map_err(at(Path::new("")))?;
    } else if !out_dir.as_os_str().is_empty() && !out_dir.is_dir() {
        return Err(at(Path::new(""))(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a folder; give an output folder",
        )));
    }
    let mut created_folders = Vec::new();
    create_folders(out_dir, Path::new(STATE), &mut created_folders)
        .map_err(at(Path::new(STATE)))?;
    // A failed run leaves no folder it created, nor errspec's state in one.
    let clean_up = |created_folders: &[PathBuf]| {
        if !created_folders.is_empty() {
            let _ = fs::remove_file(out_dir.join(LOCK));
            let _ = fs::remove_file(out_dir.join(JOURNAL));
        }
        remove_empty_folders(out_dir, created_folders);
        if new_out_dir {
            let _ = fs::remove_dir(out_dir);
        }
    };
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out_dir.join(LOCK))
        .map_err(at(Path::new(LOCK)))?;
    // Held until this function returns: one writer at a time per folder.
    lock.lock().map_err(at(Path::new(LOCK)))?;
    recover(out_dir)?;

    let plan = Plan::new(out_dir, files, targets)?;
    let mut report = Vec::with_capacity(plan.files.len());
    let mut steps = Vec::new();
    let staged = (|| {
        for stray in plan.strays()? {
            // Leftovers of a killed run, named like no file errspec writes.
            if stray
                .file_name()
                .is_some_and(|n| is_leftover(&n.to_string_lossy()))
            {
                fs::remove_file(out_dir.join(&stray)).map_err(at(&stray))?;
            }
        }
        for file in &plan.files {
            let path = out_dir.join(&file.path);
            let old = existing(&path).map_err(at(&file.path))?;
            if let Some(old) = &old
                && holds(&path, old, &file.contents).map_err(at(&file.path))?
            {
                if !file.path.starts_with(STATE) {
                    report.push((path, FileStatus::Unchanged));
                }
                continue;
            }
            let parent = file.path.parent().unwrap_or(Path::new(""));
            let mut folders = Vec::new();
            create_folders(out_dir, parent, &mut folders).map_err(at(parent))?;
            steps.extend(folders.into_iter().map(|path| Step::Folder { path }));
            let permissions = old
                .as_ref()
                .filter(|m| m.is_file())
                .map(fs::Metadata::permissions);
            let temp = stage(out_dir, &file.path, file.contents.as_bytes(), permissions)?;
            steps.push(match old {
                Some(_) => Step::Replace {
                    backup: sibling(&file.path, "backup"),
                    path: file.path.clone(),
                    temp,
                },
                None => Step::Create {
                    path: file.path.clone(),
                    temp,
                },
            });
            if !file.path.starts_with(STATE) {
                report.push((path, FileStatus::Written));
            }
        }
        for path in &plan.removed {
            if out_dir.join(path).symlink_metadata().is_ok() {
                steps.push(Step::Remove {
                    path: path.clone(),
                    backup: sibling(path, "backup"),
                });
                report.push((out_dir.join(path), FileStatus::Removed));
            }
        }
        Ok(())
    })();
    if let Err(error) = staged {
        undo(out_dir, &steps, &mut |from, to| fs::rename(from, to));
        clean_up(&created_folders);
        return Err(error);
    }
    if !steps
        .iter()
        .any(|step| !matches!(step, Step::Folder { .. }))
    {
        return Ok(report);
    }

    let journal: String = steps.iter().map(Step::line).collect();
    write_new(&out_dir.join(JOURNAL), journal.as_bytes()).map_err(at(Path::new(JOURNAL)))?;
    let renamed = (|| {
        for step in &steps {
            match step {
                Step::Replace { path, backup, temp } => {
                    rename(&out_dir.join(path), &out_dir.join(backup)).map_err(at(path))?;
                    rename(&out_dir.join(temp), &out_dir.join(path)).map_err(at(path))?;
                }
                Step::Create { path, temp } => {
                    rename(&out_dir.join(temp), &out_dir.join(path)).map_err(at(path))?;
                }
                Step::Remove { path, backup } => {
                    rename(&out_dir.join(path), &out_dir.join(backup)).map_err(at(path))?;
                }
                Step::Folder { .. } => {}
            }
        }
        Ok(())
    })();
    if let Err(error) = renamed {
        if undo(out_dir, &steps, rename) {
            let _ = fs::remove_file(out_dir.join(JOURNAL));
            clean_up(&created_folders);
        }
        return Err(error);
    }
    fs::rename(out_dir.join(JOURNAL), out_dir.join(COMMITTED)).map_err(at(Path::new(JOURNAL)))?;
    finish(out_dir, &steps);
    let _ = fs::remove_file(out_dir.join(COMMITTED));
    for path in &plan.removed {
        if let Some(parent) = path.parent() {
            remove_empty_parents(out_dir, parent);
        }
    }
    Ok(report)
}

/// Repairs what a killed run left: a journal is rolled back, a committed
/// journal finished.
fn recover(out_dir: &Path) -> Result<(), IoError> {
    for (file, committed) in [(JOURNAL, false), (COMMITTED, true)] {
        let path = out_dir.join(file);
        let text = match read_regular(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(IoError { path, source }),
        };
        let steps: Vec<Step> = text.lines().filter_map(Step::parse).collect();
        if committed {
            finish(out_dir, &steps);
        } else if !undo(out_dir, &steps, &mut |from, to| fs::rename(from, to)) {
            return Err(IoError {
                path,
                source: io::Error::other(
                    "an interrupted run left this journal, and its files could not all be restored",
                ),
            });
        }
        fs::remove_file(&path).map_err(|source| IoError { path, source })?;
    }
    Ok(())
}

/// Puts back everything `steps` changed, last first, whichever of them were
/// done. Returns whether all of it could be put back.
fn undo(
    out_dir: &Path,
    steps: &[Step],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> bool {
    let exists = |path: &Path| out_dir.join(path).symlink_metadata().is_ok();
    let mut restored = true;
    for step in steps.iter().rev() {
        let done = match step {
            Step::Replace { path, backup, temp } => {
                let _ = fs::remove_file(out_dir.join(temp));
                !exists(backup) || rename(&out_dir.join(backup), &out_dir.join(path)).is_ok()
            }
            // The temporary file is still there unless it became `path`.
            Step::Create { temp, .. } if exists(temp) => {
                fs::remove_file(out_dir.join(temp)).is_ok()
            }
            Step::Create { path, .. } => {
                !exists(path) || fs::remove_file(out_dir.join(path)).is_ok()
            }
            Step::Remove { path, backup } => {
                !exists(backup) || rename(&out_dir.join(backup), &out_dir.join(path)).is_ok()
            }
            Step::Folder { path } => {
                let _ = fs::remove_dir(out_dir.join(path));
                true
            }
        };
        restored &= done;
    }
    restored
}

/// Removes the backups of a completed set of renames.
fn finish(out_dir: &Path, steps: &[Step]) {
    for step in steps {
        if let Step::Replace { backup, .. } | Step::Remove { backup, .. } = step {
            let _ = fs::remove_file(out_dir.join(backup));
        }
    }
}

/// `path`'s metadata if a regular file or a symbolic link is there (errspec
/// replaces a link rather than follow it), `None` if nothing is, and an error
/// for a folder, a FIFO, a device or a socket.
fn existing(path: &Path) -> io::Result<Option<fs::Metadata>> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() || meta.file_type().is_symlink() => Ok(Some(meta)),
        Ok(meta) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file; errspec writes only files: move it away",
                kind(&meta)
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// The bytes of the regular file at `path`, never following a link or
/// opening a FIFO or device: a link reads as no file.
fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    match existing(path)? {
        Some(meta) if meta.is_file() => fs::read(path),
        _ => Err(io::Error::from(io::ErrorKind::NotFound)),
    }
}

/// Whether the file at `path` holds exactly `contents`. A link never does.
fn holds(path: &Path, meta: &fs::Metadata, contents: &str) -> io::Result<bool> {
    Ok(meta.is_file()
        && meta.len() == contents.len() as u64
        && fs::read(path)? == contents.as_bytes())
}

fn compare(path: &Path, contents: &str) -> io::Result<FileCheck> {
    Ok(match existing(path)? {
        None => FileCheck::Missing,
        Some(meta) if holds(path, &meta, contents)? => FileCheck::UpToDate,
        Some(_) => FileCheck::Stale,
    })
}

/// Whether `name` is one errspec gives its temporary files
/// (`.NAME.errspec-PID-N.tmp`) and backups (`.NAME.errspec-backup`).
fn is_leftover(name: &str) -> bool {
    let Some((_, what)) = name
        .strip_prefix('.')
        .and_then(|n| n.rsplit_once(TEMPORARY_MARK))
    else {
        return false;
    };
    let temporary = what
        .strip_suffix(".tmp")
        .and_then(|w| w.split_once('-'))
        .is_some_and(|(pid, n)| {
            !pid.is_empty()
                && !n.is_empty()
                && (pid.chars().chain(n.chars())).all(|c| c.is_ascii_digit())
        });
    temporary || what == "backup"
}

/// `.NAME.errspec-WHAT` beside `path`.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMPORARY_MARK}{what}"))
}

/// Creates `folder` under `out_dir` and each missing folder above it,
/// recording those it created, outermost first.
fn create_folders(out_dir: &Path, folder: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut current = Some(folder);
    while let Some(dir) = current.filter(|d| !d.as_os_str().is_empty()) {
        if out_dir.join(dir).is_dir() {
            break;
        }
        missing.push(dir.to_path_buf());
        current = dir.parent();
    }
    for dir in missing.into_iter().rev() {
        match fs::create_dir(out_dir.join(&dir)) {
            Ok(()) => created.push(dir),
            // Another run made it first: it is that run's to remove.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn remove_empty_folders(out_dir: &Path, folders: &[PathBuf]) {
    for folder in folders.iter().rev() {
        let _ = fs::remove_dir(out_dir.join(folder));
    }
}

/// Removes `folder` and the folders above it while they are empty.
fn remove_empty_parents(out_dir: &Path, folder: &Path) {
    let mut current = Some(folder);
    while let Some(dir) = current.filter(|d| !d.as_os_str().is_empty()) {
        if fs::remove_dir(out_dir.join(dir)).is_err() {
            break;
        }
        current = dir.parent();
    }
}

/// Writes `bytes` to a new temporary file beside `path` (relative to
/// `out_dir`), with the old file's `permissions` if there was one, and
/// returns the temporary file's relative path.
fn stage(
    out_dir: &Path,
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<PathBuf, IoError> {
    let fail = |source| IoError {
        path: out_dir.join(path),
        source,
    };
    for attempt in 0..100u32 {
        let temp = sibling(path, &format!("{}-{attempt}.tmp", std::process::id()));
        match write_new(&out_dir.join(&temp), bytes) {
            Ok(()) => {
                if let Some(permissions) = &permissions {
                    fs::set_permissions(out_dir.join(&temp), permissions.clone()).map_err(fail)?;
                }
                return Ok(temp);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(fail(source)),
        }
    }
    Err(fail(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    )))
}

/// Writes `bytes` to a file at `path` that must not exist yet. No fsync: the
/// renames already keep readers from ever seeing a partial file, and syncing
/// costs more than rendering does.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes).inspect_err(|_| {
        let _ = fs::remove_file(path);
    })
}

#[cfg(test)]
mod tests {
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: PathBuf::from(path),
            contents: contents.to_owned(),
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("errspec-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    /// Every file under `dir` but errspec's lock, with its contents.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let mut folders = vec![dir.to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if !path.ends_with(LOCK) {
                    let name = path
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    files.push((name, fs::read_to_string(&path).unwrap_or_default()));
                }
            }
        }
        files.sort();
        files
    }

    const RUST: &[Target] = &[Target::Rust];

    #[test]
    fn writes_then_leaves_unchanged_files_alone() {
        let dir = scratch("unchanged");
        let files = [file("rust/x.rs", "one"), file("rust/y.rs", "two")];
        let first = write_all(&dir, &files, RUST).unwrap();
        assert!(
            first.iter().all(|(_, s)| *s == FileStatus::Written),
            "{first:?}"
        );
        let mtime = fs::metadata(dir.join("rust/x.rs"))
            .unwrap()
            .modified()
            .unwrap();

        let second = write_all(
            &dir,
            &[file("rust/x.rs", "one"), file("rust/y.rs", "changed")],
            RUST,
        )
        .unwrap();
        assert_eq!(second[0].1, FileStatus::Unchanged);
        assert_eq!(second[1].1, FileStatus::Written);
        assert_eq!(
            fs::metadata(dir.join("rust/x.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime
        );
        assert_eq!(
            tree(&dir)
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>(),
            [
                ".errspec/.gitignore",
                ".errspec/manifest",
                "rust/x.rs",
                "rust/y.rs"
            ],
            "no temporary file, backup or journal is left"
        );
        assert!(
            check_all(
                &dir,
                &[file("rust/x.rs", "one"), file("rust/y.rs", "changed")],
                RUST
            )
            .unwrap()
            .iter()
            .all(|(_, check)| *check == FileCheck::UpToDate)
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_rename_puts_every_file_back() {
        let dir = scratch("rollback");
        let old = [
            file("rust/a.rs", "a1"),
            file("rust/b.rs", "b1"),
            file("rust/c.rs", "c1"),
        ];
        write_all(&dir, &old, RUST).unwrap();
        let before = tree(&dir);
        let new = [
            file("rust/a.rs", "a2"),
            file("rust/b.rs", "b2"),
            file("rust/c.rs", "c2"),
            file("rust/new/d.rs", "d"),
        ];
        for failing in 1..=7 {
            let mut renames = 0;
            let result = write_with(&dir, &new, RUST, &mut |from, to| {
                renames += 1;
                if renames == failing {
                    return Err(io::Error::other("injected"));
                }
                fs::rename(from, to)
            });
            assert!(result.is_err(), "rename {failing} fails");
            assert_eq!(tree(&dir), before, "after a failure at rename {failing}");
            assert!(!dir.join("rust/new").exists(), "the new folder is gone");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_run_killed_during_the_renames_is_rolled_back_by_the_next() {
        let dir = scratch("killed");
        write_all(
            &dir,
            &[file("rust/a.rs", "a1"), file("rust/b.rs", "b1")],
            RUST,
        )
        .unwrap();
        let before = tree(&dir);
        let new = [file("rust/a.rs", "a2"), file("rust/b.rs", "b2")];
        // Two files replaced: four renames.
        for killed_at in 1..=4 {
            let mut renames = 0;
            // A panic stands for the kill: nothing after it runs, no rollback.
            let run = catch_unwind(AssertUnwindSafe(|| {
                write_with(&dir, &new, RUST, &mut |from, to| {
                    renames += 1;
                    assert!(renames < killed_at, "killed");
                    fs::rename(from, to)
                })
            }));
            assert!(run.is_err());
            let checks = check_all(&dir, &new, RUST).unwrap();
            assert!(
                checks.contains(&(dir.join(JOURNAL), FileCheck::Interrupted)),
                "{checks:?}"
            );

            // The next run restores the old set before anything else; a
            // run with the old files then finds them all unchanged.
            let restored = write_all(
                &dir,
                &[file("rust/a.rs", "a1"), file("rust/b.rs", "b1")],
                RUST,
            )
            .unwrap();
            assert!(
                restored.iter().all(|(_, s)| *s == FileStatus::Unchanged),
                "{restored:?}"
            );
            assert_eq!(tree(&dir), before, "killed at rename {killed_at}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_errspec_no_longer_writes_are_removed_and_others_kept() {
        let dir = scratch("stale");
        let python = &[Target::Python, Target::Rust];
        write_all(
            &dir,
            &[
                file("python/src/old_name/__init__.py", "x"),
                file("rust/errors.rs", "r"),
            ],
            python,
        )
        .unwrap();
        fs::write(dir.join("python/src/mine.txt"), "the user's").unwrap();
        fs::write(
            dir.join("python/src/old_name/.errspec-not-a-temp"),
            "also the user's",
        )
        .unwrap();
        let renamed = [
            file("python/src/new_name/__init__.py", "x"),
            file("rust/errors.rs", "r"),
        ];

        let checks = check_all(&dir, &renamed, python).unwrap();
        let stray: Vec<_> = checks
            .iter()
            .filter(|(_, c)| *c == FileCheck::Stray)
            .collect();
        assert_eq!(
            stray,
            [&(
                dir.join("python/src/old_name/__init__.py"),
                FileCheck::Stray
            )]
        );

        let report = write_all(&dir, &renamed, python).unwrap();
        assert!(report.contains(&(
            dir.join("python/src/old_name/__init__.py"),
            FileStatus::Removed
        )));
        assert!(!dir.join("python/src/old_name/__init__.py").exists());
        assert!(dir.join("python/src/old_name/.errspec-not-a-temp").exists());
        assert!(dir.join("python/src/mine.txt").exists());
        assert!(dir.join("python/src/new_name/__init__.py").exists());
        assert!(
            check_all(&dir, &renamed, python)
                .unwrap()
                .iter()
                .all(|(_, c)| *c == FileCheck::UpToDate)
        );

        // A run of other targets keeps this one's files in the manifest.
        write_all(&dir, &[file("rust/errors.rs", "r")], RUST).unwrap();
        let manifest = fs::read_to_string(dir.join(MANIFEST)).unwrap();
        assert!(
            manifest.contains("python/src/new_name/__init__.py\n"),
            "{manifest}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn concurrent_runs_leave_one_whole_set() {
        let dir = scratch("concurrent");
        let sets: Vec<Vec<OutputFile>> = (0..6)
            .map(|run| {
                (0..5)
                    .map(|i| file(&format!("rust/f{i}.rs"), &format!("run {run}")))
                    .collect()
            })
            .collect();
        std::thread::scope(|scope| {
            for set in &sets {
                let dir = &dir;
                scope.spawn(move || write_all(dir, set, RUST).unwrap());
            }
        });
        let files = tree(&dir);
        let contents: BTreeSet<&str> = files
            .iter()
            .filter(|(name, _)| name.starts_with("rust/"))
            .map(|(_, contents)| contents.as_str())
            .collect();
        assert_eq!(contents.len(), 1, "one run's set, whole: {files:?}");
        assert_eq!(files.len(), 7, "five files and errspec's two: {files:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_emptied_folder_goes_with_its_files() {
        let dir = scratch("emptied");
        write_all(
            &dir,
            &[file("rust/gone/a.rs", "a"), file("rust/b.rs", "b")],
            RUST,
        )
        .unwrap();
        write_all(&dir, &[file("rust/b.rs", "b")], RUST).unwrap();
        assert!(!dir.join("rust/gone").exists());
        assert!(dir.join("rust").exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn leftover_temporary_files_are_strays_and_removed() {
        let dir = scratch("leftovers");
        let files = [file("rust/a.rs", "a")];
        write_all(&dir, &files, RUST).unwrap();
        let leftover = dir.join("rust/.a.rs.errspec-123-0.tmp");
        fs::write(&leftover, "half").unwrap();
        let checks = check_all(&dir, &files, RUST).unwrap();
        assert!(
            checks.contains(&(leftover.clone(), FileCheck::Stray)),
            "{checks:?}"
        );
        write_all(&dir, &files, RUST).unwrap();
        assert!(!leftover.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_doctored_manifest_cannot_remove_files_outside_the_folder() {
        let dir = scratch("doctored");
        let outside = dir.with_extension("outside");
        fs::write(&outside, "keep").unwrap();
        write_all(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        let name = outside.file_name().unwrap().to_string_lossy();
        fs::write(
            dir.join(MANIFEST),
            format!("rust/../../{name}\n{}\n", outside.display()),
        )
        .unwrap();
        write_all(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
        fs::remove_file(outside).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_first_run_leaves_no_folder_behind() {
        let dir = scratch("first");
        fs::create_dir_all(dir.join("rust/a.rs")).unwrap();
        let result = write_all(
            &dir,
            &[file("rust/pkg/x.rs", "x"), file("rust/a.rs", "a")],
            RUST,
        );
        let error = result.unwrap_err();
        assert!(
            error
                .source
                .to_string()
                .contains("a folder, not a regular file"),
            "{error:?}"
        );
        assert!(!dir.join("rust/pkg").exists());
        assert!(!dir.join(STATE).exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_links_replaced_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("modes");
        write_all(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        fs::set_permissions(dir.join("rust/a.rs"), fs::Permissions::from_mode(0o600)).unwrap();
        let target = dir.with_extension("target");
        fs::write(&target, "not errspec's").unwrap();
        std::os::unix::fs::symlink(&target, dir.join("rust/b.rs")).unwrap();

        write_all(
            &dir,
            &[file("rust/a.rs", "a2"), file("rust/b.rs", "b")],
            RUST,
        )
        .unwrap();
        let mode = fs::metadata(dir.join("rust/a.rs"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(
            fs::symlink_metadata(dir.join("rust/b.rs"))
                .unwrap()
                .is_file()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "not errspec's");
        fs::remove_file(target).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_an_error_not_a_hang() {
        let dir = scratch("fifo");
        fs::create_dir_all(dir.join("rust")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.join("rust/a.rs"))
            .status()
            .unwrap();
        assert!(status.success());
        for error in [
            write_all(&dir, &[file("rust/a.rs", "a")], RUST).unwrap_err(),
            check_all(&dir, &[file("rust/a.rs", "a")], RUST).unwrap_err(),
        ] {
            assert_eq!(error.path, dir.join("rust/a.rs"));
            assert!(
                error
                    .source
                    .to_string()
                    .contains("a FIFO, not a regular file"),
                "{error:?}"
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
