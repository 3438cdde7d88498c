//! Any bytes sent to the operation API: the engine answers with one JSON response, `ok` or
//! `error` with a known code, and never panics. Seeds: the conformance corpus.
#![no_main]

use std::sync::OnceLock;

use cpts_core::api::{Engine, ErrorCode};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the embedded data loads"))
}

fuzz_target!(|request: &[u8]| {
    let response = engine().respond_bytes(request);
    let json: serde_json::Value =
        serde_json::from_str(&response.text).expect("every response is JSON");
    match response.error {
        None => assert_eq!(json["status"], "ok"),
        Some(code) => {
            // The engine catches its own panics as `internal`: any is a bug.
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
        }
    }
});
