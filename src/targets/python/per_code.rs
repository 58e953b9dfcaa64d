//! The parts of the Python package repeated for every code (and the typed
//! properties of fields), written directly rather than through the template
//! engine (see "Per-code sections" in [`crate::targets`]). Each part is
//! whole lines without the last newline, which the template's own line adds.

use std::fmt::Write;

use super::{
    ClassModule, assignment, code_literal, docstring, field_reader, field_type, getter,
    optional_param, string_literal,
};
use crate::model::{Model, ModelError, ModelField};
use crate::targets::Part;

/// The per-code parts of `__init__.py`, as its template names them: the
/// members of `ErrorCode`; the entries of `_INFO`; the typed properties of
/// the shared fields, on `ApiError` (each starts with a blank line and ends
/// with its newline; none without shared fields); the entries of
/// `_CLASS_NAMES` and `_CLASS_MODULES`; and the `if TYPE_CHECKING:` imports
/// of every class.
pub(super) fn package_parts<'p>(model: &'p Model<'_>, modules: &'p [ClassModule]) -> Vec<Part<'p>> {
    let errors = &model.errors;
    vec![
        Part::lines("code_members", true, move |out| {
            out.each(errors, |out, error| {
                let code = code_literal(&error.wire);
                let member = assignment(&error.names.python.member, &code, 4);
                writeln!(out, "    {member}").unwrap();
            });
        }),
        Part::lines("info", true, move |out| {
            out.each(errors, |out, error| {
                info_entry(out, error, &code_literal(&error.wire));
            });
        }),
        Part::text("shared_properties", properties(model.shared_fields.iter())),
        Part::lines("class_names", true, move |out| {
            out.each(errors, |out, error| {
                let code = code_literal(&error.wire);
                let class = string_literal(&error.names.python.class);
                writeln!(out, "    {code}: {class},").unwrap();
            });
        }),
        Part::lines("class_modules", true, move |out| {
            out.each(modules, |out, module| {
                let source = string_literal(&format!(".{}", module.name));
                for error in &errors[module.start..module.end] {
                    let class = string_literal(&error.names.python.class);
                    writeln!(out, "    {class}: {source},").unwrap();
                }
            });
        }),
        Part::lines("class_imports", true, move |out| {
            out.each(modules, |out, module| {
                writeln!(out, "    from .{} import (", module.name).unwrap();
                for error in &errors[module.start..module.end] {
                    let class = &error.names.python.class;
                    writeln!(out, "        {class} as {class},").unwrap();
                }
                out.push_str("    )\n");
            });
        }),
    ]
}

fn info_entry(out: &mut String, error: &ModelError<'_>, code: &str) {
    let def = error.def;
    let doc_url = error
        .doc_url
        .as_deref()
        .map_or_else(|| "None".to_owned(), string_literal);
    let fields: Vec<&str> = error.fields.iter().map(|f| f.def.name.as_str()).collect();
    writeln!(
        out,
        "    {code}: (\n        {},\n        {},\n        {},\n        {doc_url},\n        {},\n        \
         {},\n        {},\n    ),",
        def.status,
        boolean(def.retryable),
        string_literal(&def.message),
        boolean(error.templated),
        string_literal(&fields.join(" ")),
        string_literal(error.problem_title),
    )
    .unwrap();
}

fn boolean(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// The error classes of `errors`, one module's worth.
pub(super) fn classes(errors: &[ModelError<'_>]) -> String {
    let mut out = String::with_capacity(512 * errors.len());
    for error in errors {
        class(&mut out, error);
    }
    out.pop();
    out
}

fn class(out: &mut String, error: &ModelError<'_>) {
    let names = &error.names.python;
    let def = error.def;
    let deprecated = if def.deprecated.is_some() {
        " Deprecated."
    } else {
        ""
    };
    let doc = docstring(&format!(
        "``{}`` (HTTP {}, {}): {}{deprecated}",
        def.code, def.status, error.retryability, error.summary
    ));
    let default_code = assignment(
        "default_code: ClassVar[ErrorCode | None]",
        &format!("ErrorCode.{}", names.member),
        4,
    );
    writeln!(
        out,
        "\n\nclass {}(ApiError):\n    {doc}\n\n    {default_code}",
        names.class
    )
    .unwrap();
    if error.fields.is_empty() {
        return;
    }
    out.push_str(
        "\n    def __init__(\n        self,\n        message: str | None = None,\n        *,\n",
    );
    for field in error.fields.iter().filter(|field| field.def.required) {
        let ty = field_type(field.def.ty);
        writeln!(out, "        {}: {ty},", field.names.python).unwrap();
    }
    for field in error.fields.iter().filter(|field| !field.def.required) {
        let param = optional_param(&field.names.python, &field_type(field.def.ty));
        writeln!(out, "        {param}").unwrap();
    }
    out.push_str(
        "        status: int | None = None,\n        retry_after: float | None = None,\n    \
         ) -> None:\n        \"\"\"An error with these fields; ``message`` defaults to the code's, its\n        \
         placeholders filled with the fields' values.\"\"\"\n        super().__init__(\n            \
         message,\n            status=status,\n            retry_after=retry_after,\n            \
         members=_given(\n                {\n",
    );
    for field in &error.fields {
        let name = string_literal(&field.def.name);
        writeln!(out, "                    {name}: {},", field.names.python).unwrap();
    }
    out.push_str("                }\n            ),\n        )\n");
    out.push_str(&properties(error.fields.iter().filter(|f| !f.shared)));
}

/// A typed property reading each field from an error's members.
fn properties<'a, 'm: 'a>(fields: impl Iterator<Item = &'a ModelField<'m>>) -> String {
    let mut out = String::new();
    for field in fields {
        let doc = match &field.def.description {
            Some(description) => docstring(description),
            None => docstring(&format!("The ``{}`` field.", field.def.name)),
        };
        writeln!(
            out,
            "\n    @property\n    {}\n        {doc}\n        return {}",
            getter(&field.names.python, &field_type(field.def.ty)),
            field_reader(&field.def.name, field.def.ty),
        )
        .unwrap();
    }
    out
}
