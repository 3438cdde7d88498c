//! The ACI funding engine (issue targets: one contract year with its explanation under
//! 5 µs; the five-year schedules of 1 000 contracts under 20 ms on one core).
//! Run: `cargo bench -p cpts-benches --bench aci`.

use std::hint::black_box;

use cpts_benches::{rovira_contract, rovira_results, synthetic_contracts};
use cpts_core::aci::schedule::payment_schedule;
use cpts_core::aci::year::evaluate_year;
use cpts_core::aci::{ParameterCatalogue, PaymentConventions, ScheduleOptions};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let conventions = PaymentConventions::default();
    let rovira = rovira_contract();
    let results = rovira_results(&rovira, 5);
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
