//! Writing rendered files to disk as one set, and checking them for staleness.
//!
//! The guarantees, stated for users in the README's "Reliability" section:
//! - A file whose bytes are unchanged is not touched (its mtime stays), and a
//!   run that changes nothing writes no output file (at most `.errspec/cache`,
//!   which lets the next such run skip rendering). In a folder errspec cannot
//!   lock (read-only), a run only compares, and succeeds if nothing changes.
//! - No reader sees a partial file: each file is written to a temporary file
//!   beside it and renamed into place, keeping the old file's permissions.
//! - The set changes all at once or not at all. errspec keeps its state in
//!   `.errspec/` of the output folder: the `manifest` of every file it wrote,
//!   a `lock` held while it writes (created once, never removed), and a
//!   `journal` of the run's steps, each appended before it is taken: each
//!   folder it creates and each file it replaces, creates or removes. Each
//!   file is staged (written to its temporary file, and compared with the
//!   old one) as it is rendered, so it is never whole in memory; an
//!   unchanged one is removed again, a changed one journaled (a killed run
//!   leaves at most a temporary file, which the next run removes). A file is
//!   replaced by moving the old one aside
//!   (a backup beside it) and the new one in. If any step fails, everything
//!   done is undone. Once every rename is done the journal becomes
//!   `committed` and the backups go.
//! - A killed process is repaired by the next run: a `journal` left behind
//!   means the run was cut short, so the next `generate` undoes it first; a
//!   `committed` left behind means the renames were all done, so only the
//!   backups are removed. Until then `check` reports the folder as
//!   interrupted. Between two renames a killed run leaves a mixed set, the
//!   one case no tool can prevent; the next run restores the old set. (No
//!   file is synced to disk, so this covers a killed process, not a power
//!   cut.)
//! - Files the manifest lists that this run no longer writes (a renamed
//!   package, say) are removed within the same set, as are temporary files
//!   and backups a killed run left; a file errspec did not write is never
//!   touched, and nothing is written or removed through a symbolic link to a
//!   folder. `check` reports both kinds as stray.
//! - Only regular files are read or replaced: an output path that is a
//!   folder, a FIFO or a device is an error, and a symbolic link to a file is
//!   replaced by a file rather than followed.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Read, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::targets::{Out, OutputFile, Target, Write};

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
    /// writes, or a temporary file or backup a killed run left (which
    /// `generate` removes, or puts back in place if the run's journal says so).
    Stray,
    /// An interrupted `generate` left this journal: the folder may hold a
    /// mixed set until the next `generate` repairs it.
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

/// What `generate` did, file by file.
type Report = Vec<(PathBuf, FileStatus)>;

/// errspec's own folder in the output directory.
const STATE: &str = ".errspec";
const MANIFEST: &str = ".errspec/manifest";
const LOCK: &str = ".errspec/lock";
const JOURNAL: &str = ".errspec/journal";
const COMMITTED: &str = ".errspec/committed";
const STATE_GITIGNORE: &str = ".errspec/.gitignore";
const CACHE: &str = ".errspec/cache";
const CACHE_HEADER: &str = "# What the last `errspec generate` here wrote, and from what: a run with the same\n\
     # inputs whose files are all still as written renders nothing. Not committed.\n";
const MANIFEST_HEADER: &str =
    "# The files `errspec generate` wrote here, so it can remove those it no longer writes.\n";
/// What names a temporary file or a backup of errspec's: `.NAME.errspec-...`.
const TEMPORARY_MARK: &str = ".errspec-";

/// The files of one run are handed to a `Run` as they are rendered, and
/// each is written to a temporary file beside its path as it is rendered,
/// compared with the file on disk as it goes: no file is ever whole in
/// memory. `finish` then renames the staged set into place.
///
/// A folder errspec may write to is locked for the whole run, and its journal
/// gets each step before the step is done. A folder it may not write to (its
/// lock cannot be opened) is only compared: a run that would change nothing
/// there succeeds, and any other fails with the reason it could not lock.
pub(crate) struct Run<'a> {
    out_dir: &'a Path,
    targets: &'a [Target],
    spec: &'a Path,
    /// Why the folder could not be locked; `None` when it is.
    read_only: Option<IoError>,
    /// Held until the run ends: one writer at a time per folder. The file
    /// stays, so every run locks the same one.
    lock: Option<fs::File>,
    progress: Mutex<Progress>,
}

/// One file a run was handed, and what it did with it.
struct Handled {
    /// Its place in the report: errspec's own files come last.
    order: (usize, usize),
    path: PathBuf,
    status: FileStatus,
    /// For the cache.
    fingerprint: u64,
}

/// What a run has done so far, in the order it did it.
#[derive(Default)]
struct Progress {
    /// The journal, created with the first step, and open until the renames.
    journal: Option<fs::File>,
    /// Whether this run created a journal that is still its own to remove.
    journaled: bool,
    /// Every step taken, as journaled.
    steps: Vec<Step>,
    /// Folders this run created.
    new_folders: HashSet<PathBuf>,
    /// Each file handed in.
    files: Vec<Handled>,
    /// Whether a file differs from the disk, in a folder only compared.
    changed: bool,
    /// The first failure: the run is then abandoned.
    failure: Option<IoError>,
}

impl<'a> Run<'a> {
    /// Starts a run into `out_dir`, for `targets` rendered from `spec` (which
    /// is never written or removed), repairing what a killed run left.
    pub(crate) fn start(
        out_dir: &'a Path,
        targets: &'a [Target],
        spec: &'a Path,
    ) -> Result<Self, IoError> {
        let mut run = Run {
            out_dir,
            targets,
            spec,
            read_only: None,
            lock: None,
            progress: Mutex::default(),
        };
        match run.acquire_lock() {
            Ok(lock) => {
                run.lock = Some(lock);
                recover(out_dir)?;
            }
            Err(error) => run.read_only = Some(error),
        }
        Ok(run)
    }

    /// Creates the output folder and errspec's own in it if need be, and
    /// takes the lock.
    fn acquire_lock(&self) -> Result<fs::File, IoError> {
        let out_dir = self.out_dir;
        let at = |path: &str| {
            let path = if path.is_empty() {
                out_dir.to_path_buf()
            } else {
                out_dir.join(path)
            };
            move |source| IoError { path, source }
        };
        let new_out_dir = !out_dir.as_os_str().is_empty() && out_dir.symlink_metadata().is_err();
        if new_out_dir {
            fs::create_dir_all(out_dir).map_err(at(""))?;
        } else if !out_dir.as_os_str().is_empty() && !out_dir.is_dir() {
            return Err(at("")(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a folder; give an output folder",
            )));
        }
        match fs::create_dir(out_dir.join(STATE)) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(at(STATE)(e)),
            _ => {}
        }
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(out_dir.join(LOCK))
            .map_err(at(LOCK))?;
        lock.lock().map_err(at(LOCK))?;
        Ok(lock)
    }

    /// Takes one file as `write` writes it: leaves it alone if the disk
    /// already holds it, else stages it. `order` places it in the report.
    /// `Ok(false)` once the run has failed: rendering more is then wasted,
    /// and `finish` says why. An error is the template's.
    pub(crate) fn add(
        &self,
        order: (usize, usize),
        path: &Path,
        write: Write<'_>,
    ) -> Result<bool, minijinja::Error> {
        if self.progress().failure.is_some() {
            return Ok(false);
        }
        let result = self.take(order, path, write)?;
        let mut progress = self.progress();
        if let Err(error) = result {
            progress.failure.get_or_insert(error);
        }
        Ok(progress.failure.is_none())
    }

    /// [`add`](Self::add)s one of errspec's own files.
    fn add_text(&self, order: (usize, usize), file: &OutputFile) {
        let added = self.add(order, &file.path, &mut |out| {
            out.push_str(&file.contents);
            Ok(())
        });
        added.expect("text is written without a template");
    }

    /// The run's progress, still whole after a panic elsewhere: every step
    /// it lists was journaled, so the run can be undone.
    fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.progress
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Records what became of the file at `path`.
    fn handled(&self, order: (usize, usize), path: &Path, status: FileStatus, fingerprint: u64) {
        self.progress().files.push(Handled {
            order,
            path: path.to_path_buf(),
            status,
            fingerprint,
        });
    }

    /// Writes the file at `path` to its temporary file beside it (creating
    /// its new folders first), comparing it with the disk as it goes, and
    /// journals it if it differs. A folder only compared gets no temporary
    /// file.
    fn take(
        &self,
        order: (usize, usize),
        path: &Path,
        write: Write<'_>,
    ) -> Result<Result<(), IoError>, minijinja::Error> {
        let out_dir = self.out_dir;
        let full = out_dir.join(path);
        let at = |source| IoError {
            path: full.clone(),
            source,
        };
        let old = real_folders(out_dir, path).and_then(|()| existing(&full));
        // In a folder only compared, a file that cannot be read is as good
        // as changed: the run fails for the reason it could not lock.
        if self.read_only.is_some() {
            let old = old.ok().flatten();
            let compared = write_file(None, old.as_ref().map(|meta| (&*full, meta)), write)?;
            if !compared.is_ok_and(|written| written.same) {
                self.progress().changed = true;
            }
            return Ok(Ok(()));
        }
        let old = match old {
            Ok(old) => old,
            Err(source) => return Ok(Err(at(source))),
        };
        let temp = sibling(path, &format!("{}-0.tmp", std::process::id()));
        {
            let mut progress = self.progress();
            if progress.failure.is_some() {
                return Ok(Ok(()));
            }
            let mut missing = Vec::new();
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|d| !d.as_os_str().is_empty()) {
                if progress.new_folders.contains(dir) || out_dir.join(dir).is_dir() {
                    break;
                }
                missing.push(dir.to_path_buf());
                folder = dir.parent();
            }
            for dir in missing.into_iter().rev() {
                if !self.journal(&mut progress, Step::Folder { path: dir.clone() }) {
                    return Ok(Ok(()));
                }
                if let Err(source) = fs::create_dir(out_dir.join(&dir)) {
                    return Ok(Err(IoError {
                        path: out_dir.join(&dir),
                        source,
                    }));
                }
                progress.new_folders.insert(dir);
            }
        }
        let old_file = old.as_ref().map(|meta| (&*full, meta));
        let temp_file = match create_temp(&out_dir.join(&temp)) {
            Ok(file) => file,
            // A folder errspec may not write in still takes a file it need
            // not change.
            Err(error) => {
                let compared = write_file(None, old_file, write)?;
                return Ok(match compared {
                    Ok(written) if written.same => {
                        self.handled(order, path, FileStatus::Unchanged, written.fingerprint);
                        Ok(())
                    }
                    _ => Err(at(error)),
                });
            }
        };
        let staged = match stage(temp_file, &out_dir.join(&temp), old_file, write) {
            Ok(Ok(staged)) => staged,
            Ok(Err(source)) => return Ok(Err(at(source))),
            Err(template) => return Err(template),
        };
        if staged.same {
            let _ = fs::remove_file(out_dir.join(&temp));
            self.handled(order, path, FileStatus::Unchanged, staged.fingerprint);
            return Ok(Ok(()));
        }
        let step = match old {
            Some(_) => Step::Replace {
                backup: sibling(path, "backup"),
                path: path.to_path_buf(),
                temp: temp.clone(),
            },
            None => Step::Create {
                path: path.to_path_buf(),
                temp: temp.clone(),
            },
        };
        let journaled = {
            let mut progress = self.progress();
            progress.failure.is_none() && self.journal(&mut progress, step)
        };
        if !journaled {
            let _ = fs::remove_file(out_dir.join(&temp));
            return Ok(Ok(()));
        }
        self.handled(order, path, FileStatus::Written, staged.fingerprint);
        Ok(Ok(()))
    }

    /// Records `step` in the journal, which the first step creates, before
    /// the step is taken: a run killed at any later point is undone. A line
    /// is whole once its newline is written; a torn last line is ignored.
    ///
    /// Returns whether it was recorded; if not, the failure is the run's, set
    /// while the lock is still held, so that no other step's line can follow
    /// a torn one.
    fn journal(&self, progress: &mut Progress, step: Step) -> bool {
        let path = self.out_dir.join(JOURNAL);
        let written = match &mut progress.journal {
            Some(journal) => journal.write_all(step.line().as_bytes()),
            None => fs::OpenOptions::new()
                .append(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut journal| {
                    progress.journaled = true;
                    let written = journal.write_all(step.line().as_bytes());
                    progress.journal = Some(journal);
                    written
                }),
        };
        match written {
            Ok(()) => {
                progress.steps.push(step);
                true
            }
            Err(source) => {
                progress.failure.get_or_insert(IoError { path, source });
                false
            }
        }
    }

    /// Ends the run: stages errspec's own files and the removal of files it
    /// no longer writes, then renames the whole set into place, or puts
    /// everything back if any step fails. Returns each full path with what
    /// happened to it, and the fingerprint of every file the run wrote or
    /// found unchanged.
    pub(crate) fn finish(self) -> Result<(Report, Vec<(PathBuf, u64)>), IoError> {
        self.finish_with(&mut |from, to| fs::rename(from, to))
    }

    fn finish_with(
        mut self,
        rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    ) -> Result<(Report, Vec<(PathBuf, u64)>), IoError> {
        let out_dir = self.out_dir;
        let at = |path: &Path| {
            let path = out_dir.join(path);
            move |source| IoError { path, source }
        };
        let failure = self.progress().failure.take();
        if let Some(error) = failure {
            self.undo(rename);
            return Err(error);
        }
        let written: BTreeSet<PathBuf> = self
            .progress()
            .files
            .iter()
            .map(|handled| handled.path.clone())
            .collect();
        let plan = Plan::new(out_dir, &written, self.targets, Some(self.spec));
        if let Some(error) = self.read_only.take() {
            // Any failure to read is as good as a change: the run fails
            // for the reason it could not lock.
            let Ok(plan) = plan else { return Err(error) };
            if !self.changes_nothing(&plan) {
                return Err(error);
            }
            for (index, file) in plan.state.iter().enumerate() {
                let fingerprint = fingerprint(&[file.contents.as_bytes()]);
                self.handled(
                    (usize::MAX, index),
                    &file.path,
                    FileStatus::Unchanged,
                    fingerprint,
                );
            }
            return Ok(self.report(&plan));
        }
        let plan = match plan {
            Ok(plan) => plan,
            Err(error) => {
                self.undo(rename);
                return Err(error);
            }
        };
        let own_temps: HashSet<PathBuf> = self
            .progress()
            .steps
            .iter()
            .filter_map(|step| match step {
                Step::Replace { temp, .. } | Step::Create { temp, .. } => Some(temp.clone()),
                Step::Folder { .. } | Step::Remove { .. } => None,
            })
            .collect();
        for leftover in plan.leftovers.iter().filter(|l| !own_temps.contains(*l)) {
            if let Err(error) = fs::remove_file(out_dir.join(leftover)).map_err(at(leftover)) {
                self.undo(rename);
                return Err(error);
            }
        }
        for (index, file) in plan.state.iter().enumerate() {
            self.add_text((usize::MAX, index), file);
        }
        for path in &plan.removed {
            let step = Step::Remove {
                path: path.clone(),
                backup: sibling(path, "backup"),
            };
            let mut progress = self.progress();
            if progress.failure.is_none() {
                self.journal(&mut progress, step);
            }
        }
        let failure = self.progress().failure.take();
        if let Some(error) = failure {
            self.undo(rename);
            return Err(error);
        }
        let report = self.report(&plan);
        self.progress().journal = None;
        let steps = std::mem::take(&mut self.progress().steps);
        if steps.is_empty() {
            return Ok(report);
        }
        if let Err(error) = rename_all(out_dir, &steps, rename) {
            self.progress().steps = steps;
            self.undo(rename);
            return Err(error);
        }
        self.progress().journaled = false;
        finish(out_dir, &steps);
        let _ = fs::remove_file(out_dir.join(COMMITTED));
        Ok(report)
    }

    /// Whether, in a folder only compared, every file is as the run would
    /// leave it: nothing rendered differs, errspec's own files are current,
    /// and there is nothing to remove or repair.
    fn changes_nothing(&self, plan: &Plan) -> bool {
        let out_dir = self.out_dir;
        let current = |file: &OutputFile| {
            compare(&out_dir.join(&file.path), &file.contents)
                .is_ok_and(|check| check == FileCheck::UpToDate)
        };
        !self.progress().changed
            && !out_dir.join(JOURNAL).exists()
            && !out_dir.join(COMMITTED).exists()
            && plan.removed.is_empty()
            && plan.leftovers.is_empty()
            && plan.state.iter().all(current)
    }

    /// Each full path with what happened to it, in the order files were
    /// handed in, and the fingerprint of every file handed in.
    fn report(&self, plan: &Plan) -> (Report, Vec<(PathBuf, u64)>) {
        let mut progress = self.progress();
        progress.files.sort_by_key(|handled| handled.order);
        let mut report: Report = progress
            .files
            .iter()
            .filter(|handled| !handled.path.starts_with(STATE))
            .map(|handled| (self.out_dir.join(&handled.path), handled.status))
            .collect();
        report.extend(
            plan.removed
                .iter()
                .map(|path| (self.out_dir.join(path), FileStatus::Removed)),
        );
        let fingerprints = progress
            .files
            .iter()
            .map(|handled| (handled.path.clone(), handled.fingerprint))
            .collect();
        (report, fingerprints)
    }

    /// Puts back everything the run did. The journal stays if that fails,
    /// for the next run.
    fn undo(&self, rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>) {
        let mut progress = self.progress();
        progress.journal = None;
        let steps = std::mem::take(&mut progress.steps);
        if progress.journaled && (steps.is_empty() || undo(self.out_dir, &steps, rename)) {
            let _ = fs::remove_file(self.out_dir.join(JOURNAL));
            progress.journaled = false;
        }
    }

    /// Ends a run that cannot go on (a render failed, say), putting back
    /// everything it did.
    pub(crate) fn abandon(self) {
        self.undo(&mut |from, to| fs::rename(from, to));
    }
}

/// Renames every staged file into place (moving each replaced or removed
/// one to its backup), then marks the journal committed.
fn rename_all(
    out_dir: &Path,
    steps: &[Step],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<(), IoError> {
    let at = |path: &Path| {
        let path = out_dir.join(path);
        move |source| IoError { path, source }
    };
    for step in steps {
        match step {
            Step::Replace { path, backup, temp } => {
                rename(&out_dir.join(path), &out_dir.join(backup))
                    .and_then(|()| rename(&out_dir.join(temp), &out_dir.join(path)))
                    .map_err(at(path))?;
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
    rename(&out_dir.join(JOURNAL), &out_dir.join(COMMITTED)).map_err(at(Path::new(JOURNAL)))
}

/// How the file at `path` on disk compares with what `write` writes,
/// compared as it is written. An error is the template's.
pub(crate) fn check_file(
    out_dir: &Path,
    path: &Path,
    write: Write<'_>,
) -> Result<Result<FileCheck, IoError>, minijinja::Error> {
    let path = out_dir.join(path);
    let old = match existing(&path) {
        Ok(old) => old,
        Err(source) => return Ok(Err(IoError { path, source })),
    };
    let compared = write_file(None, old.as_ref().map(|meta| (&*path, meta)), write)?;
    Ok(match compared {
        Err(source) => Err(IoError { path, source }),
        Ok(_) if old.is_none() => Ok(FileCheck::Missing),
        Ok(written) if written.same => Ok(FileCheck::UpToDate),
        Ok(_) => Ok(FileCheck::Stale),
    })
}

/// What `check` reports, given each rendered file's path (relative to
/// `out_dir`) and [`check_file`]'s answer, in the output's order: an
/// interrupted run, every rendered file, errspec's own files when they are
/// not up to date, and the strays. Writes nothing.
pub(crate) fn check_report(
    out_dir: &Path,
    checked: Vec<(PathBuf, FileCheck)>,
    targets: &[Target],
) -> Result<Vec<(PathBuf, FileCheck)>, IoError> {
    let written = checked.iter().map(|(path, _)| path.clone()).collect();
    let plan = Plan::new(out_dir, &written, targets, None)?;
    let mut report = Vec::new();
    for journal in [JOURNAL, COMMITTED] {
        let path = out_dir.join(journal);
        if path.symlink_metadata().is_ok() {
            report.push((path, FileCheck::Interrupted));
        }
    }
    report.extend(
        checked
            .into_iter()
            .map(|(path, check)| (out_dir.join(path), check)),
    );
    for file in &plan.state {
        let path = out_dir.join(&file.path);
        let check = compare(&path, &file.contents).map_err(|source| IoError { path, source })?;
        if check != FileCheck::UpToDate {
            report.push((out_dir.join(&file.path), check));
        }
    }
    for stray in plan.removed.iter().chain(&plan.leftovers) {
        report.push((out_dir.join(stray), FileCheck::Stray));
    }
    Ok(report)
}

/// Everything one run writes and removes, relative to the output directory.
struct Plan {
    /// errspec's own: the manifest and the state folder's `.gitignore`.
    state: [OutputFile; 2],
    /// Files the old manifest lists, owned by this run's targets, that it no
    /// longer writes and that are there to remove.
    removed: Vec<PathBuf>,
    /// Temporary files and backups a killed run left in errspec's folders.
    leftovers: Vec<PathBuf>,
}

impl Plan {
    /// The plan of a run that writes the files at `written`.
    fn new(
        out_dir: &Path,
        written: &BTreeSet<PathBuf>,
        targets: &[Target],
        spec: Option<&Path>,
    ) -> Result<Self, IoError> {
        let protected = spec.and_then(|spec| fs::canonicalize(spec).ok());
        let mut kept = BTreeSet::new();
        let mut removed = Vec::new();
        for entry in read_manifest(out_dir)? {
            if written.contains(entry.as_path()) {
                continue;
            }
            if !targets.iter().any(|target| target.owns(&entry)) {
                kept.insert(entry);
                continue;
            }
            let path = out_dir.join(&entry);
            let removable = real_folders(out_dir, &entry).is_ok()
                && existing(&path).is_ok_and(|meta| meta.is_some())
                && protected
                    .as_ref()
                    .is_none_or(|spec| fs::canonicalize(&path).ok().as_ref() != Some(spec));
            if removable {
                removed.push(entry);
            }
        }
        let mut manifest = String::from(MANIFEST_HEADER);
        for path in written.iter().chain(&kept).collect::<BTreeSet<_>>() {
            manifest.push_str(&path.to_string_lossy().replace('\\', "/"));
            manifest.push('\n');
        }
        let folders: BTreeSet<&Path> = written
            .iter()
            .chain(&removed)
            .map(|path| path.parent().unwrap_or(Path::new("")))
            .collect();
        let leftovers = leftovers(out_dir, &folders)?;
        let state = [
            OutputFile {
                path: PathBuf::from(MANIFEST),
                contents: manifest,
            },
            OutputFile {
                path: PathBuf::from(STATE_GITIGNORE),
                contents: "# errspec's working files; the manifest is committed with the output.\nlock\njournal\njournal.tmp\ncommitted\ncache\ncache.tmp\n".to_owned(),
            },
        ];
        Ok(Self {
            state,
            removed,
            leftovers,
        })
    }
}

/// A fingerprint of everything a run's output depends on: this errspec (its
/// version, and the size and time of the running executable, which a
/// rebuilt errspec changes), the spec's path as given (the output quotes it)
/// and bytes, and the targets. `None` when the executable cannot be found,
/// so nothing is cached.
pub(crate) fn inputs(spec: &Path, source: &[u8], targets: &[Target]) -> Option<u64> {
    let executable = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let built = executable
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let names: Vec<&str> = targets.iter().map(|target| target.name()).collect();
    Some(fingerprint(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        &executable.len().to_le_bytes(),
        &built.to_le_bytes(),
        spec.as_os_str().as_encoded_bytes(),
        source,
        names.join(" ").as_bytes(),
    ]))
}

/// What a run from `inputs` reports, without rendering, when the cache says
/// the last run here had the same inputs and every file it wrote is still as
/// written: each unchanged. `None` otherwise, after an interrupted run, or
/// with leftovers of a killed run to remove.
///
/// The cache checks itself: a run that fails or is killed leaves it as it
/// was, which is right once the old files are back, and which no longer
/// matches the files while they are not.
pub(crate) fn unchanged(out_dir: &Path, inputs: u64) -> Option<Report> {
    if out_dir.join(JOURNAL).exists() || out_dir.join(COMMITTED).exists() {
        return None;
    }
    let cache = String::from_utf8(read_regular(&out_dir.join(CACHE)).ok()?).ok()?;
    let mut lines = cache.lines().filter(|line| !line.starts_with('#'));
    if lines.next()? != format!("{inputs:016x}") {
        return None;
    }
    let mut report = Vec::new();
    for line in lines {
        let (hash, path) = line.split_once('\t')?;
        let path = PathBuf::from(path);
        if !is_inside(&path) || real_folders(out_dir, &path).is_err() {
            return None;
        }
        let full = out_dir.join(&path);
        let contents = read_regular(&full).ok()?;
        if format!("{:016x}", fingerprint(&[&contents])) != hash {
            return None;
        }
        if !path.starts_with(STATE) {
            report.push((full, FileStatus::Unchanged));
        }
    }
    let folders: BTreeSet<&Path> = report
        .iter()
        .filter_map(|(path, _)| path.strip_prefix(out_dir).ok()?.parent())
        .collect();
    leftovers(out_dir, &folders)
        .ok()?
        .is_empty()
        .then_some(report)
}

/// Records in the cache that the files with these `fingerprints` are what a
/// run from `inputs` left, errspec's own manifest and `.gitignore` included
/// (which `check` checks too). Best effort: a folder errspec cannot write to
/// just goes uncached.
pub(crate) fn remember(out_dir: &Path, inputs: u64, fingerprints: &[(PathBuf, u64)]) {
    let mut cache = format!("{CACHE_HEADER}{inputs:016x}\n");
    for (path, fingerprint) in fingerprints {
        let path = path.to_string_lossy().replace('\\', "/");
        cache.push_str(&format!("{fingerprint:016x}\t{path}\n"));
    }
    let draft = out_dir.join(format!("{CACHE}.tmp"));
    if fs::write(&draft, cache).is_err() || fs::rename(&draft, out_dir.join(CACHE)).is_err() {
        let _ = fs::remove_file(&draft);
    }
}

/// A 64-bit fingerprint of `parts` (FNV-1a over 8-byte words, each part
/// followed by its length): it notices changes; it does not resist forgery.
fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut fingerprint = Fingerprint::default();
    for part in parts {
        fingerprint.write(part);
        fingerprint.end_part();
    }
    fingerprint.hash
}

/// [`fingerprint`] as the parts' bytes come, in pieces of any size.
struct Fingerprint {
    hash: u64,
    /// The bytes of a word not yet whole.
    word: [u8; 8],
    filled: usize,
    /// The length of the part so far.
    len: u64,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Self {
            hash: 0xcbf2_9ce4_8422_2325,
            word: [0; 8],
            filled: 0,
            len: 0,
        }
    }
}

impl Fingerprint {
    fn mix(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.filled > 0 {
            let taken = (8 - self.filled).min(bytes.len());
            self.word[self.filled..self.filled + taken].copy_from_slice(&bytes[..taken]);
            self.filled += taken;
            bytes = &bytes[taken..];
            if self.filled < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.word));
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.mix(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        self.word[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// Ends a part: mixes in its last bytes, then its length.
    fn end_part(&mut self) {
        let mut tail = [0; 8];
        tail[..self.filled].copy_from_slice(&self.word[..self.filled]);
        self.mix(u64::from_le_bytes(tail));
        let len = self.len;
        self.mix(len);
        self.filled = 0;
        self.len = 0;
    }
}

/// Temporary files and backups errspec's naming marks (`.NAME.errspec-...`)
/// in `folders` of `out_dir`.
fn leftovers(out_dir: &Path, folders: &BTreeSet<&Path>) -> Result<Vec<PathBuf>, IoError> {
    let mut found = Vec::new();
    for folder in folders {
        let dir = out_dir.join(folder);
        if real_folders(out_dir, &folder.join("x")).is_err() {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(IoError { path: dir, source }),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_leftover(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                found.push(folder.join(name));
            }
        }
    }
    Ok(found)
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
        .filter(|entry| is_inside(entry) && !entry.starts_with(STATE))
        .collect())
}

/// Whether `path` is a plain relative path: no root, no `..`, no `.`.
fn is_inside(path: &Path) -> bool {
    path.components().next().is_some()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// One step of a run, as the journal records it.
#[derive(Debug, PartialEq)]
enum Step {
    /// The run creates folder `path`.
    Folder { path: PathBuf },
    /// `path` is replaced: the old file goes to `backup`, `temp` comes in.
    Replace {
        path: PathBuf,
        backup: PathBuf,
        temp: PathBuf,
    },
    /// `path` does not exist; `temp` becomes it.
    Create { path: PathBuf, temp: PathBuf },
    /// `path` is removed by moving it to `backup`.
    Remove { path: PathBuf, backup: PathBuf },
}

impl Step {
    fn line(&self) -> String {
        let show = |p: &Path| p.to_string_lossy().replace('\\', "/");
        match self {
            Step::Folder { path } => format!("folder\t{}\n", show(path)),
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
        }
    }

    /// A journal line back as a step; `None` for anything malformed, or
    /// naming a path outside the output folder.
    fn parse(line: &str) -> Option<Step> {
        let mut fields = line.split('\t');
        let kind = fields.next()?;
        let paths: Vec<PathBuf> = fields.map(PathBuf::from).collect();
        if !paths.iter().all(|p| is_inside(p)) {
            return None;
        }
        Some(match (kind, paths.as_slice()) {
            ("folder", [path]) => Step::Folder { path: path.clone() },
            ("replace", [path, backup, temp]) => Step::Replace {
                path: path.clone(),
                backup: backup.clone(),
                temp: temp.clone(),
            },
            ("create", [path, temp]) => Step::Create {
                path: path.clone(),
                temp: temp.clone(),
            },
            ("remove", [path, backup]) => Step::Remove {
                path: path.clone(),
                backup: backup.clone(),
            },
            _ => return None,
        })
    }

    /// Every path the step touches.
    fn paths(&self) -> Vec<&Path> {
        match self {
            Step::Folder { path } => vec![path],
            Step::Replace { path, backup, temp } => vec![path, backup, temp],
            Step::Create { path, temp } => vec![path, temp],
            Step::Remove { path, backup } => vec![path, backup],
        }
    }
}

/// Repairs what a killed run left: a journal is undone, a committed
/// journal finished.
fn recover(out_dir: &Path) -> Result<(), IoError> {
    for (file, committed) in [(JOURNAL, false), (COMMITTED, true)] {
        let path = out_dir.join(file);
        let text = match read_regular(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(IoError { path, source }),
        };
        // Only whole lines (a run killed while journaling a step leaves a
        // torn last line, and had not begun the step), and only steps wholly
        // inside real folders: a journal cannot be made to reach through a
        // link, or outside the output folder.
        let steps: Vec<Step> = text
            .split_inclusive('\n')
            .filter_map(|line| line.strip_suffix('\n'))
            .filter_map(Step::parse)
            .filter(|step| {
                step.paths()
                    .iter()
                    .all(|p| real_folders(out_dir, p).is_ok())
            })
            .collect();
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

/// Completes a set of renames: removes the backups, and the folders that
/// removed files leave empty.
fn finish(out_dir: &Path, steps: &[Step]) {
    for step in steps {
        match step {
            Step::Replace { backup, .. } => {
                let _ = fs::remove_file(out_dir.join(backup));
            }
            Step::Remove { path, backup } => {
                let _ = fs::remove_file(out_dir.join(backup));
                if let Some(parent) = path.parent() {
                    remove_empty_parents(out_dir, parent);
                }
            }
            Step::Create { .. } | Step::Folder { .. } => {}
        }
    }
}

/// An error if a folder on the way to `path` (relative to `out_dir`) is a
/// symbolic link: errspec neither writes nor removes through one.
fn real_folders(out_dir: &Path, path: &Path) -> io::Result<()> {
    let mut folder = PathBuf::new();
    let mut components = path.components().peekable();
    while let Some(component) = components.next() {
        if components.peek().is_none() {
            break;
        }
        folder.push(component);
        match fs::symlink_metadata(out_dir.join(&folder)) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "`{}` is a symbolic link; errspec writes only into real folders",
                        folder.display()
                    ),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            _ => {}
        }
    }
    Ok(())
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
                && pid.chars().chain(n.chars()).all(|c| c.is_ascii_digit())
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

/// Creates the temporary file `temp`. A file of that name can only be a
/// killed run's: the lock is held.
fn create_temp(temp: &Path) -> io::Result<fs::File> {
    let _ = fs::remove_file(temp);
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
}

/// Writes the temporary `file` at `temp` with `write`, comparing it with
/// `old`, the file it replaces, as it goes. A staged file that differs gets
/// the old file's permissions; one that does not is for the caller to
/// remove. No fsync: the renames already keep readers from ever seeing a
/// partial file, and syncing costs more than rendering does.
fn stage(
    mut file: fs::File,
    temp: &Path,
    old: Option<(&Path, &fs::Metadata)>,
    write: Write<'_>,
) -> Result<io::Result<Written>, minijinja::Error> {
    let written = write_file(Some(&mut file), old, write);
    let written = match written {
        Ok(Ok(written)) => written,
        failed => {
            let _ = fs::remove_file(temp);
            return failed;
        }
    };
    if let Some((_, meta)) = old.filter(|(_, meta)| meta.is_file() && !written.same)
        && let Err(error) = fs::set_permissions(temp, meta.permissions())
    {
        let _ = fs::remove_file(temp);
        return Ok(Err(error));
    }
    Ok(Ok(written))
}

/// What [`write_file`] found.
struct Written {
    /// Whether the old file holds exactly the text written.
    same: bool,
    fingerprint: u64,
}

/// Writes a file with `write` into `to` (or nowhere), comparing it with the
/// `old` file at its path (only a regular file can be the same) and
/// fingerprinting it as it goes.
fn write_file(
    to: Option<&mut dyn io::Write>,
    old: Option<(&Path, &fs::Metadata)>,
    write: Write<'_>,
) -> Result<io::Result<Written>, minijinja::Error> {
    let old = match old.filter(|(_, meta)| meta.is_file()) {
        Some((path, _)) => match fs::File::open(path) {
            Ok(file) => Some(io::BufReader::with_capacity(64 * 1024, file)),
            Err(error) => return Ok(Err(error)),
        },
        None => None,
    };
    let mut sink = Sink {
        same: old.is_some(),
        to,
        old,
        compared: Vec::new(),
        fingerprint: Fingerprint::default(),
    };
    let mut out = Out::new(&mut sink);
    write(&mut out)?;
    Ok(out.finish().and_then(|()| sink.finish()))
}

/// Where a file's text goes as it is written: on to a file, if any, and
/// through a comparison with the old file and the fingerprint.
struct Sink<'a> {
    to: Option<&'a mut dyn io::Write>,
    old: Option<io::BufReader<fs::File>>,
    /// Whether the old file has held the text so far.
    same: bool,
    /// The old file's bytes read to compare.
    compared: Vec<u8>,
    fingerprint: Fingerprint,
}

impl Sink<'_> {
    fn finish(mut self) -> io::Result<Written> {
        if self.same
            && let Some(old) = &mut self.old
        {
            self.same = old.read(&mut [0])? == 0;
        }
        self.fingerprint.end_part();
        Ok(Written {
            same: self.same,
            fingerprint: self.fingerprint.hash,
        })
    }
}

impl io::Write for Sink<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let Some(to) = &mut self.to {
            to.write_all(bytes)?;
        }
        self.fingerprint.write(bytes);
        if self.same
            && let Some(old) = &mut self.old
        {
            self.compared.resize(bytes.len(), 0);
            self.same = match old.read_exact(&mut self.compared) {
                Ok(()) => self.compared == bytes,
                Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => false,
                Err(error) => return Err(error),
            };
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.to {
            Some(to) => to.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use super::*;

    const RUST: &[Target] = &[Target::Rust];

    #[test]
    fn a_fingerprint_changes_with_any_byte_and_any_boundary() {
        let text = b"pub enum ErrorCode { NotFound, RateLimited }\n".as_slice();
        let whole = fingerprint(&[text]);
        for at in 0..text.len() {
            let mut changed = text.to_vec();
            changed[at] ^= 0x20;
            assert_ne!(fingerprint(&[&changed]), whole, "byte {at}");
            let (a, b) = text.split_at(at);
            assert_ne!(fingerprint(&[a, b]), whole, "split at {at}");
        }
        assert_ne!(fingerprint(&[b"ab"]), fingerprint(&[b"ab\0"]));
        assert_eq!(fingerprint(&[text]), whole);
    }

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

    /// `write_all` of files no spec is among.
    fn write(dir: &Path, files: &[OutputFile], targets: &[Target]) -> Result<Report, IoError> {
        write_all(dir, files, targets, Path::new("no-spec.yaml"))
    }

    /// What `check` reports for `files`.
    fn check_all(
        dir: &Path,
        files: &[OutputFile],
        targets: &[Target],
    ) -> Result<Vec<(PathBuf, FileCheck)>, IoError> {
        let checked = files
            .iter()
            .map(|file| {
                let write: Write<'_> = &mut |out| {
                    out.push_str(&file.contents);
                    Ok(())
                };
                let check = check_file(dir, &file.path, write).expect("no template");
                Ok((file.path.clone(), check?))
            })
            .collect::<Result<_, IoError>>()?;
        check_report(dir, checked, targets)
    }

    /// A whole run of `files`, as `generate` makes one.
    fn write_all(
        dir: &Path,
        files: &[OutputFile],
        targets: &[Target],
        spec: &Path,
    ) -> Result<Report, IoError> {
        write_with(dir, files, targets, spec, &mut |from, to| {
            fs::rename(from, to)
        })
    }

    /// A whole run of `files`, each rename going through `rename`.
    fn write_with(
        dir: &Path,
        files: &[OutputFile],
        targets: &[Target],
        spec: &Path,
        rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    ) -> Result<Report, IoError> {
        let run = Run::start(dir, targets, spec)?;
        for (index, file) in files.iter().enumerate() {
            let write: Write<'_> = &mut |out| {
                out.push_str(&file.contents);
                Ok(())
            };
            if !run.add((0, index), &file.path, write).expect("no template") {
                break;
            }
        }
        run.finish_with(rename).map(|(report, _)| report)
    }

    /// `write_with`, each rename going through `rename`.
    fn write_through(
        dir: &Path,
        files: &[OutputFile],
        rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    ) -> Result<Report, IoError> {
        write_with(dir, files, RUST, Path::new("no-spec.yaml"), rename)
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

    fn names(tree: &[(String, String)]) -> Vec<&str> {
        tree.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// A file whose temporary file cannot be made (a folder in its way
    /// here; a folder errspec may not write in, for a user) is still found
    /// unchanged; a changed one fails the run, and the file stays as it was.
    #[test]
    fn a_file_that_cannot_be_staged_may_still_be_unchanged() {
        let dir = scratch("unstageable");
        let files = [file("rust/x.rs", "one")];
        write(&dir, &files, RUST).unwrap();
        let temp = sibling(
            Path::new("rust/x.rs"),
            &format!("{}-0.tmp", std::process::id()),
        );
        fs::create_dir(dir.join(&temp)).unwrap();
        let again = write(&dir, &files, RUST).unwrap();
        assert_eq!(again[0].1, FileStatus::Unchanged);
        let error = write(&dir, &[file("rust/x.rs", "two")], RUST).unwrap_err();
        assert_eq!(error.path, dir.join("rust/x.rs"));
        assert_eq!(fs::read_to_string(dir.join("rust/x.rs")).unwrap(), "one");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn writes_then_leaves_unchanged_files_alone() {
        let dir = scratch("unchanged");
        let files = [file("rust/x.rs", "one"), file("rust/y.rs", "two")];
        let first = write(&dir, &files, RUST).unwrap();
        assert!(
            first.iter().all(|(_, s)| *s == FileStatus::Written),
            "{first:?}"
        );
        let mtime = fs::metadata(dir.join("rust/x.rs"))
            .unwrap()
            .modified()
            .unwrap();

        let changed = [file("rust/x.rs", "one"), file("rust/y.rs", "changed")];
        let second = write(&dir, &changed, RUST).unwrap();
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
            names(&tree(&dir)),
            [
                ".errspec/.gitignore",
                ".errspec/manifest",
                "rust/x.rs",
                "rust/y.rs"
            ],
            "no temporary file, backup or journal is left"
        );
        assert!(
            check_all(&dir, &changed, RUST)
                .unwrap()
                .iter()
                .all(|(_, c)| *c == FileCheck::UpToDate)
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A set where each kind of step happens: files replaced, created in a
    /// new folder and removed, and the manifest rewritten.
    fn every_kind_of_step(dir: &Path) -> (Vec<(String, String)>, Vec<OutputFile>) {
        let old = [
            file("rust/a.rs", "a1"),
            file("rust/b.rs", "b1"),
            file("rust/old/gone.rs", "g"),
        ];
        write(dir, &old, RUST).unwrap();
        let new = vec![
            file("rust/a.rs", "a2"),
            file("rust/b.rs", "b2"),
            file("rust/new/d.rs", "d"),
        ];
        (tree(dir), new)
    }

    #[test]
    fn a_failed_rename_puts_every_file_back() {
        let dir = scratch("rollback");
        let (before, new) = every_kind_of_step(&dir);
        let mut failing = 1;
        loop {
            let mut renames = 0;
            let result = write_through(&dir, &new, &mut |from, to| {
                renames += 1;
                if renames == failing {
                    return Err(io::Error::other("injected"));
                }
                fs::rename(from, to)
            });
            if result.is_ok() {
                break;
            }
            assert_eq!(tree(&dir), before, "after a failure at rename {failing}");
            assert!(!dir.join("rust/new").exists(), "the new folder is gone");
            failing += 1;
        }
        // Two replaced (2 renames each), a created file, a removal, the
        // manifest replaced (2), and the journal's commit.
        assert_eq!(
            failing, 10,
            "every rename, the commit included, was failed once"
        );
        assert_eq!(
            names(&tree(&dir)),
            [
                ".errspec/.gitignore",
                ".errspec/manifest",
                "rust/a.rs",
                "rust/b.rs",
                "rust/new/d.rs"
            ]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_run_killed_at_any_rename_is_undone_by_the_next() {
        let dir = scratch("killed");
        let (before, new) = every_kind_of_step(&dir);
        for killed_at in 1..=9 {
            let mut renames = 0;
            // A panic stands for the kill: nothing after it runs, no undo.
            let run = catch_unwind(AssertUnwindSafe(|| {
                write_through(&dir, &new, &mut |from, to| {
                    renames += 1;
                    assert!(renames < killed_at, "killed");
                    fs::rename(from, to)
                })
            }));
            assert!(run.is_err(), "killed at rename {killed_at}");
            let checks = check_all(&dir, &new, RUST).unwrap();
            assert!(
                checks.contains(&(dir.join(JOURNAL), FileCheck::Interrupted)),
                "{checks:?}"
            );

            // A run of the old files first restores them, then finds
            // nothing to do.
            let old = [
                file("rust/a.rs", "a1"),
                file("rust/b.rs", "b1"),
                file("rust/old/gone.rs", "g"),
            ];
            let restored = write(&dir, &old, RUST).unwrap();
            assert!(
                restored.iter().all(|(_, s)| *s == FileStatus::Unchanged),
                "{restored:?}"
            );
            assert_eq!(tree(&dir), before, "killed at rename {killed_at}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_run_killed_after_its_commit_is_finished_by_the_next() {
        let dir = scratch("committed");
        let (_, new) = every_kind_of_step(&dir);
        let run = catch_unwind(AssertUnwindSafe(|| {
            write_through(&dir, &new, &mut |from, to| {
                fs::rename(from, to)?;
                assert!(!to.ends_with(COMMITTED), "killed right after the commit");
                Ok(())
            })
        }));
        assert!(run.is_err());
        assert!(dir.join(COMMITTED).exists());
        let report = write(&dir, &new, RUST).unwrap();
        assert!(
            report.iter().all(|(_, s)| *s == FileStatus::Unchanged),
            "{report:?}"
        );
        assert_eq!(
            names(&tree(&dir)),
            [
                ".errspec/.gitignore",
                ".errspec/manifest",
                "rust/a.rs",
                "rust/b.rs",
                "rust/new/d.rs"
            ]
        );
        assert!(
            !dir.join("rust/old").exists(),
            "the emptied folder went too"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn what_a_run_killed_while_staging_left_is_cleaned_even_elsewhere() {
        let dir = scratch("staging");
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        let run = catch_unwind(AssertUnwindSafe(|| {
            write_through(
                &dir,
                &[file("rust/a.rs", "a"), file("rust/pkg/new.rs", "n")],
                &mut |_, _| panic!("killed before the first rename"),
            )
        }));
        assert!(run.is_err());
        assert!(
            dir.join("rust/pkg").exists(),
            "the killed run made its folder and staged"
        );
        // The next run writes elsewhere, yet the journal takes it all back.
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        assert_eq!(
            names(&tree(&dir)),
            [".errspec/.gitignore", ".errspec/manifest", "rust/a.rs"]
        );
        assert!(!dir.join("rust/pkg").exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_torn_or_doctored_journal_reaches_nothing_outside() {
        let dir = scratch("journal");
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        let outside = dir.with_extension("outside");
        fs::write(&outside, "keep").unwrap();
        let name = outside.file_name().unwrap().to_string_lossy().into_owned();
        fs::write(
            dir.join(JOURNAL),
            format!(
                "create\t../{name}\trust/.x\nremove\t{}\trust/.b\ncreate\trust/a.rs\t\nfolder\n",
                outside.display()
            ),
        )
        .unwrap();
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(fs::read_to_string(dir.join("rust/a.rs")).unwrap(), "a");
        assert!(!dir.join(JOURNAL).exists());
        fs::remove_file(outside).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_step_journaled_in_part_was_not_begun() {
        let dir = scratch("torn");
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        // Killed while journaling the creation of `b.rs`, which someone
        // else then made: undoing the torn step would remove it.
        fs::write(dir.join("rust/b.rs"), "not errspec's").unwrap();
        fs::write(
            dir.join(JOURNAL),
            "create\trust/b.rs\trust/.b.rs.errspec-1-0.tm",
        )
        .unwrap();
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("rust/b.rs")).unwrap(),
            "not errspec's"
        );
        assert!(!dir.join(JOURNAL).exists());
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
                scope.spawn(move || write(dir, set, RUST).unwrap());
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
    fn files_errspec_no_longer_writes_are_removed_and_others_kept() {
        let dir = scratch("stale");
        let both = &[Target::Python, Target::Rust];
        write(
            &dir,
            &[
                file("python/src/old_name/__init__.py", "x"),
                file("rust/errors.rs", "r"),
            ],
            both,
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

        let checks = check_all(&dir, &renamed, both).unwrap();
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

        let report = write(&dir, &renamed, both).unwrap();
        assert!(report.contains(&(
            dir.join("python/src/old_name/__init__.py"),
            FileStatus::Removed
        )));
        assert!(!dir.join("python/src/old_name/__init__.py").exists());
        assert!(dir.join("python/src/old_name/.errspec-not-a-temp").exists());
        assert!(dir.join("python/src/mine.txt").exists());
        assert!(dir.join("python/src/new_name/__init__.py").exists());
        assert!(
            check_all(&dir, &renamed, both)
                .unwrap()
                .iter()
                .all(|(_, c)| *c == FileCheck::UpToDate)
        );

        // A run of other targets keeps this one's files in the manifest.
        write(&dir, &[file("rust/errors.rs", "r")], RUST).unwrap();
        let manifest = fs::read_to_string(dir.join(MANIFEST)).unwrap();
        assert!(
            manifest.contains("python/src/new_name/__init__.py\n"),
            "{manifest}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_spec_is_never_removed_even_when_the_manifest_lists_it() {
        let dir = scratch("spec");
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        fs::write(dir.join("rust/spec.yaml"), "version: 1").unwrap();
        fs::write(dir.join(MANIFEST), "rust/a.rs\nrust/spec.yaml\n").unwrap();
        write_all(
            &dir,
            &[file("rust/a.rs", "a")],
            RUST,
            &dir.join("rust/spec.yaml"),
        )
        .unwrap();
        assert!(dir.join("rust/spec.yaml").exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_emptied_folder_goes_with_its_files() {
        let dir = scratch("emptied");
        write(
            &dir,
            &[file("rust/gone/a.rs", "a"), file("rust/b.rs", "b")],
            RUST,
        )
        .unwrap();
        write(&dir, &[file("rust/b.rs", "b")], RUST).unwrap();
        assert!(!dir.join("rust/gone").exists());
        assert!(dir.join("rust").exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn leftover_temporary_files_are_strays_and_removed() {
        let dir = scratch("leftovers");
        let files = [file("rust/a.rs", "a")];
        write(&dir, &files, RUST).unwrap();
        let leftover = dir.join("rust/.a.rs.errspec-123-0.tmp");
        fs::write(&leftover, "half").unwrap();
        let checks = check_all(&dir, &files, RUST).unwrap();
        assert!(
            checks.contains(&(leftover.clone(), FileCheck::Stray)),
            "{checks:?}"
        );
        write(&dir, &files, RUST).unwrap();
        assert!(!leftover.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_doctored_manifest_cannot_remove_files_outside_the_folder() {
        let dir = scratch("doctored");
        let outside = dir.with_extension("outside");
        fs::write(&outside, "keep").unwrap();
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        let name = outside.file_name().unwrap().to_string_lossy();
        fs::write(
            dir.join(MANIFEST),
            format!("rust/../../{name}\n{}\n", outside.display()),
        )
        .unwrap();
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
        fs::remove_file(outside).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_or_removed_through_a_linked_folder() {
        let dir = scratch("linked");
        let elsewhere = dir.with_extension("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("old.rs"), "not errspec's").unwrap();
        write(
            &dir,
            &[file("rust/a.rs", "a"), file("rust/sub/old.rs", "o")],
            RUST,
        )
        .unwrap();
        fs::remove_dir_all(dir.join("rust/sub")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("rust/sub")).unwrap();

        // The manifest lists rust/sub/old.rs: it is not removed through the link.
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        assert_eq!(
            fs::read_to_string(elsewhere.join("old.rs")).unwrap(),
            "not errspec's"
        );
        // Nor is anything written through it.
        let error = write(&dir, &[file("rust/sub/new.rs", "n")], RUST).unwrap_err();
        assert!(
            error.source.to_string().contains("is a symbolic link"),
            "{error:?}"
        );
        assert!(!elsewhere.join("new.rs").exists());
        fs::remove_dir_all(&elsewhere).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_first_run_leaves_only_its_lock() {
        let dir = scratch("first");
        fs::create_dir_all(dir.join("rust/a.rs")).unwrap();
        let result = write(
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
        assert_eq!(
            names(&tree(&dir)),
            [] as [&str; 0],
            "only the lock, which stays for every run"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_staging_leaves_the_set_as_it_was() {
        let dir = scratch("staging");
        let old = [file("rust/a.rs", "old a"), file("rust/b.rs", "old b")];
        write(&dir, &old, RUST).unwrap();
        let before = tree(&dir);
        // A folder where `b.rs`'s temporary file goes: staging it fails,
        // whichever thread gets there first.
        let blocker = dir.join(sibling(
            Path::new("rust/b.rs"),
            &format!("{}-0.tmp", std::process::id()),
        ));
        fs::create_dir(&blocker).unwrap();
        let new: Vec<OutputFile> = (0..20)
            .map(|n| file(&format!("rust/new{n}.rs"), "new"))
            .chain([file("rust/a.rs", "new a"), file("rust/b.rs", "new b")])
            .collect();
        let error = write(&dir, &new, RUST).unwrap_err();
        assert!(error.path.ends_with("rust/b.rs"), "{error:?}");
        fs::remove_dir(&blocker).unwrap();
        assert_eq!(tree(&dir), before);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_links_replaced_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("modes");
        write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap();
        fs::set_permissions(dir.join("rust/a.rs"), fs::Permissions::from_mode(0o600)).unwrap();
        let target = dir.with_extension("target");
        fs::write(&target, "not errspec's").unwrap();
        std::os::unix::fs::symlink(&target, dir.join("rust/b.rs")).unwrap();

        write(
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
            write(&dir, &[file("rust/a.rs", "a")], RUST).unwrap_err(),
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
