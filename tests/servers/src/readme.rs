//! The README's code blocks, for `build.rs` (which compiles the axum server
//! example) and the tests (which run the others).

/// The first `lang` code block after `marker` in `markdown`.
pub fn example<'a>(markdown: &'a str, marker: &str, lang: &str) -> &'a str {
    let after = &markdown[markdown.find(marker).expect("the README's example")..];
    let fence = format!("```{lang}\n");
    let start = after.find(&fence).expect("a code block") + fence.len();
    &after[start..start + after[start..].find("```").expect("the block's end")]
}
