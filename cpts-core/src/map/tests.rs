//! Maps drawn from small contours made by hand (squares), so that every path can be counted.
//! The maps of the Yvelines and of France from IGN's contours are in `tests/maps.rs`.

use super::*;
use crate::identifiers::NationalIdentifier;
use crate::territory::coverage::{Area, CoverageInput, coverage};
use crate::territory::{CommuneTable, TerritorySpec, analyse};

fn c(code: &str) -> InseeCommuneCode {
    InseeCommuneCode::parse(code).unwrap()
}

/// Squares of 0.1° side (1 000 units) side by side from 2°E 48.8°N: Saint-Germain-en-Laye
/// (78551), Le Pecq (78481), Marly-le-Roi (78372) and Chatou (78146) in a row, and a square with a
/// square hole for Versailles (78646).
fn geometries() -> Geometries {
    let square = |i: i32| format!("{},488000,1000,0,0,1000,-1000,0", 20000 + 1000 * i);
    let text = format!(
        "#cpts-geometries=1\n#source=carrés de test\n#origin=fait à la main\n#cog=2026\n\
         G|78551|d|{}\nG|78481|d|{}\nG|78372|d|{}\nG|78146|d|{}\n\
         G|78646|d|24000,488000,1000,0,0,1000,-1000,0;24250,488250,500,0,0,500,-500,0\n\
         G|78646|f|24000,488000,1000,0,0,1000,-1000,0\n",
        square(0),
        square(1),
        square(2),
        square(3)
    );
    Geometries::from_text(&text).unwrap()
}

fn on() -> MapOptions {
    MapOptions::on(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
}

#[test]
fn a_coverage_map_draws_each_unit_once_in_its_cpts_colour() {
    let table = CommuneTable::embedded().unwrap();
    let inputs = vec![
        CoverageInput {
            cpts: "CPTS de la Boucle".into(),
            communes: vec![c("78551"), c("78481")],
            parts: vec![],
            status: None,
        },
        CoverageInput {
            cpts: "CPTS de Marly".into(),
            communes: vec![c("78372"), c("78481")],
            parts: vec![],
            status: None,
        },
    ];
    let report = coverage(&inputs, &table, &Area::Departement { code: "78".into() }).unwrap();
    let map = coverage_map(&report, &table, &geometries(), &on()).unwrap();
    let svg = &map.svg;
    // Five units have contours; the Yvelines have 259: 254 are listed as missing.
    assert_eq!(map.units, 5);
    assert_eq!(map.missing.len(), 254);
    // One path per unit, and Le Pecq's cross-hatching over it.
    assert_eq!(svg.matches("<path ").count(), 6);
    assert_eq!(map.level, Level::Detailed);
    // Sorted by id, « CPTS de Marly » is 0 and « CPTS de la Boucle » 1 ('M' < 'l'); their
    // extents meet (Le Pecq), so they get the first two colours, west first: the Boucle's
    // extent starts at 2.0°E (colour 0), Marly's at 2.1°E (colour 1).
    assert_eq!(report.cpts, ["CPTS de Marly", "CPTS de la Boucle"]);
    assert!(svg.contains("<path class=\"c0\" d=\"M"), "{svg}");
    assert!(svg.contains("<path class=\"c1\" d=\"M"));
    // Le Pecq is in both: drawn once with an id in the colour of the first CPTS by id
    // (Marly), and cross-hatched by a `use`.
    let pecq = svg
        .split("<path ")
        .find(|p| p.contains("Le Pecq (78481)"))
        .unwrap();
    assert!(pecq.starts_with("class=\"c1\" d=\"M"), "{pecq}");
    let d = pecq.split('"').nth(3).unwrap();
    assert!(svg.contains(&format!("<path class=\"ch\" d=\"{d}\"/>")));
    // Chatou and Versailles are white zones.
    assert_eq!(svg.matches("class=\"zb\"").count(), 2);
    assert!(svg.contains("Chatou (78146) — 30\u{202f}598 hab. — zone blanche"));
    assert!(svg.contains("— zone blanche</title>"));
    // Title, date, figures and sources in French.
    assert!(svg.contains("Couverture par les CPTS — Yvelines (78)"));
    assert!(svg.contains("au 1er décembre 2026 — 2 CPTS"));
    // The description names the area without an article (« de Yvelines » was wrong).
    assert!(svg.contains(
        "<desc id=\"description\">Carte de la couverture : Yvelines (78), au 1er décembre 2026 — 2 CPTS. Population : "
    ));
    assert!(svg.contains("Chevauchements : 16\u{202f}059 hab., 1 unité<"));
    assert!(svg.contains("Code officiel géographique 2026"));
    assert!(svg.contains("contours : fait à la main (carrés de test)"));
    assert!(svg.contains("CPTS de la Boucle (2 unités)"));
    // Versailles's hole is a second ring of the same path: `z` then a relative move.
    assert!(svg.contains("zm"));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>\n"));
}

#[test]
fn a_map_of_france_draws_the_overview_level() {
    let table = CommuneTable::embedded().unwrap();
    let inputs = vec![CoverageInput {
        cpts: "boucle".into(),
        communes: vec![c("78551")],
        parts: vec![],
        status: None,
    }];
    let report = coverage(&inputs, &table, &Area::France).unwrap();
    let map = coverage_map(&report, &table, &geometries(), &on()).unwrap();
    assert_eq!(map.level, Level::Overview);
    // Versailles has an overview contour without its hole: its path has one ring.
    // Paths are in code order: 78146, 78372, 78481, 78551, then Versailles (78646).
    let versailles = map.svg.split("<path ").nth(5).unwrap();
    let d = versailles.split('"').nth(3).unwrap();
    assert_eq!(d.matches('z').count(), 1, "{d}");
    // France has more than 5 000 units: no tooltips.
    assert!(!map.svg.contains("<title>Saint-Germain"));
    assert_eq!(map.svg.matches("<path ").count(), 5);
}

#[test]
fn a_territory_map_draws_its_communes_parts_and_neighbours() {
    let table = CommuneTable::embedded().unwrap();
    let spec: TerritorySpec = serde_json::from_value(serde_json::json!({
        "communes": ["78551"],
        "parts": [{"commune": "78481", "name": "Quartier Saint-Wandrille", "population": 2000,
                   "source": {"kind": "ars_decision", "reference": "Décision de l'ARS"}}]
    }))
    .unwrap();
    let missing = crate::territory::BandMissing::no_date();
    let report = analyse(&spec, &table, crate::territory::BandFor::Missing(&missing)).unwrap();
    let t = TerritoryMap {
        name: "CPTS de la Boucle",
        report: &report,
    };
    let map = territory_map(&t, &table, &geometries(), &on()).unwrap();
    // The territory spans 2.0°E to 2.2°E; grown by a quarter (0.05°) it meets Marly
    // (2.2°E–2.3°E) only: Chatou at 2.3°E is beyond 2.25°E.
    assert_eq!(map.units, 3);
    let svg = &map.svg;
    assert!(svg.contains("<path fill=\"#6a6af4\" d=\"M"));
    assert!(svg.contains("<path fill=\"#cacafb\" stroke=\"#000091\" stroke-dasharray"));
    assert!(svg.contains("<path fill=\"#e5e5e5\" d=\"M"));
    assert!(svg.contains("Marly-le-Roi (78372)"));
    assert!(!svg.contains("Chatou"));
    assert!(svg.contains("Territoire — CPTS de la Boucle"));
    assert!(svg.contains("Parties de communes : 1"));
}

#[test]
fn bad_options_and_bad_files_are_refused_with_the_line() {
    let table = CommuneTable::embedded().unwrap();
    let report = coverage(&[], &table, &Area::Departement { code: "78".into() }).unwrap();
    let mut options = on();
    options.width = 20;
    let e = coverage_map(&report, &table, &geometries(), &options).unwrap_err();
    assert!(matches!(
        e,
        MapError::InvalidMapOption { field: "width", .. }
    ));
    let other = Geometries::from_text("#cpts-geometries=1\nG|01001|d|0,0,1,0,0,1\n").unwrap();
    let e = coverage_map(&report, &table, &other, &on()).unwrap_err();
    assert_eq!(e, MapError::NothingToDraw { units: 259 });

    let line = |text: &str| match Geometries::from_text(text).unwrap_err() {
        GeometryError::InvalidGeometry { line, rule, .. } => (line, rule.en().to_owned()),
        e => panic!("{e:?}"),
    };
    assert_eq!(line("G|78551|d|0,0,1,0,0,1").0, 1);
    let (l, rule) = line("#cpts-geometries=1\n#source=x\nG|78551|d|0,0,1,0");
    assert_eq!(l, 3);
    assert!(rule.contains("at least three points"));
    assert!(
        line("#cpts-geometries=1\nG|78551|d|1800000,0,1,0,0,1")
            .1
            .contains("WGS84")
    );
    assert!(
        line("#cpts-geometries=1\nG|7855|d|0,0,1,0,0,1")
            .1
            .contains("INSEE")
    );
    assert!(
        line("#cpts-geometries=1\nG|78551|x|0,0,1,0,0,1")
            .1
            .contains("level")
    );
    assert!(
        line("#cpts-geometries=1\nG|78551|d|0,0,1,0,0,1\nG|78551|d|0,0,1,0,0,1")
            .1
            .contains("one contour")
    );
    assert_eq!(
        Geometries::from_text("#cpts-geometries=1\n").unwrap_err(),
        GeometryError::NoGeometry
    );
}

#[test]
fn a_geojson_of_communes_is_read_in_wgs84() {
    let text = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"INSEE_COM": "78551", "NOM": "Saint-Germain-en-Laye"},
         "geometry": {"type": "Polygon", "coordinates": [[[2.0, 48.8], [2.1, 48.8], [2.1, 48.9], [2.00001, 48.9], [2.0, 48.8]]]}},
        {"type": "Feature", "properties": {"code": "78481"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[2.1, 48.8], [2.2, 48.8], [2.2, 48.9], [2.1, 48.8]]]]}}
    ]}"#;
    let g = Geometries::from_geojson(text).unwrap();
    assert_eq!(g.len(), 2);
    // 2.00001° is within the detailed tolerance (0.0003°) of 2.1°? No: it is 0.1° away in x
    // from the previous point (2.1, 48.9) — kept; the closing point repeats the first — dropped.
    let s = g.shape(&c("78551")).unwrap();
    assert_eq!(
        s.polygons(Level::Detailed)[0][0],
        [
            [20000, 488000],
            [21000, 488000],
            [21000, 489000],
            [20000, 489000]
        ]
    );
    assert_eq!(g.provenance().format, "geojson");
    let e = Geometries::from_geojson(r#"{"type": "FeatureCollection", "features": [{"properties": {"INSEE_COM": "78551"}, "geometry": {"type": "Polygon", "coordinates": [[[652000, 6862000], [653000, 6862000], [653000, 6863000]]]}}]}"#).unwrap_err();
    match e {
        GeometryError::InvalidGeometry { line, rule, .. } => {
            assert_eq!(line, 1);
            assert!(rule.fr().contains("Lambert-93"));
        }
        e => panic!("{e:?}"),
    }
    assert!(Geometries::from_geojson("[]").is_err());
    assert!(
        Geometries::from_geojson(
            r#"{"type": "FeatureCollection", "features": [{"properties": {}}]}"#
        )
        .is_err()
    );
}
