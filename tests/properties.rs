//! Fuzzing and properties of the pipeline.
//!
//! - Loading never panics: random bytes and mutations of real specs give a
//!   spec or diagnostics. Set `ERRSPEC_FUZZ_ITERATIONS` to run longer than
//!   the suite's bounded default; `ERRSPEC_SEED` replays a run.
//! - Whatever loads also renders every target without error.
//! - Rendering is deterministic, and `check` after `generate` is clean.

mod common;

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use common::Rng;
use errspec::{Builder, FileCheck, Spec};

/// Pieces of YAML syntax that mutations splice in.
const TOKENS: &[&str] = &[
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">-\n",
    "\"",
    "'",
    "#",
    "%YAML 1.2\n",
    "<<: *a\n",
    "~",
    "null",
    "true",
    "0x1F",
    "1e999",
    ".nan",
    "-0",
    "\u{FEFF}",
    "\u{202E}",
    "\0",
    "😀",
    "errors:",
    "code:",
    "status: ",
    "retry:",
    "version: 1\n",
];

fn mutate(rng: &mut Rng, source: &str) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(bytes.len() as u64 + 1) as usize;
        match rng.below(6) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                bytes.splice(at..at, token.bytes());
            }
            1 if at < bytes.len() => {
                let end = (at + 1 + rng.below(40) as usize).min(bytes.len());
                bytes.drain(at..end);
            }
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            3 => {
                let line_start = bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let line_end = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| at + i + 1);
                let line = bytes[line_start..line_end].to_vec();
                bytes.splice(line_start..line_start, line);
            }
            4 => bytes.truncate(at),
            _ => {
                let aliases = "a: &a [x, &b [y, *a]]\n".repeat(1 + rng.below(3) as usize);
                bytes.splice(at..at, aliases.bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn loading_never_panics_and_what_loads_renders() {
    let iterations: u64 = std::env::var("ERRSPEC_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let seed = common::seed();
    eprintln!("fuzzing {iterations} inputs from ERRSPEC_SEED={seed}");
    let mut rng = Rng::new(seed);
    let repo_spec =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/errors.yaml")).unwrap();
    let mut corpus = vec![
        repo_spec,
        common::hostile_spec().to_yaml(),
        common::many_codes_spec(20).to_yaml(),
    ];
    // The probes that found defects once, each checked to still be refused
    // for its reason: duplicate statuses in every spelling, merge keys,
    // YAML 1.1 numbers, huge integers, URIs with bad characters, and package
    // names Python and npm refuse.
    let minimal = "version: 1\nname: Probe\nerrors:\n  - code: A\n    status: 400\n    message: m\n    retryable: false\n";
    let top = |extra: &str| minimal.replacen("errors:\n", &format!("{extra}errors:\n"), 1);
    let probes = [
        (
            top("statuses:\n  429: a\n  \"429\": b\n"),
            "duplicate status 429",
        ),
        (top("statuses:\n  \" 429\": a\n"), "`statuses` key ` 429`"),
        (top("statuses:\n  \"+429\": a\n"), "`statuses` key `+429`"),
        (top("statuses:\n  0429: a\n"), "`statuses` key `0429`"),
        (
            top("retry:\n  max_retries: 1180591620717411303424\n"),
            "an integer out of range",
        ),
        (
            top("retry:\n  initial_delay_ms: 400_0\n"),
            "must be an integer, found a string",
        ),
        (
            top("schema_id: \"https://x.example/<a> {b}\"\n"),
            "is not an absolute URI",
        ),
        (top("python:\n  package: typing\n"), "standard library"),
        (
            top("typescript:\n  package: node_modules\n"),
            "npm does not allow",
        ),
        (
            minimal.replacen(
                "  - code: A\n",
                "  - <<: &m {status: 401}\n    <<: *m\n    code: A\n",
                1,
            ),
            "duplicate key `<<`",
        ),
        (
            minimal.replacen("status: 400", "status: 400_0", 1),
            "must be an integer, found a string",
        ),
    ];
    for (probe, reason) in &probes {
        let problems = Spec::parse(probe, "probe.yaml").expect_err(probe);
        assert!(
            problems.items.iter().any(|d| d.message.contains(reason)),
            "{probe}\nwas refused, but not for `{reason}`:\n{problems}"
        );
    }
    corpus.extend(probes.into_iter().map(|(probe, _)| probe));
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    let (mut loaded, mut rejected) = (0, 0);
    for i in 0..iterations {
        let input = if i % 10 == 0 {
            let length = rng.below(200) as usize;
            String::from_utf8_lossy(&(0..length).map(|_| rng.next() as u8).collect::<Vec<_>>())
                .into_owned()
        } else {
            let base = &corpus[rng.below(corpus.len() as u64) as usize];
            mutate(&mut rng, base)
        };
        let result = catch_unwind(AssertUnwindSafe(|| Spec::parse(&input, "fuzz.yaml")));
        match result {
            Err(_) => panic!("loading panicked on input {i} (ERRSPEC_SEED={seed}):\n{input:?}"),
            Ok(Err(diagnostics)) => {
                assert!(!diagnostics.items.is_empty());
                rejected += 1;
            }
            Ok(Ok(_)) => {
                loaded += 1;
                let path = out.join("spec.yaml");
                fs::create_dir_all(&out).unwrap();
                fs::write(&path, &input).unwrap();
                let rendered = catch_unwind(AssertUnwindSafe(|| {
                    Builder::new(&path).out_dir(&out).render()
                }));
                match rendered {
                    Ok(Ok(files)) => assert!(!files.is_empty()),
                    Ok(Err(error)) => panic!("a loaded spec failed to render: {error}\n{input:?}"),
                    Err(_) => panic!("rendering panicked (ERRSPEC_SEED={seed}):\n{input:?}"),
                }
            }
        }
    }
    eprintln!("{loaded} inputs loaded, {rejected} rejected with diagnostics");
    assert!(
        loaded > 0 && rejected > 0,
        "the mutations exercise both paths"
    );
}

#[test]
fn rendering_is_deterministic_and_check_after_generate_is_clean() {
    let seed = common::seed();
    eprintln!("random specs from ERRSPEC_SEED={seed}");
    let mut rng = Rng::new(seed);
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("determinism");
    for i in 0..12 {
        let dir = root.join(format!("spec_{i}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        fs::write(&path, rng.spec().to_yaml()).unwrap();
        let builder = Builder::new(&path).out_dir(dir.join("out"));
        let first = builder.render().unwrap();
        assert_eq!(
            first,
            builder.render().unwrap(),
            "spec {i} renders the same bytes twice"
        );
        builder.generate().unwrap();
        let checks = builder.check().unwrap();
        assert!(
            checks
                .iter()
                .all(|(_, check)| *check == FileCheck::UpToDate),
            "spec {i}: {checks:?}"
        );
        for file in &first {
            assert!(
                checks.iter().any(|(path, _)| path.ends_with(&file.path)),
                "spec {i}: {} is checked",
                file.path.display()
            );
        }
    }
}
