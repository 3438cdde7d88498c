//! The dated payment schedule over a contract's life, per the ACI mechanics (see the module
//! docs of [`super`]), with an explanation per payment line.
//!
//! Conventions ([`PaymentConventions`]): proration by calendar days (days from the start
//! date to the next anniversary over the days of that contract year, 366 when it holds
//! 29 February); each line rounded to the cent, halves away from zero; a balance is the
//! rounded prorated (or full) envelope minus the advance paid, so advance and balance add up
//! exactly; totals are sums of rounded lines.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::FundingError;
use super::contract::{Contract, ContractMission, ContractYear, ValidContract};
use super::conventions::PaymentConventions;
use super::explanation::{Detail, Explanation, ExplanationInput, InputValue, Text};
use super::money::{Rounding, checked_sum};
use super::parameters::{ParameterCatalogue, ParameterSet, Sourced};
use super::year::{Provenance, SharedSources, YearResults, evaluate_valid_year};
use crate::missions::{Mission, MissionRule};

/// What a payment is for.
///
/// JSON: a snake_case string.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PaymentKind {
    /// CNAM aid when the ARS validates the lettre d'intention (avenant 2).
    LettreIntentionAid,
    /// Fonctionnement of year 1, in full at signature.
    FonctionnementAtSignature,
    /// Balance of a year's fonctionnement.
    FonctionnementBalance,
    /// 75 % advance of a year's fonctionnement.
    FonctionnementAdvance,
    /// Balance of a mission's fixed envelope for a year.
    FixedBalance,
    /// 75 % advance of a mission's fixed envelope for a year (prorated the first year).
    FixedAdvance,
    /// Variable part earned for the closing year.
    VariablePart,
    /// Crisis activation due for the closing year.
    CrisisActivation,
}

impl PaymentKind {
    /// Every kind, in the order a schedule sorts them on one day.
    pub const ALL: [PaymentKind; 8] = [
        PaymentKind::LettreIntentionAid,
        PaymentKind::FonctionnementAtSignature,
        PaymentKind::FonctionnementBalance,
        PaymentKind::FonctionnementAdvance,
        PaymentKind::FixedBalance,
        PaymentKind::FixedAdvance,
        PaymentKind::VariablePart,
        PaymentKind::CrisisActivation,
    ];

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            PaymentKind::LettreIntentionAid => "aide à la lettre d'intention",
            PaymentKind::FonctionnementAtSignature => "fonctionnement, versement à la signature",
            PaymentKind::FonctionnementBalance => "fonctionnement, solde",
            PaymentKind::FonctionnementAdvance => "fonctionnement, avance",
            PaymentKind::FixedBalance => "part fixe, solde",
            PaymentKind::FixedAdvance => "part fixe, avance",
            PaymentKind::VariablePart => "part variable",
            PaymentKind::CrisisActivation => "activation de la mission de crise",
        }
    }
}

/// One dated payment.
///
/// JSON: `{"date": "...", "kind": "fixed_advance", "contract_year": 1 | null,
/// "mission": "prevention" | null, "amount": "...", "explanation": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Date due.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub date: NaiveDate,
    /// What it is for.
    pub kind: PaymentKind,
    /// The contract year it pays for (`None` for the lettre d'intention aid).
    pub contract_year: Option<u32>,
    /// The mission, for mission payments.
    pub mission: Option<Mission>,
    /// Amount in euros, rounded.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
    /// Why.
    pub explanation: Explanation,
}

/// A variable part not yet measured: due at the anniversary, amount unknown.
///
/// JSON: `{"date": "...", "contract_year": 2, "mission": "...", "maximum": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PendingVariable {
    /// Anniversary when it will be due.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub date: NaiveDate,
    /// The contract year.
    pub contract_year: u32,
    /// The mission.
    pub mission: Mission,
    /// The most it can be (sum of the indicators' maxima).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub maximum: Decimal,
}

/// The lettre d'intention, when the schedule should include its aid.
///
/// JSON: `{"validated_on": "2021-04-12", "amount": "20000" | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LettreIntention {
    /// Date the ARS validated it.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub validated_on: NaiveDate,
    /// The amount, when the caller supplies it (where the parameter set does not establish
    /// it).
    #[serde(default, with = "crate::aci::money::cents_option")]
    #[schemars(with = "Option<crate::aci::money::DecimalString>")]
    pub amount: Option<Decimal>,
}

/// Options of a schedule.
///
/// JSON: `{"conventions": {...}, "lettre_intention": {...} | null, "keep_zero_payments":
/// false}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleOptions {
    /// The conventions.
    pub conventions: PaymentConventions,
    /// Include the lettre d'intention aid.
    pub lettre_intention: Option<LettreIntention>,
    /// Keep the payments of 0,00 € (a started mission whose envelope is 0, a variable part
    /// whose objectives were not met). Default: false, they are left out, so that a schedule
    /// lists what is paid; the total is the same either way.
    pub keep_zero_payments: bool,
}

/// The payment schedule of a contract.
///
/// JSON: `{"contract": "...", "signed_on": "...", "parameter_set": "...", "conventions": {...},
/// "years": [...], "payments": [...], "pending": [...], "total": "..."}`; each payment carries
/// its explanation, and [`Schedule::explanation`] assembles the whole tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The contract's name.
    pub contract: String,
    /// Signature date.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub signed_on: NaiveDate,
    /// The parameter set in force at signature.
    pub parameter_set: String,
    /// The conventions applied.
    pub conventions: PaymentConventions,
    /// The contract years.
    pub years: Vec<ContractYear>,
    /// The payments, by date.
    pub payments: Vec<Payment>,
    /// Variable parts not yet measured (not in the total).
    pub pending: Vec<PendingVariable>,
    /// Sum of the payments.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub total: Decimal,
}

impl Schedule {
    /// The explanation of the total: one child per payment (each payment also carries its
    /// own).
    pub fn explanation(&self) -> Explanation {
        Explanation::sum(
            format!("Total des versements du contrat de {}", self.contract),
            self.payments
                .iter()
                .map(|p| p.explanation.clone())
                .collect(),
        )
    }
}

/// The error of an amount computed out of `Decimal`'s range. Amounts given by callers are
/// bounded ([`super::money::MAX_AMOUNT`]), so this cannot happen with checked inputs; it is
/// kept as an error, never a panic.
fn overflow(what: crate::messages::Bilingual) -> FundingError {
    FundingError::Overflow { what }
}

struct Builder<'a> {
    set: &'a ParameterSet,
    conventions: PaymentConventions,
    rate: Sourced<Decimal>,
    sources: SharedSources,
    payments: Vec<Payment>,
}

impl Builder<'_> {
    fn round(&self, amount: Decimal) -> Decimal {
        self.conventions.rounding.round(amount)
    }

    fn push(
        &mut self,
        date: NaiveDate,
        kind: PaymentKind,
        year: Option<u32>,
        mission: Option<Mission>,
        explanation: Explanation,
    ) {
        self.payments.push(Payment {
            date,
            kind,
            contract_year: year,
            mission,
            amount: explanation.amount,
            explanation,
        });
    }

    /// The rule of an advance and of a balance, naming the rounding convention in use.
    fn rules(&self) -> (&'static str, &'static str) {
        match self.conventions.rounding {
            Rounding::CentHalfAwayFromZero => (
                "taux d'avance × montant de l'année (proratisé du démarrage à la date anniversaire la première année d'une mission), arrondi au centime, demi-centime au supérieur (convention)",
                "montant de l'année arrondi au centime, moins l'avance versée : avance + solde = montant de l'année (convention)",
            ),
            Rounding::EuroHalfAwayFromZero => (
                "taux d'avance × montant de l'année (proratisé du démarrage à la date anniversaire la première année d'une mission), arrondi à l'euro, demi-euro au supérieur (convention)",
                "montant de l'année arrondi à l'euro, moins l'avance versée : avance + solde = montant de l'année (convention)",
            ),
        }
    }

    /// Advance and balance of one year of an annual amount (fonctionnement or fixed
    /// envelope): the advance at `advance_on`, the balance at the year's end. `base` is the
    /// year's amount (full, or prorated the first year) with its inputs.
    fn advance_and_balance(
        &mut self,
        year: &ContractYear,
        advance_on: NaiveDate,
        base: &Explanation,
        kinds: (PaymentKind, PaymentKind),
        mission: Option<&MissionRule>,
    ) {
        // Bounded operands, no overflow: the rate is in (0, 1] (checked when the parameter set
        // is read) and the base at most 1 000 000 000 € × 366/365 (amounts are checked when
        // the contract is validated).
        let base_rounded = self.round(base.amount);
        let advance = self.round(self.rate.value * base.amount);
        let balance = base_rounded - advance;
        let k = year.year;
        let (advance_label, balance_label) = match mission {
            Some(_) => ("Avance de la part fixe", "Solde de la part fixe"),
            None => ("Avance du fonctionnement", "Solde du fonctionnement"),
        };
        let (advance_rule, balance_rule) = self.rules();
        let input = |name: &'static str, value| ExplanationInput {
            name: name.into(),
            value,
            source: None,
            parameter_set: None,
        };
        let context = |inputs: &mut Vec<ExplanationInput>| {
            if let Some(m) = mission {
                inputs.push(input("Mission", InputValue::Text(Text::from(&m.label_fr))));
            }
            inputs.push(input("Année du contrat", InputValue::Count(u64::from(k))));
        };

        let mut inputs = Vec::with_capacity(base.inputs.len() + 4);
        context(&mut inputs);
        inputs.extend(base.inputs.iter().cloned());
        inputs.push(input("Montant de l'année", InputValue::Amount(base.amount)));
        inputs.push(ExplanationInput {
            name: "Taux d'avance".into(),
            value: InputValue::Rate(self.rate.value),
            source: Some(Arc::clone(&self.rate.source)),
            parameter_set: Some(Arc::clone(&self.rate.parameter_set)),
        });
        let adv = Explanation {
            label: advance_label.into(),
            amount: advance,
            rule: Some(advance_rule.into()),
            inputs,
            children: Vec::new(),
        };
        self.push(
            advance_on,
            kinds.0,
            Some(k),
            mission.map(|m| m.mission),
            adv,
        );

        let mut inputs = Vec::with_capacity(4);
        context(&mut inputs);
        inputs.push(input(
            "Montant de l'année, arrondi",
            InputValue::Amount(base_rounded),
        ));
        inputs.push(input("Avance versée", InputValue::Amount(advance)));
        let bal = Explanation {
            label: balance_label.into(),
            amount: balance,
            rule: Some(balance_rule.into()),
            inputs,
            children: Vec::new(),
        };
        self.push(
            year.end(),
            kinds.1,
            Some(k),
            mission.map(|m| m.mission),
            bal,
        );
    }

    fn fonctionnement(&mut self, years: &[ContractYear], origin: &Explanation) {
        for y in years {
            if y.year == 1 {
                let mut e = Explanation::leaf("Fonctionnement de l'année 1, versé en totalité à la signature", self.round(origin.amount))
                    .with_rule("le financement du fonctionnement est versé en totalité à la signature, avant le démarrage des missions (ACI art. 9.1)");
                e.inputs.extend(origin.inputs.iter().cloned());
                self.push(
                    y.first_day,
                    PaymentKind::FonctionnementAtSignature,
                    Some(1),
                    None,
                    e,
                );
            } else {
                self.advance_and_balance(
                    y,
                    y.first_day,
                    origin,
                    (
                        PaymentKind::FonctionnementAdvance,
                        PaymentKind::FonctionnementBalance,
                    ),
                    None,
                );
            }
        }
    }

    fn fixed(&mut self, years: &[ContractYear], m: &ContractMission, rule: &MissionRule) {
        let Some(start) = m.start else { return };
        let full = Explanation::leaf("Part fixe de l'année", m.fixed_envelope).with_sourced_input(
            "Enveloppe fixe annuelle",
            InputValue::Amount(m.fixed_envelope),
            &self.sources.contract,
        );
        for y in years.iter().filter(|y| y.last_day >= start) {
            if y.contains(start) && start > y.first_day {
                let days = (y.end() - start).num_days();
                // The envelope is at most 1 000 000 000 €, days at most 366: no overflow.
                let prorated = m.fixed_envelope * Decimal::from(days) / Decimal::from(y.days);
                let base = Explanation::leaf("Part fixe proratisée", prorated)
                    .with_sourced_input(
                        "Enveloppe fixe annuelle",
                        InputValue::Amount(m.fixed_envelope),
                        &self.sources.contract,
                    )
                    .with_sourced_input(
                        "Proratisation (convention : jours calendaires)",
                        InputValue::Days {
                            days,
                            from: start,
                            to: y.end(),
                            year_days: y.days,
                            year: y.year,
                        },
                        &self.sources.convention,
                    );
                self.advance_and_balance(
                    y,
                    start,
                    &base,
                    (PaymentKind::FixedAdvance, PaymentKind::FixedBalance),
                    Some(rule),
                );
            } else {
                self.advance_and_balance(
                    y,
                    y.first_day,
                    &full,
                    (PaymentKind::FixedAdvance, PaymentKind::FixedBalance),
                    Some(rule),
                );
            }
        }
    }
}

/// The payment schedule of a contract over its life, with the variable parts and crisis
/// activations of the years whose results are given, and the lettre d'intention aid when
/// asked for. Validates the contract first.
///
/// ```
/// use cpts_core::aci::{Contract, ParameterCatalogue, ScheduleOptions, schedule::payment_schedule};
/// let catalogue = ParameterCatalogue::embedded().unwrap();
/// let contract: Contract = serde_json::from_str(r#"{
///   "name": "CPTS exemple", "signed_on": "2020-01-15", "population": 30000, "taille": 1,
///   "missions": [
///     {"mission": "acces_aux_soins", "start": "2020-01-15", "fixed_envelope": "40000", "variable_envelope": "0"},
///     {"mission": "parcours_pluriprofessionnels", "fixed_envelope": "20000", "variable_envelope": "0"},
///     {"mission": "prevention", "fixed_envelope": "10000", "variable_envelope": "0"}
///   ]}"#).unwrap();
/// let s = payment_schedule(&contract, &catalogue, &[], &ScheduleOptions::default()).unwrap();
/// // Fonctionnement taille 1 under the 2019 ACI: 50 000 € a year for 5 years, and
/// // accès aux soins from signature: 40 000 € a year.
/// assert_eq!(s.total.to_string(), "450000.00");
/// assert_eq!(s.total, s.explanation().leaves_total());
/// ```
pub fn payment_schedule(
    contract: &Contract,
    catalogue: &ParameterCatalogue,
    results: &[YearResults],
    options: &ScheduleOptions,
) -> Result<Schedule, FundingError> {
    let mut schedule = contract
        .validated(catalogue, &options.conventions)?
        .payment_schedule(results, options.lettre_intention.as_ref())?;
    if !options.keep_zero_payments {
        schedule.payments.retain(|p| !p.amount.is_zero());
    }
    Ok(schedule)
}

impl ValidContract<'_> {
    /// The payment schedule (see [`payment_schedule`]), without checking the contract again.
    pub fn payment_schedule(
        &self,
        results: &[YearResults],
        lettre_intention: Option<&LettreIntention>,
    ) -> Result<Schedule, FundingError> {
        let (contract, catalogue, set, conventions) =
            (self.contract, self.catalogue, self.set, self.conventions);
        let years = self.years.clone();
        if let Some(r) = results
            .iter()
            .find(|r| !years.iter().any(|y| y.year == r.year))
        {
            return Err(FundingError::YearOutOfContract {
                year: r.year,
                years: u32::try_from(years.len()).unwrap_or(u32::MAX),
            });
        }
        let sources = self.sources.clone();
        let origin = match contract.fonctionnement {
            Some(amount) => Explanation::leaf("Fonctionnement annuel", amount).with_sourced_input(
                "Fonctionnement annuel",
                InputValue::Amount(amount),
                &sources.contract,
            ),
            None => {
                let p = set.fonctionnement(contract.taille)?;
                Explanation::leaf("Fonctionnement annuel", p.value).with_parameter(
                    format!("Fonctionnement annuel, {}", contract.taille),
                    InputValue::Amount(p.value),
                    &p.source,
                    &p.parameter_set,
                )
            }
        };
        let capacity = 2 + years.len() * (3 * contract.missions.len() + 2);
        let mut b = Builder {
            set,
            conventions,
            rate: set.advance_rate(),
            sources,
            payments: Vec::with_capacity(capacity),
        };

        if let Some(li) = lettre_intention {
            if let Some(amount) = li.amount.filter(|a| !super::money::is_valid_amount(*a)) {
                return Err(FundingError::InvalidInput {
                    field: "lettre_intention.amount".into(),
                    value: amount.to_string(),
                    rule: crate::messages::rules::AMOUNT,
                });
            }
            let li_set = catalogue.in_force_on(li.validated_on)?;
            let e = match li.amount {
            Some(amount) => Explanation::leaf("Aide à la validation de la lettre d'intention", b.round(amount))
                .with_sourced_input("Montant fourni", InputValue::Amount(amount), &b.sources.contract),
            None => {
                let p = li_set.lettre_intention_aid(contract.taille)?;
                Explanation::leaf("Aide à la validation de la lettre d'intention", b.round(p.value)).with_parameter(
                    format!("Montant pour la {}", contract.taille),
                    InputValue::Amount(p.value),
                    &p.source,
                    &p.parameter_set,
                )
            }
        }
        .with_rule("versée une fois, à la date où l'ARS valide la lettre d'intention, selon le jeu de paramètres en vigueur ce jour-là")
        .with_input("Validation par l'ARS", InputValue::Date(li.validated_on));
            b.push(
                li.validated_on,
                PaymentKind::LettreIntentionAid,
                None,
                None,
                e,
            );
        }

        b.fonctionnement(&years, &origin);
        for (m, r) in contract.missions.iter().zip(&self.rules) {
            b.fixed(&years, m, r.rule);
        }

        let mut pending = Vec::new();
        for y in &years {
            match results.iter().find(|r| r.year == y.year) {
                Some(r) => {
                    let eval = evaluate_valid_year(
                        contract,
                        *y,
                        r,
                        &conventions,
                        Provenance {
                            parameter_set: b.set.id(),
                            sources: &b.sources,
                            rules: &self.rules,
                        },
                        Detail::Full,
                    )?;
                    for m in eval.missions {
                        if m.started && m.variable_envelope > Decimal::ZERO {
                            b.push(
                                y.end(),
                                PaymentKind::VariablePart,
                                Some(y.year),
                                Some(m.mission),
                                m.variable_explanation,
                            );
                        }
                        if let Some(e) = m.crisis_explanation {
                            b.push(
                                y.end(),
                                PaymentKind::CrisisActivation,
                                Some(y.year),
                                Some(m.mission),
                                e,
                            );
                        }
                    }
                }
                None => {
                    for m in contract
                        .missions
                        .iter()
                        .filter(|m| m.start.is_some_and(|s| s <= y.last_day))
                    {
                        let maximum = checked_sum(&mut m.indicators.iter().map(|i| i.max_amount))
                            .ok_or_else(|| {
                            overflow(crate::messages::rules::VARIABLE_MAXIMUM)
                        })?;
                        if maximum > Decimal::ZERO {
                            pending.push(PendingVariable {
                                date: y.end(),
                                contract_year: y.year,
                                mission: m.mission,
                                maximum,
                            });
                        }
                    }
                }
            }
        }

        let mut payments = b.payments;
        // (date, kind, mission) is unique per payment; missions sort in the order of their
        // parameter set (L1434-12-2's, 1° to 6°, in the embedded sets).
        // Each payment's rank is looked up once (a mission's place among at most 64).
        payments.sort_by_cached_key(|p| (p.date, p.kind, self.rank(p.mission)));
        let total = checked_sum(&mut payments.iter().map(|p| p.amount))
            .ok_or_else(|| overflow(crate::messages::rules::SCHEDULE_TOTAL))?;
        Ok(Schedule {
            contract: contract.name.clone(),
            signed_on: contract.signed_on,
            parameter_set: set.id().to_owned(),
            conventions,
            years,
            total,
            payments,
            pending,
        })
    }
}
