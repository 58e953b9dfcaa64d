//! The spec: its types, and loading a YAML file into them with every rule checked.
//!
//! `yaml` turns text into a tree of positioned nodes; `decode` walks that tree,
//! checks every rule of the spec format and collects every problem, so a spec
//! author sees all of them at once, each with its line and column.

mod decode;
mod file;
mod yaml;

pub(crate) use decode::{MAX_SAFE_INTEGER, Piece, template_pieces};

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::names::Names;

/// The spec format version this errspec reads.
pub const SPEC_VERSION: i128 = 1;

/// Member names no field may take: the error's own `code` and `message`, and
/// the members RFC 9457 gives a problem document.
pub(crate) const RESERVED_FIELD_NAMES: [&str; 7] = [
    "code", "message", "type", "title", "status", "detail", "instance",
];

/// The longest field name.
pub(crate) const MAX_FIELD_NAME_LENGTH: usize = 64;

/// The largest spec file errspec reads: 64 MiB.
pub const MAX_SPEC_BYTES: u64 = 64 * 1024 * 1024;

/// A validated error spec: everything the targets render from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Spec {
    /// The API's name, e.g. `Nanobanana API`.
    pub name: String,
    /// Markdown shown at the top of the docs page.
    pub description: Option<String>,
    /// The `$id` of the generated JSON Schema, when the spec sets one.
    pub schema_id: Option<String>,
    /// Where each code is documented: a URI with `{code}` and `{anchor}`
    /// placeholders, when the spec sets one.
    pub docs_url: Option<String>,
    /// How errors travel on the wire.
    pub format: WireFormat,
    /// With [`WireFormat::Problem`]: the start of every code's problem
    /// `type` URI, which is this followed by the code.
    pub problem_base: Option<String>,
    /// Whether the codes are strings or integers on the wire.
    pub code_type: CodeType,
    /// The client-side retry policy every generated handler follows.
    pub retry: RetryPolicy,
    /// What each HTTP status means for this API, for the docs' status table.
    pub statuses: BTreeMap<u16, String>,
    /// Markdown telling callers where to get help, shown at the end of the docs.
    pub support: Option<String>,
    /// The Python package's import name, when the spec sets one.
    pub python_package: Option<String>,
    /// The npm package's name, when the spec sets one.
    pub typescript_package: Option<String>,
    /// The server adapters to write beside each language's core.
    pub adapters: Adapters,
    /// Members any error may carry beside `code` and `message`, in spec order.
    pub fields: Vec<FieldDef>,
    /// The errors, in spec order.
    pub errors: Vec<ErrorDef>,
}

/// How an API's errors travel on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WireFormat {
    /// `{"data": ..., "error": {"code", "message", ...}}`, `error` null on success.
    #[default]
    Envelope,
    /// `{"error": {"code", "message", ...}}`; a success body is the data itself.
    ErrorObject,
    /// RFC 9457 `application/problem+json`: `{"type", "title", "status",
    /// "detail", "code", ...}`; a success body is the data itself.
    Problem,
}

impl WireFormat {
    /// Every format, as the spec spells them.
    pub const ALL: [WireFormat; 3] = [
        WireFormat::Envelope,
        WireFormat::ErrorObject,
        WireFormat::Problem,
    ];

    /// How the spec spells it: `envelope`, `error-object`, `problem`.
    pub fn as_str(self) -> &'static str {
        match self {
            WireFormat::Envelope => "envelope",
            WireFormat::ErrorObject => "error-object",
            WireFormat::Problem => "problem",
        }
    }
}

impl std::fmt::Display for WireFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON type of an API's codes: all strings, or all integers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeType {
    /// Codes such as `RATE_LIMITED`.
    #[default]
    String,
    /// Codes such as `10001`, from 0 to 2^53 - 1.
    Integer,
}

/// The optional server adapters: each a file of its own beside its
/// language's core, which needs no framework.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Adapters {
    /// `rust/axum.rs`: axum's `IntoResponse` for `ApiError` (`rust.axum`).
    pub axum: bool,
    /// The Python module `<package>.fastapi` (`python.fastapi`).
    pub fastapi: bool,
    /// The npm package's `node` module (`typescript.node`).
    pub node: bool,
}

/// How clients retry retryable errors.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first try (so at most `max_retries + 1` tries).
    pub max_retries: u32,
    /// Delay before the first retry, in milliseconds.
    pub initial_delay_ms: u64,
    /// Each further delay is the previous one times this (at least 1).
    pub multiplier: f64,
    /// Cap on a single delay, in milliseconds.
    pub max_delay_ms: u64,
    /// How delays are randomized.
    pub jitter: Jitter,
}

impl RetryPolicy {
    /// The delay before retry number `retry + 1` (`0` is the first retry), in
    /// whole milliseconds, before jitter: the initial delay times `multiplier`
    /// once per earlier retry, capped at `max_delay_ms`. Every generated
    /// client computes it the same way: repeated multiplication in `f64`,
    /// then rounding down.
    pub fn delay_ms(&self, retry: u32) -> u64 {
        let cap = self.max_delay_ms as f64;
        let mut delay = (self.initial_delay_ms as f64).min(cap);
        for _ in 0..retry {
            if delay >= cap || self.multiplier <= 1.0 {
                break;
            }
            delay = (delay * self.multiplier).min(cap);
        }
        delay as u64
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_delay_ms: 1000,
            multiplier: 2.0,
            max_delay_ms: 30_000,
            jitter: Jitter::None,
        }
    }
}

/// Randomization of retry delays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Jitter {
    /// Every client waits exactly the computed delay.
    None,
    /// Each delay is drawn uniformly from zero to the computed delay.
    Full,
}

/// One error of the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ErrorDef {
    /// The wire value, e.g. `RATE_LIMITED`; an integer code's decimal digits
    /// (see [`Spec::code_type`]).
    pub code: String,
    /// The name identifiers derive from, when the spec gives one (always, for
    /// an integer code); see [`ErrorDef::identifier`].
    pub name: Option<String>,
    /// The HTTP status it is sent with (400 to 599).
    pub status: u16,
    /// The default human-readable message.
    pub message: String,
    /// Whether a client may retry the request that failed with it.
    pub retryable: bool,
    /// A one-line summary of the problem, for the docs; `None` means the message.
    pub title: Option<String>,
    /// Markdown for the docs.
    pub description: Option<String>,
    /// Common causes, for the docs.
    pub causes: Vec<String>,
    /// How the caller fixes it.
    pub fix: Option<String>,
    /// An example message, for the docs and OpenAPI examples.
    pub example: Option<String>,
    /// Set when the code is deprecated.
    pub deprecated: Option<Deprecated>,
    /// The members this code carries beside the shared ones, in spec order;
    /// `None` when the entry has no `fields` key. A code with `fields` has a
    /// message template: `{name}` is a required field's value, `{{` and `}}`
    /// are braces.
    pub fields: Option<Vec<FieldDef>>,
    /// Where the code is written in the spec file.
    #[serde(skip)]
    pub position: Position,
}

impl ErrorDef {
    /// What the code's identifiers in generated code derive from: its `name`,
    /// else the code.
    pub fn identifier(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.code)
    }
}

/// A member of an error beside `code` and `message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FieldDef {
    /// The member's name on the wire, e.g. `request_id` or `topUpUrl`.
    pub name: String,
    /// The type of its value.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Whether every error that may carry it does.
    pub required: bool,
    /// Markdown for the docs.
    pub description: Option<String>,
    /// A value for examples, of the field's type.
    pub example: Option<serde_json::Value>,
    /// Where the field is written in the spec file.
    #[serde(skip)]
    pub position: Position,
}

/// The type of a field's value: a JSON type, or a list of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// One value.
    Scalar(Scalar),
    /// A list of values (`[T]` in the spec).
    List(Scalar),
}

/// The types a field or a list's element may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// A JSON string.
    String,
    /// A JSON number without a fraction, from -(2^53 - 1) to 2^53 - 1, exact in every language.
    Integer,
    /// Any finite JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON value but null.
    Json,
}

impl Scalar {
    /// Every scalar type, as the spec spells them.
    pub const ALL: [Scalar; 5] = [
        Scalar::String,
        Scalar::Integer,
        Scalar::Number,
        Scalar::Boolean,
        Scalar::Json,
    ];

    /// The type the spec spells `word`.
    pub(crate) fn from_word(word: &str) -> Option<Scalar> {
        Self::ALL.into_iter().find(|scalar| scalar.as_str() == word)
    }

    /// How the spec spells it: `string`, `integer`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Number => "number",
            Scalar::Boolean => "boolean",
            Scalar::Json => "json",
        }
    }
}

impl FieldType {
    /// The type the spec spells `text` (`string`, `[integer]`), as
    /// `Display` writes it.
    pub(crate) fn from_spelling(text: &str) -> Option<FieldType> {
        match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(word) => Scalar::from_word(word).map(FieldType::List),
            None => Scalar::from_word(text).map(FieldType::Scalar),
        }
    }

    /// Its element type, and whether it is a list of them.
    pub(crate) fn parts(self) -> (Scalar, bool) {
        match self {
            FieldType::Scalar(scalar) => (scalar, false),
            FieldType::List(scalar) => (scalar, true),
        }
    }
}

impl std::fmt::Display for FieldType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldType::Scalar(scalar) => f.write_str(scalar.as_str()),
            FieldType::List(scalar) => write!(f, "[{}]", scalar.as_str()),
        }
    }
}

impl Serialize for FieldType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A deprecation, with an optional note on why or what replaces the code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deprecated {
    /// Why, or what to use instead.
    pub note: Option<String>,
}

impl Spec {
    /// Parses and validates spec text. `path` is only used in diagnostics.
    pub fn parse(source: &str, path: &str) -> Result<Spec, Diagnostics> {
        Spec::parse_named(source, path).map(|(spec, _)| spec)
    }

    /// [`parse`](Self::parse), with the codes' names in spec order.
    fn parse_named(source: &str, path: &str) -> Result<(Spec, Vec<Names>), Diagnostics> {
        let problems = match yaml::parse(source) {
            Ok(root) => match decode::decode(&root) {
                Ok(named) => return Ok(named),
                Err(problems) => problems,
            },
            Err(syntax) => vec![syntax],
        };
        Err(Diagnostics::new(path, problems))
    }

    /// Reads and validates the spec file at `path`: a regular file (or a
    /// link to one) of at most [`MAX_SPEC_BYTES`].
    pub fn load(path: &Path) -> Result<Spec, crate::Error> {
        Spec::from_bytes(read(path)?, path).map(|(spec, _)| spec)
    }

    /// Validates the bytes [`read`] gave for the spec file at `path`; with
    /// the spec come its codes' names, in spec order, for the model.
    pub(crate) fn from_bytes(
        source: Vec<u8>,
        path: &Path,
    ) -> Result<(Spec, Vec<Names>), crate::Error> {
        let shown = path.display().to_string();
        let source = String::from_utf8(source).map_err(|e| {
            let line = source_line(e.as_bytes(), e.utf8_error().valid_up_to());
            crate::Error::Spec(Diagnostics::new(
                shown.clone(),
                vec![
                    Diagnostic::new(Position { line, column: 1 }, "the file is not valid UTF-8")
                        .help("save the spec as UTF-8"),
                ],
            ))
        })?;
        Spec::parse_named(&source, &shown).map_err(crate::Error::Spec)
    }
}

/// `spec.schema.json`: the JSON Schema (draft 2020-12) of spec files.
#[cfg(feature = "schema")]
pub(crate) fn json_schema() -> serde_json::Value {
    file::json_schema()
}

/// The bytes of the spec file at `path` (see [`Spec::load`]).
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, crate::Error> {
    read_spec_file(path).map_err(|source| crate::Error::ReadSpec {
        path: path.to_owned(),
        source,
    })
}

/// The bytes of the spec file at `path`, refusing anything but a regular
/// file of at most [`MAX_SPEC_BYTES`], so neither `/dev/zero` nor a FIFO can
/// exhaust memory or hang.
fn read_spec_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let too_large = || {
        Error::new(
            ErrorKind::InvalidInput,
            format!(
                "it is larger than errspec reads ({} MiB at most)",
                MAX_SPEC_BYTES >> 20
            ),
        )
    };
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("it is {what}; give the path of a YAML spec file"),
        ));
    }
    if metadata.len() > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path)?;
    // The file may have been swapped or grown since the check.
    if !file.metadata()?.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file",
        ));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn source_line(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}
