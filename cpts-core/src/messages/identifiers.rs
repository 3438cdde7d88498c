//! French messages of identifiers and nomenclatures.

use super::Message;
use crate::identifiers::{CheckKeyRule, IdentifierError};
use crate::nomenclature::NomenclatureError;

/// The check-key rule, in French.
pub(crate) fn check_key_rule_fr(rule: CheckKeyRule) -> &'static str {
    match rule {
        CheckKeyRule::Luhn => "algorithme de Luhn (modulo 10) sur tout le numéro",
        CheckKeyRule::LaPosteDigitSum => {
            "SIRET de La Poste : la somme des 14 chiffres doit être un multiple de 5"
        }
        CheckKeyRule::SirenPart => {
            "les 9 premiers chiffres d'un SIRET doivent former un SIREN valide"
        }
    }
}

impl Message for IdentifierError {
    fn message_fr(&self) -> String {
        match self {
            IdentifierError::Empty { kind } => format!("{kind} : la valeur est vide"),
            IdentifierError::InvalidLength {
                kind,
                value,
                expected,
                found,
            } => format!(
                "{kind} « {value} » : {expected} caractères sont attendus, {found} trouvé(s) (les espaces et les points ne comptent pas)"
            ),
            IdentifierError::InvalidCharacter {
                kind,
                value,
                position,
                character,
                expected,
            } => format!(
                "{kind} « {value} » : le caractère « {character} » en position {position} n'est pas permis ({} attendu)",
                expected.fr()
            ),
            IdentifierError::InvalidFormat { kind, value, rule } => {
                format!("{kind} « {value} » : {}", rule.fr())
            }
            IdentifierError::InvalidCheckKey {
                kind,
                value,
                rule,
                expected_key,
            } => format!(
                "{kind} « {value} » : la clé de contrôle est fausse ({}){}",
                check_key_rule_fr(*rule),
                expected_key
                    .map(|k| format!(" ; avec ces chiffres, la clé serait {k}"))
                    .unwrap_or_default()
            ),
        }
    }
}

impl Message for NomenclatureError {
    fn message_fr(&self) -> String {
        match self {
            NomenclatureError::UnknownCode {
                system,
                code,
                version,
            } => format!("le code « {code} » n'est pas dans la liste {system} (version {version})"),
            NomenclatureError::WrongCodeSystem {
                field,
                code,
                expected,
            } => format!(
                "{field} : le code {code} ne peut pas servir ici ; {} est attendu",
                expected.fr()
            ),
        }
    }
}
