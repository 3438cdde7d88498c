//! The conformance corpus (`conformance/cases/*.request.json` and `*.response.json`): every
//! request, answered by the engine, gives its response byte for byte. The C tests
//! (`cpts-ffi/tests/c/conformance.c`) and the npm package's tests run the same corpus.
//!
//! `CPTS_REGENERATE=1 cargo test -p cpts-core --test conformance` rewrites the responses;
//! review the diff before committing (the values are checked by hand in
//! `conformance/README.md` and by `tests/api.rs`).

use std::fs;
use std::path::PathBuf;

use cpts_core::api::Engine;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance/cases")
}

#[test]
fn every_request_gives_its_committed_response() {
    let engine = Engine::new().expect("engine");
    let regenerate = std::env::var_os("CPTS_REGENERATE").is_some();
    let mut names: Vec<String> = fs::read_dir(cases_dir())
        .expect("conformance/cases")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".request.json").map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() >= 40, "only {} cases", names.len());
    let mut stale = Vec::new();
    for name in &names {
        let request = fs::read(cases_dir().join(format!("{name}.request.json"))).expect("read");
        let response = engine.call_bytes(&request) + "\n";
        let path = cases_dir().join(format!("{name}.response.json"));
        if regenerate {
            fs::write(&path, &response).expect("write");
        } else if fs::read_to_string(&path).ok().as_deref() != Some(response.as_str()) {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "responses differ from conformance/cases for {stale:?}; \
         run CPTS_REGENERATE=1 cargo test -p cpts-core --test conformance and review the diff"
    );
    // No response file without its request.
    for entry in fs::read_dir(cases_dir()).expect("dir") {
        let file = entry.expect("entry").file_name();
        let file = file.to_string_lossy();
        if let Some(name) = file.strip_suffix(".response.json") {
            assert!(names.iter().any(|n| n == name), "orphan response {file}");
        }
    }
}
