//! Text rules shared by every output language: which characters may never be
//! written raw into generated source or terminal output.
//!
//! Each language escapes these in its own syntax (see `targets::<language>`);
//! this module only decides *which* characters need it, so every target agrees.

/// Whether `c` must be escaped wherever spec text lands in source code, a
/// comment or a terminal: control characters (NUL, CR, ESC, ...), the Unicode
/// bidirectional overrides and isolates (which can make code read differently
/// from how it compiles), invisible separators and the byte-order mark.
pub(crate) fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'                   // Arabic letter mark
            | '\u{200B}'..='\u{200F}'    // zero-width spaces, joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}'    // line and paragraph separators
            | '\u{202A}'..='\u{202E}'    // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}'    // bidi isolates
            | '\u{FEFF}' // byte-order mark
        )
}

/// Whether `s` is printable ASCII without any of `special`: text that a
/// string literal holds as it is, as nearly every spec string is.
pub(crate) fn plain_ascii(s: &str, special: &[u8]) -> bool {
    s.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && !special.contains(&b))
}

/// `s` with every character that [`must_escape`] flags written as `\u{XXXX}`,
/// for messages shown on a terminal.
pub(crate) fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if must_escape(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with hidden characters shown as `\u{XXXX}`, but line breaks and tabs
/// kept, for text that spans lines: comments, Markdown.
pub(crate) fn visible(s: &str) -> String {
    if nothing_hidden(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    out
}

/// Whether [`visible`] leaves `s` as it is. Plain ASCII, as most text is,
/// is answered without decoding characters.
pub(crate) fn nothing_hidden(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\t'))
        || s.chars()
            .all(|c| matches!(c, '\n' | '\t') || !must_escape(c))
}

/// Appends `c` to `out` as [`visible`] writes it.
pub(crate) fn push_visible(out: &mut String, c: char) {
    if c != '\n' && c != '\t' && must_escape(c) {
        out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_controls_and_bidi_but_not_ordinary_text() {
        for c in [
            '\0', '\n', '\r', '\t', '\u{1b}', '\u{7f}', '\u{85}', '\u{202E}', '\u{2066}',
            '\u{FEFF}',
        ] {
            assert!(must_escape(c), "{c:?} should be escaped");
        }
        for c in ['a', ' ', '"', '\\', 'é', '日', '😀', '\u{2030}'] {
            assert!(!must_escape(c), "{c:?} should pass through");
        }
    }

    #[test]
    fn printable_shows_hidden_characters() {
        assert_eq!(printable("a\u{202E}b\nc"), "a\\u{202E}b\\u{000A}c");
        assert_eq!(printable("plain `code`"), "plain `code`");
    }
}
