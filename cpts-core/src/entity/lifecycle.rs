//! The dated lifecycle of a CPTS: lettre d'intention → projet de santé sent to the ARS, and
//! received by it (the ARS may ask for missing pieces) → validated (explicitly, or tacitly two
//! months after the ARS received it complete unless the DG ARS objected in that time) or
//! refused → ACI contract signed (tripartite CPTS / CPAM / ARS, 5 years) → renewed or ended →
//! association dissolved.
//!
//! Events are appended with their dates; an impossible transition or a date earlier than
//! the last event is a typed [`LifecycleError`] and changes nothing.
//! [`Lifecycle::status_on`] answers the state on any date, tacit validation and contract
//! expiry included.
//!
//! | Rule | Value | Source |
//! |---|---|---|
//! | Tacit validation of the projet de santé | « réputé validé, sauf si le directeur général de l'agence régionale de santé s'y oppose dans un délai de deux mois en se fondant sur l'absence de respect des objectifs du projet régional de santé […] ou sur la pertinence du territoire d'action » | L1434-12 CSP (official), <https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072665/LEGISCTA000031917906/> |
//! | The two grounds of an objection | objectifs du projet régional de santé; pertinence du territoire d'action ([`ObjectionGrounds`]) | L1434-12 CSP (official) |
//! | From when the two months run | the **receipt** by the ARS of a **complete** projet; a request for missing pieces makes them run from the pieces' receipt | CRPA L. 114-5 and the accusé de réception rules (official), <https://www.legifrance.gouv.fr/affichCode.do?idSectionTA=LEGISCTA000031367334&cidTexte=LEGITEXT000031366350&dateTexte=20160101>: general law on implicit decisions applied to L1434-12 (no CPTS-specific text or case law found) |
//! | A receipt not recorded | the délai runs from the sending date ([`ReceiptNotRecorded`]) | **library convention** |
//! | Since when | loi n° 2019-774 du 24 juillet 2019 (JORF n°0172 du 26 juillet 2019), in force on 27 July 2019; a projet sent before had no tacit validation (the 2016 text only had it « transmis » to the ARS): [`TACIT_VALIDATION_FROM`] | <https://www.legifrance.gouv.fr/loda/id/JORFTEXT000038821260> (official) |
//! | Last day of the objection period | the day the two months end; the projet is validated the next day | **library convention**: [`LifecycleRules::objection_deadline`] |
//! | Contract term | 5 years | ACI; Concours pluripro (trade press) |
//! | A renewal | starts the day after the current term ends and lasts one more term | **library convention** |
//! | Lettre d'intention | optional step: CPTS created before the ACI (2016–2019) had none, and L1434-12 does not require it | **library convention** |
//! | Months added to dates | [`MonthArithmetic`] (clamped to the end of month) | **library convention** |

use chrono::{Days, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::calendar::MonthArithmetic;

/// First day a projet de santé sent to the ARS can be validated tacitly: loi n° 2019-774 du
/// 24 juillet 2019 (JORF n°0172 du 26 juillet 2019), in force the day after its publication
/// (art. 1 of the Code civil), replaced « soumis à l'approbation du directeur général de
/// l'agence régionale de santé » by « réputé validé, sauf si le directeur général […] s'y
/// oppose dans un délai de deux mois ». A projet sent earlier stays « transmis »
/// ([`LifecycleStatus::ProjetDeSanteTransmitted`]) until the ARS decides.
pub const TACIT_VALIDATION_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2019, 7, 27) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// From when the two months run when the ARS's receipt of the projet is not recorded (a
/// library convention: the délai runs from the receipt, CRPA L. 114-5, and a sender may not
/// know its date).
///
/// JSON: `"sending_date"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReceiptNotRecorded {
    /// From the sending date, as if the ARS received the projet the day it was sent (the
    /// earliest the délai can run: a tacit validation computed so is never later than the
    /// law's).
    #[default]
    SendingDate,
}

/// The grounds of an objection of the DG ARS: L1434-12 admits these two only.
///
/// JSON: `"objectifs_projet_regional_de_sante"`, `"pertinence_du_territoire"` or `"les_deux"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionGrounds {
    /// « l'absence de respect des objectifs du projet régional de santé ».
    ObjectifsProjetRegionalDeSante,
    /// « la pertinence du territoire d'action de la communauté ».
    PertinenceDuTerritoire,
    /// Both grounds.
    LesDeux,
}

impl ObjectionGrounds {
    /// The grounds in French.
    pub fn label_fr(self) -> &'static str {
        match self {
            ObjectionGrounds::ObjectifsProjetRegionalDeSante => {
                "non-respect des objectifs du projet régional de santé"
            }
            ObjectionGrounds::PertinenceDuTerritoire => "pertinence du territoire d'action",
            ObjectionGrounds::LesDeux => {
                "non-respect des objectifs du projet régional de santé et pertinence du territoire d'action"
            }
        }
    }
}

/// What the two months of an instruction run from.
///
/// JSON: `"sending_date"`, `"receipt"` or `"pieces_received"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DelaiStart {
    /// The sending date: the receipt is not recorded ([`ReceiptNotRecorded::SendingDate`]).
    SendingDate,
    /// The ARS's receipt of the projet.
    Receipt,
    /// The ARS's receipt of the missing pieces it asked for (CRPA L. 114-5).
    PiecesReceived,
}

/// The rules of the lifecycle, with their defaults (see the module table for sources).
///
/// JSON: `{"tacit_validation_months": 2, "contract_term_months": 60,
/// "month_arithmetic": "clamp_to_end_of_month"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifecycleRules {
    /// Months after which a projet de santé sent to the ARS is deemed validated
    /// (« réputé validé, sauf si le directeur général de l'ARS s'y oppose dans un délai de
    /// deux mois », L1434-12 CSP). Default 2.
    pub tacit_validation_months: u32,
    /// Length of one contract term in months. Default 60 (5 years).
    pub contract_term_months: u32,
    /// How months are added to dates.
    pub month_arithmetic: MonthArithmetic,
    /// From when the délai runs while the receipt is not recorded (default: the sending
    /// date, a library convention).
    #[serde(default)]
    pub receipt_not_recorded: ReceiptNotRecorded,
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules {
            tacit_validation_months: 2,
            contract_term_months: 60,
            month_arithmetic: MonthArithmetic::ClampToEndOfMonth,
            receipt_not_recorded: ReceiptNotRecorded::SendingDate,
        }
    }
}

impl LifecycleRules {
    /// The last day on which the DG ARS may object when the délai runs from `sent_on` (the
    /// receipt of the complete projet; library convention: the day the délai ends is still
    /// within it).
    pub fn objection_deadline(&self, sent_on: NaiveDate) -> Option<NaiveDate> {
        self.month_arithmetic
            .add_months(sent_on, self.tacit_validation_months)
    }

    /// The last day of a contract term starting on `start`.
    pub fn term_last_day(&self, start: NaiveDate) -> Option<NaiveDate> {
        self.month_arithmetic
            .add_months(start, self.contract_term_months)
            .and_then(|d| d.checked_sub_days(Days::new(1)))
    }
}

/// One dated step of the lifecycle.
///
/// JSON: `{"event": "projet_de_sante_submitted", "date": "2023-01-15"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum LifecycleEvent {
    /// The lettre d'intention was sent to the ARS.
    LettreIntentionSubmitted {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The ARS validated the lettre d'intention (it opens the CNAM aid under avenant 2).
    LettreIntentionValidated {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The projet de santé was sent to the ARS. Until its receipt is recorded the two-month
    /// délai runs from this date ([`ReceiptNotRecorded`]).
    ProjetDeSanteSubmitted {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The ARS received the projet de santé (the date of its accusé de réception): the
    /// two-month délai runs from this date (CRPA L. 114-5).
    ProjetDeSanteReceived {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The ARS asked for missing pieces: the projet is incomplete, and the délai does not
    /// run until they are received (CRPA L. 114-5).
    ProjetDeSantePiecesRequested {
        /// Date of the request.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The ARS received the missing pieces: the two-month délai runs from this date.
    ProjetDeSantePiecesReceived {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The DG ARS validated the projet de santé explicitly, within the two months.
    ProjetDeSanteValidated {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The DG ARS objected to the projet de santé within the two months (L1434-12), on one or
    /// both of the two grounds the article admits.
    ProjetDeSanteObjected {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
        /// The grounds (`None`: not recorded, as in histories saved before they were).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grounds: Option<ObjectionGrounds>,
    },
    /// The ACI contract (CPTS / CPAM / ARS) was signed: a term starts on this date.
    ContractSigned {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The contract was renewed during its term: one more term after the current one.
    ContractRenewed {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The contract was ended before its term (résiliation); it no longer applies from
    /// this date.
    ContractTerminated {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
    /// The association was dissolved. Nothing follows.
    Dissolved {
        /// Date.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: NaiveDate,
    },
}

/// The name of an event, without its date (used in errors).
///
/// JSON: a snake_case string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// See [`LifecycleEvent::LettreIntentionSubmitted`].
    LettreIntentionSubmitted,
    /// See [`LifecycleEvent::LettreIntentionValidated`].
    LettreIntentionValidated,
    /// See [`LifecycleEvent::ProjetDeSanteSubmitted`].
    ProjetDeSanteSubmitted,
    /// See [`LifecycleEvent::ProjetDeSanteReceived`].
    ProjetDeSanteReceived,
    /// See [`LifecycleEvent::ProjetDeSantePiecesRequested`].
    ProjetDeSantePiecesRequested,
    /// See [`LifecycleEvent::ProjetDeSantePiecesReceived`].
    ProjetDeSantePiecesReceived,
    /// See [`LifecycleEvent::ProjetDeSanteValidated`].
    ProjetDeSanteValidated,
    /// See [`LifecycleEvent::ProjetDeSanteObjected`].
    ProjetDeSanteObjected,
    /// See [`LifecycleEvent::ContractSigned`].
    ContractSigned,
    /// See [`LifecycleEvent::ContractRenewed`].
    ContractRenewed,
    /// See [`LifecycleEvent::ContractTerminated`].
    ContractTerminated,
    /// See [`LifecycleEvent::Dissolved`].
    Dissolved,
}

impl std::fmt::Display for EventKind {
    /// The JSON name (`contract_signed`), as messages write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::names::json_name(self))
    }
}

impl EventKind {
    /// Every event, in the order of the lifecycle.
    pub const ALL: [EventKind; 12] = [
        EventKind::LettreIntentionSubmitted,
        EventKind::LettreIntentionValidated,
        EventKind::ProjetDeSanteSubmitted,
        EventKind::ProjetDeSanteReceived,
        EventKind::ProjetDeSantePiecesRequested,
        EventKind::ProjetDeSantePiecesReceived,
        EventKind::ProjetDeSanteValidated,
        EventKind::ProjetDeSanteObjected,
        EventKind::ContractSigned,
        EventKind::ContractRenewed,
        EventKind::ContractTerminated,
        EventKind::Dissolved,
    ];

    /// French label, for reports.
    pub fn label_fr(self) -> &'static str {
        match self {
            EventKind::LettreIntentionSubmitted => "lettre d'intention déposée",
            EventKind::LettreIntentionValidated => "lettre d'intention validée par l'ARS",
            EventKind::ProjetDeSanteSubmitted => "projet de santé transmis à l'ARS",
            EventKind::ProjetDeSanteReceived => "projet de santé reçu par l'ARS",
            EventKind::ProjetDeSantePiecesRequested => "pièces manquantes demandées par l'ARS",
            EventKind::ProjetDeSantePiecesReceived => "pièces manquantes reçues par l'ARS",
            EventKind::ProjetDeSanteValidated => "projet de santé validé par le DG ARS",
            EventKind::ProjetDeSanteObjected => "opposition du DG ARS au projet de santé",
            EventKind::ContractSigned => "contrat ACI signé (CPTS, CPAM, ARS)",
            EventKind::ContractRenewed => "contrat ACI renouvelé",
            EventKind::ContractTerminated => "contrat ACI résilié",
            EventKind::Dissolved => "association dissoute",
        }
    }
}

/// A step of the timeline: a recorded event, or a change due to the passing of time.
///
/// JSON: `{"step": "event", "event": "contract_signed"}`, `{"step": "tacit_validation"}`,
/// `{"step": "contract_expired"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum TimelineStep {
    /// A recorded event.
    Event {
        /// Which one.
        event: EventKind,
    },
    /// The projet de santé is validated by the silence of the DG ARS (L1434-12 CSP).
    TacitValidation,
    /// The contract's term ran out.
    ContractExpired,
}

impl TimelineStep {
    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            TimelineStep::Event { event } => event.label_fr(),
            TimelineStep::TacitValidation => "projet de santé validé tacitement (L1434-12 CSP)",
            TimelineStep::ContractExpired => "contrat ACI échu",
        }
    }
}

/// One dated step of the timeline.
///
/// JSON: `{"date": "2021-12-05", "step": "tacit_validation"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct TimelineEntry {
    /// Date of the step.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub date: NaiveDate,
    /// The step.
    #[serde(flatten)]
    pub step: TimelineStep,
}

impl LifecycleEvent {
    /// The date of the event.
    pub fn date(&self) -> NaiveDate {
        match *self {
            LifecycleEvent::LettreIntentionSubmitted { date }
            | LifecycleEvent::LettreIntentionValidated { date }
            | LifecycleEvent::ProjetDeSanteSubmitted { date }
            | LifecycleEvent::ProjetDeSanteReceived { date }
            | LifecycleEvent::ProjetDeSantePiecesRequested { date }
            | LifecycleEvent::ProjetDeSantePiecesReceived { date }
            | LifecycleEvent::ProjetDeSanteValidated { date }
            | LifecycleEvent::ProjetDeSanteObjected { date, .. }
            | LifecycleEvent::ContractSigned { date }
            | LifecycleEvent::ContractRenewed { date }
            | LifecycleEvent::ContractTerminated { date }
            | LifecycleEvent::Dissolved { date } => date,
        }
    }

    /// The event's name.
    pub fn kind(&self) -> EventKind {
        match self {
            LifecycleEvent::LettreIntentionSubmitted { .. } => EventKind::LettreIntentionSubmitted,
            LifecycleEvent::LettreIntentionValidated { .. } => EventKind::LettreIntentionValidated,
            LifecycleEvent::ProjetDeSanteSubmitted { .. } => EventKind::ProjetDeSanteSubmitted,
            LifecycleEvent::ProjetDeSanteReceived { .. } => EventKind::ProjetDeSanteReceived,
            LifecycleEvent::ProjetDeSantePiecesRequested { .. } => {
                EventKind::ProjetDeSantePiecesRequested
            }
            LifecycleEvent::ProjetDeSantePiecesReceived { .. } => {
                EventKind::ProjetDeSantePiecesReceived
            }
            LifecycleEvent::ProjetDeSanteValidated { .. } => EventKind::ProjetDeSanteValidated,
            LifecycleEvent::ProjetDeSanteObjected { .. } => EventKind::ProjetDeSanteObjected,
            LifecycleEvent::ContractSigned { .. } => EventKind::ContractSigned,
            LifecycleEvent::ContractRenewed { .. } => EventKind::ContractRenewed,
            LifecycleEvent::ContractTerminated { .. } => EventKind::ContractTerminated,
            LifecycleEvent::Dissolved { .. } => EventKind::Dissolved,
        }
    }
}

/// Why a contract no longer applies.
///
/// JSON: `"expired"` or `"terminated"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractEnd {
    /// Its term ran out without a renewal.
    Expired,
    /// It was ended before its term.
    Terminated,
}

/// The state of a CPTS on a date.
///
/// JSON: `{"status": "contract_in_force", "signed_on": "...", ...}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum LifecycleStatus {
    /// No step recorded yet on that date.
    #[default]
    NotStarted,
    /// Lettre d'intention sent, not yet validated.
    LettreIntentionSubmitted {
        /// Date it was sent.
        #[serde(deserialize_with = "crate::calendar::date")]
        submitted_on: NaiveDate,
    },
    /// Lettre d'intention validated by the ARS.
    LettreIntentionValidated {
        /// Date of validation.
        #[serde(deserialize_with = "crate::calendar::date")]
        validated_on: NaiveDate,
    },
    /// Projet de santé with the ARS, within the two-month délai.
    ProjetDeSanteUnderReview {
        /// Date it was sent.
        #[serde(deserialize_with = "crate::calendar::date")]
        submitted_on: NaiveDate,
        /// Last day on which the DG ARS may object; validated tacitly the day after.
        #[serde(deserialize_with = "crate::calendar::date")]
        objection_deadline: NaiveDate,
        /// The day the délai runs from.
        #[serde(deserialize_with = "crate::calendar::date")]
        delai_from: NaiveDate,
        /// What that day is: the sending (receipt not recorded), the receipt, the receipt
        /// of the missing pieces.
        delai_start: DelaiStart,
    },
    /// The ARS asked for missing pieces: the délai does not run until it receives them.
    ProjetDeSanteIncomplete {
        /// Date it was sent.
        #[serde(deserialize_with = "crate::calendar::date")]
        submitted_on: NaiveDate,
        /// Date of the request.
        #[serde(deserialize_with = "crate::calendar::date")]
        pieces_requested_on: NaiveDate,
    },
    /// A projet sent before loi n° 2019-774 ([`TACIT_VALIDATION_FROM`]): transmitted to the
    /// ARS, with no tacit validation (none is computed); the ARS's decision is recorded, or
    /// the contract signed (the 2016 text required the transmission only).
    ProjetDeSanteTransmitted {
        /// Date it was sent.
        #[serde(deserialize_with = "crate::calendar::date")]
        submitted_on: NaiveDate,
    },
    /// Projet de santé validated.
    ProjetDeSanteValidated {
        /// Date from which it is validated.
        #[serde(deserialize_with = "crate::calendar::date")]
        validated_on: NaiveDate,
        /// True when validated by the silence of the DG ARS (L1434-12).
        tacit: bool,
    },
    /// The DG ARS objected to the projet de santé; a new projet may be sent.
    ProjetDeSanteRefused {
        /// Date of the objection.
        #[serde(deserialize_with = "crate::calendar::date")]
        objected_on: NaiveDate,
        /// Its grounds, when recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grounds: Option<ObjectionGrounds>,
    },
    /// An ACI contract applies.
    ContractInForce {
        /// Date the contract was first signed (renewals keep it).
        #[serde(deserialize_with = "crate::calendar::date")]
        signed_on: NaiveDate,
        /// First day of the current term.
        #[serde(deserialize_with = "crate::calendar::date")]
        term_started_on: NaiveDate,
        /// Last day of the current term.
        #[serde(deserialize_with = "crate::calendar::date")]
        term_last_day: NaiveDate,
        /// Number of renewals so far.
        renewals: u32,
    },
    /// The contract no longer applies; the projet de santé stays validated and a new
    /// contract may be signed.
    ContractEnded {
        /// Date the ended contract was first signed.
        #[serde(deserialize_with = "crate::calendar::date")]
        signed_on: NaiveDate,
        /// First day without a contract.
        #[serde(deserialize_with = "crate::calendar::date")]
        ended_on: NaiveDate,
        /// Expired or terminated.
        reason: ContractEnd,
    },
    /// The association is dissolved.
    Dissolved {
        /// Date of dissolution.
        #[serde(deserialize_with = "crate::calendar::date")]
        dissolved_on: NaiveDate,
    },
}

impl LifecycleStatus {
    /// A short French label for reports.
    pub fn label_fr(&self) -> &'static str {
        match self {
            LifecycleStatus::NotStarted => "aucune démarche",
            LifecycleStatus::LettreIntentionSubmitted { .. } => "lettre d'intention déposée",
            LifecycleStatus::LettreIntentionValidated { .. } => "lettre d'intention validée",
            LifecycleStatus::ProjetDeSanteUnderReview { .. } => {
                "projet de santé en instruction à l'ARS"
            }
            LifecycleStatus::ProjetDeSanteIncomplete { .. } => {
                "projet de santé incomplet : pièces demandées par l'ARS (le délai de deux mois courra de leur réception)"
            }
            LifecycleStatus::ProjetDeSanteTransmitted { .. } => {
                "projet de santé transmis avant la loi du 24 juillet 2019 : pas de validation tacite, décision de l'ARS à enregistrer"
            }
            LifecycleStatus::ProjetDeSanteValidated { tacit: true, .. } => {
                "projet de santé validé tacitement"
            }
            LifecycleStatus::ProjetDeSanteValidated { .. } => "projet de santé validé",
            LifecycleStatus::ProjetDeSanteRefused { .. } => {
                "opposition du DG ARS au projet de santé"
            }
            LifecycleStatus::ContractInForce { .. } => "contrat ACI en cours",
            LifecycleStatus::ContractEnded {
                reason: ContractEnd::Expired,
                ..
            } => "contrat ACI échu",
            LifecycleStatus::ContractEnded { .. } => "contrat ACI résilié",
            LifecycleStatus::Dissolved { .. } => "association dissoute",
        }
    }
}

/// The stage a CPTS has reached, as ARS lists state it (« projet », « lettre d'intention
/// validée », « contrat signé »): a summary of [`LifecycleStatus`] without its dates.
///
/// JSON: `"projet"`, `"lettre_intention_deposee"`, `"lettre_intention_validee"`,
/// `"projet_de_sante_depose"`, `"projet_de_sante_valide"`, `"contrat_signe"`,
/// `"contrat_termine"`, `"dissoute"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CptsStage {
    /// A project, before any step with the ARS.
    Projet,
    /// Lettre d'intention sent to the ARS.
    LettreIntentionDeposee,
    /// Lettre d'intention validated by the ARS.
    LettreIntentionValidee,
    /// Projet de santé sent to the ARS (under review, or refused).
    ProjetDeSanteDepose,
    /// Projet de santé validated (explicitly or tacitly).
    ProjetDeSanteValide,
    /// ACI contract signed and in force.
    ContratSigne,
    /// The ACI contract ended (expired or terminated).
    ContratTermine,
    /// The association is dissolved.
    Dissoute,
}

impl CptsStage {
    /// Every stage, in the order of the lifecycle.
    pub const ALL: [CptsStage; 8] = [
        CptsStage::Projet,
        CptsStage::LettreIntentionDeposee,
        CptsStage::LettreIntentionValidee,
        CptsStage::ProjetDeSanteDepose,
        CptsStage::ProjetDeSanteValide,
        CptsStage::ContratSigne,
        CptsStage::ContratTermine,
        CptsStage::Dissoute,
    ];

    /// French label, as a list would write it.
    pub fn label_fr(self) -> &'static str {
        match self {
            CptsStage::Projet => "projet",
            CptsStage::LettreIntentionDeposee => "lettre d'intention déposée",
            CptsStage::LettreIntentionValidee => "lettre d'intention validée",
            CptsStage::ProjetDeSanteDepose => "projet de santé déposé",
            CptsStage::ProjetDeSanteValide => "projet de santé validé",
            CptsStage::ContratSigne => "contrat signé",
            CptsStage::ContratTermine => "contrat terminé",
            CptsStage::Dissoute => "association dissoute",
        }
    }
}

impl From<&LifecycleStatus> for CptsStage {
    fn from(status: &LifecycleStatus) -> Self {
        match status {
            LifecycleStatus::NotStarted => CptsStage::Projet,
            LifecycleStatus::LettreIntentionSubmitted { .. } => CptsStage::LettreIntentionDeposee,
            LifecycleStatus::LettreIntentionValidated { .. } => CptsStage::LettreIntentionValidee,
            LifecycleStatus::ProjetDeSanteUnderReview { .. }
            | LifecycleStatus::ProjetDeSanteIncomplete { .. }
            | LifecycleStatus::ProjetDeSanteTransmitted { .. }
            | LifecycleStatus::ProjetDeSanteRefused { .. } => CptsStage::ProjetDeSanteDepose,
            LifecycleStatus::ProjetDeSanteValidated { .. } => CptsStage::ProjetDeSanteValide,
            LifecycleStatus::ContractInForce { .. } => CptsStage::ContratSigne,
            LifecycleStatus::ContractEnded { .. } => CptsStage::ContratTermine,
            LifecycleStatus::Dissolved { .. } => CptsStage::Dissoute,
        }
    }
}

/// Why an event cannot be appended. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LifecycleError {
    /// The event is dated before the last recorded one.
    #[error("{event} dated {date} is earlier than the last recorded event ({last_date})")]
    DateOutOfOrder {
        /// The event refused.
        event: EventKind,
        /// Its date.
        date: NaiveDate,
        /// Date of the last recorded event.
        last_date: NaiveDate,
    },
    /// The event cannot follow the state the CPTS is in on its date.
    #[error("{event} on {date} is impossible: the CPTS is then « {} »", status.label_fr())]
    ImpossibleTransition {
        /// The event refused.
        event: EventKind,
        /// Its date.
        date: NaiveDate,
        /// The state on that date.
        status: LifecycleStatus,
    },
    /// The DG ARS objected after the two months: the projet was already validated tacitly
    /// (L1434-12 CSP).
    #[error(
        "objection on {date} comes after the two-month délai (last day {objection_deadline}): the projet de santé was validated tacitly (L1434-12 CSP)"
    )]
    ObjectionOutOfTime {
        /// Date of the objection.
        date: NaiveDate,
        /// Last day on which it could be made.
        objection_deadline: NaiveDate,
    },
    /// A computed date falls outside the supported calendar.
    #[error("{event} on {date}: a computed date is out of the supported range")]
    DateOutOfRange {
        /// The event.
        event: EventKind,
        /// Its date.
        date: NaiveDate,
    },
}

/// The lifecycle of one CPTS: its rules and its events, in date order.
///
/// JSON: `{"rules": {...}, "events": [{"event": "...", "date": "..."}, ...]}`; deserialising
/// replays the events and refuses a history that breaks a rule.
///
/// ```
/// use chrono::NaiveDate;
/// use cpts_core::entity::{Lifecycle, LifecycleEvent, LifecycleStatus};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut life = Lifecycle::default();
/// life.append(LifecycleEvent::ProjetDeSanteSubmitted { date: d(2023, 1, 10) }).unwrap();
/// // No objection by 10 March 2023: validated tacitly on 11 March.
/// assert_eq!(
///     life.status_on(d(2023, 3, 11)),
///     LifecycleStatus::ProjetDeSanteValidated { validated_on: d(2023, 3, 11), tacit: true }
/// );
/// // An objection after the délai is refused and changes nothing.
/// assert!(life.append(LifecycleEvent::ProjetDeSanteObjected { date: d(2023, 3, 20), grounds: None, }).is_err());
/// assert_eq!(life.events().len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "crate::messages::Unchecked<LifecycleData>")]
pub struct Lifecycle {
    rules: LifecycleRules,
    events: Vec<LifecycleEvent>,
    /// The state just after the last event (follows from the events): an event is appended
    /// against it in constant time, so reading back `n` events costs `O(n)`.
    #[serde(skip)]
    last: LifecycleStatus,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LifecycleData {
    #[serde(default)]
    rules: LifecycleRules,
    events: Vec<LifecycleEvent>,
}

impl TryFrom<LifecycleData> for Lifecycle {
    type Error = LifecycleError;
    fn try_from(data: LifecycleData) -> Result<Self, Self::Error> {
        let mut life = Lifecycle::with_rules(data.rules);
        for e in data.events {
            life.append(e)?;
        }
        Ok(life)
    }
}

impl Lifecycle {
    /// An empty lifecycle with the given rules.
    pub fn with_rules(rules: LifecycleRules) -> Self {
        Lifecycle {
            rules,
            events: Vec::new(),
            last: LifecycleStatus::NotStarted,
        }
    }

    /// The rules in use.
    pub fn rules(&self) -> &LifecycleRules {
        &self.rules
    }

    /// The recorded events, in date order.
    pub fn events(&self) -> &[LifecycleEvent] {
        &self.events
    }

    /// Appends an event after checking its date and that it can follow the state on that
    /// date. On error nothing changes.
    pub fn append(&mut self, event: LifecycleEvent) -> Result<(), LifecycleError> {
        let date = event.date();
        if let Some(last) = self.events.last()
            && date < last.date()
        {
            return Err(LifecycleError::DateOutOfOrder {
                event: event.kind(),
                date,
                last_date: last.date(),
            });
        }
        // `date` is on or after the last event: the state on it is the state after the last
        // event, advanced by the passing of time (what `status_on` computes from the start).
        let status = advance(self.last, date);
        self.last = transition(&self.rules, status, event)?;
        self.events.push(event);
        Ok(())
    }

    /// The state on `date`, with tacit validation and contract expiry applied.
    pub fn status_on(&self, date: NaiveDate) -> LifecycleStatus {
        let mut status = LifecycleStatus::NotStarted;
        for event in self.events.iter().take_while(|e| e.date() <= date) {
            status = advance(status, event.date());
            // Recorded events were checked when appended: a failure cannot happen here,
            // and keeping the earlier state is the safe answer if it ever did.
            if let Ok(next) = transition(&self.rules, status, *event) {
                status = next;
            }
        }
        advance(status, date)
    }

    /// Every step up to `until`, in date order: the recorded events, and the changes due
    /// to the passing of time (tacit validation, contract expiry) on the day they happen.
    pub fn timeline(&self, until: NaiveDate) -> Vec<TimelineEntry> {
        let mut entries = Vec::new();
        let mut status = LifecycleStatus::NotStarted;
        for event in self.events.iter().take_while(|e| e.date() <= until) {
            status = passing_of_time(status, event.date(), &mut entries);
            if let Ok(next) = transition(&self.rules, status, *event) {
                status = next;
            }
            entries.push(TimelineEntry {
                date: event.date(),
                step: TimelineStep::Event {
                    event: event.kind(),
                },
            });
        }
        passing_of_time(status, until, &mut entries);
        entries
    }

    /// The date the ARS validated the lettre d'intention, if it did.
    pub fn lettre_intention_validated_on(&self) -> Option<NaiveDate> {
        self.events.iter().find_map(|e| match e {
            LifecycleEvent::LettreIntentionValidated { date } => Some(*date),
            _ => None,
        })
    }

    /// The date the contract in force on `date` was first signed, if one is in force.
    pub fn contract_signed_on(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.status_on(date) {
            LifecycleStatus::ContractInForce { signed_on, .. } => Some(signed_on),
            _ => None,
        }
    }
}

/// [`advance`], recording in `entries` the step it makes, if any.
fn passing_of_time(
    status: LifecycleStatus,
    date: NaiveDate,
    entries: &mut Vec<TimelineEntry>,
) -> LifecycleStatus {
    let next = advance(status, date);
    if next != status {
        match next {
            LifecycleStatus::ProjetDeSanteValidated {
                validated_on,
                tacit: true,
            } => {
                entries.push(TimelineEntry {
                    date: validated_on,
                    step: TimelineStep::TacitValidation,
                });
            }
            LifecycleStatus::ContractEnded {
                ended_on,
                reason: ContractEnd::Expired,
                ..
            } => {
                entries.push(TimelineEntry {
                    date: ended_on,
                    step: TimelineStep::ContractExpired,
                });
            }
            _ => {}
        }
    }
    next
}

/// The state reached on `date` by the passing of time alone (tacit validation, expiry).
fn advance(status: LifecycleStatus, date: NaiveDate) -> LifecycleStatus {
    match status {
        LifecycleStatus::ProjetDeSanteUnderReview {
            objection_deadline, ..
        } if date > objection_deadline => match objection_deadline.succ_opt() {
            Some(validated_on) => LifecycleStatus::ProjetDeSanteValidated {
                validated_on,
                tacit: true,
            },
            None => status,
        },
        LifecycleStatus::ContractInForce {
            signed_on,
            term_last_day,
            ..
        } if date > term_last_day => match term_last_day.succ_opt() {
            Some(ended_on) => LifecycleStatus::ContractEnded {
                signed_on,
                ended_on,
                reason: ContractEnd::Expired,
            },
            None => status,
        },
        other => other,
    }
}

/// The state after `event`, from the state on the event's date.
fn transition(
    rules: &LifecycleRules,
    status: LifecycleStatus,
    event: LifecycleEvent,
) -> Result<LifecycleStatus, LifecycleError> {
    use LifecycleEvent as E;
    use LifecycleStatus as S;
    let date = event.date();
    let out_of_range = || LifecycleError::DateOutOfRange {
        event: event.kind(),
        date,
    };
    let impossible = || LifecycleError::ImpossibleTransition {
        event: event.kind(),
        date,
        status,
    };
    Ok(match (status, event) {
        (S::Dissolved { .. }, _) => return Err(impossible()),
        (_, E::Dissolved { date }) => S::Dissolved { dissolved_on: date },
        (S::NotStarted, E::LettreIntentionSubmitted { date }) => {
            S::LettreIntentionSubmitted { submitted_on: date }
        }
        (S::LettreIntentionSubmitted { .. }, E::LettreIntentionValidated { date }) => {
            S::LettreIntentionValidated { validated_on: date }
        }
        (
            S::NotStarted
            | S::LettreIntentionSubmitted { .. }
            | S::LettreIntentionValidated { .. }
            | S::ProjetDeSanteRefused { .. },
            E::ProjetDeSanteSubmitted { date },
        ) if date < TACIT_VALIDATION_FROM => S::ProjetDeSanteTransmitted { submitted_on: date },
        (
            S::NotStarted
            | S::LettreIntentionSubmitted { .. }
            | S::LettreIntentionValidated { .. }
            | S::ProjetDeSanteRefused { .. },
            E::ProjetDeSanteSubmitted { date },
        ) => match rules.receipt_not_recorded {
            ReceiptNotRecorded::SendingDate => S::ProjetDeSanteUnderReview {
                submitted_on: date,
                objection_deadline: rules.objection_deadline(date).ok_or_else(out_of_range)?,
                delai_from: date,
                delai_start: DelaiStart::SendingDate,
            },
        },
        // The receipt, once: the délai runs from it.
        (
            S::ProjetDeSanteUnderReview {
                submitted_on,
                delai_start: DelaiStart::SendingDate,
                ..
            },
            E::ProjetDeSanteReceived { date },
        ) => S::ProjetDeSanteUnderReview {
            submitted_on,
            objection_deadline: rules.objection_deadline(date).ok_or_else(out_of_range)?,
            delai_from: date,
            delai_start: DelaiStart::Receipt,
        },
        // A projet sent before the regime stays transmitted (its receipt is noted).
        (S::ProjetDeSanteTransmitted { .. }, E::ProjetDeSanteReceived { .. }) => status,
        (
            S::ProjetDeSanteUnderReview { submitted_on, .. },
            E::ProjetDeSantePiecesRequested { date },
        ) => S::ProjetDeSanteIncomplete {
            submitted_on,
            pieces_requested_on: date,
        },
        (
            S::ProjetDeSanteIncomplete { submitted_on, .. },
            E::ProjetDeSantePiecesReceived { date },
        ) => S::ProjetDeSanteUnderReview {
            submitted_on,
            objection_deadline: rules.objection_deadline(date).ok_or_else(out_of_range)?,
            delai_from: date,
            delai_start: DelaiStart::PiecesReceived,
        },
        (
            S::ProjetDeSanteUnderReview { .. }
            | S::ProjetDeSanteIncomplete { .. }
            | S::ProjetDeSanteTransmitted { .. },
            E::ProjetDeSanteValidated { date },
        ) => S::ProjetDeSanteValidated {
            validated_on: date,
            tacit: false,
        },
        (
            S::ProjetDeSanteUnderReview { .. }
            | S::ProjetDeSanteIncomplete { .. }
            | S::ProjetDeSanteTransmitted { .. },
            E::ProjetDeSanteObjected { date, grounds },
        ) => S::ProjetDeSanteRefused {
            objected_on: date,
            grounds,
        },
        (
            S::ProjetDeSanteValidated {
                tacit: true,
                validated_on,
            },
            E::ProjetDeSanteObjected { date, .. },
        ) => {
            return Err(LifecycleError::ObjectionOutOfTime {
                date,
                objection_deadline: validated_on.pred_opt().ok_or_else(out_of_range)?,
            });
        }
        // A projet transmitted before loi n° 2019-774 needed no validation (the 2016 text
        // only had it transmitted): the contract, which the ARS signs, may follow it.
        (
            S::ProjetDeSanteValidated { .. }
            | S::ContractEnded { .. }
            | S::ProjetDeSanteTransmitted { .. },
            E::ContractSigned { date },
        ) => S::ContractInForce {
            signed_on: date,
            term_started_on: date,
            term_last_day: rules.term_last_day(date).ok_or_else(out_of_range)?,
            renewals: 0,
        },
        (
            S::ContractInForce {
                signed_on,
                term_last_day,
                renewals,
                ..
            },
            E::ContractRenewed { .. },
        ) => {
            let next_start = term_last_day.succ_opt().ok_or_else(out_of_range)?;
            S::ContractInForce {
                signed_on,
                term_started_on: next_start,
                term_last_day: rules.term_last_day(next_start).ok_or_else(out_of_range)?,
                renewals: renewals.saturating_add(1),
            }
        }
        (S::ContractInForce { signed_on, .. }, E::ContractTerminated { date }) => {
            S::ContractEnded {
                signed_on,
                ended_on: date,
                reason: ContractEnd::Terminated,
            }
        }
        _ => return Err(impossible()),
    })
}

crate::messages::refused_through_serde!(
    Lifecycle,
    LifecycleData,
    |e| crate::messages::Refusal::of(&e)
);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn full_path_with_explicit_validation() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::LettreIntentionSubmitted {
            date: d(2021, 9, 1),
        })
        .unwrap();
        life.append(LifecycleEvent::LettreIntentionValidated {
            date: d(2021, 10, 4),
        })
        .unwrap();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2022, 1, 17),
        })
        .unwrap();
        life.append(LifecycleEvent::ProjetDeSanteValidated {
            date: d(2022, 2, 28),
        })
        .unwrap();
        life.append(LifecycleEvent::ContractSigned {
            date: d(2022, 4, 15),
        })
        .unwrap();
        assert_eq!(life.status_on(d(2021, 8, 31)), LifecycleStatus::NotStarted);
        assert_eq!(
            life.status_on(d(2022, 2, 1)),
            LifecycleStatus::ProjetDeSanteUnderReview {
                submitted_on: d(2022, 1, 17),
                objection_deadline: d(2022, 3, 17),
                delai_from: d(2022, 1, 17),
                delai_start: DelaiStart::SendingDate,
            }
        );
        // Signed 15 Apr 2022: the term's last day is 14 Apr 2027 (RoViRa's year 5 runs
        // 15/04/2026–14/04/2027).
        assert_eq!(
            life.status_on(d(2026, 6, 1)),
            LifecycleStatus::ContractInForce {
                signed_on: d(2022, 4, 15),
                term_started_on: d(2022, 4, 15),
                term_last_day: d(2027, 4, 14),
                renewals: 0
            }
        );
        assert_eq!(
            life.status_on(d(2027, 4, 15)),
            LifecycleStatus::ContractEnded {
                signed_on: d(2022, 4, 15),
                ended_on: d(2027, 4, 15),
                reason: ContractEnd::Expired
            }
        );
        assert_eq!(life.lettre_intention_validated_on(), Some(d(2021, 10, 4)));
        assert_eq!(life.contract_signed_on(d(2023, 1, 1)), Some(d(2022, 4, 15)));
        assert_eq!(life.contract_signed_on(d(2028, 1, 1)), None);
    }

    #[test]
    fn timeline_includes_the_steps_due_to_time() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2021, 10, 4),
        })
        .unwrap();
        life.append(LifecycleEvent::ContractSigned {
            date: d(2022, 1, 17),
        })
        .unwrap();
        let steps: Vec<(NaiveDate, TimelineStep)> = life
            .timeline(d(2027, 6, 1))
            .into_iter()
            .map(|e| (e.date, e.step))
            .collect();
        assert_eq!(
            steps,
            [
                (
                    d(2021, 10, 4),
                    TimelineStep::Event {
                        event: EventKind::ProjetDeSanteSubmitted
                    }
                ),
                // 4 Oct + 2 months = 4 Dec, last day to object; validated on 5 Dec 2021.
                (d(2021, 12, 5), TimelineStep::TacitValidation),
                (
                    d(2022, 1, 17),
                    TimelineStep::Event {
                        event: EventKind::ContractSigned
                    }
                ),
                // Five years: last day 16 Jan 2027, expired on 17 Jan 2027.
                (d(2027, 1, 17), TimelineStep::ContractExpired),
            ]
        );
        assert_eq!(life.timeline(d(2021, 12, 4)).len(), 1);
    }

    #[test]
    fn tacit_validation_boundary() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2023, 12, 31),
        })
        .unwrap();
        // 31 Dec 2023 + 2 months = 29 Feb 2024 (clamped): the last day to object.
        assert!(matches!(
            life.status_on(d(2024, 2, 29)),
            LifecycleStatus::ProjetDeSanteUnderReview { objection_deadline, .. } if objection_deadline == d(2024, 2, 29)
        ));
        assert_eq!(
            life.status_on(d(2024, 3, 1)),
            LifecycleStatus::ProjetDeSanteValidated {
                validated_on: d(2024, 3, 1),
                tacit: true
            }
        );
        // An objection on the last day is in time.
        let mut objected = life.clone();
        objected
            .append(LifecycleEvent::ProjetDeSanteObjected {
                date: d(2024, 2, 29),
                grounds: None,
            })
            .unwrap();
        assert_eq!(
            objected.status_on(d(2024, 6, 1)),
            LifecycleStatus::ProjetDeSanteRefused {
                objected_on: d(2024, 2, 29),
                grounds: None
            }
        );
        // The day after, it is out of time.
        assert_eq!(
            life.clone().append(LifecycleEvent::ProjetDeSanteObjected {
                date: d(2024, 3, 1),
                grounds: None,
            }),
            Err(LifecycleError::ObjectionOutOfTime {
                date: d(2024, 3, 1),
                objection_deadline: d(2024, 2, 29)
            })
        );
        // A contract may be signed on the tacit validation.
        life.append(LifecycleEvent::ContractSigned {
            date: d(2024, 3, 1),
        })
        .unwrap();
    }

    /// CRPA L. 114-5, applied to L1434-12: « le délai d'acquisition d'une décision implicite
    /// ne court qu'à compter de [la] réception » of a complete request; the accusé de
    /// réception gives « la date de réception de la demande ».
    #[test]
    fn the_delai_runs_from_the_receipt_of_the_complete_projet() {
        let mut life = Lifecycle::default();
        // Sent on 10/01/2023; received by the ARS on 16/01/2023 (its accusé de réception).
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2023, 1, 10),
        })
        .unwrap();
        // Until the receipt is recorded, the délai runs from the sending (convention).
        assert_eq!(
            life.status_on(d(2023, 1, 12)),
            LifecycleStatus::ProjetDeSanteUnderReview {
                submitted_on: d(2023, 1, 10),
                objection_deadline: d(2023, 3, 10),
                delai_from: d(2023, 1, 10),
                delai_start: DelaiStart::SendingDate,
            }
        );
        life.append(LifecycleEvent::ProjetDeSanteReceived {
            date: d(2023, 1, 16),
        })
        .unwrap();
        // Two months from 16/01/2023: objection possible until 16/03/2023.
        assert!(matches!(
            life.status_on(d(2023, 3, 12)),
            LifecycleStatus::ProjetDeSanteUnderReview { objection_deadline, delai_start: DelaiStart::Receipt, .. }
                if objection_deadline == d(2023, 3, 16)
        ));
        // The ARS asks for missing pieces on 01/02/2023: the délai stops (no tacit validation
        // on 17/03/2023)…
        life.append(LifecycleEvent::ProjetDeSantePiecesRequested {
            date: d(2023, 2, 1),
        })
        .unwrap();
        assert_eq!(
            life.status_on(d(2023, 3, 17)),
            LifecycleStatus::ProjetDeSanteIncomplete {
                submitted_on: d(2023, 1, 10),
                pieces_requested_on: d(2023, 2, 1),
            }
        );
        assert_eq!(
            CptsStage::from(&life.status_on(d(2023, 3, 17))),
            CptsStage::ProjetDeSanteDepose
        );
        // … and runs again, in full, from their receipt on 20/03/2023: objection until
        // 20/05/2023, tacit validation on 21/05/2023.
        life.append(LifecycleEvent::ProjetDeSantePiecesReceived {
            date: d(2023, 3, 20),
        })
        .unwrap();
        assert!(matches!(
            life.status_on(d(2023, 5, 20)),
            LifecycleStatus::ProjetDeSanteUnderReview { objection_deadline, delai_start: DelaiStart::PiecesReceived, .. }
                if objection_deadline == d(2023, 5, 20)
        ));
        assert_eq!(
            life.status_on(d(2023, 5, 21)),
            LifecycleStatus::ProjetDeSanteValidated {
                validated_on: d(2023, 5, 21),
                tacit: true
            }
        );
        // The receipt is recorded once; pieces are received only when asked for.
        let mut twice = life.clone();
        assert!(
            twice
                .append(LifecycleEvent::ProjetDeSanteReceived {
                    date: d(2023, 5, 21)
                })
                .is_err()
        );
        // The history reads back as it was written (saved state round-trips).
        let json = serde_json::to_string(&life).unwrap();
        assert!(
            json.contains(r#"{"event":"projet_de_sante_pieces_received","date":"2023-03-20"}"#)
        );
        let back: Lifecycle = serde_json::from_str(&json).unwrap();
        assert_eq!(back, life);
    }

    /// L1434-12: the DG ARS may object « en se fondant sur l'absence de respect des objectifs
    /// du projet régional de santé […] ou sur la pertinence du territoire d'action ».
    #[test]
    fn an_objection_records_its_grounds() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2023, 1, 10),
        })
        .unwrap();
        life.append(LifecycleEvent::ProjetDeSanteObjected {
            date: d(2023, 2, 10),
            grounds: Some(ObjectionGrounds::PertinenceDuTerritoire),
        })
        .unwrap();
        assert_eq!(
            life.status_on(d(2023, 2, 11)),
            LifecycleStatus::ProjetDeSanteRefused {
                objected_on: d(2023, 2, 10),
                grounds: Some(ObjectionGrounds::PertinenceDuTerritoire)
            }
        );
        let json = serde_json::to_string(&life.events()[1]).unwrap();
        assert_eq!(
            json,
            r#"{"event":"projet_de_sante_objected","date":"2023-02-10","grounds":"pertinence_du_territoire"}"#
        );
        // A history saved without grounds still reads.
        let old: LifecycleEvent =
            serde_json::from_str(r#"{"event":"projet_de_sante_objected","date":"2023-02-10"}"#)
                .unwrap();
        assert_eq!(
            old,
            LifecycleEvent::ProjetDeSanteObjected {
                date: d(2023, 2, 10),
                grounds: None
            }
        );
        // Only the two grounds of the article.
        assert!(
            serde_json::from_str::<LifecycleEvent>(
                r#"{"event":"projet_de_sante_objected","date":"2023-02-10","grounds":"budget"}"#
            )
            .is_err()
        );
    }

    /// Loi n° 2019-774 du 24 juillet 2019 (JORF du 26 juillet 2019) created the tacit
    /// validation; the 2016 text only required the projet to be « transmis » to the ARS.
    #[test]
    fn a_projet_sent_before_the_law_of_24_july_2019_has_no_tacit_validation() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2019, 7, 26),
        })
        .unwrap();
        // Two months later nothing is computed: transmitted, the ARS's decision to record.
        let status = life.status_on(d(2019, 12, 1));
        assert_eq!(
            status,
            LifecycleStatus::ProjetDeSanteTransmitted {
                submitted_on: d(2019, 7, 26)
            }
        );
        assert!(status.label_fr().contains("pas de validation tacite"));
        assert!(
            life.timeline(d(2020, 1, 1))
                .iter()
                .all(|e| e.step != TimelineStep::TacitValidation)
        );
        life.append(LifecycleEvent::ProjetDeSanteValidated {
            date: d(2019, 12, 2),
        })
        .unwrap();
        assert!(matches!(
            life.status_on(d(2019, 12, 2)),
            LifecycleStatus::ProjetDeSanteValidated { tacit: false, .. }
        ));
        // Sent on 27/07/2019, the day the law applies: tacit validation on 28/09/2019.
        let mut after = Lifecycle::default();
        after
            .append(LifecycleEvent::ProjetDeSanteSubmitted {
                date: d(2019, 7, 27),
            })
            .unwrap();
        assert_eq!(
            after.status_on(d(2019, 9, 28)),
            LifecycleStatus::ProjetDeSanteValidated {
                validated_on: d(2019, 9, 28),
                tacit: true
            }
        );
    }

    #[test]
    fn refused_then_resubmitted() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2023, 1, 10),
        })
        .unwrap();
        life.append(LifecycleEvent::ProjetDeSanteObjected {
            date: d(2023, 2, 10),
            grounds: None,
        })
        .unwrap();
        let err = life
            .append(LifecycleEvent::ContractSigned {
                date: d(2023, 3, 1),
            })
            .unwrap_err();
        assert!(matches!(
            err,
            LifecycleError::ImpossibleTransition {
                event: EventKind::ContractSigned,
                ..
            }
        ));
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2023, 6, 1),
        })
        .unwrap();
        assert!(matches!(
            life.status_on(d(2023, 8, 2)),
            LifecycleStatus::ProjetDeSanteValidated { tacit: true, .. }
        ));
    }

    #[test]
    fn errors_change_nothing() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2023, 1, 10),
        })
        .unwrap();
        let before = life.clone();
        assert!(matches!(
            life.append(LifecycleEvent::LettreIntentionSubmitted {
                date: d(2022, 1, 1)
            }),
            Err(LifecycleError::DateOutOfOrder { .. })
        ));
        assert!(matches!(
            life.append(LifecycleEvent::ContractSigned {
                date: d(2023, 1, 20)
            }),
            Err(LifecycleError::ImpossibleTransition { .. })
        ));
        assert!(matches!(
            life.append(LifecycleEvent::ContractRenewed {
                date: d(2023, 1, 20)
            }),
            Err(LifecycleError::ImpossibleTransition { .. })
        ));
        assert_eq!(life, before);
    }

    #[test]
    fn renewal_extends_by_one_term_and_termination_ends() {
        let mut life = Lifecycle::default();
        life.append(LifecycleEvent::ProjetDeSanteSubmitted {
            date: d(2019, 9, 2),
        })
        .unwrap();
        life.append(LifecycleEvent::ProjetDeSanteValidated {
            date: d(2019, 10, 1),
        })
        .unwrap();
        life.append(LifecycleEvent::ContractSigned {
            date: d(2019, 11, 15),
        })
        .unwrap();
        life.append(LifecycleEvent::ContractRenewed {
            date: d(2024, 10, 1),
        })
        .unwrap();
        assert_eq!(
            life.status_on(d(2025, 1, 1)),
            LifecycleStatus::ContractInForce {
                signed_on: d(2019, 11, 15),
                term_started_on: d(2024, 11, 15),
                term_last_day: d(2029, 11, 14),
                renewals: 1
            }
        );
        life.append(LifecycleEvent::ContractTerminated {
            date: d(2026, 2, 1),
        })
        .unwrap();
        assert!(matches!(
            life.status_on(d(2026, 2, 1)),
            LifecycleStatus::ContractEnded {
                reason: ContractEnd::Terminated,
                ..
            }
        ));
        // A new contract may be signed later; renewal of an ended contract may not.
        assert!(
            life.clone()
                .append(LifecycleEvent::ContractRenewed {
                    date: d(2026, 3, 1)
                })
                .is_err()
        );
        life.append(LifecycleEvent::ContractSigned {
            date: d(2026, 9, 1),
        })
        .unwrap();
        life.append(LifecycleEvent::Dissolved {
            date: d(2027, 1, 1),
        })
        .unwrap();
        assert!(
            life.clone()
                .append(LifecycleEvent::ContractSigned {
                    date: d(2027, 2, 1)
                })
                .is_err()
        );
        assert_eq!(
            life.status_on(d(2030, 1, 1)),
            LifecycleStatus::Dissolved {
                dissolved_on: d(2027, 1, 1)
            }
        );
    }

    #[test]
    fn deserialising_replays_the_rules() {
        let ok = r#"{"events":[{"event":"projet_de_sante_submitted","date":"2023-01-10"},
                              {"event":"contract_signed","date":"2023-03-11"}]}"#;
        let life: Lifecycle = serde_json::from_str(ok).unwrap();
        assert_eq!(life.contract_signed_on(d(2023, 4, 1)), Some(d(2023, 3, 11)));
        let bad = r#"{"events":[{"event":"contract_signed","date":"2023-03-11"}]}"#;
        assert!(serde_json::from_str::<Lifecycle>(bad).is_err());
    }
}
