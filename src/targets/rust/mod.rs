//! Rust: naming rules, keywords, escaping, and `rust/errors.rs`.
//!
//! The output depends only on `serde` (with `derive`) and std, and can be
//! `include!`d at a crate root or inside a `mod { }`: it has no inner
//! attributes and names std items by full path.

use std::path::PathBuf;

use heck::ToUpperCamelCase;
use serde::Serialize;

use super::{OutputFile, environment, render_template, unreserved};
use crate::model::Model;
use crate::text::must_escape;

/// A code's Rust identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// `ErrorCode` variant, e.g. `RateLimited`.
    pub variant: String,
}

pub(crate) fn names(code: &str) -> Names {
    Names {
        variant: unreserved(code.to_upper_camel_case(), KEYWORDS),
    }
}

/// Rust's strict, reserved and weak keywords. Variants are UpperCamelCase, so
/// only `Self` can actually occur; the rest keep the rule honest if that changes.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub(crate) fn render(model: &Model<'_>) -> Result<Vec<OutputFile>, minijinja::Error> {
    let mut env = environment();
    env.add_filter("rust_str", |s: &str| string_literal(s));
    env.add_filter("rust_doc", |s: &str, indent: usize| doc_comment(s, indent));
    env.add_filter("rust_comment", |s: &str| comment_text(s));
    env.add_filter("rust_f64", |f: f64| float_literal(f));
    env.add_filter("rust_bool", |b: bool| b.to_string());
    env.add_template("errors.rs", include_str!("errors.rs.jinja"))?;
    let contents = render_template(&env, "errors.rs", model)?;
    Ok(vec![OutputFile {
        path: PathBuf::from("rust/errors.rs"),
        contents,
    }])
}

/// A Rust string literal, quotes included, whose value is exactly `s`.
pub(crate) fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if must_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as the text of a `//` or `///` comment line: hidden characters shown
/// as `\u{..}`, so nothing can end the comment or reorder how code reads.
pub(crate) fn comment_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if must_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Spec text as `///` lines indented by `indent` spaces, inside a `text` code
/// fence: rustdoc shows it verbatim, so no Markdown in a spec can start a
/// doctest, a broken link or a clippy doc lint. Trailing white space is
/// dropped, as rustfmt would.
pub(crate) fn doc_comment(s: &str, indent: usize) -> String {
    let longest_backticks = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(3.max(longest_backticks + 1));
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}/// {fence}text\n");
    for line in s.trim_end().split('\n') {
        let line = comment_text(line);
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(&format!("{pad}///\n"));
        } else {
            out.push_str(&format!("{pad}/// {line}\n"));
        }
    }
    out.push_str(&format!("{pad}/// {fence}"));
    out
}

/// An `f64` literal that reads back as exactly `f` (`2.0`, `1.5`, `1e300`).
fn float_literal(f: f64) -> String {
    format!("{f:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_everything_that_could_break_out() {
        assert_eq!(
            string_literal(r#"say "hi" \ bye"#),
            r#""say \"hi\" \\ bye""#
        );
        assert_eq!(string_literal("a\nb\r\t\0"), r#""a\nb\r\t\0""#);
        assert_eq!(string_literal("x\u{202E}y\u{1b}"), r#""x\u{202e}y\u{1b}""#);
        assert_eq!(
            string_literal("{{ x }} */ ${y} 日本"),
            "\"{{ x }} */ ${y} 日本\""
        );
    }

    #[test]
    fn doc_comments_fence_markdown_and_hide_control_characters() {
        let doc = doc_comment("Use ```rust\nfn main() {}\n``` \tsafely\u{202E}  \n\n", 4);
        assert_eq!(
            doc,
            "    /// ````text\n    /// Use ```rust\n    /// fn main() {}\n    /// ```     safely\\u{202e}\n    /// ````"
        );
        assert_eq!(
            doc_comment("a\n\nb", 0),
            "/// ```text\n/// a\n///\n/// b\n/// ```"
        );
    }

    #[test]
    fn keywords_and_acronyms() {
        assert_eq!(names("SELF").variant, "Self_");
        assert_eq!(names("self").variant, "Self_");
        assert_eq!(names("API_ERROR").variant, "ApiError");
        assert_eq!(names("not-found").variant, "NotFound");
    }

    #[test]
    fn floats_read_back_exactly() {
        assert_eq!(float_literal(2.0), "2.0");
        assert_eq!(float_literal(1.5), "1.5");
        assert_eq!(float_literal(0.1 + 0.2).parse::<f64>().unwrap(), 0.1 + 0.2);
    }
}
