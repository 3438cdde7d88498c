//! Quickstart: a sample CPTS built from the seed documents, and its report on a date:
//! lifecycle status, members by kind and college, late missions, the five-year ACI payment
//! schedule and the French explanation of one payment.
//!
//! Run: `cargo run --release --example quickstart [-- YYYY-MM-DD]` (default date 2026-01-01).

#[path = "sample_cpts.rs"]
mod sample_cpts;

use cpts_core::aci::money::{euros, group_thousands};
use cpts_core::aci::schedule::payment_schedule;
use cpts_core::aci::{LettreIntention, ParameterCatalogue, PaymentKind, ScheduleOptions};
use cpts_core::entity::LifecycleStatus;
use cpts_core::identifiers::InseeCommuneCode;
use cpts_core::messages::Message;
use cpts_core::territory::{CommuneTable, analyse_territory};
use sample_cpts::{Result, date, fr, sample_contract, sample_cpts, sample_results};

fn main() {
    if let Err(e) = run() {
        eprintln!("erreur : {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let on = match std::env::args().nth(1) {
        Some(text) => date(&text)?,
        None => date("2026-01-01")?,
    };
    let table = CommuneTable::embedded()?;
    let cpts = sample_cpts(&table)?;
    let identity = cpts.identity();
    println!("{} ({})", identity.name, cpts.legal_form().label_fr());
    println!("Rapport au {}", fr(on));
    println!();
    // Population and band from the INSEE commune table (embedded).
    let parameters = ParameterCatalogue::embedded()?;
    let signed_on = cpts.lifecycle().contract_signed_on(on).unwrap_or(on);
    let codes: Vec<InseeCommuneCode> = cpts.territory().communes().copied().collect();
    let territory = analyse_territory(&codes, &table, Some(parameters.in_force_on(signed_on)?))?;
    let taille = territory.taille.ok_or("no band")?;
    println!(
        "Territoire : {} communes, {} habitants ({}), {} ({})",
        territory.communes.len(),
        group_thousands(territory.population),
        territory.population_series,
        taille,
        territory
            .band
            .as_ref()
            .map(|b| b.label_fr())
            .unwrap_or_default()
    );
    for c in &territory.communes {
        println!(
            "  {} {:<24} {:>7}",
            c.code,
            c.name,
            c.population
                .map(|p| group_thousands(u64::from(p)))
                .unwrap_or_default()
        );
    }
    for e in &territory.epcis {
        println!(
            "  EPCI {} ({}) : {} communes sur {}",
            e.name, e.siren, e.communes_covered, e.communes_total
        );
    }
    println!(
        "  Source : {} ; {}",
        table.provenance().source,
        table.provenance().licence
    );
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

    let late = cpts.late_missions(on, &parameters)?;
    println!(
        "Missions en retard ({} échéance(s) dépassée(s)) :",
        late.late.len()
    );
    for l in &late.late {
        let step = l.step.label_fr();
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
    println!();

    // The ACI contract and its five-year payment schedule.
    let contract = sample_contract(&cpts, territory.population, taille)?;
    let schedule = payment_schedule(
        &contract,
        &parameters,
        &sample_results(),
        &ScheduleOptions::default(),
    )?;
    let band = parameters
        .in_force_on(contract.signed_on)?
        .band(contract.population)?;
    println!(
        "Contrat ACI signé le {} (jeu de paramètres {}), {} : {}",
        fr(contract.signed_on),
        schedule.parameter_set,
        band.taille,
        band.label_fr()
    );
    println!("Échéancier des versements :");
    for p in &schedule.payments {
        let mission = p
            .mission
            .map(|m| format!(", {}", m.label_fr()))
            .unwrap_or_default();
        let year = p
            .contract_year
            .map(|y| format!("année {y}"))
            .unwrap_or_default();
        println!(
            "  {}  {:>16}  {year} : {}{mission}",
            fr(p.date),
            euros(p.amount),
            p.kind.label_fr()
        );
    }
    println!("  Total versé ou dû : {}", euros(schedule.total));
    let pending: rust_decimal::Decimal = schedule.pending.iter().map(|p| p.maximum).sum();
    println!(
        "  Parts variables non encore mesurées ({} lignes) : jusqu'à {}",
        schedule.pending.len(),
        euros(pending)
    );
    // The lettre d'intention aid did not exist before avenant 2: the library says why.
    let with_li = ScheduleOptions {
        lettre_intention: cpts
            .lifecycle()
            .lettre_intention_validated_on()
            .map(|validated_on| LettreIntention {
                validated_on,
                amount: None,
            }),
        ..Default::default()
    };
    if let Err(e) = payment_schedule(&contract, &parameters, &sample_results(), &with_li) {
        println!(
            "  Aide à la lettre d'intention : non versée ({})",
            e.message_fr()
        );
    }
    println!();
    if let Some(first) = schedule
        .payments
        .iter()
        .find(|p| p.kind == PaymentKind::FixedAdvance)
    {
        println!("Explication d'un versement (pour le trésorier) :");
        print!("{}", first.explanation.render_fr());
    }
    Ok(())
}
