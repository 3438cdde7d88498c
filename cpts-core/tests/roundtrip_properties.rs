//! What the API accepted, it reads back: after every accepted call on a `Cpts` or a
//! `Registry` (applications, admission decisions — back-dated or not —, departures,
//! lifecycle events, mission dates), the value goes through JSON and comes back equal; a
//! refused call changes nothing. The statuts vary (individuals alongside their structure
//! or not, which categories need a decision), and the pool of applicants shares
//! structures and identifiers, so that the cross-member rules are exercised.

mod common;

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use common::*;
use cpts_core::entity::{Cpts, CptsId};
use cpts_core::membership::{
    Application, MemberCategory, MemberKind, MemberNumber, Registry, Statutes,
};
use cpts_core::missions::Mission;
use cpts_core::nomenclature::{CodeSystem, StructureKind};
use proptest::prelude::*;

const MSP_A: &str = "789900016";
const MSP_B: &str = "540002698";

/// The people and structures the calls draw from.
fn applicant(who: usize) -> Application {
    let in_structure = |mut a: Application, finess_number: &str| {
        a.practises_in = Some(finess(finess_number));
        a
    };
    match who {
        0 => structure("MSP A", StructureKind::MaisonDeSante, None, finess(MSP_A)),
        1 => structure("MSP B", StructureKind::MaisonDeSante, None, finess(MSP_B)),
        2 => structure(
            "EHPAD",
            StructureKind::Esms,
            Some("500"),
            finess("010000016"),
        ),
        3 => in_structure(health_pro("Dr A", "10", rpps("10000927870")), MSP_A),
        4 => in_structure(health_pro("IDE B", "60", rpps("10003090833")), MSP_A),
        5 => in_structure(health_pro("MK C", "70", rpps("10100375103")), MSP_B),
        6 => health_pro("Dr D", "10", rpps("10107592544")),
        7 => other_pro("Psy E", CodeSystem::TreR95, "93"),
        8 => Application {
            name: "Usager F".into(),
            kind: MemberKind::RepresentantUsagers,
            identifiers: vec![],
            practises_in: None,
            foreign_practice: None,
            defence: None,
        },
        // Dr A again, now practising in the other MSP.
        _ => in_structure(health_pro("Dr A", "10", rpps("10000927870")), MSP_B),
    }
}

fn statutes(alongside: bool, admission: u8) -> Statutes {
    let categories = [
        MemberCategory::Structure(StructureKind::MaisonDeSante),
        MemberCategory::Structure(StructureKind::Esms),
        MemberCategory::AUTRE_PROFESSIONNEL,
        MemberCategory::Individual(cpts_core::membership::IndividualCategory::ProfessionnelDeSante),
    ];
    let required: BTreeSet<MemberCategory> = categories
        .iter()
        .enumerate()
        .filter(|(i, _)| admission & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect();
    Statutes::default()
        .with_individual_alongside_structure(alongside)
        .with_admission_required(required)
}

#[derive(Debug, Clone)]
enum Call {
    Apply {
        who: usize,
    },
    Decide {
        number: u32,
        admit: bool,
    },
    Resign {
        number: u32,
    },
    Exclude {
        number: u32,
        grounds: bool,
    },
    Event {
        which: usize,
    },
    Plan {
        which: usize,
        start: u64,
        length: u64,
    },
    MissionStart {
        which: usize,
    },
    MissionDeploy {
        which: usize,
    },
}

/// A call, on a CPTS of the registry, on a day.
#[derive(Debug, Clone)]
struct Step {
    cpts: usize,
    day: u64,
    call: Call,
}

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        5 => (0usize..10).prop_map(|who| Call::Apply { who }),
        4 => (1u32..12, any::<bool>()).prop_map(|(number, admit)| Call::Decide { number, admit }),
        1 => (1u32..12).prop_map(|number| Call::Resign { number }),
        1 => (1u32..12, any::<bool>()).prop_map(|(number, grounds)| Call::Exclude { number, grounds }),
        3 => proptest::sample::select(vec![0usize, 1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10, 11])
            .prop_map(|which| Call::Event { which }),
        1 => (0usize..6, 0u64..900, 0u64..400).prop_map(|(which, start, length)| Call::Plan { which, start, length }),
        1 => (0usize..6).prop_map(|which| Call::MissionStart { which }),
        1 => (0usize..6).prop_map(|which| Call::MissionDeploy { which }),
    ]
}

/// Steps over a few CPTS; most histories move forward in time with small steps back (so
/// that back-dated decisions happen), some are in any order.
fn steps(max: usize) -> impl Strategy<Value = Vec<Step>> {
    (
        proptest::collection::vec(
            (
                // Mostly the first CPTS, so that one roster gets a long history.
                proptest::sample::select(vec![0usize, 0, 0, 0, 1, 2]),
                0u64..900,
                -60i64..120,
                call(),
            ),
            0..max,
        ),
        any::<bool>(),
    )
        .prop_map(|(raw, ordered)| {
            let mut day = 0i64;
            raw.into_iter()
                .map(|(cpts, anywhere, delta, call)| {
                    day = (day + delta).clamp(0, 2000);
                    let day = if ordered { day as u64 } else { anywhere };
                    Step { cpts, day, call }
                })
                .collect()
        })
}

fn base() -> NaiveDate {
    d(2021, 1, 4)
}

fn on_cpts(c: &mut Cpts, step: &Step) -> bool {
    let at = |day: u64| base() + Days::new(day);
    let date = at(step.day);
    match step.call.clone() {
        Call::Apply { who } => c.apply_for_membership(applicant(who), date).is_ok(),
        Call::Decide { number, admit } => c
            .decide_admission(MemberNumber(number), admit, date)
            .is_ok(),
        Call::Resign { number } => c.resign(MemberNumber(number), date).is_ok(),
        Call::Exclude { number, grounds } => c
            .exclude(
                MemberNumber(number),
                date,
                grounds.then(|| "manquement aux statuts".to_owned()),
            )
            .is_ok(),
        Call::Event { which } => c.record(event(which, date)).is_ok(),
        Call::Plan {
            which,
            start,
            length,
        } => c
            .plan_mission(
                Mission::WELL_KNOWN[which],
                Some(at(start)),
                Some(at(start + length)),
            )
            .is_ok(),
        Call::MissionStart { which } => c
            .record_mission_start(Mission::WELL_KNOWN[which], date)
            .is_ok(),
        Call::MissionDeploy { which } => c
            .record_mission_deployment(Mission::WELL_KNOWN[which], date)
            .is_ok(),
    }
}

fn on_registry(r: &mut Registry, id: &CptsId, step: &Step) -> bool {
    let date = base() + Days::new(step.day);
    match step.call.clone() {
        Call::Apply { who } => r.apply(id, applicant(who), date).is_ok(),
        Call::Decide { number, admit } => r
            .decide_admission(id, MemberNumber(number), admit, date)
            .is_ok(),
        Call::Resign { number } => r.resign(id, MemberNumber(number), date).is_ok(),
        Call::Exclude { number, grounds } => r
            .exclude(
                id,
                MemberNumber(number),
                date,
                grounds.then(|| "manquement aux statuts".to_owned()),
            )
            .is_ok(),
        Call::Event { which } => r.record(id, event(which, date)).is_ok(),
        // Mission dates are not registry calls.
        _ => false,
    }
}

fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).expect("serialises");
    let back: T = serde_json::from_str(&text)
        .map_err(|e| TestCaseError::fail(format!("does not read back: {e}\n{text}")))?;
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_accepted_call_on_a_cpts_reads_back(
        alongside in any::<bool>(),
        admission in 0u8..16,
        steps in steps(60),
    ) {
        let mut c = cpts("c", &["78481", "78372"], statutes(alongside, admission));
        for step in &steps {
            let before = c.clone();
            if on_cpts(&mut c, step) {
                round_trips(&c)?;
            } else {
                prop_assert_eq!(&c, &before, "a refused {:?} changed the CPTS", step);
            }
        }
    }

    #[test]
    fn every_accepted_call_on_a_registry_reads_back(
        rules in proptest::collection::vec((any::<bool>(), 0u8..16), 3),
        steps in steps(60),
    ) {
        let mut r = Registry::default();
        let ids: Vec<CptsId> = (0..3).map(|i| CptsId::new(format!("cpts-{i}")).unwrap()).collect();
        for (i, (alongside, admission)) in rules.iter().enumerate() {
            r.insert(cpts(ids[i].as_str(), &["78551"], statutes(*alongside, *admission))).unwrap();
        }
        for step in &steps {
            let before = r.clone();
            if on_registry(&mut r, &ids[step.cpts], step) {
                round_trips(&r)?;
                if let Some(c) = r.get(&ids[step.cpts]) {
                    round_trips(c)?;
                }
            } else {
                prop_assert_eq!(&r, &before, "a refused {:?} changed the registry", step);
            }
        }
    }
}

/// The property's own check: on today's rules, the histories it draws do reach the
/// cross-member rules (an admission refused because of an individual, an individual
/// refused because of their structure), so that it is not vacuous.
#[test]
fn the_drawn_histories_reach_the_cross_member_rules() {
    use cpts_core::membership::MembershipError;
    let mut c = cpts("c", &["78481"], statutes(false, 0b0001));
    let at = |day| base() + Days::new(day);
    let msp = c.apply_for_membership(applicant(0), at(0)).unwrap();
    c.apply_for_membership(applicant(3), at(10)).unwrap();
    assert!(matches!(
        c.decide_admission(msp, true, at(5)),
        Err(MembershipError::AdmissionContradictsApplication { .. })
    ));
    c.decide_admission(msp, true, at(11)).unwrap();
    assert!(matches!(
        c.apply_for_membership(applicant(4), at(12)),
        Err(MembershipError::IndividualAlongsideStructureNotAllowed { .. })
    ));
}
