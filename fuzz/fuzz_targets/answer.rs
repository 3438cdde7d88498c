//! What every fuzz target asserts of a response.

use cpts_core::api::{ErrorCode, Response};

/// The response is one JSON document, `ok` or `error` with a known code, never `internal`
/// (the engine catches its own panics as `internal`: any is a bug), and an error stays a
/// few times the request at most (no error copies a long input).
pub fn check(response: &Response, request_len: usize) {
    let json: serde_json::Value =
        serde_json::from_str(&response.text).expect("every response is JSON");
    match response.error {
        None => assert_eq!(json["status"], "ok"),
        Some(code) => {
            assert_ne!(
                code,
                ErrorCode::Internal,
                "a caught panic: {}",
                response.text
            );
            assert_eq!(json["status"], "error");
            assert_eq!(json["error"]["code"], code.number());
            assert!(ErrorCode::from_number(code.number()).is_some());
            assert!(json["error"]["details"].is_object());
            assert!(
                response.text.len() < 64 * 1024 + 4 * request_len,
                "{} bytes for a request of {request_len}",
                response.text.len()
            );
        }
    }
}
