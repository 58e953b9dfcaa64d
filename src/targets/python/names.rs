//! Python identifiers of a code, the package name, and the words they must
//! not take. A leaf: the spec and the model read it; it depends only on heck
//! and the shared naming rules.

use heck::ToSnakeCase;
use serde::Serialize;

use crate::targets::naming::{
    CodeWords, Reserved, ReservedNames, exception_class, name_slug, unreserved,
};

/// A code's Python identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// Exception class, e.g. `RateLimitedError`.
    pub class: String,
    /// `ErrorCode` enum member, e.g. `RATE_LIMITED`.
    pub member: String,
}

pub(crate) fn names(words: &CodeWords) -> Names {
    Names {
        class: unreserved(exception_class(words), &RESERVED),
        member: unreserved(words.shouty.clone(), &RESERVED),
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

/// A field's attribute (and keyword argument) name: the snake_case of its
/// wire name, e.g. `top_up_url`, with `_` appended when it is a keyword, a
/// builtin (an annotation in the class must still mean the builtin), or an
/// attribute every error has (`retry_after_`).
pub(crate) fn field(wire: &str) -> String {
    let name = wire.to_snake_case();
    if ERROR_ATTRIBUTES.contains(&name.as_str()) {
        return name + "_";
    }
    unreserved(name, &RESERVED)
}

/// What every error object has: `ApiError`'s attributes and methods, its
/// constructor's parameters (`self` among them), and `Exception`'s.
const ERROR_ATTRIBUTES: &[&str] = &[
    "add_note",
    "args",
    "code",
    "default_code",
    "doc_url",
    "extra",
    "members",
    "message",
    "retry_after",
    "retryable",
    "self",
    "status",
    "to_dict",
    "to_response",
    "with_traceback",
];

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

/// What is wrong with `name` as the package's import name, if anything: it
/// must be lowercase ASCII letters, digits and `_` starting with a letter, at
/// most 64 characters, and neither a name Python or the generated module
/// uses, a standard-library module (it would shadow it), nor a Windows
/// device name (no such folder can be made there).
pub(crate) fn package_name_problem(name: &str) -> Option<String> {
    let lowercase = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) || !lowercase {
        return Some(
            "a package name is lowercase ASCII letters, digits and `_`, starting with a letter"
                .into(),
        );
    }
    if name.len() > MAX_PACKAGE_LENGTH {
        return Some(format!(
            "a package name has at most {MAX_PACKAGE_LENGTH} characters"
        ));
    }
    if STDLIB_MODULES.binary_search(&name).is_ok() {
        return Some(format!(
            "`{name}` is a module of Python's standard library, which the package would shadow"
        ));
    }
    if is_windows_device(name) {
        return Some(format!(
            "`{name}` is a device name on Windows, where no folder can have it"
        ));
    }
    if RESERVED.holds(name) {
        return Some(format!(
            "`{name}` is a Python keyword, builtin or name of the generated module"
        ));
    }
    None
}

/// `con`, `prn`, `aux`, `nul`, `com0`..`com9` and `lpt0`..`lpt9`, which
/// Windows reserves in any case and with any extension.
fn is_windows_device(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let stem = name.split('.').next().unwrap_or_default();
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// Top-level modules of Python's standard library, 3.9 to 3.13 (`sys.stdlib_module_names`
/// of 3.10 to 3.13, and 3.9's own modules), those a package name could spell: a package of
/// one of these names would shadow the module or be shadowed by it.
const STDLIB_MODULES: &[&str] = &[
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "binhex",
    "bisect",
    "builtins",
    "bz2",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "formatter",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "parser",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symbol",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "test",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "xxlimited",
    "xxsubtype",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// Names a generated identifier must not take: keywords (soft ones too),
/// every builtin (so `TypeError` is never shadowed), and what the generated
/// module defines or imports.
static RESERVED: ReservedNames = ReservedNames::new(&[
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
    "AnyErrorCode",
    "Union",
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
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(code: &str) -> Names {
        names(&CodeWords::of(code))
    }

    #[test]
    fn package_names_avoid_the_standard_library_and_windows_devices() {
        assert_eq!(package_name_problem("nanobanana_errors"), None);
        for shadowing in [
            "typing",
            "collections",
            "re",
            "os",
            "sys",
            "site",
            "abc",
            "builtins",
            "json",
        ] {
            let problem = package_name_problem(shadowing).unwrap();
            assert!(
                problem.contains("standard library"),
                "{shadowing}: {problem}"
            );
        }
        for device in ["con", "nul", "aux", "prn", "com1", "lpt9"] {
            assert!(
                package_name_problem(device).unwrap().contains("Windows"),
                "{device}"
            );
        }
        assert!(package_name_problem("class").unwrap().contains("keyword"));
        assert!(package_name_problem("Bad").unwrap().contains("lowercase"));
        assert!(
            STDLIB_MODULES.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted for binary search"
        );
    }

    #[test]
    fn classes_get_one_error_suffix_and_avoid_builtins() {
        assert_eq!(names_of("RATE_LIMITED").class, "RateLimitedError");
        assert_eq!(names_of("VALIDATION_ERROR").class, "ValidationError");
        assert_eq!(names_of("TYPE").class, "TypeError_");
        assert_eq!(names_of("IMPORT_ERROR").class, "ImportError_");
        assert_eq!(names_of("API_ERROR").class, "ApiError_");
        assert_eq!(names_of("ERROR").class, "Error");
        assert_eq!(
            names_of("MALFORMED_RESPONSE").class,
            "MalformedResponseError_"
        );
        assert_eq!(names_of("RETRY_POLICY").class, "RetryPolicyError");
    }

    #[test]
    fn fields_are_snake_case_and_avoid_what_errors_have() {
        assert_eq!(field("topUpUrl"), "top_up_url");
        assert_eq!(field("class"), "class_");
        assert_eq!(field("None"), "none");
        assert_eq!(field("list"), "list_");
        assert_eq!(field("retryAfter"), "retry_after_");
        assert_eq!(field("extra"), "extra_");
    }

    #[test]
    fn members_are_shouty_snake_case() {
        assert_eq!(names_of("not-found").member, "NOT_FOUND");
        assert_eq!(names_of("v2.Error").member, "V2_ERROR");
        assert_eq!(names_of("class").member, "CLASS");
    }
}
