//! JSON as errspec writes it, and documents whose per-code lists are made
//! while they are written.
//!
//! The JSON Schema and OpenAPI targets build their documents as [`Json`]:
//! plain `serde_json` values, but for the lists a spec repeats per code
//! (the `oneOf` of codes, a response's examples), which are made item by
//! item each time the document is written. A document of 10,000 codes was
//! tens of megabytes as one tree; this way it is never whole in memory.

use std::io;

use serde::ser::{Serialize, Serializer};
use serde_json::Value;

use super::Out;

/// A JSON document: values made up front, with per-code lists made when
/// written (once for each text written from the document).
pub(crate) enum Json<'a> {
    /// A value made up front.
    Value(Value),
    /// An object, its members in order.
    Object(Vec<(String, Json<'a>)>),
    /// An array whose items are made as it is written.
    Items(Each<'a, Value>),
    /// An object whose members are made as it is written.
    Members(Each<'a, (String, Value)>),
}

/// What makes a per-code list, anew each time it is written.
pub(crate) type Each<'a, T> = Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>;

impl<'a> Json<'a> {
    /// An object of `members`, in order.
    pub(crate) fn object<const N: usize>(members: [(&str, Json<'a>); N]) -> Self {
        Json::Object(
            members
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        )
    }

    /// An array whose items `items` makes when it is written.
    pub(crate) fn items<I: Iterator<Item = Value> + 'a>(items: impl Fn() -> I + 'a) -> Self {
        Json::Items(Box::new(move || Box::new(items())))
    }

    /// An object whose members `members` makes when it is written.
    pub(crate) fn members<I: Iterator<Item = (String, Value)> + 'a>(
        members: impl Fn() -> I + 'a,
    ) -> Self {
        Json::Members(Box::new(move || Box::new(members())))
    }

    /// Sets `key` of an object: in its place if the object has it, else
    /// last, as assigning to a `serde_json` object does.
    pub(crate) fn set(&mut self, key: &str, value: Json<'a>) {
        let Json::Object(members) = self else {
            panic!("only an object's members are set");
        };
        match members.iter_mut().find(|(name, _)| name == key) {
            Some((_, old)) => *old = value,
            None => members.push((key.to_owned(), value)),
        }
    }
}

impl From<Value> for Json<'_> {
    fn from(value: Value) -> Self {
        Json::Value(value)
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Value(value) => value.serialize(serializer),
            Json::Object(members) => serializer.collect_map(members.iter().map(|(k, v)| (k, v))),
            Json::Items(items) => serializer.collect_seq(items()),
            Json::Members(members) => serializer.collect_map(members()),
        }
    }
}

/// A JSON object of `entries`, in order. Unlike `json!`, which copies every
/// value it is given, it takes them: the per-code parts are large.
pub(crate) fn json_object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

/// `value` as pretty JSON (two-space indent, trailing newline), with every
/// character [`must_escape`](crate::text::must_escape) flags written as a
/// `\uXXXX` escape. serde_json already escapes C0 controls; this also covers
/// DEL, C1 controls, bidi overrides and invisible separators.
pub(crate) fn json_text(value: &impl Serialize) -> String {
    let mut pretty = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    if !nothing_to_escape(&pretty) {
        let mut escaped = String::with_capacity(pretty.len() + 1);
        push_escaped(&mut escaped, &pretty);
        pretty = escaped;
    }
    pretty.push('\n');
    pretty
}

/// Writes `value` to `out` as [`json_text`] makes it, as it is serialized.
pub(crate) fn write_json(out: &mut Out<'_>, value: &impl Serialize) {
    let mut escaping = Escaping {
        out,
        pending: Vec::with_capacity(PIECE),
    };
    serde_json::to_writer_pretty(&mut escaping, value).expect("JSON values always serialize");
    escaping.hand_on();
    escaping.out.push_str("\n");
}

/// How much JSON text gathers before it is escaped and handed on.
const PIECE: usize = 16 * 1024;

/// What serde_json writes, gathered and handed on to an [`Out`] with
/// [`push_escaped`] a piece at a time.
struct Escaping<'o, 'w> {
    out: &'o mut Out<'w>,
    pending: Vec<u8>,
}

impl Escaping<'_, '_> {
    fn hand_on(&mut self) {
        let text = match std::str::from_utf8(&self.pending) {
            Ok(text) => text,
            // A character split between two writes waits for its rest.
            Err(error) => std::str::from_utf8(&self.pending[..error.valid_up_to()])
                .expect("UTF-8 up to there"),
        };
        let len = text.len();
        if nothing_to_escape(text) {
            self.out.push_str(text);
        } else {
            self.out.write(|out| push_escaped(out, text));
        }
        self.pending.drain(..len);
    }
}

impl io::Write for Escaping<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= PIECE {
            self.hand_on();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// serde_json escapes ASCII controls (a raw `\n` only separates lines),
/// so ASCII text without DEL has nothing left to escape.
fn nothing_to_escape(json: &str) -> bool {
    json.is_ascii() && !json.contains('\u{7f}')
}

/// Appends JSON text, each character [`must_escape`](crate::text::must_escape)
/// flags escaped.
fn push_escaped(out: &mut String, json: &str) {
    for c in json.chars() {
        // Outside strings the JSON text is plain ASCII, so every such
        // character is inside a string, where an escape means the same.
        if c != '\n' && crate::text::must_escape(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A document with lists made when written reads as the value it
    /// stands for, empty lists included, each time it is written.
    #[test]
    fn a_document_is_written_as_the_value_it_stands_for() {
        let codes = ["A", "B"];
        let mut document = Json::object([
            ("title", json!("Codes").into()),
            (
                "oneOf",
                Json::items(|| codes.iter().map(|c| json!({ "const": c }))),
            ),
            ("none", Json::items(std::iter::empty)),
            (
                "examples",
                Json::members(|| codes.iter().map(|c| (c.to_string(), json!([c])))),
            ),
            ("nothing", Json::members(std::iter::empty)),
        ]);
        document.set("title", json!("Known codes").into());
        document.set("last", json!(null).into());
        let value = json!({
            "title": "Known codes",
            "oneOf": [{ "const": "A" }, { "const": "B" }],
            "none": [],
            "examples": { "A": ["A"], "B": ["B"] },
            "nothing": {},
            "last": null,
        });
        assert_eq!(json_text(&document), json_text(&value));
        assert_eq!(json_text(&document), json_text(&value), "written twice");
    }

    /// Written as it is serialized, hidden characters are escaped as in
    /// the text made whole.
    #[test]
    fn json_written_as_it_goes_is_the_text_made_whole() {
        let value = json!({
            "plain": "text",
            "hidden": "DEL \u{7f} NEL \u{85} bidi \u{202e} line \u{2028} 😀 \n",
            "\u{200b}key": [1, null, "\u{feff}"],
        });
        let written = crate::targets::to_string(&mut |out| {
            write_json(out, &value);
            Ok(())
        })
        .unwrap();
        assert_eq!(written, json_text(&value));
        assert!(
            written.contains("DEL \\u007f NEL \\u0085 bidi \\u202e"),
            "{written}"
        );
        assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), value);
    }
}
