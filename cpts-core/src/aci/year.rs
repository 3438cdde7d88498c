//! A contract year's results: the variable part earned per indicator and per mission, and
//! the crisis activation due.
//!
//! Crisis activation: when a crisis recognised by the ARS is recorded in contract year k, the
//! activation amount of the contract is due for that year, at most once per contract year
//! unless the contract says otherwise (`crisis_activations_per_year`), and only for a crisis
//! recognised once the crisis mission has started (convention
//! [`CrisisActivation`]: the activation pays for putting
//! the crisis plan to work). The amount is contract data: official per-band amounts are not
//! established.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::FundingError;
use super::contract::{Contract, ContractMission, ContractYear, ValidContract};
use super::conventions::{CrisisActivation, PaymentConventions};
use super::explanation::{Detail, Explanation, InputValue, Text};
use super::indicators::IndicatorResult;
use super::money::checked_sum;
use super::parameters::ParameterCatalogue;
use crate::missions::Mission;
use crate::source::{Quality, Source};

/// A crisis recognised by the ARS (or the préfet, or the minister: sources differ on who
/// recognises it; the record names the authority).
///
/// JSON: `{"recognised_on": "2024-01-10", "authority": "DG ARS Île-de-France", "label": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrisisRecognition {
    /// Date of recognition.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub recognised_on: NaiveDate,
    /// Who recognised it.
    pub authority: String,
    /// What the crisis is.
    pub label: String,
}

/// What was measured for contract year `year`.
///
/// JSON: `{"year": 5, "indicators": [...], "crises": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearResults {
    /// The contract year, from 1.
    pub year: u32,
    /// One result per indicator of every mission started by the end of the year.
    #[serde(default)]
    pub indicators: Vec<IndicatorResult>,
    /// Crises recognised during the year.
    #[serde(default)]
    pub crises: Vec<CrisisRecognition>,
}

/// What one indicator earned.
///
/// JSON: `{"indicator": "...", "earned": "2500", "max_amount": "3500"}` (the wording is in the
/// mission's explanation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorOutcome {
    /// The indicator's id.
    pub indicator: Arc<str>,
    /// What it earned.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub earned: Decimal,
    /// Its maximum.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub max_amount: Decimal,
}

/// One mission's results for the year.
///
/// JSON: `{"mission": "...", "started": true, "variable_earned": "...", "variable_envelope": "...",
/// "indicators": [...], "crisis_activations": 0, "crisis_activation": "0"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionYearResult {
    /// The mission.
    pub mission: Mission,
    /// True when the mission started on or before the last day of the year (only then do
    /// its indicators count).
    pub started: bool,
    /// Variable part earned.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub variable_earned: Decimal,
    /// Its envelope.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub variable_envelope: Decimal,
    /// Per indicator.
    pub indicators: Vec<IndicatorOutcome>,
    /// Crisis activations due (crisis mission only).
    pub crisis_activations: u32,
    /// Crisis activation amount due.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub crisis_activation: Decimal,
    /// Why the variable part is what it is (one leaf per indicator).
    pub variable_explanation: Explanation,
    /// Why the crisis activation is due, when it is.
    pub crisis_explanation: Option<Explanation>,
}

/// A contract year's evaluation.
///
/// JSON: `{"year": {...}, "missions": [...], "variable_total": "...",
/// "crisis_activation_total": "...", "total": "..."}`; each mission carries its explanation,
/// and [`YearEvaluation::explanation`] assembles the whole tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearEvaluation {
    /// The contract year.
    pub year: ContractYear,
    /// Per mission, in the order of the contract.
    pub missions: Vec<MissionYearResult>,
    /// Variable part, all missions.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub variable_total: Decimal,
    /// Crisis activation due.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub crisis_activation_total: Decimal,
    /// Variable part plus crisis activation, paid at the anniversary closing the year.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub total: Decimal,
}

impl YearEvaluation {
    /// The explanation of the year's total: one child per mission's variable part, and the
    /// crisis activation when due.
    pub fn explanation(&self) -> Explanation {
        let children = self
            .missions
            .iter()
            .flat_map(|m| {
                std::iter::once(m.variable_explanation.clone()).chain(m.crisis_explanation.clone())
            })
            .collect();
        Explanation::sum(
            format!(
                "Part variable et activation de crise, année {} du contrat ({} au {})",
                self.year.year,
                crate::messages::date_fr(self.year.first_day),
                crate::messages::date_fr(self.year.last_day)
            ),
            children,
        )
    }
}

/// Evaluates contract year `results.year`: validates the contract, then computes every
/// indicator of every mission started by the end of the year, and the crisis activation.
///
/// Results are independent of the order indicators or missions are listed in.
pub fn evaluate_year(
    contract: &Contract,
    catalogue: &ParameterCatalogue,
    results: &YearResults,
    conventions: &PaymentConventions,
) -> Result<YearEvaluation, FundingError> {
    contract
        .validated(catalogue, conventions)?
        .evaluate_year(results)
}

impl ValidContract<'_> {
    /// Evaluates contract year `results.year` (see [`evaluate_year`]), without checking the
    /// contract again.
    pub fn evaluate_year(&self, results: &YearResults) -> Result<YearEvaluation, FundingError> {
        self.evaluate_year_at(results, Detail::Full)
    }

    /// [`ValidContract::evaluate_year`], its explanations built only as far as `detail`
    /// needs: with [`Detail::Amounts`] each explanation is its label and its amount (the
    /// amounts are the same at every level); with [`Detail::Summary`], as with
    /// [`Detail::Full`] (an answer leaves the inputs out when it is written).
    pub fn evaluate_year_at(
        &self,
        results: &YearResults,
        detail: Detail,
    ) -> Result<YearEvaluation, FundingError> {
        let year = self.year(results.year)?;
        evaluate_valid_year(
            self.contract,
            year,
            results,
            &self.conventions,
            Provenance {
                parameter_set: self.set.id(),
                sources: &self.sources,
                rules: &self.rules,
            },
            detail,
        )
    }
}

/// The error for a result that no started mission's indicator used: the first such result,
/// in the order given (each looked up once: `O(n log n)`).
fn unused_result(contract: &Contract, results: &YearResults, year: ContractYear) -> FundingError {
    let owners: Vec<&ContractMission> = contract
        .missions
        .iter()
        .flat_map(|m| m.indicators.iter().map(move |_| m))
        .collect();
    let ids = super::ids::SortedIds::new(
        contract
            .missions
            .iter()
            .flat_map(|m| m.indicators.iter().map(|i| &*i.id)),
    );
    for r in &results.indicators {
        match ids.get(&r.indicator).and_then(|i| owners.get(i)) {
            None => {
                return FundingError::UnknownIndicator {
                    indicator: crate::identifiers::shown(&r.indicator),
                };
            }
            Some(m) if m.start.is_none_or(|s| s > year.last_day) => {
                return FundingError::MissionNotStarted {
                    indicator: crate::identifiers::shown(&r.indicator),
                    mission: m.mission,
                    year: year.year,
                };
            }
            Some(_) => {}
        }
    }
    FundingError::Overflow {
        what: crate::messages::rules::INDICATOR_RESULTS,
    }
}

/// Sources shared by the explanations of one computation.
#[derive(Debug, Clone)]
pub(crate) struct SharedSources {
    /// This library's conventions.
    pub convention: Arc<Source>,
    /// The CPTS's contract.
    pub contract: Arc<Source>,
}

impl SharedSources {
    pub(crate) fn new() -> Self {
        SharedSources {
            convention: Arc::new(crate::source::cited::LIBRARY_CONVENTION),
            contract: Arc::new(Source::fixed(
                "contrat ACI de la CPTS",
                None,
                None,
                Quality::Contract,
            )),
        }
    }
}

/// Where an evaluation's figures come from: the parameter set's id and the shared sources.
#[derive(Clone, Copy)]
pub(crate) struct Provenance<'a> {
    pub parameter_set: &'a str,
    pub sources: &'a SharedSources,
    /// The rule of each of the contract's missions, in the contract's order.
    pub rules: &'a [super::contract::RuleInContract<'a>],
}

/// [`evaluate_year`] for a contract already validated and a year already computed.
///
/// Results are usually listed in the contract's order: a first pass pairs each indicator
/// with the next result and checks their ids as it goes. When they do not pair that way, or
/// anything is wrong, the general pass answers (results looked up by id, each once, with
/// its precise error): a pass in order that succeeds pairs every indicator with the result
/// of its id (the contract's ids are unique), so both passes give the same answers.
pub(crate) fn evaluate_valid_year(
    contract: &Contract,
    year: ContractYear,
    results: &YearResults,
    conventions: &PaymentConventions,
    provenance: Provenance<'_>,
    detail: Detail,
) -> Result<YearEvaluation, FundingError> {
    let pass = |by_id: Option<&super::ids::SortedIds<'_>>| {
        evaluate_pass(
            contract,
            year,
            results,
            conventions,
            provenance,
            detail,
            by_id,
        )
    };
    pass(None).or_else(|_| {
        let ids: Vec<&str> = results
            .indicators
            .iter()
            .map(|r| r.indicator.as_str())
            .collect();
        if let Some(p) = super::ids::repeats(&ids).iter().position(|r| *r) {
            return Err(FundingError::RepeatedResult {
                indicator: crate::identifiers::shown(ids[p]),
            });
        }
        pass(Some(&super::ids::SortedIds::new(ids.into_iter())))
    })
}

/// One pass of [`evaluate_valid_year`]: results in the contract's order (`measures` is `None`;
/// a result that is not the next indicator's fails the pass) or looked up by id.
fn evaluate_pass(
    contract: &Contract,
    year: ContractYear,
    results: &YearResults,
    conventions: &PaymentConventions,
    Provenance {
        parameter_set,
        sources,
        rules,
    }: Provenance<'_>,
    detail: Detail,
    measures: Option<&super::ids::SortedIds<'_>>,
) -> Result<YearEvaluation, FundingError> {
    let k = year.year;
    let mut positional = results.indicators.iter();
    for c in &results.crises {
        if !year.contains(c.recognised_on) {
            return Err(FundingError::CrisisOutsideYear {
                recognised_on: c.recognised_on,
                year: k,
                first_day: year.first_day,
                last_day: year.last_day,
            });
        }
    }
    if !results.crises.is_empty() && !rules.iter().any(|r| r.rule.crisis_activation) {
        return Err(FundingError::NoCrisisMission);
    }

    let mut missions = Vec::with_capacity(contract.missions.len());
    let mut used = 0usize;
    for (m, rule) in contract.missions.iter().zip(rules) {
        let rule = rule.rule;
        let started = m.start.is_some_and(|s| s <= year.last_day);
        let mut outcomes = Vec::new();
        let mut leaves = Vec::new();
        if started {
            outcomes.reserve(m.indicators.len());
            if detail != Detail::Amounts {
                leaves.reserve(m.indicators.len());
            }
            for ind in &m.indicators {
                let found = match measures {
                    None => positional
                        .next()
                        .filter(|r| *r.indicator == *ind.id)
                        .map(|r| &r.measure),
                    Some(by_id) => by_id
                        .get(&ind.id)
                        .and_then(|i| results.indicators.get(i))
                        .map(|r| &r.measure),
                };
                let measure = found.ok_or_else(|| FundingError::MissingResult {
                    indicator: ind.id.to_string(),
                    mission: m.mission,
                    year: k,
                })?;
                used += 1;
                let earned = if detail == Detail::Amounts {
                    ind.earned_amount(measure, conventions.tier_comparison, conventions.rounding)?
                } else {
                    let e = ind.earned(
                        measure,
                        conventions.tier_comparison,
                        conventions.rounding,
                        &sources.convention,
                    )?;
                    let amount = e.amount;
                    leaves.push(e);
                    amount
                };
                outcomes.push(IndicatorOutcome {
                    indicator: Arc::clone(&ind.id),
                    earned,
                    max_amount: ind.max_amount,
                });
            }
        }
        let variable = if detail == Detail::Amounts {
            // The same sum as the explanation's, without its leaves.
            let earned = outcomes
                .iter()
                .fold(Decimal::ZERO, |total, o| total.saturating_add(o.earned));
            Explanation::leaf("Part variable", earned)
        } else {
            Explanation::sum("Part variable", leaves)
        };
        let variable = variable.explained(detail, |e| {
            e.with_input("Mission", InputValue::Text(Text::from(&rule.label_fr)))
                .with_input("Année du contrat", InputValue::Count(u64::from(k)))
                .with_rule("somme des montants gagnés par les indicateurs de la mission (contrat)")
                .with_sourced_input(
                    "Enveloppe variable",
                    InputValue::Amount(m.variable_envelope),
                    &sources.contract,
                )
                .with_input(
                    "Mission démarrée avant la fin de l'année",
                    InputValue::Flag(started),
                )
        });
        let variable_earned = variable.amount;

        let (activations, activation, crisis_explanation) = match (
            rule.crisis_activation,
            m.crisis_activation_amount,
        ) {
            (true, amount) if !results.crises.is_empty() => {
                let limit = contract
                    .crisis_activations_per_year
                    .unwrap_or(conventions.crisis_activations_per_year);
                let counts = |c: &&CrisisRecognition| match conventions.crisis_activation {
                    CrisisActivation::MissionStartedOnCrisisDay => {
                        m.start.is_some_and(|s| s <= c.recognised_on)
                    }
                    CrisisActivation::AnyCrisisInYear => true,
                };
                let counted = results.crises.iter().filter(counts).count();
                let due = u32::try_from(counted).unwrap_or(u32::MAX).min(limit);
                let Some(amount) = amount else {
                    return Err(FundingError::MissingParameter {
                        parameter: "crisis_activation".into(),
                        taille: Some(contract.taille),
                        parameter_set: parameter_set.to_owned(),
                        note: Some(crate::messages::rules::CRISIS_AMOUNT_IN_CONTRACT),
                    });
                };
                let total = amount.checked_mul(Decimal::from(due)).ok_or_else(|| {
                    FundingError::Overflow {
                        what: crate::messages::rules::crisis_activation(k),
                    }
                })?;
                let e = Explanation::leaf("Activation de la mission de crise", total).explained(detail, |e| {
                    let crises = results
                        .crises
                        .iter()
                        .map(|c| {
                            format!(
                                "{} ({}, {})",
                                c.label,
                                c.authority,
                                crate::messages::date_fr(c.recognised_on)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" ; ");
                    e.with_input("Année du contrat", InputValue::Count(u64::from(k)))
                        .with_rule(match conventions.crisis_activation {
                            CrisisActivation::MissionStartedOnCrisisDay => "en cas de crise reconnue par l'ARS dans l'année du contrat, une fois la mission de crise démarrée (son plan est alors à mettre en œuvre, convention), le montant d'activation du contrat est dû, au plus le nombre de fois par année que fixe le contrat (1 par défaut, convention)",
                            CrisisActivation::AnyCrisisInYear => "en cas de crise reconnue par l'ARS dans l'année du contrat, que la mission de crise ait démarré ou non (convention choisie), le montant d'activation du contrat est dû, au plus le nombre de fois par année que fixe le contrat (1 par défaut, convention)",
                        })
                        .with_input("Crises reconnues dans l'année", InputValue::Text(crises.into()))
                        .with_input(
                            "Démarrage de la mission de crise",
                            match m.start {
                                Some(start) => InputValue::Date(start),
                                None => InputValue::Text("non démarrée".into()),
                            },
                        )
                        .with_input("Crises retenues", InputValue::Count(u64::try_from(counted).unwrap_or(u64::MAX)))
                        .with_input("Activations dues", InputValue::Count(u64::from(due)))
                        .with_sourced_input("Montant d'activation", InputValue::Amount(amount), &sources.contract)
                });
                (due, total, Some(e))
            }
            _ => (0, Decimal::ZERO, None),
        };
        missions.push(MissionYearResult {
            mission: m.mission,
            started,
            variable_earned,
            variable_envelope: m.variable_envelope,
            indicators: outcomes,
            crisis_activations: activations,
            crisis_activation: activation,
            variable_explanation: variable,
            crisis_explanation,
        });
    }
    if used != results.indicators.len() {
        return Err(unused_result(contract, results, year));
    }
    use crate::messages::rules;
    let overflow =
        |what: fn(u32) -> crate::messages::Bilingual| FundingError::Overflow { what: what(k) };
    let variable_total = checked_sum(&mut missions.iter().map(|m| m.variable_earned))
        .ok_or_else(|| overflow(rules::variable_part))?;
    let crisis_activation_total = checked_sum(&mut missions.iter().map(|m| m.crisis_activation))
        .ok_or_else(|| overflow(rules::crisis_activation))?;
    Ok(YearEvaluation {
        year,
        total: variable_total
            .checked_add(crisis_activation_total)
            .ok_or_else(|| overflow(rules::year_total))?,
        missions,
        variable_total,
        crisis_activation_total,
    })
}
