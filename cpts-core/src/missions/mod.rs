//! The six missions of a CPTS, which are socle (mandatory) or optional under each version
//! of the ACI, their start and deployment deadlines, a CPTS's progress on them, and the
//! check listing the missions late to start or to deploy on a date.
//!
//! | Rule | Value | Source |
//! |---|---|---|
//! | Six public-service missions | accès aux soins; parcours pluriprofessionnels; prévention; crises sanitaires graves; qualité et pertinence; accompagnement des professionnels | L1434-12-2 CSP (official) |
//! | ACI 2019 (in force 25 Aug 2019) | 3 socles + 2 optional | PAPS Hauts-de-France (official) |
//! | ACI 2019 + avenant 2 | 4 socles (crisis mission added) + 2 optional | ameli.fr (official) |
//! | Crisis mission applies | from 3 Sep 2022 | CPTS du Val (other) |
//! | Deadlines (start / full deployment, months after signature) | accès 6/18; parcours 12/24; prévention 12/24; crise 6/18; optional missions: dates set by the CPTS | PAPS Hauts-de-France, 30 Nov 2023 (official) |
//! | Version change date | avenant 2 applies from the JO of 31 Mar 2022 (publication day) | **library convention** (publication day vs the day after: not confirmed) |
//!
//! The rules are data: each ACI parameter set (`data/aci/*.toml`) lists its missions, with
//! their sources; [`late_missions`] reads them from a [`crate::aci::ParameterCatalogue`].
//! | Deadline anchor for a mission that applies after signature | the later of the signature and the date the mission applies ([`DeadlineAnchor`]) | **library convention** |
//! | A start or deployment on its deadline day | on time | **library convention** |

mod catalogue;
mod progress;

pub use catalogue::{MissionRule, Obligation};
pub use progress::{
    DeadlineAnchor, LateMission, LateMissionsReport, LateStep, MissionError, MissionPlan,
    MissionProgress, late_missions,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A mission of a CPTS (L1434-12-2 CSP).
///
/// JSON: `"acces_aux_soins"`, `"parcours_pluriprofessionnels"`, `"prevention"`,
/// `"crises_sanitaires_graves"`, `"qualite_pertinence"`, `"accompagnement_professionnels"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mission {
    /// Faciliter l'accès aux soins: médecin traitant and soins non programmés.
    AccesAuxSoins,
    /// Organisation de parcours pluriprofessionnels autour du patient.
    ParcoursPluriprofessionnels,
    /// Actions territoriales de prévention.
    Prevention,
    /// Réponse aux crises sanitaires graves (avenant 2).
    CrisesSanitairesGraves,
    /// Qualité et pertinence des soins.
    QualitePertinence,
    /// Accompagnement des professionnels de santé (attractivité du territoire).
    AccompagnementProfessionnels,
}

impl std::fmt::Display for Mission {
    /// The JSON name (`acces_aux_soins`), as messages write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::names::json_name(self))
    }
}

impl Mission {
    /// The six missions in the order of L1434-12-2.
    pub const ALL: [Mission; 6] = [
        Mission::AccesAuxSoins,
        Mission::ParcoursPluriprofessionnels,
        Mission::Prevention,
        Mission::CrisesSanitairesGraves,
        Mission::QualitePertinence,
        Mission::AccompagnementProfessionnels,
    ];

    /// French name.
    pub fn label_fr(self) -> &'static str {
        match self {
            Mission::AccesAuxSoins => "accès aux soins (médecin traitant, soins non programmés)",
            Mission::ParcoursPluriprofessionnels => "parcours pluriprofessionnels",
            Mission::Prevention => "prévention",
            Mission::CrisesSanitairesGraves => "réponse aux crises sanitaires graves",
            Mission::QualitePertinence => "qualité et pertinence des soins",
            Mission::AccompagnementProfessionnels => "accompagnement des professionnels de santé",
        }
    }
}
