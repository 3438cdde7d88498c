//! A full five-year schedule, checked line by line against amounts computed by hand.
//!
//! Contract signed 15/11/2019 under the 2019 ACI, 55 000 inhabitants (taille 2, fonctionnement
//! 60 000 € from the parameter set). Contract years: Y1 15/11/2019–14/11/2020 (366 days, it
//! holds 29/02/2020), Y2–Y4 365 days, Y5 15/11/2023–14/11/2024 (366 days, 29/02/2024).
//! Missions starting mid-year: accès aux soins on 10/01/2020 (across 29/02/2020), parcours on
//! 01/09/2020, prévention on the first anniversary 15/11/2020, qualité (optional) on
//! 01/02/2024 (across 29/02/2024).

mod common;

use chrono::NaiveDate;
use common::d;
use cpts_core::aci::schedule::payment_schedule;
use cpts_core::aci::{
    Contract, FundingError, IndicatorResult, LettreIntention, Measure, ParameterCatalogue,
    PaymentKind, ScheduleOptions, YearResults,
};
use cpts_core::missions::Mission;
use rust_decimal::Decimal;

fn contract() -> Contract {
    serde_json::from_str(
        r#"{
        "name": "CPTS test bissextile",
        "signed_on": "2019-11-15",
        "population": 55000,
        "taille": 2,
        "missions": [
          {"mission": "acces_aux_soins", "start": "2020-01-10", "deployment": "2021-03-01",
           "fixed_envelope": "50000", "variable_envelope": "20000",
           "indicators": [
             {"id": "acces_mt", "label": "Patients sans médecin traitant orientés", "max_amount": "8000", "rule": {"kind": "binary"}},
             {"id": "acces_snp", "label": "Créneaux de soins non programmés", "max_amount": "12000",
              "rule": {"kind": "tiers", "better": "higher", "tiers": [
                {"threshold": "100", "amount": "6000", "label": "socle"},
                {"threshold": "200", "amount": "12000", "label": "objectif"}]}}]},
          {"mission": "parcours_pluriprofessionnels", "start": "2020-09-01",
           "fixed_envelope": "30000", "variable_envelope": "10000",
           "indicators": [
             {"id": "parcours_reunions", "label": "Réunions pluriprofessionnelles", "max_amount": "10000",
              "rule": {"kind": "proportional", "baseline": "0", "target": "12"}}]},
          {"mission": "prevention", "start": "2020-11-15",
           "fixed_envelope": "20000", "variable_envelope": "5000",
           "indicators": [
             {"id": "prevention_vaccination", "label": "Campagne de vaccination", "max_amount": "5000", "rule": {"kind": "binary"}}]},
          {"mission": "qualite_pertinence", "start": "2024-02-01",
           "fixed_envelope": "12000", "variable_envelope": "0"}
        ]}"#,
    )
    .unwrap()
}

fn results() -> Vec<YearResults> {
    let r = |id: &str, measure| IndicatorResult {
        indicator: id.into(),
        measure,
    };
    vec![
        // Y1: binary met 8 000; 150 créneaux ≥ socle 100 → 6 000; 3 réunions → 10 000 × 3/12 = 2 500.
        YearResults {
            year: 1,
            indicators: vec![
                r("acces_mt", Measure::Met(true)),
                r("acces_snp", Measure::Value(Decimal::from(150))),
                r("parcours_reunions", Measure::Value(Decimal::from(3))),
            ],
            crises: vec![],
        },
        // Y2: not met 0; 250 ≥ 200 → 12 000; 7 réunions → 10 000 × 7/12 = 5 833,333… → 5 833,33;
        // vaccination met 5 000.
        YearResults {
            year: 2,
            indicators: vec![
                r("prevention_vaccination", Measure::Met(true)),
                r("parcours_reunions", Measure::Value(Decimal::from(7))),
                r("acces_snp", Measure::Value(Decimal::from(250))),
                r("acces_mt", Measure::Met(false)),
            ],
            crises: vec![],
        },
    ]
}

fn eur(s: &str) -> Decimal {
    s.parse().unwrap()
}

const A: Mission = Mission::ACCES_AUX_SOINS;
const P: Mission = Mission::PARCOURS_PLURIPROFESSIONNELS;
const V: Mission = Mission::PREVENTION;
const Q: Mission = Mission::QUALITE_PERTINENCE;
use PaymentKind::*;

/// One payment line: date, kind, contract year, mission, amount.
type Row = (
    NaiveDate,
    PaymentKind,
    Option<u32>,
    Option<Mission>,
    Decimal,
);

#[test]
fn five_year_schedule_line_by_line() {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let s = payment_schedule(
        &contract(),
        &catalogue,
        &results(),
        &ScheduleOptions::default(),
    )
    .unwrap();
    assert_eq!(s.parameter_set, "aci_2019");
    let days: Vec<i64> = s.years.iter().map(|y| y.days).collect();
    assert_eq!(days, [366, 365, 365, 365, 366]);

    // Accès, Y1: 310 days from 10/01/2020 to 15/11/2020 (29/02 included) over 366:
    //   50 000 × 310 / 366 = 42 349,7267… → 42 349,73; advance 0,75 × 42 349,7267… =
    //   31 762,2950… → 31 762,30; balance 42 349,73 − 31 762,30 = 10 587,43.
    // Parcours, Y1: 75 days from 01/09/2020 to 15/11/2020 over 366:
    //   30 000 × 75 / 366 = 6 147,5409… → 6 147,54; advance 4 610,6557… → 4 610,66;
    //   balance 6 147,54 − 4 610,66 = 1 536,88.
    // Prévention starts on the anniversary 15/11/2020: a full Y2, no proration.
    // Qualité, Y5: 288 days from 01/02/2024 to 15/11/2024 (29/02/2024 included) over 366:
    //   12 000 × 288 / 366 = 9 442,6229… → 9 442,62; advance 7 081,9672… → 7 081,97;
    //   balance 9 442,62 − 7 081,97 = 2 360,65.
    // Full years: fonctionnement 60 000 → 45 000 + 15 000; accès 50 000 → 37 500 + 12 500;
    // parcours 30 000 → 22 500 + 7 500; prévention 20 000 → 15 000 + 5 000.
    type Line = (
        NaiveDate,
        PaymentKind,
        Option<u32>,
        Option<Mission>,
        &'static str,
    );
    let mut expected: Vec<Line> = vec![
        (
            d(2019, 11, 15),
            FonctionnementAtSignature,
            Some(1),
            None,
            "60000.00",
        ),
        (d(2020, 1, 10), FixedAdvance, Some(1), Some(A), "31762.30"),
        (d(2020, 9, 1), FixedAdvance, Some(1), Some(P), "4610.66"),
        (
            d(2020, 11, 15),
            FonctionnementAdvance,
            Some(2),
            None,
            "45000.00",
        ),
        (d(2020, 11, 15), FixedBalance, Some(1), Some(A), "10587.43"),
        (d(2020, 11, 15), FixedBalance, Some(1), Some(P), "1536.88"),
        (d(2020, 11, 15), FixedAdvance, Some(2), Some(A), "37500.00"),
        (d(2020, 11, 15), FixedAdvance, Some(2), Some(P), "22500.00"),
        (d(2020, 11, 15), FixedAdvance, Some(2), Some(V), "15000.00"),
        // Y1 variable: accès 8 000 + 6 000 = 14 000; parcours 2 500; prévention not started.
        (d(2020, 11, 15), VariablePart, Some(1), Some(A), "14000"),
        (d(2020, 11, 15), VariablePart, Some(1), Some(P), "2500.00"),
        (
            d(2021, 11, 15),
            FonctionnementBalance,
            Some(2),
            None,
            "15000.00",
        ),
        (
            d(2021, 11, 15),
            FonctionnementAdvance,
            Some(3),
            None,
            "45000.00",
        ),
        (d(2021, 11, 15), FixedBalance, Some(2), Some(A), "12500.00"),
        (d(2021, 11, 15), FixedBalance, Some(2), Some(P), "7500.00"),
        (d(2021, 11, 15), FixedBalance, Some(2), Some(V), "5000.00"),
        (d(2021, 11, 15), FixedAdvance, Some(3), Some(A), "37500.00"),
        (d(2021, 11, 15), FixedAdvance, Some(3), Some(P), "22500.00"),
        (d(2021, 11, 15), FixedAdvance, Some(3), Some(V), "15000.00"),
        // Y2 variable: accès 0 + 12 000; parcours 5 833,33; prévention 5 000.
        (d(2021, 11, 15), VariablePart, Some(2), Some(A), "12000"),
        (d(2021, 11, 15), VariablePart, Some(2), Some(P), "5833.33"),
        (d(2021, 11, 15), VariablePart, Some(2), Some(V), "5000"),
    ];
    for (anniversary, closing) in [(d(2022, 11, 15), 3), (d(2023, 11, 15), 4)] {
        expected.extend([
            (
                anniversary,
                FonctionnementBalance,
                Some(closing),
                None,
                "15000.00",
            ),
            (
                anniversary,
                FonctionnementAdvance,
                Some(closing + 1),
                None,
                "45000.00",
            ),
            (
                anniversary,
                FixedBalance,
                Some(closing),
                Some(A),
                "12500.00",
            ),
            (anniversary, FixedBalance, Some(closing), Some(P), "7500.00"),
            (anniversary, FixedBalance, Some(closing), Some(V), "5000.00"),
            (
                anniversary,
                FixedAdvance,
                Some(closing + 1),
                Some(A),
                "37500.00",
            ),
            (
                anniversary,
                FixedAdvance,
                Some(closing + 1),
                Some(P),
                "22500.00",
            ),
            (
                anniversary,
                FixedAdvance,
                Some(closing + 1),
                Some(V),
                "15000.00",
            ),
        ]);
    }
    expected.extend([
        (d(2024, 2, 1), FixedAdvance, Some(5), Some(Q), "7081.97"),
        (
            d(2024, 11, 15),
            FonctionnementBalance,
            Some(5),
            None,
            "15000.00",
        ),
        (d(2024, 11, 15), FixedBalance, Some(5), Some(A), "12500.00"),
        (d(2024, 11, 15), FixedBalance, Some(5), Some(P), "7500.00"),
        (d(2024, 11, 15), FixedBalance, Some(5), Some(V), "5000.00"),
        (d(2024, 11, 15), FixedBalance, Some(5), Some(Q), "2360.65"),
    ]);
    let got: Vec<Row> = s
        .payments
        .iter()
        .map(|p| (p.date, p.kind, p.contract_year, p.mission, p.amount))
        .collect();
    let want: Vec<Row> = expected
        .iter()
        .map(|(a, b, c, m, x)| (*a, *b, *c, *m, eur(x)))
        .collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    // Total: fonctionnement 5 × 60 000 = 300 000; accès 42 349,73 + 4 × 50 000 = 242 349,73;
    // parcours 6 147,54 + 4 × 30 000 = 126 147,54; prévention 4 × 20 000 = 80 000; qualité
    // 9 442,62; variable 14 000 + 2 500 + 12 000 + 5 833,33 + 5 000 = 39 333,33.
    // 300 000 + 242 349,73 + 126 147,54 + 80 000 + 9 442,62 + 39 333,33 = 797 273,22.
    assert_eq!(s.total, eur("797273.22"));
    assert_eq!(s.explanation().leaves_total(), s.total);
    // Y3 to Y5 are not measured: pending, up to 20 000 + 10 000 + 5 000 a year.
    let pending: Vec<(u32, Mission, Decimal)> = s
        .pending
        .iter()
        .map(|p| (p.contract_year, p.mission, p.maximum))
        .collect();
    assert_eq!(pending.len(), 9);
    assert!(pending.contains(&(5, A, eur("20000"))) && pending.contains(&(3, V, eur("5000"))));
}

#[test]
fn advance_and_balance_of_a_prorated_year_add_up_to_the_rounded_prorated_envelope() {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let s = payment_schedule(&contract(), &catalogue, &[], &ScheduleOptions::default()).unwrap();
    let line = |kind, year, mission| {
        s.payments
            .iter()
            .find(|p| p.kind == kind && p.contract_year == Some(year) && p.mission == Some(mission))
            .unwrap()
    };
    let advance = line(FixedAdvance, 1, A);
    let balance = line(FixedBalance, 1, A);
    assert_eq!(advance.amount + balance.amount, eur("42349.73"));
    // The French explanation names the mission, the year, the days, the rate and its source.
    let text = advance.explanation.render_fr();
    assert!(
        text.contains("• Mission : accès aux soins (médecin traitant, soins non programmés)\n"),
        "{text}"
    );
    assert!(text.contains("• Année du contrat : 1\n"), "{text}");
    assert!(
        text.starts_with("Avance de la part fixe : 31\u{202f}762,30\u{a0}€\n"),
        "{text}"
    );
    assert!(
        text.contains("310 jours du 10/01/2020 au 15/11/2020 sur 366 jours de l'année 1"),
        "{text}"
    );
    assert!(
        text.contains("Taux d'avance : 75\u{a0}% — source : ACI CPTS du 20 juin 2019"),
        "{text}"
    );
    assert!(
        text.contains("art. 9.1 (texte officiel, copie non officielle)"),
        "{text}"
    );
    assert!(text.contains("jeu de paramètres aci_2019"), "{text}");
}

#[test]
fn lettre_intention_aid() {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    // A contract signed 01/06/2022 under avenant 2, before the crisis mission applies; it
    // states its fonctionnement (a test value), which avenant 2 does not establish.
    let mut c = contract();
    c.signed_on = d(2022, 6, 1);
    c.fonctionnement = Some(eur("105000"));
    c.missions.retain(|m| m.mission != Q);
    for m in &mut c.missions {
        m.start = None;
        m.deployment = None;
    }
    let li = |validated_on, amount| ScheduleOptions {
        lettre_intention: Some(LettreIntention {
            validated_on,
            amount,
        }),
        ..Default::default()
    };
    // Validated on 12/04/2021: the 2019 ACI has no such aid.
    assert!(matches!(
        payment_schedule(&c, &catalogue, &[], &li(d(2021, 4, 12), None)),
        Err(FundingError::MissingParameter { parameter, parameter_set, .. })
            if parameter == "lettre_intention_aid" && parameter_set == "aci_2019"
    ));
    // Validated on 01/04/2022, under avenant 2: taille 2 is not established (17 500 € in
    // every source, but only in the Nov-Dec 2020 drafts); the error gives the readings, and
    // the caller may supply the amount.
    assert!(matches!(
        payment_schedule(&c, &catalogue, &[], &li(d(2022, 4, 1), None)),
        Err(FundingError::MissingParameter { parameter, taille: Some(t), parameter_set, note: Some(_) })
            if parameter == "lettre_intention_aid" && t.number() == 2 && parameter_set == "aci_2019_avenant_2"
    ));
    let s = payment_schedule(&c, &catalogue, &[], &li(d(2022, 4, 1), Some(eur("17500")))).unwrap();
    let first = &s.payments[0];
    assert_eq!(
        (first.date, first.kind, first.amount),
        (d(2022, 4, 1), LettreIntentionAid, eur("17500"))
    );
    assert!(first.explanation.render_fr().contains("Montant fourni"));
    // Taille 3: not established (sources conflict); the caller may supply the amount.
    c.population = 100_000;
    c.taille = cpts_core::aci::Taille::new(3).unwrap();
    assert!(payment_schedule(&c, &catalogue, &[], &li(d(2022, 4, 1), None)).is_err());
    let s = payment_schedule(&c, &catalogue, &[], &li(d(2022, 4, 1), Some(eur("25000")))).unwrap();
    assert_eq!(s.payments[0].amount, eur("25000"));
}

/// A started mission with an envelope of 0 gave ten lines of `"0"` (an advance and a
/// balance in each of the five years): they are left out unless asked for, and every amount
/// is written to the cent.
#[test]
fn zero_payments_are_left_out_unless_asked_for_and_amounts_have_two_decimals() {
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let contract: Contract = serde_json::from_str(
        r#"{"name": "CPTS", "signed_on": "2021-03-01", "population": 45000, "taille": 2,
        "missions": [
          {"mission": "acces_aux_soins", "start": "2021-03-01", "fixed_envelope": "0", "variable_envelope": "0"},
          {"mission": "parcours_pluriprofessionnels", "fixed_envelope": "10000", "variable_envelope": "0"},
          {"mission": "prevention", "fixed_envelope": "0", "variable_envelope": "0"}]}"#,
    )
    .unwrap();
    let default =
        payment_schedule(&contract, &catalogue, &[], &ScheduleOptions::default()).unwrap();
    assert!(default.payments.iter().all(|p| !p.amount.is_zero()));
    let kept = payment_schedule(
        &contract,
        &catalogue,
        &[],
        &ScheduleOptions {
            keep_zero_payments: true,
            ..Default::default()
        },
    )
    .unwrap();
    let zeros: Vec<_> = kept
        .payments
        .iter()
        .filter(|p| p.amount.is_zero())
        .collect();
    assert_eq!(zeros.len(), 10);
    assert!(
        zeros
            .iter()
            .all(|p| p.mission == Some(Mission::ACCES_AUX_SOINS))
    );
    assert_eq!(kept.payments.len(), default.payments.len() + 10);
    // Fonctionnement taille 2 under the 2019 ACI: 60 000 € a year for five years; the total
    // is the same either way.
    assert_eq!(default.total, Decimal::from(300_000));
    assert_eq!(kept.total, default.total);
    // Written to the cent: "60000.00", never "60000" or "0".
    let json = serde_json::to_value(&default).unwrap();
    assert_eq!(json["total"], "300000.00");
    assert_eq!(json["payments"][0]["amount"], "60000.00");
    for p in json["payments"].as_array().unwrap() {
        let amount = p["amount"].as_str().unwrap();
        assert_eq!(
            amount.split_once('.').map(|(_, c)| c.len()),
            Some(2),
            "{amount}"
        );
    }
}
