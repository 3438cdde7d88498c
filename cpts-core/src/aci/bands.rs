//! Population bands (tailles) of the ACI.
//!
//! The thresholds are official (40 000, 80 000, 175 000 inhabitants: PAPS Hauts-de-France);
//! which band holds a population exactly on a threshold is a library convention written in
//! the parameter files as inclusive ranges (see `data/aci/*.toml`).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::source::Source;

/// A population band of the ACI: « taille 1 » to « taille 4 » in the official texts.
///
/// JSON: a number (`3`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(try_from = "crate::messages::Unchecked<u8>", into = "u8")]
pub struct Taille(u8);

impl Taille {
    /// A band number, 1 to 9.
    pub fn new(n: u8) -> Option<Taille> {
        (1..=9).contains(&n).then_some(Taille(n))
    }

    /// The band number.
    pub fn number(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Taille {
    type Error = crate::messages::Bilingual;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Taille::new(n).ok_or_else(|| crate::messages::rules::not_a_taille(n))
    }
}

impl From<Taille> for u8 {
    fn from(t: Taille) -> u8 {
        t.0
    }
}

impl fmt::Display for Taille {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "taille {}", self.0)
    }
}

/// The populations of one band, bounds included.
///
/// JSON: `{"taille": 2, "min": 40000, "max": 80000, "source": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandRange {
    /// The band.
    pub taille: Taille,
    /// Smallest population in the band.
    pub min: u64,
    /// Largest population in the band (`None`: no maximum).
    pub max: Option<u64>,
    /// Where the band and its boundaries come from.
    pub source: Source,
}

impl BandRange {
    /// True when `population` falls in this band.
    pub fn contains(&self, population: u64) -> bool {
        population >= self.min && self.max.is_none_or(|m| population <= m)
    }

    /// French wording of the range: « de 40 000 à 80 000 habitants ».
    pub fn label_fr(&self) -> String {
        match self.max {
            Some(max) => format!(
                "de {} à {} habitants",
                super::money::group_thousands(self.min),
                super::money::group_thousands(max)
            ),
            None => format!(
                "{} habitants ou plus",
                super::money::group_thousands(self.min)
            ),
        }
    }
}

crate::messages::refused_through_serde!(Taille, u8, crate::messages::Refusal::rule);
