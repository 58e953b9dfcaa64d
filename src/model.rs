//! The one model every target renders: the spec, with each code's names in
//! every language (see [`crate::names`]) and the facts several targets share
//! (status groups, retry lists, delays) computed once, so templates never
//! compute them.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde::Serialize;

use crate::names::{FieldNames, Names};
use crate::spec::{CodeType, ErrorDef, FieldDef, Spec, WireFormat};
use crate::targets::docs::names as docs;

/// The spec plus everything derived from it that more than one target needs.
#[derive(Debug)]
pub struct Model<'a> {
    pub spec: &'a Spec,
    /// The spec file as named in generated headers: the path as given when
    /// relative, else only the file name, so output does not depend on the machine.
    pub source: String,
    pub errors: Vec<ModelError<'a>>,
    /// Every status the spec's codes use or its `statuses` describe, ascending.
    pub statuses: Vec<StatusGroup>,
    /// The codes a client may retry, in spec order.
    pub retryable: Vec<CodeRef>,
    /// The codes a client must not retry, in spec order.
    pub not_retryable: Vec<CodeRef>,
    /// The wait before each retry under the spec's policy, in milliseconds, before jitter.
    pub retry_delays_ms: Vec<u64>,
    /// The most tries a request gets: the first one and every retry.
    pub max_tries: u64,
    /// The `$id` of the generated JSON Schema.
    pub schema_id: String,
    /// The fields every error may carry, in spec order.
    pub shared_fields: Vec<ModelField<'a>>,
    /// The model as template values, converted once for every target.
    template_value: std::sync::OnceLock<minijinja::Value>,
}

/// One HTTP status and the codes sent with it.
#[derive(Debug)]
pub struct StatusGroup {
    pub status: u16,
    /// The standard reason phrase, e.g. `Too Many Requests`; none for non-standard statuses.
    pub reason: Option<&'static str>,
    /// What the spec says the status means for this API.
    pub meaning: Option<String>,
    /// The OpenAPI response name: the reason phrase in UpperCamelCase, e.g.
    /// `TooManyRequests`, or `Status499` for a non-standard status.
    pub response_name: String,
    /// The codes sent with this status, in spec order.
    pub codes: Vec<CodeRef>,
    /// Whether responses with this status carry `Retry-After`: it is 429 or
    /// 503 and one of its codes is retryable.
    pub retry_after: bool,
}

/// A code where a list names it: its wire value, status and docs anchor.
#[derive(Debug)]
pub struct CodeRef {
    pub code: String,
    pub status: u16,
    pub anchor: String,
}

impl CodeRef {
    fn new(def: &ErrorDef) -> Self {
        Self {
            code: def.code.clone(),
            status: def.status,
            anchor: docs::names(def.identifier()).anchor,
        }
    }
}

/// One error of the spec with its identifier in every target language.
#[derive(Debug)]
pub struct ModelError<'a> {
    pub def: &'a ErrorDef,
    pub names: Names,
    /// `retryable` or `not retryable`, as every target's docs say it.
    pub retryability: &'static str,
    /// What the docs say the error is: its title, else its message.
    pub summary: &'a str,
    /// The default message when neither the summary nor the example body
    /// shows it (a title and an example are both given), for the docs.
    pub unshown_message: Option<&'a str>,
    /// Where the code is documented: the spec's `docs_url`, filled in.
    pub doc_url: Option<String>,
    /// Every field an error of this code may carry: the shared ones, then its own.
    pub fields: Vec<ModelField<'a>>,
    /// Whether the message is a template (the code has a `fields` key).
    pub templated: bool,
    /// The members an example body shows beside `code` and `message`: each
    /// field's example, in order, and a plain value of its type for a
    /// required field without one.
    pub example_members: serde_json::Map<String, serde_json::Value>,
    /// The code as JSON carries it: a string, or a number for integer codes.
    pub wire: serde_json::Value,
    /// With the problem format: the code's problem `type` URI, the spec's
    /// `problem_base` followed by the code.
    pub problem_type: Option<String>,
    /// What a problem document's `title` says of the code: its title, else
    /// its message unless that is a template, else its name.
    pub problem_title: &'a str,
    /// The spec's wire format, which example bodies take.
    format: WireFormat,
}

impl ModelError<'_> {
    /// An example response body of this code in the spec's wire format,
    /// built when asked for: held for every code, the bodies were the
    /// model's largest part.
    pub fn example_body(&self) -> serde_json::Value {
        let def = self.def;
        // The message an example body shows: the example, else the default
        // message with each placeholder filled with its field's example.
        let filled;
        let message = match (&def.example, def.fields.is_some()) {
            (Some(example), _) => example.as_str(),
            (None, true) => {
                filled = fill_template(&def.message, &self.example_members);
                filled.as_str()
            }
            (None, false) => def.message.as_str(),
        };
        response_body(
            self.format,
            ErrorObject {
                wire: &self.wire,
                message,
                members: &self.example_members,
                problem: self
                    .problem_type
                    .as_deref()
                    .map(|uri| (uri, self.problem_title, def.status)),
            },
        )
    }
}

/// A field of an error, with its identifier in every language.
#[derive(Debug, Serialize)]
pub struct ModelField<'a> {
    #[serde(flatten)]
    pub def: &'a FieldDef,
    pub names: FieldNames,
    /// Whether it is a shared field (of every error).
    pub shared: bool,
}

impl<'a> ModelField<'a> {
    fn new(def: &'a FieldDef, shared: bool) -> Self {
        Self {
            def,
            names: FieldNames::resolve(&def.name),
            shared,
        }
    }
}

impl<'a> Model<'a> {
    /// Builds the model of a validated spec read from `source_path`, given
    /// each code's names in spec order (as the spec's validation resolved
    /// them for its collision check).
    pub fn new(spec: &'a Spec, source_path: &std::path::Path, names: Vec<Names>) -> Self {
        assert_eq!(names.len(), spec.errors.len(), "one code's names each");
        let source = if source_path.is_absolute() {
            source_path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            source_path.to_string_lossy().replace('\\', "/")
        };
        let errors = spec
            .errors
            .iter()
            .zip(names)
            .map(|(def, names)| {
                let fields: Vec<ModelField<'a>> = spec
                    .fields
                    .iter()
                    .map(|field| ModelField::new(field, true))
                    .chain(
                        def.fields
                            .iter()
                            .flatten()
                            .map(|field| ModelField::new(field, false)),
                    )
                    .collect();
                let example_members: serde_json::Map<_, _> = fields
                    .iter()
                    .filter_map(|f| Some((f.def.name.clone(), example_value(f.def)?)))
                    .collect();
                let wire = match spec.code_type {
                    CodeType::String => serde_json::Value::from(def.code.clone()),
                    CodeType::Integer => serde_json::Value::from(
                        def.code.parse::<u64>().expect("validated integer code"),
                    ),
                };
                let problem_type = spec
                    .problem_base
                    .as_ref()
                    .map(|base| format!("{base}{}", def.code));
                let problem_title = match (&def.title, def.fields.is_some()) {
                    (Some(title), _) => title.as_str(),
                    (None, false) => def.message.as_str(),
                    (None, true) => def.identifier(),
                };
                ModelError {
                    def,
                    wire,
                    problem_type,
                    problem_title,
                    format: spec.format,
                    summary: def.title.as_deref().unwrap_or(&def.message),
                    unshown_message: (def.example.is_some()
                        && def
                            .title
                            .as_deref()
                            .is_some_and(|title| title != def.message))
                    .then_some(def.message.as_str()),
                    doc_url: spec.docs_url.as_deref().map(|template| {
                        docs::doc_url(template, &def.code, def.identifier()).expect("validated")
                    }),
                    names,
                    retryability: if def.retryable {
                        "retryable"
                    } else {
                        "not retryable"
                    },
                    templated: def.fields.is_some(),
                    fields,
                    example_members,
                }
            })
            .collect();
        let (retryable, not_retryable) = spec.errors.iter().partition(|def| def.retryable);
        let code_refs = |defs: Vec<&ErrorDef>| defs.into_iter().map(CodeRef::new).collect();
        let retry_delays_ms = (0..spec.retry.max_retries)
            .map(|retry| spec.retry.delay_ms(retry))
            .collect();
        let schema_id = spec
            .schema_id
            .clone()
            .unwrap_or_else(|| default_schema_id(&spec.name));
        Self {
            spec,
            source,
            errors,
            statuses: status_groups(spec),
            retryable: code_refs(retryable),
            not_retryable: code_refs(not_retryable),
            retry_delays_ms,
            max_tries: u64::from(spec.retry.max_retries) + 1,
            schema_id,
            shared_fields: spec
                .fields
                .iter()
                .map(|field| ModelField::new(field, true))
                .collect(),
            template_value: std::sync::OnceLock::new(),
        }
    }

    /// The model as a template value (`model` in every template), converted
    /// once however many targets render it: see [`TemplateModel`].
    pub fn template_value(&self) -> minijinja::Value {
        self.template_value
            .get_or_init(|| {
                let spec = self.spec;
                minijinja::Value::from(minijinja::value::Serde(TemplateModel {
                    spec: TemplateSpec {
                        name: &spec.name,
                        description: spec.description.as_deref(),
                        schema_id: spec.schema_id.as_deref(),
                        docs_url: spec.docs_url.as_deref(),
                        format: spec.format,
                        problem_base: spec.problem_base.as_deref(),
                        code_type: spec.code_type,
                        retry: &spec.retry,
                        statuses: &spec.statuses,
                        support: spec.support.as_deref(),
                        python_package: spec.python_package.as_deref(),
                        typescript_package: spec.typescript_package.as_deref(),
                        adapters: &spec.adapters,
                    },
                    source: &self.source,
                    error_count: self.errors.len(),
                    retry_delays_ms: &self.retry_delays_ms,
                    max_tries: self.max_tries,
                    schema_id: &self.schema_id,
                    shared_fields: &self.shared_fields,
                }))
            })
            .clone()
    }
}

/// What templates see as `model`: the model without what is written for
/// every code, which each target's `per_code` module writes directly.
/// Converting 10,000 codes to template values took longer than writing them.
#[derive(Serialize)]
struct TemplateModel<'m> {
    spec: TemplateSpec<'m>,
    source: &'m str,
    /// How many codes the spec defines.
    error_count: usize,
    retry_delays_ms: &'m [u64],
    max_tries: u64,
    schema_id: &'m str,
    shared_fields: &'m [ModelField<'m>],
}

/// The spec as templates see it (`model.spec`): everything but its errors.
#[derive(Serialize)]
struct TemplateSpec<'s> {
    name: &'s str,
    description: Option<&'s str>,
    schema_id: Option<&'s str>,
    docs_url: Option<&'s str>,
    format: WireFormat,
    problem_base: Option<&'s str>,
    code_type: CodeType,
    retry: &'s crate::spec::RetryPolicy,
    statuses: &'s BTreeMap<u16, String>,
    support: Option<&'s str>,
    python_package: Option<&'s str>,
    typescript_package: Option<&'s str>,
    adapters: &'s crate::spec::Adapters,
}

/// An error as a response carries it, to build example bodies from.
pub(crate) struct ErrorObject<'e> {
    pub wire: &'e serde_json::Value,
    pub message: &'e str,
    pub members: &'e serde_json::Map<String, serde_json::Value>,
    /// With the problem format: the code's `type` URI, `title` and `status`.
    pub problem: Option<(&'e str, &'e str, u16)>,
}

/// The body of an error response in `format`: the envelope `{"data": null,
/// "error": {...}}`, the bare `{"error": {...}}`, or a problem document
/// (`type`, `title`, `status`, `detail`, `code` and the fields).
pub(crate) fn response_body(format: WireFormat, error: ErrorObject<'_>) -> serde_json::Value {
    use serde_json::{Map, Value};
    let mut object = Map::new();
    match (format, error.problem) {
        (WireFormat::Problem, Some((uri, title, status))) => {
            object.insert("type".to_owned(), Value::from(uri));
            object.insert("title".to_owned(), Value::from(title));
            object.insert("status".to_owned(), Value::from(status));
            object.insert("detail".to_owned(), Value::from(error.message));
            object.insert("code".to_owned(), error.wire.clone());
        }
        _ => {
            object.insert("code".to_owned(), error.wire.clone());
            object.insert("message".to_owned(), Value::from(error.message));
        }
    }
    object.extend(error.members.clone());
    let error = ("error".to_owned(), Value::Object(object));
    match format {
        WireFormat::Envelope => {
            Value::Object(Map::from_iter([("data".to_owned(), Value::Null), error]))
        }
        WireFormat::ErrorObject => Value::Object(Map::from_iter([error])),
        WireFormat::Problem => error.1,
    }
}

/// What an example body shows for a field: its example, else for a
/// required field a plain value of its type, else nothing.
fn example_value(field: &FieldDef) -> Option<serde_json::Value> {
    use crate::spec::{FieldType, Scalar};
    use serde_json::json;
    if let Some(example) = &field.example {
        return Some(example.clone());
    }
    field.required.then(|| match field.ty {
        FieldType::List(_) => json!([]),
        FieldType::Scalar(Scalar::String) => json!("string"),
        FieldType::Scalar(Scalar::Integer | Scalar::Number) => json!(0),
        FieldType::Scalar(Scalar::Boolean) => json!(true),
        FieldType::Scalar(Scalar::Json) => json!({}),
    })
}

/// A message template with each `{name}` whose member is present and not
/// null replaced by the member's value (a string as it is, anything else as
/// [`write_value`] writes it), and `{{`, `}}` made braces; a placeholder
/// without a value stays as written. Every generated language fills
/// templates this way (see `fill_template` in each runtime file).
pub fn fill_template(
    template: &str,
    members: &serde_json::Map<String, serde_json::Value>,
) -> String {
    use crate::spec::Piece;
    let mut filled = String::with_capacity(template.len());
    for piece in crate::spec::template_pieces(template) {
        match piece {
            Piece::Text(text) => filled.push_str(&text),
            Piece::Placeholder(name) => match members.get(name) {
                None | Some(serde_json::Value::Null) => {
                    filled.push('{');
                    filled.push_str(name);
                    filled.push('}');
                }
                Some(serde_json::Value::String(text)) => filled.push_str(text),
                Some(value) => write_value(value, &mut filled),
            },
            Piece::LoneBrace(_) => {}
        }
    }
    filled
}

/// A value as a message shows it in every generated language: compact JSON
/// with object members sorted by name and numbers written as JavaScript's
/// `String(x)` writes them (`100`, not `100.0`; `1e+21`).
fn write_value(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Number(number) => write_number(number.as_f64().unwrap_or(0.0), out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            let mut names: Vec<&String> = members.keys().collect();
            names.sort();
            out.push('{');
            for (i, name) in names.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(name.clone()).to_string());
                out.push(':');
                write_value(&members[name], out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `x` as JavaScript's `String(x)`: the shortest digits that read back as
/// `x`, in plain notation from 1e-7 up to 1e21, else as `de+n`.
fn write_number(x: f64, out: &mut String) {
    if x == 0.0 || !x.is_finite() {
        out.push('0');
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    // `{:e}` gives the shortest digits: `1.5e2`, `1e21`, `1.2e-7`.
    let scientific = format!("{:e}", x.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    // x = 0.digits * 10^n
    let n = exponent.parse::<i32>().unwrap_or(0) + 1;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!(
            "e{}{}",
            if n > 0 { '+' } else { '-' },
            (n - 1).abs()
        ));
    }
}

fn status_groups(spec: &Spec) -> Vec<StatusGroup> {
    let mut codes: BTreeMap<u16, Vec<&ErrorDef>> = spec
        .statuses
        .keys()
        .map(|&status| (status, Vec::new()))
        .collect();
    for def in &spec.errors {
        codes.entry(def.status).or_default().push(def);
    }
    codes
        .into_iter()
        .map(|(status, defs)| {
            let reason = reason_phrase(status);
            StatusGroup {
                status,
                reason,
                meaning: spec.statuses.get(&status).cloned(),
                response_name: reason
                    .map_or_else(|| format!("Status{status}"), |r| r.to_upper_camel_case()),
                retry_after: matches!(status, 429 | 503) && defs.iter().any(|def| def.retryable),
                codes: defs.into_iter().map(CodeRef::new).collect(),
            }
        })
        .collect()
}

/// `urn:errspec:<the name's slug>:errors`.
fn default_schema_id(name: &str) -> String {
    format!(
        "urn:errspec:{}:errors",
        crate::targets::naming::name_slug(name, '-')
            .as_deref()
            .unwrap_or("api")
    )
}

/// The IANA registry's reason phrase for a 4xx or 5xx status.
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> Spec {
        Spec::parse(yaml, "test.yaml").unwrap()
    }

    fn model<'s>(spec: &'s Spec, path: &str) -> Model<'s> {
        let names = spec
            .errors
            .iter()
            .map(|def| Names::resolve(def.identifier()))
            .collect();
        Model::new(spec, std::path::Path::new(path), names)
    }

    #[test]
    fn statuses_group_codes_and_include_described_statuses() {
        let spec = spec(
            "version: 1\nname: X\nstatuses:\n  503: Down for maintenance\nerrors:\n\
             - {code: A, status: 429, message: m, retryable: true}\n\
             - {code: B, status: 499, message: m, retryable: false}\n\
             - {code: C, status: 429, message: m, retryable: false}\n",
        );
        let model = model(&spec, "x.yaml");
        let summary: Vec<_> = model
            .statuses
            .iter()
            .map(|g| {
                (
                    g.status,
                    g.response_name.as_str(),
                    g.codes
                        .iter()
                        .map(|c| c.code.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                    g.retry_after,
                    g.meaning.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (429, "TooManyRequests", "A,C".to_owned(), true, None),
                (499, "Status499", "B".to_owned(), false, None),
                (
                    503,
                    "ServiceUnavailable",
                    String::new(),
                    false,
                    Some("Down for maintenance".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn retry_delays_follow_the_policy() {
        let seed = spec(
            "version: 1\nname: X\nerrors: [{code: A, status: 400, message: m, retryable: false}]\n",
        );
        let seeded = model(&seed, "x.yaml");
        assert_eq!(seeded.retry_delays_ms, [1000, 2000, 4000]);
        let odd = spec(
            "version: 1\nname: X\nretry: {max_retries: 5, initial_delay_ms: 300, multiplier: 2.5, max_delay_ms: 5000}\n\
             errors: [{code: A, status: 400, message: m, retryable: false}]\n",
        );
        assert_eq!(
            model(&odd, "x").retry_delays_ms,
            [300, 750, 1875, 4687, 5000]
        );
    }

    #[test]
    fn template_values_are_written_as_javascript_writes_them() {
        let text = |value: serde_json::Value| {
            let mut out = String::new();
            write_value(&value, &mut out);
            out
        };
        use serde_json::json;
        let numbers = [
            (json!(100.0), "100"),
            (json!(-1.5), "-1.5"),
            (json!(1e21), "1e+21"),
            (json!(1e20), "100000000000000000000"),
            (json!(1e-7), "1e-7"),
            (json!(0.000001), "0.000001"),
            (json!(1.0 / 3.0), "0.3333333333333333"),
            (json!(9_007_199_254_740_993_u64), "9007199254740992"),
            (json!(5e-324), "5e-324"),
            (json!(-0.0), "0"),
        ];
        for (value, expected) in numbers {
            assert_eq!(text(value.clone()), expected, "{value}");
        }
        assert_eq!(
            text(json!({"b": [1.0, 2.5, "x\n"], "a": null, "é": true})),
            r#"{"a":null,"b":[1,2.5,"x\n"],"é":true}"#
        );
    }

    #[test]
    fn default_schema_ids_are_uris_for_any_name() {
        assert_eq!(
            default_schema_id("Nanobanana API"),
            "urn:errspec:nanobanana-api:errors"
        );
        assert_eq!(default_schema_id("日本 \"x\" */"), "urn:errspec:x:errors");
        assert_eq!(default_schema_id("日本"), "urn:errspec:api:errors");
        let long = default_schema_id(&"Very Long Name ".repeat(20));
        assert_eq!(
            long,
            "urn:errspec:very-long-name-very-long-name-very-long:errors"
        );
    }
}
