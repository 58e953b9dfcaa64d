//! Runtime files: the static code of a generated file, kept under
//! `templates/<target>/` as an ordinary source file that its language's own
//! tools check as it is (rustfmt and clippy, ruff and mypy, tsc).
//!
//! A runtime file is cut into parts at marker lines: a comment that holds
//! only `errspec: NAME` (`// errspec: NAME`, `# errspec: NAME`). A part runs
//! to the next marker, and templates write it as `runtime.NAME`. The lines
//! after `errspec: template` are what the template writes itself (the spec's
//! parts, stood in for so the file stands alone, and the braces around them)
//! and are dropped, as is everything before the first marker: the file's own
//! header. Blank lines at either end of a part are dropped too; the template
//! lays out the space between parts.

use std::collections::BTreeMap;

/// The marker name of lines the template writes itself.
const TEMPLATE: &str = "template";

/// The parts of the runtime file `source`, by name. `comment` is the
/// language's line comment, `//` or `#`.
///
/// # Panics
/// When two parts share a name: the runtime file is broken, a bug in errspec
/// that the unit tests catch.
pub(crate) fn parts<'a>(source: &'a str, comment: &str) -> BTreeMap<&'a str, &'a str> {
    let mut parts = BTreeMap::new();
    let mut current: Option<(&str, usize)> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let name = line
            .trim()
            .strip_prefix(comment)
            .and_then(|rest| rest.strip_prefix(" errspec: "))
            .filter(|name| !name.is_empty() && !name.contains(char::is_whitespace));
        if let Some(name) = name {
            if let Some((previous, start)) = current.take() {
                add(&mut parts, previous, &source[start..offset]);
            }
            current = Some((name, offset + line.len()));
        }
        offset += line.len();
    }
    if let Some((name, start)) = current {
        add(&mut parts, name, &source[start..]);
    }
    parts
}

fn add<'a>(parts: &mut BTreeMap<&'a str, &'a str>, name: &'a str, text: &'a str) {
    if name == TEMPLATE {
        return;
    }
    let first_content = text
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(text.len());
    let line_start = text[..first_content].rfind('\n').map_or(0, |i| i + 1);
    let previous = parts.insert(name, text[line_start..].trim_end());
    assert!(
        previous.is_none(),
        "runtime file has two parts named `{name}`"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_run_between_markers_without_their_blank_ends() {
        let source = "header\n// errspec: one\n\n  fn a() {}\n\n  fn b() {}\n\n    // errspec: template\nstand-in\n// errspec: two\nlast";
        let parts = parts(source, "//");
        assert_eq!(
            parts.into_iter().collect::<Vec<_>>(),
            [("one", "  fn a() {}\n\n  fn b() {}"), ("two", "last")]
        );
    }

    #[test]
    fn only_whole_marker_comments_split() {
        let source = "# errspec: a\nx = 1  # errspec: b\n#! errspec: c\n# errspec: two words\n";
        assert_eq!(
            parts(source, "#").into_iter().collect::<Vec<_>>(),
            [(
                "a",
                "x = 1  # errspec: b\n#! errspec: c\n# errspec: two words"
            )]
        );
    }

    #[test]
    fn every_part_of_every_runtime_file_is_written_once() {
        use crate::targets::template;
        for (template, runtime, comment) in [
            (
                template!("rust/errors.rs.jinja"),
                template!("rust/runtime.rs"),
                "//",
            ),
            (
                template!("python/__init__.py.jinja"),
                template!("python/runtime.py"),
                "#",
            ),
            (
                template!("typescript/errors.ts.jinja"),
                template!("typescript/runtime.ts"),
                "//",
            ),
            (
                template!("typescript/errors.js.jinja"),
                template!("typescript/runtime.js"),
                "//",
            ),
            (
                template!("typescript/errors.d.ts.jinja"),
                template!("typescript/runtime.d.ts"),
                "//",
            ),
        ] {
            let parts = parts(runtime, comment);
            assert!(parts.len() >= 4, "{parts:?}");
            for (name, text) in parts {
                let tag = format!("{{{{ runtime.{name} }}}}");
                // A part is empty in JavaScript when all of it is types.
                let expected = usize::from(!text.is_empty());
                assert_eq!(template.matches(&tag).count(), expected, "{tag}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "two parts named `a`")]
    fn duplicate_parts_are_a_bug() {
        parts("// errspec: a\n// errspec: a\n", "//");
    }
}
