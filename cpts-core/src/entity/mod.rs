//! The CPTS as a legal entity: identity, legal form, territory, statuts, lifecycle, members
//! and missions.
//!
//! A CPTS is an association loi 1901, or a local-law association (droit local) in Moselle,
//! Bas-Rhin and Haut-Rhin (L1434-12-1 CSP, ordonnance n° 2021-584 of 12 May 2021). The
//! local-law associations are registered with the tribunal and have no RNA number
//! (associations.gouv.fr); the legal form is therefore derived from the département of the
//! siège.

mod lifecycle;

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use lifecycle::{
    ContractEnd, CptsStage, DelaiStart, EventKind, Lifecycle, LifecycleError, LifecycleEvent,
    LifecycleRules, LifecycleStatus, ObjectionGrounds, ReceiptNotRecorded, TACIT_VALIDATION_FROM,
    TimelineEntry, TimelineStep,
};

use crate::aci::ParameterCatalogue;
use crate::identifiers::{Finess, InseeCommuneCode, Rna, Siren, Siret};
use crate::membership::{
    Application, DepartureReason, Member, MemberNumber, MembershipError, MembershipReport, Roster,
    Statutes, StatutesError,
};
use crate::missions::{
    self, DeadlineAnchor, LateMissionsReport, Mission, MissionError, MissionPlan,
};
use crate::source::{Source, cited};

/// The caller's identifier of a CPTS (its FINESS, its SIREN or any stable key of the
/// caller's system): 1 to 64 characters among letters, digits, `_`, `-`, `.`, `:`.
///
/// JSON: a string.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(try_from = "crate::messages::Unchecked<String>", into = "String")]
pub struct CptsId(String);

impl CptsId {
    /// Checks and wraps an identifier.
    pub fn new(id: impl Into<String>) -> Result<Self, EntityError> {
        let id = id.into();
        let ok = (1..=64).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
        if ok {
            Ok(CptsId(id))
        } else {
            Err(EntityError::InvalidCptsId {
                value: crate::identifiers::shown(&id),
            })
        }
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CptsId {
    type Error = EntityError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CptsId::new(s)
    }
}

impl From<CptsId> for String {
    fn from(c: CptsId) -> String {
        c.0
    }
}

impl fmt::Display for CptsId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The legal form of a CPTS (L1434-12-1 CSP).
///
/// JSON: `"association_loi_1901"` or `"association_droit_local"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LegalForm {
    /// Association régie par la loi du 1er juillet 1901.
    AssociationLoi1901,
    /// Association de droit local (Moselle, Bas-Rhin, Haut-Rhin): no RNA number.
    AssociationDroitLocal,
}

impl LegalForm {
    /// The départements under local law.
    pub const DROIT_LOCAL_DEPARTEMENTS: [&'static str; 3] = ["57", "67", "68"];

    /// The legal form of an association whose siège is in this commune.
    pub fn for_siege(siege: &InseeCommuneCode) -> LegalForm {
        if Self::DROIT_LOCAL_DEPARTEMENTS.contains(&siege.departement_prefix()) {
            LegalForm::AssociationDroitLocal
        } else {
            LegalForm::AssociationLoi1901
        }
    }

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            LegalForm::AssociationLoi1901 => "association loi 1901",
            LegalForm::AssociationDroitLocal => "association de droit local (Alsace-Moselle)",
        }
    }

    /// The legal basis.
    pub fn source(self) -> Source {
        cited::CSP_L1434_12_1
    }
}

/// Who the CPTS is.
///
/// JSON: `{"name": "...", "siege": "78551", "siren": "..." | null, "siret": ... ,
/// "rna": ..., "finess": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// Name of the association.
    pub name: String,
    /// Commune of the siège.
    pub siege: InseeCommuneCode,
    /// SIREN of the association.
    #[serde(default)]
    pub siren: Option<Siren>,
    /// SIRET of the siège.
    #[serde(default)]
    pub siret: Option<Siret>,
    /// RNA number (none under local law).
    #[serde(default)]
    pub rna: Option<Rna>,
    /// FINESS of the CPTS (TRE_R66 category 604), once registered.
    #[serde(default)]
    pub finess: Option<Finess>,
}

impl Identity {
    /// The legal form, from the siège.
    pub fn legal_form(&self) -> LegalForm {
        LegalForm::for_siege(&self.siege)
    }

    fn check(&self) -> Result<(), EntityError> {
        crate::membership::check_text("name", &self.name).map_err(|_| {
            EntityError::InvalidName {
                value: crate::identifiers::shown(&self.name),
            }
        })?;
        if let (Some(siren), Some(siret)) = (self.siren, self.siret)
            && siret.siren() != siren
        {
            return Err(EntityError::SiretOfAnotherSiren { siren, siret });
        }
        if let (LegalForm::AssociationDroitLocal, Some(rna)) = (self.legal_form(), self.rna) {
            return Err(EntityError::RnaUnderLocalLaw {
                rna,
                siege: self.siege,
            });
        }
        Ok(())
    }
}

/// The territory of a CPTS: a set of communes (INSEE codes), stated in its projet de santé
/// (L1434-12 CSP). No territory is imposed (ARS Hauts-de-France, seed 001).
///
/// JSON: an array of commune codes, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    try_from = "crate::messages::Unchecked<Vec<InseeCommuneCode>>",
    into = "Vec<InseeCommuneCode>"
)]
pub struct Territory {
    communes: BTreeSet<InseeCommuneCode>,
}

impl Territory {
    /// A territory of these communes; an empty list or a commune given twice is an error
    /// naming it.
    pub fn new(communes: impl IntoIterator<Item = InseeCommuneCode>) -> Result<Self, EntityError> {
        let mut set = BTreeSet::new();
        for c in communes {
            if !set.insert(c) {
                return Err(EntityError::RepeatedCommune { commune: c });
            }
        }
        if set.is_empty() {
            return Err(EntityError::EmptyTerritory);
        }
        Ok(Territory { communes: set })
    }

    /// The communes, sorted by code.
    pub fn communes(&self) -> impl ExactSizeIterator<Item = &InseeCommuneCode> {
        self.communes.iter()
    }

    /// True when the commune is in the territory.
    pub fn contains(&self, commune: &InseeCommuneCode) -> bool {
        self.communes.contains(commune)
    }

    /// Number of communes.
    pub fn len(&self) -> usize {
        self.communes.len()
    }

    /// Always false (a territory has at least one commune).
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
    }
}

impl TryFrom<Vec<InseeCommuneCode>> for Territory {
    type Error = EntityError;
    fn try_from(v: Vec<InseeCommuneCode>) -> Result<Self, Self::Error> {
        Territory::new(v)
    }
}

impl From<Territory> for Vec<InseeCommuneCode> {
    fn from(t: Territory) -> Self {
        t.communes.into_iter().collect()
    }
}

/// A CPTS definition or state that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityError {
    /// Malformed CPTS identifier.
    #[error("CPTS id « {value} » must be 1 to 64 letters, digits, '_', '-', '.' or ':'")]
    InvalidCptsId {
        /// The text given.
        value: String,
    },
    /// Blank or too long name.
    #[error("CPTS name « {value} » must be 1 to 300 characters, not blank")]
    InvalidName {
        /// The text given.
        value: String,
    },
    /// The SIRET does not belong to the SIREN.
    #[error("SIRET {siret} does not belong to SIREN {siren}")]
    SiretOfAnotherSiren {
        /// SIREN given.
        siren: Siren,
        /// SIRET given.
        siret: Siret,
    },
    /// An RNA number for a local-law association.
    #[error(
        "RNA {rna} given for an association whose siège ({siege}) is in Moselle, Bas-Rhin or Haut-Rhin: local-law associations have no RNA number"
    )]
    RnaUnderLocalLaw {
        /// RNA given.
        rna: Rna,
        /// Commune of the siège.
        siege: InseeCommuneCode,
    },
    /// A territory without commune.
    #[error("a territory needs at least one commune")]
    EmptyTerritory,
    /// A commune listed twice.
    #[error("commune {commune} is listed twice in the territory")]
    RepeatedCommune {
        /// The commune.
        commune: InseeCommuneCode,
    },
    /// Statuts that break a rule.
    #[error(transparent)]
    #[serde(untagged)]
    Statutes(#[from] StatutesError),
    /// Lifecycle history that breaks a rule.
    #[error(transparent)]
    #[serde(untagged)]
    Lifecycle(#[from] LifecycleError),
    /// Members that break a rule.
    #[error(transparent)]
    #[serde(untagged)]
    Membership(#[from] MembershipError),
    /// Mission dates that break a rule.
    #[error(transparent)]
    #[serde(untagged)]
    Mission(#[from] MissionError),
}

/// One CPTS: identity, territory, statuts, lifecycle, members and missions.
///
/// JSON: `{"id": "...", "identity": {...}, "territory": [...], "statutes": {...},
/// "lifecycle": {...}, "members": [...], "missions": {...}}`; deserialising checks every
/// rule (a stored CPTS is replayed).
///
/// ```
/// use chrono::NaiveDate;
/// use cpts_core::entity::{Cpts, CptsId, Identity, Territory, LifecycleEvent};
/// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
/// use cpts_core::membership::{Application, MemberKind, Statutes};
/// use cpts_core::nomenclature::{Code, CodeSystem};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let siege = InseeCommuneCode::parse("78551").unwrap();
/// let mut cpts = Cpts::new(
///     CptsId::new("cpts-boucle").unwrap(),
///     Identity { name: "CPTS de la Boucle".into(), siege, siren: None, siret: None, rna: None, finess: None },
///     Territory::new([siege]).unwrap(),
///     Statutes::default(),
/// ).unwrap();
/// cpts.record(LifecycleEvent::ProjetDeSanteSubmitted { date: d(2023, 1, 10) }).unwrap();
/// let number = cpts.apply_for_membership(Application {
///     name: "Dr Martin".into(),
///     kind: MemberKind::ProfessionnelDeSante { profession: Code::new(CodeSystem::TreG15, "10") },
///     identifiers: vec!["10000927870".parse::<cpts_core::identifiers::Rpps>().unwrap().into()],
///     practises_in: None,
///     foreign_practice: None,
///     defence: None,
/// }, d(2023, 2, 1)).unwrap();
/// assert!(cpts.roster().get(number).unwrap().is_member_on(d(2023, 2, 1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "crate::messages::Unchecked<CptsData>")]
pub struct Cpts {
    id: CptsId,
    identity: Identity,
    territory: Territory,
    statutes: Statutes,
    lifecycle: Lifecycle,
    members: Roster,
    missions: MissionPlan,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CptsData {
    id: CptsId,
    identity: Identity,
    territory: Territory,
    #[serde(default)]
    statutes: Statutes,
    #[serde(default)]
    lifecycle: Lifecycle,
    #[serde(default)]
    members: Roster,
    #[serde(default)]
    missions: MissionPlan,
}

impl TryFrom<CptsData> for Cpts {
    type Error = EntityError;
    fn try_from(d: CptsData) -> Result<Self, Self::Error> {
        d.identity.check()?;
        let members = d.members.replayed(&d.statutes)?;
        d.missions.check()?;
        Ok(Cpts {
            id: d.id,
            identity: d.identity,
            territory: d.territory,
            statutes: d.statutes,
            lifecycle: d.lifecycle,
            members,
            missions: d.missions,
        })
    }
}

impl Cpts {
    /// A new CPTS with an empty lifecycle, no members and no mission dates.
    pub fn new(
        id: CptsId,
        identity: Identity,
        territory: Territory,
        statutes: Statutes,
    ) -> Result<Self, EntityError> {
        identity.check()?;
        Ok(Cpts {
            id,
            identity,
            territory,
            statutes,
            lifecycle: Lifecycle::default(),
            members: Roster::default(),
            missions: MissionPlan::default(),
        })
    }

    /// The caller's identifier.
    pub fn id(&self) -> &CptsId {
        &self.id
    }

    /// Identity.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Legal form, from the siège.
    pub fn legal_form(&self) -> LegalForm {
        self.identity.legal_form()
    }

    /// Territory.
    pub fn territory(&self) -> &Territory {
        &self.territory
    }

    /// Statuts.
    pub fn statutes(&self) -> &Statutes {
        &self.statutes
    }

    /// Lifecycle.
    pub fn lifecycle(&self) -> &Lifecycle {
        &self.lifecycle
    }

    /// Members and applicants.
    pub fn roster(&self) -> &Roster {
        &self.members
    }

    /// Mission dates.
    pub fn missions(&self) -> &MissionPlan {
        &self.missions
    }

    /// Appends a lifecycle event (see [`Lifecycle::append`]).
    pub fn record(&mut self, event: LifecycleEvent) -> Result<(), LifecycleError> {
        self.lifecycle.append(event)
    }

    /// The lifecycle state on a date.
    pub fn status_on(&self, date: NaiveDate) -> LifecycleStatus {
        self.lifecycle.status_on(date)
    }

    fn check_not_dissolved(&self, date: NaiveDate) -> Result<(), MembershipError> {
        match self.lifecycle.status_on(date) {
            LifecycleStatus::Dissolved { dissolved_on } => {
                Err(MembershipError::CptsDissolved { dissolved_on })
            }
            _ => Ok(()),
        }
    }

    /// Records an application dated `date`. Categories the statuts submit to admission
    /// stay pending until [`Cpts::decide_admission`].
    pub fn apply_for_membership(
        &mut self,
        application: Application,
        date: NaiveDate,
    ) -> Result<MemberNumber, MembershipError> {
        self.check_not_dissolved(date)?;
        self.members.apply(&self.statutes, application, date)
    }

    /// Records the board's decision on a pending application.
    pub fn decide_admission(
        &mut self,
        number: MemberNumber,
        admit: bool,
        date: NaiveDate,
    ) -> Result<(), MembershipError> {
        self.check_not_dissolved(date)?;
        self.members.decide(&self.statutes, number, admit, date)
    }

    /// Records the defence minister's authorisation of a professional of the service de
    /// santé des armées (L1434-12): a member from that date, once admitted.
    pub fn record_defence_authorisation(
        &mut self,
        number: MemberNumber,
        date: NaiveDate,
    ) -> Result<(), MembershipError> {
        self.check_not_dissolved(date)?;
        self.members.authorise_defence(number, date)
    }

    /// Records a resignation effective on `date`.
    pub fn resign(&mut self, number: MemberNumber, date: NaiveDate) -> Result<(), MembershipError> {
        self.members
            .leave(number, date, DepartureReason::Resignation, None)
    }

    /// Records an exclusion effective on `date`, with the grounds.
    pub fn exclude(
        &mut self,
        number: MemberNumber,
        date: NaiveDate,
        grounds: Option<String>,
    ) -> Result<(), MembershipError> {
        self.members
            .leave(number, date, DepartureReason::Exclusion, grounds)
    }

    /// The members on a date.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members.members_on(date)
    }

    /// Members by kind, category, profession and college on a date.
    pub fn membership_report(&self, date: NaiveDate) -> MembershipReport {
        self.members.report(&self.statutes, date)
    }

    /// Sets the dates the CPTS plans for a mission (the deadlines of an optional one).
    pub fn plan_mission(
        &mut self,
        mission: Mission,
        planned_start: Option<NaiveDate>,
        planned_deployment: Option<NaiveDate>,
    ) -> Result<(), MissionError> {
        self.missions
            .plan(mission, planned_start, planned_deployment)
    }

    /// Records that a mission started.
    pub fn record_mission_start(
        &mut self,
        mission: Mission,
        date: NaiveDate,
    ) -> Result<(), MissionError> {
        self.missions.record_start(mission, date)
    }

    /// Records that a mission is fully deployed.
    pub fn record_mission_deployment(
        &mut self,
        mission: Mission,
        date: NaiveDate,
    ) -> Result<(), MissionError> {
        self.missions.record_deployment(mission, date)
    }

    /// The missions late to start or to deploy on `on`, under the parameter set in force
    /// that day, with the default deadline anchor.
    pub fn late_missions(
        &self,
        on: NaiveDate,
        catalogue: &ParameterCatalogue,
    ) -> Result<LateMissionsReport, MissionError> {
        missions::late_missions(
            &self.missions,
            &self.lifecycle,
            on,
            catalogue,
            DeadlineAnchor::default(),
            self.lifecycle.rules().month_arithmetic,
        )
    }
}

crate::messages::refused_through_serde!(CptsId, String, |e| crate::messages::Refusal::of(&e));

crate::messages::refused_through_serde!(Territory, Vec<InseeCommuneCode>, |e| {
    crate::messages::Refusal::of(&e)
});

crate::messages::refused_through_serde!(Cpts, CptsData, |e| crate::messages::Refusal::of(&e));
