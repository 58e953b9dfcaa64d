//! Generates the Rust (with its axum adapter) of every spec the tests serve:
//! the repo's spec into `OUT_DIR/rust/`, as a user's build script does, and
//! each vector set's (`tests/vectors/<set>/spec.yaml`) into
//! `OUT_DIR/vectors/<set>/rust/`. Also copies the README's axum server
//! example to `OUT_DIR/readme_server.rs`, to compile it as written.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/readme.rs"]
mod readme;

fn main() -> Result<(), errspec::Error> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let rust = [errspec::Target::Rust];
    errspec::Builder::new("../../spec/errors.yaml")
        .out_dir(&out)
        .targets(rust)
        .generate()?;
    let vectors = Path::new("../vectors");
    println!("cargo:rerun-if-changed={}", vectors.display());
    for entry in fs::read_dir(vectors).expect("tests/vectors") {
        let dir = entry.expect("tests/vectors").path();
        if dir.join("spec.yaml").exists() {
            let set = dir.file_name().unwrap();
            errspec::Builder::new(dir.join("spec.yaml"))
                .out_dir(out.join("vectors").join(set))
                .targets(rust)
                .generate()?;
        }
    }

    println!("cargo:rerun-if-changed=../../README.md");
    let readme = fs::read_to_string("../../README.md").expect("README.md");
    fs::write(
        out.join("readme_server.rs"),
        readme::example(&readme, "A Rust server with axum", "rust"),
    )
    .expect("OUT_DIR is writable");
    Ok(())
}
