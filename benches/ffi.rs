//! The C ABI's overhead over the core's own JSON path, for the same requests (issue target:
//! within 2×). `core` is `Engine::call` (JSON parse, compute, JSON serialise); `c_abi` is
//! `cpts_call` + `cpts_string_free` on the same engine and the same bytes, as a C caller
//! makes them (NUL-terminated request, UTF-8 check, C string response, panic guard).
//! Run: `cargo bench -p cpts-benches --bench ffi`.

use std::ffi::{CString, c_char};
use std::hint::black_box;
use std::path::PathBuf;
use std::ptr;

use cpts::{
    cpts_call, cpts_engine, cpts_engine_free, cpts_engine_new, cpts_status, cpts_string_free,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// Requests of the conformance corpus, from the smallest to the largest computation.
const CASES: [&str; 5] = [
    "validate-identifier-rpps",
    "band-by-date",
    "territory-seed",
    "evaluate-year",
    "payment-schedule",
];

fn request(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../cpts-core/conformance/cases")
        .join(format!("{name}.request.json"));
    std::fs::read_to_string(path).unwrap()
}

fn bench(c: &mut Criterion) {
    let mut engine: *mut cpts_engine = ptr::null_mut();
    // SAFETY: valid out-pointer; no error wanted.
    assert_eq!(
        unsafe { cpts_engine_new(&mut engine, ptr::null_mut()) },
        cpts_status::Ok
    );
    // The same engine, seen from Rust: an engine built the way cpts_engine_new builds it.
    let core = cpts_core::api::Engine::new().unwrap();
    let mut group = c.benchmark_group("operation_api");
    for name in CASES {
        let text = request(name);
        let c_text = CString::new(text.clone()).unwrap();
        // Both paths give the same response.
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: live engine, NUL-terminated request, valid out-pointer.
        let status = unsafe { cpts_call(engine, c_text.as_ptr(), &mut out) };
        assert_eq!(status, cpts_status::Ok, "{name}");
        // SAFETY: `out` is the response just returned.
        let from_c = unsafe { std::ffi::CStr::from_ptr(out) }
            .to_str()
            .unwrap()
            .to_owned();
        // SAFETY: freed once.
        unsafe { cpts_string_free(out) };
        assert_eq!(from_c, core.call(&text), "{name}");

        group.bench_function(format!("{name}/core"), |b| {
            b.iter(|| black_box(core.call(black_box(&text))))
        });
        group.bench_function(format!("{name}/c_abi"), |b| {
            b.iter(|| {
                let mut out: *mut c_char = ptr::null_mut();
                // SAFETY: as above.
                let status = unsafe { cpts_call(engine, black_box(c_text.as_ptr()), &mut out) };
                // SAFETY: the response just returned, freed once.
                unsafe { cpts_string_free(black_box(out)) };
                status
            })
        });
    }
    group.finish();
    // SAFETY: the engine from cpts_engine_new, freed once.
    unsafe { cpts_engine_free(engine) };
}

criterion_group!(benches, bench);
criterion_main!(benches);
