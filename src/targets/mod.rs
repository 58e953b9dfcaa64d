//! The outputs errspec renders: what it emits lives in `templates/<target>/`,
//! how names and strings are made safe for it in `src/targets/<target>/`.
//!
//! Each `targets/<target>/mod.rs` escapes spec text for its language (one
//! function per kind of literal, used as template filters) and renders its
//! templates from the [`Model`]. A language whose code names each error
//! keeps those names in a leaf, `targets/<target>/names.rs`: identifiers for
//! a code, reserved words, the package-name rule and the list the collision
//! check reads. The spec and the model read the leaves; nothing here is read
//! back by them.
//!
//! Per-code sections: what a file repeats for every code is written by the
//! target's `per_code.rs` directly, and its template places the result
//! (`{{ per_code.classes }}`, from [`parts_value`], which moves the text in
//! rather than copying it); templates see the model without its per-code
//! lists (see `Model::template_value`). Through the template engine, 10,000
//! codes took longer than everything else errspec does.
//!
//! Adding a target:
//! 1. `templates/<target>/`: its templates. Handler code keeps its static part
//!    in a runtime file (`runtime.<ext>`) that the language's tools check as
//!    it is; see [`runtime`] for how templates pull it in by parts.
//! 2. `src/targets/<target>/mod.rs`: a `render` handing each [`OutputFile`] to
//!    `emit` as soon as it is rendered, with `names.rs` beside it if it names
//!    codes (then add it to `crate::names::Names`, so collisions are checked
//!    across languages).
//! 3. A [`Target`] variant, with its name, its place in [`Target::ALL`] and
//!    its arm in [`Target::render`].
//! 4. Tests: its own checks in `tests/`, and `ERRSPEC_BLESS=1 cargo test --test
//!    golden` to add its output to the golden files.

pub mod docs;
mod json;
pub(crate) mod naming;
pub mod openapi;
pub mod python;
mod runtime;
pub mod rust;
pub mod schema;
pub mod typescript;

/// The text of a file under `templates/`, embedded in the binary so errspec
/// works as a published dependency.
macro_rules! template {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $path))
    };
}
use template;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub(crate) use json::{Json, json_object, json_text};

use crate::model::Model;
use crate::spec::FieldType;

/// An output errspec can generate; each writes into its own folder of the output directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Target {
    /// `rust/errors.rs`: the error-code enum, error body, envelope and retry policy.
    Rust,
    /// `schema/errors.schema.json`: JSON Schema (draft 2020-12) of the error response.
    Schema,
    /// `openapi/errors.yaml` and `.json`: OpenAPI 3.1 components to `$ref`.
    OpenApi,
    /// `python/`: an installable, typed, dependency-free handler package.
    Python,
    /// `typescript/`: a strict, dependency-free handler module.
    TypeScript,
    /// `docs/errors.md`: the error reference page.
    Docs,
    /// `spec.schema.json`: JSON Schema of spec files, for editors.
    #[cfg(feature = "schema")]
    SpecSchema,
}

impl Target {
    /// Every target, in output order.
    pub const ALL: &'static [Target] = &[
        Target::Rust,
        Target::Schema,
        Target::OpenApi,
        Target::Python,
        Target::TypeScript,
        Target::Docs,
        #[cfg(feature = "schema")]
        Target::SpecSchema,
    ];

    /// The target's name on the command line, which is also its output folder.
    pub fn name(self) -> &'static str {
        match self {
            Target::Rust => "rust",
            Target::Schema => "schema",
            Target::OpenApi => "openapi",
            Target::Python => "python",
            Target::TypeScript => "typescript",
            Target::Docs => "docs",
            #[cfg(feature = "schema")]
            Target::SpecSchema => "spec-schema",
        }
    }

    /// Whether `path` (relative to the output directory) is in this target's
    /// part of it: its folder, or `spec.schema.json` for the spec's schema.
    pub(crate) fn owns(self, path: &Path) -> bool {
        match self {
            #[cfg(feature = "schema")]
            Target::SpecSchema => path == Path::new("spec.schema.json"),
            _ => path.starts_with(self.name()),
        }
    }

    /// Renders this target's files for `model`, handing each to `emit` as
    /// soon as it is rendered, so that a large spec's files are not all in
    /// memory at once. An error is a bug in errspec.
    pub(crate) fn render(self, model: &Model<'_>, emit: Emit<'_>) -> Result<(), minijinja::Error> {
        match self {
            Target::Rust => rust::render(model, emit),
            Target::Schema => schema::render(model, emit),
            Target::OpenApi => openapi::render(model, emit),
            Target::Python => python::render(model, emit),
            Target::TypeScript => typescript::render(model, emit),
            Target::Docs => docs::render(model, emit),
            #[cfg(feature = "schema")]
            Target::SpecSchema => {
                emit(OutputFile {
                    path: PathBuf::from("spec.schema.json"),
                    contents: json_text(&crate::spec::json_schema()),
                });
                Ok(())
            }
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

/// Gives a target's per-code parts struct (of `String` fields) its
/// `into_value`: the parts as the template's `per_code`, through
/// [`parts_value`], each named as its field.
macro_rules! per_code_value {
    ($parts:ident { $($field:ident),* $(,)? }) => {
        impl $parts {
            /// The parts as the template's `per_code`.
            pub(super) fn into_value(self) -> minijinja::Value {
                let $parts { $($field),* } = self;
                crate::targets::parts_value([$((stringify!($field), $field)),*])
            }
        }
    };
}
pub(crate) use per_code_value;

/// A file's per-code parts as the template value `per_code`: each part
/// prints as it is, and is moved in rather than copied, as turning a `String`
/// into a template value would (a large spec's parts are megabytes).
pub(crate) fn parts_value<const N: usize>(parts: [(&'static str, String); N]) -> minijinja::Value {
    let parts: std::collections::BTreeMap<&'static str, minijinja::Value> = parts
        .into_iter()
        .map(|(name, text)| (name, minijinja::Value::from_object(Part(text))))
        .collect();
    minijinja::Value::from_object(parts)
}

/// One per-code part: text that is true when not empty.
#[derive(Debug)]
struct Part(String);

impl minijinja::value::Object for Part {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Plain
    }

    fn is_true(self: &std::sync::Arc<Self>) -> bool {
        !self.0.is_empty()
    }

    fn render(self: &std::sync::Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a target hands each file it renders.
pub(crate) type Emit<'a> = &'a mut dyn FnMut(OutputFile);

/// One rendered file, with its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Where the file goes, relative to the output directory.
    pub path: PathBuf,
    /// The file's text.
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

/// A field type as templates pass it (`field.type`, spelled as the spec
/// spells it).
pub(crate) fn spelled(spelling: &str) -> FieldType {
    FieldType::from_spelling(spelling).expect("the model spells field types as the spec does")
}

/// An empty string with room for `bytes` of text per code of `model`, so a
/// per-code part grows without copying itself. (Room never written to costs
/// no memory.)
pub(crate) fn room_per_code(model: &Model<'_>, bytes: usize) -> String {
    String::with_capacity(bytes * model.errors.len())
}

#[cfg(test)]
mod tests {
    /// Everything the spec and the model take from `targets`: each path
    /// after `targets::` must be a `names` leaf or the shared `naming` rules.
    #[test]
    fn the_spec_and_the_model_read_only_the_names_leaves() {
        let upstream = [
            ("model.rs", include_str!("../model.rs")),
            ("names.rs", include_str!("../names.rs")),
            ("spec/mod.rs", include_str!("../spec/mod.rs")),
            ("spec/decode.rs", include_str!("../spec/decode.rs")),
            ("spec/file.rs", include_str!("../spec/file.rs")),
            ("spec/yaml.rs", include_str!("../spec/yaml.rs")),
        ];
        for (file, source) in upstream {
            for (at, _) in source.match_indices("targets::") {
                let path: String = source[at + "targets::".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                assert!(
                    path == "naming::" || path.ends_with("::names") || path.starts_with("naming::"),
                    "{file} uses `targets::{path}`: only names leaves may be read here"
                );
            }
        }
    }

    /// The leaves depend on heck, serde's derive and the shared rules only.
    #[test]
    fn names_leaves_import_nothing_else() {
        let leaves = [
            include_str!("rust/names.rs"),
            include_str!("python/names.rs"),
            include_str!("typescript/names.rs"),
            include_str!("docs/names.rs"),
            include_str!("naming.rs"),
        ];
        for leaf in leaves {
            for import in leaf.lines().filter(|line| line.starts_with("use ")) {
                assert!(
                    [
                        "use heck::",
                        "use serde::Serialize;",
                        "use crate::targets::naming::"
                    ]
                    .iter()
                    .any(|allowed| import.starts_with(allowed)),
                    "a names leaf imports `{import}`"
                );
            }
        }
    }
}
