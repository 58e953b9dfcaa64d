//! Naming rules every language shares: the API name's slug (package names,
//! the schema's `$id`), exception class names, and escaping reserved names.
//! A leaf: each language's `names` module builds on it, and it depends on
//! nothing of errspec's.

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

/// The case forms of a code that several languages' identifiers derive
/// from, converted once for all of them.
pub(crate) struct CodeWords {
    /// `UpperCamelCase`, e.g. `RateLimited` for `RATE_LIMITED`.
    pub(crate) camel: String,
    /// `SHOUTY_SNAKE_CASE`, e.g. `RATE_LIMITED` for `rate-limited`.
    pub(crate) shouty: String,
}

impl CodeWords {
    pub(crate) fn of(code: &str) -> Self {
        Self {
            camel: code.to_upper_camel_case(),
            shouty: code.to_shouty_snake_case(),
        }
    }
}

/// The API's `name` as a short lowercase slug joined by `separator` (`_` or
/// `-`): ASCII letters and digits only, starting with a letter, at most 40
/// characters (cut at a word boundary). `None` when nothing usable is left.
pub(crate) fn name_slug(name: &str, separator: char) -> Option<String> {
    let words = if separator == '_' {
        heck::ToSnakeCase::to_snake_case(name)
    } else {
        heck::ToKebabCase::to_kebab_case(name)
    };
    let mut slug = String::new();
    for word in words.split(separator) {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.is_empty() || slug.len() + word.len() + 1 > 40 {
            continue;
        }
        if !slug.is_empty() {
            slug.push(separator);
        }
        slug.push_str(&word);
    }
    slug.starts_with(|c: char| c.is_ascii_lowercase())
        .then_some(slug)
}

/// UpperCamelCase of the code with an `Error` suffix unless it already ends
/// in `Error`: the class name rule shared by Python and TypeScript.
pub(crate) fn exception_class(words: &CodeWords) -> String {
    let name = &words.camel;
    if name.ends_with("Error") {
        name.clone()
    } else {
        format!("{name}Error")
    }
}

/// `name`, with `_` appended when it is one of `reserved`. heck never ends a
/// name with `_`, so an escaped name cannot equal another code's plain name.
pub(crate) fn unreserved(name: String, reserved: &(impl Reserved + ?Sized)) -> String {
    if reserved.holds(&name) {
        name + "_"
    } else {
        name
    }
}

/// Names an identifier must not take.
pub(crate) trait Reserved {
    fn holds(&self, name: &str) -> bool;
}

impl Reserved for [&str] {
    fn holds(&self, name: &str) -> bool {
        self.contains(&name)
    }
}

/// A language's list of reserved names, looked up in a set made on first
/// use: every code's names are looked up, and the lists are long.
pub(crate) struct ReservedNames {
    names: &'static [&'static str],
    set: std::sync::OnceLock<std::collections::HashSet<&'static str>>,
}

impl ReservedNames {
    pub(crate) const fn new(names: &'static [&'static str]) -> Self {
        Self {
            names,
            set: std::sync::OnceLock::new(),
        }
    }
}

impl Reserved for ReservedNames {
    fn holds(&self, name: &str) -> bool {
        self.set
            .get_or_init(|| self.names.iter().copied().collect())
            .contains(name)
    }
}
