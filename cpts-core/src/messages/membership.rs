//! French messages of membership, statuts and the registry.

use super::{Message, date_fr, or_fr};
use crate::membership::{Admission, MembershipError, RegistryError, StatutesError};

/// Where an application stands, in French.
fn admission_fr(admission: &Admission) -> String {
    match admission {
        Admission::Automatic => "admission automatique, sans décision".to_owned(),
        Admission::Pending => "en attente de décision".to_owned(),
        Admission::Admitted { decided_on } => format!("admise le {}", date_fr(*decided_on)),
        Admission::Rejected { decided_on } => format!("refusée le {}", date_fr(*decided_on)),
    }
}

impl Message for MembershipError {
    fn message_fr(&self) -> String {
        match self {
            MembershipError::InvalidText { field, value, rule } => {
                format!("{field} « {value} » : {}", rule.fr())
            }
            MembershipError::NotAHealthProfession { code, label } => format!(
                "{code} ({label}) n'est pas une profession de santé du Code de la santé publique : inscrivez-le comme autre professionnel"
            ),
            MembershipError::HealthProfessionAsOther { code, label } => format!(
                "{code} ({label}) est une profession de santé du Code de la santé publique : inscrivez-le comme professionnel de santé"
            ),
            MembershipError::FinessCategoryMismatch {
                code,
                category_kind,
                declared,
            } => format!(
                "la catégorie FINESS {code} correspond à « {} », non à « {} »",
                category_kind.label(),
                declared.label()
            ),
            MembershipError::MissingIdentifier { category, allowed } => format!(
                "un membre de la catégorie « {category} » doit être identifié par un {}",
                or_fr(allowed)
            ),
            MembershipError::IdentifierNotAllowed {
                identifier,
                category,
                allowed,
            } => format!(
                "{identifier} ne peut pas identifier un membre de la catégorie « {category} » : un {} est attendu",
                or_fr(allowed)
            ),
            MembershipError::RepeatedIdentifier { identifier } => {
                format!("{identifier} est donné deux fois")
            }
            MembershipError::PractisesInMisused { identifier } => format!(
                "practises_in ({identifier}) : la structure d'exercice se donne pour une personne, par l'identifiant d'une structure (FINESS, SIREN, SIRET ou RNA)"
            ),
            MembershipError::ForeignPracticeOfAStructure => "foreign_practice : l'exercice dans un territoire étranger frontalier se déclare pour un professionnel (L1434-12), pas pour une structure".to_owned(),
            MembershipError::DefenceAuthorisationOfAStructure => "defence : l'autorisation du ministre de la défense se déclare pour un professionnel du service de santé des armées (L1434-12), pas pour une structure".to_owned(),
            MembershipError::NoDefenceAuthorisationExpected {
                number,
                authorised_on,
            } => match authorised_on {
                Some(on) => format!(
                    "membre {number} : l'autorisation du ministre de la défense est déjà enregistrée (le {})",
                    crate::messages::date_fr(*on)
                ),
                None => format!(
                    "membre {number} : aucune autorisation du ministre de la défense à enregistrer (ce membre n'est pas déclaré professionnel du service de santé des armées)"
                ),
            },
            MembershipError::CategoryNotEligible { category } => format!(
                "les statuts de cette CPTS n'admettent pas de membres de la catégorie « {category} »"
            ),
            MembershipError::NoCollege { category } => {
                format!("les statuts ne prévoient aucun collège pour la catégorie « {category} »")
            }
            MembershipError::AlreadyMember {
                identifier,
                existing,
            } => format!("{identifier} est déjà le membre {existing} de cette CPTS"),
            MembershipError::IndividualAlongsideStructureNotAllowed {
                structure,
                structure_member,
            } => format!(
                "les statuts ne permettent pas à une personne d'adhérer en son nom quand sa structure ({structure}, membre {structure_member}) est membre"
            ),
            MembershipError::AdmissionContradictsApplication {
                structure_member,
                decided_on,
                individual,
                applied_on,
            } => format!(
                "admettre le membre {structure_member} à partir du {} rendrait la demande du membre {individual} du {} contraire aux statuts (une personne ne peut pas adhérer à côté de sa structure membre) : datez l'admission après le {}",
                date_fr(*decided_on),
                date_fr(*applied_on),
                date_fr(*applied_on)
            ),
            MembershipError::CptsDissolved { dissolved_on } => {
                format!("l'association a été dissoute le {}", date_fr(*dissolved_on))
            }
            MembershipError::UnknownMember { number } => {
                format!("cette CPTS n'a pas de membre {number}")
            }
            MembershipError::NotPending { number, admission } => format!(
                "le membre {number} n'a pas de demande en attente ({})",
                admission_fr(admission)
            ),
            MembershipError::NotAMember { number, date } => {
                format!("{number} n'est pas membre le {}", date_fr(*date))
            }
            MembershipError::DateOutOfOrder {
                number,
                date,
                earliest,
                what,
            } => format!(
                "{number} : le {} est antérieur au {}, {}",
                date_fr(*date),
                date_fr(*earliest),
                what.fr()
            ),
            MembershipError::AlreadyLeft { number, on } => {
                format!("{number} quitte déjà la CPTS le {}", date_fr(*on))
            }
            MembershipError::TooManyMembers => {
                "une CPTS ne peut pas compter davantage de membres (4 294 967 295 au plus)"
                    .to_owned()
            }
            MembershipError::Nomenclature(e) => e.message_fr(),
        }
    }
}

impl Message for StatutesError {
    fn message_fr(&self) -> String {
        match self {
            StatutesError::InvalidCollegeId { value } => format!(
                "l'identifiant de collège « {value} » doit compter de 1 à 64 lettres, chiffres, « _ » ou « - »"
            ),
            StatutesError::InvalidCollegeName { college } => format!(
                "le collège {college} a un nom invalide (de 1 à 300 caractères, pas seulement des espaces)"
            ),
            StatutesError::RepeatedCollege { college } => {
                format!("le collège {college} est défini deux fois")
            }
            StatutesError::RepeatedCategory { category, place } => {
                format!(
                    "la catégorie « {category} » figure deux fois dans {}",
                    place.fr()
                )
            }
            StatutesError::CategoryWithoutCollege { category } => {
                format!("la catégorie « {category} » peut adhérer mais ne siège dans aucun collège")
            }
            StatutesError::EmptyDuesPeriod { from, until } => format!(
                "la période de cotisation du {} se termine {}, pas après son début",
                date_fr(*from),
                until.map_or_else(|| "sans date".to_owned(), |d| format!("le {}", date_fr(d)))
            ),
            StatutesError::OverlappingDuesPeriods { from } => format!(
                "la période de cotisation du {} chevauche la précédente ou la précède",
                date_fr(*from)
            ),
            StatutesError::DuesOutOfRange { from, amount } => format!(
                "la période de cotisation du {} a le montant {amount} : {} est attendu",
                date_fr(*from),
                super::rules::AMOUNT.fr()
            ),
            StatutesError::NegativeDues { from, amount } => format!(
                "la période de cotisation du {} a un montant négatif ({amount})",
                date_fr(*from)
            ),
        }
    }
}

impl Message for RegistryError {
    fn message_fr(&self) -> String {
        match self {
            RegistryError::UnknownCpts { id } => {
                format!("aucune CPTS « {id} » dans le répertoire")
            }
            RegistryError::DuplicateCpts { id } => {
                format!("la CPTS « {id} » est déjà dans le répertoire")
            }
            RegistryError::Membership { cpts, cause } => {
                format!("CPTS « {cpts} » : {}", cause.message_fr())
            }
            RegistryError::Lifecycle { cpts, cause } => {
                format!("CPTS « {cpts} » : {}", cause.message_fr())
            }
        }
    }
}
