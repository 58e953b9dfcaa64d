//! The spec file as a tree of YAML nodes, each carrying its line and column.
//!
//! granit-parser reads the text into events; this module builds the tree
//! from them, so `decode` can check the whole document and report every
//! problem at once, where deserializing straight into structs would stop at
//! the first. It builds the tree serde-saphyr (errspec's loader before)
//! built, which the tests below check:
//! - plain scalars resolve as YAML 1.2's core schema says, but `400_0`,
//!   `0429`, `0X1A` and `-.nan` stay strings (YAML 1.1 read some as
//!   numbers), and an integer beyond 64 bits is a decimal number;
//! - the core schema's tags type a scalar and `!` keeps it text; any other
//!   tag is refused (serde-saphyr ignored most of them);
//! - a value may not be infinite or NaN, and a key is text, never null;
//! - aliases are expanded, every node they bring placed where the alias is;
//!   `<<` merges mappings; a key may appear only once in a mapping (`429`
//!   and `"429"` are different keys, `a` and `"a"` the same).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::diagnostic::{Diagnostic, Position};

/// A value and where the spec writes it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) position: Position,
}

/// One YAML value. Mapping keys keep their order and positions. Text is
/// borrowed from the spec's text where it is written as it reads (most of
/// it), so the tree of a long spec is mostly its structure.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node<'s> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Cow<'s, str>),
    Seq(Vec<Spanned<Node<'s>>>),
    Map(Vec<Entry<'s>>),
}

/// One key and its value in a mapping.
pub(crate) type Entry<'s> = (Spanned<Cow<'s, str>>, Spanned<Node<'s>>);

impl Node<'_> {
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

    /// How many nodes this one is, itself and all it holds.
    fn size(&self) -> usize {
        1 + match self {
            Node::Seq(items) => items.iter().map(|item| item.value.size()).sum(),
            Node::Map(entries) => entries.iter().map(|(_, v)| 1 + v.value.size()).sum(),
            _ => 0,
        }
    }
}

/// The position a spanned value was written at.
pub(crate) fn position<T>(spanned: &Spanned<T>) -> Position {
    spanned.position
}

/// The most YAML nodes (mappings, lists and scalars, keys included) a spec
/// may have: room for 100,000 codes of 40 nodes each.
pub(crate) const MAX_NODES: usize = 4_000_000;

/// The deepest nesting of mappings and lists a spec may have.
const MAX_DEPTH: usize = 64;

/// How many nodes aliases (`*name`) may add: ten for each node the spec
/// writes out, plus this many. An alias bomb of a few lines adds millions.
const ALIAS_ALLOWANCE: usize = 10_000;

/// From how long a text on, it is read on a thread of its own (about 200
/// codes), on a machine of more than one core: below, starting the thread
/// costs more than it saves.
const READ_ALONGSIDE_FROM: usize = 64 * 1024;

/// How many events the reading thread hands over at a time (64 KiB of them).
const BATCH: usize = 256;

/// Parses YAML text into a node tree, or the one problem that stops it.
///
/// Reading events (granit-parser) takes about two thirds of the time and
/// building the tree the rest, so a long text is read on a thread of its
/// own, which hands the events over in batches while this one builds.
pub(crate) fn parse(source: &str) -> Result<Spanned<Node<'_>>, Diagnostic> {
    let mut builder = Builder::default();
    let one_core = std::thread::available_parallelism().map_or(true, |cores| cores.get() == 1);
    if source.len() < READ_ALONGSIDE_FROM || one_core {
        Parser::new_from_str(source).try_for_each(|event| builder.take(event))?;
    } else {
        std::thread::scope(|scope| {
            let (batches, received) = std::sync::mpsc::sync_channel(4);
            // It stops when the text ends, at its first error, or when this
            // thread stops listening.
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                for event in Parser::new_from_str(source) {
                    let failed = event.is_err();
                    batch.push(event);
                    if batch.len() == BATCH || failed {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if batches.send(full).is_err() || failed {
                            return;
                        }
                    }
                }
                let _ = batches.send(batch);
            });
            received
                .into_iter()
                .flatten()
                .try_for_each(|event| builder.take(event))
        })?;
    }
    // A document of nothing is null where the text ends.
    Ok(builder.root.unwrap_or(Spanned {
        value: Node::Null,
        position: builder.end,
    }))
}

fn syntax_error(error: ScanError) -> Diagnostic {
    let at = error.marker();
    let position = Position {
        line: clamp(at.line()),
        column: clamp(at.col() + 1),
    };
    Diagnostic::new(
        position,
        format!("invalid YAML: {}", crate::text::printable(&error.info())),
    )
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn start(span: &Span) -> Position {
    Position {
        line: clamp(span.start.line()),
        column: clamp(span.start.col() + 1),
    }
}

/// A list or mapping being read: its items so far.
enum Open<'s> {
    Seq(Vec<Spanned<Node<'s>>>),
    Map {
        entries: Vec<Entry<'s>>,
        /// A key read, waiting for its value.
        key: Option<Spanned<Cow<'s, str>>>,
        /// Each key read so far, as a scalar resolves, to find repeats.
        seen: Keys<'s>,
        /// What `<<` merges in.
        merged: Vec<Entry<'s>>,
    },
}

/// A mapping key as compared for repeats: its resolved value, so `429`
/// and `"429"` differ but `a` and `"a"` are the same key.
#[derive(PartialEq, Eq, Hash)]
enum Key<'s> {
    Text(Cow<'s, str>),
    Other(String),
}

impl<'s> Key<'s> {
    /// The key a scalar is; a null one is none.
    fn of(value: &Node<'s>, at: Position) -> Result<Self, Diagnostic> {
        match value {
            Node::Null => Err(Diagnostic::new(at, "a mapping key is empty or null")
                .help("write the key as a word; quote `\"null\"` or `\"~\"` to mean that text")),
            Node::Str(text) => Ok(Key::Text(text.clone())),
            other => Ok(Key::Other(format!("{other:?}"))),
        }
    }
}

/// The keys of a mapping read so far: a short list, searched in turn (most
/// mappings have a few keys, and hashing each cost more than the search),
/// or a set once the list is long.
enum Keys<'s> {
    Few(Vec<Key<'s>>),
    Many(HashSet<Key<'s>>),
}

impl<'s> Keys<'s> {
    /// How many keys a list holds before it becomes a set.
    const FEW: usize = 16;

    /// Adds `key`; `false` if it was there.
    fn insert(&mut self, key: Key<'s>) -> bool {
        match self {
            Keys::Few(keys) if keys.contains(&key) => false,
            Keys::Few(keys) if keys.len() < Self::FEW => {
                keys.push(key);
                true
            }
            Keys::Few(keys) => {
                let mut set: HashSet<Key<'s>> = keys.drain(..).collect();
                set.insert(key);
                *self = Keys::Many(set);
                true
            }
            Keys::Many(set) => set.insert(key),
        }
    }
}

struct Frame<'s> {
    open: Open<'s>,
    position: Position,
    /// The anchor to record the finished node under, if any.
    anchor: usize,
}

#[derive(Default)]
struct Builder<'s> {
    stack: Vec<Frame<'s>>,
    root: Option<Spanned<Node<'s>>>,
    anchors: HashMap<usize, Spanned<Node<'s>>>,
    /// The text of each anchored scalar, for an alias used as a key.
    anchored_text: HashMap<usize, Cow<'s, str>>,
    documents: usize,
    /// Nodes the text writes out, and nodes its aliases add.
    written: usize,
    expanded: usize,
    /// Where the text ends.
    end: Position,
}

impl<'s> Builder<'s> {
    /// Takes the parser's next event, or the syntax error it stopped at.
    fn take(&mut self, event: Result<(Event<'s>, Span), ScanError>) -> Result<(), Diagnostic> {
        let (event, span) = event.map_err(syntax_error)?;
        self.event(event, span)
    }

    fn event(&mut self, event: Event<'s>, span: Span) -> Result<(), Diagnostic> {
        let at = start(&span);
        match event {
            Event::StreamEnd => self.end = at,
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(
                        Diagnostic::new(at, "the spec holds more than one YAML document")
                            .help("keep the whole spec in one document: remove the `---` line"),
                    );
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(at)?;
                let text_tag = matches!(
                    tagged(tag.as_deref()),
                    Tagged::None | Tagged::NonSpecific | Tagged::Core("str")
                );
                if anchor != 0 && text_tag {
                    self.anchored_text.insert(anchor, text.clone());
                }
                if self.waits_for_key() {
                    let value = typed(text.clone(), style, tag.as_deref(), at)?;
                    if !text_tag {
                        return Err(tagged_key(at));
                    }
                    let same = Key::of(&value, at)?;
                    if anchor != 0 {
                        let node = Spanned {
                            value,
                            position: at,
                        };
                        self.anchors.insert(anchor, node);
                    }
                    self.key(text, same, at)?;
                } else {
                    let value = typed(text, style, tag.as_deref(), at)?;
                    finite(&value, at)?;
                    self.finish(
                        Spanned {
                            value,
                            position: at,
                        },
                        anchor,
                    )?;
                }
            }
            Event::SequenceStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "seq", "a list", at)?;
                self.open(Open::Seq(Vec::new()), at, anchor)?;
            }
            Event::MappingStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "map", "a mapping", at)?;
                let open = Open::Map {
                    entries: Vec::new(),
                    key: None,
                    seen: Keys::Few(Vec::new()),
                    merged: Vec::new(),
                };
                self.open(open, at, anchor)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = self.stack.pop().expect("the parser closes what it opened");
                let value = match frame.open {
                    Open::Seq(items) => Node::Seq(items),
                    Open::Map {
                        mut entries,
                        merged,
                        ..
                    } => {
                        // YAML's merge key: the merged mappings' entries fill
                        // in keys the mapping does not set itself.
                        if !merged.is_empty() {
                            let own: HashSet<Cow<'s, str>> =
                                entries.iter().map(|(k, _)| k.value.clone()).collect();
                            entries.extend(
                                merged
                                    .into_iter()
                                    .filter(|(key, _)| !own.contains(&key.value)),
                            );
                        }
                        Node::Map(entries)
                    }
                };
                let node = Spanned {
                    value,
                    position: frame.position,
                };
                self.finish(node, frame.anchor)?;
            }
            Event::Alias(id) => {
                if self.waits_for_key()
                    && let Some(anchored) = self.anchors.get(&id)
                    && !matches!(anchored.value, Node::Seq(_) | Node::Map(_))
                {
                    let Some(text) = self.anchored_text.get(&id) else {
                        return Err(tagged_key(at));
                    };
                    let same = Key::of(&anchored.value, at)?;
                    let text = text.clone();
                    self.count(at)?;
                    return self.key(text, same, at);
                }
                let size = match self.anchors.get(&id) {
                    Some(node) => node.value.size(),
                    None => {
                        return Err(Diagnostic::new(at, "an alias names no anchor before it"));
                    }
                };
                self.count(at)?;
                self.expanded += size;
                if self.expanded > 10 * self.written + ALIAS_ALLOWANCE {
                    return Err(Diagnostic::new(
                        at,
                        "the spec repeats anchored values (`&name`, `*name`, `<<`) more than errspec \
                         expands, as an alias bomb would; write repeated parts out instead",
                    ));
                }
                self.check_size(at)?;
                // Every node an alias brings is where the alias is, as the
                // diagnostics about them say.
                let value = relocated(&self.anchors[&id].value, at);
                finite(&value, at)?;
                self.finish(
                    Spanned {
                        value,
                        position: at,
                    },
                    0,
                )?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts one node the text writes out.
    fn count(&mut self, at: Position) -> Result<(), Diagnostic> {
        self.written += 1;
        self.check_size(at)
    }

    fn check_size(&self, at: Position) -> Result<(), Diagnostic> {
        if self.written + self.expanded > MAX_NODES {
            return Err(Diagnostic::new(
                at,
                format!(
                    "the spec has more than {MAX_NODES} YAML nodes (keys, values, lists and mappings); errspec reads at most {MAX_NODES}"
                ),
            ));
        }
        Ok(())
    }

    fn open(&mut self, open: Open<'s>, at: Position, anchor: usize) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::new(
                at,
                format!("the spec nests lists and mappings more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.count(at)?;
        self.stack.push(Frame {
            open,
            position: at,
            anchor,
        });
        Ok(())
    }

    /// Whether the innermost collection is a mapping waiting for a key.
    fn waits_for_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                open: Open::Map { key: None, .. },
                ..
            })
        )
    }

    /// Takes `text` as the next key of the innermost mapping; `same` is
    /// what tells it from the mapping's other keys.
    fn key(&mut self, text: Cow<'s, str>, same: Key<'s>, at: Position) -> Result<(), Diagnostic> {
        let Some(Frame {
            open: Open::Map { key, seen, .. },
            ..
        }) = self.stack.last_mut()
        else {
            unreachable!("only a mapping takes keys");
        };
        if !seen.insert(same) {
            return Err(Diagnostic::new(
                at,
                format!("duplicate key `{}`", crate::text::printable(&text)),
            )
            .help("a key may appear only once in a mapping; remove or merge the repeated one"));
        }
        *key = Some(Spanned {
            value: text,
            position: at,
        });
        Ok(())
    }

    /// Places a finished value in the collection it belongs to. (Scalar
    /// keys are taken as they are read: only a list or a mapping reaches
    /// here where a mapping waits for a key.)
    fn finish(&mut self, node: Spanned<Node<'s>>, anchor: usize) -> Result<(), Diagnostic> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        if self.waits_for_key() {
            return Err(
                Diagnostic::new(node.position, "a mapping key is a list or a mapping")
                    .help("write each key as a plain word"),
            );
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut frame.open {
            Open::Seq(items) => items.push(node),
            Open::Map {
                entries,
                key,
                merged,
                ..
            } => {
                let key = key.take().expect("a mapping waits for a value");
                if key.value == "<<" {
                    *merged = merge_sources(node)
                        .map_err(|message| Diagnostic::new(key.position, message))?;
                } else {
                    entries.push((key, node));
                }
            }
        }
        Ok(())
    }
}

fn tagged_key(at: Position) -> Diagnostic {
    Diagnostic::new(at, "a mapping key has a type tag").help("keys are text: remove the tag")
}

/// A copy of `node` with every node and key in it at `at`.
fn relocated<'s>(node: &Node<'s>, at: Position) -> Node<'s> {
    let here = |node: &Spanned<Node<'s>>| Spanned {
        value: relocated(&node.value, at),
        position: at,
    };
    match node {
        Node::Seq(items) => Node::Seq(items.iter().map(here).collect()),
        Node::Map(entries) => Node::Map(
            entries
                .iter()
                .map(|(key, value)| {
                    let key = Spanned {
                        value: key.value.clone(),
                        position: at,
                    };
                    (key, here(value))
                })
                .collect(),
        ),
        scalar => scalar.clone(),
    }
}

/// The entries a `<<` merge key brings: a mapping's, or those of a list of
/// mappings, the first one's winning.
fn merge_sources(value: Spanned<Node<'_>>) -> Result<Vec<Entry<'_>>, String> {
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

/// What a tag asks of a node: one of the core schema's types, nothing but
/// that a scalar is its text as written (`!`, the non-specific tag), or a
/// type errspec does not read.
enum Tagged<'t> {
    None,
    Core(&'t str),
    NonSpecific,
    Other(String),
}

fn tagged(tag: Option<&Tag>) -> Tagged<'_> {
    match tag {
        None => Tagged::None,
        Some(tag) => match tag.core_suffix() {
            Some(core) => Tagged::Core(core),
            None if matches!(tag.suffix_in_namespace("!").as_deref(), Some("" | "!")) => {
                Tagged::NonSpecific
            }
            None => Tagged::Other(format!("{}{}", tag.original_handle(), tag.suffix())),
        },
    }
}

fn unknown_tag(at: Position, tag: &str) -> Diagnostic {
    Diagnostic::new(
        at,
        format!(
            "errspec does not read the YAML tag `{}`",
            crate::text::printable(tag)
        ),
    )
    .help("remove the tag: spec values are plain strings, numbers, booleans, lists and mappings")
}

/// Checks a list's or mapping's tag: none, or the core schema's for its kind.
fn collection_tag(
    tag: Option<&Tag>,
    core: &str,
    what: &str,
    at: Position,
) -> Result<(), Diagnostic> {
    match tagged(tag) {
        Tagged::None | Tagged::NonSpecific => Ok(()),
        Tagged::Core(name) if name == core => Ok(()),
        Tagged::Core(name) => {
            Err(Diagnostic::new(at, format!("a `!!{name}` tag on {what}")).help("remove the tag"))
        }
        Tagged::Other(name) => Err(unknown_tag(at, &name)),
    }
}

/// A scalar's value: typed by its tag, else (when plain) as the YAML 1.2
/// core schema resolves it, else a string.
/// An error for a value that is an infinite or not-a-number float (`.inf`,
/// `1e999`): nothing in a spec takes one. (A key may read so: keys are text.)
fn finite(value: &Node<'_>, at: Position) -> Result<(), Diagnostic> {
    match value {
        Node::Float(f) if !f.is_finite() => {
            Err(Diagnostic::new(at, format!("`{f}` is not a finite number"))
                .help("write a finite number, or quote the text"))
        }
        _ => Ok(()),
    }
}

/// A scalar's value: typed by its tag, else (when plain) as the YAML 1.2
/// core schema resolves it, else a string.
fn typed<'s>(
    text: Cow<'s, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    at: Position,
) -> Result<Node<'s>, Diagnostic> {
    let mistyped = |name: &str| {
        Diagnostic::new(
            at,
            format!(
                "`{}` tagged `!!{name}` is not a valid {name}",
                crate::text::printable(&text)
            ),
        )
        .help("remove the tag, or write a value of that type")
    };
    match tagged(tag) {
        Tagged::Other(name) => Err(unknown_tag(at, &name)),
        Tagged::Core("str") | Tagged::NonSpecific => Ok(Node::Str(text)),
        Tagged::Core("null") => Ok(Node::Null),
        Tagged::Core("bool") => boolean(&text)
            .map(Node::Bool)
            .ok_or_else(|| mistyped("bool")),
        Tagged::Core("int") => integer(&text).ok_or_else(|| mistyped("int")),
        Tagged::Core("float") => float(&text)
            .map(Node::Float)
            .ok_or_else(|| mistyped("float")),
        Tagged::Core(name) => {
            Err(Diagnostic::new(at, format!("a `!!{name}` tag on a scalar")).help("remove the tag"))
        }
        Tagged::None if style != ScalarStyle::Plain => Ok(Node::Str(text)),
        Tagged::None => Ok(plain(text)),
    }
}

/// A plain scalar as YAML 1.2's core schema resolves it, but for spellings
/// YAML 1.1 read otherwise, which stay strings: `0429` (octal there),
/// `400_0` (4000 there) and `0X1A`.
fn plain(text: Cow<'_, str>) -> Node<'_> {
    // Most plain scalars are words. A number starts with a digit, a sign or
    // a dot, a boolean or null with `t`, `f`, `n` or `~`: anything else is
    // a string.
    let typed_start = |c: char| {
        c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '~' | 't' | 'T' | 'f' | 'F' | 'n' | 'N')
    };
    if !text.is_empty() && !trim(&text).starts_with(typed_start) {
        return Node::Str(text);
    }
    if matches!(&*text, "" | "~" | "null" | "Null" | "NULL") {
        return Node::Null;
    }
    if let Some(b) = boolean(&text) {
        return Node::Bool(b);
    }
    let trimmed = trim(&text);
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let ambiguous = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..])
        || matches!(unsigned, ".nan" | ".NaN" | ".NAN") && unsigned.len() < trimmed.len()
        || unsigned.len() > 1
            && unsigned.starts_with('0')
            && unsigned.bytes().all(|b| b.is_ascii_digit())
        || trimmed.contains('_');
    if ambiguous {
        return Node::Str(text);
    }
    if let Some(node) = integer(&text) {
        return node;
    }
    match float(&text) {
        Some(f) => Node::Float(f),
        None => Node::Str(text),
    }
}

/// YAML's padding around a scalar's text, which typed values ignore.
fn trim(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\r', '\n'])
}

fn boolean(text: &str) -> Option<bool> {
    match trim(text) {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// An integer in decimal, or after `0x`, `0o` or `0b` (untagged, `0X`
/// and the like are strings before they get here), that fits 64 bits
/// (signed when negative), its digits perhaps grouped by `_`.
fn integer(text: &str) -> Option<Node<'static>> {
    let trimmed = trim(text);
    let (negative, unsigned) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let radix_digits = |lower: &str, upper: &str| {
        unsigned
            .strip_prefix(lower)
            .or_else(|| unsigned.strip_prefix(upper))
    };
    let (radix, digits) = if let Some(d) = radix_digits("0x", "0X") {
        (16, d)
    } else if let Some(d) = radix_digits("0o", "0O") {
        (8, d)
    } else if let Some(d) = radix_digits("0b", "0B") {
        (2, d)
    } else {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return None;
        }
        (10, unsigned)
    };
    // An underscore may separate two digits (untagged, such a scalar is a
    // string before it gets here).
    let separated = digits
        .split('_')
        .all(|run| !run.is_empty() && run.chars().all(|c| c.is_digit(radix)));
    if !separated {
        return None;
    }
    let magnitude = u128::from_str_radix(&digits.replace('_', ""), radix).ok()?;
    let value = if negative {
        i128::from(i64::try_from(-i128::try_from(magnitude).ok()?).ok()?)
    } else {
        i128::from(u64::try_from(magnitude).ok()?)
    };
    Some(Node::Int(value))
}

/// A decimal number as YAML writes it, `.inf` and `.nan` included; a
/// numeral too large for `f64` is infinite.
fn float(text: &str) -> Option<f64> {
    let trimmed = trim(text);
    let (negative, unsigned) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    let value: f64 = trimmed.parse().ok()?;
    let numeral = unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit);
    (value.is_finite() || numeral && value.is_infinite()).then_some(value)
}

/// The tree must be the one serde-saphyr built when errspec read YAML
/// through it, for every document serde-saphyr reads, but where errspec now
/// refuses on purpose: tags outside the core schema.
#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_saphyr::Spanned as Located;

    use super::{Entry, Node, Spanned, parse};
    use crate::diagnostic::Position;

    /// The tree as errspec built it from serde-saphyr, positions included.
    struct Old(Node<'static>);

    fn at<T>(located: &Located<T>) -> Position {
        Position {
            line: located.referenced.line() as u32,
            column: located.referenced.column() as u32,
        }
    }

    fn spanned(located: Located<Old>) -> Spanned<Node<'static>> {
        Spanned {
            position: at(&located),
            value: located.value.0,
        }
    }

    impl<'de> Deserialize<'de> for Old {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(OldVisitor)
        }
    }

    struct OldVisitor;

    impl<'de> Visitor<'de> for OldVisitor {
        type Value = Old;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a YAML value")
        }
        fn visit_unit<E>(self) -> Result<Old, E> {
            Ok(Old(Node::Null))
        }
        fn visit_none<E>(self) -> Result<Old, E> {
            Ok(Old(Node::Null))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Old, D::Error> {
            Old::deserialize(d)
        }
        fn visit_bool<E>(self, v: bool) -> Result<Old, E> {
            Ok(Old(Node::Bool(v)))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Old, E> {
            Ok(Old(Node::Int(v.into())))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Old, E> {
            Ok(Old(Node::Int(v.into())))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Old, E> {
            Ok(Old(Node::Float(v)))
        }
        fn visit_str<E>(self, v: &str) -> Result<Old, E> {
            Ok(Old(Node::Str(v.to_owned().into())))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Old, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Located<Old>>()? {
                items.push(spanned(item));
            }
            Ok(Old(Node::Seq(items)))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Old, A::Error> {
            let mut entries: Vec<Entry<'static>> = Vec::new();
            let mut merged: Vec<Entry<'static>> = Vec::new();
            while let Some(key) = map.next_key::<Located<String>>()? {
                let value = spanned(map.next_value::<Located<Old>>()?);
                let key = Spanned {
                    position: at(&key),
                    value: key.value.into(),
                };
                if key.value == "<<" {
                    merged = super::merge_sources(value).map_err(serde::de::Error::custom)?;
                } else {
                    entries.push((key, value));
                }
            }
            let own: HashSet<_> = entries.iter().map(|(k, _)| k.value.clone()).collect();
            entries.extend(merged.into_iter().filter(|(k, _)| !own.contains(&k.value)));
            Ok(Old(Node::Map(entries)))
        }
    }

    /// What errspec read through serde-saphyr, as it was configured.
    fn old(source: &str) -> Option<Spanned<Node<'static>>> {
        let mut options = serde_saphyr::Options::default();
        options.strict_booleans = true;
        options.underscored_numbers_as_strings = true;
        options.leading_zero_numbers_as_strings = true;
        options.merge_keys = serde_saphyr::MergeKeyPolicy::AsOrdinary;
        serde_saphyr::from_str_with_options::<Located<Old>>(source, options)
            .ok()
            .map(spanned)
    }

    /// Whether errspec refuses `source` for a reason of its own.
    fn refused_on_purpose(source: &str) -> bool {
        parse(source).is_err_and(|problem| problem.message.contains("YAML tag"))
    }

    fn same(source: &str) {
        match (old(source), parse(source)) {
            (Some(old), Ok(new)) => assert!(new == old, "{source:?}\nnew: {new:?}\nold: {old:?}"),
            (Some(_), Err(_)) if refused_on_purpose(source) => {}
            (Some(old), Err(problem)) => panic!("{source:?}\nrefused: {problem:?}\nold: {old:?}"),
            (None, Ok(new)) => panic!("{source:?}\nserde-saphyr refused it, errspec read {new:?}"),
            (None, Err(_)) => {}
        }
    }

    const SPECS: &[&str] = &[
        include_str!("../../spec/errors.yaml"),
        include_str!("../../tests/vectors/error-object/spec.yaml"),
        include_str!("../../tests/vectors/fields/spec.yaml"),
        include_str!("../../tests/vectors/integer-codes/spec.yaml"),
        include_str!("../../tests/vectors/integer-problems/spec.yaml"),
        include_str!("../../tests/vectors/problem/spec.yaml"),
    ];

    /// Scalars of every kind and style, keys, anchors, merges and flow style.
    const PIECES: &[&str] = &[
        "a: 1\nb: -2\nc: +3\nd: 0x1A\ne: 0o17\nf: 0b11\ng: 0X1A\nh: 0429\ni: 400_0\nj: -0\n",
        "a: 1.5\nb: .5\nc: 1e3\nd: -1.5E-3\ne: .inf\nf: -.Inf\ng: .nan\nh: -.nan\ni: 1e999\nj: inf\nk: nan\n",
        "a: 18446744073709551615\nb: 18446744073709551616\nc: -9223372036854775808\nd: -9223372036854775809\n",
        "a: true\nb: True\nc: TRUE\nd: yes\ne: no\nf: on\ng: off\nh: y\ni: tRUE\n",
        "a: null\nb: ~\nc:\nd: Null\ne: NULL\nf: nULL\ng: ''\nh: \"null\"\n",
        "a: 'single ''quoted'''\nb: \"double \\\"quoted\\\" \\u00e9 \\n\"\nc: |\n  literal\n  text\nd: >\n  folded\n  text\ne: |-\n  stripped\n",
        "a: !!str 1\nb: !!int \"2\"\nc: !!float 3\nd: !!bool \"true\"\ne: !!null x\nf: ! 12\ng: !!str\n",
        "? a\n: 1\n\"b\": 2\n'c': 3\n4: x\ntrue: y\n~: z\n1.5: w\n",
        "base: &base {status: 400, retryable: false}\nerrors:\n  - <<: *base\n    code: A\n  - <<: [*base, {message: m}]\n    status: 401\n",
        "list: &l [a, b, {c: d}]\nagain: *l\nflow: {a: [1, 2], b: {c: 3}}\nempty: []\nnone: {}\n",
        "# comment\n---\nversion: 1 # trailing\n...\n",
        "",
        "just a string",
        "- 1\n- two\n- [3]\n",
        "a:\n  b:\n    c:\n      - d: e\n        f: [g, h]\n",
        "a: \"\\t tab\"\nb: 'x\n  y'\nc: plain\n  continued\n",
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\n",
        "429: a\n\"429\": b\n",
        "<<: {a: 1}\n<<: {b: 2}\n",
        "a: &x 1\nb: *x\n*x : c\n",
        "a: [unclosed\n",
        "a: b: c\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
    ];

    #[test]
    fn the_tree_is_the_one_serde_saphyr_built() {
        for source in SPECS.iter().chain(PIECES) {
            same(source);
        }
    }

    #[test]
    fn aliases_add_at_most_the_text_s_nodes_and_an_allowance() {
        let shared = format!(
            "base: &b {{a: 1, b: [x, y]}}\nall:\n{}",
            "  - *b\n".repeat(3000)
        );
        let tree = parse(&shared).unwrap();
        let Node::Map(entries) = tree.value else {
            panic!("a mapping")
        };
        let Node::Seq(items) = &entries[1].1.value else {
            panic!("a list")
        };
        assert_eq!(items.len(), 3000);
        assert_eq!(
            items[2999].position,
            Position {
                line: 3002,
                column: 5
            }
        );

        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..6 {
            let refs = vec![
                format!(
                    "*{}",
                    if level == 1 {
                        "a".to_owned()
                    } else {
                        format!("l{}", level - 1)
                    }
                );
                10
            ];
            bomb.push_str(&format!("l{level}: &l{level} [{}]\n", refs.join(", ")));
        }
        let problem = parse(&bomb).unwrap_err();
        assert!(problem.message.contains("alias bomb"), "{problem:?}");
        // Level 3 brings 10 × 1,111 nodes, past ten times the ~60 the text
        // writes plus 10,000.
        assert_eq!(problem.position.line, 4, "{problem:?}");
    }

    /// The same for mutations of the specs and pieces: bytes changed,
    /// dropped, repeated and YAML's special characters put in.
    #[test]
    fn mutated_documents_make_the_same_tree() {
        let mut state: u64 = 0x0005_eed0_fe44_5eed;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        const INSERTS: &[&str] = &[
            ":", "-", " ", "\n", "'", "\"", "&a ", "*a", "<<: ", "[", "]", "{", "}", ",", "#",
            "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "! ", "!x ", "&b ", "*b", "? ",
            "|", ">", "~", "0x", "0o", "_", ".", "e3", "\t", "\\", "---\n", "...\n", "%", "@", "`",
            "\r\n", "é", "\u{feff}", "-1", "+", ".inf", "null", "true",
        ];
        let corpus: Vec<&str> = SPECS.iter().chain(PIECES).copied().collect();
        for _ in 0..20_000 {
            let mut bytes = corpus[next(corpus.len())].as_bytes().to_vec();
            for _ in 0..=next(4) {
                let at = next(bytes.len() + 1);
                match next(4) {
                    0 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    1 if at < bytes.len() => {
                        let end = (at + next(40)).min(bytes.len());
                        let copy = bytes[at..end].to_vec();
                        bytes.splice(at..at, copy);
                    }
                    _ => {
                        let insert = INSERTS[next(INSERTS.len())];
                        bytes.splice(at..at, insert.bytes());
                    }
                }
            }
            same(&String::from_utf8_lossy(&bytes));
        }
    }

    /// A repeated key is found whether its mapping is short or long (a long
    /// one's keys are kept in a set), and `429` and `"429"` stay two keys.
    #[test]
    fn repeated_keys_are_found_in_mappings_of_any_length() {
        for len in [2, 15, 16, 17, 40] {
            let text: String = (0..len).map(|i| format!("k{i}: {i}\n")).collect();
            assert!(parse(&text).is_ok(), "{len} keys");
            for repeated in [0, len / 2, len - 1] {
                let error = parse(&format!("{text}k{repeated}: again\n")).unwrap_err();
                assert_eq!(error.message, format!("duplicate key `k{repeated}`"));
                assert_eq!(error.position.line as usize, len + 1, "{len} keys");
            }
            assert!(parse(&format!("{text}429: a\n\"429\": b\n")).is_ok());
            let error = parse(&format!("{text}a: 1\n\"a\": 2\n")).unwrap_err();
            assert_eq!(error.message, "duplicate key `a`");
        }
    }
}
