//! The engine and the JSON operation API.

use std::ffi::{CStr, c_char};
use std::panic::AssertUnwindSafe;

use cpts_core::api::{ApiError, Engine, ErrorCode, Response, error_response};

use crate::error::{argument_error, c_string, clear, cpts_error, cpts_status, invalid_argument};
use crate::messages::NOT_NULL;

/// The engine: ACI parameter sets, PASS table and INSEE commune table, loaded once.
/// Build it (and add parameter sets with `cpts_engine_add_parameter_set`) first; then share
/// it between threads and call it concurrently.
#[derive(Debug)]
pub struct cpts_engine {
    pub(crate) inner: Engine,
}

/// Builds an engine over the embedded data (about 5 ms: it indexes the commune table).
///
/// On success writes the engine to `*out_engine` (release it with `cpts_engine_free`) and
/// returns `CPTS_STATUS_OK`. On failure `*out_engine` is NULL and, when `out_error` is not
/// NULL, `*out_error` holds the error (release it with `cpts_error_free`).
///
/// # Safety
/// `out_engine` and `out_error` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_engine_new(
    out_engine: *mut *mut cpts_engine,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract, both are NULL or valid for writes.
    unsafe {
        clear(out_engine);
        clear(out_error);
    }
    crate::guard_with_error(out_error, || {
        if out_engine.is_null() {
            return Err(invalid_argument("out_engine", &NOT_NULL));
        }
        let engine = Engine::new().map_err(|e| cpts_error::from_api(&e))?;
        // SAFETY: checked not NULL; valid for writes per the contract.
        unsafe { *out_engine = Box::into_raw(Box::new(cpts_engine { inner: engine })) };
        Ok(())
    })
}

/// Adds a parameter set to the engine: the file an ARS writes for a new text (an avenant),
/// in TOML or in JSON (a text whose first character after blanks is `{`), `length` bytes of
/// UTF-8 that need not be NUL-terminated. `file` (NUL-terminated, or NULL) names it in errors.
///
/// Precedence is by date: the set applies from its `valid_from`; the last set, when it is
/// open-ended and starts earlier, is closed the day before. Every later call uses the set in
/// force on its dates (its missions, bands and amounts). Returns `CPTS_STATUS_OK`, or
/// `CPTS_STATUS_INVALID_INPUT` with `*out_error` naming the file, the field and the rule
/// broken (in French in its message): the engine is then unchanged.
///
/// Not thread-safe: call it before sharing the engine, never while a call runs on it.
///
/// # Safety
/// `engine` is NULL or a live engine no other thread uses; `text` is NULL or valid for
/// `length` bytes; `file` is NULL or a NUL-terminated string; `out_error` is NULL or valid
/// for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_engine_add_parameter_set(
    engine: *mut cpts_engine,
    file: *const c_char,
    text: *const u8,
    length: usize,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract, NULL or valid for writes.
    unsafe { clear(out_error) };
    crate::guard_with_error(out_error, || {
        // SAFETY: per the contract.
        let (engine, bytes) = unsafe { engine_and_text(engine, text, length) }?;
        let file = if file.is_null() {
            std::borrow::Cow::Borrowed("parameter set")
        } else {
            // SAFETY: not NULL and NUL-terminated per the contract.
            unsafe { CStr::from_ptr(file) }.to_string_lossy()
        };
        engine
            .inner
            .add_parameter_set_bytes(&file, bytes)
            .map_err(|e| cpts_error::from_api(&e))?;
        Ok(())
    })
}

/// Loads the commune contours the `map` operation draws: the file `scripts/fetch-geometries`
/// writes (IGN ADMIN EXPRESS, converted), or a GeoJSON of communes in WGS84 (a text whose
/// first character after blanks is `{`), `length` bytes of UTF-8 that need not be
/// NUL-terminated. Replaces the contours the engine had.
///
/// Returns `CPTS_STATUS_OK` and writes how many communes have a contour to `*out_units`
/// (when not NULL), or `CPTS_STATUS_INVALID_INPUT` with `*out_error` naming the line (or
/// feature) and the rule broken (in French in its message): the engine is then unchanged.
///
/// Not thread-safe: call it before sharing the engine, never while a call runs on it.
///
/// # Safety
/// `engine` is NULL or a live engine no other thread uses; `text` is NULL or valid for
/// `length` bytes; `out_units` and `out_error` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_engine_load_geometries(
    engine: *mut cpts_engine,
    text: *const u8,
    length: usize,
    out_units: *mut usize,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract, NULL or valid for writes.
    unsafe { clear(out_error) };
    crate::guard_with_error(out_error, || {
        // SAFETY: per the contract.
        let (engine, bytes) = unsafe { engine_and_text(engine, text, length) }?;
        let units = engine
            .inner
            .load_geometries_bytes(bytes)
            .map_err(|e| cpts_error::from_api(&e))?;
        if !out_units.is_null() {
            // SAFETY: not NULL and valid for writes per the contract.
            unsafe { *out_units = units };
        }
        Ok(())
    })
}

/// The engine and the `length` bytes at `text` of a call that gives the engine a file, or the
/// argument that is NULL or too long.
///
/// # Safety
/// `engine` is NULL or a live engine no other thread uses; `text` is NULL or valid for
/// `length` bytes; both outlive the call that uses them.
unsafe fn engine_and_text<'a>(
    engine: *mut cpts_engine,
    text: *const u8,
    length: usize,
) -> Result<(&'a mut cpts_engine, &'a [u8]), cpts_error> {
    // SAFETY: NULL or a live engine used by no other thread, per the contract.
    let Some(engine) = (unsafe { engine.as_mut() }) else {
        return Err(invalid_argument("engine", &NOT_NULL));
    };
    if text.is_null() {
        return Err(invalid_argument("text", &NOT_NULL));
    }
    if length > isize::MAX as usize {
        return Err(invalid_argument(
            "length",
            &crate::messages::LENGTH_BEYOND_MEMORY,
        ));
    }
    // SAFETY: not NULL and valid for `length` bytes per the contract.
    Ok((engine, unsafe { std::slice::from_raw_parts(text, length) }))
}

/// Releases an engine. NULL is accepted and ignored. No call may be running on it.
///
/// # Safety
/// `engine` is NULL or an engine from `cpts_engine_new`, freed only once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_engine_free(engine: *mut cpts_engine) {
    crate::guard((), || {
        if !engine.is_null() {
            // SAFETY: from Box::into_raw in cpts_engine_new, freed once.
            drop(unsafe { Box::from_raw(engine) });
        }
    })
}

/// Writes `response` to `*out_response` and returns its status.
///
/// # Safety
/// `out_response` is valid for writes.
unsafe fn deliver(response: Response, out_response: *mut *mut c_char) -> cpts_status {
    // SAFETY: valid for writes per the contract.
    unsafe { *out_response = c_string(response.text).into_raw() };
    response.error.map_or(cpts_status::Ok, cpts_status::from)
}

/// The response to a call that could not reach the engine.
fn failure(code: ErrorCode, argument: &str, rule: &cpts_core::messages::Bilingual) -> Response {
    Response {
        text: error_response(None, &argument_error(code, argument, rule)),
        error: Some(code),
    }
}

/// Runs `answer` behind the panic guard and delivers its response.
///
/// # Safety
/// `out_response` is NULL or valid for writes.
unsafe fn call_with(
    out_response: *mut *mut c_char,
    answer: impl FnOnce() -> Response,
) -> cpts_status {
    if out_response.is_null() {
        return cpts_status::InvalidArgument;
    }
    // SAFETY: not NULL; valid for writes per the contract.
    unsafe { clear(out_response) };
    // The engine answers its own panics (`internal`, with the operation); this guard is for
    // the binding's code around it.
    let response = std::panic::catch_unwind(AssertUnwindSafe(answer)).unwrap_or_else(|_| {
        let error = ApiError::internal(None, "a panic in the C binding");
        Response {
            text: error_response(None, &error),
            error: Some(error.code),
        }
    });
    // SAFETY: as above. Converting to a C string cannot panic.
    unsafe { deliver(response, out_response) }
}

/// Answers one JSON request of the operation API (`{"api_version": 1, "operation": "...",
/// "input": {...}}`, NUL-terminated UTF-8).
///
/// Whatever happens, unless `out_response` is NULL, `*out_response` receives a JSON response
/// (release it with `cpts_string_free`): `"status": "ok"` with the result, or `"status":
/// "error"` with the same code as the returned status, a message and details. Returns
/// `CPTS_STATUS_OK`, the error's status, or `CPTS_STATUS_INVALID_ARGUMENT` for a NULL
/// argument (with a JSON response saying which). Safe to call from several threads on one
/// engine.
///
/// # Safety
/// `engine` is NULL or a live engine; `request` is NULL or a NUL-terminated string;
/// `out_response` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_call(
    engine: *const cpts_engine,
    request: *const c_char,
    out_response: *mut *mut c_char,
) -> cpts_status {
    let length = if request.is_null() {
        0
    } else {
        // SAFETY: not NULL and NUL-terminated per the contract.
        unsafe { CStr::from_ptr(request) }.to_bytes().len()
    };
    // SAFETY: `request` is NULL (reported by cpts_call_bytes) or valid for `length` bytes.
    unsafe { cpts_call_bytes(engine, request.cast(), length, out_response) }
}

/// Like `cpts_call`, for a request of `length` bytes that need not be NUL-terminated.
///
/// # Safety
/// `engine` is NULL or a live engine; `request` is NULL or valid for `length` bytes;
/// `out_response` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_call_bytes(
    engine: *const cpts_engine,
    request: *const u8,
    length: usize,
    out_response: *mut *mut c_char,
) -> cpts_status {
    // SAFETY: per the contract.
    unsafe {
        call_with(out_response, || {
            let Some(engine) = engine.as_ref() else {
                return failure(ErrorCode::InvalidArgument, "engine", &NOT_NULL);
            };
            if request.is_null() {
                return failure(ErrorCode::InvalidArgument, "request", &NOT_NULL);
            }
            if length > isize::MAX as usize {
                return failure(
                    ErrorCode::InvalidArgument,
                    "length",
                    &crate::messages::LENGTH_BEYOND_MEMORY,
                );
            }
            engine
                .inner
                .respond_bytes(std::slice::from_raw_parts(request, length))
        })
    }
}

/// Releases a string the library returned (a response). NULL is accepted and ignored.
///
/// # Safety
/// `string` is NULL or a string returned by this library, freed only once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_string_free(string: *mut c_char) {
    crate::guard((), || {
        if !string.is_null() {
            // SAFETY: from CString::into_raw in this library, freed once.
            drop(unsafe { std::ffi::CString::from_raw(string) });
        }
    })
}
