//! The operation API in native code, for the requests the wasm benchmark (benches/wasm.mjs)
//! sends under Node: one contract year evaluated (the conformance case evaluate-year) and the
//! coverage of France by 1 000 synthetic CPTS (about 36 000 communes). Writes those requests to
//! target/bench-requests/ for the Node benchmark. Also times building an engine from the
//! commune table's text, as the npm package does.
//! Run: `cargo bench -p cpts-benches --bench api`, then `node benches/wasm.mjs`.

use std::hint::black_box;
use std::path::PathBuf;

use cpts_benches::synthetic_coverage;
use cpts_core::api::Engine;
use cpts_core::territory::CommuneTable;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new().unwrap();
    let table = CommuneTable::embedded().unwrap();
    let coverage = json!({
        "api_version": 1,
        "operation": "coverage",
        "input": {"cpts": synthetic_coverage(&table), "area": {"area": "france"}},
    })
    .to_string();
    let year = std::fs::read_to_string(
        root().join("cpts-core/conformance/cases/evaluate-year.request.json"),
    )
    .unwrap();
    let out = root().join("target/bench-requests");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("coverage-france.json"), &coverage).unwrap();
    std::fs::write(out.join("evaluate-year.json"), &year).unwrap();
    for (name, request) in [("coverage", &coverage), ("year", &year)] {
        let response = engine.call(request);
        assert!(response.contains(r#""status":"ok""#), "{name}");
        std::fs::write(out.join(format!("{name}.native-response.json")), response).unwrap();
    }
    let communes = std::fs::read_to_string(root().join("cpts-core/data/communes.txt")).unwrap();

    let mut group = c.benchmark_group("api");
    group.bench_function("evaluate_year (conformance evaluate-year)", |b| {
        b.iter(|| black_box(engine.call(black_box(&year))))
    });
    group.bench_function("coverage of France by 1 000 synthetic CPTS", |b| {
        b.iter(|| black_box(engine.call(black_box(&coverage))))
    });
    // Errors said in French and English: a field of the wrong form (serde's message in
    // words), and an RPPS with a wrong key inside a CPTS (the refusal carried through serde
    // with its French message and details).
    for case in [
        "error-population-as-text",
        "error-identifier-wrong-key-in-request",
    ] {
        let request = std::fs::read_to_string(
            root().join(format!("cpts-core/conformance/cases/{case}.request.json")),
        )
        .unwrap();
        assert!(engine.call(&request).contains(r#""message_en""#), "{case}");
        group.bench_function(format!("error, in French and English ({case})"), |b| {
            b.iter(|| black_box(engine.call(black_box(&request))))
        });
    }
    group.bench_function("engine with the commune table from its text", |b| {
        b.iter(|| {
            let mut engine = Engine::without_communes().unwrap();
            engine.set_communes(CommuneTable::from_text(black_box(communes.clone())).unwrap());
            black_box(engine)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
