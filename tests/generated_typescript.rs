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
    let vector_sets: Vec<(&str, PathBuf)> = common::VECTOR_SETS
        .iter()
        .map(|(set, _)| {
            (
                *set,
                generate(&common::vector_spec(set), &sources.join(set)),
            )
        })
        .collect();
    let mut files = vec![seed_ts.clone()];
    files.extend(vector_sets.iter().map(|(_, ts)| ts.clone()));
    for (name, spec) in &specs {
        let dir = sources.join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("spec.yaml"), spec.to_yaml()).unwrap();
        fs::write(dir.join("expected.json"), spec.expected_json()).unwrap();
        files.push(generate(&dir.join("spec.yaml"), &dir));
    }
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/typescript/runtime.ts");
    let declarations = files.iter().map(|ts| ts.with_extension("d.ts"));
    let checked: Vec<PathBuf> = files
        .iter()
        .cloned()
        .chain(declarations)
        .chain([runtime])
        .collect();

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

    // The README's example type-checks against the seed package.
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```typescript\n")
        .expect("README has a TypeScript example")
        + "```typescript\n".len();
    let example = root.join("readme/example.ts");
    let package = root.join("readme/node_modules/nanobanana-api-errors");
    fs::create_dir_all(&package).unwrap();
    for file in ["errors.js", "errors.d.ts", "package.json"] {
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
        ],
        std::slice::from_ref(&example),
        "tsc on the README's TypeScript example",
    );

    // The behaviour tests run on errspec's own JavaScript, and on an ES2015
    // build of errors.ts, for projects that compile the source themselves.
    // errspec writes errors.js and errors.d.ts from templates of their own:
    // they export exactly what tsc makes of errors.ts, for every spec.
    let declarations = root.join("declarations");
    tsc(
        &[
            "--target",
            "es2022",
            "--lib",
            "es2022",
            "--declaration",
            "--emitDeclarationOnly",
            "--rootDir",
            sources.to_str().unwrap(),
            "--outDir",
            declarations.to_str().unwrap(),
        ],
        &files,
        "tsc --declaration",
    );
    for ts in &files {
        let relative = ts.strip_prefix(&sources).unwrap();
        let from_tsc =
            fs::read_to_string(declarations.join(relative).with_extension("d.ts")).unwrap();
        let from_errspec = fs::read_to_string(ts.with_extension("d.ts")).unwrap();
        assert_eq!(
            exported(&from_errspec),
            exported(&from_tsc),
            "{}: errors.d.ts exports what tsc declares for errors.ts",
            relative.display()
        );
    }

    let seed_exports = exported(&fs::read_to_string(seed_ts.with_extension("d.ts")).unwrap());
    for name in [
        "ErrorCode",
        "ERROR_INFO",
        "RateLimitedError",
        "parseError",
        "withRetry",
        "RetryPolicy",
    ] {
        assert!(seed_exports.contains(name), "{name} in {seed_exports:?}");
    }

    let es2015 = root.join("es2015");
    build(&sources, std::slice::from_ref(&seed_ts), &es2015, "es2015");
    let keys = |module: &Path| {
        run(
            Command::new("node").args([
                "--input-type=module",
                "-e",
                &format!(
                    "const m = await import({:?}); console.log(Object.keys(m).sort().join(' '))",
                    format!("file://{}", module.display())
                ),
            ]),
            "node: the module's exports",
        )
    };
    assert_eq!(
        keys(&seed_ts.with_extension("js")),
        keys(&es2015.join("seed/typescript/errors.js")),
        "errors.js exports what the compiled errors.ts does"
    );
    let seed_builds = serde_json::json!([
        ["errors.js", seed_ts.with_extension("js")],
        [
            "ES2015 build of errors.ts",
            es2015.join("seed/typescript/errors.js")
        ],
    ]);
    let cases: Vec<_> = specs
        .iter()
        .map(|(name, _)| {
            let dir = sources.join(name);
            serde_json::json!({
                "module": dir.join("typescript/errors.js"),
                "expected": dir.join("expected.json"),
            })
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
            .env(
                "ERRSPEC_TS_VECTOR_SETS",
                serde_json::to_string(
                    &vector_sets
                        .iter()
                        .map(|(set, ts)| (set, "errors.js", ts.with_extension("js")))
                        .collect::<Vec<_>>(),
                )
                .unwrap(),
            )
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
    // Both seed builds' tests, each spec's values and fields, the vectors
    // of both builds, and each vector set.
    let runs = 2 * 16 + cases.len() + 2 * 2 + common::VECTOR_SETS.len();
    assert!(
        count("pass") >= runs,
        "both seed builds, the vectors and every spec ran:\n{output}"
    );
}

/// The names a declaration file exports: `export declare const X`, `export
/// interface X`, ..., each once.
fn exported(declarations: &str) -> std::collections::BTreeSet<String> {
    declarations
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("export ")?;
            let rest = rest.strip_prefix("declare ").unwrap_or(rest);
            let (_, rest) = rest.split_once(' ')?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// The npm package as users get it: `npm pack`'s tarball passes attw (ESM
/// only) and publint --strict, and installed into a fresh project it loads
/// with `import` and `require`, TypeScript consumers compiled with
/// `nodenext` and `bundler` resolution run, and the behaviour tests pass in
/// Node, Deno and Bun.
#[test]
fn the_npm_package_installs_and_runs_in_node_deno_and_bun() {
    let version = run(
        Command::new("node").args(["-p", "process.versions.node"]),
        "node",
    );
    let numbers: Vec<u32> = version
        .trim()
        .split('.')
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(
        (numbers[0], numbers[1]) >= (22, 12) || (numbers[0] == 20 && numbers[1] >= 19),
        "the tests need Node 20.19+ or 22.12+, whose `require` loads ES modules; this is {version}"
    );
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("npm-package");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    let seed = generate(&repo.join("spec/errors.yaml"), &root.join("seed"));
    let hostile_dir = root.join("hostile");
    fs::create_dir_all(&hostile_dir).unwrap();
    fs::write(
        hostile_dir.join("spec.yaml"),
        common::hostile_spec().to_yaml(),
    )
    .unwrap();
    let hostile = generate(&hostile_dir.join("spec.yaml"), &hostile_dir);
    for package in [&seed, &hostile] {
        let package = package.parent().unwrap();
        run(
            Command::new(node_bin("attw"))
                .args(["--pack", "--profile", "esm-only", "--format", "ascii"])
                .arg(package),
            "attw --pack --profile esm-only",
        );
        run(
            Command::new(node_bin("publint"))
                .arg("--strict")
                .arg(package),
            "publint --strict",
        );
    }
    let packed = run(
        Command::new("npm")
            .args(["pack", "--silent", "--pack-destination"])
            .arg(&root)
            .current_dir(seed.parent().unwrap()),
        "npm pack",
    );
    let tarball = root.join(packed.trim());
    assert!(tarball.exists(), "npm pack made {}", tarball.display());

    let project = root.join("project");
    fs::create_dir_all(&project).unwrap();
    fs::write(
        project.join("package.json"),
        "{\"name\": \"consumer\", \"private\": true, \"type\": \"module\"}\n",
    )
    .unwrap();
    run(
        Command::new("npm")
            .args(["install", "--offline", "--no-audit", "--no-fund"])
            .arg(&tarball)
            .current_dir(&project),
        "npm install of the tarball",
    );
    let installed: Vec<String> = fs::read_dir(project.join("node_modules/nanobanana-api-errors"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut installed = installed;
    installed.sort();
    assert_eq!(
        installed,
        [
            "README.md",
            "errors.d.ts",
            "errors.js",
            "node.d.ts",
            "node.js",
            "package.json"
        ],
        "the tarball ships the modules, their types and the README"
    );

    let node = |script: &str, source: &str| {
        fs::write(project.join(script), source).unwrap();
        run(
            Command::new("node").arg(script).current_dir(&project),
            &format!("node {script}"),
        )
    };
    let use_it = "errors.parseError({ data: null, error: { code: \"NOT_FOUND\" } }).status";
    let esm = node(
        "esm.mjs",
        &format!("import * as errors from \"nanobanana-api-errors\";\nconsole.log({use_it});\n"),
    );
    assert_eq!(esm.trim(), "404");
    // ESM only: CommonJS loads it through Node's require of ES modules.
    let cjs = node(
        "cjs.cjs",
        &format!("const errors = require(\"nanobanana-api-errors\");\nconsole.log({use_it});\n"),
    );
    assert_eq!(cjs.trim(), "404");

    fs::copy(
        repo.join("tests/typescript/consumer.ts"),
        project.join("consumer.ts"),
    )
    .unwrap();
    for (module, resolution) in [("nodenext", "nodenext"), ("esnext", "bundler")] {
        let config = format!("tsconfig.{resolution}.json");
        fs::write(
            project.join(&config),
            serde_json::json!({
                "compilerOptions": {
                    "module": module,
                    "moduleResolution": resolution,
                    "target": "es2022",
                    "lib": ["es2022", "dom"],
                    "types": [],
                    "strict": true,
                    "noUncheckedIndexedAccess": true,
                    "outDir": format!("out-{resolution}"),
                },
                "files": ["consumer.ts"],
            })
            .to_string(),
        )
        .unwrap();
        run(
            Command::new(node_bin("tsc"))
                .args(["-p", &config])
                .current_dir(&project),
            &format!("tsc with {resolution} resolution"),
        );
        let ran = run(
            Command::new("node")
                .arg(format!("out-{resolution}/consumer.js"))
                .current_dir(&project),
            &format!("the {resolution} consumer"),
        );
        assert_eq!(ran.trim(), "consumer: ok");
    }

    // The behaviour tests, importing the package by name, in each runtime.
    for test in ["seed.test.mjs", "vectors.test.mjs"] {
        fs::copy(repo.join("tests/typescript").join(test), project.join(test)).unwrap();
    }
    let suite = |command: &mut Command| {
        command
            .current_dir(&project)
            .env(
                "ERRSPEC_TS_SEED",
                r#"[["npm package", "nanobanana-api-errors"]]"#,
            )
            .env("ERRSPEC_VECTORS", repo.join("tests/vectors"))
            .env("DENO_DIR", root.join("deno-cache"))
            .env("DENO_NO_UPDATE_CHECK", "1");
    };
    let mut node_tests = Command::new("node");
    node_tests.args(["--test", "seed.test.mjs", "vectors.test.mjs"]);
    suite(&mut node_tests);
    let output = run(&mut node_tests, "node --test on the package");
    assert!(output.contains("\n# fail 0"), "{output}");

    // The `node` module in real servers (Node's `http`, Express), read with fetch.
    fs::copy(
        repo.join("tests/typescript/servers.test.mjs"),
        project.join("servers.test.mjs"),
    )
    .unwrap();
    let output = run(
        Command::new("node")
            .args(["--test", "servers.test.mjs"])
            .current_dir(&project)
            .env(
                "ERRSPEC_EXPRESS",
                repo.join("tests/tools/node_modules/express/index.js"),
            ),
        "node --test servers.test.mjs",
    );
    assert!(
        output.contains("\n# pass 3") && output.contains("\n# fail 0"),
        "{output}"
    );
    let mut deno = Command::new(node_bin("deno"));
    deno.args([
        "test",
        "--allow-all",
        "--no-check",
        "seed.test.mjs",
        "vectors.test.mjs",
    ]);
    suite(&mut deno);
    let output = run(&mut deno, "deno test on the package");
    assert!(
        output.contains(" passed (") && output.contains("| 0 failed"),
        "{output}"
    );
    // Bun reports on stderr.
    let mut bun = Command::new(node_bin("bun"));
    bun.args(["test", "./seed.test.mjs", "./vectors.test.mjs"]);
    suite(&mut bun);
    let output = bun.output().expect("bun runs");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.contains("\n 0 fail"),
        "bun test on the package:\n{report}"
    );
}

/// `templates/typescript/runtime.js` and `runtime.d.ts`, from which errspec
/// writes the package's JavaScript and declarations, are exactly what the
/// pinned `tsc` makes of `runtime.ts`, part markers kept. After changing
/// `runtime.ts`, `ERRSPEC_BLESS=1 cargo test --test generated_typescript`
/// rewrites them.
#[test]
fn the_runtime_javascript_and_declarations_are_compiled_from_runtime_ts() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/typescript");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("typescript-runtime");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();

    // tsc drops comments around what it erases, so each marker becomes two
    // statements it keeps: a string in the JavaScript, a constant in the types.
    let source = fs::read_to_string(templates.join("runtime.ts")).unwrap();
    let mut names = Vec::new();
    let mut marked = String::new();
    for line in source.lines() {
        match line.trim().strip_prefix("// errspec: ") {
            Some(name) => {
                names.push(name.to_owned());
                marked += &format!(
                    "\"errspec: {name}\";\nexport declare const errspec_marker_{}: unique symbol;\n",
                    names.len() - 1
                );
            }
            None => marked += &format!("{line}\n"),
        }
    }
    fs::write(dir.join("runtime.ts"), marked).unwrap();
    let out = dir.join("out");
    tsc(
        &[
            "--target",
            "es2022",
            "--lib",
            "es2022",
            "--declaration",
            "--newLine",
            "lf",
            "--outDir",
            out.to_str().unwrap(),
        ],
        &[dir.join("runtime.ts")],
        "tsc on the runtime file",
    );
    let restore = |file: &str, marker: &dyn Fn(&str) -> Option<String>| {
        let compiled = fs::read_to_string(out.join(file)).unwrap();
        let mut text = String::from(
            "// Compiled from runtime.ts by the pinned tsc; do not edit. After changing runtime.ts,\n\
             // `ERRSPEC_BLESS=1 cargo test --test generated_typescript` rewrites this file.\n",
        );
        let mut started = false;
        for line in compiled.lines() {
            if let Some(name) = marker(line) {
                started = true;
                text += &format!("// errspec: {name}\n");
            } else if started {
                text += &format!("{line}\n");
            }
        }
        text
    };
    let javascript = restore("runtime.js", &|line| {
        line.strip_prefix("\"errspec: ")
            .and_then(|rest| rest.strip_suffix("\";"))
            .map(str::to_owned)
    });
    let declarations = restore("runtime.d.ts", &|line| {
        line.strip_prefix("export declare const errspec_marker_")
            .and_then(|rest| rest.strip_suffix(": unique symbol;"))
            .map(|index| names[index.parse::<usize>().unwrap()].clone())
    });
    for (file, expected) in [("runtime.js", javascript), ("runtime.d.ts", declarations)] {
        let path = templates.join(file);
        if std::env::var_os("ERRSPEC_BLESS").is_some_and(|v| v == "1") {
            fs::write(&path, &expected).unwrap();
            continue;
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{} is not what tsc makes of runtime.ts: run \
             `ERRSPEC_BLESS=1 cargo test --test generated_typescript` and review the diff",
            path.display()
        );
    }
}
