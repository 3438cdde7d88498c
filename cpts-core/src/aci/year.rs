//! A contract year's results: the variable part earned per indicator and per mission, and
//! the crisis activation due.
//!
//! Crisis activation: when a crisis recognised by the ARS is recorded in contract year k, the
//! activation amount of the contract is due for that year, at most once per contract year
//! unless the contract says otherwise (`crisis_activations_per_year`). The amount is contract
//! data: official per-band amounts are not established.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::FundingError;
use super::contract::{Contract, ContractYear};
use super::conventions::PaymentConventions;
use super::explanation::Explanation;
use super::indicators::IndicatorResult;
use super::money::euros;
use super::parameters::ParameterCatalogue;
use crate::missions::Mission;

/// A crisis recognised by the ARS (or the préfet, or the minister: sources differ on who
/// recognises it; the record names the authority).
///
/// JSON: `{"recognised_on": "2024-01-10", "authority": "DG ARS Île-de-France", "label": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisRecognition {
    /// Date of recognition.
    pub recognised_on: NaiveDate,
    /// Who recognised it.
    pub authority: String,
    /// What the crisis is.
    pub label: String,
}

/// What was measured for contract year `year`.
///
/// JSON: `{"year": 5, "indicators": [...], "crises": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
/// JSON: `{"indicator": "...", "label": "...", "earned": "2500", "max_amount": "3500"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorOutcome {
    /// The indicator's id.
    pub indicator: String,
    /// Its wording.
    pub label: String,
    /// What it earned.
    pub earned: Decimal,
    /// Its maximum.
    pub max_amount: Decimal,
}

/// One mission's results for the year.
///
/// JSON: `{"mission": "...", "started": true, "variable_earned": "...", "variable_envelope": "...",
/// "indicators": [...], "crisis_activations": 0, "crisis_activation": "0"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionYearResult {
    /// The mission.
    pub mission: Mission,
    /// True when the mission started on or before the last day of the year (only then do
    /// its indicators count).
    pub started: bool,
    /// Variable part earned.
    pub variable_earned: Decimal,
    /// Its envelope.
    pub variable_envelope: Decimal,
    /// Per indicator.
    pub indicators: Vec<IndicatorOutcome>,
    /// Crisis activations due (crisis mission only).
    pub crisis_activations: u32,
    /// Crisis activation amount due.
    pub crisis_activation: Decimal,
    /// Why the variable part is what it is (one leaf per indicator).
    pub variable_explanation: Explanation,
    /// Why the crisis activation is due, when it is.
    pub crisis_explanation: Option<Explanation>,
}

/// A contract year's evaluation.
///
/// JSON: `{"year": {...}, "missions": [...], "variable_total": "...",
/// "crisis_activation_total": "...", "total": "...", "explanation": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEvaluation {
    /// The contract year.
    pub year: ContractYear,
    /// Per mission, in the order of the contract.
    pub missions: Vec<MissionYearResult>,
    /// Variable part, all missions.
    pub variable_total: Decimal,
    /// Crisis activation due.
    pub crisis_activation_total: Decimal,
    /// Variable part plus crisis activation, paid at the anniversary closing the year.
    pub total: Decimal,
    /// Why.
    pub explanation: Explanation,
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
    contract.validate_with(catalogue, conventions)?;
    let set = contract.parameter_set(catalogue)?;
    let count = set.contract_duration_months().value / 12;
    let year = contract.year(results.year, count, conventions)?;
    evaluate_valid_year(contract, year, results, conventions, set.id())
}

/// [`evaluate_year`] for a contract already validated and a year already computed.
pub(crate) fn evaluate_valid_year(
    contract: &Contract,
    year: ContractYear,
    results: &YearResults,
    conventions: &PaymentConventions,
    parameter_set: &str,
) -> Result<YearEvaluation, FundingError> {
    let k = year.year;
    // Every result must name a known indicator, once.
    for (i, r) in results.indicators.iter().enumerate() {
        if results.indicators[..i]
            .iter()
            .any(|o| o.indicator == r.indicator)
        {
            return Err(FundingError::RepeatedResult {
                indicator: r.indicator.clone(),
            });
        }
        let owner = contract
            .missions
            .iter()
            .find(|m| m.indicators.iter().any(|ind| ind.id == r.indicator));
        match owner {
            None => {
                return Err(FundingError::UnknownIndicator {
                    indicator: r.indicator.clone(),
                });
            }
            Some(m) if m.start.is_none_or(|s| s > year.last_day) => {
                return Err(FundingError::MissionNotStarted {
                    indicator: r.indicator.clone(),
                    mission: m.mission,
                    year: k,
                });
            }
            Some(_) => {}
        }
    }
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
    let crisis_mission = contract.mission(Mission::CrisesSanitairesGraves);
    if !results.crises.is_empty() && crisis_mission.is_none() {
        return Err(FundingError::NoCrisisMission);
    }

    let mut missions = Vec::new();
    for m in &contract.missions {
        let started = m.start.is_some_and(|s| s <= year.last_day);
        let mut outcomes = Vec::new();
        let mut leaves = Vec::new();
        if started {
            for ind in &m.indicators {
                let result = results
                    .indicators
                    .iter()
                    .find(|r| r.indicator == ind.id)
                    .ok_or_else(|| FundingError::MissingResult {
                        indicator: ind.id.clone(),
                        mission: m.mission,
                        year: k,
                    })?;
                let e = ind.earned(
                    &result.measure,
                    conventions.tier_comparison,
                    conventions.rounding,
                )?;
                outcomes.push(IndicatorOutcome {
                    indicator: ind.id.clone(),
                    label: ind.label.clone(),
                    earned: e.amount,
                    max_amount: ind.max_amount,
                });
                leaves.push(e);
            }
        }
        let variable = Explanation::sum(
            format!("Part variable, mission {}, année {k}", m.mission.label_fr()),
            leaves,
        )
        .with_rule("somme des montants gagnés par les indicateurs de la mission (contrat)")
        .with_input("Enveloppe variable (contrat)", euros(m.variable_envelope))
        .with_input(
            "Mission démarrée avant la fin de l'année",
            if started { "oui" } else { "non" },
        );
        let variable_earned = variable.amount;

        let (activations, activation, crisis_explanation) = match (
            m.mission,
            m.crisis_activation_amount,
        ) {
            (Mission::CrisesSanitairesGraves, amount) if !results.crises.is_empty() => {
                let limit = contract
                    .crisis_activations_per_year
                    .unwrap_or(conventions.crisis_activations_per_year);
                let due = u32::try_from(results.crises.len())
                    .unwrap_or(u32::MAX)
                    .min(limit);
                let Some(amount) = amount else {
                    return Err(FundingError::MissingParameter {
                        parameter: "crisis_activation".into(),
                        taille: Some(contract.taille),
                        parameter_set: parameter_set.to_owned(),
                        note: Some("the crisis activation amount is contract data: state crisis_activation_amount on the crisis mission".into()),
                    });
                };
                let total = amount * Decimal::from(due);
                let crises = results
                    .crises
                    .iter()
                    .map(|c| {
                        format!(
                            "{} ({}, {})",
                            c.label,
                            c.authority,
                            c.recognised_on.format("%d/%m/%Y")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ; ");
                let e = Explanation::leaf(format!("Activation de la mission de crise, année {k}"), total)
                        .with_rule("en cas de crise reconnue par l'ARS dans l'année du contrat, le montant d'activation du contrat est dû, au plus le nombre de fois par année que fixe le contrat (1 par défaut, convention)")
                        .with_input("Crises reconnues dans l'année", crises)
                        .with_input("Activations dues", due.to_string())
                        .with_input("Montant d'activation (contrat)", euros(amount));
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
    let children = missions
        .iter()
        .flat_map(|m| {
            std::iter::once(m.variable_explanation.clone()).chain(m.crisis_explanation.clone())
        })
        .collect();
    let variable_total: Decimal = missions.iter().map(|m| m.variable_earned).sum();
    let crisis_activation_total: Decimal = missions.iter().map(|m| m.crisis_activation).sum();
    let explanation = Explanation::sum(
        format!(
            "Part variable et activation de crise, année {k} du contrat ({} au {})",
            year.first_day.format("%d/%m/%Y"),
            year.last_day.format("%d/%m/%Y")
        ),
        children,
    );
    Ok(YearEvaluation {
        year,
        missions,
        variable_total,
        crisis_activation_total,
        total: explanation.amount,
        explanation,
    })
}
