//! Python: naming rules and reserved words.
//!
//! The Python handler module itself is rendered by a later target; the names
//! are resolved now because a spec is invalid when two codes collide in *any*
//! language, and every target must agree on them.

use heck::ToShoutySnakeCase;
use serde::Serialize;

use super::{exception_class, unreserved};

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
    // defined or imported by the generated module
    "ApiError",
    "ErrorCode",
    "RetryPolicy",
    "DEFAULT_RETRY_POLICY",
    "Enum",
    "Any",
    "Awaitable",
    "Callable",
    "Mapping",
    "Optional",
    "TypeVar",
    "Union",
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
    }

    #[test]
    fn members_are_shouty_snake_case() {
        assert_eq!(names("not-found").member, "NOT_FOUND");
        assert_eq!(names("v2.Error").member, "V2_ERROR");
        assert_eq!(names("class").member, "CLASS");
    }
}
