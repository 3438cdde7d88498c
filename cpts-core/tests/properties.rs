//! Properties: parse then display gives the normalised input; no input panics a parser;
//! serde round-trips; registry answers do not depend on insertion order; a refused
//! operation changes nothing.

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use cpts_core::entity::{Cpts, CptsId, LifecycleEvent};
use cpts_core::identifiers::*;
use cpts_core::membership::{
    Application, MemberFilter, MemberKind, MemberNumber, Registry, Statutes,
};
use cpts_core::missions::Mission;
use cpts_core::nomenclature::{CodeSystem, StructureKind};
use proptest::prelude::*;
use proptest::sample::select;

fn digits(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, n)
        .prop_map(|v| v.into_iter().map(|d| char::from(b'0' + d)).collect())
}

#[allow(clippy::ptr_arg)] // proptest filters take &Value
fn not_zeros(s: &String) -> bool {
    s.chars().any(|c| c != '0')
}

/// (canonical value, kind) for every identifier kind.
fn canonical() -> impl Strategy<Value = (IdentifierKind, String)> {
    prop_oneof![
        digits(10)
            .prop_filter("zeros", not_zeros)
            .prop_map(|b| (IdentifierKind::Rpps, with_luhn_key(&b))),
        digits(9)
            .prop_filter("zeros", not_zeros)
            .prop_map(|b| (IdentifierKind::Adeli, b)),
        (digits(8).prop_filter("zeros", not_zeros))
            .prop_map(|b| (IdentifierKind::Finess, with_luhn_key(&b))),
        (select(vec!["2A", "2B"]), digits(7))
            .prop_map(|(p, b)| (IdentifierKind::Finess, format!("{p}{b}"))),
        digits(8)
            .prop_filter("zeros", not_zeros)
            .prop_map(|b| (IdentifierKind::Siren, with_luhn_key(&b))),
        (digits(8).prop_filter("zeros", not_zeros), digits(4))
            .prop_map(|(b, nic)| with_luhn_key(&format!("{}{}", with_luhn_key(&b), nic)))
            .prop_filter("La Poste", |s| !s.starts_with("356000000"))
            .prop_map(|s| (IdentifierKind::Siret, s)),
        "W[0-9A-Z]{9}".prop_map(|s| (IdentifierKind::Rna, s)),
        ("(2A|2B|[0-9]{2})", digits(3))
            .prop_map(|(p, b)| (IdentifierKind::InseeCommune, format!("{p}{b}"))),
        digits(5).prop_map(|s| (IdentifierKind::PostalCode, s)),
    ]
}

/// The canonical value with separators inserted and letters lower-cased at random.
fn decorated() -> impl Strategy<Value = (IdentifierKind, String, String)> {
    canonical().prop_flat_map(|(kind, value)| {
        let n = value.len();
        (
            Just(kind),
            Just(value),
            proptest::collection::vec(select(vec!["", "", " ", ".", "\u{a0}", "\u{202f}"]), n + 1),
            proptest::collection::vec(any::<bool>(), n),
        )
            .prop_map(move |(kind, value, seps, lower)| {
                let mut text = String::new();
                for (i, c) in value.chars().enumerate() {
                    text.push_str(seps[i]);
                    text.push(if lower[i] { c.to_ascii_lowercase() } else { c });
                }
                text.push_str(seps[n]);
                (kind, value, text)
            })
    })
}

fn parse_display(kind: IdentifierKind, text: &str) -> Result<String, IdentifierError> {
    Ok(match kind {
        IdentifierKind::Rpps => Rpps::parse(text)?.to_string(),
        IdentifierKind::Adeli => Adeli::parse(text)?.to_string(),
        IdentifierKind::Finess => Finess::parse(text)?.to_string(),
        IdentifierKind::Siren => Siren::parse(text)?.to_string(),
        IdentifierKind::Siret => Siret::parse(text)?.to_string(),
        IdentifierKind::Rna => Rna::parse(text)?.to_string(),
        IdentifierKind::InseeCommune => InseeCommuneCode::parse(text)?.to_string(),
        IdentifierKind::PostalCode => PostalCode::parse(text)?.to_string(),
        other => panic!("no typed parser in this test for {other:?}: add it"),
    })
}

const KINDS: [IdentifierKind; 8] = IdentifierKind::ALL;

proptest! {
    #[test]
    fn parse_then_display_gives_the_normalised_input((kind, value, text) in decorated()) {
        prop_assert_eq!(parse_display(kind, &text), Ok(value.clone()));
        // And the JSON form is the canonical string.
        if let Ok(id) = Identifier::parse(kind, &text) {
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(serde_json::from_str::<Identifier>(&json).unwrap(), id);
            prop_assert_eq!(id.value(), value.as_str());
        }
    }

    #[test]
    fn a_changed_luhn_key_is_a_check_key_error(body in digits(10).prop_filter("zeros", not_zeros), bump in 1u32..10) {
        let good = with_luhn_key(&body);
        let key = good.chars().last().unwrap().to_digit(10).unwrap();
        let bad = format!("{body}{}", (key + bump) % 10);
        let err = Rpps::parse(&bad).unwrap_err();
        prop_assert!(err.is_check_key_error());
        let expected_key = char::from_digit(key, 10);
        let matches_key = matches!(err, IdentifierError::InvalidCheckKey { expected_key: k, .. } if k == expected_key);
        prop_assert!(matches_key);
        let checked = Rpps::parse_accepting_wrong_key(&bad).unwrap();
        prop_assert_eq!(checked.value.key_status(), KeyStatus::Invalid);
        prop_assert!(checked.warning.is_some());
    }

    #[test]
    fn no_input_panics_a_parser(text in any::<String>(), near in "[0-9A-Za-z .\u{a0}éW2-]{0,20}") {
        for input in [text.as_str(), near.as_str()] {
            for kind in KINDS {
                let _ = parse_display(kind, input);
                let _ = Identifier::parse(kind, input);
            }
            let _ = Rpps::parse_accepting_wrong_key(input);
            let _ = Finess::parse_accepting_wrong_key(input);
            let _ = Siret::parse_accepting_wrong_key(input);
            let _ = Adeli::parse_with_empirical_key(input);
            let _ = serde_json::from_str::<Identifier>(input);
            let _ = serde_json::from_str::<Cpts>(input);
        }
    }
}

/// One operation on a CPTS, drawn at random; many are refused.
#[derive(Debug, Clone)]
enum Op {
    Apply { who: usize, day: u64 },
    Decide { number: u32, admit: bool, day: u64 },
    Resign { number: u32, day: u64 },
    Exclude { number: u32, day: u64 },
    Event { which: usize, day: u64 },
    MissionStart { which: usize, day: u64 },
    MissionDeploy { which: usize, day: u64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..8, 0u64..2000).prop_map(|(who, day)| Op::Apply { who, day }),
        3 => (1u32..7, any::<bool>(), 0u64..2000).prop_map(|(number, admit, day)| Op::Decide { number, admit, day }),
        1 => (1u32..10, 0u64..2000).prop_map(|(number, day)| Op::Resign { number, day }),
        1 => (1u32..10, 0u64..2000).prop_map(|(number, day)| Op::Exclude { number, day }),
        // Biased towards the steps that lead to a contract; dissolution is rare.
        3 => (select(vec![0usize, 1, 2, 2, 2, 3, 4, 5, 5, 5, 5, 6, 7, 8, 9, 10, 11]), 0u64..2000)
            .prop_map(|(which, day)| Op::Event { which, day }),
        1 => (0usize..6, 0u64..2000).prop_map(|(which, day)| Op::MissionStart { which, day }),
        1 => (0usize..6, 0u64..2000).prop_map(|(which, day)| Op::MissionDeploy { which, day }),
    ]
}

fn base() -> NaiveDate {
    d(2019, 9, 1)
}

/// The pool of people and structures the random operations draw from.
fn applicant(who: usize) -> Application {
    match who {
        0 => health_pro("Dr A", "10", rpps("10000927870")),
        1 => health_pro("IDE B", "60", rpps("10003090833")),
        2 => health_pro("MK C", "70", rpps("10100375103")),
        3 => other_pro("Psy D", CodeSystem::TreR95, "93"),
        4 => structure(
            "MSP E",
            StructureKind::MaisonDeSante,
            Some("603"),
            finess("540002698"),
        ),
        5 => structure(
            "EHPAD F",
            StructureKind::Esms,
            Some("500"),
            finess("010000016"),
        ),
        6 => Application {
            name: "Usager G".into(),
            kind: MemberKind::RepresentantUsagers,
            identifiers: vec![],
            practises_in: None,
            foreign_practice: None,
            defence: None,
        },
        _ => {
            let mut a = health_pro("IDE H", "60", rpps("10107592544"));
            a.practises_in = Some(finess("540002698"));
            a
        }
    }
}

/// Applies one operation; a refused one must leave the CPTS unchanged.
fn run(c: &mut Cpts, op: &Op) -> Result<(), TestCaseError> {
    let before = c.clone();
    let at = |day: u64| base() + Days::new(day);
    let refused = match op.clone() {
        Op::Apply { who, day } => c.apply_for_membership(applicant(who), at(day)).is_err(),
        Op::Decide { number, admit, day } => c
            .decide_admission(MemberNumber(number), admit, at(day))
            .is_err(),
        Op::Resign { number, day } => c.resign(MemberNumber(number), at(day)).is_err(),
        Op::Exclude { number, day } => c
            .exclude(MemberNumber(number), at(day), Some("motif".into()))
            .is_err(),
        Op::Event { which, day } => c.record(event(which, at(day))).is_err(),
        Op::MissionStart { which, day } => c
            .record_mission_start(Mission::WELL_KNOWN[which], at(day))
            .is_err(),
        Op::MissionDeploy { which, day } => c
            .record_mission_deployment(Mission::WELL_KNOWN[which], at(day))
            .is_err(),
    };
    if refused {
        prop_assert_eq!(&*c, &before, "a refused {:?} changed the CPTS", op);
    }
    Ok(())
}

fn day_of(op: &Op) -> u64 {
    match *op {
        Op::Apply { day, .. }
        | Op::Decide { day, .. }
        | Op::Resign { day, .. }
        | Op::Exclude { day, .. }
        | Op::Event { day, .. }
        | Op::MissionStart { day, .. }
        | Op::MissionDeploy { day, .. } => day,
    }
}

/// Random operations; three histories in four are in date order, so that lifecycles and
/// admissions progress, the fourth is left shuffled, so that many are refused.
fn history(max: usize) -> impl Strategy<Value = Vec<Op>> {
    (proptest::collection::vec(op(), 0..max), 0u8..4).prop_map(|(mut ops, shuffled)| {
        if shuffled != 0 {
            ops.sort_by_key(day_of);
        }
        ops
    })
}

fn built(id: &str, ops: &[Op]) -> Result<Cpts, TestCaseError> {
    use cpts_core::membership::MemberCategory;
    let statutes = Statutes::default().with_admission_required(
        [
            MemberCategory::AUTRE_PROFESSIONNEL,
            MemberCategory::Structure(StructureKind::MaisonDeSante),
            MemberCategory::Structure(StructureKind::Esms),
        ]
        .into(),
    );
    let mut c = cpts(id, &["78481", "78372"], statutes);
    for op in ops {
        run(&mut c, op)?;
    }
    Ok(c)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn refused_operations_change_nothing_and_json_round_trips(ops in history(40)) {
        let c = built("c1", &ops)?;
        let json = serde_json::to_string(&c).unwrap();
        let back: Cpts = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &c);
        // The reports of the round-tripped CPTS are the same.
        let on = base() + Days::new(1000);
        prop_assert_eq!(back.membership_report(on), c.membership_report(on));
        let catalogue = cpts_core::aci::ParameterCatalogue::embedded().unwrap();
        prop_assert_eq!(back.late_missions(on, &catalogue), c.late_missions(on, &catalogue));
        let report = serde_json::to_string(&c.membership_report(on)).unwrap();
        prop_assert_eq!(serde_json::from_str::<cpts_core::membership::MembershipReport>(&report).unwrap(), c.membership_report(on));
        if let Ok(late) = c.late_missions(on, &catalogue) {
            let text = serde_json::to_string(&late).unwrap();
            prop_assert_eq!(serde_json::from_str::<cpts_core::missions::LateMissionsReport>(&text).unwrap(), late);
        }
        let status = c.status_on(on);
        let text = serde_json::to_string(&status).unwrap();
        prop_assert_eq!(serde_json::from_str::<cpts_core::entity::LifecycleStatus>(&text).unwrap(), status);
    }

    #[test]
    fn registry_answers_do_not_depend_on_insertion_order(
        histories in proptest::collection::vec(history(25), 1..6),
        order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
    ) {
        let all: Vec<Cpts> = histories
            .iter()
            .enumerate()
            .map(|(i, ops)| built(&format!("cpts-{i}"), ops))
            .collect::<Result<_, _>>()?;
        let mut shuffled = all.clone();
        // A deterministic permutation drawn from the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = ((order >> (i % 32)) as usize ^ i.wrapping_mul(2654435761)) % (i + 1);
            shuffled.swap(i, j);
        }
        let mut a = Registry::default();
        let mut b = Registry::default();
        for c in all { a.insert(c).unwrap(); }
        for c in shuffled { b.insert(c).unwrap(); }
        prop_assert_eq!(&a, &b);
        for day in (0..2000).step_by(97) {
            let on = base() + Days::new(day);
            for who in 0..8 {
                for id in applicant(who).identifiers {
                    prop_assert_eq!(a.cpts_of(&id, on), b.cpts_of(&id, on));
                    let ma: Vec<_> = a.memberships_of(&id, on).into_iter().map(|(c, m)| (c.clone(), m.number)).collect();
                    let mb: Vec<_> = b.memberships_of(&id, on).into_iter().map(|(c, m)| (c.clone(), m.number)).collect();
                    prop_assert_eq!(ma, mb);
                }
            }
            for i in 0..n {
                let id = CptsId::new(format!("cpts-{i}")).unwrap();
                let ma: Vec<MemberNumber> = a.members(&id, on, &MemberFilter::default()).unwrap().iter().map(|m| m.number).collect();
                let mb: Vec<MemberNumber> = b.members(&id, on, &MemberFilter::default()).unwrap().iter().map(|m| m.number).collect();
                prop_assert_eq!(ma, mb);
            }
        }
        // And the registry itself round-trips through JSON.
        let back: Registry = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        prop_assert_eq!(back, a);
    }
}

#[test]
fn simple_types_round_trip() {
    use cpts_core::aci::ParameterCatalogue;
    use cpts_core::source::Source;
    let parameters = ParameterCatalogue::embedded().unwrap();
    let json = serde_json::to_string(&parameters).unwrap();
    assert_eq!(
        serde_json::from_str::<ParameterCatalogue>(&json).unwrap(),
        parameters
    );
    for set in parameters.sets() {
        for rule in set.missions() {
            let json = serde_json::to_string(rule).unwrap();
            assert_eq!(
                &serde_json::from_str::<cpts_core::missions::MissionRule>(&json).unwrap(),
                rule
            );
            let json = serde_json::to_string(&rule.source).unwrap();
            assert_eq!(serde_json::from_str::<Source>(&json).unwrap(), rule.source);
        }
    }
    fn round_trip<
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    >(
        v: &T,
    ) {
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v, "{json}");
    }
    for who in 0..8 {
        round_trip(&applicant(who));
        round_trip(&applicant(who).kind);
        round_trip(&applicant(who).kind.category());
    }
    round_trip(&cpts_core::entity::LifecycleRules::default());
    let filter = MemberFilter {
        category: Some(cpts_core::membership::MemberCategory::Structure(
            StructureKind::Esms,
        )),
        profession: Some(cpts_core::nomenclature::Code::new(CodeSystem::TreG15, "60")),
        college: Some(cpts_core::membership::CollegeId::new("liberaux").unwrap()),
    };
    round_trip(&filter);
    let mut c = cpts("c1", &["78481"], Statutes::default());
    c.record(LifecycleEvent::ProjetDeSanteSubmitted {
        date: d(2021, 10, 4),
    })
    .unwrap();
    c.record(LifecycleEvent::ContractSigned {
        date: d(2022, 1, 17),
    })
    .unwrap();
    for entry in c.lifecycle().timeline(d(2028, 1, 1)) {
        round_trip(&entry);
    }
    assert_eq!(
        serde_json::to_string(&c.lifecycle().timeline(d(2022, 1, 1))[1]).unwrap(),
        r#"{"date":"2021-12-05","step":"tacit_validation"}"#
    );
    let college = cpts_core::membership::College {
        id: cpts_core::membership::CollegeId::new("structures").unwrap(),
        name: "Structures".into(),
        categories: [cpts_core::membership::MemberCategory::Structure(
            StructureKind::Esms,
        )]
        .into(),
        board_seats: 3,
    };
    round_trip(&college);
    let dues = cpts_core::membership::DuesPolicy {
        periods: vec![cpts_core::membership::DuesPeriod {
            from: d(2025, 1, 1),
            until: None,
            default_amount: rust_decimal::Decimal::new(2050, 2),
            amounts: vec![],
        }],
    };
    round_trip(&dues);
    // Money is a decimal string in JSON, never a float.
    assert!(
        serde_json::to_string(&dues)
            .unwrap()
            .contains(r#""default_amount":"20.50""#)
    );
    let statutes = Statutes::default();
    let json = serde_json::to_string(&statutes).unwrap();
    assert_eq!(serde_json::from_str::<Statutes>(&json).unwrap(), statutes);
    // Every field of the statuts is optional in JSON and takes its default.
    assert_eq!(serde_json::from_str::<Statutes>("{}").unwrap(), statutes);
}

/// The random histories above are only as strong as the states they reach: check that a
/// fixed sample of 200 reaches contracts, admissions and departures.
#[test]
fn random_histories_reach_contracts_admissions_and_departures() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut contracts, mut admitted, mut left) = (0, 0, 0);
    for _ in 0..200 {
        let ops = history(40).new_tree(&mut runner).unwrap().current();
        let c = built("c", &ops).unwrap();
        contracts += c
            .lifecycle()
            .events()
            .iter()
            .filter(|e| matches!(e, LifecycleEvent::ContractSigned { .. }))
            .count();
        admitted += c
            .roster()
            .all()
            .iter()
            .filter(|m| {
                matches!(
                    m.admission,
                    cpts_core::membership::Admission::Admitted { .. }
                )
            })
            .count();
        left += c
            .roster()
            .all()
            .iter()
            .filter(|m| m.departure.is_some())
            .count();
    }
    assert!(
        contracts >= 10 && admitted >= 10 && left >= 10,
        "{contracts} {admitted} {left}"
    );
}
