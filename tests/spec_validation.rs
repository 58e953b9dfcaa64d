//! Every rule of the spec format: a spec that breaks it, and the message and
//! position the author gets.

use errspec::{Diagnostics, Spec};

/// A valid spec to break one rule at a time. Line numbers below refer to it.
const VALID: &str = "\
version: 1
name: Test API
errors:
  - code: NOT_FOUND
    status: 404
    message: Not found.
    retryable: false
  - code: RATE_LIMITED
    status: 429
    message: Slow down.
    retryable: true
";

fn problems(yaml: &str) -> Diagnostics {
    match Spec::parse(yaml, "spec/errors.yaml") {
        Ok(spec) => panic!("expected problems, got a valid spec: {spec:?}"),
        Err(diagnostics) => diagnostics,
    }
}

/// The only problem in `yaml`, as (line, column, message, help).
fn only_problem(yaml: &str) -> (u32, u32, String, String) {
    let diagnostics = problems(yaml);
    assert_eq!(
        diagnostics.items.len(),
        1,
        "expected one problem:\n{diagnostics}"
    );
    let d = &diagnostics.items[0];
    (
        d.position.line,
        d.position.column,
        d.message.clone(),
        d.help.clone().unwrap_or_default(),
    )
}

#[test]
fn the_valid_spec_and_the_repo_spec_load() {
    let spec = Spec::parse(VALID, "x.yaml").unwrap();
    assert_eq!(spec.errors.len(), 2);
    assert_eq!(spec.retry.max_retries, 3, "default retry policy");
    let repo =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/errors.yaml")).unwrap();
    let spec = Spec::parse(&repo, "spec/errors.yaml").unwrap();
    assert_eq!(spec.errors.len(), 7);
}

#[test]
fn diagnostics_print_path_line_column_and_help() {
    let yaml = VALID.replace("  - code: RATE_LIMITED", "  - code: NOT_FOUND");
    let text = problems(&yaml).to_string();
    assert_eq!(
        text,
        "spec/errors.yaml:8:11: error: duplicate code `NOT_FOUND` (first defined at line 4)\n  \
         help: each code may appear only once; remove or rename one of them"
    );
}

#[test]
fn code_must_start_with_a_letter_and_use_safe_characters() {
    for bad in ["1ABC", "_X", "NOT FOUND", "A/B", "é", "A\u{202E}B"] {
        let yaml = VALID.replace("code: NOT_FOUND", &format!("code: \"{bad}\""));
        let (line, column, message, help) = only_problem(&yaml);
        assert_eq!((line, column), (4, 11), "{bad}");
        assert!(
            message.starts_with("`code` of error 1 is not a valid code: `"),
            "{message}"
        );
        assert!(help.contains("starts with an ASCII letter"), "{help}");
    }
    let hidden = VALID.replace("code: NOT_FOUND", "code: \"A\\u202EB\"");
    assert!(
        only_problem(&hidden).2.contains("\\u{202E}"),
        "hidden characters are shown escaped"
    );
    for good in ["a", "v2.not-found", "X_1-2.3"] {
        Spec::parse(
            &VALID.replace("code: NOT_FOUND", &format!("code: {good}")),
            "x",
        )
        .unwrap();
    }
}

#[test]
fn codes_are_unique() {
    let yaml = VALID.replace("code: RATE_LIMITED", "code: NOT_FOUND");
    let (line, column, message, _) = only_problem(&yaml);
    assert_eq!((line, column), (8, 11));
    assert_eq!(
        message,
        "duplicate code `NOT_FOUND` (first defined at line 4)"
    );
}

#[test]
fn status_is_an_http_error_status() {
    for bad in ["399", "600", "200", "-404"] {
        let yaml = VALID.replace("status: 404", &format!("status: {bad}"));
        let (line, column, message, help) = only_problem(&yaml);
        assert_eq!((line, column), (5, 13), "{bad}");
        assert_eq!(
            message,
            format!("`status` of `NOT_FOUND` is {bad}, out of range")
        );
        assert_eq!(help, "use an HTTP error status from 400 to 599");
    }
    for good in ["400", "499", "599"] {
        Spec::parse(
            &VALID.replace("status: 404", &format!("status: {good}")),
            "x",
        )
        .unwrap();
    }
    let (_, _, message, help) = only_problem(&VALID.replace("status: 404", "status: \"404\""));
    assert_eq!(
        message,
        "`status` of `NOT_FOUND` must be an integer, found a string"
    );
    assert_eq!(help, "write the number without quotes or `_`, e.g. `404`");
}

#[test]
fn message_is_not_empty() {
    for blank in ["\"\"", "\"   \""] {
        let (line, column, message, _) =
            only_problem(&VALID.replace("message: Not found.", &format!("message: {blank}")));
        assert_eq!(
            (line, column, message.as_str()),
            (6, 14, "`message` of `NOT_FOUND` is empty")
        );
    }
}

#[test]
fn retryable_is_a_boolean() {
    let (line, _, message, help) =
        only_problem(&VALID.replace("retryable: false", "retryable: no"));
    assert_eq!(line, 7);
    assert_eq!(
        message,
        "`retryable` of `NOT_FOUND` must be `true` or `false`, found a string"
    );
    assert!(help.contains("true"), "{help}");
}

#[test]
fn required_keys_are_required() {
    let (line, column, message, help) = only_problem(&VALID.replace("    status: 404\n", ""));
    assert_eq!((line, column), (4, 5), "points at the entry");
    assert_eq!(message, "missing `status` in error `NOT_FOUND`");
    assert_eq!(help, "add `status: ...`");
    let (line, _, message, _) = only_problem(&VALID.replace("name: Test API", "name:"));
    assert_eq!(line, 2);
    assert_eq!(message, "`name` is required but is null");
    let (_, _, message, _) = only_problem(&VALID.replace("name: Test API\n", ""));
    assert_eq!(message, "missing `name` in the spec");
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let yaml = VALID.replace("retryable: false", "retryble: false");
    let diagnostics = problems(&yaml);
    let unknown = diagnostics
        .items
        .iter()
        .find(|d| d.message.contains("retryble"))
        .unwrap();
    assert_eq!((unknown.position.line, unknown.position.column), (7, 5));
    assert_eq!(
        unknown.message,
        "unknown key `retryble` in error `NOT_FOUND`"
    );
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `retryable`?")
    );
    assert!(
        diagnostics
            .items
            .iter()
            .any(|d| d.message == "missing `retryable` in error `NOT_FOUND`")
    );

    let (line, _, message, _) = only_problem(&format!("{VALID}colour: blue\n"));
    assert_eq!(
        (line, message.as_str()),
        (12, "unknown key `colour` in the spec")
    );
    let (line, _, message, help) =
        only_problem(&VALID.replace("errors:", "retry:\n  max_retry: 2\nerrors:"));
    assert_eq!(
        (line, message.as_str()),
        (4, "unknown key `max_retry` in `retry`")
    );
    assert!(help.starts_with("did you mean `max_retries`?"), "{help}");
}

#[test]
fn duplicate_yaml_keys_are_errors() {
    let (line, column, message, _) = only_problem(&VALID.replace(
        "    message: Not found.\n",
        "    message: Not found.\n    message: Again.\n",
    ));
    assert_eq!((line, column), (7, 5));
    assert_eq!(message, "duplicate key `message`");
}

#[test]
fn version_must_be_1() {
    let (line, column, message, help) = only_problem(&VALID.replace("version: 1", "version: 2"));
    assert_eq!(
        (line, column, message.as_str()),
        (1, 10, "unsupported spec `version` 2")
    );
    assert_eq!(help, "this errspec reads `version: 1`");
    let (_, _, message, _) = only_problem(&VALID.replace("version: 1\n", ""));
    assert_eq!(message, "missing `version` in the spec");
    let (_, _, message, _) = only_problem(&VALID.replace("version: 1", "version: \"1\""));
    assert_eq!(message, "`version` must be an integer, found a string");
}

#[test]
fn an_empty_file_or_a_non_mapping_top_level_is_an_error() {
    for empty in ["", "\n\n", "# only a comment\n", "~\n"] {
        let (line, _, message, help) = only_problem(empty);
        assert_eq!(
            (line, message.as_str()),
            (1, "the spec is empty"),
            "{empty:?}"
        );
        assert!(help.contains("version: 1"));
    }
    let (line, column, message, _) = only_problem("- code: A\n");
    assert_eq!((line, column), (1, 1));
    assert_eq!(
        message,
        "the spec must be a mapping of keys to values, found a list"
    );
    let (_, _, message, _) = only_problem("just text\n");
    assert_eq!(
        message,
        "the spec must be a mapping of keys to values, found a string"
    );
}

#[test]
fn errors_is_a_non_empty_list_of_mappings() {
    let (line, _, message, _) = only_problem("version: 1\nname: X\nerrors: []\n");
    assert_eq!((line, message.as_str()), (3, "`errors` is empty"));
    let (_, _, message, _) = only_problem("version: 1\nname: X\nerrors:\n  code: A\n");
    assert_eq!(message, "`errors` must be a list, found a mapping");
    let (line, _, message, _) = only_problem(&format!("{VALID}  - just a string\n"));
    assert_eq!(
        (line, message.as_str()),
        (
            12,
            "error 3 must be a mapping of keys to values, found a string"
        )
    );
}

#[test]
fn retry_policy_values_are_checked() {
    let with_retry = |retry: &str| VALID.replace("errors:", &format!("retry:\n{retry}errors:"));
    let cases = [
        (
            "  max_retries: -1\n",
            "`retry.max_retries` is -1, out of range",
            "use retries from 0 to 20",
        ),
        (
            "  max_retries: 21\n",
            "`retry.max_retries` is 21, out of range",
            "use retries from 0 to 20",
        ),
        (
            "  initial_delay_ms: -5\n",
            "`retry.initial_delay_ms` is -5, out of range",
            "use milliseconds from 0 to 86400000",
        ),
        (
            "  max_delay_ms: 86400001\n",
            "`retry.max_delay_ms` is 86400001, out of range",
            "use milliseconds from 0 to 86400000",
        ),
        (
            "  multiplier: 0.5\n",
            "`retry.multiplier` is 0.5, less than 1",
            "each delay must be at least",
        ),
        (
            "  multiplier: fast\n",
            "`retry.multiplier` must be a number, found a string",
            "write the number without quotes",
        ),
        (
            "  jitter: some\n",
            "`retry.jitter` is `some`, which is no jitter",
            "use `none` (exact delays) or `full`",
        ),
        (
            "  initial_delay_ms: 5000\n  max_delay_ms: 1000\n",
            "`retry.max_delay_ms` (1000) is less than `retry.initial_delay_ms` (5000)",
            "the cap on one delay must be at least the first delay",
        ),
    ];
    for (retry, expected_message, expected_help) in cases {
        let (line, _, message, help) = only_problem(&with_retry(retry));
        let last_line = 3 + retry.lines().count() as u32;
        assert_eq!(line, last_line, "{retry}");
        assert_eq!(message, expected_message, "{retry}");
        assert!(help.starts_with(expected_help), "{retry}: {help}");
    }
    let spec = Spec::parse(
        &with_retry("  max_retries: 0\n  multiplier: 1.5\n  jitter: full\n"),
        "x",
    )
    .unwrap();
    assert_eq!(spec.retry.max_retries, 0);
    assert_eq!(spec.retry.multiplier, 1.5);
    assert_eq!(
        spec.retry.initial_delay_ms, 1000,
        "unset values keep their defaults"
    );
}

#[test]
fn codes_whose_names_collide_in_any_language_are_errors_naming_both() {
    let cases = [
        ("NOT_FOUND", "not-found", "Rust enum variant `NotFound`"),
        ("APIError", "API_ERROR", "Rust enum variant `ApiError`"),
        ("a.b", "A_B", "Rust enum variant `AB`"),
        ("TYPE", "TYPE_ERROR", "Python exception class `TypeError_`"),
        (
            "Thing",
            "THING_ERROR",
            "Python exception class `ThingError`",
        ),
    ];
    for (first, second, clash) in cases {
        let yaml = VALID
            .replace("code: NOT_FOUND", &format!("code: {first}"))
            .replace("code: RATE_LIMITED", &format!("code: {second}"));
        let (line, column, message, help) = only_problem(&yaml);
        assert_eq!((line, column), (8, 11), "{first} / {second}");
        assert_eq!(
            message,
            format!("code `{second}` collides with `{first}` (line 4): both become {clash}")
        );
        assert!(help.contains("rename one"), "{help}");
    }
}

#[test]
fn names_that_are_keywords_or_builtins_are_valid_codes() {
    let mut yaml = String::from("version: 1\nname: X\nerrors:\n");
    for code in [
        "SELF",
        "self.ref",
        "TYPE_ERROR",
        "IMPORT_ERROR",
        "API_ERROR",
        "Error",
        "ErrorCode",
        "class",
        "None",
    ] {
        yaml +=
            &format!("  - code: {code}\n    status: 400\n    message: m\n    retryable: false\n");
    }
    let spec = Spec::parse(&yaml, "x").unwrap();
    assert_eq!(spec.errors.len(), 9);
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let yaml = "\
version: 2
name: ''
retry:
  jitter: maybe
errors:
  - code: 9LIVES
    status: 700
    message: ok
    retryble: true
  - code: B
    status: 400
    message: ''
    retryable: false
  - code: b
    status: 401
    message: x
    retryable: false
";
    let diagnostics = problems(yaml);
    let lines: Vec<u32> = diagnostics.items.iter().map(|d| d.position.line).collect();
    assert_eq!(lines, [1, 2, 4, 6, 6, 7, 9, 12, 14], "{diagnostics}");
    assert!(
        diagnostics.items[8]
            .message
            .contains("collides with `B` (line 10)")
    );
}

#[test]
fn yaml_syntax_errors_have_a_position() {
    let (line, column, message, _) = only_problem("version: 1\nname: [unclosed\nerrors: []\n");
    assert!(line >= 2, "line {line}");
    assert!(column >= 1);
    assert!(message.starts_with("invalid YAML: "), "{message}");
}

#[test]
fn statuses_and_deprecation_forms() {
    let yaml = VALID.replace(
        "errors:",
        "statuses:\n  404: Gone missing\n  200: OK\nerrors:",
    );
    let (line, _, message, _) = only_problem(&yaml);
    assert_eq!(
        (line, message.as_str()),
        (5, "`statuses` key `200` is not an HTTP error status")
    );

    let yaml = VALID
        .replace(
            "    retryable: false\n",
            "    retryable: false\n    deprecated: use GONE instead\n",
        )
        .replace(
            "    retryable: true\n",
            "    retryable: true\n    deprecated: true\n",
        );
    let spec = Spec::parse(&yaml, "x").unwrap();
    assert_eq!(
        spec.errors[0].deprecated.as_ref().unwrap().note.as_deref(),
        Some("use GONE instead")
    );
    assert_eq!(spec.errors[1].deprecated.as_ref().unwrap().note, None);
    let (_, _, message, _) = only_problem(&VALID.replace(
        "    retryable: false\n",
        "    retryable: false\n    deprecated: 3\n",
    ));
    assert_eq!(
        message,
        "`deprecated` of `NOT_FOUND` must be `true`, `false` or a note, found an integer"
    );
}

#[test]
fn optional_text_fields_keep_hostile_strings_exactly() {
    let yaml = VALID.replace(
        "    retryable: false\n",
        "    retryable: false\n    description: \"a\\0b\\u202E\\\"\\n{{ x }}\"\n    causes: [\"x\", 'y''s']\n",
    );
    let spec = Spec::parse(&yaml, "x").unwrap();
    assert_eq!(
        spec.errors[0].description.as_deref(),
        Some("a\0b\u{202E}\"\n{{ x }}")
    );
    assert_eq!(spec.errors[0].causes, ["x", "y's"]);
}

#[test]
fn schema_id_is_an_absolute_uri_without_a_fragment() {
    for bad in [
        "errors.json",
        "https://x.io/errors.json#top",
        "no scheme",
        ":x",
        "1http://x",
        "https://x.io/a b",
        "https://x.io/\\\"q\\\"",
        "https://x.io/<a>",
        "https://x.io/{id}",
        "https://x.io/a\\\\b",
        "https://x.io/\\u202Eevil",
        "https://x.io/%zz",
        "https://x.io/日本",
    ] {
        let yaml = VALID.replace(
            "name: Test API",
            &format!("name: Test API\nschema_id: \"{bad}\""),
        );
        let (line, column, message, help) = only_problem(&yaml);
        assert_eq!((line, column), (3, 12), "{bad}");
        assert!(
            message.starts_with("`schema_id` `") && message.ends_with("` is not an absolute URI"),
            "{bad}: {message}"
        );
        assert!(help.contains("https://api.example.com/schemas/errors.json"));
    }
    let yaml = VALID.replace(
        "name: Test API",
        "name: Test API\nschema_id: https://api.example.com/errors.json",
    );
    assert_eq!(
        Spec::parse(&yaml, "x").unwrap().schema_id.as_deref(),
        Some("https://api.example.com/errors.json")
    );
}

/// The spec `VALID` with `extra` added before `errors:`.
fn with_top(extra: &str) -> String {
    VALID.replace("errors:", &format!("{extra}errors:"))
}

#[test]
fn a_status_is_described_once_however_it_is_spelled() {
    for (second, line) in [
        ("\"429\"", 5),
        ("\" 429\"", 5),
        ("\"+429\"", 5),
        ("0429", 5),
    ] {
        let yaml = with_top(&format!("statuses:\n  429: a\n  {second}: b\n"));
        let diagnostics = problems(&yaml);
        let d = &diagnostics.items[0];
        assert_eq!(
            (d.position.line, diagnostics.items.len()),
            (line, 1),
            "{second}: {diagnostics}"
        );
        let expected = if second == "\"429\"" {
            "duplicate status 429 in `statuses` (first at line 4)".to_owned()
        } else {
            format!(
                "`statuses` key `{}` is not an HTTP error status",
                second.trim_matches('"')
            )
        };
        assert_eq!(d.message, expected, "{second}");
    }
}

#[test]
fn yaml_1_1_numbers_and_repeated_merge_keys_are_refused() {
    let (_, _, message, _) = only_problem(&VALID.replace("status: 404", "status: 400_0"));
    assert_eq!(
        message,
        "`status` of `NOT_FOUND` must be an integer, found a string"
    );
    let (_, _, message, _) = only_problem(&VALID.replace("status: 404", "status: 0404"));
    assert_eq!(
        message,
        "`status` of `NOT_FOUND` must be an integer, found a string"
    );

    let merged = VALID.replace("  - code: NOT_FOUND", "  - &first\n    code: NOT_FOUND").replace(
        "  - code: RATE_LIMITED\n    status: 429\n    message: Slow down.\n    retryable: true\n",
        "  - <<: *first\n    code: RATE_LIMITED\n",
    );
    let spec = Spec::parse(&merged, "x").unwrap();
    assert_eq!(
        (spec.errors[1].code.as_str(), spec.errors[1].status),
        ("RATE_LIMITED", 404)
    );
    let twice = merged.replace("  - <<: *first\n", "  - <<: *first\n    <<: *first\n");
    let (line, _, message, _) = only_problem(&twice);
    assert_eq!((line, message.as_str()), (10, "duplicate key `<<`"));
}

#[test]
fn a_whole_decimal_number_is_not_an_integer() {
    let (_, _, message, _) = only_problem(&VALID.replace("status: 404", "status: 404.0"));
    assert_eq!(
        message,
        "`status` of `NOT_FOUND` must be an integer, found a decimal number"
    );
}

#[test]
fn integers_too_large_for_their_field_say_so() {
    for huge in [
        "1180591620717411303424",
        "99999999999999999999999999999999999999999999",
    ] {
        let (_, _, message, help) =
            only_problem(&with_top(&format!("retry:\n  max_retries: {huge}\n")));
        assert_eq!(
            message,
            "`retry.max_retries` is an integer out of range (at most 20)"
        );
        assert_eq!(help, "use retries from 0 to 20");
    }
}

#[test]
fn python_packages_never_shadow_the_standard_library() {
    for name in [
        "typing",
        "collections",
        "re",
        "os",
        "sys",
        "site",
        "abc",
        "builtins",
        "json",
        "enum",
        "time",
    ] {
        let (line, column, message, _) =
            only_problem(&with_top(&format!("python:\n  package: {name}\n")));
        assert_eq!((line, column), (4, 12), "{name}");
        assert_eq!(
            message,
            format!(
                "`python.package` `{name}` cannot be used: `{name}` is a module of Python's standard \
                 library, which the package would shadow"
            )
        );
    }
    for device in ["con", "nul", "aux", "com1", "lpt3"] {
        let (_, _, message, _) =
            only_problem(&with_top(&format!("python:\n  package: {device}\n")));
        assert!(
            message.ends_with("is a device name on Windows, where no folder can have it"),
            "{message}"
        );
    }
}

#[test]
fn npm_package_names_follow_npm_rules() {
    for (name, rule) in [
        (
            "node_modules",
            "npm does not allow `node_modules` as a package name",
        ),
        (
            "favicon.ico",
            "npm does not allow `favicon.ico` as a package name",
        ),
        ("http", "`http` is a Node.js built-in module"),
        ("fs", "`fs` is a Node.js built-in module"),
        ("\"Caps\"", "a package name cannot contain capital letters"),
        ("\".dot\"", "a package name cannot start with `.` or `_`"),
        ("\"a b\"", "a package name is URL-safe"),
    ] {
        let (_, _, message, _) =
            only_problem(&with_top(&format!("typescript:\n  package: {name}\n")));
        assert!(message.contains(rule), "{name}: {message}");
        assert!(message.starts_with("`typescript.package` `"), "{message}");
    }
}

#[test]
fn every_message_names_its_key_and_its_code() {
    let cases = [
        (
            "message: Not found.",
            "message: \"  \"",
            "`message` of `NOT_FOUND` is empty",
        ),
        (
            "status: 404",
            "status: \"400\"",
            "`status` of `NOT_FOUND` must be an integer, found a string",
        ),
        (
            "name: Test API",
            "name: 5",
            "`name` must be a string, found an integer",
        ),
        ("name: Test API", "name: \"\"", "`name` is empty"),
        (
            "retryable: false",
            "retryable: false\n    causes: [a, \"\"]",
            "`causes` of `NOT_FOUND` item 2 is empty",
        ),
        (
            "retryable: false",
            "retryable: false\n    description: 1",
            "`description` of `NOT_FOUND` must be a string, found an integer",
        ),
        (
            "code: NOT_FOUND",
            "code: true",
            "`code` of error 1 must be a string or an integer, found a boolean",
        ),
    ];
    for (from, to, expected) in cases {
        let (_, _, message, _) = only_problem(&VALID.replace(from, to));
        assert_eq!(message, expected, "{to}");
    }
    let (_, _, message, _) = only_problem(&with_top("statuses:\n  429: \"\"\n"));
    assert_eq!(message, "`statuses.429` is empty");
}

#[test]
fn a_title_is_one_line_of_text() {
    let with_title = |title: &str| {
        VALID.replace(
            "retryable: false",
            &format!("retryable: false\n    title: {title}"),
        )
    };
    let spec = Spec::parse(&with_title("Nothing is there."), "x").unwrap();
    assert_eq!(spec.errors[0].title.as_deref(), Some("Nothing is there."));
    assert_eq!(spec.errors[1].title, None, "a title is optional");
    let (line, _, message, help) = only_problem(&with_title("\"two\\nlines\""));
    assert_eq!(
        (line, message.as_str()),
        (8, "`title` of `NOT_FOUND` must be one line")
    );
    assert!(help.contains("`description`"), "{help}");
    let (_, _, message, _) = only_problem(&with_title("\"a\\u2028b\""));
    assert_eq!(message, "`title` of `NOT_FOUND` must be one line");
    let (_, _, message, _) = only_problem(&with_title("\"  \""));
    assert_eq!(message, "`title` of `NOT_FOUND` is empty");
}

#[test]
fn docs_url_is_a_uri_with_code_and_anchor_placeholders() {
    let with_url = |url: &str| {
        VALID.replace(
            "name: Test API",
            &format!("name: Test API\ndocs_url: \"{url}\""),
        )
    };
    for good in [
        "https://docs.example.com/errors#{anchor}",
        "https://x.io/e/{code}",
        "https://x.io/{code}/#{anchor}",
    ] {
        let spec = Spec::parse(&with_url(good), "x").unwrap();
        assert_eq!(spec.docs_url.as_deref(), Some(good));
    }
    let (line, column, message, help) = only_problem(&with_url("https://x.io/{feild}"));
    assert_eq!((line, column), (3, 11));
    assert_eq!(message, "`docs_url` has `{feild}`, which is no placeholder");
    assert!(help.contains("`{code}` and `{anchor}`"), "{help}");
    let (line, _, message, _) = only_problem(&with_url("https://x.io/%A{code}"));
    assert_eq!(
        (line, message.as_str()),
        (
            3,
            "`docs_url` gives `NOT_FOUND` the link `https://x.io/%ANOT_FOUND`, which is not an absolute URI"
        )
    );
    for bad in [
        "docs/errors#{anchor}",
        "https://x.io/a b/{code}",
        "https://x.io/<{code}>",
    ] {
        let (_, _, message, _) = only_problem(&with_url(bad));
        assert_eq!(
            message,
            format!("`docs_url` `{bad}` is not an absolute URI"),
            "{bad}"
        );
    }
}

/// `VALID` with `fields` added to `NOT_FOUND` (at line 8) and, when given,
/// shared fields at the top (at line 3).
fn with_fields(own: &str, shared: &str) -> String {
    let mut yaml = VALID.replace(
        "    retryable: false\n",
        &format!("    retryable: false\n    fields:\n{own}"),
    );
    if !shared.is_empty() {
        yaml = yaml.replace("errors:\n", &format!("fields:\n{shared}errors:\n"));
    }
    yaml
}

#[test]
fn fields_load_with_their_types_examples_and_templates() {
    let yaml = with_fields(
        "      field: {type: string, required: true, description: The field., example: prompt}\n\
         \x20     tags: {type: [integer], example: [1, 2]}\n\
         \x20     details: {type: json, example: {a: [1, null]}}\n",
        "  request_id: {type: string}\n",
    )
    .replace(
        "message: Not found.",
        "message: \"{field} is {{not}} found {request_id}\"",
    )
    .replace(
        "request_id: {type: string}",
        "request_id: {type: string, required: true}",
    );
    let spec = Spec::parse(&yaml, "x.yaml").unwrap();
    assert_eq!(spec.fields.len(), 1);
    let fields = spec.errors[0].fields.as_ref().unwrap();
    let summary: Vec<String> = fields
        .iter()
        .map(|f| format!("{} {} {} {:?}", f.name, f.ty, f.required, f.example))
        .collect();
    assert_eq!(
        summary,
        [
            "field string true Some(String(\"prompt\"))",
            "tags [integer] false Some(Array [Number(1), Number(2)])",
            "details json false Some(Object {\"a\": Array [Number(1), Null]})",
        ]
    );
    assert!(
        spec.errors[1].fields.is_none(),
        "no `fields` key: no template"
    );
}

#[test]
fn field_names_are_identifiers_and_not_reserved() {
    let (line, column, message, help) =
        only_problem(&with_fields("      1st: {type: string}\n", ""));
    assert_eq!((line, column), (9, 7));
    assert_eq!(
        message,
        "`fields` of error `NOT_FOUND` has `1st`, which is no field name"
    );
    assert!(help.contains("starts with an ASCII letter"), "{help}");
    let (_, _, message, help) = only_problem(&with_fields("      status: {type: integer}\n", ""));
    assert_eq!(
        message,
        "`fields` of error `NOT_FOUND` has `status`, a reserved member name"
    );
    assert!(help.contains("RFC 9457"), "{help}");
    let long = "f".repeat(65);
    let (_, _, message, _) = only_problem(&with_fields(
        &format!("      {long}: {{type: string}}\n"),
        "",
    ));
    assert_eq!(
        message,
        format!("`fields` of error `NOT_FOUND` has `{long}`, 65 characters long")
    );
    let (_, _, message, _) = only_problem(&with_fields("", "  code: {type: string}\n"));
    assert_eq!(message, "`fields` has `code`, a reserved member name");
}

#[test]
fn field_types_and_examples_are_checked() {
    let (line, column, message, help) = only_problem(&with_fields("      f: {type: strng}\n", ""));
    assert_eq!((line, column), (9, 17));
    assert_eq!(
        message,
        "`type` of field `f` of error `NOT_FOUND` is `strng`, which is no field type"
    );
    assert_eq!(
        help,
        "use one of string, integer, number, boolean, json, or a list of one: `[string]`"
    );
    let (_, _, message, _) = only_problem(&with_fields("      f: {type: [string, integer]}\n", ""));
    assert_eq!(
        message,
        "`type` of field `f` of error `NOT_FOUND` is a list of 2 types"
    );
    let (_, _, message, _) = only_problem(&with_fields("      f: {type: [[string]]}\n", ""));
    assert!(
        message.starts_with("the element type in `type` of field `f`"),
        "{message}"
    );
    let (line, column, message, _) =
        only_problem(&with_fields("      f: {type: integer, example: 1.5}\n", ""));
    assert_eq!((line, column), (9, 35));
    assert_eq!(
        message,
        "`example` of field `f` of error `NOT_FOUND` is not of type `integer`: `1.5`"
    );
    let (_, _, message, _) = only_problem(&with_fields(
        "      f: {type: integer, example: 9007199254740992}\n",
        "",
    ));
    assert_eq!(
        message,
        "`example` of field `f` of error `NOT_FOUND` has an integer out of range: 9007199254740992"
    );
    let (_, _, message, help) = only_problem(&with_fields("      f: string\n", ""));
    assert_eq!(
        message,
        "field `f` of error `NOT_FOUND` must be a mapping with its `type`"
    );
    assert!(help.contains("`request_id: {type: string}`"), "{help}");
    let (_, _, message, _) = only_problem(&with_fields(
        "      f: {type: [boolean], example: [true, 1]}\n",
        "",
    ));
    assert_eq!(
        message,
        "`example` of field `f` of error `NOT_FOUND` is not of type `[boolean]`: `[true,1]`"
    );
    let (_, _, message, help) =
        only_problem(&with_fields("      f: {type: string, requird: true}\n", ""));
    assert_eq!(
        message,
        "unknown key `requird` in field `f` of error `NOT_FOUND`"
    );
    assert!(help.starts_with("did you mean `required`?"), "{help}");
    let (_, _, message, _) = only_problem(&with_fields("      f:\n", ""));
    assert_eq!(message, "field `f` of error `NOT_FOUND` has no `type`");
    let (_, _, message, _) = only_problem(&with_fields("      f: {required: true}\n", ""));
    assert_eq!(message, "missing `type` in field `f` of error `NOT_FOUND`");
}

#[test]
fn fields_are_distinct_in_every_language() {
    let (line, _, message, help) = only_problem(&with_fields(
        "      topUpUrl: {type: string}\n      top_up_url: {type: string}\n",
        "",
    ));
    assert_eq!(line, 10);
    assert_eq!(
        message,
        "field `top_up_url` of error `NOT_FOUND` collides with `topUpUrl` (line 9): both become the Rust field `top_up_url`"
    );
    assert!(help.contains("case conversion"), "{help}");
    let (line, _, message, _) = only_problem(&with_fields(
        "      request_id: {type: string}\n",
        "  request_id: {type: string}\n",
    ));
    assert_eq!(line, 11);
    assert_eq!(
        message,
        "field `request_id` of error `NOT_FOUND` is already a shared field (line 4)"
    );
    let (_, _, message, _) = only_problem(&with_fields(
        "      requestId: {type: string}\n",
        "  request_id: {type: string}\n",
    ));
    assert!(
        message.contains("collides with `request_id` (line 4)"),
        "{message}"
    );
    let (_, _, message, _) = only_problem(&with_fields(
        "",
        "  name: {type: string}\n  name_: {type: string}\n",
    ));
    assert_eq!(
        message,
        "shared field `name_` collides with `name` (line 4): both become the Rust field `name`"
    );
}

#[test]
fn placeholders_name_required_fields_and_braces_are_doubled() {
    let fields = "      field: {type: string, required: true}\n      max_length: {type: integer}\n";
    let template = |message: &str| {
        with_fields(fields, "").replace("message: Not found.", &format!("message: \"{message}\""))
    };
    assert!(Spec::parse(&template("{field} is {{literally}} {{field}}"), "x").is_ok());
    let (line, column, message, help) = only_problem(&template("{feild} is invalid"));
    assert_eq!((line, column), (6, 14));
    assert_eq!(
        message,
        "`{feild}` in the message of error `NOT_FOUND` is not a required field of it; fields: field, max_length"
    );
    assert!(help.contains("`{{` and `}}`"), "{help}");
    let (_, _, message, help) = only_problem(&template("{max_length} too long"));
    assert_eq!(
        message,
        "`{max_length}` in the message of error `NOT_FOUND` is an optional field"
    );
    assert!(help.contains("`required: true`"), "{help}");
    let (_, _, message, _) = only_problem(&template("a { lone brace"));
    assert_eq!(message, "the message of error `NOT_FOUND` has a lone `{`");
    let (_, _, message, _) = only_problem(&template("closing } alone"));
    assert_eq!(message, "the message of error `NOT_FOUND` has a lone `}`");
    // A required shared field is a placeholder too; without `fields`, braces are text.
    let shared = with_fields("", "  request_id: {type: string, required: true}\n")
        .replace("    fields:\n", "    fields: {}\n")
        .replace("message: Not found.", "message: \"{request_id}\"")
        .replace("message: Slow down.", "message: \"{not a placeholder} }{\"");
    assert!(Spec::parse(&shared, "x").is_ok(), "{}", problems(&shared));
}

/// A spec whose codes are integers, each with its name.
const INTEGER_CODES: &str = "\
version: 1
name: Test API
errors:
  - code: 10001
    name: UNKNOWN_ACCOUNT
    status: 404
    message: Unknown account.
    retryable: false
  - code: 0
    name: GENERAL_ERROR
    status: 500
    message: Something went wrong.
    retryable: true
";

#[test]
fn integer_codes_have_names_and_are_all_integers() {
    let spec = Spec::parse(INTEGER_CODES, "x").unwrap();
    assert_eq!(spec.code_type, errspec::CodeType::Integer);
    assert_eq!(spec.errors[0].code, "10001");
    assert_eq!(spec.errors[0].identifier(), "UNKNOWN_ACCOUNT");
    assert_eq!(
        Spec::parse(VALID, "x").unwrap().code_type,
        errspec::CodeType::String
    );

    let (line, column, message, help) =
        only_problem(&INTEGER_CODES.replace("    name: UNKNOWN_ACCOUNT\n", ""));
    assert_eq!((line, column), (4, 11));
    assert_eq!(message, "error `10001` has an integer code but no `name`");
    assert!(help.contains("name: UNKNOWN_ACCOUNT"), "{help}");

    let (line, _, message, help) = only_problem(&INTEGER_CODES.replace("code: 0", "code: ZERO"));
    assert_eq!(line, 9);
    assert_eq!(
        message,
        "code `ZERO` is a string, but the first code `10001` (line 4) is an integer"
    );
    assert!(help.contains("every code of a spec is a string, or every one an integer"));

    for (code, problem) in [
        ("-1", "`code` of error 1 is an integer out of range"),
        (
            "9007199254740992",
            "`code` of error 1 is an integer out of range",
        ),
        (
            "123456789012345678901234567890123456789012",
            "`code` of error 1 is an integer out of range",
        ),
        (
            "1.5",
            "`code` of error 1 must be a string or an integer, found a decimal number",
        ),
    ] {
        let (_, _, message, _) =
            only_problem(&INTEGER_CODES.replace("code: 10001", &format!("code: {code}")));
        assert_eq!(message, problem, "{code}");
    }
    let max = INTEGER_CODES.replace("code: 10001", "code: 9007199254740991");
    assert_eq!(
        Spec::parse(&max, "x").unwrap().errors[0].code,
        "9007199254740991"
    );

    let (line, _, message, _) = only_problem(&INTEGER_CODES.replace("code: 0", "code: 10001"));
    assert_eq!(
        (line, message.as_str()),
        (9, "duplicate code `10001` (first defined at line 4)")
    );
}

#[test]
fn names_are_identifiers_that_stay_distinct() {
    let (line, _, message, help) =
        only_problem(&INTEGER_CODES.replace("name: GENERAL_ERROR", "name: UNKNOWN_ACCOUNT"));
    assert_eq!(line, 10);
    assert_eq!(
        message,
        "name `UNKNOWN_ACCOUNT` of code `0` is already what code `10001` (line 5) is named by"
    );
    assert!(help.contains("unique"), "{help}");

    let (_, _, message, _) =
        only_problem(&INTEGER_CODES.replace("name: GENERAL_ERROR", "name: unknown-account"));
    assert!(
        message.starts_with("name `unknown-account` collides with `UNKNOWN_ACCOUNT` (line 5)"),
        "{message}"
    );
    let (_, _, message, _) =
        only_problem(&INTEGER_CODES.replace("name: GENERAL_ERROR", "name: 9lives"));
    assert_eq!(message, "`name` of `0` is not a valid name: `9lives`");

    // A string code's name is what its identifiers derive from: it may
    // collide with another code, and the code itself no longer matters.
    let named = VALID.replace(
        "code: RATE_LIMITED",
        "code: RATE_LIMITED\n    name: not-found",
    );
    let (_, _, message, _) = only_problem(&named);
    assert!(
        message.starts_with("name `not-found` collides with `NOT_FOUND` (line 4)"),
        "{message}"
    );
    let renamed = VALID.replace("code: NOT_FOUND", "code: not.found\n    name: Missing");
    let spec = Spec::parse(&renamed, "x").unwrap();
    assert_eq!(spec.errors[0].identifier(), "Missing");
}

#[test]
fn the_format_is_one_of_three_and_problems_have_a_base() {
    use errspec::WireFormat;
    assert_eq!(
        Spec::parse(VALID, "x").unwrap().format,
        WireFormat::Envelope
    );
    for format in WireFormat::ALL {
        let base = if format == WireFormat::Problem {
            "problem_base: https://errors.example.com/\n"
        } else {
            ""
        };
        let spec = Spec::parse(&with_top(&format!("format: {format}\n{base}")), "x").unwrap();
        assert_eq!(spec.format, format);
    }
    let spec = Spec::parse(
        &with_top("format: problem\nproblem_base: \"https://errors.example.com/probs#\"\n"),
        "x",
    )
    .unwrap();
    assert_eq!(
        spec.problem_base.as_deref(),
        Some("https://errors.example.com/probs#")
    );

    let (_, _, message, help) = only_problem(&with_top("format: problem-details\n"));
    assert_eq!(
        message,
        "`format` is `problem-details`, which is no wire format"
    );
    assert!(
        help.contains("`envelope`, `error-object`, `problem`"),
        "{help}"
    );

    let (_, _, message, help) = only_problem(&with_top("format: problem\n"));
    assert_eq!(message, "missing `problem_base` in the spec");
    assert!(help.contains("problem_base: https://"), "{help}");

    let (_, _, message, help) = only_problem(&with_top(
        "format: error-object\nproblem_base: https://e.example/\n",
    ));
    assert_eq!(
        message,
        "`problem_base` is set, but the `format` is `error-object`"
    );
    assert!(help.contains("set `format: problem`"), "{help}");
    let (_, _, message, _) = only_problem(&with_top("problem_base: https://e.example/\n"));
    assert_eq!(
        message,
        "`problem_base` is set, but the `format` is `envelope`"
    );

    for base in ["errors.example.com/", "https://errors.example.com/a b", ""] {
        let (_, _, message, _) = only_problem(&with_top(&format!(
            "format: problem\nproblem_base: \"{base}\"\n"
        )));
        assert_eq!(
            message,
            format!("`problem_base` `{base}` is not an absolute URI")
        );
    }
}

#[test]
fn server_adapters_are_turned_on_per_language() {
    let spec = Spec::parse(VALID, "x").unwrap();
    assert_eq!(
        spec.adapters,
        errspec::Adapters::default(),
        "off by default"
    );
    let spec = Spec::parse(
        &with_top("rust:\n  axum: true\npython:\n  fastapi: true\ntypescript:\n  node: true\n"),
        "x",
    )
    .unwrap();
    assert!(spec.adapters.axum && spec.adapters.fastapi && spec.adapters.node);
    let (_, _, message, _) = only_problem(&with_top("rust:\n  axum: \"yes\"\n"));
    assert_eq!(
        message,
        "`rust.axum` must be `true` or `false`, found a string"
    );
    let (_, _, message, help) = only_problem(&with_top("python:\n  fastpi: true\n"));
    assert_eq!(message, "unknown key `fastpi` in `python`");
    assert!(help.starts_with("did you mean `fastapi`?"), "{help}");
    let (_, _, message, _) = only_problem(&with_top("rust:\n  actix: true\n"));
    assert_eq!(message, "unknown key `actix` in `rust`");
}

/// A spec of `count` valid errors, each four lines, the first at line 4;
/// `edit(number, entry)` may change an entry (`number` counts from 1).
fn long_spec(count: usize, edit: impl Fn(usize, String) -> String) -> String {
    let mut yaml = "version: 1\nname: Test API\nerrors:\n".to_owned();
    for number in 1..=count {
        let entry = format!(
            "  - code: CODE_{number}\n    status: 400\n    message: Message {number}.\n    retryable: false\n"
        );
        yaml.push_str(&edit(number, entry));
    }
    yaml
}

/// The line error `number`'s entry starts at in a [`long_spec`].
fn entry_line(number: usize) -> u32 {
    u32::try_from(4 + 4 * (number - 1)).unwrap()
}

#[test]
fn a_long_spec_reports_every_problem_in_spec_order() {
    // Long enough to be read in many batches and checked in parallel parts.
    let count = 3000;
    let yaml = long_spec(count, |number, entry| match number {
        3 | 2900 => entry.replace("status: 400", "status: 200"),
        2999 => entry.replace("CODE_2999", "CODE_2"),
        _ => entry,
    });
    assert!(yaml.len() > 100_000);
    let found: Vec<(u32, String)> = problems(&yaml)
        .items
        .into_iter()
        .map(|d| (d.position.line, d.message))
        .collect();
    let status = |number| {
        (
            entry_line(number) + 1,
            format!("`status` of `CODE_{number}` is 200, out of range"),
        )
    };
    let duplicate = (
        entry_line(2999),
        format!(
            "duplicate code `CODE_2` (first defined at line {})",
            entry_line(2)
        ),
    );
    assert_eq!(found, [status(3), status(2900), duplicate]);
    assert_eq!(
        Spec::parse(&long_spec(count, |_, e| e), "x")
            .unwrap()
            .errors
            .len(),
        count
    );
}

#[test]
fn a_long_spec_stops_at_its_first_yaml_problem() {
    // Early: the rest of the text is never needed. Late: after many batches.
    for number in [2, 2990] {
        let yaml = long_spec(3000, |n, entry| {
            if n == number {
                entry.replace(
                    "    retryable: false\n",
                    "    retryable: false\n    status: 401\n",
                )
            } else {
                entry
            }
        });
        let (line, column, message, _) = only_problem(&yaml);
        assert_eq!(
            (line, column, message.as_str()),
            (entry_line(number) + 4, 5, "duplicate key `status`")
        );
        let broken = long_spec(3000, |n, entry| {
            if n == number {
                entry.replace("message: Message", "message: [Message")
            } else {
                entry
            }
        });
        let (line, _, message, _) = only_problem(&broken);
        assert!(message.starts_with("invalid YAML"), "{message}");
        assert!(line > entry_line(number), "{line}");
    }
}

/// The line of `yaml` that `needle` starts on.
fn line_of(yaml: &str, needle: &str) -> u32 {
    let at = yaml.find(needle).expect("the needle is in the spec");
    u32::try_from(yaml[..at].matches('\n').count() + 1).unwrap()
}

#[test]
fn a_long_spec_checks_entries_with_fields_against_shared_fields_written_after() {
    // Entries with their own fields are checked once the shared fields are
    // known; the others as they are read. Both keep their place in the list.
    let own = "    fields:\n      request_id: {type: string}\n";
    let mut yaml = long_spec(3000, |number, entry| match number {
        10 | 1600 => entry + own,
        2998 => entry.replace("CODE_2998", "CODE_10"),
        2999 => entry.replace("CODE_2999", "CODE_5"),
        _ => entry,
    });
    yaml.push_str("fields:\n  request_id: {type: string}\n");
    let found: Vec<(u32, String)> = problems(&yaml)
        .items
        .into_iter()
        .map(|d| (d.position.line, d.message))
        .collect();
    let shared_line = line_of(&yaml, "fields:\n  request_id");
    let already_shared = |number: usize| {
        let entry = line_of(&yaml, &format!("  - code: CODE_{number}\n"));
        (
            entry + 5,
            format!(
                "field `request_id` of error `CODE_{number}` is already a shared field (line {})",
                shared_line + 1
            ),
        )
    };
    let duplicate = |number: usize, of: usize| {
        (
            line_of(
                &yaml,
                &format!("  - code: CODE_{of}\n    status: 400\n    message: Message {number}."),
            ),
            format!(
                "duplicate code `CODE_{of}` (first defined at line {})",
                line_of(&yaml, &format!("  - code: CODE_{of}\n"))
            ),
        )
    };
    assert_eq!(
        found,
        [
            already_shared(10),
            already_shared(1600),
            duplicate(2998, 10),
            duplicate(2999, 5)
        ]
    );
}
