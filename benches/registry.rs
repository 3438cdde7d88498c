//! Registry lookups of one professional among 100 000 members of 1 000 CPTS (issue target:
//! under 1 µs), and the national scale: 2 000 000 professionals (the French health
//! workforce) in 1 000 CPTS, built, held in memory (resident memory printed) and looked up.
//! Run: `cargo bench -p cpts-benches --bench registry`.

use std::hint::black_box;

use chrono::NaiveDate;
use cpts_benches::{national_registry, rpps_text};
use cpts_core::identifiers::{Identifier, IdentifierKind};
use criterion::{Criterion, criterion_group, criterion_main};

const CPTS: u64 = 1_000;

/// The resident memory of this process, in bytes (Linux), or 0.
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn bench(c: &mut Criterion) {
    let on = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    for (members_per_cpts, group_name) in [
        (100, "registry of 1 000 CPTS, 100 000 members"),
        (2_000, "registry of 1 000 CPTS, 2 000 000 members"),
    ] {
        let before = resident_bytes();
        let started = std::time::Instant::now();
        let registry = national_registry(CPTS, members_per_cpts);
        let built = started.elapsed();
        let held = resident_bytes().saturating_sub(before);
        println!(
            "{group_name}: built once in {:.2} s, resident memory +{} MB",
            built.as_secs_f64(),
            held / 1_000_000
        );
        let member = Identifier::parse(IdentifierKind::Rpps, &rpps_text(54_321)).unwrap();
        let stranger = Identifier::parse(
            IdentifierKind::Rpps,
            &rpps_text(CPTS * members_per_cpts + 7),
        )
        .unwrap();
        assert_eq!(registry.cpts_of(&member, on).len(), 1);
        assert!(registry.cpts_of(&stranger, on).is_empty());
        let mut group = c.benchmark_group(group_name);
        group.bench_function("cpts_of a member", |b| {
            b.iter(|| black_box(registry.cpts_of(black_box(&member), on)))
        });
        group.bench_function("cpts_of a non-member", |b| {
            b.iter(|| black_box(registry.cpts_of(black_box(&stranger), on)))
        });
        group.finish();
    }
    let mut group = c.benchmark_group("registry, national scale");
    group.sample_size(10);
    group.bench_function("build 1 000 CPTS of 2 000 members each (2 000 000)", |b| {
        b.iter(|| black_box(national_registry(CPTS, 2_000)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
