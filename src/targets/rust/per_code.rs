//! The parts of `errors.rs` repeated for every code (and for every field),
//! written directly rather than through the template engine (see
//! "Per-code sections" in [`crate::targets`]). Each part is whole lines
//! without the last newline, which the template's own line adds.

use std::fmt::Write;

use super::{
    constructor, definition, doc_comment, field_type, member, string_field, string_literal,
};
use crate::model::{Model, ModelError, ModelField};
use crate::targets::{Out, Part};

/// The per-code parts of `errors.rs`, as its template names them: the
/// variants of `ErrorCode`; the `static INFO` table of every code's
/// `ErrorCodeInfo`; the members of `SharedFields`; the fields struct of each
/// code with fields, in `mod fields`; and each fields struct's `CODE`,
/// outside `mod fields`.
pub(super) fn parts<'p>(model: &'p Model<'_>) -> Vec<Part<'p>> {
    let errors = &model.errors;
    let with_fields = move || errors.iter().filter(|error| !error.fields.is_empty());
    let any_fields = with_fields().next().is_some();
    vec![
        Part::lines("variants", true, move |out| out.each(errors, variant)),
        Part::lines("info_table", true, move |out| info_table(out, errors)),
        Part::lines(
            "shared_members",
            !model.shared_fields.is_empty(),
            move |out| out.each(&model.shared_fields, shared_member),
        ),
        Part::lines("field_structs", any_fields, move |out| {
            out.each(with_fields(), field_struct);
        }),
        Part::lines("field_codes", any_fields, move |out| {
            out.each(with_fields(), field_code);
        }),
    ]
}

fn shared_member(out: &mut String, field: &ModelField<'_>) {
    let ty = field_type(field.def.ty, true);
    let member = member(&field.names.rust, &ty, 4);
    writeln!(out, "{}\n    {member}", attributes(field, "lenient", 4)).unwrap();
}

fn field_code(out: &mut String, error: &ModelError<'_>) {
    let variant = &error.names.rust.variant;
    let code = definition(
        "const CODE: ErrorCode =",
        &format!("ErrorCode::{variant};"),
        4,
    );
    writeln!(
        out,
        "\n#[allow(deprecated)]\nimpl fields::{variant} {{\n    {code}\n}}"
    )
    .unwrap();
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
fn info_table(out: &mut Out<'_>, errors: &[ModelError<'_>]) {
    if let [error] = errors {
        return out.push_str(&format!(
            "        static INFO: [ErrorCodeInfo; 1] = [ErrorCodeInfo {{\n{}\n        }}];\n",
            info_fields(error, 12)
        ));
    }
    out.push_str(&format!(
        "        static INFO: [ErrorCodeInfo; {}] = [\n",
        errors.len()
    ));
    out.each(errors, |out, error| {
        writeln!(
            out,
            "            ErrorCodeInfo {{\n{}\n            }},",
            info_fields(error, 16)
        )
        .unwrap();
    });
    out.push_str("        ];\n");
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
