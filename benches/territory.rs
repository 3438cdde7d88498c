//! The commune table and coverage (issue targets: loading the embedded table under 5 ms and
//! under 8 MB of memory; coverage of all communes of France by 1 000 synthetic CPTS under
//! 20 ms on one core; reading a CSV of 1 000 CPTS × 35 communes and computing the national
//! coverage under 20 ms together). Run: `cargo bench -p cpts-benches --bench territory`.
//!
//! Memory is measured with a counting allocator: the peak of heap bytes in use while the
//! table loads (the text itself is compiled into the binary and is not on the heap).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use cpts_benches::{synthetic_coverage, synthetic_coverage_with_parts};
use cpts_core::territory::spreadsheet::read_sheet_bytes;
use cpts_core::territory::{Area, CommuneTable, coverage};
use criterion::{Criterion, criterion_group, criterion_main};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn bench(c: &mut Criterion) {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let table = CommuneTable::embedded().unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = IN_USE.load(Ordering::Relaxed) - before;
    println!(
        "commune table: peak heap while loading {peak} bytes, {kept} bytes kept, {} communes",
        table.len()
    );

    let inputs = synthetic_coverage(&table);
    let report = coverage(&inputs, &table, &Area::France).unwrap();
    println!(
        "coverage of France: {} CPTS, {} units, {} covered, {} overlaps, {} white zones, share {}",
        report.cpts.len(),
        report.totals.units,
        report.totals.units_covered,
        report.overlaps.len(),
        report.white_zones.len(),
        report.totals.share_covered
    );

    let mut group = c.benchmark_group("territory");
    group.bench_function("load the embedded commune table", |b| {
        b.iter(|| black_box(CommuneTable::embedded().unwrap()))
    });
    group.bench_function("coverage of France by 1 000 synthetic CPTS", |b| {
        b.iter(|| black_box(coverage(black_box(&inputs), &table, &Area::France).unwrap()))
    });
    // The same CPTS, every commune of 20 000 inhabitants or more held in two parts by two
    // CPTS (national scale with parts of communes).
    let with_parts = synthetic_coverage_with_parts(&table);
    let report = coverage(&with_parts, &table, &Area::France).unwrap();
    println!(
        "coverage of France with parts: {} parts, {} overlaps, {} white zones, share {}",
        with_parts.iter().map(|c| c.parts.len()).sum::<usize>(),
        report.overlaps.len(),
        report.white_zones.len(),
        report.totals.share_covered
    );
    group.bench_function(
        "coverage of France by 1 000 synthetic CPTS, big communes in parts",
        |b| b.iter(|| black_box(coverage(black_box(&with_parts), &table, &Area::France).unwrap())),
    );
    // The same CPTS as an ARS sheet: one row per CPTS and commune, semicolons, Windows-1252
    // (a stage on each CPTS's first row), read then covered.
    let mut csv = String::from("Nom de la CPTS;Code INSEE;Statut\r\n");
    for input in &inputs {
        for (k, c) in input.communes.iter().enumerate() {
            let stage = if k == 0 { "contrat signé" } else { "" };
            csv.push_str(&format!("{};{};{stage}\r\n", input.cpts, c));
        }
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&csv);
    let bytes = bytes.into_owned();
    let sheet = read_sheet_bytes(&bytes).unwrap();
    println!(
        "sheet: {} bytes, {} rows, {} CPTS",
        bytes.len(),
        sheet.details.iter().map(|d| d.rows.len()).sum::<usize>(),
        sheet.cpts.len()
    );
    group.bench_function(
        "read a CSV of 1 000 CPTS × 35 communes (Windows-1252)",
        |b| b.iter(|| black_box(read_sheet_bytes(black_box(&bytes)).unwrap())),
    );
    group.bench_function("read that CSV, then the coverage of France", |b| {
        b.iter(|| {
            let sheet = read_sheet_bytes(black_box(&bytes)).unwrap();
            black_box(coverage(&sheet.cpts, &table, &Area::France).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
