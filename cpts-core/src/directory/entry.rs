//! What a member publishes in the directory, each field with the visibility they chose, and
//! the rules of each value.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DirectoryError, Visibility};
use crate::entity::CptsId;
use crate::identifiers::InseeCommuneCode;
use crate::membership::MemberNumber;
use crate::messages::{Bilingual, rules};
use crate::missions::Mission;

/// The most characters a text of an entry (an address, a working group) holds.
const MAX_TEXT_CHARS: usize = 300;
/// The most values a list of an entry (languages, groups, missions) holds.
const MAX_LIST: usize = 50;

/// A member's consent to be listed: given on a day, and perhaps withdrawn.
///
/// JSON: `{"given_on": "2024-01-10", "withdrawn_on": null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The day it was given (listed from that day).
    #[serde(deserialize_with = "crate::calendar::date")]
    pub given_on: NaiveDate,
    /// The day it was withdrawn (never listed again, at any date).
    #[serde(default, deserialize_with = "crate::calendar::optional_date")]
    pub withdrawn_on: Option<NaiveDate>,
}

impl Consent {
    /// A consent given on `date`.
    pub fn given_on(date: NaiveDate) -> Self {
        Consent {
            given_on: date,
            withdrawn_on: None,
        }
    }

    /// True when the entry may be listed on `date` (`CONSENT_FIRST`).
    pub fn lists_on(&self, date: NaiveDate) -> bool {
        self.withdrawn_on.is_none() && self.given_on <= date
    }
}

/// The visibility the member chose for each field; a field not given is `nobody`
/// (`PROTECTIVE_DEFAULTS`).
///
/// JSON: `{"name": "public", "activity": "public", "practice": "members", ...}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visibilities {
    /// The name (from the member's record); an entry is listed only to whom sees it.
    #[serde(default)]
    pub name: Visibility,
    /// The profession or structure category, with its ANS code.
    #[serde(default)]
    pub activity: Visibility,
    /// The national identifiers of the record (RPPS, ADELI, FINESS, SIRET…): never public
    /// for an individual.
    #[serde(default)]
    pub identifiers: Visibility,
    /// The place of practice.
    #[serde(default)]
    pub practice: Visibility,
    /// Professional contacts.
    #[serde(default)]
    pub professional_contacts: Visibility,
    /// Personal contacts: never public.
    #[serde(default)]
    pub personal_contacts: Visibility,
    /// Languages spoken.
    #[serde(default)]
    pub languages: Visibility,
    /// Working groups.
    #[serde(default)]
    pub working_groups: Visibility,
    /// Missions taken part in.
    #[serde(default)]
    pub missions: Visibility,
    /// Availability for some actions.
    #[serde(default)]
    pub availability: Visibility,
}

/// The place of practice.
///
/// JSON: `{"commune": "78551", "address": "12 rue de Pologne"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// The commune (INSEE code).
    pub commune: InseeCommuneCode,
    /// The street address, if given.
    #[serde(default)]
    pub address: Option<String>,
}

/// A telephone number and an e-mail address (at least one).
///
/// JSON: `{"phone": "01 39 00 00 00", "email": "contact@exemple.fr"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// Telephone.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// An action a member says they are available for.
///
/// JSON: `"soins_non_programmes"`, `"sas"` or `"tour_de_garde"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Soins non programmés (same-day or next-day appointments; ACI mission socle 1).
    SoinsNonProgrammes,
    /// The service d'accès aux soins (SAS, L6311-3 CSP).
    Sas,
    /// The tour de garde (permanence des soins ambulatoires, R6315-1 CSP).
    TourDeGarde,
}

impl Availability {
    /// Every action, in the order of the documentation.
    pub const ALL: [Availability; 3] = [
        Availability::SoinsNonProgrammes,
        Availability::Sas,
        Availability::TourDeGarde,
    ];

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Availability::SoinsNonProgrammes => "soins non programmés",
            Availability::Sas => "service d'accès aux soins (SAS)",
            Availability::TourDeGarde => "tour de garde",
        }
    }
}

/// A member's entry in the directory of their CPTS.
///
/// JSON: `{"member": 1, "consent": {...}, "visibility": {...}, "practice": {...} | null,
/// "professional_contacts": {...} | null, "personal_contacts": {...} | null, "languages":
/// ["fr", "en"], "working_groups": ["Parcours de la personne âgée"], "missions":
/// ["acces_aux_soins"], "availability": ["sas"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectoryEntry {
    /// The member's number in the CPTS's roster (name, category and identifiers come from
    /// there).
    pub member: MemberNumber,
    /// The consent to be listed.
    pub consent: Consent,
    /// Who may see each field.
    #[serde(default)]
    pub visibility: Visibilities,
    /// The place of practice.
    #[serde(default)]
    pub practice: Option<Practice>,
    /// Professional contacts.
    #[serde(default)]
    pub professional_contacts: Option<Contacts>,
    /// Personal contacts.
    #[serde(default)]
    pub personal_contacts: Option<Contacts>,
    /// Languages spoken (ISO 639-1 codes: `fr`, `en`, `ar`…).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The working groups of the CPTS the member takes part in.
    #[serde(default)]
    pub working_groups: Vec<String>,
    /// The missions the member takes part in.
    #[serde(default)]
    pub missions: Vec<Mission>,
    /// The actions the member is available for.
    #[serde(default)]
    pub availability: Vec<Availability>,
}

impl DirectoryEntry {
    /// An entry with nothing published beyond the record and every field at `nobody`.
    pub fn new(member: MemberNumber, consent: Consent) -> Self {
        DirectoryEntry {
            member,
            consent,
            visibility: Visibilities::default(),
            practice: None,
            professional_contacts: None,
            personal_contacts: None,
            languages: Vec::new(),
            working_groups: Vec::new(),
            missions: Vec::new(),
            availability: Vec::new(),
        }
    }

    /// The rules an entry keeps on its own (the roster's are checked by the index).
    pub(crate) fn check(&self, cpts: &CptsId) -> Result<(), DirectoryError> {
        let invalid = |field: &'static str, value: &str, rule: Bilingual| {
            Err(DirectoryError::InvalidField {
                cpts: cpts.clone(),
                member: self.member,
                field,
                value: crate::identifiers::shown(value),
                rule,
            })
        };
        if let Some(withdrawn_on) = self.consent.withdrawn_on {
            if withdrawn_on < self.consent.given_on {
                return Err(DirectoryError::WithdrawnBeforeGiven {
                    cpts: cpts.clone(),
                    member: self.member,
                    given_on: self.consent.given_on,
                    withdrawn_on,
                });
            }
            if *self != DirectoryEntry::new(self.member, self.consent) {
                return Err(DirectoryError::WithdrawnEntryKeepsData {
                    cpts: cpts.clone(),
                    member: self.member,
                });
            }
        }
        if self.visibility.personal_contacts == Visibility::Public {
            return Err(DirectoryError::NeverPublic {
                cpts: cpts.clone(),
                member: self.member,
                field: "personal_contacts",
            });
        }
        if let Some(address) = self.practice.as_ref().and_then(|p| p.address.as_deref())
            && !is_text(address)
        {
            return invalid("practice.address", address, rules::TEXT);
        }
        for (field, contacts) in [
            ("professional_contacts", &self.professional_contacts),
            ("personal_contacts", &self.personal_contacts),
        ] {
            let Some(contacts) = contacts else { continue };
            if contacts.phone.is_none() && contacts.email.is_none() {
                return invalid(field, "{}", rules::CONTACTS);
            }
            if let Some(phone) = &contacts.phone
                && !is_phone(phone)
            {
                return invalid(field, phone, rules::PHONE);
            }
            if let Some(email) = &contacts.email
                && !is_email(email)
            {
                return invalid(field, email, rules::EMAIL);
            }
        }
        for (field, len) in [
            ("languages", self.languages.len()),
            ("working_groups", self.working_groups.len()),
            ("missions", self.missions.len()),
        ] {
            if len > MAX_LIST {
                return invalid(field, &len.to_string(), rules::AT_MOST_50);
            }
        }
        for language in &self.languages {
            if !(language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase())) {
                return invalid("languages", language, rules::LANGUAGE);
            }
        }
        for group in &self.working_groups {
            if !is_text(group) {
                return invalid("working_groups", group, rules::TEXT);
            }
        }
        if let Some(repeated) = first_repeated(&self.languages) {
            return invalid("languages", repeated, rules::NO_REPEAT);
        }
        if let Some(repeated) = first_repeated(&self.working_groups) {
            return invalid("working_groups", repeated, rules::NO_REPEAT);
        }
        if let Some(repeated) = first_repeated(&self.missions) {
            return invalid("missions", repeated.as_str(), rules::NO_REPEAT);
        }
        if let Some(repeated) = first_repeated(&self.availability) {
            return invalid(
                "availability",
                &crate::names::json_name(repeated),
                rules::NO_REPEAT,
            );
        }
        Ok(())
    }
}

/// The first value given twice, found in `O(n log n)`.
fn first_repeated<T: Ord>(values: &[T]) -> Option<&T> {
    let mut seen = std::collections::BTreeSet::new();
    values.iter().find(|v| !seen.insert(*v))
}

fn is_text(text: &str) -> bool {
    !text.trim().is_empty()
        && text.chars().count() <= MAX_TEXT_CHARS
        && !text.chars().any(char::is_control)
}

/// A telephone number as people write it: digits, spaces, dots, hyphens, parentheses and a
/// leading `+`, with 4 to 15 digits (ITU-T E.164 has at most 15).
fn is_phone(phone: &str) -> bool {
    let digits = phone.bytes().filter(u8::is_ascii_digit).count();
    (4..=15).contains(&digits)
        && phone.len() <= 30
        && phone.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0)
        })
}

/// An e-mail address: one `@` between a non-empty local part and a domain with a dot, no
/// space or control character, at most 254 characters (RFC 5321).
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}
