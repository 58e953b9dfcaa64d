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
//! target's `per_code.rs` directly, one [`Part`] each, straight into the file
//! where its template places it (`{{ per_code.classes }}`, see
//! [`write_with_parts`]); templates see the model without its per-code lists
//! (see `Model::template_value`). Through the template engine, 10,000 codes
//! took longer than everything else errspec does. A file's text goes to an
//! [`Out`], which hands it on in pieces: no output is ever whole in memory.
//!
//! Adding a target:
//! 1. `templates/<target>/`: its templates. Handler code keeps its static part
//!    in a runtime file (`runtime.<ext>`) that the language's tools check as
//!    it is; see [`runtime`] for how templates pull it in by parts.
//! 2. `src/targets/<target>/mod.rs`: a `render` handing each file's path to
//!    `emit` with what writes its text, with `names.rs` beside it if it names
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
mod out;
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

pub(crate) use json::{Json, json_object, json_text, write_json};
pub(crate) use out::{Out, Write, to_string};

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

    /// Renders this target's files for `model`, handing each to `emit`,
    /// which has it written where it goes. An error is a bug in errspec.
    pub(crate) fn render(self, model: &Model<'_>, emit: Emit<'_>) -> Result<(), minijinja::Error> {
        match self {
            Target::Rust => rust::render(model, emit),
            Target::Schema => schema::render(model, emit),
            Target::OpenApi => openapi::render(model, emit),
            Target::Python => python::render(model, emit),
            Target::TypeScript => typescript::render(model, emit),
            Target::Docs => docs::render(model, emit),
            #[cfg(feature = "schema")]
            Target::SpecSchema => emit(Path::new("spec.schema.json"), &mut |out| {
                out.push_str(&json_text(&crate::spec::json_schema()));
                Ok(())
            }),
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

/// One per-code part of a file, written where the file's template places
/// it (`{{ per_code.NAME }}`).
pub(crate) struct Part<'p> {
    name: &'static str,
    /// Whether the part has any text, as `{% if per_code.NAME %}` asks.
    present: bool,
    text: PartText<'p>,
}

enum PartText<'p> {
    /// Text made up front, written as it is.
    Whole(String),
    /// Lines written straight into the file, one code (or field) at a time.
    Lines(Box<dyn Fn(&mut Out<'_>) + 'p>),
}

impl<'p> Part<'p> {
    /// A part made up front, written as it is.
    pub(crate) fn text(name: &'static str, text: String) -> Self {
        Self {
            name,
            present: !text.is_empty(),
            text: PartText::Whole(text),
        }
    }

    /// A part of whole lines that `write` writes straight into the file,
    /// without the last newline, which the template's own line adds.
    /// `present` says whether it writes any.
    pub(crate) fn lines(
        name: &'static str,
        present: bool,
        write: impl Fn(&mut Out<'_>) + 'p,
    ) -> Self {
        Self {
            name,
            present,
            text: PartText::Lines(Box::new(write)),
        }
    }
}

/// What marks where a part goes in a template's text: no output holds a
/// NUL, as every language escapes it.
const SLOT: &str = "\u{0}per_code:";

/// Writes the file `template` renders from `context` and `parts`: the
/// template's text, with each part written where the template places it.
pub(crate) fn write_with_parts(
    out: &mut Out<'_>,
    template: &minijinja::Template<'_, '_>,
    context: minijinja::Value,
    parts: &[Part<'_>],
) -> Result<(), minijinja::Error> {
    let slots: std::collections::BTreeMap<&str, minijinja::Value> = parts
        .iter()
        .map(|part| {
            let slot = Slot {
                name: part.name,
                present: part.present,
            };
            (part.name, minijinja::Value::from_object(slot))
        })
        .collect();
    let frame = template.render(minijinja::context! { per_code => slots, ..context })?;
    let mut rest = frame.as_str();
    while let Some(at) = rest.find(SLOT) {
        out.push_str(&rest[..at]);
        let name = &rest[at + SLOT.len()..];
        let end = name.find('\u{0}').expect("a slot's name ends with a NUL");
        let part = parts
            .iter()
            .find(|part| part.name == &name[..end])
            .expect("a slot is a part's");
        match &part.text {
            PartText::Whole(text) => out.push_str(text),
            PartText::Lines(write) => {
                let written = out.part(|out| write(out));
                debug_assert_eq!(written, part.present, "per_code.{} has text", part.name);
            }
        }
        rest = &name[end + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// Where a part goes, as a template writes it.
#[derive(Debug)]
struct Slot {
    name: &'static str,
    present: bool,
}

impl minijinja::value::Object for Slot {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Plain
    }

    fn is_true(self: &std::sync::Arc<Self>) -> bool {
        self.present
    }

    fn render(self: &std::sync::Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{SLOT}{}\u{0}", self.name)
    }
}

/// Where a target hands each file it renders: its path, relative to the
/// output directory, and what writes its text. An error is a template's.
pub(crate) type Emit<'a> = &'a mut dyn FnMut(&Path, Write<'_>) -> Result<(), minijinja::Error>;

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
