//! Validating 2 000 000 RPPS strings (issue target: under 100 ms on one core).
//!
//! The input mixes the forms users type: compact, with spaces, with dots, and one in ten
//! with a wrong key. Run: `cargo bench -p cpts-benches --bench identifiers`.

use std::hint::black_box;

use cpts_benches::rpps_text;
use cpts_core::identifiers::{NationalIdentifier, Rpps};
use criterion::{Criterion, criterion_group, criterion_main};

const N: usize = 2_000_000;

fn inputs() -> Vec<String> {
    (0..N as u64)
        .map(|i| {
            let s = rpps_text(i * 7919);
            match i % 10 {
                // The last digit replaced by the next one: a wrong key.
                0 => format!("{}{}", &s[..10], (s.as_bytes()[10] - b'0' + 1) % 10),
                1 => format!("{} {} {}", &s[..3], &s[3..7], &s[7..]),
                2 => format!("{}.{}.{}", &s[..3], &s[3..7], &s[7..]),
                _ => s,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("identifiers");
    group.sample_size(20);
    group.bench_function("validate 2 000 000 RPPS strings", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for s in &inputs {
                if Rpps::parse(black_box(s)).is_ok() {
                    valid += 1;
                }
            }
            black_box(valid)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
