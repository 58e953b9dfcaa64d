//! The seed error page's facts, checked through the generated types as a
//! client would use them.

use std::time::Duration;

use errspec_consumer_example::errors::{ApiError, Code, Envelope, ErrorCode, Jitter, RetryPolicy};

/// (code, status, retryable, default message) as the seed page states them.
const SEED: [(&str, u16, bool, &str); 7] = [
    (
        "VALIDATION_ERROR",
        400,
        false,
        "Request parameters are invalid.",
    ),
    ("UNAUTHORIZED", 401, false, "Invalid or missing API key"),
    ("INSUFFICIENT_BALANCE", 403, false, "Insufficient balance"),
    ("NOT_FOUND", 404, false, "Requested resource doesn't exist."),
    ("RATE_LIMITED", 429, true, "Rate limit exceeded"),
    ("INTERNAL_ERROR", 500, true, "An unexpected error occurred"),
    (
        "UPSTREAM_ERROR",
        502,
        true,
        "Provider temporarily unavailable",
    ),
];

#[test]
fn every_seed_code_has_its_status_retryability_and_message_in_order() {
    assert_eq!(ErrorCode::ALL.len(), SEED.len());
    for (code, (wire, status, retryable, message)) in ErrorCode::ALL.iter().zip(SEED) {
        assert_eq!(code.as_str(), wire);
        assert_eq!(code.status(), status, "{wire}");
        assert_eq!(code.is_retryable(), retryable, "{wire}");
        assert_eq!(code.default_message(), message, "{wire}");
        assert_eq!(wire.parse::<ErrorCode>(), Ok(*code));
        assert_eq!(code.to_string(), wire);
    }
}

#[test]
fn variants_are_named_by_the_naming_rules() {
    assert_eq!(ErrorCode::RateLimited.as_str(), "RATE_LIMITED");
    assert_eq!(
        ErrorCode::InsufficientBalance.as_str(),
        "INSUFFICIENT_BALANCE"
    );
    assert_eq!(ErrorCode::ValidationError.as_str(), "VALIDATION_ERROR");
    // `Debug` writes the variant, as a derive would.
    assert_eq!(format!("{:?}", ErrorCode::RateLimited), "RateLimited");
    assert_eq!(
        format!("{:?}", Some(ErrorCode::InsufficientBalance)),
        "Some(InsufficientBalance)"
    );
}

#[test]
fn the_seed_error_envelope_round_trips() {
    let body =
        r#"{"data":null,"error":{"code":"VALIDATION_ERROR","message":"prompt is required"}}"#;
    let envelope: Envelope<serde_json::Value> = serde_json::from_str(body).unwrap();
    let error = envelope.clone().into_result().unwrap_err();
    assert_eq!(error.code, Code::Known(ErrorCode::ValidationError));
    assert_eq!(error.message, "prompt is required");
    assert_eq!(error.to_string(), "VALIDATION_ERROR: prompt is required");
    assert_eq!(serde_json::to_string(&envelope).unwrap(), body);

    let built: Envelope<serde_json::Value> = Envelope::err(ApiError::with_message(
        ErrorCode::ValidationError,
        "prompt is required",
    ));
    assert_eq!(built, envelope);
}

#[test]
fn a_success_envelope_gives_its_data() {
    let envelope: Envelope<Vec<u32>> =
        serde_json::from_str(r#"{"data":[1,2],"error":null}"#).unwrap();
    assert_eq!(envelope.clone().into_result(), Ok(Some(vec![1, 2])));
    assert_eq!(envelope, Envelope::ok(vec![1, 2]));
    let empty: Envelope<u8> = serde_json::from_str(r#"{"data":null,"error":null}"#).unwrap();
    assert_eq!(empty.into_result(), Ok(None));
}

#[test]
fn an_unknown_code_is_kept_and_retried_only_on_transient_statuses() {
    let body = r#"{"data":null,"error":{"code":"QUOTA_FROZEN","message":"later","extra":1}}"#;
    let envelope: Envelope<()> = serde_json::from_str(body).unwrap();
    let error = envelope.into_result().unwrap_err();
    assert_eq!(error.code, Code::Unknown("QUOTA_FROZEN".into()));
    assert_eq!(error.status(), None);
    assert_eq!(error.to_string(), "QUOTA_FROZEN: later");
    for status in [429, 502, 503, 504] {
        assert!(error.is_retryable(Some(status)), "{status}");
    }
    for status in [None, Some(400), Some(500), Some(501)] {
        assert!(!error.is_retryable(status), "{status:?}");
    }
    assert_eq!(
        serde_json::to_string(&error.code).unwrap(),
        r#""QUOTA_FROZEN""#
    );
    assert!("QUOTA_FROZEN".parse::<ErrorCode>().is_err());
    assert!(serde_json::from_str::<ErrorCode>(r#""QUOTA_FROZEN""#).is_err());
}

#[test]
fn known_codes_follow_the_spec_whatever_the_status() {
    let error = ApiError::new(ErrorCode::RateLimited);
    assert_eq!(error.message, "Rate limit exceeded");
    assert!(error.is_retryable(None));
    assert!(!ApiError::from(ErrorCode::Unauthorized).is_retryable(Some(503)));
    assert_eq!(error.status(), Some(429));
}

#[test]
fn the_retry_policy_waits_one_two_four_seconds() {
    let policy = RetryPolicy::DEFAULT;
    assert_eq!(policy.max_retries, 3);
    assert_eq!(policy.jitter, Jitter::None);
    let delays: Vec<_> = (0..policy.max_retries)
        .map(|n| policy.delay_for_retry(n))
        .collect();
    assert_eq!(
        delays,
        [
            Duration::from_secs(1),
            Duration::from_secs(2),
            Duration::from_secs(4)
        ]
    );
    assert_eq!(
        policy.delay_for_retry(10),
        Duration::from_secs(30),
        "capped at max_delay_ms"
    );
    assert_eq!(policy.delay_for_retry(u32::MAX), Duration::from_secs(30));
    assert_eq!(
        policy.apply_jitter(Duration::from_secs(4), 0.5),
        Duration::from_secs(4)
    );
    let full = RetryPolicy {
        jitter: Jitter::Full,
        ..policy
    };
    assert_eq!(
        full.apply_jitter(Duration::from_secs(4), 0.5),
        Duration::from_secs(2)
    );
    assert_eq!(
        full.apply_jitter(Duration::from_secs(4), 7.0),
        Duration::from_secs(4)
    );
}
