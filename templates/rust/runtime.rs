//! The static part of the generated `rust/errors.rs`: ordinary Rust that rustfmt and clippy
//! check as it is.
//!
//! `errors.rs.jinja` writes what the spec controls and pulls this file in by parts: a line
//! `// errspec: NAME` starts the part the template writes as `runtime.NAME`, and a line
//! `// errspec: template` starts lines the template writes itself (here a one-code spec stands
//! in for them, so this file compiles alone). This header is not copied.
//!
//! The output is `include!`d at a crate root or inside a `mod { }`: no inner attributes, and std
//! items named by full path.

// errspec: template
/// An error code this API defines.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(dead_code)]
pub enum ErrorCode {
    /// The one code of this stand-in spec.
    Example,
}

// errspec: code_info
/// What the spec says about one [`ErrorCode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(dead_code)]
pub struct ErrorCodeInfo {
    /// The code.
    pub code: ErrorCode,
    /// Its wire value, e.g. `"RATE_LIMITED"`; an integer code's decimal digits.
    pub wire: &'static str,
    /// The HTTP status it is sent with.
    pub status: u16,
    /// Whether a client may retry the request that failed with it.
    pub retryable: bool,
    /// The spec's default human-readable message.
    pub default_message: &'static str,
    /// What the code means, in one line (a problem document's `title`): the
    /// spec's `title`, else its message unless that is a template, else its name.
    pub summary: &'static str,
    /// Where the code is documented; empty when the spec has no `docs_url`.
    pub doc_url: &'static str,
    /// The wire names of the fields an error of this code may carry (the
    /// shared ones, then its own), separated by spaces.
    pub fields: &'static str,
    /// Whether `default_message` is a template: `{name}` stands for a
    /// field's value, `{{` and `}}` for braces.
    pub message_is_template: bool,
    /// The code's variant of [`ErrorCode`], as its `Debug` writes it.
    pub variant: &'static str,
}

// errspec: template
#[allow(dead_code, deprecated)]
impl ErrorCode {
    /// Every code, in spec order.
    pub const ALL: [ErrorCode; 1] = [ErrorCode::Example];

    // errspec: code_methods
    /// Everything the spec says about this code.
    pub const fn info(self) -> &'static ErrorCodeInfo {
        &Self::table()[self as usize]
    }

    /// The wire value, e.g. `"RATE_LIMITED"`; an integer code's decimal digits.
    pub const fn as_str(self) -> &'static str {
        self.info().wire
    }

    /// The HTTP status this code is sent with.
    pub const fn status(self) -> u16 {
        self.info().status
    }

    /// Whether a client may retry the request that failed with this code.
    pub const fn is_retryable(self) -> bool {
        self.info().retryable
    }

    /// The spec's default human-readable message; a template when
    /// [`ErrorCodeInfo::message_is_template`] says so.
    pub const fn default_message(self) -> &'static str {
        self.info().default_message
    }

    /// The wire names of the fields an error of this code may carry.
    pub fn fields(self) -> impl ::core::iter::Iterator<Item = &'static str> {
        self.info().fields.split_whitespace()
    }

    /// Where the code is documented, if the spec says (its `docs_url`).
    pub const fn doc_url(self) -> ::core::option::Option<&'static str> {
        let url = self.info().doc_url;
        if url.is_empty() {
            ::core::option::Option::None
        } else {
            ::core::option::Option::Some(url)
        }
    }

    // errspec: template
    const fn table() -> &'static [ErrorCodeInfo] {
        static INFO: [ErrorCodeInfo; 1] = [ErrorCodeInfo {
            code: ErrorCode::Example,
            wire: "EXAMPLE",
            status: 400,
            retryable: false,
            default_message: "An example.",
            summary: "An example.",
            doc_url: "",
            fields: "",
            message_is_template: false,
            variant: "Example",
        }];
        &INFO
    }
}

// errspec: types
impl ::core::fmt::Debug for ErrorCode {
    /// The variant's name, as `#[derive(Debug)]` would write it. (The derive's
    /// `match` costs seconds of compile time for thousands of codes.)
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.info().variant)
    }
}

impl ::core::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::core::str::FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    fn from_str(s: &str) -> ::core::result::Result<Self, UnknownErrorCode> {
        static BY_WIRE: ::std::sync::OnceLock<
            ::std::collections::HashMap<&'static str, ErrorCode>,
        > = ::std::sync::OnceLock::new();
        BY_WIRE
            .get_or_init(|| {
                // Not `ErrorCode::ALL`: using it makes rustc evaluate it, which
                // takes seconds for thousands of codes (each code in the array
                // is checked against every variant before it).
                ErrorCode::table()
                    .iter()
                    .map(|info| (info.wire, info.code))
                    .collect()
            })
            .get(s)
            .copied()
            .ok_or_else(|| UnknownErrorCode(s.into()))
    }
}

impl ::serde::Serialize for ErrorCode {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serialize_wire(self.as_str(), serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let wire = deserialize_wire(deserializer)?;
        wire.parse().map_err(::serde::de::Error::custom)
    }
}

/// The wire value of a code as received, if it is a valid code of this API's
/// type: a non-empty string, or (when [`CODES_ARE_INTEGERS`]) an integer from
/// 0 to 2^53 - 1, written as its decimal digits. A string is never an integer
/// code: `"10001"` is not `10001`.
fn wire_code(value: &::serde_json::Value) -> ::core::option::Option<::std::string::String> {
    const MAX_SAFE: u64 = (1 << 53) - 1;
    match value {
        ::serde_json::Value::String(text) if !CODES_ARE_INTEGERS && !text.is_empty() => {
            ::core::option::Option::Some(text.clone())
        }
        ::serde_json::Value::Number(number) if CODES_ARE_INTEGERS => number
            .as_u64()
            .or_else(|| {
                number
                    .as_f64()
                    .filter(|f| f.fract() == 0.0 && (0.0..=MAX_SAFE as f64).contains(f))
                    .map(|f| f as u64)
            })
            .filter(|n| *n <= MAX_SAFE)
            .map(|n| n.to_string()),
        _ => ::core::option::Option::None,
    }
}

/// Writes a code's wire value: a number when this API's codes are integers
/// and `wire` is an integer's digits (an unknown code may be any string), else
/// a string.
fn serialize_wire<S: ::serde::Serializer>(
    wire: &str,
    serializer: S,
) -> ::core::result::Result<S::Ok, S::Error> {
    // Only an integer's own digits: `007` and `+7` stay strings.
    let digits =
        wire.bytes().all(|b| b.is_ascii_digit()) && (wire == "0" || !wire.starts_with('0'));
    match wire.parse::<u64>() {
        ::core::result::Result::Ok(number) if CODES_ARE_INTEGERS && digits => {
            serializer.serialize_u64(number)
        }
        _ => serializer.serialize_str(wire),
    }
}

/// Reads a code's wire value, of this API's code type.
fn deserialize_wire<'de, D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::core::result::Result<::std::string::String, D::Error> {
    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
    wire_code(&value).ok_or_else(|| {
        ::serde::de::Error::custom(if CODES_ARE_INTEGERS {
            "an error code is an integer from 0 to 2^53 - 1"
        } else {
            "an error code is a non-empty string"
        })
    })
}

/// The error of parsing a string that is not one of this API's codes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[allow(dead_code)]
pub struct UnknownErrorCode(pub ::std::string::String);

impl ::core::fmt::Display for UnknownErrorCode {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl ::std::error::Error for UnknownErrorCode {}

/// An error code as received: one this API defines, or one it does not know
/// (from a newer server, say), kept as sent so nothing is lost. When this
/// API's codes are integers, an unknown integer code is its decimal digits
/// (and is serialized as a number).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[allow(dead_code)]
pub enum Code {
    /// A code this API defines.
    Known(ErrorCode),
    /// A code this API does not define, as received: a problem document
    /// without a code has its `type` URI here.
    Unknown(::std::string::String),
}

#[allow(dead_code)]
impl Code {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Code::Known(code) => code.as_str(),
            Code::Unknown(wire) => wire,
        }
    }

    /// The code, if this API defines it.
    pub fn known(&self) -> ::core::option::Option<ErrorCode> {
        match self {
            Code::Known(code) => ::core::option::Option::Some(*code),
            Code::Unknown(_) => ::core::option::Option::None,
        }
    }

    /// Whether to retry the request that failed with this code. A known code
    /// follows the spec; an unknown one is retried only when the response's
    /// HTTP status says the failure is transient (429, 502, 503 or 504).
    pub fn is_retryable(&self, http_status: ::core::option::Option<u16>) -> bool {
        match self {
            Code::Known(code) => code.is_retryable(),
            Code::Unknown(_) => matches!(
                http_status,
                ::core::option::Option::Some(429 | 502 | 503 | 504)
            ),
        }
    }
}

impl ::core::convert::From<ErrorCode> for Code {
    fn from(code: ErrorCode) -> Self {
        Code::Known(code)
    }
}

impl ::core::convert::From<&str> for Code {
    fn from(wire: &str) -> Self {
        match wire.parse() {
            ::core::result::Result::Ok(code) => Code::Known(code),
            ::core::result::Result::Err(UnknownErrorCode(wire)) => Code::Unknown(wire),
        }
    }
}

impl ::core::fmt::Display for Code {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for Code {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serialize_wire(self.as_str(), serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for Code {
    /// Reads a code of this API's type (see [`wire_code`]), known or not.
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        deserialize_wire(deserializer).map(|wire| Code::from(wire.as_str()))
    }
}

/// An error, as its response carries it (the error object: `code`,
/// `message` and any other members, kept as received) and as a server sends
/// it. It serializes and deserializes as the API's wire format has the error
/// object (see [`FORMAT`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(dead_code)]
pub struct ApiError {
    /// The error code, known or not.
    pub code: Code,
    /// A human-readable message (a problem document's `detail`).
    pub message: ::std::string::String,
    /// Every other member, declared by the spec or not, as received. Read a
    /// known code's fields typed with `fields::<Code>::of`, the shared ones
    /// with [`ApiError::shared_fields`]. Members the format writes from
    /// `code` and `message` (`code`, and `message` or `detail`) are not
    /// serialized from here.
    pub members: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
}

#[allow(dead_code)]
impl ApiError {
    /// An error with the code's default message (its template filled in with
    /// nothing: each placeholder stays as written).
    pub fn new(code: ErrorCode) -> Self {
        Self::with_fields(code, &SharedFields::default())
    }

    /// An error with its own message.
    pub fn with_message(
        code: impl ::core::convert::Into<Code>,
        message: impl ::core::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            members: ::serde_json::Map::new(),
        }
    }

    /// An error carrying `fields` (a code's fields struct, or
    /// [`SharedFields`]), with the code's default message, its placeholders
    /// filled with the fields' values. Build a known code's error with
    /// `ApiError::from(fields::<Code>::new(...))` instead.
    pub fn with_fields(
        code: impl ::core::convert::Into<Code>,
        fields: &impl ::serde::Serialize,
    ) -> Self {
        let code = code.into();
        let members = match ::serde_json::to_value(fields) {
            ::core::result::Result::Ok(::serde_json::Value::Object(members)) => members,
            _ => ::serde_json::Map::new(),
        };
        let message = default_message(&code, &members, "");
        Self {
            code,
            message,
            members,
        }
    }

    /// The HTTP status the spec gives this code, if the code is known.
    pub fn status(&self) -> ::core::option::Option<u16> {
        self.code.known().map(ErrorCode::status)
    }

    /// Whether to retry; see [`Code::is_retryable`].
    pub fn is_retryable(&self, http_status: ::core::option::Option<u16>) -> bool {
        self.code.is_retryable(http_status)
    }

    /// Where the code is documented, if the code is known and the spec says.
    pub fn doc_url(&self) -> ::core::option::Option<&'static str> {
        self.code.known().and_then(ErrorCode::doc_url)
    }

    /// The fields every error may carry, typed: a field that is missing, null
    /// or of another type is `None` (its value stays in `members`).
    pub fn shared_fields(&self) -> SharedFields {
        read_fields(&self.members)
    }

    /// The members the spec does not declare for this error's code (nor
    /// the wire format: a problem document's `type`, `title`, `status`,
    /// `detail` and `instance`).
    pub fn extra(&self) -> ::serde_json::Map<::std::string::String, ::serde_json::Value> {
        let declared = match self.code.known() {
            ::core::option::Option::Some(code) => code.info().fields,
            ::core::option::Option::None => SharedFields::NAMES,
        };
        self.members
            .iter()
            .filter(|(name, _)| {
                !declared.split_whitespace().any(|field| field == *name)
                    && !wire_format::MEMBERS.contains(&name.as_str())
            })
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    }
}

/// An HTTP response carrying an error, for any server framework: see
/// [`ApiError::to_response`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(dead_code)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// `Content-Type` (`application/problem+json` for the problem format,
    /// else `application/json`) and, with a wait, `Retry-After` in whole
    /// seconds.
    pub headers: ::std::vec::Vec<(&'static str, ::std::string::String)>,
    /// The body: the error in the wire format, as UTF-8 JSON.
    pub body: ::std::vec::Vec<u8>,
}

#[allow(dead_code)]
impl ApiError {
    /// The HTTP status of an error whose code the spec does not define (a
    /// server forwarding an upstream error, say): 502 Bad Gateway.
    pub const UNKNOWN_CODE_STATUS: u16 = 502;

    /// The HTTP status this error is sent with: a known code's; else a
    /// problem document's `status` member, when it is an error status; else
    /// [`ApiError::UNKNOWN_CODE_STATUS`].
    pub fn http_status(&self) -> u16 {
        if let ::core::option::Option::Some(code) = self.code.known() {
            return code.status();
        }
        let sent = self
            .members
            .get("status")
            .filter(|_| wire_format::MEMBERS.contains(&"status"))
            .and_then(::serde_json::Value::as_f64)
            .filter(|status| status.fract() == 0.0 && (400.0..=599.0).contains(status));
        sent.map_or(Self::UNKNOWN_CODE_STATUS, |status| status as u16)
    }

    /// The response that sends this error: its [`http_status`](Self::http_status),
    /// its `Content-Type`, and the body in the wire format; add a wait with
    /// [`HttpResponse::with_retry_after`]. Never panics.
    pub fn to_response(&self) -> HttpResponse {
        HttpResponse {
            status: self.http_status(),
            headers: ::std::vec![("Content-Type", wire_format::MEDIA_TYPE.to_owned())],
            body: wire_format::body(self),
        }
    }
}

#[allow(dead_code)]
impl HttpResponse {
    /// This response with `Retry-After`: `wait` in whole seconds, rounded up.
    /// (The wait is the response's, not the error's, so `ApiError` stays
    /// small enough to return in a `Result`.)
    pub fn with_retry_after(mut self, wait: ::core::time::Duration) -> Self {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        self.headers.retain(|(name, _)| *name != "Retry-After");
        self.headers.push(("Retry-After", seconds.to_string()));
        self
    }
}

impl ::serde::Serialize for ApiError {
    /// The error object as the wire format has it.
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(::core::option::Option::None)?;
        let written = wire_format::write_object(self, &mut map)?;
        for (name, value) in &self.members {
            if !written.contains(&name.as_str()) {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for ApiError {
    /// Reads an error object as the wire format has it; fails only when it
    /// is not an object, or (but in a problem document, which never fails)
    /// its code is not a code (see [`wire_code`]).
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
        let ::serde_json::Value::Object(object) = value else {
            return ::core::result::Result::Err(::serde::de::Error::custom(format!(
                "an error is a JSON object, not {}",
                kind(&value)
            )));
        };
        wire_format::read_object(object).map_err(::serde::de::Error::custom)
    }
}

/// What a JSON value is, as a message says it: "a string", "null", ...
fn kind(value: &::serde_json::Value) -> &'static str {
    match value {
        ::serde_json::Value::Null => "null",
        ::serde_json::Value::Bool(_) => "a boolean",
        ::serde_json::Value::Number(_) => "a number",
        ::serde_json::Value::String(_) => "a string",
        ::serde_json::Value::Array(_) => "a list",
        ::serde_json::Value::Object(_) => "an object",
    }
}

/// The message of an error of `code` whose body has none: a known code's
/// default, its template filled from `members`; else `fallback`.
fn default_message(
    code: &Code,
    members: &::serde_json::Map<::std::string::String, ::serde_json::Value>,
    fallback: &str,
) -> ::std::string::String {
    match code {
        Code::Known(known) if known.info().message_is_template => {
            fill_template(known.default_message(), members)
        }
        Code::Known(known) => known.default_message().into(),
        Code::Unknown(_) => fallback.into(),
    }
}

/// `template` with each `{name}` whose member is present and not null
/// replaced by its value (see [`write_value`]), and `{{` and `}}` made
/// braces. A placeholder without a value stays as written.
fn fill_template(
    template: &str,
    members: &::serde_json::Map<::std::string::String, ::serde_json::Value>,
) -> ::std::string::String {
    let mut filled = ::std::string::String::with_capacity(template.len());
    let mut rest = template;
    while let ::core::option::Option::Some(at) = rest.find(['{', '}']) {
        filled.push_str(&rest[..at]);
        let brace = &rest[at..at + 1];
        let after = &rest[at + 1..];
        if let ::core::option::Option::Some(tail) = after.strip_prefix(brace) {
            filled.push_str(brace);
            rest = tail;
            continue;
        }
        let name = if brace == "{" {
            after.find('}').map(|end| &after[..end]).filter(|name| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
        } else {
            ::core::option::Option::None
        };
        match (name, name.and_then(|name| members.get(name))) {
            (_, ::core::option::Option::Some(::serde_json::Value::String(text))) => {
                filled.push_str(text)
            }
            (_, ::core::option::Option::Some(value)) if !value.is_null() => {
                write_value(value, &mut filled)
            }
            (::core::option::Option::Some(name), _) => {
                filled.push('{');
                filled.push_str(name);
                filled.push('}');
            }
            (::core::option::Option::None, _) => {
                filled.push_str(brace);
                rest = after;
                continue;
            }
        }
        rest = &after[name.map_or(0, str::len) + 1..];
    }
    filled.push_str(rest);
    filled
}

/// A value as a message shows it, the same in every generated language: compact
/// JSON with object members sorted by name and numbers written as JavaScript
/// writes them (`100`, not `100.0`; `1e+21`).
fn write_value(value: &::serde_json::Value, out: &mut ::std::string::String) {
    match value {
        ::serde_json::Value::Number(number) => {
            write_number(number.as_f64().unwrap_or(f64::NAN), out)
        }
        ::serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        ::serde_json::Value::Object(members) => {
            let mut names: ::std::vec::Vec<&::std::string::String> = members.keys().collect();
            names.sort();
            out.push('{');
            for (i, name) in names.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&::serde_json::Value::String(name.clone()).to_string());
                out.push(':');
                write_value(&members[name], out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `x` as JavaScript's `String(x)` writes it: the shortest digits that read
/// back as `x`, in plain notation from 1e-7 up to 1e21, else as `de+n`.
fn write_number(x: f64, out: &mut ::std::string::String) {
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
    let digits: ::std::string::String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exponent.parse::<i32>().unwrap_or(0) + 1;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(::std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(::std::iter::repeat_n('0', (-n) as usize));
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

/// A field's typed value read from its JSON value, if it has the field's type.
#[allow(dead_code)]
trait FieldValue: ::core::marker::Sized {
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self>;
}

impl FieldValue for ::std::string::String {
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
        value.as_str().map(::core::convert::Into::into)
    }
}

impl FieldValue for i64 {
    /// A number without a fraction, within 2^53 - 1 of zero (so exact in
    /// every language): `3` and `3.0` alike.
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
        const MAX_SAFE: i64 = (1 << 53) - 1;
        let n = value.as_i64().or_else(|| {
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() <= MAX_SAFE as f64)
                .map(|f| f as i64)
        })?;
        (-MAX_SAFE..=MAX_SAFE).contains(&n).then_some(n)
    }
}

impl FieldValue for f64 {
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
        value.as_f64()
    }
}

impl FieldValue for bool {
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
        value.as_bool()
    }
}

impl FieldValue for ::serde_json::Value {
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
        (!value.is_null()).then(|| value.clone())
    }
}

impl<T: FieldValue> FieldValue for ::std::vec::Vec<T> {
    /// A list every element of which has the element type.
    fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
        value.as_array()?.iter().map(T::from_json).collect()
    }
}

/// Deserializes a field leniently: a value of another type is `None`.
#[allow(dead_code)]
fn lenient<'de, D: ::serde::Deserializer<'de>, T: FieldValue>(
    deserializer: D,
) -> ::core::result::Result<::core::option::Option<T>, D::Error> {
    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
    ::core::result::Result::Ok(T::from_json(&value))
}

/// A fields struct read from an error's members; it never fails, as each of
/// its fields is read leniently.
#[allow(dead_code)]
fn read_fields<T: ::serde::de::DeserializeOwned + ::core::default::Default>(
    members: &::serde_json::Map<::std::string::String, ::serde_json::Value>,
) -> T {
    ::serde_json::from_value(::serde_json::Value::Object(members.clone())).unwrap_or_default()
}

#[allow(dead_code)]
impl ApiError {
    /// The code of an error made from a response whose body is no error
    /// of this API's wire format (no spec code can take it: string codes
    /// start with a letter).
    pub const MALFORMED_RESPONSE: &'static str = "_MALFORMED_RESPONSE";

    /// The error a response carries, or `None` when it carries none, read
    /// from its HTTP `status` and a deserializer over its body (such as
    /// `serde_json::Deserializer::from_slice(body)`), in the API's wire
    /// format (see [`FORMAT`]).
    ///
    /// A body that should hold an error but holds none of this format (not
    /// JSON, not an object, a code that is not one, or no error despite a
    /// status of 400 or more) gives an error with the code
    /// [`ApiError::MALFORMED_RESPONSE`] and a message saying what is wrong. A
    /// missing or non-string message is the code's default (for an unknown
    /// code, empty; in a problem document, its `title`).
    ///
    /// The body is read recursively: use a deserializer with a nesting limit,
    /// as serde_json's 127 levels (deeper bodies are malformed in every
    /// generated language alike).
    pub fn from_response<'de, D: ::serde::Deserializer<'de>>(
        status: ::core::option::Option<u16>,
        body: D,
    ) -> ::core::option::Option<ApiError> {
        let body = <::serde_json::Value as ::serde::Deserialize>::deserialize(body).ok();
        match wire_format::read_body(status, body) {
            ::core::result::Result::Ok(error) => error,
            ::core::result::Result::Err(problem) => ::core::option::Option::Some(
                ApiError::with_message(Code::Unknown(ApiError::MALFORMED_RESPONSE.into()), problem),
            ),
        }
    }
}

impl ::core::convert::From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

impl ::core::fmt::Display for ApiError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl ::std::error::Error for ApiError {}

// errspec: envelope_format
/// The envelope format: a body is `{"data": ..., "error": null}` on success,
/// `{"data": null, "error": {"code", "message", ...}}` on failure.
#[allow(dead_code)]
mod envelope_format {
    use super::*;

    #[allow(unused_imports)]
    pub(super) use super::message_object::*;

    /// The `Content-Type` of an error response.
    pub(super) const MEDIA_TYPE: &str = "application/json";

    /// An error response's body: `{"data": null, "error": {...}}`.
    pub(super) fn body(error: &ApiError) -> ::std::vec::Vec<u8> {
        ::serde_json::to_vec(&::serde_json::json!({ "data": null, "error": error }))
            .unwrap_or_default()
    }

    /// The error `body` holds (`None`: the body is not JSON), if any, or
    /// what is wrong with it.
    pub(super) fn read_body(
        status: ::core::option::Option<u16>,
        body: ::core::option::Option<::serde_json::Value>,
    ) -> ::core::result::Result<::core::option::Option<ApiError>, ::std::string::String> {
        let mut body = match body {
            ::core::option::Option::Some(::serde_json::Value::Object(body)) => body,
            ::core::option::Option::Some(other) => {
                return ::core::result::Result::Err(format!(
                    "the response body is {}, not a JSON object",
                    kind(&other)
                ));
            }
            ::core::option::Option::None => {
                return ::core::result::Result::Err("the response body is not JSON".into());
            }
        };
        match body.remove("error") {
            ::core::option::Option::None
            | ::core::option::Option::Some(::serde_json::Value::Null) => match status {
                ::core::option::Option::Some(status) if status >= 400 => {
                    ::core::result::Result::Err(format!(
                        "the response has HTTP status {status} but no error"
                    ))
                }
                _ => ::core::result::Result::Ok(::core::option::Option::None),
            },
            ::core::option::Option::Some(::serde_json::Value::Object(error)) => {
                read_object(error).map(::core::option::Option::Some)
            }
            ::core::option::Option::Some(other) => {
                ::core::result::Result::Err(format!("`error` is {}, not an object", kind(&other)))
            }
        }
    }
}

/// A response body: `{"data": ..., "error": null}` on success,
/// `{"data": null, "error": {...}}` on failure.
#[derive(Clone, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
#[allow(dead_code)]
pub struct Envelope<T> {
    /// The payload; null when the request failed (and for payload-less successes).
    pub data: ::core::option::Option<T>,
    /// The error; null when the request succeeded.
    pub error: ::core::option::Option<ApiError>,
}

#[allow(dead_code)]
impl<T> Envelope<T> {
    /// A success carrying `data`.
    pub fn ok(data: T) -> Self {
        Self {
            data: ::core::option::Option::Some(data),
            error: ::core::option::Option::None,
        }
    }

    /// A failure carrying `error`.
    pub fn err(error: impl ::core::convert::Into<ApiError>) -> Self {
        Self {
            data: ::core::option::Option::None,
            error: ::core::option::Option::Some(error.into()),
        }
    }

    /// The error if there is one, else the data (`None` when the server sent
    /// `"data": null`).
    pub fn into_result(self) -> ::core::result::Result<::core::option::Option<T>, ApiError> {
        match self.error {
            ::core::option::Option::Some(error) => ::core::result::Result::Err(error),
            ::core::option::Option::None => ::core::result::Result::Ok(self.data),
        }
    }
}

impl<T> ::core::convert::From<Envelope<T>>
    for ::core::result::Result<::core::option::Option<T>, ApiError>
{
    fn from(envelope: Envelope<T>) -> Self {
        envelope.into_result()
    }
}

// errspec: error_object_format
/// The error-object format: an error response's body is `{"error": {"code",
/// "message", ...}}`; a success body is the data itself.
#[allow(dead_code)]
mod error_object_format {
    use super::*;

    #[allow(unused_imports)]
    pub(super) use super::message_object::*;

    /// The `Content-Type` of an error response.
    pub(super) const MEDIA_TYPE: &str = "application/json";

    /// An error response's body: `{"error": {...}}`.
    pub(super) fn body(error: &ApiError) -> ::std::vec::Vec<u8> {
        ::serde_json::to_vec(&::serde_json::json!({ "error": error })).unwrap_or_default()
    }

    /// The error `body` holds (`None`: the body is not JSON), if any, or
    /// what is wrong with it. A response is an error when its status is 400
    /// or more, or, with no status, when its body is an object whose `error`
    /// is an object; anything else is data.
    pub(super) fn read_body(
        status: ::core::option::Option<u16>,
        body: ::core::option::Option<::serde_json::Value>,
    ) -> ::core::result::Result<::core::option::Option<ApiError>, ::std::string::String> {
        let failed = match status {
            ::core::option::Option::Some(status) if status < 400 => {
                return ::core::result::Result::Ok(::core::option::Option::None);
            }
            ::core::option::Option::Some(_) => true,
            ::core::option::Option::None => false,
        };
        let error = match body {
            ::core::option::Option::Some(::serde_json::Value::Object(mut body)) => {
                body.remove("error")
            }
            ::core::option::Option::Some(other) if failed => {
                return ::core::result::Result::Err(format!(
                    "the response body is {}, not a JSON object",
                    kind(&other)
                ));
            }
            ::core::option::Option::None if failed => {
                return ::core::result::Result::Err("the response body is not JSON".into());
            }
            _ => return ::core::result::Result::Ok(::core::option::Option::None),
        };
        match error {
            ::core::option::Option::Some(::serde_json::Value::Object(error)) => {
                read_object(error).map(::core::option::Option::Some)
            }
            _ if !failed => ::core::result::Result::Ok(::core::option::Option::None),
            ::core::option::Option::None
            | ::core::option::Option::Some(::serde_json::Value::Null) => {
                ::core::result::Result::Err(format!(
                    "the response has HTTP status {} but no error",
                    status.unwrap_or_default()
                ))
            }
            ::core::option::Option::Some(other) => {
                ::core::result::Result::Err(format!("`error` is {}, not an object", kind(&other)))
            }
        }
    }
}

/// An error response's body: `{"error": {...}}`.
#[derive(Clone, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ApiError,
}

#[allow(dead_code)]
impl ErrorBody {
    /// The body of a response failing with `error`.
    pub fn new(error: impl ::core::convert::Into<ApiError>) -> Self {
        Self {
            error: error.into(),
        }
    }
}

// errspec: message_object
/// Error objects of `code`, `message` and other members, as the envelope
/// and error-object formats have them.
#[allow(dead_code)]
mod message_object {
    use super::*;

    /// Members the format itself gives meaning to, beside `code` and `message`.
    pub(super) const MEMBERS: &[&str] = &[];

    /// Reads an error object, or says what is wrong with it.
    pub(super) fn read_object(
        object: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    ) -> ::core::result::Result<ApiError, ::std::string::String> {
        let mut code = ::core::option::Option::None;
        let mut message = ::core::option::Option::None;
        let mut members = ::serde_json::Map::new();
        for (key, value) in object {
            match key.as_str() {
                "code" => code = wire_code(&value),
                "message" => message = value.as_str().map(::std::string::String::from),
                _ => {
                    members.insert(key, value);
                }
            }
        }
        let ::core::option::Option::Some(code) = code else {
            return ::core::result::Result::Err(if super::CODES_ARE_INTEGERS {
                "`error.code` is missing or not an integer from 0 to 2^53 - 1".into()
            } else {
                "`error.code` is missing or not a non-empty string".into()
            });
        };
        let code = Code::from(code.as_str());
        let message = message.unwrap_or_else(|| default_message(&code, &members, ""));
        ::core::result::Result::Ok(ApiError {
            code,
            message,
            members,
        })
    }

    /// Writes `code` and `message` of `error` to `map`, and returns the names
    /// written (no member of the same name may follow).
    pub(super) fn write_object<M: ::serde::ser::SerializeMap>(
        error: &ApiError,
        map: &mut M,
    ) -> ::core::result::Result<::std::vec::Vec<&'static str>, M::Error> {
        map.serialize_entry("code", &error.code)?;
        map.serialize_entry("message", &error.message)?;
        ::core::result::Result::Ok(::std::vec!["code", "message"])
    }
}

// errspec: problem_format
/// The problem format (RFC 9457): an error response's body is a problem
/// document, `{"type", "title", "status", "detail", "instance"?, "code",
/// ...}`, sent as `application/problem+json`; a success body is the data
/// itself.
#[allow(dead_code)]
mod problem_format {
    use super::*;

    /// Members RFC 9457 gives meaning to, beside `code`.
    pub(super) const MEMBERS: &[&str] = &["type", "title", "status", "detail", "instance"];

    /// The `Content-Type` of an error response.
    pub(super) const MEDIA_TYPE: &str = "application/problem+json";

    /// An error response's body: the problem document.
    pub(super) fn body(error: &ApiError) -> ::std::vec::Vec<u8> {
        ::serde_json::to_vec(error).unwrap_or_default()
    }

    /// The error `body` holds (`None`: the body is not JSON), if any, or
    /// what is wrong with it. A response is an error when its status is 400
    /// or more, or, with no status, when its body is an object whose
    /// `status` is a number from 400 to 599 or whose `type` starts with
    /// [`PROBLEM_BASE`]; anything else is data.
    pub(super) fn read_body(
        status: ::core::option::Option<u16>,
        body: ::core::option::Option<::serde_json::Value>,
    ) -> ::core::result::Result<::core::option::Option<ApiError>, ::std::string::String> {
        let failed = status.is_some_and(|status| status >= 400);
        let object = match body {
            ::core::option::Option::Some(::serde_json::Value::Object(object)) => object,
            ::core::option::Option::Some(other) if failed => {
                return ::core::result::Result::Err(format!(
                    "the response body is {}, not a JSON object",
                    kind(&other)
                ));
            }
            ::core::option::Option::None if failed => {
                return ::core::result::Result::Err("the response body is not JSON".into());
            }
            _ => return ::core::result::Result::Ok(::core::option::Option::None),
        };
        let problem = failed
            || status.is_none()
                && (object
                    .get("status")
                    .and_then(::serde_json::Value::as_f64)
                    .is_some_and(|status| {
                        status.fract() == 0.0 && (400.0..=599.0).contains(&status)
                    })
                    || object
                        .get("type")
                        .and_then(::serde_json::Value::as_str)
                        .is_some_and(|uri| uri.starts_with(PROBLEM_BASE)));
        ::core::result::Result::Ok(problem.then(|| read_problem(object)))
    }

    /// Reads a problem document (never fails: one with neither a `code` nor
    /// a `type` of this API is an unknown error).
    pub(super) fn read_object(
        object: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    ) -> ::core::result::Result<ApiError, ::std::string::String> {
        ::core::result::Result::Ok(read_problem(object))
    }

    /// The code is the `code` member if it is a code, else the code that
    /// what follows [`PROBLEM_BASE`] in `type` spells, else the code the whole
    /// `type` spells, else the `type` itself (`about:blank` when missing) as
    /// an unknown code. The message is `detail`, else a known code's
    /// default, else `title`. `code` and `detail` are not kept in `members`.
    fn read_problem(
        mut members: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    ) -> ApiError {
        let uri = members
            .get("type")
            .and_then(::serde_json::Value::as_str)
            .unwrap_or("about:blank")
            .to_owned();
        let spelled = uri
            .strip_prefix(PROBLEM_BASE)
            .and_then(code_in_text)
            .or_else(|| code_in_text(&uri));
        let code = match members
            .remove("code")
            .as_ref()
            .and_then(wire_code)
            .or(spelled)
        {
            ::core::option::Option::Some(code) => Code::from(code.as_str()),
            ::core::option::Option::None => Code::Unknown(uri),
        };
        let message = match members.remove("detail") {
            ::core::option::Option::Some(::serde_json::Value::String(detail)) => detail,
            _ => {
                let title = members
                    .get("title")
                    .and_then(::serde_json::Value::as_str)
                    .unwrap_or_default();
                default_message(&code, &members, title)
            }
        };
        ApiError {
            code,
            message,
            members,
        }
    }

    /// The code `text` spells, if it spells one of this API's type: an
    /// integer in decimal digits without leading zeros, or a string code (an
    /// ASCII letter, then letters, digits, `_`, `.` or `-`).
    fn code_in_text(text: &str) -> ::core::option::Option<::std::string::String> {
        if super::CODES_ARE_INTEGERS {
            text.parse::<u64>()
                .ok()
                .filter(|n| n.to_string() == text)
                .and_then(|n| wire_code(&n.into()))
        } else {
            let code = text.starts_with(|c: char| c.is_ascii_alphabetic())
                && text
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            code.then(|| text.to_owned())
        }
    }

    /// Writes the problem members of `error` to `map`: `type`, `title` and
    /// `status` as received (unless null), else as the spec has them for a
    /// known code; `detail`, the message; `code`. Returns the names written.
    pub(super) fn write_object<M: ::serde::ser::SerializeMap>(
        error: &ApiError,
        map: &mut M,
    ) -> ::core::result::Result<::std::vec::Vec<&'static str>, M::Error> {
        let known = error.code.known();
        let member = |name: &str| error.members.get(name).filter(|value| !value.is_null());
        let mut written = ::std::vec::Vec::with_capacity(5);
        match (member("type"), known) {
            (::core::option::Option::Some(uri), _) => map.serialize_entry("type", uri)?,
            (::core::option::Option::None, ::core::option::Option::Some(code)) => {
                map.serialize_entry("type", &format!("{PROBLEM_BASE}{}", code.as_str()))?
            }
            (::core::option::Option::None, ::core::option::Option::None) => {
                map.serialize_entry("type", "about:blank")?
            }
        }
        written.push("type");
        match (member("title"), known) {
            (::core::option::Option::Some(title), _) => map.serialize_entry("title", title)?,
            (::core::option::Option::None, ::core::option::Option::Some(code)) => {
                map.serialize_entry("title", code.info().summary)?
            }
            (::core::option::Option::None, ::core::option::Option::None) => {}
        }
        if member("title").is_some() || known.is_some() {
            written.push("title");
        }
        match (member("status"), known) {
            (::core::option::Option::Some(status), _) => map.serialize_entry("status", status)?,
            (::core::option::Option::None, ::core::option::Option::Some(code)) => {
                map.serialize_entry("status", &code.status())?
            }
            (::core::option::Option::None, ::core::option::Option::None) => {}
        }
        if member("status").is_some() || known.is_some() {
            written.push("status");
        }
        map.serialize_entry("detail", &error.message)?;
        map.serialize_entry("code", &error.code)?;
        written.extend(["detail", "code"]);
        ::core::result::Result::Ok(written)
    }
}

// errspec: retry_types
/// How delays between retries are randomized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(dead_code)]
pub enum Jitter {
    /// Wait exactly the computed delay.
    None,
    /// Wait a uniformly random time from zero to the computed delay.
    Full,
}

/// How clients retry retryable errors: exponential backoff, capped.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(dead_code)]
pub struct RetryPolicy {
    /// Retries after the first try (so at most `max_retries + 1` tries).
    pub max_retries: u32,
    /// The delay before the first retry.
    pub initial_delay: ::core::time::Duration,
    /// Each further delay is the previous one times this (at least 1).
    pub multiplier: f64,
    /// The cap on any one delay.
    pub max_delay: ::core::time::Duration,
    /// How delays are randomized.
    pub jitter: Jitter,
}

// errspec: template
#[allow(dead_code)]
impl RetryPolicy {
    /// The spec's policy.
    pub const DEFAULT: RetryPolicy = RetryPolicy {
        max_retries: 3,
        initial_delay: ::core::time::Duration::from_millis(1000),
        multiplier: 2.0,
        max_delay: ::core::time::Duration::from_millis(30000),
        jitter: Jitter::None,
    };

    // errspec: retry_methods
    /// The delay before retry number `retry + 1` (so `0` gives the first
    /// delay), in whole milliseconds, before jitter: the initial delay times
    /// `multiplier` once per earlier retry, capped at `max_delay`.
    pub fn delay_for_retry(&self, retry: u32) -> ::core::time::Duration {
        let cap = self.max_delay.as_millis() as f64;
        let mut delay = (self.initial_delay.as_millis() as f64).min(cap);
        for _ in 0..retry {
            if delay >= cap || self.multiplier <= 1.0 {
                break;
            }
            delay = (delay * self.multiplier).min(cap);
        }
        ::core::time::Duration::from_millis(delay as u64)
    }

    /// How long to wait before retry number `retry + 1`: the `Retry-After`
    /// wait the server asked for if any, else [`delay_for_retry`](Self::delay_for_retry),
    /// never longer than `max_delay`. Apply jitter to the latter only.
    pub fn wait_for_retry(
        &self,
        retry: u32,
        retry_after: ::core::option::Option<::core::time::Duration>,
    ) -> ::core::time::Duration {
        match retry_after {
            ::core::option::Option::Some(wait) => wait.min(self.max_delay),
            ::core::option::Option::None => self.delay_for_retry(retry),
        }
    }

    /// A `Retry-After` header's wait from `now`: whole seconds, or an HTTP
    /// date (`Sun, 06 Nov 1994 08:49:37 GMT`), a past date being no wait.
    pub fn parse_retry_after(
        value: &str,
        now: ::std::time::SystemTime,
    ) -> ::core::option::Option<::core::time::Duration> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            return ::core::option::Option::Some(::core::time::Duration::from_secs(
                value.parse().unwrap_or(u64::MAX),
            ));
        }
        let parts: ::std::vec::Vec<&str> = value.split_whitespace().collect();
        let [_, day, month, year, time, "GMT"] = parts[..] else {
            return ::core::option::Option::None;
        };
        if year.len() != 4 {
            return ::core::option::Option::None;
        }
        let month = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        .iter()
        .position(|name| *name == month)? as i64
            + 1;
        let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
        let mut clock = time.split(':').map(|part| part.parse::<i64>().ok());
        let (hours, minutes, seconds) = (clock.next()??, clock.next()??, clock.next()??);
        if clock.next().is_some()
            || !(1..=31).contains(&day)
            || hours > 23
            || minutes > 59
            || seconds > 60
        {
            return ::core::option::Option::None;
        }
        // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        let then = days * 86_400 + hours * 3600 + minutes * 60 + seconds;
        let now = now.duration_since(::std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
        ::core::option::Option::Some(::core::time::Duration::from_secs((then - now).max(0) as u64))
    }

    /// `delay` after jitter, given `random` drawn uniformly from `[0, 1)`:
    /// unchanged for [`Jitter::None`], scaled by `random` for [`Jitter::Full`].
    pub fn apply_jitter(
        &self,
        delay: ::core::time::Duration,
        random: f64,
    ) -> ::core::time::Duration {
        match self.jitter {
            Jitter::None => delay,
            Jitter::Full => delay.mul_f64(random.clamp(0.0, 1.0)),
        }
    }

    // errspec: template
}

// errspec: retry_default
impl ::core::default::Default for RetryPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

// errspec: template
/// The fields every error may carry: none in this stand-in spec.
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(default)]
#[allow(dead_code)]
pub struct SharedFields {}

#[allow(dead_code)]
impl SharedFields {
    /// The wire names of the shared fields, separated by spaces.
    pub const NAMES: &'static str = "";
}

// errspec: template
/// How this API's errors travel on the wire, as its spec names the format:
/// `envelope`, `error-object` or `problem`.
#[allow(dead_code)]
pub const FORMAT: &str = "envelope";

/// Whether this API's codes are integers on the wire (else strings).
const CODES_ARE_INTEGERS: bool = false;

/// The start of every code's problem `type` URI: the code follows it.
#[allow(dead_code)]
pub const PROBLEM_BASE: &str = "https://errors.example.com/";

use envelope_format as wire_format;
