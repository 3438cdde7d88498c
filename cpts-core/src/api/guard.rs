//! The last line of defence of [`super::Engine::call`]: a panic (a bug) becomes an
//! `internal` error response naming the operation, and nothing is printed on the host's
//! standard error.
//!
//! Rust prints a panic through the process's panic hook. The first call installs, once, a
//! hook that stays silent for panics raised while this thread is inside a call (their
//! message and place go into the error's details instead) and hands every other panic to the
//! hook that was installed before it: the host's own panics print as they did. This is the
//! one process-wide effect of the library. Under `panic = "abort"` (the wasm build) nothing
//! can be caught; the npm package recovers from the trap itself.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// True while this thread runs a guarded call.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// What the silent hook saw of the last panic on this thread: message and place.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let text = format!("{}{place}", payload_text(info.payload()));
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without message".to_owned()
    }
}

/// Runs `f`; a panic becomes `Err` with its message and place (`"attempt to add with
/// overflow at cpts-core/src/…:12"`), printed nowhere.
pub(crate) fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was_guarded = GUARDED.with(|g| g.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was_guarded));
    outcome.map_err(|payload| {
        LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiError, ErrorCode, error_response};

    #[test]
    fn a_panic_is_caught_with_its_message_and_place() {
        let caught = catching(|| -> u32 { panic!("Multiplication overflowed") });
        let text = caught.unwrap_err();
        // The place is the file's path from the workspace (cpts-core/src/…) or, in the packaged
        // crate, from the package (src/…).
        let place = text
            .strip_prefix("Multiplication overflowed at ")
            .unwrap_or_default();
        assert!(
            place.starts_with("cpts-core/src/api/guard.rs:")
                || place.starts_with("src/api/guard.rs:"),
            "{text}"
        );
        // The thread is no longer guarded after the call, and a value goes through.
        assert!(!GUARDED.with(Cell::get));
        assert_eq!(catching(|| 7), Ok(7));
    }

    #[test]
    fn a_caught_panic_is_an_internal_error_naming_the_operation() {
        let error = ApiError::internal(Some("payment_schedule"), "Addition overflowed");
        assert_eq!(error.code, ErrorCode::Internal);
        let response: serde_json::Value =
            serde_json::from_str(&error_response(Some("payment_schedule"), &error)).unwrap();
        assert_eq!(response["operation"], "payment_schedule");
        assert_eq!(response["error"]["code"], 99);
        assert_eq!(response["error"]["name"], "internal");
        assert_eq!(
            response["error"]["details"]["operation"],
            "payment_schedule"
        );
        assert_eq!(response["error"]["details"]["panic"], "Addition overflowed");
        assert_eq!(
            response["error"]["message"],
            "la bibliothèque a échoué sur l'opération « payment_schedule » (une anomalie : merci de la signaler avec la requête)"
        );
        assert_eq!(
            response["error"]["message_en"],
            "the library failed on operation « payment_schedule » (a bug: please report it with the request)"
        );
    }
}
