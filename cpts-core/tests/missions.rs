//! Mission deadlines (PAPS Hauts-de-France: 6/18, 12/24, 12/24, 6/18 months) and the check
//! of late missions.

mod common;

use common::*;
use cpts_core::aci::ParameterCatalogue;
use cpts_core::entity::LifecycleEvent;
use cpts_core::membership::Statutes;
use cpts_core::missions::{LateMission, LateStep, Mission, MissionError, Obligation};

fn catalogue() -> ParameterCatalogue {
    ParameterCatalogue::embedded().unwrap()
}

fn signed(on: chrono::NaiveDate) -> cpts_core::entity::Cpts {
    let mut c = cpts("c1", &["78481"], Statutes::default());
    let sent = on - chrono::Days::new(120);
    c.record(LifecycleEvent::ProjetDeSanteSubmitted { date: sent })
        .unwrap();
    c.record(LifecycleEvent::ContractSigned { date: on })
        .unwrap();
    c
}

#[test]
fn deadlines_after_avenant_2_with_the_crisis_mission_anchor() {
    // Signed 15 Apr 2022 (before the crisis mission applies on 3 Sep 2022).
    let mut c = signed(d(2022, 4, 15));
    // Accès aux soins: start by 15 Oct 2022 (6 months); started 2 Nov 2022: 18 days late.
    c.record_mission_start(Mission::ACCES_AUX_SOINS, d(2022, 11, 2))
        .unwrap();
    // Prévention started on its deadline day (15 Apr 2023): on time.
    c.record_mission_start(Mission::PREVENTION, d(2023, 4, 15))
        .unwrap();
    // Qualité (optional): the CPTS planned to start it on 1 Mar 2023.
    c.plan_mission(Mission::QUALITE_PERTINENCE, Some(d(2023, 3, 1)), None)
        .unwrap();

    let report = c.late_missions(d(2023, 5, 1), &catalogue()).unwrap();
    assert_eq!(report.contract_signed_on, Some(d(2022, 4, 15)));
    assert_eq!(report.parameter_set, Some("aci_2019_avenant_2".to_owned()));
    let late = |mission, obligation, deadline, done_on, days_late| LateMission {
        mission,
        obligation,
        step: LateStep::Start,
        deadline,
        done_on,
        days_late,
    };
    assert_eq!(
        report.late,
        [
            // 15 Oct → 2 Nov 2022: 16 + 2 = 18 days.
            late(
                Mission::ACCES_AUX_SOINS,
                Obligation::Socle,
                d(2022, 10, 15),
                Some(d(2022, 11, 2)),
                18
            ),
            // Parcours: 12 months → 15 Apr 2023; not started on 1 May: 16 days.
            late(
                Mission::PARCOURS_PLURIPROFESSIONNELS,
                Obligation::Socle,
                d(2023, 4, 15),
                None,
                16
            ),
            // In the order of L1434-12-2: qualité (4°) before the crisis mission (6°).
            // Qualité: planned 1 Mar 2023 → 1 May: 30 + 31 = 61 days.
            late(
                Mission::QUALITE_PERTINENCE,
                Obligation::Optional,
                d(2023, 3, 1),
                None,
                61
            ),
            // Crise: anchor 3 Sep 2022 (later than the signature) + 6 months = 3 Mar 2023;
            // 3 Mar → 1 May: 28 + 30 + 1 = 59 days.
            late(
                Mission::CRISES_SANITAIRES_GRAVES,
                Obligation::Socle,
                d(2023, 3, 3),
                None,
                59
            ),
        ]
    );
    // Accès aux soins must be fully deployed by 15 Oct 2023 (18 months).
    let later = c.late_missions(d(2023, 10, 16), &catalogue()).unwrap();
    assert!(
        later
            .late
            .iter()
            .any(|l| l.mission == Mission::ACCES_AUX_SOINS
                && l.step == LateStep::Deployment
                && l.deadline == d(2023, 10, 15)
                && l.days_late == 1)
    );
}

#[test]
fn deadlines_under_the_2019_aci_clamp_to_the_end_of_month() {
    // Signed 31 Aug 2019: + 6 months = 29 Feb 2020 (clamped), + 12 months = 31 Aug 2020.
    let c = signed(d(2019, 8, 31));
    let r = c.late_missions(d(2020, 3, 1), &catalogue()).unwrap();
    assert_eq!(r.parameter_set, Some("aci_2019".to_owned()));
    assert_eq!(r.late.len(), 1);
    assert_eq!(
        (r.late[0].mission, r.late[0].deadline, r.late[0].days_late),
        (Mission::ACCES_AUX_SOINS, d(2020, 2, 29), 1)
    );
    // The day of the deadline is still on time.
    assert!(
        c.late_missions(d(2020, 2, 29), &catalogue())
            .unwrap()
            .late
            .is_empty()
    );
    // No crisis mission under the 2019 ACI, even a year later.
    let r = c.late_missions(d(2021, 9, 1), &catalogue()).unwrap();
    assert!(
        r.late
            .iter()
            .all(|l| l.mission != Mission::CRISES_SANITAIRES_GRAVES)
    );
    // Every step is past due on 1 Sep 2021: accès deploys by 28 Feb 2021 (31 Aug 2019 + 18
    // months, clamped); parcours and prévention start by 31 Aug 2020 and deploy by
    // 31 Aug 2021 (1 day late).
    let found: Vec<(Mission, LateStep, chrono::NaiveDate, i64)> = r
        .late
        .iter()
        .map(|l| (l.mission, l.step, l.deadline, l.days_late))
        .collect();
    assert_eq!(
        found,
        [
            (
                Mission::ACCES_AUX_SOINS,
                LateStep::Start,
                d(2020, 2, 29),
                550
            ),
            (
                Mission::ACCES_AUX_SOINS,
                LateStep::Deployment,
                d(2021, 2, 28),
                185
            ),
            (
                Mission::PARCOURS_PLURIPROFESSIONNELS,
                LateStep::Start,
                d(2020, 8, 31),
                366
            ),
            (
                Mission::PARCOURS_PLURIPROFESSIONNELS,
                LateStep::Deployment,
                d(2021, 8, 31),
                1
            ),
            (Mission::PREVENTION, LateStep::Start, d(2020, 8, 31), 366),
            (Mission::PREVENTION, LateStep::Deployment, d(2021, 8, 31), 1),
        ]
    );
}

#[test]
fn no_contract_no_deadline() {
    let c = cpts("c1", &["78481"], Statutes::default());
    let r = c.late_missions(d(2024, 1, 1), &catalogue()).unwrap();
    assert_eq!(r.contract_signed_on, None);
    assert!(r.late.is_empty());
}

#[test]
fn mission_dates_are_checked() {
    let mut c = signed(d(2022, 4, 15));
    assert!(matches!(
        c.record_mission_deployment(Mission::PREVENTION, d(2023, 1, 1)),
        Err(MissionError::NotStarted { .. })
    ));
    c.record_mission_start(Mission::PREVENTION, d(2023, 1, 1))
        .unwrap();
    assert!(matches!(
        c.record_mission_start(Mission::PREVENTION, d(2023, 2, 1)),
        Err(MissionError::AlreadyStarted { .. })
    ));
    assert!(matches!(
        c.record_mission_deployment(Mission::PREVENTION, d(2022, 12, 1)),
        Err(MissionError::DeploymentBeforeStart { .. })
    ));
    assert!(matches!(
        c.plan_mission(
            Mission::QUALITE_PERTINENCE,
            Some(d(2023, 5, 1)),
            Some(d(2023, 4, 1))
        ),
        Err(MissionError::DeploymentBeforeStart { .. })
    ));
}
