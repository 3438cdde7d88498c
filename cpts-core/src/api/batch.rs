//! `funding_batch`: many `evaluate_year` and `payment_schedule` requests in one call, each
//! answered or failed on its own, as the single operation would answer it (the same result,
//! or the same error: code, message, details), in the order of the items.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::funding::{
    EvaluateYearInput, EvaluateYearOutput, PaymentScheduleInput, PaymentScheduleOutput,
};
use super::{ApiError, Engine, ErrorCode, Language, Operation, parse};
use crate::aci::Detail;

/// `funding_batch`: many contract years and schedules in one call.
#[derive(Debug)]
pub struct FundingBatch;

/// Input of `funding_batch`.
///
/// JSON: `{"items": [{"operation": "evaluate_year", "input": {...}}, {"operation":
/// "payment_schedule", "input": {...}}], "detail": "amounts"}`. Each item's input is the
/// input of its operation; an item that does not read, or breaks a rule, is answered with
/// its error and the others are answered all the same.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingBatchInput {
    /// The items, answered in this order.
    pub items: Vec<FundingBatchItem>,
    /// How much explanation each answer carries when its input does not say (`detail`);
    /// left out: `"amounts"` (a batch is usually about amounts).
    #[serde(default = "amounts")]
    pub detail: Detail,
}

fn amounts() -> Detail {
    Detail::Amounts
}

/// One item of a batch.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingBatchItem {
    /// The operation: `evaluate_year` or `payment_schedule`.
    pub operation: FundingOperation,
    /// Its input (read when the item is answered: an input that does not fit is that
    /// item's error).
    #[schemars(with = "FundingItemInput")]
    pub input: Box<RawValue>,
}

/// The operations a batch answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingOperation {
    /// `evaluate_year`.
    EvaluateYear,
    /// `payment_schedule`.
    PaymentSchedule,
}

/// The input of an item (for its JSON Schema).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum FundingItemInput {
    EvaluateYear(EvaluateYearInput),
    PaymentSchedule(PaymentScheduleInput),
}

/// Result of `funding_batch`.
///
/// JSON: `{"items": [{"status": "ok", "result": {...}}, {"status": "error", "error":
/// {...}}], "answered": 1, "failed": 1}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FundingBatchOutput {
    /// One answer per item, in the order of the items.
    pub items: Vec<FundingAnswer>,
    /// How many items were answered.
    pub answered: usize,
    /// How many items failed.
    pub failed: usize,
}

/// The answer to one item.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FundingAnswer {
    /// Answered: the result the single operation gives.
    Ok {
        /// The result, written by the core that computed it.
        #[schemars(with = "FundingResult")]
        result: Box<RawValue>,
    },
    /// Failed: the error the single operation gives.
    Error {
        /// The error.
        error: ApiError,
    },
}

/// The result of an item: its operation's.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum FundingResult {
    /// Of `evaluate_year`.
    EvaluateYear(EvaluateYearOutput),
    /// Of `payment_schedule`.
    PaymentSchedule(PaymentScheduleOutput),
}

impl FundingBatch {
    fn answer(
        engine: &Engine,
        index: usize,
        item: &FundingBatchItem,
        detail: Detail,
    ) -> Result<FundingResult, ApiError> {
        let prefix = format!("input.items[{index}].input");
        let text = item.input.get();
        if !super::starts_object(text) {
            return Err(ApiError::with(
                ErrorCode::InvalidInput,
                crate::messages::request::INPUT_NOT_OBJECT,
                "path",
                serde_json::Value::from(prefix),
            ));
        }
        Ok(match item.operation {
            FundingOperation::EvaluateYear => {
                let mut input: EvaluateYearInput = parse(text, &prefix, ErrorCode::InvalidInput)?;
                input.detail.get_or_insert(detail);
                FundingResult::EvaluateYear(super::funding::EvaluateYear::run(engine, input)?)
            }
            FundingOperation::PaymentSchedule => {
                let mut input: PaymentScheduleInput =
                    parse(text, &prefix, ErrorCode::InvalidInput)?;
                input.detail.get_or_insert(detail);
                FundingResult::PaymentSchedule(super::funding::PaymentSchedule::run(engine, input)?)
            }
        })
    }
}

impl Operation for FundingBatch {
    const NAME: &'static str = "funding_batch";
    const SUMMARY: &'static str = "Many contract years and payment schedules in one call, each answered or failed on its own.";
    type Input = FundingBatchInput;
    type Output = FundingBatchOutput;

    fn run(engine: &Engine, input: FundingBatchInput) -> Result<FundingBatchOutput, ApiError> {
        let indexed: Vec<(usize, &FundingBatchItem)> = input.items.iter().enumerate().collect();
        // Each item's result is written where it was computed (on every core with the
        // feature `parallel`), then copied into the response.
        let items: Vec<FundingAnswer> = crate::aci::batch::map(&indexed, |(i, item)| {
            let written = FundingBatch::answer(engine, *i, item, input.detail).and_then(|r| {
                serde_json::value::to_raw_value(&r).map_err(|e| ApiError::not_serialisable(&e))
            });
            match written {
                Ok(result) => FundingAnswer::Ok { result },
                Err(error) => FundingAnswer::Error { error },
            }
        });
        let failed = items
            .iter()
            .filter(|a| matches!(a, FundingAnswer::Error { .. }))
            .count();
        Ok(FundingBatchOutput {
            answered: items.len() - failed,
            failed,
            items,
        })
    }

    fn in_language(output: &mut FundingBatchOutput, language: Option<Language>) {
        for answer in &mut output.items {
            if let FundingAnswer::Error { error } = answer {
                error.keep_language(language);
            }
        }
    }
}
