//! The parts of `errors.ts`, `errors.js` and `errors.d.ts` repeated for
//! every code, written directly rather than through the template engine
//! (see "Per-code sections" in [`crate::targets`]). Each part is whole
//! lines without the last newline, which the template's own line adds.

use std::fmt::Write;

use super::{doc_comment, field_type, reader, string_literal};
use crate::model::{Model, ModelError, ModelField};
use crate::targets::room_per_code;

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

/// The per-code parts of one module, as the template names them.
pub(super) struct Parts {
    /// The members of the `ErrorCode` object.
    code_members: String,
    /// The entries of `ERROR_INFO`; none in declarations.
    error_info: String,
    /// Each code's error class, with its fields interface in TypeScript.
    classes: String,
    /// The entries of `ERROR_CLASSES`; none in declarations.
    class_map: String,
}

crate::targets::per_code_value!(Parts {
    code_members,
    error_info,
    classes,
    class_map
});

pub(super) fn parts(model: &Model<'_>, module: Module) -> Parts {
    let room = |bytes| room_per_code(model, bytes);
    let mut parts = Parts {
        code_members: room(128),
        error_info: room(320),
        classes: room(640),
        class_map: room(64),
    };
    for error in &model.errors {
        code_member(&mut parts.code_members, error, module);
        if module != Module::Declarations {
            error_info(&mut parts.error_info, error, module);
            let names = &error.names.typescript;
            let code = code_literal(error);
            let pad = module.indent();
            writeln!(parts.class_map, "{pad}{code}: {},", names.class).unwrap();
        }
        class(&mut parts.classes, error, module);
    }
    for part in [
        &mut parts.code_members,
        &mut parts.error_info,
        &mut parts.classes,
        &mut parts.class_map,
    ] {
        part.pop();
    }
    parts
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
        Module::Declarations => writeln!(out, "{doc}\n{pad}readonly {key}: {code};"),
        Module::Source | Module::Script => writeln!(out, "{doc}\n{pad}{key}: {code},"),
    }
    .unwrap();
}

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
    writeln!(
        out,
        "{pad}{code}: {{\n\
         {pad}{pad}status: {status},\n\
         {pad}{pad}retryable: {retryable},\n\
         {pad}{pad}message: {message},\n\
         {pad}{pad}summary: {summary},\n\
         {pad}{pad}docUrl: {doc_url},\n\
         {pad}{pad}fields: [{fields}],\n\
         {pad}{pad}messageIsTemplate: {templated},\n\
         {pad}}},",
        code = code_literal(error),
        status = def.status,
        retryable = def.retryable,
        message = string_literal(&def.message),
        summary = string_literal(error.problem_title),
        fields = fields.join(", "),
        templated = error.templated,
    )
    .unwrap();
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
