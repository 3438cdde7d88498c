//! Contract validation: every problem reported at once, each a typed error.

mod common;

use common::d;
use cpts_core::aci::{Contract, ContractError, ParameterCatalogue, Taille};
use cpts_core::missions::Mission;
use rust_decimal::Decimal;

fn catalogue() -> ParameterCatalogue {
    ParameterCatalogue::embedded().unwrap()
}

fn valid() -> Contract {
    serde_json::from_str(
        r#"{"name": "CPTS valide", "signed_on": "2023-01-16", "population": 80000, "taille": 2,
            "parameter_set": "aci_2019_avenant_2", "fonctionnement": "105000",
            "missions": [
              {"mission": "acces_aux_soins", "start": "2023-07-16", "fixed_envelope": "60000", "variable_envelope": "20000",
               "indicators": [{"id": "a1", "label": "Accès 1", "max_amount": "20000", "rule": {"kind": "binary"}}]},
              {"mission": "parcours_pluriprofessionnels", "start": "2024-01-16", "fixed_envelope": "40000", "variable_envelope": "0"},
              {"mission": "prevention", "fixed_envelope": "20000", "variable_envelope": "0"},
              {"mission": "crises_sanitaires_graves", "start": "2023-03-01", "deployment": "2024-07-16",
               "fixed_envelope": "22500", "variable_envelope": "0", "crisis_activation_amount": "67500"}
            ]}"#,
    )
    .unwrap()
}

#[test]
fn a_valid_contract_on_its_deadline_days() {
    // Signed 16/01/2023: accès starts on 16/07/2023 (6 months), parcours on 16/01/2024
    // (12 months), crise deployed on 16/07/2024 (18 months): all on their deadline day.
    // 80 000 inhabitants: taille 2 under the default convention.
    valid().validate(&catalogue()).unwrap();
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut c = valid();
    c.taille = Taille::new(3).unwrap();
    c.parameter_set = Some("aci_2019".into());
    c.missions.retain(|m| m.mission != Mission::PREVENTION);
    c.missions[0].start = Some(d(2023, 7, 17));
    c.missions[0].indicators.push(serde_json::from_str(
        r#"{"id": "a1", "label": "Accès 2", "max_amount": "5000", "rule": {"kind": "tiers", "better": "higher",
            "tiers": [{"threshold": "10", "amount": "6000"}]}}"#,
    ).unwrap());
    c.missions[1].start = Some(d(2023, 1, 15));
    c.missions[1].crisis_activation_amount = Some(Decimal::from(1000));
    c.missions[2].fixed_envelope = Decimal::NEGATIVE_ONE;
    c.missions[2].deployment = Some(d(2024, 7, 17));
    let errors = c.validate(&catalogue()).unwrap_err().0;
    let expected = vec![
        ContractError::ParameterSetMismatch {
            stated: "aci_2019".into(),
            in_force: "aci_2019_avenant_2".into(),
        },
        ContractError::BandMismatch {
            population: 80_000,
            stated: Taille::new(3).unwrap(),
            expected: Taille::new(2).unwrap(),
            range: "de 40\u{202f}000 à 80\u{202f}000 habitants".into(),
        },
        ContractError::MissingSocleMission {
            mission: Mission::PREVENTION,
        },
        ContractError::RepeatedIndicator { id: "a1".into() },
        ContractError::InvalidIndicator {
            id: "a1".into(),
            rule: cpts_core::messages::rules::indicators::TIER_AMOUNT,
        },
        ContractError::IndicatorsExceedVariableEnvelope {
            mission: Mission::ACCES_AUX_SOINS,
            indicators_total: Decimal::from(25_000),
            variable_envelope: Decimal::from(20_000),
        },
        ContractError::MissionAfterDeadline {
            mission: Mission::ACCES_AUX_SOINS,
            start: d(2023, 7, 17),
            deadline: d(2023, 7, 16),
        },
        ContractError::CrisisActivationOnOtherMission {
            mission: Mission::PARCOURS_PLURIPROFESSIONNELS,
        },
        ContractError::MissionBeforeSignature {
            mission: Mission::PARCOURS_PLURIPROFESSIONNELS,
            start: d(2023, 1, 15),
            signed_on: d(2023, 1, 16),
        },
        ContractError::InvalidAmount {
            field: "missions[2].fixed_envelope".into(),
            value: Decimal::NEGATIVE_ONE,
        },
        ContractError::DeploymentAfterDeadline {
            mission: Mission::CRISES_SANITAIRES_GRAVES,
            deployment: d(2024, 7, 17),
            deadline: d(2024, 7, 16),
        },
    ];
    assert_eq!(errors, expected);
    let message = c.validate(&catalogue()).unwrap_err().to_string();
    assert!(
        message.starts_with("the contract breaks 11 rule(s): "),
        "{message}"
    );
}

#[test]
fn mission_dates_and_versions() {
    let catalogue = catalogue();
    // The crisis mission may not start before 03/09/2022.
    let mut early = valid();
    early.signed_on = d(2022, 6, 1);
    early.parameter_set = None;
    early.missions[0].start = None;
    early.missions[1].start = None;
    early.missions[3].start = Some(d(2022, 9, 2));
    early.missions[3].deployment = None;
    assert_eq!(
        early.validate(&catalogue).unwrap_err().0,
        [ContractError::MissionBeforeItApplies {
            mission: Mission::CRISES_SANITAIRES_GRAVES,
            start: d(2022, 9, 2),
            applies_from: d(2022, 9, 3)
        }]
    );
    // A contract signed in 2021 under the 2019 ACI may hold the crisis mission (added by
    // avenant 2 during its term); its deadlines run from 03/09/2022: start by 03/03/2023.
    let mut old = valid();
    old.signed_on = d(2021, 6, 1);
    old.parameter_set = None;
    old.fonctionnement = None;
    old.missions[0].start = Some(d(2021, 9, 1));
    old.missions[1].start = Some(d(2022, 1, 1));
    old.missions[3].start = Some(d(2023, 3, 4));
    old.missions[3].deployment = None;
    assert_eq!(
        old.validate(&catalogue).unwrap_err().0,
        [ContractError::MissionAfterDeadline {
            mission: Mission::CRISES_SANITAIRES_GRAVES,
            start: d(2023, 3, 4),
            deadline: d(2023, 3, 3)
        }]
    );
    // Before 25/08/2019 there is no ACI.
    let mut before = valid();
    before.signed_on = d(2019, 8, 24);
    assert_eq!(
        before.validate(&catalogue).unwrap_err().0,
        [ContractError::NoAciAtSignature {
            signed_on: d(2019, 8, 24)
        }]
    );
    // A mission starting after the contract's last day (5 years: 15/01/2028).
    let mut late = valid();
    late.missions[2].start = Some(d(2028, 1, 16));
    assert!(late.validate(&catalogue).unwrap_err().0.contains(
        &ContractError::MissionAfterContractEnd {
            mission: Mission::PREVENTION,
            start: d(2028, 1, 16),
            last_day: d(2028, 1, 15)
        }
    ));
}

#[test]
fn money_in_contract_json_must_be_strings() {
    let json = serde_json::to_string(&valid()).unwrap();
    assert!(json.contains(r#""fixed_envelope":"60000.00""#));
    let float = json.replace(
        r#""fixed_envelope":"60000.00""#,
        r#""fixed_envelope":60000.5"#,
    );
    let err = serde_json::from_str::<Contract>(&float)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("a decimal amount written as a string"),
        "{err}"
    );
    assert_eq!(serde_json::from_str::<Contract>(&json).unwrap(), valid());
}
