//! Coverage properties on the real table: covered + white = population of the area; a unit
//! in an overlap counts once in « covered »; results do not depend on input order.

use cpts_core::identifiers::InseeCommuneCode;
use cpts_core::territory::{Area, CommuneKind, CommuneTable, CoverageInput, coverage};
use proptest::prelude::*;
use std::sync::OnceLock;

fn table() -> &'static CommuneTable {
    static TABLE: OnceLock<CommuneTable> = OnceLock::new();
    TABLE.get_or_init(|| CommuneTable::embedded().unwrap())
}

/// Communes of Île-de-France (région 11), Paris included as a commune and as arrondissements.
fn idf() -> Vec<InseeCommuneCode> {
    table()
        .communes()
        .filter(|c| c.region().code() == "11")
        .map(|c| c.code())
        .collect()
}

/// Random CPTS: each takes a random run of the région's codes (runs overlap), Paris either
/// whole or by arrondissement, never both in one CPTS.
fn inputs() -> impl Strategy<Value = (Vec<CoverageInput>, u64)> {
    (
        proptest::collection::vec((0usize..1300, 1usize..120), 1..25),
        any::<u64>(),
    )
        .prop_map(|(runs, seed)| {
            let codes = idf();
            let inputs = runs
                .iter()
                .enumerate()
                .map(|(i, (start, len))| {
                    let mut communes: Vec<InseeCommuneCode> = codes
                        .iter()
                        .skip(*start % codes.len())
                        .take(*len)
                        .copied()
                        .collect();
                    let has_paris = communes.iter().any(|c| c.as_str() == "75056");
                    if has_paris {
                        communes.retain(|c| !c.as_str().starts_with("751"));
                    }
                    CoverageInput {
                        cpts: format!("cpts-{i:02}"),
                        communes,
                    }
                })
                .collect();
            (inputs, seed)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn coverage_invariants((inputs, seed) in inputs()) {
        let area = Area::Region { code: "11".into() };
        let report = coverage(&inputs, table(), &area).unwrap();
        let t = &report.totals;
        prop_assert_eq!(t.covered + t.white, t.population);
        // « covered » counts each covered unit once, overlaps included.
        let mut units: Vec<InseeCommuneCode> = report.assignments.iter().map(|a| a.commune).collect();
        units.dedup();
        let covered: u64 = units.iter().map(|c| u64::from(table().commune(c).unwrap().population().unwrap_or(0))).sum();
        prop_assert_eq!(covered, t.covered);
        let overlapped: u64 = report.overlaps.iter().map(|o| o.population).sum();
        prop_assert_eq!(overlapped, t.overlapped);
        prop_assert!(t.overlapped <= t.covered);
        // Units: communes and arrondissements, Paris counted through its arrondissements.
        let expected_units = table().communes().filter(|c| c.region().code() == "11" && (c.kind() == CommuneKind::ArrondissementMunicipal || c.arrondissements().is_empty())).count();
        prop_assert_eq!(t.units as usize, expected_units);
        prop_assert_eq!(report.white_zones.len() + t.units_covered as usize, expected_units);
        // Département totals add up to the région's.
        prop_assert_eq!(report.by_departement.iter().map(|d| d.population).sum::<u64>(), t.population);
        prop_assert_eq!(report.by_departement.iter().map(|d| d.covered).sum::<u64>(), t.covered);

        // Shuffle the inputs and their communes: same report.
        let mut shuffled = inputs.clone();
        let n = shuffled.len();
        for i in (1..n).rev() {
            shuffled.swap(i, (seed as usize ^ (i * 7919)) % (i + 1));
        }
        for s in &mut shuffled {
            s.communes.reverse();
        }
        prop_assert_eq!(coverage(&shuffled, table(), &area).unwrap(), report);
    }
}
