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

/// An item's input, read.
enum ItemInput {
    EvaluateYear(Box<EvaluateYearInput>),
    PaymentSchedule(Box<PaymentScheduleInput>),
}

impl FundingBatch {
    /// Reads the input of item `index`, given as text.
    fn read_item(
        index: usize,
        operation: FundingOperation,
        text: &str,
    ) -> Result<ItemInput, ApiError> {
        let prefix = format!("input.items[{index}].input");
        if !super::starts_object(text) {
            return Err(ApiError::with(
                ErrorCode::InvalidInput,
                crate::messages::request::INPUT_NOT_OBJECT,
                "path",
                serde_json::Value::from(prefix),
            ));
        }
        Ok(match operation {
            FundingOperation::EvaluateYear => {
                ItemInput::EvaluateYear(parse(text, &prefix, ErrorCode::InvalidInput)?)
            }
            FundingOperation::PaymentSchedule => {
                ItemInput::PaymentSchedule(parse(text, &prefix, ErrorCode::InvalidInput)?)
            }
        })
    }

    /// Answers an item read, its result written.
    fn answer(
        engine: &Engine,
        input: Result<ItemInput, ApiError>,
        detail: Detail,
    ) -> FundingAnswer {
        let result = input.and_then(|input| {
            Ok(match input {
                ItemInput::EvaluateYear(mut input) => {
                    input.detail.get_or_insert(detail);
                    FundingResult::EvaluateYear(super::funding::EvaluateYear::run(engine, *input)?)
                }
                ItemInput::PaymentSchedule(mut input) => {
                    input.detail.get_or_insert(detail);
                    FundingResult::PaymentSchedule(super::funding::PaymentSchedule::run(
                        engine, *input,
                    )?)
                }
            })
        });
        let written = result.and_then(|r| {
            serde_json::value::to_raw_value(&r).map_err(|e| ApiError::not_serialisable(&e))
        });
        match written {
            Ok(result) => FundingAnswer::Ok { result },
            Err(error) => FundingAnswer::Error { error },
        }
    }

    /// The output of the answers, in the order of the items.
    fn output(items: Vec<FundingAnswer>) -> FundingBatchOutput {
        let failed = items
            .iter()
            .filter(|a| matches!(a, FundingAnswer::Error { .. }))
            .count();
        FundingBatchOutput {
            answered: items.len() - failed,
            failed,
            items,
        }
    }
}

impl Operation for FundingBatch {
    const NAME: &'static str = "funding_batch";
    const SUMMARY: &'static str = "Many contract years and payment schedules in one call, each answered or failed on its own.";
    type Input = FundingBatchInput;
    type Output = FundingBatchOutput;

    fn run(engine: &Engine, input: FundingBatchInput) -> Result<FundingBatchOutput, ApiError> {
        let indexed: Vec<(usize, &FundingBatchItem)> = input.items.iter().enumerate().collect();
        // Each item is read, answered and its result written on a core (on every core with
        // the feature `parallel`), then copied into the response.
        let items = crate::aci::batch::map(&indexed, |(i, item)| {
            let read = FundingBatch::read_item(*i, item.operation, item.input.get());
            FundingBatch::answer(engine, read, input.detail)
        });
        Ok(FundingBatch::output(items))
    }

    fn in_language(output: &mut FundingBatchOutput, language: Option<Language>) {
        for answer in &mut output.items {
            if let FundingAnswer::Error { error } = answer {
                error.keep_language(language);
            }
        }
    }
}

/// Reading a batch while its items are answered (native builds with the feature
/// `parallel`, in the one-pass reading of a request, see `super::one_pass`): each item is
/// handed to another core as soon as the envelope's reader has passed it, read, answered
/// and its result written there, while the rest of the envelope is read. An item is
/// answered with the `detail` read before the items (or the default); when a `detail`
/// after the items says otherwise, or anything is out of the ordinary (an unknown or
/// repeated field, an item that is not an operation and an input, a `detail` that does not
/// read), this gives up and the usual reading answers, with its error: the answers are the
/// same either way.
#[cfg(all(not(target_arch = "wasm32"), feature = "parallel"))]
pub(super) mod pipelined {
    use std::fmt;
    use std::sync::mpsc;

    use serde::Deserialize;
    use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde_json::value::RawValue;

    use super::{FundingAnswer, FundingBatch, FundingBatchOutput, FundingOperation, amounts};
    use crate::aci::Detail;
    use crate::api::Engine;
    use crate::api::one_pass::give_up;

    /// An item as the envelope holds it: its input is still text.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item<'a> {
        operation: FundingOperation,
        #[serde(borrow)]
        input: &'a RawValue,
    }

    type Answered = (usize, FundingAnswer);

    /// Reads the batch's input from `map` and answers it.
    pub(in crate::api) fn read<'de, A: MapAccess<'de>>(
        engine: &Engine,
        map: A,
    ) -> Result<FundingBatchOutput, A::Error> {
        let (sender, receiver) = mpsc::channel::<Answered>();
        rayon::in_place_scope(|scope| {
            Batch {
                engine,
                scope,
                sender,
            }
            .visit_map(map)
        })?;
        let mut answered: Vec<Answered> = receiver.try_iter().collect();
        answered.sort_unstable_by_key(|(i, _)| *i);
        Ok(FundingBatch::output(
            answered.into_iter().map(|(_, a)| a).collect(),
        ))
    }

    struct Batch<'s, 'scope> {
        engine: &'scope Engine,
        scope: &'s rayon::Scope<'scope>,
        sender: mpsc::Sender<Answered>,
    }

    impl<'de: 'scope, 'scope> Visitor<'de> for Batch<'_, 'scope> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a batch")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut used = None;
            let mut detail = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match &*key {
                    "items" if used.is_none() => {
                        let with = detail.unwrap_or_else(amounts);
                        map.next_value_seed(Items {
                            engine: self.engine,
                            scope: self.scope,
                            sender: &self.sender,
                            detail: with,
                        })?;
                        used = Some(with);
                    }
                    "detail" if detail.is_none() => detail = Some(map.next_value::<Detail>()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                        return Err(give_up());
                    }
                }
            }
            match used {
                Some(used) if used == detail.unwrap_or_else(amounts) => Ok(()),
                _ => Err(give_up()),
            }
        }
    }

    struct Items<'s, 'scope> {
        engine: &'scope Engine,
        scope: &'s rayon::Scope<'scope>,
        sender: &'s mpsc::Sender<Answered>,
        detail: Detail,
    }

    impl<'de: 'scope, 'scope> DeserializeSeed<'de> for Items<'_, 'scope> {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de: 'scope, 'scope> Visitor<'de> for Items<'_, 'scope> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("the items")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut index = 0;
            while let Some(item) = seq.next_element::<Item<'de>>()? {
                let (sender, engine, detail, i) =
                    (self.sender.clone(), self.engine, self.detail, index);
                self.scope.spawn(move |_| {
                    let read = FundingBatch::read_item(i, item.operation, item.input.get());
                    // The receiver lives until every task has ended (the scope's end).
                    let _ = sender.send((i, FundingBatch::answer(engine, read, detail)));
                });
                index += 1;
            }
            Ok(())
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32"), feature = "parallel"))]
mod tests {
    use serde_json::Value;

    use crate::api::Engine;

    /// A batch read while its items are answered answers exactly as the usual reading, for
    /// the corpus's batch and for it changed in each way that reading leaves to the usual one
    /// (or does not), each item and each field in turn.
    #[test]
    fn a_batch_answers_alike_read_either_way() {
        let text = include_str!("../../conformance/cases/funding-batch.request.json");
        let request: Value = serde_json::from_str(text).unwrap();
        let items: Vec<String> = request["input"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        let first = &request["input"]["items"][0];
        let (operation, input) = (first["operation"].to_string(), first["input"].to_string());
        let list = |extra: &[&str]| {
            let all: Vec<&str> = items
                .iter()
                .map(String::as_str)
                .chain(extra.iter().copied())
                .collect();
            format!("[{}]", all.join(","))
        };
        let wrong_field = input.replacen("\"name\":", "\"nom\":", 1);
        let wrong_type = input.replacen("\"population\":", "\"population\":\"beaucoup\",\"x\":", 1);
        let odd_items = [
            format!(r#"{{"input":{input},"operation":{operation}}}"#),
            format!(r#"{{"operation":{operation},"input":{input},"extra":1}}"#),
            format!(r#"{{"operation":{operation}}}"#),
            format!(r#"{{"operation":"version","input":{input}}}"#),
            format!(r#"{{"operation":{operation},"input":[1]}}"#),
            format!(r#"{{"operation":{operation},"input":null}}"#),
            format!(r#"{{"operation":{operation},"input":{wrong_field}}}"#),
            format!(r#"{{"operation":{operation},"input":{wrong_type}}}"#),
            format!(r#"{{"operation":{operation},"input":{input},"operation":{operation}}}"#),
            "5".to_owned(),
            "null".to_owned(),
        ];
        let mut inputs = vec![
            format!(r#"{{"items":{}}}"#, list(&[])),
            format!(r#"{{"detail":"full","items":{}}}"#, list(&[])),
            format!(r#"{{"items":{},"detail":"full"}}"#, list(&[])),
            format!(r#"{{"items":{},"detail":"amounts"}}"#, list(&[])),
            format!(
                r#"{{"detail":"summary","items":{},"detail":"full"}}"#,
                list(&[])
            ),
            format!(r#"{{"items":{},"items":[]}}"#, list(&[])),
            format!(r#"{{"items":{},"x":1}}"#, list(&[])),
            format!(r#"{{"detail":"tout","items":{}}}"#, list(&[])),
            format!(r#"{{"detail":null,"items":{}}}"#, list(&[])),
            r#"{"items":[]}"#.to_owned(),
            r#"{"items":null}"#.to_owned(),
            r#"{"items":{}}"#.to_owned(),
            r#"{"detail":"full"}"#.to_owned(),
            r#"{}"#.to_owned(),
        ];
        inputs.extend(
            odd_items
                .iter()
                .map(|odd| format!(r#"{{"items":{}}}"#, list(&[odd]))),
        );
        let engine = Engine::new().unwrap();
        let mut failed_items = 0;
        for input in &inputs {
            let mut requests = vec![format!(
                r#"{{"api_version":1,"operation":"funding_batch","input":{input}}}"#
            )];
            // The same request cut short inside its items.
            let cut = requests[0].len() * 2 / 3;
            if let Some(at) = (cut..requests[0].len()).find(|i| requests[0].is_char_boundary(*i)) {
                requests.push(requests[0][..at].to_owned());
            }
            for request in requests {
                let pipelined = Engine::guarded(|asked| engine.answer(&request, asked));
                let usual = Engine::guarded(|asked| engine.answer_usual(&request, asked));
                assert_eq!(pipelined, usual, "{request:.300}");
                failed_items += usual.text.matches(r#""status":"error""#).count();
            }
        }
        // The odd items fail alone (each batch of them still answers the others).
        assert!(failed_items >= 9, "{failed_items}");
    }
}
