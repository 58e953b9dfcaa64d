//! TypeScript identifiers of a code, the npm package name, and the words
//! they must not take. A leaf: the spec and the model read it; it depends
//! only on heck and the shared naming rules.

use serde::Serialize;

use crate::targets::naming::{CodeWords, ReservedNames, exception_class, name_slug, unreserved};

/// A code's TypeScript identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// Error class, e.g. `RateLimitedError`.
    pub class: String,
    /// Key in the `ErrorCode` const object, e.g. `RATE_LIMITED`.
    pub key: String,
}

pub(crate) fn names(words: &CodeWords) -> Names {
    Names {
        class: unreserved(exception_class(words), &RESERVED),
        key: words.shouty.clone(),
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

/// A field's property name on an error: its wire name, with `_` appended
/// when every error already has a member of that name (`name_`, `cause_`).
pub(crate) fn field(wire: &str) -> String {
    unreserved(wire.to_owned(), ERROR_MEMBERS)
}

/// What every error object has: `ApiError`'s members, `Error`'s and `Object`'s.
const ERROR_MEMBERS: &[&str] = &[
    "cause",
    "code",
    "constructor",
    "docUrl",
    "extra",
    "hasOwnProperty",
    "httpStatus",
    "isPrototypeOf",
    "members",
    "message",
    "name",
    "propertyIsEnumerable",
    "retryAfter",
    "retryable",
    "stack",
    "status",
    "toJSON",
    "toHttpResponse",
    "toLocaleString",
    "toResponse",
    "toString",
    "valueOf",
];

/// The npm package name: `configured` (the spec's `typescript.package`),
/// else the API's name in kebab-case (see [`name_slug`]) plus `-errors`.
pub(crate) fn package_name(api_name: &str, configured: Option<&str>) -> String {
    if let Some(package) = configured {
        return package.to_owned();
    }
    name_slug(api_name, '-').map_or_else(|| "api-errors".to_owned(), |slug| slug + "-errors")
}

/// What is wrong with `name` as the npm package's name, if anything, by the
/// rules npm applies to new packages (those of `validate-npm-package-name`).
pub(crate) fn package_name_problem(name: &str) -> Option<String> {
    let bare = name
        .strip_prefix('@')
        .and_then(|rest| rest.split_once('/'))
        .map_or(name, |(_, package)| package);
    let problem = if name.is_empty() {
        "a package name cannot be empty"
    } else if name.len() > 214 {
        "a package name has at most 214 characters"
    } else if name.starts_with('.') || name.starts_with('_') {
        "a package name cannot start with `.` or `_`"
    } else if name.trim() != name {
        "a package name cannot have leading or trailing spaces"
    } else if name.chars().any(|c| c.is_ascii_uppercase()) {
        "a package name cannot contain capital letters"
    } else if name.contains(['~', '\'', '!', '(', ')', '*']) {
        "a package name cannot contain `~'!()*`"
    } else if !url_safe(name) {
        "a package name is URL-safe: lowercase letters, digits, `-`, `.` and `_`, \
         optionally under a scope (`@scope/name`)"
    } else if ["node_modules", "favicon.ico"].contains(&bare) {
        return Some(format!("npm does not allow `{bare}` as a package name"));
    } else if NODE_BUILTINS.contains(&name) {
        return Some(format!("`{name}` is a Node.js built-in module"));
    } else {
        return None;
    };
    Some(problem.to_owned())
}

/// Whether `name` is a bare or `@scope/`d name of URL-safe characters.
fn url_safe(name: &str) -> bool {
    let part = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_')
            })
    };
    match name.strip_prefix('@').map(|rest| rest.split_once('/')) {
        Some(Some((scope, package))) => part(scope) && part(package),
        Some(None) => false,
        None => part(name),
    }
}

/// Node.js's built-in modules (`require("module").builtinModules` of Node 20,
/// those a package name could spell), which npm refuses as package names.
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string_decoder",
    "sys",
    "timers",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// Names a generated class must not take: reserved words, the standard
/// globals the module uses or a reader expects (`Error`, `TypeError`, ...),
/// and what the generated module itself defines.
static RESERVED: ReservedNames = ReservedNames::new(&[
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
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(code: &str) -> Names {
        names(&CodeWords::of(code))
    }

    #[test]
    fn package_names_follow_npm_rules() {
        for good in ["nanobanana-errors", "@acme/api-errors", "a.b_c", "0day"] {
            assert_eq!(package_name_problem(good), None, "{good}");
        }
        for (bad, rule) in [
            ("", "empty"),
            (".hidden", "start with"),
            ("_private", "start with"),
            (" padded", "spaces"),
            ("Caps", "capital"),
            ("wow!", "~'!()*"),
            ("a b", "URL-safe"),
            ("@scope", "URL-safe"),
            ("node_modules", "does not allow"),
            ("favicon.ico", "does not allow"),
            ("http", "built-in"),
            ("fs", "built-in"),
        ] {
            let problem = package_name_problem(bad).unwrap_or_default();
            assert!(problem.contains(rule), "{bad:?}: {problem}");
        }
        assert!(
            package_name_problem(&"a".repeat(215))
                .unwrap()
                .contains("214")
        );
    }

    #[test]
    fn fields_keep_wire_names_unless_errors_have_them() {
        assert_eq!(field("topUpUrl"), "topUpUrl");
        assert_eq!(field("max_length"), "max_length");
        assert_eq!(field("class"), "class");
        assert_eq!(field("constructor"), "constructor_");
        assert_eq!(field("name"), "name_");
    }

    #[test]
    fn classes_avoid_globals_and_module_names() {
        assert_eq!(names_of("RATE_LIMITED").class, "RateLimitedError");
        assert_eq!(names_of("ERROR").class, "Error_");
        assert_eq!(names_of("TYPE").class, "TypeError_");
        assert_eq!(names_of("API_ERROR").class, "ApiError_");
        assert_eq!(names_of("INTERNAL_ERROR").class, "InternalError");
        assert_eq!(
            names_of("MALFORMED_RESPONSE").class,
            "MalformedResponseError_"
        );
    }
}
