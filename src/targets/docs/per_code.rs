//! The parts of `errors.md` repeated for every code, written directly rather
//! than through the template engine (see "Per-code sections" in
//! [`crate::targets`]). A part of whole lines ends without its last newline,
//! which the template's own line adds.

use std::fmt::Write;

use super::{code_block, list_item, markdown_plain, markdown_text, table_cell};
use crate::model::{Model, ModelError, ModelField};
use crate::targets::room_per_code;

/// The per-code parts of `errors.md`, as its template names them.
pub(super) struct Parts {
    /// The table of the shared fields; empty without shared fields.
    shared_fields: String,
    /// The rows of the status table.
    status_rows: String,
    /// Each code's section under "Error codes".
    codes: String,
    /// The retryable codes, in a sentence: `` `CODE` (429), ... ``.
    retryable: String,
    /// The other codes, in a sentence: `` `CODE`, ... ``.
    not_retryable: String,
}

crate::targets::per_code_value!(Parts {
    shared_fields,
    status_rows,
    codes,
    retryable,
    not_retryable
});

pub(super) fn parts(model: &Model<'_>) -> Parts {
    let mut parts = Parts {
        shared_fields: field_table(&model.shared_fields),
        status_rows: String::new(),
        codes: room_per_code(model, 512),
        retryable: model
            .retryable
            .iter()
            .map(|code| format!("`{}` ({})", code.code, code.status))
            .collect::<Vec<_>>()
            .join(", "),
        not_retryable: model
            .not_retryable
            .iter()
            .map(|code| format!("`{}`", code.code))
            .collect::<Vec<_>>()
            .join(", "),
    };
    for group in &model.statuses {
        let meaning = group
            .meaning
            .as_deref()
            .map(|m| table_cell(&markdown_text(m.trim_end())));
        let described = match (group.reason, meaning) {
            (Some(reason), Some(meaning)) => format!("{reason} - {meaning}"),
            (Some(reason), None) => reason.to_owned(),
            (None, Some(meaning)) => meaning,
            (None, None) => String::new(),
        };
        let links: Vec<String> = group
            .codes
            .iter()
            .map(|code| format!("[`{}`](#{})", code.code, code.anchor))
            .collect();
        writeln!(
            parts.status_rows,
            "| {} | {described} | {} |",
            group.status,
            links.join(", ")
        )
        .unwrap();
    }
    for error in &model.errors {
        code_section(&mut parts.codes, error, !model.shared_fields.is_empty());
    }
    parts.status_rows.pop();
    parts.codes.pop();
    parts
}

/// A code's section: a blank line, its heading, and what the spec says of it.
fn code_section(out: &mut String, error: &ModelError<'_>, shared_fields: bool) {
    let def = error.def;
    let name = def
        .name
        .as_deref()
        .map(|name| format!(" `{name}`"))
        .unwrap_or_default();
    let problem_type = error
        .problem_type
        .as_deref()
        .map(|uri| format!(" Problem type: `{uri}`."))
        .unwrap_or_default();
    writeln!(
        out,
        "\n### `{}`{name} ({})\n\n<a id=\"{}\"></a>HTTP {}, {}.{problem_type}\n",
        def.code, def.status, error.names.docs.anchor, def.status, error.retryability
    )
    .unwrap();
    if let Some(deprecated) = &def.deprecated {
        let note = deprecated
            .note
            .as_deref()
            .map(|note| format!(" {}", markdown_text(note.trim_end())))
            .unwrap_or_default();
        writeln!(out, "**Deprecated.**{note}\n").unwrap();
    }
    writeln!(out, "{}", markdown_plain(error.summary)).unwrap();
    if let Some(message) = error.unshown_message {
        writeln!(out, "\nDefault message: {}", markdown_plain(message)).unwrap();
    }
    // Empty text is as good as none.
    if let Some(description) = def.description.as_deref().filter(|d| !d.is_empty()) {
        writeln!(out, "\n{}", markdown_text(description.trim_end())).unwrap();
    }
    let example = super::super::json_text(&error.example_body());
    writeln!(out, "\n{}", code_block(example.trim_end(), "json")).unwrap();
    let own: Vec<_> = error.fields.iter().filter(|f| !f.shared).collect();
    if !own.is_empty() {
        let beside = if shared_fields {
            ", beside the shared ones"
        } else {
            ""
        };
        let table = field_table(own);
        writeln!(out, "\nFields{beside}:\n\n{table}").unwrap();
    }
    if !def.causes.is_empty() {
        out.push_str("\nCommon causes:\n\n");
        for cause in &def.causes {
            writeln!(out, "- {}", list_item(&markdown_text(cause.trim_end()))).unwrap();
        }
    }
    if let Some(fix) = def.fix.as_deref().filter(|fix| !fix.is_empty()) {
        writeln!(out, "\nFix: {}", markdown_text(fix.trim_end())).unwrap();
    }
}

/// A table of fields: name, type, whether required, and description.
fn field_table<'a, 'm: 'a>(fields: impl IntoIterator<Item = &'a ModelField<'m>>) -> String {
    let mut out = String::new();
    for field in fields {
        if out.is_empty() {
            out.push_str("| Field | Type | Required | Description |\n|---|---|---|---|\n");
        }
        let def = field.def;
        let required = if def.required { "yes" } else { "no" };
        let description = def.description.as_deref().unwrap_or_default();
        writeln!(
            out,
            "| `{}` | `{}` | {required} | {} |",
            def.name,
            def.ty,
            table_cell(&markdown_text(description.trim_end()))
        )
        .unwrap();
    }
    out.pop();
    out
}
