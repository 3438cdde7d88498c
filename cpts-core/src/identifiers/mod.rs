//! Identifiers of CPTS members, structures and territories, as types that can only hold a
//! well-formed value.
//!
//! Each type parses user text (spaces, non-breaking spaces and dots are tolerated, letters
//! are upper-cased) into a compact canonical form, and [`Display`](std::fmt::Display) gives
//! that canonical form back. A value whose check key is wrong is a distinct error,
//! [`IdentifierError::InvalidCheckKey`], from a malformed value: some official examples (ANS
//! FHIR samples) carry wrong keys, so a caller may downgrade it to a warning with
//! [`NationalIdentifier::parse_accepting_wrong_key`].
//!
//! | Type | Format | Check key | Evidence |
//! |---|---|---|---|
//! | [`Rpps`] | 11 digits | Luhn over the 11 digits, enforced | ANS FAQ des industriels (official) |
//! | [`Adeli`] | 9 digits | Luhn over the 9 digits, reported by [`Adeli::key_status`] but **not enforced** | empirical only (8/8 real values) |
//! | [`Finess`] | 2-char département (`01`…`99`, `2A`, `2B`) + 7 digits | Luhn over the 9 digits when all digits, enforced; not checkable for `2A`/`2B` | empirical (169/169 real values); Corsican key unknown |
//! | [`Siren`] | 9 digits | Luhn (crate `stdnum` 0.2.0) | INSEE `validinsee` (official) |
//! | [`Siret`] | 14 digits | Luhn, La Poste rule (crate `stdnum` 0.2.0), and the SIREN part must be valid | INSEE `validinsee` (official) |
//! | [`Rna`] | `W` + 9 digits or capital letters | none | associations.gouv.fr (official) |
//! | [`InseeCommuneCode`] | `NNNNN`, `2ANNN`, `2BNNN` (97x/98x included) | none | INSEE COG (data) |
//! | [`PostalCode`] | 5 digits | none | La Poste base (data) |
//!
//! The Luhn check uses the crate `luhn3` (1.1, `no_std`, no dependencies); SIREN and SIRET
//! use `stdnum` 0.2.0 (SIRET with the La Poste exception: a SIRET starting with
//! `356000000`, other than `35600000000048`, is valid when the sum of its digits is a
//! multiple of 5). **Library convention:** a number made only of zeros passes Luhn but is
//! never issued; it is rejected as [`IdentifierError::InvalidFormat`].
//!
//! Sources: each type's documentation gives its own (ANS, INSEE, python-stdnum, INSEE lab
//! `validinsee`, associations.gouv.fr), with how far it can be trusted.

mod geo;
mod health;
mod sirene;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use geo::{InseeCommuneCode, PostalCode};
pub use health::{Adeli, Finess, Rpps};
pub use sirene::{Rna, Siren, Siret};

/// Which identifier a value or an error is about.
///
/// JSON: `"rpps"`, `"adeli"`, `"finess"`, `"siren"`, `"siret"`, `"rna"`,
/// `"insee_commune"`, `"postal_code"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdentifierKind {
    /// Répertoire partagé des professionnels de santé.
    Rpps,
    /// Automatisation des listes (the older register of health professionals).
    Adeli,
    /// Fichier national des établissements sanitaires et sociaux.
    Finess,
    /// Company number (Système d'identification du répertoire des entreprises).
    Siren,
    /// Establishment number (SIREN + NIC).
    Siret,
    /// Répertoire national des associations.
    Rna,
    /// INSEE code of a commune (Code officiel géographique).
    InseeCommune,
    /// French postcode.
    PostalCode,
}

impl IdentifierKind {
    /// Every kind.
    pub const ALL: [IdentifierKind; 8] = [
        IdentifierKind::Rpps,
        IdentifierKind::Adeli,
        IdentifierKind::Finess,
        IdentifierKind::Siren,
        IdentifierKind::Siret,
        IdentifierKind::Rna,
        IdentifierKind::InseeCommune,
        IdentifierKind::PostalCode,
    ];

    /// The usual name of the identifier.
    pub fn name(self) -> &'static str {
        match self {
            IdentifierKind::Rpps => "RPPS",
            IdentifierKind::Adeli => "ADELI",
            IdentifierKind::Finess => "FINESS",
            IdentifierKind::Siren => "SIREN",
            IdentifierKind::Siret => "SIRET",
            IdentifierKind::Rna => "RNA",
            IdentifierKind::InseeCommune => "code commune INSEE",
            IdentifierKind::PostalCode => "code postal",
        }
    }

    /// The FHIR `system` URI of the identifier (FR Core / ANS IG), when it has one.
    pub fn fhir_system(self) -> Option<&'static str> {
        match self {
            IdentifierKind::Rpps => Some("https://rpps.esante.gouv.fr"),
            IdentifierKind::Adeli => Some("http://adeli.esante.gouv.fr"),
            IdentifierKind::Finess => Some("https://finess.esante.gouv.fr"),
            IdentifierKind::Siren | IdentifierKind::Siret => Some("https://sirene.fr"),
            IdentifierKind::InseeCommune => {
                Some("https://mos.esante.gouv.fr/NOS/TRE_R13-Commune/FHIR/TRE-R13-Commune")
            }
            IdentifierKind::Rna | IdentifierKind::PostalCode => None,
        }
    }
}

impl fmt::Display for IdentifierKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The check-key rule a value broke.
///
/// JSON: a snake_case string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckKeyRule {
    /// Luhn (mod 10) over the whole number, key included.
    Luhn,
    /// La Poste SIRET: the sum of the 14 digits is a multiple of 5.
    LaPosteDigitSum,
    /// The first 9 digits of a SIRET must be a valid SIREN (Luhn).
    SirenPart,
}

impl fmt::Display for CheckKeyRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckKeyRule::Luhn => "Luhn mod 10 over the whole number",
            CheckKeyRule::LaPosteDigitSum => {
                "La Poste SIRET: the sum of the 14 digits must be a multiple of 5"
            }
            CheckKeyRule::SirenPart => "the first 9 digits of a SIRET must be a valid SIREN",
        })
    }
}

/// What is known of a value's check key.
///
/// JSON: `"valid"`, `"invalid"`, `"not_checkable"`, `"no_key"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// The key matches.
    Valid,
    /// The key does not match.
    Invalid,
    /// The identifier has a key but no known rule checks it (Corsican FINESS).
    NotCheckable,
    /// The identifier has no check key (RNA, commune code, postcode).
    NoKey,
}

/// Why a text is not a valid identifier. Each variant names the identifier, the value
/// given and the rule broken.
///
/// JSON: `{"error": "invalid_length", "kind": "rpps", "value": "...", ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdentifierError {
    /// Nothing but spaces and dots.
    #[error("{kind}: the value is empty")]
    Empty {
        /// Identifier expected.
        kind: IdentifierKind,
    },
    /// Wrong number of characters once spaces and dots are removed.
    #[error("{kind} « {value} »: {expected} characters expected, {found} found")]
    InvalidLength {
        /// Identifier expected.
        kind: IdentifierKind,
        /// The text given (cut at 64 characters).
        value: String,
        /// Number of characters required.
        expected: usize,
        /// Number of characters found.
        found: usize,
    },
    /// A character that the format does not allow at that place.
    #[error(
        "{kind} « {value} »: « {character} » at position {position} is not allowed ({expected} expected)"
    )]
    InvalidCharacter {
        /// Identifier expected.
        kind: IdentifierKind,
        /// The text given (cut at 64 characters).
        value: String,
        /// 1-based position in the compact form (spaces and dots removed), or in the
        /// text given for a character that is not a letter or a digit.
        position: usize,
        /// The offending character.
        character: char,
        /// What the format allows there.
        expected: crate::messages::Bilingual,
    },
    /// Well-shaped but impossible (a number made only of zeros).
    #[error("{kind} « {value} »: {rule}")]
    InvalidFormat {
        /// Identifier expected.
        kind: IdentifierKind,
        /// The text given (cut at 64 characters).
        value: String,
        /// The rule broken.
        rule: crate::messages::Bilingual,
    },
    /// Well-formed, but the check key does not match. Callers may downgrade this one to a
    /// warning with [`NationalIdentifier::parse_accepting_wrong_key`].
    #[error("{kind} « {value} »: wrong check key ({rule}){}", expected_key.map(|k| format!("; the key for this number would be {k}")).unwrap_or_default())]
    InvalidCheckKey {
        /// Identifier expected.
        kind: IdentifierKind,
        /// The value, in canonical form.
        value: String,
        /// The rule broken.
        rule: CheckKeyRule,
        /// The key digit that would make the number valid, when there is one.
        expected_key: Option<char>,
    },
}

impl IdentifierError {
    /// The identifier the error is about.
    pub fn kind(&self) -> IdentifierKind {
        match self {
            IdentifierError::Empty { kind }
            | IdentifierError::InvalidLength { kind, .. }
            | IdentifierError::InvalidCharacter { kind, .. }
            | IdentifierError::InvalidFormat { kind, .. }
            | IdentifierError::InvalidCheckKey { kind, .. } => *kind,
        }
    }

    /// True for a wrong check key on an otherwise well-formed value.
    pub fn is_check_key_error(&self) -> bool {
        matches!(self, IdentifierError::InvalidCheckKey { .. })
    }
}

/// A value accepted with a possibly wrong check key, and the warning to show when it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Checked<T> {
    /// The well-formed value.
    pub value: T,
    /// `Some` when the check key is wrong: the error [`NationalIdentifier::parse`] would
    /// have returned.
    pub warning: Option<IdentifierError>,
}

/// Any identifier checked by kind, in canonical form: what a form or a C caller validating
/// one field needs.
///
/// JSON: `{"canonical": "10000927870", "key_status": "valid", "warning": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Validated {
    /// The canonical form (spaces and dots removed, letters upper-cased).
    pub canonical: String,
    /// What is known of the check key.
    pub key_status: KeyStatus,
    /// The wrong key accepted when `accept_wrong_key` was asked.
    pub warning: Option<IdentifierError>,
}

/// Checks `value` as an identifier of `kind` (any of the eight kinds). A wrong check key is
/// an error unless `accept_wrong_key`, in which case it is returned as a warning.
///
/// ```
/// use cpts_core::identifiers::{IdentifierKind, KeyStatus, validate};
/// let v = validate(IdentifierKind::Finess, "2A 000 015 4", false).unwrap();
/// assert_eq!((v.canonical.as_str(), v.key_status), ("2A0000154", KeyStatus::NotCheckable));
/// assert!(validate(IdentifierKind::Rpps, "10000927871", false).is_err());
/// assert!(validate(IdentifierKind::Rpps, "10000927871", true).unwrap().warning.is_some());
/// ```
pub fn validate(
    kind: IdentifierKind,
    value: &str,
    accept_wrong_key: bool,
) -> Result<Validated, IdentifierError> {
    fn check<T: NationalIdentifier>(
        value: &str,
        accept_wrong_key: bool,
    ) -> Result<Validated, IdentifierError> {
        let checked = T::parse_accepting_wrong_key(value)?;
        match checked.warning {
            Some(error) if !accept_wrong_key => Err(error),
            warning => Ok(Validated {
                canonical: checked.value.to_string(),
                key_status: checked.value.key_status(),
                warning,
            }),
        }
    }
    match kind {
        IdentifierKind::Rpps => check::<Rpps>(value, accept_wrong_key),
        IdentifierKind::Adeli => check::<Adeli>(value, accept_wrong_key),
        IdentifierKind::Finess => check::<Finess>(value, accept_wrong_key),
        IdentifierKind::Siren => check::<Siren>(value, accept_wrong_key),
        IdentifierKind::Siret => check::<Siret>(value, accept_wrong_key),
        IdentifierKind::Rna => check::<Rna>(value, accept_wrong_key),
        IdentifierKind::InseeCommune => check::<InseeCommuneCode>(value, accept_wrong_key),
        IdentifierKind::PostalCode => check::<PostalCode>(value, accept_wrong_key),
    }
}

/// Behaviour shared by every identifier type.
pub trait NationalIdentifier: Sized + fmt::Display {
    /// Which identifier this is.
    const KIND: IdentifierKind;

    /// Parses the format only (length and characters), without the check key.
    fn parse_format(input: &str) -> Result<Self, IdentifierError>;

    /// What is known of the check key of this value (by default: it has none).
    fn key_status(&self) -> KeyStatus {
        KeyStatus::NoKey
    }

    /// The error describing a wrong key (only called when [`key_status`] is `Invalid`,
    /// which an identifier without a key never is).
    ///
    /// [`key_status`]: NationalIdentifier::key_status
    fn check_key_error(&self) -> IdentifierError {
        IdentifierError::InvalidFormat {
            kind: Self::KIND,
            value: self.to_string(),
            rule: crate::messages::rules::NO_CHECK_KEY,
        }
    }

    /// Parses and checks the key: the strict form every other entry point uses.
    fn parse(input: &str) -> Result<Self, IdentifierError> {
        let value = Self::parse_format(input)?;
        match value.key_status() {
            KeyStatus::Invalid => Err(value.check_key_error()),
            _ => Ok(value),
        }
    }

    /// Parses the format and accepts a wrong check key, reporting it as a warning. The
    /// value then has [`KeyStatus::Invalid`]; use it for sample data known to carry wrong
    /// keys.
    fn parse_accepting_wrong_key(input: &str) -> Result<Checked<Self>, IdentifierError> {
        let value = Self::parse_format(input)?;
        let warning = match value.key_status() {
            KeyStatus::Invalid => Some(value.check_key_error()),
            _ => None,
        };
        Ok(Checked { value, warning })
    }
}

/// Longest part of a value a message or a detail quotes (characters); the rest is cut and
/// marked with `…`, so that an error never copies a long input.
pub(crate) const MAX_QUOTED_CHARS: usize = 200;

/// A value as errors quote it: at most [`MAX_QUOTED_CHARS`] characters, then `…`.
pub(crate) fn shown_value(input: &str) -> std::borrow::Cow<'_, str> {
    match input.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &input[..cut])),
        None => std::borrow::Cow::Borrowed(input),
    }
}

/// The text given, trimmed and cut to 64 characters, for the short values (identifiers,
/// names) an error message repeats.
pub(crate) fn shown(input: &str) -> String {
    const MAX: usize = 64;
    let trimmed = input.trim();
    match trimmed.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &trimmed[..cut]),
        None => trimmed.to_owned(),
    }
}

/// Characters tolerated anywhere in user text and dropped: spaces (including the
/// non-breaking and narrow non-breaking spaces of French typography), tabs and dots.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '\t' | '\u{a0}' | '\u{202f}')
}

/// Compacts user text into exactly `N` ASCII letters or digits, letters upper-cased.
pub(crate) fn compact<const N: usize>(
    kind: IdentifierKind,
    input: &str,
) -> Result<[u8; N], IdentifierError> {
    // Fastest path (the usual case): exactly N ASCII letters or digits, nothing to drop.
    if let Ok(exact) = <[u8; N]>::try_from(input.as_bytes())
        && exact.iter().all(u8::is_ascii_alphanumeric)
    {
        let mut out = exact;
        out.make_ascii_uppercase();
        return Ok(out);
    }
    let mut out = [0u8; N];
    let mut len = 0usize;
    let mut push = |c: u8| {
        if let Some(slot) = out.get_mut(len) {
            *slot = c.to_ascii_uppercase();
        }
        len += 1;
    };
    if input.is_ascii() {
        // Fast path (the usual case): one byte per character.
        for (i, b) in input.bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                push(b);
            } else if !matches!(b, b' ' | b'.' | b'\t') {
                return Err(bad_character(kind, input, i + 1, char::from(b)));
            }
        }
    } else {
        for (i, c) in input.chars().enumerate() {
            if c.is_ascii_alphanumeric() {
                push(c as u8);
            } else if !is_separator(c) {
                return Err(bad_character(kind, input, i + 1, c));
            }
        }
    }
    if len == 0 {
        return Err(IdentifierError::Empty { kind });
    }
    if len != N {
        return Err(IdentifierError::InvalidLength {
            kind,
            value: shown(input),
            expected: N,
            found: len,
        });
    }
    Ok(out)
}

fn bad_character(
    kind: IdentifierKind,
    input: &str,
    position: usize,
    character: char,
) -> IdentifierError {
    IdentifierError::InvalidCharacter {
        kind,
        value: shown(input),
        position,
        character,
        expected: crate::messages::rules::LETTERS_OR_DIGITS,
    }
}

/// Checks each byte of a compacted value against the class its position allows.
pub(crate) fn check_classes(
    kind: IdentifierKind,
    input: &str,
    bytes: &[u8],
    allowed: impl Fn(usize, u8) -> Result<(), crate::messages::Bilingual>,
) -> Result<(), IdentifierError> {
    for (i, &b) in bytes.iter().enumerate() {
        if let Err(expected) = allowed(i, b) {
            return Err(IdentifierError::InvalidCharacter {
                kind,
                value: shown(input),
                position: i + 1,
                character: char::from(b),
                expected,
            });
        }
    }
    Ok(())
}

/// Checks that every byte is a digit.
pub(crate) fn check_digits(
    kind: IdentifierKind,
    input: &str,
    bytes: &[u8],
) -> Result<(), IdentifierError> {
    if bytes.iter().all(u8::is_ascii_digit) {
        return Ok(());
    }
    check_classes(kind, input, bytes, |_, b| {
        if b.is_ascii_digit() {
            Ok(())
        } else {
            Err(crate::messages::rules::DIGIT)
        }
    })
}

/// True for a value starting with a Corsican département (`2A`, `2B`).
pub(crate) fn is_corsican(bytes: &[u8]) -> bool {
    matches!(bytes, [b'2', b'A' | b'B', ..])
}

/// Checks a value made of a département (`NN`, `2A`, `2B`) followed by digits.
pub(crate) fn check_departement_digits(
    kind: IdentifierKind,
    input: &str,
    bytes: &[u8],
) -> Result<(), IdentifierError> {
    let corsican = is_corsican(bytes);
    check_classes(kind, input, bytes, |i, b| {
        if b.is_ascii_digit() || (i == 1 && corsican) {
            Ok(())
        } else if i == 1 {
            Err(crate::messages::rules::DIGIT_OR_CORSICA)
        } else {
            Err(crate::messages::rules::DIGIT)
        }
    })
}

/// Rejects a number made only of zeros (library convention, see the module docs).
pub(crate) fn reject_all_zeros(
    kind: IdentifierKind,
    input: &str,
    bytes: &[u8],
) -> Result<(), IdentifierError> {
    if bytes.iter().all(|&b| b == b'0') {
        return Err(IdentifierError::InvalidFormat {
            kind,
            value: shown(input),
            rule: crate::messages::rules::ALL_ZEROS,
        });
    }
    Ok(())
}

/// Luhn over ASCII digits: true when the number, key included, is valid.
pub(crate) fn luhn_valid<const N: usize>(digits: &[u8; N]) -> bool {
    luhn3::decimal::valid_arr(digits)
}

/// The Luhn key that would make `digits` valid once its last digit is replaced.
pub(crate) fn luhn_expected_key(digits: &[u8]) -> Option<char> {
    let body = digits.split_last().map(|(_, body)| body)?;
    luhn3::decimal::checksum(body).map(char::from)
}

/// The parts of an identifier type that are the same for every one: storage as a fixed
/// array of ASCII bytes, `as_str`, `Display`, `Debug`, `FromStr`, string serde.
macro_rules! identifier_type {
    ($(#[$doc:meta])* $name:ident, $len:expr, $pattern:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name([u8; $len]);

        impl $name {
            /// Number of characters of the canonical form.
            pub const LEN: usize = $len;

            /// The canonical compact form (no spaces, upper case).
            pub fn as_str(&self) -> &str {
                // The bytes are ASCII by construction (see `compact`).
                std::str::from_utf8(&self.0).unwrap_or_default()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::identifiers::IdentifierError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$name as $crate::identifiers::NationalIdentifier>::parse(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": concat!(stringify!($name), " in canonical form (spaces and dots removed, letters upper-cased)")
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$name as $crate::identifiers::NationalIdentifier>::parse(&text).map_err(|e| {
                    serde::de::Error::custom($crate::messages::Refusal::of(&e))
                })
            }
        }
    };
}
pub(crate) use identifier_type;

/// An identifier of a CPTS member: a person (RPPS, ADELI) or a structure (FINESS, SIREN,
/// SIRET, RNA).
///
/// JSON: `{"scheme": "rpps", "value": "10000927870"}`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "scheme", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Identifier {
    /// A health professional's RPPS number.
    Rpps(Rpps),
    /// A professional's ADELI number.
    Adeli(Adeli),
    /// A structure's FINESS number (entité juridique or établissement).
    Finess(Finess),
    /// A legal entity's SIREN.
    Siren(Siren),
    /// An establishment's SIRET.
    Siret(Siret),
    /// An association's RNA number.
    Rna(Rna),
}

impl Identifier {
    /// Parses `input` as an identifier of the given kind (strict: the key is checked).
    ///
    /// ```
    /// use cpts_core::identifiers::{Identifier, IdentifierKind};
    /// let id = Identifier::parse(IdentifierKind::Rpps, "100 0092 7870").unwrap();
    /// assert_eq!(id.to_string(), "RPPS 10000927870");
    /// assert!(Identifier::parse(IdentifierKind::InseeCommune, "78551").is_err());
    /// ```
    pub fn parse(kind: IdentifierKind, input: &str) -> Result<Self, IdentifierError> {
        Ok(match kind {
            IdentifierKind::Rpps => Identifier::Rpps(Rpps::parse(input)?),
            IdentifierKind::Adeli => Identifier::Adeli(Adeli::parse(input)?),
            IdentifierKind::Finess => Identifier::Finess(Finess::parse(input)?),
            IdentifierKind::Siren => Identifier::Siren(Siren::parse(input)?),
            IdentifierKind::Siret => Identifier::Siret(Siret::parse(input)?),
            IdentifierKind::Rna => Identifier::Rna(Rna::parse(input)?),
            IdentifierKind::InseeCommune | IdentifierKind::PostalCode => {
                return Err(IdentifierError::InvalidFormat {
                    kind,
                    value: shown(input),
                    rule: crate::messages::rules::NOT_A_MEMBER_IDENTIFIER,
                });
            }
        })
    }

    /// Which identifier this is.
    pub fn kind(&self) -> IdentifierKind {
        match self {
            Identifier::Rpps(_) => IdentifierKind::Rpps,
            Identifier::Adeli(_) => IdentifierKind::Adeli,
            Identifier::Finess(_) => IdentifierKind::Finess,
            Identifier::Siren(_) => IdentifierKind::Siren,
            Identifier::Siret(_) => IdentifierKind::Siret,
            Identifier::Rna(_) => IdentifierKind::Rna,
        }
    }

    /// The canonical value.
    pub fn value(&self) -> &str {
        match self {
            Identifier::Rpps(v) => v.as_str(),
            Identifier::Adeli(v) => v.as_str(),
            Identifier::Finess(v) => v.as_str(),
            Identifier::Siren(v) => v.as_str(),
            Identifier::Siret(v) => v.as_str(),
            Identifier::Rna(v) => v.as_str(),
        }
    }

    /// True for the identifiers of a natural person (RPPS, ADELI).
    pub fn identifies_a_person(&self) -> bool {
        matches!(self, Identifier::Rpps(_) | Identifier::Adeli(_))
    }

    /// True for the identifiers of a structure (FINESS, SIREN, SIRET, RNA).
    pub fn identifies_a_structure(&self) -> bool {
        !self.identifies_a_person()
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind(), self.value())
    }
}

impl From<Rpps> for Identifier {
    fn from(v: Rpps) -> Self {
        Identifier::Rpps(v)
    }
}
impl From<Adeli> for Identifier {
    fn from(v: Adeli) -> Self {
        Identifier::Adeli(v)
    }
}
impl From<Finess> for Identifier {
    fn from(v: Finess) -> Self {
        Identifier::Finess(v)
    }
}
impl From<Siren> for Identifier {
    fn from(v: Siren) -> Self {
        Identifier::Siren(v)
    }
}
impl From<Siret> for Identifier {
    fn from(v: Siret) -> Self {
        Identifier::Siret(v)
    }
}
impl From<Rna> for Identifier {
    fn from(v: Rna) -> Self {
        Identifier::Rna(v)
    }
}
