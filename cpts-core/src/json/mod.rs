//! Reading one JSON document into a type, with the path of the field that does not fit:
//! the one reader behind the operation API's requests and the JSON parameter files.

use serde::Deserialize;

mod path;

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
/// Natively, read first without tracking where it is, then, only when that failed, read
/// again tracking the path ([`path`]): the error is the same either way, with its field's
/// path. The wasm reads with the path tracked only: a second reader of every type would take
/// it over its size ceiling (553 537 bytes gzip instead of 481 844, measured when the path
/// was tracked by serde_path_to_error; the ceiling is 510 000).
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
    let value =
        path::deserialize(&mut deserializer).map_err(|(path, error)| ReadError { path, error })?;
    deserializer.end().map_err(|error| ReadError {
        path: ".".to_owned(),
        error,
    })?;
    Ok(value)
}

/// How `text` reads as a `T` with the library's path tracking and with serde_path_to_error's:
/// `ok`, or the path and the error (the test of [`path`]).
#[cfg(test)]
pub(crate) fn both_ways<'a, T: Deserialize<'a>>(text: &'a str) -> [String; 2] {
    let ours = match read_tracking_path::<T>(text) {
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("{} | {}", e.path, e.error),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let theirs = match serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|_| deserializer.end().map_err(|e| (".".to_owned(), e)))
    {
        Ok(()) => "ok".to_owned(),
        Err((path, error)) => format!("{path} | {error}"),
    };
    [ours, theirs]
}
