//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use cpts_core::entity::{Cpts, CptsId, Identity, LifecycleEvent, ObjectionGrounds, Territory};
use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::{Application, MemberKind, OtherProfession, Statutes};
use cpts_core::nomenclature::{Code, CodeSystem, StructureKind};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn commune(code: &str) -> InseeCommuneCode {
    InseeCommuneCode::parse(code).unwrap()
}

pub fn id(kind: IdentifierKind, value: &str) -> Identifier {
    Identifier::parse(kind, value).unwrap()
}

pub fn rpps(value: &str) -> Identifier {
    id(IdentifierKind::Rpps, value)
}

pub fn finess(value: &str) -> Identifier {
    id(IdentifierKind::Finess, value)
}

/// A valid RPPS built from a 10-digit body (key computed by Luhn).
pub fn rpps_from(n: u64) -> Identifier {
    let body = format!("1{:09}", n % 1_000_000_000);
    rpps(&with_luhn_key(&body))
}

pub fn with_luhn_key(body: &str) -> String {
    for k in 0..10 {
        let candidate = format!("{body}{k}");
        if luhn_ok(&candidate) {
            return candidate;
        }
    }
    unreachable!()
}

pub fn luhn_ok(s: &str) -> bool {
    let mut sum = 0;
    for (i, c) in s.chars().rev().enumerate() {
        let mut v = c.to_digit(10).unwrap();
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

pub fn cpts(id: &str, communes: &[&str], statutes: Statutes) -> Cpts {
    let siege = commune(communes[0]);
    Cpts::new(
        CptsId::new(id).unwrap(),
        Identity {
            name: format!("CPTS {id}"),
            siege,
            siren: None,
            siret: None,
            rna: None,
            finess: None,
        },
        Territory::new(communes.iter().map(|c| commune(c))).unwrap(),
        statutes,
    )
    .unwrap()
}

pub fn health_pro(name: &str, g15: &str, identifier: Identifier) -> Application {
    Application {
        name: name.into(),
        kind: MemberKind::ProfessionnelDeSante {
            profession: Code::new(CodeSystem::TreG15, g15),
        },
        identifiers: vec![identifier],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    }
}

pub fn other_pro(name: &str, system: CodeSystem, code: &str) -> Application {
    Application {
        name: name.into(),
        kind: MemberKind::AutreProfessionnel {
            profession: OtherProfession::Coded(Code::new(system, code)),
        },
        identifiers: vec![],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    }
}

pub fn structure(
    name: &str,
    kind: StructureKind,
    r66: Option<&str>,
    identifier: Identifier,
) -> Application {
    Application {
        name: name.into(),
        kind: MemberKind::Structure {
            structure: kind,
            finess_category: r66.map(|c| Code::new(CodeSystem::TreR66, c)),
        },
        identifiers: vec![identifier],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    }
}

/// The lifecycle event number `which` (0 to 11: 0 to 8 in the order of the lifecycle, then
/// the receipt, the request for pieces and their receipt) on `date`, for the random
/// histories of the property tests.
pub fn event(which: usize, date: NaiveDate) -> LifecycleEvent {
    match which {
        0 => LifecycleEvent::LettreIntentionSubmitted { date },
        1 => LifecycleEvent::LettreIntentionValidated { date },
        2 => LifecycleEvent::ProjetDeSanteSubmitted { date },
        3 => LifecycleEvent::ProjetDeSanteValidated { date },
        4 => LifecycleEvent::ProjetDeSanteObjected {
            date,
            grounds: Some(ObjectionGrounds::LesDeux),
        },
        5 => LifecycleEvent::ContractSigned { date },
        6 => LifecycleEvent::ContractRenewed { date },
        7 => LifecycleEvent::ContractTerminated { date },
        9 => LifecycleEvent::ProjetDeSanteReceived { date },
        10 => LifecycleEvent::ProjetDeSantePiecesRequested { date },
        11 => LifecycleEvent::ProjetDeSantePiecesReceived { date },
        _ => LifecycleEvent::Dissolved { date },
    }
}

/// One engine shared by the tests of a file (the embedded data, loaded once).
pub fn engine() -> &'static cpts_core::api::Engine {
    static ENGINE: std::sync::OnceLock<cpts_core::api::Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| cpts_core::api::Engine::new().expect("engine"))
}

/// The response of `operation` with `input`, as JSON.
pub fn call(operation: &str, input: serde_json::Value) -> serde_json::Value {
    let request = serde_json::json!({"api_version": 1, "operation": operation, "input": input});
    serde_json::from_str(&engine().call(&request.to_string())).expect("response is JSON")
}
