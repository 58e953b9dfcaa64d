//! The pinned external tools the tests use, as `scripts/test` installs them.
//! A missing tool fails the test loudly; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository: the workspace root above the crate whose tests use this.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").exists())
        .expect("the workspace root has Cargo.lock")
}

fn installed(path: PathBuf, what: &str) -> PathBuf {
    assert!(
        path.exists(),
        "{what} is not installed at {}: run scripts/test, which installs the pinned test tools",
        path.display()
    );
    path
}

/// The Python of the test venv (jsonschema, openapi-spec-validator, ...).
pub fn python() -> PathBuf {
    installed(repo().join("target/tools/venv/bin/python"), "the test venv")
}

/// `mypy --strict` of the test venv, without a cache.
pub fn mypy_strict() -> Command {
    let mut command = Command::new(python());
    command.args([
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--cache-dir",
        "/dev/null",
    ]);
    command
}

/// An executable from the pinned npm packages in `tests/tools`.
pub fn node_bin(name: &str) -> PathBuf {
    installed(
        repo().join("tests/tools/node_modules/.bin").join(name),
        name,
    )
}

/// A script in `tests/tools`.
pub fn script(name: &str) -> PathBuf {
    repo().join("tests/tools").join(name)
}

/// Runs `command`, panicking with its output unless it succeeds; returns stdout.
pub fn run(command: &mut Command, what: &str) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: could not start: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The CPython `version` (`3.9`, `3.13`) that pyenv installed on this
/// machine: under `$PYENV_ROOT` (or `~/.pyenv`), else on `PATH`.
pub fn cpython(version: &str) -> PathBuf {
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".pyenv")));
    let mut candidates = Vec::new();
    if let Some(versions) = pyenv_root.map(|root| root.join("versions"))
        && let Ok(entries) = std::fs::read_dir(&versions)
    {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name
                .strip_prefix(version)
                .is_some_and(|rest| rest.starts_with('.'))
            {
                candidates.push(entry.path().join("bin").join(format!("python{version}")));
            }
        }
    }
    candidates.sort();
    if let Some(found) = candidates.into_iter().rev().find(|path| path.exists()) {
        return found;
    }
    let on_path = format!("python{version}");
    if Command::new(&on_path)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return PathBuf::from(on_path);
    }
    panic!(
        "CPython {version} is not installed: the tests need it under pyenv \
         (`pyenv install {version}`) or as `python{version}` on PATH"
    );
}
