//! Indicators of the variable part and their payment rules.
//!
//! The indicators and their amounts are set per mission in each contract (Sénat report
//! r25-032: « fondée sur des indicateurs d'actions et de résultats fixés, pour chaque
//! mission, dans le contrat »); no national weights exist. The shapes are those of the
//! published contract annexes (the RoViRa annex, year 5, 15/04/2026–14/04/2027,
//! `tests/fixtures/`; a contract binds its parties only):
//!
//! - binary: the maximum if the objective is met, else 0;
//! - tiers (socle / intermédiaire / objectif), where higher or lower is better: the amount of
//!   the best tier reached — levels are not added; a value outside every tier earns 0
//!   (library convention); « reaching » a threshold is ≥ (or ≤) by default
//!   ([`super::TierComparison`]);
//! - proportional between a baseline and a target, capped: maximum × (value − baseline) /
//!   (target − baseline), clamped to [0, 1], rounded to the cent.
//!
//! A group of binary sub-indicators (« diabète : 7 indicateurs ») is a list of indicators
//! sharing a `group`.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::conventions::TierComparison;
use std::sync::Arc;

use super::explanation::{Explanation, InputValue, Text};
use super::money::Rounding;
use super::{ContractError, FundingError};
use crate::source::Source;

/// Which direction is better for a measured value.
///
/// JSON: `"higher"` or `"lower"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// A rate to raise (screening rate).
    Higher,
    /// A count to lower (patients without médecin traitant).
    Lower,
}

/// One tier of a tiered indicator.
///
/// JSON: `{"threshold": "72.40", "amount": "2500", "label": "intermédiaire" | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// The value to reach.
    #[serde(with = "crate::aci::money::decimal_string")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub threshold: Decimal,
    /// The amount earned when it is the best tier reached.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
    /// Its name in the contract (socle, intermédiaire, objectif).
    #[serde(default)]
    pub label: Option<String>,
}

/// How an indicator pays.
///
/// JSON: `{"kind": "binary"}`, `{"kind": "tiers", "better": "higher", "tiers": [...]}`,
/// `{"kind": "proportional", "baseline": "...", "target": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum PaymentRule {
    /// Met or not met.
    Binary,
    /// Tiered thresholds.
    Tiers {
        /// Which direction is better.
        better: Better,
        /// The tiers.
        tiers: Vec<Tier>,
    },
    /// Proportional between a baseline and a target, capped.
    Proportional {
        /// The value that earns 0.
        #[serde(with = "crate::aci::money::decimal_string")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        baseline: Decimal,
        /// The value that earns the maximum.
        #[serde(with = "crate::aci::money::decimal_string")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        target: Decimal,
    },
}

/// An indicator of a mission's variable part.
///
/// JSON: `{"id": "...", "label": "...", "group": null, "max_amount": "3500", "rule": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier, unique in the contract (shared: results and explanations reuse it).
    pub id: Arc<str>,
    /// Wording of the contract (shared).
    pub label: Arc<str>,
    /// Group of sub-indicators it belongs to.
    #[serde(default)]
    pub group: Option<String>,
    /// The most it can earn in a contract year.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub max_amount: Decimal,
    /// How it pays.
    pub rule: PaymentRule,
}

/// A measured result for one indicator.
///
/// JSON: `{"met": true}` or `{"value": "72.40"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// A binary indicator's outcome.
    Met(bool),
    /// A measured value.
    Value(
        #[serde(with = "crate::aci::money::decimal_string")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        Decimal,
    ),
}

/// The result of one indicator for a contract year.
///
/// JSON: `{"indicator": "depistage_sein", "measure": {"value": "72.40"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// The indicator's id.
    pub indicator: String,
    /// What was measured.
    pub measure: Measure,
}

/// More than `max` characters (bytes are counted first: a string of at most `max` bytes has
/// at most `max` characters).
fn too_long(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().count() > max
}

/// A control character (Unicode's Cc: U+0000 to U+001F, U+007F to U+009F), found in the
/// bytes: the first two ranges are those bytes, the third is 0xC2 followed by 0x80 to 0x9F
/// in UTF-8 (no other character has 0xC2 then a byte below 0xA0). Folded without an early
/// exit, so that the compiler checks many bytes at a time (a batch validates thousands of
/// labels).
fn has_control(s: &str) -> bool {
    let bytes = s.as_bytes();
    let ascii = bytes
        .iter()
        .fold(false, |found, &b| found | (b < 0x20) | (b == 0x7f));
    ascii
        || (bytes.contains(&0xC2)
            && bytes
                .windows(2)
                .fold(false, |found, w| found | ((w[0] == 0xC2) & (w[1] < 0xA0))))
}

impl Indicator {
    /// The rule problems of this indicator (empty when it is valid).
    pub(crate) fn problems(&self) -> Vec<ContractError> {
        use crate::messages::rules::indicators as I;
        let mut out = Vec::new();
        // Each rule is reported once per indicator, however many tiers break it.
        let mut bad = |rule: crate::messages::Bilingual| {
            if !out
                .iter()
                .any(|e| matches!(e, ContractError::InvalidIndicator { rule: r, .. } if *r == rule))
            {
                out.push(ContractError::InvalidIndicator {
                    id: crate::identifiers::shown(&self.id),
                    rule,
                })
            }
        };
        if self.id.trim().is_empty() || too_long(&self.id, 64) || has_control(&self.id) {
            bad(I::ID);
        }
        if self.label.trim().is_empty() || too_long(&self.label, 500) || has_control(&self.label) {
            bad(I::LABEL);
        }
        if !super::money::is_valid_amount(self.max_amount) {
            bad(I::MAX_AMOUNT);
        }
        match &self.rule {
            PaymentRule::Binary => {}
            PaymentRule::Tiers { tiers, .. } => {
                if tiers.is_empty() {
                    bad(I::SOME_TIER);
                }
                if tiers
                    .iter()
                    .any(|t| !super::money::is_valid_amount(t.amount) || t.amount > self.max_amount)
                {
                    bad(I::TIER_AMOUNT);
                }
                // Two tiers with one threshold: found by sorting (n log n), not by pairs.
                let mut thresholds: Vec<Decimal> = tiers.iter().map(|t| t.threshold).collect();
                thresholds.sort_unstable();
                if thresholds.windows(2).any(|w| w[0] == w[1]) {
                    bad(I::TIER_THRESHOLDS);
                }
            }
            PaymentRule::Proportional { baseline, target } => {
                if baseline == target {
                    bad(I::PROPORTIONAL_SPAN);
                }
            }
        }
        out
    }

    /// What this indicator earns for a measure, with its explanation. `convention` is the
    /// source attached to the library's conventions (tier comparison, rounding).
    pub fn earned(
        &self,
        measure: &Measure,
        comparison: TierComparison,
        rounding: Rounding,
        convention: &Arc<Source>,
    ) -> Result<Explanation, FundingError> {
        Ok(self
            .outcome(measure, comparison, rounding)?
            .explanation(self, rounding, convention))
    }

    /// What this indicator earns for a measure, without its explanation (the same amount as
    /// [`Indicator::earned`]'s).
    pub fn earned_amount(
        &self,
        measure: &Measure,
        comparison: TierComparison,
        rounding: Rounding,
    ) -> Result<Decimal, FundingError> {
        // The binary rule, most of a contract's indicators, answered here: the same amounts
        // as `outcome`'s (`tests/batch.rs`, `the_amounts_do_not_depend_on_the_detail`), without carrying its explanation's part
        // out of a call (what made a batch of amounts twice as slow).
        match (&self.rule, measure) {
            (PaymentRule::Binary, Measure::Met(true)) => Ok(self.max_amount),
            (PaymentRule::Binary, Measure::Met(false)) => Ok(Decimal::ZERO),
            _ => self.outcome_amount(measure, comparison, rounding),
        }
    }

    #[inline(never)]
    fn outcome_amount(
        &self,
        measure: &Measure,
        comparison: TierComparison,
        rounding: Rounding,
    ) -> Result<Decimal, FundingError> {
        Ok(self.outcome(measure, comparison, rounding)?.amount)
    }

    /// The rule applied to a measure: the amount, and what the explanation says of it.
    fn outcome(
        &self,
        measure: &Measure,
        comparison: TierComparison,
        rounding: Rounding,
    ) -> Result<Outcome<'_>, FundingError> {
        let wrong = |expected| FundingError::WrongMeasure {
            indicator: self.id.to_string(),
            expected,
        };
        Ok(match (&self.rule, measure) {
            (PaymentRule::Binary, Measure::Met(true)) => Outcome {
                amount: self.max_amount,
                applied: Applied::Met,
            },
            (PaymentRule::Binary, Measure::Met(false)) => Outcome {
                amount: Decimal::ZERO,
                applied: Applied::NotMet,
            },
            (PaymentRule::Tiers { better, tiers }, Measure::Value(v)) => {
                let reached = |t: &Tier| match (better, comparison) {
                    (Better::Higher, TierComparison::Inclusive) => *v >= t.threshold,
                    (Better::Higher, TierComparison::Strict) => *v > t.threshold,
                    (Better::Lower, TierComparison::Inclusive) => *v <= t.threshold,
                    (Better::Lower, TierComparison::Strict) => *v < t.threshold,
                };
                let best = tiers.iter().filter(|t| reached(t)).max_by_key(|t| t.amount);
                Outcome {
                    amount: best.map_or(Decimal::ZERO, |t| t.amount),
                    applied: Applied::Tier {
                        value: *v,
                        better: *better,
                        comparison,
                        best,
                    },
                }
            }
            (PaymentRule::Proportional { baseline, target }, Measure::Value(v)) => {
                let overflow = || FundingError::Overflow {
                    what: crate::messages::rules::indicator(&self.id),
                };
                let span = target.checked_sub(*baseline).ok_or_else(overflow)?;
                let done = v.checked_sub(*baseline).ok_or_else(overflow)?;
                let ratio = done
                    .checked_div(span)
                    .ok_or_else(overflow)?
                    .clamp(Decimal::ZERO, Decimal::ONE);
                Outcome {
                    amount: rounding
                        .round(self.max_amount.checked_mul(ratio).ok_or_else(overflow)?),
                    applied: Applied::Proportion {
                        value: *v,
                        baseline: *baseline,
                        target: *target,
                        ratio,
                    },
                }
            }
            (PaymentRule::Binary, Measure::Value(_)) => {
                return Err(wrong(crate::messages::rules::MET_OUTCOME));
            }
            (_, Measure::Met(_)) => return Err(wrong(crate::messages::rules::MEASURED_VALUE)),
        })
    }
}

/// What an indicator earned for a measure, and how.
struct Outcome<'a> {
    amount: Decimal,
    applied: Applied<'a>,
}

/// Which rule gave the amount, with what its explanation shows.
enum Applied<'a> {
    /// Binary, objective met.
    Met,
    /// Binary, objective not met.
    NotMet,
    /// Tiers: the value measured and the best tier reached, if any.
    Tier {
        value: Decimal,
        better: Better,
        comparison: TierComparison,
        best: Option<&'a Tier>,
    },
    /// Proportional: the value, the contract's baseline and target, the ratio kept.
    Proportion {
        value: Decimal,
        baseline: Decimal,
        target: Decimal,
        ratio: Decimal,
    },
}

impl Outcome<'_> {
    /// The explanation of the amount: the rule applied, with its inputs.
    fn explanation(
        &self,
        indicator: &Indicator,
        rounding: Rounding,
        convention: &Arc<Source>,
    ) -> Explanation {
        let label = Text::from(&indicator.label);
        let max = InputValue::Amount(indicator.max_amount);
        match self.applied {
            Applied::Met => Explanation::leaf(label, self.amount)
                .with_rule("indicateur binaire, objectif atteint : le montant maximal prévu au contrat est dû"),
            Applied::NotMet => Explanation::leaf_with_inputs(label, self.amount, 1)
                .with_rule("indicateur binaire, objectif non atteint : 0")
                .with_input("Montant maximal (contrat)", max),
            Applied::Tier {
                value,
                better,
                comparison,
                best,
            } => {
                let compared: &'static str = match (better, comparison) {
                    (Better::Higher, TierComparison::Inclusive) => {
                        "atteint si la valeur est ≥ au seuil"
                    }
                    (Better::Higher, TierComparison::Strict) => {
                        "atteint si la valeur est > au seuil"
                    }
                    (Better::Lower, TierComparison::Inclusive) => {
                        "atteint si la valeur est ≤ au seuil"
                    }
                    (Better::Lower, TierComparison::Strict) => {
                        "atteint si la valeur est < au seuil"
                    }
                };
                let mut e = Explanation::leaf_with_inputs(label, self.amount, 6)
                    .with_rule("indicateur à paliers : le montant du meilleur palier atteint (les paliers ne s'additionnent pas) ; hors paliers, 0 (convention)")
                    .with_input("Valeur mesurée", InputValue::Number(value))
                    .with_sourced_input("Palier", InputValue::Text(compared.into()), convention)
                    .with_input("Montant maximal (contrat)", max);
                if let Some(t) = best {
                    e = e.with_input("Seuil du palier atteint", InputValue::Number(t.threshold));
                    if let Some(name) = &t.label {
                        e = e.with_input("Palier atteint", InputValue::Text(name.clone().into()));
                    }
                }
                e
            }
            Applied::Proportion {
                value,
                baseline,
                target,
                ratio,
            } => Explanation::leaf_with_inputs(label, self.amount, 6)
                .with_rule("indicateur proportionnel : montant maximal × (valeur − référence) / (cible − référence), borné entre 0 et 1, arrondi")
                .with_input("Valeur mesurée", InputValue::Number(value))
                .with_input("Référence (contrat)", InputValue::Number(baseline))
                .with_input("Cible (contrat)", InputValue::Number(target))
                .with_input("Proportion retenue", InputValue::Rate(ratio.round_dp(6)))
                .with_input("Montant maximal (contrat)", max)
                .with_sourced_input("Arrondi", InputValue::Text(rounding.label_fr().into()), convention),
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The bytes say what the characters say, for any text.
        #[test]
        fn controls_are_found_in_the_bytes(s in "\\PC*|[\\x00-\\x{a0}é«»]{0,40}|.{0,40}") {
            proptest::prop_assert_eq!(super::has_control(&s), s.chars().any(char::is_control));
        }
    }

    #[test]
    fn controls_of_the_latin_1_block() {
        assert!(super::has_control("a\u{85}b"));
        assert!(super::has_control("\u{9f}"));
        assert!(!super::has_control("« dépistage »\u{a0}2025"));
        assert!(super::has_control("tab\there"));
        assert!(super::has_control("\u{7f}"));
    }
}
