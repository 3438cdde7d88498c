//! French messages of the ACI funding engine, its parameter files and the missions.

use super::{Message, date_fr};
use crate::aci::money::euros;
use crate::aci::{ContractError, ContractErrors, FundingError, ParameterError};
use crate::missions::MissionError;

impl Message for FundingError {
    fn message_fr(&self) -> String {
        match self {
            FundingError::MissingParameter {
                parameter,
                taille,
                parameter_set,
                note,
            } => format!(
                "le paramètre « {parameter} »{} n'est pas établi dans le jeu de paramètres {parameter_set}{}",
                taille.map(|t| format!(" ({t})")).unwrap_or_default(),
                note.as_ref().map(|n| format!(" : {}", n.fr())).unwrap_or_default()
            ),
            FundingError::NoAciOnDate { date, first_day } => format!(
                "aucun ACI CPTS ne s'applique le {} : le premier jeu de paramètres commence le {}",
                date_fr(*date),
                date_fr(*first_day)
            ),
            FundingError::InvalidContract(errors) => errors.message_fr(),
            FundingError::YearOutOfContract { year, years } => format!(
                "l'année {year} n'est pas une année du contrat (années 1 à {years})"
            ),
            FundingError::UnknownIndicator { indicator } => {
                format!("le contrat n'a pas d'indicateur « {indicator} »")
            }
            FundingError::RepeatedResult { indicator } => {
                format!("l'indicateur « {indicator} » a deux résultats")
            }
            FundingError::MissingResult {
                indicator,
                mission,
                year,
            } => format!(
                "aucun résultat pour l'indicateur « {indicator} » (mission {}) en année {year} du contrat",
                mission.label_fr()
            ),
            FundingError::WrongMeasure {
                indicator,
                expected,
            } => format!("l'indicateur « {indicator} » attend {}", expected.fr()),
            FundingError::MissionNotStarted {
                indicator,
                mission,
                year,
            } => format!(
                "indicateur « {indicator} » : la mission {} n'a pas démarré à la fin de l'année {year} du contrat",
                mission.label_fr()
            ),
            FundingError::CrisisOutsideYear {
                recognised_on,
                year,
                first_day,
                last_day,
            } => format!(
                "la crise reconnue le {} est hors de l'année {year} du contrat (du {} au {})",
                date_fr(*recognised_on),
                date_fr(*first_day),
                date_fr(*last_day)
            ),
            FundingError::NoCrisisMission => "une crise est enregistrée mais le contrat n'a pas la mission de réponse aux crises sanitaires graves".to_owned(),
            FundingError::InvalidInput { field, value, rule } => {
                format!("{field} « {value} » : {}", rule.fr())
            }
            FundingError::Overflow { what } => format!(
                "{} : le calcul sort des limites (des montants démesurés ont été donnés)",
                what.fr()
            ),
        }
    }
}

impl Message for ContractErrors {
    fn message_fr(&self) -> String {
        let list: Vec<String> = self.0.iter().map(Message::message_fr).collect();
        format!(
            "le contrat enfreint {} règle(s) : {}",
            self.0.len(),
            list.join(" ; ")
        )
    }
}

impl Message for ContractError {
    fn message_fr(&self) -> String {
        match self {
            ContractError::InvalidName { value } => {
                format!("le nom « {value} » doit compter de 1 à 300 caractères")
            }
            ContractError::NoAciAtSignature { signed_on } => format!(
                "aucun ACI ne s'applique à la date de signature, le {}",
                date_fr(*signed_on)
            ),
            ContractError::ParameterSetMismatch { stated, in_force } => format!(
                "le contrat indique le jeu de paramètres {stated}, mais c'est {in_force} qui est en vigueur à la date de signature"
            ),
            ContractError::BandMismatch {
                population,
                stated,
                expected,
                range,
            } => format!(
                "une population de {} habitants est en {expected} ({range}), non en {stated}",
                crate::aci::money::group_thousands(*population)
            ),
            ContractError::MissingSocleMission { mission } => {
                format!("la mission socle {} manque", mission.label_fr())
            }
            ContractError::RepeatedMission { mission } => {
                format!("la mission {} figure deux fois", mission.label_fr())
            }
            ContractError::MissionNotInAci {
                mission,
                parameter_sets,
            } => format!(
                "la mission {} n'est définie par aucun des jeux de paramètres en vigueur pendant ce contrat ({})",
                mission.label_fr(),
                parameter_sets.join(", ")
            ),
            ContractError::MissionBeforeSignature {
                mission,
                start,
                signed_on,
            } => format!(
                "la mission {} démarre le {}, avant la signature (le {})",
                mission.label_fr(),
                date_fr(*start),
                date_fr(*signed_on)
            ),
            ContractError::MissionBeforeItApplies {
                mission,
                start,
                applies_from,
            } => format!(
                "la mission {} démarre le {}, avant qu'elle ne s'applique (le {})",
                mission.label_fr(),
                date_fr(*start),
                date_fr(*applies_from)
            ),
            ContractError::MissionAfterDeadline {
                mission,
                start,
                deadline,
            } => format!(
                "la mission {} démarre le {}, après son échéance (le {})",
                mission.label_fr(),
                date_fr(*start),
                date_fr(*deadline)
            ),
            ContractError::DeploymentAfterDeadline {
                mission,
                deployment,
                deadline,
            } => format!(
                "la mission {} est déployée le {}, après son échéance (le {})",
                mission.label_fr(),
                date_fr(*deployment),
                date_fr(*deadline)
            ),
            ContractError::DeploymentBeforeStart {
                mission,
                deployment,
            } => format!(
                "mission {} : un déploiement le {} sans démarrage à cette date ou avant",
                mission.label_fr(),
                date_fr(*deployment)
            ),
            ContractError::MissionAfterContractEnd {
                mission,
                start,
                last_day,
            } => format!(
                "la mission {} démarre le {}, après le dernier jour du contrat (le {})",
                mission.label_fr(),
                date_fr(*start),
                date_fr(*last_day)
            ),
            ContractError::InvalidAmount { field, value } => format!(
                "{field} = {value} : {} est attendu",
                super::rules::AMOUNT.fr()
            ),
            ContractError::IndicatorsExceedVariableEnvelope {
                mission,
                indicators_total,
                variable_envelope,
            } => format!(
                "mission {} : les indicateurs totalisent {}, plus que l'enveloppe variable de {}",
                mission.label_fr(),
                euros(*indicators_total),
                euros(*variable_envelope)
            ),
            ContractError::RepeatedIndicator { id } => {
                format!("l'identifiant d'indicateur « {id} » est employé deux fois")
            }
            ContractError::InvalidIndicator { id, rule } => {
                format!("indicateur « {id} » : {}", rule.fr())
            }
            ContractError::CrisisActivationOnOtherMission { mission } => format!(
                "la mission {} a un montant d'activation de crise ; seule la mission de réponse aux crises sanitaires graves peut en avoir",
                mission.label_fr()
            ),
            ContractError::InvalidCrisisLimit => {
                "crisis_activations_per_year doit valoir au moins 1".to_owned()
            }
            ContractError::DateOutOfRange { what } => {
                format!("{} : la date sort du calendrier pris en charge", what.fr())
            }
        }
    }
}

impl Message for ParameterError {
    fn message_fr(&self) -> String {
        match self {
            ParameterError::Syntax { file, message } => format!("{file} : {}", message.fr()),
            ParameterError::Invalid { set, field, rule } => {
                format!("jeu de paramètres {set} : {field} : {}", rule.fr())
            }
            ParameterError::UnknownSource { set, field, key } => format!(
                "jeu de paramètres {set} : {field} cite la source « {key} », qui n'est pas déclarée"
            ),
            ParameterError::Overlap { first, second, day } => format!(
                "les jeux de paramètres {first} et {second} se chevauchent le {}",
                date_fr(*day)
            ),
            ParameterError::Gap {
                before,
                after,
                from,
                until,
            } => format!(
                "aucun jeu de paramètres ne couvre la période du {} au {} (entre {before} et {after})",
                date_fr(*from),
                date_fr(*until)
            ),
            ParameterError::DuplicateSet { set } => {
                format!("le jeu de paramètres {set} est donné deux fois")
            }
            ParameterError::Empty => {
                "un catalogue de paramètres doit compter au moins un jeu".to_owned()
            }
        }
    }
}

impl Message for MissionError {
    fn message_fr(&self) -> String {
        match self {
            MissionError::AlreadyStarted {
                mission,
                started_on,
            } => format!(
                "la mission {} a déjà démarré le {}",
                mission.label_fr(),
                date_fr(*started_on)
            ),
            MissionError::AlreadyDeployed {
                mission,
                deployed_on,
            } => format!(
                "la mission {} est déjà déployée depuis le {}",
                mission.label_fr(),
                date_fr(*deployed_on)
            ),
            MissionError::NotStarted { mission, date } => format!(
                "la mission {} ne peut pas être déployée le {} avant d'avoir démarré",
                mission.label_fr(),
                date_fr(*date)
            ),
            MissionError::DeploymentBeforeStart {
                mission,
                start,
                deployment,
            } => format!(
                "mission {} : le déploiement du {} précède le démarrage du {}",
                mission.label_fr(),
                date_fr(*deployment),
                date_fr(*start)
            ),
            MissionError::NoAciOnDate { date, first_day } => format!(
                "aucun ACI CPTS ne s'applique le {} : le premier jeu de paramètres commence le {}",
                date_fr(*date),
                date_fr(*first_day)
            ),
            MissionError::DateOutOfRange { mission } => format!(
                "mission {} : son échéance sort du calendrier pris en charge",
                mission.label_fr()
            ),
            MissionError::UnknownMission {
                mission,
                parameter_set,
            } => format!(
                "la mission {} n'est définie par aucun jeu de paramètres (celui en vigueur à la date du contrôle est {parameter_set})",
                mission.label_fr()
            ),
        }
    }
}
