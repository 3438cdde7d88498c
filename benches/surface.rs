//! The surface users call against the typed core (issue 13): the same RoViRa contract (the
//! ACI annex, 41 indicators) evaluated for one year, and its five-year schedule, through the
//! typed API and through `Engine::call`, at each level of detail.
//! Run: `cargo bench -p cpts-benches --bench surface`.

use std::hint::black_box;

use cpts_benches::{api_request, rovira_contract, rovira_results};
use cpts_core::aci::batch::{YearItem, evaluate_years};
use cpts_core::aci::schedule::payment_schedule;
use cpts_core::aci::{
    Detail, Measure, ParameterCatalogue, PaymentConventions, ScheduleOptions, YearResults,
};
use cpts_core::api::Engine;
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use serde_json::json;

fn bench(c: &mut Criterion) {
    let engine = Engine::without_communes().unwrap();
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let conventions = PaymentConventions::default();
    let mut contract = rovira_contract();
    // The annex does not state the fonctionnement of an avenant 2 taille 3 (not established:
    // the caller gives it); any amount does for timing.
    contract.fonctionnement = Some(Decimal::from(87_500));
    let results = rovira_results(&contract, 5);
    let years: Vec<_> = (1..=3).map(|y| rovira_results(&contract, y)).collect();
    let options = ScheduleOptions::default();
    let valid = contract.validated(&catalogue, &conventions).unwrap();
    let typed_total = valid.evaluate_year(&results).unwrap().total;
    let schedule_total = payment_schedule(&contract, &catalogue, &years, &options)
        .unwrap()
        .total;

    let mut group = c.benchmark_group("surface");
    group.bench_function("evaluate_year, typed, contract validated once", |b| {
        b.iter(|| black_box(valid.evaluate_year(black_box(&results)).unwrap()))
    });
    group.bench_function("evaluate_year, typed, validating the contract", |b| {
        b.iter(|| {
            let valid = black_box(&contract)
                .validated(&catalogue, &conventions)
                .unwrap();
            black_box(valid.evaluate_year(black_box(&results)).unwrap())
        })
    });
    group.bench_function("payment_schedule, typed (5 years, 3 measured)", |b| {
        b.iter(|| {
            black_box(payment_schedule(
                black_box(&contract),
                &catalogue,
                black_box(&years),
                &options,
            ))
            .unwrap()
        })
    });
    for detail in ["full", "summary", "amounts"] {
        let year_request = api_request(
            "evaluate_year",
            json!({"contract": contract, "results": results, "detail": detail}),
        );
        let schedule_request = api_request(
            "payment_schedule",
            json!({"contract": contract, "results": years, "detail": detail}),
        );
        for (name, request, total) in [
            ("evaluate_year", &year_request, typed_total),
            ("payment_schedule", &schedule_request, schedule_total),
        ] {
            let response = engine.call(request);
            let total_field = format!(r#""total":"{total:.2}""#);
            assert!(response.contains(&total_field), "{name}: {response}");
            group.bench_function(
                format!(
                    "{name}, Engine::call, detail {detail} ({} B in, {} B out)",
                    request.len(),
                    response.len()
                ),
                |b| b.iter(|| black_box(engine.call(black_box(request)))),
            );
        }
    }
    group.finish();

    // Batches: 1 000 contract-years of RoViRa size (200 contracts, their 5 years each, the
    // results varied by contract), amounts only.
    let contracts: Vec<_> = (0..200u32)
        .map(|i| {
            let mut c = contract.clone();
            c.name = format!("CPTS {i}");
            c
        })
        .collect();
    let valid: Vec<_> = contracts
        .iter()
        .map(|c| c.validated(&catalogue, &conventions).unwrap())
        .collect();
    let year_results: Vec<Vec<YearResults>> = (0..200u32)
        .map(|i| {
            (1..=5)
                .map(|y| {
                    let mut r = rovira_results(&contract, y);
                    for (k, ind) in r.indicators.iter_mut().enumerate() {
                        if let Measure::Met(m) = &mut ind.measure {
                            *m = !(i as usize + k + y as usize).is_multiple_of(3);
                        }
                    }
                    r
                })
                .collect()
        })
        .collect();
    let items: Vec<YearItem<'_>> = valid
        .iter()
        .zip(&year_results)
        .flat_map(|(v, rs)| {
            rs.iter().map(move |r| YearItem {
                contract: v,
                results: r,
            })
        })
        .collect();
    assert_eq!(items.len(), 1_000);
    let mut group = c.benchmark_group("batch");
    group.sample_size(30);
    group.bench_function("1 000 contract-years, typed, amounts, one core", |b| {
        b.iter(|| {
            let mut total = Decimal::ZERO;
            for item in &items {
                total += item
                    .contract
                    .evaluate_year_at(item.results, Detail::Amounts)
                    .unwrap()
                    .total;
            }
            black_box(total)
        })
    });
    group.bench_function(
        "1 000 contract-years, typed, full explanations, one core",
        |b| {
            b.iter(|| {
                let mut total = Decimal::ZERO;
                for item in &items {
                    total += item.contract.evaluate_year(item.results).unwrap().total;
                }
                black_box(total)
            })
        },
    );
    group.bench_function(
        "1 000 contract-years, typed, amounts, every answer kept, one core",
        |b| {
            b.iter(|| {
                black_box(
                    items
                        .iter()
                        .map(|item| {
                            item.contract
                                .evaluate_year_at(item.results, Detail::Amounts)
                        })
                        .collect::<Vec<_>>(),
                )
            })
        },
    );
    group.bench_function(
        "1 000 contract-years, typed, amounts, evaluate_years (every core)",
        |b| b.iter(|| black_box(evaluate_years(black_box(&items), Detail::Amounts))),
    );
    group.bench_function(
        "1 000 contract-years, typed, validating each contract once, one core",
        |b| {
            b.iter(|| {
                let mut total = Decimal::ZERO;
                for (c, rs) in contracts.iter().zip(&year_results) {
                    let v = c.validated(&catalogue, &conventions).unwrap();
                    for r in rs {
                        total += v.evaluate_year_at(r, Detail::Amounts).unwrap().total;
                    }
                }
                black_box(total)
            })
        },
    );
    let batch_request = api_request(
        "funding_batch",
        json!({"items": contracts.iter().zip(&year_results).flat_map(|(c, rs)| rs.iter().map(move |r| json!({
            "operation": "evaluate_year", "input": {"contract": c, "results": r}}))).collect::<Vec<_>>()}),
    );
    let response = engine.call(&batch_request);
    assert!(response.contains(r#""answered":1000,"failed":0"#));
    group.bench_function(
        format!(
            "1 000 contract-years, funding_batch through Engine::call ({} B in)",
            batch_request.len()
        ),
        |b| b.iter(|| black_box(engine.call(black_box(&batch_request)))),
    );
    let inputs: Vec<String> = contracts
        .iter()
        .zip(&year_results)
        .flat_map(|(c, rs)| {
            rs.iter()
                .map(move |r| json!({"contract": c, "results": r}).to_string())
        })
        .collect();
    group.bench_function("reading the 1 000 inputs alone (serde_json, typed)", |b| {
        b.iter(|| {
            for text in &inputs {
                black_box(serde_json::from_str::<cpts_core::api::EvaluateYearInput>(text).unwrap());
            }
        })
    });
    // The parts of the JSON batch: reading its envelope (each item's input kept as text),
    // and answering the items read (each read, computed and written on its core).
    let input_text = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(&batch_request).unwrap()["input"],
    )
    .unwrap();
    group.bench_function("funding_batch: reading the envelope alone", |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<cpts_core::api::FundingBatchInput>(black_box(&input_text))
                    .unwrap(),
            )
        })
    });
    group.bench_function(
        "funding_batch: the items read, answered (each read, computed, written on its core)",
        |b| {
            use cpts_core::api::Operation;
            b.iter_batched(
                || serde_json::from_str::<cpts_core::api::FundingBatchInput>(&input_text).unwrap(),
                |input| black_box(cpts_core::api::FundingBatch::run(&engine, input).unwrap()),
                criterion::BatchSize::LargeInput,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
