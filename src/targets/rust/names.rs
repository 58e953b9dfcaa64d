//! Rust identifiers of a code, and the words they must not take. A leaf:
//! the spec and the model read it; it depends only on heck and the shared
//! naming rules.

use heck::ToSnakeCase;
use serde::Serialize;

use crate::targets::naming::{CodeWords, ReservedNames, unreserved};

/// A code's Rust identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// `ErrorCode` variant, e.g. `RateLimited`.
    pub variant: String,
}

pub(crate) fn names(words: &CodeWords) -> Names {
    Names {
        variant: unreserved(words.camel.clone(), &RESERVED),
    }
}

impl Names {
    /// Each identifier with what it is, for the collision check.
    pub(crate) fn identifiers(&self) -> [(&'static str, &str); 1] {
        [("Rust enum variant", &self.variant)]
    }
}

/// A field's Rust name: the snake_case of its wire name, e.g. `top_up_url`,
/// with `_` appended to a keyword (`type_`, `self_`).
pub(crate) fn field(wire: &str) -> String {
    unreserved(wire.to_snake_case(), &RESERVED)
}

/// Names a variant must not take: `ALL`, which `ErrorCode` defines as an
/// associated constant (heck turns `A_L_L` into `ALL`), and `INFO`, which it
/// once did (kept, so that no variant's name changes between versions); the
/// prelude's and serde_json's names that `mod fields`, where each code's
/// fields struct is named like its variant, uses unqualified; and Rust's
/// strict, reserved and weak keywords, of which UpperCamelCase can only
/// produce `Self` (the rest keep the rule honest if that changes).
static RESERVED: ReservedNames = ReservedNames::new(&[
    "ALL", "INFO", "Default", "From", "Into", "Option", "Some", "String", "Value", "Vec", "Self",
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(code: &str) -> Names {
        names(&CodeWords::of(code))
    }

    #[test]
    fn keywords_and_acronyms() {
        assert_eq!(names_of("SELF").variant, "Self_");
        assert_eq!(names_of("self").variant, "Self_");
        assert_eq!(names_of("API_ERROR").variant, "ApiError");
        assert_eq!(names_of("not-found").variant, "NotFound");
        assert_eq!(names_of("A_L_L").variant, "ALL_");
        assert_eq!(names_of("I_N_F_O").variant, "INFO_");
        assert_eq!(names_of("ALL").variant, "All");
    }

    #[test]
    fn fields_are_snake_case_and_avoid_keywords() {
        assert_eq!(field("topUpUrl"), "top_up_url");
        assert_eq!(field("max_length"), "max_length");
        assert_eq!(field("Self"), "self_");
        assert_eq!(field("loop"), "loop_");
        assert_eq!(field("HTTPStatus"), "http_status");
    }
}
