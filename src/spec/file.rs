//! The spec file's shape as Rust types: the one source of the keys each
//! mapping allows (the decoder reads them from here through serde) and, with
//! the `schema` feature, of `spec.schema.json`, so the two cannot disagree.
//!
//! Nothing is deserialized into these types; `decode` walks the YAML itself so
//! it can report every problem with its position.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// An errspec spec: an API's errors, defined once.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "errspec spec"))]
#[serde(deny_unknown_fields)]
pub(crate) struct SpecFile {
    /// The spec format version: always 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    version: u8,
    /// The API's name, e.g. `Nanobanana API`: the docs' title; package names derive from it.
    #[cfg_attr(feature = "schema", schemars(pattern(r"\S")))]
    name: String,
    /// Markdown shown at the top of the docs page.
    description: Option<String>,
    /// The `$id` of the generated JSON Schema, an absolute URI without a
    /// fragment. Default: `urn:errspec:<name in kebab-case>:errors`.
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(
            r"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+$"
        ))
    )]
    schema_id: Option<String>,
    /// Where each code is documented, e.g.
    /// `https://docs.example.com/errors#{anchor}`: an absolute URI in which
    /// `{code}` is the code and `{anchor}` its anchor on the docs page.
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(
            r"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2}|\{(code|anchor)\})+$"
        ))
    )]
    docs_url: Option<String>,
    /// How errors travel on the wire: `envelope` (the default; `{"data": ...,
    /// "error": {...}}`), `error-object` (`{"error": {...}}`, success bodies
    /// unwrapped) or `problem` (RFC 9457 `application/problem+json`).
    format: Option<FormatFile>,
    /// With `format: problem`, and only then: the start of every code's
    /// problem `type` URI, which is `problem_base` followed by the code. An
    /// absolute URI, e.g. `https://errors.example.com/`.
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(
            r"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})+$"
        ))
    )]
    problem_base: Option<String>,
    /// The retry policy every generated client follows.
    retry: Option<RetryFile>,
    /// What each HTTP error status means for this API, e.g. `429: Rate limited`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "statuses_schema"))]
    #[serde(default)]
    statuses: Option<BTreeMap<String, String>>,
    /// Markdown telling callers where to get help, shown at the end of the docs page.
    support: Option<String>,
    /// Settings of the Rust code.
    rust: Option<RustFile>,
    /// Settings of the Python package.
    python: Option<PythonFile>,
    /// Settings of the TypeScript package.
    typescript: Option<TypeScriptFile>,
    /// Members any error may carry beside `code` and `message`, by wire name.
    #[cfg_attr(feature = "schema", schemars(schema_with = "fields_schema"))]
    #[serde(default)]
    fields: Option<BTreeMap<String, FieldFile>>,
    /// The errors, in the order every output keeps.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    errors: Vec<ErrorFile>,
}

/// A wire format.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Format"))]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FormatFile {
    Envelope,
    ErrorObject,
    Problem,
}

/// How clients retry retryable errors: exponential backoff, capped.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RetryPolicy"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RetryFile {
    /// Retries after the first try, so at most `max_retries + 1` tries. Default 3.
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 20)))]
    max_retries: Option<u8>,
    /// Delay before the first retry, in milliseconds. Default 1000.
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 86_400_000)))]
    initial_delay_ms: Option<u32>,
    /// Each further delay is the previous one times this. Default 2.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    multiplier: Option<f64>,
    /// Cap on one delay, in milliseconds; at least `initial_delay_ms`. Default 30000.
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 86_400_000)))]
    max_delay_ms: Option<u32>,
    /// `none`: wait exactly the delay; `full`: a random time from zero to it. Default `none`.
    jitter: Option<JitterFile>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Jitter"))]
#[serde(rename_all = "lowercase")]
pub(crate) enum JitterFile {
    None,
    Full,
}

/// Settings of the generated Rust code.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Rust"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RustFile {
    /// Also write `rust/axum.rs`: axum's `IntoResponse` for `ApiError`, to
    /// `include!` beside `errors.rs` (it needs `axum-core` and `http`).
    /// Default `false`.
    axum: Option<bool>,
}

/// Settings of the generated Python package.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Python"))]
#[serde(deny_unknown_fields)]
pub(crate) struct PythonFile {
    /// The import name, e.g. `nanobanana_errors`; the distribution name is the
    /// same with `-` for `_`. Default: the API's name in snake_case plus `_errors`.
    #[cfg_attr(feature = "schema", schemars(pattern(r"^[a-z][a-z0-9_]{0,63}$")))]
    package: Option<String>,
    /// Also write the module `<package>.fastapi`: exception handlers that
    /// send `ApiError`s from FastAPI and Starlette apps (it imports
    /// Starlette; the package itself does not). Default `false`.
    fastapi: Option<bool>,
}

/// Settings of the generated TypeScript package.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "TypeScript"))]
#[serde(deny_unknown_fields)]
pub(crate) struct TypeScriptFile {
    /// The npm package name, e.g. `@nanobanana/errors`. Default: the API's
    /// name in kebab-case plus `-errors`.
    #[cfg_attr(
        feature = "schema",
        schemars(
            pattern(r"^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$"),
            length(max = 214)
        )
    )]
    package: Option<String>,
    /// Also write the module `<package>/node`: `sendError` for Node's `http`
    /// servers and an Express error middleware. Default `false`.
    node: Option<bool>,
}

/// One error of the API.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Error"))]
#[serde(deny_unknown_fields)]
pub(crate) struct ErrorFile {
    /// The wire value, unique: a string such as `RATE_LIMITED` (an ASCII
    /// letter, then letters, digits, `_`, `.` or `-`; at most 64
    /// characters), or an integer from 0 to 2^53 - 1. Every code of a spec
    /// is a string, or every one an integer.
    code: CodeFile,
    /// The name identifiers in generated code derive from, e.g.
    /// `UNKNOWN_ACCOUNT`; required for an integer code. Default: the code.
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"))
    )]
    name: Option<String>,
    /// The HTTP status it is sent with.
    #[cfg_attr(feature = "schema", schemars(range(min = 400, max = 599)))]
    status: u16,
    /// The default human-readable message.
    #[cfg_attr(feature = "schema", schemars(pattern(r"\S")))]
    message: String,
    /// Whether a client may retry the request that failed with it.
    retryable: bool,
    /// A one-line summary of the problem, for the docs (RFC 9457's `title`).
    /// Default: the message.
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(r"^[^\n\r\v\f\u0085\u2028\u2029]*\S[^\n\r\v\f\u0085\u2028\u2029]*$"))
    )]
    title: Option<String>,
    /// Markdown for the docs.
    description: Option<String>,
    /// Common causes, for the docs.
    causes: Option<Vec<NonBlank>>,
    /// How the caller fixes it.
    fix: Option<String>,
    /// An example message, for the docs and OpenAPI examples.
    example: Option<String>,
    /// `true`, or a note on why the code is deprecated or what replaces it.
    deprecated: Option<DeprecatedFile>,
    /// Members this code carries beside the shared ones, by wire name. With
    /// `fields`, the message is a template: `{name}` is a required field's
    /// value, `{{` and `}}` are braces.
    #[cfg_attr(feature = "schema", schemars(schema_with = "fields_schema"))]
    #[serde(default)]
    fields: Option<BTreeMap<String, FieldFile>>,
}

/// A code: a string or an integer.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Code"))]
#[serde(untagged)]
pub(crate) enum CodeFile {
    String(
        #[cfg_attr(
            feature = "schema",
            schemars(pattern(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"))
        )]
        String,
    ),
    Integer(
        #[cfg_attr(
            feature = "schema",
            schemars(range(min = 0, max = 9_007_199_254_740_991_u64))
        )]
        u64,
    ),
}

/// A member of an error beside `code` and `message`.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Field"))]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldFile {
    /// `string`, `integer`, `number`, `boolean`, `json` (any JSON value), or a
    /// one-element list of one of them for a list: `[string]`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "field_type_schema"))]
    r#type: String,
    /// Whether every error that may carry it does. Default `false`.
    required: Option<bool>,
    /// Markdown for the docs.
    description: Option<String>,
    /// A value for examples, of the field's type.
    example: Option<serde_json::Value>,
}

/// A string with something besides white space in it.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "NonBlankString"))]
#[serde(transparent)]
pub(crate) struct NonBlank(#[cfg_attr(feature = "schema", schemars(pattern(r"\S")))] String);

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Deprecated"))]
#[serde(untagged)]
pub(crate) enum DeprecatedFile {
    Flag(bool),
    Note(#[cfg_attr(feature = "schema", schemars(pattern(r"\S")))] String),
}

#[cfg(feature = "schema")]
fn statuses_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "patternProperties": { "^[45][0-9][0-9]$": { "type": "string", "pattern": "\\S" } },
        "additionalProperties": false
    })
}

#[cfg(feature = "schema")]
fn fields_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let field = generator.subschema_for::<FieldFile>();
    schemars::json_schema!({
        "type": "object",
        "propertyNames": {
            "pattern": "^[A-Za-z][A-Za-z0-9_]{0,63}$",
            "not": { "enum": crate::spec::RESERVED_FIELD_NAMES }
        },
        "additionalProperties": field
    })
}

#[cfg(feature = "schema")]
fn field_type_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let scalars: Vec<&str> = crate::spec::Scalar::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    schemars::json_schema!({
        "oneOf": [
            { "enum": scalars },
            { "type": "array", "items": { "enum": scalars }, "minItems": 1, "maxItems": 1 }
        ]
    })
}

/// The keys serde's derived `Deserialize` accepts for the struct `T`.
pub(crate) fn keys<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Capture(Option<&'static [&'static str]>);

    impl<'de> Deserializer<'de> for &mut Capture {
        type Error = de::value::Error;

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(de::Error::custom("keys captured"))
        }

        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    let mut capture = Capture(None);
    let _ = T::deserialize(&mut capture);
    capture.0.expect("keys() is only called with structs")
}

/// The top-level keys of a spec.
pub(crate) fn spec_keys() -> &'static [&'static str] {
    keys::<SpecFile>()
}

/// The keys of `retry`.
pub(crate) fn retry_keys() -> &'static [&'static str] {
    keys::<RetryFile>()
}

/// The keys of `rust`.
pub(crate) fn rust_keys() -> &'static [&'static str] {
    keys::<RustFile>()
}

/// The keys of `python`.
pub(crate) fn python_keys() -> &'static [&'static str] {
    keys::<PythonFile>()
}

/// The keys of `typescript`.
pub(crate) fn typescript_keys() -> &'static [&'static str] {
    keys::<TypeScriptFile>()
}

/// The keys of a field.
pub(crate) fn field_keys() -> &'static [&'static str] {
    keys::<FieldFile>()
}

/// The keys of an error entry.
pub(crate) fn error_keys() -> &'static [&'static str] {
    keys::<ErrorFile>()
}

/// `spec.schema.json`: the JSON Schema (draft 2020-12) of a spec file.
#[cfg(feature = "schema")]
pub(crate) fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(SpecFile)).expect("a schema is JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_types_in_declaration_order() {
        assert_eq!(
            retry_keys(),
            [
                "max_retries",
                "initial_delay_ms",
                "multiplier",
                "max_delay_ms",
                "jitter"
            ]
        );
        assert_eq!(
            error_keys()[..5],
            ["code", "name", "status", "message", "retryable"]
        );
        assert!(spec_keys().contains(&"schema_id"));
    }
}
