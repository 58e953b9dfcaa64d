//! Every language's names for a code, resolved by the `names` leaf of each
//! target, and the check that no two codes share one. The spec's validation
//! and the model both read it; it reads only the leaves.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Position};
use crate::targets::docs::names as docs;
use crate::targets::naming::CodeWords;
use crate::targets::python::names as python;
use crate::targets::rust::names as rust;
use crate::targets::typescript::names as typescript;

/// A code's identifiers in every target language.
#[derive(Debug, Serialize)]
pub struct Names {
    pub rust: rust::Names,
    pub python: python::Names,
    pub typescript: typescript::Names,
    pub docs: docs::Names,
}

impl Names {
    pub(crate) fn resolve(code: &str) -> Self {
        let words = CodeWords::of(code);
        Self {
            rust: rust::names(&words),
            python: python::names(&words),
            typescript: typescript::names(&words),
            docs: docs::names(code),
        }
    }

    /// Each identifier with what it is, e.g. `("Rust enum variant", "NotFound")`.
    /// Identifiers with the same description share a namespace.
    fn identifiers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.rust
            .identifiers()
            .into_iter()
            .chain(self.python.identifiers())
            .chain(self.typescript.identifiers())
            .chain(self.docs.identifiers())
    }
}

/// A field's identifiers in every target language.
#[derive(Debug, Serialize)]
pub struct FieldNames {
    /// Field of the code's Rust fields struct, e.g. `top_up_url`.
    pub rust: String,
    /// Attribute of the code's Python exception class, e.g. `top_up_url`.
    pub python: String,
    /// Property of the code's TypeScript error class, e.g. `topUpUrl`.
    pub typescript: String,
}

impl FieldNames {
    pub(crate) fn resolve(wire: &str) -> Self {
        Self {
            rust: rust::field(wire),
            python: python::field(wire),
            typescript: typescript::field(wire),
        }
    }

    fn identifiers(&self) -> [(&'static str, &str); 3] {
        [
            ("the Rust field", &self.rust),
            ("the Python attribute", &self.python),
            ("the TypeScript property", &self.typescript),
        ]
    }
}

/// Problems where two fields an error of `owner` (`None` for the shared
/// fields) carries get the same identifier in some language, each reported
/// once per pair at the later field. `fields` are the shared fields, then
/// the code's own.
pub(crate) fn field_collisions(
    owner: Option<&str>,
    fields: &[(&str, Position)],
) -> Vec<Diagnostic> {
    let names: Vec<FieldNames> = fields
        .iter()
        .map(|(name, _)| FieldNames::resolve(name))
        .collect();
    let identifiers: Vec<Vec<_>> = names
        .iter()
        .map(|names| names.identifiers().to_vec())
        .collect();
    clashes(&identifiers)
        .into_iter()
        .map(|clash| {
            let (name, at) = fields[clash.later];
            let (other, other_at) = fields[clash.earlier];
            let subject = match owner {
                Some(owner) => format!("field `{name}` of {owner}"),
                None => format!("shared field `{name}`"),
            };
            Diagnostic::new(
                at,
                format!(
                    "{subject} collides with `{other}` (line {}): both become {} `{}`",
                    other_at.line, clash.what, clash.identifier
                ),
            )
            .help("fields must stay distinct after case conversion; rename one of them")
        })
        .collect()
}

/// Problems where two codes get the same identifier in some target language,
/// each reported once per pair at the later code. Each code is named by what
/// its identifiers derive from: its `"name"`, else its `"code"`; `names`
/// are the codes' names, resolved from that.
pub(crate) fn collisions(
    codes: &[(&'static str, &str, Position)],
    names: &[Names],
) -> Vec<Diagnostic> {
    let identifiers: Vec<Vec<_>> = names
        .iter()
        .map(|names| names.identifiers().collect())
        .collect();
    clashes(&identifiers)
        .into_iter()
        .map(|clash| {
            let (kind, code, at) = codes[clash.later];
            let (_, other, other_at) = codes[clash.earlier];
            Diagnostic::new(
                at,
                format!(
                    "{kind} `{code}` collides with `{other}` (line {}): both become {} `{}`",
                    other_at.line, clash.what, clash.identifier
                ),
            )
            .help(format!(
                "{kind}s must stay distinct after case conversion; rename one of them"
            ))
        })
        .collect()
}

/// Two items that get the same identifier in some language.
struct Clash {
    earlier: usize,
    later: usize,
    /// What the identifier is, e.g. `Rust enum variant`.
    what: &'static str,
    identifier: String,
}

/// Every pair of items whose identifiers (`identifiers[item]`, each with
/// what it is) share one (identifiers with the same description share a
/// namespace), once per pair, in item order. Each namespace is checked on
/// its own, so its table stays small enough to be quick.
fn clashes(identifiers: &[Vec<(&'static str, &str)>]) -> Vec<Clash> {
    let mut namespaces: Vec<&'static str> = Vec::new();
    for &(what, _) in identifiers.iter().flatten() {
        if !namespaces.contains(&what) {
            namespaces.push(what);
        }
    }
    // Each clash with where it is met: its later item, then the
    // identifier's place among that item's.
    let mut found = Vec::new();
    for namespace in namespaces {
        let mut first_owner: HashMap<&str, usize> = HashMap::with_capacity(identifiers.len());
        for (later, ids) in identifiers.iter().enumerate() {
            for (place, &(what, identifier)) in ids.iter().enumerate() {
                if what != namespace {
                    continue;
                }
                match first_owner.entry(identifier) {
                    Entry::Vacant(slot) => {
                        slot.insert(later);
                    }
                    Entry::Occupied(slot) => {
                        found.push((later, place, *slot.get(), what, identifier))
                    }
                }
            }
        }
    }
    found.sort_unstable_by_key(|&(later, place, ..)| (later, place));
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    found
        .into_iter()
        .filter(|&(later, _, earlier, ..)| reported.insert((earlier, later)))
        .map(|(later, _, earlier, what, identifier)| Clash {
            earlier,
            later,
            what,
            identifier: identifier.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::clashes;

    #[test]
    fn clashes_come_once_per_pair_in_item_order() {
        let identifiers = vec![
            vec![("a", "X"), ("b", "Y")],
            vec![("a", "Z"), ("b", "Y")],
            vec![("a", "X"), ("b", "Y")],
            vec![("a", "Y"), ("b", "Z")],
        ];
        let found: Vec<_> = clashes(&identifiers)
            .into_iter()
            .map(|clash| (clash.earlier, clash.later, clash.what, clash.identifier))
            .collect();
        // A clash names the identifier's first owner: item 2 meets item 0
        // twice (`X`, then `Y`), reported once, at the first. `Y` as an `a`
        // and `Z` as a `b` are new in their namespaces.
        assert_eq!(
            found,
            [(0, 1, "b", "Y".to_owned()), (0, 2, "a", "X".to_owned())]
        );
    }
}
