//! The ACI funding engine: what a CPTS receives under the accord conventionnel
//! interprofessionnel, when, and why — exactly, to the cent, every figure traced to its
//! source.
//!
//! | Module | Concern | Main types |
//! |---|---|---|
//! | [`parameters`] | dated parameter sets (`data/aci/*.toml`) with their sources, validated when loaded | [`ParameterCatalogue`], [`ParameterSet`], [`Sourced`] |
//! | [`bands`] | population bands (tailles) | [`Taille`], [`BandRange`] |
//! | [`contract`] | the tripartite contract (CPTS / CPAM / ARS) and its validation | [`Contract`], [`ContractErrors`] |
//! | [`indicators`] | the indicators of the variable part and their payment rules | [`Indicator`], [`PaymentRule`], [`Tier`] |
//! | [`year`] | a contract year's results: variable part and crisis activation | [`YearResults`], [`YearEvaluation`] |
//! | [`schedule`] | the dated payment schedule over the contract's life | [`Schedule`], [`Payment`], [`PaymentKind`] |
//! | [`batch`] | many contract years or schedules in one call, each answered on its own | [`batch::evaluate_years`], [`batch::payment_schedules`] |
//! | [`pass`] | the PASS cap on member indemnities (D.1434-44 CSP) | [`PassTable`], [`CapCheck`] |
//! | [`explanation`] | explanation trees, JSON and French text | [`Explanation`], [`Detail`] |
//! | [`conventions`], [`money`] | the named conventions; rounding and French formatting | [`PaymentConventions`], [`Rounding`] |
//!
//! The main types are also named from here (`cpts_core::aci::Contract` is
//! `cpts_core::aci::contract::Contract`); their documentation lives with their module.
//!
//! Payment mechanics (ACI art. 9.1 and contrat-type art. 6.1–6.2, official copies; Sénat
//! report r25-032, official): the fonctionnement is paid in full at signature for year 1;
//! from the first anniversary, a 75 % advance at each anniversary and its balance at the
//! next. Each mission's fixed envelope: at the mission's start, 75 % of the envelope
//! prorated to the next anniversary; the balance at that anniversary; later years, 75 % at
//! the anniversary opening the year and the balance at the one closing it. At each
//! anniversary also: the variable part earned for the closing year and any crisis
//! activation due for it. The lettre d'intention aid: once, when the ARS validates the
//! letter, from the set in force that day.

pub mod bands;
pub mod batch;
pub mod contract;
pub mod conventions;
pub mod explanation;
pub(crate) mod ids;
pub mod indicators;
pub mod money;
pub mod parameters;
pub mod pass;
pub mod schedule;
pub mod year;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use thiserror::Error;

#[doc(hidden)]
pub use bands::{BandRange, Taille};
#[doc(hidden)]
pub use contract::{Contract, ContractError, ContractErrors, ContractMission, ContractYear};
#[doc(hidden)]
pub use conventions::{
    BalanceRule, CrisisActivation, PaymentConventions, Proration, TierComparison,
};
#[doc(hidden)]
pub use explanation::{Detail, Explanation, ExplanationInput};
#[doc(hidden)]
pub use indicators::{Better, Indicator, IndicatorResult, Measure, PaymentRule, Tier};
#[doc(hidden)]
pub use money::Rounding;
#[doc(hidden)]
pub use parameters::{ParameterCatalogue, ParameterError, ParameterSet, Sourced};
#[doc(hidden)]
pub use pass::{CapCheck, PassTable, ProfessionalTotal, RemunerationKind, RemunerationRecord};
#[doc(hidden)]
pub use schedule::{
    LettreIntention, Payment, PaymentKind, PendingVariable, Schedule, ScheduleOptions,
};
#[doc(hidden)]
pub use year::{
    CrisisRecognition, IndicatorOutcome, MissionYearResult, YearEvaluation, YearResults,
};

use crate::missions::Mission;

/// A funding operation that cannot be computed. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FundingError {
    /// A value the operation needs is not established in the parameter set, and the caller
    /// did not supply it.
    #[error(
        "parameter « {parameter} »{} is not established in parameter set {parameter_set}{}",
        taille.map(|t| format!(" ({t})")).unwrap_or_default(),
        note.as_ref().map(|n| format!(": {n}")).unwrap_or_default()
    )]
    MissingParameter {
        /// The parameter.
        parameter: String,
        /// The band, when the parameter is per band.
        taille: Option<Taille>,
        /// The set searched.
        parameter_set: String,
        /// What the set documents about the gap (conflicting readings).
        note: Option<crate::messages::Bilingual>,
    },
    /// No parameter set applies on the date.
    #[error("no ACI CPTS applies on {date}: the first parameter set starts on {first_day}")]
    NoAciOnDate {
        /// The date.
        date: NaiveDate,
        /// First day covered by the catalogue.
        first_day: NaiveDate,
    },
    /// The contract breaks rules (all of them listed).
    ///
    /// JSON: `{"error": "invalid_contract", "errors": [...]}`.
    #[error(transparent)]
    InvalidContract(
        #[from]
        #[serde(serialize_with = "contract::serialize_errors_field")]
        #[schemars(with = "contract::ContractErrorsField")]
        ContractErrors,
    ),
    /// A contract year outside the contract.
    #[error("contract year {year} is outside the contract (years 1 to {years})")]
    YearOutOfContract {
        /// The year asked.
        year: u32,
        /// Number of contract years.
        years: u32,
    },
    /// A result for an indicator the contract does not have.
    #[error("no indicator « {indicator} » in the contract")]
    UnknownIndicator {
        /// The id given.
        indicator: String,
    },
    /// Two results for one indicator.
    #[error("indicator « {indicator} » has two results")]
    RepeatedResult {
        /// The id.
        indicator: String,
    },
    /// An indicator of a started mission without a result.
    #[error("no result for indicator « {indicator} » ({mission}) in contract year {year}")]
    MissingResult {
        /// The id.
        indicator: String,
        /// Its mission.
        mission: Mission,
        /// The year.
        year: u32,
    },
    /// A measure of the wrong kind (a value for a binary indicator, …).
    #[error("indicator « {indicator} » expects {expected}")]
    WrongMeasure {
        /// The id.
        indicator: String,
        /// What it expects.
        expected: crate::messages::Bilingual,
    },
    /// A result for an indicator of a mission not started by the end of the year.
    #[error(
        "indicator « {indicator} »: mission {mission} has not started by the end of contract year {year}"
    )]
    MissionNotStarted {
        /// The id.
        indicator: String,
        /// Its mission.
        mission: Mission,
        /// The year.
        year: u32,
    },
    /// A crisis recognised outside the contract year it is recorded for.
    #[error(
        "crisis recognised on {recognised_on} is outside contract year {year} ({first_day} to {last_day})"
    )]
    CrisisOutsideYear {
        /// Date of recognition.
        recognised_on: NaiveDate,
        /// The year.
        year: u32,
        /// First day of the year.
        first_day: NaiveDate,
        /// Last day of the year.
        last_day: NaiveDate,
    },
    /// A crisis recorded for a contract without the crisis mission.
    #[error(
        "a crisis is recorded but the contract has no crisis mission (réponse aux crises sanitaires graves)"
    )]
    NoCrisisMission,
    /// A record given to an operation breaks a rule.
    #[error("{field} « {value} »: {rule}")]
    InvalidInput {
        /// The field.
        field: String,
        /// The value.
        value: String,
        /// The rule broken.
        rule: crate::messages::Bilingual,
    },
    /// An arithmetic result out of range (absurd input values).
    #[error("{what}: the computation is out of range")]
    Overflow {
        /// What was computed.
        what: crate::messages::Bilingual,
    },
}
