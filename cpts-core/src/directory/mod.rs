//! The members' directory (« annuaire partagé ») and the espace réservé: what a member
//! publishes about themself, who may see each field on a date, and the answer to a search
//! that holds only what the person asking may see.
//!
//! Seed 004, the FAQ of a real CPTS: « L'inscription et la connexion permettent aux adhérents
//! de la CPTS d'accéder à un espace réservé », and membership gives access to « l'annuaire
//! partagé ». No text of the Code de la santé publique or of the ACI sets the rules of a CPTS
//! directory: they follow from the RGPD and from the association's own choices. The rules
//! below are therefore **library conventions**, each named, documented here and tested; a
//! CPTS whose statuts say otherwise has the data to say it (visibilities are the member's,
//! boards and agreements are dated data, never constants).
//!
//! # What a member publishes: [`DirectoryEntry`]
//! The name, the profession or structure category (labels of the ANS nomenclatures) and the
//! identifiers come from the member's record in the [roster](crate::membership::Roster); the
//! entry adds the place of practice, professional and personal contacts, languages, working
//! groups, missions and availability (soins non programmés, SAS, tour de garde). Each field
//! has the [`Visibility`] the member chose in [`Visibilities`]:
//!
//! | visibility | who sees the field on a date |
//! |---|---|
//! | `public` | everybody, visitors not logged in included |
//! | `members` | the members of this CPTS on that date (and of a CPTS that shares its directory with it, see below) |
//! | `board` | the members of its conseil d'administration on that date |
//! | `nobody` (the default) | the member alone |
//!
//! # Who asks: [`Viewer`]
//! A viewer is anonymous or a member of a CPTS (its id and member number, as the portal's
//! login established them). The library decides what that person is to each directory on
//! the date ([`Access`]): the member themself, a board member, a member, or no more than
//! anonymous. Applicants, resigned and excluded members are not members; a member of another
//! CPTS is anonymous unless the two CPTS share their directories by a dated
//! [`SharingAgreement`]. A viewer the registry does not know is anonymous (never an error: the
//! answer says nothing either way).
//!
//! # The conventions
//! | convention | rule | why |
//! |---|---|---|
//! | `PROTECTIVE_DEFAULTS` | a field whose visibility is not given is `nobody` | RGPD art. 25(2): by default, personal data are not made accessible to an indefinite number of people without the person's intervention |
//! | `IDENTIFIERS_NEVER_PUBLIC` | the RPPS, ADELI and other identifiers of an individual, and personal contacts, are never `public` (refused); a structure's identifiers (FINESS, SIRET) may be | the issue's rule, and minimisation (art. 5(1)(c)): the ANS's Annuaire Santé publishes the RPPS, a CPTS directory has no need to republish it |
//! | `LISTED_BY_NAME` | an entry is listed to a viewer only when its name is visible to them | an entry without its name would still say that someone is a member |
//! | `MEMBERS_ON_THE_DATE` | only members on the date are listed: not applicants, resigned or excluded members | L1434-12: a CPTS is made of its members |
//! | `CONSENT_FIRST` | an entry is listed from its consent's date; a withdrawn consent lists it never again, at any date, and [`Directory::withdraw_consent`] erases its published data | art. 6(1)(a) and 7(3): consent may be withdrawn at any time, as easily as given; art. 17(1)(b): erasure when consent is withdrawn |
//! | `SEARCH_ON_VISIBLE_FIELDS` | a search matches only fields the viewer may see, and the answer holds entries only (no count, no « n more results ») | a search on a hidden field would reveal it; a count would reveal hidden entries |
//! | `SHARED_AS_MEMBERS` | under a sharing agreement in force, the members of the partner CPTS see what members see (never what the board sees) | the agreement is the two associations' decision; the board level stays the association's own |
//! | `OWN_ENTRY_WHOLE` | the member sees every field of their own entry, `nobody` ones included | art. 15: right of access |
//!
//! The RGPD principles the design follows (Règlement (UE) 2016/679,
//! <https://eur-lex.europa.eu/eli/reg/2016/679/oj>): limitation des finalités (art. 5(1)(b):
//! the directory serves the coordination of the CPTS's members, it is not a public
//! register), minimisation (art. 5(1)(c): only what the member publishes, only to whom they
//! chose), consent as the legal basis of publication (art. 6(1)(a), its proof dated: art.
//! 7(1)), the right to withdraw it (art. 7(3)) and erasure (art. 17), protection by design
//! and by default (art. 25).
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use cpts_core::directory::{Consent, Directory, DirectoryEntry, DirectoryIndex, DirectoryQuery, Viewer, Visibility};
//! use cpts_core::entity::{Cpts, CptsId, Identity, LifecycleEvent, Territory};
//! use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
//! use cpts_core::membership::{Application, MemberKind, MemberNumber, Registry, Statutes};
//! use cpts_core::nomenclature::{Code, CodeSystem};
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let id = CptsId::new("cpts-exemple").unwrap();
//! let siege = InseeCommuneCode::parse("78551").unwrap();
//! let identity = Identity { name: "CPTS exemple".into(), siege, siren: None, siret: None, rna: None, finess: None };
//! let mut cpts = Cpts::new(id.clone(), identity, Territory::new([siege]).unwrap(), Statutes::default()).unwrap();
//! let nurse = Application {
//!     name: "Julie Robert".into(),
//!     kind: MemberKind::ProfessionnelDeSante { profession: Code::new(CodeSystem::TreG15, "60") },
//!     identifiers: vec![Identifier::parse(IdentifierKind::Rpps, "10000927870").unwrap()],
//!     practises_in: None, foreign_practice: None, defence: None,
//! };
//! cpts.record(LifecycleEvent::ProjetDeSanteSubmitted { date: d(2023, 1, 10) }).unwrap();
//! let number = cpts.apply_for_membership(nurse, d(2024, 1, 10)).unwrap();
//! let mut registry = Registry::default();
//! registry.insert(cpts).unwrap();
//!
//! // Her name is public, everything else keeps the protective default (nobody).
//! let mut entry = DirectoryEntry::new(number, Consent::given_on(d(2024, 1, 10)));
//! entry.visibility.name = Visibility::Public;
//! let mut directory = Directory::default();
//! directory.publish(&id, entry).unwrap();
//!
//! let index = DirectoryIndex::new(&registry, &directory).unwrap();
//! let answer = index.query(&Viewer::Anonymous, d(2025, 1, 1), &DirectoryQuery::default()).unwrap();
//! assert_eq!(answer.entries.len(), 1);
//! assert_eq!(answer.entries[0].name, "Julie Robert");
//! assert!(answer.entries[0].activity.is_none()); // her profession is hers to show
//! // Once she withdraws her consent, nobody finds her, on any date.
//! directory.withdraw_consent(&id, number, d(2025, 6, 1)).unwrap();
//! let index = DirectoryIndex::new(&registry, &directory).unwrap();
//! assert!(index.query(&Viewer::Anonymous, d(2025, 1, 1), &DirectoryQuery::default()).unwrap().entries.is_empty());
//! ```

mod access;
mod entry;
mod query;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use access::{Access, Viewer};
pub use entry::{Availability, Consent, Contacts, DirectoryEntry, Practice, Visibilities};
pub use query::{
    Activity, DirectoryAnswer, DirectoryIndex, DirectoryQuery, LabelledAvailability,
    LabelledMission, ListedEntry,
};

use crate::entity::CptsId;
use crate::membership::MemberNumber;
use crate::messages::Bilingual;

/// Who may see a field, from the widest to the narrowest.
///
/// JSON: `"public"`, `"members"`, `"board"` or `"nobody"`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Everybody (« public »).
    Public,
    /// The members of this CPTS on the date (« adhérents de la CPTS »).
    Members,
    /// Its conseil d'administration on the date (« conseil d'administration »).
    Board,
    /// The member alone (« personne d'autre ») — the default.
    #[default]
    Nobody,
}

impl Visibility {
    /// Every visibility, widest first.
    pub const ALL: [Visibility; 4] = [
        Visibility::Public,
        Visibility::Members,
        Visibility::Board,
        Visibility::Nobody,
    ];

    /// French label, as a member's settings page says it.
    pub fn label_fr(self) -> &'static str {
        match self {
            Visibility::Public => "tout le monde",
            Visibility::Members => "les adhérents de la CPTS",
            Visibility::Board => "le conseil d'administration",
            Visibility::Nobody => "personne d'autre que moi",
        }
    }
}

/// A mandate on the conseil d'administration, from `from` (included) to `ended_on` (the
/// first day off the board; `null` while it lasts).
///
/// JSON: `{"member": 1, "from": "2023-06-01", "ended_on": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardMandate {
    /// The member.
    pub member: MemberNumber,
    /// First day on the board.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub from: NaiveDate,
    /// First day off the board.
    #[serde(default, deserialize_with = "crate::calendar::optional_date")]
    pub ended_on: Option<NaiveDate>,
}

impl BoardMandate {
    /// True when the mandate holds on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        in_force(self.from, self.ended_on, date)
    }
}

/// An agreement by which two CPTS share their directories (« convention de partage
/// d'annuaire »), in force from `from` (included) to `ended_on` (excluded).
///
/// JSON: `{"cpts": "cpts-a", "partner": "cpts-b", "from": "2025-01-01", "ended_on": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharingAgreement {
    /// One CPTS.
    pub cpts: CptsId,
    /// The other.
    pub partner: CptsId,
    /// First day in force.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub from: NaiveDate,
    /// First day no longer in force.
    #[serde(default, deserialize_with = "crate::calendar::optional_date")]
    pub ended_on: Option<NaiveDate>,
}

impl SharingAgreement {
    /// True when in force on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        in_force(self.from, self.ended_on, date)
    }

    /// The other CPTS of the agreement, when `cpts` is one of the two.
    pub fn other(&self, cpts: &CptsId) -> Option<&CptsId> {
        if &self.cpts == cpts {
            Some(&self.partner)
        } else if &self.partner == cpts {
            Some(&self.cpts)
        } else {
            None
        }
    }
}

/// From `from` (included) to `ended_on` (excluded), the days a mandate or an agreement holds.
fn in_force(from: NaiveDate, ended_on: Option<NaiveDate>, date: NaiveDate) -> bool {
    from <= date && ended_on.is_none_or(|end| date < end)
}

/// The directory of one CPTS: its board's mandates and its members' entries.
///
/// JSON: `{"cpts": "cpts-exemple", "board": [...], "entries": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CptsDirectory {
    /// The CPTS.
    pub cpts: CptsId,
    /// Mandates on its conseil d'administration.
    #[serde(default)]
    pub board: Vec<BoardMandate>,
    /// Its members' entries (one per member at most).
    #[serde(default)]
    pub entries: Vec<DirectoryEntry>,
}

/// The directories of many CPTS and their sharing agreements. Each is checked when read or
/// changed ([`DirectoryError`]); [`DirectoryIndex::new`] checks them against the registry.
///
/// JSON: `{"directories": [...], "agreements": [...]}`; reading it back gives it again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    try_from = "crate::messages::Unchecked<DirectoryData>",
    into = "DirectoryData"
)]
pub struct Directory {
    directories: Vec<CptsDirectory>,
    agreements: Vec<SharingAgreement>,
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DirectoryData {
    /// The directory of each CPTS.
    #[serde(default)]
    directories: Vec<CptsDirectory>,
    /// Sharing agreements between CPTS.
    #[serde(default)]
    agreements: Vec<SharingAgreement>,
}

impl From<Directory> for DirectoryData {
    fn from(d: Directory) -> Self {
        DirectoryData {
            directories: d.directories,
            agreements: d.agreements,
        }
    }
}

impl TryFrom<DirectoryData> for Directory {
    type Error = DirectoryError;
    fn try_from(d: DirectoryData) -> Result<Self, Self::Error> {
        let mut seen = BTreeSet::new();
        for directory in &d.directories {
            if !seen.insert(&directory.cpts) {
                return Err(DirectoryError::DuplicateDirectory {
                    cpts: directory.cpts.clone(),
                });
            }
            check_directory(directory)?;
        }
        for agreement in &d.agreements {
            check_agreement(agreement)?;
        }
        Ok(Directory {
            directories: d.directories,
            agreements: d.agreements,
        })
    }
}

crate::messages::refused_through_serde!(Directory, DirectoryData, |e| {
    crate::messages::Refusal::of(&e)
});

fn check_period(
    field: &'static str,
    from: NaiveDate,
    ended_on: Option<NaiveDate>,
) -> Result<(), DirectoryError> {
    match ended_on {
        Some(end) if end <= from => Err(DirectoryError::EndsBeforeItStarts {
            field,
            from,
            ended_on: end,
        }),
        _ => Ok(()),
    }
}

fn check_agreement(a: &SharingAgreement) -> Result<(), DirectoryError> {
    if a.cpts == a.partner {
        return Err(DirectoryError::AgreementWithItself {
            cpts: a.cpts.clone(),
        });
    }
    check_period("agreements", a.from, a.ended_on)
}

fn check_directory(directory: &CptsDirectory) -> Result<(), DirectoryError> {
    for mandate in &directory.board {
        check_period("board", mandate.from, mandate.ended_on)?;
    }
    let mut members = BTreeSet::new();
    for entry in &directory.entries {
        if !members.insert(entry.member) {
            return Err(DirectoryError::DuplicateEntry {
                cpts: directory.cpts.clone(),
                member: entry.member,
            });
        }
        entry.check(&directory.cpts)?;
    }
    Ok(())
}

impl Directory {
    /// The directory of each CPTS, as given.
    pub fn directories(&self) -> &[CptsDirectory] {
        &self.directories
    }

    /// The sharing agreements, as given.
    pub fn agreements(&self) -> &[SharingAgreement] {
        &self.agreements
    }

    /// The directory of `cpts`, if it has one.
    pub fn directory(&self, cpts: &CptsId) -> Option<&CptsDirectory> {
        self.directories.iter().find(|d| &d.cpts == cpts)
    }

    /// Publishes a member's entry in the directory of `cpts`, replacing their earlier one.
    /// Nothing is changed when the entry breaks a rule.
    pub fn publish(&mut self, cpts: &CptsId, entry: DirectoryEntry) -> Result<(), DirectoryError> {
        entry.check(cpts)?;
        let directory = self.directory_mut(cpts);
        match directory
            .entries
            .iter_mut()
            .find(|e| e.member == entry.member)
        {
            Some(old) => *old = entry,
            None => directory.entries.push(entry),
        }
        Ok(())
    }

    /// Records the member's withdrawal of consent on `on` and erases what they published
    /// (`CONSENT_FIRST`): only the member number and the consent's two dates are kept, as
    /// the proof art. 7(1) asks for. Nothing is changed when it fails.
    pub fn withdraw_consent(
        &mut self,
        cpts: &CptsId,
        member: MemberNumber,
        on: NaiveDate,
    ) -> Result<(), DirectoryError> {
        let no_entry = || DirectoryError::NoEntry {
            cpts: cpts.clone(),
            member,
        };
        let directory = self
            .directories
            .iter_mut()
            .find(|d| &d.cpts == cpts)
            .ok_or_else(no_entry)?;
        let entry = directory
            .entries
            .iter_mut()
            .find(|e| e.member == member)
            .ok_or_else(no_entry)?;
        if let Some(withdrawn_on) = entry.consent.withdrawn_on {
            return Err(DirectoryError::AlreadyWithdrawn {
                cpts: cpts.clone(),
                member,
                withdrawn_on,
            });
        }
        if on < entry.consent.given_on {
            return Err(DirectoryError::WithdrawnBeforeGiven {
                cpts: cpts.clone(),
                member,
                given_on: entry.consent.given_on,
                withdrawn_on: on,
            });
        }
        *entry = DirectoryEntry::new(
            member,
            Consent {
                given_on: entry.consent.given_on,
                withdrawn_on: Some(on),
            },
        );
        Ok(())
    }

    /// Sets the mandates of the board of `cpts`. Nothing is changed when one breaks a rule.
    pub fn set_board(
        &mut self,
        cpts: &CptsId,
        board: Vec<BoardMandate>,
    ) -> Result<(), DirectoryError> {
        for mandate in &board {
            check_period("board", mandate.from, mandate.ended_on)?;
        }
        self.directory_mut(cpts).board = board;
        Ok(())
    }

    /// The directory of `cpts`, made empty at the end when it has none.
    fn directory_mut(&mut self, cpts: &CptsId) -> &mut CptsDirectory {
        let at = match self.directories.iter().position(|d| &d.cpts == cpts) {
            Some(at) => at,
            None => {
                self.directories.push(CptsDirectory {
                    cpts: cpts.clone(),
                    board: Vec::new(),
                    entries: Vec::new(),
                });
                self.directories.len() - 1
            }
        };
        &mut self.directories[at]
    }

    /// Adds a sharing agreement. Nothing is changed when it breaks a rule.
    pub fn add_agreement(&mut self, agreement: SharingAgreement) -> Result<(), DirectoryError> {
        check_agreement(&agreement)?;
        self.agreements.push(agreement);
        Ok(())
    }
}

/// A directory rule broken. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DirectoryError {
    /// Two directories for one CPTS.
    #[error("two directories are given for CPTS {cpts}")]
    DuplicateDirectory {
        /// The CPTS.
        cpts: CptsId,
    },
    /// A CPTS the registry does not hold.
    #[error("CPTS {cpts} is not in the registry")]
    UnknownCpts {
        /// The CPTS.
        cpts: CptsId,
    },
    /// A member number the CPTS's roster does not hold.
    #[error("CPTS {cpts} has no member {member} ({field})")]
    UnknownMember {
        /// The CPTS.
        cpts: CptsId,
        /// The number given.
        member: MemberNumber,
        /// Where it was given: `entries` or `board`.
        field: &'static str,
    },
    /// Two entries for one member.
    #[error("CPTS {cpts}: member {member} has two entries")]
    DuplicateEntry {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
    },
    /// A field that may not be public was made public (`IDENTIFIERS_NEVER_PUBLIC`).
    #[error("CPTS {cpts}, member {member}: {field} may not be public")]
    NeverPublic {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
        /// The field: `identifiers` (of an individual) or `personal_contacts`.
        field: &'static str,
    },
    /// A value of an entry that breaks its rule.
    #[error("CPTS {cpts}, member {member}: {field} « {value} »: {rule}")]
    InvalidField {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
        /// The field.
        field: &'static str,
        /// The value given (shortened when long).
        value: String,
        /// The rule.
        rule: Bilingual,
    },
    /// A withdrawn consent whose entry still holds published data.
    #[error("CPTS {cpts}, member {member}: consent was withdrawn, the entry may hold nothing else")]
    WithdrawnEntryKeepsData {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
    },
    /// A consent withdrawn before it was given.
    #[error(
        "CPTS {cpts}, member {member}: consent withdrawn on {withdrawn_on}, before it was given on {given_on}"
    )]
    WithdrawnBeforeGiven {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
        /// Given on.
        given_on: NaiveDate,
        /// Withdrawn on.
        withdrawn_on: NaiveDate,
    },
    /// A consent already withdrawn.
    #[error("CPTS {cpts}, member {member}: consent was already withdrawn on {withdrawn_on}")]
    AlreadyWithdrawn {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
        /// Withdrawn on.
        withdrawn_on: NaiveDate,
    },
    /// No entry for that member.
    #[error("CPTS {cpts}: member {member} has no entry in the directory")]
    NoEntry {
        /// The CPTS.
        cpts: CptsId,
        /// The member.
        member: MemberNumber,
    },
    /// A mandate or agreement that ends on or before its first day.
    #[error("{field}: ends on {ended_on}, not after its first day {from}")]
    EndsBeforeItStarts {
        /// `board` or `agreements`.
        field: &'static str,
        /// First day.
        from: NaiveDate,
        /// End given.
        ended_on: NaiveDate,
    },
    /// A query's value that breaks its rule.
    #[error("query: {field} « {value} »: {rule}")]
    InvalidQuery {
        /// The field.
        field: &'static str,
        /// The value given (shortened when long).
        value: String,
        /// The rule.
        rule: Bilingual,
    },
    /// An agreement of a CPTS with itself.
    #[error("agreements: CPTS {cpts} cannot share its directory with itself")]
    AgreementWithItself {
        /// The CPTS.
        cpts: CptsId,
    },
}
