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

/// Which crises recognised in a contract year earn the crisis mission's activation amount (a
/// library convention).
///
/// The one contract found says « En cas de crise reconnue par l'ARS : mise en œuvre du plan,
/// nombre de PS participants, nombre d'actions » (activation amount « si crise reconnue par
/// l'ARS »): the activation pays for putting the CPTS's crisis plan to work, a plan written
/// once the mission has started (« plan écrit la 1re année »). Neither the ACI as amended by
/// avenant 2 nor the contract says whether a crisis recognised before the mission starts
/// counts.
///
/// JSON: `"mission_started_on_crisis_day"` or `"any_crisis_in_year"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CrisisActivation {
    /// Only a crisis recognised on or after the day the crisis mission started (its start
    /// date in the contract): before, the CPTS has no plan to put to work.
    #[default]
    MissionStartedOnCrisisDay,
    /// Every crisis recognised in the contract year, whether the mission had started or not
    /// (the library's reading before this convention was named).
    AnyCrisisInYear,
}

/// The conventions of the funding engine, with their defaults.
///
/// JSON: `{"proration": "calendar_days", "rounding": "cent_half_away_from_zero",
/// "balance": "rounded_envelope_minus_advance", "month_arithmetic": "clamp_to_end_of_month",
/// "tier_comparison": "inclusive", "deadline_anchor": "later_of_signature_and_applicability",
/// "crisis_activations_per_year": 1, "crisis_activation": "mission_started_on_crisis_day"}`;
/// every field optional.
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
    /// Which recognised crises count for the activation.
    pub crisis_activation: CrisisActivation,
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
            crisis_activation: CrisisActivation::MissionStartedOnCrisisDay,
        }
    }
}

impl PaymentConventions {
    /// The source of every convention: this library (no legal text found).
    pub fn source(&self) -> Source {
        cited::LIBRARY_CONVENTION
    }
}
