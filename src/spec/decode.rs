//! Walks the YAML node tree into a [`Spec`], checking every rule of the spec
//! format and collecting every problem rather than stopping at the first.

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::Spanned;

use super::file;
use super::yaml::{Node, position};
use super::{Deprecated, ErrorDef, Jitter, RetryPolicy, SPEC_VERSION, Spec};
use crate::diagnostic::{Diagnostic, Position};
use crate::targets::python::names as python;
use crate::targets::typescript::names as typescript;
use crate::text::printable;

/// The longest code: an identifier, short enough to stay one line in generated code.
pub(crate) const MAX_CODE_LENGTH: usize = 64;
/// The most retries a policy may ask for.
pub(crate) const MAX_RETRIES: i128 = 20;
/// The longest delay a policy may ask for: one day, in milliseconds.
pub(crate) const MAX_DELAY_MS: i128 = 86_400_000;

/// Decodes a whole spec, or returns every problem found in it.
pub(super) fn decode(root: &Spanned<Node>) -> Result<Spec, Vec<Diagnostic>> {
    let mut decoder = Decoder::default();
    let spec = decoder.spec(root);
    match spec {
        Some(spec) if decoder.problems.is_empty() => Ok(spec),
        _ => Err(decoder.problems),
    }
}

#[derive(Default)]
struct Decoder {
    problems: Vec<Diagnostic>,
    /// Every valid code seen, even in an entry with other problems, so
    /// duplicates and name collisions are reported in the same run.
    codes: Vec<(String, Position)>,
}

/// A mapping whose keys have been checked against the allowed ones.
struct Mapping<'n> {
    position: Position,
    what: &'static str,
    entries: &'n [(Spanned<String>, Spanned<Node>)],
}

impl<'n> Mapping<'n> {
    /// The value under `key`; a null value counts as absent.
    fn get(&self, key: &str) -> Option<&'n Spanned<Node>> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.value, Node::Null))
    }
}

impl Decoder {
    fn spec(&mut self, root: &Spanned<Node>) -> Option<Spec> {
        if matches!(root.value, Node::Null) {
            self.problems.push(
                Diagnostic::new(Position { line: 1, column: 1 }, "the spec is empty")
                    .help("a spec needs at least `version: 1`, `name:` and a list of `errors:`"),
            );
            return None;
        }
        let top = self.mapping(root, "the spec", file::spec_keys())?;

        let version = self.required(&top, "version", integer);
        if let Some((version, at)) = version.zip(top.get("version").map(position))
            && version != SPEC_VERSION
        {
            self.problems.push(
                Diagnostic::new(at, format!("unsupported spec version {version}"))
                    .help(format!("this errspec reads `version: {SPEC_VERSION}`")),
            );
        }
        let name = self.required(&top, "name", text);
        let description = self.optional(&top, "description", string);
        let schema_id = self.optional(&top, "schema_id", schema_id);
        let retry = top
            .get("retry")
            .map(|node| self.retry(node))
            .unwrap_or_default();
        let statuses = top
            .get("statuses")
            .map(|node| self.statuses(node))
            .unwrap_or_default();
        let support = self.optional(&top, "support", string);
        let python_package = top
            .get("python")
            .and_then(|node| self.package(node, "`python`", file::python_keys(), python_package));
        let typescript_package = top.get("typescript").and_then(|node| {
            self.package(node, "`typescript`", file::typescript_keys(), npm_package)
        });
        let errors = self.errors(&top);

        Some(Spec {
            name: name?,
            description,
            schema_id,
            retry,
            statuses,
            support,
            python_package,
            typescript_package,
            errors: errors?,
        })
    }

    fn retry(&mut self, node: &Spanned<Node>) -> RetryPolicy {
        let defaults = RetryPolicy::default();
        let Some(map) = self.mapping(node, "`retry`", file::retry_keys()) else {
            return defaults;
        };
        let max_retries = self.optional(&map, "max_retries", |n| {
            integer_in(n, 0, MAX_RETRIES, "retries")
        });
        let initial = self.optional(&map, "initial_delay_ms", |n| {
            integer_in(n, 0, MAX_DELAY_MS, "milliseconds")
        });
        let max = self.optional(&map, "max_delay_ms", |n| {
            integer_in(n, 0, MAX_DELAY_MS, "milliseconds")
        });
        let multiplier = self.optional(&map, "multiplier", multiplier);
        let jitter = self.optional(&map, "jitter", jitter);

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
                        "`max_delay_ms` ({}) is less than `initial_delay_ms` ({})",
                        policy.max_delay_ms, policy.initial_delay_ms
                    ),
                )
                .help("the cap on one delay must be at least the first delay"),
            );
        }
        policy
    }

    /// A language's settings mapping (`python`, `typescript`): its `package`.
    fn package(
        &mut self,
        node: &Spanned<Node>,
        what: &'static str,
        keys: &[&str],
        read: fn(&Spanned<Node>) -> Result<String, Diagnostic>,
    ) -> Option<String> {
        let map = self.mapping(node, what, keys)?;
        self.optional(&map, "package", read)
    }

    fn statuses(&mut self, node: &Spanned<Node>) -> BTreeMap<u16, String> {
        let mut statuses = BTreeMap::new();
        let Some(map) = self.mapping(node, "`statuses`", &[]) else {
            return statuses;
        };
        for (key, value) in map.entries {
            let status = key
                .value
                .trim()
                .parse::<i128>()
                .ok()
                .filter(|s| (400..=599).contains(s));
            let Some(status) = status else {
                self.problems.push(
                    Diagnostic::new(position(key), format!("`{}` is not an HTTP error status", printable(&key.value)))
                        .help("`statuses` maps error statuses (400 to 599) to what they mean, e.g. `429: Rate limited`"),
                );
                continue;
            };
            if let Some(meaning) = self.take(text(value)) {
                statuses.insert(status as u16, meaning);
            }
        }
        statuses
    }

    fn errors(&mut self, top: &Mapping<'_>) -> Option<Vec<ErrorDef>> {
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

        let mut errors = Vec::with_capacity(items.len());
        let mut all_valid = true;
        for item in items {
            match self.error(item) {
                Some(error) => errors.push(error),
                None => all_valid = false,
            }
        }
        self.check_codes_are_distinct();
        all_valid.then_some(errors)
    }

    /// Reports duplicate codes, and codes whose identifiers collide in some
    /// target language, among every valid code seen.
    fn check_codes_are_distinct(&mut self) {
        let mut first_seen: HashMap<&str, Position> = HashMap::with_capacity(self.codes.len());
        let mut unique = Vec::with_capacity(self.codes.len());
        for (code, at) in &self.codes {
            if let Some(first) = first_seen.get(code.as_str()) {
                self.problems.push(
                    Diagnostic::new(
                        *at,
                        format!(
                            "duplicate code `{code}` (first defined at line {})",
                            first.line
                        ),
                    )
                    .help("each code may appear only once; remove or rename one of them"),
                );
            } else {
                first_seen.insert(code, *at);
                unique.push((code.as_str(), *at));
            }
        }
        self.problems.extend(crate::names::collisions(&unique));
    }

    fn error(&mut self, node: &Spanned<Node>) -> Option<ErrorDef> {
        let map = self.mapping(node, "an error entry", file::error_keys())?;
        let code = self.required(&map, "code", code);
        if let (Some(code), Some(at)) = (&code, map.get("code")) {
            self.codes.push((code.clone(), position(at)));
        }
        let status = self.required(&map, "status", |n| {
            integer_in(n, 400, 599, "an HTTP error status")
        });
        let message = self.required(&map, "message", text);
        let retryable = self.required(&map, "retryable", boolean);
        let description = self.optional(&map, "description", string);
        let causes = self.optional(&map, "causes", causes).unwrap_or_default();
        let fix = self.optional(&map, "fix", string);
        let example = self.optional(&map, "example", string);
        let deprecated = self.optional(&map, "deprecated", deprecated).flatten();
        Some(ErrorDef {
            position: map.get("code").map_or(map.position, position),
            code: code?,
            status: status? as u16,
            message: message?,
            retryable: retryable?,
            description,
            causes,
            fix,
            example,
            deprecated,
        })
    }

    /// Checks that `node` is a mapping whose keys are all in `allowed` (any key
    /// when `allowed` is empty), reporting each unknown key.
    fn mapping<'n>(
        &mut self,
        node: &'n Spanned<Node>,
        what: &'static str,
        allowed: &[&str],
    ) -> Option<Mapping<'n>> {
        let Node::Map(entries) = &node.value else {
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
                .filter(|(key, _)| !allowed.contains(&key.value.as_str()))
            {
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
            what,
            entries,
        })
    }

    fn required<T>(
        &mut self,
        map: &Mapping<'_>,
        key: &str,
        read: impl FnOnce(&Spanned<Node>) -> Result<T, Diagnostic>,
    ) -> Option<T> {
        match map.get(key) {
            Some(node) => self.take(read(node)),
            None => {
                self.missing(map, key, &format!("{key}: ..."));
                None
            }
        }
    }

    fn optional<T>(
        &mut self,
        map: &Mapping<'_>,
        key: &str,
        read: impl FnOnce(&Spanned<Node>) -> Result<T, Diagnostic>,
    ) -> Option<T> {
        map.get(key).and_then(|node| self.take(read(node)))
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
                format!("`{key}` is required in {} but is null", map.what),
            ),
            None => (map.position, format!("missing `{key}` in {}", map.what)),
        };
        self.problems
            .push(Diagnostic::new(at, message).help(format!("add `{example}`")));
    }

    fn take<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|problem| self.problems.push(problem)).ok()
    }
}

fn mismatch(node: &Spanned<Node>, expected: &str) -> Diagnostic {
    let problem = Diagnostic::new(
        position(node),
        format!("expected {expected}, found {}", node.value.kind()),
    );
    match (&node.value, expected) {
        (Node::Int(_) | Node::Float(_) | Node::Bool(_), "a string") => {
            problem.help("quote the value to make it a string, e.g. `message: \"404\"`")
        }
        (Node::Str(_), "an integer" | "a number") => {
            problem.help("write the number without quotes")
        }
        (Node::Str(_), "`true` or `false`") => {
            problem.help("write `true` or `false` without quotes")
        }
        _ => problem,
    }
}

fn string(node: &Spanned<Node>) -> Result<String, Diagnostic> {
    match &node.value {
        Node::Str(s) => Ok(s.clone()),
        _ => Err(mismatch(node, "a string")),
    }
}

/// A string with something in it besides white space.
fn text(node: &Spanned<Node>) -> Result<String, Diagnostic> {
    let s = string(node)?;
    if s.trim().is_empty() {
        return Err(Diagnostic::new(position(node), "this text is empty")
            .help("write a short sentence here"));
    }
    Ok(s)
}

fn integer(node: &Spanned<Node>) -> Result<i128, Diagnostic> {
    match node.value {
        Node::Int(n) => Ok(n),
        _ => Err(mismatch(node, "an integer")),
    }
}

fn integer_in(node: &Spanned<Node>, min: i128, max: i128, unit: &str) -> Result<i128, Diagnostic> {
    let n = integer(node)?;
    if (min..=max).contains(&n) {
        return Ok(n);
    }
    Err(
        Diagnostic::new(position(node), format!("{n} is out of range"))
            .help(format!("use {unit} from {min} to {max}")),
    )
}

fn boolean(node: &Spanned<Node>) -> Result<bool, Diagnostic> {
    match node.value {
        Node::Bool(b) => Ok(b),
        _ => Err(mismatch(node, "`true` or `false`")),
    }
}

fn multiplier(node: &Spanned<Node>) -> Result<f64, Diagnostic> {
    let value = match node.value {
        Node::Int(n) => n as f64,
        Node::Float(f) => f,
        _ => return Err(mismatch(node, "a number")),
    };
    if value >= 1.0 && value.is_finite() {
        return Ok(value);
    }
    Err(Diagnostic::new(position(node), format!("multiplier {value} is less than 1"))
        .help("each delay must be at least the one before: use 1 for a constant delay, 2 to double it"))
}

fn jitter(node: &Spanned<Node>) -> Result<Jitter, Diagnostic> {
    match &node.value {
        Node::Str(s) if s == "none" => Ok(Jitter::None),
        Node::Str(s) if s == "full" => Ok(Jitter::Full),
        Node::Str(s) => Err(Diagnostic::new(
            position(node),
            format!("unknown jitter `{}`", printable(s)),
        )
        .help("use `none` (exact delays) or `full` (random from zero to the delay)")),
        _ => Err(mismatch(node, "`none` or `full`")),
    }
}

fn code(node: &Spanned<Node>) -> Result<String, Diagnostic> {
    let code = string(node)?;
    let mut chars = code.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if valid && code.len() > MAX_CODE_LENGTH {
        return Err(Diagnostic::new(
            position(node),
            format!("code `{code}` is {} characters long", code.len()),
        )
        .help(format!(
            "a code is an identifier: keep it to {MAX_CODE_LENGTH} characters at most"
        )));
    }
    if valid {
        return Ok(code);
    }
    Err(Diagnostic::new(
        position(node),
        format!("invalid code `{}`", printable(&code)),
    )
    .help("a code starts with an ASCII letter, followed by ASCII letters, digits, `_`, `.` or `-`"))
}

/// An absolute URI without a fragment, as JSON Schema wants for `$id`.
fn schema_id(node: &Spanned<Node>) -> Result<String, Diagnostic> {
    let id = string(node)?;
    let scheme_end = id.find(':').unwrap_or(0);
    let scheme = &id[..scheme_end];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        && id.len() > scheme_end + 1
        && !id.contains(|c: char| c == '#' || c.is_whitespace() || c.is_control());
    if valid {
        return Ok(id);
    }
    Err(Diagnostic::new(position(node), format!("`schema_id` `{}` is not an absolute URI", printable(&id)))
        .help("use a URI with a scheme and no fragment, e.g. `https://api.example.com/schemas/errors.json`"))
}

/// A Python import name: lowercase ASCII, digits and `_`, not a keyword.
fn python_package(node: &Spanned<Node>) -> Result<String, Diagnostic> {
    let name = string(node)?;
    if python::is_package_name(&name) {
        return Ok(name);
    }
    Err(Diagnostic::new(
        position(node),
        format!("`{}` is not a Python package name", printable(&name)),
    )
    .help(
        "use lowercase letters, digits and `_`, starting with a letter, e.g. `nanobanana_errors`",
    ))
}

/// An npm package name: lowercase, optionally `@scope/`, URL-safe characters.
fn npm_package(node: &Spanned<Node>) -> Result<String, Diagnostic> {
    let name = string(node)?;
    if typescript::is_package_name(&name) {
        return Ok(name);
    }
    Err(Diagnostic::new(
        position(node),
        format!("`{}` is not an npm package name", printable(&name)),
    )
    .help(
        "use lowercase letters, digits, `-`, `.` and `_`, optionally scoped: `@nanobanana/errors`",
    ))
}

fn causes(node: &Spanned<Node>) -> Result<Vec<String>, Diagnostic> {
    let Node::Seq(items) = &node.value else {
        return Err(mismatch(node, "a list of strings")
            .help("write each cause as a list item: `- Missing field`"));
    };
    items.iter().map(text).collect()
}

fn deprecated(node: &Spanned<Node>) -> Result<Option<Deprecated>, Diagnostic> {
    match &node.value {
        Node::Bool(false) => Ok(None),
        Node::Bool(true) => Ok(Some(Deprecated { note: None })),
        Node::Str(_) => Ok(Some(Deprecated {
            note: Some(text(node)?),
        })),
        _ => Err(mismatch(node, "`true`, `false` or a note")
            .help("e.g. `deprecated: use NOT_FOUND instead`")),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(closest("retryble", file::error_keys()), Some("retryable"));
        assert_eq!(closest("Status", file::error_keys()), Some("status"));
        assert_eq!(closest("colour", file::error_keys()), None);
    }
}
