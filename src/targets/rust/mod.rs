//! Rust: escaping, and rendering `rust/errors.rs` (names are in [`names`]).
//!
//! The output depends only on `serde` (with `derive`) and std, and can be
//! `include!`d at a crate root or inside a `mod { }`: it has no inner
//! attributes and names std items by full path.

pub mod names;
mod per_code;

use std::borrow::Cow;
use std::path::Path;

use super::{Emit, environment, runtime, template, write_with_parts};
use crate::model::{Model, ModelError};
use crate::spec::{FieldType, Scalar};
use crate::text::{must_escape, plain_ascii};

pub(crate) fn render(model: &Model<'_>, emit: Emit<'_>) -> Result<(), minijinja::Error> {
    let mut env = environment();
    env.add_filter("rust_str", |s: &str| string_literal(s));
    env.add_filter("rust_comment", |s: &str| comment_text(s));
    env.add_filter("rust_f64", |f: f64| float_literal(f));
    env.add_filter("rust_bool", |b: bool| b.to_string());
    env.add_filter("rust_const", |head: &str, value: &str, indent: usize| {
        definition(head, value, indent)
    });

    env.add_template("errors.rs", template!("rust/errors.rs.jinja"))?;
    env.add_template("axum.rs", template!("rust/axum.rs.jinja"))?;
    emit(Path::new("rust/errors.rs"), &mut |out| {
        let context = minijinja::context! {
            model => model.template_value(),
            runtime => runtime::parts(template!("rust/runtime.rs"), "//"),
        };
        let template = env.get_template("errors.rs")?;
        write_with_parts(out, &template, context, &per_code::parts(model))
    })?;
    if model.spec.adapters.axum {
        emit(Path::new("rust/axum.rs"), &mut |out| {
            out.push_str(&env.get_template("axum.rs")?.render(minijinja::context! {
                model => model.template_value(),
            })?);
            Ok(())
        })?;
    }
    Ok(())
}

/// rustfmt's default line width.
const MAX_WIDTH: usize = 100;

/// A Rust string literal, quotes included, whose value is exactly `s`.
///
/// The literal is ASCII: anything else is written as `\u{..}`. That keeps
/// line widths exact (rustfmt counts East Asian characters as two columns),
/// so [`string_field`] can lay out literals the way rustfmt would.
pub(crate) fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    if plain_ascii(s, b"\"\\") {
        out.push_str(s);
    } else {
        for c in s.chars() {
            out.push_str(&escape_char(c));
        }
    }
    out.push('"');
    out
}

/// Printable ASCII, from which [`escape_char`] lends a character as itself.
const PRINTABLE: &str = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

fn escape_char(c: char) -> Cow<'static, str> {
    match c {
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t".into(),
        // Not `\0`: followed by a digit it would read as an octal escape.
        '\0' => "\\x00".into(),
        ' '..='~' => {
            let at = c as usize - ' ' as usize;
            PRINTABLE[at..=at].into()
        }
        c => format!("\\u{{{:x}}}", u32::from(c)).into(),
    }
}

/// `name: "literal"` for a struct field at `indent` spaces that the template
/// follows with a comma, laid out so rustfmt (style editions 2021 and 2024
/// alike) leaves it as it is: on one line when that fits in 100 columns,
/// else as one literal continued over lines with `\` line breaks.
pub(crate) fn string_field(s: &str, name: &str, indent: usize) -> String {
    let literal = string_literal(s);
    // `<`, not `<=`: the template's comma takes the last column.
    if indent + name.len() + 2 + literal.len() < MAX_WIDTH {
        let mut field = String::with_capacity(name.len() + 2 + literal.len());
        field.push_str(name);
        field.push_str(": ");
        field.push_str(&literal);
        return field;
    }
    let continuation = " ".repeat(indent + 4);
    let mut out = format!("{name}: \"");
    let mut width = indent + out.len();
    for c in s.chars() {
        let mut piece = escape_char(c);
        // Two columns stay free for the `\` that may end this line and the
        // closing `"` plus the template's `,` that may follow the last piece.
        if width + piece.len() + 2 > MAX_WIDTH {
            out.push_str("\\\n");
            out.push_str(&continuation);
            width = continuation.len();
            if piece == " " {
                // A line continuation swallows the next line's leading spaces.
                piece = "\\x20".into();
            }
        }
        width += piece.len();
        out.push_str(&piece);
    }
    out.push('"');
    out
}

/// `s` as the text of a `//` or `///` comment line: hidden characters shown
/// as `\u{..}`, so nothing can end the comment or reorder how code reads.
pub(crate) fn comment_text(s: &str) -> String {
    if plain_ascii(s, b"") {
        return s.to_owned();
    }
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
    let longest_backticks = if s.contains('`') {
        s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
    } else {
        0
    };
    let fence = "`".repeat(3.max(longest_backticks + 1));
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(s.len() + 2 * (indent + 16));
    let mut push_line = |text: &str| {
        out.push_str(&pad);
        out.push_str("///");
        if !text.is_empty() {
            out.push(' ');
            out.push_str(text);
        }
        out.push('\n');
    };
    push_line(&format!("{fence}text"));
    for line in s.trim_end().split('\n') {
        push_line(comment_text(line).trim_end());
    }
    push_line(&fence);
    out.pop();
    out
}

/// The Rust type of a field of type `ty`, wrapped in `Option`: with full
/// paths (`paths`) for the crate's top level, else with the names
/// `mod fields` has in scope.
fn field_type(ty: FieldType, paths: bool) -> String {
    let (scalar, list) = ty.parts();
    let element = match (scalar, paths) {
        (Scalar::String, true) => "::std::string::String",
        (Scalar::String, false) => "String",
        (Scalar::Integer, _) => "i64",
        (Scalar::Number, _) => "f64",
        (Scalar::Boolean, _) => "bool",
        (Scalar::Json, true) => "::serde_json::Value",
        (Scalar::Json, false) => "Value",
    };
    let inner = match (list, paths) {
        (true, true) => format!("::std::vec::Vec<{element}>"),
        (true, false) => format!("Vec<{element}>"),
        (false, _) => element.to_owned(),
    };
    if paths {
        format!("::core::option::Option<{inner}>")
    } else {
        format!("Option<{inner}>")
    }
}

/// A constructor parameter for a required field: `name: impl Into<T>`, or
/// `name: Vec<T>` for a list.
fn param(name: &str, ty: FieldType) -> String {
    let inner = field_type(ty, false);
    let inner = &inner["Option<".len()..inner.len() - 1];
    if inner.starts_with("Vec<") {
        format!("{name}: {inner}")
    } else {
        format!("{name}: impl Into<{inner}>")
    }
}

/// `pub name: type,` at `indent`, or split after the colon as rustfmt does
/// when it is longer than a line.
fn member(name: &str, ty: &str, indent: usize) -> String {
    definition(&format!("pub {name}:"), &format!("{ty},"), indent)
}

/// `head value` on one line when it fits, else `value` on the next line,
/// indented four more, as rustfmt lays out a long `const` or field type.
fn definition(head: &str, value: &str, indent: usize) -> String {
    if indent + head.len() + 1 + value.len() <= MAX_WIDTH {
        format!("{head} {value}")
    } else {
        format!("{head}\n{}{value}", " ".repeat(indent + 4))
    }
}

/// A fields struct's `new` at 8 spaces (in `impl` in `mod fields`): it
/// takes the required fields and leaves the optional ones `None`. Laid out
/// as rustfmt would.
fn constructor(error: &ModelError<'_>) -> String {
    let required: Vec<_> = error.fields.iter().filter(|f| f.def.required).collect();
    let params: Vec<String> = required
        .iter()
        .map(|f| param(&f.names.rust, f.def.ty))
        .collect();
    let mut out = signature("pub fn new", &params, " -> Self {", 8);
    let inits: Vec<String> = required
        .iter()
        .map(|f| {
            let name = &f.names.rust;
            if matches!(f.def.ty, FieldType::List(_)) {
                format!("{name}: Some({name})")
            } else {
                format!("{name}: Some({name}.into())")
            }
        })
        .collect();
    let has_optional = required.len() < error.fields.len();
    // rustfmt's `struct_lit_width`: a literal whose fields take at most 18
    // columns stays on one line.
    if inits.is_empty() {
        out.push_str("\n            Self::default()");
    } else if !has_optional && inits.len() == 1 && inits[0].len() <= 18 {
        out.push_str(&format!("\n            Self {{ {} }}", inits[0]));
    } else {
        out.push_str("\n            Self {");
        for init in &inits {
            let line = format!("{init},");
            if 16 + line.len() <= MAX_WIDTH {
                out.push_str(&format!("\n                {line}"));
            } else {
                // `name: Some(value),` with the value on a line of its own.
                let (head, value) = init.split_once(": Some(").expect("an init");
                let value = value.strip_suffix(')').expect("an init");
                out.push_str(&format!(
                    "\n                {head}: Some(\n                    {value},\n                ),"
                ));
            }
        }
        if has_optional {
            out.push_str("\n                ..Self::default()");
        }
        out.push_str("\n            }");
    }
    out.push_str("\n        }");
    out
}

/// A function signature `head(params)tail` at `indent`: on one line when
/// it fits, else one parameter a line, as rustfmt lays it out.
fn signature(head: &str, params: &[String], tail: &str, indent: usize) -> String {
    let line = format!("{head}({}){tail}", params.join(", "));
    if indent + line.len() <= MAX_WIDTH {
        return line;
    }
    let pad = " ".repeat(indent);
    let mut out = format!("{head}(\n");
    for param in params {
        out.push_str(&format!("{pad}    {param},\n"));
    }
    out.push_str(&format!("{pad}){tail}"));
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
        assert_eq!(string_literal("a\nb\r\t\0"), r#""a\nb\r\t\x00""#);
        assert_eq!(string_literal("\x001"), r#""\x001""#);
        assert_eq!(string_literal("x\u{202E}y\u{1b}"), r#""x\u{202e}y\u{1b}""#);
        assert_eq!(
            string_literal("{{ x }} */ ${y} 日本"),
            r#""{{ x }} */ ${y} \u{65e5}\u{672c}""#
        );
    }

    #[test]
    fn printable_lists_printable_ascii_in_order() {
        assert_eq!(PRINTABLE, (' '..='~').collect::<String>());
    }

    #[test]
    fn string_fields_fit_in_100_columns_or_continue_over_lines() {
        assert_eq!(string_field("short", "message", 12), r#"message: "short""#);
        let long = "word ".repeat(40) + "日本";
        let field = string_field(&long, "default_message", 12);
        let lines: Vec<&str> = field.lines().collect();
        assert!(lines.len() > 2, "{field}");
        let widths: Vec<usize> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| l.len() + if i == 0 { 12 } else { 0 })
            .collect();
        assert!(
            widths.iter().all(|&w| w < MAX_WIDTH),
            "room for the comma: {widths:?}\n{field}"
        );
        assert!(
            lines[..lines.len() - 1]
                .iter()
                .all(|line| line.ends_with('\\'))
        );
        assert!(
            lines[1..]
                .iter()
                .all(|line| line.starts_with("                ") && !line[16..].starts_with(' '))
        );
        assert!(field.ends_with(r#"\u{65e5}\u{672c}""#));
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
    fn floats_read_back_exactly() {
        assert_eq!(float_literal(2.0), "2.0");
        assert_eq!(float_literal(1.5), "1.5");
        assert_eq!(float_literal(0.1 + 0.2).parse::<f64>().unwrap(), 0.1 + 0.2);
    }
}
