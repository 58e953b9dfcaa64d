//! The generated Python package, checked as its users' CI would: for the
//! repo's spec, a hostile spec, a spec of 1,000 codes and random specs, it
//! passes `ruff check`, `ruff format --check` and `mypy --strict`, installs
//! with pip, and its behaviour is tested with pytest (tests/python). The
//! runtime file `templates/python/runtime.py` passes the same checks on its own.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tools::{python, run};

const RANDOM_SPECS: usize = 6;

fn generate(spec: &Path, out: &Path) -> PathBuf {
    errspec::Builder::new(spec)
        .out_dir(out)
        .targets([errspec::Target::Python])
        .generate()
        .unwrap();
    out.join("python")
}

#[test]
fn generated_python_passes_ruff_mypy_and_its_tests() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-python");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();

    let mut specs = common::language_specs(RANDOM_SPECS);

    let repo_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/errors.yaml");
    let mut packages = vec![generate(&repo_spec, &root.join("seed"))];
    let mut cases = Vec::new();
    for (name, spec) in &mut specs {
        let package = format!("{name}_errors");
        spec.python_package = Some(package.clone());
        let dir = root.join(&*name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("spec.yaml"), spec.to_yaml()).unwrap();
        fs::write(dir.join("expected.json"), spec.expected_json()).unwrap();
        packages.push(generate(&dir.join("spec.yaml"), &dir));
        cases
            .push(serde_json::json!({ "package": package, "expected": dir.join("expected.json") }));
    }

    let python = python();
    let tool = |module: &str| {
        let mut command = Command::new(&python);
        command.args(["-m", module]);
        command
    };
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/python/runtime.py");
    for check in [&["check"][..], &["format", "--check"]] {
        run(
            tool("ruff")
                .args(check)
                .args(["--no-cache", "--target-version", "py39"])
                .arg(&runtime),
            "ruff on the runtime file",
        );
    }
    run(
        tool("mypy")
            .args(["--strict", "--no-incremental", "--cache-dir", "/dev/null"])
            .arg(&runtime),
        "mypy --strict on the runtime file",
    );
    run(
        tool("ruff").args(["check", "--no-cache"]).args(&packages),
        "ruff check",
    );
    run(
        tool("ruff")
            .args(["format", "--check", "--no-cache"])
            .args(&packages),
        "ruff format --check",
    );
    let sources: Vec<PathBuf> = packages.iter().map(|p| p.join("src")).collect();
    let mut mypy = tool("mypy");
    mypy.args(["--strict", "--no-incremental", "--cache-dir", "/dev/null"]);
    for source in &sources {
        for package in fs::read_dir(source).unwrap() {
            mypy.arg(package.unwrap().path());
        }
    }
    run(&mut mypy, "mypy --strict");

    let site = root.join("site");
    run(
        tool("pip")
            .args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
            ])
            .arg(&site)
            .args(&packages),
        "pip install",
    );
    // The README's example type-checks against the installed seed package.
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```python\n")
        .expect("README has a Python example")
        + "```python\n".len();
    let example = root.join("readme_example.py");
    fs::write(
        &example,
        &readme[start..start + readme[start..].find("```").unwrap()],
    )
    .unwrap();
    run(
        tool("mypy")
            .args(["--strict", "--no-incremental", "--cache-dir", "/dev/null"])
            .arg(&example)
            .env("MYPYPATH", &site),
        "mypy --strict on the README's Python example",
    );
    run(
        tool("ruff").args(["check", "--no-cache"]).arg(&example),
        "ruff check on the README's Python example",
    );

    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let output = run(
        tool("pytest")
            .args(["-q", "-p", "no:cacheprovider"])
            .arg(&tests)
            .current_dir(&root)
            .env("PYTHONPATH", &site)
            .env("ERRSPEC_PACKAGE", "nanobanana_api_errors")
            .env("ERRSPEC_CASES", serde_json::to_string(&cases).unwrap()),
        "pytest tests/python",
    );
    let passed: usize = output
        .lines()
        .find_map(|line| {
            line.split(" passed")
                .next()
                .filter(|_| line.contains(" passed"))
        })
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("no pytest summary in:\n{output}"));
    assert!(
        passed > cases.len() + 50,
        "the seed tests and every spec's values ran:\n{output}"
    );
    assert!(
        !output.contains("skipped") && !output.contains("failed"),
        "{output}"
    );
}
