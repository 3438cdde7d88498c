//! The operation API: one versioned JSON request in, one JSON response out. The C library
//! and the npm package are thin wrappers around [`Engine::call`], so that every binding
//! gives the same answer, byte for byte.
//!
//! A request:
//!
//! ```json
//! {"api_version": 1, "operation": "band", "input": {"population": 95000, "on": "2026-01-01"}}
//! ```
//!
//! and its response:
//!
//! ```json
//! {"api_version":1,"operation":"band","status":"ok","result":{"taille":3,...}}
//! ```
//!
//! or, when it fails, `{"api_version":1,"operation":"band","status":"error","error":{"code":7,
//! "name":"invalid_input","message":"…","message_en":"…","details":{...}}}` (see
//! [`ErrorCode`]): `message` is French, for the person who typed the value; `message_en` is
//! English, for developers' logs. A request may add `"language": "fr"` (or `"en"`) to get
//! only `message`, in that language. `input` may be left out when an operation takes none. Unknown fields are refused everywhere,
//! so that a misspelt option is an error, not a silent default.
//!
//! Each operation is listed in [`OPERATIONS`]; the JSON Schema of its input and result is
//! generated from the Rust types ([`schemas`]) and committed under `cpts-core/schemas/`.
//!
//! ```
//! use cpts_core::api::Engine;
//! let engine = Engine::new().unwrap();
//! let response = engine.call(
//!     r#"{"api_version": 1, "operation": "validate_identifier",
//!         "input": {"kind": "rpps", "value": "10000927870"}}"#,
//! );
//! assert!(response.contains(r#""status":"ok""#));
//! assert!(response.contains(r#""valid":true"#));
//! ```

mod batch;
mod directory;
mod error;
mod funding;
mod guard;
mod map;
mod membership;
#[cfg(not(target_arch = "wasm32"))]
mod one_pass;
mod reference;
mod schema;
mod territory;

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

pub use batch::*;
pub use directory::*;
pub use error::{ApiError, ErrorCode, Language};
pub use funding::*;
pub use map::*;
pub use membership::*;
pub use reference::*;
pub use schema::{OperationSchema, envelope_schemas, schemas};
pub use territory::*;

use crate::aci::{ParameterCatalogue, PassTable};
use crate::messages::request as said;
use crate::territory::CommuneTable;

/// The version of the request and response format. A request with another version is
/// refused with [`ErrorCode::UnsupportedVersion`].
pub const API_VERSION: u32 = 1;

/// Largest request [`Engine::call`] reads by default (16 MiB: a national coverage request
/// with every commune of France is about 0.4 MB).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// What the operations compute with: the ACI parameter sets, the PASS table and, when
/// loaded, the INSEE commune table. An engine is immutable and `Sync`: share one between
/// threads.
#[derive(Debug)]
pub struct Engine {
    catalogue: ParameterCatalogue,
    pass: PassTable,
    communes: Option<Communes>,
    /// Commune contours for the map operations (native builds only: see `map`).
    #[cfg(not(target_arch = "wasm32"))]
    geometries: Option<crate::map::Geometries>,
    max_request_bytes: usize,
}

/// The commune table of an engine: read, or its text, read by the first operation that
/// needs it (reading and indexing 35 000 communes is most of a cold start in the npm
/// package, and a funding call never needs them).
#[derive(Debug)]
enum Communes {
    Table(CommuneTable),
    Text {
        text: String,
        read: std::sync::OnceLock<Result<CommuneTable, crate::territory::TableError>>,
    },
}

impl Communes {
    /// The table, read now if it was not (once: the result is kept, an error too).
    fn table(&self) -> Result<&CommuneTable, &crate::territory::TableError> {
        match self {
            Communes::Table(table) => Ok(table),
            Communes::Text { text, read } => read
                .get_or_init(|| CommuneTable::from_text(text.clone()))
                .as_ref(),
        }
    }
}

impl Engine {
    /// The embedded parameter sets and PASS table, and the embedded commune table when the
    /// crate is built with the `embedded-communes` feature.
    pub fn new() -> Result<Self, ApiError> {
        let engine = Engine::without_communes()?;
        #[cfg(feature = "embedded-communes")]
        let engine = engine.with_communes(CommuneTable::embedded()?);
        Ok(engine)
    }

    /// The embedded parameter sets and PASS table, without commune table: the territory
    /// operations answer [`ErrorCode::DataUnavailable`] until one is given.
    pub fn without_communes() -> Result<Self, ApiError> {
        Ok(Engine {
            catalogue: ParameterCatalogue::embedded()?,
            pass: PassTable::embedded()?,
            communes: None,
            #[cfg(not(target_arch = "wasm32"))]
            geometries: None,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
        })
    }

    /// An engine over the given data.
    pub fn from_parts(
        catalogue: ParameterCatalogue,
        pass: PassTable,
        communes: Option<CommuneTable>,
    ) -> Self {
        Engine {
            catalogue,
            pass,
            communes: communes.map(Communes::Table),
            #[cfg(not(target_arch = "wasm32"))]
            geometries: None,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
        }
    }

    /// The same engine with this commune table.
    pub fn with_communes(mut self, table: CommuneTable) -> Self {
        self.communes = Some(Communes::Table(table));
        self
    }

    /// Gives this engine a commune table (replacing the one it had), for bindings that load
    /// the table after building the engine (the npm package fetches it at run time).
    pub fn set_communes(&mut self, table: CommuneTable) {
        self.communes = Some(Communes::Table(table));
    }

    /// Gives this engine the text of a commune table (`communes.txt`), read by the first
    /// operation that needs it (an error in the text is then that operation's
    /// [`ErrorCode::DataUnavailable`], and every later one's). The npm package gives its
    /// table so, so that a funding call never waits for 35 000 communes to be indexed.
    pub fn set_communes_text(&mut self, text: String) {
        self.communes = Some(Communes::Text {
            text,
            read: std::sync::OnceLock::new(),
        });
    }

    /// True when a commune table, or its text, was given.
    pub fn has_communes(&self) -> bool {
        self.communes.is_some()
    }

    /// Adds a parameter set to this engine: the file an ARS writes for a new text (an
    /// avenant), in TOML or JSON (see [`ParameterSet::from_text`](crate::aci::ParameterSet::from_text)).
    /// `file` names it in errors.
    ///
    /// Precedence is by date: the set applies from its `valid_from`; when the last set is
    /// open-ended and starts earlier, it is closed the day before (see
    /// [`ParameterCatalogue::with_set`]); any other overlap, a gap or an id already used is
    /// refused. Every operation then uses the set in force on its dates: its missions, its
    /// bands, its amounts. On error ([`ErrorCode::InvalidInput`], the file, the field and the
    /// rule in the details) the engine is unchanged.
    ///
    /// ```
    /// use cpts_core::api::Engine;
    /// let mut engine = Engine::without_communes().unwrap();
    /// let error = engine.add_parameter_set("avenant.toml", "id = 3").unwrap_err();
    /// assert_eq!(error.code.name(), "invalid_input");
    /// assert_eq!(engine.catalogue().sets().len(), 2);
    /// ```
    pub fn add_parameter_set(
        &mut self,
        file: &str,
        text: &str,
    ) -> Result<&crate::aci::ParameterSet, ApiError> {
        let invalid = |e: crate::aci::ParameterError| {
            ApiError::domain(ErrorCode::InvalidInput, "parameters", &e)
        };
        let set = crate::aci::ParameterSet::from_text(file, text).map_err(invalid)?;
        let id = set.id().to_owned();
        self.catalogue = self.catalogue.with_set(set).map_err(invalid)?;
        self.catalogue
            .get(&id)
            .ok_or_else(|| ApiError::internal(None, "the set just added is not in the catalogue"))
    }

    /// [`Engine::add_parameter_set`] for a file given as bytes: [`ErrorCode::InvalidUtf8`]
    /// when they are not UTF-8 (the engine is then unchanged).
    pub fn add_parameter_set_bytes(
        &mut self,
        file: &str,
        bytes: &[u8],
    ) -> Result<&crate::aci::ParameterSet, ApiError> {
        self.add_parameter_set(file, utf8(bytes)?)
    }

    /// Gives this engine the commune contours the map operations draw (replacing those it
    /// had). Native builds only (the npm package does not draw maps yet).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn set_geometries(&mut self, geometries: crate::map::Geometries) {
        self.geometries = Some(geometries);
    }

    /// Reads commune contours and gives them to this engine: cpts's geometry file (what
    /// `scripts/fetch-geometries` writes) or, when the text starts with `{`, a GeoJSON of
    /// communes ([`crate::map::Geometries::from_geojson`]). Answers how many units have a
    /// contour; on error ([`ErrorCode::InvalidInput`], the line or feature and the rule) the
    /// engine is unchanged.
    ///
    /// ```
    /// use cpts_core::api::Engine;
    /// let mut engine = Engine::new().unwrap();
    /// assert_eq!(engine.load_geometries("#cpts-geometries=1\nG|78551|d|0,0,9,0,0,9\n").unwrap(), 1);
    /// assert_eq!(engine.load_geometries("G|78551").unwrap_err().code.name(), "invalid_input");
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_geometries(&mut self, text: &str) -> Result<usize, ApiError> {
        let geometries = if text.trim_start().starts_with('{') {
            crate::map::Geometries::from_geojson(text)?
        } else {
            crate::map::Geometries::from_text(text)?
        };
        let n = geometries.len();
        self.geometries = Some(geometries);
        Ok(n)
    }

    /// [`Engine::load_geometries`] for a text given as bytes: [`ErrorCode::InvalidUtf8`] when
    /// they are not UTF-8 (the engine is then unchanged).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_geometries_bytes(&mut self, bytes: &[u8]) -> Result<usize, ApiError> {
        self.load_geometries(utf8(bytes)?)
    }

    /// The commune contours, or [`ErrorCode::DataUnavailable`] when none were loaded.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn geometries(&self) -> Result<&crate::map::Geometries, ApiError> {
        self.geometries.as_ref().ok_or_else(|| {
            ApiError::with(
                ErrorCode::DataUnavailable,
                said::NO_GEOMETRIES,
                "data",
                Value::from("geometries"),
            )
        })
    }

    /// The same engine with another request size limit, in bytes.
    pub fn with_max_request_bytes(mut self, bytes: usize) -> Self {
        self.max_request_bytes = bytes;
        self
    }

    /// The ACI parameter sets.
    pub fn catalogue(&self) -> &ParameterCatalogue {
        &self.catalogue
    }

    /// The PASS table.
    pub fn pass(&self) -> &PassTable {
        &self.pass
    }

    /// The commune table, when one was given and reads (a text given with
    /// [`Engine::set_communes_text`] is read now if it was not).
    pub fn communes(&self) -> Option<&CommuneTable> {
        self.communes.as_ref().and_then(|c| c.table().ok())
    }

    /// The commune table, or [`ErrorCode::DataUnavailable`] (none given, or a text that does
    /// not read: the table's error).
    pub(crate) fn table(&self) -> Result<&CommuneTable, ApiError> {
        let communes = self.communes.as_ref().ok_or_else(|| {
            ApiError::with(
                ErrorCode::DataUnavailable,
                said::NO_COMMUNE_TABLE,
                "data",
                Value::from("communes"),
            )
        })?;
        communes.table().map_err(|e| ApiError::from(e.clone()))
    }

    /// Answers one request. Never fails and never panics on any input: a failure is a
    /// response with `"status": "error"`.
    pub fn call(&self, request: &str) -> String {
        self.respond(request).text
    }

    /// Answers a request given as bytes: [`ErrorCode::InvalidUtf8`] when they are not UTF-8.
    pub fn call_bytes(&self, request: &[u8]) -> String {
        self.respond_bytes(request).text
    }

    /// Like [`Engine::call`], with the error code of a failed call (for bindings that
    /// return it as a status without reading the JSON back).
    ///
    /// A panic inside the call (a bug) is caught and answered as [`ErrorCode::Internal`] with
    /// the operation's name and the panic's message in the details; nothing is printed (see
    /// the `guard` module: the first call installs a panic hook that is silent inside calls
    /// and delegates every other panic to the hook installed before it).
    pub fn respond(&self, request: &str) -> Response {
        Self::guarded(|asked| self.answer(request, asked))
    }

    /// Runs `answer` (which notes the operation and the language as soon as they are known)
    /// behind the panic guard, and makes its response.
    fn guarded(answer: impl FnOnce(&mut Asked) -> Result<String, ApiError>) -> Response {
        let mut asked = Asked::default();
        let outcome = guard::catching(|| answer(&mut asked));
        let error = match outcome {
            Ok(Ok(text)) => return Response { text, error: None },
            Ok(Err(error)) => error,
            Err(panic) => ApiError::internal(asked.operation.as_deref(), &panic),
        };
        let error = error.in_language(asked.language);
        Response {
            text: error_response(asked.operation.as_deref(), &error),
            error: Some(error.code),
        }
    }

    /// Like [`Engine::call_bytes`], with the error code of a failed call.
    pub fn respond_bytes(&self, request: &[u8]) -> Response {
        match utf8(request) {
            Ok(text) => self.respond(text),
            Err(error) => Response {
                text: error_response(None, &error),
                error: Some(error.code),
            },
        }
    }

    fn answer(&self, request: &str, asked: &mut Asked) -> Result<String, ApiError> {
        if request.len() > self.max_request_bytes {
            let mut details = Map::new();
            details.insert("bytes".into(), Value::from(request.len()));
            details.insert("max_bytes".into(), Value::from(self.max_request_bytes));
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                said::too_large(request.len(), self.max_request_bytes),
                details,
            ));
        }
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(answer) = one_pass::answer(self, request, asked) {
            return answer;
        }
        self.answer_usual(request, asked)
    }

    /// [`Engine::answer`] reading the envelope, then the input, each with the path of its
    /// fields: what the wasm always does, and what native builds do when a request is not
    /// read in one pass.
    fn answer_usual(&self, request: &str, asked: &mut Asked) -> Result<String, ApiError> {
        if !starts_object(request) {
            // serde would read a struct from a JSON array, by position: refused.
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                said::NOT_AN_OBJECT,
                Map::new(),
            ));
        }
        let envelope: Envelope<'_> = parse(request, "", ErrorCode::InvalidRequest)?;
        asked.operation = Some(envelope.operation.clone().into_owned());
        asked.language = envelope.language;
        if envelope.api_version != API_VERSION {
            let mut details = Map::new();
            details.insert("given".into(), Value::from(envelope.api_version));
            details.insert("supported".into(), Value::from(vec![API_VERSION]));
            return Err(ApiError::new(
                ErrorCode::UnsupportedVersion,
                said::unsupported_version(envelope.api_version, API_VERSION),
                details,
            ));
        }
        let input = envelope.input.map_or("{}", RawValue::get);
        if !starts_object(input) {
            let message = if input.trim() == "null" {
                said::INPUT_NULL
            } else {
                said::INPUT_NOT_OBJECT
            };
            return Err(ApiError::with(
                ErrorCode::InvalidInput,
                message,
                "path",
                Value::from("input"),
            ));
        }
        dispatch(self, &envelope.operation, input, envelope.language)
    }
}

/// The text of bytes, or [`ErrorCode::InvalidUtf8`] with where they stop being UTF-8.
fn utf8(bytes: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(bytes).map_err(|e| {
        ApiError::with(
            ErrorCode::InvalidUtf8,
            said::not_utf8(e.valid_up_to()),
            "byte_offset",
            Value::from(e.valid_up_to()),
        )
    })
}

/// True when the first character that is not JSON whitespace opens an object (a syntax
/// error after it is reported by the parser).
fn starts_object(text: &str) -> bool {
    match text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .as_bytes()
        .first()
    {
        Some(b'{') | None => true,
        Some(_) => false,
    }
}

/// What a request asked for, as soon as it is read: its operation and the language of its
/// messages.
#[derive(Default)]
struct Asked {
    operation: Option<String>,
    language: Option<Language>,
}

/// A response: its JSON text and, when the call failed, the error code it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The JSON response.
    pub text: String,
    /// `None` when `status` is `ok`.
    pub error: Option<ErrorCode>,
}

/// The request envelope.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Envelope<'a> {
    /// Must be 1.
    api_version: u32,
    /// The operation's name (see `OPERATIONS`).
    #[serde(borrow)]
    operation: Cow<'a, str>,
    /// The operation's input (left out: `{}`; `null` is refused, as any value that is not
    /// an object).
    #[serde(borrow, default, deserialize_with = "present")]
    #[schemars(with = "Option<Map<String, Value>>")]
    input: Option<&'a RawValue>,
    /// The language of error messages: `"fr"` or `"en"`. Left out, an error has both
    /// (`message` in French, `message_en` in English).
    #[serde(default)]
    language: Option<Language>,
}

/// A field that is there, as its raw JSON text: `null` is kept as the text `null` (serde
/// would read it as an absent `Option`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

/// A successful response.
#[derive(Serialize)]
struct Success<'a, T> {
    api_version: u32,
    operation: &'a str,
    status: &'static str,
    result: &'a T,
}

/// A failed response.
#[derive(Serialize)]
struct Failure<'a> {
    api_version: u32,
    operation: Option<&'a str>,
    status: &'static str,
    error: &'a ApiError,
}

/// The JSON response of a failed call (for bindings that fail before reaching the engine,
/// on a NULL argument for instance).
pub fn error_response(operation: Option<&str>, error: &ApiError) -> String {
    let failure = Failure {
        api_version: API_VERSION,
        operation,
        status: "error",
        error,
    };
    serde_json::to_string(&failure).unwrap_or_else(|_| {
        // Unreachable: an ApiError is strings, numbers and JSON values.
        r#"{"api_version":1,"operation":null,"status":"error","error":{"code":99,"name":"internal","message":"l'erreur n'a pas pu être écrite en JSON (une anomalie de la bibliothèque)","message_en":"the error could not be serialised","details":{}}}"#.to_owned()
    })
}

/// Reads `text` as a `T`; a JSON syntax error is [`ErrorCode::InvalidJson`], a value that
/// does not fit `T` is `data_code`, with the path of the field under `prefix`.
fn parse<'a, T: Deserialize<'a>>(
    text: &'a str,
    prefix: &str,
    data_code: ErrorCode,
) -> Result<T, ApiError> {
    crate::json::read(text).map_err(|e| json_error(&e.error, prefix, &e.path, data_code))
}

fn json_error(
    error: &serde_json::Error,
    prefix: &str,
    path: &str,
    data_code: ErrorCode,
) -> ApiError {
    let code = match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            ErrorCode::InvalidJson
        }
        serde_json::error::Category::Data => data_code,
        serde_json::error::Category::Io => ErrorCode::Internal,
    };
    // A path holds the caller's keys: an unknown key of any length is quoted at most
    // 200 characters long.
    let path = crate::identifiers::shown_value(path);
    let path = match (prefix, &*path) {
        (p, ".") => p.to_owned(),
        ("", q) => q.to_owned(),
        (p, q) => format!("{p}.{q}"),
    };
    let mut details = Map::new();
    if code != ErrorCode::InvalidJson && !path.is_empty() {
        details.insert("path".into(), Value::from(path.clone()));
    }
    details.insert("line".into(), Value::from(error.line()));
    details.insert("column".into(), Value::from(error.column()));
    let (reason, refusal_details) = said::read_reason(error);
    details.insert("reason".into(), Value::from(reason.en()));
    // A rule of the domain broken while reading (a wrong key, a date that does not
    // exist): its details too.
    for (key, value) in refusal_details {
        details.entry(key).or_insert(value);
    }
    let message = match code {
        ErrorCode::InvalidJson => said::not_json(error.line(), error.column(), &reason),
        _ => said::at_path(&path, &reason),
    };
    ApiError::new(code, message, details)
}

/// One operation of the API.
pub trait Operation {
    /// Its name in requests.
    const NAME: &'static str;
    /// What it does, for the documentation and the schema titles.
    const SUMMARY: &'static str;
    /// What it reads.
    type Input: DeserializeOwned + JsonSchema;
    /// What it answers.
    type Output: Serialize + JsonSchema;
    /// Computes the answer.
    fn run(engine: &Engine, input: Self::Input) -> Result<Self::Output, ApiError>;
    /// Keeps one language in the errors an answer holds (a batch's items), when the request
    /// asked for one.
    fn in_language(_output: &mut Self::Output, _language: Option<Language>) {}
}

fn run<O: Operation>(
    engine: &Engine,
    input: &str,
    language: Option<Language>,
) -> Result<String, ApiError> {
    let input: O::Input = parse(input, "input", ErrorCode::InvalidInput)?;
    finish::<O>(engine, input, language)
}

/// Runs an operation on its input, read, and writes its response.
fn finish<O: Operation>(
    engine: &Engine,
    input: O::Input,
    language: Option<Language>,
) -> Result<String, ApiError> {
    write::<O>(O::run(engine, input)?, language)
}

/// Writes the response of an operation's output.
fn write<O: Operation>(
    mut output: O::Output,
    language: Option<Language>,
) -> Result<String, ApiError> {
    O::in_language(&mut output, language);
    serde_json::to_string(&Success {
        api_version: API_VERSION,
        operation: O::NAME,
        status: "ok",
        result: &output,
    })
    .map_err(|e| ApiError::not_serialisable(&e))
}

/// Declares the operations once: dispatch, names and schemas follow from the list. The
/// operations after `native:` are listed everywhere (every binding answers `versions` alike)
/// and built natively only: the wasm answers them [`ErrorCode::DataUnavailable`] without
/// reading their input (see [`map`](self::map)'s note on the npm package's size).
macro_rules! operations {
    ($($op:ty),* $(,)? ; native: $($native:ty),* $(,)?) => {
        /// The names of every operation, in the order of the documentation.
        pub const OPERATIONS: &[&str] = &[$(<$op as Operation>::NAME,)* $(<$native as Named>::NAME),*];

        fn dispatch(
            engine: &Engine,
            operation: &str,
            input: &str,
            language: Option<Language>,
        ) -> Result<String, ApiError> {
            $(if operation == <$op as Operation>::NAME {
                return run::<$op>(engine, input, language);
            })*
            $(if operation == <$native as Named>::NAME {
                #[cfg(not(target_arch = "wasm32"))]
                return run::<$native>(engine, input, language);
                #[cfg(target_arch = "wasm32")]
                return Err(map::not_in_the_wasm());
            })*
            Err(ApiError::with(
                ErrorCode::UnknownOperation,
                said::unknown_operation(operation),
                "known",
                Value::from(OPERATIONS.to_vec()),
            ))
        }

        /// Reads the input of `operation` from `d` and answers it; `None` when no
        /// operation has that name.
        #[cfg(not(target_arch = "wasm32"))]
        fn dispatch_read<'de, D: serde::Deserializer<'de>>(
            engine: &Engine,
            operation: &str,
            d: D,
            language: Option<Language>,
        ) -> Result<Option<Result<String, ApiError>>, D::Error> {
            $(if operation == <$op as Operation>::NAME {
                let input = <<$op as Operation>::Input as Deserialize>::deserialize(d)?;
                return Ok(Some(finish::<$op>(engine, input, language)));
            })*
            $(if operation == <$native as Named>::NAME {
                let input = <<$native as Operation>::Input as Deserialize>::deserialize(d)?;
                return Ok(Some(finish::<$native>(engine, input, language)));
            })*
            Ok(None)
        }

        /// Reads `input` as the input of `operation` with the library's path tracking and
        /// with serde_path_to_error's (the test of `crate::json`'s path); `None` when no
        /// operation has that name.
        #[cfg(test)]
        pub(crate) fn read_both_ways(operation: &str, input: &str) -> Option<[String; 2]> {
            $(if operation == <$op as Operation>::NAME {
                return Some(crate::json::both_ways::<<$op as Operation>::Input>(input));
            })*
            $(if operation == <$native as Named>::NAME {
                return Some(crate::json::both_ways::<<$native as Operation>::Input>(input));
            })*
            None
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn operation_schemas() -> Vec<OperationSchema> {
            vec![$(schema::operation_schema::<$op>(),)* $(schema::operation_schema::<$native>()),*]
        }

        #[cfg(target_arch = "wasm32")]
        fn operation_schemas() -> Vec<OperationSchema> {
            vec![$(schema::operation_schema::<$op>()),*]
        }
    };
}

/// The name of an operation built natively only (see `operations!`).
pub(crate) trait Named {
    /// Its name in requests.
    const NAME: &'static str;
}

operations!(
    Versions,
    Labels,
    ValidateIdentifier,
    Band,
    LookupCommune,
    AnalyseTerritory,
    Coverage,
    WhatIf,
    ReadCptsSheet,
    CheckApplication,
    RegistryQuery,
    DirectoryQueryOperation,
    CptsStatus,
    LateMissions,
    ValidateContract,
    EvaluateYear,
    PaymentSchedule,
    FundingBatch,
    Explain,
    RenderExplanation,
    IndemnityCap;
    native:
    CoverageMap,
    TerritoryMapOperation,
);

#[cfg(test)]
mod tests {
    use super::*;

    fn panicking_call() -> Response {
        Engine::guarded(|asked| {
            asked.operation = Some("payment_schedule".to_owned());
            let amounts = [rust_decimal::Decimal::MAX, rust_decimal::Decimal::MAX];
            // The overflow of the lettre d'intention total, as it was.
            let total: rust_decimal::Decimal = amounts.iter().sum();
            Ok(total.to_string())
        })
    }

    /// Reading in one pass answers exactly as the usual reading, for every request of the
    /// corpus and for the same requests with their fields reordered, repeated or changed in
    /// the ways one pass leaves to the usual reading.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn one_pass_answers_as_the_usual_reading() {
        let engine = Engine::new().unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/cases");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.to_string_lossy().ends_with(".request.json") {
                continue;
            }
            // The case of bytes that are not UTF-8 is not a text.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let mut variants = vec![text.clone()];
            if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(&text) {
                let with = |pairs: Vec<(&str, Value)>| {
                    let body: Vec<String> = pairs
                        .iter()
                        .map(|(k, v)| format!("{}:{v}", Value::from(*k)))
                        .collect();
                    format!("{{{}}}", body.join(","))
                };
                let get = |k: &str| fields.get(k).cloned().unwrap_or(Value::Null);
                let input = get("input");
                variants.push(with(vec![
                    ("input", input.clone()),
                    ("operation", get("operation")),
                    ("api_version", get("api_version")),
                ]));
                variants.push(with(vec![
                    ("api_version", get("api_version")),
                    ("operation", get("operation")),
                    ("input", input.clone()),
                    ("language", Value::from("en")),
                ]));
                variants.push(with(vec![
                    ("api_version", get("api_version")),
                    ("operation", get("operation")),
                    ("input", input.clone()),
                    ("operation", get("operation")),
                ]));
                variants.push(with(vec![
                    ("api_version", Value::from(2)),
                    ("operation", get("operation")),
                    ("input", input.clone()),
                ]));
                for odd in [Value::Null, serde_json::json!([1]), serde_json::json!({})] {
                    variants.push(with(vec![
                        ("api_version", get("api_version")),
                        ("operation", get("operation")),
                        ("input", odd),
                    ]));
                }
            }
            for request in variants {
                let one_pass = Engine::guarded(|asked| engine.answer(&request, asked));
                let usual = Engine::guarded(|asked| engine.answer_usual(&request, asked));
                assert_eq!(one_pass, usual, "{}: {request:.300}", path.display());
                compared += 1;
            }
        }
        assert!(compared > 500, "{compared}");
    }

    #[test]
    fn a_panic_inside_a_call_is_answered_as_internal_with_the_operation() {
        let response = panicking_call();
        assert_eq!(response.error, Some(ErrorCode::Internal));
        let json: Value = serde_json::from_str(&response.text).unwrap();
        assert_eq!(json["operation"], "payment_schedule");
        assert_eq!(json["status"], "error");
        assert_eq!(json["error"]["code"], 99);
        assert_eq!(json["error"]["details"]["operation"], "payment_schedule");
        let panic = json["error"]["details"]["panic"].as_str().unwrap();
        assert!(panic.starts_with("Addition overflowed at "), "{panic}");
    }

    /// The child half of the next test: a guarded panic in a process of its own.
    #[test]
    fn guarded_panic_child() {
        if std::env::var_os("CPTS_GUARD_CHILD").is_some() {
            assert_eq!(panicking_call().error, Some(ErrorCode::Internal));
            // A panic outside a call still goes to the hook that was there before.
            let outside = std::panic::catch_unwind(|| panic!("outside a call"));
            assert!(outside.is_err());
        }
    }

    #[test]
    fn a_caught_panic_prints_nothing_and_other_panics_print_as_before() {
        let exe = std::env::current_exe().unwrap();
        let out = std::process::Command::new(exe)
            .args([
                "--exact",
                "api::tests::guarded_panic_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CPTS_GUARD_CHILD", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("Addition overflowed"), "{stderr}");
        assert!(stderr.contains("outside a call"), "{stderr}");
    }
}
