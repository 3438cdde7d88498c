//! Where the time of one `evaluate_year` JSON call goes (issue 13), part by part, for the
//! RoViRa request of benches/surface.rs: the envelope read (its input skipped as raw JSON),
//! the input read with plain serde_json and with the field path tracked (what the engine
//! does, so that an error names its field), skipping the input, writing the result with and
//! without explanations, dropping the read input; and a whole call refused at its last
//! result (natively the plain reading fails at the end, then the reading that tracks the
//! path, the wasm's only reader, says where).
//! Run: `cargo bench -p cpts-benches --bench anatomy`.

use std::hint::black_box;

use cpts_benches::{api_request, rovira_contract, rovira_results};
use cpts_core::aci::{Detail, ParameterCatalogue, PaymentConventions};
use cpts_core::api::{Engine, EvaluateYearInput, EvaluateYearOutput};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde_json::json;
use serde_json::value::RawValue;

/// The request envelope as the engine reads it (its input kept as raw JSON).
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "api_version")]
    _api_version: u32,
    #[serde(borrow, rename = "operation")]
    _operation: &'a str,
    #[serde(borrow)]
    input: &'a RawValue,
}

fn bench(c: &mut Criterion) {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let contract = rovira_contract();
    let results = rovira_results(&contract, 5);
    let request = api_request(
        "evaluate_year",
        json!({"contract": contract, "results": results}),
    );
    let input = serde_json::from_str::<Envelope<'_>>(&request)
        .unwrap()
        .input
        .get()
        .to_owned();
    let read: EvaluateYearInput = serde_json::from_str(&input).unwrap();
    let evaluation = read
        .contract
        .validated(&catalogue, &PaymentConventions::default())
        .unwrap()
        .evaluate_year(&read.results)
        .unwrap();
    let mut group = c.benchmark_group("anatomy of evaluate_year");
    group.bench_function("read the envelope (input skipped)", |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<Envelope<'_>>(black_box(&request))
                    .unwrap()
                    .input
                    .get()
                    .len(),
            )
        })
    });
    group.bench_function("skip the input (serde IgnoredAny)", |b| {
        b.iter(|| {
            black_box(serde_json::from_str::<serde::de::IgnoredAny>(black_box(&input)).unwrap())
        })
    });
    group.bench_function("read the input, plain serde_json", |b| {
        b.iter(|| black_box(serde_json::from_str::<EvaluateYearInput>(black_box(&input)).unwrap()))
    });
    group.bench_function(
        "read the input, field path tracked (serde_path_to_error)",
        |b| {
            b.iter(|| {
                let mut d = serde_json::Deserializer::from_str(black_box(&input));
                let v: EvaluateYearInput = serde_path_to_error::deserialize(&mut d).unwrap();
                black_box(v)
            })
        },
    );
    // One result more, `true`: refused at the end of the input
    // (`input.results.indicators[41]`).
    let mut refused: serde_json::Value = serde_json::from_str(&request).unwrap();
    refused["input"]["results"]["indicators"]
        .as_array_mut()
        .unwrap()
        .push(json!(true));
    let refused = refused.to_string();
    let engine = Engine::new().unwrap();
    let answer = engine.call(&refused);
    assert!(
        answer.contains(r#""path":"input.results.indicators[41]""#),
        "{answer}"
    );
    group.bench_function(
        "a call refused at its last result (read twice, the path tracked)",
        |b| b.iter(|| black_box(engine.call(black_box(&refused)))),
    );
    group.bench_function("drop the read input", |b| {
        b.iter_batched(
            || serde_json::from_str::<EvaluateYearInput>(&input).unwrap(),
            drop,
            BatchSize::SmallInput,
        )
    });
    for detail in Detail::ALL {
        let output = EvaluateYearOutput::new(evaluation.clone(), detail);
        group.bench_function(format!("write the result, detail {detail:?}"), |b| {
            b.iter(|| black_box(serde_json::to_string(black_box(&output)).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
