//! The `errspec` command as a user runs it: exit codes, what it prints, and
//! what it writes (or leaves alone).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPEC: &str = "version: 1
name: CLI Test
errors:
  - code: NOT_FOUND
    status: 404
    message: Not found.
    retryable: false
";

/// A fresh scratch folder holding `spec/errors.yaml`.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errspec-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("spec")).unwrap();
    fs::write(dir.join("spec/errors.yaml"), SPEC).unwrap();
    dir
}

fn errspec(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errspec"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn no_arguments_generates_spec_errors_yaml_into_generated() {
    let dir = workspace("default");
    let output = errspec(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let layout = [
        "rust/errors.rs",
        "schema/errors.schema.json",
        "openapi/errors.yaml",
        "openapi/errors.json",
        "python/pyproject.toml",
        "python/README.md",
        "python/.gitignore",
        "python/src/cli_test_errors/__init__.py",
        "python/src/cli_test_errors/py.typed",
        "python/src/cli_test_errors/_errors_0.py",
        "typescript/package.json",
        "typescript/README.md",
        "typescript/errors.ts",
        "typescript/errors.js",
        "typescript/errors.d.ts",
        "docs/errors.md",
        "spec.schema.json",
    ];
    let expected: String = layout
        .iter()
        .map(|file| format!("    wrote generated/{file}\n"))
        .collect();
    assert_eq!(stdout(&output), expected);
    assert!(
        fs::read_to_string(dir.join("generated/rust/errors.rs"))
            .unwrap()
            .contains("NotFound")
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_second_generate_leaves_unchanged_files_untouched() {
    let dir = workspace("unchanged");
    assert!(
        errspec(&dir, &["generate", "--target", "rust"])
            .status
            .success()
    );
    let file = dir.join("generated/rust/errors.rs");
    let before = (
        fs::read(&file).unwrap(),
        fs::metadata(&file).unwrap().modified().unwrap(),
    );
    std::thread::sleep(std::time::Duration::from_millis(20));

    let output = errspec(&dir, &["generate", "--target", "rust"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "unchanged generated/rust/errors.rs\n");
    let after = (
        fs::read(&file).unwrap(),
        fs::metadata(&file).unwrap().modified().unwrap(),
    );
    assert_eq!(before, after, "same bytes, same mtime");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn output_is_byte_identical_across_runs_and_folders() {
    let dir = workspace("deterministic");
    assert!(
        errspec(&dir, &["generate", "--out", "one"])
            .status
            .success()
    );
    assert!(
        errspec(&dir, &["generate", "--out", "two"])
            .status
            .success()
    );
    assert_eq!(
        fs::read(dir.join("one/rust/errors.rs")).unwrap(),
        fs::read(dir.join("two/rust/errors.rs")).unwrap()
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_names_stale_and_missing_files_and_writes_nothing() {
    let dir = workspace("check");
    let rust_only = |command: &'static str| [command, "--target", "rust"];
    let missing = errspec(&dir, &rust_only("check"));
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stdout(&missing),
        "missing generated/rust/errors.rs\nmissing generated/.errspec/manifest\n\
         missing generated/.errspec/.gitignore\n"
    );
    assert!(stderr(&missing).contains("run `errspec generate`"));
    assert!(!dir.join("generated").exists(), "check writes nothing");

    assert!(errspec(&dir, &rust_only("generate")).status.success());
    let fresh = errspec(&dir, &rust_only("check"));
    assert_eq!(fresh.status.code(), Some(0), "{}", stdout(&fresh));
    assert_eq!(stdout(&fresh), "1 file up to date\n");

    let file = dir.join("generated/rust/errors.rs");
    fs::write(&file, "// edited by hand\n").unwrap();
    let stale = errspec(&dir, &rust_only("check"));
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(stdout(&stale), "  stale generated/rust/errors.rs\n");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "// edited by hand\n",
        "check left it alone"
    );

    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("Not found.", "Gone."),
    )
    .unwrap();
    assert!(errspec(&dir, &["generate"]).status.success());
    assert!(
        errspec(&dir, &["check"]).status.success(),
        "fresh again after generate"
    );
    fs::remove_file(dir.join("generated/docs/errors.md")).unwrap();
    let one_missing = errspec(&dir, &["check"]);
    assert_eq!(one_missing.status.code(), Some(1));
    assert_eq!(stdout(&one_missing), "missing generated/docs/errors.md\n");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_invalid_spec_exits_2_with_every_problem_and_writes_nothing() {
    let dir = workspace("invalid");
    assert!(errspec(&dir, &["generate"]).status.success());
    let file = dir.join("generated/rust/errors.rs");
    let before = fs::read(&file).unwrap();

    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("status: 404", "status: 200")
            .replace("retryable", "retryble"),
    )
    .unwrap();
    for command in ["generate", "check", "validate"] {
        let output = errspec(&dir, &[command]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert_eq!(stdout(&output), "", "{command}");
        let errors = stderr(&output);
        assert!(
            errors.contains(
                "spec/errors.yaml:5:13: error: `status` of `NOT_FOUND` is 200, out of range"
            ),
            "{errors}"
        );
        assert!(
            errors.contains(
                "spec/errors.yaml:7:5: error: unknown key `retryble` in error `NOT_FOUND`"
            ),
            "{errors}"
        );
    }
    assert_eq!(fs::read(&file).unwrap(), before, "nothing written");
    let leftovers: Vec<_> = fs::read_dir(dir.join("generated/rust")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn validate_reports_a_valid_spec() {
    let dir = workspace("validate");
    let output = errspec(&dir, &["validate"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "spec/errors.yaml: ok (1 error code)\n");
    assert!(!dir.join("generated").exists());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_spec_and_bad_usage_exit_2() {
    let dir = workspace("usage");
    let missing = errspec(&dir, &["generate", "--spec", "nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).starts_with("nope.yaml: error: cannot read the spec: "),
        "{}",
        stderr(&missing)
    );

    let unknown_target = errspec(&dir, &["generate", "--target", "cobol"]);
    assert_eq!(unknown_target.status.code(), Some(2));
    assert!(stderr(&unknown_target).contains("invalid value 'cobol' for '--target <TARGET>'"));
    let values = "[possible values: rust, schema, openapi, python, typescript, docs, spec-schema]";
    assert!(stderr(&unknown_target).contains(values));

    assert_eq!(errspec(&dir, &["frobnicate"]).status.code(), Some(2));
    assert!(!dir.join("generated").exists());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_unwritable_output_exits_3() {
    let dir = workspace("unwritable");
    fs::write(
        dir.join("generated"),
        "a file where the output folder should be",
    )
    .unwrap();
    let output = errspec(&dir, &["generate"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).starts_with("generated: error: cannot write: it is not a folder"),
        "{}",
        stderr(&output)
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn target_selection_and_custom_paths() {
    let dir = workspace("paths");
    fs::rename(dir.join("spec/errors.yaml"), dir.join("api.yaml")).unwrap();
    let output = errspec(
        &dir,
        &[
            "generate", "--spec", "api.yaml", "--out", "out", "--target", "rust",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rust = fs::read_to_string(dir.join("out/rust/errors.rs")).unwrap();
    assert!(
        rust.starts_with("// @generated by errspec from api.yaml."),
        "{rust}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_library_error_displays_exactly_what_the_cli_prints() {
    let dir = workspace("library-error");
    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("status: 404", "status: 99")
            .replace("retryable", "retry"),
    )
    .unwrap();
    let cli = errspec(&dir, &["generate", "--spec", "spec/errors.yaml"]);
    let library = errspec::Builder::new(dir.join("spec/errors.yaml"))
        .out_dir(dir.join("generated"))
        .generate();
    let library = library.unwrap_err();
    let shown = library
        .to_string()
        .replace(&format!("{}/", dir.display()), "");
    assert_eq!(format!("{shown}\n"), stderr(&cli));
    assert_eq!(
        format!("{library:?}"),
        library.to_string(),
        "Debug reads the same, for build.rs `main`"
    );
    assert!(
        matches!(library, errspec::Error::Spec(ref d) if d.items.len() == 3),
        "{library}"
    );
    fs::remove_dir_all(dir).unwrap();
}

const TWO_CODES: &str = "version: 1
name: CLI Test
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

#[test]
fn diff_reports_breaking_and_safe_changes_and_fails_on_breaking() {
    let dir = workspace("diff");
    fs::write(dir.join("old.yaml"), TWO_CODES).unwrap();
    let new = TWO_CODES
        .replace("status: 429", "status: 503")
        .replace("Not found.", "Gone.")
        + "  - code: QUOTA\n    status: 402\n    message: Pay.\n    retryable: false\n";
    fs::write(dir.join("new.yaml"), new).unwrap();

    let output = errspec(&dir, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "safe      NOT_FOUND: default message changed\n\
         breaking  RATE_LIMITED: status 429 -> 503\n\
         safe      QUOTA: added (status 402)\n\
         1 breaking change, 2 safe changes\n"
    );
    assert!(stderr(&output).contains("1 breaking change; pass --allow-breaking"));
    assert_eq!(
        errspec(&dir, &["diff", "old.yaml", "new.yaml", "--allow-breaking"])
            .status
            .code(),
        Some(0)
    );

    let json = errspec(&dir, &["diff", "old.yaml", "new.yaml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        (report["breaking"].as_u64(), report["safe"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(report["changes"][1]["kind"], "status_changed");
    assert_eq!(report["changes"][1]["code"], "RATE_LIMITED");
    assert_eq!(report["changes"][1]["breaking"], true);

    let same = errspec(&dir, &["diff", "old.yaml", "old.yaml"]);
    assert_eq!(
        (same.status.code(), stdout(&same)),
        (Some(0), "no changes\n".to_owned())
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn diff_reads_the_old_spec_from_a_git_revision() {
    let dir = workspace("diff-git");
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args([
                "-c",
                "user.name=errspec",
                "-c",
                "user.email=errspec@example.com",
            ])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    };
    git(&["init", "--quiet"]);
    fs::write(dir.join("spec/errors.yaml"), TWO_CODES).unwrap();
    git(&["add", "spec/errors.yaml"]);
    git(&["commit", "--quiet", "-m", "spec"]);
    fs::write(
        dir.join("spec/errors.yaml"),
        TWO_CODES.replace("retryable: true", "retryable: false"),
    )
    .unwrap();

    let output = errspec(&dir, &["diff", "HEAD:spec/errors.yaml", "spec/errors.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "breaking  RATE_LIMITED: no longer retryable\n1 breaking change, 0 safe changes\n"
    );

    let missing = errspec(
        &dir,
        &["diff", "nosuchrev:spec/errors.yaml", "spec/errors.yaml"],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).starts_with(
            "nosuchrev:spec/errors.yaml: error: cannot read the spec: git show failed"
        )
    );

    fs::write(
        dir.join("spec/errors.yaml"),
        TWO_CODES.replace("status: 404", "status: 200"),
    )
    .unwrap();
    git(&["commit", "--quiet", "-am", "broken"]);
    let invalid = errspec(&dir, &["diff", "HEAD:spec/errors.yaml", "spec/errors.yaml"]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(
        stderr(&invalid).starts_with(
            "HEAD:spec/errors.yaml:5:13: error: `status` of `NOT_FOUND` is 200, out of range"
        ),
        "{}",
        stderr(&invalid)
    );
    fs::remove_dir_all(dir).unwrap();
}
