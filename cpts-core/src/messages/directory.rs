//! Messages of the members' directory.

use super::{Message, date_fr};
use crate::directory::DirectoryError;

/// The French name of a field of an entry, a mandate or an agreement.
fn field_fr(field: &str) -> &str {
    match field {
        "entries" => "fiches de l'annuaire",
        "board" => "mandats au conseil d'administration",
        "agreements" => "conventions de partage d'annuaire",
        "identifiers" => "identifiants (RPPS, ADELI…)",
        "personal_contacts" => "coordonnées personnelles",
        "professional_contacts" => "coordonnées professionnelles",
        "practice.address" => "adresse du lieu d'exercice",
        "languages" => "langues parlées",
        "working_groups" => "groupes de travail",
        "missions" => "missions",
        "availability" => "disponibilités",
        "text" => "texte recherché",
        other => other,
    }
}

impl Message for DirectoryError {
    fn message_fr(&self) -> String {
        match self {
            DirectoryError::DuplicateDirectory { cpts } => {
                format!("deux annuaires sont donnés pour la CPTS {cpts}")
            }
            DirectoryError::UnknownCpts { cpts } => {
                format!("la CPTS {cpts} n'est pas dans le registre")
            }
            DirectoryError::UnknownMember {
                cpts,
                member,
                field,
            } => format!(
                "{} : la CPTS {cpts} n'a pas de membre {member}",
                field_fr(field)
            ),
            DirectoryError::DuplicateEntry { cpts, member } => {
                format!("CPTS {cpts} : le membre {member} a deux fiches dans l'annuaire")
            }
            DirectoryError::NeverPublic {
                cpts,
                member,
                field,
            } => format!(
                "CPTS {cpts}, membre {member} : les {} ne peuvent pas être publics ; choisissez les adhérents, le conseil d'administration ou personne",
                field_fr(field)
            ),
            DirectoryError::InvalidField {
                cpts,
                member,
                field,
                value,
                rule,
            } => format!(
                "CPTS {cpts}, membre {member}, {} « {value} » : {}",
                field_fr(field),
                rule.fr()
            ),
            DirectoryError::WithdrawnEntryKeepsData { cpts, member } => format!(
                "CPTS {cpts}, membre {member} : le consentement est retiré, la fiche ne peut plus rien publier"
            ),
            DirectoryError::WithdrawnBeforeGiven {
                cpts,
                member,
                given_on,
                withdrawn_on,
            } => format!(
                "CPTS {cpts}, membre {member} : le consentement ne peut pas être retiré le {}, avant d'avoir été donné le {}",
                date_fr(*withdrawn_on),
                date_fr(*given_on)
            ),
            DirectoryError::AlreadyWithdrawn {
                cpts,
                member,
                withdrawn_on,
            } => format!(
                "CPTS {cpts}, membre {member} : le consentement a déjà été retiré le {}",
                date_fr(*withdrawn_on)
            ),
            DirectoryError::NoEntry { cpts, member } => {
                format!("CPTS {cpts} : le membre {member} n'a pas de fiche dans l'annuaire")
            }
            DirectoryError::EndsBeforeItStarts {
                field,
                from,
                ended_on,
            } => format!(
                "{} : la fin le {} ne vient pas après le début le {}",
                field_fr(field),
                date_fr(*ended_on),
                date_fr(*from)
            ),
            DirectoryError::InvalidQuery { field, value, rule } => {
                format!("recherche, {} « {value} » : {}", field_fr(field), rule.fr())
            }
            DirectoryError::AgreementWithItself { cpts } => format!(
                "conventions de partage d'annuaire : la CPTS {cpts} ne peut pas partager son annuaire avec elle-même"
            ),
        }
    }
}
