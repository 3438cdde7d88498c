//! The sample CPTS of the quickstart, built from the seed documents: the nine communes of
//! the seeds' CPTS FAQ (Saint-Germain-en-Laye and Marly, Yvelines), realistic members, its
//! lifecycle, mission dates and ACI contract. Members, identifiers, dates, envelopes and
//! indicator results are fictitious (the identifiers have valid check keys and belong to no
//! real person or structure).

use std::collections::BTreeSet;
use std::error::Error;

use chrono::NaiveDate;
use cpts_core::aci::{
    Better, Contract, ContractMission, Indicator, IndicatorResult, Measure, PaymentRule, Taille,
    Tier, YearResults,
};
use cpts_core::entity::{Cpts, CptsId, Identity, LifecycleEvent, Territory};
use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::{
    Application, CategoryAmount, College, CollegeId, DuesPeriod, DuesPolicy, IndividualCategory,
    MemberCategory, MemberKind, OtherProfession, Statutes,
};
use cpts_core::missions::Mission;
use cpts_core::nomenclature::{Code, CodeSystem, StructureKind};
use cpts_core::territory::CommuneTable;
use rust_decimal::Decimal;

/// The nine communes of the seed CPTS, as its FAQ writes them (seed 004): « Aigremont,
/// Chambourcy, Le Pecq, Le Port-Marly, l'Etang-la-Ville, Louveciennes, Mareil-Marly,
/// Marly-le-Roi et Saint-Germain-en-Laye-Fourqueux ». The last one is the commune nouvelle
/// Saint-Germain-en-Laye (78551) with its commune déléguée Fourqueux (78251).
pub const SEED_COMMUNES: [&str; 9] = [
    "Aigremont",
    "Chambourcy",
    "Le Pecq",
    "Le Port-Marly",
    "l'Etang-la-Ville",
    "Louveciennes",
    "Mareil-Marly",
    "Marly-le-Roi",
    "Saint-Germain-en-Laye-Fourqueux",
];

/// The examples' result type.
pub type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// A date from `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(text, "%Y-%m-%d")?)
}

/// A date as `JJ/MM/AAAA`.
pub fn fr(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn statutes() -> Result<Statutes> {
    let individual = |c| MemberCategory::Individual(c);
    let college =
        |id: &str, name: &str, categories: BTreeSet<MemberCategory>, seats| -> Result<College> {
            Ok(College {
                id: CollegeId::new(id)?,
                name: name.into(),
                categories,
                board_seats: seats,
            })
        };
    let colleges = vec![
        college(
            "professionnels",
            "Collège des professionnels de santé",
            BTreeSet::from([individual(IndividualCategory::ProfessionnelDeSante)]),
            8,
        )?,
        college(
            "structures",
            "Collège des structures sanitaires, médico-sociales et sociales",
            StructureKind::ALL
                .into_iter()
                .map(MemberCategory::Structure)
                .collect(),
            4,
        )?,
        college(
            "partenaires",
            "Collège des autres professionnels et des usagers",
            BTreeSet::from([
                individual(IndividualCategory::AutreProfessionnel),
                individual(IndividualCategory::RepresentantUsagers),
            ]),
            2,
        )?,
    ];
    // « Nous avons fait le choix de ne pas faire payer de cotisation les premières années. »
    let dues = DuesPolicy {
        periods: vec![
            DuesPeriod {
                from: date("2021-01-01")?,
                until: Some(date("2025-01-01")?),
                default_amount: Decimal::ZERO,
                amounts: vec![],
            },
            DuesPeriod {
                from: date("2025-01-01")?,
                until: None,
                default_amount: Decimal::new(20, 0),
                amounts: StructureKind::ALL
                    .into_iter()
                    .map(|k| CategoryAmount {
                        category: MemberCategory::Structure(k),
                        amount: Decimal::new(50, 0),
                    })
                    .collect(),
            },
        ],
    };
    Ok(Statutes::with_colleges(colleges)?.with_dues(dues)?)
}

fn id(kind: IdentifierKind, value: &str) -> Result<Identifier> {
    Ok(Identifier::parse(kind, value)?)
}

fn professional(name: &str, g15: &str, rpps: &str) -> Result<Application> {
    Ok(Application {
        name: name.into(),
        kind: MemberKind::ProfessionnelDeSante {
            profession: Code::new(CodeSystem::TreG15, g15),
        },
        identifiers: vec![id(IdentifierKind::Rpps, rpps)?],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    })
}

fn structure(
    name: &str,
    kind: StructureKind,
    r66: Option<&str>,
    finess: &str,
) -> Result<Application> {
    Ok(Application {
        name: name.into(),
        kind: MemberKind::Structure {
            structure: kind,
            finess_category: r66.map(|c| Code::new(CodeSystem::TreR66, c)),
        },
        identifiers: vec![id(IdentifierKind::Finess, finess)?],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    })
}

/// The sample CPTS of the seeds, with its members, lifecycle and mission dates; its territory
/// is found by name in the commune table (département 78).
pub fn sample_cpts(table: &CommuneTable) -> Result<Cpts> {
    let siege = InseeCommuneCode::parse("78551")?;
    let communes = SEED_COMMUNES
        .iter()
        .map(|name| {
            table
                .find_by_name(name, Some("78"))
                .map(|found| found.commune.code())
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut cpts = Cpts::new(
        CptsId::new("cpts-exemple-saint-germain-marly")?,
        Identity {
            name: "CPTS exemple de Saint-Germain-en-Laye et Marly".into(),
            siege,
            siren: Some(NationalIdentifier::parse("900000019")?),
            siret: None,
            rna: Some(NationalIdentifier::parse("W781000123")?),
            finess: None,
        },
        Territory::new(communes)?,
        statutes()?,
    )?;

    for event in [
        LifecycleEvent::LettreIntentionSubmitted {
            date: date("2021-03-01")?,
        },
        LifecycleEvent::LettreIntentionValidated {
            date: date("2021-04-12")?,
        },
        // No answer from the DG ARS within two months: validated tacitly (L1434-12 CSP).
        LifecycleEvent::ProjetDeSanteSubmitted {
            date: date("2021-10-04")?,
        },
        LifecycleEvent::ContractSigned {
            date: date("2022-01-17")?,
        },
    ] {
        cpts.record(event)?;
    }

    let founding = date("2021-02-15")?;
    let msp = id(IdentifierKind::Finess, "789900016")?;
    let mut members = vec![
        (
            professional("Dr Claire Martin", "10", "19990000010")?,
            founding,
        ),
        (
            professional("Dr Paul Lefèvre", "10", "19990000028")?,
            founding,
        ),
        (
            professional("Dr Sophie Bernard", "10", "19990000036")?,
            founding,
        ),
        (
            professional("Dr Hugo Petit", "10", "19990000044")?,
            date("2022-03-01")?,
        ),
        (
            professional("Julie Robert, infirmière", "60", "19990000051")?,
            founding,
        ),
        (
            professional("Marc Richard, infirmier", "60", "19990000069")?,
            date("2021-09-01")?,
        ),
        (
            professional("Léa Durand, masseur-kinésithérapeute", "70", "19990000077")?,
            founding,
        ),
        (
            professional(
                "Thomas Dubois, masseur-kinésithérapeute",
                "70",
                "19990000085",
            )?,
            date("2022-06-01")?,
        ),
        (
            professional("Emma Moreau, pharmacienne", "21", "19990000093")?,
            founding,
        ),
        (
            professional("Nina Laurent, orthophoniste", "91", "19990000101")?,
            date("2021-05-10")?,
        ),
        (
            professional("Inès Simon, orthophoniste", "91", "19990000119")?,
            date("2021-05-10")?,
        ),
        (
            professional("Chloé Michel, sage-femme", "50", "19990000127")?,
            date("2022-09-15")?,
        ),
        (
            professional("Dr Louis Garcia, chirurgien-dentiste", "40", "19990000135")?,
            date("2023-01-09")?,
        ),
        (
            professional("Zoé David, diététicienne", "95", "19990000143")?,
            date("2023-04-03")?,
        ),
        (
            professional("Adam Bertrand, psychomotricien", "96", "19990000150")?,
            date("2024-02-12")?,
        ),
        (
            structure(
                "MSP du Pecq",
                StructureKind::MaisonDeSante,
                Some("603"),
                "789900016",
            )?,
            founding,
        ),
        (
            structure(
                "EHPAD Les Tilleuls",
                StructureKind::Esms,
                Some("500"),
                "789900024",
            )?,
            date("2021-06-01")?,
        ),
        (
            structure(
                "SSIAD de la Boucle",
                StructureKind::Esms,
                Some("354"),
                "789900032",
            )?,
            date("2022-02-01")?,
        ),
        (
            structure(
                "Centre hospitalier de la Boucle",
                StructureKind::EtablissementDeSante,
                Some("355"),
                "789900040",
            )?,
            date("2022-05-02")?,
        ),
        (
            Application {
                name: "Service social départemental".into(),
                kind: MemberKind::Structure {
                    structure: StructureKind::ServiceSocial,
                    finess_category: None,
                },
                identifiers: vec![id(IdentifierKind::Siret, "90000002700012")?],
                practises_in: None,
                foreign_practice: None,
                defence: None,
            },
            date("2023-03-01")?,
        ),
        (
            Application {
                name: "Association des usagers du territoire".into(),
                kind: MemberKind::RepresentantUsagers,
                identifiers: vec![],
                practises_in: None,
                foreign_practice: None,
                defence: None,
            },
            date("2021-06-01")?,
        ),
    ];
    // An individual who practises in the member MSP joins in her own name (seed 004).
    let mut nurse = professional("Anne Roux, infirmière (MSP du Pecq)", "60", "19990000168")?;
    nurse.practises_in = Some(msp);
    members.push((nurse, date("2022-01-10")?));
    for (application, on) in members {
        cpts.apply_for_membership(application, on)?;
    }

    // « Autres professionnels »: admission decided by the conseil d'administration (seed 000).
    let other = |name: &str, profession: OtherProfession| Application {
        name: name.into(),
        kind: MemberKind::AutreProfessionnel { profession },
        identifiers: vec![],
        practises_in: None,
        foreign_practice: None,
        defence: None,
    };
    let psy = cpts.apply_for_membership(
        other(
            "Camille Fournier, psychologue",
            OtherProfession::Coded(Code::new(CodeSystem::TreR95, "93")),
        ),
        date("2023-09-04")?,
    )?;
    cpts.decide_admission(psy, true, date("2023-10-02")?)?;
    let apa = cpts.apply_for_membership(
        other(
            "Yanis Girard, enseignant en activité physique adaptée",
            OtherProfession::Declared {
                label: "Enseignant en activité physique adaptée".into(),
            },
        ),
        date("2025-11-20")?,
    )?;
    let _ = apa; // pending: the board meets after the report date
    let coach = cpts.apply_for_membership(
        other(
            "Coach bien-être (hors professions de santé)",
            OtherProfession::Declared {
                label: "Coach bien-être".into(),
            },
        ),
        date("2024-05-06")?,
    )?;
    // The board refuses an application that would only borrow the CPTS's endorsement.
    cpts.decide_admission(coach, false, date("2024-06-03")?)?;

    // Departures.
    let moving = cpts.apply_for_membership(
        professional("Dr Jean Lambert", "10", "19990000176")?,
        founding,
    )?;
    cpts.resign(moving, date("2024-07-01")?)?;

    // Missions (deadlines counted from the signature on 17/01/2022).
    cpts.record_mission_start(Mission::ACCES_AUX_SOINS, date("2022-06-01")?)?;
    cpts.record_mission_deployment(Mission::ACCES_AUX_SOINS, date("2023-05-10")?)?;
    cpts.record_mission_start(Mission::PARCOURS_PLURIPROFESSIONNELS, date("2023-01-09")?)?;
    cpts.record_mission_deployment(Mission::PARCOURS_PLURIPROFESSIONNELS, date("2024-01-15")?)?;
    cpts.record_mission_start(Mission::PREVENTION, date("2023-01-09")?)?;
    cpts.record_mission_deployment(Mission::PREVENTION, date("2024-01-08")?)?;
    cpts.record_mission_start(Mission::CRISES_SANITAIRES_GRAVES, date("2023-02-15")?)?;
    cpts.plan_mission(
        Mission::QUALITE_PERTINENCE,
        Some(date("2024-09-01")?),
        Some(date("2025-09-01")?),
    )?;
    cpts.record_mission_start(Mission::QUALITE_PERTINENCE, date("2024-09-16")?)?;
    Ok(cpts)
}

fn eur(amount: i64) -> Decimal {
    Decimal::from(amount)
}

fn binary(id: &str, label: &str, max: i64) -> Indicator {
    Indicator {
        id: id.into(),
        label: label.into(),
        group: None,
        max_amount: eur(max),
        rule: PaymentRule::Binary,
    }
}

fn tiers(id: &str, label: &str, better: Better, tiers: &[(&str, i64, &str)]) -> Indicator {
    let tiers: Vec<Tier> = tiers
        .iter()
        .map(|(t, a, l)| Tier {
            threshold: t.parse().unwrap_or_default(),
            amount: eur(*a),
            label: Some((*l).into()),
        })
        .collect();
    let max = tiers.iter().map(|t| t.amount).max().unwrap_or_default();
    Indicator {
        id: id.into(),
        label: label.into(),
        group: None,
        max_amount: max,
        rule: PaymentRule::Tiers { better, tiers },
    }
}

/// The sample CPTS's ACI contract, signed on 17/01/2022 (under the 2019 ACI), with the
/// mission dates the CPTS recorded and the population and band of its territory. Envelopes
/// and indicators are fictitious: the official per-band table was not found, each contract
/// sets them.
pub fn sample_contract(cpts: &Cpts, population: u64, taille: Taille) -> Result<Contract> {
    let dates = |m: Mission| {
        cpts.missions()
            .get(m)
            .map_or((None, None), |p| (p.started_on, p.deployed_on))
    };
    let mission = |m: Mission,
                   fixed: i64,
                   variable: i64,
                   indicators: Vec<Indicator>,
                   activation: Option<i64>| {
        let (start, deployment) = dates(m);
        ContractMission {
            mission: m,
            start,
            deployment,
            fixed_envelope: eur(fixed),
            variable_envelope: eur(variable),
            indicators,
            crisis_activation_amount: activation.map(eur),
        }
    };
    let signed_on = cpts
        .lifecycle()
        .contract_signed_on(date("2022-06-01")?)
        .ok_or("no contract")?;
    Ok(Contract {
        name: cpts.identity().name.clone(),
        signed_on,
        population,
        taille,
        parameter_set: Some("aci_2019".into()),
        fonctionnement: None,
        missions: vec![
            mission(
                Mission::ACCES_AUX_SOINS,
                60_000,
                30_000,
                vec![
                    tiers(
                        "acces_ald",
                        "Patients en ALD sans médecin traitant",
                        Better::Lower,
                        &[
                            ("150", 4_000, "socle"),
                            ("100", 8_000, "intermédiaire"),
                            ("60", 12_000, "objectif"),
                        ],
                    ),
                    binary(
                        "acces_sas",
                        "Participation au service d'accès aux soins (SAS 78)",
                        8_000,
                    ),
                    binary(
                        "acces_annuaire",
                        "Annuaire partagé des professionnels",
                        5_000,
                    ),
                    binary(
                        "acces_orthophonie",
                        "Liste d'attente commune des orthophonistes",
                        5_000,
                    ),
                ],
                None,
            ),
            mission(
                Mission::PARCOURS_PLURIPROFESSIONNELS,
                40_000,
                30_000,
                vec![
                    binary(
                        "parcours_domicile",
                        "Parcours des pathologies complexes à domicile",
                        10_000,
                    ),
                    Indicator {
                        id: "parcours_ville_hopital".into(),
                        label: "Réunions ville-hôpital (cible 12 par an)".into(),
                        group: None,
                        max_amount: eur(10_000),
                        rule: PaymentRule::Proportional {
                            baseline: Decimal::ZERO,
                            target: eur(12),
                        },
                    },
                    binary(
                        "parcours_sortie",
                        "Protocole de sortie d'hospitalisation",
                        10_000,
                    ),
                ],
                None,
            ),
            mission(
                Mission::PREVENTION,
                20_000,
                15_000,
                vec![
                    tiers(
                        "prevention_sein",
                        "Dépistage du cancer du sein (%)",
                        Better::Higher,
                        &[
                            ("60", 2_000, "socle"),
                            ("63", 4_000, "intermédiaire"),
                            ("65", 6_000, "objectif"),
                        ],
                    ),
                    binary("prevention_sport", "Sport santé", 4_000),
                    binary(
                        "prevention_grippe",
                        "Campagne de vaccination antigrippale",
                        5_000,
                    ),
                ],
                None,
            ),
            mission(
                Mission::CRISES_SANITAIRES_GRAVES,
                20_000,
                0,
                vec![],
                Some(60_000),
            ),
            mission(
                Mission::QUALITE_PERTINENCE,
                12_000,
                8_000,
                vec![
                    binary("qualite_gap", "Groupe d'analyse de pratiques", 4_000),
                    binary(
                        "qualite_soirees",
                        "Soirées de formation pluriprofessionnelles",
                        4_000,
                    ),
                ],
                None,
            ),
        ],
        crisis_activations_per_year: None,
    })
}

/// Results measured for the first three contract years (fictitious).
pub fn sample_results() -> Vec<YearResults> {
    let met = |id: &str, ok: bool| IndicatorResult {
        indicator: id.into(),
        measure: Measure::Met(ok),
    };
    let value = |id: &str, v: &str| IndicatorResult {
        indicator: id.into(),
        measure: Measure::Value(v.parse().unwrap_or_default()),
    };
    vec![
        YearResults {
            year: 1,
            indicators: vec![
                value("acces_ald", "132"),
                met("acces_sas", true),
                met("acces_annuaire", false),
                met("acces_orthophonie", true),
                // Parcours and prévention started on 09/01/2023, a week before the end of
                // year 1.
                met("parcours_domicile", false),
                value("parcours_ville_hopital", "1"),
                met("parcours_sortie", false),
                value("prevention_sein", "58.9"),
                met("prevention_sport", false),
                met("prevention_grippe", true),
            ],
            crises: vec![],
        },
        YearResults {
            year: 2,
            indicators: vec![
                value("acces_ald", "97"),
                met("acces_sas", true),
                met("acces_annuaire", true),
                met("acces_orthophonie", true),
                met("parcours_domicile", true),
                value("parcours_ville_hopital", "7"),
                met("parcours_sortie", false),
                value("prevention_sein", "61.8"),
                met("prevention_sport", true),
                met("prevention_grippe", true),
            ],
            crises: vec![],
        },
        YearResults {
            year: 3,
            indicators: vec![
                value("acces_ald", "58"),
                met("acces_sas", true),
                met("acces_annuaire", true),
                met("acces_orthophonie", true),
                met("parcours_domicile", true),
                value("parcours_ville_hopital", "12"),
                met("parcours_sortie", true),
                value("prevention_sein", "63.4"),
                met("prevention_sport", true),
                met("prevention_grippe", false),
                // Qualité started on 16/09/2024, in year 3.
                met("qualite_gap", true),
                met("qualite_soirees", false),
            ],
            crises: vec![],
        },
    ]
}
