//! The inputs of a careless or hostile caller (issue « Reliability »): no panic, no saved
//! CPTS that cannot be read back, errors that never copy a long input, and the lax forms the
//! documented formats do not allow. Each case was a defect of the operation API; the
//! expected values are computed by hand in the comments.

mod common;

use std::collections::BTreeSet;

use common::*;
use cpts_core::entity::Cpts;
use cpts_core::membership::{Application, MemberCategory, MembershipError, Statutes};
use cpts_core::nomenclature::StructureKind;
use serde_json::{Value, json};

fn conformance_input(case: &str) -> Value {
    let path = format!(
        "{}/conformance/cases/{case}.request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let request: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("case"))
        .expect("request is JSON");
    request["input"].clone()
}

// ---- 1. Panics ----------------------------------------------------------------------------

/// `render_explanation` of a rate of Decimal::MAX panicked (« Multiplication overflowed »)
/// and an amount beyond u64 was printed as 18 446 744 073 709 551 615,… €.
#[test]
fn any_decimal_renders_in_full() {
    let max = "79228162514264337593543950335";
    let tree = json!({"explanation": {"label": "Test", "amount": max, "rule": null,
        "inputs": [{"name": "Taux", "value": {"type": "rate", "value": max}, "source": null, "parameter_set": null},
                   {"name": "Montant", "value": {"type": "amount", "value": "100000000000000000000.70"}, "source": null, "parameter_set": null}],
        "children": []}});
    let r = call("render_explanation", tree);
    assert_eq!(r["status"], "ok", "{r}");
    let text = r["result"]["text_fr"].as_str().expect("text");
    // 79 228 162 514 264 337 593 543 950 335 × 100 %: the point moves two places.
    assert!(
        text.contains("Taux : 7922816251426433759354395033500\u{a0}%"),
        "{text}"
    );
    // The amount of the node: every digit, grouped by three.
    assert!(
        text.starts_with("Test : 79\u{202f}228\u{202f}162\u{202f}514\u{202f}264\u{202f}337\u{202f}593\u{202f}543\u{202f}950\u{202f}335,00\u{a0}€"),
        "{text}"
    );
    // 1e20 + 0.70: not saturated to u64::MAX (18 446 744 073 709 551 615).
    assert!(
        text.contains("Montant : 100\u{202f}000\u{202f}000\u{202f}000\u{202f}000\u{202f}000\u{202f}000,70\u{a0}€"),
        "{text}"
    );
    // `1e27` is not a decimal string (the documented form has no exponent).
    let r = call(
        "render_explanation",
        json!({"explanation": {"label": "T", "amount": "0", "rule": null, "children": [],
            "inputs": [{"name": "Taux", "value": {"type": "rate", "value": "1e27"}, "source": null, "parameter_set": null}]}}),
    );
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
}

fn with_lettre_intention(case: &str, amount: &str) -> Value {
    let mut input = conformance_input(case);
    input["options"]["lettre_intention"] = json!({"validated_on": "2021-04-12", "amount": amount});
    input
}

/// The lettre d'intention amount panicked the schedule total (« Addition overflowed »),
/// scheduled a payment of −1 000 000 € and printed 1e20 as u64::MAX.
#[test]
fn the_lettre_intention_amount_is_held_to_the_bounds_of_every_amount() {
    for bad in [
        "79228162514264337593543950335",
        "-1000000",
        "100000000000000000000",
        "1000000000.01",
        "20000.005",
    ] {
        let r = call(
            "payment_schedule",
            with_lettre_intention("payment-schedule", bad),
        );
        assert_eq!(r["error"]["name"], "invalid_input", "{bad}: {r}");
        assert_eq!(
            r["error"]["details"]["field"], "lettre_intention.amount",
            "{bad}"
        );
        assert_eq!(
            r["error"]["details"]["rule"],
            "an amount from 0 to 1 000 000 000 €, to the cent"
        );
        let mut explain = with_lettre_intention("payment-schedule", bad);
        explain["of"] = json!("schedule");
        let r = call("explain", explain);
        assert_eq!(r["error"]["name"], "invalid_input", "explain {bad}: {r}");
    }
    // The bounds themselves are amounts: 0 and 1 000 000 000 €, and cents.
    for good in ["0", "1000000000", "20000.50", "20000.500"] {
        let r = call(
            "payment_schedule",
            with_lettre_intention("payment-schedule", good),
        );
        assert_eq!(r["status"], "ok", "{good}: {r}");
        let aid = &r["result"]["payments"][0];
        if good == "0" {
            // A payment of 0,00 € is left out of the schedule (keep_zero_payments: false).
            assert_ne!(aid["kind"], "lettre_intention_aid", "{r}");
            continue;
        }
        assert_eq!(aid["kind"], "lettre_intention_aid");
        assert_eq!(aid["date"], "2021-04-12");
    }
}

/// Contract amounts were bounded but could hold fractions of a cent.
#[test]
fn contract_amounts_are_to_the_cent() {
    let mut input = conformance_input("payment-schedule");
    input["contract"]["missions"][0]["fixed_envelope"] = json!("60000.001");
    let r = call("payment_schedule", input);
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
    let errors = &r["error"]["details"]["errors"];
    assert_eq!(errors[0]["error"], "invalid_amount", "{r}");
    assert_eq!(errors[0]["field"], "missions[0].fixed_envelope");
    assert_eq!(errors[0]["value"], "60000.001");
}

// ---- 2. A saved CPTS that cannot be read back ---------------------------------------------

fn no_alongside_statutes() -> Statutes {
    Statutes::default()
        .with_individual_alongside_structure(false)
        .with_admission_required(BTreeSet::from([MemberCategory::Structure(
            StructureKind::MaisonDeSante,
        )]))
}

fn msp() -> Application {
    structure(
        "MSP des Coteaux",
        StructureKind::MaisonDeSante,
        None,
        finess("789900016"),
    )
}

fn doctor_in_msp() -> Application {
    Application {
        practises_in: Some(finess("789900016")),
        foreign_practice: None,
        defence: None,
        ..health_pro("Dr Martin", "10", rpps("10000927870"))
    }
}

/// The MSP applies on 2023-01-01 (pending), a doctor practising in it applies on
/// 2023-03-01 (accepted: the MSP is not yet a member), then the board admits the MSP from
/// 2023-02-01. That admission made the doctor's application contrary to the statuts, and
/// the saved CPTS could not be read again. It is now refused, and nothing changes.
#[test]
fn an_admission_that_would_make_the_history_inconsistent_is_refused() {
    let mut c = cpts("coteaux", &["78551"], no_alongside_statutes());
    let structure_number = c.apply_for_membership(msp(), d(2023, 1, 1)).unwrap();
    let doctor = c
        .apply_for_membership(doctor_in_msp(), d(2023, 3, 1))
        .unwrap();
    let before = c.clone();
    assert_eq!(
        c.decide_admission(structure_number, true, d(2023, 2, 1)),
        Err(MembershipError::AdmissionContradictsApplication {
            structure_member: structure_number,
            decided_on: d(2023, 2, 1),
            individual: doctor,
            applied_on: d(2023, 3, 1),
        })
    );
    assert_eq!(c, before);
    // The message says what to do.
    let message = c
        .decide_admission(structure_number, true, d(2023, 3, 1))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("date the admission after 2023-03-01"),
        "{message}"
    );
    // Admitted after the doctor's application, the history holds and reads back.
    c.decide_admission(structure_number, true, d(2023, 3, 2))
        .unwrap();
    let text = serde_json::to_string(&c).unwrap();
    let back: Cpts = serde_json::from_str(&text).expect("the saved CPTS reads back");
    assert_eq!(back, c);
    // A later doctor practising in the MSP is refused as before.
    let mut later = doctor_in_msp();
    later.identifiers = vec![rpps("10003461034")];
    assert!(matches!(
        c.apply_for_membership(later, d(2023, 4, 1)),
        Err(MembershipError::IndividualAlongsideStructureNotAllowed { .. })
    ));
}

/// The same history through the operation API: the CPTS as the caller saved it (doctor
/// accepted, MSP pending) is read back, and `check_application` answers.
#[test]
fn a_cpts_saved_from_accepted_calls_is_read_by_every_operation() {
    let mut c = cpts("coteaux", &["78551"], no_alongside_statutes());
    c.apply_for_membership(msp(), d(2023, 1, 1)).unwrap();
    c.apply_for_membership(doctor_in_msp(), d(2023, 3, 1))
        .unwrap();
    let saved = serde_json::to_value(&c).unwrap();
    let nurse = json!({"name": "Mme Durand", "kind": {"kind": "professionnel_de_sante",
        "profession": {"system": "tre_g15", "code": "60"}},
        "identifiers": [{"scheme": "rpps", "value": "10003461034"}]});
    let r = call(
        "check_application",
        json!({"cpts": saved, "application": nurse, "date": "2023-05-01"}),
    );
    assert_eq!(r["status"], "ok", "{r}");
    assert_eq!(r["result"]["accepted"], true);
    assert_eq!(r["result"]["member"]["number"], 3);
}

// ---- 4. Responses bounded by the request ----------------------------------------------------

/// Two CPTS each listing every commune of France under a 10 000-character id: each overlap
/// copied both ids (a 0.58 MB request gave a 705 MB response). Overlaps and warnings now
/// refer to the CPTS by index: each id is written once.
#[test]
fn a_coverage_response_writes_each_id_once() {
    let table = engine().communes().expect("embedded table");
    // Every commune (Paris, Lyon and Marseille whole, not with their arrondissements).
    let codes: Vec<String> = table
        .communes()
        .filter(|c| c.kind() != cpts_core::territory::CommuneKind::ArrondissementMunicipal)
        .map(|c| c.code().to_string())
        .collect();
    assert_eq!(codes.len(), 34_969);
    let long = |c: char| std::iter::repeat_n(c, 10_000).collect::<String>();
    let input = json!({"area": {"area": "france"}, "cpts": [
        {"cpts": long('a'), "communes": codes},
        {"cpts": long('b'), "communes": codes},
    ]});
    let request = json!({"api_version": 1, "operation": "coverage", "input": input}).to_string();
    let response = engine().call(&request);
    let r: Value = serde_json::from_str(&response).unwrap();
    assert_eq!(
        r["status"],
        "ok",
        "{}",
        &response[..response.len().min(500)]
    );
    let overlaps = r["result"]["overlaps"].as_array().unwrap();
    assert!(overlaps.len() > 34_000);
    assert_eq!(overlaps[0]["cpts"], json!([0, 1]));
    // Each id appears once in the whole response.
    assert_eq!(response.matches(&long('a')).count(), 1);
    // The bound the documentation states: the request, plus a bounded record per unit of
    // the area (its assignments and its overlap or white zone; under 200 bytes here).
    let units = r["result"]["totals"]["units"].as_u64().unwrap() as usize;
    assert!(
        response.len() < request.len() + 200 * units,
        "{} bytes for a request of {} and {units} units",
        response.len(),
        request.len()
    );
}

// ---- 6. Smaller ones ------------------------------------------------------------------------

/// A 10 MB unknown field name gave a 40 MB error response (the name was quoted in the
/// message, the reason and the path).
#[test]
fn errors_quote_at_most_200_characters_of_a_value() {
    let name: String = std::iter::repeat_n('x', 10_000_000).collect();
    let request =
        format!(r#"{{"api_version":1,"operation":"band","input":{{"population":1,"{name}":1}}}}"#);
    let response = engine().call(&request);
    assert!(response.len() < 2_000, "{} bytes", response.len());
    let r: Value = serde_json::from_str(&response).unwrap();
    assert_eq!(r["error"]["name"], "invalid_input");
    // The name is quoted « … »: the space after « counts, 199 characters are kept.
    for field in ["message", "message_en"] {
        let message = r["error"][field].as_str().unwrap();
        assert!(
            message.contains(&format!("« {}…»", &name[..199])),
            "{message}"
        );
    }
    // The same for a long string value where a number is expected.
    let request =
        format!(r#"{{"api_version":1,"operation":"band","input":{{"population":"{name}"}}}}"#);
    let response = engine().call(&request);
    assert!(response.len() < 2_000, "{} bytes", response.len());
    // And for a long amount.
    let digits: String = std::iter::repeat_n('9', 1_000_000).collect();
    let mut input = conformance_input("payment-schedule");
    input["contract"]["fonctionnement"] = json!(digits);
    let response = engine().call(
        &json!({"api_version": 1, "operation": "payment_schedule", "input": input}).to_string(),
    );
    assert!(response.len() < 2_000, "{} bytes", response.len());
    assert!(response.contains("invalid_input"), "{response}");
}

/// Lax forms the documented formats do not allow were accepted: `"2026-1-1"` as a date,
/// `"+60000"` as an amount, `"input": null` as `{}`.
#[test]
fn lax_forms_are_errors() {
    let r = call("band", json!({"population": 95000, "on": "2026-1-1"}));
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
    assert_eq!(r["error"]["details"]["path"], "input.on");

    for amount in ["+60000", "60000.", ".5", "6e4", "60_000", " 60000", "-"] {
        let mut input = conformance_input("payment-schedule");
        input["contract"]["missions"][0]["fixed_envelope"] = json!(amount);
        let r = call("payment_schedule", input);
        assert_eq!(r["error"]["name"], "invalid_input", "{amount}: {r}");
        assert_eq!(
            r["error"]["details"]["path"], "input.contract.missions[0].fixed_envelope",
            "{amount}"
        );
    }

    let response = engine().call(r#"{"api_version":1,"operation":"versions","input":null}"#);
    let r: Value = serde_json::from_str(&response).unwrap();
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
    assert_eq!(r["error"]["details"]["path"], "input");
    assert_eq!(
        r["error"]["message"],
        "input : null n'est pas une entrée ; omettez le champ ou donnez un objet JSON { … }"
    );
    assert_eq!(
        r["error"]["message_en"],
        "input: null is not an input: leave the field out, or give a JSON object"
    );
    // Left out, the input is `{}`.
    let response = engine().call(r#"{"api_version":1,"operation":"versions"}"#);
    assert!(response.contains(r#""status":"ok""#), "{response}");
}

/// Every date of every request of the conformance corpus is read strictly: the same
/// request with one date written `2026-1-01`-style (or with a `+` sign when it has no
/// single-digit part) is refused as invalid input, at a path that names a field.
#[test]
fn every_date_field_of_the_corpus_is_read_strictly() {
    let dir = format!("{}/conformance/cases", env!("CARGO_MANIFEST_DIR"));
    let date = regex_lite_dates();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // The batch's items that fail already (on purpose) would hide a date read laxly
        // after their error; its inputs are those of evaluate-year and payment-schedule.
        if !name.ends_with(".request.json") || name == "funding-batch.request.json" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if !engine().call(&text).contains(r#""status":"ok""#) {
            continue;
        }
        for (start, end) in date(&text) {
            let original = &text[start..end];
            // `"2022-01-17"` → `"+2022-01-17"`: chrono takes it, the library does not.
            let lax = format!("\"+{}", &original[1..]);
            let mutated = format!("{}{lax}{}", &text[..start], &text[end..]);
            let response: Value = serde_json::from_str(&engine().call(&mutated)).unwrap();
            assert_eq!(
                response["error"]["name"], "invalid_input",
                "{name}: {original} written {lax} was accepted"
            );
            assert!(
                response["error"]["details"]["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("input")),
                "{name}: {response}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} dates");
}

/// The spans of the JSON strings that are dates (`"YYYY-MM-DD"`) in a text.
fn regex_lite_dates() -> impl Fn(&str) -> Vec<(usize, usize)> {
    |text: &str| {
        let b = text.as_bytes();
        let shape = b"\"dddd-dd-dd\"";
        (0..b.len().saturating_sub(shape.len() - 1))
            .filter(|&i| {
                shape.iter().enumerate().all(|(k, s)| match s {
                    b'd' => b[i + k].is_ascii_digit(),
                    c => b[i + k] == *c,
                })
            })
            .map(|i| (i, i + shape.len()))
            .collect()
    }
}

/// Dues are amounts like the others: at most 1 000 000 000 €, to the cent.
#[test]
fn dues_are_held_to_the_bounds_of_every_amount() {
    let statutes = |amount: &str| {
        serde_json::from_value::<Statutes>(json!({"dues": {"periods": [
            {"from": "2024-01-01", "until": null, "default_amount": amount, "amounts": []}]}}))
    };
    assert!(statutes("30").is_ok());
    assert!(statutes("30.50").is_ok());
    for bad in ["1000000000.01", "30.005", "79228162514264337593543950335"] {
        let e = statutes(bad).unwrap_err().to_string();
        assert!(
            e.contains(&format!(
                "dues period from 2024-01-01 has the amount {bad}: an amount from 0 to 1 000 000 000 €, to the cent, is expected"
            )),
            "{bad}: {e}"
        );
    }
    let e = statutes("-5").unwrap_err().to_string();
    assert!(e.contains("has a negative amount -5"), "{e}");
}
