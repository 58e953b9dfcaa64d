//! The shared conformance vectors (tests/vectors) through the generated Rust,
//! which must answer exactly as the Python and TypeScript modules do.

use std::time::{Duration, SystemTime};

use errspec_consumer_example::errors::{ApiError, Code, Jitter, RetryPolicy};
use serde_json::Value;

fn vectors(file: &str) -> Vec<Value> {
    let path = format!("{}/../../tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A vector's body: a string, or `{"parts": [...]}` of strings and
/// `{"repeat": text, "times": n}`.
fn body(spec: &Value) -> String {
    match spec {
        Value::String(text) => text.clone(),
        _ => spec["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|part| match part {
                Value::String(text) => text.clone(),
                _ => part["repeat"]
                    .as_str()
                    .unwrap()
                    .repeat(part["times"].as_u64().unwrap() as usize),
            })
            .collect(),
    }
}

#[test]
fn every_response_vector() {
    for vector in vectors("responses.json") {
        let name = vector["name"].as_str().unwrap();
        let status = vector["status"].as_u64().map(|s| s as u16);
        let text = body(&vector["body"]);
        let error = ApiError::from_response(status, &mut serde_json::Deserializer::from_str(&text));
        let expected = &vector["expect"]["error"];
        let Some(error) = error else {
            assert!(expected.is_null(), "{name}: no error, expected {expected}");
            continue;
        };
        assert!(
            !expected.is_null(),
            "{name}: expected no error, got {error}"
        );
        assert_eq!(
            error.code.as_str(),
            expected["code"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            matches!(error.code, Code::Known(_)),
            expected["known"].as_bool().unwrap(),
            "{name}"
        );
        assert_eq!(
            status.or(error.status()).map(u64::from),
            expected["status"].as_u64(),
            "{name}"
        );
        assert_eq!(
            error.is_retryable(status),
            expected["retryable"].as_bool().unwrap(),
            "{name}"
        );
        if let Some(message) = expected.get("message") {
            assert_eq!(error.message, message.as_str().unwrap(), "{name}");
        }
    }
}

#[test]
fn every_retry_vector() {
    for vector in vectors("retries.json") {
        let name = vector["name"].as_str().unwrap();
        let p = &vector["policy"];
        let ms = |key: &str| Duration::from_millis(p[key].as_u64().unwrap());
        let policy = RetryPolicy {
            max_retries: p["max_retries"].as_u64().unwrap() as u32,
            initial_delay: ms("initial_delay_ms"),
            multiplier: p["multiplier"].as_f64().unwrap(),
            max_delay: ms("max_delay_ms"),
            jitter: if p["jitter"] == "full" {
                Jitter::Full
            } else {
                Jitter::None
            },
        };
        let retry_after = vector["retry_after"]
            .as_str()
            .and_then(|header| RetryPolicy::parse_retry_after(header, SystemTime::now()));
        let random = vector["random"].as_f64().unwrap_or(1.0);
        let waits: Vec<f64> = (0..policy.max_retries)
            .map(|retry| match retry_after {
                Some(_) => policy.wait_for_retry(retry, retry_after),
                None => policy.apply_jitter(policy.delay_for_retry(retry), random),
            })
            .map(|wait| wait.as_secs_f64() * 1000.0)
            .collect();
        let expected: Vec<f64> = vector["expect_waits_ms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_f64().unwrap())
            .collect();
        assert_eq!(waits.len(), expected.len(), "{name}");
        for (wait, expected) in waits.iter().zip(&expected) {
            assert!(
                (wait - expected).abs() < 1e-6,
                "{name}: waits {waits:?}, expected {expected:?}"
            );
        }
    }
}
