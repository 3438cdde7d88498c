//! Maps drawn from IGN's contours (ADMIN EXPRESS, converted by `scripts/fetch-geometries`,
//! not committed): the Yvelines with the sample CPTS sheet, one territory, and France by
//! 1 000 synthetic CPTS. Ignored by a plain `cargo test` (the contours must be fetched
//! first); `scripts/test` fetches them and runs these with `--ignored`, then
//! `scripts/maps/screenshots.mjs` renders the SVGs written to `target/maps/` in headless
//! Chromium (PNG beside them).

use std::path::{Path, PathBuf};

use cpts_core::chrono::NaiveDate;
use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::map::{Geometries, Level, MapOptions, TerritoryMap, coverage_map, territory_map};
use cpts_core::territory::coverage::{Area, CoverageInput, coverage};
use cpts_core::territory::spreadsheet::read_sheet_bytes;
use cpts_core::territory::{CommuneTable, analyse_territory};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn geometries() -> Geometries {
    let path = std::env::var_os("CPTS_GEOMETRIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/geometries/communes-geometries.txt"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/fetch-geometries)", path.display()));
    Geometries::from_text(&text).unwrap()
}

fn write(name: &str, svg: &str) {
    let dir = root().join("target/maps");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), svg).unwrap();
}

fn on() -> MapOptions {
    MapOptions::on(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
}

/// The `class` of the path whose tooltip names the commune.
fn class_of<'a>(svg: &'a str, commune: &str) -> &'a str {
    let path = svg
        .split("<path ")
        .find(|p| p.contains(&format!("({commune}) —")))
        .unwrap_or_else(|| panic!("no path for {commune}"));
    path.split('"').nth(1).unwrap()
}

#[test]
#[ignore = "needs the contours of scripts/fetch-geometries (scripts/test runs it)"]
fn the_yvelines_map_has_one_path_per_commune_and_the_seed_cpts_in_one_colour() {
    let table = CommuneTable::embedded().unwrap();
    let geometries = geometries();
    let sheet =
        read_sheet_bytes(&std::fs::read(root().join("examples/cli/cpts-yvelines.csv")).unwrap())
            .unwrap();
    let report = coverage(
        &sheet.cpts,
        &table,
        &Area::Departement { code: "78".into() },
    )
    .unwrap();
    let map = coverage_map(&report, &table, &geometries, &on()).unwrap();
    write("yvelines.svg", &map.svg);
    // The Yvelines have 259 communes (COG 2026), all with a contour: 259 paths, and one more
    // over Louveciennes, in two CPTS.
    assert_eq!(map.units, 259);
    assert!(map.missing.is_empty(), "{:?}", map.missing);
    assert_eq!(map.level, Level::Detailed);
    assert_eq!(map.svg.matches("<path ").count(), 259 + 1);
    assert_eq!(map.svg.matches("<path class=\"ch\"").count(), 1);
    // The seed's nine communes (identifiers.md § 3.7) in one colour, Louveciennes (also in
    // the fictive Versailles CPTS) in the colour of the first CPTS by name, which is the seed's.
    let seed = [
        "78007", "78133", "78224", "78350", "78367", "78372", "78481", "78502", "78551",
    ];
    let colour = class_of(&map.svg, "78551");
    assert!(colour.starts_with('c'), "{colour}");
    for c in seed {
        assert_eq!(class_of(&map.svg, c), colour, "{c}");
    }
    // Versailles's CPTS touches the seed's (Louveciennes): another colour.
    assert_ne!(class_of(&map.svg, "78646"), colour);
    // A white zone where no CPTS is: Sartrouville, Poissy, Rambouillet.
    for c in ["78586", "78498", "78517"] {
        assert_eq!(class_of(&map.svg, c), "zb", "{c}");
    }
    assert_eq!(map.svg.matches("class=\"zb\"").count(), 259 - 20);
}

#[test]
#[ignore = "needs the contours of scripts/fetch-geometries (scripts/test runs it)"]
fn the_seed_territory_map_shows_its_communes_and_its_neighbours() {
    let table = CommuneTable::embedded().unwrap();
    let geometries = geometries();
    let codes: Vec<InseeCommuneCode> = [
        "78007", "78133", "78224", "78350", "78367", "78372", "78481", "78502", "78551",
    ]
    .iter()
    .map(|c| InseeCommuneCode::parse(c).unwrap())
    .collect();
    let report = analyse_territory(&codes, &table, None).unwrap();
    let name = "CPTS exemple de Saint-Germain-en-Laye et Marly";
    let map = territory_map(
        &TerritoryMap {
            name,
            report: &report,
        },
        &table,
        &geometries,
        &on(),
    )
    .unwrap();
    write("territoire.svg", &map.svg);
    assert_eq!(map.svg.matches("<path fill=\"#6a6af4\"").count(), 9);
    // Around it, in grey: Poissy (north-west), Versailles (south), Chatou (east), among others.
    let grey = map.svg.matches("<path fill=\"#e5e5e5\"").count();
    assert!(grey >= 10, "{grey}");
    for neighbour in ["Poissy (78498)", "Versailles (78646)", "Chatou (78146)"] {
        assert!(map.svg.contains(neighbour), "{neighbour}");
    }
    assert_eq!(map.units as usize, 9 + grey);
}

/// 1 000 CPTS over France: each département's units in code order, cut into as many CPTS as
/// its share of the units of France (at least one), each holding the first 90 % of its slice
/// (the rest are white zones).
fn synthetic_france(table: &CommuneTable) -> Vec<CoverageInput> {
    let report = coverage(&[], table, &Area::France).unwrap();
    let mut by_dep: std::collections::BTreeMap<&str, Vec<InseeCommuneCode>> = Default::default();
    for w in &report.white_zones {
        by_dep
            .entry(w.departement.as_str())
            .or_default()
            .push(w.commune);
    }
    let total = report.white_zones.len() as f64;
    let mut inputs = Vec::new();
    for codes in by_dep.values() {
        let n = ((1000.0 * codes.len() as f64 / total).round() as usize).max(1);
        let size = codes.len() as f64 / n as f64;
        for i in 0..n {
            let slice = &codes[(i as f64 * size) as usize..((i + 1) as f64 * size) as usize];
            let keep = ((slice.len() as f64 * 0.9) as usize)
                .max(1)
                .min(slice.len());
            inputs.push(CoverageInput {
                cpts: format!("CPTS synthétique {:04}", inputs.len() + 1),
                communes: slice[..keep].to_vec(),
                parts: vec![],
                status: None,
            });
        }
    }
    inputs
}

#[test]
#[ignore = "needs the contours of scripts/fetch-geometries (scripts/test runs it)"]
fn france_by_a_thousand_cpts_is_under_five_megabytes() {
    let table = CommuneTable::embedded().unwrap();
    let geometries = geometries();
    let inputs = synthetic_france(&table);
    assert!((990..=1010).contains(&inputs.len()), "{}", inputs.len());
    let report = coverage(&inputs, &table, &Area::France).unwrap();
    let map = coverage_map(&report, &table, &geometries, &on()).unwrap();
    write("france.svg", &map.svg);
    assert_eq!(map.level, Level::Overview);
    // Every unit with a contour is drawn; the file lists those without (communes of the
    // collectivités d'outre-mer and communes rétablies after the contours' millésime).
    assert_eq!(
        map.units as usize + map.missing.len(),
        report.totals.units as usize
    );
    assert!(map.units > 34_800, "{}", map.units);
    assert!(map.svg.len() < 5_000_000, "{} bytes", map.svg.len());
    // The overseas départements in their boxes, named.
    for name in [
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
    ] {
        assert!(map.svg.contains(&format!(">{name}</text>")), "{name}");
    }
    assert!(
        map.svg
            .contains(&format!("… et {} autres CPTS", inputs.len() - 24))
    );
}
