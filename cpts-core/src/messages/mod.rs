//! The catalogue of messages: every text of an error a person reads, in French for the person
//! who typed the value and in English for developers' logs.
//!
//! The library's users are French (ARS agents, CPAM staff, CPTS treasurers and
//! coordinators, visitors of regional portals): an error says in French what is wrong with
//! the value they typed, in their words. The English text is kept for developers' logs and
//! for the `Display` of Rust errors. Neither names a Rust type, trait, crate feature or
//! function: a binding that must name its own method (the npm package's `loadCommunes`)
//! says it in its own layer.
//!
//! How the catalogue is kept:
//! - one module per concern, each an `impl` of [`Message`] for that concern's errors: the
//!   `match` has an arm per variant, so a new variant does not compile until it has its
//!   French text (its English text is its `#[error]`, next to the variant);
//! - the rule texts a variant carries (`rule`, `what`, `place`: « 1 à 300 caractères »)
//!   are [`Bilingual`] constants or functions of [`rules`], never strings made at the
//!   place that detects the problem;
//! - the texts of the operation API itself (a request that is not JSON, a field of the
//!   wrong type) are in the module `request`, which also turns serde's messages (`invalid type:
//!   string "95000", expected u64`) into words a person reads;
//! - the tests of this module build one value of every variant (checked against the JSON
//!   Schema of each error, so that none is forgotten) and check that each has a French and
//!   an English text and that neither carries Rust vocabulary.
//!
//! French conventions: dates as 17/01/2022, amounts as 1 000,00 € (narrow no-break space,
//! [`crate::aci::money::euros`]), missions and categories by their French label, quotes « ».

pub(crate) mod request;
pub mod rules;

mod directory;
mod entity;
mod funding;
mod identifiers;
mod map;
mod membership;
mod territory;

pub use territory::territory_warning_fr;

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

#[cfg(test)]
pub(crate) use request::split_refusal;
pub use request::{Refusal, Unchecked};

/// A text in French, for the person, and in English, for developers' logs.
///
/// It is written (`Display`, JSON) as its English text: in an error's details, `rule` stays
/// the English text it always was; the French one is in the error's message.
#[derive(Debug, Clone)]
pub struct Bilingual(Texts);

/// Two texts are equal when they say the same, however they are held.
impl PartialEq for Bilingual {
    fn eq(&self, other: &Self) -> bool {
        self.fr() == other.fr() && self.en() == other.en()
    }
}

impl Eq for Bilingual {}

impl std::hash::Hash for Bilingual {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.fr().hash(state);
        self.en().hash(state);
    }
}

/// The two texts: borrowed when known at build time, boxed otherwise (so that an error that
/// carries one stays small).
#[derive(Debug, Clone)]
enum Texts {
    Static(&'static str, &'static str),
    Owned(Box<(String, String)>),
}

impl Bilingual {
    /// A text known when the library is built.
    pub const fn new(fr: &'static str, en: &'static str) -> Self {
        Bilingual(Texts::Static(fr, en))
    }

    /// A text made with values.
    pub fn owned(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual(Texts::Owned(Box::new((fr.into(), en.into()))))
    }

    /// The French text.
    pub fn fr(&self) -> &str {
        match &self.0 {
            Texts::Static(fr, _) => fr,
            Texts::Owned(texts) => &texts.0,
        }
    }

    /// The English text.
    pub fn en(&self) -> &str {
        match &self.0 {
            Texts::Static(_, en) => en,
            Texts::Owned(texts) => &texts.1,
        }
    }
}

impl fmt::Display for Bilingual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

impl Serialize for Bilingual {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.en())
    }
}

impl schemars::JsonSchema for Bilingual {
    fn schema_name() -> Cow<'static, str> {
        "Rule".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "the rule, in English (the error's message says it in French)"
        })
    }
}

/// An error that can say what is wrong in French (its `Display` says it in English).
pub trait Message: fmt::Display {
    /// What is wrong, in French, for the person who typed the value.
    fn message_fr(&self) -> String;

    /// Both texts.
    fn bilingual(&self) -> Bilingual {
        Bilingual::owned(self.message_fr(), self.to_string())
    }
}

/// A date as the French write it: `17/01/2022` (a year outside 0–9999 with its sign,
/// `01/01/+10000`, as chrono's `%d/%m/%Y` writes it). Written by hand rather than with
/// chrono's formatter, whose machinery weighed on the npm package's wasm.
pub fn date_fr(date: NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if (0..=9999).contains(&year) {
        format!("{:02}/{:02}/{year:04}", date.day(), date.month())
    } else {
        format!("{:02}/{:02}/{year:+05}", date.day(), date.month())
    }
}

/// Values joined the French way: `a`, `a et b`, `a, b et c`.
pub(crate) fn and_fr<T: fmt::Display>(values: &[T]) -> String {
    match values {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} et {last}", crate::names::list(init)),
    }
}

/// Values joined the French way with « ou »: `RPPS ou ADELI`.
pub(crate) fn or_fr<T: fmt::Display>(values: &[T]) -> String {
    match values {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} ou {last}", crate::names::list(init)),
    }
}

/// Lets serde read a type through its `TryFrom` while keeping the error's French message
/// and details: `#[serde(try_from = "crate::messages::Unchecked<String>")]` on the type,
/// and `refused_through_serde!(CptsId, String, |e| Refusal::of(&e))` next to it.
macro_rules! refused_through_serde {
    ($type:ty, $from:ty, $refusal:expr) => {
        impl TryFrom<$crate::messages::Unchecked<$from>> for $type {
            type Error = $crate::messages::Refusal;
            fn try_from(u: $crate::messages::Unchecked<$from>) -> Result<Self, Self::Error> {
                <$type>::try_from(u.0).map_err($refusal)
            }
        }
    };
}
pub(crate) use refused_through_serde;

#[cfg(test)]
mod tests;
