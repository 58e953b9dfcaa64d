//! Markdown: escaping, and the error reference page `docs/errors.md`.
//!
//! Spec text reaches Markdown in two kinds. Plain text (the name, messages,
//! examples) has every character that could start markup escaped. Markdown
//! fields (descriptions, causes, fixes, support) keep their formatting, but
//! raw HTML is shown as text and links may only go to `http`, `https` and
//! `mailto` targets, so no spec can put live markup or script on the page.
//! Hidden characters (controls, bidi overrides) are shown as `\u{..}`.

pub mod names;
mod per_code;

use std::path::Path;

use super::{Emit, environment, template, write_with_parts};
use crate::model::Model;
use crate::spec::CodeType;
use crate::text::{nothing_hidden, push_visible, visible};

pub(crate) fn render(model: &Model<'_>, emit: Emit<'_>) -> Result<(), minijinja::Error> {
    let mut env = environment();
    env.add_filter("md_text", |s: &str| markdown_text(s.trim_end()));
    env.add_filter("md_plain", |s: &str| markdown_plain(s));
    env.add_filter("md_code_block", |s: &str, language: &str| {
        code_block(s, language)
    });
    env.add_filter("md_comment", |s: &str| html_comment(s));
    env.add_filter("duration", |ms: u64| duration(ms));
    env.add_filter("number", |n: f64| number(n));
    env.add_template("errors.md", template!("docs/errors.md.jinja"))?;
    emit(Path::new("docs/errors.md"), &mut |out| {
        let context = minijinja::context! {
            model => model.template_value(),
            format_example => format_example(model),
        };
        let template = env.get_template("errors.md")?;
        write_with_parts(out, &template, context, &per_code::parts(model))
    })
}

/// The shape of every error body, with stand-in values.
fn format_example(model: &Model<'_>) -> String {
    use crate::model::{ErrorObject, response_body};
    let (code, wire) = match model.spec.code_type {
        CodeType::String => ("ERROR_CODE", serde_json::json!("ERROR_CODE")),
        CodeType::Integer => ("12345", serde_json::json!(12345)),
    };
    let base = model.spec.problem_base.as_deref().unwrap_or_default();
    let uri = format!("{base}{code}");
    let body = response_body(
        model.spec.format,
        ErrorObject {
            wire: &wire,
            message: "Human-readable error description",
            members: &serde_json::Map::new(),
            problem: Some((&uri, "Short summary of the error code", 400)),
        },
    );
    super::json_text(&body).trim_end().to_owned()
}

/// Markdown text with its formatting kept, but raw HTML shown as text,
/// links to anything but `http`, `https` and `mailto` shown as text, and
/// hidden characters made visible. Code spans and fenced blocks are left as
/// they are (HTML is not live there).
pub(crate) fn markdown_text(s: &str) -> String {
    // Without a code span, HTML or a link, and with nothing hidden, the text
    // stays as it is, as most does.
    let inert = !s.bytes().any(|b| matches!(b, b'`' | b'<' | b']')) && nothing_hidden(s);
    if inert {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Some((mark, length)) = fence {
            let run = content.chars().take_while(|&c| c == mark).count();
            if indent <= 3 && run >= length && content[run..].trim().is_empty() {
                fence = None;
            }
            out.push_str(&visible(line));
            continue;
        }
        if indent <= 3
            && let Some(mark) = content.chars().next().filter(|c| matches!(c, '`' | '~'))
        {
            let run = content.chars().take_while(|&c| c == mark).count();
            if run >= 3 && !(mark == '`' && content[run..].contains('`')) {
                fence = Some((mark, run));
                out.push_str(&visible(line));
                continue;
            }
        }
        out.push_str(&" ".repeat(indent));
        out.push_str(&inline_text(content));
    }
    out
}

/// One line of Markdown outside code blocks: see [`markdown_text`].
fn inline_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    // A link reference definition (`[label]: target`) with an unsafe target.
    if line.starts_with('[')
        && let Some(end) = line.find("]:")
        && !safe_link_target(&line[end + 2..])
    {
        out.push('\\');
    }
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if let Some(close) = closing_backticks(&chars, i + run, run) {
                let span: String = chars[i..close + run].iter().collect();
                out.push_str(&visible(&span));
                i = close + run;
                continue;
            }
            out.extend(std::iter::repeat_n('`', run));
            i += run;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            ']' if chars.get(i + 1) == Some(&'(') => {
                let rest: String = chars[i + 2..].iter().collect();
                out.push_str(if safe_link_target(&rest) { "]" } else { "]\\" });
            }
            c => push_visible(&mut out, c),
        }
        i += 1;
    }
    out
}

/// Where a run of exactly `run` backticks starting at or after `from` is.
fn closing_backticks(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let length = chars[i..].iter().take_while(|&&c| c == '`').count();
            if length == run {
                return Some(i);
            }
            i += length;
        } else {
            i += 1;
        }
    }
    None
}

/// Whether a link target (the text after `](` or `]:`) is harmless: no
/// scheme (a relative link) or `http`, `https` or `mailto`, and no entity or
/// backslash that could spell another scheme once decoded.
fn safe_link_target(rest: &str) -> bool {
    let target: String = rest
        .trim_start_matches([' ', '<'])
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>'))
        .collect();
    if target.contains(['&', '\\']) {
        return false;
    }
    match target.split_once(':') {
        None => true,
        Some((scheme, _)) => matches!(
            scheme.to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto"
        ),
    }
}

/// Plain text as Markdown that renders as exactly that text: every
/// character that could start markup is backslash-escaped, and line breaks
/// stay line breaks.
pub(crate) fn markdown_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        let content = line.trim_start_matches(' ');
        out.push_str(&"&#32;".repeat(line.len() - content.len()));
        let starts_list = content.chars().take_while(char::is_ascii_digit).count();
        for (j, c) in content.chars().enumerate() {
            let at_start = j == 0 && matches!(c, '#' | '-' | '+' | '=');
            let list_number = starts_list > 0 && j == starts_list && matches!(c, '.' | ')');
            if at_start
                || list_number
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!'
                )
            {
                out.push('\\');
            }
            push_visible(&mut out, c);
        }
    }
    out
}

/// Markdown for one table cell: pipes escaped, line breaks as `<br>`.
fn table_cell(markdown: &str) -> String {
    markdown.replace('|', "\\|").replace('\n', "<br>")
}

/// Markdown for a list item after `- `: continuation lines indented under it.
fn list_item(markdown: &str) -> String {
    markdown.replace('\n', "\n  ")
}

/// A fenced code block whose fence is longer than any backtick run inside.
fn code_block(s: &str, language: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(3.max(longest + 1));
    format!("{fence}{language}\n{}\n{fence}", visible(s))
}

/// Text for an HTML comment: nothing in it can end the comment.
pub(crate) fn html_comment(s: &str) -> String {
    visible(s).replace("--", "- -").replace('>', "&gt;")
}

/// `1000` → `1 s`, `1500` → `1.5 s`, `250` → `250 ms`.
fn duration(ms: u64) -> String {
    if ms < 1000 {
        return format!("{ms} ms");
    }
    format!("{} s", number(ms as f64 / 1000.0))
}

/// A number without a needless `.0`: `2`, `1.5`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_formatting_but_not_html_or_script_links() {
        assert_eq!(
            markdown_text("**bold** and `a<b>` and <b>x</b>"),
            "**bold** and `a<b>` and &lt;b>x&lt;/b>"
        );
        assert_eq!(
            markdown_text("[ok](https://x.io) [bad](javascript:alert(1))"),
            "[ok](https://x.io) [bad]\\(javascript:alert(1))"
        );
        assert_eq!(
            markdown_text("[e](jav&#x61;script:x) [r](../a.md)"),
            "[e]\\(jav&#x61;script:x) [r](../a.md)"
        );
        assert_eq!(
            markdown_text("[ref]: javascript:alert(1)"),
            "\\[ref]: javascript:alert(1)"
        );
        assert_eq!(
            markdown_text("```html\n<script>x</script>\n```\n<i>"),
            "```html\n<script>x</script>\n```\n&lt;i>"
        );
        assert_eq!(markdown_text("a\u{202E}b"), "a\\u{202E}b");
    }

    #[test]
    fn plain_text_renders_as_itself() {
        assert_eq!(
            markdown_plain("# not a heading *or* <b>"),
            "\\# not a heading \\*or\\* \\<b\\>"
        );
        assert_eq!(
            markdown_plain("1. not a list\n- nor this"),
            "1\\. not a list\\\n\\- nor this"
        );
        assert_eq!(
            markdown_plain("    not code"),
            "&#32;&#32;&#32;&#32;not code"
        );
        assert_eq!(markdown_plain("a | b & c"), "a \\| b \\& c");
    }

    #[test]
    fn cells_blocks_and_comments_cannot_be_broken_out_of() {
        assert_eq!(table_cell("a | `b|c`\nd"), "a \\| `b\\|c`<br>d");
        assert_eq!(code_block("x ``` y", "json"), "````json\nx ``` y\n````");
        assert_eq!(html_comment("a --> b"), "a - -&gt; b");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(
            [
                duration(1000),
                duration(1500),
                duration(250),
                duration(30_000)
            ],
            ["1 s", "1.5 s", "250 ms", "30 s"]
        );
        assert_eq!([number(2.0), number(1.5)], ["2", "1.5"]);
    }
}
