//! The generated Rust, compiled as consumers compile it: for the repo's spec,
//! a hostile spec and a batch of random valid specs, it must be rustfmt-clean,
//! pass clippy with `-D warnings` under `#![deny(warnings)]` on editions 2021
//! and 2024, at a crate root and inside modules, and reproduce every code and
//! message byte for byte (checked against JSON that serde_json encoded from
//! the original strings, not against errspec's own escaping). The runtime
//! file `templates/rust/runtime.rs` passes rustfmt and clippy on its own.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tools::run;
use common::{Rng, TestSpec};

const RANDOM_SPECS: usize = 16;

#[test]
fn generated_rust_compiles_cleanly_and_keeps_every_string() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-rust");
    let specs_dir = root.join("specs");
    let _ = fs::remove_dir_all(&specs_dir);
    fs::create_dir_all(&specs_dir).unwrap();

    let seed = common::seed();
    eprintln!("random specs from ERRSPEC_SEED={seed}");
    let mut rng = Rng::new(seed);
    // The hostile spec in each format (and with integer codes), a Discord-like
    // spec of integer codes, and random specs.
    let mut checked: Vec<(String, TestSpec)> = common::hostile_specs();
    checked.push(("discord".to_owned(), common::discord_like_spec()));
    checked.extend((0..RANDOM_SPECS).map(|i| (format!("random_{i}"), rng.spec())));

    let repo_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/errors.yaml");
    let seed_rs = generate(&repo_spec, &specs_dir.join("seed"));
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut generated = vec![seed_rs.clone()];
    let mut modules = String::new();
    let mut checks = FIELD_VECTORS_TEST.replace(
        "RESPONSES",
        &format!(
            "{:?}",
            vectors.join("fields/responses.json").display().to_string()
        ),
    ) + VECTOR_SET_MACRO;
    for (set, _) in common::VECTOR_SETS {
        let module = format!("{}_vectors", set.replace('-', "_"));
        let rs = generate(&common::vector_spec(set), &specs_dir.join(&module));
        modules += &format!(
            "mod {module} {{\n    include!({:?});\n}}\n",
            rs.display().to_string()
        );
        checks += &format!(
            "    vector_set!({module}, {:?});\n",
            vectors
                .join(set)
                .join("responses.json")
                .display()
                .to_string()
        );
        generated.push(rs);
    }
    for (name, spec) in &checked {
        let dir = specs_dir.join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("spec.yaml"), spec.to_yaml()).unwrap();
        fs::write(dir.join("expected.json"), spec.expected_json()).unwrap();
        let rs = generate(&dir.join("spec.yaml"), &dir);
        modules += &format!(
            "mod {name} {{\n    include!({:?});\n}}\n",
            rs.display().to_string()
        );
        checks += &format!(
            "    check!({name}, {:?});\n",
            dir.join("expected.json").display().to_string()
        );
        checks += &field_checks(name, spec, &fs::read_to_string(&rs).unwrap());
        generated.push(rs);
    }

    for file in &generated {
        for edition in ["2021", "2024"] {
            run(
                Command::new("rustfmt")
                    .args(["--check", "--edition", edition])
                    .arg(file),
                "rustfmt --check",
            );
        }
    }

    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/rust/runtime.rs");
    for edition in ["2021", "2024"] {
        run(
            Command::new("rustfmt")
                .args(["--check", "--edition", edition])
                .arg(&runtime),
            "rustfmt --check on the runtime file",
        );
    }
    write_crate(
        &root,
        "runtime_file",
        "2024",
        "lib.rs",
        &format!(
            "//! The runtime file alone.\n#![deny(warnings, missing_docs)]\n\n#[path = {:?}]\npub mod runtime;\n",
            runtime.display().to_string()
        ),
        false,
    );

    let hostile_rs = &generated[1];
    write_crate(
        &root,
        "seed_root",
        "2021",
        "lib.rs",
        &crate_root_lib("the repo's spec", &seed_rs),
        false,
    );
    write_crate(
        &root,
        "hostile_root",
        "2024",
        "lib.rs",
        &crate_root_lib("the hostile spec", hostile_rs),
        false,
    );
    let main = format!(
        "#![deny(warnings)]\n\n{modules}\nfn main() {{}}\n\n#[cfg(test)]\nmod tests {{\n{CHECK_MACRO}\n{checks}}}\n"
    );
    write_crate(&root, "in_modules", "2021", "main.rs", &main, true);
    fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"seed_root\", \"hostile_root\", \"in_modules\", \"runtime_file\"]\nresolver = \"2\"\n",
    )
    .unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = root.join("target");
    run(
        Command::new(&cargo)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target)
            .args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--quiet",
                "--",
                "-D",
                "warnings",
            ]),
        "cargo clippy -D warnings",
    );
    let tests = run(
        Command::new(&cargo)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target)
            .args(["test", "--workspace"]),
        "cargo test",
    );
    // Each spec's values and fields, the typed field vectors, and each vector set.
    let field_tests = checks.matches("_fields() {").count() + 1;
    let passed = format!(
        "test result: ok. {} passed",
        checked.len() + field_tests + common::VECTOR_SETS.len()
    );
    assert!(tests.contains(&passed), "every spec's check ran:\n{tests}");
}

/// Generates the Rust target for `spec` into `out`, returning the file.
fn generate(spec: &Path, out: &Path) -> PathBuf {
    errspec::Builder::new(spec)
        .out_dir(out)
        .targets([errspec::Target::Rust])
        .generate()
        .unwrap();
    out.join("rust/errors.rs")
}

fn crate_root_lib(what: &str, file: &Path) -> String {
    format!(
        "//! Generated code for {what}, at the crate root.\n#![deny(warnings, missing_docs)]\n\ninclude!({:?});\n",
        file.display().to_string()
    )
}

fn write_crate(root: &Path, name: &str, edition: &str, file: &str, source: &str, json: bool) {
    let dir = root.join(name);
    fs::create_dir_all(dir.join("src")).unwrap();
    let mut manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"{edition}\"\npublish = false\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n"
    );
    // The generated code needs serde_json; the tests also read floats exactly.
    manifest += if json {
        "serde_json = { version = \"1\", features = [\"float_roundtrip\"] }\n"
    } else {
        "serde_json = \"1\"\n"
    };
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    let _ = fs::remove_file(dir.join("src/lib.rs"));
    let _ = fs::remove_file(dir.join("src/main.rs"));
    fs::write(dir.join("src").join(file), source).unwrap();
}

/// A test of `module`'s fields: each code's typed fields read back every
/// sample value, a wrong-typed one is `None` but kept, undeclared members
/// are `extra()`, an error serializes to the members it was read from, and
/// each constructor fills the message. Struct names are read from the
/// generated `source`, in order.
fn field_checks(module: &str, spec: &TestSpec, source: &str) -> String {
    let structs: Vec<&str> = source
        .split("pub mod fields {")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|line| line.strip_prefix("    pub struct ")?.strip_suffix(" {"))
        .collect();
    let with_fields: Vec<&common::TestError> = spec
        .errors
        .iter()
        .filter(|e| e.fields.is_some() || !spec.fields.is_empty())
        .collect();
    let with_fields: Vec<_> = with_fields
        .into_iter()
        .filter(|e| !spec.fields.is_empty() || e.fields.as_ref().is_some_and(|f| !f.is_empty()))
        .collect();
    assert_eq!(
        structs.len(),
        with_fields.len(),
        "one fields struct per code with fields"
    );
    if structs.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "    #[test]\n    fn {module}_fields() {{\n        use crate::{module} as m;\n        \
         let v = |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap();\n"
    );
    for (name, error) in structs.iter().zip(with_fields) {
        let fields: Vec<&common::TestField> = spec
            .fields
            .iter()
            .chain(error.fields.iter().flatten())
            .collect();
        let mut sent = spec.error_object(&error.code, "m");
        let mut wrong = sent.clone();
        let mut required = Vec::new();
        let mut values = serde_json::Map::new();
        for field in &fields {
            let (value, bad) = field.samples();
            sent.insert(field.name.clone(), value.clone());
            wrong.insert(field.name.clone(), bad);
            values.insert(field.name.clone(), value.clone());
            if field.required {
                required.push(format!(
                    "serde_json::from_value::<{}>(v(r##\"{}\"##)).unwrap()",
                    rust_type(field.ty),
                    ascii_json(&value)
                ));
            }
        }
        sent.insert("zz_extra".into(), serde_json::json!([1, "x"]));
        let body = ascii_json(&spec.body(sent.clone()));
        let sent = ascii_json(&serde_json::Value::Object(sent));
        let wrong = ascii_json(&serde_json::Value::Object(wrong));
        out += &format!(
            "        {{\n            let sent = v(r##\"{sent}\"##);\n            \
             let error = m::ApiError::from_response(None, v(r##\"{body}\"##)).unwrap();\n            \
             assert_eq!(serde_json::json!(error), sent);\n            \
             assert_eq!(error.extra().keys().collect::<Vec<_>>(), [\"zz_extra\"]);\n            \
             let typed = m::fields::{name}::of(&error).unwrap();\n"
        );
        for field in &fields {
            let (value, _) = field.samples();
            out += &format!(
                "            assert_eq!(serde_json::json!(typed.{}), v(r##\"{}\"##));\n",
                field.rust,
                ascii_json(&value)
            );
        }
        out += &format!(
            "            let wrong = v(r##\"{wrong}\"##);\n            \
             let error: m::ApiError = serde_json::from_value(wrong.clone()).unwrap();\n            \
             assert_eq!(serde_json::json!(error), wrong);\n            \
             assert_eq!(m::fields::{name}::of(&error).unwrap(), m::fields::{name}::default());\n"
        );
        let template = if error.fields.is_some() {
            error.message.clone()
        } else {
            common::template_text(&error.message)
        };
        out += &format!(
            "            let built: m::ApiError = m::fields::{name}::new({}).into();\n            \
             assert_eq!(serde_json::json!(built.message), v(r###\"{}\"###));\n        }}\n",
            required.join(", "),
            ascii_json(&serde_json::json!(common::fill(&template, &values)))
        );
    }
    out + "    }\n"
}

/// `value` as JSON text in ASCII (`\\uXXXX` escapes), to embed in Rust source.
fn ascii_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out += &format!("\\u{unit:04x}");
            }
        }
    }
    out
}

fn rust_type(ty: &str) -> String {
    let element = |scalar: &str| match scalar {
        "string" => "String",
        "integer" => "i64",
        "number" => "f64",
        "boolean" => "bool",
        _ => "serde_json::Value",
    };
    match ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(scalar) => format!("Vec<{}>", element(scalar)),
        None => element(ty).to_owned(),
    }
}

/// tests/vectors/fields through the module generated from its spec: the
/// typed fields (serialized: the present ones by wire name), the extra and
/// all members, and the message, as the Python and TypeScript tests check them.
const FIELD_VECTORS_TEST: &str = r#"    /// Numbers compare by value: `2` and `2.0` are the same.
    fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
            }
            _ => a == b,
        }
    }

    #[test]
    fn typed_field_vectors() {
        use crate::fields_vectors as m;
        let vectors: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(RESPONSES).unwrap()).unwrap();
        for vector in vectors {
            let name = vector["name"].as_str().unwrap();
            let status = vector["status"].as_u64().map(|s| u16::try_from(s).unwrap());
            let body = vector["body"].as_str().unwrap();
            let error = m::ApiError::from_response(status, &mut serde_json::Deserializer::from_str(body)).unwrap();
            let expected = &vector["expect"]["error"];
            assert_eq!(error.code.as_str(), expected["code"], "{name}");
            assert_eq!(error.code.known().is_some(), expected["known"], "{name}");
            assert_eq!(status.or(error.status()).map(u64::from), expected["status"].as_u64(), "{name}");
            assert_eq!(error.is_retryable(status), expected["retryable"], "{name}");
            assert_eq!(error.message, expected["message"], "{name}");
            let typed = match error.code.known() {
                Some(m::ErrorCode::ValidationError) => serde_json::json!(m::fields::ValidationError::of(&error).unwrap()),
                Some(m::ErrorCode::QuotaExceeded) => serde_json::json!(m::fields::QuotaExceeded::of(&error).unwrap()),
                Some(m::ErrorCode::Conflict) => serde_json::json!(m::fields::Conflict::of(&error).unwrap()),
                Some(m::ErrorCode::NotFound) => serde_json::json!(m::fields::NotFound::of(&error).unwrap()),
                None => serde_json::json!(error.shared_fields()),
            };
            let present: serde_json::Map<String, serde_json::Value> = expected["fields"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            assert!(same(&typed, &serde_json::Value::Object(present)), "{name}: typed {typed}");
            assert!(same(&serde_json::Value::Object(error.extra()), &expected["extra"]), "{name}: extra");
            assert!(same(&serde_json::Value::Object(error.members.clone()), &expected["members"]), "{name}: members");
        }
    }
"#;

/// A vector set through the module generated from its spec: the code as
/// JSON, whether it is known, status, retryability and message, and when the
/// vector gives them, the extra members, all members, and the error object
/// serialized.
const VECTOR_SET_MACRO: &str = r#"    macro_rules! vector_set {
        ($module:ident, $responses:literal) => {
            #[test]
            fn $module() {
                use crate::$module as m;
                let vectors: Vec<serde_json::Value> = serde_json::from_str(include_str!($responses)).unwrap();
                for vector in vectors {
                    let name = vector["name"].as_str().unwrap();
                    let status = vector["status"].as_u64().map(|s| u16::try_from(s).unwrap());
                    let body = vector["body"].as_str().unwrap();
                    let error = m::ApiError::from_response(status, &mut serde_json::Deserializer::from_str(body));
                    let expected = &vector["expect"]["error"];
                    let Some(error) = error else {
                        assert!(expected.is_null(), "{name}: no error");
                        continue;
                    };
                    assert_eq!(serde_json::to_value(&error.code).unwrap(), expected["code"], "{name}");
                    assert_eq!(error.code.known().is_some(), expected["known"], "{name}");
                    assert_eq!(status.or(error.status()).map(u64::from), expected["status"].as_u64(), "{name}");
                    assert_eq!(error.is_retryable(status), expected["retryable"], "{name}");
                    assert_eq!(error.message, expected["message"], "{name}");
                    if let Some(extra) = expected.get("extra") {
                        assert!(same(&serde_json::Value::Object(error.extra()), extra), "{name}: extra");
                    }
                    if let Some(members) = expected.get("members") {
                        assert!(same(&serde_json::Value::Object(error.members.clone()), members), "{name}: members");
                    }
                    if let Some(object) = expected.get("object") {
                        let serialized = serde_json::to_value(&error).unwrap();
                        assert!(same(&serialized, object), "{name}: object {serialized}");
                        let back: m::ApiError = serde_json::from_value(serialized).unwrap();
                        assert_eq!(back.code, error.code, "{name}: read back");
                    }
                }
            }
        };
    }
"#;

/// Checks one generated module against its spec's expected values.
const CHECK_MACRO: &str = r#"    macro_rules! check {
        ($module:ident, $expected:literal) => {
            #[test]
            fn $module() {
                use crate::$module as m;
                let expected: serde_json::Value = serde_json::from_str(include_str!($expected)).unwrap();
                let errors = expected["errors"].as_array().unwrap();
                assert_eq!(m::ErrorCode::ALL.len(), errors.len());
                for (code, e) in m::ErrorCode::ALL.iter().zip(errors) {
                    let (wire, message) = (e["wire"].as_str().unwrap(), e["message"].as_str().unwrap());
                    assert_eq!(serde_json::to_value(code).unwrap(), e["code"]);
                    assert_eq!(code.as_str(), wire);
                    assert_eq!(u64::from(code.status()), e["status"].as_u64().unwrap());
                    assert_eq!(code.is_retryable(), e["retryable"].as_bool().unwrap());
                    assert_eq!(code.default_message().as_bytes(), message.as_bytes());
                    assert_eq!(code.info().summary, e["summary"].as_str().unwrap());
                    assert_eq!(code.doc_url(), e["doc_url"].as_str());
                    assert_eq!(m::ApiError::new(*code).doc_url(), e["doc_url"].as_str());
                    assert_eq!(wire.parse::<m::ErrorCode>(), Ok(*code));
                    let json = serde_json::to_string(code).unwrap();
                    assert_eq!(serde_json::from_str::<m::ErrorCode>(&json).unwrap(), *code);
                    let error = m::ApiError::new(*code);
                    assert_eq!(error.to_string(), format!("{wire}: {}", e["default_message"].as_str().unwrap()));
                    let names: Vec<&str> = e["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
                    assert_eq!(code.fields().collect::<Vec<_>>(), names);
                    assert_eq!(code.info().message_is_template, e["templated"].as_bool().unwrap());
                    // What a server sends, read back by a client, is sent again unchanged.
                    let object = serde_json::to_value(&error).unwrap();
                    assert_eq!(m::FORMAT, expected["format"]);
                    let body = match m::FORMAT {
                        "envelope" => serde_json::json!({ "data": null, "error": object }),
                        "error-object" => serde_json::json!({ "error": object }),
                        _ => object.clone(),
                    };
                    let back = m::ApiError::from_response(Some(code.status()), body.clone()).unwrap();
                    assert_eq!((&back.code, &back.message), (&error.code, &error.message));
                    assert_eq!(serde_json::to_value(&back).unwrap(), object);
                    // A server sends it, with a wait, as the format says.
                    let response = error.to_response().with_retry_after(std::time::Duration::from_millis(1500));
                    assert_eq!(response.status, code.status());
                    let media = if m::FORMAT == "problem" { "application/problem+json" } else { "application/json" };
                    assert_eq!(response.headers, [("Content-Type", media.to_owned()), ("Retry-After", "2".to_owned())]);
                    assert_eq!(serde_json::from_slice::<serde_json::Value>(&response.body).unwrap(), body);
                    let sent = m::ApiError::from_response(Some(response.status), &mut serde_json::Deserializer::from_slice(&response.body)).unwrap();
                    assert_eq!((&sent.code, &sent.message), (&error.code, &error.message));
                    assert_eq!(serde_json::to_value(&sent).unwrap(), object);
                    if let Some(uri) = e["problem_type"].as_str() {
                        assert_eq!(object["type"], uri);
                        assert_eq!(object["title"], e["summary"]);
                        assert_eq!(object["status"], e["status"]);
                        assert_eq!(object["detail"], error.message.as_str());
                    }
                }
                let retry = &expected["retry"];
                let policy = m::RetryPolicy::DEFAULT;
                assert_eq!(u64::from(policy.max_retries), retry["max_retries"].as_u64().unwrap());
                assert_eq!(policy.initial_delay.as_millis(), u128::from(retry["initial_delay_ms"].as_u64().unwrap()));
                assert_eq!(policy.multiplier.to_bits(), retry["multiplier"].as_f64().unwrap().to_bits());
                assert_eq!(policy.max_delay.as_millis(), u128::from(retry["max_delay_ms"].as_u64().unwrap()));
                assert_eq!(policy.jitter == m::Jitter::Full, retry["full_jitter"].as_bool().unwrap());
                assert!(!m::Code::from("NO SUCH CODE").is_retryable(Some(500)));
                let unknown = m::ApiError::with_message("NO SUCH CODE", "m").to_response();
                assert_eq!((unknown.status, unknown.headers.len()), (m::ApiError::UNKNOWN_CODE_STATUS, 1));
                assert_eq!(m::ApiError::with_message("NO SUCH CODE", "m").doc_url(), None);
            }
        };
    }
"#;
