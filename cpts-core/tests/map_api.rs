//! The `map` operation on commune contours loaded into the engine: the requests of
//! `conformance/maps/` (contours: squares made for the tests, `communes-carres.txt`) give their
//! committed responses byte for byte; the C and Node tests run the same folder.
//! `CPTS_REGENERATE=1` rewrites the responses, for review in the diff.

use cpts_core::api::Engine;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/maps");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

fn engine() -> Engine {
    let mut engine = Engine::new().unwrap();
    assert_eq!(
        engine
            .load_geometries(&read("communes-carres.txt"))
            .unwrap(),
        12
    );
    engine
}

const CASES: [&str; 3] = [
    "map-coverage-departement",
    "map-territory-with-a-part",
    "map-width-refused",
];

#[test]
fn the_requests_give_their_committed_responses() {
    let engine = engine();
    for case in CASES {
        let response = engine.call(&read(&format!("{case}.request.json")));
        let path = format!("{DIR}/{case}.response.json");
        if std::env::var_os("CPTS_REGENERATE").is_some() {
            std::fs::write(&path, format!("{response}\n")).unwrap();
        }
        assert_eq!(
            format!("{response}\n"),
            read(&format!("{case}.response.json")),
            "{case}"
        );
    }
}

#[test]
fn the_maps_draw_what_the_requests_say() {
    let engine = engine();
    let answer = |case: &str| -> Value {
        serde_json::from_str(&engine.call(&read(&format!("{case}.request.json")))).unwrap()
    };
    let coverage = answer("map-coverage-departement");
    let result = &coverage["result"];
    let svg = result["svg"].as_str().unwrap();
    // Twelve squares: the seed's 9 communes, Chatou, Poissy and Versailles; the other 247
    // communes of the Yvelines have no contour here.
    assert_eq!(result["units"], 12);
    assert_eq!(result["missing"].as_array().unwrap().len(), 259 - 12);
    // Le Pecq is in both CPTS: drawn once and cross-hatched; Poissy and Versailles are white.
    assert_eq!(svg.matches("<path class=\"ch\"").count(), 1);
    assert_eq!(svg.matches("class=\"zb\"").count(), 2);
    assert!(svg.contains("au 1er décembre 2026 — 2 CPTS"));

    let territory = answer("map-territory-with-a-part");
    let svg = territory["result"]["svg"].as_str().unwrap();
    assert!(svg.starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 6000 "
    ));
    assert_eq!(svg.matches("<path fill=\"#6a6af4\"").count(), 9);
    assert_eq!(svg.matches("<path fill=\"#cacafb\"").count(), 1);
    assert!(svg.contains("Parties de communes : 1"));

    let refused = answer("map-width-refused");
    assert_eq!(refused["error"]["name"], "invalid_input");
    assert_eq!(
        refused["error"]["message"],
        "carte, largeur « 20 » : de 400 à 4 000 pixels"
    );

    // Without contours, a map is data not loaded; a bad file leaves the engine as it was.
    let bare = Engine::new().unwrap();
    let none: Value =
        serde_json::from_str(&bare.call(&read("map-coverage-departement.request.json"))).unwrap();
    assert_eq!(none["error"]["name"], "data_unavailable");
    assert_eq!(none["error"]["details"]["data"], "geometries");
    let mut engine = engine;
    let e = engine
        .load_geometries("#cpts-geometries=1\nG|78551|d|0,0,1\n")
        .unwrap_err();
    assert_eq!(e.code.name(), "invalid_input");
    assert!(e.message.contains("contours, ligne 2 : "), "{}", e.message);
    let still: Value =
        serde_json::from_str(&engine.call(&read("map-coverage-departement.request.json"))).unwrap();
    assert_eq!(still["result"]["units"], 12);
}
