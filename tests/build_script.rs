//! A consumer crate built from the README's build.rs recipe, copied out of
//! README.md itself: it builds, cargo skips its build script while the spec is
//! unchanged and reruns it when the spec changes, and an invalid spec fails
//! the build with errspec's diagnostics.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPEC: &str = "version: 1
name: Recipe API
errors:
  - code: NOT_FOUND
    status: 404
    message: Not found.
    retryable: false
";

/// The README's code block in `language` that starts with `<comment> <file>`.
fn readme_block(language: &str, comment: &str, file: &str) -> String {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let fence = format!("```{language}\n");
    let start = readme
        .find(&format!("{fence}{comment} {file}\n"))
        .unwrap_or_else(|| panic!("README has no {file} block"));
    let body = &readme[start + fence.len()..];
    body[..body.find("```\n").unwrap()].to_owned()
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("OUT_DIR")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn build_script_ran(output: &Output) -> bool {
    stderr(output).contains("build-script-build`")
}

#[test]
fn the_readme_recipe_builds_and_reruns_only_when_the_spec_changes() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("readme-recipe");
    let _ = fs::remove_dir_all(dir.join("src"));
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("spec")).unwrap();
    fs::create_dir_all(dir.join("tests")).unwrap();
    // The README's dependencies, with its checkout path pointed at this one.
    let dependencies = readme_block("toml", "#", "Cargo.toml");
    assert!(
        dependencies.contains("path = \"../errspec\""),
        "{dependencies}"
    );
    let dependencies = dependencies.replace(
        "\"../errspec\"",
        &format!("{:?}", env!("CARGO_MANIFEST_DIR")),
    );
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"readme_recipe\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             {dependencies}\n[workspace]\n"
        ),
    )
    .unwrap();
    fs::write(dir.join("build.rs"), readme_block("rust", "//", "build.rs")).unwrap();
    fs::write(
        dir.join("src/lib.rs"),
        readme_block("rust", "//", "src/lib.rs"),
    )
    .unwrap();
    fs::write(
        dir.join("tests/codes.rs"),
        "use readme_recipe::errors::ErrorCode;\n\n#[test]\nfn codes() {\n    \
         assert_eq!(ErrorCode::ALL.len(), 1);\n    assert_eq!(ErrorCode::NotFound.status(), 404);\n}\n",
    )
    .unwrap();
    fs::write(dir.join("spec/errors.yaml"), SPEC).unwrap();

    let first = cargo(&dir, &["test", "-v"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        build_script_ran(&first),
        "the first build runs the build script:\n{}",
        stderr(&first)
    );
    let tree = cargo(&dir, &["tree", "-e", "build", "--prefix", "none"]);
    assert!(
        !String::from_utf8_lossy(&tree.stdout).contains("clap"),
        "no CLI dependencies in the build"
    );

    let unchanged = cargo(&dir, &["build", "-v"]);
    assert!(unchanged.status.success(), "{}", stderr(&unchanged));
    assert!(
        !build_script_ran(&unchanged),
        "cargo skipped the build script:\n{}",
        stderr(&unchanged)
    );

    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("Not found.", "Gone."),
    )
    .unwrap();
    let changed = cargo(&dir, &["build", "-v"]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(
        build_script_ran(&changed),
        "the spec changed, so the build script reran"
    );

    fs::write(
        dir.join("spec/errors.yaml"),
        SPEC.replace("status: 404", "status: 200"),
    )
    .unwrap();
    let broken = cargo(&dir, &["build"]);
    assert!(!broken.status.success());
    assert!(
        stderr(&broken)
            .contains("spec/errors.yaml:5:13: error: `status` of `NOT_FOUND` is 200, out of range"),
        "the build shows errspec's diagnostic:\n{}",
        stderr(&broken)
    );
}
