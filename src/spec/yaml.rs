//! The spec file as a tree of YAML nodes, each carrying its line and column.
//!
//! serde-saphyr does the YAML parsing (and rejects duplicate keys); this tree
//! lets `decode` check the whole document and report every problem at once,
//! where deserializing straight into structs would stop at the first.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Position};

/// One YAML value. Mapping keys keep their order and positions.
#[derive(Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    /// What this node is, as a user would say it: "a string", "a list", ...
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "an integer",
            Node::Float(_) => "a decimal number",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// The position a spanned value was written at.
pub(crate) fn position<T>(spanned: &Spanned<T>) -> Position {
    position_of(spanned.referenced)
}

fn position_of(at: serde_saphyr::Location) -> Position {
    Position {
        line: u32::try_from(at.line()).unwrap_or(u32::MAX),
        column: u32::try_from(at.column()).unwrap_or(u32::MAX),
    }
}

/// Parses YAML text into a node tree, or the one syntax problem that stops it.
pub(crate) fn parse(source: &str) -> Result<Spanned<Node>, Diagnostic> {
    let mut options = serde_saphyr::Options::default();
    // `yes`, `no`, `on` and `off` stay strings, as in YAML 1.2.
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(source, options).map_err(|error| syntax_diagnostic(&error))
}

fn syntax_diagnostic(error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::MessageFormatter;
    let position = error
        .location()
        .map_or(Position { line: 1, column: 1 }, position_of);
    match innermost(error) {
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => {
            let key = key
                .as_deref()
                .map(crate::text::printable)
                .unwrap_or_default();
            Diagnostic::new(position, format!("duplicate key `{key}`"))
                .help("a key may appear only once in a mapping; remove or merge the repeated one")
        }
        inner => {
            let text = serde_saphyr::UserMessageFormatter.format_message(inner);
            Diagnostic::new(
                position,
                format!("invalid YAML: {}", crate::text::printable(&text)),
            )
        }
    }
}

/// The error behind serde-saphyr's snippet and alias wrappers.
fn innermost(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match error {
        serde_saphyr::Error::WithSnippet { error, .. }
        | serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Int(v))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(i128::try_from(v).map_or(Node::Float(v as f64), Node::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}
