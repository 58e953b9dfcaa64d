//! The docs page for the repo's spec says every fact of the seed error page
//! (`tests/fixtures/api-errors-page.txt`): the envelope, the status table,
//! each code's status, description, example message, causes and fix, the
//! retry rules and delays, and where to get help.
//!
//! Facts are compared by their words: lowercase letters and digits only, so
//! the page's lost code formatting and curly quotes do not matter.

use std::path::Path;

/// Lowercase letters and digits of `text`, for comparing words.
fn words(text: &str) -> String {
    text.replace('’', "'")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn seed_page() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api-errors-page.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed page {}: {e}", path.display()))
}

fn docs_page() -> String {
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("docs-seed");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/errors.yaml");
    errspec::Builder::new(spec)
        .out_dir(&out)
        .targets([errspec::Target::Docs])
        .generate()
        .unwrap();
    std::fs::read_to_string(out.join("docs/errors.md")).unwrap()
}

/// One code's section of the seed page.
#[derive(Debug, Default)]
struct SeedCode {
    code: String,
    status: String,
    lines: Vec<String>,
}

/// The seed page's code sections: from `CODE (status)` to the next one.
fn seed_codes(page: &str) -> Vec<SeedCode> {
    let body = &page
        [page.find("Error Codes").unwrap()..page.find("Error Handling Best Practices").unwrap()];
    let mut codes: Vec<SeedCode> = Vec::new();
    for line in body.lines().skip(1) {
        let header = line.split_once(" (").filter(|(code, rest)| {
            code.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                && rest.len() == 4
                && rest.ends_with(')')
        });
        match header {
            Some((code, rest)) => codes.push(SeedCode {
                code: code.to_owned(),
                status: rest[..3].to_owned(),
                lines: Vec::new(),
            }),
            None => codes.last_mut().unwrap().lines.push(line.to_owned()),
        }
    }
    codes
}

/// The docs page's section for `code`, as words.
fn docs_section(docs: &str, code: &str) -> String {
    let start = docs
        .find(&format!("### `{code}`"))
        .unwrap_or_else(|| panic!("no section for {code}"));
    let rest = &docs[start + 4..];
    words(
        &rest[..rest
            .find("\n## ")
            .min(rest.find("\n### "))
            .unwrap_or(rest.len())],
    )
}

#[test]
fn every_code_section_of_the_seed_page_is_in_the_docs() {
    let (page, docs) = (seed_page(), docs_page());
    let codes = seed_codes(&page);
    assert_eq!(codes.len(), 7, "the seed page defines seven codes");
    for seed in &codes {
        let section = docs_section(&docs, &seed.code);
        assert!(
            section.starts_with(&words(&format!("{} ({})", seed.code, seed.status))),
            "{} heading",
            seed.code
        );
        let description = &seed.lines[0];
        assert!(
            section.contains(&words(description)),
            "{}: description {description:?}",
            seed.code
        );
        let example = seed
            .lines
            .iter()
            .find_map(|l| l.strip_prefix("\"message\": \""))
            .unwrap();
        assert!(
            section.contains(&words(example.trim_end_matches('"'))),
            "{}: example {example:?}",
            seed.code
        );

        // Causes and fixes: a cause's text may continue on the next lines.
        let mut facts: Vec<String> = Vec::new();
        let mut in_causes = false;
        for line in seed.lines.iter().skip_while(|l| *l != "}").skip(1) {
            if line == "Common causes:" {
                in_causes = true;
            } else if let Some(cause) = line.strip_prefix("- ").filter(|_| in_causes) {
                facts.push(cause.to_owned());
            } else if in_causes && !line.starts_with("Fix:") {
                facts.last_mut().unwrap().push_str(line);
            } else {
                in_causes = false;
                facts.push(line.clone());
            }
        }
        for fact in facts {
            assert!(
                section.contains(&words(&fact)),
                "{}: {fact:?} is not in the docs",
                seed.code
            );
        }
    }
}

#[test]
fn the_status_table_lists_every_status_with_its_meaning_and_codes() {
    let (page, docs) = (seed_page(), docs_page());
    let codes = seed_codes(&page);
    let rows: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("| 4") || l.starts_with("| 5"))
        .collect();
    assert_eq!(rows.len(), 7);
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let (status, meaning) = (cells[0], cells[1]);
        let docs_row = docs
            .lines()
            .find(|l| l.starts_with(&format!("| {status} |")))
            .expect(status);
        let docs_row = words(docs_row);
        assert!(docs_row.contains(&words(meaning)), "{status}: {meaning:?}");
        for code in codes.iter().filter(|c| c.status == status) {
            assert!(
                docs_row.contains(&words(&code.code)),
                "{status} lists {}",
                code.code
            );
        }
    }
}

#[test]
fn the_envelope_retry_rules_and_help_are_in_the_docs() {
    let (page, docs) = (seed_page(), docs_page());
    let all = words(&docs);
    // The envelope format.
    let envelope: String = page
        .lines()
        .take_while(|l| !l.starts_with("HTTP Status Codes"))
        .skip(1)
        .collect();
    assert!(all.contains(&words(&envelope)), "the envelope");

    // Retry transient errors (500, 502, 429) with 1 s, 2 s, 4 s; never the client errors.
    let retrying = &docs[docs.find("## Retrying").unwrap()..];
    let retry_line = retrying
        .lines()
        .find(|l| l.starts_with("Retry only"))
        .unwrap();
    for (code, status) in [
        ("INTERNAL_ERROR", "500"),
        ("UPSTREAM_ERROR", "502"),
        ("RATE_LIMITED", "429"),
    ] {
        assert!(
            retry_line.contains(&format!("`{code}` ({status})")),
            "{code} is retried"
        );
    }
    let never = retrying
        .lines()
        .find(|l| l.starts_with("Do not retry"))
        .unwrap();
    for code in ["VALIDATION_ERROR", "UNAUTHORIZED", "INSUFFICIENT_BALANCE"] {
        assert!(
            page.contains(code) && never.contains(code),
            "{code} is never retried"
        );
    }
    assert!(retrying.contains("Retry at most 3 times"));
    assert!(retrying.contains("Wait 1 s before the first retry, then 2 s, then 4 s."));

    // Where to get help.
    let help = &page[page.find("Need Help?").unwrap()..];
    for fact in help
        .lines()
        .skip(1)
        .filter_map(|l| l.strip_prefix("- "))
        .filter(|l| !l.contains("with:"))
    {
        assert!(all.contains(&words(fact)), "help: {fact:?}");
    }

    // Links to the machine-readable descriptions.
    assert!(
        docs.contains("](../schema/errors.schema.json)")
            && docs.contains("](../openapi/errors.yaml)")
    );
}
