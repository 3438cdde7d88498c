//! Legal-entity members of a CPTS: the kinds of structure the law and the seeds name, and
//! the FINESS categories (TRE_R66-CategorieEtablissement) that map to them.
//!
//! Sources: CSP L1434-12 (composition: professionnels de santé, équipes de soins primaires,
//! acteurs de premier et deuxième recours, acteurs médico-sociaux et sociaux, services de
//! prévention et de santé au travail); TRE_R66 version 20260505120000
//! (<https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/>). Kinds without a FINESS category (équipe de soins primaires,
//! association d'usagers, …) exist only as [`StructureKind`]s. Category `604` is the CPTS
//! itself ([`StructureCategoryEntry::CPTS_CODE`]), not a member kind.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Code, CodeStatus, CodeSystem, NomenclatureError, unknown};

/// The kind of a legal-entity member.
///
/// JSON: a snake_case string (`"etablissement_de_sante"`, `"esms"`, …).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StructureKind {
    /// Établissement de santé (hospital, clinic, HAD, …).
    EtablissementDeSante,
    /// Établissement ou service social et médico-social (EHPAD, SSIAD, SAMSAH, …).
    Esms,
    /// Maison de santé pluriprofessionnelle (MSP, L6323-3 CSP).
    MaisonDeSante,
    /// Centre de santé.
    CentreDeSante,
    /// Équipe de soins primaires (ESP, L1411-11-1 CSP): no FINESS category.
    EquipeDeSoinsPrimaires,
    /// Équipe de soins spécialisés (ESS): no FINESS category.
    EquipeDeSoinsSpecialises,
    /// Dispositif d'appui à la coordination (DAC).
    DispositifAppuiCoordination,
    /// Laboratoire de biologie médicale.
    LaboratoireBiologieMedicale,
    /// Pharmacie d'officine.
    Officine,
    /// Service de prévention et de santé au travail (SPST), member since the L1434-12
    /// amendment.
    ServicePreventionSanteTravail,
    /// Lieu ou structure de soins non programmés.
    SoinsNonProgrammes,
    /// Service social (CLIC, MDPH, service social de collectivité, …).
    ServiceSocial,
    /// Association d'usagers or de patients (not named by L1434-12; joins as an acteur
    /// social or associate member, per the statuts).
    AssociationUsagers,
    /// Acteur de la prévention (centre de dépistage, association de prévention).
    ActeurPrevention,
    /// Any other structure the statuts admit.
    Autre,
}

impl std::fmt::Display for StructureKind {
    /// The JSON name (`maison_de_sante`), as messages write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::names::json_name(self))
    }
}

impl StructureKind {
    /// Every kind.
    pub const ALL: [StructureKind; 15] = [
        StructureKind::EtablissementDeSante,
        StructureKind::Esms,
        StructureKind::MaisonDeSante,
        StructureKind::CentreDeSante,
        StructureKind::EquipeDeSoinsPrimaires,
        StructureKind::EquipeDeSoinsSpecialises,
        StructureKind::DispositifAppuiCoordination,
        StructureKind::LaboratoireBiologieMedicale,
        StructureKind::Officine,
        StructureKind::ServicePreventionSanteTravail,
        StructureKind::SoinsNonProgrammes,
        StructureKind::ServiceSocial,
        StructureKind::AssociationUsagers,
        StructureKind::ActeurPrevention,
        StructureKind::Autre,
    ];

    /// The JSON name of the kind (`"etablissement_de_sante"`, …).
    pub fn key(self) -> &'static str {
        match self {
            StructureKind::EtablissementDeSante => "etablissement_de_sante",
            StructureKind::Esms => "esms",
            StructureKind::MaisonDeSante => "maison_de_sante",
            StructureKind::CentreDeSante => "centre_de_sante",
            StructureKind::EquipeDeSoinsPrimaires => "equipe_de_soins_primaires",
            StructureKind::EquipeDeSoinsSpecialises => "equipe_de_soins_specialises",
            StructureKind::DispositifAppuiCoordination => "dispositif_appui_coordination",
            StructureKind::LaboratoireBiologieMedicale => "laboratoire_biologie_medicale",
            StructureKind::Officine => "officine",
            StructureKind::ServicePreventionSanteTravail => "service_prevention_sante_travail",
            StructureKind::SoinsNonProgrammes => "soins_non_programmes",
            StructureKind::ServiceSocial => "service_social",
            StructureKind::AssociationUsagers => "association_usagers",
            StructureKind::ActeurPrevention => "acteur_prevention",
            StructureKind::Autre => "autre",
        }
    }

    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            StructureKind::EtablissementDeSante => "établissement de santé",
            StructureKind::Esms => "établissement ou service social et médico-social",
            StructureKind::MaisonDeSante => "maison de santé pluriprofessionnelle",
            StructureKind::CentreDeSante => "centre de santé",
            StructureKind::EquipeDeSoinsPrimaires => "équipe de soins primaires",
            StructureKind::EquipeDeSoinsSpecialises => "équipe de soins spécialisés",
            StructureKind::DispositifAppuiCoordination => "dispositif d'appui à la coordination",
            StructureKind::LaboratoireBiologieMedicale => "laboratoire de biologie médicale",
            StructureKind::Officine => "pharmacie d'officine",
            StructureKind::ServicePreventionSanteTravail => {
                "service de prévention et de santé au travail"
            }
            StructureKind::SoinsNonProgrammes => "structure de soins non programmés",
            StructureKind::ServiceSocial => "service social",
            StructureKind::AssociationUsagers => "association d'usagers",
            StructureKind::ActeurPrevention => "acteur de la prévention",
            StructureKind::Autre => "autre structure",
        }
    }
}

/// One FINESS establishment category (TRE_R66) and the member kind it maps to.
///
/// JSON (output only): `{"code": "500", "label": "...", "status": {...}, "kind": "esms"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StructureCategoryEntry {
    /// TRE_R66 code.
    pub code: &'static str,
    /// ANS display label.
    pub label: &'static str,
    /// Active or deprecated.
    pub status: CodeStatus,
    /// The member kind of a structure of this category.
    pub kind: StructureKind,
}

impl StructureCategoryEntry {
    /// TRE_R66 code of the CPTS itself (active since 2020-05-29).
    pub const CPTS_CODE: &'static str = "604";

    /// The code paired with its list.
    pub fn code(&self) -> Code {
        Code::new(CodeSystem::TreR66, self.code)
    }

    /// Looks a TRE_R66 code up.
    ///
    /// ```
    /// use cpts_core::nomenclature::{StructureCategoryEntry, StructureKind};
    /// let ehpad = StructureCategoryEntry::lookup("500").unwrap();
    /// assert_eq!(ehpad.kind, StructureKind::Esms);
    /// assert_eq!(StructureCategoryEntry::lookup("603").unwrap().kind, StructureKind::MaisonDeSante);
    /// ```
    pub fn lookup(code: &str) -> Result<&'static StructureCategoryEntry, NomenclatureError> {
        let code = code.trim();
        CATEGORIES
            .iter()
            .find(|e| e.code == code)
            .ok_or_else(|| unknown(CodeSystem::TreR66, code))
    }

    /// Looks a [`Code`] up; the code must belong to TRE_R66.
    pub fn for_code(code: &Code) -> Result<&'static StructureCategoryEntry, NomenclatureError> {
        if code.system != CodeSystem::TreR66 {
            return Err(NomenclatureError::WrongCodeSystem {
                field: "finess_category",
                code: code.clone(),
                expected: crate::messages::rules::FINESS_CATEGORY_LIST,
            });
        }
        Self::lookup(&code.code)
    }
}

/// Every FINESS category of the embedded table that a CPTS member may have.
pub fn structure_categories() -> &'static [StructureCategoryEntry] {
    CATEGORIES
}

const fn deprecated(y: i32, m: u32, d: u32) -> CodeStatus {
    CodeStatus::Deprecated {
        since: NaiveDate::from_ymd_opt(y, m, d),
    }
}

/// Deprecated in 2013; the reference gives the year only.
const DEPRECATED_2013: CodeStatus = CodeStatus::Deprecated { since: None };
const ACTIVE: CodeStatus = CodeStatus::Active;

const fn cat(
    code: &'static str,
    label: &'static str,
    status: CodeStatus,
    kind: StructureKind,
) -> StructureCategoryEntry {
    StructureCategoryEntry {
        code,
        label,
        status,
        kind,
    }
}

use StructureKind::*;

static CATEGORIES: &[StructureCategoryEntry] = &[
    cat(
        "101",
        "Centre Hospitalier Régional (C.H.R.)",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "106",
        "Centre hospitalier, ex Hôpital local",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "109",
        "Etablissement de santé privé autorisé en SSR",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "122",
        "Etablissement Soins Obstétriques Chirurgico-Gynécologiques",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat("124", "Centre de Santé", ACTIVE, CentreDeSante),
    cat(
        "125",
        "Centre de Santé Dentaire",
        DEPRECATED_2013,
        CentreDeSante,
    ),
    cat(
        "127",
        "Hospitalisation à Domicile",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "128",
        "Etablissement de Soins Chirurgicaux",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "129",
        "Etablissement de Soins Médicaux",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "354",
        "Service de Soins Infirmiers A Domicile (S.S.I.A.D)",
        ACTIVE,
        Esms,
    ),
    cat(
        "355",
        "Centre Hospitalier (C.H.)",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "362",
        "Etablissement de Soins Longue Durée",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "365",
        "Etablissement de Soins Pluridisciplinaire",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "415",
        "Service Médico-Psychologique Régional (S.M.P.R.)",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "425",
        "Centre d'Accueil Thérapeutique à temps partiel (C.A.T.T.P.)",
        ACTIVE,
        EtablissementDeSante,
    ),
    cat(
        "437",
        "Foyer d'Accueil Médicalisé pour Adultes Handicapés (F.A.M.)",
        deprecated(2018, 10, 26),
        Esms,
    ),
    cat(
        "439",
        "Centre Santé Polyvalent",
        DEPRECATED_2013,
        CentreDeSante,
    ),
    cat(
        "445",
        "Service d'accompagnement médico-social adultes handicapés (SAMSAH)",
        ACTIVE,
        Esms,
    ),
    cat(
        "446",
        "Service d'Accompagnement à la Vie Sociale (S.A.V.S.)",
        ACTIVE,
        Esms,
    ),
    cat(
        "448",
        "Etab.Acc.Médicalisé en tout ou partie personnes handicapées (EAM)",
        ACTIVE,
        Esms,
    ),
    cat(
        "449",
        "Etab.Accueil Non Médicalisé pour personnes handicapées (EANM)",
        ACTIVE,
        Esms,
    ),
    cat("460", "Service autonomie aide (SAA)", ACTIVE, Esms),
    cat(
        "463",
        "Centres Locaux Information Coordination P.A. (C.L.I.C.)",
        ACTIVE,
        ServiceSocial,
    ),
    cat(
        "500",
        "Etablissement d'hébergement pour personnes âgées dépendantes (EHPAD)",
        ACTIVE,
        Esms,
    ),
    cat(
        "501",
        "EHPA percevant des crédits d'assurance maladie",
        ACTIVE,
        Esms,
    ),
    cat(
        "502",
        "EHPA ne percevant pas des crédits d'assurance maladie",
        ACTIVE,
        Esms,
    ),
    cat("603", "Maison de santé (L.6223-3)", ACTIVE, MaisonDeSante),
    cat(
        "606",
        "Dispositif d'appui à la coordination (DAC)",
        ACTIVE,
        DispositifAppuiCoordination,
    ),
    cat("607", "GRADeS", ACTIVE, Autre),
    cat(
        "608",
        "Equipe mobile médico-sociale précarité (EMMSP)",
        ACTIVE,
        Esms,
    ),
    cat(
        "609",
        "Maison Départementale pour Personnes Handicapées (MDPH)",
        ACTIVE,
        ServiceSocial,
    ),
    cat(
        "610",
        "Laboratoire d'Analyses",
        ACTIVE,
        LaboratoireBiologieMedicale,
    ),
    cat(
        "611",
        "Laboratoire de Biologie Médicale",
        ACTIVE,
        LaboratoireBiologieMedicale,
    ),
    cat(
        "612",
        "Autre Laboratoire de Biologie Médicale sans FSE",
        ACTIVE,
        LaboratoireBiologieMedicale,
    ),
    cat(
        "616",
        "Services de Prévention et de Santé au Travail (SPST)",
        ACTIVE,
        ServicePreventionSanteTravail,
    ),
    cat(
        "617",
        "Lieu de soins non programmés",
        ACTIVE,
        SoinsNonProgrammes,
    ),
    cat(
        "618",
        "Autre structure de soins non programmés",
        ACTIVE,
        SoinsNonProgrammes,
    ),
    cat("620", "Pharmacie d'Officine", ACTIVE, Officine),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_categories_of_the_reference() {
        assert!(
            StructureCategoryEntry::lookup("500")
                .unwrap()
                .label
                .contains("EHPAD")
        );
        assert_eq!(
            StructureCategoryEntry::lookup("124").unwrap().kind,
            CentreDeSante
        );
        assert_eq!(
            StructureCategoryEntry::lookup("620").unwrap().kind,
            Officine
        );
        assert!(matches!(
            StructureCategoryEntry::lookup("437").unwrap().status,
            CodeStatus::Deprecated { since: Some(_) }
        ));
        // The CPTS itself is not a member category.
        assert!(StructureCategoryEntry::lookup(StructureCategoryEntry::CPTS_CODE).is_err());
    }

    #[test]
    fn a_profession_code_is_not_a_finess_category() {
        let err =
            StructureCategoryEntry::for_code(&Code::new(CodeSystem::TreG15, "10")).unwrap_err();
        assert!(matches!(err, NomenclatureError::WrongCodeSystem { .. }));
    }

    #[test]
    fn codes_are_unique() {
        for (i, a) in CATEGORIES.iter().enumerate() {
            assert!(
                CATEGORIES[i + 1..].iter().all(|b| b.code != a.code),
                "{}",
                a.code
            );
        }
    }
}
