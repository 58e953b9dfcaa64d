//! An axum server that sends the Nanobanana API's errors: `build.rs`
//! generates `errors.rs` and `axum.rs` (the spec sets `rust.axum`) into
//! `OUT_DIR`, and a handler returns `Result<_, ApiError>`.
#![deny(warnings, missing_docs)]

use std::time::Duration;

use axum::extract::Path;
use axum::routing::get;
use axum::Router;

/// The Nanobanana API's error types, with axum's `IntoResponse`.
pub mod errors {
    include!(concat!(env!("OUT_DIR"), "/rust/errors.rs"));
    include!(concat!(env!("OUT_DIR"), "/rust/axum.rs"));
}

use errors::{ApiError, ErrorCode, HttpResponse};

/// `GET /tasks/{id}`: task `7` exists; `busy` is `RATE_LIMITED` with a wait
/// of 1.5 s; `upstream` an error of a code the spec does not define; any
/// other is `NOT_FOUND`.
async fn task(Path(id): Path<String>) -> Result<&'static str, HttpResponse> {
    match id.as_str() {
        "7" => Ok("task 7"),
        "busy" => Err(ApiError::new(ErrorCode::RateLimited)
            .to_response()
            .with_retry_after(Duration::from_millis(1500))),
        "upstream" => Err(upstream("UPSTREAM_TIMEOUT").to_response()),
        _ => Err(ApiError::from(ErrorCode::NotFound).to_response()),
    }
}

/// An error of a code the spec does not define, as a gateway forwards it.
fn upstream(code: &str) -> ApiError {
    ApiError::with_message(code, "the provider timed out")
}

/// `GET /items/{id}`: a handler returning `ApiError` itself.
async fn item(Path(id): Path<String>) -> Result<&'static str, ApiError> {
    if id != "7" {
        return Err(ErrorCode::NotFound.into());
    }
    Ok("item 7")
}

/// The server's routes.
pub fn app() -> Router {
    Router::new()
        .route("/tasks/{id}", get(task))
        .route("/items/{id}", get(item))
}
