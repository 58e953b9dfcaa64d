//! The parts of `errors.ts`, `errors.js` and `errors.d.ts` repeated for
//! every code, written directly rather than through the template engine
//! (see "Per-code sections" in [`crate::targets`]). Each part is whole
//! lines without the last newline, which the template's own line adds.

use std::fmt::Write;

use super::{doc_comment, field_type, reader, string_literal};
use crate::model::{Model, ModelError, ModelField};
use crate::targets::Part;

/// Which of the three files a part is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Module {
    /// `errors.ts`: the source, two-space indented.
    Source,
    /// `errors.js`: the compiled module, four-space indented.
    Script,
    /// `errors.d.ts`: the declarations, four-space indented.
    Declarations,
}

impl Module {
    fn indent(self) -> &'static str {
        match self {
            Module::Source => "  ",
            Module::Script | Module::Declarations => "    ",
        }
    }
}

/// The per-code parts of one module, as the template names them: the
/// members of the `ErrorCode` object; the entries of `ERROR_INFO`; each
/// code's error class, with its fields interface in TypeScript; and the
/// entries of `ERROR_CLASSES`. Declarations have no entries.
pub(super) fn parts<'p>(model: &'p Model<'_>, module: Module) -> Vec<Part<'p>> {
    let errors = &model.errors;
    let entries = module != Module::Declarations;
    vec![
        Part::lines("code_members", true, move |out| {
            out.each(errors, |out, error| code_member(out, error, module));
        }),
        Part::lines("error_info", entries, move |out| {
            if entries {
                out.each(errors, |out, error| error_info(out, error, module));
            }
        }),
        Part::lines("classes", true, move |out| {
            out.each(errors, |out, error| class(out, error, module));
        }),
        Part::lines("class_map", entries, move |out| {
            if entries {
                let pad = module.indent();
                out.each(errors, |out, error| {
                    let class = &error.names.typescript.class;
                    writeln!(out, "{pad}{}: {class},", code_literal(error)).unwrap();
                });
            }
        }),
    ]
}

/// The code as a key or value: a string literal, or an integer code's number.
fn code_literal(error: &ModelError<'_>) -> String {
    match error.wire.as_str() {
        Some(text) => string_literal(text),
        None => error.wire.to_string(),
    }
}

/// The doc comment of a code's `ErrorCode` member: its summary, and whether
/// it is deprecated.
fn member_doc(error: &ModelError<'_>) -> String {
    let mut doc = error.summary.to_owned();
    if error.def.deprecated.is_some() {
        doc.push_str(" (deprecated)");
    }
    doc
}

/// The doc comment of a code's error class: what the spec says of the code,
/// and `@deprecated`.
fn class_doc(error: &ModelError<'_>) -> String {
    let def = error.def;
    let mut doc = format!(
        "`{}` (HTTP {}, {}): {}",
        def.code, def.status, error.retryability, error.summary
    );
    if let Some(deprecated) = &def.deprecated {
        doc.push_str("\n\n@deprecated ");
        doc.push_str(deprecated.note.as_deref().unwrap_or_default());
    }
    doc
}

fn field_doc(field: &ModelField<'_>, indent: usize) -> String {
    match &field.def.description {
        Some(description) => doc_comment(description, indent),
        None => doc_comment(&format!("The `{}` field.", field.def.name), indent),
    }
}

fn code_member(out: &mut String, error: &ModelError<'_>, module: Module) {
    let pad = module.indent();
    let doc = doc_comment(&member_doc(error), pad.len());
    let key = &error.names.typescript.key;
    let code = code_literal(error);
    match module {
        Module::Declarations => out.extend([&doc, "\n", pad, "readonly ", key, ": ", &code, ";\n"]),
        Module::Source | Module::Script => out.extend([&doc, "\n", pad, key, ": ", &code, ",\n"]),
    }
}

/// A code's entry in `ERROR_INFO`, its members pushed in turn (`write!`
/// with this many arguments cost more than all else here).
fn error_info(out: &mut String, error: &ModelError<'_>, module: Module) {
    let def = error.def;
    let pad = module.indent();
    let doc_url = error
        .doc_url
        .as_deref()
        .map_or_else(|| "undefined".to_owned(), string_literal);
    let fields: Vec<String> = error
        .fields
        .iter()
        .map(|field| string_literal(&field.def.name))
        .collect();
    let members = [
        ("status", def.status.to_string()),
        ("retryable", def.retryable.to_string()),
        ("message", string_literal(&def.message)),
        ("summary", string_literal(error.problem_title)),
        ("docUrl", doc_url),
        ("fields", format!("[{}]", fields.join(", "))),
        ("messageIsTemplate", error.templated.to_string()),
    ];
    out.extend([pad, &code_literal(error), ": {\n"]);
    for (name, value) in &members {
        out.extend([pad, pad, name, ": ", value, ",\n"]);
    }
    out.extend([pad, "},\n"]);
}

fn class(out: &mut String, error: &ModelError<'_>, module: Module) {
    let names = &error.names.typescript;
    let class = &names.class;
    let key = &names.key;
    let doc = doc_comment(&class_doc(error), 0);
    let pad = module.indent();
    let has_fields = !error.fields.is_empty();
    let optional = !error.fields.iter().any(|field| field.def.required);
    let own_fields = error.fields.iter().filter(|field| !field.shared);
    match module {
        Module::Source => {
            if has_fields {
                out.push('\n');
                fields_interface(out, error, pad);
            }
            writeln!(
                out,
                "\n{doc}\nexport class {class} extends ApiError {{\n  \
                 static override readonly errorName: string = {};\n",
                string_literal(class)
            )
            .unwrap();
            if has_fields {
                writeln!(
                    out,
                    "  constructor(\n    fields: {class}Fields{},\n    message?: string,\n    \
                     options: ApiErrorOptions = {{}},\n  ) {{\n    \
                     super(ErrorCode.{key}, message, withFields(options, fields));\n  }}",
                    if optional { " = {}" } else { "" },
                )
                .unwrap();
                for field in own_fields {
                    writeln!(
                        out,
                        "\n{}\n  get {}(): {} {{\n    return {};\n  }}",
                        field_doc(field, 2),
                        field.names.typescript,
                        field_type(field.def.ty, false),
                        read(field),
                    )
                    .unwrap();
                }
            } else {
                writeln!(
                    out,
                    "  constructor(message?: string, options: ApiErrorOptions = {{}}) {{\n    \
                     super(ErrorCode.{key}, message, options);\n  }}"
                )
                .unwrap();
            }
        }
        Module::Script => {
            writeln!(
                out,
                "{doc}\nexport class {class} extends ApiError {{\n{pad}static errorName = {};",
                string_literal(class)
            )
            .unwrap();
            if has_fields {
                writeln!(
                    out,
                    "{pad}constructor(fields{}, message, options = {{}}) {{\n{pad}{pad}\
                     super(ErrorCode.{key}, message, withFields(options, fields));\n{pad}}}",
                    if optional { " = {}" } else { "" },
                )
                .unwrap();
                for field in own_fields {
                    writeln!(
                        out,
                        "{}\n{pad}get {}() {{\n{pad}{pad}return {};\n{pad}}}",
                        field_doc(field, 4),
                        field.names.typescript,
                        read(field),
                    )
                    .unwrap();
                }
            } else {
                writeln!(
                    out,
                    "{pad}constructor(message, options = {{}}) {{\n{pad}{pad}\
                     super(ErrorCode.{key}, message, options);\n{pad}}}"
                )
                .unwrap();
            }
        }
        Module::Declarations => {
            if has_fields {
                fields_interface(out, error, pad);
            }
            writeln!(
                out,
                "{doc}\nexport declare class {class} extends ApiError {{"
            )
            .unwrap();
            if has_fields {
                writeln!(
                    out,
                    "{pad}constructor(fields{}: {class}Fields, message?: string, options?: ApiErrorOptions);",
                    if optional { "?" } else { "" },
                )
                .unwrap();
                for field in own_fields {
                    writeln!(
                        out,
                        "{}\n{pad}get {}(): {};",
                        field_doc(field, 4),
                        field.names.typescript,
                        field_type(field.def.ty, false),
                    )
                    .unwrap();
                }
            } else {
                writeln!(
                    out,
                    "{pad}constructor(message?: string, options?: ApiErrorOptions);"
                )
                .unwrap();
            }
        }
    }
    out.push_str("}\n");
}

/// The `<Class>Fields` interface of a code with fields, members at `pad`.
fn fields_interface(out: &mut String, error: &ModelError<'_>, pad: &str) {
    let class = &error.names.typescript.class;
    writeln!(
        out,
        "/** The fields of a {{@link {class}}}, the shared ones included. */\n\
         export interface {class}Fields {{"
    )
    .unwrap();
    for field in &error.fields {
        let (mark, absent) = if field.def.required {
            ("", "")
        } else {
            ("?", " | undefined")
        };
        writeln!(
            out,
            "{}\n{pad}readonly {}{mark}: {}{absent};",
            field_doc(field, pad.len()),
            field.def.name,
            field_type(field.def.ty, true),
        )
        .unwrap();
    }
    out.push_str("}\n");
}

/// How a getter reads its field: `readField(this, "name", asString)`.
fn read(field: &ModelField<'_>) -> String {
    let (function, check) = reader(field.def.ty);
    format!(
        "{function}(this, {}, {check})",
        string_literal(&field.def.name)
    )
}
