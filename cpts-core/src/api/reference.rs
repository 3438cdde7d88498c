//! Operations on reference data: versions, identifiers, population bands.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{API_VERSION, ApiError, Engine, ErrorCode, OPERATIONS, Operation};
use crate::aci::{BandRange, ParameterSet, Taille};
use crate::identifiers::{self, IdentifierError, IdentifierKind, KeyStatus};
use crate::source::Source;
use crate::territory::Provenance;

/// `versions`: the library, API, parameter and data versions.
#[derive(Debug)]
pub struct Versions;

/// Input of `versions`: nothing (`{}`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionsInput {}

/// One ACI parameter set the engine knows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ParameterSetVersion {
    /// Its id (`aci_2019`, `aci_2019_avenant_2`).
    pub id: String,
    /// The text.
    pub title: String,
    /// First day it applies.
    pub valid_from: NaiveDate,
    /// Last day it applies (`null`: still in force).
    pub valid_until: Option<NaiveDate>,
    /// Where it comes from.
    pub source: Source,
    /// Its dated notes: a text pending (the avenant the LFSS for 2026 requires), oldest
    /// first.
    pub notes: Vec<ParameterSetNote>,
}

/// A dated note of a parameter set.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ParameterSetNote {
    /// The date it is about.
    pub date: NaiveDate,
    /// The note, in French.
    pub note_fr: String,
    /// The note, in English.
    pub note: String,
    /// Its source.
    pub source: Source,
}

/// Result of `versions`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct VersionsOutput {
    /// The crate version (semver).
    pub library: String,
    /// The request format version.
    pub api_version: u32,
    /// The operations, by name.
    pub operations: Vec<String>,
    /// The ACI parameter sets, in date order.
    pub parameter_sets: Vec<ParameterSetVersion>,
    /// Years of the PASS table.
    pub pass_years: Vec<i32>,
    /// The commune table's provenance (`null`: none loaded).
    pub communes: Option<Provenance>,
}

impl Operation for Versions {
    const NAME: &'static str = "versions";
    const SUMMARY: &'static str = "The library, API, ACI parameter and data versions.";
    type Input = VersionsInput;
    type Output = VersionsOutput;

    fn run(engine: &Engine, _: VersionsInput) -> Result<VersionsOutput, ApiError> {
        Ok(VersionsOutput {
            library: env!("CARGO_PKG_VERSION").to_owned(),
            api_version: API_VERSION,
            operations: OPERATIONS.iter().map(|s| (*s).to_owned()).collect(),
            parameter_sets: engine
                .catalogue()
                .sets()
                .iter()
                .map(|s| ParameterSetVersion {
                    id: s.id().to_owned(),
                    title: s.title().to_owned(),
                    valid_from: s.valid_from(),
                    valid_until: s.valid_until(),
                    source: s.source(),
                    notes: s
                        .notes()
                        .map(|(n, source)| ParameterSetNote {
                            date: n.date,
                            note_fr: n.note_fr.clone(),
                            note: n.note.clone(),
                            source,
                        })
                        .collect(),
                })
                .collect(),
            pass_years: engine.pass().years().collect(),
            communes: engine.communes().map(|t| t.provenance().clone()),
        })
    }
}

/// `validate_identifier`: checks an RPPS, ADELI, FINESS, SIREN, SIRET, RNA, INSEE commune
/// code or postcode.
#[derive(Debug)]
pub struct ValidateIdentifier;

/// Input of `validate_identifier`.
///
/// JSON: `{"kind": "rpps", "value": "100 0092 7870", "accept_wrong_key": false}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateIdentifierInput {
    /// Which identifier.
    pub kind: IdentifierKind,
    /// The text, as typed (spaces and dots are tolerated).
    pub value: String,
    /// Accept a well-formed value whose check key is wrong, with a warning (some official
    /// samples carry wrong keys). Default: false.
    #[serde(default)]
    pub accept_wrong_key: bool,
}

/// Result of `validate_identifier`. An invalid value is an answer (`valid: false` and the
/// error), not a failed call.
///
/// JSON: `{"valid": true, "kind": "rpps", "canonical": "10000927870", "key_status": "valid",
/// "warning": null, "error": null, "message": null, "message_en": null}`; when the value is
/// refused (or accepted with a wrong key), `message` says why in French and `message_en` in
/// English.
///
/// Its JSON Schema is a union on `valid`: when true, `canonical` and `key_status` are set and
/// `error` is null; when false, `error` is set and `canonical`, `key_status` and `warning`
/// are null (TypeScript narrows on `valid`).
#[derive(Debug, Serialize)]
pub struct ValidateIdentifierOutput {
    /// True when the value is accepted.
    pub valid: bool,
    /// Which identifier.
    pub kind: IdentifierKind,
    /// The canonical form, when valid.
    pub canonical: Option<String>,
    /// What is known of the check key, when valid.
    pub key_status: Option<KeyStatus>,
    /// The wrong key accepted with `accept_wrong_key`.
    pub warning: Option<IdentifierError>,
    /// Why the value is refused.
    pub error: Option<IdentifierError>,
    /// The error (or the warning), in French, for the person who typed the value.
    pub message: Option<String>,
    /// The same, in English, for developers' logs.
    pub message_en: Option<String>,
}

impl JsonSchema for ValidateIdentifierOutput {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ValidateIdentifierOutput".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kind = generator.subschema_for::<IdentifierKind>();
        let key_status = generator.subschema_for::<KeyStatus>();
        let error = generator.subschema_for::<IdentifierError>();
        let text = generator.subschema_for::<String>();
        let nothing = schemars::json_schema!({"type": "null"});
        let fields = [
            "valid",
            "kind",
            "canonical",
            "key_status",
            "warning",
            "error",
            "message",
            "message_en",
        ];
        schemars::json_schema!({
            "description": "Result of `validate_identifier`: `valid: true` with the canonical form and \
                what is known of the key (and the warning of a wrong key accepted), or `valid: false` \
                with the error; `message` says why in French, `message_en` in English.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "valid": {"const": true},
                        "kind": kind,
                        "canonical": text,
                        "key_status": key_status,
                        "warning": {"anyOf": [error, nothing]},
                        "error": nothing,
                        "message": {"type": ["string", "null"]},
                        "message_en": {"type": ["string", "null"]}
                    },
                    "required": fields,
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "valid": {"const": false},
                        "kind": kind,
                        "canonical": nothing,
                        "key_status": nothing,
                        "warning": nothing,
                        "error": error,
                        "message": {"type": "string"},
                        "message_en": {"type": "string"}
                    },
                    "required": fields,
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl Operation for ValidateIdentifier {
    const NAME: &'static str = "validate_identifier";
    const SUMMARY: &'static str =
        "Checks an RPPS, ADELI, FINESS, SIREN, SIRET, RNA, INSEE commune code or postcode.";
    type Input = ValidateIdentifierInput;
    type Output = ValidateIdentifierOutput;

    fn run(
        _: &Engine,
        input: ValidateIdentifierInput,
    ) -> Result<ValidateIdentifierOutput, ApiError> {
        use crate::messages::Message;
        let checked = identifiers::validate(input.kind, &input.value, input.accept_wrong_key);
        let said = |e: Option<&IdentifierError>| e.map(|e| (e.message_fr(), e.to_string())).unzip();
        Ok(match checked {
            Ok(valid) => {
                let (message, message_en) = said(valid.warning.as_ref());
                ValidateIdentifierOutput {
                    valid: true,
                    kind: input.kind,
                    canonical: Some(valid.canonical),
                    key_status: Some(valid.key_status),
                    warning: valid.warning,
                    error: None,
                    message,
                    message_en,
                }
            }
            Err(error) => {
                let (message, message_en) = said(Some(&error));
                ValidateIdentifierOutput {
                    valid: false,
                    kind: input.kind,
                    canonical: None,
                    key_status: None,
                    warning: None,
                    error: Some(error),
                    message,
                    message_en,
                }
            }
        })
    }
}

/// The parameter set an input names (`parameter_set`) or the one in force on its date
/// (`on`): exactly one of the two.
pub(crate) fn choose_set<'e>(
    engine: &'e Engine,
    parameter_set: Option<&str>,
    on: Option<NaiveDate>,
) -> Result<&'e ParameterSet, ApiError> {
    match (parameter_set, on) {
        (Some(id), None) => named_set(engine, id),
        (None, Some(date)) => Ok(engine.catalogue().in_force_on(date)?),
        (given, _) => Err(ApiError::with(
            ErrorCode::InvalidInput,
            crate::messages::request::set_or_date(given.is_some()),
            "fields",
            Value::from(vec!["input.parameter_set", "input.on"]),
        )),
    }
}

/// The parameter set with this id, or [`ErrorCode::NotFound`].
pub(crate) fn named_set<'e>(engine: &'e Engine, id: &str) -> Result<&'e ParameterSet, ApiError> {
    engine.catalogue().get(id).ok_or_else(|| {
        let mut details = serde_json::Map::new();
        details.insert("field".into(), Value::from("input.parameter_set"));
        details.insert("value".into(), Value::from(id));
        details.insert(
            "known".into(),
            Value::from(
                engine
                    .catalogue()
                    .sets()
                    .iter()
                    .map(|s| s.id().to_owned())
                    .collect::<Vec<_>>(),
            ),
        );
        ApiError::new(
            ErrorCode::NotFound,
            crate::messages::request::unknown_parameter_set(id),
            details,
        )
    })
}

/// `band`: the ACI population band (taille) of a population.
#[derive(Debug)]
pub struct Band;

/// Input of `band`: a population and the parameter set, named or by date.
///
/// JSON: `{"population": 95000, "on": "2026-01-01"}` or
/// `{"population": 95000, "parameter_set": "aci_2019_avenant_2"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandInput {
    /// The population (population municipale of the territory).
    pub population: u64,
    /// The set in force on this date.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub on: Option<NaiveDate>,
    /// Or this set.
    #[serde(default)]
    pub parameter_set: Option<String>,
}

/// Result of `band`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct BandOutput {
    /// The population given.
    pub population: u64,
    /// The band.
    pub taille: Taille,
    /// Its range and source.
    pub band: BandRange,
    /// The parameter set used.
    pub parameter_set: String,
}

impl Operation for Band {
    const NAME: &'static str = "band";
    const SUMMARY: &'static str = "The ACI population band (taille 1 to 4) of a population.";
    type Input = BandInput;
    type Output = BandOutput;

    fn run(engine: &Engine, input: BandInput) -> Result<BandOutput, ApiError> {
        let set = choose_set(engine, input.parameter_set.as_deref(), input.on)?;
        let band = set.band(input.population)?;
        Ok(BandOutput {
            population: input.population,
            taille: band.taille,
            band: band.clone(),
            parameter_set: set.id().to_owned(),
        })
    }
}

/// `labels`: the French label of every value a result names by its id (`acces_aux_soins`,
/// `fixed_advance`, `contrat_signe`, …), so that a page or a report never shows an id.
#[derive(Debug)]
pub struct Labels;

/// Input of `labels`: nothing (`{}`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelsInput {}

/// A value and its French label.
///
/// JSON: `{"id": "acces_aux_soins", "label": "accès aux soins (médecin traitant, soins non
/// programmés)"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Label {
    /// The value, as JSON writes it.
    pub id: String,
    /// Its French label.
    pub label: String,
}

/// Result of `labels`: each list in the order of the rules (missions in the order of
/// L1434-12-2, stages in the order of the lifecycle).
#[derive(Debug, Serialize, JsonSchema)]
pub struct LabelsOutput {
    /// Every mission the engine's parameter sets define (the six of L1434-12-2, then any a later set adds), with the label of the latest set that defines it.
    pub missions: Vec<Label>,
    /// The kinds of payment of a schedule.
    pub payment_kinds: Vec<Label>,
    /// The stages of a CPTS (lettre d'intention, projet de santé, contrat).
    pub stages: Vec<Label>,
    /// The events of a lifecycle.
    pub events: Vec<Label>,
    /// The categories of members (personnes physiques, then structures).
    pub member_categories: Vec<Label>,
    /// The identifiers (RPPS, FINESS, code commune INSEE, …).
    pub identifier_kinds: Vec<Label>,
    /// The error codes, by name.
    pub error_codes: Vec<Label>,
}

/// Each value by its JSON name, with its label.
fn labels_of<T: Serialize + Copy>(values: &[T], label: impl Fn(T) -> &'static str) -> Vec<Label> {
    values
        .iter()
        .map(|v| Label {
            id: crate::names::json_name(v),
            label: label(*v).to_owned(),
        })
        .collect()
}

/// Every mission the engine's parameter sets define, by id, with the label of the latest set
/// that defines it: the missions of the oldest set first, in its order, then those later sets
/// add.
fn mission_labels(catalogue: &crate::aci::ParameterCatalogue) -> Vec<Label> {
    let mut labels: Vec<Label> = Vec::new();
    for rule in catalogue.sets().iter().flat_map(|s| s.missions()) {
        let id = rule.mission.as_str();
        match labels.iter_mut().find(|l| l.id == id) {
            Some(l) => l.label = rule.label_fr.to_string(),
            None => labels.push(Label {
                id: id.to_owned(),
                label: rule.label_fr.to_string(),
            }),
        }
    }
    labels
}

impl Operation for Labels {
    const NAME: &'static str = "labels";
    const SUMMARY: &'static str = "The French label of every mission, payment kind, stage, event, member category, identifier and error code.";
    type Input = LabelsInput;
    type Output = LabelsOutput;

    fn run(engine: &Engine, _: LabelsInput) -> Result<LabelsOutput, ApiError> {
        use crate::entity::{CptsStage, EventKind};
        use crate::membership::{IndividualCategory, MemberCategory};
        use crate::nomenclature::StructureKind;
        let categories: Vec<MemberCategory> = IndividualCategory::ALL
            .iter()
            .map(|c| MemberCategory::Individual(*c))
            .chain(
                StructureKind::ALL
                    .iter()
                    .map(|k| MemberCategory::Structure(*k)),
            )
            .collect();
        Ok(LabelsOutput {
            missions: mission_labels(engine.catalogue()),
            payment_kinds: labels_of(&crate::aci::PaymentKind::ALL, |k| k.label_fr()),
            stages: labels_of(&CptsStage::ALL, |s| s.label_fr()),
            events: labels_of(&EventKind::ALL, |e| e.label_fr()),
            member_categories: labels_of(&categories, |c| c.label_fr()),
            identifier_kinds: labels_of(&IdentifierKind::ALL, |k| k.name()),
            error_codes: labels_of(&ErrorCode::ALL, |c| c.label_fr()),
        })
    }
}
