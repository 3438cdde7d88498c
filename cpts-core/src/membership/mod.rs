//! Membership of a CPTS: who may join, how, in which college, for which dues, and a
//! registry across many CPTS.
//!
//! Rules, with their sources:
//!
//! | Rule | Source |
//! |---|---|
//! | Members: professionnels de santé (RPPS or ADELI), other professionals (personnes physiques); health, medico-social and social actors, services de prévention et de santé au travail, identified by FINESS, SIREN, SIRET or RNA (personnes morales) | L1434-12 CSP (official): « composée de professionnels de santé […] d'acteurs assurant des soins de premier ou de deuxième recours […] et d'acteurs médico-sociaux et sociaux ainsi que de services de prévention et de santé au travail » |
//! | Représentants des usagers (patients, users) | **not in L1434-12**, which does not name them: they join when the association's statuts admit them (loi du 1er juillet 1901: who may be a member is the statuts' choice); seed 004 lists « représentant de patients » among a real CPTS's members |
//! | Professionals practising in a bordering foreign territory who meet the conditions to practise in France may be associated; they may have no RPPS or ADELI: admitted with their foreign registration by a decision under the statuts ([`ForeignPractice`]) | L1434-12 CSP (official): « en associant le cas échéant des professionnels exerçant dans les territoires étrangers frontaliers, sous réserve qu'ils remplissent les conditions prévues au présent code pour exercer en France » |
//! | Professionals of the service de santé des armées: member only from the authorisation of the minister of defence ([`DefenceAuthorisation`]) | L1434-12 CSP (official): « sous réserve pour les professionnels du service de santé des armées de l'autorisation du ministre de la défense » |
//! | One may be a member of several CPTS at once; no need to practise or live in the territory | seed 004 (CPTS FAQ) |
//! | An individual may join in their own name even when their structure (an MSP) is a member, where the statuts allow it; a structure is never forced to join | seed 004 |
//! | Categories listed by the statuts (by default the « autres professionnels ») need an admission decision by the conseil d'administration | seed 000 (« Point de vigilance » on people joining to borrow the CPTS's endorsement); the default is a **library convention** |
//! | Dues, colleges and board seats are set by the statuts | seed 004; association law (loi 1901) |
//! | The same person or structure cannot be a member twice at the same time in one CPTS | **library rule** (one membership per identifier) |
//!
//! A professional is identified by RPPS and/or ADELI (a person may hold both during the
//! ADELI → RPPS transition); a structure by any of FINESS, SIREN, SIRET, RNA.

mod registry;
mod roster;
mod statutes;

use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::identifiers::{Identifier, IdentifierKind};
use crate::nomenclature::{
    Code, CodeSystem, NomenclatureError, ProfessionEntry, StructureCategoryEntry, StructureKind,
};

pub use registry::{MemberFilter, Registry, RegistryError};
pub use roster::{CountBy, MembershipReport, Roster};
pub use statutes::{
    CategoryAmount, College, CollegeId, DuesPeriod, DuesPolicy, Statutes, StatutesError,
};

/// The category of an individual member.
///
/// JSON: `"professionnel_de_sante"`, `"autre_professionnel"`, `"representant_usagers"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IndividualCategory {
    /// A health professional of the CSP (TRE_G15), identified by RPPS or ADELI.
    ProfessionnelDeSante,
    /// Another professional (psychologue, ostéopathe, enseignant en APA, …).
    AutreProfessionnel,
    /// A representative of patients or users (usager): a member when the statuts admit
    /// them (L1434-12 does not name them; loi 1901; seed 004).
    RepresentantUsagers,
}

impl IndividualCategory {
    /// Every category of personne physique.
    pub const ALL: [IndividualCategory; 3] = [
        IndividualCategory::ProfessionnelDeSante,
        IndividualCategory::AutreProfessionnel,
        IndividualCategory::RepresentantUsagers,
    ];
}

/// The category a member belongs to, as the statuts name them (for admission rules,
/// colleges, dues).
///
/// JSON: one flat string, an [`IndividualCategory`] or a [`StructureKind`]
/// (`"professionnel_de_sante"`, `"esms"`, `"maison_de_sante"`, …).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MemberCategory {
    /// A personne physique.
    Individual(IndividualCategory),
    /// A personne morale.
    Structure(StructureKind),
}

impl MemberCategory {
    /// Every category: the three individual ones, then every structure kind.
    pub fn all() -> impl Iterator<Item = MemberCategory> {
        [
            IndividualCategory::ProfessionnelDeSante,
            IndividualCategory::AutreProfessionnel,
            IndividualCategory::RepresentantUsagers,
        ]
        .into_iter()
        .map(MemberCategory::Individual)
        .chain(
            StructureKind::ALL
                .into_iter()
                .map(MemberCategory::Structure),
        )
    }

    /// The « autres professionnels », whose admission the statuts submit to the board by
    /// default.
    pub const AUTRE_PROFESSIONNEL: MemberCategory =
        MemberCategory::Individual(IndividualCategory::AutreProfessionnel);

    /// The JSON name of the category (`"professionnel_de_sante"`, `"esms"`, …).
    pub fn key(self) -> &'static str {
        match self {
            MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante) => {
                "professionnel_de_sante"
            }
            MemberCategory::Individual(IndividualCategory::AutreProfessionnel) => {
                "autre_professionnel"
            }
            MemberCategory::Individual(IndividualCategory::RepresentantUsagers) => {
                "representant_usagers"
            }
            MemberCategory::Structure(kind) => kind.key(),
        }
    }

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante) => {
                "professionnel de santé"
            }
            MemberCategory::Individual(IndividualCategory::AutreProfessionnel) => {
                "autre professionnel"
            }
            MemberCategory::Individual(IndividualCategory::RepresentantUsagers) => {
                "représentant des usagers"
            }
            MemberCategory::Structure(kind) => kind.label(),
        }
    }
}

impl fmt::Display for MemberCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_fr())
    }
}

/// The profession of an « autre professionnel »: a code of TRE_R95, TRE_R94 or TRE_R291,
/// or a declared label where no code exists (enseignant en activité physique adaptée,
/// médiateur, …).
///
/// JSON: `{"system": "tre_r95", "code": "93"}` or `{"label": "Enseignant en APA"}`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(untagged)]
#[non_exhaustive]
pub enum OtherProfession {
    /// A coded profession.
    Coded(Code),
    /// A profession without an ANS code.
    Declared {
        /// Its name.
        label: String,
    },
}

/// What kind of member someone is.
///
/// JSON: `{"kind": "professionnel_de_sante", "profession": {"system": "tre_g15", "code": "10"}}`,
/// `{"kind": "autre_professionnel", "profession": ...}`, `{"kind": "representant_usagers"}`,
/// `{"kind": "structure", "structure": "maison_de_sante", "finess_category": {...} | null}`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MemberKind {
    /// A health professional; the profession is a TRE_G15 code.
    ProfessionnelDeSante {
        /// TRE_G15 code.
        profession: Code,
    },
    /// Another professional.
    AutreProfessionnel {
        /// The profession.
        profession: OtherProfession,
    },
    /// A representative of patients or users.
    RepresentantUsagers,
    /// A legal-entity member.
    Structure {
        /// Its kind.
        structure: StructureKind,
        /// Its FINESS category (TRE_R66), when it has one.
        #[serde(default)]
        finess_category: Option<Code>,
    },
}

impl MemberKind {
    /// The category the statuts use for this kind.
    pub fn category(&self) -> MemberCategory {
        match self {
            MemberKind::ProfessionnelDeSante { .. } => {
                MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante)
            }
            MemberKind::AutreProfessionnel { .. } => MemberCategory::AUTRE_PROFESSIONNEL,
            MemberKind::RepresentantUsagers => {
                MemberCategory::Individual(IndividualCategory::RepresentantUsagers)
            }
            MemberKind::Structure { structure, .. } => MemberCategory::Structure(*structure),
        }
    }

    /// True for a personne physique.
    pub fn is_individual(&self) -> bool {
        !matches!(self, MemberKind::Structure { .. })
    }

    /// The profession code, when there is one.
    pub fn profession_code(&self) -> Option<&Code> {
        match self {
            MemberKind::ProfessionnelDeSante { profession } => Some(profession),
            MemberKind::AutreProfessionnel {
                profession: OtherProfession::Coded(code),
            } => Some(code),
            _ => None,
        }
    }

    /// A label of the profession or structure kind, for reports.
    pub fn label_fr(&self) -> String {
        match self {
            MemberKind::ProfessionnelDeSante { profession }
            | MemberKind::AutreProfessionnel {
                profession: OtherProfession::Coded(profession),
            } => ProfessionEntry::for_code(profession)
                .map(|e| e.label.to_owned())
                .unwrap_or_else(|_| profession.to_string()),
            MemberKind::AutreProfessionnel {
                profession: OtherProfession::Declared { label },
            } => label.clone(),
            MemberKind::RepresentantUsagers => "Représentant des usagers".to_owned(),
            MemberKind::Structure { structure, .. } => structure.label().to_owned(),
        }
    }

    /// Checks the codes against the nomenclatures.
    fn check(&self) -> Result<(), MembershipError> {
        match self {
            MemberKind::ProfessionnelDeSante { profession } => {
                if profession.system != CodeSystem::TreG15 {
                    return Err(NomenclatureError::WrongCodeSystem {
                        field: "profession",
                        code: profession.clone(),
                        expected: crate::messages::rules::HEALTH_PROFESSION_LIST,
                    }
                    .into());
                }
                let entry = ProfessionEntry::for_code(profession)?;
                if !entry.is_health_profession() {
                    return Err(MembershipError::NotAHealthProfession {
                        code: profession.clone(),
                        label: entry.label,
                    });
                }
            }
            MemberKind::AutreProfessionnel {
                profession: OtherProfession::Coded(code),
            } => {
                let entry = ProfessionEntry::for_code(code)?;
                if entry.is_health_profession() {
                    return Err(MembershipError::HealthProfessionAsOther {
                        code: code.clone(),
                        label: entry.label,
                    });
                }
                if code.system == CodeSystem::TreG15 {
                    // The deprecated TRE_G15 psychologue code: TRE_R95 #93 replaces it.
                    return Err(NomenclatureError::WrongCodeSystem {
                        field: "profession",
                        code: code.clone(),
                        expected: crate::messages::rules::OTHER_PROFESSION_LISTS,
                    }
                    .into());
                }
            }
            MemberKind::AutreProfessionnel {
                profession: OtherProfession::Declared { label },
            } => {
                check_text("profession.label", label)?;
            }
            MemberKind::RepresentantUsagers => {}
            MemberKind::Structure {
                structure,
                finess_category: Some(code),
            } => {
                let entry = StructureCategoryEntry::for_code(code)?;
                if entry.kind != *structure {
                    return Err(MembershipError::FinessCategoryMismatch {
                        code: code.clone(),
                        category_kind: entry.kind,
                        declared: *structure,
                    });
                }
            }
            MemberKind::Structure {
                finess_category: None,
                ..
            } => {}
        }
        Ok(())
    }
}

/// A country bordering France (metropolitan or overseas), whose territory L1434-12 lets a
/// CPTS associate professionals from.
///
/// JSON: the ISO 3166-1 alpha-2 code in lowercase: `"be"`, `"lu"`, `"de"`, `"ch"`, `"it"`,
/// `"mc"`, `"ad"`, `"es"` (metropolitan France), `"br"`, `"sr"` (Guyane), `"nl"`
/// (Saint-Martin).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum BorderCountry {
    /// Belgique.
    Be,
    /// Luxembourg.
    Lu,
    /// Allemagne.
    De,
    /// Suisse.
    Ch,
    /// Italie.
    It,
    /// Monaco.
    Mc,
    /// Andorre.
    Ad,
    /// Espagne.
    Es,
    /// Brésil (Guyane).
    Br,
    /// Suriname (Guyane).
    Sr,
    /// Pays-Bas (Sint Maarten, Saint-Martin).
    Nl,
}

/// A professional practising in a bordering foreign territory (L1434-12): identified by the
/// registration of the country they practise in, with no RPPS or ADELI required. Such a
/// member is admitted by a decision under the statuts (never automatically), which records
/// that they meet « les conditions prévues au présent code pour exercer en France ».
///
/// JSON: `{"country": "be", "registration": "INAMI 1-23456-78-901"}`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ForeignPractice {
    /// The country where they practise.
    pub country: BorderCountry,
    /// Their registration there (order, register or insurer number), as written.
    pub registration: String,
}

/// A professional of the service de santé des armées: L1434-12 makes membership subject to
/// « l'autorisation du ministre de la défense ». Member only from the authorisation's date;
/// without it, not a member.
///
/// JSON: `{"authorised_on": "2024-03-01" | null}`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct DefenceAuthorisation {
    /// Date of the minister's authorisation (`null`: not given yet).
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub authorised_on: Option<NaiveDate>,
}

/// A request to join a CPTS.
///
/// JSON: `{"name": "...", "kind": {...}, "identifiers": [{"scheme": "rpps", "value": "..."}],
/// "practises_in": {"scheme": "finess", ...} | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Name of the person or structure, as shown in reports.
    pub name: String,
    /// What kind of member.
    pub kind: MemberKind,
    /// National identifiers (RPPS/ADELI for a person, FINESS/SIREN/SIRET/RNA for a
    /// structure). Required for professionnels de santé and structures.
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    /// For an individual: the structure they practise in (an MSP, a centre de santé), which
    /// may or may not be a member itself.
    #[serde(default)]
    pub practises_in: Option<Identifier>,
    /// For a professional practising in a bordering foreign territory: where, and their
    /// registration there (then no RPPS or ADELI is required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_practice: Option<ForeignPractice>,
    /// For a professional of the service de santé des armées: the minister's authorisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defence: Option<DefenceAuthorisation>,
}

impl Application {
    /// Checks the application on its own (name, codes, identifiers).
    pub fn check(&self) -> Result<(), MembershipError> {
        check_text("name", &self.name)?;
        self.kind.check()?;
        let category = self.kind.category();
        let mut seen = std::collections::BTreeSet::new();
        for id in &self.identifiers {
            if !seen.insert(id) {
                return Err(MembershipError::RepeatedIdentifier { identifier: *id });
            }
            if self.kind.is_individual() != id.identifies_a_person() {
                return Err(MembershipError::IdentifierNotAllowed {
                    identifier: *id,
                    category,
                    allowed: allowed_identifiers(&self.kind),
                });
            }
        }
        if let Some(foreign) = &self.foreign_practice {
            if !self.kind.is_individual() {
                return Err(MembershipError::ForeignPracticeOfAStructure);
            }
            check_text("foreign_practice.registration", &foreign.registration)?;
        }
        if self.defence.is_some() && !self.kind.is_individual() {
            return Err(MembershipError::DefenceAuthorisationOfAStructure);
        }
        let needs_one = match self.kind {
            // L1434-12: a professional of a bordering foreign territory may have no RPPS or
            // ADELI.
            MemberKind::ProfessionnelDeSante { .. } => self.foreign_practice.is_none(),
            MemberKind::Structure { .. } => true,
            _ => false,
        };
        if needs_one && self.identifiers.is_empty() {
            return Err(MembershipError::MissingIdentifier {
                category,
                allowed: allowed_identifiers(&self.kind),
            });
        }
        if let Some(structure) = self.practises_in
            && (!self.kind.is_individual() || !structure.identifies_a_structure())
        {
            return Err(MembershipError::PractisesInMisused {
                identifier: structure,
            });
        }
        Ok(())
    }
}

fn allowed_identifiers(kind: &MemberKind) -> &'static [IdentifierKind] {
    if kind.is_individual() {
        &[IdentifierKind::Rpps, IdentifierKind::Adeli]
    } else {
        &[
            IdentifierKind::Finess,
            IdentifierKind::Siren,
            IdentifierKind::Siret,
            IdentifierKind::Rna,
        ]
    }
}

/// Longest free text accepted (names, labels, notes).
pub const MAX_TEXT_CHARS: usize = 300;

pub(crate) fn check_text(field: &'static str, text: &str) -> Result<(), MembershipError> {
    let len = text.chars().count();
    if text.trim().is_empty() || len > MAX_TEXT_CHARS || text.chars().any(char::is_control) {
        return Err(MembershipError::InvalidText {
            field,
            value: crate::identifiers::shown(text),
            rule: crate::messages::rules::TEXT,
        });
    }
    Ok(())
}

/// The number of a member within one CPTS, given in order of application from 1.
///
/// JSON: a number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct MemberNumber(pub u32);

impl fmt::Display for MemberNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n° {}", self.0)
    }
}

/// Where an application stands.
///
/// JSON: `{"admission": "automatic"}`, `{"admission": "pending"}`,
/// `{"admission": "admitted", "decided_on": "..."}`, `{"admission": "rejected", ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "admission", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Admission {
    /// The statuts do not require a decision: member from the application date.
    Automatic,
    /// Waiting for the conseil d'administration.
    Pending,
    /// Admitted by the board: member from the decision date.
    Admitted {
        /// Date of the decision.
        #[serde(deserialize_with = "crate::calendar::date")]
        decided_on: NaiveDate,
    },
    /// Refused by the board.
    Rejected {
        /// Date of the decision.
        #[serde(deserialize_with = "crate::calendar::date")]
        decided_on: NaiveDate,
    },
}

impl std::fmt::Display for Admission {
    /// `automatic`, `pending`, `admitted on 2024-03-01`, `rejected on 2024-03-01` (the JSON
    /// names, with the decision's date).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Admission::Automatic => f.write_str("automatic"),
            Admission::Pending => f.write_str("pending"),
            Admission::Admitted { decided_on } => write!(f, "admitted on {decided_on}"),
            Admission::Rejected { decided_on } => write!(f, "rejected on {decided_on}"),
        }
    }
}

/// Why a membership ended.
///
/// JSON: `"resignation"` or `"exclusion"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DepartureReason {
    /// Démission.
    Resignation,
    /// Exclusion decided by the association.
    Exclusion,
}

/// The end of a membership.
///
/// JSON: `{"on": "2025-06-30", "reason": "resignation", "note": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Departure {
    /// First day on which the person or structure is no longer a member.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
    /// Resignation or exclusion.
    pub reason: DepartureReason,
    /// Free note (the board's grounds for an exclusion).
    #[serde(default)]
    pub note: Option<String>,
}

/// A member, or an applicant, of one CPTS.
///
/// JSON: the [`Application`] fields plus `number`, `college`, `applied_on`, `admission`,
/// `departure`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Number within the CPTS.
    pub number: MemberNumber,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: MemberKind,
    /// National identifiers.
    pub identifiers: Vec<Identifier>,
    /// Structure the individual practises in.
    pub practises_in: Option<Identifier>,
    /// Practice in a bordering foreign territory, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_practice: Option<ForeignPractice>,
    /// The defence minister's authorisation of a professional of the service de santé des
    /// armées, if they are one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defence: Option<DefenceAuthorisation>,
    /// College, when the statuts define colleges.
    pub college: Option<CollegeId>,
    /// Date of the application (adhésion).
    #[serde(deserialize_with = "crate::calendar::date")]
    pub applied_on: NaiveDate,
    /// Admission.
    pub admission: Admission,
    /// End of membership.
    pub departure: Option<Departure>,
}

impl Member {
    /// The date from which this is a member, if admitted.
    ///
    /// A professional of the service de santé des armées is a member only from the defence
    /// minister's authorisation (L1434-12), and not before it is given.
    pub fn member_since(&self) -> Option<NaiveDate> {
        let admitted = match self.admission {
            Admission::Automatic => Some(self.applied_on),
            Admission::Admitted { decided_on } => Some(decided_on),
            Admission::Pending | Admission::Rejected { .. } => None,
        }?;
        match self.defence {
            None => Some(admitted),
            Some(DefenceAuthorisation { authorised_on }) => authorised_on.map(|a| a.max(admitted)),
        }
    }

    /// True when a member on `date`.
    pub fn is_member_on(&self, date: NaiveDate) -> bool {
        self.member_since().is_some_and(|since| since <= date)
            && self.departure.as_ref().is_none_or(|d| date < d.on)
    }

    /// True when the application is waiting for a decision on `date`.
    pub fn is_pending_on(&self, date: NaiveDate) -> bool {
        self.applied_on <= date
            && match self.admission {
                Admission::Pending => true,
                Admission::Admitted { decided_on } | Admission::Rejected { decided_on } => {
                    date < decided_on
                }
                Admission::Automatic => false,
            }
    }

    /// The first day this membership (admitted, or pending) no longer holds: the rejection
    /// or the departure; `None` while it holds with no end.
    fn end(&self) -> Option<NaiveDate> {
        match self.admission {
            Admission::Rejected { decided_on } => Some(decided_on),
            _ => self.departure.as_ref().map(|d| d.on),
        }
    }

    /// True when this membership (admitted, or pending) still holds on or after `date`:
    /// another application with the same identifier would then be a duplicate.
    fn holds_on_or_after(&self, date: NaiveDate) -> bool {
        self.end().is_none_or(|end| date < end)
    }

    /// The category the statuts use for this member.
    pub fn category(&self) -> MemberCategory {
        self.kind.category()
    }
}

/// Why a membership operation was refused. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MembershipError {
    /// A free-text field is blank, too long or has control characters.
    #[error("{field} « {value} » is invalid: {rule}")]
    InvalidText {
        /// The field.
        field: &'static str,
        /// The text (cut).
        value: String,
        /// The rule broken.
        rule: crate::messages::Bilingual,
    },
    /// A TRE_G15 code that is not a health profession of the CSP.
    #[error(
        "{code} ({label}) is not a health profession of the CSP: register as an autre professionnel"
    )]
    NotAHealthProfession {
        /// The code.
        code: Code,
        /// Its label.
        label: &'static str,
    },
    /// A health profession given for an « autre professionnel » (the diététicien is TRE_G15
    /// code 95, an auxiliaire médical).
    #[error(
        "{code} ({label}) is a health profession of the CSP: register as a professionnel de santé"
    )]
    HealthProfessionAsOther {
        /// The code.
        code: Code,
        /// Its label.
        label: &'static str,
    },
    /// The FINESS category maps to another structure kind.
    #[error("FINESS category {code} is of kind {category_kind}, not {declared}")]
    FinessCategoryMismatch {
        /// The FINESS category.
        code: Code,
        /// The kind it maps to.
        category_kind: StructureKind,
        /// The kind declared.
        declared: StructureKind,
    },
    /// A professionnel de santé without RPPS/ADELI, or a structure without any identifier.
    #[error("a {category} must be identified by one of {}", crate::names::list(.allowed))]
    MissingIdentifier {
        /// The category of the applicant.
        category: MemberCategory,
        /// The identifiers accepted.
        allowed: &'static [IdentifierKind],
    },
    /// A structure identifier for a person, or the reverse.
    #[error("{identifier} cannot identify a {category}: one of {} expected", crate::names::list(.allowed))]
    IdentifierNotAllowed {
        /// The identifier given.
        identifier: Identifier,
        /// The category of the applicant.
        category: MemberCategory,
        /// The identifiers accepted.
        allowed: &'static [IdentifierKind],
    },
    /// The same identifier twice in one application.
    #[error("{identifier} is given twice")]
    RepeatedIdentifier {
        /// The identifier.
        identifier: Identifier,
    },
    /// `practises_in` given for a structure, or not a structure identifier.
    #[error("practises_in ({identifier}) must be a structure identifier, given for an individual")]
    PractisesInMisused {
        /// The identifier given.
        identifier: Identifier,
    },
    /// A foreign practice given for a structure (L1434-12 associates professionals).
    #[error(
        "foreign_practice is for a professional practising in a bordering foreign territory, not for a structure"
    )]
    ForeignPracticeOfAStructure,
    /// A defence authorisation given for a structure.
    #[error(
        "defence is for a professional of the service de santé des armées, not for a structure"
    )]
    DefenceAuthorisationOfAStructure,
    /// An authorisation recorded for a member who is not a professional of the service de
    /// santé des armées, or who already has one.
    #[error(
        "member {number}: no defence authorisation to record (already recorded, or not a professional of the service de santé des armées)"
    )]
    NoDefenceAuthorisationExpected {
        /// The member.
        number: MemberNumber,
        /// The authorisation already recorded, if any.
        authorised_on: Option<NaiveDate>,
    },
    /// The statuts do not admit this category.
    #[error("the statuts of this CPTS do not admit members of category « {category} »")]
    CategoryNotEligible {
        /// The category.
        category: MemberCategory,
    },
    /// The statuts define colleges but none for this category.
    #[error("the statuts define no college for category « {category} »")]
    NoCollege {
        /// The category.
        category: MemberCategory,
    },
    /// Already a member (or applicant) of this CPTS with the same identifier.
    #[error("{identifier} is already member {existing} of this CPTS")]
    AlreadyMember {
        /// The identifier found twice.
        identifier: Identifier,
        /// The existing membership.
        existing: MemberNumber,
    },
    /// The statuts do not let an individual join alongside their member structure.
    #[error(
        "the statuts do not let an individual join in their own name when their structure ({structure}, member {structure_member}) is a member"
    )]
    IndividualAlongsideStructureNotAllowed {
        /// The structure.
        structure: Identifier,
        /// Its membership.
        structure_member: MemberNumber,
    },
    /// Admitting a structure from that date would make an earlier-recorded application of
    /// an individual practising in it contrary to the statuts (an individual may not join
    /// in their own name once their structure is a member): the decision is refused, so
    /// that the members read back as they were recorded.
    #[error(
        "admitting {structure_member} from {decided_on} would make the application of {individual} on {applied_on} contrary to the statuts (an individual may not join alongside their member structure): date the admission after {applied_on}"
    )]
    AdmissionContradictsApplication {
        /// The structure's membership.
        structure_member: MemberNumber,
        /// The date of the decision refused.
        decided_on: NaiveDate,
        /// The individual practising in that structure.
        individual: MemberNumber,
        /// The date of the individual's application.
        applied_on: NaiveDate,
    },
    /// The association is dissolved.
    #[error("the association was dissolved on {dissolved_on}")]
    CptsDissolved {
        /// Date of dissolution.
        dissolved_on: NaiveDate,
    },
    /// No member with this number.
    #[error("no member {number} in this CPTS")]
    UnknownMember {
        /// The number given.
        number: MemberNumber,
    },
    /// The application is not waiting for a decision.
    #[error("member {number} has no pending application ({admission})")]
    NotPending {
        /// The member.
        number: MemberNumber,
        /// Where the application stands.
        admission: Admission,
    },
    /// Not a member on that date.
    #[error("{number} is not a member on {date}")]
    NotAMember {
        /// The member.
        number: MemberNumber,
        /// The date.
        date: NaiveDate,
    },
    /// A decision or departure dated before the application or admission.
    #[error("{number}: {date} is earlier than {earliest}, the {what}")]
    DateOutOfOrder {
        /// The member.
        number: MemberNumber,
        /// The date given.
        date: NaiveDate,
        /// The earliest date allowed.
        earliest: NaiveDate,
        /// What that earliest date is.
        what: crate::messages::Bilingual,
    },
    /// The member already left (or is due to leave) the CPTS.
    #[error("{number} already leaves the CPTS on {on}")]
    AlreadyLeft {
        /// The member.
        number: MemberNumber,
        /// The departure date recorded.
        on: NaiveDate,
    },
    /// Too many members for one CPTS (more than `u32::MAX`).
    #[error("a CPTS cannot hold more members")]
    TooManyMembers,
    /// A code is unknown or of the wrong code list.
    #[error(transparent)]
    #[serde(untagged)]
    Nomenclature(#[from] NomenclatureError),
}
