//! JSON Schemas (draft 2020-12) of the requests and responses, generated from the Rust types
//! with schemars. The committed copies live in `cpts-core/schemas/` (packaged with the crate);
//! `cpts-core/tests/schemas.rs` fails when they are stale and `scripts/regen-schemas`
//! rewrites them.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde::Serialize;
use serde_json::{Map, Value};

use super::{ApiError, Envelope, Operation};

/// The schemas of one operation.
#[derive(Debug, Clone)]
pub struct OperationSchema {
    /// The operation's name.
    pub name: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Schema of its `input`.
    pub input: Schema,
    /// Schema of its `result`.
    pub output: Schema,
}

/// Which side of serde a schema describes: what the engine reads (fields with a default may
/// be left out) or what it writes (every field present, `null` when empty).
#[derive(Clone, Copy)]
enum Side {
    Reads,
    Writes,
}

fn root<T: JsonSchema>(side: Side, title: String, description: &str) -> Schema {
    let settings = SchemaSettings::draft2020_12();
    let settings = match side {
        Side::Reads => settings.for_deserialize(),
        Side::Writes => settings.for_serialize(),
    };
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), Value::from(title));
    schema.insert("description".into(), Value::from(description));
    schema
}

pub(crate) fn operation_schema<O: Operation>() -> OperationSchema {
    OperationSchema {
        name: O::NAME,
        summary: O::SUMMARY,
        input: root::<O::Input>(Side::Reads, format!("cpts {} input", O::NAME), O::SUMMARY),
        output: root::<O::Output>(Side::Writes, format!("cpts {} result", O::NAME), O::SUMMARY),
    }
}

/// Every operation's schemas, in the order of [`super::OPERATIONS`].
pub fn schemas() -> Vec<OperationSchema> {
    super::operation_schemas()
}

/// The shape of every response, for the schema only.
#[derive(Serialize, JsonSchema)]
#[allow(dead_code)]
struct Response {
    /// The request format version (1).
    api_version: u32,
    /// The operation answered (`null` when the request could not be read that far).
    operation: Option<String>,
    /// `ok` or `error`.
    status: Status,
    /// With `ok`: the operation's result (see its own schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    result: Option<Map<String, Value>>,
    /// With `error`: what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<ApiError>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum Status {
    Ok,
    Error,
}

/// The schemas of the request and response envelopes, named `request` and `response`.
pub fn envelope_schemas() -> Vec<(&'static str, Schema)> {
    let mut request = root::<Envelope<'static>>(
        Side::Reads,
        "cpts request".into(),
        "A request to the cpts operation API: the operation's name, its input, api_version 1.",
    );
    if let Some(Value::Object(properties)) = request.get_mut("properties")
        && let Some(Value::Object(operation)) = properties.get_mut("operation")
    {
        operation.insert("enum".into(), Value::from(super::OPERATIONS.to_vec()));
    }
    vec![
        ("request", request),
        (
            "response",
            root::<Response>(
                Side::Writes,
                "cpts response".into(),
                "A response of the cpts operation API: status ok with the result, or status error with a stable code.",
            ),
        ),
    ]
}
