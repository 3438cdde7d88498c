//! Parts of communes: a CPTS of a big city covers a quartier or a group of IRIS, not the
//! whole commune (CPTS Fives-Hellemmes-Mons in Lille: the quartier of Fives, the commune
//! associée of Hellemmes and the commune of Mons-en-Barœul).
//!
//! A part names its commune (or, in Paris, Lyon and Marseille, its arrondissement), a name,
//! the population declared for it and where that figure comes from (an ARS decision, INSEE's
//! populations by IRIS, the contract), and optionally the IRIS it is made of. The commune
//! table holds no population below the commune, so **the declared figure is the part's
//! population**; the library checks it against the commune's:
//!
//! - a part counts its declared population, never the whole commune's;
//! - a commune cannot be listed both whole and in part in one territory;
//! - the parts of one commune in one territory add up to at most its population;
//! - an IRIS code starts with the code of its commune or arrondissement (INSEE's IRIS codes
//!   are the commune code followed by four digits) and belongs to one part only.
//!
//! These are the library's rules for reading a territory (no text defines how a CPTS states a
//! part of a commune); the coverage of an area counts parts too (see [`mod@super::coverage`]).

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::identifiers::{InseeCommuneCode, NationalIdentifier};

/// An IRIS code (INSEE's infra-communal statistical unit): the 5-character code of the
/// commune or arrondissement municipal, then 4 digits (`593500101`, `751134101`).
///
/// JSON: a string.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(try_from = "crate::messages::Unchecked<String>", into = "String")]
#[schemars(with = "IrisText")]
pub struct IrisCode([u8; 9]);

/// The JSON Schema of an IRIS code.
#[derive(JsonSchema)]
#[schemars(rename = "IrisCode")]
#[allow(dead_code)]
struct IrisText(#[schemars(regex(pattern = r"^([0-9]{2}|2[AB])[0-9]{7}$"))] String);

impl IrisCode {
    /// Reads an IRIS code (letters upper-cased, spaces dropped).
    pub fn parse(text: &str) -> Result<Self, crate::messages::Bilingual> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let b = compact.as_bytes();
        let formed = b.len() == 9
            && InseeCommuneCode::parse(compact.get(..5).unwrap_or_default()).is_ok()
            && b[5..].iter().all(u8::is_ascii_digit);
        match <[u8; 9]>::try_from(b) {
            Ok(code) if formed => Ok(IrisCode(code)),
            _ => Err(crate::messages::rules::not_an_iris(
                &crate::identifiers::shown(text),
            )),
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The code of its commune or arrondissement municipal (the first 5 characters).
    pub fn commune(&self) -> Option<InseeCommuneCode> {
        InseeCommuneCode::parse(self.as_str().get(..5)?).ok()
    }
}

impl fmt::Display for IrisCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for IrisCode {
    type Error = crate::messages::Bilingual;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IrisCode::parse(&s)
    }
}

impl From<IrisCode> for String {
    fn from(c: IrisCode) -> String {
        c.as_str().to_owned()
    }
}

/// Where a part's population comes from.
///
/// JSON: `"ars_decision"`, `"insee_iris"`, `"contract"`, `"other"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartSourceKind {
    /// A decision or letter of the ARS (the territory it recognised).
    ArsDecision,
    /// INSEE's populations by IRIS.
    InseeIris,
    /// The CPTS's ACI contract.
    Contract,
    /// Another source, named in `reference`.
    Other,
}

/// The source of a part's declared population.
///
/// JSON: `{"kind": "insee_iris", "reference": "INSEE, populations légales 2021 par IRIS",
/// "url": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartSource {
    /// What kind of source.
    pub kind: PartSourceKind,
    /// Which one: the decision, the dataset and its millésime, the contract (1 to 300
    /// characters).
    pub reference: String,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A part of a commune in a territory.
///
/// JSON: `{"commune": "59350", "name": "Fives", "population": 19900, "source": {...},
/// "iris": ["593500101", ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunePart {
    /// The commune, or in Paris, Lyon and Marseille the arrondissement municipal, by INSEE
    /// code.
    pub commune: InseeCommuneCode,
    /// The part's name (a quartier, a commune associée, a group of IRIS).
    pub name: String,
    /// Its population, as declared (inhabitants).
    pub population: u64,
    /// Where the population comes from.
    pub source: PartSource,
    /// The IRIS it is made of, when known.
    #[serde(default)]
    pub iris: Vec<IrisCode>,
}

/// A part of a commune counted in a territory's population.
///
/// JSON: `{"commune": "59350", "commune_name": "Lille", "commune_population": 238246,
/// "name": "Fives", "population": 19900, "source": {...}, "iris": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartReport {
    /// The commune or arrondissement (today's code).
    pub commune: InseeCommuneCode,
    /// Its name.
    pub commune_name: String,
    /// Its population municipale (of which the part is a share).
    pub commune_population: u64,
    /// The part's name.
    pub name: String,
    /// Its declared population, counted in the territory.
    pub population: u64,
    /// Where the population comes from.
    pub source: Arc<PartSource>,
    /// Its IRIS.
    pub iris: Vec<IrisCode>,
}

/// The text rules of a part (name and source), as `(field, rule)` when one is broken.
pub(crate) fn text_problem(part: &CommunePart) -> Option<(&'static str, String)> {
    let bad = |s: &str| {
        s.trim().is_empty()
            || s.chars().count() > crate::membership::MAX_TEXT_CHARS
            || s.chars().any(char::is_control)
    };
    if bad(&part.name) {
        return Some(("name", crate::identifiers::shown(&part.name)));
    }
    if bad(&part.source.reference) {
        return Some((
            "source.reference",
            crate::identifiers::shown(&part.source.reference),
        ));
    }
    if part
        .source
        .url
        .as_deref()
        .is_some_and(|u| u.chars().count() > 2_000 || u.chars().any(char::is_control))
    {
        return Some((
            "source.url",
            crate::identifiers::shown(part.source.url.as_deref().unwrap_or_default()),
        ));
    }
    None
}

crate::messages::refused_through_serde!(IrisCode, String, crate::messages::Refusal::rule);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_codes_start_with_their_commune() {
        let fives = IrisCode::parse("593500101").unwrap();
        assert_eq!(fives.commune().unwrap().as_str(), "59350");
        assert_eq!(
            IrisCode::parse(" 2a004 0101").unwrap().as_str(),
            "2A0040101"
        );
        for bad in ["59350010", "5935001011", "59350A101", "X93500101", ""] {
            assert!(IrisCode::parse(bad).is_err(), "{bad}");
        }
        let json = serde_json::to_string(&fives).unwrap();
        assert_eq!(json, "\"593500101\"");
        assert_eq!(serde_json::from_str::<IrisCode>(&json).unwrap(), fives);
    }
}
