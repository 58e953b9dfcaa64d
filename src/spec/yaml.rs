//! The spec file as a tree of YAML nodes, each carrying its line and column.
//!
//! serde-saphyr does the YAML parsing (and rejects duplicate keys); this tree
//! lets `decode` check the whole document and report every problem at once,
//! where deserializing straight into structs would stop at the first.

use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Position};

/// One YAML value. Mapping keys keep their order and positions.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<Entry>),
}

/// One key and its value in a mapping.
pub(crate) type Entry = (Spanned<String>, Spanned<Node>);

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

/// The most YAML nodes (mappings, lists and scalars, keys included) a spec
/// may have: room for 100,000 codes of 40 nodes each.
pub(crate) const MAX_NODES: usize = 4_000_000;

/// The most parser events, which count nodes and the ends of collections.
const MAX_EVENTS: usize = 2 * MAX_NODES + 1_000;

/// The deepest nesting of mappings and lists a spec may have.
const MAX_DEPTH: usize = 64;

/// Parses YAML text into a node tree, or the one syntax problem that stops it.
pub(crate) fn parse(source: &str) -> Result<Spanned<Node>, Diagnostic> {
    let mut options = serde_saphyr::Options::default();
    // `yes`, `no`, `on` and `off` stay strings, as in YAML 1.2, and so do
    // YAML 1.1's numbers `400_0` (4000) and `0429` (octal).
    options.strict_booleans = true;
    options.underscored_numbers_as_strings = true;
    options.leading_zero_numbers_as_strings = true;
    // `<<` arrives as a key, so a second one is a duplicate key like any
    // other; the tree builder merges it. (A quoted `"<<"` is merged too: the
    // parser does not say how a key was written.)
    options.merge_keys = serde_saphyr::MergeKeyPolicy::AsOrdinary;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    budget.max_depth = MAX_DEPTH;
    options.budget = Some(budget);
    serde_saphyr::from_str_with_options(source, options).map_err(|error| syntax_diagnostic(&error))
}

/// What a breached parser limit means, said for the spec's author.
fn limit_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as Breach;
    match breach {
        Breach::Nodes { .. } | Breach::Events { .. } => format!(
            "the spec has more than {MAX_NODES} YAML nodes (keys, values, lists and mappings); errspec reads at most {MAX_NODES}"
        ),
        Breach::Depth { .. } => {
            format!("the spec nests lists and mappings more than {MAX_DEPTH} levels deep")
        }
        Breach::Aliases { .. }
        | Breach::Anchors { .. }
        | Breach::AliasAnchorRatio { .. }
        | Breach::RecordedAnchorEvents { .. }
        | Breach::RecordedAnchorBytes { .. }
        | Breach::MergeKeys { .. } => {
            "the spec repeats anchored values (`&name`, `*name`, `<<`) more than errspec \
             expands, as an alias bomb would; write repeated parts out instead"
                .to_owned()
        }
        Breach::Documents { .. } => "the spec holds too many YAML documents".to_owned(),
        _ => "the spec is larger than errspec reads".to_owned(),
    }
}

fn syntax_diagnostic(error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::MessageFormatter;
    let position = error
        .location()
        .map_or(Position { line: 1, column: 1 }, position_of);
    match innermost(error) {
        serde_saphyr::Error::Budget { breach, .. } => {
            Diagnostic::new(position, limit_message(breach))
        }
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

/// The entries a `<<` merge key brings: a mapping's, or those of a list of
/// mappings, the first one's winning.
fn merge_sources(value: Spanned<Node>) -> Result<Vec<Entry>, String> {
    let not_mappings = || "`<<` merges a mapping or a list of mappings".to_owned();
    let sources = match value.value {
        Node::Map(entries) => vec![entries],
        Node::Seq(items) => items
            .into_iter()
            .map(|item| match item.value {
                Node::Map(entries) => Ok(entries),
                _ => Err(not_mappings()),
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(not_mappings()),
    };
    let mut seen = HashSet::new();
    Ok(sources
        .into_iter()
        .flatten()
        .filter(|(key, _)| seen.insert(key.value.clone()))
        .collect())
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
        let mut entries: Vec<Entry> = Vec::new();
        let mut merged = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value: Spanned<Node> = map.next_value()?;
            if key.value == "<<" {
                merged = merge_sources(value).map_err(serde::de::Error::custom)?;
            } else {
                entries.push((key, value));
            }
        }
        // YAML's merge key: the merged mappings' entries fill in keys the
        // mapping does not set itself, earlier mappings first.
        if !merged.is_empty() {
            let own: HashSet<String> = entries.iter().map(|(k, _)| k.value.clone()).collect();
            entries.extend(
                merged
                    .into_iter()
                    .filter(|(key, _)| !own.contains(&key.value)),
            );
        }
        Ok(Node::Map(entries))
    }
}
