//! Python: escaping, and rendering the `python/` package (names are in [`names`]).
//!
//! The package is standard library only, for Python 3.9+, and passes
//! `mypy --strict`, `ruff check` and `ruff format --check` for any spec:
//! collections are written exploded with a trailing comma (ruff keeps them
//! so), and the one length-dependent layout, a long assignment, is chosen
//! here the way ruff would.

pub mod names;
mod per_code;

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Emit, Out, environment, runtime, template, write_with_parts};
use crate::model::{Model, ModelError};
use crate::spec::{FieldType, Scalar};
use crate::text::{must_escape, plain_ascii};

#[derive(Serialize)]
struct Package {
    /// The import name, e.g. `nanobanana_api_errors`.
    name: String,
    /// The distribution name, e.g. `nanobanana-api-errors`.
    distribution: String,
}

pub(crate) fn render(model: &Model<'_>, emit: Emit<'_>) -> Result<(), minijinja::Error> {
    let name = names::package_name(&model.spec.name, model.spec.python_package.as_deref());
    let package = Package {
        distribution: name.replace('_', "-"),
        name,
    };
    let mut env = environment();
    env.add_filter("py_str", |s: &str| string_literal(s));
    env.add_filter("py_doc", |s: &str| docstring(s));
    env.add_filter("py_comment", |s: &str| crate::text::printable(s));
    env.add_filter("py_assign", |target: &str, value: &str, indent: usize| {
        assignment(target, value, indent)
    });
    env.add_filter("toml_str", |s: &str| toml_string(s));
    env.add_filter("py_float", |f: f64| format!("{f:?}"));
    env.add_filter("py_bool", |b: bool| if b { "True" } else { "False" });
    env.add_template("__init__.py", template!("python/__init__.py.jinja"))?;
    env.add_template("pyproject.toml", template!("python/pyproject.toml.jinja"))?;
    env.add_template("README.md", template!("python/README.md.jinja"))?;
    env.add_template("fastapi.py", template!("python/fastapi.py.jinja"))?;
    env.add_template("_errors.py", template!("python/_errors.py.jinja"))?;
    env.add_filter("md_plain", |s: &str| super::docs::markdown_plain(s));
    env.add_filter("md_comment", |s: &str| super::docs::html_comment(s));
    let class_modules = class_modules(model);
    let context = minijinja::context! {
        model => model.template_value(),
        package => minijinja::value::Serde(&package),
        runtime => runtime::parts(template!("python/runtime.py"), "#"),
    };
    let render = |template: &str| env.get_template(template)?.render(&context);
    let text = |text: String| {
        move |out: &mut Out<'_>| {
            out.push_str(&text);
            Ok(())
        }
    };
    let module = PathBuf::from("python/src").join(&package.name);
    emit(
        Path::new("python/pyproject.toml"),
        &mut text(render("pyproject.toml")?),
    )?;
    emit(
        Path::new("python/README.md"),
        &mut text(render("README.md")?),
    )?;
    // `pip install ./python` leaves setuptools' build products here.
    let ignored = "build/\n*.egg-info/\n__pycache__/\n.mypy_cache/\n.ruff_cache/\n";
    emit(
        Path::new("python/.gitignore"),
        &mut text(ignored.to_owned()),
    )?;
    emit(&module.join("__init__.py"), &mut |out| {
        let parts = per_code::package_parts(model, &class_modules);
        let template = env.get_template("__init__.py")?;
        write_with_parts(out, &template, context.clone(), &parts)
    })?;
    emit(&module.join("py.typed"), &mut text(String::new()))?;
    for class_module in &class_modules {
        let chunk = &model.errors[class_module.start..class_module.end];
        let contents = env
            .get_template("_errors.py")?
            .render(minijinja::context! {
                start => class_module.start,
                end => class_module.end,
                classes => per_code::classes(chunk),
                imports => class_module_imports(chunk),
                typing => class_module_typing(chunk),
                ..context.clone()
            })?;
        emit(
            &module.join(format!("{}.py", class_module.name)),
            &mut text(contents),
        )?;
    }
    if model.spec.adapters.fastapi {
        emit(&module.join("fastapi.py"), &mut text(render("fastapi.py")?))?;
    }
    Ok(())
}

/// How many codes' error classes one module of the package defines. The
/// package imports a module on the first use of one of its classes, so a
/// program pays only for the classes it uses (see `_load_class`).
const CLASSES_PER_MODULE: usize = 100;

/// One module of error classes: `_errors_<n>`, with the codes `start..end`.
struct ClassModule {
    name: String,
    start: usize,
    end: usize,
}

fn class_modules(model: &Model<'_>) -> Vec<ClassModule> {
    (0..model.errors.len())
        .step_by(CLASSES_PER_MODULE)
        .enumerate()
        .map(|(n, start)| ClassModule {
            name: format!("_errors_{n}"),
            start,
            end: (start + CLASSES_PER_MODULE).min(model.errors.len()),
        })
        .collect()
}

/// What a module of error classes imports from the package: the base class,
/// the codes, and the field readers its classes use.
fn class_module_imports(errors: &[ModelError<'_>]) -> Vec<&'static str> {
    let mut names = std::collections::BTreeSet::from(["ApiError", "ErrorCode"]);
    for error in errors {
        if !error.fields.is_empty() {
            names.insert("_given");
        }
        for field in error.fields.iter().filter(|field| !field.shared) {
            let (scalar, list) = field.def.ty.parts();
            names.insert(if list { "_field_list" } else { "_field" });
            names.insert(match scalar {
                Scalar::String => "_string",
                Scalar::Integer => "_integer",
                Scalar::Number => "_number",
                Scalar::Boolean => "_boolean",
                Scalar::Json => "_json",
            });
        }
    }
    names.into_iter().collect()
}

/// What a module of error classes imports from `typing`: `Any` too when a
/// field is of type `json`.
fn class_module_typing(errors: &[ModelError<'_>]) -> Vec<&'static str> {
    let json = errors
        .iter()
        .flat_map(|error| &error.fields)
        .any(|field| field.def.ty.parts().0 == Scalar::Json);
    if json {
        vec!["Any", "ClassVar"]
    } else {
        vec!["ClassVar"]
    }
}

/// The Python type of a field of type `ty`.
fn field_type(ty: FieldType) -> String {
    let (scalar, list) = ty.parts();
    let element = match scalar {
        Scalar::String => "str",
        Scalar::Integer => "int",
        Scalar::Number => "float",
        Scalar::Boolean => "bool",
        Scalar::Json => "Any",
    };
    if list {
        format!("list[{element}]")
    } else {
        element.to_owned()
    }
}

/// The expression (at 8 spaces) reading the member `name` of `self` as a
/// field of type `ty`: `None` unless it has that type. Laid out as ruff
/// lays out a call.
fn field_reader(name: &str, ty: FieldType) -> String {
    let (scalar, list) = ty.parts();
    let function = if list { "_field_list" } else { "_field" };
    let scalar = scalar.as_str();
    let args = format!("self, {}, _{scalar}", string_literal(name));
    if 8 + "return ".len() + function.len() + args.len() + 2 <= LINE_LENGTH {
        format!("{function}({args})")
    } else if 12 + args.len() <= LINE_LENGTH {
        format!("{function}(\n            {args}\n        )")
    } else {
        format!(
            "{function}(\n            self,\n            {},\n            _{scalar},\n        )",
            string_literal(name)
        )
    }
}

/// A property's `def` line at 4 spaces, as ruff lays it out.
fn getter(name: &str, ty: &str) -> String {
    let line = format!("def {name}(self) -> {ty} | None:");
    if 4 + line.len() <= LINE_LENGTH {
        line
    } else {
        format!("def {name}(\n        self,\n    ) -> {ty} | None:")
    }
}

/// An optional keyword parameter at 8 spaces, as ruff lays it out: split
/// before `| None` when longer than a line.
fn optional_param(name: &str, ty: &str) -> String {
    let line = format!("{name}: {ty} | None = None,");
    if 8 + line.len() <= LINE_LENGTH {
        line
    } else {
        format!("{name}: {ty}\n        | None = None,")
    }
}

/// ruff's default line length.
const LINE_LENGTH: usize = 88;

/// `target = value` at `indent` spaces, as ruff formats it: on one line when
/// it fits in 88 columns, else with the value parenthesized on its own line
/// when that fits, else on one line anyway. `value` must be ASCII.
fn assignment(target: &str, value: &str, indent: usize) -> String {
    let one_line = format!("{target} = {value}");
    if indent + one_line.len() <= LINE_LENGTH || indent + 4 + value.len() > LINE_LENGTH {
        return one_line;
    }
    let pad = " ".repeat(indent);
    format!("{target} = (\n{pad}    {value}\n{pad})")
}

/// A code's wire value (a string, or a number for integer codes) as a
/// Python literal.
fn code_literal(wire: &serde_json::Value) -> String {
    match wire.as_str() {
        Some(text) => string_literal(text),
        None => wire.to_string(),
    }
}

/// A Python string literal, quotes included, whose value is exactly `s`.
/// Like ruff, it is double-quoted unless `s` holds more `"` than `'`.
pub(crate) fn string_literal(s: &str) -> String {
    let quote = if s.matches('"').count() > s.matches('\'').count() {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    if plain_ascii(s, &[b'\\', quote as u8]) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            escape_char(&mut out, c, quote, false);
        }
    }
    out.push(quote);
    out
}

/// A one-line docstring, quotes included, that reads as `s`: escaped like a
/// string literal, with white space at either end escaped too, since ruff
/// trims it from docstrings.
pub(crate) fn docstring(s: &str) -> String {
    if plain_ascii(s, b"\\\"") && !s.starts_with(' ') && !s.ends_with(' ') {
        return format!("\"\"\"{s}\"\"\"");
    }
    let chars: Vec<char> = s.chars().collect();
    let start = chars.iter().take_while(|c| c.is_whitespace()).count();
    let end = chars.len()
        - chars[start..]
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
    let mut out = String::with_capacity(s.len() + 6);
    out.push_str("\"\"\"");
    for (i, &c) in chars.iter().enumerate() {
        escape_char(&mut out, c, '"', i < start || i >= end);
    }
    out.push_str("\"\"\"");
    out
}

/// Writes `c` as it stands in a string literal delimited by `quote`;
/// `always` writes even plain characters as escapes.
fn escape_char(out: &mut String, c: char, quote: char, always: bool) {
    use std::fmt::Write;
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if (always || must_escape(c)) && u32::from(c) <= 0xFF => {
            write!(out, "\\x{:02x}", u32::from(c)).unwrap();
        }
        c if always || must_escape(c) => write!(out, "\\u{:04x}", u32::from(c)).unwrap(),
        c => out.push(c),
    }
}

/// A TOML basic string, quotes included, whose value is exactly `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_docstrings_escape_everything_that_could_break_out() {
        assert_eq!(
            string_literal("a'\"b\\c\nd\0e\u{202E}日"),
            r#""a'\"b\\c\nd\x00e\u202e日""#
        );
        assert_eq!(string_literal(r#"say "hi" it's"#), r#"'say "hi" it\'s'"#);
        assert_eq!(docstring(r#"say """ and \"#), r#""""say \"\"\" and \\""""#);
        assert_eq!(docstring("  padded\u{a0}"), r#""""\x20\x20padded\xa0""""#);
        assert_eq!(docstring(" "), r#""""\x20""""#);
        assert_eq!(toml_string("x\"\\\u{1b}"), r#""x\"\\\u001B""#);
    }

    #[test]
    fn long_assignments_are_parenthesized_as_ruff_does() {
        assert_eq!(assignment("A", "\"A\"", 4), "A = \"A\"");
        let long = "X".repeat(40);
        let value = format!("\"{long}\"");
        assert_eq!(
            assignment(&long, &value, 4),
            format!("{long} = (\n        {value}\n    )")
        );
    }
}
