//! The axum server over a real connection on 127.0.0.1: each error arrives
//! with its status, headers and body, and the generated client reads it back.

use std::io::{Read, Write};
use std::net::TcpStream;

use errspec_axum_server_example::errors::{ApiError, Code, ErrorCode, RetryPolicy};

/// A plain HTTP/1.1 GET: (status, headers with lowercase names, body).
fn get(address: std::net::SocketAddr, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    (status, headers, response[split + 4..].to_vec())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_leave_the_server_as_the_spec_says() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, errspec_axum_server_example::app()).await });

    let client = tokio::task::spawn_blocking(move || {
        let (status, headers, body) = get(address, "/tasks/7");
        assert_eq!((status, body.as_slice()), (200, b"task 7".as_slice()));
        assert_eq!(header(&headers, "retry-after"), None);

        let (status, headers, body) = get(address, "/tasks/3");
        assert_eq!(status, 404);
        assert_eq!(header(&headers, "content-type"), Some("application/json"));
        assert_eq!(header(&headers, "retry-after"), None);
        let error = ApiError::from_response(
            Some(status),
            &mut serde_json::Deserializer::from_slice(&body),
        )
        .unwrap();
        assert_eq!(error, ApiError::new(ErrorCode::NotFound));

        let (status, _, body) = get(address, "/items/3");
        assert_eq!(status, 404);
        let error = ApiError::from_response(
            Some(status),
            &mut serde_json::Deserializer::from_slice(&body),
        )
        .unwrap();
        assert_eq!(error, ApiError::new(ErrorCode::NotFound));
        assert_eq!(get(address, "/items/7").2, b"item 7");

        let (status, headers, body) = get(address, "/tasks/busy");
        assert_eq!(status, 429);
        let wait = RetryPolicy::parse_retry_after(
            header(&headers, "retry-after").unwrap(),
            std::time::SystemTime::now(),
        );
        assert_eq!(
            wait,
            Some(std::time::Duration::from_secs(2)),
            "1.5 s, rounded up"
        );
        // A client's retry waits the server's seconds, not the policy's.
        assert_eq!(
            RetryPolicy::DEFAULT.wait_for_retry(0, wait),
            std::time::Duration::from_secs(2)
        );
        let error = ApiError::from_response(
            Some(status),
            &mut serde_json::Deserializer::from_slice(&body),
        )
        .unwrap();
        assert_eq!(error.code, Code::Known(ErrorCode::RateLimited));
        assert!(error.is_retryable(Some(status)));

        // A code the spec does not define is sent as 502, never a panic.
        let (status, _, body) = get(address, "/tasks/upstream");
        assert_eq!(status, ApiError::UNKNOWN_CODE_STATUS);
        let error = ApiError::from_response(
            Some(status),
            &mut serde_json::Deserializer::from_slice(&body),
        )
        .unwrap();
        assert_eq!(
            (error.code.as_str(), error.message.as_str()),
            ("UPSTREAM_TIMEOUT", "the provider timed out")
        );
        assert!(error.is_retryable(Some(status)));
    });
    client.await.unwrap();
}

/// A client's retry loop, as a user writes it with the pure `RetryPolicy`,
/// against a server that first answers 429 with `Retry-After: 1`, then task 7.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_loop_waits_the_retry_after_the_server_sends() {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant, SystemTime};

    let calls = Arc::new(AtomicU32::new(0));
    let served = Arc::clone(&calls);
    let app = axum::Router::new().route(
        "/task",
        axum::routing::get(move || async move {
            if served.fetch_add(1, Ordering::SeqCst) == 0 {
                return Err(ApiError::new(ErrorCode::RateLimited)
                    .to_response()
                    .with_retry_after(Duration::from_secs(1)));
            }
            Ok("task 7")
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let client = tokio::task::spawn_blocking(move || {
        // A first delay of 5 s: waiting 1 s can only be the server's Retry-After.
        let policy = RetryPolicy {
            initial_delay: Duration::from_secs(5),
            ..RetryPolicy::DEFAULT
        };
        let started = Instant::now();
        let mut retry = 0;
        let body = loop {
            let (status, headers, body) = get(address, "/task");
            if status < 400 {
                break body;
            }
            let error = ApiError::from_response(
                Some(status),
                &mut serde_json::Deserializer::from_slice(&body),
            )
            .unwrap();
            assert!(error.is_retryable(Some(status)) && retry < policy.max_retries);
            let wait = header(&headers, "retry-after")
                .and_then(|value| RetryPolicy::parse_retry_after(value, SystemTime::now()));
            std::thread::sleep(policy.wait_for_retry(retry, wait));
            retry += 1;
        };
        assert_eq!(body, b"task 7");
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(950) && waited < Duration::from_secs(3),
            "waited the server's second, not the policy's 5: {waited:?}"
        );
    });
    client.await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}
