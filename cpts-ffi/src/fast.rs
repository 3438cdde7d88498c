//! Typed fast paths, for C callers who validate one field or band one population without
//! building JSON. Each calls the same code as the JSON operation.

use std::ffi::{CStr, c_char};

use chrono::NaiveDate;
use cpts_core::api::{Band, BandInput, Operation};
use cpts_core::identifiers::{self, IdentifierKind};

use crate::engine::cpts_engine;
use crate::error::{clear, cpts_error, cpts_status, invalid_argument};

/// Which identifier `cpts_validate_identifier` checks.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cpts_identifier_kind {
    /// RPPS (11 digits, Luhn key).
    Rpps = 1,
    /// ADELI (9 digits; key reported, not enforced).
    Adeli = 2,
    /// FINESS (2-character département + 7 digits, Luhn key except in Corsica).
    Finess = 3,
    /// SIREN (9 digits, Luhn key).
    Siren = 4,
    /// SIRET (14 digits, Luhn key, La Poste exception).
    Siret = 5,
    /// RNA (W + 9 characters).
    Rna = 6,
    /// INSEE commune code (5 characters).
    InseeCommune = 7,
    /// Postcode (5 digits).
    PostalCode = 8,
}

/// Bytes `out_canonical` needs for any identifier: 14 characters (SIRET) and the NUL.
pub const CPTS_CANONICAL_CAPACITY: usize = 16;

/// A calendar date (proleptic Gregorian).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct cpts_date {
    /// Year (2026).
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to 31.
    pub day: u32,
}

fn kind_of(number: u32) -> Option<IdentifierKind> {
    Some(match number {
        1 => IdentifierKind::Rpps,
        2 => IdentifierKind::Adeli,
        3 => IdentifierKind::Finess,
        4 => IdentifierKind::Siren,
        5 => IdentifierKind::Siret,
        6 => IdentifierKind::Rna,
        7 => IdentifierKind::InseeCommune,
        8 => IdentifierKind::PostalCode,
        _ => return None,
    })
}

/// Reads a NUL-terminated UTF-8 argument.
///
/// # Safety
/// `text` is NULL or NUL-terminated.
unsafe fn text_argument<'a>(text: *const c_char, name: &str) -> Result<&'a str, cpts_error> {
    if text.is_null() {
        return Err(invalid_argument(name, &crate::messages::NOT_NULL));
    }
    // SAFETY: not NULL and NUL-terminated per the contract.
    let bytes = unsafe { CStr::from_ptr(text) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        let mut details = serde_json::Map::new();
        details.insert("argument".into(), name.into());
        details.insert("byte_offset".into(), e.valid_up_to().into());
        cpts_error::new(
            cpts_core::api::ErrorCode::InvalidUtf8,
            crate::messages::argument_not_utf8(name, e.valid_up_to()),
            details,
        )
    })
}

/// Checks `value` as an identifier of kind `kind` (a `cpts_identifier_kind` number); a
/// wrong check key is an error.
///
/// On success writes the canonical form, NUL-terminated, to `out_canonical` (which has
/// `capacity` bytes; `CPTS_CANONICAL_CAPACITY` is always enough) and returns
/// `CPTS_STATUS_OK`. An invalid value returns `CPTS_STATUS_INVALID_INPUT` and, when
/// `out_error` is not NULL, an error whose details are the rule broken (`{"domain":
/// "identifier", "error": "invalid_check_key", "kind": "rpps", "value": "...",
/// "expected_key": "0", ...}`). An unknown kind, a NULL `value` or `out_canonical`, or a
/// buffer too small returns `CPTS_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `value` is NULL or NUL-terminated; `out_canonical` is NULL or valid for `capacity`
/// bytes; `out_error` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_validate_identifier(
    kind: u32,
    value: *const c_char,
    out_canonical: *mut c_char,
    capacity: usize,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract.
    unsafe { clear(out_error) };
    crate::guard_with_error(out_error, || {
        let kind = kind_of(kind)
            .ok_or_else(|| invalid_argument("kind", &crate::messages::IDENTIFIER_KIND))?;
        if out_canonical.is_null() {
            return Err(invalid_argument(
                "out_canonical",
                &crate::messages::NOT_NULL,
            ));
        }
        // SAFETY: per the contract.
        let value = unsafe { text_argument(value, "value") }?;
        let valid = identifiers::validate(kind, value, false)
            .map_err(|e| cpts_error::from_api(&e.into()))?;
        let bytes = valid.canonical.as_bytes();
        if bytes.len() >= capacity {
            return Err(invalid_argument(
                "capacity",
                &crate::messages::CANONICAL_CAPACITY,
            ));
        }
        // SAFETY: out_canonical is valid for `capacity` bytes, and bytes.len() + 1 <= capacity.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), out_canonical.cast::<u8>(), bytes.len());
            *out_canonical.add(bytes.len()) = 0;
        }
        Ok(())
    })
}

/// `cpts_validate_identifier` for an RPPS number.
///
/// # Safety
/// As `cpts_validate_identifier`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_validate_rpps(
    value: *const c_char,
    out_canonical: *mut c_char,
    capacity: usize,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract.
    unsafe {
        cpts_validate_identifier(
            cpts_identifier_kind::Rpps as u32,
            value,
            out_canonical,
            capacity,
            out_error,
        )
    }
}

/// `cpts_validate_identifier` for a FINESS number.
///
/// # Safety
/// As `cpts_validate_identifier`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_validate_finess(
    value: *const c_char,
    out_canonical: *mut c_char,
    capacity: usize,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract.
    unsafe {
        cpts_validate_identifier(
            cpts_identifier_kind::Finess as u32,
            value,
            out_canonical,
            capacity,
            out_error,
        )
    }
}

/// The ACI band (taille, 1 to 4) of `population` under the parameter set in force on `on`
/// (the `band` operation).
///
/// On success writes the taille to `*out_taille`. An impossible date or a NULL pointer is
/// `CPTS_STATUS_INVALID_ARGUMENT`; a date before the ACI of 2019 (25/08/2019) is
/// `CPTS_STATUS_INVALID_INPUT`.
///
/// # Safety
/// `engine` is NULL or a live engine; `out_taille` and `out_error` are NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cpts_band_of_population(
    engine: *const cpts_engine,
    population: u64,
    on: cpts_date,
    out_taille: *mut u8,
    out_error: *mut *mut cpts_error,
) -> cpts_status {
    // SAFETY: per the contract.
    unsafe { clear(out_error) };
    crate::guard_with_error(out_error, || {
        // SAFETY: NULL or a live engine.
        let engine = unsafe { engine.as_ref() }
            .ok_or_else(|| invalid_argument("engine", &crate::messages::NOT_NULL))?;
        if out_taille.is_null() {
            return Err(invalid_argument("out_taille", &crate::messages::NOT_NULL));
        }
        let date = NaiveDate::from_ymd_opt(on.year, on.month, on.day)
            .ok_or_else(|| invalid_argument("on", &crate::messages::CALENDAR_DATE))?;
        let band = Band::run(
            &engine.inner,
            BandInput {
                population,
                on: Some(date),
                parameter_set: None,
            },
        )
        .map_err(|e| cpts_error::from_api(&e))?;
        // SAFETY: checked not NULL; valid for writes per the contract.
        unsafe { *out_taille = band.taille.number() };
        Ok(())
    })
}
