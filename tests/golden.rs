//! Golden files: every target's output for the hostile spec, compared byte
//! for byte on every run, so no change to templates, runtimes or escaping
//! alters generated code unnoticed.
//!
//! A difference fails the test. After a deliberate change to the output, run
//! `ERRSPEC_BLESS=1 cargo test --test golden` to rewrite `tests/golden/`, and
//! review the diff like any other change.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn hostile_spec_output_matches_the_golden_files() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("golden");
    fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("hostile.yaml");
    fs::write(&spec, common::hostile_spec().to_yaml()).unwrap();
    let rendered: BTreeMap<PathBuf, String> = errspec::Builder::new(&spec)
        .render()
        .unwrap()
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect();

    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/hostile");
    if std::env::var_os("ERRSPEC_BLESS").is_some_and(|v| v == "1") {
        let _ = fs::remove_dir_all(&golden);
        for (path, contents) in &rendered {
            let path = golden.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        eprintln!(
            "blessed {} golden files in {}",
            rendered.len(),
            golden.display()
        );
        return;
    }

    let on_disk = files_under(&golden);
    let mut problems = Vec::new();
    for (path, contents) in &rendered {
        match on_disk.get(path) {
            None => problems.push(format!("{}: rendered, but no golden file", path.display())),
            Some(golden) if golden != contents => problems.push(format!(
                "{}: differs from the golden file, first at line {}",
                path.display(),
                first_difference(golden, contents)
            )),
            Some(_) => {}
        }
    }
    for path in on_disk.keys().filter(|path| !rendered.contains_key(*path)) {
        problems.push(format!(
            "{}: a golden file errspec no longer renders",
            path.display()
        ));
    }
    assert!(
        problems.is_empty(),
        "generated output changed:\n  {}\nIf the change is intended, run \
         `ERRSPEC_BLESS=1 cargo test --test golden` and review the diff of tests/golden/.",
        problems.join("\n  ")
    );
}

/// Every file under `root`, by its path relative to `root`.
fn files_under(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with ERRSPEC_BLESS=1 to create it",
                folder.display()
            )
        });
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                let bytes = fs::read(&path).unwrap();
                files.insert(relative, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    files
}

/// The 1-based number of the first line where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    a.split('\n')
        .zip(b.split('\n'))
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.split('\n').count().min(b.split('\n').count()))
        + 1
}
