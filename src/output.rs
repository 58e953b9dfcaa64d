//! Writing rendered files to disk, atomically, and checking them for staleness.
//!
//! A file whose bytes are unchanged is left alone (its mtime too, so builds do
//! not rerun). Changed files are first all written to temporary files beside
//! their targets, and only then renamed over them: a failure before the
//! renames leaves the output directory exactly as it was, and a reader never
//! sees a half-written file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::targets::OutputFile;

/// What happened to one output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// The file was created or its content replaced.
    Written,
    /// The file already had exactly this content and was not touched.
    Unchanged,
}

/// How one output file on disk compares with what `generate` would write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileCheck {
    /// The file has exactly the content `generate` would write.
    UpToDate,
    /// The file exists with other content.
    Stale,
    /// The file does not exist.
    Missing,
}

/// An I/O failure on one path.
#[derive(Debug)]
pub struct IoError {
    /// The file or folder.
    pub path: PathBuf,
    /// What failed.
    pub source: io::Error,
}

/// Writes `files` under `out_dir`, returning each full path with its status.
pub fn write_all(
    out_dir: &Path,
    files: &[OutputFile],
) -> Result<Vec<(PathBuf, FileStatus)>, IoError> {
    let mut report = Vec::with_capacity(files.len());
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for file in files {
            let path = out_dir.join(&file.path);
            if compare(&path, &file.contents).map_err(|source| IoError {
                path: path.clone(),
                source,
            })? == FileCheck::UpToDate
            {
                report.push((path, FileStatus::Unchanged));
                continue;
            }
            let temp = stage(&path, file.contents.as_bytes())?;
            staged.push((temp, path.clone()));
            report.push((path, FileStatus::Written));
        }
        for (temp, path) in &staged {
            fs::rename(temp, path).map_err(|source| IoError {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
    }
    result.map(|()| report)
}

/// Compares `files` with what is under `out_dir`, writing nothing.
pub fn check_all(
    out_dir: &Path,
    files: &[OutputFile],
) -> Result<Vec<(PathBuf, FileCheck)>, IoError> {
    files
        .iter()
        .map(|file| {
            let path = out_dir.join(&file.path);
            let check = compare(&path, &file.contents).map_err(|source| IoError {
                path: path.clone(),
                source,
            })?;
            Ok((path, check))
        })
        .collect()
}

fn compare(path: &Path, contents: &str) -> io::Result<FileCheck> {
    match fs::read(path) {
        Ok(existing) if existing == contents.as_bytes() => Ok(FileCheck::UpToDate),
        Ok(_) => Ok(FileCheck::Stale),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(FileCheck::Missing),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to a new temporary file in `path`'s folder (creating the
/// folder if needed) and returns the temporary file's path.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, IoError> {
    let fail = |source| IoError {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for attempt in 0..100u32 {
        let temp = dir.join(format!(
            ".{name}.errspec-{}-{attempt}.tmp",
            std::process::id()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(mut file) => {
                // No fsync: the rename already keeps readers from ever seeing
                // a partial file, and syncing costs more than rendering does.
                let written = file.write_all(bytes);
                return match written {
                    Ok(()) => Ok(temp),
                    Err(source) => {
                        let _ = fs::remove_file(&temp);
                        Err(fail(source))
                    }
                };
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

#[cfg(test)]
mod tests {
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

    #[test]
    fn writes_then_leaves_unchanged_files_alone() {
        let dir = scratch("unchanged");
        let files = [file("a/x.txt", "one"), file("b.txt", "two")];
        let first = write_all(&dir, &files).unwrap();
        assert!(first.iter().all(|(_, s)| *s == FileStatus::Written));
        let mtime = fs::metadata(dir.join("a/x.txt"))
            .unwrap()
            .modified()
            .unwrap();

        let second = write_all(&dir, &[file("a/x.txt", "one"), file("b.txt", "changed")]).unwrap();
        assert_eq!(second[0].1, FileStatus::Unchanged);
        assert_eq!(second[1].1, FileStatus::Written);
        assert_eq!(
            fs::metadata(dir.join("a/x.txt"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime
        );
        assert_eq!(fs::read_to_string(dir.join("b.txt")).unwrap(), "changed");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = scratch("failed");
        write_all(&dir, &[file("keep.txt", "old")]).unwrap();
        // A file where a folder should be makes the second file fail to stage.
        fs::write(dir.join("blocker"), "").unwrap();
        let result = write_all(
            &dir,
            &[file("keep.txt", "new"), file("blocker/inner.txt", "x")],
        );
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(dir.join("keep.txt")).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn check_reports_missing_stale_and_up_to_date() {
        let dir = scratch("check");
        write_all(&dir, &[file("same.txt", "s"), file("old.txt", "o")]).unwrap();
        let checks = check_all(
            &dir,
            &[
                file("same.txt", "s"),
                file("old.txt", "new"),
                file("gone.txt", "g"),
            ],
        )
        .unwrap();
        let states: Vec<_> = checks.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            states,
            [FileCheck::UpToDate, FileCheck::Stale, FileCheck::Missing]
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
