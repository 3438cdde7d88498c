//! French messages of the CPTS itself: identity, territory and lifecycle.

use super::{Message, date_fr};
use crate::entity::{EntityError, LifecycleError};

impl Message for EntityError {
    fn message_fr(&self) -> String {
        match self {
            EntityError::InvalidCptsId { value } => format!(
                "l'identifiant de CPTS « {value} » doit compter de 1 à 64 lettres, chiffres, « _ », « - », « . » ou « : »"
            ),
            EntityError::InvalidName { value } => format!(
                "le nom de CPTS « {value} » doit compter de 1 à 300 caractères, pas seulement des espaces"
            ),
            EntityError::SiretOfAnotherSiren { siren, siret } => format!(
                "le SIRET {siret} n'appartient pas au SIREN {siren} (ses 9 premiers chiffres devraient être le SIREN)"
            ),
            EntityError::RnaUnderLocalLaw { rna, siege } => format!(
                "RNA {rna} donné pour une association dont le siège ({siege}) est en Moselle, dans le Bas-Rhin ou le Haut-Rhin : les associations de droit local n'ont pas de numéro RNA (elles sont inscrites au registre du tribunal judiciaire)"
            ),
            EntityError::EmptyTerritory => "un territoire compte au moins une commune".to_owned(),
            EntityError::RepeatedCommune { commune } => {
                format!("la commune {commune} figure deux fois dans le territoire")
            }
            EntityError::Statutes(e) => e.message_fr(),
            EntityError::Lifecycle(e) => e.message_fr(),
            EntityError::Membership(e) => e.message_fr(),
            EntityError::Mission(e) => e.message_fr(),
        }
    }
}

impl Message for LifecycleError {
    fn message_fr(&self) -> String {
        match self {
            LifecycleError::DateOutOfOrder {
                event,
                date,
                last_date,
            } => format!(
                "« {} » daté du {} est antérieur au dernier événement enregistré (le {})",
                event.label_fr(),
                date_fr(*date),
                date_fr(*last_date)
            ),
            LifecycleError::ImpossibleTransition {
                event,
                date,
                status,
            } => format!(
                "« {} » le {} est impossible : la CPTS est alors « {} »",
                event.label_fr(),
                date_fr(*date),
                status.label_fr()
            ),
            LifecycleError::ObjectionOutOfTime {
                date,
                objection_deadline,
            } => format!(
                "l'opposition du {} arrive après le délai de deux mois (dernier jour le {}) : le projet de santé a été validé tacitement (L1434-12 CSP)",
                date_fr(*date),
                date_fr(*objection_deadline)
            ),
            LifecycleError::DateOutOfRange { event, date } => format!(
                "« {} » le {} : une date calculée sort du calendrier pris en charge",
                event.label_fr(),
                date_fr(*date)
            ),
        }
    }
}
