//! Hostile input and faults, each reproduced the way it was found: through
//! the `errspec` command, against real files, FIFOs, devices and git. (The
//! spec's own rules are in spec_validation.rs; a run killed between renames
//! is simulated in the output module's unit tests.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SPEC: &str = "version: 1
name: Reliability Test
python:
  package: first_name
errors:
  - code: NOT_FOUND
    status: 404
    message: Not found.
    retryable: false
  - code: RATE_LIMITED
    status: 429
    message: Slow down.
    retryable: true
";

/// A fresh scratch folder holding `spec/errors.yaml`.
fn workspace(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("reliability-{name}"));
    unlock(&dir);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("spec")).unwrap();
    fs::write(dir.join("spec/errors.yaml"), SPEC).unwrap();
    dir
}

/// Runs `errspec` in `dir`, failing the test (not hanging it) after 60 s.
fn errspec(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errspec"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("errspec {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir` with its bytes, but errspec's lock.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if !path.ends_with(".errspec/lock") {
                let bytes = fs::read(&path).unwrap_or_default();
                files.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    files.sort();
    files
}

fn chattr(flag: &str, path: &Path) {
    let status = Command::new("chattr").arg(flag).arg(path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "chattr {flag} {} failed: the test needs root and a file system with immutable files (ext4)",
        path.display()
    );
}

/// Clears the immutable flag a failed test may have left under `dir`.
fn unlock(dir: &Path) {
    let _ = Command::new("chattr")
        .args(["-R", "-i"])
        .arg(dir)
        .stderr(Stdio::null())
        .status();
}

#[test]
fn a_revision_is_never_read_as_a_git_option() {
    let dir = workspace("git");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&dir)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "--quiet"]);
    git(&["add", "spec/errors.yaml"]);
    git(&["commit", "--quiet", "-m", "spec"]);

    let output = errspec(&dir, &["diff", "--", "--output=out:x", "spec/errors.yaml"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("a revision cannot start with `-`"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.join("out:x").exists() && !dir.join("out").exists(),
        "git wrote a file"
    );

    // A real revision still works, and one naming an option-like path too.
    let output = errspec(&dir, &["diff", "HEAD:spec/errors.yaml", "spec/errors.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "no changes\n");
    let output = errspec(&dir, &["diff", "HEAD:--output=x", "spec/errors.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.join("x").exists());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_failed_rename_leaves_the_whole_set_as_it_was() {
    let dir = workspace("immutable");
    assert!(errspec(&dir, &["generate"]).status.success());
    let before = snapshot(&dir);
    // Every file changes, and one of them cannot be replaced.
    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("Not found.", "Nothing here.")
            .replace("Reliability Test", "Reliability Test Two")
            .replace("first_name", "second_name"),
    )
    .unwrap();
    let locked = dir.join("generated/docs/errors.md");
    chattr("+i", &locked);
    let output = errspec(&dir, &["generate"]);
    chattr("-i", &locked);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("generated/docs/errors.md: error: cannot write"),
        "{}",
        stderr(&output)
    );
    let after: Vec<_> = snapshot(&dir)
        .into_iter()
        .filter(|(path, _)| path != Path::new("spec/errors.yaml"))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(path, _)| path != Path::new("spec/errors.yaml"))
        .collect();
    assert_eq!(
        after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "the same files, and no new package folder, temporary file, backup or journal"
    );
    assert!(after == before, "every file keeps its old content");
    assert!(!dir.join("generated/python/src/second_name").exists());

    // Once the file can be written again, the next run writes the new set.
    let output = errspec(&dir, &["generate"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(errspec(&dir, &["check"]).status.success());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_run_with_nothing_to_change_writes_nothing() {
    let dir = workspace("no-op");
    assert!(errspec(&dir, &["generate"]).status.success());
    // Not even the lock can be opened for writing now.
    let lock = dir.join("generated/.errspec/lock");
    chattr("+i", &lock);
    let output = errspec(&dir, &["generate"]);
    chattr("-i", &lock);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .lines()
            .all(|line| line.trim_start().starts_with("unchanged "))
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn files_errspec_no_longer_writes_are_removed_and_reported() {
    let dir = workspace("stale");
    assert!(errspec(&dir, &["generate"]).status.success());
    fs::write(dir.join("generated/python/src/notes.txt"), "mine").unwrap();
    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("first_name", "second_name"),
    )
    .unwrap();

    let output = errspec(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    for old in ["__init__.py", "py.typed"] {
        assert!(
            report.contains(&format!("  stray generated/python/src/first_name/{old}\n")),
            "{report}"
        );
    }
    assert!(!report.contains("notes.txt"), "{report}");

    let output = errspec(&dir, &["generate"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("removed generated/python/src/first_name/__init__.py"));
    assert!(!dir.join("generated/python/src/first_name").exists());
    assert!(
        dir.join("generated/python/src/second_name/__init__.py")
            .exists()
    );
    assert!(
        dir.join("generated/python/src/notes.txt").exists(),
        "not errspec's: kept"
    );

    // A temporary file a killed run left is a stray too, and goes.
    let leftover = dir.join("generated/rust/.errors.rs.errspec-4242-0.tmp");
    fs::write(&leftover, "half a file").unwrap();
    let output = errspec(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("stray generated/rust/.errors.rs.errspec-4242-0.tmp"));
    assert!(errspec(&dir, &["generate"]).status.success());
    assert!(!leftover.exists());
    assert!(errspec(&dir, &["check"]).status.success());
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_links_neither_exhaust_memory_nor_hang() {
    let dir = workspace("special");
    let output = errspec(&dir, &["validate", "--spec", "/dev/zero"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("/dev/zero: error: cannot read the spec: it is not a regular file"),
        "{}",
        stderr(&output)
    );

    let big = dir.join("big.yaml");
    let file = fs::File::create(&big).unwrap();
    file.set_len(errspec::spec::MAX_SPEC_BYTES + 1).unwrap();
    let output = errspec(&dir, &["validate", "--spec", "big.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("it is larger than errspec reads (64 MiB at most)"),
        "{}",
        stderr(&output)
    );

    let fifo = dir.join("spec.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let output = errspec(&dir, &["validate", "--spec", "spec.fifo"]);
    assert_eq!(output.status.code(), Some(2));

    assert!(errspec(&dir, &["generate"]).status.success());
    let output_file = dir.join("generated/rust/errors.rs");
    fs::remove_file(&output_file).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &output_file).unwrap();
    let output = errspec(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("  stale generated/rust/errors.rs"),
        "{}",
        stdout(&output)
    );
    assert!(
        errspec(&dir, &["generate"]).status.success(),
        "a link is replaced, not followed"
    );
    assert!(fs::symlink_metadata(&output_file).unwrap().is_file());

    fs::remove_file(&output_file).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(&output_file)
            .status()
            .unwrap()
            .success()
    );
    for (command, verb) in [("generate", "write"), ("check", "read")] {
        let output = errspec(&dir, &[command]);
        assert_eq!(output.status.code(), Some(3), "{command}");
        assert!(
            stderr(&output).contains(&format!(
                "generated/rust/errors.rs: error: cannot {verb}: it is a FIFO, not a regular file"
            )),
            "{command}: {}",
            stderr(&output)
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_spec_is_never_overwritten_by_its_own_output() {
    let dir = workspace("self");
    fs::create_dir_all(dir.join("openapi")).unwrap();
    fs::write(dir.join("openapi/errors.yaml"), SPEC).unwrap();
    let output = errspec(
        &dir,
        &["generate", "--spec", "openapi/errors.yaml", "--out", "."],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("openapi/errors.yaml: error: this output file is the spec itself"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(dir.join("openapi/errors.yaml")).unwrap(),
        SPEC
    );
    assert!(!dir.join("rust").exists(), "nothing was written");
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn regenerating_keeps_permissions_and_validate_counts_in_words() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace("modes");
    assert!(errspec(&dir, &["generate"]).status.success());
    let file = dir.join("generated/docs/errors.md");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("Not found.", "Gone."),
    )
    .unwrap();
    assert!(errspec(&dir, &["generate"]).status.success());
    assert!(fs::read_to_string(&file).unwrap().contains("Gone."));
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let one = "version: 1\nname: One\nerrors:\n  - {code: A, status: 400, message: m, retryable: false}\n";
    fs::write(dir.join("spec/errors.yaml"), one).unwrap();
    let output = errspec(&dir, &["validate"]);
    assert_eq!(stdout(&output), "spec/errors.yaml: ok (1 error code)\n");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_spec_of_100000_codes_loads_and_an_alias_bomb_does_not() {
    let mut yaml = String::from("version: 1\nname: Big\nerrors:\n");
    for i in 0..100_000 {
        yaml.push_str(&format!(
            "  - code: CODE_{i}\n    status: 400\n    message: Message {i}.\n    retryable: false\n    causes: [a, b, c]\n"
        ));
    }
    let spec = errspec::Spec::parse(&yaml, "big.yaml").unwrap();
    assert_eq!(spec.errors.len(), 100_000);

    let mut bomb = String::from("version: 1\nname: Bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let previous = if level == 1 {
            "a".to_owned()
        } else {
            format!("l{}", level - 1)
        };
        let refs = vec![format!("*{previous}"); 10].join(", ");
        bomb.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
    }
    let problems = errspec::Spec::parse(&bomb, "bomb.yaml").unwrap_err();
    assert_eq!(problems.items.len(), 1, "{problems}");
    let message = &problems.items[0].message;
    assert!(
        message.contains("alias bomb") || message.contains("YAML nodes"),
        "{message}"
    );
    assert!(
        !message.contains('{'),
        "worded for people, not debug text: {message}"
    );
}

#[test]
fn the_cache_of_an_unchanged_run_never_hides_a_changed_file() {
    let dir = workspace("cache");
    assert!(errspec(&dir, &["generate"]).status.success());
    let cache = dir.join("generated/.errspec/cache");
    assert!(cache.exists(), "a run records what it wrote");
    let ignored = fs::read_to_string(dir.join("generated/.errspec/.gitignore")).unwrap();
    assert!(ignored.lines().any(|line| line == "cache"), "{ignored}");

    // Same spec, but a file edited by hand and one removed: both are written.
    let edited = dir.join("generated/rust/errors.rs");
    let original = fs::read(&edited).unwrap();
    fs::write(&edited, b"// edited\n").unwrap();
    fs::remove_file(dir.join("generated/docs/errors.md")).unwrap();
    let output = errspec(&dir, &["generate"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    for file in ["generated/rust/errors.rs", "generated/docs/errors.md"] {
        assert!(report.contains(&format!("wrote {file}\n")), "{report}");
    }
    assert_eq!(fs::read(&edited).unwrap(), original);

    // errspec's own files are checked too: a removed manifest comes back.
    fs::remove_file(dir.join("generated/.errspec/manifest")).unwrap();
    assert!(errspec(&dir, &["generate"]).status.success());
    assert!(errspec(&dir, &["check"]).status.success());

    // A cache that is not errspec's is ignored.
    fs::write(
        &cache,
        "0000000000000000\nffffffffffffffff\trust/errors.rs\n",
    )
    .unwrap();
    let output = errspec(&dir, &["generate"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let unchanged = stdout(&output)
        .lines()
        .filter(|l| l.contains("unchanged "))
        .count();
    assert!(unchanged > 5, "every file is reported: {}", stdout(&output));
    assert!(errspec(&dir, &["check"]).status.success());
    fs::remove_dir_all(dir).unwrap();
}
