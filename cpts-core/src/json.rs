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
pub(crate) fn read<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ReadError> {
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
