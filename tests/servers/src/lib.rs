//! The Rust side of the server × client matrix (`tests/matrix.rs` runs it):
//! an axum server and a hyper client, each using the code `build.rs`
//! generates from every spec the matrix serves.
//!
//! The protocol, the same in every language: a client POSTs a [`Case`] to
//! `/<set>`; the server builds the error the case describes with the set's
//! generated code and answers with it, as the set's wire format says; the
//! client reads the response with the set's generated code and reports what
//! it read as an answer (see [`read`]).
//!
//! Also the README's axum server example, compiled as written
//! ([`readme_server`], which `tests/readme.rs` runs).
#![deny(missing_docs)]

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The error a client asks a server to send.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// The code, as JSON has it.
    pub code: Value,
    /// The message; `None` for the code's default.
    pub message: Option<String>,
    /// The members beside the code and the message.
    pub members: Map<String, Value>,
    /// The wait to send in `Retry-After`, in seconds.
    pub retry_after: Option<f64>,
}

/// A response as a client received it.
#[derive(Debug)]
pub struct Received {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// The code generated from one spec, with what the matrix's server and
/// client do with it. `$typed` lists the codes with typed fields
/// (`fields::<Code>`): a code with fields missing from it reads only the
/// shared ones, and the matrix fails on the difference.
macro_rules! spec_modules {
    ($($module:ident = $set:literal in $dir:literal [$($typed:ident),*];)*) => {
        $(
            #[allow(missing_docs)]
            pub mod $module {
                include!(concat!(env!("OUT_DIR"), $dir, "/rust/errors.rs"));
                include!(concat!(env!("OUT_DIR"), $dir, "/rust/axum.rs"));

                /// Sends the error `case` describes.
                pub fn respond(case: crate::Case) -> ::axum::response::Response {
                    use ::axum::response::IntoResponse;
                    let code: Code = ::serde_json::from_value(case.code).expect("a code");
                    let mut error = match case.message {
                        Some(message) => ApiError::with_message(code, message),
                        None => ApiError::with_fields(code, &case.members),
                    };
                    error.members = case.members;
                    match case.retry_after {
                        Some(wait) => error
                            .to_response()
                            .with_retry_after(::std::time::Duration::from_secs_f64(wait))
                            .into_response(),
                        None => error.into_response(),
                    }
                }

                /// What the client reads from `received`.
                pub fn read(received: &crate::Received, field_names: &[String]) -> ::serde_json::Value {
                    let status = Some(received.status);
                    let body = &mut ::serde_json::Deserializer::from_slice(&received.body);
                    let Some(error) = ApiError::from_response(status, body) else {
                        return ::serde_json::Value::Null;
                    };
                    let typed = match error.code.known() {
                        $(Some(ErrorCode::$typed) => ::serde_json::to_value(fields::$typed::of(&error)),)*
                        _ => ::serde_json::to_value(error.shared_fields()),
                    };
                    let wait = received
                        .retry_after
                        .as_deref()
                        .and_then(|value| RetryPolicy::parse_retry_after(value, ::std::time::SystemTime::now()));
                    crate::answer(crate::Answer {
                        code: ::serde_json::to_value(&error.code).unwrap(),
                        known: error.code.known().is_some(),
                        status: received.status,
                        retryable: error.is_retryable(status),
                        message: &error.message,
                        fields: typed.unwrap(),
                        field_names,
                        extra: error.extra(),
                        members: &error.members,
                        object: ::serde_json::to_value(&error).unwrap(),
                        wait,
                        media_type: received.content_type.as_deref(),
                    })
                }
            }
        )*

        /// The sets the matrix serves: `seed` (the repo's spec) and each
        /// vector set of `tests/vectors`.
        pub const SETS: &[&str] = &[$($set),*];

        fn respond(set: &str, case: Case) -> Option<Response> {
            match set {
                $($set => Some($module::respond(case)),)*
                _ => None,
            }
        }

        /// What the client of `set` reads from `received`: an [`answer`], or
        /// `null` when it reads no error.
        pub fn read(set: &str, received: &Received, field_names: &[String]) -> Value {
            match set {
                $($set => $module::read(received, field_names),)*
                _ => panic!("no set {set}"),
            }
        }
    };
}

spec_modules! {
    seed = "seed" in "" [];
    field_vectors = "fields" in "/vectors/fields" [ValidationError, QuotaExceeded, Conflict, NotFound];
    error_object = "error-object" in "/vectors/error-object" [InvalidRequest, CardDeclined, RateLimitExceeded];
    problem = "problem" in "/vectors/problem" [OutOfCredit, ValidationError, RateLimited];
    integer_codes = "integer-codes" in "/vectors/integer-codes" [InvalidFormBody];
    integer_problems = "integer-problems" in "/vectors/integer-problems" [];
}

/// What a client read, in any language.
struct Answer<'a> {
    code: Value,
    known: bool,
    status: u16,
    retryable: bool,
    message: &'a str,
    /// The typed fields, by wire name.
    fields: Value,
    field_names: &'a [String],
    extra: Map<String, Value>,
    members: &'a Map<String, Value>,
    object: Value,
    wait: Option<Duration>,
    media_type: Option<&'a str>,
}

/// The answer as JSON, with the keys every language's client reports: the
/// code as JSON has it, whether the spec knows it, the status, whether to
/// retry, the message, each of `field_names` typed (or `null`), the extra
/// members, all members, the error object written back, the `Retry-After`
/// wait in seconds, and the `Content-Type`.
fn answer(answer: Answer<'_>) -> Value {
    let fields: Map<String, Value> = answer
        .field_names
        .iter()
        .map(|name| {
            let value = answer.fields.get(name).cloned().unwrap_or(Value::Null);
            (name.clone(), value)
        })
        .collect();
    json!({
        "code": answer.code,
        "known": answer.known,
        "status": answer.status,
        "retryable": answer.retryable,
        "message": answer.message,
        "fields": fields,
        "extra": answer.extra,
        "members": answer.members,
        "object": answer.object,
        "wait": answer.wait.map(|wait| wait.as_secs_f64()),
        "media_type": answer.media_type,
    })
}

pub mod readme;

/// Serves `app` on 127.0.0.1 from a runtime of two worker threads: the
/// runtime, which keeps serving while it lives, and the server's address
/// (`127.0.0.1:<port>`).
pub fn serve(app: Router) -> (tokio::runtime::Runtime, String) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a port on 127.0.0.1");
    let address = listener.local_addr().expect("an address").to_string();
    runtime.spawn(async move { axum::serve(listener, app).await });
    (runtime, address)
}

/// The README's axum server (its "Servers" section), compiled as written,
/// with the `use` it leaves out.
pub mod readme_server {
    use axum::extract::Path;

    include!(concat!(env!("OUT_DIR"), "/readme_server.rs"));

    /// The example's handler at `/tasks/{id}`.
    pub fn app() -> axum::Router {
        axum::Router::new().route("/tasks/{id}", axum::routing::get(task))
    }
}

/// The server: `POST /<set>` answers with the error of the [`Case`] in the body.
pub fn router() -> Router {
    Router::new().route("/{set}", post(send_case_error))
}

async fn send_case_error(Path(set): Path<String>, body: Bytes) -> Response {
    let case: Case = match serde_json::from_slice(&body) {
        Ok(case) => case,
        Err(e) => return (http::StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    respond(&set, case).unwrap_or_else(|| http::StatusCode::NOT_FOUND.into_response())
}

/// The client: POSTs `case` (a [`Case`] as JSON) to `/<set>` of the server
/// at `address` (`127.0.0.1:<port>`).
pub async fn send(address: &str, set: &str, case: &str) -> Received {
    let request = http::Request::post(format!("/{set}"))
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(case.to_owned())))
        .expect("a request");
    fetch(address, request).await
}

/// Sends `request` to the server at `address` (`127.0.0.1:<port>`) over a
/// new HTTP/1.1 connection.
pub async fn fetch(address: &str, mut request: http::Request<Full<Bytes>>) -> Received {
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .unwrap_or_else(|e| panic!("connect to {address}: {e}"));
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("HTTP/1.1 handshake");
    tokio::spawn(connection);
    let host = http::HeaderValue::from_str(address).expect("an address");
    request.headers_mut().insert(http::header::HOST, host);
    let response = sender.send_request(request).await.expect("a response");
    let header = |name: http::HeaderName| {
        let value = response.headers().get(name)?;
        Some(value.to_str().expect("an ASCII header").to_owned())
    };
    let (content_type, retry_after) = (
        header(http::header::CONTENT_TYPE),
        header(http::header::RETRY_AFTER),
    );
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.expect("a body");
    Received {
        status,
        content_type,
        retry_after,
        body: body.to_bytes().to_vec(),
    }
}
