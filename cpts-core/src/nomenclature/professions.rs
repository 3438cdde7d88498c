//! Professions: TRE_G15 (health professions of the CSP) and the code lists of the other
//! professionals CPTS admit (TRE_R95 usage de titre, TRE_R94 social, TRE_R291 autre).
//!
//! Transcribed from the ANS NOS code lists (Terminologies de Santé v1.12.0,
//! <https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/>;
//! categories from CSP Part IV via vie-publique.fr fiche 37855; ordres from the same page).
//! Note: the diététicien is TRE_G15 code 95, a CSP auxiliaire médical, although one seed
//! lists it among « autres professionnels »; the nomenclature wins.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::{Code, CodeStatus, CodeSystem, NomenclatureError, unknown};

/// Where a profession sits in the Code de la santé publique, Part IV.
///
/// JSON: a snake_case string.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProfessionCategory {
    /// Profession médicale (Livre Ier: médecins, chirurgiens-dentistes, sages-femmes).
    ProfessionMedicale,
    /// Professions de la pharmacie et de la physique médicale (Livre II).
    Pharmacie,
    /// Auxiliaire médical (Livre III: infirmiers, masseurs-kinésithérapeutes,
    /// orthophonistes, diététiciens, …).
    AuxiliaireMedical,
    /// Livre III but not an auxiliaire médical: aides-soignants, auxiliaires de
    /// puériculture, ambulanciers, assistants dentaires.
    AutreLivreIii,
    /// Not a health profession of the CSP (psychologue, ostéopathe, social professions,
    /// other actors).
    HorsCsp,
}

/// A professional order (ordre) registration with which is required to practise.
///
/// JSON: a snake_case string.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ordre {
    /// Conseil national de l'ordre des médecins.
    Cnom,
    /// Conseil national de l'ordre des pharmaciens.
    Cnop,
    /// Ordre national des chirurgiens-dentistes.
    Oncd,
    /// Conseil national de l'ordre des sages-femmes.
    Cnosf,
    /// Ordre national des infirmiers.
    Oni,
    /// Conseil national de l'ordre des masseurs-kinésithérapeutes.
    Cnomk,
    /// Ordre national des pédicures-podologues.
    Onpp,
}

/// One profession of a code list.
///
/// JSON (output only): `{"system": "tre_g15", "code": "10", "label": "Médecin",
/// "category": "profession_medicale", "ordre": "cnom", "status": {"status": "active"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProfessionEntry {
    /// Code list.
    pub system: CodeSystem,
    /// Code.
    pub code: &'static str,
    /// ANS display label.
    pub label: &'static str,
    /// CSP category.
    pub category: ProfessionCategory,
    /// Ordre, for the seven professions that have one.
    pub ordre: Option<Ordre>,
    /// Active or deprecated.
    pub status: CodeStatus,
}

impl ProfessionEntry {
    /// The code of this entry, paired with its list.
    pub fn code(&self) -> Code {
        Code::new(self.system, self.code)
    }

    /// True for a health profession of the CSP (code list TRE_G15, not the deprecated
    /// psychologue code).
    pub fn is_health_profession(&self) -> bool {
        self.system == CodeSystem::TreG15 && self.category != ProfessionCategory::HorsCsp
    }

    /// Looks a code up in the embedded tables.
    ///
    /// ```
    /// use cpts_core::nomenclature::{CodeSystem, ProfessionEntry, ProfessionCategory};
    /// let e = ProfessionEntry::lookup(CodeSystem::TreG15, "95").unwrap();
    /// assert_eq!(e.label, "Diététicien");
    /// assert_eq!(e.category, ProfessionCategory::AuxiliaireMedical);
    /// assert_eq!(ProfessionEntry::lookup(CodeSystem::TreR95, "93").unwrap().label, "Psychologue");
    /// ```
    pub fn lookup(
        system: CodeSystem,
        code: &str,
    ) -> Result<&'static ProfessionEntry, NomenclatureError> {
        let code = code.trim();
        PROFESSIONS
            .iter()
            .find(|e| e.system == system && e.code == code)
            .ok_or_else(|| unknown(system, code))
    }

    /// Looks a [`Code`] up.
    pub fn for_code(code: &Code) -> Result<&'static ProfessionEntry, NomenclatureError> {
        Self::lookup(code.system, &code.code)
    }
}

/// Every profession of the embedded tables.
pub fn professions() -> &'static [ProfessionEntry] {
    PROFESSIONS
}

const fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const ACTIVE: CodeStatus = CodeStatus::Active;
const DEPRECATED_2024_12_13: CodeStatus = CodeStatus::Deprecated {
    since: date(2024, 12, 13),
};

const fn g15(
    code: &'static str,
    label: &'static str,
    category: ProfessionCategory,
    ordre: Option<Ordre>,
    status: CodeStatus,
) -> ProfessionEntry {
    ProfessionEntry {
        system: CodeSystem::TreG15,
        code,
        label,
        category,
        ordre,
        status,
    }
}

const fn other(
    system: CodeSystem,
    code: &'static str,
    label: &'static str,
    status: CodeStatus,
) -> ProfessionEntry {
    ProfessionEntry {
        system,
        code,
        label,
        category: ProfessionCategory::HorsCsp,
        ordre: None,
        status,
    }
}

use Ordre::*;
use ProfessionCategory::*;

static PROFESSIONS: &[ProfessionEntry] = &[
    g15("10", "Médecin", ProfessionMedicale, Some(Cnom), ACTIVE),
    g15("21", "Pharmacien", Pharmacie, Some(Cnop), ACTIVE),
    g15("26", "Audioprothésiste", AuxiliaireMedical, None, ACTIVE),
    g15("28", "Opticien-Lunetier", AuxiliaireMedical, None, ACTIVE),
    g15("31", "Assistant dentaire", AutreLivreIii, None, ACTIVE),
    g15("32", "Physicien médical", Pharmacie, None, ACTIVE),
    g15(
        "35",
        "Aide-soignant",
        AutreLivreIii,
        None,
        DEPRECATED_2024_12_13,
    ),
    g15(
        "36",
        "Ambulancier",
        AutreLivreIii,
        None,
        DEPRECATED_2024_12_13,
    ),
    g15(
        "37",
        "Auxiliaire de puériculture",
        AutreLivreIii,
        None,
        DEPRECATED_2024_12_13,
    ),
    g15(
        "38",
        "Préparateur en pharmacie hospitalière",
        Pharmacie,
        None,
        DEPRECATED_2024_12_13,
    ),
    g15(
        "39",
        "Préparateur en pharmacie (officine)",
        Pharmacie,
        None,
        DEPRECATED_2024_12_13,
    ),
    g15(
        "40",
        "Chirurgien-Dentiste",
        ProfessionMedicale,
        Some(Oncd),
        ACTIVE,
    ),
    g15("50", "Sage-Femme", ProfessionMedicale, Some(Cnosf), ACTIVE),
    g15("60", "Infirmier", AuxiliaireMedical, Some(Oni), ACTIVE),
    // Ordre of the infirmier psychiatrique: not checked by the reference, left empty.
    g15(
        "69",
        "Infirmier psychiatrique",
        AuxiliaireMedical,
        None,
        ACTIVE,
    ),
    g15(
        "70",
        "Masseur-Kinésithérapeute",
        AuxiliaireMedical,
        Some(Cnomk),
        ACTIVE,
    ),
    g15(
        "80",
        "Pédicure-Podologue",
        AuxiliaireMedical,
        Some(Onpp),
        ACTIVE,
    ),
    g15("81", "Orthoprothésiste", AuxiliaireMedical, None, ACTIVE),
    g15("82", "Podo-Orthésiste", AuxiliaireMedical, None, ACTIVE),
    g15(
        "83",
        "Orthopédiste-Orthésiste",
        AuxiliaireMedical,
        None,
        ACTIVE,
    ),
    g15("84", "Oculariste", AuxiliaireMedical, None, ACTIVE),
    g15("85", "Epithésiste", AuxiliaireMedical, None, ACTIVE),
    g15(
        "86",
        "Technicien de laboratoire médical",
        AuxiliaireMedical,
        None,
        ACTIVE,
    ),
    g15("91", "Orthophoniste", AuxiliaireMedical, None, ACTIVE),
    g15("92", "Orthoptiste", AuxiliaireMedical, None, ACTIVE),
    // Deprecated 2021-12-17: psychologists are coded TRE_R95 #93.
    g15(
        "93",
        "Psychologue",
        HorsCsp,
        None,
        CodeStatus::Deprecated {
            since: date(2021, 12, 17),
        },
    ),
    g15("94", "Ergothérapeute", AuxiliaireMedical, None, ACTIVE),
    g15("95", "Diététicien", AuxiliaireMedical, None, ACTIVE),
    g15("96", "Psychomotricien", AuxiliaireMedical, None, ACTIVE),
    g15("98", "Manipulateur ERM", AuxiliaireMedical, None, ACTIVE),
    other(CodeSystem::TreR95, "71", "Ostéopathe", ACTIVE),
    other(CodeSystem::TreR95, "72", "Psychothérapeute", ACTIVE),
    other(CodeSystem::TreR95, "73", "Chiropracteur", ACTIVE),
    other(CodeSystem::TreR95, "93", "Psychologue", ACTIVE),
    other(
        CodeSystem::TreR95,
        "97",
        "Conseiller en génétique",
        DEPRECATED_2024_12_13,
    ),
    other(
        CodeSystem::TreR94,
        "41",
        "Assistant de service social",
        ACTIVE,
    ),
    other(
        CodeSystem::TreR291,
        "99",
        "Acteur participant au système de santé caractérisé par rôle",
        ACTIVE,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_often_quoted_wrongly() {
        // ANS TRE_G15: 94 Ergothérapeute, 95 Diététicien, 96 Psychomotricien.
        let label = |c| {
            ProfessionEntry::lookup(CodeSystem::TreG15, c)
                .unwrap()
                .label
        };
        assert_eq!(label("94"), "Ergothérapeute");
        assert_eq!(label("95"), "Diététicien");
        assert_eq!(label("96"), "Psychomotricien");
        let psy_g15 = ProfessionEntry::lookup(CodeSystem::TreG15, "93").unwrap();
        assert!(matches!(psy_g15.status, CodeStatus::Deprecated { .. }));
        assert!(!psy_g15.is_health_profession());
        assert_eq!(
            ProfessionEntry::lookup(CodeSystem::TreR95, "71")
                .unwrap()
                .label,
            "Ostéopathe"
        );
    }

    #[test]
    fn seven_professions_have_an_ordre() {
        let with_ordre = PROFESSIONS.iter().filter(|e| e.ordre.is_some()).count();
        assert_eq!(with_ordre, 7);
    }

    #[test]
    fn codes_are_unique_within_their_list() {
        for (i, a) in PROFESSIONS.iter().enumerate() {
            for b in &PROFESSIONS[i + 1..] {
                assert!(
                    !(a.system == b.system && a.code == b.code),
                    "{} twice",
                    a.code
                );
            }
        }
    }

    #[test]
    fn unknown_code_names_the_list() {
        let err = ProfessionEntry::lookup(CodeSystem::TreG15, "12").unwrap_err();
        assert_eq!(
            err.to_string(),
            "code « 12 » is not in TRE_G15-ProfessionSante (version 20250328120000)"
        );
    }
}
