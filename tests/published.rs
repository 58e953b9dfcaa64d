//! The published artifacts (JSON Schema, OpenAPI components, the docs page
//! and the spec's own schema), checked by real tools for the repo's spec, a
//! hostile spec and a spec of 1,000 codes: the JSON Schema and OpenAPI
//! validators, a Markdown renderer, and openapi-typescript generating
//! TypeScript that `tsc --strict` accepts.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestSpec;
use common::tools::{node_bin, python, run, script};

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("published")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `spec` into `dir`, generates every target from it, and checks them.
fn check(dir: &Path, spec_path: &Path, expected_json: &str) {
    let out = dir.join("out");
    errspec::Builder::new(spec_path)
        .out_dir(&out)
        .generate()
        .unwrap();
    let expected = dir.join("expected.json");
    fs::write(&expected, expected_json).unwrap();
    run(
        Command::new(python())
            .arg(script("check_published.py"))
            .arg(&out)
            .arg(&expected)
            .arg(spec_path),
        "check_published.py",
    );
    // The branch type checked is the first code's with fields of its own but
    // none named like `Object.prototype`'s members: those are
    // `patternProperties` (see the schema target), which openapi-typescript
    // makes an index signature.
    const OBJECT_PROTOTYPE: [&str; 7] = [
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
    ];
    let expected: serde_json::Value = serde_json::from_str(expected_json).unwrap();
    let typed = expected["errors"].as_array().unwrap().iter().find(|e| {
        let fields = e["fields"].as_array().unwrap();
        fields
            .iter()
            .any(|f| f["shared"] == false && f["required"] == true)
            && fields
                .iter()
                .all(|f| !OBJECT_PROTOTYPE.contains(&f["name"].as_str().unwrap()))
    });
    let required: serde_json::Map<String, serde_json::Value> = typed
        .map(|e| {
            e["fields"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["required"] == true)
                .map(|f| (f["name"].as_str().unwrap().to_owned(), f["value"].clone()))
                .collect()
        })
        .unwrap_or_default();
    let first_code = &expected["errors"][0]["code"];
    let typed_code = typed.map_or(first_code, |e| &e["code"]);
    let shape = Shape::of(&expected);
    check_openapi_typescript(&out, &shape, first_code, typed_code, &required);
    check_datamodel_codegen(&out, &shape, typed_code, &required);
    check_openapi_linters(&out);
}

/// The shape of a spec's error responses, from its expected values.
struct Shape<'a> {
    expected: &'a serde_json::Value,
    format: &'a str,
}

impl<'a> Shape<'a> {
    fn of(expected: &'a serde_json::Value) -> Self {
        Self {
            expected,
            format: expected["format"].as_str().unwrap(),
        }
    }

    /// The name of the response body's schema.
    fn body_schema(&self) -> &'static str {
        match self.format {
            "envelope" => "ErrorEnvelope",
            "error-object" => "ErrorResponse",
            _ => "Problem",
        }
    }

    /// A code of the spec's type that it does not define.
    fn unknown_code(&self) -> serde_json::Value {
        let codes: Vec<&serde_json::Value> = self.expected["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["code"])
            .collect();
        if codes[0].is_u64() {
            let unused = (1u64..)
                .find(|n| !codes.contains(&&serde_json::json!(n)))
                .unwrap();
            serde_json::json!(unused)
        } else {
            serde_json::json!("NOT A CODE")
        }
    }

    /// An error object of `code` with `members`, as a server sends it.
    fn error_object(
        &self,
        code: &serde_json::Value,
        members: &serde_json::Map<String, serde_json::Value>,
    ) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        if self.format == "problem" {
            let known = self.expected["errors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["code"] == *code);
            let (uri, title, status) = match known {
                Some(e) => (
                    e["problem_type"].clone(),
                    e["summary"].clone(),
                    e["status"].clone(),
                ),
                None => ("about:blank".into(), "t".into(), 502.into()),
            };
            object.insert("type".into(), uri);
            object.insert("title".into(), title);
            object.insert("status".into(), status);
            object.insert("detail".into(), "m".into());
        } else {
            object.insert("message".into(), "m".into());
        }
        object.insert("code".into(), code.clone());
        object.extend(members.clone());
        serde_json::Value::Object(object)
    }

    /// A response body carrying the error object `error`.
    fn body(&self, error: serde_json::Value) -> serde_json::Value {
        match self.format {
            "envelope" => serde_json::json!({ "data": null, "error": error }),
            "error-object" => serde_json::json!({ "error": error }),
            _ => error,
        }
    }
}

/// Redocly (recommended rules) and Spectral (`spectral:oas`) find no error in
/// the published OpenAPI files, and no warning but those a components-only
/// document cannot avoid: components nothing in it uses, and no license or
/// contact, which belong to the API's own document.
fn check_openapi_linters(out: &Path) {
    let spectral_rules = out.join("spectral.yaml");
    fs::write(&spectral_rules, "extends: [\"spectral:oas\"]\n").unwrap();
    for file in ["openapi/errors.yaml", "openapi/errors.json"] {
        let path = out.join(file);
        let redocly = run(
            Command::new(node_bin("redocly"))
                .args(["lint", "--format", "json"])
                .arg(&path)
                .env("REDOCLY_TELEMETRY", "off")
                .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
            "redocly lint",
        );
        let report: serde_json::Value = serde_json::from_str(&redocly).unwrap();
        for problem in report["problems"].as_array().unwrap() {
            let rule = problem["ruleId"].as_str().unwrap();
            assert!(
                problem["severity"] == "warn"
                    && ["no-unused-components", "info-license"].contains(&rule),
                "redocly on {file}: {problem:#}"
            );
        }
        let spectral = run(
            Command::new(node_bin("spectral"))
                .args([
                    "lint",
                    "--format",
                    "json",
                    "--fail-severity",
                    "error",
                    "--ruleset",
                ])
                .arg(&spectral_rules)
                .arg(&path),
            "spectral lint",
        );
        let report: serde_json::Value = serde_json::from_str(&spectral).unwrap();
        for problem in report.as_array().unwrap() {
            let rule = problem["code"].as_str().unwrap();
            assert!(
                problem["severity"] == 1
                    && ["oas3-unused-component", "info-contact"].contains(&rule),
                "spectral on {file}: {problem:#}"
            );
        }
    }
}

/// datamodel-codegen turns the components into pydantic models, which read
/// an error of `typed_code` with its `required` fields as that code's own
/// model, and an error of a newer server's code too.
fn check_datamodel_codegen(
    out: &Path,
    shape: &Shape<'_>,
    typed_code: &serde_json::Value,
    required: &serde_json::Map<String, serde_json::Value>,
) {
    let models = out.join("datamodel");
    fs::create_dir_all(&models).unwrap();
    run(
        Command::new(python())
            .args(["-m", "datamodel_code_generator", "--input"])
            .arg(out.join("openapi/errors.yaml"))
            .args([
                "--input-file-type",
                "openapi",
                "--output-model-type",
                "pydantic_v2.BaseModel",
                "--formatters",
                "black",
                "isort",
                "--output",
            ])
            .arg(models.join("models.py")),
        "datamodel-codegen",
    );
    let document: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("openapi/errors.json")).unwrap())
            .unwrap();
    // When the code has a branch of its own, its model is not the catch-all.
    // (Names differ: datamodel-codegen renames `Error_` to `Error`, say.)
    let typed = if document["components"]["schemas"]
        .as_object()
        .unwrap()
        .values()
        .any(|schema| schema["properties"]["code"]["const"] == *typed_code)
    {
        "True"
    } else {
        "False"
    };
    let error = shape.error_object(typed_code, required);
    let newer = shape.error_object(&shape.unknown_code(), &serde_json::Map::new());
    let error_of = if shape.format == "problem" {
        "body"
    } else {
        "body.error"
    };
    let check = format!(
        "import json, models\n\
         body = models.{schema}.model_validate(json.loads({body:?}))\n\
         error = getattr({error_of}, 'root', {error_of})\n\
         assert ({typed} and type(error).__name__ != 'ErrorOfOtherCodes') or not {typed}, type(error).__name__\n\
         assert error.model_dump(mode='json', exclude_none=True, by_alias=True) == json.loads({error:?})\n\
         newer = models.{schema}.model_validate(json.loads({newer:?}))\n",
        schema = shape.body_schema(),
        body = shape.body(error.clone()).to_string(),
        error = error.to_string(),
        newer = shape.body(newer).to_string(),
    );
    run(
        Command::new(python())
            .args(["-c", &check])
            .current_dir(&models),
        "pydantic models from datamodel-codegen",
    );
}

/// openapi-typescript turns the components into types; `tsc --strict`
/// accepts them; the known code type is the union of the spec's codes, and
/// the error code type also takes codes a newer server adds; an error of
/// `first_code` needs its `required` fields, typed.
fn check_openapi_typescript(
    out: &Path,
    shape: &Shape<'_>,
    first_code: &serde_json::Value,
    typed_code: &serde_json::Value,
    required: &serde_json::Map<String, serde_json::Value>,
) {
    let ts = out.join("openapi-ts");
    fs::create_dir_all(&ts).unwrap();
    run(
        Command::new(node_bin("openapi-typescript"))
            .arg(out.join("openapi/errors.yaml"))
            .arg("-o")
            .arg(ts.join("errors.ts")),
        "openapi-typescript",
    );
    let first = first_code.to_string();
    let unknown = shape.unknown_code().to_string();
    let no_members = serde_json::Map::new();
    // Without its required fields, or with one of another type, an error of
    // the first code does not type-check.
    let document: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("openapi/errors.json")).unwrap())
            .unwrap();
    let branch = document["components"]["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, schema)| schema["properties"]["code"]["const"] == *typed_code)
        .map(|(name, _)| serde_json::to_string(name).unwrap());
    // A JSON value (`unknown` to TypeScript) cannot be of another type.
    let retypable = required.iter().find(|(_, value)| {
        !value.is_object()
            && !value
                .as_array()
                .is_some_and(|items| items.iter().any(|i| i.is_object() || i.is_array()))
    });
    let missing = match branch {
        Some(branch) if !required.is_empty() => {
            let mut checks = format!(
                "type Branch = components[\"schemas\"][{branch}];\n\
                 export const typed: Branch = {};\n\
                 // @ts-expect-error a required field is missing\n\
                 export const missing: Branch = {};\n",
                shape.error_object(typed_code, required),
                shape.error_object(typed_code, &no_members),
            );
            if let Some((name, value)) = retypable {
                let wrong = if value.is_string() { "7" } else { "\"wrong\"" };
                let mut retyped = required.clone();
                retyped.insert(name.clone(), serde_json::from_str(wrong).unwrap());
                checks += &format!(
                    "// @ts-expect-error a field of another type\n\
                     export const retyped: Branch = {};\n",
                    shape.error_object(typed_code, &retyped)
                );
            }
            checks
        }
        _ => String::new(),
    };
    fs::write(
        ts.join("use.ts"),
        format!(
            "import type {{ components }} from \"./errors\";\n\
             type Code = components[\"schemas\"][\"ErrorCode\"];\n\
             type Known = components[\"schemas\"][\"KnownErrorCode\"];\n\
             type Body = components[\"schemas\"][{schema:?}];\n\
             export const known: Known = {first};\n\
             // @ts-expect-error a value that is no code is not a KnownErrorCode\n\
             export const notKnown: Known = {unknown};\n\
             // A newer server's code is still an ErrorCode: the client accepts it.\n\
             export const unknown: Code = {unknown};\n\
             export const body: Body = {body};\n\
             export const newer: Body = {newer};\n{missing}",
            schema = shape.body_schema(),
            body = shape.body(shape.error_object(typed_code, required)),
            newer = shape.body(shape.error_object(&shape.unknown_code(), &no_members)),
        ),
    )
    .unwrap();
    run(
        Command::new(node_bin("tsc"))
            .args([
                "--strict",
                "--noEmit",
                "--target",
                "es2022",
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
            ])
            .arg(ts.join("use.ts")),
        "tsc on openapi-typescript's output",
    );
}

fn check_test_spec(name: &str, spec: &TestSpec) {
    let dir = scratch(name);
    let spec_path = dir.join("spec.yaml");
    fs::write(&spec_path, spec.to_yaml()).unwrap();
    check(&dir, &spec_path, &spec.expected_json());
}

#[test]
fn the_repo_spec_publishes_valid_artifacts() {
    let dir = scratch("seed");
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/errors.yaml");
    let spec = errspec::Spec::load(&spec_path).unwrap();
    assert!(
        spec.fields.is_empty() && spec.errors.iter().all(|e| e.fields.is_none()),
        "the repo spec has fields: write their samples into the expected values"
    );
    let errors: Vec<_> = spec
        .errors
        .iter()
        .map(|e| {
            serde_json::json!({
                "code": e.code, "identifier": e.code, "status": e.status, "retryable": e.retryable,
                "message": e.message, "example": e.example, "fields": [],
            })
        })
        .collect();
    let expected = serde_json::json!({ "format": "envelope", "errors": errors }).to_string();
    check(&dir, &spec_path, &expected);
}

#[test]
fn a_hostile_spec_publishes_valid_artifacts() {
    check_test_spec("hostile", &common::hostile_spec());
}

#[test]
fn the_hostile_spec_publishes_valid_artifacts_in_every_format() {
    for (name, spec) in common::hostile_specs().into_iter().skip(1) {
        check_test_spec(&name, &spec);
    }
}

#[test]
fn a_discord_like_spec_of_integer_codes_publishes_valid_artifacts() {
    check_test_spec("discord", &common::discord_like_spec());
}

#[test]
fn a_spec_of_1000_codes_publishes_valid_artifacts() {
    check_test_spec("thousand", &common::many_codes_spec(1000));
}

#[test]
fn deprecated_codes_are_marked_in_every_artifact() {
    let dir = scratch("deprecated");
    let spec = dir.join("spec.yaml");
    fs::write(
        &spec,
        "version: 1\nname: X\nerrors:\n\
         - {code: OLD, status: 410, message: Gone., retryable: false, deprecated: use NEW instead}\n\
         - {code: NEW, status: 404, message: Missing., retryable: false}\n",
    )
    .unwrap();
    let out = dir.join("out");
    errspec::Builder::new(&spec)
        .out_dir(&out)
        .generate()
        .unwrap();
    let read = |file: &str| fs::read_to_string(out.join(file)).unwrap();

    let docs = read("docs/errors.md");
    let old = &docs[docs.find("### `OLD`").unwrap()..docs.find("### `NEW`").unwrap()];
    assert!(old.contains("**Deprecated.** use NEW instead"), "{old}");
    assert!(!docs[docs.find("### `NEW`").unwrap()..].contains("Deprecated"));

    let schema: serde_json::Value =
        serde_json::from_str(&read("schema/errors.schema.json")).unwrap();
    let codes = &schema["$defs"]["ErrorCode"]["oneOf"];
    assert_eq!(codes[0]["deprecated"], true);
    assert!(
        codes[0]["description"]
            .as_str()
            .unwrap()
            .ends_with("Deprecated: use NEW instead")
    );
    assert!(codes[1].get("deprecated").is_none());

    let rust = read("rust/errors.rs");
    assert!(
        rust.contains("    #[deprecated = \"use NEW instead\"]\n    Old,"),
        "{rust}"
    );
}

#[test]
fn a_title_leads_the_docs_and_the_message_stays_the_default() {
    let dir = scratch("title");
    let spec = dir.join("spec.yaml");
    fs::write(
        &spec,
        "version: 1\nname: X\nerrors:\n\
         - {code: LIMITED, status: 429, title: Too many requests., message: Rate limit exceeded, retryable: true}\n",
    )
    .unwrap();
    let out = dir.join("out");
    errspec::Builder::new(&spec)
        .out_dir(&out)
        .generate()
        .unwrap();
    let read = |file: &str| fs::read_to_string(out.join(file)).unwrap();

    let docs = read("docs/errors.md");
    let section = &docs[docs.find("### `LIMITED`").unwrap()..];
    assert!(
        section.contains("HTTP 429, retryable.\n\nToo many requests.\n"),
        "{section}"
    );
    assert!(
        section.contains("\"message\": \"Rate limit exceeded\""),
        "{section}"
    );

    let schema: serde_json::Value =
        serde_json::from_str(&read("schema/errors.schema.json")).unwrap();
    let description = schema["$defs"]["ErrorCode"]["oneOf"][0]["description"]
        .as_str()
        .unwrap();
    assert!(
        description.starts_with("Too many requests.\n\nHTTP 429"),
        "{description}"
    );

    assert!(
        !section.contains("Default message"),
        "the example shows it: {section}"
    );

    // With an example too, the page says the default message in words.
    let with_example = fs::read_to_string(&spec)
        .unwrap()
        .replace("retryable: true}", "retryable: true, example: Slow down}");
    fs::write(&spec, with_example).unwrap();
    errspec::Builder::new(&spec)
        .out_dir(&out)
        .generate()
        .unwrap();
    let docs = read("docs/errors.md");
    assert!(
        docs.contains("Too many requests.\n\nDefault message: Rate limit exceeded\n"),
        "{docs}"
    );

    let rust = read("rust/errors.rs");
    assert!(rust.contains("    /// Too many requests.\n"), "{rust}");
    assert!(
        rust.contains("default_message: \"Rate limit exceeded\""),
        "{rust}"
    );
    let python = read("python/src/x_errors/__init__.py");
    let classes = read("python/src/x_errors/_errors_0.py");
    assert!(
        classes.contains("\"\"\"``LIMITED`` (HTTP 429, retryable): Too many requests.\"\"\""),
        "{classes}"
    );
    assert!(python.contains("\"Rate limit exceeded\",\n"), "{python}");
    let typescript = read("typescript/errors.ts");
    assert!(
        typescript.contains("message: \"Rate limit exceeded\","),
        "{typescript}"
    );
    assert!(
        typescript.contains(" * `LIMITED` (HTTP 429, retryable): Too many requests.\n"),
        "{typescript}"
    );
}
