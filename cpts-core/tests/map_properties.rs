//! Properties of maps: any contour text is read or refused with its line (never a panic),
//! and a coverage map draws one path per unit with a contour, plus one per overlap, whatever
//! CPTS hold which units.

use cpts_core::chrono::NaiveDate;
use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::map::{Geometries, GeometryError, MapOptions, coverage_map};
use cpts_core::territory::CommuneTable;
use cpts_core::territory::coverage::{Area, CoverageInput, coverage};
use proptest::prelude::*;

/// Twelve communes of the Yvelines, each a square of 0.05° on a 4 × 3 grid.
const CODES: [&str; 12] = [
    "78007", "78133", "78224", "78350", "78367", "78372", "78481", "78502", "78551", "78146",
    "78498", "78646",
];

fn squares() -> Geometries {
    let mut text = String::from("#cpts-geometries=1\n");
    for (i, c) in CODES.iter().enumerate() {
        let (x, y) = (20000 + 500 * (i as i32 % 4), 488500 + 500 * (i as i32 / 4));
        text.push_str(&format!("G|{c}|d|{x},{y},500,0,0,500,-500,0\n"));
    }
    Geometries::from_text(&text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_contour_text_is_read_or_refused_with_its_line(
        lines in prop::collection::vec("(G|S|#)?[|0-9a-z,; -]{0,40}", 0..8)
    ) {
        let text = format!("#cpts-geometries=1\n{}", lines.join("\n"));
        match Geometries::from_text(&text) {
            Ok(g) => prop_assert!(!g.is_empty()),
            Err(GeometryError::InvalidGeometry { line, .. }) => {
                prop_assert!(line >= 1 && line as usize <= lines.len() + 1)
            }
            Err(GeometryError::NoGeometry) => {}
        }
    }

    #[test]
    fn a_coverage_map_has_a_path_per_unit_drawn_and_per_overlap(
        holdings in prop::collection::vec(prop::collection::vec(0usize..12, 0..6), 0..5)
    ) {
        let table = CommuneTable::embedded().unwrap();
        let inputs: Vec<CoverageInput> = holdings
            .iter()
            .enumerate()
            .map(|(i, held)| {
                let mut communes: Vec<InseeCommuneCode> =
                    held.iter().map(|k| InseeCommuneCode::parse(CODES[*k]).unwrap()).collect();
                communes.sort();
                communes.dedup();
                CoverageInput { cpts: format!("CPTS {i}"), communes, parts: vec![], status: None }
            })
            .collect();
        let report = coverage(&inputs, &table, &Area::Departement { code: "78".into() }).unwrap();
        let options = MapOptions::on(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let map = coverage_map(&report, &table, &squares(), &options).unwrap();
        prop_assert_eq!(map.units, 12);
        prop_assert_eq!(map.missing.len(), 259 - 12);
        prop_assert_eq!(map.svg.matches("<path ").count(), 12 + report.overlaps.len());
        let white = CODES
            .iter()
            .filter(|c| report.white_zones.iter().any(|w| w.commune.as_str() == **c))
            .count();
        prop_assert_eq!(map.svg.matches("class=\"zb\"").count(), white);
    }
}
