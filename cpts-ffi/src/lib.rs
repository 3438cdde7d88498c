//! C ABI of cpts (`libcpts`, header `include/cpts.h`).
//!
//! A thin wrapper: it holds no domain logic; every answer comes from `cpts-core`. Every
//! export runs behind a panic guard, so no panic crosses the boundary. The JSON operation
//! API, status codes and error details come with the C binding issue; this first version
//! exposes the version queries.

use std::ffi::{CStr, c_char};
use std::panic::{UnwindSafe, catch_unwind};

/// Version of the C ABI. It changes when an export changes incompatibly.
pub const CPTS_ABI_VERSION: u32 = 1;

const LIBRARY_VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => c"unknown",
    };

/// Runs `f`, and returns `fallback` if it panicked.
fn guard<T>(fallback: T, f: impl FnOnce() -> T + UnwindSafe) -> T {
    catch_unwind(f).unwrap_or(fallback)
}

/// The library version (semver), a static NUL-terminated UTF-8 string: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_library_version() -> *const c_char {
    guard(c"unknown".as_ptr(), || LIBRARY_VERSION.as_ptr())
}

/// The ABI version ([`CPTS_ABI_VERSION`]); a caller compiled against another major ABI
/// version must not use this library.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_abi_version() -> u32 {
    guard(0, || CPTS_ABI_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        // SAFETY: the pointer is a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(cpts_library_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        assert_eq!(cpts_abi_version(), 1);
    }
}
