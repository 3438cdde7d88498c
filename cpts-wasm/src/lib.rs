//! WebAssembly bindings of cpts, for the npm package `cpts` (the JavaScript layer is
//! `cpts-wasm/package/index.js`).
//!
//! Bindings only: every answer comes from `cpts_core::api::Engine`, the same operation API the
//! C library wraps, so that JavaScript, C and Rust callers get byte-identical responses.
//!
//! The module has a small C-like ABI and **no imports**, so that the JavaScript layer can
//! instantiate it synchronously as often as it needs: after a trap (a panic under `panic =
//! "abort"`, an allocation failure) an instance's memory is in an unknown state, and the
//! package drops it and answers the next call on a fresh instance.
//!
//! Protocol (all lengths in bytes, pointers into the module's memory):
//! - the caller gets a buffer with [`cpts_wasm_alloc`], writes a request or a commune table
//!   into it, and hands it over: the call that receives it frees it;
//! - a response is a [`Response`] `{ptr: u32, len: u32, capacity: u32}` (little-endian)
//!   pointing at the UTF-8 text; the caller reads it and frees it with
//!   [`cpts_wasm_response_free`];
//! - an engine is created by [`cpts_wasm_engine_new`] and freed by
//!   [`cpts_wasm_engine_free`].
//!
//! The commune table is not compiled in (the package ships it as a data file).

use cpts_core::api;
use cpts_core::territory::CommuneTable;

/// The operation engine of one `Cpts` object.
#[derive(Debug)]
pub struct Engine {
    inner: api::Engine,
}

/// A buffer of `len` bytes for the caller to fill, or null when memory runs out (the module
/// traps first in practice: Rust aborts on allocation failure).
#[unsafe(no_mangle)]
pub extern "C" fn cpts_wasm_alloc(len: usize) -> *mut u8 {
    Box::into_raw(Box::<[u8]>::new_uninit_slice(len)).cast::<u8>()
}

/// Takes back a buffer from [`cpts_wasm_alloc`].
///
/// # Safety
/// `ptr` and `len` come from one `cpts_wasm_alloc(len)`, handed over once.
unsafe fn take(ptr: *mut u8, len: usize) -> Box<[u8]> {
    // SAFETY: per the contract, a boxed slice of `len` bytes the caller has written.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) }
}

/// A response: where its UTF-8 text is and how long it is (the text is the engine's own
/// string, not a copy).
#[repr(C)]
#[derive(Debug)]
pub struct Response {
    /// The text's first byte.
    ptr: *mut u8,
    /// Its length in bytes.
    len: usize,
    /// The allocation's capacity (to free it).
    capacity: usize,
}

fn respond(text: String) -> *mut Response {
    let mut bytes = std::mem::ManuallyDrop::new(text.into_bytes());
    Box::into_raw(Box::new(Response {
        ptr: bytes.as_mut_ptr(),
        len: bytes.len(),
        capacity: bytes.capacity(),
    }))
}

/// Frees a response. NULL is accepted and ignored.
///
/// # Safety
/// `response` is NULL or a response of this module, freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_response_free(response: *mut Response) {
    if response.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in `respond`; its text from a String's own buffer.
    unsafe {
        let r = Box::from_raw(response);
        drop(Vec::from_raw_parts(r.ptr, r.len, r.capacity));
    }
}

/// An engine without commune table (territory operations answer `data_unavailable` until
/// [`cpts_wasm_engine_load_communes`]), or NULL when the embedded parameters do not load (a
/// build defect: the package reports it as `internal`).
#[unsafe(no_mangle)]
pub extern "C" fn cpts_wasm_engine_new() -> *mut Engine {
    match api::Engine::without_communes() {
        Ok(inner) => Box::into_raw(Box::new(Engine { inner })),
        Err(_) => std::ptr::null_mut(),
    }
}

/// Frees an engine. NULL is accepted and ignored.
///
/// # Safety
/// `engine` is NULL or an engine of this module, freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_engine_free(engine: *mut Engine) {
    if !engine.is_null() {
        // SAFETY: from Box::into_raw in cpts_wasm_engine_new.
        drop(unsafe { Box::from_raw(engine) });
    }
}

/// Loads the commune table from the text of the package's `communes.txt` (the buffer is
/// taken), read now. Returns NULL on success, else an error response (`data_unavailable`
/// when the text is not a commune table, `invalid_utf8`).
///
/// # Safety
/// `engine` is an engine of this module; `text`/`len` a buffer from `cpts_wasm_alloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_engine_load_communes(
    engine: *mut Engine,
    text: *mut u8,
    len: usize,
) -> *mut Response {
    // SAFETY: per the contract.
    let (engine, text) = match unsafe { engine_and_text(engine, text, len) } {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    match CommuneTable::from_text(text) {
        Ok(table) => {
            engine.inner.set_communes(table);
            std::ptr::null_mut()
        }
        Err(e) => respond(api::error_response(None, &e.into())),
    }
}

/// Gives the engine the text of the commune table (the buffer is taken), read by the first
/// operation that needs it (`Engine::set_communes_text`). Returns NULL, or an error
/// response when the text is not UTF-8.
///
/// # Safety
/// `engine` is an engine of this module; `text`/`len` a buffer from `cpts_wasm_alloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_engine_give_communes(
    engine: *mut Engine,
    text: *mut u8,
    len: usize,
) -> *mut Response {
    // SAFETY: per the contract.
    match unsafe { engine_and_text(engine, text, len) } {
        Ok((engine, text)) => {
            engine.inner.set_communes_text(text);
            std::ptr::null_mut()
        }
        Err(response) => response,
    }
}

/// The engine and the text of a buffer, or the error response to return.
///
/// # Safety
/// As [`cpts_wasm_engine_load_communes`].
unsafe fn engine_and_text<'e>(
    engine: *mut Engine,
    text: *mut u8,
    len: usize,
) -> Result<(&'e mut Engine, String), *mut Response> {
    // SAFETY: per the contract.
    let bytes = unsafe { take(text, len) };
    // SAFETY: per the contract, a live engine not used elsewhere during the call.
    let Some(engine) = (unsafe { engine.as_mut() }) else {
        return Err(respond(api::error_response(
            None,
            &api::ApiError::internal(None, "no engine"),
        )));
    };
    match String::from_utf8(bytes.into_vec()) {
        Ok(text) => Ok((engine, text)),
        Err(e) => {
            let error = api::ApiError::with(
                api::ErrorCode::InvalidUtf8,
                cpts_core::messages::Bilingual::owned(
                    format!(
                        "la table des communes n'est pas du texte UTF-8 (octet {})",
                        e.utf8_error().valid_up_to()
                    ),
                    format!("the commune table is not UTF-8: {}", e.utf8_error()),
                ),
                "byte_offset",
                e.utf8_error().valid_up_to().into(),
            );
            Err(respond(api::error_response(None, &error)))
        }
    }
}

/// Adds a parameter set (the text of a TOML or JSON file, `file` naming it in errors; both
/// buffers are taken) to the engine: `Engine::add_parameter_set`. Returns NULL on success,
/// else an error response (`invalid_input` naming the field and the rule, `invalid_utf8`);
/// the engine is then unchanged.
///
/// # Safety
/// `engine` is an engine of this module; `file`/`file_len` and `text`/`len` buffers from
/// `cpts_wasm_alloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_engine_add_parameter_set(
    engine: *mut Engine,
    file: *mut u8,
    file_len: usize,
    text: *mut u8,
    len: usize,
) -> *mut Response {
    // SAFETY: per the contract.
    let file = unsafe { take(file, file_len) };
    // SAFETY: per the contract.
    let text = unsafe { take(text, len) };
    // SAFETY: per the contract, a live engine not used elsewhere during the call.
    let Some(engine) = (unsafe { engine.as_mut() }) else {
        return respond(api::error_response(
            None,
            &api::ApiError::internal(None, "no engine"),
        ));
    };
    match engine
        .inner
        .add_parameter_set_bytes(&String::from_utf8_lossy(&file), &text)
    {
        Ok(_) => std::ptr::null_mut(),
        Err(e) => respond(api::error_response(None, &e)),
    }
}

/// 1 once a commune table (or its text, read when needed) is given, else 0.
///
/// # Safety
/// `engine` is NULL or an engine of this module.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_engine_has_communes(engine: *const Engine) -> u32 {
    // SAFETY: per the contract.
    unsafe { engine.as_ref() }.is_some_and(|e| e.inner.has_communes()) as u32
}

/// Answers one request given as bytes (the buffer is taken): the JSON response, `status`
/// ok or error (`invalid_utf8` when the bytes are not UTF-8).
///
/// # Safety
/// `engine` is an engine of this module; `request`/`len` a buffer from `cpts_wasm_alloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_wasm_call(
    engine: *const Engine,
    request: *mut u8,
    len: usize,
) -> *mut Response {
    // SAFETY: per the contract.
    let bytes = unsafe { take(request, len) };
    // SAFETY: per the contract.
    let text = match unsafe { engine.as_ref() } {
        Some(engine) => engine.inner.call_bytes(&bytes),
        None => api::error_response(None, &api::ApiError::internal(None, "no engine")),
    };
    respond(text)
}

/// The operation API version the engine speaks.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_wasm_api_version() -> u32 {
    api::API_VERSION
}

/// The library version (semver), as a response buffer.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_wasm_library_version() -> *mut Response {
    respond(env!("CARGO_PKG_VERSION").to_owned())
}

/// Traps on purpose: the package's tests use it to check that the JavaScript layer recovers
/// from a trap (no input reaches a trap otherwise). Not part of the package's API.
#[unsafe(no_mangle)]
pub extern "C" fn cpts_wasm_trap_for_tests() {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> (*mut u8, usize) {
        let ptr = cpts_wasm_alloc(text.len());
        // SAFETY: a fresh buffer of that length.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), ptr, text.len()) };
        (ptr, text.len())
    }

    fn read(response: *mut Response) -> String {
        assert!(!response.is_null());
        // SAFETY: a response of this module.
        let text = unsafe {
            let r = &*response;
            String::from_utf8(std::slice::from_raw_parts(r.ptr, r.len).to_vec())
        };
        // SAFETY: freed once.
        unsafe { cpts_wasm_response_free(response) };
        text.unwrap_or_default()
    }

    #[test]
    fn binds_the_core_without_communes() {
        let engine = cpts_wasm_engine_new();
        assert!(!engine.is_null());
        // SAFETY: the engine and buffers of this module, each handed over once.
        unsafe {
            assert_eq!(cpts_wasm_engine_has_communes(engine), 0);
            let (ptr, len) = request(
                r#"{"api_version":1,"operation":"band","input":{"population":95000,"on":"2026-01-01"}}"#,
            );
            let response = read(cpts_wasm_call(engine, ptr, len));
            assert!(response.contains(r#""taille":3"#), "{response}");
            let (ptr, len) = request(
                r#"{"api_version":1,"operation":"lookup_commune","input":{"code":"78551"}}"#,
            );
            let response = read(cpts_wasm_call(engine, ptr, len));
            assert!(response.contains(r#""code":10"#), "{response}");
            // Invalid UTF-8 is an answer.
            let ptr = cpts_wasm_alloc(3);
            std::ptr::copy_nonoverlapping([0x7b, 0xff, 0x7d].as_ptr(), ptr, 3);
            assert!(read(cpts_wasm_call(engine, ptr, 3)).contains(r#""code":2"#));
            // A text that is not a commune table: data_unavailable, and still no table.
            let (ptr, len) = request("not a table");
            let error = read(cpts_wasm_engine_load_communes(engine, ptr, len));
            assert!(error.contains(r#""name":"data_unavailable""#), "{error}");
            assert_eq!(cpts_wasm_engine_has_communes(engine), 0);
            // The real table.
            let table = include_str!("../../cpts-core/data/communes.txt");
            let (ptr, len) = request(table);
            assert!(cpts_wasm_engine_load_communes(engine, ptr, len).is_null());
            assert_eq!(cpts_wasm_engine_has_communes(engine), 1);
            cpts_wasm_engine_free(engine);
            cpts_wasm_engine_free(std::ptr::null_mut());
            cpts_wasm_response_free(std::ptr::null_mut());
        }
        assert_eq!(read(cpts_wasm_library_version()), env!("CARGO_PKG_VERSION"));
        assert_eq!(cpts_wasm_api_version(), 1);
        // An empty buffer is a valid buffer.
        let empty = cpts_wasm_alloc(0);
        assert!(!empty.is_null());
        // SAFETY: handed over once.
        drop(unsafe { take(empty, 0) });
    }
}
