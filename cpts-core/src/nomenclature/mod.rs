//! ANS nomenclatures (NOS): professions and establishment categories.
//!
//! A code is always paired with its code list ([`Code`] = [`CodeSystem`] + code): `93`
//! means « Psychologue » in TRE_R95 but is a deprecated code in TRE_G15. The tables are
//! transcribed from the ANS « Terminologies de Santé » v1.12.0
//! (<https://smt.esante.gouv.fr/>, the NOS code lists) with each code system's version; deprecated codes stay decodable and are
//! flagged.

mod professions;
mod structures;

use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use professions::{Ordre, ProfessionCategory, ProfessionEntry, professions};
pub use structures::{StructureCategoryEntry, StructureKind, structure_categories};

/// An ANS code system.
///
/// JSON: `"tre_g15"`, `"tre_r95"`, `"tre_r94"`, `"tre_r291"`, `"tre_r66"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeSystem {
    /// TRE_G15-ProfessionSante: the health professions of the CSP (Part IV, books I–III).
    TreG15,
    /// TRE_R95-UsagerTitre: professionals using a protected title (psychologue,
    /// ostéopathe, …).
    TreR95,
    /// TRE_R94-ProfessionSocial: social professions.
    TreR94,
    /// TRE_R291-AutreProfession: other actors of the health system.
    TreR291,
    /// TRE_R66-CategorieEtablissement: FINESS establishment categories.
    TreR66,
}

impl CodeSystem {
    /// All code systems.
    pub const ALL: [CodeSystem; 5] = [
        CodeSystem::TreG15,
        CodeSystem::TreR95,
        CodeSystem::TreR94,
        CodeSystem::TreR291,
        CodeSystem::TreR66,
    ];

    /// The ANS name of the code system.
    pub fn name(self) -> &'static str {
        match self {
            CodeSystem::TreG15 => "TRE_G15-ProfessionSante",
            CodeSystem::TreR95 => "TRE_R95-UsagerTitre",
            CodeSystem::TreR94 => "TRE_R94-ProfessionSocial",
            CodeSystem::TreR291 => "TRE_R291-AutreProfession",
            CodeSystem::TreR66 => "TRE_R66-CategorieEtablissement",
        }
    }

    /// The canonical FHIR URL (ANS MOS).
    pub fn url(self) -> &'static str {
        match self {
            CodeSystem::TreG15 => {
                "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante"
            }
            CodeSystem::TreR95 => {
                "https://mos.esante.gouv.fr/NOS/TRE_R95-UsagerTitre/FHIR/TRE-R95-UsagerTitre"
            }
            CodeSystem::TreR94 => {
                "https://mos.esante.gouv.fr/NOS/TRE_R94-ProfessionSocial/FHIR/TRE-R94-ProfessionSocial"
            }
            CodeSystem::TreR291 => {
                "https://mos.esante.gouv.fr/NOS/TRE_R291-AutreProfession/FHIR/TRE-R291-AutreProfession"
            }
            CodeSystem::TreR66 => {
                "https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement"
            }
        }
    }

    /// The OID, when established.
    pub fn oid(self) -> Option<&'static str> {
        match self {
            CodeSystem::TreG15 => Some("1.2.250.1.71.1.2.7"),
            CodeSystem::TreR95 => Some("1.2.250.1.213.1.6.1.109"),
            CodeSystem::TreR94 => None,
            CodeSystem::TreR291 => Some("1.2.250.1.213.1.6.1.140"),
            CodeSystem::TreR66 => Some("1.2.250.1.213.1.6.1.8"),
        }
    }

    /// The version of the code system the embedded table was transcribed from, when known.
    pub fn version(self) -> Option<&'static str> {
        match self {
            CodeSystem::TreG15 => Some("20250328120000"),
            CodeSystem::TreR66 => Some("20260505120000"),
            CodeSystem::TreR95 | CodeSystem::TreR94 | CodeSystem::TreR291 => None,
        }
    }
}

impl fmt::Display for CodeSystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A code of an ANS code system.
///
/// JSON: `{"system": "tre_g15", "code": "10"}`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Code {
    /// The code list.
    pub system: CodeSystem,
    /// The code in that list.
    pub code: String,
}

impl Code {
    /// A code of the given system.
    pub fn new(system: CodeSystem, code: impl Into<String>) -> Self {
        Code {
            system,
            code: code.into(),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.system, self.code)
    }
}

/// Whether a code is still in use.
///
/// JSON: `{"status": "active"}` or `{"status": "deprecated", "since": "2024-12-13" | null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum CodeStatus {
    /// In use.
    Active,
    /// Deprecated by the ANS: still decodable, not to be used for new data.
    Deprecated {
        /// Date of deprecation, when the source gives the day.
        #[serde(default, deserialize_with = "crate::calendar::optional_date")]
        since: Option<NaiveDate>,
    },
}

/// A code that is not in the embedded table of its code system.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum NomenclatureError {
    /// Unknown code.
    #[error("code « {code} » is not in {system} (version {version})")]
    UnknownCode {
        /// The code list searched.
        system: CodeSystem,
        /// The code given.
        code: String,
        /// The version of the embedded table.
        version: &'static str,
    },
    /// The code belongs to a list that cannot be used here.
    #[error("{code} cannot be used for {field}: {expected} expected")]
    WrongCodeSystem {
        /// The field being set.
        field: &'static str,
        /// The code given.
        code: Code,
        /// The code lists accepted.
        expected: crate::messages::Bilingual,
    },
}

pub(crate) fn unknown(system: CodeSystem, code: &str) -> NomenclatureError {
    NomenclatureError::UnknownCode {
        system,
        code: crate::identifiers::shown(code),
        version: system.version().unwrap_or("unversioned"),
    }
}
