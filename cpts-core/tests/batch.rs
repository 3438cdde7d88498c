//! Levels of detail and batches (issue 13): the amounts do not depend on the detail asked
//! for; a batch answers each item as the single operation does, in order, one bad item
//! failing alone.

use cpts_core::aci::batch::{ScheduleItem, YearItem, evaluate_years, payment_schedules};
use cpts_core::aci::{
    Contract, Detail, Measure, ParameterCatalogue, PaymentConventions, ScheduleOptions, YearResults,
};
use cpts_core::api::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn rovira() -> Contract {
    let mut c: Contract =
        serde_json::from_str(include_str!("fixtures/rovira_contract.json")).unwrap();
    // The fonctionnement of an avenant 2 taille 3 is the caller's to give (not established);
    // any amount does for these properties.
    c.fonctionnement = Some(Decimal::from(87_500));
    c
}

/// Results for `year`: indicator i met when bit i of `met` is set; measured values from
/// `values` in turn.
fn results(contract: &Contract, year: u32, met: u64, values: &[u32]) -> YearResults {
    let mut k = 0;
    let indicators = contract
        .missions
        .iter()
        .flat_map(|m| m.indicators.iter())
        .enumerate()
        .map(|(i, ind)| {
            let measure = match &*ind.id {
                "acces_ald_sans_mt"
                | "prevention_sein"
                | "prevention_col"
                | "prevention_colorectal" => {
                    k += 1;
                    Measure::Value(Decimal::from(values[k % values.len()]))
                }
                _ => Measure::Met(met >> (i % 64) & 1 == 1),
            };
            json!({"indicator": &*ind.id, "measure": measure})
        })
        .collect::<Vec<_>>();
    serde_json::from_value(json!({"year": year, "indicators": indicators})).unwrap()
}

fn call(engine: &Engine, operation: &str, input: Value) -> Value {
    let request = json!({"api_version": 1, "operation": operation, "input": input});
    serde_json::from_str(&engine.call(&request.to_string())).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every amount of a year is the same at every level of detail; at `full` the leaves of
    /// each mission's explanation add up to what it earned; at `amounts` no explanation is
    /// built beyond its label and amount.
    #[test]
    fn the_amounts_do_not_depend_on_the_detail(
        year in 1u32..=5,
        met in any::<u64>(),
        values in proptest::collection::vec(0u32..=120, 1..5),
    ) {
        let catalogue = ParameterCatalogue::embedded().unwrap();
        let contract = rovira();
        let valid = contract.validated(&catalogue, &PaymentConventions::default()).unwrap();
        let r = results(&contract, year, met, &values);
        let full = valid.evaluate_year_at(&r, Detail::Full).unwrap();
        prop_assert_eq!(&full, &valid.evaluate_year(&r).unwrap());
        for detail in Detail::ALL {
            let e = valid.evaluate_year_at(&r, detail).unwrap();
            prop_assert_eq!(e.total, full.total);
            prop_assert_eq!(e.variable_total, full.variable_total);
            for (m, f) in e.missions.iter().zip(&full.missions) {
                prop_assert_eq!(m.variable_earned, f.variable_earned);
                prop_assert_eq!(&m.indicators, &f.indicators);
                prop_assert_eq!(m.variable_explanation.amount, f.variable_earned);
                if detail == Detail::Amounts {
                    prop_assert!(m.variable_explanation.inputs.is_empty());
                    prop_assert!(m.variable_explanation.rule.is_none());
                } else {
                    prop_assert_eq!(m.variable_explanation.leaves_total(), f.variable_earned);
                }
            }
        }
        // Through the API, the same amounts at every level.
        let engine = Engine::without_communes().unwrap();
        let answers: Vec<Value> = ["amounts", "summary", "full"]
            .iter()
            .map(|d| call(&engine, "evaluate_year", json!({"contract": contract, "results": r, "detail": d})))
            .collect();
        for a in &answers {
            prop_assert_eq!(&a["result"]["total"], &json!(format!("{:.2}", full.total)));
        }
        prop_assert!(answers[0]["result"]["missions"][0].get("variable_explanation").is_none());
        prop_assert_eq!(&answers[1]["result"]["missions"][0]["variable_explanation"]["inputs"], &json!([]));
        prop_assert!(!answers[2]["result"]["missions"][0]["variable_explanation"]["inputs"].as_array().unwrap().is_empty());
    }
}

#[test]
fn typed_batches_answer_each_item_as_alone_in_order() {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let contract = rovira();
    let valid = contract
        .validated(&catalogue, &PaymentConventions::default())
        .unwrap();
    // Years 1 to 5, then year 6, which the contract does not have (its error, alone).
    let years: Vec<YearResults> = (1..=6)
        .map(|y| results(&contract, y, 0x5555_5555_5555_5555 >> y, &[40, 70, 90]))
        .collect();
    let items: Vec<YearItem<'_>> = years
        .iter()
        .map(|results| YearItem {
            contract: &valid,
            results,
        })
        .collect();
    let answers = evaluate_years(&items, Detail::Amounts);
    assert_eq!(answers.len(), 6);
    for (answer, r) in answers.iter().zip(&years) {
        let alone = valid.evaluate_year_at(r, Detail::Amounts);
        assert_eq!(answer, &alone, "year {}", r.year);
    }
    assert!(answers[..5].iter().all(Result::is_ok));
    assert!(answers[5].is_err());

    let options = ScheduleOptions::default();
    let measured = &years[..3];
    let schedules = payment_schedules(
        &[
            ScheduleItem {
                contract: &contract,
                results: measured,
                options: &options,
            },
            ScheduleItem {
                contract: &contract,
                results: &years[5..],
                options: &options,
            },
        ],
        &catalogue,
    );
    let alone =
        cpts_core::aci::schedule::payment_schedule(&contract, &catalogue, measured, &options);
    assert_eq!(schedules[0], alone);
    assert!(schedules[1].is_err());
}

/// The batch's answer to each item is the single operation's: the same result, or the same
/// error (a rule broken: identical; a value that does not read: the same code and reason,
/// its path under the item).
#[test]
fn a_batch_answers_each_item_as_the_single_operation() {
    let engine = Engine::new().unwrap();
    let request: Value = serde_json::from_str(include_str!(
        "../conformance/cases/funding-batch.request.json"
    ))
    .unwrap();
    let batch = call(&engine, "funding_batch", request["input"].clone());
    let items = request["input"]["items"].as_array().unwrap();
    let answers = batch["result"]["items"].as_array().unwrap();
    assert_eq!(answers.len(), items.len());
    assert_eq!(batch["result"]["answered"], 3);
    assert_eq!(batch["result"]["failed"], 2);
    for (i, (item, answer)) in items.iter().zip(answers).enumerate() {
        let mut input = item["input"].clone();
        // Left out, an item's detail is the batch's (amounts).
        if input.get("detail").is_none() {
            input["detail"] = json!("amounts");
        }
        let alone = call(&engine, item["operation"].as_str().unwrap(), input);
        match alone["status"].as_str().unwrap() {
            "ok" => assert_eq!(answer["result"], alone["result"], "item {i}"),
            _ => {
                let (a, b) = (&answer["error"], &alone["error"]);
                assert_eq!(a["code"], b["code"], "item {i}");
                match b["details"]["path"].as_str() {
                    None => assert_eq!(a, b, "item {i}"),
                    Some(path) => {
                        let under = path.replacen("input", &format!("input.items[{i}].input"), 1);
                        assert_eq!(a["details"]["path"], json!(under), "item {i}");
                        assert_eq!(a["details"]["reason"], b["details"]["reason"], "item {i}");
                    }
                }
            }
        }
    }
    // One language asked for: every item's error has it.
    let mut english = request.clone();
    english["language"] = json!("en");
    let answer: Value = serde_json::from_str(&engine.call(&english.to_string())).unwrap();
    let error = &answer["result"]["items"][2]["error"];
    assert_eq!(
        error["message"],
        "contract year 9 is outside the contract (years 1 to 5)"
    );
    assert!(error.get("message_en").is_none());
}

#[test]
fn a_batch_item_that_is_not_an_object_fails_alone() {
    let engine = Engine::without_communes().unwrap();
    let answer = call(
        &engine,
        "funding_batch",
        json!({"items": [
            {"operation": "evaluate_year", "input": [1, 2]},
            {"operation": "payment_schedule", "input": null},
        ]}),
    );
    assert_eq!(answer["status"], "ok");
    for (i, item) in answer["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(item["status"], "error");
        assert_eq!(item["error"]["name"], "invalid_input");
        assert_eq!(
            item["error"]["details"]["path"],
            json!(format!("input.items[{i}].input"))
        );
    }
    // An unknown operation in an item is the batch's error: the request does not read.
    let answer = call(
        &engine,
        "funding_batch",
        json!({"items": [{"operation": "band", "input": {}}]}),
    );
    assert_eq!(answer["status"], "error");
    assert_eq!(
        answer["error"]["details"]["path"],
        "input.items[0].operation"
    );
}
