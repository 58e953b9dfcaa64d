//! The parts of `errors.rs` repeated for every code (and for every field),
//! written directly rather than through the template engine (see
//! "Per-code sections" in [`crate::targets`]). Each part is whole lines
//! without the last newline, which the template's own line adds.

use std::fmt::Write;

use super::{
    constructor, definition, doc_comment, field_type, member, string_field, string_literal,
};
use crate::model::{Model, ModelError, ModelField};
use crate::targets::room_per_code;

/// The per-code parts of `errors.rs`, as its template names them.
pub(super) struct Parts {
    /// The variants of `ErrorCode`.
    variants: String,
    /// The `static INFO` table of every code's `ErrorCodeInfo`.
    info_table: String,
    /// The members of `SharedFields`; empty without shared fields.
    shared_members: String,
    /// The fields struct of each code with fields, in `mod fields`; empty
    /// when no code has fields.
    field_structs: String,
    /// Each fields struct's `CODE`, outside `mod fields`; empty when no code
    /// has fields.
    field_codes: String,
}

crate::targets::per_code_value!(Parts {
    variants,
    info_table,
    shared_members,
    field_structs,
    field_codes
});

pub(super) fn parts(model: &Model<'_>) -> Parts {
    let room = |bytes| room_per_code(model, bytes);
    let mut parts = Parts {
        variants: room(256),
        info_table: info_table(&model.errors),
        shared_members: String::new(),
        field_structs: String::new(),
        field_codes: String::new(),
    };
    for field in &model.shared_fields {
        let ty = field_type(field.def.ty, true);
        let member = member(&field.names.rust, &ty, 4);
        writeln!(
            parts.shared_members,
            "{}\n    {member}",
            attributes(field, "lenient", 4)
        )
        .unwrap();
    }
    for error in &model.errors {
        variant(&mut parts.variants, error);
        if !error.fields.is_empty() {
            field_struct(&mut parts.field_structs, error);
            let variant = &error.names.rust.variant;
            let code = definition(
                "const CODE: ErrorCode =",
                &format!("ErrorCode::{variant};"),
                4,
            );
            writeln!(
                parts.field_codes,
                "\n#[allow(deprecated)]\nimpl fields::{variant} {{\n    {code}\n}}"
            )
            .unwrap();
        }
    }
    for part in [
        &mut parts.variants,
        &mut parts.shared_members,
        &mut parts.field_structs,
        &mut parts.field_codes,
    ] {
        part.pop();
    }
    parts
}

fn variant(out: &mut String, error: &ModelError<'_>) {
    let def = error.def;
    writeln!(
        out,
        "    /// `{}`: HTTP {}, {}.\n    ///",
        def.code, def.status, error.retryability
    )
    .unwrap();
    // An empty description is as good as none.
    let doc = match def.description.as_deref().filter(|d| !d.is_empty()) {
        Some(description) => doc_comment(&format!("{}\n\n{description}", error.summary), 4),
        None => doc_comment(error.summary, 4),
    };
    writeln!(out, "{doc}").unwrap();
    if let Some(deprecated) = &def.deprecated {
        out.push_str("    ///\n    /// Deprecated.\n");
        match &deprecated.note {
            Some(note) => writeln!(
                out,
                "    ///\n{}\n    #[deprecated = {}]",
                doc_comment(note, 4),
                string_literal(note)
            ),
            None => writeln!(out, "    #[deprecated]"),
        }
        .unwrap();
    }
    writeln!(out, "    {},", error.names.rust.variant).unwrap();
}

/// `static INFO`, at 8 spaces in `ErrorCode::table`: a static, not a
/// constant, since a constant table of thousands of codes costs seconds of
/// borrow checking. rustfmt writes a lone struct literal in an array as
/// `[ErrorCodeInfo {`.
fn info_table(errors: &[ModelError<'_>]) -> String {
    if let [error] = errors {
        return format!(
            "        static INFO: [ErrorCodeInfo; 1] = [ErrorCodeInfo {{\n{}\n        }}];",
            info_fields(error, 12)
        );
    }
    let mut out = String::with_capacity(512 * errors.len());
    writeln!(
        out,
        "        static INFO: [ErrorCodeInfo; {}] = [",
        errors.len()
    )
    .unwrap();
    for error in errors {
        writeln!(
            out,
            "            ErrorCodeInfo {{\n{}\n            }},",
            info_fields(error, 16)
        )
        .unwrap();
    }
    out.push_str("        ];");
    out
}

/// The fields of a code's `ErrorCodeInfo` at `indent` spaces.
fn info_fields(error: &ModelError<'_>, indent: usize) -> String {
    let def = error.def;
    let variant = &error.names.rust.variant;
    let fields: Vec<&str> = error.fields.iter().map(|f| f.def.name.as_str()).collect();
    let lines = [
        format!("code: ErrorCode::{variant},"),
        string_field(&def.code, "wire", indent) + ",",
        format!("status: {},", def.status),
        format!("retryable: {},", def.retryable),
        string_field(&def.message, "default_message", indent) + ",",
        string_field(error.problem_title, "summary", indent) + ",",
        string_field(
            error.doc_url.as_deref().unwrap_or_default(),
            "doc_url",
            indent,
        ) + ",",
        string_field(&fields.join(" "), "fields", indent) + ",",
        format!("message_is_template: {},", error.templated),
        string_field(variant, "variant", indent) + ",",
    ];
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(lines.iter().map(|line| indent + line.len() + 1).sum());
    for line in lines {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&pad);
        out.push_str(&line);
    }
    out
}

/// A field's doc comment and serde attributes at `indent` spaces, reading
/// it with the function `lenient`.
fn attributes(field: &ModelField<'_>, lenient: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let def = field.def;
    let mut out = match &def.description {
        Some(description) => doc_comment(description, indent),
        None => format!("{pad}/// The `{}` field.", def.name),
    };
    if field.names.rust != def.name {
        write!(
            out,
            "\n{pad}#[serde(rename = {})]",
            string_literal(&def.name)
        )
        .unwrap();
    }
    let is_none = if indent == 4 {
        "::core::option::Option::is_none"
    } else {
        "Option::is_none"
    };
    write!(
        out,
        "\n{pad}#[serde(deserialize_with = \"{lenient}\")]\n{pad}#[serde(skip_serializing_if = \"{is_none}\")]"
    )
    .unwrap();
    out
}

fn field_struct(out: &mut String, error: &ModelError<'_>) {
    let variant = &error.names.rust.variant;
    writeln!(
        out,
        "\n    /// The fields of [`super::ErrorCode::{variant}`], the shared ones included.\n    \
         #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n    \
         #[serde(default)]\n    pub struct {variant} {{"
    )
    .unwrap();
    for field in &error.fields {
        let ty = field_type(field.def.ty, false);
        let member = member(&field.names.rust, &ty, 8);
        writeln!(
            out,
            "{}\n        {member}",
            attributes(field, "super::lenient", 8)
        )
        .unwrap();
    }
    writeln!(
        out,
        "    }}\n\n    impl {variant} {{\n        \
         /// The fields of an error of this code with the required ones set;\n        \
         /// set the optional ones on the result.\n        \
         {}\n\n        \
         /// The fields of `error` when its code is this one. A field that is\n        \
         /// missing, null or of another type is `None` (its value stays in\n        \
         /// `error.members`).\n        \
         pub fn of(error: &super::ApiError) -> Option<Self> {{\n            \
         (error.code == super::Code::Known(Self::CODE))\n                \
         .then(|| super::read_fields(&error.members))\n        }}\n\n        \
         fn into_error(self) -> super::ApiError {{\n            \
         super::ApiError::with_fields(Self::CODE, &self)\n        }}\n    }}\n\n    \
         impl From<{variant}> for super::ApiError {{\n        \
         fn from(fields: {variant}) -> Self {{\n            fields.into_error()\n        }}\n    }}",
        constructor(error)
    )
    .unwrap();
}
