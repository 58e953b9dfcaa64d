//! The outputs errspec renders, one folder per language.
//!
//! Each `targets/<language>/mod.rs` owns that language's naming rules,
//! reserved words and escaping, and renders its templates (kept beside it).
//! Adding a target: a new module and template, a [`Target`] variant, and its
//! arm in [`Target::render`].

pub mod python;
pub mod rust;
pub mod typescript;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use heck::ToUpperCamelCase;

use crate::model::Model;

/// An output errspec can generate; each writes into its own folder of the output directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Target {
    /// `rust/errors.rs`: the error-code enum, error body, envelope and retry policy.
    Rust,
}

impl Target {
    /// Every target, in output order.
    pub const ALL: &'static [Target] = &[Target::Rust];

    /// The target's name on the command line, which is also its output folder.
    pub fn name(self) -> &'static str {
        match self {
            Target::Rust => "rust",
        }
    }

    pub(crate) fn render(self, model: &Model<'_>) -> Result<Vec<OutputFile>, minijinja::Error> {
        match self {
            Target::Rust => rust::render(model),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::ALL
            .iter()
            .copied()
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Target::ALL.iter().map(|t| t.name()).collect();
                format!("unknown target `{s}`; targets are: {}", names.join(", "))
            })
    }
}

/// One rendered file, with its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: String,
}

/// The template environment every target starts from: no auto-escaping (each
/// language escapes through its own filters), undefined values are errors,
/// and block tags leave no stray blank lines.
pub(crate) fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("static syntax config"),
    );
    env
}

/// Renders one template with the model as `model`.
pub(crate) fn render_template(
    env: &minijinja::Environment<'_>,
    name: &str,
    model: &Model<'_>,
) -> Result<String, minijinja::Error> {
    env.get_template(name)?
        .render(minijinja::context! { model => minijinja::value::Serde(model) })
}

/// UpperCamelCase of `code` with an `Error` suffix unless it already ends in
/// `Error`: the class name rule shared by Python and TypeScript.
pub(crate) fn exception_class(code: &str) -> String {
    let name = code.to_upper_camel_case();
    if name.ends_with("Error") {
        name
    } else {
        name + "Error"
    }
}

/// `name`, with `_` appended when it is one of `reserved`. heck never ends a
/// name with `_`, so an escaped name cannot equal another code's plain name.
pub(crate) fn unreserved(name: String, reserved: &[&str]) -> String {
    if reserved.contains(&name.as_str()) {
        name + "_"
    } else {
        name
    }
}
