//! Breaking-change detection between two versions of a spec (`errspec diff`).
//!
//! Breaking: a code removed, renamed (removed while a new code takes over its
//! status and message), sent with another status, or no longer retryable.
//! Safe: a code added, made retryable, deprecated (or no longer), its
//! message or docs changed, and changes to the retry policy or the API name.

use std::collections::HashMap;

use serde::Serialize;

use crate::spec::{ErrorDef, Spec};

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
}

impl ChangeKind {
    fn breaking(self) -> bool {
        matches!(
            self,
            ChangeKind::Removed
                | ChangeKind::Renamed
                | ChangeKind::StatusChanged
                | ChangeKind::NoLongerRetryable
        )
    }
}

/// Every difference from `old` to `new`: changes to old codes in their
/// order, then added codes in the new spec's order, then spec-wide changes.
pub fn diff(old: &Spec, new: &Spec) -> Vec<Change> {
    let in_new: HashMap<&str, &ErrorDef> =
        new.errors.iter().map(|e| (e.code.as_str(), e)).collect();
    let in_old: HashMap<&str, &ErrorDef> =
        old.errors.iter().map(|e| (e.code.as_str(), e)).collect();
    let mut added: Vec<&ErrorDef> = new
        .errors
        .iter()
        .filter(|e| !in_old.contains_key(e.code.as_str()))
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
        let Some(after) = in_new.get(code) else {
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
}
