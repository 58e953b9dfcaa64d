//! The pinned external tools the tests use, as `scripts/test` installs them.
//! A missing tool fails the test loudly; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
