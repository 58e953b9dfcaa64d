//! The published crate: `cargo package` ships every template and runtime
//! file, since the library embeds them with `include_str!`.

use std::path::Path;
use std::process::Command;

#[test]
fn the_package_ships_every_template() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["package", "--list", "--allow-dirty", "--package", "errspec"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listed = String::from_utf8(output.stdout).unwrap();
    let listed: Vec<&str> = listed.lines().collect();

    let mut templates = Vec::new();
    let mut folders = vec![root.join("templates")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                templates.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    assert!(templates.len() >= 8, "templates found: {templates:?}");
    let missing: Vec<_> = templates
        .iter()
        .filter(|t| !listed.contains(&t.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in the package: {missing:?}");
}
