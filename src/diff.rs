//! Breaking-change detection between two versions of a spec (`errspec diff`).
//!
//! Breaking: a code removed, renamed (removed while a new code takes over its
//! status and message), sent with another status, no longer retryable, or of
//! another type (a string code become an integer, or back); a field an error
//! carried removed, of another type, or no longer required; another wire
//! `format` or `problem_base`.
//! Safe: a code added, made retryable, deprecated (or no longer), its
//! message, docs or `name` changed; a field added (required or not) or made
//! required; changes to the retry policy or the API name.
//!
//! Codes are matched by their wire value; when the code type changed, by
//! their name (see [`ErrorDef::identifier`]).

use std::collections::HashMap;

use serde::Serialize;

use crate::spec::{ErrorDef, FieldDef, Spec};

/// One difference between two specs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The code it concerns (the old one for a rename); empty for spec-wide changes.
    pub code: String,
    /// Whether clients built against the old spec can break.
    pub breaking: bool,
    /// What changed, for people.
    pub description: String,
}

/// What kind of difference a [`Change`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A code was removed (breaking).
    Removed,
    /// A code was removed while a new code has its status and message (breaking).
    Renamed,
    /// A code is sent with another HTTP status (breaking).
    StatusChanged,
    /// A retryable code is no longer retryable (breaking).
    NoLongerRetryable,
    /// A code was added.
    Added,
    /// A code became retryable.
    NowRetryable,
    /// A code was deprecated.
    Deprecated,
    /// A code is no longer deprecated.
    NoLongerDeprecated,
    /// A code's default message changed.
    MessageChanged,
    /// A code's title, description, causes, fix or example changed.
    DocsChanged,
    /// The retry policy changed.
    RetryPolicyChanged,
    /// The API's name changed.
    NameChanged,
    /// Where the codes are documented (`docs_url`) changed.
    DocsUrlChanged,
    /// A field an error carried was removed (breaking).
    FieldRemoved,
    /// A field's type changed (breaking).
    FieldTypeChanged,
    /// A required field became optional (breaking: clients relied on it).
    FieldNoLongerRequired,
    /// A field was added.
    FieldAdded,
    /// An optional field became required.
    FieldNowRequired,
    /// A field's description or example changed.
    FieldDocsChanged,
    /// The wire format changed (breaking).
    FormatChanged,
    /// The problem format's `problem_base`, and so every `type` URI, changed (breaking).
    ProblemBaseChanged,
    /// A code became an integer, or a string (breaking).
    CodeTypeChanged,
    /// A code's `name`, which identifiers derive from, changed.
    CodeNameChanged,
}

impl ChangeKind {
    fn breaking(self) -> bool {
        matches!(
            self,
            ChangeKind::Removed
                | ChangeKind::Renamed
                | ChangeKind::StatusChanged
                | ChangeKind::NoLongerRetryable
                | ChangeKind::FieldRemoved
                | ChangeKind::FieldTypeChanged
                | ChangeKind::FieldNoLongerRequired
                | ChangeKind::FormatChanged
                | ChangeKind::ProblemBaseChanged
                | ChangeKind::CodeTypeChanged
        )
    }
}

/// Every difference from `old` to `new`: changes to old codes in their
/// order, then added codes in the new spec's order, then spec-wide changes.
pub fn diff<'a>(old: &'a Spec, new: &'a Spec) -> Vec<Change> {
    let same_type = old.code_type == new.code_type;
    let key = |e: &'a ErrorDef| {
        if same_type {
            e.code.as_str()
        } else {
            e.identifier()
        }
    };
    let in_new: HashMap<&str, &ErrorDef> = new.errors.iter().map(|e| (key(e), e)).collect();
    let in_old: HashMap<&str, &ErrorDef> = old.errors.iter().map(|e| (key(e), e)).collect();
    let mut added: Vec<&ErrorDef> = new
        .errors
        .iter()
        .filter(|e| !in_old.contains_key(key(e)))
        .collect();
    let mut changes = Vec::new();
    let mut push = |kind: ChangeKind, code: &str, description: String| {
        changes.push(Change {
            kind,
            code: code.to_owned(),
            breaking: kind.breaking(),
            description,
        });
    };

    for before in &old.errors {
        let code = before.code.as_str();
        let Some(after) = in_new.get(key(before)) else {
            let successor = added
                .iter()
                .position(|a| a.status == before.status && a.message == before.message);
            match successor {
                Some(index) => {
                    let successor = added.remove(index);
                    push(
                        ChangeKind::Renamed,
                        code,
                        format!("renamed to {}", successor.code),
                    );
                }
                None => push(ChangeKind::Removed, code, "removed".into()),
            }
            continue;
        };
        if !same_type {
            push(
                ChangeKind::CodeTypeChanged,
                code,
                format!("code is now {}", after.code),
            );
        }
        if before.name != after.name && same_type {
            push(
                ChangeKind::CodeNameChanged,
                code,
                format!("name changed to {}", after.identifier()),
            );
        }
        if before.status != after.status {
            push(
                ChangeKind::StatusChanged,
                code,
                format!("status {} -> {}", before.status, after.status),
            );
        }
        match (before.retryable, after.retryable) {
            (true, false) => push(
                ChangeKind::NoLongerRetryable,
                code,
                "no longer retryable".into(),
            ),
            (false, true) => push(ChangeKind::NowRetryable, code, "now retryable".into()),
            _ => {}
        }
        match (&before.deprecated, &after.deprecated) {
            (None, Some(_)) => push(ChangeKind::Deprecated, code, "deprecated".into()),
            (Some(_), None) => push(
                ChangeKind::NoLongerDeprecated,
                code,
                "no longer deprecated".into(),
            ),
            _ => {}
        }
        if before.message != after.message {
            push(
                ChangeKind::MessageChanged,
                code,
                "default message changed".into(),
            );
        } else if before.fields.is_some() != after.fields.is_some() {
            // `fields` makes the same text a template: `{{` now means `{`.
            let now = if after.fields.is_some() {
                "now"
            } else {
                "no longer"
            };
            push(
                ChangeKind::MessageChanged,
                code,
                format!("default message is {now} a template"),
            );
        }
        let docs = |e: &ErrorDef| {
            (
                e.title.clone(),
                e.description.clone(),
                e.causes.clone(),
                e.fix.clone(),
                e.example.clone(),
            )
        };
        if docs(before) != docs(after) {
            push(
                ChangeKind::DocsChanged,
                code,
                "title, description, causes, fix or example changed".into(),
            );
        }
        // Shared fields both specs share are compared once, spec-wide.
        let carried = |spec: &'a Spec, error: &'a ErrorDef| -> Vec<&'a FieldDef> {
            spec.fields
                .iter()
                .filter(|f| {
                    !(old.fields.iter().any(|o| o.name == f.name)
                        && new.fields.iter().any(|n| n.name == f.name))
                })
                .chain(error.fields.iter().flatten())
                .collect()
        };
        for (kind, description) in field_changes(&carried(old, before), &carried(new, after)) {
            push(kind, code, description);
        }
    }
    for error in added {
        push(
            ChangeKind::Added,
            &error.code,
            format!("added (status {})", error.status),
        );
    }
    if old.retry != new.retry {
        push(
            ChangeKind::RetryPolicyChanged,
            "",
            "retry policy changed".into(),
        );
    }
    if old.name != new.name {
        push(ChangeKind::NameChanged, "", "API name changed".into());
    }
    if old.docs_url != new.docs_url {
        push(ChangeKind::DocsUrlChanged, "", "`docs_url` changed".into());
    }
    if old.format != new.format {
        push(
            ChangeKind::FormatChanged,
            "",
            format!("format {} -> {}", old.format, new.format),
        );
    } else if old.problem_base != new.problem_base {
        push(
            ChangeKind::ProblemBaseChanged,
            "",
            "`problem_base` changed: every problem `type` URI changes".into(),
        );
    }
    let kept = |fields: &'a [FieldDef], other: &[FieldDef]| -> Vec<&'a FieldDef> {
        fields
            .iter()
            .filter(|f| other.iter().any(|o| o.name == f.name))
            .collect()
    };
    for (kind, description) in field_changes(
        &kept(&old.fields, &new.fields),
        &kept(&new.fields, &old.fields),
    ) {
        push(kind, "", format!("shared {description}"));
    }
    changes
}

/// The changes from the fields `old` to the fields `new` of one error.
fn field_changes(old: &[&FieldDef], new: &[&FieldDef]) -> Vec<(ChangeKind, String)> {
    let mut changes = Vec::new();
    for before in old {
        let name = &before.name;
        let Some(after) = new.iter().find(|f| f.name == *name) else {
            changes.push((ChangeKind::FieldRemoved, format!("field `{name}` removed")));
            continue;
        };
        if before.ty != after.ty {
            changes.push((
                ChangeKind::FieldTypeChanged,
                format!("field `{name}` type {} -> {}", before.ty, after.ty),
            ));
        }
        match (before.required, after.required) {
            (true, false) => changes.push((
                ChangeKind::FieldNoLongerRequired,
                format!("field `{name}` no longer required"),
            )),
            (false, true) => changes.push((
                ChangeKind::FieldNowRequired,
                format!("field `{name}` now required"),
            )),
            _ => {}
        }
        if (&before.description, &before.example) != (&after.description, &after.example) {
            changes.push((
                ChangeKind::FieldDocsChanged,
                format!("field `{name}` description or example changed"),
            ));
        }
    }
    for after in new {
        if !old.iter().any(|f| f.name == after.name) {
            let required = if after.required { "required " } else { "" };
            changes.push((
                ChangeKind::FieldAdded,
                format!("{required}field `{}` added ({})", after.name, after.ty),
            ));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(errors: &str) -> Spec {
        Spec::parse(&format!("version: 1\nname: X\nerrors:\n{errors}"), "x.yaml").unwrap()
    }

    fn kinds(old: &str, new: &str) -> Vec<(ChangeKind, String, bool)> {
        diff(&spec(old), &spec(new))
            .into_iter()
            .map(|c| (c.kind, c.code, c.breaking))
            .collect()
    }

    const A: &str = "- {code: A, status: 404, message: Gone., retryable: false}\n";
    const B: &str = "- {code: B, status: 429, message: Slow., retryable: true}\n";

    #[test]
    fn identical_specs_have_no_changes() {
        assert!(kinds(&format!("{A}{B}"), &format!("{A}{B}")).is_empty());
    }

    #[test]
    fn removed_renamed_and_added_codes() {
        use ChangeKind::*;
        assert_eq!(kinds(&format!("{A}{B}"), A), [(Removed, "B".into(), true)]);
        assert_eq!(kinds(A, &format!("{A}{B}")), [(Added, "B".into(), false)]);
        let renamed = A.replace("code: A", "code: GONE");
        assert_eq!(kinds(A, &renamed), [(Renamed, "A".into(), true)]);
        assert_eq!(
            diff(&spec(A), &spec(&renamed))[0].description,
            "renamed to GONE"
        );
    }

    #[test]
    fn status_retryability_deprecation_and_text() {
        use ChangeKind::*;
        assert_eq!(
            kinds(A, &A.replace("404", "410")),
            [(StatusChanged, "A".into(), true)]
        );
        assert_eq!(
            kinds(B, &B.replace("true", "false")),
            [(NoLongerRetryable, "B".into(), true)]
        );
        assert_eq!(
            kinds(A, &A.replace("false", "true")),
            [(NowRetryable, "A".into(), false)]
        );
        let deprecated = A.replace("}", ", deprecated: use C}");
        assert_eq!(kinds(A, &deprecated), [(Deprecated, "A".into(), false)]);
        assert_eq!(
            kinds(&deprecated, A),
            [(NoLongerDeprecated, "A".into(), false)]
        );
        assert_eq!(
            kinds(A, &A.replace("Gone.", "Not here.")),
            [(MessageChanged, "A".into(), false)]
        );
        assert_eq!(
            kinds(A, &A.replace("}", ", fix: Retry.}")),
            [(DocsChanged, "A".into(), false)]
        );
    }

    #[test]
    fn field_changes_break_clients_only_when_they_take_something_away() {
        use ChangeKind::*;
        let with = |fields: &str| {
            format!(
                "- {{code: A, status: 400, message: m, retryable: false, fields: {{{fields}}}}}\n"
            )
        };
        let base = with("f: {type: string, required: true}, g: {type: integer}");
        assert_eq!(
            kinds(&base, &with("f: {type: string, required: true}")),
            [(FieldRemoved, "A".into(), true)]
        );
        assert_eq!(
            kinds(
                &base,
                &with("f: {type: [string], required: true}, g: {type: integer}")
            ),
            [(FieldTypeChanged, "A".into(), true)]
        );
        assert_eq!(
            kinds(&base, &with("f: {type: string}, g: {type: integer}")),
            [(FieldNoLongerRequired, "A".into(), true)]
        );
        assert_eq!(
            kinds(
                &base,
                &with("f: {type: string, required: true}, g: {type: integer, required: true}")
            ),
            [(FieldNowRequired, "A".into(), false)]
        );
        assert_eq!(
            kinds(
                &base,
                &with(
                    "f: {type: string, required: true}, g: {type: integer}, h: {type: json, required: true}"
                )
            ),
            [(FieldAdded, "A".into(), false)]
        );
        assert_eq!(
            kinds(
                &base,
                &with("f: {type: string, required: true, example: x}, g: {type: integer}")
            ),
            [(FieldDocsChanged, "A".into(), false)]
        );
        let shared = |fields: &str| {
            Spec::parse(
                &format!("version: 1\nname: X\nfields: {{{fields}}}\nerrors:\n{A}{B}"),
                "x",
            )
            .unwrap()
        };
        let changes: Vec<_> = diff(&shared("r: {type: string}"), &shared("r: {type: integer}"))
            .into_iter()
            .map(|c| (c.kind, c.code, c.breaking, c.description))
            .collect();
        assert_eq!(
            changes,
            [(
                FieldTypeChanged,
                String::new(),
                true,
                "shared field `r` type string -> integer".to_owned()
            )]
        );
        // A shared field removed is gone from every error.
        let removed: Vec<_> = diff(&shared("r: {type: string}"), &shared("s: {type: string}"))
            .into_iter()
            .map(|c| (c.kind, c.code))
            .collect();
        assert_eq!(
            removed,
            [
                (FieldRemoved, "A".into()),
                (FieldAdded, "A".into()),
                (FieldRemoved, "B".into()),
                (FieldAdded, "B".into())
            ]
        );
    }

    #[test]
    fn spec_wide_changes_are_safe() {
        let old = Spec::parse(&format!("version: 1\nname: X\nerrors:\n{A}"), "x").unwrap();
        let new = Spec::parse(
            &format!("version: 1\nname: Y\nretry: {{max_retries: 5}}\ndocs_url: \"https://x.io/#{{anchor}}\"\nerrors:\n{A}"),
            "x",
        )
        .unwrap();
        let changes: Vec<_> = diff(&old, &new)
            .into_iter()
            .map(|c| (c.kind, c.breaking))
            .collect();
        assert_eq!(
            changes,
            [
                (ChangeKind::RetryPolicyChanged, false),
                (ChangeKind::NameChanged, false),
                (ChangeKind::DocsUrlChanged, false)
            ]
        );
    }

    #[test]
    fn the_wire_format_and_the_code_type_break_clients() {
        let with = |top: &str, errors: &str| {
            Spec::parse(&format!("version: 1\nname: X\n{top}errors:\n{errors}"), "x").unwrap()
        };
        let changes = |old: &Spec, new: &Spec| -> Vec<(ChangeKind, String, bool)> {
            diff(old, new)
                .into_iter()
                .map(|c| (c.kind, c.code, c.breaking))
                .collect()
        };
        let envelope = with("", A);
        let problem = with("format: problem\nproblem_base: https://e.example/\n", A);
        let moved = with("format: problem\nproblem_base: https://e.example/v2/\n", A);
        assert_eq!(
            changes(&envelope, &problem),
            [(ChangeKind::FormatChanged, String::new(), true)]
        );
        assert_eq!(
            changes(&problem, &moved),
            [(ChangeKind::ProblemBaseChanged, String::new(), true)]
        );
        assert_eq!(changes(&problem, &problem), []);

        // A code become an integer is matched by its name, and breaks.
        let integer = with(
            "",
            "- {code: 404, name: A, status: 404, message: Gone., retryable: false}\n",
        );
        assert_eq!(
            changes(&envelope, &integer),
            [(ChangeKind::CodeTypeChanged, "A".to_owned(), true)]
        );
        assert_eq!(
            changes(&integer, &envelope),
            [(ChangeKind::CodeTypeChanged, "404".to_owned(), true)]
        );
        // A new name changes identifiers in generated code, not the wire.
        let renamed = with(
            "",
            "- {code: 404, name: B, status: 404, message: Gone., retryable: false}\n",
        );
        assert_eq!(
            changes(&integer, &renamed),
            [(ChangeKind::CodeNameChanged, "404".to_owned(), false)]
        );
    }
}
