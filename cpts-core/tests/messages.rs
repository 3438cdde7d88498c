//! Error messages name enum values as JSON does (`acces_aux_soins`), never as Rust debug
//! output (`AccesAuxSoins`, `Some(2024-01-01)`, `[Rpps, Adeli]`).

mod common;

use common::d;
use cpts_core::aci::ContractError;
use cpts_core::entity::{EventKind, LifecycleError};
use cpts_core::identifiers::IdentifierKind;
use cpts_core::membership::{
    Admission, IndividualCategory, MemberCategory, MemberNumber, MembershipError, StatutesError,
};
use cpts_core::missions::Mission;

#[test]
fn missions_and_events_by_their_json_names() {
    let missing = ContractError::MissingSocleMission {
        mission: Mission::ACCES_AUX_SOINS,
    };
    assert_eq!(
        missing.to_string(),
        "mission socle acces_aux_soins is missing"
    );
    let late = LifecycleError::DateOutOfOrder {
        event: EventKind::ContractSigned,
        date: d(2024, 1, 1),
        last_date: d(2024, 3, 1),
    };
    assert_eq!(
        late.to_string(),
        "contract_signed dated 2024-01-01 is earlier than the last recorded event (2024-03-01)"
    );
    // The names are serde's: the message and the JSON agree.
    for mission in Mission::WELL_KNOWN {
        assert_eq!(
            serde_json::to_value(mission).unwrap(),
            serde_json::Value::String(mission.to_string())
        );
    }
}

#[test]
fn lists_admissions_and_dates_in_words() {
    let missing = MembershipError::MissingIdentifier {
        category: MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante),
        allowed: &[IdentifierKind::Rpps, IdentifierKind::Adeli],
    };
    assert!(
        missing
            .to_string()
            .ends_with("must be identified by one of RPPS, ADELI"),
        "{missing}"
    );
    let decided = MembershipError::NotPending {
        number: MemberNumber(7),
        admission: Admission::Admitted {
            decided_on: d(2024, 3, 1),
        },
    };
    assert_eq!(
        decided.to_string(),
        "member n° 7 has no pending application (admitted on 2024-03-01)"
    );
    let empty = StatutesError::EmptyDuesPeriod {
        from: d(2024, 1, 1),
        until: Some(d(2023, 12, 31)),
    };
    assert_eq!(
        empty.to_string(),
        "dues period from 2024-01-01 ends on 2023-12-31, not after it starts"
    );
}

mod said_in_words {
    use proptest::prelude::*;
    use serde_json::{Value, json};
    use std::sync::OnceLock;

    fn engine() -> &'static cpts_core::api::Engine {
        static ENGINE: OnceLock<cpts_core::api::Engine> = OnceLock::new();
        ENGINE.get_or_init(|| cpts_core::api::Engine::new().unwrap())
    }

    /// The requests of the corpus the engine answers `ok`.
    fn requests() -> &'static Vec<Value> {
        static REQUESTS: OnceLock<Vec<Value>> = OnceLock::new();
        REQUESTS.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/cases");
            let mut names: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".response.json"))
                .collect();
            names.sort();
            names
                .iter()
                .filter(|p| {
                    std::fs::read_to_string(p)
                        .unwrap()
                        .contains(r#""status":"ok""#)
                })
                .filter_map(|p| {
                    let request = p
                        .to_string_lossy()
                        .replace(".response.json", ".request.json");
                    serde_json::from_str(&std::fs::read_to_string(request).ok()?).ok()
                })
                .collect()
        })
    }

    /// Every place of a JSON value, as a path of keys and indexes.
    fn places(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(path.clone());
        match value {
            Value::Object(fields) => {
                for (k, v) in fields {
                    path.push(Value::from(k.as_str()));
                    places(v, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate().take(3) {
                    path.push(Value::from(i));
                    places(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    fn at<'a>(value: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(value, |v, k| match k {
            Value::String(key) => &mut v[key.as_str()],
            _ => &mut v[k.as_u64().unwrap_or(0) as usize],
        })
    }

    include!("common/rust_words.rs");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// A value of the wrong form anywhere in a valid request: the error says it in
        /// French and in English, without Rust's words, and the two differ.
        #[test]
        fn a_wrong_value_anywhere_is_said_in_words(
            which in any::<prop::sample::Index>(),
            place in any::<prop::sample::Index>(),
            replacement in prop_oneof![
                Just(json!("95000")), Just(json!("texte")), Just(json!(-1)), Just(json!(1.5)),
                Just(json!(true)), Just(json!(null)), Just(json!([1, 2])), Just(json!({"x": 1})),
                Just(json!(4_294_967_296u64)), Just(json!("2026-02-30")), Just(json!("")),
            ],
        ) {
            let mut request = which.get(requests()).clone();
            let mut all = Vec::new();
            places(&request["input"], &mut vec![Value::from("input")], &mut all);
            let path = place.get(&all).clone();
            *at(&mut request, &path) = replacement;
            let response: Value = serde_json::from_str(&engine().call(&request.to_string())).unwrap();
            if response["status"] == "error" {
                let fr = response["error"]["message"].as_str().unwrap();
                let en = response["error"]["message_en"].as_str().unwrap();
                prop_assert_ne!(fr, en);
                for w in RUST_WORDS {
                    prop_assert!(!fr.contains(w), "« {} » in: {}", w, fr);
                    prop_assert!(!en.contains(w), "« {} » in: {}", w, en);
                }
                for w in [" expected", " found", " missing", " unknown"] {
                    prop_assert!(!fr.contains(w), "English « {} » in: {}", w, fr);
                }
            }
        }
    }
}
