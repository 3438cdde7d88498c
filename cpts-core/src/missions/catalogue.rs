//! Which missions are socle or optional under each ACI version, and their deadlines.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Mission;
use crate::source::{Source, cited};

/// A version of the ACI CPTS.
///
/// JSON: `"aci_2019"`, `"aci_2019_avenant_2"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AciVersion {
    /// ACI of 20 June 2019 (arrêté of 21 Aug 2019, JORF of 24 Aug 2019), in force
    /// 25 Aug 2019.
    Aci2019,
    /// The ACI as amended by avenant 2 (signed 20 Dec 2021, JO of 31 Mar 2022).
    Aci2019Avenant2,
}

/// Whether a mission is mandatory.
///
/// JSON: `"socle"` or `"optional"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionRule {
    /// The mission.
    pub mission: Mission,
    /// Socle or optional.
    pub obligation: Obligation,
    /// First day the mission applies under this version.
    pub applies_from: NaiveDate,
    /// Months to start it (socle missions only).
    pub start_within_months: Option<u32>,
    /// Months to deploy it fully (socle missions only).
    pub deploy_within_months: Option<u32>,
    /// Where the rule comes from.
    pub source: Source,
}

/// The missions of one ACI version.
///
/// JSON: `{"version": "aci_2019", "in_force_from": "2019-08-25", "in_force_until": "2022-03-30" | null,
/// "rules": [...], "source": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionCatalogue {
    /// The version.
    pub version: AciVersion,
    /// First day in force.
    pub in_force_from: NaiveDate,
    /// Last day in force (`None`: still in force).
    pub in_force_until: Option<NaiveDate>,
    /// One rule per mission of the version.
    pub rules: Vec<MissionRule>,
    /// The text of the version.
    pub source: Source,
}

/// No ACI applies on a date.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum CatalogueError {
    /// Before 25 Aug 2019 there is no ACI.
    #[error("no ACI CPTS is in force on {date}: the first one applies from {first_day}")]
    NoAciOnDate {
        /// The date asked.
        date: NaiveDate,
        /// The first day of the first ACI.
        first_day: NaiveDate,
    },
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// 25 Aug 2019: the ACI of 20 June 2019 enters into force.
pub(crate) const ACI_2019_IN_FORCE: NaiveDate = date(2019, 8, 25);
/// 31 Mar 2022: JO publication of the avenant 2 approval (library convention: in force on
/// the day of publication).
pub(crate) const AVENANT_2_IN_FORCE: NaiveDate = date(2022, 3, 31);
/// 3 Sep 2022: the crisis mission applies.
pub(crate) const CRISIS_MISSION_FROM: NaiveDate = date(2022, 9, 3);

fn socle(
    mission: Mission,
    from: NaiveDate,
    start: u32,
    deploy: u32,
    source: Source,
) -> MissionRule {
    MissionRule {
        mission,
        obligation: Obligation::Socle,
        applies_from: from,
        start_within_months: Some(start),
        deploy_within_months: Some(deploy),
        source,
    }
}

fn optional(mission: Mission, from: NaiveDate) -> MissionRule {
    MissionRule {
        mission,
        obligation: Obligation::Optional,
        applies_from: from,
        start_within_months: None,
        deploy_within_months: None,
        source: cited::PAPS_HDF_ACI,
    }
}

impl MissionCatalogue {
    /// The ACI of 2019: three missions socles, two optional.
    pub fn aci_2019() -> Self {
        let from = ACI_2019_IN_FORCE;
        MissionCatalogue {
            version: AciVersion::Aci2019,
            in_force_from: from,
            in_force_until: AVENANT_2_IN_FORCE.pred_opt(),
            rules: vec![
                socle(Mission::AccesAuxSoins, from, 6, 18, cited::PAPS_HDF_ACI),
                socle(
                    Mission::ParcoursPluriprofessionnels,
                    from,
                    12,
                    24,
                    cited::PAPS_HDF_ACI,
                ),
                socle(Mission::Prevention, from, 12, 24, cited::PAPS_HDF_ACI),
                optional(Mission::QualitePertinence, from),
                optional(Mission::AccompagnementProfessionnels, from),
            ],
            source: cited::ACI_2019,
        }
    }

    /// The ACI with avenant 2: the crisis mission becomes the fourth mission socle from
    /// 3 Sep 2022.
    pub fn aci_2019_avenant_2() -> Self {
        let mut catalogue = Self::aci_2019();
        catalogue.version = AciVersion::Aci2019Avenant2;
        catalogue.in_force_from = AVENANT_2_IN_FORCE;
        catalogue.in_force_until = None;
        catalogue.source = cited::ACI_AVENANT_2;
        let crisis_source = Source {
            title: Cow::Owned(format!(
                "{} ; deadlines: {}",
                cited::CRISIS_MISSION_START.title,
                cited::PAPS_HDF_ACI.title
            )),
            ..cited::CRISIS_MISSION_START
        };
        catalogue.rules.insert(
            3,
            socle(
                Mission::CrisesSanitairesGraves,
                CRISIS_MISSION_FROM,
                6,
                18,
                crisis_source,
            ),
        );
        catalogue
    }

    /// Every version, oldest first.
    pub fn all() -> Vec<MissionCatalogue> {
        vec![Self::aci_2019(), Self::aci_2019_avenant_2()]
    }

    /// The version in force on `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cpts_core::missions::{AciVersion, MissionCatalogue, Mission, Obligation};
    /// let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let c = MissionCatalogue::in_force_on(on(2023, 1, 1)).unwrap();
    /// assert_eq!(c.version, AciVersion::Aci2019Avenant2);
    /// assert_eq!(c.obligation_on(Mission::CrisesSanitairesGraves, on(2023, 1, 1)), Some(Obligation::Socle));
    /// assert_eq!(c.obligation_on(Mission::CrisesSanitairesGraves, on(2022, 9, 2)), None);
    /// assert!(MissionCatalogue::in_force_on(on(2019, 8, 24)).is_err());
    /// ```
    pub fn in_force_on(date: NaiveDate) -> Result<MissionCatalogue, CatalogueError> {
        Self::all()
            .into_iter()
            .rev()
            .find(|c| c.in_force_from <= date)
            .ok_or(CatalogueError::NoAciOnDate {
                date,
                first_day: ACI_2019_IN_FORCE,
            })
    }

    /// The rule of a mission, if the version has it.
    pub fn rule(&self, mission: Mission) -> Option<&MissionRule> {
        self.rules.iter().find(|r| r.mission == mission)
    }

    /// Socle or optional on `date` (`None` when the mission does not apply yet).
    pub fn obligation_on(&self, mission: Mission, date: NaiveDate) -> Option<Obligation> {
        self.rule(mission)
            .filter(|r| r.applies_from <= date)
            .map(|r| r.obligation)
    }

    /// The missions socles that apply on `date`.
    pub fn socles_on(&self, date: NaiveDate) -> impl Iterator<Item = Mission> + '_ {
        self.rules
            .iter()
            .filter(move |r| r.obligation == Obligation::Socle && r.applies_from <= date)
            .map(|r| r.mission)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socle_count_per_version() {
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            MissionCatalogue::aci_2019()
                .socles_on(on(2020, 1, 1))
                .count(),
            3
        );
        let av2 = MissionCatalogue::aci_2019_avenant_2();
        assert_eq!(av2.socles_on(on(2022, 9, 2)).count(), 3);
        assert_eq!(av2.socles_on(on(2022, 9, 3)).count(), 4);
        assert_eq!(av2.rules.len(), 6);
        let crisis = av2.rule(Mission::CrisesSanitairesGraves).unwrap();
        assert_eq!(
            (crisis.start_within_months, crisis.deploy_within_months),
            (Some(6), Some(18))
        );
        let parcours = av2.rule(Mission::ParcoursPluriprofessionnels).unwrap();
        assert_eq!(
            (parcours.start_within_months, parcours.deploy_within_months),
            (Some(12), Some(24))
        );
        assert_eq!(
            MissionCatalogue::in_force_on(on(2022, 3, 30))
                .unwrap()
                .version,
            AciVersion::Aci2019
        );
        assert_eq!(
            MissionCatalogue::in_force_on(on(2022, 3, 31))
                .unwrap()
                .version,
            AciVersion::Aci2019Avenant2
        );
    }
}
