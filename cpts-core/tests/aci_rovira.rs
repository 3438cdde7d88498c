//! The published contract annex of CPTS RoViRa (year 5, 15/04/2026–14/04/2027), encoded in
//! `fixtures/rovira_contract.json` (see `fixtures/README.md` for what the annex does not
//! give). Amounts are the annex's, verbatim.

mod common;

use common::d;
use cpts_core::aci::year::evaluate_year;
use cpts_core::aci::{
    Contract, CrisisRecognition, FundingError, IndicatorResult, Measure, ParameterCatalogue,
    PaymentConventions, PaymentKind, ScheduleOptions, TierComparison, YearResults,
    schedule::payment_schedule,
};
use cpts_core::missions::Mission;
use rust_decimal::Decimal;

fn rovira() -> Contract {
    serde_json::from_str(include_str!("fixtures/rovira_contract.json")).unwrap()
}

fn catalogue() -> ParameterCatalogue {
    ParameterCatalogue::embedded().unwrap()
}

fn eur(n: i64) -> Decimal {
    Decimal::from(n)
}

/// Year 5 results: every binary indicator met, every rate at its objectif, 50 ALD patients
/// without médecin traitant; then `changes` applied.
fn results(changes: &[(&str, Measure)]) -> YearResults {
    let contract = rovira();
    let mut indicators = Vec::new();
    for m in &contract.missions {
        for i in &m.indicators {
            let measure = match &*i.id {
                "acces_ald_sans_mt" => Measure::Value(eur(50)),
                "prevention_sein" => Measure::Value(Decimal::new(75, 0)),
                "prevention_col" => Measure::Value(Decimal::new(6820, 2)),
                "prevention_colorectal" => Measure::Value(Decimal::new(27, 0)),
                _ => Measure::Met(true),
            };
            let measure = changes
                .iter()
                .find(|(id, _)| *id == &*i.id)
                .map_or(measure, |(_, m)| m.clone());
            indicators.push(IndicatorResult {
                indicator: i.id.to_string(),
                measure,
            });
        }
    }
    YearResults {
        year: 5,
        indicators,
        crises: vec![],
    }
}

fn earned(contract: &Contract, results: &YearResults, id: &str) -> Decimal {
    let eval = evaluate_year(
        contract,
        &catalogue(),
        results,
        &PaymentConventions::default(),
    )
    .unwrap();
    eval.missions
        .iter()
        .flat_map(|m| &m.indicators)
        .find(|i| &*i.indicator == id)
        .unwrap()
        .earned
}

#[test]
fn the_annex_validates_and_its_envelopes_add_up() {
    let c = rovira();
    c.validate(&catalogue()).unwrap();
    let fixed: Decimal = c.missions.iter().map(|m| m.fixed_envelope).sum();
    let variable: Decimal = c.missions.iter().map(|m| m.variable_envelope).sum();
    assert_eq!((fixed, variable), (eur(200_000), eur(122_500)));
    for m in &c.missions {
        let indicators: Decimal = m.indicators.iter().map(|i| i.max_amount).sum();
        assert_eq!(indicators, m.variable_envelope, "{:?}", m.mission);
    }
}

#[test]
fn every_indicator_amount_of_the_annex() {
    let c = rovira();
    let max = |id: &str| {
        c.missions
            .iter()
            .flat_map(|m| &m.indicators)
            .find(|i| &*i.id == id)
            .unwrap()
            .max_amount
    };
    let expected: [(&str, i64); 41] = [
        ("acces_ald_sans_mt", 9000),
        ("acces_16_ans_mt", 5000),
        ("acces_c2s_ald", 3000),
        ("acces_70_ans", 5000),
        ("acces_partenariat_cpam", 2000),
        ("acces_medecins_volontaires", 3000),
        ("acces_annuaire", 5000),
        ("acces_sas", 3000),
        // Diabète: 2 000 + 3 000 + 2 000 + 2 000 + 5 000 + 3 000 + 3 000 = 20 000.
        ("parcours_diabete_1", 2000),
        ("parcours_diabete_2", 3000),
        ("parcours_diabete_3", 2000),
        ("parcours_diabete_4", 2000),
        ("parcours_diabete_5", 5000),
        ("parcours_diabete_6", 3000),
        ("parcours_diabete_7", 3000),
        // Obésité: 5 000 + 2 000 + 4 000 + 3 000 = 14 000.
        ("parcours_obesite_1", 5000),
        ("parcours_obesite_2", 2000),
        ("parcours_obesite_3", 4000),
        ("parcours_obesite_4", 3000),
        // Cancer du poumon: 5 000 + 2 000 + 2 000 + 2 000 = 11 000.
        ("parcours_poumon_1", 5000),
        ("parcours_poumon_2", 2000),
        ("parcours_poumon_3", 2000),
        ("parcours_poumon_4", 2000),
        ("prevention_sein", 3500),
        ("prevention_col", 3500),
        ("prevention_colorectal", 3500),
        ("prevention_partenariat_colorectal", 500),
        ("prevention_juin_vert", 1000),
        // Programme scolaire: 5 × 900 + 500 + 500 = 5 500.
        ("prevention_ecoles_1", 900),
        ("prevention_ecoles_2", 900),
        ("prevention_ecoles_3", 900),
        ("prevention_ecoles_4", 900),
        ("prevention_ecoles_5", 900),
        ("prevention_ecoles_6", 500),
        ("prevention_ecoles_7", 500),
        ("qualite_concertation", 5000),
        ("qualite_bien_etre", 5000),
        ("qualite_thematiques", 5000),
        ("accompagnement_stagiaires", 3500),
        ("accompagnement_internes", 3500),
        ("accompagnement_installation", 3000),
    ];
    for (id, amount) in expected {
        assert_eq!(max(id), eur(amount), "{id}");
        // Every indicator met earns exactly its annex amount.
        assert_eq!(earned(&c, &results(&[]), id), eur(amount), "{id}");
    }
    let count: usize = c.missions.iter().map(|m| m.indicators.len()).sum();
    assert_eq!(count, 41);
}

#[test]
fn year_5_with_every_indicator_met() {
    let eval = evaluate_year(
        &rovira(),
        &catalogue(),
        &results(&[]),
        &PaymentConventions::default(),
    )
    .unwrap();
    assert_eq!(
        (eval.year.first_day, eval.year.last_day, eval.year.days),
        (d(2026, 4, 15), d(2027, 4, 14), 365)
    );
    assert_eq!(eval.variable_total, eur(122_500));
    assert_eq!(eval.crisis_activation_total, Decimal::ZERO);
    let per_mission: Vec<(Mission, Decimal)> = eval
        .missions
        .iter()
        .map(|m| (m.mission, m.variable_earned))
        .collect();
    assert_eq!(
        per_mission,
        [
            (Mission::ACCES_AUX_SOINS, eur(35_000)),
            (Mission::PARCOURS_PLURIPROFESSIONNELS, eur(45_000)),
            (Mission::PREVENTION, eur(17_500)),
            (Mission::CRISES_SANITAIRES_GRAVES, Decimal::ZERO),
            (Mission::QUALITE_PERTINENCE, eur(15_000)),
            (Mission::ACCOMPAGNEMENT_PROFESSIONNELS, eur(10_000)),
        ]
    );
    assert_eq!(eval.explanation().leaves_total(), eval.total);
}

#[test]
fn tiered_count_lower_is_better() {
    // « 50 et moins » → 9 000; « 100 à 51 » → 6 000; « 219 à 101 » → 3 000; above 219 the
    // contract says nothing: 0 (library convention).
    let c = rovira();
    for (count, amount) in [
        (0, 9000),
        (50, 9000),
        (51, 6000),
        (100, 6000),
        (101, 3000),
        (219, 3000),
        (220, 0),
    ] {
        let r = results(&[("acces_ald_sans_mt", Measure::Value(eur(count)))]);
        assert_eq!(earned(&c, &r, "acces_ald_sans_mt"), eur(amount), "{count}");
    }
}

#[test]
fn tiered_rate_higher_is_better() {
    // Breast cancer screening: socle 69,70 % → 1 000; intermédiaire 72,40 % → 2 500;
    // objectif 75 % → 3 500; levels are not added.
    let c = rovira();
    for (rate, amount) in [
        ("69.69", 0),
        ("69.70", 1000),
        ("72.39", 1000),
        ("72.40", 2500),
        ("74.99", 2500),
        ("75", 3500),
        ("90", 3500),
    ] {
        let r = results(&[("prevention_sein", Measure::Value(rate.parse().unwrap()))]);
        assert_eq!(earned(&c, &r, "prevention_sein"), eur(amount), "{rate}");
    }
    // Under the strict convention, 72,40 % only reaches the socle.
    let strict = PaymentConventions {
        tier_comparison: TierComparison::Strict,
        ..Default::default()
    };
    let r = results(&[("prevention_sein", Measure::Value("72.40".parse().unwrap()))]);
    let eval = evaluate_year(&c, &catalogue(), &r, &strict).unwrap();
    let sein = eval
        .missions
        .iter()
        .flat_map(|m| &m.indicators)
        .find(|i| &*i.indicator == "prevention_sein")
        .unwrap();
    assert_eq!(sein.earned, eur(1000));
}

#[test]
fn crisis_activation_at_most_once_per_year() {
    let c = rovira();
    let crisis = |day| CrisisRecognition {
        recognised_on: day,
        authority: "DG ARS Île-de-France".into(),
        label: "épidémie hivernale".into(),
    };
    let mut r = results(&[]);
    r.crises = vec![crisis(d(2026, 12, 1))];
    let eval = evaluate_year(&c, &catalogue(), &r, &PaymentConventions::default()).unwrap();
    // « 67 500 € si crise reconnue par l'ARS »: 122 500 + 67 500 = 190 000.
    assert_eq!(
        (eval.crisis_activation_total, eval.total),
        (eur(67_500), eur(190_000))
    );
    r.crises.push(crisis(d(2027, 2, 1)));
    let eval = evaluate_year(&c, &catalogue(), &r, &PaymentConventions::default()).unwrap();
    assert_eq!(eval.crisis_activation_total, eur(67_500));
    // Unless the contract says otherwise.
    let mut twice = c.clone();
    twice.crisis_activations_per_year = Some(2);
    let eval = evaluate_year(&twice, &catalogue(), &r, &PaymentConventions::default()).unwrap();
    assert_eq!(eval.crisis_activation_total, eur(135_000));
    // A crisis outside year 5 is refused.
    r.crises = vec![crisis(d(2027, 4, 15))];
    assert!(matches!(
        evaluate_year(&c, &catalogue(), &r, &PaymentConventions::default()),
        Err(FundingError::CrisisOutsideYear { .. })
    ));
}

/// The activation pays for putting the crisis plan to work (« En cas de crise reconnue par
/// l'ARS : mise en œuvre du plan », the contract): by default a crisis recognised before the
/// crisis mission started earns nothing (convention `CrisisActivation`); the former reading
/// stays available, named.
#[test]
fn a_crisis_before_the_crisis_mission_started_earns_no_activation() {
    use cpts_core::aci::CrisisActivation;
    // Signed 15/04/2022: contract year 1 runs to 14/04/2023, and the annex's crisis mission
    // starts on 03/09/2022, the day it applies. The ARS recognises a crisis on 01/06/2022.
    let c = rovira();
    let mut r = results(&[]);
    r.year = 1;
    r.crises = vec![CrisisRecognition {
        recognised_on: d(2022, 6, 1),
        authority: "DG ARS Île-de-France".into(),
        label: "épidémie hivernale".into(),
    }];
    let eval = evaluate_year(&c, &catalogue(), &r, &PaymentConventions::default()).unwrap();
    // No plan in place on 01/06/2022: 0 €, the variable part alone (122 500 €).
    assert_eq!(
        (eval.crisis_activation_total, eval.total),
        (eur(0), eur(122_500))
    );
    let crisis = eval
        .missions
        .iter()
        .find(|m| m.mission == Mission::CRISES_SANITAIRES_GRAVES)
        .unwrap();
    assert_eq!(crisis.crisis_activations, 0);
    // A second crisis on 15/02/2023, once the mission started: 67 500 €.
    r.crises.push(CrisisRecognition {
        recognised_on: d(2023, 2, 15),
        authority: "DG ARS Île-de-France".into(),
        label: "canicule".into(),
    });
    let eval = evaluate_year(&c, &catalogue(), &r, &PaymentConventions::default()).unwrap();
    assert_eq!(eval.crisis_activation_total, eur(67_500));
    // Recognised on the start day itself: counted (the plan is in place that day).
    r.crises = vec![CrisisRecognition {
        recognised_on: d(2022, 9, 3),
        authority: "préfet".into(),
        label: "inondations".into(),
    }];
    let eval = evaluate_year(&c, &catalogue(), &r, &PaymentConventions::default()).unwrap();
    assert_eq!(eval.crisis_activation_total, eur(67_500));
    // The former reading, named: any crisis of the year counts.
    r.crises[0].recognised_on = d(2022, 6, 1);
    let any = PaymentConventions {
        crisis_activation: CrisisActivation::AnyCrisisInYear,
        ..PaymentConventions::default()
    };
    let eval = evaluate_year(&c, &catalogue(), &r, &any).unwrap();
    assert_eq!(eval.crisis_activation_total, eur(67_500));
}

#[test]
fn results_are_checked() {
    let c = rovira();
    let conventions = PaymentConventions::default();
    let mut r = results(&[]);
    r.indicators.pop();
    assert!(matches!(
        evaluate_year(&c, &catalogue(), &r, &conventions),
        Err(FundingError::MissingResult { .. })
    ));
    let r = results(&[("acces_sas", Measure::Value(eur(3)))]);
    assert!(matches!(
        evaluate_year(&c, &catalogue(), &r, &conventions),
        Err(FundingError::WrongMeasure { .. })
    ));
    let mut r = results(&[]);
    r.indicators.push(IndicatorResult {
        indicator: "inconnu".into(),
        measure: Measure::Met(true),
    });
    assert!(matches!(
        evaluate_year(&c, &catalogue(), &r, &conventions),
        Err(FundingError::UnknownIndicator { .. })
    ));
    let mut r = results(&[]);
    r.year = 6;
    assert_eq!(
        evaluate_year(&c, &catalogue(), &r, &conventions),
        Err(FundingError::YearOutOfContract { year: 6, years: 5 })
    );
}

#[test]
fn the_schedule_needs_a_fonctionnement_the_annex_does_not_give() {
    let c = rovira();
    let err = payment_schedule(&c, &catalogue(), &[], &ScheduleOptions::default()).unwrap_err();
    assert!(
        matches!(&err, FundingError::MissingParameter { parameter, parameter_set, .. }
        if parameter == "fonctionnement" && parameter_set == "aci_2019_avenant_2")
    );
    assert!(err.to_string().contains("131250"), "{err}");
}

#[test]
fn year_5_fixed_payments() {
    // With a fonctionnement stated by the caller (a test value, not the contract's), the
    // fixed parts of year 5: 75 % advance 150 000 at 15/04/2026, balance 50 000 at
    // 15/04/2027 (200 000 × 0,75 = 150 000).
    let mut c = rovira();
    c.fonctionnement = Some(eur(100_000));
    let s = payment_schedule(
        &c,
        &catalogue(),
        &[results(&[])],
        &ScheduleOptions::default(),
    )
    .unwrap();
    let sum = |date, kind| -> Decimal {
        s.payments
            .iter()
            .filter(|p| p.date == date && p.kind == kind)
            .map(|p| p.amount)
            .sum()
    };
    assert_eq!(sum(d(2026, 4, 15), PaymentKind::FixedAdvance), eur(150_000));
    assert_eq!(sum(d(2027, 4, 15), PaymentKind::FixedBalance), eur(50_000));
    assert_eq!(sum(d(2027, 4, 15), PaymentKind::VariablePart), eur(122_500));
    assert_eq!(s.total, s.explanation().leaves_total());
    // Years 1 to 4 have no results: their variable parts are pending, up to 122 500 each.
    assert_eq!(
        s.pending
            .iter()
            .filter(|p| p.contract_year == 4)
            .map(|p| p.maximum)
            .sum::<Decimal>(),
        eur(122_500)
    );
}

#[test]
fn the_french_explanation_of_an_indicator() {
    let r = results(&[("prevention_sein", Measure::Value("72.40".parse().unwrap()))]);
    let eval = evaluate_year(&rovira(), &catalogue(), &r, &PaymentConventions::default()).unwrap();
    let prevention = eval
        .missions
        .iter()
        .find(|m| m.mission == Mission::PREVENTION)
        .unwrap();
    // 17 500 − (3 500 − 2 500) = 16 500.
    assert_eq!(prevention.variable_earned, eur(16_500));
    let text = prevention.variable_explanation.render_fr();
    assert!(
        text.starts_with("Part variable : 16\u{202f}500,00\u{a0}€\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\n  Dépistage du cancer du sein (taux initial 66,26 %) : 2\u{202f}500,00\u{a0}€\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("• Mission : prévention\n  • Année du contrat : 5\n"),
        "{text}"
    );
    assert!(text.contains("• Valeur mesurée : 72,40\n"), "{text}");
    assert!(
        text.contains("• Seuil du palier atteint : 72,40\n"),
        "{text}"
    );
    assert!(
        text.contains("• Palier atteint : intermédiaire\n"),
        "{text}"
    );
    // Values are typed in JSON, formatted only in the French text.
    let json = serde_json::to_value(&prevention.variable_explanation).unwrap();
    let first = &json["children"][0]["inputs"][0];
    assert_eq!(first["name"], "Valeur mesurée");
    assert_eq!(
        first["value"],
        serde_json::json!({"type": "number", "value": "72.40"})
    );
}
