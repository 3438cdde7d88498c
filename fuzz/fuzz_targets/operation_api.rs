//! Any bytes sent to the operation API: the engine answers with one JSON response, `ok` or
//! `error` with a known code, and never panics. Seeds: the conformance corpus.
#![no_main]

#[path = "answer.rs"]
mod answer;

use std::sync::OnceLock;

use cpts_core::api::Engine;
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the embedded data loads"))
}

fuzz_target!(|request: &[u8]| {
    answer::check(&engine().respond_bytes(request), request.len());
});
