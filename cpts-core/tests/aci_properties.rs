//! Properties of the funding engine over random valid contracts: no payment is negative;
//! advance + balance = the rounded (prorated) envelope for every mission year and every
//! fonctionnement year; variable earned ≤ variable envelope; results do not depend on the
//! order indicators are listed; a schedule's total is the sum of its explanation leaves.

mod common;

use chrono::{Days, NaiveDate};
use common::d;
use cpts_core::aci::year::evaluate_year;
use cpts_core::aci::{
    Better, Contract, ContractMission, CrisisRecognition, Indicator, IndicatorResult, Measure,
    ParameterCatalogue, PaymentConventions, PaymentKind, PaymentRule, ScheduleOptions, Tier,
    YearResults, schedule::payment_schedule,
};
use cpts_core::missions::{Mission, Obligation};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// SplitMix64: a small deterministic generator driven by the proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn cents(&mut self, max_euros: u64) -> Decimal {
        Decimal::new(i64::try_from(self.below(max_euros * 100 + 1)).unwrap(), 2)
    }
    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u64;
        from + Days::new(self.below(span + 1))
    }
}

fn indicators(rng: &mut Rng, mission: Mission, envelope: Decimal) -> Vec<Indicator> {
    let mut left = envelope;
    let mut out = Vec::new();
    for n in 0..rng.below(5) {
        let max = (left * Decimal::new(i64::try_from(rng.below(101)).unwrap(), 2)).round_dp(2);
        left -= max;
        let rule = match rng.below(3) {
            0 => PaymentRule::Binary,
            1 => {
                let better = if rng.chance(50) {
                    Better::Higher
                } else {
                    Better::Lower
                };
                let tiers = (0..1 + rng.below(3))
                    .map(|i| Tier {
                        threshold: Decimal::from(10 * i + rng.below(10))
                            + Decimal::new(i64::try_from(i).unwrap(), 3),
                        amount: (max * Decimal::new(i64::try_from(rng.below(101)).unwrap(), 2))
                            .round_dp(2),
                        label: None,
                    })
                    .collect();
                PaymentRule::Tiers { better, tiers }
            }
            _ => {
                let baseline = Decimal::from(rng.below(50));
                let target = baseline
                    + Decimal::from(1 + rng.below(50))
                        * if rng.chance(50) {
                            Decimal::ONE
                        } else {
                            Decimal::NEGATIVE_ONE
                        };
                PaymentRule::Proportional { baseline, target }
            }
        };
        out.push(Indicator {
            id: format!("{mission:?}-{n}").into(),
            label: format!("indicateur {n}").into(),
            group: None,
            max_amount: max,
            rule,
        });
    }
    out
}

/// A random valid contract (checked by the property itself).
fn contract(seed: u64, catalogue: &ParameterCatalogue) -> Contract {
    let mut rng = Rng(seed);
    let signed_on = rng.date_between(d(2019, 8, 25), d(2030, 12, 31));
    let set = catalogue.in_force_on(signed_on).unwrap();
    let population = rng.below(400_000);
    let taille = set.band(population).unwrap().taille;
    let fonctionnement = if set.fonctionnement(taille).is_err() || rng.chance(30) {
        Some(rng.cents(200_000))
    } else {
        None
    };
    let last_day = signed_on
        .checked_add_months(chrono::Months::new(60))
        .unwrap()
        .pred_opt()
        .unwrap();
    let conventions = PaymentConventions::default();
    let mut missions = Vec::new();
    for rule in set.missions() {
        let socle_now = rule.obligation == Obligation::Socle && rule.applies_from <= signed_on;
        if !socle_now && !rng.chance(60) {
            continue;
        }
        let earliest = signed_on.max(rule.applies_from);
        let (start_by, deploy_by) = rule
            .deadlines(
                signed_on,
                conventions.deadline_anchor,
                conventions.month_arithmetic,
            )
            .unwrap_or((last_day, last_day));
        let start = (rng.chance(85) && earliest <= start_by.min(last_day))
            .then(|| rng.date_between(earliest, start_by.min(last_day)));
        let deployment = start
            .filter(|s| *s <= deploy_by && rng.chance(50))
            .map(|s| rng.date_between(s, deploy_by.min(last_day).max(s)));
        let fixed = rng.cents(150_000);
        let variable = rng.cents(60_000);
        let crisis = rule.mission == Mission::CRISES_SANITAIRES_GRAVES;
        missions.push(ContractMission {
            mission: rule.mission,
            start,
            deployment,
            fixed_envelope: fixed,
            variable_envelope: variable,
            indicators: indicators(&mut rng, rule.mission, variable),
            crisis_activation_amount: crisis.then(|| rng.cents(100_000)),
        });
    }
    Contract {
        name: format!("CPTS {seed}"),
        signed_on,
        population,
        taille,
        parameter_set: None,
        fonctionnement,
        missions,
        crisis_activations_per_year: rng.chance(20).then(|| 1 + rng.below(3) as u32),
    }
}

/// Random results for some contract years.
fn results(seed: u64, contract: &Contract, catalogue: &ParameterCatalogue) -> Vec<YearResults> {
    let mut rng = Rng(seed ^ 0xA5A5);
    let years = contract
        .years(catalogue, &PaymentConventions::default())
        .unwrap();
    let mut out = Vec::new();
    for y in years {
        if !rng.chance(60) {
            continue;
        }
        let mut indicators = Vec::new();
        for m in contract
            .missions
            .iter()
            .filter(|m| m.start.is_some_and(|s| s <= y.last_day))
        {
            for i in &m.indicators {
                let measure = match i.rule {
                    PaymentRule::Binary => Measure::Met(rng.chance(50)),
                    _ => Measure::Value(
                        Decimal::new(i64::try_from(rng.below(10_000)).unwrap(), 2)
                            - Decimal::from(20),
                    ),
                };
                indicators.push(IndicatorResult {
                    indicator: i.id.to_string(),
                    measure,
                });
            }
        }
        let crises = if contract
            .mission(Mission::CRISES_SANITAIRES_GRAVES)
            .is_some()
        {
            (0..rng.below(3))
                .map(|_| CrisisRecognition {
                    recognised_on: rng.date_between(y.first_day, y.last_day),
                    authority: "ARS".into(),
                    label: "crise".into(),
                })
                .collect()
        } else {
            vec![]
        };
        out.push(YearResults {
            year: y.year,
            indicators,
            crises,
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn schedule_invariants(seed in any::<u64>()) {
        let catalogue = ParameterCatalogue::embedded().unwrap();
        let c = contract(seed, &catalogue);
        prop_assert_eq!(c.validate(&catalogue), Ok(()));
        let r = results(seed, &c, &catalogue);
        let s = payment_schedule(&c, &catalogue, &r, &ScheduleOptions::default()).unwrap();
        let round = |x: Decimal| x.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);

        // No payment is negative; the total is the sum of lines and of explanation leaves.
        prop_assert!(s.payments.iter().all(|p| p.amount >= Decimal::ZERO));
        prop_assert_eq!(s.total, s.payments.iter().map(|p| p.amount).sum::<Decimal>());
        prop_assert_eq!(s.total, s.explanation().leaves_total());
        for p in &s.payments {
            prop_assert_eq!(p.amount, p.explanation.leaves_total());
        }

        // Advance + balance = the rounded prorated (or full) envelope, every mission year.
        for m in &c.missions {
            let Some(start) = m.start else { continue };
            for y in s.years.iter().filter(|y| y.last_day >= start) {
                let line = |kind| s.payments.iter().filter(|p| p.kind == kind && p.mission == Some(m.mission) && p.contract_year == Some(y.year)).map(|p| p.amount).sum::<Decimal>();
                let expected = if y.contains(start) && start > y.first_day {
                    round(m.fixed_envelope * Decimal::from((y.end() - start).num_days()) / Decimal::from(y.days))
                } else {
                    round(m.fixed_envelope)
                };
                prop_assert_eq!(line(PaymentKind::FixedAdvance) + line(PaymentKind::FixedBalance), expected);
            }
        }
        // The same for the fonctionnement, years 2 to 5; year 1 in full at signature.
        let f = c.fonctionnement.unwrap_or_else(|| c.parameter_set(&catalogue).unwrap().fonctionnement(c.taille).unwrap().value);
        for y in &s.years {
            let paid: Decimal = s.payments.iter().filter(|p| p.contract_year == Some(y.year) && matches!(p.kind,
                PaymentKind::FonctionnementAtSignature | PaymentKind::FonctionnementAdvance | PaymentKind::FonctionnementBalance)).map(|p| p.amount).sum();
            prop_assert_eq!(paid, round(f));
        }
    }

    #[test]
    fn variable_earned_within_the_envelope_and_independent_of_order(seed in any::<u64>()) {
        let catalogue = ParameterCatalogue::embedded().unwrap();
        let c = contract(seed, &catalogue);
        let conventions = PaymentConventions::default();
        for r in results(seed, &c, &catalogue) {
            let eval = evaluate_year(&c, &catalogue, &r, &conventions).unwrap();
            for m in &eval.missions {
                prop_assert!(m.variable_earned <= m.variable_envelope);
                prop_assert!(m.variable_earned >= Decimal::ZERO);
                for i in &m.indicators {
                    prop_assert!(i.earned <= i.max_amount && i.earned >= Decimal::ZERO);
                }
            }
            prop_assert_eq!(eval.explanation().leaves_total(), eval.total);

            // The same results listed in another order: the same evaluation, to the last
            // explanation (the pass in the contract's order gives way to the look-up by id).
            let mut moved = r.clone();
            if moved.indicators.len() > 1 {
                let n = moved.indicators.len();
                moved.indicators.rotate_left(1 + (seed as usize) % (n - 1));
                prop_assert_eq!(&evaluate_year(&c, &catalogue, &moved, &conventions).unwrap(), &eval);
            }

            // Reverse the indicators in the contract and the results: same amounts.
            let mut reversed = c.clone();
            for m in &mut reversed.missions {
                m.indicators.reverse();
            }
            reversed.missions.reverse();
            let mut r2 = r.clone();
            r2.indicators.reverse();
            let eval2 = evaluate_year(&reversed, &catalogue, &r2, &conventions).unwrap();
            prop_assert_eq!(eval2.total, eval.total);
            let mut a: Vec<(std::sync::Arc<str>, Decimal)> = eval.missions.iter().flat_map(|m| m.indicators.iter().map(|i| (i.indicator.clone(), i.earned))).collect();
            let mut b: Vec<(std::sync::Arc<str>, Decimal)> = eval2.missions.iter().flat_map(|m| m.indicators.iter().map(|i| (i.indicator.clone(), i.earned))).collect();
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn the_generator_reaches_every_kind_of_payment() {
    // The properties above are only as strong as their contracts: check that 300 seeds give
    // prorated first years, several parameter sets, variable parts and crisis activations.
    let catalogue = ParameterCatalogue::embedded().unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    let mut sets = std::collections::BTreeSet::new();
    let mut prorated = 0;
    for seed in 0..300u64 {
        let c = contract(seed, &catalogue);
        let r = results(seed, &c, &catalogue);
        let s = payment_schedule(&c, &catalogue, &r, &ScheduleOptions::default()).unwrap();
        sets.insert(s.parameter_set.clone());
        kinds.extend(s.payments.iter().map(|p| p.kind));
        prorated += s
            .payments
            .iter()
            .filter(|p| {
                p.kind == PaymentKind::FixedAdvance
                    && p.date != s.years[0].first_day
                    && !s.years.iter().any(|y| y.first_day == p.date)
            })
            .count();
    }
    assert_eq!(sets.len(), 2);
    assert!(
        kinds.contains(&PaymentKind::VariablePart)
            && kinds.contains(&PaymentKind::CrisisActivation)
    );
    assert!(prorated > 100, "{prorated}");
}
