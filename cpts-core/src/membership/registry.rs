//! A registry of many CPTS and their members, answering: which CPTS a given RPPS, ADELI,
//! FINESS, SIREN, SIRET or RNA belongs to on a date; the members of a CPTS on a date by
//! kind, profession and college.
//!
//! Answers are sorted (CPTS by id, members by number), so they do not depend on the order
//! in which CPTS were inserted. A query by SIREN also finds the structures that joined
//! under one of that SIREN's SIRETs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{
    Application, CollegeId, Member, MemberCategory, MemberNumber, MembershipError, MembershipReport,
};
use crate::entity::{Cpts, CptsId, LifecycleError, LifecycleEvent};
use crate::identifiers::Identifier;
use crate::nomenclature::Code;

/// A selection of members (every field optional; all given must match).
///
/// JSON: `{"category": "esms" | null, "profession": {"system": "tre_g15", "code": "60"} | null,
/// "college": "liberaux" | null}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberFilter {
    /// Member category.
    #[serde(default)]
    pub category: Option<MemberCategory>,
    /// Profession code.
    #[serde(default)]
    pub profession: Option<Code>,
    /// College.
    #[serde(default)]
    pub college: Option<CollegeId>,
}

impl MemberFilter {
    /// True when the member matches every criterion given.
    pub fn matches(&self, m: &Member) -> bool {
        self.category.is_none_or(|c| m.category() == c)
            && self
                .profession
                .as_ref()
                .is_none_or(|p| m.kind.profession_code() == Some(p))
            && self
                .college
                .as_ref()
                .is_none_or(|c| m.college.as_ref() == Some(c))
    }
}

/// A registry operation that failed. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistryError {
    /// No CPTS with this id.
    #[error("no CPTS {id} in the registry")]
    UnknownCpts {
        /// The id given.
        id: CptsId,
    },
    /// A CPTS with this id is already registered.
    #[error("CPTS {id} is already in the registry")]
    DuplicateCpts {
        /// The id given.
        id: CptsId,
    },
    /// A membership rule was broken in that CPTS.
    #[error("CPTS {cpts}: {cause}")]
    Membership {
        /// The CPTS.
        cpts: CptsId,
        /// What was broken.
        cause: MembershipError,
    },
    /// A lifecycle rule was broken in that CPTS.
    #[error("CPTS {cpts}: {cause}")]
    Lifecycle {
        /// The CPTS.
        cpts: CptsId,
        /// What was broken.
        cause: LifecycleError,
    },
}

/// Many CPTS, indexed by their members' identifiers.
///
/// JSON: `{"cpts": [...]}` (each a [`Cpts`]); deserialising rebuilds the index.
///
/// ```
/// use chrono::NaiveDate;
/// use cpts_core::entity::{Cpts, CptsId, Identity, Territory};
/// use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
/// use cpts_core::membership::{Application, MemberKind, Registry, Statutes};
/// use cpts_core::nomenclature::{Code, CodeSystem};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut registry = Registry::default();
/// for (id, commune) in [("cpts-a", "78551"), ("cpts-b", "78372")] {
///     let siege = InseeCommuneCode::parse(commune).unwrap();
///     let identity = Identity { name: id.into(), siege, siren: None, siret: None, rna: None, finess: None };
///     let cpts = Cpts::new(CptsId::new(id).unwrap(), identity, Territory::new([siege]).unwrap(), Statutes::default()).unwrap();
///     registry.insert(cpts).unwrap();
/// }
/// let rpps = Identifier::parse(IdentifierKind::Rpps, "10000927870").unwrap();
/// let nurse = Application {
///     name: "Mme Durand".into(),
///     kind: MemberKind::ProfessionnelDeSante { profession: Code::new(CodeSystem::TreG15, "60") },
///     identifiers: vec![rpps],
///     practises_in: None,
///     foreign_practice: None,
///     defence: None,
/// };
/// // One may be a member of several CPTS at once.
/// registry.apply(&CptsId::new("cpts-b").unwrap(), nurse.clone(), d(2024, 1, 1)).unwrap();
/// registry.apply(&CptsId::new("cpts-a").unwrap(), nurse, d(2024, 3, 1)).unwrap();
/// let on = |date| registry.cpts_of(&rpps, date).into_iter().map(|c| c.as_str().to_owned()).collect::<Vec<_>>();
/// assert_eq!(on(d(2024, 2, 1)), ["cpts-b"]);
/// assert_eq!(on(d(2024, 3, 1)), ["cpts-a", "cpts-b"]);
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(
    try_from = "crate::messages::Unchecked<RegistryData>",
    into = "RegistryData"
)]
pub struct Registry {
    cpts: Vec<Cpts>,
    by_id: BTreeMap<CptsId, usize>,
    index: BTreeMap<Identifier, Vec<(usize, MemberNumber)>>,
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RegistryData {
    cpts: Vec<Cpts>,
}

impl TryFrom<RegistryData> for Registry {
    type Error = RegistryError;
    fn try_from(d: RegistryData) -> Result<Self, Self::Error> {
        let mut r = Registry::default();
        for c in d.cpts {
            r.insert(c)?;
        }
        Ok(r)
    }
}

impl From<Registry> for RegistryData {
    fn from(r: Registry) -> Self {
        RegistryData { cpts: r.cpts }
    }
}

impl PartialEq for Registry {
    fn eq(&self, other: &Self) -> bool {
        self.by_id.len() == other.by_id.len()
            && self.by_id.keys().all(|id| self.get(id) == other.get(id))
    }
}

impl Eq for Registry {}

/// The keys under which a member is found: its identifiers, and the SIREN of each SIRET.
fn index_keys(member: &Member) -> impl Iterator<Item = Identifier> + '_ {
    member.identifiers.iter().flat_map(|id| {
        let siren = match id {
            Identifier::Siret(s) => Some(Identifier::Siren(s.siren())),
            _ => None,
        };
        std::iter::once(*id).chain(siren)
    })
}

impl Registry {
    /// Adds a CPTS (with its members).
    pub fn insert(&mut self, cpts: Cpts) -> Result<(), RegistryError> {
        if self.by_id.contains_key(cpts.id()) {
            return Err(RegistryError::DuplicateCpts {
                id: cpts.id().clone(),
            });
        }
        let slot = self.cpts.len();
        for m in cpts.roster().all() {
            for key in index_keys(m) {
                self.index.entry(key).or_default().push((slot, m.number));
            }
        }
        self.by_id.insert(cpts.id().clone(), slot);
        self.cpts.push(cpts);
        Ok(())
    }

    /// The PASS cap of D.1434-44 over the payments of this registry's CPTS: each record
    /// names the CPTS that paid it, which must be in the registry; `scope` counts them CPTS
    /// by CPTS (the default reading) or across every CPTS of a professional.
    pub fn check_indemnity_cap(
        &self,
        records: &[crate::aci::RemunerationRecord],
        year: i32,
        table: &crate::aci::PassTable,
        scope: crate::aci::pass::CapScope,
    ) -> Result<crate::aci::CapCheck, crate::aci::FundingError> {
        for (i, r) in records.iter().enumerate() {
            let known = r.cpts.as_ref().is_some_and(|id| self.get(id).is_some());
            if !known {
                return Err(crate::aci::FundingError::InvalidInput {
                    field: format!("records[{i}].cpts"),
                    value: r
                        .cpts
                        .as_ref()
                        .map_or_else(String::new, ToString::to_string),
                    rule: crate::messages::rules::CPTS_OF_THE_REGISTRY,
                });
            }
        }
        crate::aci::pass::check_indemnity_cap_with(records, year, table, scope)
    }

    /// The CPTS with this id.
    pub fn get(&self, id: &CptsId) -> Option<&Cpts> {
        self.by_id.get(id).and_then(|&i| self.cpts.get(i))
    }

    /// Every CPTS, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = &Cpts> {
        self.by_id.values().filter_map(|&i| self.cpts.get(i))
    }

    /// Number of CPTS.
    pub fn len(&self) -> usize {
        self.cpts.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.cpts.is_empty()
    }

    fn slot(&self, id: &CptsId) -> Result<usize, RegistryError> {
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| RegistryError::UnknownCpts { id: id.clone() })
    }

    fn cpts_mut(&mut self, id: &CptsId) -> Result<&mut Cpts, RegistryError> {
        let slot = self.slot(id)?;
        self.cpts
            .get_mut(slot)
            .ok_or_else(|| RegistryError::UnknownCpts { id: id.clone() })
    }

    /// Appends a lifecycle event to a CPTS.
    pub fn record(&mut self, id: &CptsId, event: LifecycleEvent) -> Result<(), RegistryError> {
        self.cpts_mut(id)?
            .record(event)
            .map_err(|cause| RegistryError::Lifecycle {
                cpts: id.clone(),
                cause,
            })
    }

    /// Records an application to a CPTS (see [`Cpts::apply_for_membership`]).
    pub fn apply(
        &mut self,
        id: &CptsId,
        application: Application,
        date: NaiveDate,
    ) -> Result<MemberNumber, RegistryError> {
        let slot = self.slot(id)?;
        let cpts = self.cpts_mut(id)?;
        let number = cpts
            .apply_for_membership(application, date)
            .map_err(|cause| RegistryError::Membership {
                cpts: id.clone(),
                cause,
            })?;
        let keys: Vec<Identifier> = cpts
            .roster()
            .get(number)
            .map(|m| index_keys(m).collect())
            .unwrap_or_default();
        for key in keys {
            self.index.entry(key).or_default().push((slot, number));
        }
        Ok(number)
    }

    fn with_member(
        &mut self,
        id: &CptsId,
        f: impl FnOnce(&mut Cpts) -> Result<(), MembershipError>,
    ) -> Result<(), RegistryError> {
        f(self.cpts_mut(id)?).map_err(|cause| RegistryError::Membership {
            cpts: id.clone(),
            cause,
        })
    }

    /// Records the board's decision on a pending application.
    pub fn decide_admission(
        &mut self,
        id: &CptsId,
        number: MemberNumber,
        admit: bool,
        date: NaiveDate,
    ) -> Result<(), RegistryError> {
        self.with_member(id, |c| c.decide_admission(number, admit, date))
    }

    /// Records a resignation.
    pub fn resign(
        &mut self,
        id: &CptsId,
        number: MemberNumber,
        date: NaiveDate,
    ) -> Result<(), RegistryError> {
        self.with_member(id, |c| c.resign(number, date))
    }

    /// Records an exclusion.
    pub fn exclude(
        &mut self,
        id: &CptsId,
        number: MemberNumber,
        date: NaiveDate,
        grounds: Option<String>,
    ) -> Result<(), RegistryError> {
        self.with_member(id, |c| c.exclude(number, date, grounds))
    }

    /// The memberships of a person or structure on a date: each CPTS (sorted by id) with
    /// the member record.
    pub fn memberships_of(
        &self,
        identifier: &Identifier,
        date: NaiveDate,
    ) -> Vec<(&CptsId, &Member)> {
        let mut found: Vec<(&CptsId, &Member)> = self
            .index
            .get(identifier)
            .into_iter()
            .flatten()
            .filter_map(|&(slot, number)| {
                let cpts = self.cpts.get(slot)?;
                let member = cpts.roster().get(number)?;
                member.is_member_on(date).then_some((cpts.id(), member))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(b.0).then(a.1.number.cmp(&b.1.number)));
        found.dedup_by(|a, b| a.0 == b.0 && a.1.number == b.1.number);
        found
    }

    /// The CPTS a person or structure is a member of on a date, sorted by id.
    pub fn cpts_of(&self, identifier: &Identifier, date: NaiveDate) -> Vec<&CptsId> {
        let mut ids: Vec<&CptsId> = self
            .memberships_of(identifier, date)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        ids.dedup();
        ids
    }

    /// The members of a CPTS on a date that match the filter, by member number.
    pub fn members(
        &self,
        id: &CptsId,
        date: NaiveDate,
        filter: &MemberFilter,
    ) -> Result<Vec<&Member>, RegistryError> {
        let cpts = self
            .get(id)
            .ok_or_else(|| RegistryError::UnknownCpts { id: id.clone() })?;
        Ok(cpts
            .members_on(date)
            .filter(|m| filter.matches(m))
            .collect())
    }

    /// The membership report of a CPTS on a date.
    pub fn report(&self, id: &CptsId, date: NaiveDate) -> Result<MembershipReport, RegistryError> {
        let cpts = self
            .get(id)
            .ok_or_else(|| RegistryError::UnknownCpts { id: id.clone() })?;
        Ok(cpts.membership_report(date))
    }
}

crate::messages::refused_through_serde!(Registry, RegistryData, |e| crate::messages::Refusal::of(
    &e
));
