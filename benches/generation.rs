//! errspec's benchmark: generation speed and scaling, the cost of a no-op
//! run against the physical floor, the build-script footprint, and the cost
//! of the generated code itself. Prints a table and writes bench/RESULTS.md.
//!
//! Run `scripts/bench` (it installs the pinned Python and Node tools first),
//! or `cargo bench --bench generation`. `ERRSPEC_BENCH_QUICK=1` skips the
//! slow parts (the cold build and the generated-code costs). `--peers` also
//! runs errspec side by side with the fastest single-artifact peers,
//! cargo-typify and json-schema-to-typescript (installed pinned under
//! `target/peers` on first use), on the same input.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use errspec::{Builder, Spec, Target};

const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

fn main() {
    let quick = std::env::var_os("ERRSPEC_BENCH_QUICK").is_some();
    let with_peers = std::env::args().any(|arg| arg == "--peers");
    let root = repo().join("target/bench");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let mut report = Report::default();
    if with_peers {
        peers(&root, &mut report);
    }

    report.section("Whole process: `errspec generate`, every target, written to disk");
    report.header(&[
        "codes",
        "generate (fresh)",
        "no-op (unchanged)",
        "validate only",
        "cp -r of the output",
        "files",
    ]);
    let mut medians = Vec::new();
    for &size in &SIZES {
        let spec = write_spec(&root, size);
        let runs = if size >= 10_000 { 5 } else { 11 };
        let out = root.join(format!("out-{size}"));
        let fresh = measure(runs, || {
            let _ = fs::remove_dir_all(&out);
            errspec(&[
                "generate",
                "--spec",
                spec.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ]);
        });
        let noop = measure(runs, || {
            errspec(&[
                "generate",
                "--spec",
                spec.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ]);
        });
        let validate = measure(runs, || {
            errspec(&["validate", "--spec", spec.to_str().unwrap()])
        });
        let copy = root.join(format!("copy-{size}"));
        let cp = measure(runs, || {
            let _ = fs::remove_dir_all(&copy);
            run(Command::new("cp").arg("-r").arg(&out).arg(&copy));
        });
        let files = count_files(&out);
        report.row(&[
            size.to_string(),
            fresh.show(),
            noop.show(),
            validate.show(),
            cp.show(),
            files.to_string(),
        ]);
        medians.push((size, fresh.median, noop.median, validate.median, cp.median));
    }
    let at = |size| medians.iter().find(|m| m.0 == size).unwrap();
    let (big, small) = (at(10_000), at(1_000));
    report.note(&format!(
        "Scaling: generate(10,000) / generate(1,000) = {:.1} (linear is 10). \
         No-op / validate = {:.2} at 10 codes, {:.2} at 10,000. \
         Generate / cp -r = {:.1} at 10 codes, {:.1} at 10,000.",
        ratio(big.1, small.1),
        ratio(at(10).2, at(10).3),
        ratio(big.2, big.3),
        ratio(at(10).1, at(10).4),
        ratio(big.1, big.4),
    ));

    report.section("In process: where the time goes (median of 5)");
    report.note(
        "Through the public API: a target's render time is the time to load the spec and \
         render that target, less the time to load; writing is `generate` into a fresh \
         folder, less loading and rendering everything.",
    );
    let mut columns = vec!["codes".to_owned(), "load + validate".to_owned()];
    columns.extend(Target::ALL.iter().map(|t| format!("render {t}")));
    columns.push("write".to_owned());
    report.header(&columns.iter().map(String::as_str).collect::<Vec<_>>());
    for &size in &SIZES {
        let path = root.join(format!("spec-{size}.yaml"));
        let text = fs::read_to_string(&path).unwrap();
        let load = measure(5, || {
            Spec::parse(&text, "spec.yaml").unwrap();
        })
        .median;
        let mut row = vec![size.to_string(), show(load)];
        for &target in Target::ALL {
            let render = measure(5, || {
                drop(std::hint::black_box(
                    Builder::new(&path).targets([target]).render().unwrap(),
                ))
            });
            row.push(show(render.median.saturating_sub(load)));
        }
        let render_all = measure(5, || {
            drop(std::hint::black_box(Builder::new(&path).render().unwrap()))
        });
        let out = root.join(format!("split-{size}"));
        let generate = measure(5, || {
            let _ = fs::remove_dir_all(&out);
            Builder::new(&path).out_dir(&out).generate().unwrap();
        });
        row.push(show(generate.median.saturating_sub(render_all.median)));
        report.row(&row);
    }

    if quick {
        report.note("Quick run: the build footprint and the generated code's cost were skipped.");
    } else {
        footprint(&root, &mut report);
        generated_code(&root, &mut report);
    }
    report.finish();
}

/// errspec (every target, fresh output) against cargo-typify 0.8 (Rust
/// types) and json-schema-to-typescript 16 (TypeScript types), each peer
/// given the JSON Schema errspec writes for the same spec: whole process,
/// alternating runs, with the peak memory of each.
fn peers(root: &Path, report: &mut Report) {
    let (typify, json2ts) = install_peers();
    const RUNS: usize = 7;
    report.section("Peers: whole process on the same input, alternating (median of 7)");
    report.header(&[
        "codes",
        "errspec (all files)",
        "cargo-typify (Rust)",
        "errspec / typify",
        "json2ts (TypeScript)",
        "errspec / json2ts",
        "errspec peak",
        "typify peak",
        "json2ts peak",
    ]);
    let mut peaks = Vec::new();
    for size in [7, 1_000, 10_000] {
        let spec = if size == 7 {
            repo().join("spec/errors.yaml")
        } else {
            write_spec(root, size)
        };
        let dir = root.join(format!("peers-{size}"));
        let schema_dir = dir.join("input");
        Builder::new(&spec)
            .out_dir(&schema_dir)
            .targets([Target::Schema])
            .generate()
            .unwrap();
        let schema = schema_dir.join("schema/errors.schema.json");
        let out = dir.join("errspec");
        let (rust, ts) = (dir.join("typify.rs"), dir.join("json2ts.d.ts"));
        let mut runs: [Vec<Sample>; 3] = Default::default();
        for _ in 0..=RUNS {
            let _ = fs::remove_dir_all(&out);
            runs[0].push(sample(
                Command::new(env!("CARGO_BIN_EXE_errspec"))
                    .arg("generate")
                    .arg("--spec")
                    .arg(&spec)
                    .arg("--out")
                    .arg(&out),
            ));
            runs[1].push(sample(
                Command::new(&typify)
                    .arg("typify")
                    .arg(&schema)
                    .arg("--output")
                    .arg(&rust),
            ));
            runs[2].push(sample(
                Command::new("node")
                    .arg(&json2ts)
                    .arg("--input")
                    .arg(&schema)
                    .arg("--output")
                    .arg(&ts),
            ));
        }
        // The first round warms the caches and is left out.
        let [errspec, typify_runs, json2ts_runs] = runs.map(|samples| Summary::of(&samples[1..]));
        report.row(&[
            if size == 7 {
                "7 (seed)".into()
            } else {
                size.to_string()
            },
            errspec.time.show(),
            typify_runs.time.show(),
            format!("{:.2}", ratio(errspec.time.median, typify_runs.time.median)),
            json2ts_runs.time.show(),
            format!(
                "{:.2}",
                ratio(errspec.time.median, json2ts_runs.time.median)
            ),
            mib(errspec.peak_kib),
            mib(typify_runs.peak_kib),
            mib(json2ts_runs.peak_kib),
        ]);
        peaks.push(errspec.peak_kib);
    }
    report.note(&format!(
        "Peak memory is the largest resident set of a run (getrusage). errspec's peak at 10,000 \
         codes is {:.1} times its peak at 1,000 (linear growth in the codes would be at most 10).",
        peaks[2] as f64 / peaks[1] as f64
    ));
}

/// cargo-typify and json2ts, pinned, under `target/peers`; installed on first use.
fn install_peers() -> (PathBuf, PathBuf) {
    let peers = repo().join("target/peers");
    let typify = peers.join("bin/cargo-typify");
    if !typify.exists() {
        run(Command::new(cargo())
            .args([
                "install",
                "cargo-typify",
                "--version",
                "=0.8.0",
                "--locked",
                "--root",
            ])
            .arg(&peers));
    }
    let npm = peers.join("npm");
    let json2ts = npm.join("node_modules/json-schema-to-typescript/dist/src/cli.js");
    let lock = repo().join("bench/peers/package-lock.json");
    if fs::read(npm.join("package-lock.json")).ok() != fs::read(&lock).ok() || !json2ts.exists() {
        fs::create_dir_all(&npm).unwrap();
        for file in ["package.json", "package-lock.json"] {
            fs::copy(repo().join("bench/peers").join(file), npm.join(file)).unwrap();
        }
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&npm));
    }
    assert!(
        json2ts.exists(),
        "json-schema-to-typescript's CLI at {}",
        json2ts.display()
    );
    (typify, json2ts)
}

/// One whole-process run: its time and its peak resident set.
struct Sample {
    time: Duration,
    peak_kib: u64,
}

/// Runs `command` to completion and measures it with `wait4`, which gives
/// the child's own peak memory.
#[allow(clippy::zombie_processes, reason = "`wait4` reaps the child")]
fn sample(command: &mut Command) -> Sample {
    let started = Instant::now();
    let child = command
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, and `wait4` writes both out-parameters.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let time = started.elapsed();
    assert!(
        reaped == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    Sample {
        time,
        peak_kib: usage.ru_maxrss as u64,
    }
}

/// The times of several samples, and their largest peak.
struct Summary {
    time: Stats,
    peak_kib: u64,
}

impl Summary {
    fn of(samples: &[Sample]) -> Self {
        Summary {
            time: Stats::of(samples.iter().map(|s| s.time).collect()),
            peak_kib: samples.iter().map(|s| s.peak_kib).max().unwrap(),
        }
    }
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// The dependency footprint and cold build time of a consumer's build
/// script, and proof that an unchanged spec skips it.
fn footprint(root: &Path, report: &mut Report) {
    report.section("build.rs footprint (`default-features = false`)");
    let tree = output(
        Command::new(cargo())
            .args([
                "tree",
                "-p",
                "errspec",
                "--no-default-features",
                "-e",
                "normal",
                "--prefix",
                "none",
                "--locked",
            ])
            .current_dir(repo()),
    );
    let mut crates: Vec<&str> = tree
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    crates.sort_unstable();
    crates.dedup();
    let crate_dir = root.join("consumer");
    fs::create_dir_all(crate_dir.join("src")).unwrap();
    fs::create_dir_all(crate_dir.join("spec")).unwrap();
    fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"bench_consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
             [build-dependencies]\nerrspec = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            repo().display().to_string()
        ),
    )
    .unwrap();
    fs::write(
        crate_dir.join("build.rs"),
        "fn main() -> Result<(), errspec::Error> {\n    \
         errspec::Builder::new(\"spec/errors.yaml\").targets([errspec::Target::Rust]).generate()?;\n    Ok(())\n}\n",
    )
    .unwrap();
    fs::write(
        crate_dir.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/rust/errors.rs\"));\n",
    )
    .unwrap();
    fs::copy(
        repo().join("spec/errors.yaml"),
        crate_dir.join("spec/errors.yaml"),
    )
    .unwrap();
    let build = || {
        let started = Instant::now();
        let out = output(
            Command::new(cargo())
                .args(["build", "-v"])
                .current_dir(&crate_dir)
                .env("CARGO_TARGET_DIR", crate_dir.join("target")),
        );
        (started.elapsed(), out)
    };
    let (cold, _) = build();
    let (warm, log) = build();
    let reran = log.contains("build-script-build`");
    report.header(&[
        "crates errspec adds",
        "cold build of a consumer",
        "rebuild, spec unchanged",
        "build script rerun",
    ]);
    report.row(&[
        crates.len().to_string(),
        show(cold),
        show(warm),
        if reran {
            "yes (a bug)".into()
        } else {
            "no: cargo skipped it".into()
        },
    ]);
    report.note(&format!("Crates: {}.", crates.join(", ")));
}

/// What the generated code costs its users: compile, import and check
/// times, and the time to parse one error body.
fn generated_code(root: &Path, report: &mut Report) {
    report.section("The generated code's own cost");
    report.header(&[
        "codes",
        "rustc (cargo build)",
        "Python import",
        "tsc --noEmit",
        "parse a body: Rust",
        "Python",
        "TypeScript",
    ]);
    let python = repo().join("target/tools/venv/bin/python");
    let tsc = repo().join("tests/tools/node_modules/.bin/tsc");
    assert!(
        python.exists() && tsc.exists(),
        "run scripts/bench, which installs the pinned tools"
    );
    let crate_dir = root.join("generated-rust");
    for size in [7, 1_000, 10_000] {
        let (spec, label) = if size == 7 {
            (repo().join("spec/errors.yaml"), "7 (seed)".to_owned())
        } else {
            (root.join(format!("spec-{size}.yaml")), size.to_string())
        };
        let out = root.join(format!("code-{size}"));
        Builder::new(&spec).out_dir(&out).generate().unwrap();
        let code = first_code(&spec);
        let body = format!("{{\"data\":null,\"error\":{{\"code\":\"{code}\",\"message\":\"m\"}}}}");

        let (compile, rust_parse) = rust_costs(&crate_dir, &out.join("rust/errors.rs"), &body);
        let package_dir = fs::read_dir(out.join("python/src"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let package = package_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let site = out.join("python/src");
        // Bytecode compiled, as `pip install` leaves a package: the import
        // then runs the module, without compiling its source each time.
        run(Command::new(&python)
            .args(["-m", "compileall", "-q"])
            .arg(&site)
            .env_remove("PYTHONDONTWRITEBYTECODE"));
        let baseline = measure(5, || run(Command::new(&python).args(["-c", "pass"])));
        let import = measure(5, || {
            run(Command::new(&python)
                .args(["-c", &format!("import {package}")])
                .env("PYTHONPATH", &site))
        });
        let py_parse = output(
            Command::new(&python)
                .args(["-c", &format!(
                    "import timeit, {package} as m\nn = 20000\nprint(timeit.timeit(lambda: m.parse_error({body:?}, 429), number=n) / n * 1e9)"
                )])
                .env("PYTHONPATH", &site),
        );
        let ts_file = out.join("typescript/errors.ts");
        let strict = [
            "--noEmit",
            "--strict",
            "--noUncheckedIndexedAccess",
            "--exactOptionalPropertyTypes",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--lib",
            "es2022",
        ];
        let empty = root.join("empty.ts");
        fs::write(&empty, "export const x = 1;\n").unwrap();
        let tsc_base = measure(3, || run(Command::new(&tsc).args(strict).arg(&empty)));
        let tsc_check = measure(3, || run(Command::new(&tsc).args(strict).arg(&ts_file)));
        let js = out.join("js");
        run(Command::new(&tsc)
            .args(["--target", "es2022", "--module", "esnext", "--outDir"])
            .arg(&js)
            .arg(&ts_file));
        fs::write(js.join("package.json"), "{\"type\":\"module\"}\n").unwrap();
        let bench_js = js.join("bench.mjs");
        fs::write(
            &bench_js,
            format!(
                "import {{ parseError }} from './errors.js';\nconst body = {body:?};\nconst n = 200000;\n\
                 for (let i = 0; i < 20000; i++) parseError(body, 429);\nconst t = process.hrtime.bigint();\n\
                 for (let i = 0; i < n; i++) parseError(body, 429);\nconsole.log(Number(process.hrtime.bigint() - t) / n);\n"
            ),
        )
        .unwrap();
        let ts_parse = output(Command::new("node").arg(&bench_js));
        report.row(&[
            label,
            show(compile),
            show(import.median.saturating_sub(baseline.median)),
            show(tsc_check.median.saturating_sub(tsc_base.median)),
            nanos(rust_parse.trim()),
            nanos(py_parse.trim()),
            nanos(ts_parse.trim()),
        ]);
    }
    report.note(
        "rustc: a full (non-incremental) debug build of a crate that includes the generated file, \
         its dependencies already built. \
         Python import: of the package with its bytecode compiled (as pip installs it), beyond an empty \
         interpreter. tsc: beyond an empty file. Parse: one error body of a known code.",
    );
}

/// Builds a crate including `generated` and returns the crate's own build
/// time and the nanoseconds to parse `body` once.
fn rust_costs(crate_dir: &Path, generated: &Path, body: &str) -> (Duration, String) {
    fs::create_dir_all(crate_dir.join("src")).unwrap();
    fs::write(
        crate_dir.join("Cargo.toml"),
        "[package]\nname = \"bench_generated\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n\
         serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n[profile.release]\nopt-level = 3\n\n[workspace]\n",
    )
    .unwrap();
    fs::write(
        crate_dir.join("src/main.rs"),
        format!(
            "mod errors {{\n    include!({:?});\n}}\n\nfn main() {{\n    let body = {body:?};\n    let n = 200_000;\n    \
             let started = std::time::Instant::now();\n    for _ in 0..n {{\n        \
             let error = errors::ApiError::from_response(Some(429), &mut serde_json::Deserializer::from_str(body));\n        \
             std::hint::black_box(error);\n    }}\n    println!(\"{{}}\", started.elapsed().as_nanos() as f64 / n as f64);\n}}\n",
            generated.display().to_string()
        ),
    )
    .unwrap();
    let cargo_build = |profile: &[&str]| {
        let started = Instant::now();
        run(Command::new(cargo())
            .arg("build")
            .args(profile)
            .arg("--quiet")
            .current_dir(crate_dir)
            // A full compile of the crate, not incremental reuse.
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_TARGET_DIR", crate_dir.join("target")));
        started.elapsed()
    };
    cargo_build(&["--release"]);
    // Dependencies first, then only the crate itself: touch it and rebuild.
    cargo_build(&[]);
    let main = crate_dir.join("src/main.rs");
    fs::write(&main, fs::read(&main).unwrap()).unwrap();
    let compile = cargo_build(&[]);
    let parse = output(&mut Command::new(
        crate_dir.join("target/release/bench_generated"),
    ));
    (compile, parse)
}

fn first_code(spec: &Path) -> String {
    Spec::load(spec).unwrap().errors[0].code.clone()
}

/// A spec of `size` codes over many statuses, with every optional field used.
fn write_spec(root: &Path, size: usize) -> PathBuf {
    const STATUSES: [u16; 12] = [400, 401, 403, 404, 409, 422, 429, 499, 500, 502, 503, 504];
    let mut yaml = format!(
        "version: 1\nname: Benchmark API with {size} codes\ndescription: Codes for the benchmark.\nerrors:\n"
    );
    for i in 0..size {
        let status = STATUSES[i % STATUSES.len()];
        writeln!(
            yaml,
            "  - code: CODE_{i:05}\n    status: {status}\n    message: \"Message number {i}, with some words in it.\"\n    \
             retryable: {}\n    description: |\n      What error {i} means, over\n      two lines.\n    \
             causes:\n      - A first cause of {i}\n      - A second cause\n    fix: Fix {i} this way.\n    example: example {i}",
            i % 3 == 0
        )
        .unwrap();
    }
    let path = root.join(format!("spec-{size}.yaml"));
    fs::write(&path, yaml).unwrap();
    path
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn errspec(args: &[&str]) {
    run(Command::new(env!("CARGO_BIN_EXE_errspec")).args(args));
}

fn run(command: &mut Command) {
    let status = command
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{command:?} failed");
}

fn output(command: &mut Command) -> String {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn count_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            if path.is_dir() { count_files(&path) } else { 1 }
        })
        .sum()
}

struct Stats {
    median: Duration,
    min: Duration,
    max: Duration,
}

impl Stats {
    fn show(&self) -> String {
        format!(
            "{} ({}–{})",
            show(self.median),
            show(self.min),
            show(self.max)
        )
    }
}

impl Stats {
    fn of(mut times: Vec<Duration>) -> Self {
        times.sort();
        Stats {
            median: times[times.len() / 2],
            min: times[0],
            max: times[times.len() - 1],
        }
    }
}

fn measure(runs: usize, mut f: impl FnMut()) -> Stats {
    f();
    Stats::of(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed()
            })
            .collect(),
    )
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn show(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn nanos(text: &str) -> String {
    let ns: f64 = text
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text}"));
    if ns >= 1000.0 {
        format!("{:.1} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The Markdown table printed and saved to bench/RESULTS.md.
#[derive(Default)]
struct Report {
    text: String,
}

impl Report {
    fn section(&mut self, title: &str) {
        let _ = write!(self.text, "\n## {title}\n\n");
        print!("\n## {title}\n\n");
    }

    fn header(&mut self, columns: &[&str]) {
        self.line(&format!("| {} |", columns.join(" | ")));
        self.line(&format!("|{}", "---|".repeat(columns.len())));
    }

    fn row(&mut self, cells: &[String]) {
        self.line(&format!("| {} |", cells.join(" | ")));
    }

    fn note(&mut self, text: &str) {
        self.line(&format!("\n{text}"));
    }

    fn line(&mut self, line: &str) {
        println!("{line}");
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn finish(self) {
        let cpu = fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|l| l.starts_with("model name"))
                    .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let rustc = output(Command::new("rustc").arg("--version"))
            .trim()
            .to_owned();
        let date = output(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
            .trim()
            .to_owned();
        let header = format!(
            "# Benchmark results\n\nMeasured by `scripts/bench` on {date}: {cpu}, {cores} cores, {rustc}.\n\
             Times are medians with the fastest and slowest run in parentheses.\n"
        );
        fs::write(repo().join("bench/RESULTS.md"), header + &self.text).unwrap();
        println!("\nwritten to bench/RESULTS.md");
    }
}
