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

/// A mission as one ACI version defines it: what the mission is (its label and article),
/// whether it is socle, from when it applies, its deadlines and its sources.
///
/// JSON: `{"mission": "prevention", "label_fr": "prévention", "article": "L1434-12-2 3° CSP",
/// "obligation": "socle", "applies_from": "2019-08-25", "start_within_months": 12,
/// "deploy_within_months": 24, "crisis_activation": false, "source": {...},
/// "further_sources": []}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionRule {
    /// The mission.
    pub mission: Mission,
    /// Its French label, as reports and explanations write it.
    pub label_fr: std::sync::Arc<str>,
    /// The article that sets the mission (`L1434-12-2 1° CSP`), or the text of the avenant
    /// that adds it; `None` when the set does not say.
    #[serde(default)]
    pub article: Option<String>,
    /// Socle or optional.
    pub obligation: Obligation,
    /// First day the mission applies under this version.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub applies_from: NaiveDate,
    /// Months to start it (socle missions only).
    pub start_within_months: Option<u32>,
    /// Months to deploy it fully (socle missions only).
    pub deploy_within_months: Option<u32>,
    /// True for a mission whose activation the ARS may trigger (the crisis mission: an amount
    /// « si crise reconnue par l'ARS »); only such a mission may carry a contract's
    /// `crisis_activation_amount`.
    #[serde(default)]
    pub crisis_activation: bool,
    /// Where the rule comes from.
    pub source: Source,
    /// Other sources that agree.
    #[serde(default)]
    pub further_sources: Vec<Source>,
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
    /// let crisis = catalogue.get("aci_2019_avenant_2").unwrap().mission_rule(Mission::CRISES_SANITAIRES_GRAVES).unwrap();
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
