//! Territories as CPTS draw them (issue « Territories as CPTS really draw them »): parts of
//! communes, codes that cannot be mistaken, one rule for repeats, a population without band.
//! Populations are the INSEE populations municipales 2023 of the embedded table (rows of
//! `cpts-core/data/communes.txt` quoted in the comments).

mod common;

use common::call;
use serde_json::{Value, json};

fn ok(operation: &str, input: Value) -> Value {
    let r = call(operation, input);
    assert_eq!(r["status"], "ok", "{r}");
    r["result"].clone()
}

fn error(operation: &str, input: Value) -> Value {
    let r = call(operation, input);
    assert_eq!(r["status"], "error", "{r}");
    r["error"].clone()
}

/// The part of Lille in CPTS Fives-Hellemmes-Mons: the quartier of Fives and the commune
/// associée of Hellemmes. Source of its population: the CPTS's published population, 60 382
/// (as quoted in the issue), minus Mons-en-Barœul's population municipale, 21 105 (row
/// `C|59410|59|200093201|21105|59370||Mons-en-Barœul`): 39 277.
fn fives_hellemmes() -> Value {
    json!({"commune": "59350", "name": "Fives et Hellemmes", "population": 39277,
        "source": {"kind": "other",
                   "reference": "population publiée par la CPTS Fives-Hellemmes-Mons (60 382) moins Mons-en-Barœul (INSEE, populations légales 2023)"}})
}

#[test]
fn a_part_of_lille_counts_its_declared_population() {
    // As typed today: Hellemmes-Lille (59298, commune associée of Lille) and Mons-en-Barœul.
    // The whole of Lille (238 246, row `C|59350|...|238246|...|Lille`) is counted: 259 351,
    // taille 4 — and the result says so in its own field.
    let r = ok(
        "territory",
        json!({"communes": ["59298", "59410"], "on": "2026-01-01"}),
    );
    assert_eq!(r["population"], 238_246 + 21_105);
    assert_eq!(r["taille"], 4);
    let counted = &r["counted_whole"][0];
    assert_eq!(counted["given"], "59298");
    assert_eq!(counted["former_name"], "Hellemmes-Lille");
    assert_eq!(counted["kind"], "associee");
    assert_eq!(counted["commune"], "59350");
    assert_eq!(counted["population"], 238_246);
    let advice = counted["advice"].as_str().unwrap();
    assert!(
        advice.contains("donnez-la comme une partie de 59350 avec sa population déclarée"),
        "{advice}"
    );
    let advice = counted["advice_en"].as_str().unwrap();
    assert!(advice.contains("give it as a part of 59350"), "{advice}");
    // With the part: 21 105 + 39 277 = 60 382, taille 2 (40 000 to 80 000).
    let r = ok(
        "territory",
        json!({"communes": ["59410"], "parts": [fives_hellemmes()], "on": "2026-01-01"}),
    );
    assert_eq!(r["population"], 60_382);
    assert_eq!(r["taille"], 2);
    assert_eq!(r["parts"][0]["commune_name"], "Lille");
    assert_eq!(r["parts"][0]["commune_population"], 238_246);
    assert_eq!(r["parts"][0]["population"], 39_277);
    assert!(r.get("counted_whole").is_none());
    // Lille is in the départements and EPCI of the territory, in part.
    assert_eq!(r["departements"][0]["code"], "59");
    assert_eq!(r["epcis"][0]["siren"], "200093201");
}

#[test]
fn parts_follow_the_commune_they_belong_to() {
    let part = |population: u64| {
        let mut p = fives_hellemmes();
        p["population"] = json!(population);
        p
    };
    // Whole and in part: refused.
    let e = error(
        "territory",
        json!({"communes": ["59350"], "parts": [fives_hellemmes()]}),
    );
    assert_eq!(e["details"]["error"], "whole_and_in_part");
    // Parts of one commune adding up to more than it: 200 000 + 39 277 > 238 246.
    let mut other = part(200_000);
    other["name"] = json!("Lille-Centre");
    let e = error(
        "territory",
        json!({"communes": [], "parts": [fives_hellemmes(), other]}),
    );
    assert_eq!(e["details"]["error"], "parts_exceed_commune");
    assert_eq!(e["details"]["parts_population"], 239_277);
    assert_eq!(e["details"]["commune_population"], 238_246);
    // The same part twice is a repeat: counted once, with a warning.
    let r = ok(
        "territory",
        json!({"parts": [fives_hellemmes(), fives_hellemmes()]}),
    );
    assert_eq!(r["population"], 39_277);
    // (59350 is also the postcode of other communes: that warning comes first.)
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["warning"] == "repeated_part" && w["name"] == "Fives et Hellemmes"),
        "{r}"
    );
    // The same name with another population: refused.
    let e = error("territory", json!({"parts": [fives_hellemmes(), part(1)]}));
    assert_eq!(e["details"]["field"], "parts[1].population");
    // A part of Paris is a part of an arrondissement.
    let mut paris = fives_hellemmes();
    paris["commune"] = json!("75056");
    assert_eq!(
        error("territory", json!({"parts": [paris]}))["details"]["error"],
        "part_of_city_with_arrondissements"
    );
    // IRIS codes start with the commune's code and belong to one part.
    let mut with_iris = fives_hellemmes();
    with_iris["iris"] = json!(["593500101", "594100101"]);
    let e = error("territory", json!({"parts": [with_iris]}));
    assert_eq!(e["details"]["field"], "parts[0].iris");
    assert_eq!(e["details"]["value"], "594100101");
    let e = error(
        "territory",
        json!({"parts": [{"commune": "59350", "name": "x",
        "population": 1, "source": {"kind": "contract", "reference": "contrat"}, "iris": ["59350010"]}]}),
    );
    assert_eq!(e["name"], "invalid_input");
    // Nothing at all is not a territory.
    assert_eq!(error("territory", json!({}))["details"]["error"], "empty");
}

#[test]
fn coverage_counts_parts_of_communes() {
    let lille_part = |name: &str, population: u64| {
        json!({"commune": "59350", "name": name, "population": population,
               "source": {"kind": "ars_decision", "reference": "décision de l'ARS (exemple du test)"}})
    };
    // Two CPTS with different parts of Lille: 39 277 + 100 000 = 139 277 ≤ 238 246, no
    // overlap; the remainder, 238 246 − 139 277 = 98 969, is a white zone.
    let r = ok(
        "coverage",
        json!({"area": {"area": "departement", "code": "59"}, "cpts": [
            {"cpts": "fives", "communes": ["59410"], "parts": [lille_part("Fives et Hellemmes", 39277)]},
            {"cpts": "centre", "communes": [], "parts": [lille_part("Centre", 100000)]},
        ]}),
    );
    let lille = |list: &Value| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|x| x["commune"] == "59350")
            .cloned()
    };
    assert_eq!(lille(&r["overlaps"]), None);
    let white = lille(&r["white_zones"]).unwrap();
    assert_eq!(white["population"], 98_969);
    assert_eq!(white["commune_population"], 238_246);
    let nord = &r["by_departement"][0];
    assert_eq!(nord["code"], "59");
    assert_eq!(
        nord["covered"].as_u64().unwrap() + nord["white"].as_u64().unwrap(),
        nord["population"].as_u64().unwrap()
    );
    // Lille's assignments say which CPTS hold a part, and how much.
    let parts: Vec<&Value> = r["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["commune"] == "59350")
        .collect();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["cpts"], 0); // "centre" sorts first
    assert_eq!(parts[0]["part_population"], 100_000);
    // Parts adding up to more than the commune overlap by the excess: 39 277 + 200 000 −
    // 238 246 = 1 031.
    let r = ok(
        "coverage",
        json!({"area": {"area": "departement", "code": "59"}, "cpts": [
            {"cpts": "fives", "communes": [], "parts": [lille_part("Fives et Hellemmes", 39277)]},
            {"cpts": "reste", "communes": [], "parts": [lille_part("Reste de Lille", 200000)]},
        ]}),
    );
    let overlap = lille(&r["overlaps"]).unwrap();
    assert_eq!(overlap["population"], 1_031);
    assert_eq!(overlap["cpts"], json!([0, 1]));
    assert_eq!(lille(&r["white_zones"]), None);
    // One CPTS holds Lille whole, another a part: the part overlaps.
    let r = ok(
        "coverage",
        json!({"area": {"area": "departement", "code": "59"}, "cpts": [
            {"cpts": "lille", "communes": ["59350"]},
            {"cpts": "fives", "communes": [], "parts": [lille_part("Fives et Hellemmes", 39277)]},
        ]}),
    );
    assert_eq!(lille(&r["overlaps"]).unwrap()["population"], 39_277);
}

#[test]
fn codes_that_are_postcodes_are_not_mistaken() {
    // 75013: the postcode of Paris 13e, and the pre-1968 Seine code of Le Bourget (row
    // `C|93013|93|...|15925|93350|75013|Le Bourget`). Refused, naming both readings.
    let e = error("territory", json!({"communes": ["75013"]}));
    assert_eq!(e["name"], "invalid_input");
    let d = &e["details"];
    assert_eq!(d["error"], "ambiguous_code");
    assert_eq!(d["commune"], json!({"code": "93013", "name": "Le Bourget"}));
    assert_eq!(d["former"]["kind"], "ancien_code");
    assert_eq!(d["former"]["name"], "Le Bourget");
    assert_eq!(
        d["postcode_of"],
        json!([{"code": "75113", "name": "Paris 13e Arrondissement"}])
    );
    // All of 75001–75020 are Seine codes of suburbs (75012 Boulogne-Billancourt, 75016
    // Cachan) and postcodes of Paris.
    for n in 1..=20 {
        let code = format!("750{n:02}");
        let e = error("territory", json!({"communes": [code]}));
        assert_eq!(e["details"]["error"], "ambiguous_code", "{code}");
    }
    // Strict policy: only current INSEE codes; the former code is refused as such.
    let e = error(
        "territory",
        json!({"communes": ["75013"], "codes": "current_only"}),
    );
    assert_eq!(e["details"]["error"], "former_code_refused");
    // 13001 is Aix-en-Provence's INSEE code and Marseille 1er's postcode; 69001 Affoux and
    // Lyon 1er. Read as INSEE codes, with a warning naming the other reading.
    for (code, name, population, other) in [
        (
            "13001",
            "Aix-en-Provence",
            149_695,
            ("13201", "Marseille 1er Arrondissement"),
        ),
        ("69001", "Affoux", 398, ("69381", "Lyon 1er Arrondissement")),
    ] {
        let r = ok("territory", json!({"communes": [code]}));
        assert_eq!(r["population"], population, "{code}");
        assert_eq!(r["communes"][0]["name"], name);
        let w = &r["warnings"][0];
        assert_eq!(w["warning"], "also_a_postcode");
        assert_eq!(w["code"], code);
        assert_eq!(
            w["postcode_of"],
            json!([{"code": other.0, "name": other.1}])
        );
        // The strict policy reads them as INSEE codes too, without the warning.
        let r = ok(
            "territory",
            json!({"communes": [code], "codes": "current_only"}),
        );
        assert_eq!(r["population"], population);
        assert_eq!(r["warnings"], json!([]));
    }
    // A former code that is no postcode still reads, with its former name: Fourqueux.
    let r = ok("territory", json!({"communes": ["78251"]}));
    assert_eq!(r["warnings"][0]["via"]["name"], "Fourqueux");
    // An ancien code's name is its commune's (the COG gives no other): 20004, Ajaccio.
    let r = ok("territory", json!({"communes": ["20004"]}));
    assert_eq!(r["warnings"][0]["via"]["kind"], "ancien_code");
    assert_eq!(r["warnings"][0]["via"]["name"], "Ajaccio");
}

#[test]
fn a_repeat_is_counted_once_with_a_warning_in_every_operation() {
    // Saint-Germain-en-Laye (78551, 45 931) given twice, and again as Fourqueux (78251).
    let r = ok(
        "territory",
        json!({"communes": ["78551", "78481", "78551", "78251", "78551"]}),
    );
    assert_eq!(r["population"], 45_931 + 16_059);
    let repeats: Vec<&Value> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["warning"] == "repeated")
        .collect();
    // By code; the entry kept is the commune's own code.
    assert_eq!(
        repeats,
        [
            &json!({"warning": "repeated", "commune": "78551", "first": "78551", "second": "78251", "times": 1}),
            &json!({"warning": "repeated", "commune": "78551", "first": "78551", "second": "78551", "times": 2}),
        ]
    );
    // The order of the list does not matter.
    let reversed = ok(
        "territory",
        json!({"communes": ["78551", "78251", "78551", "78481", "78551"]}),
    );
    assert_eq!(reversed, r);
    // Coverage: the same rule (it kept one copy silently before).
    let r = ok(
        "coverage",
        json!({"area": {"area": "departement", "code": "78"},
               "cpts": [{"cpts": "a", "communes": ["78551", "78551"]}]}),
    );
    assert_eq!(r["warnings"][0]["warning"]["warning"], "repeated");
    assert_eq!(r["by_departement"][0]["covered"], 45_931);
    // what_if: the territory holds a repeat; adding a commune already there is one too.
    let r = ok(
        "what_if",
        json!({"communes": ["78551", "78551"], "add": ["78481", "78251"], "on": "2026-01-01"}),
    );
    assert_eq!(r["before"]["population"], 45_931);
    assert_eq!(r["after"]["population"], 45_931 + 16_059);
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["warning"] == "repeated" && w["second"] == "78251"),
        "{r}"
    );
    // Removing a commune that is not held: an error naming it.
    let e = error(
        "what_if",
        json!({"communes": ["78551"], "remove": ["78481"], "on": "2026-01-01"}),
    );
    assert_eq!(e["name"], "invalid_input");
    assert_eq!(e["details"]["cause"]["error"], "not_in_territory");
    assert_eq!(e["details"]["cause"]["code"], "78481");
}

#[test]
fn the_population_is_answered_without_a_band() {
    // No date: the population, no band, and why.
    let r = ok("territory", json!({"communes": ["78551"]}));
    assert_eq!(r["population"], 45_931);
    assert_eq!(r["taille"], Value::Null);
    assert_eq!(r["band_missing"]["reason"], "no_date");
    // Before the first ACI (25 August 2019): the population all the same.
    let r = ok(
        "territory",
        json!({"communes": ["78551"], "on": "2019-01-01"}),
    );
    assert_eq!(r["population"], 45_931);
    assert_eq!(r["taille"], Value::Null);
    assert_eq!(r["band_missing"]["reason"], "no_aci_on_date");
    assert_eq!(r["band_missing"]["first_day"], "2019-08-25");
    // With a band, no reason.
    let r = ok(
        "territory",
        json!({"communes": ["78551"], "on": "2026-01-01"}),
    );
    assert_eq!(r["taille"], 2);
    assert!(r.get("band_missing").is_none());
}

#[test]
fn coverage_gives_the_figures_an_ars_reports() {
    // Two CPTS of the seed FAQ's area, with their stages, and one without; the area is the
    // région Île-de-France, so figures come per département too.
    let r = ok(
        "coverage",
        json!({"area": {"area": "region", "code": "11"}, "cpts": [
            {"cpts": "boucle", "communes": ["78551", "78481"], "status": "contrat_signe"},
            {"cpts": "marly", "communes": ["78372", "78481"], "status": "projet"},
            {"cpts": "cergy", "communes": ["95127"]},
        ]}),
    );
    let totals = &r["totals"];
    assert_eq!(
        totals["cpts_by_status"],
        json!([{"status": "projet", "cpts": 1}, {"status": "contrat_signe", "cpts": 1},
               {"status": null, "cpts": 1}])
    );
    let deps = r["by_departement"].as_array().unwrap();
    let yvelines = deps.iter().find(|d| d["code"] == "78").unwrap();
    assert_eq!(
        yvelines["cpts_by_status"],
        json!([{"status": "projet", "cpts": 1}, {"status": "contrat_signe", "cpts": 1}])
    );
    let paris = deps.iter().find(|d| d["code"] == "75").unwrap();
    assert!(paris.get("cpts_by_status").is_none());
    // Covered: Saint-Germain-en-Laye 45 931 + Le Pecq 16 059 + Marly-le-Roi 16 756 + Cergy
    // (row `C|95127|...`); Le Pecq is in an overlap.
    assert_eq!(yvelines["overlapped"], 16_059);
    // White zones, largest first: the first is Paris 15e (229 713, the largest
    // arrondissement of Paris, none of which is covered).
    let whites = r["white_zones"].as_array().unwrap();
    let order: Vec<usize> = r["white_zones_by_population"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(order.len(), whites.len());
    assert_eq!(whites[order[0]]["commune"], "75115");
    assert_eq!(whites[order[0]]["population"], 229_713);
    assert!(
        order.windows(2).all(|w| {
            whites[w[0]]["population"].as_u64() >= whites[w[1]]["population"].as_u64()
        })
    );
    // Without stages, no counts are written.
    let r = ok(
        "coverage",
        json!({"area": {"area": "departement", "code": "78"}, "cpts": [
            {"cpts": "boucle", "communes": ["78551"]}]}),
    );
    assert!(r["totals"].get("cpts_by_status").is_none());
}
