//! The generated TypeScript module, checked as its users would: for the
//! repo's spec, a hostile spec, a spec of 1,000 codes and random specs, it
//! passes `tsc` with every strict flag (and erasable syntax only), with and
//! without the DOM lib; its compiled output passes Node's test runner
//! (tests/typescript), ES2022 and ES2015 builds alike. The runtime file
//! `templates/typescript/runtime.ts` passes the same `tsc` checks on its own.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tools::{node_bin, run};

const RANDOM_SPECS: usize = 6;

const STRICT: &[&str] = &[
    "--strict",
    "--noUncheckedIndexedAccess",
    "--exactOptionalPropertyTypes",
    "--verbatimModuleSyntax",
    "--isolatedModules",
    "--erasableSyntaxOnly",
    "--noImplicitOverride",
    "--module",
    "esnext",
];

fn generate(spec: &Path, out: &Path) -> PathBuf {
    errspec::Builder::new(spec)
        .out_dir(out)
        .targets([errspec::Target::TypeScript])
        .generate()
        .unwrap();
    out.join("typescript/errors.ts")
}

fn tsc(args: &[&str], files: &[PathBuf], what: &str) {
    run(
        Command::new(node_bin("tsc"))
            .args(STRICT)
            .args(args)
            .args(files),
        what,
    );
}

/// Compiles `files` under `root` into `out` for `target`, as ES modules.
fn build(root: &Path, files: &[PathBuf], out: &Path, target: &str) {
    let (root, out) = (root.to_str().unwrap(), out.to_str().unwrap());
    tsc(
        &[
            "--target",
            target,
            "--lib",
            "es2022",
            "--rootDir",
            root,
            "--outDir",
            out,
        ],
        files,
        "tsc build",
    );
    fs::write(
        Path::new(out).join("package.json"),
        "{\"type\": \"module\"}\n",
    )
    .unwrap();
}

#[test]
fn generated_typescript_passes_strict_tsc_and_its_tests() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-typescript");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();

    let specs = common::language_specs(RANDOM_SPECS);

    let sources = root.join("sources");
    let repo_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/errors.yaml");
    let seed_ts = generate(&repo_spec, &sources.join("seed"));
    let mut files = vec![seed_ts.clone()];
    for (name, spec) in &specs {
        let dir = sources.join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("spec.yaml"), spec.to_yaml()).unwrap();
        fs::write(dir.join("expected.json"), spec.expected_json()).unwrap();
        files.push(generate(&dir.join("spec.yaml"), &dir));
    }
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/typescript/runtime.ts");
    let checked: Vec<PathBuf> = files.iter().cloned().chain([runtime]).collect();

    tsc(
        &["--noEmit", "--target", "es2022", "--lib", "es2022"],
        &checked,
        "tsc --strict, no DOM or Node types",
    );
    tsc(
        &["--noEmit", "--target", "es2022", "--lib", "es2022,dom"],
        &checked,
        "tsc --strict with the DOM lib",
    );

    // The README's example type-checks against the seed module, as its package.
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```typescript\n")
        .expect("README has a TypeScript example")
        + "```typescript\n".len();
    let example = root.join("readme/example.ts");
    let package = root.join("readme/node_modules/nanobanana-api-errors");
    fs::create_dir_all(&package).unwrap();
    for file in ["errors.ts", "package.json"] {
        fs::copy(seed_ts.with_file_name(file), package.join(file)).unwrap();
    }
    fs::write(
        &example,
        &readme[start..start + readme[start..].find("```").unwrap()],
    )
    .unwrap();
    tsc(
        &[
            "--noEmit",
            "--target",
            "es2022",
            "--lib",
            "es2022,dom",
            "--moduleResolution",
            "bundler",
            "--allowImportingTsExtensions",
        ],
        std::slice::from_ref(&example),
        "tsc on the README's TypeScript example",
    );

    let es2022 = root.join("es2022");
    build(&sources, &files, &es2022, "es2022");
    let es2015 = root.join("es2015");
    build(&sources, std::slice::from_ref(&seed_ts), &es2015, "es2015");

    let compiled = |build: &Path, name: &str| build.join(name).join("typescript/errors.js");
    let seed_builds = serde_json::json!([
        ["ES2022", compiled(&es2022, "seed")],
        ["ES2015", compiled(&es2015, "seed")],
    ]);
    let cases: Vec<_> = specs
        .iter()
        .map(|(name, _)| {
            serde_json::json!({ "module": compiled(&es2022, name), "expected": sources.join(name).join("expected.json") })
        })
        .collect();
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/typescript");
    let output = run(
        Command::new("node")
            .arg("--test")
            .arg(tests.join("seed.test.mjs"))
            .arg(tests.join("values.test.mjs"))
            .arg(tests.join("vectors.test.mjs"))
            .env("ERRSPEC_TS_SEED", seed_builds.to_string())
            .env("ERRSPEC_TS_CASES", serde_json::to_string(&cases).unwrap()),
        "node --test tests/typescript",
    );
    let count = |label: &str| -> usize {
        let line = output
            .lines()
            .find(|l| l.starts_with(&format!("# {label} ")))
            .unwrap_or_else(|| panic!("{output}"));
        line[label.len() + 3..].trim().parse().unwrap()
    };
    assert_eq!(count("fail"), 0, "{output}");
    assert!(
        count("pass") >= 2 * 16 + cases.len() + 2 * 2,
        "both seed builds, the vectors and every spec ran:\n{output}"
    );
}
