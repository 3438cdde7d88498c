//! Dated ACI parameter sets, loaded from human-reviewable TOML files with their sources.
//!
//! Each version of the ACI is one parameter set (`data/aci/*.toml`, embedded): band ranges,
//! fonctionnement amounts per band, lettre d'intention aid per band, the advance rate, the
//! contract duration, the missions and their deadlines. Every value names a source declared
//! in the file; the source carries the quality tag. A value that is not established is absent
//! (listed under `not_established` with its conflicting readings), and an operation that
//! needs it fails with [`FundingError::MissingParameter`] unless the caller supplies it.
//!
//! A [`ParameterCatalogue`] holds the sets of consecutive periods: validity periods may not
//! overlap or leave gaps, and no set applies before 25 August 2019 (entry into force of the
//! first ACI). Users load their own sets (a regional variant, a future avenant) through
//! `ParameterSet::from_toml` (cargo feature `toml`, on by default) or
//! [`ParameterSet::from_json`] (the same structure in JSON), and [`ParameterCatalogue::new`]
//! or [`ParameterCatalogue::with_set`]. The embedded files are converted to JSON at build
//! time (`build.rs`), so the library has no TOML parser at run time unless asked for.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::FundingError;
use super::bands::{BandRange, Taille};
use crate::messages::rules::parameters as R;
use crate::missions::{Mission, MissionRule, Obligation};
use crate::source::Source;

/// First day of the first ACI CPTS (the day after the JORF of 24 Aug 2019).
pub const FIRST_ACI_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2019, 8, 25) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The largest amount a parameter may hold (1 billion euros): a guard against typos, the
/// same bound as every amount a caller gives.
pub use super::money::MAX_AMOUNT;

/// The parameter files as reviewed (TOML), by path.
/// Most missions one parameter set defines (L1434-12-2 has six).
pub const MAX_MISSIONS: usize = 64;

const EMBEDDED: [(&str, &str); 2] = [
    (
        "data/aci/aci_2019.toml",
        include_str!("../../data/aci/aci_2019.toml"),
    ),
    (
        "data/aci/aci_2019_avenant_2.toml",
        include_str!("../../data/aci/aci_2019_avenant_2.toml"),
    ),
];

/// The same files converted to JSON by build.rs, which the library reads (no TOML parser at
/// run time); a test checks that both give the same catalogue.
pub(crate) const EMBEDDED_JSON: [(&str, &str); 2] = [
    (
        "data/aci/aci_2019.toml",
        include_str!(concat!(env!("OUT_DIR"), "/aci_2019.json")),
    ),
    (
        "data/aci/aci_2019_avenant_2.toml",
        include_str!(concat!(env!("OUT_DIR"), "/aci_2019_avenant_2.json")),
    ),
];

/// A value read from a parameter set, with its source.
///
/// JSON: `{"value": ..., "source": {...}, "parameter_set": "aci_2019"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it comes from.
    pub source: Arc<Source>,
    /// The parameter set it was read from.
    pub parameter_set: Arc<str>,
}

/// An amount per band, as written in a parameter file.
///
/// JSON/TOML: `{"taille": 1, "amount": "50000", "source": "key"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandAmount {
    /// The band.
    pub taille: Taille,
    /// The amount in euros (a decimal string; floats are refused).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
    /// Key of the source under `sources`.
    pub source: String,
}

/// A value the sources do not establish: documented, never used.
///
/// JSON/TOML: `{"parameter": "lettre_intention_aid", "taille": 3, "note": "...",
/// "note_fr": "...", "readings": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotEstablished {
    /// The parameter (`fonctionnement`, `lettre_intention_aid`, …).
    pub parameter: String,
    /// The band, when the gap concerns one band.
    #[serde(default)]
    pub taille: Option<Taille>,
    /// Why it is not established (in English).
    pub note: String,
    /// Why it is not established, in French (what messages show).
    pub note_fr: String,
    /// The figures the sources give, when they give some.
    #[serde(default)]
    pub readings: Vec<BandAmount>,
    /// Keys of sources that bear on the gap without a figure (a reading of the signed text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub further_sources: Vec<String>,
}

/// A dated note of a parameter set: a text pending, a change announced, what a later file
/// may bring (never a value: a value is a parameter, or `not_established`).
///
/// TOML: `[[notes]] date = "2025-12-31"`, `note`, `note_fr`, `source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterNote {
    /// The date the note is about (a law's publication, a deadline).
    #[serde(deserialize_with = "crate::calendar::date")]
    pub date: NaiveDate,
    /// The note, in English.
    pub note: String,
    /// The note, in French (what pages show).
    pub note_fr: String,
    /// Key of its source.
    pub source: String,
}

/// A rate with its source key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateValue {
    /// The rate, a decimal string (`"0.75"`).
    #[serde(with = "crate::aci::money::decimal_string")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub value: Decimal,
    /// Key of the source.
    pub source: String,
}

/// A count with its source key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountValue {
    /// The count.
    pub value: u32,
    /// Key of the source.
    pub source: String,
}

/// A band range as written in a parameter file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandData {
    /// The band.
    pub taille: Taille,
    /// Smallest population.
    pub min: u64,
    /// Largest population (absent for the last band).
    #[serde(default)]
    pub max: Option<u64>,
    /// Key of the source.
    pub source: String,
}

/// A mission as written in a parameter file: what the mission is and its rule under this
/// version (see [`MissionRule`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionData {
    /// The mission's stable id (`acces_aux_soins`, or a new id an avenant defines).
    pub mission: Mission,
    /// Its French label (1 to 200 characters).
    pub label_fr: String,
    /// The article that sets it (`L1434-12-2 1° CSP`), or the avenant's article.
    #[serde(default)]
    pub article: Option<String>,
    /// Socle or optional.
    pub obligation: Obligation,
    /// First day the mission applies.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub applies_from: NaiveDate,
    /// Months to start it (socle only).
    #[serde(default)]
    pub start_within_months: Option<u32>,
    /// Months to deploy it (socle only).
    #[serde(default)]
    pub deploy_within_months: Option<u32>,
    /// True for the mission whose activation the ARS triggers (the crisis mission).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub crisis_activation: bool,
    /// Key of the source.
    pub source: String,
    /// Keys of other sources that agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub further_sources: Vec<String>,
}

/// A parameter file, as written: the JSON and TOML shape of a [`ParameterSet`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterSetData {
    /// Identifier (`aci_2019`): lowercase letters, digits, `_`.
    pub id: String,
    /// Title of the text.
    pub title: String,
    /// First day in force.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub valid_from: NaiveDate,
    /// Last day in force (absent: still in force).
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub valid_until: Option<NaiveDate>,
    /// Key of the source of the text itself.
    pub source: String,
    /// The sources, by key.
    pub sources: BTreeMap<String, Source>,
    /// Band ranges, in order, contiguous from 0.
    pub bands: Vec<BandData>,
    /// Annual fonctionnement amount per band.
    #[serde(default)]
    pub fonctionnement: Vec<BandAmount>,
    /// Lettre d'intention aid per band.
    #[serde(default)]
    pub lettre_intention_aid: Vec<BandAmount>,
    /// Advance rate (0.75).
    pub advance_rate: RateValue,
    /// Contract duration in months (60).
    pub contract_duration_months: CountValue,
    /// Missions and deadlines.
    pub missions: Vec<MissionData>,
    /// Values the sources do not establish.
    #[serde(default)]
    pub not_established: Vec<NotEstablished>,
    /// Dated notes (a pending avenant), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ParameterNote>,
}

/// One validated ACI parameter set.
///
/// JSON: the [`ParameterSetData`] shape; deserialising validates it.
///
/// ```
/// use cpts_core::aci::{ParameterCatalogue, Taille};
/// let catalogue = ParameterCatalogue::embedded().unwrap();
/// let set = catalogue.get("aci_2019").unwrap();
/// let band = set.band(108_515).unwrap();
/// assert_eq!(band.taille, Taille::new(3).unwrap());
/// assert_eq!(set.fonctionnement(band.taille).unwrap().value.to_string(), "75000");
/// // Not established under avenant 2: an error naming the parameter, never zero.
/// let av2 = catalogue.get("aci_2019_avenant_2").unwrap();
/// assert!(av2.fonctionnement(band.taille).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    try_from = "crate::messages::Unchecked<ParameterSetData>",
    into = "ParameterSetData"
)]
pub struct ParameterSet {
    data: ParameterSetData,
    id: Arc<str>,
    sources: BTreeMap<String, Arc<Source>>,
    bands: Vec<BandRange>,
    missions: Vec<MissionRule>,
}

impl From<ParameterSet> for ParameterSetData {
    fn from(p: ParameterSet) -> Self {
        p.data
    }
}

impl TryFrom<ParameterSetData> for ParameterSet {
    type Error = ParameterError;
    fn try_from(data: ParameterSetData) -> Result<Self, Self::Error> {
        ParameterSet::new(data)
    }
}

/// A parameter file or catalogue that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ParameterError {
    /// The TOML or JSON text does not parse or does not have the expected fields.
    #[error("{file}: {message}")]
    Syntax {
        /// File or label given to the loader.
        file: String,
        /// What the parser found, in words (the field's path, then why).
        message: crate::messages::Bilingual,
    },
    /// A rule of the parameter set is broken.
    #[error("parameter set {set}: {field}: {rule}")]
    Invalid {
        /// The set.
        set: String,
        /// The field.
        field: String,
        /// The rule broken.
        rule: crate::messages::Bilingual,
    },
    /// A source key that is not declared under `sources`.
    #[error("parameter set {set}: {field} names source « {key} », which is not declared")]
    UnknownSource {
        /// The set.
        set: String,
        /// The field.
        field: String,
        /// The key.
        key: String,
    },
    /// Two sets cover the same day.
    #[error("parameter sets {first} and {second} overlap on {day}")]
    Overlap {
        /// The earlier set.
        first: String,
        /// The later set.
        second: String,
        /// A day both cover.
        day: NaiveDate,
    },
    /// Days between two sets are covered by none.
    #[error("no parameter set covers {from} to {until} (between {before} and {after})")]
    Gap {
        /// The earlier set.
        before: String,
        /// The later set.
        after: String,
        /// First uncovered day.
        from: NaiveDate,
        /// Last uncovered day.
        until: NaiveDate,
    },
    /// Two sets with the same id.
    #[error("parameter set {set} is given twice")]
    DuplicateSet {
        /// The id.
        set: String,
    },
    /// A catalogue without any set.
    #[error("a parameter catalogue needs at least one set")]
    Empty,
}

/// Parses a TOML data file; `file` names it in the error.
#[cfg(feature = "toml")]
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, ParameterError> {
    toml::from_str(text).map_err(|e| ParameterError::Syntax {
        file: file.to_owned(),
        message: crate::messages::request::schema_reason(e.message()),
    })
}

/// Parses a JSON data file; `file` names it in the error, the message names the field
/// (`bands[2].amount : attendu …`) and the position.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, ParameterError> {
    crate::json::read(text).map_err(|e| {
        let (reason, _) = crate::messages::request::read_reason(&e.error);
        let (line, column) = (e.error.line(), e.error.column());
        let at = |sep: &str| match e.path.as_str() {
            "." => String::new(),
            path => format!("{path}{sep} "),
        };
        ParameterError::Syntax {
            file: file.to_owned(),
            message: crate::messages::Bilingual::owned(
                format!(
                    "{}{} (ligne {line}, colonne {column})",
                    at(" :"),
                    reason.fr()
                ),
                format!("{}{} at line {line} column {column}", at(":"), reason.en()),
            ),
        }
    })
}

fn invalid(
    set: &str,
    field: impl Into<String>,
    rule: crate::messages::Bilingual,
) -> ParameterError {
    ParameterError::Invalid {
        set: set.to_owned(),
        field: field.into(),
        rule,
    }
}

impl ParameterSet {
    /// Parses and validates a TOML parameter file. `file` names it in errors. Needs the cargo
    /// feature `toml` (on by default).
    #[cfg(feature = "toml")]
    pub fn from_toml(file: &str, text: &str) -> Result<Self, ParameterError> {
        ParameterSet::new(parse_toml(file, text)?)
    }

    /// Parses and validates a parameter file in TOML or in JSON: a text whose first
    /// character (after blanks) is `{` is JSON, any other is TOML. Without the cargo feature
    /// `toml`, a TOML text is refused with a message that asks for the JSON form.
    pub fn from_text(file: &str, text: &str) -> Result<Self, ParameterError> {
        if text.trim_start().starts_with('{') {
            return ParameterSet::from_json(file, text);
        }
        #[cfg(feature = "toml")]
        {
            ParameterSet::from_toml(file, text)
        }
        #[cfg(not(feature = "toml"))]
        {
            Err(ParameterError::Syntax {
                file: file.to_owned(),
                message: crate::messages::rules::TOML_NOT_BUILT_IN,
            })
        }
    }

    /// Parses and validates a parameter file in JSON (the TOML file's structure, value for
    /// value). `file` names it in errors.
    pub fn from_json(file: &str, text: &str) -> Result<Self, ParameterError> {
        ParameterSet::new(parse_json(file, text)?)
    }

    /// Validates parameter data.
    pub fn new(data: ParameterSetData) -> Result<Self, ParameterError> {
        let set = data.id.clone();
        let set = set.as_str();
        let id_ok = !data.id.is_empty()
            && data.id.len() <= 64
            && data
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !id_ok {
            return Err(invalid(set, "id", R::ID));
        }
        if data.valid_from < FIRST_ACI_DAY {
            return Err(invalid(set, "valid_from", R::not_before(FIRST_ACI_DAY)));
        }
        if data.valid_until.is_some_and(|u| u < data.valid_from) {
            return Err(invalid(set, "valid_until", R::UNTIL_AFTER_FROM));
        }
        let source = |field: &str, key: &str| -> Result<Source, ParameterError> {
            data.sources
                .get(key)
                .cloned()
                .ok_or_else(|| ParameterError::UnknownSource {
                    set: set.to_owned(),
                    field: field.to_owned(),
                    key: key.to_owned(),
                })
        };
        source("source", &data.source)?;

        // Bands: contiguous from 0, increasing, only the last one open.
        let mut bands = Vec::new();
        let mut next_min = 0u64;
        let mut open = false;
        for (i, b) in data.bands.iter().enumerate() {
            let field = format!("bands[{i}]");
            if open {
                return Err(invalid(set, field, R::ONLY_LAST_OPEN));
            }
            if b.min != next_min {
                return Err(invalid(set, field, R::starts_at(next_min)));
            }
            if bands.iter().any(|r: &BandRange| r.taille >= b.taille) {
                return Err(invalid(set, field, R::TAILLES_INCREASE));
            }
            match b.max {
                Some(max) if max < b.min => return Err(invalid(set, field, R::MAX_BELOW_MIN)),
                Some(max) => next_min = max.saturating_add(1),
                None => open = true,
            }
            bands.push(BandRange {
                taille: b.taille,
                min: b.min,
                max: b.max,
                source: source(&field, &b.source)?,
            });
        }
        if !open {
            return Err(invalid(set, "bands", R::LAST_OPEN));
        }
        let tailles: BTreeSet<Taille> = bands.iter().map(|b| b.taille).collect();

        for (name, list) in [
            ("fonctionnement", &data.fonctionnement),
            ("lettre_intention_aid", &data.lettre_intention_aid),
        ] {
            let mut seen = BTreeSet::new();
            for (i, a) in list.iter().enumerate() {
                let field = format!("{name}[{i}]");
                check_amount(set, &field, a, &tailles)?;
                source(&field, &a.source)?;
                if !seen.insert(a.taille) {
                    return Err(invalid(set, field, R::taille_twice(a.taille)));
                }
            }
        }
        for (i, n) in data.not_established.iter().enumerate() {
            for (j, a) in n.readings.iter().enumerate() {
                let field = format!("not_established[{i}].readings[{j}]");
                check_amount(set, &field, a, &tailles)?;
                source(&field, &a.source)?;
            }
            for key in &n.further_sources {
                source(&format!("not_established[{i}].further_sources"), key)?;
            }
        }
        for (i, n) in data.notes.iter().enumerate() {
            let field = format!("notes[{i}]");
            source(&field, &n.source)?;
            if n.note_fr.trim().is_empty() || n.note.trim().is_empty() {
                return Err(invalid(set, field, R::NOTE_TEXT));
            }
        }
        let rate = &data.advance_rate;
        source("advance_rate", &rate.source)?;
        if rate.value <= Decimal::ZERO || rate.value > Decimal::ONE {
            return Err(invalid(set, "advance_rate", R::ADVANCE_RATE));
        }
        let duration = &data.contract_duration_months;
        source("contract_duration_months", &duration.source)?;
        if duration.value == 0 || !duration.value.is_multiple_of(12) || duration.value > 240 {
            return Err(invalid(set, "contract_duration_months", R::DURATION));
        }

        if data.missions.len() > MAX_MISSIONS {
            return Err(invalid(set, "missions", R::TOO_MANY_MISSIONS));
        }
        if data.missions.iter().filter(|m| m.crisis_activation).count() > 1 {
            return Err(invalid(set, "missions", R::ONE_CRISIS_MISSION));
        }
        let mut missions: Vec<MissionRule> = Vec::new();
        for (i, m) in data.missions.iter().enumerate() {
            let field = format!("missions[{i}]");
            if missions.iter().any(|r| r.mission == m.mission) {
                return Err(invalid(set, field, R::mission_twice(m.mission)));
            }
            match (m.obligation, m.start_within_months, m.deploy_within_months) {
                (Obligation::Socle, Some(start), Some(deploy))
                    if start <= deploy && deploy <= 120 => {}
                (Obligation::Socle, ..) => {
                    return Err(invalid(set, field, R::SOCLE_DEADLINES));
                }
                (Obligation::Optional, None, None) => {}
                (Obligation::Optional, ..) => {
                    return Err(invalid(set, field, R::OPTIONAL_NO_DEADLINE));
                }
            }
            let text_ok = |t: &str, max: usize| {
                !t.trim().is_empty() && t.chars().count() <= max && !t.chars().any(char::is_control)
            };
            if !text_ok(&m.label_fr, 200) {
                return Err(invalid(set, format!("{field}.label_fr"), R::MISSION_LABEL));
            }
            if m.article.as_deref().is_some_and(|a| !text_ok(a, 200)) {
                return Err(invalid(set, format!("{field}.article"), R::MISSION_ARTICLE));
            }
            let further_sources = m
                .further_sources
                .iter()
                .map(|k| source(&format!("{field}.further_sources"), k))
                .collect::<Result<Vec<_>, _>>()?;
            missions.push(MissionRule {
                mission: m.mission,
                label_fr: std::sync::Arc::from(m.label_fr.as_str()),
                article: m.article.clone(),
                obligation: m.obligation,
                applies_from: m.applies_from,
                start_within_months: m.start_within_months,
                deploy_within_months: m.deploy_within_months,
                crisis_activation: m.crisis_activation,
                source: source(&field, &m.source)?,
                further_sources,
            });
        }
        let sources = data
            .sources
            .iter()
            .map(|(k, v)| (k.clone(), Arc::new(v.clone())))
            .collect();
        Ok(ParameterSet {
            id: Arc::from(data.id.as_str()),
            sources,
            data,
            bands,
            missions,
        })
    }

    fn sourced<T>(&self, value: T, key: &str) -> Sourced<T> {
        Sourced {
            value,
            source: self
                .sources
                .get(key)
                .cloned()
                .unwrap_or_else(|| Arc::new(crate::source::cited::LIBRARY_CONVENTION)),
            parameter_set: Arc::clone(&self.id),
        }
    }

    /// The identifier, shared (for explanations).
    pub fn shared_id(&self) -> &Arc<str> {
        &self.id
    }

    /// Identifier.
    pub fn id(&self) -> &str {
        &self.data.id
    }

    /// Title of the text.
    pub fn title(&self) -> &str {
        &self.data.title
    }

    /// First day in force.
    pub fn valid_from(&self) -> NaiveDate {
        self.data.valid_from
    }

    /// Last day in force (`None`: still in force).
    pub fn valid_until(&self) -> Option<NaiveDate> {
        self.data.valid_until
    }

    /// True when in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from() <= date && self.valid_until().is_none_or(|u| date <= u)
    }

    /// The source of the text.
    pub fn source(&self) -> Source {
        self.data
            .sources
            .get(&self.data.source)
            .cloned()
            .unwrap_or(crate::source::cited::LIBRARY_CONVENTION)
    }

    /// The data as written in the file.
    pub fn data(&self) -> &ParameterSetData {
        &self.data
    }

    /// The band ranges.
    pub fn bands(&self) -> &[BandRange] {
        &self.bands
    }

    /// The band of a population (every population has one: the ranges cover 0 to ∞).
    pub fn band(&self, population: u64) -> Result<&BandRange, FundingError> {
        self.bands
            .iter()
            .find(|b| b.contains(population))
            .ok_or(FundingError::MissingParameter {
                parameter: "bands".into(),
                taille: None,
                parameter_set: self.id().to_owned(),
                note: Some(crate::messages::Bilingual::owned(
                    format!("aucune taille ne contient une population de {population}"),
                    format!("no band holds a population of {population}"),
                )),
            })
    }

    /// The band range of a taille.
    pub fn band_range(&self, taille: Taille) -> Option<&BandRange> {
        self.bands.iter().find(|b| b.taille == taille)
    }

    fn band_amount(
        &self,
        parameter: &str,
        list: &[BandAmount],
        taille: Taille,
    ) -> Result<Sourced<Decimal>, FundingError> {
        match list.iter().find(|a| a.taille == taille) {
            Some(a) => Ok(self.sourced(a.amount, &a.source)),
            None => Err(self.missing(parameter, Some(taille))),
        }
    }

    /// The error for a parameter this set does not establish, with the documented note and
    /// readings when there are some.
    pub fn missing(&self, parameter: &str, taille: Option<Taille>) -> FundingError {
        let gap = self
            .data
            .not_established
            .iter()
            .find(|n| n.parameter == parameter && (n.taille.is_none() || n.taille == taille));
        let note = gap.map(|n| {
            let readings: Vec<(String, String)> = n
                .readings
                .iter()
                .filter(|r| taille.is_none_or(|t| r.taille == t))
                .map(|r| {
                    let title = self
                        .data
                        .sources
                        .get(&r.source)
                        .map(|s| s.title.to_string())
                        .unwrap_or_default();
                    (
                        format!("{} ({title})", crate::aci::money::euros(r.amount)),
                        format!("{} € ({title})", r.amount),
                    )
                })
                .collect();
            if readings.is_empty() {
                crate::messages::Bilingual::owned(n.note_fr.clone(), n.note.clone())
            } else {
                let (fr, en): (Vec<String>, Vec<String>) = readings.into_iter().unzip();
                crate::messages::Bilingual::owned(
                    format!("{} Lectures : {}", n.note_fr, fr.join(" ; ")),
                    format!("{} Readings: {}", n.note, en.join(" ; ")),
                )
            }
        });
        FundingError::MissingParameter {
            parameter: parameter.to_owned(),
            taille,
            parameter_set: self.id().to_owned(),
            note,
        }
    }

    /// The annual fonctionnement amount of a band.
    pub fn fonctionnement(&self, taille: Taille) -> Result<Sourced<Decimal>, FundingError> {
        self.band_amount("fonctionnement", &self.data.fonctionnement, taille)
    }

    /// The lettre d'intention aid of a band.
    pub fn lettre_intention_aid(&self, taille: Taille) -> Result<Sourced<Decimal>, FundingError> {
        self.band_amount(
            "lettre_intention_aid",
            &self.data.lettre_intention_aid,
            taille,
        )
    }

    /// The advance rate (75 %).
    pub fn advance_rate(&self) -> Sourced<Decimal> {
        self.sourced(self.data.advance_rate.value, &self.data.advance_rate.source)
    }

    /// The contract duration in months (60).
    pub fn contract_duration_months(&self) -> Sourced<u32> {
        let d = &self.data.contract_duration_months;
        self.sourced(d.value, &d.source)
    }

    /// The missions of this version and their deadlines.
    pub fn missions(&self) -> &[MissionRule] {
        &self.missions
    }

    /// The rule of one mission.
    pub fn mission_rule(&self, mission: Mission) -> Option<&MissionRule> {
        self.missions.iter().find(|r| r.mission == mission)
    }

    /// The missions socles that apply on `date`.
    pub fn socles_on(&self, date: NaiveDate) -> impl Iterator<Item = Mission> + '_ {
        self.missions
            .iter()
            .filter(move |r| r.obligation == Obligation::Socle && r.applies_from <= date)
            .map(|r| r.mission)
    }

    /// The values this set documents as not established.
    pub fn not_established(&self) -> &[NotEstablished] {
        &self.data.not_established
    }

    /// The set's dated notes (a pending avenant), with their sources.
    pub fn notes(&self) -> impl Iterator<Item = (&ParameterNote, Source)> + '_ {
        self.data.notes.iter().map(|n| {
            (
                n,
                self.sources
                    .get(&n.source)
                    .map_or(crate::source::cited::LIBRARY_CONVENTION, |s| (**s).clone()),
            )
        })
    }
}

fn check_amount(
    set: &str,
    field: &str,
    a: &BandAmount,
    tailles: &BTreeSet<Taille>,
) -> Result<(), ParameterError> {
    if a.amount.is_sign_negative() || a.amount > MAX_AMOUNT {
        return Err(invalid(set, field, R::AMOUNT));
    }
    if !tailles.contains(&a.taille) {
        return Err(invalid(set, field, R::unknown_taille(a.taille)));
    }
    Ok(())
}

/// The parameter sets of consecutive periods.
///
/// JSON: `{"sets": [...]}`; deserialising validates each set and the periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    try_from = "crate::messages::Unchecked<CatalogueData>",
    into = "CatalogueData"
)]
pub struct ParameterCatalogue {
    sets: Vec<ParameterSet>,
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CatalogueData {
    sets: Vec<ParameterSet>,
}

impl TryFrom<CatalogueData> for ParameterCatalogue {
    type Error = ParameterError;
    fn try_from(d: CatalogueData) -> Result<Self, Self::Error> {
        ParameterCatalogue::new(d.sets)
    }
}

impl From<ParameterCatalogue> for CatalogueData {
    fn from(c: ParameterCatalogue) -> Self {
        CatalogueData { sets: c.sets }
    }
}

impl ParameterCatalogue {
    /// The embedded sets: the ACI of 2019 and the ACI with avenant 2.
    pub fn embedded() -> Result<Self, ParameterError> {
        let sets = EMBEDDED_JSON
            .iter()
            .map(|(file, text)| ParameterSet::from_json(file, text))
            .collect::<Result<Vec<_>, _>>()?;
        ParameterCatalogue::new(sets)
    }

    /// The embedded parameter files as reviewed (TOML), by path (for review and tools).
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        &EMBEDDED
    }

    /// A catalogue of these sets: sorted by date, no overlap, no gap, ids unique; only the
    /// last may be open-ended.
    pub fn new(mut sets: Vec<ParameterSet>) -> Result<Self, ParameterError> {
        if sets.is_empty() {
            return Err(ParameterError::Empty);
        }
        sets.sort_by_key(|s| s.valid_from());
        let mut ids = BTreeSet::new();
        for s in &sets {
            if !ids.insert(s.id().to_owned()) {
                return Err(ParameterError::DuplicateSet {
                    set: s.id().to_owned(),
                });
            }
        }
        for pair in sets.windows(2) {
            let [a, b] = pair else { continue };
            match a.valid_until() {
                None => {
                    return Err(ParameterError::Overlap {
                        first: a.id().into(),
                        second: b.id().into(),
                        day: b.valid_from(),
                    });
                }
                Some(until) if until >= b.valid_from() => {
                    return Err(ParameterError::Overlap {
                        first: a.id().into(),
                        second: b.id().into(),
                        day: b.valid_from(),
                    });
                }
                Some(until) => {
                    let first_gap = until.succ_opt().unwrap_or(until);
                    if first_gap < b.valid_from() {
                        return Err(ParameterError::Gap {
                            before: a.id().into(),
                            after: b.id().into(),
                            from: first_gap,
                            until: b.valid_from().pred_opt().unwrap_or(first_gap),
                        });
                    }
                }
            }
        }
        Ok(ParameterCatalogue { sets })
    }

    /// The same catalogue with one more set. When the last set is open-ended and the new one
    /// starts after it, the last set is closed the day before (a future avenant replaces the
    /// current text); otherwise the periods must fit as in [`ParameterCatalogue::new`].
    pub fn with_set(&self, set: ParameterSet) -> Result<Self, ParameterError> {
        let mut sets = self.sets.clone();
        if let Some(last) = sets.last_mut()
            && last.valid_until().is_none()
            && set.valid_from() > last.valid_from()
        {
            let mut data = last.data.clone();
            data.valid_until = set.valid_from().pred_opt();
            *last = ParameterSet::new(data)?;
        }
        sets.push(set);
        ParameterCatalogue::new(sets)
    }

    /// Every set, oldest first.
    pub fn sets(&self) -> &[ParameterSet] {
        &self.sets
    }

    /// The set with this id.
    pub fn get(&self, id: &str) -> Option<&ParameterSet> {
        self.sets.iter().find(|s| s.id() == id)
    }

    /// The set in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> Result<&ParameterSet, FundingError> {
        self.sets
            .iter()
            .find(|s| s.in_force_on(date))
            .ok_or_else(|| FundingError::NoAciOnDate {
                date,
                first_day: self.sets.first().map_or(FIRST_ACI_DAY, |s| s.valid_from()),
            })
    }
}

crate::messages::refused_through_serde!(ParameterSet, ParameterSetData, |e| {
    crate::messages::Refusal::of(&e)
});

crate::messages::refused_through_serde!(ParameterCatalogue, CatalogueData, |e| {
    crate::messages::Refusal::of(&e)
});
