//! The cap on member indemnities and remunerations (art. D.1434-44 CSP, décret n° 2022-375
//! of 16 March 2022): what one professional receives from the CPTS in a calendar year may
//! not exceed that year's plafond annuel de la sécurité sociale (PASS).
//!
//! PASS values are data (`data/pass.toml`), each with its source; a year without a source is
//! absent and the check fails with [`FundingError::MissingParameter`].
//!
//! **Library convention:** a record counts in the calendar year of its `date`; callers give
//! the date the indemnity or remuneration relates to (or, by their own rule, the date it was
//! paid). The cap is per calendar year, not per contract year.
//!
//! What the text leaves open:
//!
//! | Question | What the library does | Source |
//! |---|---|---|
//! | Does the cap count what one CPTS pays, or what all the CPTS of a professional pay? « la somme totale des indemnités ou rémunérations perçues en application du présent article » says neither | both are offered ([`CapScope`]); **per CPTS** is the default, a **library convention** (each CPTS pays under its own contract and sees only its own payments) | D.1434-44 CSP |
//! | Mayotte has its own plafond (3 021 € a month on 1 January 2026, BOSS); D.1434-44 cites « le plafond mentionné à l'article L. 241-3 du code de la sécurité sociale », the national one | the national PASS is applied (the letter of the text) and a professional practising in Mayotte (commune code 976…) is flagged: the cap is **not established** there ([`CapWarning::MayottePlafond`]) | D.1434-44 CSP; capeb09.fr citing the BOSS (trade press) |

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::FundingError;
use super::explanation::{Explanation, InputValue};
use super::parameters::{MAX_AMOUNT, ParameterError, Sourced};
use crate::identifiers::Identifier;
use crate::source::Source;

/// data/pass.toml converted to JSON by build.rs (no TOML parser at run time); a test checks
/// that both give the same table.
pub(crate) const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/pass.json"));

/// One year's PASS, as written in the data file.
///
/// TOML/JSON: `{"year": 2024, "annual": "46368", "monthly": "3864", "source": "pass_2024"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassYear {
    /// Calendar year.
    pub year: i32,
    /// Annual value (twelve times the monthly one).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub annual: Decimal,
    /// Monthly value fixed by the arrêté.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub monthly: Decimal,
    /// Key of the source.
    pub source: String,
}

/// The PASS data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassData {
    /// Sources, by key; `cap_rule` is the rule D.1434-44.
    pub sources: BTreeMap<String, Source>,
    /// The years.
    pub years: Vec<PassYear>,
}

/// The PASS per calendar year, validated (annual = 12 × monthly, one entry per year, every
/// source declared, the rule's source `cap_rule` present).
///
/// JSON: the [`PassData`] shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "crate::messages::Unchecked<PassData>", into = "PassData")]
pub struct PassTable {
    data: PassData,
}

impl From<PassTable> for PassData {
    fn from(t: PassTable) -> Self {
        t.data
    }
}

impl TryFrom<PassData> for PassTable {
    type Error = ParameterError;
    fn try_from(data: PassData) -> Result<Self, Self::Error> {
        PassTable::new(data)
    }
}

fn invalid(field: String, rule: crate::messages::Bilingual) -> ParameterError {
    ParameterError::Invalid {
        set: "pass".into(),
        field,
        rule,
    }
}

impl PassTable {
    /// The embedded table (2022 to 2026).
    pub fn embedded() -> Result<Self, ParameterError> {
        Self::from_json("data/pass.toml", EMBEDDED_JSON)
    }

    /// Parses and validates a PASS file (TOML). Needs the cargo feature `toml` (on by
    /// default).
    #[cfg(feature = "toml")]
    pub fn from_toml(file: &str, text: &str) -> Result<Self, ParameterError> {
        PassTable::new(super::parameters::parse_toml(file, text)?)
    }

    /// Parses and validates a PASS file in JSON (the TOML file's structure).
    pub fn from_json(file: &str, text: &str) -> Result<Self, ParameterError> {
        PassTable::new(super::parameters::parse_json(file, text)?)
    }

    /// Validates PASS data.
    pub fn new(data: PassData) -> Result<Self, ParameterError> {
        if !data.sources.contains_key("cap_rule") {
            return Err(invalid(
                "sources".into(),
                crate::messages::rules::parameters::CAP_SOURCE,
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, y) in data.years.iter().enumerate() {
            let field = format!("years[{i}]");
            if !seen.insert(y.year) {
                return Err(invalid(
                    field,
                    crate::messages::rules::parameters::YEAR_TWICE,
                ));
            }
            if y.monthly <= Decimal::ZERO
                || y.monthly > MAX_AMOUNT
                || y.annual != y.monthly * Decimal::from(12)
            {
                return Err(invalid(
                    field,
                    crate::messages::rules::parameters::ANNUAL_TWELVE_MONTHS,
                ));
            }
            if !data.sources.contains_key(&y.source) {
                return Err(ParameterError::UnknownSource {
                    set: "pass".into(),
                    field,
                    key: y.source.clone(),
                });
            }
        }
        Ok(PassTable { data })
    }

    /// The PASS of a calendar year.
    pub fn annual(&self, year: i32) -> Result<Sourced<Decimal>, FundingError> {
        let entry = self
            .data
            .years
            .iter()
            .find(|y| y.year == year)
            .ok_or_else(|| FundingError::MissingParameter {
                parameter: format!("pass_{year}"),
                taille: None,
                parameter_set: "pass".into(),
                note: Some(crate::messages::rules::no_pass_value(year)),
            })?;
        Ok(Sourced {
            value: entry.annual,
            source: Arc::new(
                self.data
                    .sources
                    .get(&entry.source)
                    .cloned()
                    .unwrap_or(crate::source::cited::LIBRARY_CONVENTION),
            ),
            parameter_set: "pass".into(),
        })
    }

    /// The source of the cap rule (D.1434-44 CSP).
    pub fn cap_rule(&self) -> Source {
        self.data
            .sources
            .get("cap_rule")
            .cloned()
            .unwrap_or(crate::source::cited::LIBRARY_CONVENTION)
    }

    /// The years with a value.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.data.years.iter().map(|y| y.year)
    }
}

/// Indemnity (compensation for lost income) or remuneration (for a public-service mission).
///
/// JSON: `"indemnite"` or `"remuneration"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RemunerationKind {
    /// Indemnité (compensation for lost professional income).
    Indemnite,
    /// Rémunération (for a public-service mission of the CPTS).
    Remuneration,
}

/// Whose payments the cap counts together (D.1434-44 does not say: see the module docs).
///
/// JSON: `"per_cpts"` or `"across_cpts"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CapScope {
    /// What each CPTS pays a professional, CPTS by CPTS (a library convention, the default).
    #[default]
    PerCpts,
    /// What every CPTS pays a professional, added up (a professional may be a member of
    /// several CPTS).
    AcrossCpts,
}

/// Why a professional's cap check is not established.
///
/// JSON: `"mayotte_plafond"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CapWarning {
    /// The professional practises in Mayotte, which has its own plafond; D.1434-44 cites the
    /// national one: which applies is not established.
    MayottePlafond,
}

impl CapWarning {
    /// In French.
    pub fn label_fr(self) -> &'static str {
        match self {
            CapWarning::MayottePlafond => {
                "non établi : Mayotte a son propre plafond de la sécurité sociale (3 021 € par mois en 2026) ; l'article D.1434-44 cite le plafond national de l'article L. 241-3 du code de la sécurité sociale, appliqué ici"
            }
        }
    }
}

/// One amount a professional received from the CPTS.
///
/// JSON: `{"professional": {"scheme": "rpps", "value": "..."}, "date": "2024-03-12",
/// "amount": "1500.00", "kind": "indemnite", "label": "..." | null, "cpts": "cpts-x" | null,
/// "commune": "97611" | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemunerationRecord {
    /// The professional (RPPS or ADELI).
    pub professional: Identifier,
    /// The date that decides the calendar year (see the module docs).
    #[serde(deserialize_with = "crate::calendar::date")]
    pub date: NaiveDate,
    /// Amount in euros.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
    /// Indemnity or remuneration.
    pub kind: RemunerationKind,
    /// What it paid for.
    #[serde(default)]
    pub label: Option<String>,
    /// The CPTS that paid it (counted apart from other CPTS's under [`CapScope::PerCpts`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpts: Option<crate::entity::CptsId>,
    /// The INSEE code of the commune where the professional practises, when known (a
    /// commune of Mayotte, 976…, is flagged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<crate::identifiers::InseeCommuneCode>,
}

/// One professional's total for the year.
///
/// JSON: `{"professional": {...}, "total": "...", "excess": "0", "explanation": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalTotal {
    /// The professional.
    pub professional: Identifier,
    /// The CPTS whose payments are counted ([`CapScope::PerCpts`]; `None` across CPTS, or
    /// for records that name none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpts: Option<crate::entity::CptsId>,
    /// Why the check is not established for this professional, if it is not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<CapWarning>,
    /// Indemnities and remunerations of the year.
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub total: Decimal,
    /// The part above the PASS (0 when within it).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub excess: Decimal,
    /// The records that make the total.
    pub explanation: Explanation,
}

/// The cap check of one calendar year.
///
/// JSON: `{"year": 2024, "cap": {...}, "professionals": [...], "over_cap": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapCheck {
    /// The calendar year.
    pub year: i32,
    /// Whose payments were counted together.
    pub scope: CapScope,
    /// The PASS of the year, with its source.
    pub cap: Sourced<Decimal>,
    /// Every professional with records that year, by identifier.
    pub professionals: Vec<ProfessionalTotal>,
    /// Those above the cap (in at least one CPTS, per CPTS), by identifier, each once.
    pub over_cap: Vec<Identifier>,
}

/// Checks the records of calendar year `year` against its PASS: who exceeds it and by how
/// much. Records of other years are ignored; a record of a structure identifier or with a
/// negative amount is an error.
///
/// ```
/// use cpts_core::aci::pass::{PassTable, RemunerationRecord, RemunerationKind, check_indemnity_cap};
/// use cpts_core::identifiers::{Identifier, IdentifierKind};
/// let table = PassTable::embedded().unwrap();
/// let doctor = Identifier::parse(IdentifierKind::Rpps, "10000927870").unwrap();
/// let record = |date: &str, amount: &str| RemunerationRecord {
///     professional: doctor, date: date.parse().unwrap(), amount: amount.parse().unwrap(),
///     kind: RemunerationKind::Remuneration, label: None, cpts: None, commune: None,
/// };
/// let records = [record("2024-03-01", "30000"), record("2024-11-15", "17000"), record("2025-01-10", "9000")];
/// let check = check_indemnity_cap(&records, 2024, &table).unwrap();
/// // 47 000 € in 2024, PASS 46 368 €: 632 € over.
/// assert_eq!(check.professionals[0].excess.to_string(), "632");
/// assert!(check_indemnity_cap(&records, 2027, &table).is_err()); // no sourced PASS yet
/// ```
pub fn check_indemnity_cap(
    records: &[RemunerationRecord],
    year: i32,
    table: &PassTable,
) -> Result<CapCheck, FundingError> {
    check_indemnity_cap_with(records, year, table, CapScope::default())
}

/// [`check_indemnity_cap`] with the scope chosen: per CPTS (the default), or across every
/// CPTS that paid the professional.
pub fn check_indemnity_cap_with(
    records: &[RemunerationRecord],
    year: i32,
    table: &PassTable,
    scope: CapScope,
) -> Result<CapCheck, FundingError> {
    let cap = table.annual(year)?;
    let cap_rule = Arc::new(table.cap_rule());
    type Key = (Identifier, Option<crate::entity::CptsId>);
    let mut by_person: BTreeMap<Key, Vec<&RemunerationRecord>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        if !r.professional.identifies_a_person() {
            return Err(FundingError::InvalidInput {
                field: format!("records[{i}].professional"),
                value: r.professional.to_string(),
                rule: crate::messages::rules::CAP_FOR_PROFESSIONALS,
            });
        }
        if !super::money::is_valid_amount(r.amount) {
            return Err(FundingError::InvalidInput {
                field: format!("records[{i}].amount"),
                value: r.amount.to_string(),
                rule: crate::messages::rules::AMOUNT,
            });
        }
        if r.date.year() == year {
            let cpts = match scope {
                CapScope::PerCpts => r.cpts.clone(),
                CapScope::AcrossCpts => None,
            };
            by_person.entry((r.professional, cpts)).or_default().push(r);
        }
    }
    let professionals: Vec<ProfessionalTotal> = by_person
        .into_iter()
        .map(|((professional, cpts), records)| {
            let in_mayotte = records
                .iter()
                .any(|r| r.commune.is_some_and(|c| c.as_str().starts_with("976")));
            let warnings = if in_mayotte {
                vec![CapWarning::MayottePlafond]
            } else {
                Vec::new()
            };
            let leaves = records
                .iter()
                .map(|r| {
                    let kind = match r.kind {
                        RemunerationKind::Indemnite => "Indemnité",
                        RemunerationKind::Remuneration => "Rémunération",
                    };
                    Explanation::leaf(
                        format!("{kind} du {}{}", crate::messages::date_fr(r.date), r.label.as_ref().map(|l| format!(" ({l})")).unwrap_or_default()),
                        r.amount,
                    )
                })
                .collect();
            let paid_by = cpts.as_ref().map(|c| format!(", versées par {c}")).unwrap_or_default();
            let explanation = Explanation::sum(format!("Indemnités et rémunérations de {professional} en {year}{paid_by}"), leaves)
                .with_rule("le total d'une année civile ne peut dépasser le plafond annuel de la sécurité sociale (art. D.1434-44 CSP)")
                .with_sourced_input("Règle", InputValue::Text("plafond = PASS de l'année civile".into()), &cap_rule)
                .with_parameter(format!("PASS {year}"), InputValue::Amount(cap.value), &cap.source, &cap.parameter_set);
            let total = explanation.amount;
            let excess = (total - cap.value).max(Decimal::ZERO);
            ProfessionalTotal { professional, cpts, warnings, total, excess, explanation }
        })
        .collect();
    let over_cap = professionals
        .iter()
        .filter(|p| p.excess > Decimal::ZERO)
        .map(|p| p.professional)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(CapCheck {
        year,
        scope,
        cap,
        professionals,
        over_cap,
    })
}

crate::messages::refused_through_serde!(PassTable, PassData, |e| crate::messages::Refusal::of(&e));
