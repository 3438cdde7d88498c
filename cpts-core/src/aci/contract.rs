//! The ACI contract: tripartite (CPTS / CPAM / ARS), 5 years, signed under the parameter set
//! in force at signature, with its population and band, its fonctionnement amount (from the
//! set, or as stated in the contract) and, per mission, the start and deployment dates, the
//! fixed and variable envelopes, the indicators, and the crisis activation amount.
//!
//! Envelopes come from the contract: the official per-band × per-mission table was not found
//! (neither in the ACI of 20 June 2019, arrêté of 21 August 2019, JORF n° 0196 of 24 August
//! 2019, nor in avenant 2, JORFTEXT000045443303, JO of 31 March 2022, as far as their
//! published copies go; the trade press gives only drafts and maxima). [`Contract::validate`] reports every problem at once.

use std::fmt;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::FundingError;
use super::bands::Taille;
use super::conventions::PaymentConventions;
use super::indicators::Indicator;
use super::parameters::{MAX_MISSIONS, ParameterCatalogue, ParameterSet};
use crate::missions::{Mission, MissionRule, Obligation};

/// One mission of the contract.
///
/// JSON: `{"mission": "prevention", "start": "2022-06-01" | null, "deployment": ... | null,
/// "fixed_envelope": "17500", "variable_envelope": "17500", "indicators": [...],
/// "crisis_activation_amount": "67500" | null}` (amounts are decimal strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractMission {
    /// The mission.
    pub mission: Mission,
    /// Date the mission starts (`None`: not started yet: no fixed payment).
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub start: Option<NaiveDate>,
    /// Date the mission is fully deployed.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub deployment: Option<NaiveDate>,
    /// Fixed envelope per contract year (moyens).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub fixed_envelope: Decimal,
    /// Variable envelope per contract year (actions et résultats).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub variable_envelope: Decimal,
    /// The indicators that make up the variable envelope.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Crisis mission only: the amount due when a crisis recognised by the ARS occurs.
    #[serde(default, with = "crate::aci::money::cents_option")]
    #[schemars(with = "Option<crate::aci::money::DecimalString>")]
    pub crisis_activation_amount: Option<Decimal>,
}

/// An ACI contract.
///
/// JSON: `{"name": "...", "signed_on": "2022-04-15", "population": 91710, "taille": 3,
/// "parameter_set": "aci_2019_avenant_2" | null, "fonctionnement": "131250" | null,
/// "missions": [...], "crisis_activations_per_year": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// The CPTS (or the contract's reference).
    pub name: String,
    /// Date of signature: contract year k runs from the (k−1)th anniversary to the k-th.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub signed_on: NaiveDate,
    /// Population of the territory used for the band.
    pub population: u64,
    /// The band stated in the contract (checked against the population).
    pub taille: Taille,
    /// The parameter set the contract states, if it does (checked against the one in force
    /// at signature).
    #[serde(default)]
    pub parameter_set: Option<String>,
    /// The annual fonctionnement amount, when the contract states it; otherwise the
    /// parameter set's amount for the band.
    #[serde(default, with = "crate::aci::money::cents_option")]
    #[schemars(with = "Option<crate::aci::money::DecimalString>")]
    pub fonctionnement: Option<Decimal>,
    /// The missions.
    pub missions: Vec<ContractMission>,
    /// How many crisis activations are due at most per contract year, when the contract
    /// says so (default: [`PaymentConventions::crisis_activations_per_year`]).
    #[serde(default)]
    pub crisis_activations_per_year: Option<u32>,
}

/// One contract year.
///
/// JSON: `{"year": 1, "first_day": "...", "last_day": "...", "days": 366}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractYear {
    /// Its number, from 1.
    pub year: u32,
    /// First day (the signature or an anniversary).
    #[serde(deserialize_with = "crate::calendar::date")]
    pub first_day: NaiveDate,
    /// Last day (the day before the next anniversary).
    #[serde(deserialize_with = "crate::calendar::date")]
    pub last_day: NaiveDate,
    /// Number of days (366 when it holds 29 February).
    pub days: i64,
}

impl ContractYear {
    /// The next anniversary (first day of the following year).
    pub fn end(&self) -> NaiveDate {
        self.last_day
            .checked_add_days(Days::new(1))
            .unwrap_or(self.last_day)
    }

    /// True when `date` falls in this year.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }
}

/// One rule a contract breaks.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContractError {
    /// Blank or too long name.
    #[error("name « {value} » must be 1 to 300 characters")]
    InvalidName {
        /// The text given.
        value: String,
    },
    /// No ACI at the signature date.
    #[error("no ACI applies on the signature date {signed_on}")]
    NoAciAtSignature {
        /// Signature date.
        signed_on: NaiveDate,
    },
    /// The stated parameter set is not the one in force at signature.
    #[error(
        "the contract states parameter set {stated}, but {in_force} is in force on the signature date"
    )]
    ParameterSetMismatch {
        /// Stated.
        stated: String,
        /// In force.
        in_force: String,
    },
    /// The stated band does not match the population.
    #[error("a population of {population} is {expected} ({range}), not {stated}")]
    BandMismatch {
        /// The population.
        population: u64,
        /// The band stated.
        stated: Taille,
        /// The band of the population.
        expected: Taille,
        /// The range of that band.
        range: String,
    },
    /// A mission socle in force at signature is missing.
    #[error("mission socle {mission} is missing")]
    MissingSocleMission {
        /// The mission.
        mission: Mission,
    },
    /// A mission listed twice.
    #[error("mission {mission} is listed twice")]
    RepeatedMission {
        /// The mission.
        mission: Mission,
    },
    /// A mission no parameter set of the contract's period defines.
    #[error(
        "mission {mission} is not defined by the parameter sets of this contract's period ({})",
        parameter_sets.join(", ")
    )]
    MissionNotInAci {
        /// The mission.
        mission: Mission,
        /// The sets in force during the contract, none of which defines it.
        parameter_sets: Vec<String>,
    },
    /// A mission starting before the signature.
    #[error("mission {mission} starts on {start}, before the signature ({signed_on})")]
    MissionBeforeSignature {
        /// The mission.
        mission: Mission,
        /// Its start.
        start: NaiveDate,
        /// The signature.
        signed_on: NaiveDate,
    },
    /// A mission starting before it applies (the crisis mission before 3 Sep 2022).
    #[error("mission {mission} starts on {start}, before it applies ({applies_from})")]
    MissionBeforeItApplies {
        /// The mission.
        mission: Mission,
        /// Its start.
        start: NaiveDate,
        /// First day it applies.
        applies_from: NaiveDate,
    },
    /// A mission socle starting after its deadline.
    #[error("mission {mission} starts on {start}, after its deadline ({deadline})")]
    MissionAfterDeadline {
        /// The mission.
        mission: Mission,
        /// Its start.
        start: NaiveDate,
        /// Last day on time.
        deadline: NaiveDate,
    },
    /// A mission socle deployed after its deadline.
    #[error("mission {mission} is deployed on {deployment}, after its deadline ({deadline})")]
    DeploymentAfterDeadline {
        /// The mission.
        mission: Mission,
        /// Its deployment.
        deployment: NaiveDate,
        /// Last day on time.
        deadline: NaiveDate,
    },
    /// A deployment date without a start, or before it.
    #[error("mission {mission}: deployment {deployment} without a start on or before it")]
    DeploymentBeforeStart {
        /// The mission.
        mission: Mission,
        /// Its deployment.
        deployment: NaiveDate,
    },
    /// A mission starting after the contract's last day.
    #[error("mission {mission} starts on {start}, after the contract's last day ({last_day})")]
    MissionAfterContractEnd {
        /// The mission.
        mission: Mission,
        /// Its start.
        start: NaiveDate,
        /// Last day of the contract.
        last_day: NaiveDate,
    },
    /// An amount out of range, or with fractions of a cent.
    #[error("{field} = {value}: an amount from 0 to 1 000 000 000 €, to the cent, is expected")]
    InvalidAmount {
        /// The field.
        field: String,
        /// The amount.
        #[serde(with = "crate::aci::money::decimal_string")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        value: Decimal,
    },
    /// Indicators of a mission adding up to more than its variable envelope.
    #[error(
        "mission {mission}: indicators add up to {indicators_total}, more than the variable envelope {variable_envelope}"
    )]
    IndicatorsExceedVariableEnvelope {
        /// The mission.
        mission: Mission,
        /// Sum of the indicators' maxima.
        #[serde(with = "crate::aci::money::cents")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        indicators_total: Decimal,
        /// The variable envelope.
        #[serde(with = "crate::aci::money::cents")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        variable_envelope: Decimal,
    },
    /// Two indicators with the same id.
    #[error("indicator id « {id} » is used twice")]
    RepeatedIndicator {
        /// The id.
        id: String,
    },
    /// An indicator that breaks a rule.
    #[error("indicator « {id} »: {rule}")]
    InvalidIndicator {
        /// The id.
        id: String,
        /// The rule broken.
        rule: crate::messages::Bilingual,
    },
    /// A crisis activation amount on another mission.
    #[error("mission {mission} has a crisis activation amount; only the crisis mission may")]
    CrisisActivationOnOtherMission {
        /// The mission.
        mission: Mission,
    },
    /// A limit of crisis activations of zero.
    #[error("crisis_activations_per_year must be at least 1")]
    InvalidCrisisLimit,
    /// A date computation out of range.
    #[error("{what}: date out of the supported range")]
    DateOutOfRange {
        /// What was computed.
        what: crate::messages::Bilingual,
    },
}

/// A contract checked against a parameter catalogue, with its parameter set and its years:
/// validate once, then evaluate years and schedules without checking again.
///
/// ```
/// use cpts_core::aci::{Contract, ParameterCatalogue, PaymentConventions};
/// let catalogue = ParameterCatalogue::embedded().unwrap();
/// let contract: Contract = serde_json::from_str(r#"{"name": "CPTS", "signed_on": "2021-03-01",
///     "population": 45000, "taille": 2, "missions": [
///     {"mission": "acces_aux_soins", "fixed_envelope": "0", "variable_envelope": "0"},
///     {"mission": "parcours_pluriprofessionnels", "fixed_envelope": "0", "variable_envelope": "0"},
///     {"mission": "prevention", "fixed_envelope": "0", "variable_envelope": "0"}]}"#).unwrap();
/// let valid = contract.validated(&catalogue, &PaymentConventions::default()).unwrap();
/// assert_eq!(valid.parameter_set().id(), "aci_2019");
/// assert_eq!(valid.years().len(), 5);
/// ```
#[derive(Debug, Clone)]
pub struct ValidContract<'a> {
    pub(crate) contract: &'a Contract,
    pub(crate) catalogue: &'a ParameterCatalogue,
    pub(crate) set: &'a ParameterSet,
    pub(crate) conventions: PaymentConventions,
    pub(crate) years: Vec<ContractYear>,
    pub(crate) sources: super::year::SharedSources,
    /// The rule of each of the contract's missions, in the contract's order.
    pub(crate) rules: Vec<RuleInContract<'a>>,
}

/// The rule of one of a contract's missions, and the rank its payments sort by: its place in
/// the list of the set in force at signature (the order of L1434-12-2 in the embedded sets),
/// then, for a mission a later set adds, after them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleInContract<'a> {
    pub rule: &'a MissionRule,
    pub rank: usize,
}

impl<'a> ValidContract<'a> {
    /// The contract.
    pub fn contract(&self) -> &'a Contract {
        self.contract
    }

    /// The parameter set in force at signature.
    pub fn parameter_set(&self) -> &'a ParameterSet {
        self.set
    }

    /// The conventions it was checked with.
    pub fn conventions(&self) -> &PaymentConventions {
        &self.conventions
    }

    /// The contract years.
    pub fn years(&self) -> &[ContractYear] {
        &self.years
    }

    /// The rule of each of the contract's missions, in the contract's order: from the set in
    /// force at signature, or the first later set of the contract's period that defines it.
    pub fn mission_rules(&self) -> impl Iterator<Item = &'a MissionRule> + '_ {
        self.rules.iter().map(|r| r.rule)
    }

    /// The rank a mission's payments sort by ([`usize::MAX`] for a mission not in the
    /// contract).
    pub(crate) fn rank(&self, mission: Option<Mission>) -> usize {
        match mission {
            None => 0,
            Some(m) => self
                .contract
                .missions
                .iter()
                .zip(&self.rules)
                .find(|(cm, _)| cm.mission == m)
                .map_or(usize::MAX, |(_, r)| r.rank),
        }
    }

    /// Contract year `k` (1-based).
    pub fn year(&self, k: u32) -> Result<ContractYear, FundingError> {
        self.years
            .iter()
            .copied()
            .find(|y| y.year == k)
            .ok_or(FundingError::YearOutOfContract {
                year: k,
                years: u32::try_from(self.years.len()).unwrap_or(u32::MAX),
            })
    }
}

/// Every rule a contract breaks.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct ContractErrors(pub Vec<ContractError>);

/// How [`FundingError::InvalidContract`](super::FundingError::InvalidContract) carries the
/// list: under `errors`, next to the `error` tag.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ContractErrorsField<'a> {
    /// Every rule broken.
    errors: &'a [ContractError],
}

pub(crate) fn serialize_errors_field<S: serde::Serializer>(
    errors: &ContractErrors,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    ContractErrorsField { errors: &errors.0 }.serialize(serializer)
}

impl fmt::Display for ContractErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the contract breaks {} rule(s): ", self.0.len())?;
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Where a mission first appears in the catalogue (sets oldest first, each in its order).
fn catalogue_rank(catalogue: &ParameterCatalogue, mission: Mission) -> usize {
    catalogue
        .sets()
        .iter()
        .flat_map(|s| s.missions())
        .position(|r| r.mission == mission)
        .unwrap_or(0)
}

impl Contract {
    /// The parameter set in force at signature.
    pub fn parameter_set<'a>(
        &self,
        catalogue: &'a ParameterCatalogue,
    ) -> Result<&'a ParameterSet, FundingError> {
        catalogue.in_force_on(self.signed_on)
    }

    /// The contract years under the duration of the set in force at signature (5 years).
    pub fn years(
        &self,
        catalogue: &ParameterCatalogue,
        conventions: &PaymentConventions,
    ) -> Result<Vec<ContractYear>, FundingError> {
        let set = self.parameter_set(catalogue)?;
        let count = set.contract_duration_months().value / 12;
        (1..=count)
            .map(|k| self.year(k, count, conventions))
            .collect()
    }

    /// Contract year `k` (1-based), out of `count`.
    pub(crate) fn year(
        &self,
        k: u32,
        count: u32,
        conventions: &PaymentConventions,
    ) -> Result<ContractYear, FundingError> {
        if k == 0 || k > count {
            return Err(FundingError::YearOutOfContract {
                year: k,
                years: count,
            });
        }
        let months = conventions.month_arithmetic;
        let out = || FundingError::Overflow {
            what: crate::messages::rules::contract_year(k),
        };
        let first_day = months
            .add_months(self.signed_on, 12 * (k - 1))
            .ok_or_else(out)?;
        let end = months.add_months(self.signed_on, 12 * k).ok_or_else(out)?;
        let last_day = end.pred_opt().ok_or_else(out)?;
        Ok(ContractYear {
            year: k,
            first_day,
            last_day,
            days: (end - first_day).num_days(),
        })
    }

    /// The contract year holding `date`, if any.
    pub fn year_of(&self, date: NaiveDate, years: &[ContractYear]) -> Option<ContractYear> {
        years.iter().copied().find(|y| y.contains(date))
    }

    /// The rule of a mission for this contract: from the first parameter set in force during
    /// the contract that provides it (the crisis mission, added by avenant 2, applies to
    /// contracts signed before it).
    pub fn mission_rule<'a>(
        &self,
        mission: Mission,
        catalogue: &'a ParameterCatalogue,
        last_day: NaiveDate,
    ) -> Option<&'a MissionRule> {
        self.period_sets(catalogue, last_day)
            .find_map(|s| s.mission_rule(mission))
    }

    /// The sets in force during the contract (from its signature to `last_day`), oldest
    /// first.
    fn period_sets<'a>(
        &self,
        catalogue: &'a ParameterCatalogue,
        last_day: NaiveDate,
    ) -> impl Iterator<Item = &'a ParameterSet> {
        let signed_on = self.signed_on;
        catalogue.sets().iter().filter(move |s| {
            s.valid_from() <= last_day && s.valid_until().is_none_or(|u| u >= signed_on)
        })
    }

    /// The ids of the sets in force during the contract, as an error names them.
    fn sets_of_period(&self, catalogue: &ParameterCatalogue, last_day: NaiveDate) -> Vec<String> {
        self.period_sets(catalogue, last_day)
            .map(|s| s.id().to_owned())
            .collect()
    }

    /// The contract's mission entry.
    pub fn mission(&self, mission: Mission) -> Option<&ContractMission> {
        self.missions.iter().find(|m| m.mission == mission)
    }

    /// Checks the contract and returns the handle that computes its years and schedule.
    pub fn validated<'a>(
        &'a self,
        catalogue: &'a ParameterCatalogue,
        conventions: &PaymentConventions,
    ) -> Result<ValidContract<'a>, FundingError> {
        self.validate_with(catalogue, conventions)?;
        let set = self.parameter_set(catalogue)?;
        let years = self.years(catalogue, conventions)?;
        let last_day = years.last().map_or(self.signed_on, |y| y.last_day);
        let rules = self
            .missions
            .iter()
            .map(|m| {
                let rule = self.mission_rule(m.mission, catalogue, last_day)?;
                let rank = set
                    .missions()
                    .iter()
                    .position(|r| r.mission == m.mission)
                    .unwrap_or_else(|| MAX_MISSIONS + catalogue_rank(catalogue, m.mission));
                Some(RuleInContract { rule, rank })
            })
            .collect::<Option<Vec<_>>>()
            // Unreachable: validation found a rule for every mission.
            .ok_or(FundingError::Overflow {
                what: crate::messages::rules::CONTRACT_LAST_DAY,
            })?;
        Ok(ValidContract {
            contract: self,
            catalogue,
            set,
            conventions: *conventions,
            years,
            sources: super::year::SharedSources::new(),
            rules,
        })
    }

    /// Checks the contract against the catalogue with the default conventions; reports every
    /// problem at once.
    pub fn validate(&self, catalogue: &ParameterCatalogue) -> Result<(), ContractErrors> {
        self.validate_with(catalogue, &PaymentConventions::default())
    }

    /// Checks the contract against the catalogue; reports every problem at once.
    pub fn validate_with(
        &self,
        catalogue: &ParameterCatalogue,
        conventions: &PaymentConventions,
    ) -> Result<(), ContractErrors> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty()
            || self.name.chars().count() > 300
            || self.name.chars().any(char::is_control)
        {
            errors.push(ContractError::InvalidName {
                value: crate::identifiers::shown(&self.name),
            });
        }
        if self.crisis_activations_per_year == Some(0) {
            errors.push(ContractError::InvalidCrisisLimit);
        }
        let amount =
            |errors: &mut Vec<ContractError>, field: &dyn Fn() -> String, value: Decimal| {
                if !crate::aci::money::is_valid_amount(value) {
                    errors.push(ContractError::InvalidAmount {
                        field: field(),
                        value,
                    });
                }
            };
        if let Some(f) = self.fonctionnement {
            amount(&mut errors, &|| "fonctionnement".into(), f);
        }
        let Ok(set) = self.parameter_set(catalogue) else {
            errors.push(ContractError::NoAciAtSignature {
                signed_on: self.signed_on,
            });
            return Err(ContractErrors(errors));
        };
        if let Some(stated) = &self.parameter_set
            && stated != set.id()
        {
            errors.push(ContractError::ParameterSetMismatch {
                stated: stated.clone(),
                in_force: set.id().to_owned(),
            });
        }
        if let Ok(band) = set.band(self.population)
            && band.taille != self.taille
        {
            errors.push(ContractError::BandMismatch {
                population: self.population,
                stated: self.taille,
                expected: band.taille,
                range: band.label_fr(),
            });
        }
        let count = set.contract_duration_months().value / 12;
        let last_day = match self.year(count, count, conventions) {
            Ok(y) => y.last_day,
            Err(_) => {
                errors.push(ContractError::DateOutOfRange {
                    what: crate::messages::rules::CONTRACT_LAST_DAY,
                });
                return Err(ContractErrors(errors));
            }
        };
        for mission in set.socles_on(self.signed_on) {
            if self.mission(mission).is_none() {
                errors.push(ContractError::MissingSocleMission { mission });
            }
        }
        let all_ids: Vec<&str> = self
            .missions
            .iter()
            .flat_map(|m| m.indicators.iter().map(|i| &*i.id))
            .collect();
        let repeated = super::ids::repeats(&all_ids);
        let mut position = 0usize;
        let mut listed = std::collections::BTreeSet::new();
        for (i, m) in self.missions.iter().enumerate() {
            if !listed.insert(m.mission) {
                errors.push(ContractError::RepeatedMission { mission: m.mission });
            }
            let field = |f: &'static str| move || format!("missions[{i}].{f}");
            amount(&mut errors, &field("fixed_envelope"), m.fixed_envelope);
            amount(
                &mut errors,
                &field("variable_envelope"),
                m.variable_envelope,
            );
            if let Some(a) = m.crisis_activation_amount {
                amount(&mut errors, &field("crisis_activation_amount"), a);
            }
            let mut total = Decimal::ZERO;
            for ind in &m.indicators {
                let is_repeat = repeated.get(position).copied().unwrap_or(false);
                position += 1;
                if is_repeat {
                    errors.push(ContractError::RepeatedIndicator {
                        id: crate::identifiers::shown(&ind.id),
                    });
                }
                errors.extend(ind.problems());
                // Saturating: the sum is only compared with the envelope (each maximum is
                // checked against its own bound above).
                total = total.saturating_add(ind.max_amount);
            }
            if total > m.variable_envelope {
                errors.push(ContractError::IndicatorsExceedVariableEnvelope {
                    mission: m.mission,
                    indicators_total: total,
                    variable_envelope: m.variable_envelope,
                });
            }
            match (m.start, m.deployment) {
                (None, Some(deployment)) => errors.push(ContractError::DeploymentBeforeStart {
                    mission: m.mission,
                    deployment,
                }),
                (Some(start), Some(deployment)) if deployment < start => {
                    errors.push(ContractError::DeploymentBeforeStart {
                        mission: m.mission,
                        deployment,
                    })
                }
                _ => {}
            }
            let Some(rule) = self.mission_rule(m.mission, catalogue, last_day) else {
                errors.push(ContractError::MissionNotInAci {
                    mission: m.mission,
                    parameter_sets: self.sets_of_period(catalogue, last_day),
                });
                continue;
            };
            if m.crisis_activation_amount.is_some() && !rule.crisis_activation {
                errors.push(ContractError::CrisisActivationOnOtherMission { mission: m.mission });
            }
            if let Some(start) = m.start {
                if start < self.signed_on {
                    errors.push(ContractError::MissionBeforeSignature {
                        mission: m.mission,
                        start,
                        signed_on: self.signed_on,
                    });
                } else if start < rule.applies_from {
                    errors.push(ContractError::MissionBeforeItApplies {
                        mission: m.mission,
                        start,
                        applies_from: rule.applies_from,
                    });
                }
                if start > last_day {
                    errors.push(ContractError::MissionAfterContractEnd {
                        mission: m.mission,
                        start,
                        last_day,
                    });
                }
            }
            if rule.obligation == Obligation::Socle {
                match rule.deadlines(
                    self.signed_on,
                    conventions.deadline_anchor,
                    conventions.month_arithmetic,
                ) {
                    Some((start_deadline, deploy_deadline)) => {
                        if let Some(start) = m.start.filter(|s| *s > start_deadline) {
                            errors.push(ContractError::MissionAfterDeadline {
                                mission: m.mission,
                                start,
                                deadline: start_deadline,
                            });
                        }
                        if let Some(deployment) = m.deployment.filter(|d| *d > deploy_deadline) {
                            errors.push(ContractError::DeploymentAfterDeadline {
                                mission: m.mission,
                                deployment,
                                deadline: deploy_deadline,
                            });
                        }
                    }
                    None => errors.push(ContractError::DateOutOfRange {
                        what: crate::messages::rules::deadlines_of(m.mission),
                    }),
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ContractErrors(errors))
        }
    }
}
