//! Specs for tests of generated code: a hostile one, and random valid ones.
//! Each comes with the exact values the generated code must reproduce.
#![allow(dead_code)]

pub mod tools;

use std::fmt::Write;

/// One error as a test spec defines it.
#[derive(Clone, Debug)]
pub struct TestError {
    /// The wire value: a string code, or an integer's digits when the spec's
    /// codes are integers.
    pub code: String,
    /// What identifiers derive from, when not the code.
    pub name: Option<String>,
    pub status: u16,
    pub message: String,
    pub retryable: bool,
    /// A one-line summary; the docs show it instead of the message.
    pub title: Option<String>,
    pub description: Option<String>,
    pub causes: Vec<String>,
    pub fix: Option<String>,
    pub example: Option<String>,
    /// `None`: not deprecated; `Some(None)`: `deprecated: true`; `Some(Some(note))`.
    pub deprecated: Option<Option<String>>,
    /// Its own fields; `Some` makes the message a template.
    pub fields: Option<Vec<TestField>>,
}

/// A field as a test spec defines it, with the identifier each language
/// must give it.
#[derive(Clone, Debug)]
pub struct TestField {
    pub name: String,
    /// The spec's spelling: `string`, `[integer]`, ...
    pub ty: &'static str,
    pub required: bool,
    pub description: Option<String>,
    pub example: Option<serde_json::Value>,
    pub rust: String,
    pub python: String,
    pub typescript: String,
}

impl TestField {
    /// A field whose name is its identifier in every language.
    pub fn plain(name: &str, ty: &'static str, required: bool) -> Self {
        Self::named(name, ty, required, [name, name, name])
    }

    /// A field with its Rust, Python and TypeScript identifiers.
    pub fn named(name: &str, ty: &'static str, required: bool, names: [&str; 3]) -> Self {
        TestField {
            name: name.to_owned(),
            ty,
            required,
            description: None,
            example: None,
            rust: names[0].to_owned(),
            python: names[1].to_owned(),
            typescript: names[2].to_owned(),
        }
    }

    /// A value of the field's type, and one of another type.
    pub fn samples(&self) -> (serde_json::Value, serde_json::Value) {
        use serde_json::json;
        let value = match self.ty {
            "string" => json!("text \" {x} 日本"),
            "integer" => json!(9_007_199_254_740_991_i64),
            "number" => json!(-1.5),
            "boolean" => json!(false),
            "json" => json!({"nested": [1, {"deep": null}], "s": "x"}),
            "[string]" => json!(["a", ""]),
            "[integer]" => json!([1, -2]),
            "[number]" => json!([0.25]),
            "[boolean]" => json!([true]),
            "[json]" => json!([{"a": 1}, [2], "3"]),
            other => panic!("no samples for {other}"),
        };
        let wrong = match self.ty {
            "string" | "[integer]" => json!(7),
            "json" => serde_json::Value::Null,
            "[json]" => json!([1, null]),
            _ => json!("wrong"),
        };
        (value, wrong)
    }

    fn expected(&self) -> serde_json::Value {
        let (value, wrong) = self.samples();
        serde_json::json!({
            "name": self.name, "type": self.ty, "required": self.required,
            "rust": self.rust, "python": self.python, "typescript": self.typescript,
            "value": value, "wrong": wrong, "example": self.example,
        })
    }

    fn write_yaml(&self, y: &mut String, indent: &str) {
        writeln!(y, "{indent}{}:", self.name).unwrap();
        writeln!(y, "{indent}  type: {}", self.ty).unwrap();
        writeln!(y, "{indent}  required: {}", self.required).unwrap();
        if let Some(d) = &self.description {
            writeln!(y, "{indent}  description: {}", quote(d)).unwrap();
        }
        if let Some(example) = &self.example {
            writeln!(y, "{indent}  example: {example}").unwrap();
        }
    }
}

/// A template with `{{` and `}}` made single braces, placeholders kept.
fn undouble(template: &str) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '{' | '}') && chars.peek() == Some(&c) {
            chars.next();
        }
    }
    out
}

/// Field types, as the spec spells them.
pub const FIELD_TYPES: [&str; 10] = [
    "string",
    "integer",
    "number",
    "boolean",
    "json",
    "[string]",
    "[integer]",
    "[number]",
    "[boolean]",
    "[json]",
];

/// Field names that are keywords, builtins or names errors already have in
/// some language, with the Rust, Python and TypeScript identifiers each must get.
pub const HOSTILE_FIELDS: &[(&str, [&str; 3])] = &[
    ("class", ["class", "class_", "class"]),
    ("self", ["self_", "self_", "self"]),
    (
        "constructor",
        ["constructor", "constructor", "constructor_"],
    ),
    (
        "hasOwnProperty",
        ["has_own_property", "has_own_property", "hasOwnProperty_"],
    ),
    ("valueOf", ["value_of", "value_of", "valueOf_"]),
    ("retryAfter", ["retry_after", "retry_after_", "retryAfter_"]),
    ("message_", ["message", "message_", "message_"]),
    ("members", ["members", "members_", "members_"]),
    ("extra", ["extra", "extra_", "extra_"]),
    ("to_dict", ["to_dict", "to_dict_", "to_dict"]),
    ("toJSON", ["to_json", "to_json", "toJSON_"]),
    ("String", ["string", "string", "String"]),
    ("list", ["list", "list_", "list"]),
    ("new", ["new", "new", "new"]),
    ("of", ["of", "of", "of"]),
    ("topUpUrl", ["top_up_url", "top_up_url", "topUpUrl"]),
    ("x", ["x", "x", "x"]),
    ("Value", ["value", "value", "Value"]),
    ("Some", ["some", "some", "Some"]),
    (
        "default_code",
        ["default_code", "default_code_", "default_code"],
    ),
    ("async", ["async_", "async_", "async"]),
    ("name", ["name", "name", "name_"]),
    ("stack", ["stack", "stack", "stack_"]),
    ("args", ["args", "args_", "args"]),
    (
        "a234567890123456789012345678901234567890123456789012345678901234",
        [
            "a234567890123456789012345678901234567890123456789012345678901234",
            "a234567890123456789012345678901234567890123456789012345678901234",
            "a234567890123456789012345678901234567890123456789012345678901234",
        ],
    ),
];

/// A message template filled as every generated language fills it: a
/// `{name}` with a value is the value (a string as it is, anything else as
/// compact JSON), one without stays, `{{` and `}}` are braces.
pub fn fill(template: &str, values: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let brace = &rest[at..=at];
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix(brace) {
            out.push_str(brace);
            rest = tail;
            continue;
        }
        let end = after.find('}').filter(|_| brace == "{");
        match end.map(|end| &after[..end]) {
            Some(name)
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                match values.get(name) {
                    Some(serde_json::Value::String(s)) => out.push_str(s),
                    Some(v) if !v.is_null() => out.push_str(&v.to_string()),
                    _ => out.push_str(&format!("{{{name}}}")),
                }
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push_str(brace);
                rest = after;
            }
        }
    }
    out + rest
}

/// `s` as message template text: every brace doubled.
pub fn template_text(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

/// A whole test spec.
#[derive(Clone, Debug)]
pub struct TestSpec {
    pub name: String,
    pub description: Option<String>,
    pub max_retries: u32,
    pub initial_delay_ms: u64,
    pub multiplier: f64,
    pub max_delay_ms: u64,
    pub full_jitter: bool,
    /// `statuses:` meanings.
    pub statuses: Vec<(u16, String)>,
    /// `python: {package: ...}`.
    pub python_package: Option<String>,
    /// `docs_url`, with `{code}` and `{anchor}` placeholders.
    pub docs_url: Option<String>,
    /// Fields every error may carry.
    pub fields: Vec<TestField>,
    pub errors: Vec<TestError>,
    /// The wire format: `envelope`, `error-object` or `problem`.
    pub format: &'static str,
    /// `problem_base`, with the problem format.
    pub problem_base: Option<String>,
    /// Whether the codes are integers (each error then has a name).
    pub integer_codes: bool,
}

/// The wire formats, as the spec spells them.
pub const FORMATS: [&str; 3] = ["envelope", "error-object", "problem"];

/// A `problem_base` with every character a URI allows that a string
/// literal might not.
pub const HOSTILE_PROBLEM_BASE: &str = "https://errors.example.com/p?a='$&(x)*+,;=:@!~/";

impl TestError {
    /// What identifiers derive from: the name, else the code.
    pub fn identifier(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.code)
    }
}

impl TestSpec {
    /// The same spec in `format` (with a hostile `problem_base` for `problem`).
    pub fn in_format(mut self, format: &'static str) -> Self {
        self.format = format;
        self.problem_base = (format == "problem").then(|| HOSTILE_PROBLEM_BASE.to_owned());
        self
    }

    /// The same spec with integer codes (0, then spread up to 2^53 - 1), each
    /// named by its string code.
    pub fn with_integer_codes(mut self) -> Self {
        let count = self.errors.len() as u64;
        for (i, error) in self.errors.iter_mut().enumerate() {
            let i = i as u64;
            let code = if i + 1 == count && i > 0 {
                (1u64 << 53) - 1
            } else {
                i * 1_000_003
            };
            error.name = Some(std::mem::replace(&mut error.code, code.to_string()));
        }
        self.integer_codes = true;
        self
    }

    /// A code's wire value as JSON: a string, or a number for integer codes.
    pub fn code_json(&self, code: &str) -> serde_json::Value {
        if self.integer_codes {
            serde_json::json!(code.parse::<u64>().unwrap())
        } else {
            serde_json::json!(code)
        }
    }

    /// An error object in the spec's format with `code` and `message`: for
    /// the problem format a whole problem document of this API (`type`,
    /// `title` and `status` included, as a server sends them).
    pub fn error_object(
        &self,
        code: &str,
        message: &str,
    ) -> serde_json::Map<String, serde_json::Value> {
        let mut object = serde_json::Map::new();
        if let Some(base) = &self.problem_base {
            object.insert("type".into(), format!("{base}{code}").into());
            object.insert("title".into(), "t".into());
            object.insert("status".into(), 400.into());
            object.insert("detail".into(), message.into());
        } else {
            object.insert("message".into(), message.into());
        }
        object.insert("code".into(), self.code_json(code));
        object
    }

    /// A response body in the spec's format carrying the error `object`.
    pub fn body(&self, object: serde_json::Map<String, serde_json::Value>) -> serde_json::Value {
        match self.format {
            "envelope" => serde_json::json!({ "data": null, "error": object }),
            "error-object" => serde_json::json!({ "error": object }),
            _ => serde_json::Value::Object(object),
        }
    }

    /// The spec as YAML, every string double-quoted with every non-ASCII or
    /// special character escaped, so the YAML says exactly these strings.
    pub fn to_yaml(&self) -> String {
        let mut y = String::new();
        writeln!(y, "version: 1\nname: {}", quote(&self.name)).unwrap();
        if let Some(d) = &self.description {
            writeln!(y, "description: {}", quote(d)).unwrap();
        }
        writeln!(
            y,
            "retry:\n  max_retries: {}\n  initial_delay_ms: {}\n  multiplier: {:?}\n  max_delay_ms: {}\n  jitter: {}",
            self.max_retries,
            self.initial_delay_ms,
            self.multiplier,
            self.max_delay_ms,
            if self.full_jitter { "full" } else { "none" }
        )
        .unwrap();
        if let Some(url) = &self.docs_url {
            writeln!(y, "docs_url: {}", quote(url)).unwrap();
        }
        writeln!(y, "format: {}", self.format).unwrap();
        if let Some(base) = &self.problem_base {
            writeln!(y, "problem_base: {}", quote(base)).unwrap();
        }
        if let Some(package) = &self.python_package {
            writeln!(y, "python:\n  package: {package}").unwrap();
        }
        if !self.statuses.is_empty() {
            y.push_str("statuses:\n");
            for (status, meaning) in &self.statuses {
                writeln!(y, "  {status}: {}", quote(meaning)).unwrap();
            }
        }
        if !self.fields.is_empty() {
            y.push_str("fields:\n");
            for field in &self.fields {
                field.write_yaml(&mut y, "  ");
            }
        }
        y.push_str("errors:\n");
        for e in &self.errors {
            if self.integer_codes {
                writeln!(y, "  - code: {}", e.code).unwrap();
            } else {
                writeln!(y, "  - code: {}", quote(&e.code)).unwrap();
            }
            if let Some(name) = &e.name {
                writeln!(y, "    name: {}", quote(name)).unwrap();
            }
            writeln!(
                y,
                "    status: {}\n    message: {}\n    retryable: {}",
                e.status,
                quote(&e.message),
                e.retryable
            )
            .unwrap();
            for (key, value) in [
                ("title", &e.title),
                ("description", &e.description),
                ("fix", &e.fix),
                ("example", &e.example),
            ] {
                if let Some(v) = value {
                    writeln!(y, "    {key}: {}", quote(v)).unwrap();
                }
            }
            if !e.causes.is_empty() {
                y.push_str("    causes:\n");
                for c in &e.causes {
                    writeln!(y, "      - {}", quote(c)).unwrap();
                }
            }
            match &e.deprecated {
                None => {}
                Some(None) => y.push_str("    deprecated: true\n"),
                Some(Some(note)) => writeln!(y, "    deprecated: {}", quote(note)).unwrap(),
            }
            match &e.fields {
                None => {}
                Some(fields) if fields.is_empty() => y.push_str("    fields: {}\n"),
                Some(fields) => {
                    y.push_str("    fields:\n");
                    for field in fields {
                        field.write_yaml(&mut y, "      ");
                    }
                }
            }
        }
        y
    }

    /// What the generated code must say, as JSON: each code's wire value,
    /// status, retryability and message, and the retry policy.
    pub fn expected_json(&self) -> String {
        let errors: Vec<_> = self
            .errors
            .iter()
            .map(|e| {
                let fields: Vec<_> = self
                    .fields
                    .iter()
                    .map(|f| (f, true))
                    .chain(e.fields.iter().flatten().map(|f| (f, false)))
                    .map(|(f, shared)| {
                        let mut field = f.expected();
                        field["shared"] = shared.into();
                        field
                    })
                    .collect();
                // What an error without a message says: the template with its
                // braces undoubled and its placeholders kept.
                let default_message = if e.fields.is_some() {
                    undouble(&e.message)
                } else {
                    e.message.clone()
                };
                serde_json::json!({
                    "code": self.code_json(&e.code), "wire": e.code, "identifier": e.identifier(),
                    "status": e.status, "retryable": e.retryable, "message": e.message,
                    "default_message": default_message,
                    // A problem document's `title` of the code.
                    "summary": e.title.clone().unwrap_or_else(|| {
                        if e.fields.is_some() { e.identifier().to_owned() } else { e.message.clone() }
                    }),
                    "problem_type": self.problem_base.as_ref().map(|base| format!("{base}{}", e.code)),
                    "templated": e.fields.is_some(),
                    "fields": fields,
                    "example": e.example,
                    "doc_url": self.docs_url.as_ref().map(|url| {
                        url.replace("{code}", &e.code).replace("{anchor}", &e.identifier().to_lowercase())
                    }),
                })
            })
            .collect();
        serde_json::json!({
            "format": self.format,
            "errors": errors,
            "retry": {
                "max_retries": self.max_retries,
                "initial_delay_ms": self.initial_delay_ms,
                "multiplier": self.multiplier,
                "max_delay_ms": self.max_delay_ms,
                "full_jitter": self.full_jitter,
            }
        })
        .to_string()
    }
}

/// `s` on one line, as a title must be: line breaks become spaces.
pub fn one_line(s: &str) -> String {
    let line = s.replace(
        [
            '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
        ],
        " ",
    );
    if line.trim().is_empty() {
        "t".to_owned()
    } else {
        line
    }
}

/// A YAML double-quoted string with exactly the value `s`.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => write!(out, "\\U{:08X}", u32::from(c)).unwrap(),
        }
    }
    out.push('"');
    out
}

/// Strings that have broken code generators: quotes, escapes, comment and
/// template terminators, control and bidi characters, Markdown and HTML.
pub const HOSTILE_STRINGS: &[&str] = &[
    "double \" quote and single ' quote",
    "back\\slash \\n not-a-newline \\u{41} \\x00",
    "line one\nline two\r\nline three",
    "NUL \0 inside, BEL \u{7}, ESC \u{1b}[31m red, DEL \u{7f}",
    "comment end */ and /* start, // slashes, # hash, -- dashes",
    "triple \"\"\" quotes ''' and ``` fences ````",
    "template ${injection} and {{ mustache }} and {% block %} and {# note #}",
    "</script><script>alert('x')</script> <b>bold</b> &amp;",
    "bidi \u{202E}override\u{202C} \u{2066}isolate\u{2069} zero\u{200B}width",
    "separators \u{2028} and \u{2029}, BOM \u{FEFF}",
    "unicode: 日本語, emoji 😀, combining e\u{301}, astral 𝔘",
    "tab\there, trailing spaces   ",
    "#[doc = \"x\"] #![deny(warnings)] r#\"raw\"# b\"bytes\"",
    "| pipe | table | and [link](javascript:alert(1)) and `code`",
    "%s %d {0} {} %(name)s",
    "__proto__ constructor toString",
];

/// Codes that are keywords, builtins, or names the generated code defines, in
/// one spec where none collide.
pub const HOSTILE_CODES: &[&str] = &[
    "SELF",
    "TYPE_ERROR",
    "IMPORT_ERROR",
    "API_ERROR",
    "Error",
    "ErrorCode",
    "ErrorCodeInfo",
    "class",
    "from",
    "None",
    "True",
    "constructor",
    "toString",
    "hasOwnProperty",
    "Code",
    "Unknown",
    "Known",
    "Envelope",
    "RetryPolicy",
    "Jitter",
    "Ok",
    "Err",
    "Some",
    "Option",
    "Result",
    "String",
    "Vec",
    "Default",
    "Duration",
    "serde",
    "std",
    "core",
    "a__b",
    "x",
    "a.b-c_d",
    "INFO",
    "ALL",
    "fn",
    "async",
    "typeof",
    "proto__",
    "UnknownErrorCode",
    "A_L_L",
    "I_N_F_O",
    "valueOf",
    "isPrototypeOf",
    "MALFORMED_RESPONSE",
    "Shape",
    "ErrorBody",
    "AnyErrorCode",
    "FORMAT",
    "wireFormat",
];

/// A spec whose every code and string is hostile.
pub fn hostile_spec() -> TestSpec {
    let strings = HOSTILE_STRINGS;
    let errors = HOSTILE_CODES
        .iter()
        .enumerate()
        .map(|(i, code)| TestError {
            code: (*code).to_owned(),
            name: None,
            status: [400, 401, 404, 409, 429, 499, 500, 502, 503, 599][i % 10],
            message: strings[i % strings.len()].to_owned(),
            retryable: i % 3 == 0,
            description: Some(format!(
                "{}\n\n```rust\nfn main() {{ panic!() }}\n```\n\n    indented code\n- list\nlazy continuation\n[broken link]",
                strings[(i + 1) % strings.len()]
            )),
            causes: vec![strings[(i + 2) % strings.len()].to_owned(), "plain".to_owned()],
            fix: Some(strings[(i + 3) % strings.len()].to_owned()),
            example: Some(strings[(i + 4) % strings.len()].to_owned()),
            title: (i % 2 == 1).then(|| one_line(strings[(i + 6) % strings.len()])),
            deprecated: match i % 4 {
                0 => Some(Some(strings[(i + 5) % strings.len()].to_owned())),
                1 => Some(None),
                _ => None,
            },
            fields: None,
        })
        .map(|mut error| {
            // Every other code has fields: three hostile names each, of every
            // type in turn, the first required and named in the message.
            let i = HOSTILE_CODES.iter().position(|c| *c == error.code).unwrap();
            if i % 2 == 0 {
                let fields: Vec<TestField> = (0..3)
                    .map(|k| {
                        let (name, names) = HOSTILE_FIELDS[(i / 2 * 3 + k) % HOSTILE_FIELDS.len()];
                        let mut field = TestField::named(name, FIELD_TYPES[(i + k) % FIELD_TYPES.len()], k == 0, names);
                        field.description = Some(strings[(i + k) % strings.len()].to_owned());
                        field.example = (k == 1).then(|| field.samples().0);
                        field
                    })
                    .collect();
                error.message = format!("{} {{{}}}", template_text(&error.message), fields[0].name);
                error.fields = Some(fields);
            } else if i + 1 == HOSTILE_CODES.len() {
                // More required fields than clippy lets a function take.
                let fields: Vec<TestField> = FIELD_TYPES
                    .iter()
                    .enumerate()
                    .map(|(k, ty)| TestField::plain(&format!("r{k}"), ty, true))
                    .collect();
                error.message = format!("{} {{r0}} {{r1}}", template_text(&error.message));
                error.fields = Some(fields);
            } else if i % 6 == 1 {
                // Fields, but none of its own: the message is still a template.
                error.message = template_text(&error.message);
                error.fields = Some(Vec::new());
            }
            error
        })
        .collect();
    let mut shared = vec![
        TestField::named("Type", "string", false, ["type_", "type_", "Type"]),
        TestField::named("None", "[integer]", false, ["none", "none", "None"]),
    ];
    shared[0].description = Some(strings[3].to_owned());
    shared[0].example = Some(serde_json::json!(strings[4]));
    TestSpec {
        fields: shared,
        name: "Evil \"API\" */ \n {{ name }} \u{202E} ${x}".to_owned(),
        description: Some(strings.join("\n")),
        max_retries: 5,
        initial_delay_ms: 250,
        multiplier: 1.5,
        max_delay_ms: 10_000,
        full_jitter: true,
        statuses: [400, 429, 499, 503]
            .iter()
            .zip(strings)
            .map(|(s, m)| (*s, format!("| cell | breaker | {m}")))
            .collect(),
        python_package: None,
        docs_url: Some("https://docs.example.com/e/{code}?q='$&(x)*+,;=:@!~#{anchor}".to_owned()),
        errors,
        format: "envelope",
        problem_base: None,
        integer_codes: false,
    }
}

/// A spec of `count` plain codes over many statuses, for scale tests.
pub fn many_codes_spec(count: usize) -> TestSpec {
    const STATUSES: [u16; 12] = [400, 401, 403, 404, 409, 422, 429, 499, 500, 502, 503, 504];
    TestSpec {
        name: format!("Scale API with {count} codes"),
        description: Some("A spec with many codes.".to_owned()),
        max_retries: 3,
        initial_delay_ms: 1000,
        multiplier: 2.0,
        max_delay_ms: 30_000,
        full_jitter: false,
        statuses: Vec::new(),
        python_package: None,
        docs_url: Some("https://docs.example.com/errors#{anchor}".to_owned()),
        fields: vec![TestField::plain("request_id", "string", false)],
        format: "envelope",
        problem_base: None,
        integer_codes: false,
        errors: (0..count)
            .map(|i| TestError {
                code: format!("CODE_{i:05}"),
                name: None,
                status: STATUSES[i % STATUSES.len()],
                message: if i % 10 == 0 {
                    format!("Message number {i}, count {{count}}.")
                } else {
                    format!("Message number {i}.")
                },
                retryable: i % 3 == 0,
                description: (i % 2 == 0).then(|| format!("Description of code {i}.")),
                causes: vec![format!("Cause {i}")],
                fix: Some(format!("Fix {i}.")),
                example: (i % 5 == 0).then(|| format!("example {i}")),
                title: (i % 7 == 0).then(|| format!("Title of code {i}.")),
                deprecated: (i % 50 == 0).then_some(None),
                fields: (i % 10 == 0).then(|| {
                    vec![
                        TestField::plain("count", "integer", true),
                        TestField::named(
                            "topUpUrl",
                            "string",
                            false,
                            ["top_up_url", "top_up_url", "topUpUrl"],
                        ),
                    ]
                }),
            })
            .collect(),
    }
}

/// A small deterministic random generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A string of 1 to 40 pieces: plain words, hostile fragments and random
    /// characters from anywhere in Unicode.
    pub fn text(&mut self) -> String {
        let mut s = String::from("m");
        for _ in 0..=self.below(40) {
            match self.below(4) {
                0 => {
                    let piece = *self.pick(&[
                        "word ", "x", " ", "\n", "\t", "\"", "\\", "`", "{", "}", "$", "*/",
                    ]);
                    s.push_str(piece);
                }
                1 => {
                    let hostile = *self.pick(HOSTILE_STRINGS);
                    s.push_str(hostile);
                }
                2 => s.push(char::from_u32(self.below(0x80) as u32).unwrap()),
                _ => {
                    let c = loop {
                        if let Some(c) = char::from_u32(self.below(0x11_0000) as u32) {
                            break c;
                        }
                    };
                    s.push(c);
                }
            }
        }
        s
    }

    /// A valid code: a letter, then letters, digits, `_`, `.` and `-`.
    pub fn code(&mut self) -> String {
        const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
        let mut code = String::from(*self.pick(FIRST) as char);
        for _ in 0..self.below(24) {
            code.push(*self.pick(REST) as char);
        }
        code
    }

    /// Zero to four fields with names `<prefix><n>_<random>`, the same
    /// identifier in every language, of random types.
    pub fn fields(&mut self, prefix: &str) -> Vec<TestField> {
        (0..self.below(5))
            .map(|n| {
                let name = format!("{prefix}{n}_{}", self.below(1000));
                let mut field =
                    TestField::plain(&name, FIELD_TYPES[self.below(10) as usize], self.chance(50));
                field.description = self.chance(50).then(|| self.text());
                if self.chance(50) {
                    field.example = Some(field.samples().0);
                }
                field
            })
            .collect()
    }

    /// A random valid spec: errspec accepts it (codes that happen to collide
    /// are redrawn).
    pub fn spec(&mut self) -> TestSpec {
        loop {
            let count = 1 + self.below(12) as usize;
            let initial_delay_ms = self.below(5000);
            let spec = TestSpec {
                name: self.text(),
                description: self.chance(50).then(|| self.text()),
                max_retries: self.below(21) as u32,
                initial_delay_ms,
                multiplier: 1.0 + (self.below(1_000_000) as f64) / 77_777.0,
                max_delay_ms: initial_delay_ms + self.below(100_000),
                full_jitter: self.chance(50),
                statuses: (0..self.below(3))
                    .map(|_| (400 + self.below(200) as u16, self.text()))
                    .collect::<std::collections::BTreeMap<_, _>>()
                    .into_iter()
                    .collect(),
                python_package: None,
                docs_url: self
                    .chance(50)
                    .then(|| "https://x.example/{code}/#{anchor}".to_owned()),
                fields: if self.chance(30) {
                    self.fields("s")
                } else {
                    Vec::new()
                },
                format: "envelope",
                problem_base: None,
                integer_codes: false,
                errors: (0..count)
                    .map(|_| TestError {
                        code: self.code(),
                        name: None,
                        status: 400 + self.below(200) as u16,
                        message: self.text(),
                        retryable: self.chance(50),
                        description: self.chance(50).then(|| self.text()),
                        causes: (0..self.below(3)).map(|_| self.text()).collect(),
                        fix: self.chance(50).then(|| self.text()),
                        example: self.chance(50).then(|| self.text()),
                        title: self.chance(30).then(|| one_line(&self.text())),
                        deprecated: match self.below(6) {
                            0 => Some(None),
                            1 => Some(Some(self.text())),
                            _ => None,
                        },
                        fields: None,
                    })
                    .collect(),
            };
            let mut spec = spec.in_format(FORMATS[self.below(3) as usize]);
            if self.chance(25) {
                spec = spec.with_integer_codes();
            }
            for error in &mut spec.errors {
                if self.chance(40) {
                    let fields = self.fields("f");
                    error.message = template_text(&error.message);
                    if let Some(first) = fields.iter().find(|f| f.required) {
                        error.message += &format!(" {{{}}}", first.name);
                    }
                    error.fields = Some(fields);
                }
            }
            match errspec::Spec::parse(&spec.to_yaml(), "random.yaml") {
                Ok(_) => return spec,
                Err(d)
                    if d.items.iter().all(|p| {
                        p.message.contains("collides with")
                            || p.message.starts_with("duplicate code")
                    }) => {}
                Err(d) => panic!(
                    "errspec rejected a valid random spec:\n{d}\n{}",
                    spec.to_yaml()
                ),
            }
        }
    }
}

/// The hostile spec in each format, with string and integer codes, by name.
pub fn hostile_specs() -> Vec<(String, TestSpec)> {
    vec![
        ("hostile".to_owned(), hostile_spec()),
        (
            "hostile_error_object".to_owned(),
            hostile_spec()
                .in_format("error-object")
                .with_integer_codes(),
        ),
        (
            "hostile_problem".to_owned(),
            hostile_spec().in_format("problem"),
        ),
        (
            "hostile_problem_integer".to_owned(),
            hostile_spec().in_format("problem").with_integer_codes(),
        ),
    ]
}

/// The specs each language's generated-code test checks, by name: the
/// hostile spec in each format (and with integer codes), 1,000 codes, a
/// Discord-like spec of integer codes, and `random` random specs of random
/// formats (seed printed).
pub fn language_specs(random: usize) -> Vec<(String, TestSpec)> {
    let seed = seed();
    eprintln!("random specs from ERRSPEC_SEED={seed}");
    let mut rng = Rng::new(seed);
    let mut specs = hostile_specs();
    specs.push(("thousand".to_owned(), many_codes_spec(1000)));
    specs.push(("discord".to_owned(), discord_like_spec()));
    specs.extend((0..random).map(|i| (format!("random_{i}"), rng.spec())));
    specs
}

/// The seed for random specs: `ERRSPEC_SEED` if set, else the clock. Tests
/// print it so a failure can be replayed.
pub fn seed() -> u64 {
    std::env::var("ERRSPEC_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

/// The conformance vector sets with a spec of their own: `tests/vectors/<set>/`
/// holds `spec.yaml` and `responses.json`. Each with its Python package.
pub const VECTOR_SETS: &[(&str, &str)] = &[
    ("fields", "field_vectors_errors"),
    ("error-object", "error_object_vectors"),
    ("problem", "problem_vectors"),
    ("integer-codes", "integer_code_vectors"),
    ("integer-problems", "integer_problem_vectors"),
];

/// `tests/vectors/<set>/spec.yaml`.
pub fn vector_spec(set: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(set)
        .join("spec.yaml")
}

/// A spec shaped like Discord's JSON error codes: hundreds of integer codes
/// in ranges by kind, one status for many of them, each named, sent as
/// `{"error": {...}}`.
pub fn discord_like_spec() -> TestSpec {
    let ranges: [(u64, u64, &str, u16, &str); 7] = [
        (10001, 100, "UNKNOWN", 404, "Unknown resource"),
        (
            20001,
            40,
            "FORBIDDEN_ACTION",
            403,
            "This action is not allowed",
        ),
        (30001, 60, "MAXIMUM_REACHED", 400, "Maximum number reached"),
        (40001, 70, "UNAUTHORIZED_ACTION", 401, "Unauthorized"),
        (50001, 110, "INVALID", 400, "Invalid request"),
        (
            130000,
            1,
            "API_RESOURCE_OVERLOADED",
            503,
            "API resource is currently overloaded. Try again a little later",
        ),
        (340001, 20, "ONBOARDING", 400, "Onboarding problem"),
    ];
    let mut errors = vec![TestError {
        code: "0".to_owned(),
        name: Some("GENERAL_ERROR".to_owned()),
        status: 500,
        message: "General error (such as a malformed request body, amongst other things)"
            .to_owned(),
        retryable: true,
        title: None,
        description: None,
        causes: Vec::new(),
        fix: None,
        example: None,
        deprecated: None,
        fields: None,
    }];
    for (start, count, name, status, message) in ranges {
        for i in 0..count {
            let code = start + i;
            errors.push(TestError {
                code: code.to_string(),
                name: Some(if count == 1 {
                    name.to_owned()
                } else {
                    format!("{name}_{code}")
                }),
                status,
                message: if count == 1 {
                    message.to_owned()
                } else {
                    format!("{message} ({code})")
                },
                retryable: status == 503,
                title: None,
                description: (i % 10 == 0).then(|| format!("Code {code}.")),
                causes: Vec::new(),
                fix: None,
                example: None,
                deprecated: None,
                fields: (code == 50035).then(|| vec![TestField::plain("errors", "json", false)]),
            });
        }
    }
    TestSpec {
        name: "Discord-like API".to_owned(),
        description: None,
        max_retries: 3,
        initial_delay_ms: 1000,
        multiplier: 2.0,
        max_delay_ms: 30_000,
        full_jitter: false,
        statuses: Vec::new(),
        python_package: None,
        docs_url: Some(
            "https://discord.example/docs/topics/opcodes-and-status-codes#{anchor}".to_owned(),
        ),
        fields: Vec::new(),
        errors,
        format: "error-object",
        problem_base: None,
        integer_codes: true,
    }
}
