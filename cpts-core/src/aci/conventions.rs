//! The payment conventions: each a named parameter a caller can change, because no text
//! found settles it (each says what the texts leave open). Results record the conventions applied.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::money::Rounding;
use crate::calendar::MonthArithmetic;
use crate::missions::DeadlineAnchor;
use crate::source::{Source, cited};

/// How the first-year fixed envelope of a mission is prorated (a library convention: the
/// contrat-type says only « proratisé »).
///
/// JSON: `"calendar_days"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Proration {
    /// Days from the start date to the next anniversary, over the days of that contract year
    /// (366 when it holds 29 February).
    #[default]
    CalendarDays,
}

/// How a balance is computed (a library convention).
///
/// JSON: `"rounded_envelope_minus_advance"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BalanceRule {
    /// The rounded prorated (or full) envelope minus the advance paid, so that advance and
    /// balance add up exactly.
    #[default]
    RoundedEnvelopeMinusAdvance,
}

/// Whether reaching a tier threshold means « at least » or « beyond » (a library convention:
/// contracts say « atteinte »).
///
/// JSON: `"inclusive"` or `"strict"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TierComparison {
    /// ≥ the threshold when higher is better, ≤ when lower is better.
    #[default]
    Inclusive,
    /// > the threshold when higher is better, < when lower is better.
    Strict,
}

/// The conventions of the funding engine, with their defaults.
///
/// JSON: `{"proration": "calendar_days", "rounding": "cent_half_away_from_zero",
/// "balance": "rounded_envelope_minus_advance", "month_arithmetic": "clamp_to_end_of_month",
/// "tier_comparison": "inclusive", "deadline_anchor": "later_of_signature_and_applicability",
/// "crisis_activations_per_year": 1}`; every field optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PaymentConventions {
    /// Proration of the first fixed payment of a mission.
    pub proration: Proration,
    /// Rounding of each payment line (default: to the cent, halves away from zero). Totals
    /// are sums of rounded lines.
    pub rounding: super::money::Rounding,
    /// How balances are computed.
    pub balance: BalanceRule,
    /// How months are added to dates (anniversaries, deadlines).
    pub month_arithmetic: MonthArithmetic,
    /// Whether reaching a tier threshold is ≥ or >. A value outside every tier earns 0.
    pub tier_comparison: TierComparison,
    /// From when the deadlines of a mission socle run.
    pub deadline_anchor: DeadlineAnchor,
    /// How many crisis activations are due at most per contract year, unless the contract
    /// says otherwise (default 1: « at most once per contract year »).
    pub crisis_activations_per_year: u32,
}

impl Default for PaymentConventions {
    fn default() -> Self {
        PaymentConventions {
            proration: Proration::CalendarDays,
            rounding: Rounding::CentHalfAwayFromZero,
            balance: BalanceRule::RoundedEnvelopeMinusAdvance,
            month_arithmetic: MonthArithmetic::ClampToEndOfMonth,
            tier_comparison: TierComparison::Inclusive,
            deadline_anchor: DeadlineAnchor::LaterOfSignatureAndApplicability,
            crisis_activations_per_year: 1,
        }
    }
}

impl PaymentConventions {
    /// The source of every convention: this library (no legal text found).
    pub fn source(&self) -> Source {
        cited::LIBRARY_CONVENTION
    }
}
