//! Walks the YAML node tree into a [`Spec`], checking every rule of the spec
//! format and collecting every problem rather than stopping at the first.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::file;
use super::yaml::{Entry, Node, Spanned, position};
use super::{
    Adapters, CodeType, Deprecated, ErrorDef, FieldDef, FieldType, Jitter, MAX_FIELD_NAME_LENGTH,
    RESERVED_FIELD_NAMES, RetryPolicy, SPEC_VERSION, Scalar, Spec, WireFormat,
};
use crate::diagnostic::{Diagnostic, Position};
use crate::names::Names;
use crate::targets::docs::names as docs;
use crate::targets::python::names as python;
use crate::targets::typescript::names as typescript;
use crate::text::printable;

/// The longest code: an identifier, short enough to stay one line in generated code.
pub(crate) const MAX_CODE_LENGTH: usize = 64;
/// The most retries a policy may ask for.
pub(crate) const MAX_RETRIES: i128 = 20;
/// The longest delay a policy may ask for: one day, in milliseconds.
pub(crate) const MAX_DELAY_MS: i128 = 86_400_000;

/// Decodes a whole spec, or returns every problem found in it. With the
/// spec come its codes' names, in spec order, which the collision check
/// resolved and the model uses.
pub(super) fn decode(root: &Spanned<Node>) -> Result<(Spec, Vec<Names>), Vec<Diagnostic>> {
    let mut decoder = Decoder::default();
    let spec = decoder.spec(root);
    match spec {
        Some(spec) if decoder.problems.is_empty() => Ok((spec, decoder.names)),
        _ => Err(decoder.problems),
    }
}

#[derive(Default)]
struct Decoder {
    problems: Vec<Diagnostic>,
    /// Every valid code seen, even in an entry with other problems, so
    /// duplicates and name collisions are reported in the same run.
    codes: Vec<SeenCode>,
    /// The names of the distinct codes, in order: of every code, when the
    /// spec has no problem.
    names: Vec<Names>,
}

/// A valid code of an error entry, and what its identifiers derive from.
struct SeenCode {
    wire: String,
    integer: bool,
    at: Position,
    /// Its valid `name` and where it is written, if it has one.
    name: Option<(String, Position)>,
    /// Its identifiers in every language, resolved from [`Self::identifier`]
    /// as the entry is checked.
    names: Option<Names>,
}

impl SeenCode {
    /// What the entry's identifiers derive from, and whether it is a `name`
    /// (else the code); none for an integer code without a valid name.
    fn identifier(&self) -> Option<(&str, Position, &'static str)> {
        match &self.name {
            Some((name, at)) => Some((name, *at, "name")),
            None if !self.integer => Some((&self.wire, self.at, "code")),
            None => None,
        }
    }
}

/// Whose keys a mapping holds, so every message names what it is about.
#[derive(Clone)]
enum Owner {
    Spec,
    /// A top-level section: `retry`, `statuses`, `python`, `typescript`.
    Section(&'static str),
    /// An error entry: its code once known, and its number in the list.
    Error {
        code: Option<String>,
        number: usize,
    },
    /// A field: its name, and its error's name (`None` for a shared field).
    Field {
        name: String,
        error: Option<String>,
    },
}

impl Owner {
    /// How a message names the owner: "the spec", "`retry`", "error `NOT_FOUND`".
    fn name(&self) -> String {
        match self {
            Owner::Spec => "the spec".to_owned(),
            Owner::Section(section) => format!("`{section}`"),
            Owner::Error {
                code: Some(code), ..
            } => format!("error `{code}`"),
            Owner::Error { number, .. } => format!("error {number}"),
            Owner::Field { name, error: None } => format!("shared field `{name}`"),
            Owner::Field {
                name,
                error: Some(error),
            } => format!("field `{name}` of {error}"),
        }
    }

    /// How a message names one of its keys: "`name`", "`retry.max_retries`",
    /// "`status` of `NOT_FOUND`", written only if a message is.
    fn key<'k>(&'k self, key: &'k str) -> KeyName<'k> {
        KeyName { owner: self, key }
    }
}

/// A key as messages name it (see [`Owner::key`]).
struct KeyName<'k> {
    owner: &'k Owner,
    key: &'k str,
}

impl fmt::Display for KeyName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = self.key;
        match self.owner {
            Owner::Spec => write!(f, "`{key}`"),
            Owner::Section(section) => write!(f, "`{section}.{key}`"),
            Owner::Error {
                code: Some(code), ..
            } => write!(f, "`{key}` of `{code}`"),
            Owner::Error { number, .. } => write!(f, "`{key}` of error {number}"),
            Owner::Field { .. } => write!(f, "`{key}` of {}", self.owner.name()),
        }
    }
}

/// A mapping whose keys have been checked against the allowed ones.
struct Mapping<'n> {
    position: Position,
    owner: Owner,
    entries: &'n [Entry<'n>],
}

impl<'n> Mapping<'n> {
    /// The value under `key`; a null value counts as absent.
    fn get(&self, key: &str) -> Option<&'n Spanned<Node<'n>>> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.value, Node::Null))
    }
}

/// Reads one value; `subject` names it in messages, e.g. "`status` of `NOT_FOUND`".
type Read<'a, T> = &'a dyn Fn(&Spanned<Node>, &dyn fmt::Display) -> Result<T, Diagnostic>;

impl Decoder {
    fn spec(&mut self, root: &Spanned<Node>) -> Option<Spec> {
        if matches!(root.value, Node::Null) {
            self.problems.push(
                Diagnostic::new(Position { line: 1, column: 1 }, "the spec is empty")
                    .help("a spec needs at least `version: 1`, `name:` and a list of `errors:`"),
            );
            return None;
        }
        let top = self.mapping(root, Owner::Spec, file::spec_keys())?;

        let version = self.required(&top, "version", &integer);
        if let Some((version, at)) = version.zip(top.get("version").map(position))
            && version != SPEC_VERSION
        {
            self.problems.push(
                Diagnostic::new(at, format!("unsupported spec `version` {version}"))
                    .help(format!("this errspec reads `version: {SPEC_VERSION}`")),
            );
        }
        let name = self.required(&top, "name", &text);
        let description = self.optional(&top, "description", &string);
        let schema_id = self.optional(&top, "schema_id", &schema_id);
        let docs_url = self.optional(&top, "docs_url", &docs_url);
        let format = self.optional(&top, "format", &format).unwrap_or_default();
        let problem_base = self.optional(&top, "problem_base", &problem_base);
        match (format, top.get("problem_base")) {
            (WireFormat::Problem, None) => self.missing(
                &top,
                "problem_base",
                "problem_base: https://errors.example.com/",
            ),
            (WireFormat::Envelope | WireFormat::ErrorObject, Some(node)) => self.problems.push(
                Diagnostic::new(
                    position(node),
                    format!("`problem_base` is set, but the `format` is `{format}`"),
                )
                .help(
                    "`problem_base` gives problem `type` URIs: remove it, or set `format: problem`",
                ),
            ),
            _ => {}
        }
        let retry = top
            .get("retry")
            .map(|node| self.retry(node))
            .unwrap_or_default();
        let statuses = top
            .get("statuses")
            .map(|node| self.statuses(node))
            .unwrap_or_default();
        let support = self.optional(&top, "support", &string);
        let (python_package, fastapi) = top
            .get("python")
            .map(|node| {
                self.language(
                    node,
                    "python",
                    file::python_keys(),
                    "fastapi",
                    &|node, subject| {
                        package_name(
                            node,
                            subject,
                            python::package_name_problem,
                            "nanobanana_errors",
                        )
                    },
                )
            })
            .unwrap_or_default();
        let (typescript_package, node) = top
            .get("typescript")
            .map(|node| {
                self.language(
                    node,
                    "typescript",
                    file::typescript_keys(),
                    "node",
                    &|node, subject| {
                        package_name(
                            node,
                            subject,
                            typescript::package_name_problem,
                            "@nanobanana/errors",
                        )
                    },
                )
            })
            .unwrap_or_default();
        let axum = top
            .get("rust")
            .and_then(|node| {
                let map = self.mapping(node, Owner::Section("rust"), file::rust_keys())?;
                self.optional(&map, "axum", &boolean)
            })
            .unwrap_or(false);
        let fields = top
            .get("fields")
            .map(|node| self.fields(node, None))
            .unwrap_or_default();
        let errors = self.errors(&top, &fields);
        if let (Some(template), Some(errors), Some(node)) =
            (&docs_url, &errors, top.get("docs_url"))
        {
            self.check_doc_urls(template, errors, position(node));
        }

        let code_type = match self.codes.first() {
            Some(code) if code.integer => CodeType::Integer,
            _ => CodeType::String,
        };
        Some(Spec {
            name: name?,
            description,
            schema_id,
            docs_url,
            format,
            problem_base,
            code_type,
            retry,
            statuses,
            support,
            python_package,
            typescript_package,
            adapters: Adapters {
                axum,
                fastapi,
                node,
            },
            fields,
            errors: errors?,
        })
    }

    /// Each code's docs link must be a URI too: a code can make one invalid
    /// (`%A{code}`, `{code}:...`) that the check with a stand-in code passed.
    fn check_doc_urls(&mut self, template: &str, errors: &[ErrorDef], at: Position) {
        for error in errors {
            let url = docs::doc_url(template, &error.code, error.identifier()).unwrap_or_default();
            if !is_uri_reference(&url) {
                self.problems.push(
                    Diagnostic::new(
                        at,
                        format!(
                            "`docs_url` gives `{}` the link `{}`, which is not an absolute URI",
                            error.code,
                            printable(&url)
                        ),
                    )
                    .help("place `{code}` and `{anchor}` where any code makes a valid URI, e.g. after a `/` or `#`"),
                );
                return;
            }
        }
    }

    fn retry(&mut self, node: &Spanned<Node>) -> RetryPolicy {
        let defaults = RetryPolicy::default();
        let Some(map) = self.mapping(node, Owner::Section("retry"), file::retry_keys()) else {
            return defaults;
        };
        let max_retries = self.optional(&map, "max_retries", &|n, subject| {
            integer_in(n, subject, 0, MAX_RETRIES, "retries")
        });
        let initial = self.optional(&map, "initial_delay_ms", &|n, subject| {
            integer_in(n, subject, 0, MAX_DELAY_MS, "milliseconds")
        });
        let max = self.optional(&map, "max_delay_ms", &|n, subject| {
            integer_in(n, subject, 0, MAX_DELAY_MS, "milliseconds")
        });
        let multiplier = self.optional(&map, "multiplier", &multiplier);
        let jitter = self.optional(&map, "jitter", &jitter);

        let policy = RetryPolicy {
            max_retries: max_retries.map_or(defaults.max_retries, |n| n as u32),
            initial_delay_ms: initial.map_or(defaults.initial_delay_ms, |n| n as u64),
            multiplier: multiplier.unwrap_or(defaults.multiplier),
            max_delay_ms: max.map_or(defaults.max_delay_ms, |n| n as u64),
            jitter: jitter.unwrap_or(defaults.jitter),
        };
        if policy.max_delay_ms < policy.initial_delay_ms {
            let at = map
                .get("max_delay_ms")
                .or(map.get("initial_delay_ms"))
                .map_or(map.position, position);
            self.problems.push(
                Diagnostic::new(
                    at,
                    format!(
                        "`retry.max_delay_ms` ({}) is less than `retry.initial_delay_ms` ({})",
                        policy.max_delay_ms, policy.initial_delay_ms
                    ),
                )
                .help("the cap on one delay must be at least the first delay"),
            );
        }
        policy
    }

    /// A language's settings mapping (`python`, `typescript`): its
    /// `package`, and whether its server adapter (`adapter`) is on.
    fn language(
        &mut self,
        node: &Spanned<Node>,
        section: &'static str,
        keys: &[&str],
        adapter: &str,
        read: Read<'_, String>,
    ) -> (Option<String>, bool) {
        let Some(map) = self.mapping(node, Owner::Section(section), keys) else {
            return (None, false);
        };
        let package = self.optional(&map, "package", read);
        let adapter = self.optional(&map, adapter, &boolean).unwrap_or(false);
        (package, adapter)
    }

    fn statuses(&mut self, node: &Spanned<Node>) -> BTreeMap<u16, String> {
        let mut statuses = BTreeMap::new();
        let Some(map) = self.mapping(node, Owner::Section("statuses"), &[]) else {
            return statuses;
        };
        let mut first_seen: HashMap<u16, Position> = HashMap::new();
        for (key, value) in map.entries {
            // Only a plain number: `+429`, ` 429` and `0429` would silently
            // be the same status as `429`.
            let status = Some(&*key.value)
                .filter(|k| k.bytes().all(|b| b.is_ascii_digit()) && !k.starts_with('0'))
                .and_then(|k| k.parse::<u16>().ok())
                .filter(|s| (400..=599).contains(s));
            let Some(status) = status else {
                self.problems.push(
                    Diagnostic::new(
                        position(key),
                        format!("`statuses` key `{}` is not an HTTP error status", printable(&key.value)),
                    )
                    .help("`statuses` maps error statuses (400 to 599, written as plain numbers) to what they mean, e.g. `429: Rate limited`"),
                );
                continue;
            };
            if let Some(first) = first_seen.get(&status) {
                self.problems.push(
                    Diagnostic::new(
                        position(key),
                        format!(
                            "duplicate status {status} in `statuses` (first at line {})",
                            first.line
                        ),
                    )
                    .help("each status may appear only once; remove or merge one of them"),
                );
                continue;
            }
            first_seen.insert(status, position(key));
            if let Some(meaning) = self.take(text(value, &format!("`statuses.{status}`"))) {
                statuses.insert(status, meaning);
            }
        }
        statuses
    }

    fn errors(&mut self, top: &Mapping<'_>, shared: &[FieldDef]) -> Option<Vec<ErrorDef>> {
        let Some(node) = top.get("errors") else {
            self.missing(top, "errors", "errors:\n    - code: NOT_FOUND\n      ...");
            return None;
        };
        let Node::Seq(items) = &node.value else {
            self.problems.push(
                Diagnostic::new(
                    position(node),
                    format!("`errors` must be a list, found {}", node.value.kind()),
                )
                .help("write each error as a list item starting with `- code: ...`"),
            );
            return None;
        };
        if items.is_empty() {
            self.problems.push(
                Diagnostic::new(position(node), "`errors` is empty")
                    .help("a spec defines at least one error"),
            );
            return None;
        }

        // Entries are checked, and their codes named, on their own, so a
        // long list is split over the cores; what is checked across them
        // comes after.
        let chunks = crate::parallel::chunks(items, 512, |start, chunk| {
            let mut decoder = Decoder {
                codes: Vec::with_capacity(chunk.len()),
                ..Decoder::default()
            };
            let mut errors = Vec::with_capacity(chunk.len());
            errors.extend(
                (start + 1..)
                    .zip(chunk)
                    .filter_map(|(number, item)| decoder.error(item, number, shared)),
            );
            let all_valid = errors.len() == chunk.len();
            (decoder, errors, all_valid)
        });
        // The first part's lists grow to take the others, so that a long
        // list is not held twice while it is joined.
        let mut errors = Vec::new();
        let mut all_valid = true;
        for (decoder, chunk_errors, chunk_valid) in chunks {
            self.problems.extend(decoder.problems);
            append(&mut self.codes, decoder.codes, items.len());
            append(&mut errors, chunk_errors, items.len());
            all_valid &= chunk_valid;
        }
        self.check_codes_are_distinct();
        all_valid.then_some(errors)
    }

    /// Reports codes of both types, duplicate codes, duplicate names, and
    /// identifiers that collide in some target language, among every valid
    /// code seen.
    fn check_codes_are_distinct(&mut self) {
        if let Some(first) = self.codes.first() {
            let kind = |integer| if integer { "an integer" } else { "a string" };
            for code in self
                .codes
                .iter()
                .filter(|code| code.integer != first.integer)
            {
                self.problems.push(
                    Diagnostic::new(
                        code.at,
                        format!(
                            "code `{}` is {}, but the first code `{}` (line {}) is {}",
                            code.wire,
                            kind(code.integer),
                            first.wire,
                            first.at.line,
                            kind(first.integer)
                        ),
                    )
                    .help("every code of a spec is a string, or every one an integer"),
                );
            }
        }
        let mut first_code: HashMap<&str, Position> = HashMap::with_capacity(self.codes.len());
        let mut first_identifier: HashMap<&str, (&str, Position)> =
            HashMap::with_capacity(self.codes.len());
        let mut unique = Vec::with_capacity(self.codes.len());
        for (index, code) in self.codes.iter().enumerate() {
            if let Some(first) = first_code.get(code.wire.as_str()) {
                self.problems.push(
                    Diagnostic::new(
                        code.at,
                        format!(
                            "duplicate code `{}` (first defined at line {})",
                            code.wire, first.line
                        ),
                    )
                    .help("each code may appear only once; remove or rename one of them"),
                );
                continue;
            }
            first_code.insert(&code.wire, code.at);
            let Some((identifier, at, kind)) = code.identifier() else {
                continue;
            };
            match first_identifier.get(identifier) {
                Some((other, first_at)) => self.problems.push(
                    Diagnostic::new(
                        at,
                        format!(
                            "{kind} `{identifier}` of code `{}` is already what code `{other}` (line {}) is named by",
                            code.wire, first_at.line
                        ),
                    )
                    .help("each code's `name` (or, without one, its code) must be unique; rename one of them"),
                ),
                None => {
                    first_identifier.insert(identifier, (&code.wire, at));
                    unique.push(index);
                }
            }
        }
        // They borrow the codes, whose names are taken next.
        drop((first_code, first_identifier));
        let names: Vec<Names> = unique
            .iter()
            .map(|&index| {
                self.codes[index]
                    .names
                    .take()
                    .expect("a code with an identifier is named")
            })
            .collect();
        let identified: Vec<_> = unique
            .iter()
            .map(|&index| {
                let (identifier, at, kind) = self.codes[index]
                    .identifier()
                    .expect("a unique code has an identifier");
                (kind, identifier, at)
            })
            .collect();
        self.problems
            .extend(crate::names::collisions(&identified, &names));
        self.names = names;
    }

    fn error(
        &mut self,
        node: &Spanned<Node>,
        number: usize,
        shared: &[FieldDef],
    ) -> Option<ErrorDef> {
        // Messages name the entry by its code when it has a valid one.
        let named = match &node.value {
            Node::Map(entries) => entries
                .iter()
                .find(|(key, _)| key.value == "code")
                .and_then(|(_, value)| code(value, &"").ok())
                .map(|(wire, _)| wire),
            _ => None,
        };
        let owner = Owner::Error {
            code: named,
            number,
        };
        let map = self.mapping(node, owner, file::error_keys())?;
        let code = self.required(&map, "code", &code);
        let name = self.optional(&map, "name", &|node, subject| {
            let name = string(node, subject)?;
            identifier(node, subject, name, "name")
        });
        if let (Some((wire, integer)), Some(at)) = (&code, map.get("code")) {
            if *integer && map.get("name").is_none() {
                self.problems.push(
                    Diagnostic::new(
                        position(at),
                        format!("error `{wire}` has an integer code but no `name`"),
                    )
                    .help("add `name: ...` (e.g. `name: UNKNOWN_ACCOUNT`): identifiers in generated code derive from it"),
                );
            }
            let mut seen = SeenCode {
                wire: wire.clone(),
                integer: *integer,
                at: position(at),
                name: name.clone().zip(map.get("name").map(position)),
                names: None,
            };
            seen.names = seen
                .identifier()
                .map(|(identifier, ..)| Names::resolve(identifier));
            self.codes.push(seen);
        }
        let status = self.required(&map, "status", &|n, subject| {
            integer_in(n, subject, 400, 599, "an HTTP error status")
        });
        let message = self.required(&map, "message", &text);
        let retryable = self.required(&map, "retryable", &boolean);
        let title = self.optional(&map, "title", &line);
        let description = self.optional(&map, "description", &string);
        let causes = self.optional(&map, "causes", &causes).unwrap_or_default();
        let fix = self.optional(&map, "fix", &string);
        let example = self.optional(&map, "example", &string);
        let deprecated = self.optional(&map, "deprecated", &deprecated).flatten();
        let error_name = map.owner.name();
        let fields = map
            .get("fields")
            .map(|node| self.fields(node, Some(error_name.clone())));
        if let Some(fields) = &fields {
            self.check_own_fields(&error_name, shared, fields);
            if let (Some(message), Some(at)) = (&message, map.get("message")) {
                self.check_placeholders(&error_name, message, position(at), shared, fields);
            }
        }
        Some(ErrorDef {
            position: map.get("code").map_or(map.position, position),
            code: code?.0,
            name,
            status: status? as u16,
            message: message?,
            retryable: retryable?,
            title,
            description,
            causes,
            fix,
            example,
            deprecated,
            fields,
        })
    }

    /// The fields of a `fields` mapping; `error` names the error whose they
    /// are, `None` for the shared ones. Invalid fields are left out (and
    /// reported).
    fn fields(&mut self, node: &Spanned<Node>, error: Option<String>) -> Vec<FieldDef> {
        let subject = match &error {
            Some(error) => format!("`fields` of {error}"),
            None => "`fields`".to_owned(),
        };
        let Node::Map(entries) = &node.value else {
            self.problems.push(
                Diagnostic::new(
                    position(node),
                    format!(
                        "{subject} must be a mapping of field names to fields, found {}",
                        node.value.kind()
                    ),
                )
                .help("e.g. `fields: {request_id: {type: string}}`"),
            );
            return Vec::new();
        };
        let mut fields = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let name_valid = self.take(field_name(key, &subject)).is_some();
            let owner = Owner::Field {
                name: printable(&key.value),
                error: error.clone(),
            };
            if let Some(field) = self.field(value, owner, position(key))
                && name_valid
            {
                fields.push(FieldDef {
                    name: key.value.to_string(),
                    ..field
                });
            }
        }
        if error.is_none() {
            let names: Vec<(&str, Position)> = fields
                .iter()
                .map(|f| (f.name.as_str(), f.position))
                .collect();
            self.problems
                .extend(crate::names::field_collisions(None, &names));
        }
        fields
    }

    fn field(&mut self, node: &Spanned<Node>, owner: Owner, at: Position) -> Option<FieldDef> {
        if matches!(node.value, Node::Null) {
            self.problems.push(
                Diagnostic::new(position(node), format!("{} has no `type`", owner.name()))
                    .help("give it a type, e.g. `request_id: {type: string}`"),
            );
            return None;
        }
        if matches!(node.value, Node::Str(_) | Node::Seq(_)) && field_type(node, &"").is_ok() {
            let name = owner.name();
            self.problems.push(
                Diagnostic::new(
                    position(node),
                    format!("{name} must be a mapping with its `type`"),
                )
                .help("write the type as a key of the field, e.g. `request_id: {type: string}`"),
            );
            return None;
        }
        let map = self.mapping(node, owner, file::field_keys())?;
        let ty = self.required(&map, "type", &field_type);
        let required = self.optional(&map, "required", &boolean).unwrap_or(false);
        let description = self.optional(&map, "description", &text);
        let example = ty.and_then(|ty| {
            self.optional(&map, "example", &|node, subject| example(node, subject, ty))
        });
        Some(FieldDef {
            name: String::new(),
            ty: ty?,
            required,
            description,
            example,
            position: at,
        })
    }

    /// A code's own fields must not repeat a shared one, nor collide with one
    /// in any language.
    fn check_own_fields(&mut self, error: &str, shared: &[FieldDef], own: &[FieldDef]) {
        for field in own {
            if let Some(first) = shared.iter().find(|s| s.name == field.name) {
                self.problems.push(
                    Diagnostic::new(
                        field.position,
                        format!(
                            "field `{}` of {error} is already a shared field (line {})",
                            field.name, first.position.line
                        ),
                    )
                    .help("every error carries the shared fields; remove it here, or rename it"),
                );
            }
        }
        // Shared fields were checked among themselves, and a repeated one is
        // reported above.
        let all: Vec<(&str, Position)> = shared
            .iter()
            .chain(
                own.iter()
                    .filter(|f| !shared.iter().any(|s| s.name == f.name)),
            )
            .map(|f| (f.name.as_str(), f.position))
            .collect();
        self.problems.extend(
            crate::names::field_collisions(Some(error), &all)
                .into_iter()
                .filter(|problem| !shared.iter().any(|s| s.position == problem.position)),
        );
    }

    /// Every `{name}` in a message template must be a required field the
    /// code always carries; `{{` and `}}` are braces.
    fn check_placeholders(
        &mut self,
        error: &str,
        message: &str,
        at: Position,
        shared: &[FieldDef],
        own: &[FieldDef],
    ) {
        let carried = || shared.iter().chain(own);
        let names = || {
            let mut names: Vec<&str> = Vec::new();
            for field in carried() {
                if !names.contains(&field.name.as_str()) {
                    names.push(&field.name);
                }
            }
            if names.is_empty() {
                "it has none".to_owned()
            } else {
                format!("fields: {}", names.join(", "))
            }
        };
        let mut lone_brace_seen = false;
        for piece in template_pieces(message) {
            let problem = match piece {
                Piece::Text(_) => continue,
                Piece::Placeholder(name) => match carried().find(|f| f.name == name) {
                    Some(field) if field.required => continue,
                    Some(_) => Diagnostic::new(
                        at,
                        format!("`{{{name}}}` in the message of {error} is an optional field"),
                    )
                    .help(format!(
                        "a placeholder needs a field every such error carries: make `{name}` `required: true`, or write `{{{{{name}}}}}` for the text"
                    )),
                    None => Diagnostic::new(
                        at,
                        format!(
                            "`{{{}}}` in the message of {error} is not a required field of it; {}",
                            printable(name),
                            names()
                        ),
                    )
                    .help("name one of its required fields, or write `{{` and `}}` for braces"),
                },
                Piece::LoneBrace(_) if lone_brace_seen => continue,
                Piece::LoneBrace(brace) => {
                    lone_brace_seen = true;
                    Diagnostic::new(
                    at,
                    format!("the message of {error} has a lone `{brace}`"),
                )
                .help(format!(
                    "a code with `fields` has a message template: write `{brace}{brace}` for a brace, `{{name}}` for a field's value"
                ))
                }
            };
            self.problems.push(problem);
        }
    }

    /// Checks that `node` is a mapping whose keys are all in `allowed` (any key
    /// when `allowed` is empty), reporting each unknown key.
    fn mapping<'n>(
        &mut self,
        node: &'n Spanned<Node>,
        owner: Owner,
        allowed: &[&str],
    ) -> Option<Mapping<'n>> {
        let Node::Map(entries) = &node.value else {
            let what = match &owner {
                Owner::Error { number, .. } => format!("error {number}"),
                owner => owner.name(),
            };
            self.problems.push(Diagnostic::new(
                position(node),
                format!(
                    "{what} must be a mapping of keys to values, found {}",
                    node.value.kind()
                ),
            ));
            return None;
        };
        if !allowed.is_empty() {
            for (key, _) in entries
                .iter()
                .filter(|(key, _)| !allowed.contains(&&*key.value))
            {
                let what = owner.name();
                let help = match closest(&key.value, allowed) {
                    Some(near) => format!(
                        "did you mean `{near}`? {what} takes: {}",
                        allowed.join(", ")
                    ),
                    None => format!("{what} takes: {}", allowed.join(", ")),
                };
                self.problems.push(
                    Diagnostic::new(
                        position(key),
                        format!("unknown key `{}` in {what}", printable(&key.value)),
                    )
                    .help(help),
                );
            }
        }
        Some(Mapping {
            position: position(node),
            owner,
            entries,
        })
    }

    fn required<T>(&mut self, map: &Mapping<'_>, key: &str, read: Read<'_, T>) -> Option<T> {
        match map.get(key) {
            Some(node) => self.take(read(node, &map.owner.key(key))),
            None => {
                self.missing(map, key, &format!("{key}: ..."));
                None
            }
        }
    }

    fn optional<T>(&mut self, map: &Mapping<'_>, key: &str, read: Read<'_, T>) -> Option<T> {
        map.get(key)
            .and_then(|node| self.take(read(node, &map.owner.key(key))))
    }

    fn missing(&mut self, map: &Mapping<'_>, key: &str, example: &str) {
        let null = map
            .entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v);
        let (at, message) = match null {
            Some(value) => (
                position(value),
                format!("{} is required but is null", map.owner.key(key)),
            ),
            None => (
                map.position,
                format!("missing `{key}` in {}", map.owner.name()),
            ),
        };
        self.problems
            .push(Diagnostic::new(at, message).help(format!("add `{example}`")));
    }

    fn take<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|problem| self.problems.push(problem)).ok()
    }
}

/// "`status` of `X` must be an integer, found a string", with advice.
fn mismatch(node: &Spanned<Node>, subject: &dyn fmt::Display, expected: &str) -> Diagnostic {
    let problem = Diagnostic::new(
        position(node),
        format!("{subject} must be {expected}, found {}", node.value.kind()),
    );
    match (&node.value, expected) {
        (Node::Int(_) | Node::Float(_) | Node::Bool(_), "a string") => {
            problem.help("quote the value to make it a string, e.g. `message: \"404\"`")
        }
        (Node::Str(_), "an integer" | "a number") => {
            problem.help("write the number without quotes or `_`, e.g. `404`")
        }
        (Node::Str(_), "`true` or `false`") => {
            problem.help("write `true` or `false` without quotes")
        }
        _ => problem,
    }
}

fn string(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<String, Diagnostic> {
    match &node.value {
        Node::Str(s) => Ok(s.to_string()),
        _ => Err(mismatch(node, subject, "a string")),
    }
}

/// A string with something in it besides white space.
fn text(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<String, Diagnostic> {
    let s = string(node, subject)?;
    if s.trim().is_empty() {
        return Err(
            Diagnostic::new(position(node), format!("{subject} is empty"))
                .help("write a short sentence here"),
        );
    }
    Ok(s)
}

/// Text on one line.
fn line(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<String, Diagnostic> {
    let s = text(node, subject)?;
    if s.contains([
        '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
    ]) {
        return Err(
            Diagnostic::new(position(node), format!("{subject} must be one line"))
                .help("a title is a one-line summary; put the details in `description`"),
        );
    }
    Ok(s)
}

fn integer(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<i128, Diagnostic> {
    match node.value {
        Node::Int(n) => Ok(n),
        _ => Err(mismatch(node, subject, "an integer")),
    }
}

fn integer_in(
    node: &Spanned<Node>,
    subject: &dyn fmt::Display,
    min: i128,
    max: i128,
    unit: &str,
) -> Result<i128, Diagnostic> {
    let out_of_range = |shown: String| {
        Diagnostic::new(position(node), format!("{subject} is {shown}"))
            .help(format!("use {unit} from {min} to {max}"))
    };
    match node.value {
        Node::Int(n) if (min..=max).contains(&n) => Ok(n),
        Node::Int(n) if n.unsigned_abs() <= u128::from(u64::MAX) => {
            Err(out_of_range(format!("{n}, out of range")))
        }
        // The YAML parser reads integers too long for 128 bits as numbers
        // with a fraction: they are still integers, just far too large.
        Node::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() >= 2f64.powi(63) => Err(
            out_of_range(format!("an integer out of range (at most {max})")),
        ),
        Node::Int(_) => Err(out_of_range(format!(
            "an integer out of range (at most {max})"
        ))),
        _ => Err(mismatch(node, subject, "an integer")),
    }
}

fn boolean(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<bool, Diagnostic> {
    match node.value {
        Node::Bool(b) => Ok(b),
        _ => Err(mismatch(node, subject, "`true` or `false`")),
    }
}

fn multiplier(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<f64, Diagnostic> {
    let value = match node.value {
        Node::Int(n) => n as f64,
        Node::Float(f) => f,
        _ => return Err(mismatch(node, subject, "a number")),
    };
    if value >= 1.0 && value.is_finite() {
        return Ok(value);
    }
    Err(Diagnostic::new(position(node), format!("{subject} is {value}, less than 1"))
        .help("each delay must be at least the one before: use 1 for a constant delay, 2 to double it"))
}

fn jitter(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<Jitter, Diagnostic> {
    match &node.value {
        Node::Str(s) if s == "none" => Ok(Jitter::None),
        Node::Str(s) if s == "full" => Ok(Jitter::Full),
        Node::Str(s) => Err(Diagnostic::new(
            position(node),
            format!("{subject} is `{}`, which is no jitter", printable(s)),
        )
        .help("use `none` (exact delays) or `full` (random from zero to the delay)")),
        _ => Err(mismatch(node, subject, "`none` or `full`")),
    }
}

/// A code: its wire value (an integer's decimal digits), and whether it is an integer.
fn code(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<(String, bool), Diagnostic> {
    let out_of_range = || {
        Diagnostic::new(
            position(node),
            format!("{subject} is an integer out of range"),
        )
        .help(format!(
            "an integer code is from 0 to {MAX_SAFE_INTEGER} (2^53 - 1), exact in JSON numbers in every language"
        ))
    };
    match &node.value {
        Node::Int(n) if (0..=MAX_SAFE_INTEGER).contains(n) => Ok((n.to_string(), true)),
        Node::Int(_) => Err(out_of_range()),
        // The YAML parser reads integers too long for 128 bits as numbers
        // with a fraction.
        Node::Float(f) if f.is_finite() && f.fract() == 0.0 => Err(out_of_range()),
        Node::Str(text) => Ok((identifier(node, subject, text.to_string(), "code")?, false)),
        _ => Err(mismatch(node, subject, "a string or an integer")
            .help("a code is a string such as `NOT_FOUND`, or an integer such as `10001`")),
    }
}

/// A string code or a code's `name` (`what`): an identifier in every language.
fn identifier(
    node: &Spanned<Node>,
    subject: &dyn fmt::Display,
    text: String,
    what: &str,
) -> Result<String, Diagnostic> {
    let mut chars = text.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if valid && text.len() > MAX_CODE_LENGTH {
        return Err(Diagnostic::new(
            position(node),
            format!("{subject} is {} characters long: `{text}`", text.len()),
        )
        .help(format!(
            "a {what} is an identifier: keep it to {MAX_CODE_LENGTH} characters at most"
        )));
    }
    if valid {
        return Ok(text);
    }
    Err(Diagnostic::new(
        position(node),
        format!("{subject} is not a valid {what}: `{}`", printable(&text)),
    )
    .help(format!(
        "a {what} starts with an ASCII letter, followed by ASCII letters, digits, `_`, `.` or `-`"
    )))
}

fn format(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<WireFormat, Diagnostic> {
    let spellings = || {
        WireFormat::ALL
            .iter()
            .map(|format| format!("`{format}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &node.value {
        Node::Str(s) => WireFormat::ALL
            .into_iter()
            .find(|format| format.as_str() == s)
            .ok_or_else(|| {
                Diagnostic::new(
                    position(node),
                    format!("{subject} is `{}`, which is no wire format", printable(s)),
                )
                .help(format!(
                    "use one of {}: `envelope` is `{{\"data\", \"error\"}}`, `error-object` is `{{\"error\"}}`, `problem` is RFC 9457",
                    spellings()
                ))
            }),
        _ => Err(mismatch(node, subject, "a string").help(format!("use one of {}", spellings()))),
    }
}

/// `problem_base`: an absolute URI, a fragment allowed; a code after it
/// keeps it one, as codes are URI characters.
fn problem_base(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<String, Diagnostic> {
    let base = string(node, subject)?;
    if is_uri_reference(&base) {
        return Ok(base);
    }
    Err(Diagnostic::new(
        position(node),
        format!("{subject} `{}` is not an absolute URI", printable(&base)),
    )
    .help(
        "use a URI with a scheme that each code is appended to, e.g. `https://errors.example.com/`",
    ))
}

/// An absolute URI (RFC 3986: a scheme, then only URI characters, `%`
/// escapes whole) without a fragment, as JSON Schema wants for `$id`.
fn schema_id(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<String, Diagnostic> {
    let id = string(node, subject)?;
    if is_absolute_uri(&id) {
        return Ok(id);
    }
    Err(Diagnostic::new(position(node), format!("{subject} `{}` is not an absolute URI", printable(&id)))
        .help("use a URI with a scheme, no fragment, and `%`-escapes for spaces, quotes, `<>{}\\` and non-ASCII characters, e.g. `https://api.example.com/schemas/errors.json`"))
}

/// A docs link template: an absolute URI, a fragment allowed, once its
/// `{code}` and `{anchor}` placeholders are filled in.
fn docs_url(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<String, Diagnostic> {
    let template = string(node, subject)?;
    let filled = match docs::doc_url(&template, "CODE", "CODE") {
        Ok(filled) => filled,
        Err(placeholder) => {
            return Err(Diagnostic::new(
                position(node),
                format!(
                    "{subject} has `{}`, which is no placeholder",
                    printable(&placeholder)
                ),
            )
            .help("the placeholders are `{code}` and `{anchor}`"));
        }
    };
    if is_uri_reference(&filled) {
        return Ok(template);
    }
    Err(Diagnostic::new(position(node), format!("{subject} `{}` is not an absolute URI", printable(&template)))
        .help("use a URI with a scheme and `%`-escapes for spaces, quotes, `<>\\` and non-ASCII characters, e.g. `https://docs.example.com/errors#{anchor}`"))
}

/// Whether `url` is an absolute URI, a fragment allowed.
fn is_uri_reference(url: &str) -> bool {
    let (address, fragment) = url.split_once('#').unwrap_or((url, ""));
    is_absolute_uri(address) && is_absolute_uri(&format!("x:{fragment}x"))
}

/// Whether `id` is an absolute URI without a fragment (RFC 3986: a scheme,
/// then only URI characters, `%` escapes whole).
fn is_absolute_uri(id: &str) -> bool {
    let (scheme, rest) = id.split_once(':').unwrap_or(("", ""));
    let scheme_valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    let bytes = rest.as_bytes();
    let rest_valid = !rest.is_empty()
        && bytes.iter().enumerate().all(|(i, &b)| match b {
            b'%' => {
                bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            }
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+'
            | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?' => true,
            b => b.is_ascii_alphanumeric(),
        });
    scheme_valid && rest_valid
}

/// A package name, checked by the language's rule (`problem`).
fn package_name(
    node: &Spanned<Node>,
    subject: &dyn fmt::Display,
    problem: fn(&str) -> Option<String>,
    example: &str,
) -> Result<String, Diagnostic> {
    let name = string(node, subject)?;
    match problem(&name) {
        None => Ok(name),
        Some(problem) => Err(Diagnostic::new(
            position(node),
            format!("{subject} `{}` cannot be used: {problem}", printable(&name)),
        )
        .help(format!("choose another name, e.g. `{example}`"))),
    }
}

fn causes(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<Vec<String>, Diagnostic> {
    let Node::Seq(items) = &node.value else {
        return Err(mismatch(node, subject, "a list of strings")
            .help("write each cause as a list item: `- Missing field`"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| text(item, &format_args!("{subject} item {}", i + 1)))
        .collect()
}

fn deprecated(
    node: &Spanned<Node>,
    subject: &dyn fmt::Display,
) -> Result<Option<Deprecated>, Diagnostic> {
    match &node.value {
        Node::Bool(false) => Ok(None),
        Node::Bool(true) => Ok(Some(Deprecated { note: None })),
        Node::Str(_) => Ok(Some(Deprecated {
            note: Some(text(node, subject)?),
        })),
        _ => Err(mismatch(node, subject, "`true`, `false` or a note")
            .help("e.g. `deprecated: use NOT_FOUND instead`")),
    }
}

/// A field's wire name: an ASCII letter, then letters, digits or `_`, not reserved.
fn field_name(key: &Spanned<Cow<'_, str>>, subject: &dyn fmt::Display) -> Result<(), Diagnostic> {
    let name = &key.value;
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    let problem =
        if !valid {
            Diagnostic::new(
            position(key),
            format!("{subject} has `{}`, which is no field name", printable(name)),
        )
        .help("a field name starts with an ASCII letter, followed by ASCII letters, digits or `_`")
        } else if name.len() > MAX_FIELD_NAME_LENGTH {
            Diagnostic::new(
                position(key),
                format!("{subject} has `{name}`, {} characters long", name.len()),
            )
            .help(format!(
                "keep field names to {MAX_FIELD_NAME_LENGTH} characters at most"
            ))
        } else if RESERVED_FIELD_NAMES.contains(&&**name) {
            Diagnostic::new(
            position(key),
            format!("{subject} has `{name}`, a reserved member name"),
        )
        .help(format!(
            "`{}` are the error's own members (RFC 9457 uses the last five); choose another name",
            RESERVED_FIELD_NAMES.join("`, `")
        ))
        } else {
            return Ok(());
        };
    Err(problem)
}

fn field_type(node: &Spanned<Node>, subject: &dyn fmt::Display) -> Result<FieldType, Diagnostic> {
    let words = Scalar::ALL.map(Scalar::as_str).join(", ");
    let unknown = |word: &str| {
        Diagnostic::new(
            position(node),
            format!("{subject} is `{}`, which is no field type", printable(word)),
        )
        .help(format!("use one of {words}, or a list of one: `[string]`"))
    };
    match &node.value {
        Node::Str(word) => Scalar::from_word(word)
            .map(FieldType::Scalar)
            .ok_or_else(|| unknown(word)),
        Node::Seq(items) => match items.as_slice() {
            [item] => match &item.value {
                Node::Str(word) => Scalar::from_word(word)
                    .map(FieldType::List)
                    .ok_or_else(|| unknown(word)),
                _ => Err(mismatch(
                    item,
                    &format!("the element type in {subject}"),
                    "a type name",
                )),
            },
            _ => Err(Diagnostic::new(
                position(node),
                format!("{subject} is a list of {} types", items.len()),
            )
            .help("a list type names one element type, e.g. `[string]`")),
        },
        _ => Err(mismatch(node, subject, "a type name")
            .help(format!("use one of {words}, or a list of one: `[string]`"))),
    }
}

/// The largest integer every language holds exactly: 2^53 - 1.
pub(crate) const MAX_SAFE_INTEGER: i128 = (1 << 53) - 1;

/// An example value, which must be of the field's type.
fn example(
    node: &Spanned<Node>,
    subject: &dyn fmt::Display,
    ty: FieldType,
) -> Result<serde_json::Value, Diagnostic> {
    let value = json_value(node, subject)?;
    let matches = match ty {
        FieldType::Scalar(scalar) => scalar_matches(scalar, &value),
        FieldType::List(scalar) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|item| scalar_matches(scalar, item))),
    };
    if matches {
        return Ok(value);
    }
    Err(Diagnostic::new(position(node), format!("{subject} is not of type `{ty}`: `{}`", printable(&value.to_string())))
        .help(match ty {
            FieldType::Scalar(Scalar::Integer) | FieldType::List(Scalar::Integer) => {
                format!("give a value of the field's type; integers go from -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER}")
            }
            FieldType::Scalar(Scalar::String) => "give a value of the field's type; quote it to make it a string".to_owned(),
            _ => "give a value of the field's type".to_owned(),
        }))
}

/// Whether a JSON value is of a scalar type, as every generated client reads it.
pub(crate) fn scalar_matches(scalar: Scalar, value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (scalar, value) {
        (_, Value::Null) => false,
        (Scalar::String, Value::String(_))
        | (Scalar::Boolean, Value::Bool(_))
        | (Scalar::Number, Value::Number(_))
        | (Scalar::Json, _) => true,
        (Scalar::Integer, Value::Number(n)) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i128))
            .is_some_and(|n| n.abs() <= MAX_SAFE_INTEGER),
        _ => false,
    }
}

/// A YAML value as JSON: mappings become objects, in order.
fn json_value(
    node: &Spanned<Node>,
    subject: &dyn fmt::Display,
) -> Result<serde_json::Value, Diagnostic> {
    use serde_json::Value;
    Ok(match &node.value {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Int(n) => match i64::try_from(*n) {
            Ok(n) if i128::from(n).abs() <= MAX_SAFE_INTEGER => Value::from(n),
            _ => {
                return Err(Diagnostic::new(
                    position(node),
                    format!("{subject} has an integer out of range: {n}"),
                )
                .help(format!(
                    "JSON integers in errspec go from -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER}"
                )));
            }
        },
        Node::Float(f) => serde_json::Number::from_f64(*f)
            .map(Value::Number)
            .ok_or_else(|| {
                Diagnostic::new(
                    position(node),
                    format!("{subject} has `{f}`, which JSON cannot hold"),
                )
                .help("use a finite number")
            })?,
        Node::Str(s) => Value::String(s.to_string()),
        Node::Seq(items) => Value::Array(
            items
                .iter()
                .map(|item| json_value(item, subject))
                .collect::<Result<_, _>>()?,
        ),
        Node::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| Ok((key.value.to_string(), json_value(value, subject)?)))
                .collect::<Result<_, Diagnostic>>()?,
        ),
    })
}

/// A piece of a message template.
#[derive(Debug, PartialEq)]
pub(crate) enum Piece<'a> {
    /// Text, with `{{` and `}}` already made single braces.
    Text(String),
    /// `{name}`: what is between the braces.
    Placeholder(&'a str),
    /// A `{` or `}` that opens or closes nothing: a problem for the spec's
    /// checks. The brace is also kept in the following `Text`, so whoever
    /// only fills a template can skip these.
    LoneBrace(char),
}

/// A message template cut into text and placeholders: `{name}` is a
/// placeholder when `name` is a field name, `{{` and `}}` are braces.
pub(crate) fn template_pieces(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let brace = rest.as_bytes()[i] as char;
        if after.starts_with(brace) {
            text.push(brace);
            rest = &after[1..];
            continue;
        }
        let closing = (brace == '{').then(|| after.find('}')).flatten();
        match closing {
            Some(end)
                if after[..end]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && end > 0 =>
            {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Placeholder(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                pieces.push(Piece::LoneBrace(brace));
                text.push(brace);
                rest = after;
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// The allowed key closest to a mistyped one, if any is close enough to be a typo.
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| {
            (
                edit_distance(&key.to_ascii_lowercase(), candidate),
                *candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
        .min()
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// Appends `part` to `whole`, which holds at most `len` items in the end:
/// the first part becomes `whole` itself, with room for the rest.
fn append<T>(whole: &mut Vec<T>, mut part: Vec<T>, len: usize) {
    if whole.is_empty() {
        part.reserve_exact(len.saturating_sub(part.len()));
        *whole = part;
    } else {
        whole.append(&mut part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_cut_into_text_and_placeholders() {
        use Piece::*;
        assert_eq!(
            template_pieces("{field} is {{not}} {max_length}"),
            [
                Placeholder("field"),
                Text(" is {not} ".into()),
                Placeholder("max_length")
            ]
        );
        assert_eq!(
            template_pieces("a } b"),
            [LoneBrace('}'), Text("a } b".into())]
        );
        assert_eq!(
            template_pieces("{not a name}"),
            [LoneBrace('{'), LoneBrace('}'), Text("{not a name}".into())]
        );
        assert_eq!(template_pieces(""), []);
    }

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(closest("retryble", file::error_keys()), Some("retryable"));
        assert_eq!(closest("Status", file::error_keys()), Some("status"));
        assert_eq!(closest("colour", file::error_keys()), None);
    }
}
