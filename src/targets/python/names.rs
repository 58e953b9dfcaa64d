//! Python identifiers of a code, the package name, and the words they must
//! not take. A leaf: the spec and the model read it; it depends only on heck
//! and the shared naming rules.

use heck::ToShoutySnakeCase;
use serde::Serialize;

use crate::targets::naming::{exception_class, name_slug, unreserved};

/// A code's Python identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// Exception class, e.g. `RateLimitedError`.
    pub class: String,
    /// `ErrorCode` enum member, e.g. `RATE_LIMITED`.
    pub member: String,
}

pub(crate) fn names(code: &str) -> Names {
    Names {
        class: unreserved(exception_class(code), RESERVED),
        member: unreserved(code.to_shouty_snake_case(), RESERVED),
    }
}

impl Names {
    /// Each identifier with what it is, for the collision check.
    pub(crate) fn identifiers(&self) -> [(&'static str, &str); 2] {
        [
            ("Python exception class", &self.class),
            ("Python enum member", &self.member),
        ]
    }
}

/// The package's import name: `configured` (the spec's `python.package`),
/// else the API's name in snake_case (see [`name_slug`]) plus `_errors`.
pub(crate) fn package_name(api_name: &str, configured: Option<&str>) -> String {
    if let Some(package) = configured {
        return package.to_owned();
    }
    name_slug(api_name, '_').map_or_else(|| "api_errors".to_owned(), |slug| slug + "_errors")
}

/// The longest package name a spec may give.
const MAX_PACKAGE_LENGTH: usize = 64;

/// Whether `name` can be the package's import name: lowercase ASCII, digits
/// and `_`, starting with a letter, and not a reserved name.
pub(crate) fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.len() <= MAX_PACKAGE_LENGTH
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name)
}

/// Names a generated identifier must not take: keywords (soft ones too),
/// every builtin (so `TypeError` is never shadowed), and what the generated
/// module defines or imports.
const RESERVED: &[&str] = &[
    // keyword.kwlist + keyword.softkwlist
    "False",
    "None",
    "True",
    "_",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "case",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "match",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "type",
    "while",
    "with",
    "yield",
    // dir(builtins), Python 3.9 to 3.13
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "PythonFinalizationError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    // pycodestyle's ambiguous names (E741)
    "I",
    "O",
    "l",
    // defined or imported by the generated module
    "ApiError",
    "ErrorCode",
    "MalformedResponseError",
    "RetryPolicy",
    "DEFAULT_RETRY_POLICY",
    "MALFORMED_RESPONSE",
    "Any",
    "Awaitable",
    "Callable",
    "ClassVar",
    "Final",
    "TypeVar",
    "NamedTuple",
    "asyncio",
    "enum",
    "json",
    "math",
    "random",
    "time",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_get_one_error_suffix_and_avoid_builtins() {
        assert_eq!(names("RATE_LIMITED").class, "RateLimitedError");
        assert_eq!(names("VALIDATION_ERROR").class, "ValidationError");
        assert_eq!(names("TYPE").class, "TypeError_");
        assert_eq!(names("IMPORT_ERROR").class, "ImportError_");
        assert_eq!(names("API_ERROR").class, "ApiError_");
        assert_eq!(names("ERROR").class, "Error");
        assert_eq!(names("MALFORMED_RESPONSE").class, "MalformedResponseError_");
        assert_eq!(names("RETRY_POLICY").class, "RetryPolicyError");
    }

    #[test]
    fn members_are_shouty_snake_case() {
        assert_eq!(names("not-found").member, "NOT_FOUND");
        assert_eq!(names("v2.Error").member, "V2_ERROR");
        assert_eq!(names("class").member, "CLASS");
    }
}
