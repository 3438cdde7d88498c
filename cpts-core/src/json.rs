//! Reading one JSON document into a type, with the path of the field that does not fit:
//! the one reader behind the operation API's requests and the JSON parameter files.

use serde::Deserialize;

/// A JSON text that is not a `T`: where (`input.on`, `bands[0].taille`; `.` for the document
/// itself or what follows it) and serde_json's error (its category, line and column).
#[derive(Debug)]
pub(crate) struct ReadError {
    /// The path of the field, `.` for the whole document.
    pub path: String,
    /// The error.
    pub error: serde_json::Error,
}

/// Reads `text` as one `T` and nothing after it but whitespace.
///
/// Natively, read first without tracking where it is (tracking the path of every field
/// doubles the cost of reading a request), then, only when that failed, read again tracking
/// the path: the error is the same either way, with its field's path. The wasm reads with
/// the path tracked only: a second reader of every type would take it over its size ceiling
/// (553 537 bytes gzip instead of 481 844, measured; the ceiling is 510 000).
pub(crate) fn read<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ReadError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        if let Ok(value) =
            T::deserialize(&mut deserializer).and_then(|value| deserializer.end().map(|()| value))
        {
            return Ok(value);
        }
    }
    read_tracking_path(text)
}

/// [`read`], tracking the path of the field being read.
fn read_tracking_path<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| ReadError {
        path: e.path().to_string(),
        error: e.into_inner(),
    })?;
    deserializer.end().map_err(|error| ReadError {
        path: ".".to_owned(),
        error,
    })?;
    Ok(value)
}
