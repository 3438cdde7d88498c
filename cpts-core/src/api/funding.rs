//! Operations of the ACI funding engine: contracts, contract years, payment schedules,
//! explanations, the PASS cap on indemnities.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ApiError, Engine, Operation};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::aci::{
    CapCheck, Contract, ContractError, ContractYear, Detail, FundingError, IndicatorOutcome,
    Payment, PaymentConventions, PaymentKind, PendingVariable, RemunerationRecord, Schedule,
    ScheduleOptions, YearEvaluation, YearResults, explanation::Explanation,
};
use crate::missions::Mission;

/// `validate_contract`: every rule a contract breaks, or its contract years.
#[derive(Debug)]
pub struct ValidateContract;

/// Input of `validate_contract`.
///
/// JSON: `{"contract": {...}, "conventions": {...}}` (`conventions` optional: the library's
/// documented defaults).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateContractInput {
    /// The contract.
    pub contract: Contract,
    /// The payment conventions.
    #[serde(default)]
    pub conventions: PaymentConventions,
}

/// Result of `validate_contract`. A contract that breaks rules is an answer (`valid: false`
/// and every rule broken), not a failed call.
///
/// JSON: `{"valid": true, "parameter_set": "aci_2019_avenant_2", "years": [...],
/// "errors": []}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ValidateContractOutput {
    /// True when the contract breaks no rule.
    pub valid: bool,
    /// The parameter set in force on its signature, when valid.
    pub parameter_set: Option<String>,
    /// Its contract years, when valid.
    pub years: Vec<ContractYear>,
    /// Every rule broken.
    pub errors: Vec<ContractError>,
}

impl Operation for ValidateContract {
    const NAME: &'static str = "validate_contract";
    const SUMMARY: &'static str = "Every rule an ACI contract breaks, or its contract years.";
    type Input = ValidateContractInput;
    type Output = ValidateContractOutput;

    fn run(
        engine: &Engine,
        input: ValidateContractInput,
    ) -> Result<ValidateContractOutput, ApiError> {
        match input
            .contract
            .validated(engine.catalogue(), &input.conventions)
        {
            Ok(valid) => Ok(ValidateContractOutput {
                valid: true,
                parameter_set: Some(valid.parameter_set().id().to_owned()),
                years: valid.years().to_vec(),
                errors: Vec::new(),
            }),
            Err(FundingError::InvalidContract(errors)) => Ok(ValidateContractOutput {
                valid: false,
                parameter_set: None,
                years: Vec::new(),
                errors: errors.0,
            }),
            Err(other) => Err(other.into()),
        }
    }
}

/// `evaluate_year`: the variable part and crisis activation of one contract year.
#[derive(Debug)]
pub struct EvaluateYear;

/// Input of `evaluate_year`.
///
/// JSON: `{"contract": {...}, "results": {"year": 1, "indicators": [...]}, "conventions":
/// {...}, "detail": "full"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateYearInput {
    /// The contract.
    pub contract: Contract,
    /// The year's measured results.
    pub results: YearResults,
    /// The payment conventions.
    #[serde(default)]
    pub conventions: PaymentConventions,
    /// How much explanation the answer carries: `"full"` (left out), `"summary"` or
    /// `"amounts"` (in a `funding_batch`, left out: the batch's `detail`).
    #[serde(default)]
    pub detail: Option<Detail>,
}

/// Result of `evaluate_year`: the year's evaluation ([`YearEvaluation`]), its explanations
/// at the level of detail asked for.
///
/// JSON: `{"year": {...}, "missions": [...], "variable_total": "...",
/// "crisis_activation_total": "...", "total": "..."}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EvaluateYearOutput {
    /// The contract year.
    pub year: ContractYear,
    /// Per mission, in the order of the contract.
    pub missions: Vec<MissionYearOutput>,
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

/// One mission's results for the year (see [`crate::aci::MissionYearResult`]).
#[derive(Debug, Serialize, JsonSchema)]
pub struct MissionYearOutput {
    /// The mission.
    pub mission: Mission,
    /// True when the mission started on or before the last day of the year.
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
    /// Why the variable part is what it is (one leaf per indicator); left out with
    /// `"detail": "amounts"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable_explanation: Option<Explanation>,
    /// Why the crisis activation is due (`null` when it is not); left out with `"detail":
    /// "amounts"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crisis_explanation: Option<Option<Explanation>>,
}

impl EvaluateYearOutput {
    /// The evaluation, its explanations at `detail`.
    pub fn new(evaluation: YearEvaluation, detail: Detail) -> Self {
        EvaluateYearOutput {
            year: evaluation.year,
            missions: evaluation
                .missions
                .into_iter()
                .map(|m| MissionYearOutput {
                    mission: m.mission,
                    started: m.started,
                    variable_earned: m.variable_earned,
                    variable_envelope: m.variable_envelope,
                    indicators: m.indicators,
                    crisis_activations: m.crisis_activations,
                    crisis_activation: m.crisis_activation,
                    variable_explanation: m.variable_explanation.at(detail),
                    crisis_explanation: (detail != Detail::Amounts)
                        .then(|| m.crisis_explanation.and_then(|e| e.at(detail))),
                })
                .collect(),
            variable_total: evaluation.variable_total,
            crisis_activation_total: evaluation.crisis_activation_total,
            total: evaluation.total,
        }
    }
}

impl Operation for EvaluateYear {
    const NAME: &'static str = "evaluate_year";
    const SUMMARY: &'static str =
        "The variable part and crisis activation of one contract year, explained.";
    type Input = EvaluateYearInput;
    type Output = EvaluateYearOutput;

    fn run(engine: &Engine, input: EvaluateYearInput) -> Result<EvaluateYearOutput, ApiError> {
        let detail = input.detail.unwrap_or_default();
        let evaluation = input
            .contract
            .validated(engine.catalogue(), &input.conventions)?
            .evaluate_year_at(&input.results, detail)?;
        Ok(EvaluateYearOutput::new(evaluation, detail))
    }
}

/// `payment_schedule`: every payment of the contract (advances, balances, lettre
/// d'intention aid), dated, with what stays pending.
#[derive(Debug)]
pub struct PaymentSchedule;

/// Input of `payment_schedule`.
///
/// JSON: `{"contract": {...}, "results": [...], "options": {"conventions": {...},
/// "lettre_intention": {...}}, "detail": "full"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentScheduleInput {
    /// The contract.
    pub contract: Contract,
    /// The results of the years already measured (the others stay pending).
    #[serde(default)]
    pub results: Vec<YearResults>,
    /// Conventions and lettre d'intention.
    #[serde(default)]
    pub options: ScheduleOptions,
    /// How much explanation the answer carries: `"full"` (left out), `"summary"` or
    /// `"amounts"` (in a `funding_batch`, left out: the batch's `detail`).
    #[serde(default)]
    pub detail: Option<Detail>,
}

/// Result of `payment_schedule`: the schedule ([`Schedule`]), each payment's explanation at
/// the level of detail asked for.
///
/// JSON: `{"contract": "...", "signed_on": "...", "parameter_set": "...", "conventions":
/// {...}, "years": [...], "payments": [...], "pending": [...], "total": "..."}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PaymentScheduleOutput {
    /// The contract's name.
    pub contract: String,
    /// Signature date.
    pub signed_on: NaiveDate,
    /// The parameter set in force at signature.
    pub parameter_set: String,
    /// The conventions applied.
    pub conventions: PaymentConventions,
    /// The contract years.
    pub years: Vec<ContractYear>,
    /// The payments, by date.
    pub payments: Vec<PaymentOutput>,
    /// Variable parts not yet measured (not in the total).
    pub pending: Vec<PendingVariable>,
    /// Sum of the payments.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub total: Decimal,
}

/// One payment (see [`Payment`]).
#[derive(Debug, Serialize, JsonSchema)]
pub struct PaymentOutput {
    /// Date due.
    pub date: NaiveDate,
    /// What it is for.
    pub kind: PaymentKind,
    /// The contract year it pays for (`null` for the lettre d'intention aid).
    pub contract_year: Option<u32>,
    /// The mission, for mission payments.
    pub mission: Option<Mission>,
    /// Amount in euros.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
    /// Why; left out with `"detail": "amounts"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

impl PaymentScheduleOutput {
    /// The schedule, its explanations at `detail`.
    pub fn new(schedule: Schedule, detail: Detail) -> Self {
        let payment = |p: Payment| PaymentOutput {
            date: p.date,
            kind: p.kind,
            contract_year: p.contract_year,
            mission: p.mission,
            amount: p.amount,
            explanation: p.explanation.at(detail),
        };
        PaymentScheduleOutput {
            contract: schedule.contract,
            signed_on: schedule.signed_on,
            parameter_set: schedule.parameter_set,
            conventions: schedule.conventions,
            years: schedule.years,
            payments: schedule.payments.into_iter().map(payment).collect(),
            pending: schedule.pending,
            total: schedule.total,
        }
    }
}

impl Operation for PaymentSchedule {
    const NAME: &'static str = "payment_schedule";
    const SUMMARY: &'static str =
        "Every dated payment of an ACI contract, with what stays pending, explained.";
    type Input = PaymentScheduleInput;
    type Output = PaymentScheduleOutput;

    fn run(
        engine: &Engine,
        input: PaymentScheduleInput,
    ) -> Result<PaymentScheduleOutput, ApiError> {
        let schedule = crate::aci::schedule::payment_schedule(
            &input.contract,
            engine.catalogue(),
            &input.results,
            &input.options,
        )?;
        Ok(PaymentScheduleOutput::new(
            schedule,
            input.detail.unwrap_or_default(),
        ))
    }
}

/// `explain`: the explanation tree of a year's evaluation or of a schedule, and its French
/// text.
#[derive(Debug)]
pub struct Explain;

/// Input of `explain`: what to explain.
///
/// JSON: `{"of": "year", "contract": {...}, "results": {...}}` or `{"of": "schedule",
/// "contract": {...}, "results": [...], "options": {...}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "of", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExplainInput {
    /// A contract year's variable part.
    Year {
        /// The contract.
        contract: Contract,
        /// The year's results.
        results: YearResults,
        /// The payment conventions.
        #[serde(default)]
        conventions: PaymentConventions,
    },
    /// A whole schedule.
    Schedule {
        /// The contract.
        contract: Contract,
        /// The results of the years measured.
        #[serde(default)]
        results: Vec<YearResults>,
        /// Conventions and lettre d'intention.
        #[serde(default)]
        options: ScheduleOptions,
    },
}

/// Result of `explain`.
///
/// JSON: `{"explanation": {"label": "...", "amount": "...", ...}, "text_fr": "..."}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ExplainOutput {
    /// The tree: each amount, its rule, its inputs with their sources, its parts.
    pub explanation: Explanation,
    /// The same, as indented French text.
    pub text_fr: String,
}

impl Operation for Explain {
    const NAME: &'static str = "explain";
    const SUMMARY: &'static str =
        "The explanation of a contract year or a schedule, as a tree and as French text.";
    type Input = ExplainInput;
    type Output = ExplainOutput;

    fn run(engine: &Engine, input: ExplainInput) -> Result<ExplainOutput, ApiError> {
        let explanation = match input {
            ExplainInput::Year {
                contract,
                results,
                conventions,
            } => contract
                .validated(engine.catalogue(), &conventions)?
                .evaluate_year(&results)?
                .explanation(),
            ExplainInput::Schedule {
                contract,
                results,
                options,
            } => crate::aci::schedule::payment_schedule(
                &contract,
                engine.catalogue(),
                &results,
                &options,
            )?
            .explanation(),
        };
        Ok(ExplainOutput {
            text_fr: explanation.render_fr(),
            explanation,
        })
    }
}

/// `render_explanation`: the French text of an explanation tree (of a payment, a year or a
/// schedule, as the other operations return it).
#[derive(Debug)]
pub struct RenderExplanation;

/// Input of `render_explanation`.
///
/// JSON: `{"explanation": {"label": "...", "amount": "...", "rule": ..., "inputs": [...],
/// "children": [...]}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenderExplanationInput {
    /// The tree.
    pub explanation: Explanation,
}

/// Result of `render_explanation`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RenderExplanationOutput {
    /// Indented French text, one line per amount, with rules, inputs and sources.
    pub text_fr: String,
}

impl Operation for RenderExplanation {
    const NAME: &'static str = "render_explanation";
    const SUMMARY: &'static str =
        "The French text of an explanation tree (a payment's, a year's, a schedule's).";
    type Input = RenderExplanationInput;
    type Output = RenderExplanationOutput;

    fn run(_: &Engine, input: RenderExplanationInput) -> Result<RenderExplanationOutput, ApiError> {
        Ok(RenderExplanationOutput {
            text_fr: input.explanation.render_fr(),
        })
    }
}

/// `indemnity_cap`: the indemnities paid to each professional in a year against the PASS
/// cap.
#[derive(Debug)]
pub struct IndemnityCap;

/// Input of `indemnity_cap`.
///
/// JSON: `{"year": 2025, "records": [{"professional": {...}, "kind": "...", "amount":
/// "..."}]}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndemnityCapInput {
    /// The calendar year.
    pub year: i32,
    /// The amounts paid.
    pub records: Vec<RemunerationRecord>,
    /// Whose payments the cap counts together (default `per_cpts`, a library convention:
    /// D.1434-44 does not say).
    #[serde(default)]
    pub scope: crate::aci::pass::CapScope,
}

impl Operation for IndemnityCap {
    const NAME: &'static str = "indemnity_cap";
    const SUMMARY: &'static str =
        "Indemnities paid to each professional in a year, against the PASS cap.";
    type Input = IndemnityCapInput;
    type Output = CapCheck;

    fn run(engine: &Engine, input: IndemnityCapInput) -> Result<CapCheck, ApiError> {
        Ok(crate::aci::pass::check_indemnity_cap_with(
            &input.records,
            input.year,
            engine.pass(),
            input.scope,
        )?)
    }
}
