//! Membership rules (seed 004, seed 000, L1434-12 CSP) on one CPTS and across a registry.

mod common;

use std::collections::BTreeSet;

use common::*;
use cpts_core::entity::{CptsId, LifecycleEvent};
use cpts_core::identifiers::IdentifierKind;
use cpts_core::membership::{
    Admission, Application, CategoryAmount, College, CollegeId, DuesPeriod, DuesPolicy,
    IndividualCategory, MemberCategory, MemberFilter, MemberKind, MemberNumber, MembershipError,
    OtherProfession, Registry, RegistryError, Statutes, StatutesError,
};
use cpts_core::nomenclature::{Code, CodeSystem, NomenclatureError, StructureKind};
use rust_decimal::Decimal;

const PECQ: &str = "78481";

#[test]
fn a_health_professional_joins_on_the_day_of_application() {
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let n = c
        .apply_for_membership(
            health_pro("Dr A", "10", rpps("10000927870")),
            d(2024, 1, 10),
        )
        .unwrap();
    let m = c.roster().get(n).unwrap();
    assert_eq!(m.admission, Admission::Automatic);
    assert!(!m.is_member_on(d(2024, 1, 9)));
    assert!(m.is_member_on(d(2024, 1, 10)));
}

#[test]
fn other_professionals_wait_for_the_board() {
    // Seed 000: people calling themselves « autres professionnels » to borrow the CPTS's
    // endorsement; by default their admission is the board's decision.
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let psy = c
        .apply_for_membership(other_pro("M. Psy", CodeSystem::TreR95, "93"), d(2024, 2, 1))
        .unwrap();
    assert!(c.roster().get(psy).unwrap().is_pending_on(d(2024, 2, 1)));
    assert!(!c.roster().get(psy).unwrap().is_member_on(d(2024, 2, 20)));
    assert_eq!(c.membership_report(d(2024, 2, 20)).pending, 1);
    c.decide_admission(psy, true, d(2024, 3, 5)).unwrap();
    let m = c.roster().get(psy).unwrap();
    assert!(!m.is_member_on(d(2024, 3, 4)));
    assert!(m.is_pending_on(d(2024, 3, 4)));
    assert!(m.is_member_on(d(2024, 3, 5)));
    // A second decision is refused.
    assert!(matches!(
        c.decide_admission(psy, false, d(2024, 3, 6)),
        Err(MembershipError::NotPending { .. })
    ));

    let apa = Application {
        name: "Mme Sport".into(),
        kind: MemberKind::AutreProfessionnel {
            profession: OtherProfession::Declared {
                label: "Enseignante en activité physique adaptée".into(),
            },
        },
        identifiers: vec![],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    };
    let n = c.apply_for_membership(apa.clone(), d(2024, 4, 1)).unwrap();
    c.decide_admission(n, false, d(2024, 4, 15)).unwrap();
    assert!(!c.roster().get(n).unwrap().is_member_on(d(2024, 5, 1)));
    // A decision cannot precede the application.
    let again = c.apply_for_membership(apa, d(2024, 6, 1)).unwrap();
    assert!(matches!(
        c.decide_admission(again, true, d(2024, 5, 1)),
        Err(MembershipError::DateOutOfOrder { .. })
    ));
}

#[test]
fn admission_rule_comes_from_the_statutes() {
    let statutes =
        Statutes::default().with_admission_required(BTreeSet::from([MemberCategory::Individual(
            IndividualCategory::ProfessionnelDeSante,
        )]));
    let mut c = cpts("c1", &[PECQ], statutes);
    let doc = c
        .apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2024, 1, 1))
        .unwrap();
    let psy = c
        .apply_for_membership(other_pro("Psy", CodeSystem::TreR95, "93"), d(2024, 1, 1))
        .unwrap();
    assert_eq!(c.roster().get(doc).unwrap().admission, Admission::Pending);
    assert_eq!(c.roster().get(psy).unwrap().admission, Admission::Automatic);
}

#[test]
fn professions_follow_the_nomenclature_not_the_seed() {
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    // The seed lists diététiciens among « autres professionnels »; TRE_G15 codes them 95,
    // an auxiliaire médical.
    assert!(matches!(
        c.apply_for_membership(other_pro("Diet", CodeSystem::TreG15, "95"), d(2024, 1, 1)),
        Err(MembershipError::HealthProfessionAsOther {
            label: "Diététicien",
            ..
        })
    ));
    c.apply_for_membership(health_pro("Diet", "95", rpps("10003090833")), d(2024, 1, 1))
        .unwrap();
    // Psychologue: TRE_G15 93 is deprecated, TRE_R95 93 is the code to use.
    assert!(matches!(
        c.apply_for_membership(health_pro("Psy", "93", rpps("10100375103")), d(2024, 1, 1)),
        Err(MembershipError::NotAHealthProfession { .. })
    ));
    assert!(matches!(
        c.apply_for_membership(health_pro("X", "12", rpps("10100375103")), d(2024, 1, 1)),
        Err(MembershipError::Nomenclature(
            NomenclatureError::UnknownCode { .. }
        ))
    ));
}

#[test]
fn identifiers_must_fit_the_kind_of_member() {
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let mut no_id = health_pro("Dr A", "10", rpps("10000927870"));
    no_id.identifiers.clear();
    assert!(matches!(
        c.apply_for_membership(no_id, d(2024, 1, 1)),
        Err(MembershipError::MissingIdentifier { .. })
    ));
    let wrong = structure(
        "MSP",
        StructureKind::MaisonDeSante,
        None,
        rpps("10000927870"),
    );
    assert!(matches!(
        c.apply_for_membership(wrong, d(2024, 1, 1)),
        Err(MembershipError::IdentifierNotAllowed { .. })
    ));
    let mut twice = health_pro("Dr A", "10", rpps("10000927870"));
    twice.identifiers.push(rpps("10000927870"));
    assert!(matches!(
        c.apply_for_membership(twice, d(2024, 1, 1)),
        Err(MembershipError::RepeatedIdentifier { .. })
    ));
    // An EHPAD (R66 500) declared as an MSP.
    let mismatch = structure(
        "EHPAD",
        StructureKind::MaisonDeSante,
        Some("500"),
        finess("010000016"),
    );
    assert!(matches!(
        c.apply_for_membership(mismatch, d(2024, 1, 1)),
        Err(MembershipError::FinessCategoryMismatch {
            category_kind: StructureKind::Esms,
            ..
        })
    ));
    // A professional with both ADELI and RPPS (during the ADELI → RPPS transition).
    let mut both = health_pro("IDE", "60", rpps("10107518424"));
    both.identifiers
        .push(id(IdentifierKind::Adeli, "016041030"));
    c.apply_for_membership(both, d(2024, 1, 1)).unwrap();
    // Nothing of the refused applications was recorded.
    assert_eq!(c.roster().all().len(), 1);
}

#[test]
fn the_same_person_twice_is_refused_but_may_rejoin_after_leaving() {
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let first = c
        .apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2024, 1, 1))
        .unwrap();
    let again = c.apply_for_membership(
        health_pro("Dr A bis", "10", rpps("10000927870")),
        d(2024, 6, 1),
    );
    assert_eq!(
        again,
        Err(MembershipError::AlreadyMember {
            identifier: rpps("10000927870"),
            existing: first
        })
    );
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("already member n° 1")
    );
    c.resign(first, d(2024, 9, 1)).unwrap();
    assert!(c.roster().get(first).unwrap().is_member_on(d(2024, 8, 31)));
    assert!(!c.roster().get(first).unwrap().is_member_on(d(2024, 9, 1)));
    // Rejoining before the resignation takes effect overlaps: refused.
    assert!(
        c.apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2024, 8, 1))
            .is_err()
    );
    let back = c
        .apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2025, 1, 1))
        .unwrap();
    assert_eq!(back, MemberNumber(2));
    assert!(matches!(
        c.resign(first, d(2025, 2, 1)),
        Err(MembershipError::AlreadyLeft { .. })
    ));
}

#[test]
fn exclusion_with_grounds() {
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let n = c
        .apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2024, 1, 1))
        .unwrap();
    assert!(matches!(
        c.exclude(n, d(2023, 12, 1), None),
        Err(MembershipError::DateOutOfOrder { .. })
    ));
    c.exclude(
        n,
        d(2024, 5, 2),
        Some("non-respect du règlement intérieur".into()),
    )
    .unwrap();
    assert!(!c.roster().get(n).unwrap().is_member_on(d(2024, 5, 2)));
}

#[test]
fn an_individual_alongside_their_structure_depends_on_the_statutes() {
    // Seed 004: « Il est tout à fait possible, selon les statuts de la CPTS, d'adhérer à titre
    // physique … ou à titre moral. La MSP n'est pas obligée d'adhérer à la CPTS. »
    let msp_finess = finess("540002698");
    let mut nurse = health_pro("IDE", "60", rpps("10003090833"));
    nurse.practises_in = Some(msp_finess);

    // The MSP is not a member: the nurse joins, and the MSP is not made a member.
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    c.apply_for_membership(nurse.clone(), d(2024, 1, 1))
        .unwrap();
    assert!(c.roster().find(&msp_finess, d(2024, 1, 2)).is_none());

    // Default statuts: both the MSP and its nurse may be members.
    let mut c = cpts("c2", &[PECQ], Statutes::default());
    c.apply_for_membership(
        structure("MSP", StructureKind::MaisonDeSante, Some("603"), msp_finess),
        d(2024, 1, 1),
    )
    .unwrap();
    c.apply_for_membership(nurse.clone(), d(2024, 2, 1))
        .unwrap();

    // Statuts that forbid it.
    let strict = Statutes::default().with_individual_alongside_structure(false);
    let mut c = cpts("c3", &[PECQ], strict);
    let msp = c
        .apply_for_membership(
            structure("MSP", StructureKind::MaisonDeSante, Some("603"), msp_finess),
            d(2024, 1, 1),
        )
        .unwrap();
    assert_eq!(
        c.apply_for_membership(nurse.clone(), d(2024, 2, 1)),
        Err(MembershipError::IndividualAlongsideStructureNotAllowed {
            structure: msp_finess,
            structure_member: msp
        })
    );
    // Once the MSP has left, the nurse may join in her own name.
    c.resign(msp, d(2024, 6, 1)).unwrap();
    c.apply_for_membership(nurse, d(2024, 6, 1)).unwrap();
}

#[test]
fn eligibility_comes_from_the_statutes() {
    // The seed CPTS: « Professionnel de santé, établissement médico-social, service social,
    // représentant de patients ».
    let eligible = BTreeSet::from([
        MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante),
        MemberCategory::Individual(IndividualCategory::RepresentantUsagers),
        MemberCategory::Structure(StructureKind::Esms),
        MemberCategory::Structure(StructureKind::ServiceSocial),
    ]);
    let mut c = cpts(
        "c1",
        &[PECQ],
        Statutes::default().with_eligible(eligible).unwrap(),
    );
    assert_eq!(
        c.apply_for_membership(other_pro("Ostéo", CodeSystem::TreR95, "71"), d(2024, 1, 1)),
        Err(MembershipError::CategoryNotEligible {
            category: MemberCategory::AUTRE_PROFESSIONNEL
        })
    );
}

fn three_colleges() -> Vec<College> {
    let col = |id: &str, name: &str, cats: Vec<MemberCategory>, seats| College {
        id: CollegeId::new(id).unwrap(),
        name: name.into(),
        categories: cats.into_iter().collect(),
        board_seats: seats,
    };
    let structures: Vec<MemberCategory> = StructureKind::ALL
        .into_iter()
        .map(MemberCategory::Structure)
        .collect();
    vec![
        col(
            "liberaux",
            "Professionnels de santé",
            vec![MemberCategory::Individual(
                IndividualCategory::ProfessionnelDeSante,
            )],
            8,
        ),
        col("structures", "Structures", structures, 4),
        col(
            "autres",
            "Autres professionnels et usagers",
            vec![
                MemberCategory::AUTRE_PROFESSIONNEL,
                MemberCategory::Individual(IndividualCategory::RepresentantUsagers),
            ],
            2,
        ),
    ]
}

#[test]
fn colleges_and_dues_in_the_report() {
    let dues = DuesPolicy {
        periods: vec![
            // « Nous avons fait le choix de ne pas faire payer de cotisation les premières années. »
            DuesPeriod {
                from: d(2020, 1, 1),
                until: Some(d(2025, 1, 1)),
                default_amount: Decimal::ZERO,
                amounts: vec![],
            },
            DuesPeriod {
                from: d(2025, 1, 1),
                until: None,
                default_amount: Decimal::new(30, 0),
                amounts: vec![CategoryAmount {
                    category: MemberCategory::Structure(StructureKind::Esms),
                    amount: Decimal::new(10000, 2),
                }],
            },
        ],
    };
    let statutes = Statutes::with_colleges(three_colleges())
        .unwrap()
        .with_dues(dues)
        .unwrap();
    assert_eq!(statutes.board_seats(), 14);
    let mut c = cpts("c1", &[PECQ], statutes);
    c.apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2024, 1, 1))
        .unwrap();
    c.apply_for_membership(
        health_pro("IDE B", "60", rpps("10003090833")),
        d(2024, 1, 1),
    )
    .unwrap();
    c.apply_for_membership(
        structure(
            "EHPAD",
            StructureKind::Esms,
            Some("500"),
            finess("010000016"),
        ),
        d(2024, 1, 1),
    )
    .unwrap();
    let usager = Application {
        name: "Mme U".into(),
        kind: MemberKind::RepresentantUsagers,
        identifiers: vec![],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    };
    c.apply_for_membership(usager, d(2024, 1, 1)).unwrap();

    let r = c.membership_report(d(2024, 6, 1));
    assert_eq!(r.members, 4);
    let colleges: Vec<(&str, usize, u32)> = r
        .by_college
        .iter()
        .map(|c| (c.college.as_str(), c.members, c.board_seats))
        .collect();
    assert_eq!(
        colleges,
        [("liberaux", 2, 8), ("structures", 1, 4), ("autres", 1, 2)]
    );
    let professions: Vec<(&str, usize)> = r
        .by_profession
        .iter()
        .map(|p| (p.label.as_str(), p.count))
        .collect();
    assert_eq!(professions, [("Médecin", 1), ("Infirmier", 1)]);
    let kinds: Vec<(&str, usize)> = r
        .by_kind
        .iter()
        .map(|k| (k.key.as_str(), k.count))
        .collect();
    assert_eq!(
        kinds,
        [
            ("professionnel_de_sante", 2),
            ("representant_usagers", 1),
            ("structure", 1)
        ]
    );
    // Free in 2024; in 2025: 3 × 30 € + 100 € for the EHPAD = 190 €.
    assert_eq!(r.annual_dues_total, Some(Decimal::ZERO));
    assert_eq!(
        c.membership_report(d(2025, 3, 1)).annual_dues_total,
        Some(Decimal::new(190, 0))
    );
    let m = c.roster().get(MemberNumber(3)).unwrap();
    assert_eq!(m.college.as_ref().map(|c| c.as_str()), Some("structures"));
}

#[test]
fn statutes_are_checked() {
    let mut colleges = three_colleges();
    colleges[2]
        .categories
        .remove(&MemberCategory::AUTRE_PROFESSIONNEL);
    assert_eq!(
        Statutes::with_colleges(colleges),
        Err(StatutesError::CategoryWithoutCollege {
            category: MemberCategory::AUTRE_PROFESSIONNEL
        })
    );
    let mut colleges = three_colleges();
    colleges[0]
        .categories
        .insert(MemberCategory::AUTRE_PROFESSIONNEL);
    assert!(matches!(
        Statutes::with_colleges(colleges),
        Err(StatutesError::RepeatedCategory { .. })
    ));
    let overlapping = DuesPolicy {
        periods: vec![
            DuesPeriod {
                from: d(2020, 1, 1),
                until: Some(d(2025, 1, 1)),
                default_amount: Decimal::ZERO,
                amounts: vec![],
            },
            DuesPeriod {
                from: d(2024, 1, 1),
                until: None,
                default_amount: Decimal::ONE,
                amounts: vec![],
            },
        ],
    };
    assert_eq!(
        Statutes::default().with_dues(overlapping),
        Err(StatutesError::OverlappingDuesPeriods {
            from: d(2024, 1, 1)
        })
    );
    let negative = DuesPolicy {
        periods: vec![DuesPeriod {
            from: d(2020, 1, 1),
            until: None,
            default_amount: Decimal::NEGATIVE_ONE,
            amounts: vec![],
        }],
    };
    assert!(matches!(
        Statutes::default().with_dues(negative),
        Err(StatutesError::NegativeDues { .. })
    ));
    // JSON statuts are checked too.
    let json = r#"{"colleges":[{"id":"a","name":"A","categories":["esms"],"board_seats":1}]}"#;
    assert!(serde_json::from_str::<Statutes>(json).is_err());
}

#[test]
fn a_dissolved_association_takes_no_member() {
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    c.record(LifecycleEvent::Dissolved {
        date: d(2024, 1, 1),
    })
    .unwrap();
    assert_eq!(
        c.apply_for_membership(health_pro("Dr A", "10", rpps("10000927870")), d(2024, 2, 1)),
        Err(MembershipError::CptsDissolved {
            dissolved_on: d(2024, 1, 1)
        })
    );
}

#[test]
fn registry_answers_across_cpts() {
    let mut r = Registry::default();
    for (id, communes) in [
        ("cpts-boucle", [PECQ]),
        ("cpts-marly", ["78372"]),
        ("cpts-aval", ["78551"]),
    ] {
        r.insert(cpts(id, &communes, Statutes::default())).unwrap();
    }
    let boucle = CptsId::new("cpts-boucle").unwrap();
    let marly = CptsId::new("cpts-marly").unwrap();
    let doctor = rpps("10000927870");
    // Member of two CPTS; no need to practise in the territory (seed 004).
    r.apply(&marly, health_pro("Dr A", "10", doctor), d(2023, 1, 1))
        .unwrap();
    let n = r
        .apply(&boucle, health_pro("Dr A", "10", doctor), d(2024, 1, 1))
        .unwrap();
    r.resign(&boucle, n, d(2025, 1, 1)).unwrap();
    let ids = |date| {
        r.cpts_of(&doctor, date)
            .into_iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(d(2022, 12, 31)), Vec::<String>::new());
    assert_eq!(ids(d(2023, 6, 1)), ["cpts-marly"]);
    assert_eq!(ids(d(2024, 6, 1)), ["cpts-boucle", "cpts-marly"]);
    assert_eq!(ids(d(2025, 1, 1)), ["cpts-marly"]);

    // A structure that joined by SIRET is found by its SIREN.
    let siret = id(IdentifierKind::Siret, "77220148900022");
    r.apply(
        &boucle,
        structure(
            "Clinique Convert",
            StructureKind::EtablissementDeSante,
            Some("365"),
            siret,
        ),
        d(2024, 2, 1),
    )
    .unwrap();
    let siren = id(IdentifierKind::Siren, "772201489");
    assert_eq!(r.cpts_of(&siren, d(2024, 3, 1)), [&boucle]);
    assert_eq!(r.cpts_of(&siret, d(2024, 3, 1)), [&boucle]);

    // Members by profession.
    let nurses = MemberFilter {
        profession: Some(Code::new(CodeSystem::TreG15, "60")),
        ..Default::default()
    };
    assert!(
        r.members(&boucle, d(2024, 3, 1), &nurses)
            .unwrap()
            .is_empty()
    );
    let doctors = MemberFilter {
        profession: Some(Code::new(CodeSystem::TreG15, "10")),
        ..Default::default()
    };
    assert_eq!(
        r.members(&boucle, d(2024, 3, 1), &doctors).unwrap().len(),
        1
    );
    let structures = MemberFilter {
        category: Some(MemberCategory::Structure(
            StructureKind::EtablissementDeSante,
        )),
        ..Default::default()
    };
    assert_eq!(
        r.members(&boucle, d(2024, 3, 1), &structures).unwrap()[0].name,
        "Clinique Convert"
    );

    // Errors name the CPTS and change nothing.
    let dup = r
        .apply(&boucle, health_pro("Dr A", "10", doctor), d(2024, 6, 1))
        .unwrap_err();
    assert!(matches!(
        dup,
        RegistryError::Membership {
            cause: MembershipError::AlreadyMember { .. },
            ..
        }
    ));
    let unknown = CptsId::new("nope").unwrap();
    assert_eq!(
        r.members(&unknown, d(2024, 1, 1), &MemberFilter::default()),
        Err(RegistryError::UnknownCpts {
            id: unknown.clone()
        })
    );
    assert!(matches!(
        r.insert(cpts("cpts-marly", &["78372"], Statutes::default())),
        Err(RegistryError::DuplicateCpts { .. })
    ));

    // JSON round trip keeps the answers.
    let json = serde_json::to_string(&r).unwrap();
    let back: Registry = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.cpts_of(&siren, d(2024, 3, 1)), [&boucle]);
}

/// L1434-12: « en associant le cas échéant des professionnels exerçant dans les territoires
/// étrangers frontaliers, sous réserve qu'ils remplissent les conditions prévues au présent
/// code pour exercer en France ». Such a professional may have no RPPS or ADELI: admitted with
/// their foreign registration, by a decision under the statuts.
#[test]
fn a_professional_of_a_bordering_foreign_territory_joins_without_rpps() {
    use cpts_core::membership::{BorderCountry, ForeignPractice};
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let mut belgian = health_pro("Dr Janssens", "10", rpps("10000927870"));
    belgian.identifiers.clear();
    // Without the foreign practice, a médecin needs an RPPS or ADELI.
    assert!(matches!(
        c.apply_for_membership(belgian.clone(), d(2025, 3, 3)),
        Err(MembershipError::MissingIdentifier { .. })
    ));
    belgian.foreign_practice = Some(ForeignPractice {
        country: BorderCountry::Be,
        registration: "INAMI 1-23456-78-901".into(),
    });
    let n = c
        .apply_for_membership(belgian.clone(), d(2025, 3, 3))
        .unwrap();
    // Never automatic: the board records that the conditions to practise in France are met.
    let m = c.roster().get(n).unwrap();
    assert_eq!(m.admission, Admission::Pending);
    assert!(!m.is_member_on(d(2025, 3, 10)));
    c.decide_admission(n, true, d(2025, 4, 1)).unwrap();
    assert!(c.roster().get(n).unwrap().is_member_on(d(2025, 4, 1)));
    // The CPTS reads back with it (a saved state round-trips).
    let json = serde_json::to_string(&c).unwrap();
    assert!(
        json.contains(
            r#""foreign_practice":{"country":"be","registration":"INAMI 1-23456-78-901"}"#
        )
    );
    let back: cpts_core::entity::Cpts = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    // Only the countries bordering France; never for a structure.
    assert!(
        serde_json::from_str::<ForeignPractice>(r#"{"country": "pt", "registration": "x"}"#)
            .is_err()
    );
    let mut msp = structure(
        "MSP",
        StructureKind::MaisonDeSante,
        None,
        finess("789900016"),
    );
    msp.foreign_practice = belgian.foreign_practice.clone();
    let e = c.apply_for_membership(msp, d(2025, 4, 2)).unwrap_err();
    assert_eq!(e, MembershipError::ForeignPracticeOfAStructure);
    assert!(cpts_core::messages::Message::message_fr(&e).contains("L1434-12"));
    // A blank registration is refused, naming the field.
    belgian.foreign_practice = Some(ForeignPractice {
        country: BorderCountry::Lu,
        registration: " ".into(),
    });
    assert!(matches!(
        c.apply_for_membership(belgian, d(2025, 4, 2)),
        Err(MembershipError::InvalidText {
            field: "foreign_practice.registration",
            ..
        })
    ));
}

/// L1434-12: « sous réserve pour les professionnels du service de santé des armées de
/// l'autorisation du ministre de la défense ». A member only from the authorisation.
#[test]
fn a_professional_of_the_armed_forces_is_a_member_from_the_ministers_authorisation() {
    use cpts_core::membership::DefenceAuthorisation;
    let mut c = cpts("c1", &[PECQ], Statutes::default());
    let mut doctor = health_pro("Médecin principal B", "10", rpps("10000927870"));
    doctor.defence = Some(DefenceAuthorisation {
        authorised_on: None,
    });
    let n = c.apply_for_membership(doctor, d(2025, 1, 6)).unwrap();
    // Admitted automatically by the statuts, but not a member without the authorisation.
    assert_eq!(c.roster().get(n).unwrap().admission, Admission::Automatic);
    assert!(!c.roster().get(n).unwrap().is_member_on(d(2025, 2, 1)));
    assert_eq!(c.members_on(d(2025, 2, 1)).count(), 0);
    c.record_defence_authorisation(n, d(2025, 2, 17)).unwrap();
    let m = c.roster().get(n).unwrap();
    assert_eq!(m.member_since(), Some(d(2025, 2, 17)));
    assert!(!m.is_member_on(d(2025, 2, 16)));
    assert!(m.is_member_on(d(2025, 2, 17)));
    // Recorded once; not for a member who is not of the service de santé des armées.
    assert!(matches!(
        c.record_defence_authorisation(n, d(2025, 3, 1)),
        Err(MembershipError::NoDefenceAuthorisationExpected {
            authorised_on: Some(_),
            ..
        })
    ));
    let other = c
        .apply_for_membership(health_pro("Dr C", "10", rpps_from(2)), d(2025, 3, 1))
        .unwrap();
    assert!(matches!(
        c.record_defence_authorisation(other, d(2025, 3, 2)),
        Err(MembershipError::NoDefenceAuthorisationExpected {
            authorised_on: None,
            ..
        })
    ));
    let back: cpts_core::entity::Cpts =
        serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back, c);
}
