//! `directory_query`: the members' directory as one viewer may see it on a date.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{ApiError, Engine, Operation};
use crate::directory::{Directory, DirectoryAnswer, DirectoryIndex, DirectoryQuery, Viewer};
use crate::entity::Cpts;
use crate::membership::Registry;

/// `directory_query`: the entries of the members' directories that a viewer may see on a
/// date and that match a search, each with only the fields that viewer may see.
#[derive(Debug)]
pub struct DirectoryQueryOperation;

/// Input of `directory_query`.
///
/// JSON: `{"cpts": [{...}], "directory": {"directories": [...], "agreements": [...]},
/// "viewer": {"viewer": "member", "cpts": "cpts-exemple", "member": 3}, "on": "2026-03-01",
/// "query": {"text": "martin"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectoryQueryInput {
    /// The CPTS of the registry, with their members.
    pub cpts: Vec<Cpts>,
    /// The directories and their sharing agreements.
    pub directory: Directory,
    /// Who asks.
    pub viewer: Viewer,
    /// The date of the question.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
    /// The search (every criterion optional).
    #[serde(default)]
    pub query: DirectoryQuery,
}

impl Operation for DirectoryQueryOperation {
    const NAME: &'static str = "directory_query";
    const SUMMARY: &'static str = "The members' directory as one viewer may see it on a date: entries and fields by visibility.";
    type Input = DirectoryQueryInput;
    type Output = WrittenAnswer;

    fn run(_: &Engine, input: DirectoryQueryInput) -> Result<WrittenAnswer, ApiError> {
        let mut registry = Registry::default();
        for cpts in input.cpts {
            registry.insert(cpts)?;
        }
        let index = DirectoryIndex::new(&registry, &input.directory)?;
        let answer = index.query(&input.viewer, input.on, &input.query)?;
        serde_json::value::to_raw_value(&answer)
            .map(WrittenAnswer)
            .map_err(|e| ApiError::not_serialisable(&e))
    }
}

/// A [`DirectoryAnswer`] written as JSON: the answer borrows from the index, which the
/// operation drops before its response is written. Its schema is the answer's.
#[derive(Debug)]
pub struct WrittenAnswer(Box<RawValue>);

impl Serialize for WrittenAnswer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl JsonSchema for WrittenAnswer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        DirectoryAnswer::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DirectoryAnswer::json_schema(generator)
    }
}
