//! Quickstart: a sample CPTS built from the seed documents, and its report on a date.
//!
//! The territory is the nine communes named in the seeds' CPTS FAQ (Saint-Germain-en-Laye
//! and Marly, Yvelines). The members, identifiers and dates are fictitious but realistic:
//! the identifiers have valid check keys and are not those of real people or structures.
//!
//! Run: `cargo run --release --example quickstart [-- YYYY-MM-DD]` (default date 2026-01-01).

use std::collections::BTreeSet;
use std::error::Error;

use chrono::NaiveDate;
use cpts_core::aci::ParameterCatalogue;
use cpts_core::entity::{Cpts, CptsId, Identity, LifecycleEvent, LifecycleStatus, Territory};
use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::{
    Application, CategoryAmount, College, CollegeId, DuesPeriod, DuesPolicy, IndividualCategory,
    MemberCategory, MemberKind, OtherProfession, Statutes,
};
use cpts_core::missions::{LateStep, Mission};
use cpts_core::nomenclature::{Code, CodeSystem, StructureKind};
use rust_decimal::Decimal;

/// The nine communes of the seed CPTS (INSEE COG 2026). « Saint-Germain-en-Laye-Fourqueux »
/// is the commune nouvelle Saint-Germain-en-Laye (78551), which absorbed Fourqueux (78251).
const COMMUNES: [(&str, &str); 9] = [
    ("78007", "Aigremont"),
    ("78133", "Chambourcy"),
    ("78224", "L'Étang-la-Ville"),
    ("78350", "Louveciennes"),
    ("78367", "Mareil-Marly"),
    ("78372", "Marly-le-Roi"),
    ("78481", "Le Pecq"),
    ("78502", "Le Port-Marly"),
    ("78551", "Saint-Germain-en-Laye"),
];

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn date(text: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(text, "%Y-%m-%d")?)
}

fn fr(d: NaiveDate) -> String {
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
    })
}

fn sample_cpts() -> Result<Cpts> {
    let siege = InseeCommuneCode::parse("78551")?;
    let communes = COMMUNES
        .iter()
        .map(|(code, _)| InseeCommuneCode::parse(code))
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
            },
            date("2023-03-01")?,
        ),
        (
            Application {
                name: "Association des usagers du territoire".into(),
                kind: MemberKind::RepresentantUsagers,
                identifiers: vec![],
                practises_in: None,
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
    cpts.record_mission_start(Mission::AccesAuxSoins, date("2022-06-01")?)?;
    cpts.record_mission_deployment(Mission::AccesAuxSoins, date("2023-05-10")?)?;
    cpts.record_mission_start(Mission::ParcoursPluriprofessionnels, date("2023-01-09")?)?;
    cpts.record_mission_deployment(Mission::ParcoursPluriprofessionnels, date("2024-01-15")?)?;
    cpts.record_mission_start(Mission::Prevention, date("2023-02-20")?)?;
    cpts.record_mission_deployment(Mission::Prevention, date("2024-01-08")?)?;
    cpts.record_mission_start(Mission::CrisesSanitairesGraves, date("2023-06-01")?)?;
    cpts.plan_mission(
        Mission::QualitePertinence,
        Some(date("2024-09-01")?),
        Some(date("2025-09-01")?),
    )?;
    cpts.record_mission_start(Mission::QualitePertinence, date("2024-09-16")?)?;
    Ok(cpts)
}

fn main() -> Result<()> {
    let on = match std::env::args().nth(1) {
        Some(text) => date(&text)?,
        None => date("2026-01-01")?,
    };
    let cpts = sample_cpts()?;
    let identity = cpts.identity();
    println!("{} ({})", identity.name, cpts.legal_form().label_fr());
    println!("Rapport au {}", fr(on));
    println!();
    println!("Territoire : {} communes", cpts.territory().len());
    for (code, name) in COMMUNES {
        println!("  {code} {name}");
    }
    println!();

    let status = cpts.status_on(on);
    print!("Statut : {}", status.label_fr());
    match status {
        LifecycleStatus::ContractInForce {
            signed_on,
            term_last_day,
            renewals,
            ..
        } => {
            println!(
                " (signé le {}, terme le {}, {renewals} renouvellement(s))",
                fr(signed_on),
                fr(term_last_day)
            );
        }
        _ => println!(),
    }
    println!("Historique :");
    for entry in cpts.lifecycle().timeline(on) {
        println!("  {} {}", fr(entry.date), entry.step.label_fr());
    }
    println!();

    let report = cpts.membership_report(on);
    println!(
        "Membres : {} ({} demande(s) d'adhésion en attente)",
        report.members, report.pending
    );
    println!("  Par type :");
    for k in &report.by_kind {
        println!("    {:>3}  {}", k.count, k.label);
    }
    println!("  Par collège :");
    for c in &report.by_college {
        println!(
            "    {:>3}  {} ({} sièges au CA)",
            c.members, c.name, c.board_seats
        );
    }
    println!("  Par profession :");
    for p in &report.by_profession {
        println!("    {:>3}  {}", p.count, p.label);
    }
    match report.annual_dues_total {
        Some(total) => println!("  Cotisations annuelles dues à cette date : {total} €"),
        None => println!("  Cotisations : non fixées par les statuts à cette date"),
    }
    println!();

    let parameters = ParameterCatalogue::embedded()?;
    let late = cpts.late_missions(on, &parameters)?;
    println!(
        "Missions en retard ({} échéance(s) dépassée(s)) :",
        late.late.len()
    );
    for l in &late.late {
        let step = match l.step {
            LateStep::Start => "démarrage",
            LateStep::Deployment => "déploiement",
        };
        let done = match l.done_on {
            Some(d) => format!("fait le {}", fr(d)),
            None => "non fait".to_owned(),
        };
        println!(
            "  - {} : {step} attendu au plus tard le {}, {done}, {} jour(s) de retard",
            l.mission.label_fr(),
            fr(l.deadline),
            l.days_late
        );
    }
    Ok(())
}
