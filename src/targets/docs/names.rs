//! The docs page's anchor of a code. A leaf: the model reads it, so every
//! target links to the same anchor.

use serde::Serialize;

/// A code's names on the docs page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// The `id` of the code's section, e.g. `rate_limited`.
    pub anchor: String,
}

pub(crate) fn names(code: &str) -> Names {
    Names {
        anchor: code.to_lowercase(),
    }
}

/// The link to `code`'s docs: `template` (the spec's `docs_url`) with
/// `{code}` and `{anchor}` (the anchor of `identifier`, the code's name)
/// filled in, or the first `{...}` that is no placeholder (a URI has no
/// braces of its own).
pub(crate) fn doc_url(template: &str, code: &str, identifier: &str) -> Result<String, String> {
    let mut url = String::with_capacity(template.len() + code.len());
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        url.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{code}") {
            url.push_str(code);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{anchor}") {
            url.push_str(&names(identifier).anchor);
            rest = after;
        } else {
            let end = rest.find('}').map_or(rest.len(), |i| i + 1);
            return Err(rest[..end.max(1)].to_owned());
        }
    }
    url.push_str(rest);
    Ok(url)
}

impl Names {
    /// Each name with what it is, for the collision check.
    pub(crate) fn identifiers(&self) -> [(&'static str, &str); 1] {
        [("docs anchor", &self.anchor)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_urls_fill_placeholders_and_nothing_else() {
        assert_eq!(
            doc_url("https://x.io/e/{code}#{anchor}", "NOT_FOUND", "NOT_FOUND").unwrap(),
            "https://x.io/e/NOT_FOUND#not_found"
        );
        assert_eq!(
            doc_url("https://x.io/e/{code}#{anchor}", "10001", "UNKNOWN_ACCOUNT").unwrap(),
            "https://x.io/e/10001#unknown_account"
        );
        assert_eq!(
            doc_url("https://x.io/{feild}", "A", "A").unwrap_err(),
            "{feild}"
        );
        assert_eq!(
            doc_url("https://x.io/{open", "A", "A").unwrap_err(),
            "{open"
        );
        assert_eq!(doc_url("https://x.io/}", "A", "A").unwrap_err(), "}");
    }

    #[test]
    fn anchors_are_lowercase_codes() {
        assert_eq!(names("RATE_LIMITED").anchor, "rate_limited");
        assert_eq!(names("v2.Not-Found").anchor, "v2.not-found");
    }
}
