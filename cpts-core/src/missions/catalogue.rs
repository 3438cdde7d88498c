//! A mission's rule under one ACI version: socle or optional, from when it applies, its
//! deadlines. The rules themselves are data, in the ACI parameter sets (`data/aci/*.toml`,
//! read through [`crate::aci::ParameterCatalogue`]).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DeadlineAnchor, Mission};
use crate::calendar::MonthArithmetic;
use crate::source::Source;

/// Whether a mission is mandatory.
///
/// JSON: `"socle"` or `"optional"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Obligation {
    /// Mission socle: mandatory, with deadlines counted from the contract signature.
    Socle,
    /// Optional (complémentaire): on dates the CPTS sets.
    Optional,
}

/// A mission's rule under one ACI version.
///
/// JSON: `{"mission": "prevention", "obligation": "socle", "applies_from": "2019-08-25",
/// "start_within_months": 12, "deploy_within_months": 24, "source": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionRule {
    /// The mission.
    pub mission: Mission,
    /// Socle or optional.
    pub obligation: Obligation,
    /// First day the mission applies under this version.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub applies_from: NaiveDate,
    /// Months to start it (socle missions only).
    pub start_within_months: Option<u32>,
    /// Months to deploy it fully (socle missions only).
    pub deploy_within_months: Option<u32>,
    /// Where the rule comes from.
    pub source: Source,
}

impl MissionRule {
    /// The last days on time to start and to deploy a mission socle of a contract signed on
    /// `signed_on` (`None` for an optional mission, or a date out of range).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cpts_core::aci::ParameterCatalogue;
    /// use cpts_core::calendar::MonthArithmetic;
    /// use cpts_core::missions::{DeadlineAnchor, Mission};
    /// let catalogue = ParameterCatalogue::embedded().unwrap();
    /// let crisis = catalogue.get("aci_2019_avenant_2").unwrap().mission_rule(Mission::CrisesSanitairesGraves).unwrap();
    /// let signed = NaiveDate::from_ymd_opt(2022, 4, 15).unwrap();
    /// // Signed before the crisis mission applied (3 Sep 2022): its 6/18 months run from then.
    /// let (start, deploy) = crisis.deadlines(signed, DeadlineAnchor::default(), MonthArithmetic::default()).unwrap();
    /// assert_eq!((start.to_string(), deploy.to_string()), ("2023-03-03".into(), "2024-03-03".into()));
    /// ```
    pub fn deadlines(
        &self,
        signed_on: NaiveDate,
        anchor: DeadlineAnchor,
        months: MonthArithmetic,
    ) -> Option<(NaiveDate, NaiveDate)> {
        let from = match anchor {
            DeadlineAnchor::LaterOfSignatureAndApplicability => signed_on.max(self.applies_from),
        };
        Some((
            months.add_months(from, self.start_within_months?)?,
            months.add_months(from, self.deploy_within_months?)?,
        ))
    }
}
