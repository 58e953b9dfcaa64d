//! JSON values as block-style YAML that YAML 1.1 and 1.2 readers alike
//! parse back to the same value: every string is double-quoted with
//! escapes, keys are quoted unless they are plain words, and numbers are
//! written in forms both versions read as numbers.

use std::fmt::Write;

use serde_json::Value;

use super::{Json, Out};
use crate::text::must_escape;

/// Writes `document` (an object) to `out` as a YAML document.
pub(crate) fn write(out: &mut Out<'_>, document: &Json<'_>) {
    match document {
        Json::Value(value) => out.write(|text| write_document(text, value)),
        Json::Object(members) if !members.is_empty() => write_members(out, members, 0),
        _ => unreachable!("a document is an object, never a list made as written"),
    }
}

/// `value` (an object) as a YAML document.
#[cfg(test)]
fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    write_document(&mut out, value);
    out
}

fn write_document(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) if !map.is_empty() => write_map(out, map, 0, false),
        other => {
            write_scalar(out, other);
            out.push('\n');
        }
    }
}

/// Writes a document's members at `indent`, its per-code lists one item at
/// a time.
fn write_members(out: &mut Out<'_>, members: &[(String, Json<'_>)], indent: usize) {
    for (key, member) in members {
        out.write(|text| {
            write_indent(text, indent);
            write_key(text, key);
            text.push(':');
        });
        match member {
            Json::Value(value) => out.write(|text| write_value(text, value, indent)),
            Json::Object(members) if members.is_empty() => out.push_str(" {}\n"),
            Json::Object(members) => {
                out.push_str("\n");
                write_members(out, members, indent + 2);
            }
            Json::Items(items) => write_made(out, items(), " []\n", |text, item| {
                write_item(text, &item, indent + 2);
            }),
            Json::Members(members) => {
                write_made(out, members(), " {}\n", |text, (key, value)| {
                    write_entry(text, &key, &value, indent + 2);
                });
            }
        }
    }
}

/// Writes a list made as it is written: `empty` when it has nothing, else
/// each of `made` on lines of its own.
fn write_made<T>(
    out: &mut Out<'_>,
    made: impl Iterator<Item = T>,
    empty: &str,
    write: impl FnMut(&mut String, T),
) {
    let mut made = made.peekable();
    if made.peek().is_none() {
        out.push_str(empty);
    } else {
        out.push_str("\n");
        out.each(made, write);
    }
}

/// Writes `map`'s entries at `indent`; the first one continues the current
/// line when `inline` (after a list item's `- `).
fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize, inline: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if inline && i == 0 {
            write_key(out, key);
            out.push(':');
            write_value(out, value, indent);
        } else {
            write_entry(out, key, value, indent);
        }
    }
}

/// Writes `key: value` on a line of its own at `indent`.
fn write_entry(out: &mut String, key: &str, value: &Value, indent: usize) {
    write_indent(out, indent);
    write_key(out, key);
    out.push(':');
    write_value(out, value, indent);
}

/// Writes what follows `key:` or `- `, starting on the current line.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2, false);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            for item in items {
                write_item(out, item, indent + 2);
            }
        }
        scalar_value => {
            out.push(' ');
            write_scalar(out, scalar_value);
            out.push('\n');
        }
    }
}

/// Writes a list item, `- ` at `indent`.
fn write_item(out: &mut String, item: &Value, indent: usize) {
    write_indent(out, indent);
    match item {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("- ");
            write_map(out, map, indent + 2, true);
        }
        other => {
            out.push('-');
            write_value(out, other, indent);
        }
    }
}

fn write_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn write_scalar(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_f64() => out.push_str(&float(&n.to_string())),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_quoted(out, s),
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
}

/// A float YAML 1.1 also reads as one: it needs a `.` and a signed exponent.
fn float(text: &str) -> String {
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = if mantissa.contains('.') {
                mantissa.to_owned()
            } else {
                format!("{mantissa}.0")
            };
            let exponent = if exponent.starts_with(['-', '+']) {
                exponent.to_owned()
            } else {
                format!("+{exponent}")
            };
            format!("{mantissa}e{exponent}")
        }
        None if text.contains('.') => text.to_owned(),
        None => format!("{text}.0"),
    }
}

/// Keys are written plain when they are words no YAML reader takes for
/// anything but a string; otherwise quoted.
fn write_key(out: &mut String, key: &str) {
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$' || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | '_' | '.' | '-' | '/'))
        && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
            .iter()
            .any(|word| key.eq_ignore_ascii_case(word));
    if plain {
        out.push_str(key);
    } else {
        write_quoted(out, key);
    }
}

/// Writes a double-quoted YAML string whose value is exactly `s`.
fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    if s.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                if u32::from(c) <= 0xFF {
                    write!(out, "\\x{:02X}", u32::from(c)).unwrap();
                } else {
                    write!(out, "\\u{:04X}", u32::from(c)).unwrap();
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_reads_back_as_the_same_value() {
        let value = json!({
            "plain": "text",
            "True": "a key YAML would read as a boolean",
            "400": {"nested": [1, 2.5, 1e300, null, true, {"a": "b", "c": []}]},
            "hostile": "quote \" backslash \\ newline \n tab \t NUL \0 NEL \u{85} bidi \u{202E} {{ x }} #: - ? 😀",
            "empty": {},
            "$ref": "#/components/schemas/X",
        });
        let text = to_yaml(&value);
        let back: Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, value, "{text}");
        assert!(text.contains("\n\"True\": "), "{text}");
        assert!(text.contains("- 1.0e+300\n"), "{text}");
        assert!(text.contains("NEL \\x85 bidi \\u202E"), "{text}");
    }
}
