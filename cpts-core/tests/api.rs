//! The operation API: envelope handling, stable error codes, and real values through each
//! operation (computed by hand in the comments).

mod common;

use common::{call, engine};
use cpts_core::api::{API_VERSION, Engine, ErrorCode, OPERATIONS};
use proptest::prelude::*;
use serde_json::{Value, json};

fn result(operation: &str, input: Value) -> Value {
    let response = call(operation, input);
    assert_eq!(response["status"], "ok", "{response}");
    assert_eq!(response["operation"], operation);
    response["result"].clone()
}

fn error(operation: &str, input: Value) -> Value {
    let response = call(operation, input);
    assert_eq!(response["status"], "error", "{response}");
    response["error"].clone()
}

const SEED: [&str; 9] = [
    "78007", "78133", "78224", "78350", "78367", "78372", "78481", "78502", "78551",
];

#[test]
fn the_engine_is_shared_between_threads() {
    fn assert_sync<T: Sync + Send>() {}
    assert_sync::<Engine>();
    let answers: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                s.spawn(move || {
                    engine().call(&format!(
                        r#"{{"api_version":1,"operation":"band","input":{{"population":{},"on":"2026-01-01"}}}}"#,
                        39_999 + i
                    ))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    // 39 999 is taille 1 (< 40 000); 40 000 to 40 002 are taille 2.
    assert!(answers[0].contains(r#""taille":1"#));
    assert!(answers[1..].iter().all(|a| a.contains(r#""taille":2"#)));
}

#[test]
fn versions_list_every_operation_and_parameter_set() {
    let r = result("versions", json!({}));
    assert_eq!(r["api_version"], API_VERSION);
    assert_eq!(r["library"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        r["operations"].as_array().map(Vec::len),
        Some(OPERATIONS.len())
    );
    let sets: Vec<&str> = r["parameter_sets"]
        .as_array()
        .expect("sets")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(sets, ["aci_2019", "aci_2019_avenant_2"]);
    // The ACI of 2019 applies from 25/08/2019 (arrêté of 21/08/2019, JO of 24/08/2019).
    assert_eq!(r["parameter_sets"][0]["valid_from"], "2019-08-25");
    assert_eq!(r["communes"]["cog"], "2026");
    assert!(
        r["pass_years"]
            .as_array()
            .is_some_and(|y| y.contains(&json!(2025)))
    );
}

#[test]
fn input_may_be_left_out_when_an_operation_takes_none() {
    let response = engine().call(r#"{"api_version": 1, "operation": "versions"}"#);
    assert!(response.starts_with(r#"{"api_version":1,"operation":"versions","status":"ok""#));
}

#[test]
fn identifiers_are_checked_with_their_keys() {
    // 10000927870: a real RPPS valid in the ANS test resources (ANS psc-rass-loader
    // test extract); Luhn over its 11 digits, doubling every second digit from the right:
    // 0 + (7×2=14→5) + 8 + (7×2→5) + 2 + (9×2=18→9) + 0 + 0 + 0 + 0 + 1 = 30, a multiple
    // of 10.
    let r = result(
        "validate_identifier",
        json!({"kind": "rpps", "value": "100 0092 7870"}),
    );
    assert_eq!(r["valid"], true);
    assert_eq!(r["canonical"], "10000927870");
    assert_eq!(r["key_status"], "valid");
    // Changing the last digit breaks the key; the error says which key would be right.
    let r = result(
        "validate_identifier",
        json!({"kind": "rpps", "value": "10000927871"}),
    );
    assert_eq!(r["valid"], false);
    assert_eq!(r["error"]["error"], "invalid_check_key");
    assert_eq!(r["error"]["expected_key"], "0");
    let r = result(
        "validate_identifier",
        json!({"kind": "rpps", "value": "10000927871", "accept_wrong_key": true}),
    );
    assert_eq!(
        (r["valid"].clone(), r["key_status"].clone()),
        (json!(true), json!("invalid"))
    );
    assert_eq!(r["warning"]["error"], "invalid_check_key");
    // A Corsican FINESS has no known key rule.
    let r = result(
        "validate_identifier",
        json!({"kind": "finess", "value": "2A0000154"}),
    );
    assert_eq!(r["key_status"], "not_checkable");
    // Commune codes and postcodes have no key.
    let r = result(
        "validate_identifier",
        json!({"kind": "insee_commune", "value": "2a004"}),
    );
    assert_eq!(
        (r["canonical"].clone(), r["key_status"].clone()),
        (json!("2A004"), json!("no_key"))
    );
}

#[test]
fn bands_follow_the_avenant_2_table() {
    // Avenant 2: taille 1 < 40 000; 2 from 40 000 to 80 000; 3 from 80 001 to 175 000;
    // 4 above 175 000 (aci_2019_avenant_2.toml, with the library convention on bounds).
    for (population, taille) in [
        (0, 1),
        (39_999, 1),
        (40_000, 2),
        (80_000, 2),
        (80_001, 3),
        (175_000, 3),
        (175_001, 4),
    ] {
        let r = result(
            "band",
            json!({"population": population, "on": "2026-01-01"}),
        );
        assert_eq!(r["taille"], taille, "population {population}");
        assert_eq!(r["parameter_set"], "aci_2019_avenant_2");
    }
    // The 2019 ACI is in force on 1 January 2020.
    let r = result("band", json!({"population": 95_000, "on": "2020-01-01"}));
    assert_eq!(r["parameter_set"], "aci_2019");
    // Before 25/08/2019 no ACI applies.
    let e = error("band", json!({"population": 95_000, "on": "2019-08-24"}));
    assert_eq!(e["code"], ErrorCode::InvalidInput.number());
    assert_eq!(e["details"]["error"], "no_aci_on_date");
    let e = error(
        "band",
        json!({"population": 95_000, "parameter_set": "aci_2030"}),
    );
    assert_eq!(e["code"], ErrorCode::NotFound.number());
    assert_eq!(
        e["details"]["known"],
        json!(["aci_2019", "aci_2019_avenant_2"])
    );
}

#[test]
fn the_seed_territory_has_its_population_and_band() {
    // The nine communes of the seed CPTS (78), populations municipales 2023 of the INSEE
    // package: Aigremont 1 075 + Chambourcy 5 847 + L'Étang-la-Ville 5 157 + Louveciennes
    // 7 990 + Mareil-Marly 4 141 + Marly-le-Roi 16 756 + Le Pecq 16 059 + Le Port-Marly
    // 5 559 + Saint-Germain-en-Laye 45 931 = 108 515, taille 3 under the 2019 ACI.
    let r = result("territory", json!({"communes": SEED, "on": "2022-01-17"}));
    assert_eq!(r["population"], 108_515);
    assert_eq!(r["taille"], 3);
    assert_eq!(r["parameter_set"], "aci_2019");
    let sum: u64 = r["communes"]
        .as_array()
        .expect("communes")
        .iter()
        .filter_map(|c| c["population"].as_u64())
        .sum();
    assert_eq!(sum, 108_515);
    // Without a date or set: figures without band.
    let r = result("territory", json!({"communes": SEED}));
    assert_eq!(
        (r["population"].clone(), r["taille"].clone()),
        (json!(108_515), Value::Null)
    );
    // An unknown code is not_found and names the code.
    let e = error("territory", json!({"communes": ["78999"]}));
    assert_eq!(e["code"], ErrorCode::NotFound.number());
    assert_eq!(e["details"]["code"], "78999");
}

#[test]
fn communes_are_found_by_former_code() {
    // Fourqueux (78251) merged into Saint-Germain-en-Laye (78551) on 1 January 2019.
    let r = result("lookup_commune", json!({"code": "78251"}));
    assert_eq!(r["communes"][0]["code"], "78551");
    assert_eq!(r["communes"][0]["population"], 45_931);
    assert_eq!(r["via"]["former_code"], "78251");
    let e = error("lookup_commune", json!({"name": "Saint-Denis"}));
    assert_eq!(e["code"], ErrorCode::InvalidInput.number());
    assert_eq!(e["details"]["error"], "ambiguous_name");
    let e = error(
        "lookup_commune",
        json!({"code": "78551", "postcode": "78100"}),
    );
    assert_eq!(e["code"], ErrorCode::InvalidInput.number());
    let r = result("lookup_commune", json!({"prefix": "marly", "limit": 3}));
    assert!(
        r["communes"]
            .as_array()
            .is_some_and(|c| !c.is_empty() && c.len() <= 3)
    );
    let e = error("lookup_commune", json!({"prefix": "marly", "limit": 1000}));
    assert_eq!(e["details"]["field"], "input.limit");
}

#[test]
fn what_if_counts_the_change() {
    // Adding Chatou (78146) and removing Aigremont (78007, 1 075): Chatou's population is
    // read through lookup_commune, so that the sum is checked against another operation.
    let croissy = result("lookup_commune", json!({"code": "78146"}))["communes"][0]["population"]
        .as_u64()
        .expect("population");
    let r = result(
        "what_if",
        json!({"communes": SEED, "add": ["78146"], "remove": ["78007"], "on": "2026-01-01"}),
    );
    assert_eq!(r["before"]["population"], 108_515);
    assert_eq!(r["after"]["population"], 108_515 + croissy - 1_075);
    assert_eq!(r["band_changes"], false);
}

#[test]
fn envelope_errors_have_their_codes() {
    let cases: [(&[u8], ErrorCode); 10] = [
        (b"", ErrorCode::InvalidJson),
        (
            br#"{"api_version": 1, "operation": "versions""#,
            ErrorCode::InvalidJson,
        ),
        (b"[]", ErrorCode::InvalidRequest),
        (br#"{"operation": "versions"}"#, ErrorCode::InvalidRequest),
        (
            br#"{"api_version": 1, "operation": "versions", "x": 1}"#,
            ErrorCode::InvalidRequest,
        ),
        (
            br#"{"api_version": 0, "operation": "versions"}"#,
            ErrorCode::UnsupportedVersion,
        ),
        (
            br#"{"api_version": 1, "operation": "nope"}"#,
            ErrorCode::UnknownOperation,
        ),
        (
            br#"{"api_version": 1, "operation": "band", "input": {}}"#,
            ErrorCode::InvalidInput,
        ),
        (
            b"{\"api_version\": 1, \"operation\": \"\xc3\"}",
            ErrorCode::InvalidUtf8,
        ),
        (
            br#"{"api_version": 1, "operation": "band", "input": {"population": 1e999}}"#,
            ErrorCode::InvalidJson,
        ),
    ];
    for (request, code) in cases {
        let response: Value =
            serde_json::from_str(&engine().call_bytes(request)).expect("JSON response");
        assert_eq!(response["status"], "error");
        assert_eq!(
            response["error"]["code"],
            code.number(),
            "{}",
            String::from_utf8_lossy(request)
        );
        assert_eq!(response["error"]["name"], code.name());
        assert!(response["error"]["details"].is_object());
    }
}

#[test]
fn schema_errors_name_the_field() {
    let e = error("band", json!({"population": 95_000, "on": "2026-02-30"}));
    assert_eq!(e["details"]["path"], "input.on");
    let e = error(
        "band",
        json!({"population": 95_000, "on": "2026-01-01", "extra": true}),
    );
    assert_eq!(e["details"]["path"], "input.extra");
    // Said in words, in French for the person and in English for the logs.
    let message = e["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("input.extra : le champ « extra » n'existe pas ; champs possibles : "),
        "{message}"
    );
    let message = e["message_en"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("input.extra: there is no field « extra »; the fields are: "),
        "{message}"
    );
}

#[test]
fn a_request_larger_than_the_limit_is_refused() {
    let engine = Engine::without_communes()
        .expect("engine")
        .with_max_request_bytes(64);
    let request = format!(
        r#"{{"api_version": 1, "operation": "versions", "input": {{}}}}{}"#,
        " ".repeat(64)
    );
    let response: Value = serde_json::from_str(&engine.call(&request)).expect("JSON");
    assert_eq!(response["error"]["code"], ErrorCode::LimitExceeded.number());
    assert_eq!(response["error"]["details"]["max_bytes"], 64);
    // Without commune table, territory operations say so.
    let engine = Engine::without_communes().expect("engine");
    let response: Value = serde_json::from_str(
        &engine.call(r#"{"api_version":1,"operation":"lookup_commune","input":{"code":"78551"}}"#),
    )
    .expect("JSON");
    assert_eq!(
        response["error"]["code"],
        ErrorCode::DataUnavailable.number()
    );
}

#[test]
fn every_domain_error_detail_has_one_error_tag() {
    // Nested domain errors (a territory error inside a coverage error) keep one `error` key
    // at each level.
    let e = error(
        "coverage",
        json!({"cpts": [{"cpts": "a", "communes": ["78999"]}], "area": {"area": "france"}}),
    );
    assert_eq!(e["code"], ErrorCode::NotFound.number());
    assert_eq!(e["details"]["error"], "territory");
    assert_eq!(e["details"]["cause"]["error"], "unknown_code");
    let raw = engine().call(
        &json!({"api_version": 1, "operation": "coverage", "input":
            {"cpts": [{"cpts": "a", "communes": ["78999"]}]}})
        .to_string(),
    );
    assert_eq!(raw.matches(r#""error":"unknown_code""#).count(), 1, "{raw}");
    assert_eq!(raw.matches(r#""error":"unknown""#).count(), 0, "{raw}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any bytes: a JSON response with status error or ok, never a panic.
    #[test]
    fn any_bytes_give_a_json_response(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let response: Value = serde_json::from_str(&engine().call_bytes(&bytes)).expect("JSON");
        prop_assert!(response["status"] == "error" || response["status"] == "ok");
        if response["status"] == "error" {
            let code = response["error"]["code"].as_u64().expect("code");
            prop_assert!(ErrorCode::from_number(u32::try_from(code).expect("u32")).is_some());
        }
    }

    /// Any operation name with any population: a known code, and a band only when ok.
    #[test]
    fn mutated_requests_give_known_codes(
        operation in prop::sample::select(vec!["band", "versions", "territory", "bnad", ""]),
        population in any::<i64>(),
        version in 0u32..4,
    ) {
        let request = format!(
            r#"{{"api_version":{version},"operation":"{operation}","input":{{"population":{population},"on":"2026-01-01"}}}}"#
        );
        let response: Value = serde_json::from_str(&engine().call(&request)).expect("JSON");
        if version != 1 {
            prop_assert_eq!(&response["error"]["code"], &json!(5));
        } else if operation == "band" && population >= 0 {
            prop_assert_eq!(&response["status"], "ok");
            prop_assert!((1..=4).contains(&response["result"]["taille"].as_u64().expect("taille")));
        } else {
            prop_assert_eq!(&response["status"], "error");
        }
    }
}

/// A date that is not one says so, and a date is only read in the form the library writes it
/// (`2026-1-1` and `+2026-01-01` would be taken by chrono alone).
#[test]
fn a_wrong_date_is_named_as_a_date() {
    let form = |d: &str| {
        format!("expected a calendar date written YYYY-MM-DD, such as 2026-03-01; got \"{d}\"")
    };
    let reasons = [
        (
            "2026-02-30",
            "\"2026-02-30\" is not a calendar date (input is out of range)".to_owned(),
        ),
        (
            "2026-13-01",
            "\"2026-13-01\" is not a calendar date (input is out of range)".to_owned(),
        ),
        ("2026/01/01", form("2026/01/01")),
        ("2026-01", form("2026-01")),
        ("2026-01-01x", form("2026-01-01x")),
        ("2026-1-1", form("2026-1-1")),
        ("+2026-01-01", form("+2026-01-01")),
        (" 2026-01-01", form(" 2026-01-01")),
    ];
    for (date, reason) in reasons {
        let response = call("band", json!({"population": 1, "on": date}));
        let error = &response["error"];
        assert_eq!(error["name"], "invalid_input", "{date}");
        assert_eq!(error["details"]["path"], "input.on", "{date}");
        assert_eq!(error["details"]["reason"], reason.as_str(), "{date}");
        assert_eq!(error["message_en"], format!("input.on: {reason}"), "{date}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("input.on : "), "{message}");
        assert!(
            message.contains("n'est pas une date du calendrier")
                || message.contains("attendu une date écrite AAAA-MM-JJ"),
            "{message}"
        );
    }
    // serde's reasons are said in words, without Rust's type names.
    let response = call("band", json!({"population": -1, "on": "2026-01-01"}));
    assert_eq!(
        response["error"]["details"]["reason"],
        "a whole number (0 or more) expected, found the number -1"
    );
    assert_eq!(
        response["error"]["message"],
        "input.population : attendu un nombre entier (0 ou plus), reçu le nombre -1"
    );
}

/// Every string value a JSON Schema enumerates (`const` and `enum`, at any depth).
fn enumerated(schema: &Value, out: &mut Vec<String>) {
    match schema {
        Value::Object(fields) => {
            for (key, value) in fields {
                match (key.as_str(), value) {
                    ("const", Value::String(s)) => out.push(s.clone()),
                    ("enum", Value::Array(values)) => {
                        out.extend(values.iter().filter_map(|v| v.as_str().map(str::to_owned)))
                    }
                    _ => enumerated(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| enumerated(i, out)),
        _ => {}
    }
}

fn values_of<T: schemars::JsonSchema>() -> Vec<String> {
    let mut out = Vec::new();
    enumerated(
        &serde_json::to_value(schemars::schema_for!(T)).unwrap(),
        &mut out,
    );
    out.sort();
    out
}

/// `labels` names every value of each list, as the JSON Schemas enumerate them, each with a
/// French label; a page shows labels, never ids.
#[test]
fn labels_cover_every_value_a_result_names() {
    let r = call("labels", json!({}));
    let result = &r["result"];
    let ids = |list: &str| {
        let mut ids: Vec<String> = result[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let label = l["label"].as_str().unwrap();
                assert!(!label.trim().is_empty(), "{list}: {l}");
                l["id"].as_str().unwrap().to_owned()
            })
            .collect();
        ids.sort();
        ids
    };
    // Missions are data: the labels list every mission of the engine's parameter sets, the
    // oldest set's first, in its order (L1434-12-2 1° to 5° in the ACI of 2019), then the
    // crisis mission (6°) that avenant 2 adds; each with its set's label.
    use cpts_core::missions::Mission;
    let missions: Vec<(String, String)> = result["missions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().into(),
                l["label"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = Mission::WELL_KNOWN
        .iter()
        .map(|m| (m.to_string(), m.well_known_label_fr().unwrap().to_owned()))
        .collect();
    assert_eq!(missions, expected);
    assert_eq!(
        ids("payment_kinds"),
        values_of::<cpts_core::aci::PaymentKind>()
    );
    assert_eq!(ids("stages"), values_of::<cpts_core::entity::CptsStage>());
    assert_eq!(ids("events"), values_of::<cpts_core::entity::EventKind>());
    assert_eq!(
        ids("member_categories"),
        values_of::<cpts_core::membership::MemberCategory>()
    );
    assert_eq!(
        ids("identifier_kinds"),
        values_of::<cpts_core::identifiers::IdentifierKind>()
    );
    assert_eq!(ids("error_codes").len(), ErrorCode::ALL.len());
    // Two labels read by hand.
    assert_eq!(
        result["missions"][0],
        json!({"id": "acces_aux_soins", "label": "accès aux soins (médecin traitant, soins non programmés)"})
    );
    assert_eq!(
        result["payment_kinds"][5],
        json!({"id": "fixed_advance", "label": "part fixe, avance"})
    );
}

/// A commune table given as text is read by the first operation that needs it: a funding
/// call does not; an error in the text is the territory call's, and the answers are the same
/// as with the table read beforehand.
#[test]
fn a_commune_table_given_as_text_is_read_when_needed() {
    let band =
        r#"{"api_version":1,"operation":"band","input":{"population":95000,"on":"2026-01-01"}}"#;
    let territory = r#"{"api_version":1,"operation":"territory","input":{"communes":["78551"],"on":"2026-01-01"}}"#;
    let mut engine = Engine::without_communes().unwrap();
    engine.set_communes_text("not a commune table".into());
    assert!(engine.has_communes());
    assert!(engine.call(band).contains(r#""taille":3"#));
    for _ in 0..2 {
        let r: Value = serde_json::from_str(&engine.call(territory)).unwrap();
        assert_eq!(r["error"]["name"], "data_unavailable", "{r}");
        assert_eq!(r["error"]["details"]["domain"], "communes", "{r}");
    }
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/communes.txt")).unwrap();
    let mut lazy = Engine::without_communes().unwrap();
    lazy.set_communes_text(text);
    let eager = engine_with_table();
    for request in [
        territory,
        r#"{"api_version":1,"operation":"versions"}"#,
        band,
    ] {
        assert_eq!(lazy.call(request), eager.call(request), "{request}");
    }
}

fn engine_with_table() -> Engine {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/communes.txt")).unwrap();
    let mut engine = Engine::without_communes().unwrap();
    engine.set_communes(cpts_core::territory::CommuneTable::from_text(text).unwrap());
    engine
}

/// The new fields of this wave, given wrong: typed errors naming them, in French.
#[test]
fn a_wrong_language_or_option_is_refused_by_name() {
    let engine = engine();
    let r: Value = serde_json::from_str(
        &engine.call(r#"{"api_version":1,"operation":"versions","language":"de"}"#),
    )
    .unwrap();
    assert_eq!(r["error"]["name"], "invalid_request");
    assert_eq!(r["error"]["details"]["path"], "language");
    assert_eq!(
        r["error"]["message"],
        "language : « de » n'est pas une valeur permise ; valeurs permises : fr ou en"
    );
    let r = call("labels", json!({"missions": true}));
    assert_eq!(r["error"]["details"]["path"], "input.missions", "{r}");
    let request: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/conformance/cases/payment-schedule.request.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut input = request["input"].clone();
    input["options"]["keep_zero_payments"] = json!("oui");
    let r = call("payment_schedule", input);
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
    assert_eq!(
        r["error"]["details"]["path"], "input.options.keep_zero_payments",
        "{r}"
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("attendu true ou false, reçu le texte \"oui\""),
        "{r}"
    );
}
