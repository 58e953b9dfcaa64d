//! The README's server examples ("Servers"), run as written against the code
//! generated from the repo's spec: the axum one (compiled by `build.rs` into
//! `readme_server`) over a connection on 127.0.0.1; the FastAPI one through
//! `mypy --strict` and `ruff`, then with FastAPI's test client; the Express
//! one in Node with the npm package and Express installed by name. Each
//! answers task 7 and sends `NOT_FOUND` for any other, which the generated
//! client reads back.

#[allow(dead_code)]
#[path = "../../common/tools.rs"]
mod tools;

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use errspec_server_tests::{fetch, readme, readme_server, seed, serve};
use tools::repo;

/// The first `lang` code block after `marker` in the README.
fn readme_example(marker: &str, lang: &str) -> String {
    let text = fs::read_to_string(repo().join("README.md")).unwrap();
    readme::example(&text, marker, lang).to_owned()
}

/// The repo's spec, generated for `targets` into a fresh `dir`.
fn generate(dir: &str, targets: &[errspec::Target]) -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(dir);
    let _ = fs::remove_dir_all(&out);
    errspec::Builder::new(repo().join("spec/errors.yaml"))
        .out_dir(&out)
        .targets(targets.iter().copied())
        .generate()
        .unwrap();
    out
}

#[test]
fn the_axum_example_sends_not_found() {
    let (runtime, address) = serve(readme_server::app());
    let get = |path: &str| {
        let request = http::Request::get(path).body(Default::default()).unwrap();
        runtime.block_on(fetch(&address, request))
    };

    let found = get("/tasks/7");
    assert_eq!(
        (found.status, found.body.as_slice()),
        (200, b"task 7".as_slice())
    );
    let missing = get("/tasks/3");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type.as_deref(), Some("application/json"));
    let error = seed::ApiError::from_response(
        Some(missing.status),
        &mut serde_json::Deserializer::from_slice(&missing.body),
    )
    .unwrap();
    assert_eq!(error, seed::ApiError::new(seed::ErrorCode::NotFound));
}

#[test]
fn the_fastapi_example_type_checks_and_sends_not_found() {
    let out = generate("readme-fastapi", &[errspec::Target::Python]);
    let example = out.join("readme_fastapi.py");
    fs::write(
        &example,
        readme_example("A FastAPI (or Starlette) app", "python"),
    )
    .unwrap();
    let python = tools::python();
    let source = out.join("python/src");
    tools::run(
        tools::mypy_strict().arg(&example).env("MYPYPATH", &source),
        "mypy --strict on the README's FastAPI example",
    );
    tools::run(
        Command::new(&python)
            .args(["-m", "ruff", "check", "--no-cache"])
            .arg(&example),
        "ruff check on the README's FastAPI example",
    );
    let ran = tools::run(
        Command::new(&python)
            .arg("-c")
            .arg(
                "from fastapi.testclient import TestClient\n\
                 import nanobanana_api_errors as errors\n\
                 from readme_fastapi import app\n\
                 client = TestClient(app)\n\
                 assert client.get('/tasks/7').json() == {'id': '7'}\n\
                 missing = client.get('/tasks/3')\n\
                 error = errors.parse_error(missing.text, missing.status_code)\n\
                 assert isinstance(error, errors.NotFoundError), error\n\
                 assert missing.headers['content-type'] == 'application/json'\n\
                 print(missing.status_code, error.code.value)\n",
            )
            .env("PYTHONPATH", std::env::join_paths([&out, &source]).unwrap()),
        "the README's FastAPI example",
    );
    assert_eq!(ran.trim(), "404 NOT_FOUND");
}

#[test]
fn the_express_example_runs_in_node_and_sends_not_found() {
    let out = generate("readme-express", &[errspec::Target::TypeScript]);
    let project = out.join("project");
    let modules = project.join("node_modules");
    fs::create_dir_all(&modules).unwrap();
    // The package and Express, installed by name.
    std::os::unix::fs::symlink(
        out.join("typescript"),
        modules.join("nanobanana-api-errors"),
    )
    .unwrap();
    let express = repo().join("tests/tools/node_modules/express");
    assert!(
        express.exists(),
        "Express is installed by scripts/test in tests/tools"
    );
    std::os::unix::fs::symlink(express, modules.join("express")).unwrap();
    fs::write(
        project.join("package.json"),
        r#"{"name": "readme-express", "private": true, "type": "module"}"#,
    )
    .unwrap();
    let check = r#"
// The README's example ends here; what follows runs it.
import * as errors from "nanobanana-api-errors";
const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const found = await fetch(`${url}/tasks/7`);
if (JSON.stringify(await found.json()) !== '{"id":"7"}') throw new Error("task 7");
const missing = await fetch(`${url}/tasks/3`);
const error = errors.parseError(await missing.text(), missing.status);
if (!(error instanceof errors.NotFoundError)) throw new Error(`not NOT_FOUND: ${error}`);
console.log(missing.status, missing.headers.get("content-type"), error.code);
server.close();
"#;
    fs::write(
        project.join("server.mjs"),
        readme_example("An Express app adds the error middleware", "js") + check,
    )
    .unwrap();
    let ran = tools::run(
        Command::new("node").arg("server.mjs").current_dir(&project),
        "the README's Express example",
    );
    assert_eq!(ran.trim(), "404 application/json NOT_FOUND");
}
