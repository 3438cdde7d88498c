//! A parameter set written only as a file — a hypothetical avenant 3 that adds one optional
//! mission, « soutien aux structures du réseau France santé » — loaded with no code change,
//! and a payment schedule and a late-missions report computed with it. The C and Node tests
//! run the same requests (`conformance/avenant-3/`) and compare the same responses.

use cpts_core::api::Engine;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/avenant-3");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

fn engine() -> Engine {
    let mut engine = Engine::without_communes().unwrap();
    let set = engine
        .add_parameter_set(
            "aci_avenant_3_hypothetique.toml",
            &read("aci_avenant_3_hypothetique.toml"),
        )
        .unwrap();
    assert_eq!(set.id(), "aci_avenant_3_hypothetique");
    engine
}

/// The JSON form (what the npm package reads: its wasm has no TOML reader) is the TOML file's
/// data, current: regenerate it with `cargo run --release --example parameter_set_json --
/// conformance/avenant-3/aci_avenant_3_hypothetique.toml`. Both forms give the same answers.
#[test]
fn the_json_form_is_the_toml_file_and_answers_the_same() {
    let toml =
        cpts_core::aci::ParameterSet::from_text("a.toml", &read("aci_avenant_3_hypothetique.toml"))
            .unwrap();
    let json = read("aci_avenant_3_hypothetique.json");
    assert_eq!(
        format!("{}\n", serde_json::to_string_pretty(toml.data()).unwrap()),
        json,
        "aci_avenant_3_hypothetique.json is stale"
    );
    let mut from_json = Engine::without_communes().unwrap();
    from_json.add_parameter_set("a.json", &json).unwrap();
    let from_toml = engine();
    for case in ["payment-schedule", "late-missions"] {
        let request = read(&format!("{case}.request.json"));
        assert_eq!(from_json.call(&request), from_toml.call(&request), "{case}");
    }
}

/// Each request of the folder gives its committed response, byte for byte
/// (`CPTS_REGENERATE=1` rewrites them, for review in the diff).
#[test]
fn the_requests_give_their_committed_responses() {
    let engine = engine();
    for case in ["payment-schedule", "late-missions"] {
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

fn payment<'a>(schedule: &'a Value, date: &str, kind: &str, mission: &str) -> &'a Value {
    schedule["result"]["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["date"] == date && p["kind"] == kind && p["mission"] == mission)
        .unwrap_or_else(|| panic!("no {kind} of {mission} on {date}"))
}

#[test]
fn the_new_mission_is_paid_as_the_set_defines_it() {
    let engine = engine();
    let schedule: Value =
        serde_json::from_str(&engine.call(&read("payment-schedule.request.json"))).unwrap();
    assert_eq!(schedule["status"], "ok", "{schedule}");
    assert_eq!(
        schedule["result"]["parameter_set"],
        "aci_avenant_3_hypothetique"
    );
    // Contract year 1 runs from 1 Mar 2027 to 29 Feb 2028: 366 days (it holds 29 Feb 2028).
    // The new mission starts on 1 Sep 2027: 30 + 31 + 30 + 31 + 31 + 29 = 182 days to the
    // anniversary. Fixed part: 10 000 × 182 / 366 = 4 972.677…; advance on the start day
    // 75 % = 3 729.508… → 3 729.51; balance at the anniversary 4 972.68 − 3 729.51 = 1 243.17.
    let m = "soutien_structures_france_sante";
    let advance = payment(&schedule, "2027-09-01", "fixed_advance", m);
    assert_eq!(advance["amount"], "3729.51");
    assert_eq!(
        payment(&schedule, "2028-03-01", "fixed_balance", m)["amount"],
        "1243.17"
    );
    // Year 2: the whole envelope, 7 500.00 in advance on the anniversary.
    assert_eq!(
        payment(&schedule, "2028-03-01", "fixed_advance", m)["amount"],
        "7500.00"
    );
    // The explanation names the mission with the set's label.
    let label = &advance["explanation"]["inputs"][0];
    assert_eq!(label["name"], "Mission");
    assert_eq!(
        label["value"]["value"],
        "soutien aux structures du réseau France santé"
    );
    // Its variable part is pending (no results given): at most 5 000 at the anniversary.
    let pending = schedule["result"]["pending"].as_array().unwrap();
    assert!(
        pending
            .iter()
            .any(|p| p["mission"] == m && p["date"] == "2028-03-01" && p["maximum"] == "5000.00")
    );
}

#[test]
fn the_late_missions_report_names_the_new_mission() {
    let engine = engine();
    let report: Value =
        serde_json::from_str(&engine.call(&read("late-missions.request.json"))).unwrap();
    assert_eq!(report["status"], "ok", "{report}");
    let result = &report["result"];
    assert_eq!(result["parameter_set"], "aci_avenant_3_hypothetique");
    // Signed 1 Mar 2027; on 1 Jun 2028 every mission socle is on time (accès started 1 Jun
    // 2027 ≤ 1 Sep 2027; parcours 1 Dec 2027 and prévention 10 Jan 2028 ≤ 1 Mar 2028; crise
    // 2 Aug 2027 ≤ 1 Sep 2027; no deployment deadline has passed: 1 Sep 2028). The new
    // optional mission was planned to start on 1 Jun 2027 and started on 1 Sep 2027:
    // 30 + 31 + 31 = 92 days late; planned deployed on 1 Mar 2028, still not on 1 Jun 2028:
    // 31 + 30 + 31 = 92 days late.
    let late = result["late"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str, i64)> = late
        .iter()
        .map(|l| {
            (
                l["mission"].as_str().unwrap(),
                l["step"].as_str().unwrap(),
                l["deadline"].as_str().unwrap(),
                l["days_late"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("soutien_structures_france_sante", "start", "2027-06-01", 92),
            (
                "soutien_structures_france_sante",
                "deployment",
                "2028-03-01",
                92
            ),
        ]
    );
}

/// Without the file, the same requests are refused, naming the sets that do not define the
/// mission; the engine that refused a bad file is unchanged.
#[test]
fn without_the_set_the_mission_is_refused_naming_the_sets() {
    let mut engine = Engine::without_communes().unwrap();
    let schedule: Value =
        serde_json::from_str(&engine.call(&read("payment-schedule.request.json"))).unwrap();
    assert_eq!(schedule["status"], "error");
    // The contract states a set the engine does not have.
    assert_eq!(schedule["error"]["name"], "invalid_input", "{schedule}");

    let report: Value =
        serde_json::from_str(&engine.call(&read("late-missions.request.json"))).unwrap();
    assert_eq!(report["status"], "error");
    let details = &report["error"]["details"];
    assert_eq!(details["error"], "unknown_mission", "{report}");
    assert_eq!(details["mission"], "soutien_structures_france_sante");
    assert_eq!(details["parameter_set"], "aci_2019_avenant_2");
    assert_eq!(
        report["error"]["message"],
        "la mission « soutien_structures_france_sante » n'est définie par aucun jeu de paramètres (celui en vigueur à la date du contrôle est aci_2019_avenant_2)"
    );

    // A file with a mission that breaks a rule: refused, field named, engine unchanged.
    let bad = read("aci_avenant_3_hypothetique.toml").replace(
        "label_fr = \"soutien aux structures du réseau France santé\"",
        "label_fr = \"   \"",
    );
    let error = engine.add_parameter_set("avenant.toml", &bad).unwrap_err();
    assert_eq!(error.code.name(), "invalid_input");
    assert_eq!(error.details["field"], "missions[6].label_fr");
    assert_eq!(
        error.message,
        "jeu de paramètres aci_avenant_3_hypothetique : missions[6].label_fr : le libellé français de la mission est requis : 1 à 200 caractères, sans caractère de contrôle"
    );
    assert_eq!(engine.catalogue().sets().len(), 2);
    assert_eq!(engine.catalogue().sets()[1].valid_until(), None);
}
