//! The generated Python package, checked as its users' CI would: for the
//! repo's spec, a hostile spec, a spec of 1,000 codes and random specs, it
//! passes `ruff check`, `ruff format --check` and `mypy --strict`, installs
//! with pip, and its behaviour is tested with pytest (tests/python). The
//! runtime file `templates/python/runtime.py` passes the same checks on its own.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tools::{cpython, mypy_strict, python, run};

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

    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut packages = vec![generate(&repo.join("spec/errors.yaml"), &root.join("seed"))];
    for (set, _) in common::VECTOR_SETS {
        packages.push(generate(&common::vector_spec(set), &root.join(set)));
    }
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
        mypy_strict().arg(&runtime),
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
    let mut mypy = mypy_strict();
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
        mypy_strict().arg(&example).env("MYPYPATH", &site),
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
            .env("ERRSPEC_VECTOR_SETS", vector_sets())
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

/// The package as users get it: a wheel built with `python -m build` that
/// `twine check --strict` accepts, installed into fresh venvs of the oldest
/// and newest Python it supports, where the behaviour tests pass and a typed
/// consumer runs; pyright scores it 100 % complete, and the consumer and the
/// package's own README example pass mypy --strict and pyright strict.
#[test]
fn the_wheel_installs_and_works_on_the_oldest_and_newest_python() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("python-wheel");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    let seed = generate(&repo.join("spec/errors.yaml"), &root.join("seed"));
    let mut hostile = common::hostile_spec();
    hostile.python_package = Some("hostile_errors".to_owned());
    let hostile_dir = root.join("hostile");
    fs::create_dir_all(&hostile_dir).unwrap();
    fs::write(hostile_dir.join("spec.yaml"), hostile.to_yaml()).unwrap();
    fs::write(hostile_dir.join("expected.json"), hostile.expected_json()).unwrap();
    let hostile_package = generate(&hostile_dir.join("spec.yaml"), &hostile_dir);
    let vector_packages = common::VECTOR_SETS
        .iter()
        .map(|(set, _)| generate(&common::vector_spec(set), &root.join(set)));

    let python = python();
    let dist = root.join("dist");
    for package in [seed.clone(), hostile_package]
        .into_iter()
        .chain(vector_packages)
    {
        run(
            Command::new(&python)
                .args(["-m", "build", "--no-isolation", "--outdir"])
                .arg(&dist)
                .arg(package),
            "python -m build",
        );
    }
    let built: Vec<PathBuf> = fs::read_dir(&dist)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    let wheels: Vec<&PathBuf> = built
        .iter()
        .filter(|path| path.extension().is_some_and(|e| e == "whl"))
        .collect();
    let packages = 2 + common::VECTOR_SETS.len();
    assert_eq!(
        (built.len(), wheels.len()),
        (2 * packages, packages),
        "{built:?}"
    );
    run(
        Command::new(&python)
            .args(["-m", "twine", "check", "--strict"])
            .args(&built),
        "twine check --strict",
    );

    let tests = repo.join("tests/python");
    let consumer = tests.join("consumer.py");
    let readme_example = root.join("readme_example.py");
    fs::write(&readme_example, python_block(&seed.join("README.md"))).unwrap();
    let cases = serde_json::json!([{
        "package": "hostile_errors",
        "expected": hostile_dir.join("expected.json"),
    }]);
    let mut newest_venv = None;
    for version in ["3.9", "3.13"] {
        let venv = root.join(format!("venv-{version}"));
        run(
            Command::new(cpython(version))
                .args(["-m", "venv"])
                .arg(&venv),
            "python -m venv",
        );
        let venv_python = venv.join("bin/python");
        run(
            Command::new(&venv_python)
                .args(["-m", "pip", "install", "--quiet", "--no-index"])
                .args(&wheels),
            "pip install the wheels",
        );
        run(
            Command::new(&venv_python)
                .args(["-m", "pip", "install", "--quiet", "-r"])
                .arg(repo.join("tests/tools/requirements-pytest.txt")),
            "pip install pytest",
        );
        let output = run(
            Command::new(&venv_python)
                .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
                .arg(&tests)
                // The package alone: no FastAPI in these venvs.
                .arg(format!(
                    "--ignore={}",
                    tests.join("test_fastapi.py").display()
                ))
                .current_dir(&root)
                .env("ERRSPEC_PACKAGE", "nanobanana_api_errors")
                .env("ERRSPEC_VECTOR_SETS", vector_sets())
                .env("ERRSPEC_CASES", cases.to_string()),
            &format!("pytest on Python {version}"),
        );
        assert!(
            output.contains(" passed") && !output.contains("failed") && !output.contains("skipped"),
            "Python {version}:\n{output}"
        );
        let ran = run(
            Command::new(&venv_python).arg(&consumer),
            &format!("the consumer on Python {version}"),
        );
        assert_eq!(ran.trim(), "consumer: ok");
        newest_venv = Some(venv);
    }

    let venv = newest_venv.unwrap();
    // pyright checks the package's `fastapi` module against Starlette.
    run(
        Command::new(venv.join("bin/python"))
            .args(["-m", "pip", "install", "--quiet", "-r"])
            .arg(repo.join("tests/tools/requirements-starlette.txt")),
        "pip install starlette",
    );
    let pyright = |args: &[&str]| {
        let mut command = Command::new(common::tools::node_bin("pyright"));
        command
            .args(args)
            .current_dir(&root)
            .env("VIRTUAL_ENV", &venv)
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    venv.join("bin").display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            );
        command
    };
    let vector_packages = common::VECTOR_SETS.iter().map(|(_, package)| *package);
    for package in ["nanobanana_api_errors", "hostile_errors"]
        .into_iter()
        .chain(vector_packages)
    {
        let report = run(
            // `--ignoreexternal`: Starlette's own types (which the `fastapi`
            // module's signatures name) are not complete; the score is the package's.
            &mut pyright(&["--verifytypes", package, "--ignoreexternal"]),
            "pyright --verifytypes",
        );
        assert!(
            report.contains("Type completeness score: 100%"),
            "{package}:\n{report}"
        );
    }
    fs::write(
        root.join("pyrightconfig.json"),
        r#"{"typeCheckingMode": "strict", "pythonVersion": "3.9"}"#,
    )
    .unwrap();
    fs::copy(&consumer, root.join("consumer.py")).unwrap();
    run(
        &mut pyright(&["consumer.py", "readme_example.py"]),
        "pyright strict on the consumer and the package README's example",
    );
    run(
        mypy_strict()
            .arg("--python-executable")
            .arg(venv.join("bin/python"))
            .arg(&consumer)
            .arg(&readme_example),
        "mypy --strict on the consumer and the package README's example",
    );
}

/// The first ```python block of a Markdown file.
fn python_block(markdown: &Path) -> String {
    let text = fs::read_to_string(markdown).unwrap();
    let start = text.find("```python\n").expect("a Python example") + "```python\n".len();
    text[start..start + text[start..].find("```").unwrap()].to_owned()
}

/// `ERRSPEC_VECTOR_SETS` for tests/python/test_vectors.py: each vector set
/// with its package.
fn vector_sets() -> String {
    serde_json::to_string(common::VECTOR_SETS).unwrap()
}
