//! Searching the directories: the index built once from the registry and the directories,
//! and the answer to a query, holding only what the viewer may see on the date.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::access::Checked;
use super::{
    Access, Availability, BoardMandate, Contacts, Directory, DirectoryError, Practice,
    SharingAgreement, Viewer, Visibilities, Visibility,
};
use crate::entity::CptsId;
use crate::identifiers::{Identifier, InseeCommuneCode};
use crate::membership::{MemberCategory, MemberKind, MemberNumber, Registry};
use crate::missions::Mission;
use crate::nomenclature::Code;
use crate::territory::fold_name;

/// The most characters of a query's text.
const MAX_QUERY_TEXT: usize = 300;

/// A search of the directories: every criterion optional, all given must match, each on a
/// field the viewer may see (`SEARCH_ON_VISIBLE_FIELDS`).
///
/// JSON: `{"cpts": ["cpts-exemple"], "profession": {"system": "tre_g15", "code": "60"},
/// "category": "professionnel_de_sante", "commune": "78551", "mission": "acces_aux_soins",
/// "availability": "sas", "language": "en", "text": "martin", "limit": 20}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectoryQuery {
    /// The directories searched (every one when empty).
    #[serde(default)]
    pub cpts: Vec<CptsId>,
    /// A profession code.
    #[serde(default)]
    pub profession: Option<Code>,
    /// A member category.
    #[serde(default)]
    pub category: Option<MemberCategory>,
    /// The commune of practice.
    #[serde(default)]
    pub commune: Option<InseeCommuneCode>,
    /// A mission taken part in.
    #[serde(default)]
    pub mission: Option<Mission>,
    /// An action the member is available for.
    #[serde(default)]
    pub availability: Option<Availability>,
    /// A language spoken (ISO 639-1).
    #[serde(default)]
    pub language: Option<String>,
    /// Words found in the name, the profession or the working groups (case, accents and
    /// hyphens do not count).
    #[serde(default)]
    pub text: Option<String>,
    /// The most entries answered.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// The answer: the entries the viewer may see, each with the fields they may see, and
/// nothing about the others. It borrows from the index (nothing is copied).
///
/// JSON: `{"entries": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DirectoryAnswer<'a> {
    /// By CPTS id, then by name.
    pub entries: Vec<ListedEntry<'a>>,
}

/// The profession or structure category of a member.
///
/// JSON: `{"category": "professionnel_de_sante", "category_label": "professionnel de santé",
/// "code": {"system": "tre_g15", "code": "60"}, "label": "Infirmier"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Activity {
    /// The member category.
    pub category: MemberCategory,
    /// Its French label.
    pub category_label: &'static str,
    /// The profession code (TRE_G15, TRE_R94…) or FINESS category (TRE_R66), if any.
    pub code: Option<Code>,
    /// The French label of the profession or structure kind (ANS nomenclatures).
    pub label: String,
}

/// A mission with its French label.
///
/// JSON: `{"mission": "acces_aux_soins", "label": "accès aux soins (…)"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LabelledMission {
    /// The mission.
    pub mission: Mission,
    /// Its French label.
    pub label: String,
}

/// An action with its French label.
///
/// JSON: `{"action": "sas", "label": "service d'accès aux soins (SAS)"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LabelledAvailability {
    /// The action.
    pub action: Availability,
    /// Its French label.
    pub label: &'static str,
}

/// One entry as the viewer may see it: a field they may not see is absent, as is a field
/// the member left empty (the two are not told apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ListedEntry<'a> {
    /// The CPTS.
    pub cpts: &'a CptsId,
    /// What the viewer is to this entry.
    pub seen_as: Access,
    /// The member's number, for the members of that CPTS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberNumber>,
    /// The name.
    pub name: &'a str,
    /// The profession or structure category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<&'a Activity>,
    /// The national identifiers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<&'a [Identifier]>,
    /// The place of practice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practice: Option<&'a Practice>,
    /// Professional contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub professional_contacts: Option<&'a Contacts>,
    /// Personal contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_contacts: Option<&'a Contacts>,
    /// Languages spoken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<&'a [String]>,
    /// Working groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_groups: Option<&'a [String]>,
    /// Missions taken part in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missions: Option<&'a [LabelledMission]>,
    /// Availability.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<&'a [LabelledAvailability]>,
    /// The member's own choices, on their own entry only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibilities>,
}

/// What a query reads of every entry, held inline and small (a query reads these in
/// order, and follows a pointer only for an entry that may match).
#[derive(Debug, Clone, Copy)]
struct Row {
    /// The member's number.
    member: MemberNumber,
    /// Listed from this day (membership and consent both begun) until `until` (excluded:
    /// the departure).
    from: NaiveDate,
    until: Option<NaiveDate>,
    visibility: Visibilities,
    category: MemberCategory,
    /// The profession's number in the index's list of codes (`u32::MAX`: none).
    profession: u32,
    commune: Option<InseeCommuneCode>,
}

/// The rest of an entry, read when it may match: with what an answer shows of it, referenced
/// here so that listing an entry reads the index only (not the entry and the member's
/// record, each elsewhere in memory).
#[derive(Debug)]
struct Detail<'a> {
    name: &'a str,
    identifiers: &'a [Identifier],
    practice: Option<&'a Practice>,
    professional_contacts: Option<&'a Contacts>,
    personal_contacts: Option<&'a Contacts>,
    languages: &'a [String],
    working_groups: &'a [String],
    /// The entry's folded name, profession label and working groups (`fold_name`) in the
    /// index's text, from `text.0`: name to `text.1`, label to `text.2`, groups to `text.3`.
    text: (u32, u32, u32, u32),
    /// Its activity in the index's list.
    activity: u32,
    missions: Vec<LabelledMission>,
    availability: Vec<LabelledAvailability>,
}

#[derive(Debug)]
struct Indexed<'a> {
    id: &'a CptsId,
    board: &'a [BoardMandate],
    /// The entries, by folded name then number; `details[i]` and `signatures[i]` go with
    /// `rows[i]`.
    rows: Vec<Row>,
    details: Vec<Detail<'a>>,
    /// The [`signature`]s of each entry's folded name, label and working groups.
    signatures: Vec<[u128; 3]>,
}

/// The directories checked against the registry and made ready for queries: built in
/// `O(n log n)` for `n` entries, a query in `O(n)` at most, its answer borrowing from the
/// index.
#[derive(Debug)]
pub struct DirectoryIndex<'a> {
    registry: &'a Registry,
    agreements: &'a [SharingAgreement],
    /// By CPTS id.
    directories: Vec<Indexed<'a>>,
    /// The folded texts of every row, end to end.
    text: String,
    /// The professions found, sorted; a row holds its position.
    professions: Vec<&'a Code>,
    /// The activities found (one per kind of member), by position.
    activities: Vec<Activity>,
}

impl<'a> DirectoryIndex<'a> {
    /// Checks `directory` against `registry` (every CPTS, every member number known; no
    /// identifier of an individual public) and indexes it. The entries that no date lists
    /// (a withdrawn consent, an applicant never admitted) are left out of the index.
    pub fn new(registry: &'a Registry, directory: &'a Directory) -> Result<Self, DirectoryError> {
        let mut directories = Vec::with_capacity(directory.directories().len());
        let mut text = String::new();
        let mut activities: Vec<Activity> = Vec::new();
        let mut kinds: std::collections::BTreeMap<&'a MemberKind, u32> = Default::default();
        let mut codes: std::collections::BTreeSet<&'a Code> = Default::default();
        let offset = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
        for d in directory.directories() {
            let cpts = registry
                .get(&d.cpts)
                .ok_or_else(|| DirectoryError::UnknownCpts {
                    cpts: d.cpts.clone(),
                })?;
            let roster = cpts.roster();
            let unknown = |member, field| DirectoryError::UnknownMember {
                cpts: d.cpts.clone(),
                member,
                field,
            };
            for mandate in &d.board {
                roster
                    .get(mandate.member)
                    .ok_or_else(|| unknown(mandate.member, "board"))?;
            }
            let mut rows = Vec::with_capacity(d.entries.len());
            for entry in &d.entries {
                let record = roster
                    .get(entry.member)
                    .ok_or_else(|| unknown(entry.member, "entries"))?;
                if entry.visibility.identifiers == Visibility::Public && record.kind.is_individual()
                {
                    return Err(DirectoryError::NeverPublic {
                        cpts: d.cpts.clone(),
                        member: entry.member,
                        field: "identifiers",
                    });
                }
                let Some(since) = record.member_since() else {
                    continue;
                };
                if entry.consent.withdrawn_on.is_some() {
                    continue;
                }
                let activity = *kinds.entry(&record.kind).or_insert_with(|| {
                    activities.push(activity(&record.kind));
                    u32::try_from(activities.len() - 1).unwrap_or(u32::MAX)
                });
                codes.extend(record.kind.profession_code());
                let start = offset(&text);
                text.push_str(&fold_name(&record.name));
                let name_end = offset(&text);
                text.push_str(&fold_name(&record.kind.label_fr()));
                let label_end = offset(&text);
                for group in &entry.working_groups {
                    text.push('\n');
                    text.push_str(&fold_name(group));
                }
                let row = Row {
                    member: entry.member,
                    from: since.max(entry.consent.given_on),
                    until: record.departure.as_ref().map(|d| d.on),
                    visibility: entry.visibility,
                    category: record.kind.category(),
                    profession: u32::MAX,
                    commune: entry.practice.as_ref().map(|p| p.commune),
                };
                rows.push((
                    row,
                    Detail {
                        name: &record.name,
                        identifiers: &record.identifiers,
                        practice: entry.practice.as_ref(),
                        professional_contacts: entry.professional_contacts.as_ref(),
                        personal_contacts: entry.personal_contacts.as_ref(),
                        languages: &entry.languages,
                        working_groups: &entry.working_groups,
                        text: (start, name_end, label_end, offset(&text)),
                        activity,
                        missions: entry
                            .missions
                            .iter()
                            .map(|m| LabelledMission {
                                mission: *m,
                                label: m.label_fr().into_owned(),
                            })
                            .collect(),
                        availability: entry
                            .availability
                            .iter()
                            .map(|a| LabelledAvailability {
                                action: *a,
                                label: a.label_fr(),
                            })
                            .collect(),
                    },
                    record.kind.profession_code(),
                ));
            }
            directories.push((&d.cpts, &d.board, rows));
        }
        let professions: Vec<&'a Code> = codes.into_iter().collect();
        let slice = |r: (u32, u32)| text.get(r.0 as usize..r.1 as usize).unwrap_or("");
        let mut directories: Vec<Indexed<'a>> = directories
            .into_iter()
            .map(|(id, board, mut rows)| {
                for (row, _, code) in &mut rows {
                    if let Some(code) = code {
                        row.profession = professions
                            .binary_search(code)
                            .ok()
                            .and_then(|i| u32::try_from(i).ok())
                            .unwrap_or(u32::MAX);
                    }
                }
                rows.sort_by(|(ra, a, _), (rb, b, _)| {
                    (slice((a.text.0, a.text.1)), ra.member)
                        .cmp(&(slice((b.text.0, b.text.1)), rb.member))
                });
                let (rows, details): (Vec<Row>, Vec<Detail<'a>>) = rows
                    .into_iter()
                    .map(|(row, detail, _)| (row, detail))
                    .unzip();
                let signatures = details
                    .iter()
                    .map(|d| {
                        let (start, name, label, groups) = d.text;
                        [(start, name), (name, label), (label, groups)]
                            .map(|(a, b)| signature(slice((a, b))))
                    })
                    .collect();
                Indexed {
                    id,
                    board,
                    rows,
                    details,
                    signatures,
                }
            })
            .collect();
        directories.sort_by(|a, b| a.id.cmp(b.id));
        Ok(DirectoryIndex {
            registry,
            agreements: directory.agreements(),
            directories,
            professions,
            activities,
            text,
        })
    }

    fn find(&self, cpts: &CptsId) -> Option<&Indexed<'a>> {
        self.directories
            .binary_search_by(|d| d.id.cmp(cpts))
            .ok()
            .and_then(|i| self.directories.get(i))
    }

    /// The folded text of a row from `a` to `b`.
    fn text(&self, a: u32, b: u32) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or("")
    }

    /// Who the viewer is on `date`: a member then of a CPTS the registry holds, on its
    /// board or not; anybody else is anonymous.
    fn check(&self, viewer: &Viewer, date: NaiveDate) -> Checked<'a> {
        let nobody = Checked {
            member_of: None,
            on_board: false,
        };
        let Viewer::Member { cpts, member } = viewer else {
            return nobody;
        };
        let Some(record) = self.registry.get(cpts) else {
            return nobody;
        };
        if !record
            .roster()
            .get(*member)
            .is_some_and(|m| m.is_member_on(date))
        {
            return nobody;
        }
        let on_board = self.find(cpts).is_some_and(|d| {
            d.board
                .iter()
                .any(|b| b.member == *member && b.holds_on(date))
        });
        Checked {
            member_of: Some((record.id(), *member)),
            on_board,
        }
    }

    /// The entries `viewer` may see on `date` that match `query`, with the fields they may
    /// see. The only error is a query naming a CPTS the registry does not hold, or a text
    /// longer than 300 characters: what the answer holds never depends on what the viewer
    /// may not see.
    pub fn query(
        &self,
        viewer: &Viewer,
        date: NaiveDate,
        query: &DirectoryQuery,
    ) -> Result<DirectoryAnswer<'_>, DirectoryError> {
        let text = query.text.as_deref().unwrap_or("");
        if text.chars().count() > MAX_QUERY_TEXT {
            return Err(DirectoryError::InvalidQuery {
                field: "text",
                value: crate::identifiers::shown(text),
                rule: crate::messages::rules::QUERY_TEXT,
            });
        }
        let folded = fold_name(text);
        let words: Vec<Word<'_>> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(Word::new)
            .collect();
        let mut selected: Vec<&Indexed<'a>> = Vec::new();
        if query.cpts.is_empty() {
            selected.extend(&self.directories);
        } else {
            let mut wanted = query.cpts.clone();
            wanted.sort();
            wanted.dedup();
            for cpts in &wanted {
                if self.registry.get(cpts).is_none() {
                    return Err(DirectoryError::UnknownCpts { cpts: cpts.clone() });
                }
                selected.extend(self.find(cpts));
            }
        }
        // A profession no row has matches no row.
        let profession = query.profession.as_ref().map(|code| {
            self.professions
                .binary_search(&code)
                .ok()
                .and_then(|i| u32::try_from(i).ok())
                .unwrap_or(u32::MAX - 1)
        });
        let search = Search {
            query,
            profession,
            words,
        };
        let viewer = self.check(viewer, date);
        let partners: Vec<&CptsId> = match viewer.member_of {
            Some((own, _)) => self
                .agreements
                .iter()
                .filter(|a| a.holds_on(date))
                .filter_map(|a| a.other(own))
                .collect(),
            None => Vec::new(),
        };
        let limit = query
            .limit
            .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
        let mut entries = Vec::new();
        'directories: for d in selected {
            let access = viewer.access_to(d.id, partners.contains(&d.id));
            let own = viewer.number_in(d.id);
            for ((row, detail), signatures) in d.rows.iter().zip(&d.details).zip(&d.signatures) {
                if entries.len() >= limit {
                    break 'directories;
                }
                if !(row.from <= date && row.until.is_none_or(|u| date < u)) {
                    continue;
                }
                // Only a member of the directory's CPTS may be the entry's own member.
                let access = match own {
                    Some(n) if n == row.member => Access::Own,
                    _ => access,
                };
                if self.matches(row, detail, signatures, access, &search) {
                    entries.push(self.listed(d.id, row, detail, access, own.is_some()));
                }
            }
        }
        Ok(DirectoryAnswer { entries })
    }

    /// True when `row` matches every criterion on fields `access` sees (the name first:
    /// `LISTED_BY_NAME`). What the row holds is checked first, and each word's signature
    /// (`signature`): the entry's detail, elsewhere in memory, is read only for a row that
    /// passed (most rows of a search by words or by profession and commune do not).
    fn matches(
        &self,
        row: &Row,
        detail: &Detail<'_>,
        signatures: &[u128; 3],
        access: Access,
        search: &Search<'_>,
    ) -> bool {
        let q = search.query;
        let v = &row.visibility;
        let sees = |visibility| access.sees(visibility);
        // A word whose letters and pairs of letters are not all in a text is not in it.
        let may_be = |w: &Word<'_>, field: usize| w.signature & !signatures[field] == 0;
        sees(v.name)
            && search
                .profession
                .is_none_or(|p| sees(v.activity) && row.profession == p)
            && q.category
                .is_none_or(|c| sees(v.activity) && row.category == c)
            && q.commune
                .is_none_or(|c| sees(v.practice) && row.commune == Some(c))
            && search.every_word(v, access, may_be)
            && self.detail_matches(search, Seen { v, access }, detail, signatures)
    }

    /// The criteria [`DirectoryIndex::matches`] reads in the entry's detail. Not inlined: so
    /// that the detail is not read (a cache miss) before the row's own checks passed.
    #[inline(never)]
    fn detail_matches(
        &self,
        search: &Search<'_>,
        Seen { v, access }: Seen<'_>,
        detail: &Detail<'_>,
        signatures: &[u128; 3],
    ) -> bool {
        let sees = |visibility| access.sees(visibility);
        let found = |w: &Word<'_>, field: usize| {
            w.signature & !signatures[field] == 0 && {
                let (start, name, label, groups) = detail.text;
                let (a, b) = [(start, name), (name, label), (label, groups)][field];
                w.is_in(self.text(a, b))
            }
        };
        let q = search.query;
        q.mission
            .is_none_or(|m| sees(v.missions) && detail.missions.iter().any(|l| l.mission == m))
            && q.availability.is_none_or(|a| {
                sees(v.availability) && detail.availability.iter().any(|l| l.action == a)
            })
            && q.language
                .as_ref()
                .is_none_or(|l| sees(v.languages) && detail.languages.contains(l))
            && search.every_word(v, access, found)
    }

    /// The entry as `access` sees it; `in_cpts` when the viewer is a member of its CPTS (its
    /// member numbers are theirs to see, not a partner CPTS's).
    fn listed<'s>(
        &'s self,
        cpts: &'a CptsId,
        row: &Row,
        detail: &'s Detail<'a>,
        access: Access,
        in_cpts: bool,
    ) -> ListedEntry<'s> {
        let v = &row.visibility;
        let d = detail;
        let sees = |visibility| access.sees(visibility);
        let some = |visible: bool, empty: bool| visible && !empty;
        ListedEntry {
            cpts,
            seen_as: access,
            member: in_cpts.then_some(row.member),
            name: d.name,
            activity: if sees(v.activity) {
                self.activities.get(d.activity as usize)
            } else {
                None
            },
            identifiers: some(sees(v.identifiers), d.identifiers.is_empty())
                .then_some(d.identifiers),
            practice: d.practice.filter(|_| sees(v.practice)),
            professional_contacts: d
                .professional_contacts
                .filter(|_| sees(v.professional_contacts)),
            personal_contacts: d.personal_contacts.filter(|_| sees(v.personal_contacts)),
            languages: some(sees(v.languages), d.languages.is_empty()).then_some(d.languages),
            working_groups: some(sees(v.working_groups), d.working_groups.is_empty())
                .then_some(d.working_groups),
            missions: some(sees(v.missions), d.missions.is_empty())
                .then_some(d.missions.as_slice()),
            availability: some(sees(v.availability), d.availability.is_empty())
                .then_some(d.availability.as_slice()),
            visibility: (access == Access::Own).then_some(row.visibility),
        }
    }
}

/// The visibilities of an entry and the access of the viewer to it.
#[derive(Clone, Copy)]
struct Seen<'v> {
    v: &'v Visibilities,
    access: Access,
}

/// A query made ready: its profession's number in the index, its words.
struct Search<'q> {
    query: &'q DirectoryQuery,
    profession: Option<u32>,
    words: Vec<Word<'q>>,
}

impl Search<'_> {
    /// Every word is in one of the texts `access` sees: the name (field 0), the activity's
    /// label (1) and the working groups (2) as their visibilities say; `is_in(word, field)`.
    fn every_word(
        &self,
        v: &Visibilities,
        access: Access,
        is_in: impl Fn(&Word<'_>, usize) -> bool,
    ) -> bool {
        self.words.iter().all(|w| {
            is_in(w, 0)
                || (access.sees(v.activity) && is_in(w, 1))
                || (access.sees(v.working_groups) && is_in(w, 2))
        })
    }
}

/// A word searched for: natively with memchr's searcher, made once per query; in the wasm
/// with the standard library's (one crate less in the module).
struct Word<'w> {
    signature: u128,
    #[cfg(not(target_arch = "wasm32"))]
    finder: memchr::memmem::Finder<'w>,
    #[cfg(target_arch = "wasm32")]
    word: &'w str,
}

impl<'w> Word<'w> {
    fn new(word: &'w str) -> Self {
        Word {
            signature: signature(word),
            #[cfg(not(target_arch = "wasm32"))]
            finder: memchr::memmem::Finder::new(word),
            #[cfg(target_arch = "wasm32")]
            word,
        }
    }

    fn is_in(&self, text: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return self.finder.find(text.as_bytes()).is_some();
        #[cfg(target_arch = "wasm32")]
        return text.contains(self.word);
    }
}

/// The bits of a text's bytes and pairs of adjacent bytes, each hashed to one of 128: a text
/// contains a word only if it has every bit of the word's signature.
pub(super) fn signature(text: &str) -> u128 {
    let bytes = text.as_bytes();
    let bit = |h: u32| 1u128 << (h % 128);
    let mut signature = bytes.iter().fold(0, |s, &b| s | bit(u32::from(b)));
    for pair in bytes.windows(2) {
        signature |= bit(u32::from(pair[0]).wrapping_mul(31) ^ u32::from(pair[1]).wrapping_mul(7));
    }
    signature
}

fn activity(kind: &MemberKind) -> Activity {
    let category = kind.category();
    let code = match kind {
        MemberKind::Structure {
            finess_category, ..
        } => finess_category.clone(),
        other => other.profession_code().cloned(),
    };
    Activity {
        category,
        category_label: category.label_fr(),
        code,
        label: kind.label_fr(),
    }
}
