//! C ABI of cpts: `libcpts` (shared and static) and the header `include/cpts.h`.
//!
//! A thin wrapper: it holds no domain logic; every answer comes from `cpts-core`, most of
//! them through its JSON operation API (`cpts_call`), the same one the npm package calls.
//!
//! Conventions (after rustls-ffi):
//! - every function that can fail returns a `cpts_status` (stable numbers, `0` is success)
//!   and writes its results through out-parameters, which it first sets to NULL;
//! - an error carries its status, a French message, an English one and JSON details
//!   (`cpts_error_*`);
//! - strings are UTF-8 and NUL-terminated; a string argument that is not UTF-8 is
//!   `CPTS_STATUS_INVALID_UTF8`, a NULL pointer `CPTS_STATUS_INVALID_ARGUMENT`;
//! - everything the library allocates for the caller has a `cpts_*_free` that accepts NULL;
//! - no panic crosses the boundary: each export catches it and returns
//!   `CPTS_STATUS_INTERNAL`;
//! - an engine is immutable: several threads may call it at once.

// The exported types keep their C names (cpts_status, cpts_engine, ...).
#![allow(non_camel_case_types)]

mod engine;
mod error;
mod fast;
mod messages;

use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

pub use engine::{
    cpts_call, cpts_call_bytes, cpts_engine, cpts_engine_free, cpts_engine_new, cpts_string_free,
};
pub use error::{
    cpts_error, cpts_error_details, cpts_error_free, cpts_error_message, cpts_error_message_en,
    cpts_error_name, cpts_error_status, cpts_status, cpts_status_name,
};
pub use fast::{
    CPTS_CANONICAL_CAPACITY, cpts_band_of_population, cpts_date, cpts_identifier_kind,
    cpts_validate_finess, cpts_validate_identifier, cpts_validate_rpps,
};

/// Version of the C ABI. It changes when an export changes incompatibly.
pub const CPTS_ABI_VERSION: u32 = 1;

/// Version of the JSON requests and responses `cpts_call` reads and writes.
pub const CPTS_API_VERSION: u32 = 1;

const LIBRARY_VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => c"unknown",
    };

/// Runs `f`, and returns `fallback` if it panicked.
pub(crate) fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Runs `f`; its error, or a caught panic, goes to `out_error` and becomes the status.
pub(crate) fn guard_with_error(
    out_error: *mut *mut cpts_error,
    f: impl FnOnce() -> Result<(), cpts_error>,
) -> cpts_status {
    let error = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => return cpts_status::Ok,
        Ok(Err(error)) => error,
        Err(_) => cpts_error::new(
            cpts_core::api::ErrorCode::Internal,
            messages::PANICKED,
            serde_json::Map::new(),
        ),
    };
    // SAFETY: every export documents `out_error` as NULL or valid for writes.
    unsafe { error::report(error, out_error) }
}

/// The library version (semver), a static NUL-terminated UTF-8 string: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_library_version() -> *const c_char {
    guard(c"unknown".as_ptr(), || LIBRARY_VERSION.as_ptr())
}

/// The ABI version ([`CPTS_ABI_VERSION`]); a caller compiled against another ABI version
/// must not use this library.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_abi_version() -> u32 {
    guard(0, || CPTS_ABI_VERSION)
}

/// The JSON API version ([`CPTS_API_VERSION`]) `cpts_call` speaks.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_api_version() -> u32 {
    guard(0, || cpts_core::api::API_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        // SAFETY: the pointer is a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(cpts_library_version()) };
        assert_eq!(v.to_str().ok(), Some(env!("CARGO_PKG_VERSION")));
        assert_eq!(cpts_abi_version(), 1);
        assert_eq!(cpts_api_version(), cpts_core::api::API_VERSION);
        assert_eq!(CPTS_API_VERSION, cpts_core::api::API_VERSION);
    }

    #[test]
    fn a_panic_becomes_an_internal_status_with_an_error() {
        let mut error: *mut cpts_error = std::ptr::null_mut();
        let status = guard_with_error(&mut error, || panic!("boom"));
        assert_eq!(status, cpts_status::Internal);
        // SAFETY: the error was just returned and is freed once.
        unsafe {
            assert_eq!(cpts_error_status(error), cpts_status::Internal);
            let message = CStr::from_ptr(cpts_error_message(error)).to_string_lossy();
            assert_eq!(
                message,
                "la bibliothèque a échoué (une anomalie : merci de la signaler avec l'entrée)"
            );
            let message = CStr::from_ptr(cpts_error_message_en(error)).to_string_lossy();
            assert!(message.contains("panicked"));
            cpts_error_free(error);
        }
    }
}
