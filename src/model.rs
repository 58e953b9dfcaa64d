//! The one model every target renders: the spec, with each code's identifiers
//! in every target language resolved here, once, so templates never compute names.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Position};
use crate::spec::{ErrorDef, Spec};
use crate::targets::{python, rust, typescript};

/// The spec plus everything derived from it that more than one target needs.
#[derive(Debug, Serialize)]
pub struct Model<'a> {
    pub spec: &'a Spec,
    /// The spec file as named in generated headers: the path as given when
    /// relative, else only the file name, so output does not depend on the machine.
    pub source: String,
    pub errors: Vec<ModelError<'a>>,
}

/// One error of the spec with its identifier in every target language.
#[derive(Debug, Serialize)]
pub struct ModelError<'a> {
    #[serde(flatten)]
    pub def: &'a ErrorDef,
    pub names: Names,
}

/// A code's identifiers in every target language.
#[derive(Debug, Serialize)]
pub struct Names {
    pub rust: rust::Names,
    pub python: python::Names,
    pub typescript: typescript::Names,
}

impl Names {
    pub(crate) fn resolve(code: &str) -> Self {
        Self {
            rust: rust::names(code),
            python: python::names(code),
            typescript: typescript::names(code),
        }
    }

    /// Each identifier with what it is, e.g. `("Rust enum variant", "NotFound")`.
    /// Identifiers with the same description share a namespace.
    fn identifiers(&self) -> [(&'static str, &str); 5] {
        [
            ("Rust enum variant", &self.rust.variant),
            ("Python exception class", &self.python.class),
            ("Python enum member", &self.python.member),
            ("TypeScript class", &self.typescript.class),
            ("TypeScript `ErrorCode` key", &self.typescript.key),
        ]
    }
}

impl<'a> Model<'a> {
    /// Builds the model of a validated spec read from `source_path`.
    pub fn new(spec: &'a Spec, source_path: &std::path::Path) -> Self {
        let source = if source_path.is_absolute() {
            source_path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            source_path.to_string_lossy().replace('\\', "/")
        };
        let errors = spec
            .errors
            .iter()
            .map(|def| ModelError {
                def,
                names: Names::resolve(&def.code),
            })
            .collect();
        Self {
            spec,
            source,
            errors,
        }
    }
}

/// Problems where two distinct codes get the same identifier in some target
/// language, each reported once per pair at the later code.
pub(crate) fn name_collisions(codes: &[(&str, Position)]) -> Vec<Diagnostic> {
    let mut first_owner: HashMap<(&'static str, String), usize> =
        HashMap::with_capacity(codes.len() * 5);
    let mut reported: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let mut problems = Vec::new();
    for (index, (code, at)) in codes.iter().enumerate() {
        let names = Names::resolve(code);
        for (what, identifier) in names.identifiers() {
            match first_owner.entry((what, identifier.to_owned())) {
                Entry::Vacant(slot) => {
                    slot.insert(index);
                }
                Entry::Occupied(slot) => {
                    let earlier = *slot.get();
                    if reported.insert((earlier, index)) {
                        let (other, other_at) = codes[earlier];
                        problems.push(
                            Diagnostic::new(
                                *at,
                                format!(
                                    "code `{code}` collides with `{other}` (line {}): both become {what} `{identifier}`",
                                    other_at.line
                                ),
                            )
                            .help("codes must stay distinct after case conversion; rename one of them"),
                        );
                    }
                }
            }
        }
    }
    problems
}
