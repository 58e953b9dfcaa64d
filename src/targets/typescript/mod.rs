//! TypeScript: naming rules and reserved words.
//!
//! The TypeScript handler module itself is rendered by a later target; the
//! names are resolved now because a spec is invalid when two codes collide in
//! *any* language, and every target must agree on them.

use heck::ToShoutySnakeCase;
use serde::Serialize;

use super::{exception_class, unreserved};

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
    "ErrorCode",
    "ERROR_INFO",
    "RetryPolicy",
    "DEFAULT_RETRY_POLICY",
    "ErrorInfo",
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
    }
}
