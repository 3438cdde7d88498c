//! Adversarial inputs (issue « Reliability », item 3): requests that took quadratic time
//! before, each at size n and 10 n through `Engine::call`. Ten times the input must cost at
//! most about twelve times the time; BENCHMARKS.md records both figures and their ratio.
//! Run: `cargo bench -p cpts-benches --bench adversarial`.

use std::hint::black_box;
use std::time::Duration;

use cpts_benches::adversarial;
use cpts_core::api::Engine;
use cpts_core::territory::CommuneKind;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let engine = Engine::new().unwrap();
    let table = engine.communes().unwrap();
    let codes: Vec<String> = table
        .communes()
        .filter(|c| c.kind() != CommuneKind::ArrondissementMunicipal)
        .map(|c| c.code().to_string())
        .collect();
    let tenth: Vec<String> = codes.iter().step_by(10).cloned().collect();
    type Case = (&'static str, usize, String);
    let cases: Vec<Case> = vec![
        (
            "lifecycle_status, events on one day",
            2_000,
            adversarial::lifecycle(2_000),
        ),
        (
            "lifecycle_status, events on one day",
            20_000,
            adversarial::lifecycle(20_000),
        ),
        (
            "validate_contract, tiers of one indicator",
            3_000,
            adversarial::tiers(3_000),
        ),
        (
            "validate_contract, tiers of one indicator",
            30_000,
            adversarial::tiers(30_000),
        ),
        (
            "check_application, RPPS in one application",
            10_000,
            adversarial::application(10_000),
        ),
        (
            "check_application, RPPS in one application",
            100_000,
            adversarial::application(100_000),
        ),
        (
            "late_missions, members of one CPTS",
            5_000,
            adversarial::members(5_000),
        ),
        (
            "late_missions, members of one CPTS",
            50_000,
            adversarial::members(50_000),
        ),
        (
            "evaluate_year, indicators and one unknown result",
            4_000,
            adversarial::indicators(4_000),
        ),
        (
            "evaluate_year, indicators and one unknown result",
            40_000,
            adversarial::indicators(40_000),
        ),
        (
            "coverage, one former code listed n times",
            100_000,
            adversarial::former_codes(100_000),
        ),
        (
            "coverage, one former code listed n times",
            1_000_000,
            adversarial::former_codes(1_000_000),
        ),
        (
            "read_cpts_sheet, rows each with a problem",
            10_000,
            adversarial::sheet_problems(10_000),
        ),
        (
            "read_cpts_sheet, rows each with a problem",
            100_000,
            adversarial::sheet_problems(100_000),
        ),
        (
            "coverage, CPTS each holding a part of one commune",
            1_000,
            adversarial::parts(1_000),
        ),
        (
            "coverage, CPTS each holding a part of one commune",
            10_000,
            adversarial::parts(10_000),
        ),
        (
            "what_if, removing every commune",
            tenth.len(),
            adversarial::what_if(&tenth),
        ),
        (
            "what_if, removing every commune",
            codes.len(),
            adversarial::what_if(&codes),
        ),
    ];
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_millis(500));
    for (name, n, request) in &cases {
        let response = engine.call(request);
        // Each request is answered (the unknown result and the sheet's problems are errors by
        // design).
        assert!(
            response.contains(r#""status":"ok""#)
                || name.starts_with("evaluate_year")
                || (name.starts_with("read_cpts_sheet") && response.contains("invalid_sheet")),
            "{name} {n}: {}",
            &response[..response.len().min(400)]
        );
        println!(
            "{name}, n = {n}: request {} bytes, response {} bytes",
            request.len(),
            response.len()
        );
        group.bench_function(format!("{name}, n = {n}"), |b| {
            b.iter(|| black_box(engine.call(black_box(request))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
