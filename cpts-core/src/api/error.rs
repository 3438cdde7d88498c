//! The errors of the operation API: a stable numeric code, a French and an English message,
//! and JSON details.
//!
//! The numbers are part of the API: the C header repeats them as `CPTS_STATUS_*`, the npm
//! package as `ErrorCode`. A number is never reused or renumbered; a new case gets a new
//! number.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::aci::{FundingError, ParameterError};
use crate::entity::{EntityError, LifecycleError};
use crate::identifiers::IdentifierError;
use crate::membership::{MembershipError, RegistryError, StatutesError};
use crate::messages::{Bilingual, Message};
use crate::missions::MissionError;
use crate::territory::coverage::CoverageError;
use crate::territory::{LookupError, TableError, TerritoryError};

/// Why a call failed, as a stable number.
///
/// | Code | Name | Meaning |
/// |---|---|---|
/// | 0 | `ok` | success (never inside an error) |
/// | 1 | `invalid_argument` | a C argument is NULL or out of range (C ABI only) |
/// | 2 | `invalid_utf8` | the request is not UTF-8 |
/// | 3 | `invalid_json` | the request is not JSON (syntax, truncation, a number beyond ±1.8e308) |
/// | 4 | `invalid_request` | JSON, but not a request envelope (missing or unknown field) |
/// | 5 | `unsupported_version` | `api_version` is not one this library speaks |
/// | 6 | `unknown_operation` | no operation has that name |
/// | 7 | `invalid_input` | the input breaks its schema or a rule (details name the field and rule) |
/// | 8 | `missing_parameter` | the parameter set does not establish a value the operation needs |
/// | 9 | `not_found` | a commune, CPTS or record the input names does not exist |
/// | 10 | `data_unavailable` | the engine was built without the data the operation needs |
/// | 11 | `limit_exceeded` | the request is larger than the engine accepts |
/// | 99 | `internal` | a bug: a panic caught at the boundary, a result that failed to serialise |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A C argument is NULL or out of range (C ABI only).
    InvalidArgument = 1,
    /// The request is not UTF-8.
    InvalidUtf8 = 2,
    /// The request is not JSON.
    InvalidJson = 3,
    /// JSON, but not a request envelope.
    InvalidRequest = 4,
    /// `api_version` is not one this library speaks.
    UnsupportedVersion = 5,
    /// No operation has that name.
    UnknownOperation = 6,
    /// The input breaks its schema or a rule.
    InvalidInput = 7,
    /// The parameter set does not establish a value the operation needs.
    MissingParameter = 8,
    /// Something the input names does not exist.
    NotFound = 9,
    /// The engine was built without the data the operation needs.
    DataUnavailable = 10,
    /// The request is larger than the engine accepts.
    LimitExceeded = 11,
    /// A bug (a caught panic, a result that failed to serialise).
    Internal = 99,
}

impl ErrorCode {
    /// Every code, in number order.
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::InvalidArgument,
        ErrorCode::InvalidUtf8,
        ErrorCode::InvalidJson,
        ErrorCode::InvalidRequest,
        ErrorCode::UnsupportedVersion,
        ErrorCode::UnknownOperation,
        ErrorCode::InvalidInput,
        ErrorCode::MissingParameter,
        ErrorCode::NotFound,
        ErrorCode::DataUnavailable,
        ErrorCode::LimitExceeded,
        ErrorCode::Internal,
    ];

    /// The stable number.
    pub fn number(self) -> u32 {
        self as u32
    }

    /// The stable name (snake_case).
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::InvalidArgument => "invalid_argument",
            ErrorCode::InvalidUtf8 => "invalid_utf8",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::UnsupportedVersion => "unsupported_version",
            ErrorCode::UnknownOperation => "unknown_operation",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::MissingParameter => "missing_parameter",
            ErrorCode::NotFound => "not_found",
            ErrorCode::DataUnavailable => "data_unavailable",
            ErrorCode::LimitExceeded => "limit_exceeded",
            ErrorCode::Internal => "internal",
        }
    }

    /// French label, for a person (« entrée invalide »).
    pub fn label_fr(self) -> &'static str {
        match self {
            ErrorCode::InvalidArgument => "argument invalide",
            ErrorCode::InvalidUtf8 => "texte mal encodé (pas de l'UTF-8)",
            ErrorCode::InvalidJson => "JSON invalide",
            ErrorCode::InvalidRequest => "requête invalide",
            ErrorCode::UnsupportedVersion => "version d'API non prise en charge",
            ErrorCode::UnknownOperation => "opération inconnue",
            ErrorCode::InvalidInput => "entrée invalide",
            ErrorCode::MissingParameter => "paramètre non établi",
            ErrorCode::NotFound => "introuvable",
            ErrorCode::DataUnavailable => "données non chargées",
            ErrorCode::LimitExceeded => "requête trop grande",
            ErrorCode::Internal => "erreur interne",
        }
    }

    /// The code with this number.
    pub fn from_number(n: u32) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.number() == n)
    }
}

/// A failed call: the code, a French message for the person who typed the value, the
/// same in English for developers' logs, and details a program can read.
///
/// JSON: `{"code": 7, "name": "invalid_input", "message": "...", "message_en": "...",
/// "details": {...}}`. A request may ask for one language (`"language": "fr"` or `"en"`):
/// `message` is then in that language and `message_en` is left out. For a rule of the
/// domain, `details` is the domain error itself (`{"domain": "identifier", "error":
/// "invalid_check_key", "kind": "rpps", "value": "...", ...}`); for input that does not fit
/// its schema, `{"path": "input.contract.years[0].signed_on", "line": 1, "column": 87,
/// "reason": "..."}` (`reason` in English). The messages come from one reviewed catalogue,
/// the module `messages`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(into = "ErrorWire")]
pub struct ApiError {
    /// The stable code.
    pub code: ErrorCode,
    /// What went wrong, in French (or in the language the request asked for).
    pub message: String,
    /// What went wrong, in English, for developers' logs (empty when the request asked
    /// for one language).
    pub message_en: String,
    /// Machine-readable details (always an object).
    pub details: Map<String, Value>,
}

/// The JSON of an [`ApiError`]: the code as its number, with its name next to it.
#[derive(Serialize, JsonSchema)]
struct ErrorWire {
    /// The stable code.
    code: u32,
    /// The code's stable name.
    name: &'static str,
    /// What went wrong, in French for the person who typed the value (or in the language
    /// the request asked for).
    message: String,
    /// What went wrong, in English, for developers' logs (left out when the request asked
    /// for one language).
    #[serde(skip_serializing_if = "Option::is_none")]
    message_en: Option<String>,
    /// Machine-readable details (always an object).
    details: Map<String, Value>,
}

impl From<ApiError> for ErrorWire {
    fn from(e: ApiError) -> Self {
        ErrorWire {
            code: e.code.number(),
            name: e.code.name(),
            message: e.message,
            message_en: Some(e.message_en).filter(|m| !m.is_empty()),
            details: e.details,
        }
    }
}

/// The language of the messages a request asks for.
///
/// JSON: `"fr"` or `"en"`. Left out, an error carries both: `message` in French and
/// `message_en` in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Language {
    /// French only (`message`).
    Fr,
    /// English only (`message`).
    En,
}

impl ApiError {
    /// An error with a code, its messages and details. No value is quoted at length: in the
    /// messages and in every string of the details, a quoted part (between `` ` ``, `"` or
    /// « ») longer than 200 characters, or an unbroken run longer than 400, is cut and
    /// marked with `…`, so that an error stays a few kilobytes whatever the input.
    pub fn new(code: ErrorCode, said: Bilingual, mut details: Map<String, Value>) -> Self {
        for value in details.values_mut() {
            bound_strings(value);
        }
        ApiError {
            code,
            message: bounded(said.fr().to_owned()),
            message_en: bounded(said.en().to_owned()),
            details,
        }
    }

    /// The error with its messages in one language (`None`: both, as made).
    pub fn in_language(mut self, language: Option<Language>) -> Self {
        self.keep_language(language);
        self
    }

    /// [`ApiError::in_language`], in place.
    pub(crate) fn keep_language(&mut self, language: Option<Language>) {
        match language {
            None => {}
            Some(Language::Fr) => self.message_en.clear(),
            Some(Language::En) => self.message = std::mem::take(&mut self.message_en),
        }
    }

    /// An error whose details are a domain error (serialised with its `error` tag) under the
    /// name of its `domain`.
    pub fn domain<E: Message + Serialize>(code: ErrorCode, domain: &str, e: &E) -> Self {
        let mut details = Map::new();
        details.insert("domain".into(), Value::String(domain.into()));
        // Written as text and read back, not made a value directly: one serialiser of each
        // error type instead of two (the second weighed on the npm package's wasm).
        match serde_json::to_string(e).and_then(|text| serde_json::from_str::<Value>(&text)) {
            Ok(Value::Object(fields)) => details.extend(fields),
            Ok(other) => {
                details.insert("value".into(), other);
            }
            Err(_) => {}
        }
        ApiError::new(code, e.bilingual(), details)
    }

    /// The error of a bug caught at the boundary (a panic): `internal`, with the operation
    /// and what the panic said in the details.
    pub fn internal(operation: Option<&str>, panic: &str) -> Self {
        let mut details = Map::new();
        details.insert(
            "operation".into(),
            operation.map_or(Value::Null, Value::from),
        );
        details.insert("panic".into(), Value::from(panic));
        ApiError::new(
            ErrorCode::Internal,
            crate::messages::request::internal(operation),
            details,
        )
    }

    /// An error with one detail.
    pub fn with(code: ErrorCode, said: Bilingual, key: &str, value: Value) -> Self {
        let mut details = Map::new();
        details.insert(key.into(), value);
        ApiError::new(code, said, details)
    }
}

/// Cuts every string of a JSON value with [`bounded`].
fn bound_strings(value: &mut Value) {
    match value {
        Value::String(s) if s.len() > MAX_QUOTED => *s = bounded(std::mem::take(s)),
        Value::Array(items) => items.iter_mut().for_each(bound_strings),
        Value::Object(fields) => fields.values_mut().for_each(bound_strings),
        _ => {}
    }
}

/// Longest quoted part an error keeps (characters).
const MAX_QUOTED: usize = 200;

/// Longest unbroken run of characters an error keeps: longer than a quoted part, so that a
/// path or a word that quotes a value already cut (`input.xxx…:`) is kept whole.
const MAX_RUN: usize = 2 * MAX_QUOTED;

/// `text` with every quoted part (between `` ` ``, `"` or « ») longer than [`MAX_QUOTED`]
/// characters, and every run of characters without whitespace longer than [`MAX_RUN`], cut to
/// that length and followed by `…`. Linear in the text.
pub(crate) fn bounded(text: String) -> String {
    if text.len() <= MAX_QUOTED {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(4 * MAX_QUOTED));
    // Characters kept in the current quoted part (`quote`: its closing mark) and in the
    // current run without whitespace.
    let mut quote: Option<char> = None;
    let (mut in_quote, mut in_run) = (0usize, 0usize);
    let mut cut = false;
    for c in text.chars() {
        // Quote marks are always kept, and break runs.
        let mark = if quote == Some(c) {
            quote = None;
            true
        } else if quote.is_none() && matches!(c, '`' | '"' | '«') {
            quote = Some(if c == '«' { '»' } else { c });
            true
        } else {
            false
        };
        if mark {
            in_quote = 0;
            in_run = 0;
        } else {
            in_quote += usize::from(quote.is_some());
            in_run = if c.is_whitespace() { 0 } else { in_run + 1 };
        }
        if in_quote > MAX_QUOTED || in_run > MAX_RUN {
            if !cut {
                out.push('…');
                cut = true;
            }
            continue;
        }
        cut = false;
        out.push(c);
    }
    out
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.code.name(),
            self.code.number(),
            if self.message_en.is_empty() {
                &self.message
            } else {
                &self.message_en
            }
        )
    }
}

impl std::error::Error for ApiError {}

impl From<IdentifierError> for ApiError {
    fn from(e: IdentifierError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "identifier", &e)
    }
}

impl From<FundingError> for ApiError {
    fn from(e: FundingError) -> Self {
        let code = match e {
            FundingError::MissingParameter { .. } => ErrorCode::MissingParameter,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::domain(code, "funding", &e)
    }
}

impl From<ParameterError> for ApiError {
    fn from(e: ParameterError) -> Self {
        ApiError::domain(ErrorCode::DataUnavailable, "parameters", &e)
    }
}

impl From<crate::map::GeometryError> for ApiError {
    fn from(e: crate::map::GeometryError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "geometries", &e)
    }
}

impl From<crate::map::MapError> for ApiError {
    fn from(e: crate::map::MapError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "map", &e)
    }
}

impl From<TableError> for ApiError {
    fn from(e: TableError) -> Self {
        ApiError::domain(ErrorCode::DataUnavailable, "communes", &e)
    }
}

/// A commune that is not there is `not_found`; an ambiguous name is the caller's to fix.
fn lookup_code(e: &LookupError) -> ErrorCode {
    match e {
        LookupError::AmbiguousName { .. } => ErrorCode::InvalidInput,
        _ => ErrorCode::NotFound,
    }
}

fn territory_code(e: &TerritoryError) -> ErrorCode {
    match e {
        TerritoryError::Unknown(lookup) => lookup_code(lookup),
        _ => ErrorCode::InvalidInput,
    }
}

impl From<LookupError> for ApiError {
    fn from(e: LookupError) -> Self {
        ApiError::domain(lookup_code(&e), "territory", &e)
    }
}

impl From<TerritoryError> for ApiError {
    fn from(e: TerritoryError) -> Self {
        ApiError::domain(territory_code(&e), "territory", &e)
    }
}

impl From<CoverageError> for ApiError {
    fn from(e: CoverageError) -> Self {
        let code = match &e {
            CoverageError::Territory { cause, .. } => territory_code(cause),
            CoverageError::UnknownArea { .. } => ErrorCode::NotFound,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::domain(code, "coverage", &e)
    }
}

impl From<crate::territory::spreadsheet::SheetErrors> for ApiError {
    fn from(e: crate::territory::spreadsheet::SheetErrors) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "spreadsheet", &e)
    }
}

impl From<RegistryError> for ApiError {
    fn from(e: RegistryError) -> Self {
        let code = match e {
            RegistryError::UnknownCpts { .. } => ErrorCode::NotFound,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::domain(code, "registry", &e)
    }
}

impl ApiError {
    /// The error of a result that could not be written as JSON (a defect: `internal`).
    pub(crate) fn not_serialisable(e: &serde_json::Error) -> Self {
        ApiError::new(
            ErrorCode::Internal,
            crate::messages::request::not_serialisable(&e.to_string()),
            Map::new(),
        )
    }
}

impl From<crate::directory::DirectoryError> for ApiError {
    fn from(e: crate::directory::DirectoryError) -> Self {
        let code = match e {
            crate::directory::DirectoryError::UnknownCpts { .. } => ErrorCode::NotFound,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::domain(code, "directory", &e)
    }
}

impl From<EntityError> for ApiError {
    fn from(e: EntityError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "entity", &e)
    }
}

impl From<LifecycleError> for ApiError {
    fn from(e: LifecycleError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "lifecycle", &e)
    }
}

impl From<MembershipError> for ApiError {
    fn from(e: MembershipError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "membership", &e)
    }
}

impl From<StatutesError> for ApiError {
    fn from(e: StatutesError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "statutes", &e)
    }
}

impl From<MissionError> for ApiError {
    fn from(e: MissionError) -> Self {
        ApiError::domain(ErrorCode::InvalidInput, "missions", &e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_in_messages_and_details() {
        let long = "é".repeat(1_000);
        // A quoted part keeps 200 characters (é is two bytes: cut on characters).
        let cut = bounded(format!("unknown field `{long}`, expected one of `a`, `b`"));
        assert_eq!(
            cut,
            format!(
                "unknown field `{}…`, expected one of `a`, `b`",
                "é".repeat(200)
            )
        );
        let cut = bounded(format!("name « {long} » is invalid"));
        // The space after « counts as quoted: 1 + 199 characters.
        assert_eq!(cut, format!("name « {}…» is invalid", "é".repeat(199)));
        // A run without spaces keeps 400; short texts are untouched.
        let run = "x".repeat(1_000);
        assert_eq!(
            bounded(format!("input.{run}: no")),
            format!("input.{}… no", &run[..394])
        );
        assert_eq!(bounded("a short message".into()), "a short message");
        // Details are cut the same way, at any depth.
        let mut details = Map::new();
        details.insert("value".into(), Value::from(long.clone()));
        details.insert(
            "list".into(),
            Value::from(vec![Value::from(format!("\"{long}\""))]),
        );
        let e = ApiError::new(ErrorCode::InvalidInput, Bilingual::new("m", "m"), details);
        assert_eq!(
            e.details["value"].as_str().map(|s| s.chars().count()),
            Some(401)
        );
        assert_eq!(
            e.details["list"][0].as_str().map(|s| s.chars().count()),
            Some(203)
        );
    }

    #[test]
    fn numbers_and_names_are_stable() {
        // The published table: changing a number breaks every C and JS caller.
        let table: Vec<(u32, &str)> = ErrorCode::ALL
            .iter()
            .map(|c| (c.number(), c.name()))
            .collect();
        assert_eq!(
            table,
            [
                (1, "invalid_argument"),
                (2, "invalid_utf8"),
                (3, "invalid_json"),
                (4, "invalid_request"),
                (5, "unsupported_version"),
                (6, "unknown_operation"),
                (7, "invalid_input"),
                (8, "missing_parameter"),
                (9, "not_found"),
                (10, "data_unavailable"),
                (11, "limit_exceeded"),
                (99, "internal"),
            ]
        );
        for c in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_number(c.number()), Some(c));
            assert_eq!(serde_json::to_value(c).ok(), Some(Value::from(c.name())));
        }
        assert_eq!(ErrorCode::from_number(0), None);
        assert_eq!(ErrorCode::from_number(12), None);
    }
}
