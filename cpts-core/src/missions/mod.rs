//! The missions of a CPTS (the six of L1434-12-2 CSP, and any an avenant adds), which are
//! socle (mandatory) or optional under each version of the ACI, their start and deployment deadlines, a CPTS's progress on them, and the
//! check listing the missions late to start or to deploy on a date.
//!
//! | Rule | Value | Source |
//! |---|---|---|
//! | Six public-service missions, 1° to 6° | accès aux soins; parcours pluriprofessionnels; prévention; qualité et pertinence; accompagnement des professionnels; crises sanitaires | L1434-12-2 CSP (official), <https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000043496493> (ord. 2021-584) |
//! | ACI 2019 (in force 25 Aug 2019) | 3 socles + 2 optional | PAPS Hauts-de-France (official) |
//! | ACI 2019 + avenant 2 | 4 socles (crisis mission added) + 2 optional | ameli.fr (official) |
//! | Crisis mission applies | from 3 Sep 2022 | CPTS du Val (other) |
//! | Deadlines (start / full deployment, months after signature) | accès 6/18; parcours 12/24; prévention 12/24; crise 6/18; optional missions: dates set by the CPTS | PAPS Hauts-de-France, 30 Nov 2023 (official) |
//! | Version change date | avenant 2 applies from the JO of 31 Mar 2022 (publication day) | **library convention** (publication day vs the day after: not confirmed) |
//! | Deadline anchor for a mission that applies after signature | the later of the signature and the date the mission applies ([`DeadlineAnchor`]) | **library convention** |
//! | A start or deployment on its deadline day | on time | **library convention** |
//! | Crisis mission applies, second source | « Entrée en vigueur le 3 septembre 2022 » | CPTS Autour du Bois (other) |
//! | Pending | an avenant to the ACI CPTS « afin de prévoir les modalités de soutien de ces communautés aux structures du réseau France santé », negotiations to be engaged within six months | LFSS 2026 (loi n° 2025-1403 du 30 décembre 2025) art. 63 § VIII (official); outcome unknown on 1 Dec 2026 |
//!
//! Missions are data. Each ACI parameter set (`data/aci/*.toml`, or a file an ARS loads)
//! defines its missions: the stable id, the French label, the article, socle or optional,
//! the date it applies from, its deadlines, its sources ([`MissionRule`]). The six of
//! L1434-12-2 are the well-known ids, with typed constants ([`Mission::ACCES_AUX_SOINS`] …);
//! an avenant that adds a mission adds an entry to its parameter set, and contracts,
//! schedules and [`late_missions`] take it with no new release of the library.

mod catalogue;
mod progress;

pub use catalogue::{MissionRule, Obligation};
pub use progress::{
    DeadlineAnchor, LateMission, LateMissionsReport, LateStep, MissionError, MissionPlan,
    MissionProgress, late_missions,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A mission of a CPTS: the stable id a parameter set defines it under (`acces_aux_soins`).
///
/// The six missions of L1434-12-2 CSP are the well-known ids, with a constant each
/// ([`Mission::ACCES_AUX_SOINS`] …, in the article's order in [`Mission::WELL_KNOWN`]). Any
/// other id is a mission a parameter set may define (an avenant's new mission): what a
/// mission is (its label, article, obligation, deadlines, sources) is the parameter set's
/// [`MissionRule`], and contracts, plans and checks refuse a mission the set in force does not
/// define.
///
/// An id is 1 to 47 characters: lowercase ASCII letters, digits and `_`, starting with a
/// letter. It is held inline (no allocation; `Copy`), and ordered by its text.
///
/// JSON: a string, `"acces_aux_soins"`, `"parcours_pluriprofessionnels"`, `"prevention"`,
/// `"qualite_pertinence"`, `"accompagnement_professionnels"`, `"crises_sanitaires_graves"`, or
/// the id of a mission a parameter set defines.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mission {
    len: u8,
    bytes: [u8; Mission::MAX_LEN],
}

impl Mission {
    /// Longest id.
    pub const MAX_LEN: usize = 47;

    /// 1° L'amélioration de l'accès aux soins (médecin traitant, soins non programmés).
    pub const ACCES_AUX_SOINS: Mission = Mission::well_known("acces_aux_soins");
    /// 2° L'organisation de parcours de soins associant plusieurs professionnels de santé.
    pub const PARCOURS_PLURIPROFESSIONNELS: Mission =
        Mission::well_known("parcours_pluriprofessionnels");
    /// 3° Le développement d'actions territoriales de prévention.
    pub const PREVENTION: Mission = Mission::well_known("prevention");
    /// 4° Le développement de la qualité et de la pertinence des soins.
    pub const QUALITE_PERTINENCE: Mission = Mission::well_known("qualite_pertinence");
    /// 5° L'accompagnement des professionnels de santé sur leur territoire.
    pub const ACCOMPAGNEMENT_PROFESSIONNELS: Mission =
        Mission::well_known("accompagnement_professionnels");
    /// 6° La participation à la réponse aux crises sanitaires (mission socle since avenant 2).
    pub const CRISES_SANITAIRES_GRAVES: Mission = Mission::well_known("crises_sanitaires_graves");

    /// The six missions of L1434-12-2 CSP, in the article's order (1° to 6°: the crisis
    /// mission is 6°).
    pub const WELL_KNOWN: [Mission; 6] = [
        Mission::ACCES_AUX_SOINS,
        Mission::PARCOURS_PLURIPROFESSIONNELS,
        Mission::PREVENTION,
        Mission::QUALITE_PERTINENCE,
        Mission::ACCOMPAGNEMENT_PROFESSIONNELS,
        Mission::CRISES_SANITAIRES_GRAVES,
    ];

    /// A constant id (the empty id if it broke the rule: the test `well_known_ids` fails).
    const fn well_known(id: &str) -> Mission {
        match Mission::from_bytes(id.as_bytes()) {
            Some(m) => m,
            None => Mission {
                len: 0,
                bytes: [0; Mission::MAX_LEN],
            },
        }
    }

    const fn from_bytes(id: &[u8]) -> Option<Mission> {
        if id.is_empty() || id.len() > Mission::MAX_LEN || !id[0].is_ascii_lowercase() {
            return None;
        }
        let mut bytes = [0u8; Mission::MAX_LEN];
        let mut i = 0;
        while i < id.len() {
            let b = id[i];
            if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                return None;
            }
            bytes[i] = b;
            i += 1;
        }
        Some(Mission {
            len: id.len() as u8,
            bytes,
        })
    }

    /// The mission of this id, or the rule the id breaks.
    ///
    /// ```
    /// use cpts_core::missions::Mission;
    /// assert_eq!(Mission::new("prevention").unwrap(), Mission::PREVENTION);
    /// assert!(Mission::new("soutien_structures_france_sante").is_ok());
    /// assert!(Mission::new("Prévention").is_err());
    /// ```
    pub fn new(id: &str) -> Result<Mission, crate::messages::Bilingual> {
        Mission::from_bytes(id.as_bytes())
            .ok_or_else(|| crate::messages::rules::not_a_mission_id(id))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        // Only ASCII bytes are ever stored (see `from_bytes`).
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// True for the six missions of L1434-12-2.
    pub fn is_well_known(self) -> bool {
        Mission::WELL_KNOWN.contains(&self)
    }

    /// The French label of a well-known mission; `None` for a mission only a parameter set
    /// defines (its label is [`MissionRule::label_fr`]).
    pub fn well_known_label_fr(self) -> Option<&'static str> {
        Some(match self.as_str() {
            "acces_aux_soins" => "accès aux soins (médecin traitant, soins non programmés)",
            "parcours_pluriprofessionnels" => "parcours pluriprofessionnels",
            "prevention" => "prévention",
            "qualite_pertinence" => "qualité et pertinence des soins",
            "accompagnement_professionnels" => "accompagnement des professionnels de santé",
            "crises_sanitaires_graves" => "réponse aux crises sanitaires graves",
            _ => return None,
        })
    }

    /// The French name a message gives the mission when no parameter set is at hand: the
    /// well-known label, or the id in quotes (« soutien_structures_france_sante »).
    pub fn label_fr(self) -> std::borrow::Cow<'static, str> {
        match self.well_known_label_fr() {
            Some(label) => label.into(),
            None => format!("« {} »", self.as_str()).into(),
        }
    }
}

impl PartialOrd for Mission {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the id's text.
impl Ord for Mission {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Debug for Mission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mission({:?})", self.as_str())
    }
}

impl std::fmt::Display for Mission {
    /// The id (`acces_aux_soins`), as messages write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Mission {
    type Err = crate::messages::Bilingual;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mission::new(s)
    }
}

impl AsRef<str> for Mission {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Serialize for Mission {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Mission {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Mission::new(&text).map_err(|e| serde::de::Error::custom(crate::messages::Refusal::rule(e)))
    }
}

impl JsonSchema for Mission {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Mission".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]{0,46}$",
            "examples": Mission::WELL_KNOWN.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
            "description": "A mission's id, as the parameter set in force defines it. The six of L1434-12-2 CSP: \"acces_aux_soins\", \"parcours_pluriprofessionnels\", \"prevention\", \"qualite_pertinence\", \"accompagnement_professionnels\", \"crises_sanitaires_graves\"."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_ids() {
        let ids: Vec<&str> = Mission::WELL_KNOWN.iter().map(|m| m.as_str()).collect();
        assert_eq!(
            ids,
            [
                "acces_aux_soins",
                "parcours_pluriprofessionnels",
                "prevention",
                "qualite_pertinence",
                "accompagnement_professionnels",
                "crises_sanitaires_graves",
            ]
        );
        assert!(Mission::WELL_KNOWN.iter().all(|m| m.is_well_known()));
        assert!(
            Mission::WELL_KNOWN
                .iter()
                .all(|m| m.well_known_label_fr().is_some())
        );
    }

    #[test]
    fn the_id_rule() {
        for good in [
            "a",
            "soutien_structures_france_sante",
            "mission_7",
            &"a".repeat(47),
        ] {
            assert_eq!(Mission::new(good).unwrap().as_str(), good);
        }
        for bad in [
            "",
            "_a",
            "7a",
            "Prevention",
            "prévention",
            "a-b",
            "a b",
            &"a".repeat(48),
        ] {
            assert!(Mission::new(bad).is_err(), "{bad}");
        }
        let e = Mission::new("Prévention").unwrap_err();
        assert_eq!(
            e.fr(),
            "« Prévention » n'est pas un identifiant de mission (1 à 47 caractères : lettres minuscules sans accent, chiffres et _, en commençant par une lettre, comme acces_aux_soins)"
        );
        let new = Mission::new("soutien_structures_france_sante").unwrap();
        assert!(!new.is_well_known());
        assert_eq!(new.label_fr(), "« soutien_structures_france_sante »");
        assert_eq!(
            serde_json::to_string(&new).unwrap(),
            "\"soutien_structures_france_sante\""
        );
        // Ordered by the id's text.
        assert!(Mission::ACCES_AUX_SOINS < Mission::PREVENTION);
        assert!(Mission::CRISES_SANITAIRES_GRAVES < Mission::PARCOURS_PLURIPROFESSIONNELS);
    }
}
