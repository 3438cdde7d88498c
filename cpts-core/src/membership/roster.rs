//! The members of one CPTS: applications, admission decisions, departures, and the report
//! of members on a date by kind, category, profession and college.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Admission, Application, DefenceAuthorisation, Departure, DepartureReason, Member, MemberKind,
    MemberNumber, MembershipError, Statutes, check_text,
};
use crate::identifiers::Identifier;

/// The members and applicants of one CPTS, in order of application.
///
/// JSON: an array of [`Member`]s.
//
// Invariant kept by every change and checked when a CPTS is read back: replaying the
// members in number order (each application at its date against the members before it,
// then its decision, then its departure) accepts every one of them. Memberships that share
// an identifier therefore follow one another: each ends (rejection or departure) on or
// before the next one's application. The indexes rely on it: looking up an identifier or
// the structure an individual practises in is a search in a sorted map and a binary search (no hashing of
// caller-chosen keys, which could be made to collide), so a
// roster of `n` members is checked in `O(n log n)`.
#[derive(Debug, Clone, Default, JsonSchema)]
#[serde(transparent)]
pub struct Roster {
    members: Vec<Member>,
    /// Positions in `members` of the memberships holding each identifier, in number order.
    #[serde(skip)]
    by_identifier: BTreeMap<Identifier, Vec<usize>>,
    /// Positions of the individuals practising in each structure, in number order.
    #[serde(skip)]
    by_practice: BTreeMap<Identifier, Vec<usize>>,
}

impl PartialEq for Roster {
    /// Rosters are equal when their members are (the indexes follow from them).
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

impl Eq for Roster {}

impl Serialize for Roster {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Roster {
    /// Reads the members and indexes them. The rules are checked where the statuts are
    /// known: reading a [`crate::entity::Cpts`] replays its roster.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = Vec::<Member>::deserialize(deserializer)?;
        let mut roster = Roster {
            members,
            ..Roster::default()
        };
        for i in 0..roster.members.len() {
            roster.index(i);
        }
        Ok(roster)
    }
}

impl Roster {
    /// Every member and applicant, in order of application.
    pub fn all(&self) -> &[Member] {
        &self.members
    }

    /// The member with this number.
    pub fn get(&self, number: MemberNumber) -> Option<&Member> {
        let index = usize::try_from(number.0).ok()?.checked_sub(1)?;
        self.members.get(index)
    }

    /// The members on `date`.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.is_member_on(date))
    }

    /// The applications waiting for a decision on `date`.
    pub fn pending_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.is_pending_on(date))
    }

    /// Adds member `i`'s identifiers and structure to the indexes.
    fn index(&mut self, i: usize) {
        let Some(m) = self.members.get(i) else { return };
        for id in &m.identifiers {
            self.by_identifier.entry(*id).or_default().push(i);
        }
        if let Some(structure) = m.practises_in {
            self.by_practice.entry(structure).or_default().push(i);
        }
    }

    /// The first membership with `identifier` that holds on or after `date`. Along the
    /// memberships of one identifier the end dates do not decrease (see the invariant), so
    /// it is found by binary search.
    fn first_holding_from(&self, identifier: &Identifier, date: NaiveDate) -> Option<&Member> {
        let list = self.by_identifier.get(identifier)?;
        let first = list.partition_point(|&i| {
            self.members
                .get(i)
                .is_some_and(|m| !m.holds_on_or_after(date))
        });
        list.get(first).and_then(|&i| self.members.get(i))
    }

    /// The membership holding `identifier` on `date`, if any.
    pub fn find(&self, identifier: &Identifier, date: NaiveDate) -> Option<&Member> {
        // A member on `date` holds on and after it; the first such membership is the only
        // candidate (the next one applies after this one ends).
        self.first_holding_from(identifier, date)
            .filter(|m| m.is_member_on(date))
    }

    /// Records an application after checking it against the statuts and the members.
    pub(crate) fn apply(
        &mut self,
        statutes: &Statutes,
        application: Application,
        date: NaiveDate,
    ) -> Result<MemberNumber, MembershipError> {
        application.check()?;
        let category = application.kind.category();
        if !statutes.eligible().contains(&category) {
            return Err(MembershipError::CategoryNotEligible { category });
        }
        let college = if statutes.colleges().is_empty() {
            None
        } else {
            let c = statutes
                .college_for(category)
                .ok_or(MembershipError::NoCollege { category })?;
            Some(c.id.clone())
        };
        // The earliest membership (by number) still holding one of the identifiers on or
        // after `date`, with the first of the application's identifiers it holds (a
        // membership holding `id` has the smallest number among those of `id`, so it is
        // the one found for it).
        let mut conflict: Option<(MemberNumber, Identifier)> = None;
        for id in &application.identifiers {
            if let Some(existing) = self.first_holding_from(id, date)
                && conflict.is_none_or(|(number, _)| existing.number < number)
            {
                conflict = Some((existing.number, *id));
            }
        }
        if let Some((existing, identifier)) = conflict {
            return Err(MembershipError::AlreadyMember {
                identifier,
                existing,
            });
        }
        if !statutes.individual_alongside_structure()
            && let Some(structure) = application.practises_in
            && let Some(m) = self.find(&structure, date)
        {
            return Err(MembershipError::IndividualAlongsideStructureNotAllowed {
                structure,
                structure_member: m.number,
            });
        }
        let number = u32::try_from(self.members.len())
            .ok()
            .and_then(|n| n.checked_add(1))
            .map(MemberNumber)
            .ok_or(MembershipError::TooManyMembers)?;
        // A professional of a bordering foreign territory is admitted by a decision (which
        // records that they meet the conditions to practise in France, L1434-12), never
        // automatically.
        let admission = if statutes.admission_required().contains(&category)
            || application.foreign_practice.is_some()
        {
            Admission::Pending
        } else {
            Admission::Automatic
        };
        self.members.push(Member {
            number,
            name: application.name,
            kind: application.kind,
            identifiers: application.identifiers,
            practises_in: application.practises_in,
            foreign_practice: application.foreign_practice,
            defence: application.defence,
            college,
            applied_on: date,
            admission,
            departure: None,
        });
        self.index(self.members.len() - 1);
        Ok(number)
    }

    fn position(&self, number: MemberNumber) -> Result<usize, MembershipError> {
        usize::try_from(number.0)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|i| *i < self.members.len())
            .ok_or(MembershipError::UnknownMember { number })
    }

    /// Records the defence minister's authorisation of a professional of the service de
    /// santé des armées (L1434-12): a member from that date (and their admission).
    pub(crate) fn authorise_defence(
        &mut self,
        number: MemberNumber,
        date: NaiveDate,
    ) -> Result<(), MembershipError> {
        let at = self.position(number)?;
        let member = &self.members[at];
        match member.defence {
            Some(DefenceAuthorisation {
                authorised_on: None,
            }) => {}
            _ => {
                return Err(MembershipError::NoDefenceAuthorisationExpected {
                    number,
                    authorised_on: member.defence.and_then(|d| d.authorised_on),
                });
            }
        }
        not_before_application(member, date)?;
        self.members[at].defence = Some(DefenceAuthorisation {
            authorised_on: Some(date),
        });
        Ok(())
    }

    /// Records the board's decision on a pending application.
    ///
    /// When the statuts do not let an individual join alongside their member structure, an
    /// admission is refused if it would make a later-numbered individual's application
    /// (dated on or after the decision) one that the statuts forbid
    /// ([`MembershipError::AdmissionContradictsApplication`]): the roster would not read
    /// back otherwise.
    pub(crate) fn decide(
        &mut self,
        statutes: &Statutes,
        number: MemberNumber,
        admit: bool,
        date: NaiveDate,
    ) -> Result<(), MembershipError> {
        let at = self.position(number)?;
        let member = &self.members[at];
        if member.admission != Admission::Pending {
            return Err(MembershipError::NotPending {
                number,
                admission: member.admission,
            });
        }
        not_before_application(member, date)?;
        if admit && !statutes.individual_alongside_structure() {
            // A pending member has no departure: admitted from `date`, it is a member on
            // every later day.
            let contradicted = member
                .identifiers
                .iter()
                .filter_map(|id| self.by_practice.get(id))
                .flatten()
                .filter(|&&i| i > at)
                .filter_map(|&i| self.members.get(i))
                .filter(|individual| individual.applied_on >= date)
                .min_by_key(|individual| individual.number);
            if let Some(individual) = contradicted {
                return Err(MembershipError::AdmissionContradictsApplication {
                    structure_member: number,
                    decided_on: date,
                    individual: individual.number,
                    applied_on: individual.applied_on,
                });
            }
        }
        self.members[at].admission = if admit {
            Admission::Admitted { decided_on: date }
        } else {
            Admission::Rejected { decided_on: date }
        };
        Ok(())
    }

    /// Records a resignation or an exclusion, effective on `date`.
    pub(crate) fn leave(
        &mut self,
        number: MemberNumber,
        date: NaiveDate,
        reason: DepartureReason,
        note: Option<String>,
    ) -> Result<(), MembershipError> {
        if let Some(text) = &note {
            check_text("note", text)?;
        }
        let at = self.position(number)?;
        let member = &mut self.members[at];
        if let Some(d) = &member.departure {
            return Err(MembershipError::AlreadyLeft { number, on: d.on });
        }
        let since = member
            .member_since()
            .ok_or(MembershipError::NotAMember { number, date })?;
        if date < since {
            return Err(MembershipError::DateOutOfOrder {
                number,
                date,
                earliest: since,
                what: crate::messages::rules::MEMBER_SINCE,
            });
        }
        member.departure = Some(Departure {
            on: date,
            reason,
            note,
        });
        Ok(())
    }

    /// Checks a roster read from outside and returns it indexed: the members are replayed
    /// in number order through [`Roster::apply`], [`Roster::decide`] and [`Roster::leave`]
    /// (the same checks as when they were recorded), and each must come out as read.
    pub(crate) fn replayed(self, statutes: &Statutes) -> Result<Roster, MembershipError> {
        let mut rebuilt = Roster::default();
        rebuilt.members.reserve(self.members.len());
        for m in self.members {
            let app = Application {
                name: m.name.clone(),
                kind: m.kind.clone(),
                identifiers: m.identifiers.clone(),
                practises_in: m.practises_in,
                foreign_practice: m.foreign_practice.clone(),
                defence: m.defence,
            };
            let number = rebuilt.apply(statutes, app, m.applied_on)?;
            if number != m.number {
                return Err(MembershipError::UnknownMember { number: m.number });
            }
            match m.admission {
                Admission::Admitted { decided_on } => {
                    rebuilt.decide(statutes, number, true, decided_on)?
                }
                Admission::Rejected { decided_on } => {
                    rebuilt.decide(statutes, number, false, decided_on)?
                }
                Admission::Pending | Admission::Automatic => {
                    let rebuilt_admission = rebuilt.get(number).map(|r| r.admission);
                    if rebuilt_admission != Some(m.admission) {
                        return Err(MembershipError::NotPending {
                            number,
                            admission: m.admission,
                        });
                    }
                }
            }
            if let Some(d) = &m.departure {
                rebuilt.leave(number, d.on, d.reason, d.note.clone())?;
            }
            if rebuilt.get(number) != Some(&m) {
                return Err(MembershipError::UnknownMember { number });
            }
        }
        Ok(rebuilt)
    }

    /// Members on `date` counted by kind, category, profession and college, with the
    /// applications pending and the dues the statuts set for that date.
    pub fn report(&self, statutes: &Statutes, date: NaiveDate) -> MembershipReport {
        let mut by_kind = Counter::default();
        let mut by_category = Counter::default();
        let mut by_profession = Counter::default();
        let mut by_college: BTreeMap<String, usize> = BTreeMap::new();
        let mut dues = Some(Decimal::ZERO);
        let mut total = 0;
        for m in self.members_on(date) {
            total += 1;
            by_kind.add(kind_key(&m.kind), kind_label(&m.kind));
            let category = m.category();
            by_category.add(category.key(), category.label_fr());
            if let Some(code) = m.kind.profession_code() {
                by_profession.add(code.to_string(), &m.kind.label_fr());
            } else if let MemberKind::AutreProfessionnel { .. } = m.kind {
                by_profession.add(
                    format!("declared:{}", m.kind.label_fr()),
                    &m.kind.label_fr(),
                );
            }
            if let Some(c) = &m.college {
                *by_college.entry(c.to_string()).or_default() += 1;
            }
            dues = match (dues, statutes.dues().annual_dues(category, date)) {
                (Some(sum), Some(amount)) => sum.checked_add(amount),
                _ => None,
            };
        }
        let colleges = statutes
            .colleges()
            .iter()
            .map(|c| CollegeCount {
                college: c.id.to_string(),
                name: c.name.clone(),
                members: by_college.get(c.id.as_str()).copied().unwrap_or(0),
                board_seats: c.board_seats,
            })
            .collect();
        MembershipReport {
            on: date,
            members: total,
            pending: self.pending_on(date).count(),
            by_kind: by_kind.into_vec(),
            by_category: by_category.into_vec(),
            by_profession: by_profession.into_vec(),
            by_college: colleges,
            annual_dues_total: if total == 0 { None } else { dues },
        }
    }
}

fn kind_key(kind: &MemberKind) -> &'static str {
    match kind {
        MemberKind::ProfessionnelDeSante { .. } => "professionnel_de_sante",
        MemberKind::AutreProfessionnel { .. } => "autre_professionnel",
        MemberKind::RepresentantUsagers => "representant_usagers",
        MemberKind::Structure { .. } => "structure",
    }
}

fn kind_label(kind: &MemberKind) -> &'static str {
    match kind {
        MemberKind::ProfessionnelDeSante { .. } => "professionnels de santé",
        MemberKind::AutreProfessionnel { .. } => "autres professionnels",
        MemberKind::RepresentantUsagers => "représentants des usagers",
        MemberKind::Structure { .. } => "structures (personnes morales)",
    }
}

#[derive(Default)]
struct Counter(BTreeMap<String, (String, usize)>);

impl Counter {
    fn add(&mut self, key: impl Into<String>, label: &str) {
        self.0
            .entry(key.into())
            .or_insert_with(|| (label.to_owned(), 0))
            .1 += 1;
    }
    fn into_vec(self) -> Vec<CountBy> {
        self.0
            .into_iter()
            .map(|(key, (label, count))| CountBy { key, label, count })
            .collect()
    }
}

/// A count of members sharing a key.
///
/// JSON: `{"key": "tre_g15#10", "label": "Médecin", "count": 12}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountBy {
    /// Stable key (kind, category, or `system#code` of a profession).
    pub key: String,
    /// French label.
    pub label: String,
    /// Number of members.
    pub count: usize,
}

/// Members of a college on a date, with its board seats.
///
/// JSON: `{"college": "liberaux", "name": "...", "members": 14, "board_seats": 6}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollegeCount {
    /// College identifier.
    pub college: String,
    /// College name.
    pub name: String,
    /// Members on the date.
    pub members: usize,
    /// Seats on the conseil d'administration.
    pub board_seats: u32,
}

/// The members of a CPTS on a date.
///
/// JSON: `{"on": "...", "members": 42, "pending": 2, "by_kind": [...], "by_category": [...],
/// "by_profession": [...], "by_college": [...], "annual_dues_total": "1230" | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipReport {
    /// The date.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
    /// Members on that date.
    pub members: usize,
    /// Applications pending on that date.
    pub pending: usize,
    /// Counts by kind (sorted by key).
    pub by_kind: Vec<CountBy>,
    /// Counts by category (sorted by key).
    pub by_category: Vec<CountBy>,
    /// Counts by profession (sorted by key).
    pub by_profession: Vec<CountBy>,
    /// Counts by college, in the order of the statuts.
    pub by_college: Vec<CollegeCount>,
    /// Annual dues of the members on that date, when the statuts set them for every member.
    #[serde(default, with = "crate::aci::money::cents_option")]
    #[schemars(with = "Option<crate::aci::money::DecimalString>")]
    pub annual_dues_total: Option<Decimal>,
}

/// A decision about `member` dated `date`: not before the application.
fn not_before_application(member: &Member, date: NaiveDate) -> Result<(), MembershipError> {
    if date < member.applied_on {
        return Err(MembershipError::DateOutOfOrder {
            number: member.number,
            date,
            earliest: member.applied_on,
            what: crate::messages::rules::APPLICATION_DATE,
        });
    }
    Ok(())
}
