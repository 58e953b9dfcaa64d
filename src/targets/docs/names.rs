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
    fn anchors_are_lowercase_codes() {
        assert_eq!(names("RATE_LIMITED").anchor, "rate_limited");
        assert_eq!(names("v2.Not-Found").anchor, "v2.not-found");
    }
}
