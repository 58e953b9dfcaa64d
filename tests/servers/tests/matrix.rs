//! Server × client, across languages: for every response vector whose error
//! the spec defines (`tests/vectors`, every wire format) and every code of
//! the repo's spec, each server sends the error over HTTP on 127.0.0.1 and
//! each language's client reads it back, and every pair gives the same
//! answer, the one the vector and the spec call for.
//!
//! The servers: axum (`src/lib.rs`), FastAPI under uvicorn (`server.py`) and
//! Express (`server.mjs`), each through its spec's adapter, and `Deno.serve`
//! (`deno-server.mjs`), returning `toResponse()`'s fetch `Response`. The
//! clients: hyper (`src/lib.rs`), httpx (`client.py`, which also checks the
//! bodies of the spec's own errors against its JSON Schema) and fetch
//! (`client.mjs`). Each uses the code errspec generates from the set's spec.

#[allow(dead_code)]
#[path = "../../common/tools.rs"]
mod tools;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Map, Value, json};

use errspec_server_tests::{SETS, read, router, send, serve};
use tools::repo;

/// A spec the matrix serves, with its vectors and generated code.
struct Set {
    name: String,
    spec: errspec::Spec,
    vectors: Vec<Value>,
    out: PathBuf,
}

/// One error each server sends and each client reads.
struct Case {
    set: String,
    id: String,
    /// What a client POSTs: `errspec_server_tests::Case` as JSON.
    request: String,
    /// The code's fields and the shared ones, by wire name.
    field_names: Vec<String>,
    /// The parts of the answer the vector and the spec call for.
    expected: Map<String, Value>,
    /// Whether the error is one the spec's JSON Schema describes, so its
    /// body must validate: sent without members, of a code that requires no
    /// field (so every error of the repo's spec). A vector's members may be
    /// of the wrong type or undeclared, which a client tolerates and the
    /// schema, by design, does not.
    schema: bool,
}

fn sets(root: &Path) -> Vec<Set> {
    let vectors = repo().join("tests/vectors");
    let load = |file: PathBuf| -> Vec<Value> {
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap()
    };
    let mut sets = vec![(
        "seed".to_owned(),
        repo().join("spec/errors.yaml"),
        load(vectors.join("responses.json")),
    )];
    for entry in fs::read_dir(&vectors).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("spec.yaml").exists() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            sets.push((
                name,
                dir.join("spec.yaml"),
                load(dir.join("responses.json")),
            ));
        }
    }
    sets.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<&str> = sets.iter().map(|(name, ..)| name.as_str()).collect();
    let mut served = SETS.to_vec();
    served.sort();
    assert_eq!(
        names, served,
        "src/lib.rs has a spec_modules! entry for each vector set"
    );
    sets.into_iter()
        .map(|(name, spec, vectors)| {
            let out = root.join(&name);
            errspec::Builder::new(&spec)
                .out_dir(&out)
                .targets([
                    errspec::Target::Python,
                    errspec::Target::TypeScript,
                    errspec::Target::Schema,
                ])
                .generate()
                .unwrap();
            let spec = errspec::Spec::load(&spec).unwrap();
            assert!(
                spec.adapters.axum && spec.adapters.fastapi && spec.adapters.node,
                "{name}: the spec turns on every server adapter"
            );
            Set {
                name,
                spec,
                vectors,
                out,
            }
        })
        .collect()
}

/// The spec's error of `code` (as JSON has it).
fn definition<'a>(spec: &'a errspec::Spec, code: &Value) -> &'a errspec::spec::ErrorDef {
    let text = match code {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    spec.errors
        .iter()
        .find(|error| error.code == text)
        .unwrap_or_else(|| panic!("the spec defines {code}"))
}

/// The cases of `set`: each vector whose error the spec defines, sent with
/// the code, message and members the client read from it; and each code of
/// the spec with its default message and no members. Every other case
/// carries a wait of 0.5, 1.5 or 2.5 s, which `Retry-After` rounds up.
fn cases(set: &Set) -> Vec<Case> {
    let from_vectors = set.vectors.iter().filter_map(|vector| {
        let error = &vector["expect"]["error"];
        (error["known"] == true).then(|| {
            let members = error.get("members").cloned();
            let name = vector["name"].as_str().unwrap().to_owned();
            (
                name,
                error["code"].clone(),
                error.get("message").cloned(),
                members,
                error,
            )
        })
    });
    let null = Value::Null;
    let defaults = set.spec.errors.iter().map(|error| {
        let code = match set.spec.code_type {
            errspec::CodeType::Integer => json!(error.code.parse::<u64>().unwrap()),
            _ => json!(error.code),
        };
        (
            format!("{}, as the spec defines it", error.code),
            code,
            None,
            None,
            &null,
        )
    });
    from_vectors
        .chain(defaults)
        .enumerate()
        .map(|(index, (id, code, message, members, vector))| {
            let definition = definition(&set.spec, &code);
            let fields: Vec<&errspec::spec::FieldDef> = set
                .spec
                .fields
                .iter()
                .chain(definition.fields.iter().flatten())
                .collect();
            let field_names: Vec<String> = fields.iter().map(|field| field.name.clone()).collect();
            let wait = (index % 2 == 1).then_some(0.5 + (index % 3) as f64);
            let mut expected = Map::new();
            expected.insert("code".into(), code.clone());
            expected.insert("known".into(), json!(true));
            expected.insert("status".into(), json!(definition.status));
            expected.insert("retryable".into(), json!(definition.retryable));
            expected.insert("wait".into(), json!(wait.map(f64::ceil)));
            let media_type = match set.spec.format {
                errspec::WireFormat::Problem => "application/problem+json",
                _ => "application/json",
            };
            expected.insert("media_type".into(), json!(media_type));
            match &message {
                Some(message) => {
                    expected.insert("message".into(), message.clone());
                }
                None if !definition.message.contains('{') => {
                    expected.insert("message".into(), json!(definition.message));
                }
                None => {}
            }
            if members.is_some() {
                for key in ["fields", "extra", "object"] {
                    if let Some(value) = vector.get(key) {
                        expected.insert(key.into(), value.clone());
                    }
                }
            } else {
                let none: Map<String, Value> = field_names
                    .iter()
                    .map(|name| (name.clone(), Value::Null))
                    .collect();
                expected.insert("fields".into(), Value::Object(none));
                expected.insert("extra".into(), json!({}));
            }
            let request = json!({
                "code": code,
                "message": message,
                "members": members.clone().unwrap_or_else(|| json!({})),
                "retry_after": wait,
            });
            let requires_fields = fields.iter().any(|field| field.required);
            Case {
                set: set.name.clone(),
                id: id.clone(),
                request: request.to_string(),
                field_names,
                expected,
                schema: members.is_none() && !requires_fields,
            }
        })
        .collect()
}

/// A server in a child process, stopped when dropped.
struct Server(Child);

impl Server {
    /// Starts `command`, which prints the server's base URL once it listens.
    fn start(command: &mut Command, what: &str) -> (Self, String) {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("{what}: could not start: {e}"));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().to_owned();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "{what} did not start: {line:?}"
        );
        (Self(child), url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Numbers compare by value: `2` and `2.0` are the same.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn every_server_and_every_client_give_the_same_answer() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("server-matrix");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let sets = sets(&root);
    let cases: Vec<Case> = sets.iter().flat_map(cases).collect();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));

    // Each set's Python package, TypeScript module and JSON Schema.
    let mut generated = Map::new();
    let mut python_path = Vec::new();
    for set in &sets {
        let source = set.out.join("python/src");
        let package = fs::read_dir(&source)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .file_name();
        python_path.push(source);
        generated.insert(
            set.name.clone(),
            json!({
                "package": package.to_string_lossy(),
                "typescript": set.out.join("typescript"),
                "schema": set.out.join("schema/errors.schema.json"),
            }),
        );
    }
    let python_path = std::env::join_paths(python_path).unwrap();
    let generated = Value::Object(generated).to_string();

    let (runtime, rust_address) = serve(router());
    let rust_url = format!("http://{rust_address}");
    let (_python_server, python_url) = Server::start(
        Command::new(tools::python())
            .arg(here.join("server.py"))
            .env("PYTHONPATH", &python_path)
            .env("ERRSPEC_MATRIX_SETS", &generated),
        "the FastAPI server",
    );
    let (_node_server, node_url) = Server::start(
        Command::new("node")
            .arg(here.join("server.mjs"))
            .env("ERRSPEC_MATRIX_SETS", &generated)
            .env(
                "ERRSPEC_EXPRESS",
                repo().join("tests/tools/node_modules/express/index.js"),
            ),
        "the Express server",
    );
    let (_deno_server, deno_url) = Server::start(
        Command::new(tools::node_bin("deno"))
            .args(["run", "--allow-all", "--quiet"])
            .arg(here.join("deno-server.mjs"))
            .env("ERRSPEC_MATRIX_SETS", &generated)
            .env("DENO_DIR", root.join("deno-cache"))
            .env("DENO_NO_UPDATE_CHECK", "1"),
        "the Deno server",
    );
    let servers = [
        ("axum", rust_url),
        ("FastAPI", python_url),
        ("Express", node_url),
        ("Deno.serve", deno_url),
    ];

    // Answers by case, server and client.
    let mut answers: BTreeMap<(String, String), Vec<(String, Value)>> = BTreeMap::new();
    for case in &cases {
        for (server, url) in &servers {
            let address = url.strip_prefix("http://").unwrap();
            let received = runtime.block_on(send(address, &case.set, &case.request));
            let answer = read(&case.set, &received, &case.field_names);
            answers
                .entry((case.set.clone(), case.id.clone()))
                .or_default()
                .push((format!("{server} → hyper"), answer));
        }
    }
    let input = root.join("clients.json");
    let requests: Vec<Value> = cases
        .iter()
        .map(|case| {
            json!({
                "set": case.set,
                "id": case.id,
                "request": case.request,
                "fields": case.field_names,
                "schema": case.schema,
            })
        })
        .collect();
    fs::write(
        &input,
        json!({
            "servers": servers,
            "generated": serde_json::from_str::<Value>(&generated).unwrap(),
            "cases": requests,
        })
        .to_string(),
    )
    .unwrap();
    let clients = [
        (
            "httpx",
            tools::run(
                Command::new(tools::python())
                    .arg(here.join("client.py"))
                    .arg(&input)
                    .env("PYTHONPATH", &python_path),
                "the httpx client",
            ),
        ),
        (
            "fetch",
            tools::run(
                Command::new("node")
                    .arg(here.join("client.mjs"))
                    .arg(&input),
                "the fetch client",
            ),
        ),
    ];
    for (client, output) in clients {
        let read: Vec<(String, String, String, Value)> = serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("{client}'s answers: {e}\n{output}"));
        for (server, set, id, answer) in read {
            answers
                .get_mut(&(set, id))
                .expect("a case")
                .push((format!("{server} → {client}"), answer));
        }
    }

    let mut failures = Vec::new();
    for case in &cases {
        let given = &answers[&(case.set.clone(), case.id.clone())];
        assert_eq!(
            given.len(),
            servers.len() * 3,
            "{}: {}: every server, three clients",
            case.set,
            case.id
        );
        let (_, first) = &given[0];
        for (pair, answer) in given {
            if !same(answer, first) {
                failures.push(format!(
                    "{}: {}: {pair} answers\n  {answer}\nbut {} answers\n  {first}",
                    case.set, case.id, given[0].0
                ));
            }
            for (key, expected) in &case.expected {
                if !answer.get(key).is_some_and(|value| same(value, expected)) {
                    failures.push(format!(
                        "{}: {}: {pair}: {key} is {}, not {expected}",
                        case.set,
                        case.id,
                        answer.get(key).unwrap_or(&Value::Null)
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let formats: std::collections::BTreeSet<&str> =
        sets.iter().map(|set| set.spec.format.as_str()).collect();
    assert_eq!(
        formats.len(),
        errspec::WireFormat::ALL.len(),
        "every wire format is served"
    );
    assert!(cases.len() > 60, "{} cases", cases.len());
    let validated: Vec<&str> = cases
        .iter()
        .filter(|case| case.schema)
        .map(|case| case.set.as_str())
        .collect();
    assert!(
        validated.len() > 30
            && formats.iter().all(|format| sets
                .iter()
                .any(|set| set.spec.format.as_str() == *format
                    && validated.contains(&set.name.as_str()))),
        "bodies of every format are checked against the JSON Schema"
    );
}
