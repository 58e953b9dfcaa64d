//! The parts of `errors.md` repeated for every code, written directly rather
//! than through the template engine (see "Per-code sections" in
//! [`crate::targets`]). A part of whole lines ends without its last newline,
//! which the template's own line adds.

use std::fmt::Write;

use super::{code_block, list_item, markdown_plain, markdown_text, table_cell};
use crate::model::{Model, ModelError, ModelField, StatusGroup};
use crate::targets::Part;

/// The per-code parts of `errors.md`, as its template names them: the table
/// of the shared fields (empty without shared fields); the rows of the
/// status table; each code's section under "Error codes"; the retryable
/// codes, in a sentence (`` `CODE` (429), ... ``); and the other codes, in a
/// sentence (`` `CODE`, ... ``).
pub(super) fn parts<'p>(model: &'p Model<'_>) -> Vec<Part<'p>> {
    let shared_fields = !model.shared_fields.is_empty();
    vec![
        Part::text("shared_fields", field_table(&model.shared_fields)),
        Part::lines("status_rows", !model.statuses.is_empty(), move |out| {
            out.each(&model.statuses, status_row);
        }),
        Part::lines("codes", true, move |out| {
            out.each(&model.errors, |out, error| {
                code_section(out, error, shared_fields);
            });
        }),
        Part::text(
            "retryable",
            model
                .retryable
                .iter()
                .map(|code| format!("`{}` ({})", code.code, code.status))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Part::text(
            "not_retryable",
            model
                .not_retryable
                .iter()
                .map(|code| format!("`{}`", code.code))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]
}

fn status_row(out: &mut String, group: &StatusGroup) {
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
        out,
        "| {} | {described} | {} |",
        group.status,
        links.join(", ")
    )
    .unwrap();
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
