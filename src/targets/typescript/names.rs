//! TypeScript identifiers of a code, the npm package name, and the words
//! they must not take. A leaf: the spec and the model read it; it depends
//! only on heck and the shared naming rules.

use heck::ToShoutySnakeCase;
use serde::Serialize;

use crate::targets::naming::{exception_class, name_slug, unreserved};

/// A code's TypeScript identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// Error class, e.g. `RateLimitedError`.
    pub class: String,
    /// Key in the `ErrorCode` const object, e.g. `RATE_LIMITED`.
    pub key: String,
}

pub(crate) fn names(code: &str) -> Names {
    Names {
        class: unreserved(exception_class(code), RESERVED),
        key: code.to_shouty_snake_case(),
    }
}

impl Names {
    /// Each identifier with what it is, for the collision check.
    pub(crate) fn identifiers(&self) -> [(&'static str, &str); 2] {
        [
            ("TypeScript class", &self.class),
            ("TypeScript `ErrorCode` key", &self.key),
        ]
    }
}

/// The npm package name: `configured` (the spec's `typescript.package`),
/// else the API's name in kebab-case (see [`name_slug`]) plus `-errors`.
pub(crate) fn package_name(api_name: &str, configured: Option<&str>) -> String {
    if let Some(package) = configured {
        return package.to_owned();
    }
    name_slug(api_name, '-').map_or_else(|| "api-errors".to_owned(), |slug| slug + "-errors")
}

/// Whether `name` can be the npm package's name: lowercase, optionally
/// `@scope/`, URL-safe characters, at most 214 characters.
pub(crate) fn is_package_name(name: &str) -> bool {
    let part = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_')
            })
    };
    name.len() <= 214
        && match name.strip_prefix('@').map(|rest| rest.split_once('/')) {
            Some(Some((scope, package))) => part(scope) && part(package),
            Some(None) => false,
            None => part(name),
        }
}

/// Names a generated class must not take: reserved words, the standard
/// globals the module uses or a reader expects (`Error`, `TypeError`, ...),
/// and what the generated module itself defines.
const RESERVED: &[&str] = &[
    // reserved words, strict-mode and TypeScript contextual keywords
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "any",
    "boolean",
    "never",
    "number",
    "object",
    "string",
    "symbol",
    "undefined",
    "unknown",
    "bigint",
    "type",
    // standard globals
    "AggregateError",
    "Array",
    "ArrayBuffer",
    "BigInt",
    "Boolean",
    "DOMException",
    "DataView",
    "Date",
    "Error",
    "EvalError",
    "Function",
    "Headers",
    "Infinity",
    "JSON",
    "Map",
    "Math",
    "NaN",
    "Number",
    "Object",
    "Promise",
    "Proxy",
    "RangeError",
    "ReferenceError",
    "Reflect",
    "RegExp",
    "Request",
    "Response",
    "Set",
    "String",
    "Symbol",
    "SyntaxError",
    "TypeError",
    "URIError",
    "WeakMap",
    "WeakSet",
    "AbortController",
    "AbortSignal",
    "globalThis",
    // defined by the generated module
    "ApiError",
    "ApiErrorOptions",
    "ErrorCode",
    "ERROR_INFO",
    "ErrorInfo",
    "MalformedResponseError",
    "MALFORMED_RESPONSE",
    "RetryPolicy",
    "RetryOptions",
    "DEFAULT_RETRY_POLICY",
    "AbortSignalLike",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_avoid_globals_and_module_names() {
        assert_eq!(names("RATE_LIMITED").class, "RateLimitedError");
        assert_eq!(names("ERROR").class, "Error_");
        assert_eq!(names("TYPE").class, "TypeError_");
        assert_eq!(names("API_ERROR").class, "ApiError_");
        assert_eq!(names("INTERNAL_ERROR").class, "InternalError");
        assert_eq!(names("MALFORMED_RESPONSE").class, "MalformedResponseError_");
    }
}
