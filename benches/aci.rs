//! The ACI funding engine (issue targets: one contract year with its explanation under
//! 5 µs; the five-year schedules of 1 000 contracts under 20 ms on one core).
//! Run: `cargo bench -p cpts-benches --bench aci`.

use std::hint::black_box;

use cpts_benches::synthetic_contracts;
use cpts_core::aci::schedule::payment_schedule;
use cpts_core::aci::year::evaluate_year;
use cpts_core::aci::{
    Contract, IndicatorResult, Measure, ParameterCatalogue, PaymentConventions, ScheduleOptions,
    YearResults,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn rovira_year_5(contract: &Contract) -> YearResults {
    let indicators = contract
        .missions
        .iter()
        .flat_map(|m| m.indicators.iter())
        .map(|i| IndicatorResult {
            indicator: i.id.to_string(),
            measure: match &*i.id {
                "acces_ald_sans_mt" => Measure::Value("87".parse().unwrap()),
                "prevention_sein" => Measure::Value("72.40".parse().unwrap()),
                "prevention_col" => Measure::Value("66.9".parse().unwrap()),
                "prevention_colorectal" => Measure::Value("27".parse().unwrap()),
                id => Measure::Met(id.len() % 3 != 0),
            },
        })
        .collect();
    YearResults {
        year: 5,
        indicators,
        crises: vec![],
    }
}

fn bench(c: &mut Criterion) {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let conventions = PaymentConventions::default();
    let rovira: Contract = serde_json::from_str(include_str!(
        "../cpts-core/tests/fixtures/rovira_contract.json"
    ))
    .unwrap();
    let results = rovira_year_5(&rovira);
    let eval = evaluate_year(&rovira, &catalogue, &results, &conventions).unwrap();
    assert_eq!(eval.total, eval.explanation().leaves_total());

    let valid = rovira.validated(&catalogue, &conventions).unwrap();
    let mut group = c.benchmark_group("aci");
    group.bench_function("evaluate one contract year with its explanation (RoViRa, 41 indicators, validated contract)", |b| {
        b.iter(|| black_box(valid.evaluate_year(black_box(&results)).unwrap()))
    });
    group.bench_function(
        "validate the contract, then evaluate one year (RoViRa)",
        |b| {
            b.iter(|| {
                black_box(
                    evaluate_year(
                        black_box(&rovira),
                        &catalogue,
                        black_box(&results),
                        &conventions,
                    )
                    .unwrap(),
                )
            })
        },
    );
    let contracts = synthetic_contracts(1_000, &catalogue);
    let options = ScheduleOptions::default();
    group.sample_size(20);
    group.bench_function("five-year schedules of 1 000 contracts", |b| {
        b.iter(|| {
            let mut total = rust_decimal::Decimal::ZERO;
            for (contract, results) in &contracts {
                total += payment_schedule(contract, &catalogue, results, &options)
                    .unwrap()
                    .total;
            }
            black_box(total)
        })
    });
    group.bench_function("load the embedded parameter sets", |b| {
        b.iter(|| black_box(ParameterCatalogue::embedded().unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
