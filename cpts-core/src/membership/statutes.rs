//! The statuts of the association, as far as membership is concerned: which categories may
//! join, which need an admission decision by the conseil d'administration, whether an
//! individual may join alongside their member structure, the colleges and their board seats,
//! and the dues.
//!
//! Everything here is the CPTS's own choice (seed 004: « selon les statuts de la CPTS »);
//! the defaults are **library conventions** that a caller overrides with the CPTS's statuts:
//! every category eligible, the « autres professionnels » subject to admission (seed 000's
//! « point de vigilance »), individuals allowed alongside their structure, no colleges, no
//! dues.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::MemberCategory;

/// Identifier of a college within the statuts (1 to 64 characters, letters, digits, `_`,
/// `-`).
///
/// JSON: a string.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(try_from = "crate::messages::Unchecked<String>", into = "String")]
pub struct CollegeId(String);

impl CollegeId {
    /// Checks and wraps an identifier.
    pub fn new(id: impl Into<String>) -> Result<Self, StatutesError> {
        let id = id.into();
        let ok = (1..=64).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if ok {
            Ok(CollegeId(id))
        } else {
            Err(StatutesError::InvalidCollegeId {
                value: crate::identifiers::shown(&id),
            })
        }
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CollegeId {
    type Error = StatutesError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CollegeId::new(s)
    }
}

impl From<CollegeId> for String {
    fn from(c: CollegeId) -> String {
        c.0
    }
}

impl fmt::Display for CollegeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A college (collège) of the association: the member categories that sit in it and its
/// seats on the conseil d'administration.
///
/// JSON: `{"id": "liberaux", "name": "...", "categories": ["professionnel_de_sante"],
/// "board_seats": 6}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct College {
    /// Identifier.
    pub id: CollegeId,
    /// Name.
    pub name: String,
    /// Categories whose members sit in this college.
    pub categories: BTreeSet<MemberCategory>,
    /// Seats on the conseil d'administration.
    pub board_seats: u32,
}

/// Annual dues for one category.
///
/// JSON: `{"category": "esms", "amount": "50"}` (amounts are decimal strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryAmount {
    /// The category.
    pub category: MemberCategory,
    /// Annual amount in euros (a decimal string).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
}

/// The dues in force over a period.
///
/// JSON: `{"from": "2020-01-01", "until": "2023-01-01" | null, "default_amount": "0",
/// "amounts": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuesPeriod {
    /// First day.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub from: NaiveDate,
    /// First day after the period (`None`: open-ended).
    #[serde(default, deserialize_with = "crate::calendar::optional_date")]
    pub until: Option<NaiveDate>,
    /// Annual amount for categories not listed (a decimal string).
    #[serde(with = "crate::aci::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub default_amount: Decimal,
    /// Annual amounts by category.
    #[serde(default)]
    pub amounts: Vec<CategoryAmount>,
}

/// The dues policy: periods in date order, without overlap. A date outside every period
/// has no dues set.
///
/// JSON: `{"periods": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuesPolicy {
    /// The periods.
    pub periods: Vec<DuesPeriod>,
}

impl DuesPolicy {
    /// The annual dues of a member of `category` on `date`, or `None` when the statuts set
    /// none for that date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// use cpts_core::membership::{DuesPeriod, DuesPolicy, MemberCategory, IndividualCategory};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // « Nous avons fait le choix de ne pas faire payer de cotisation les premières années »
    /// let policy = DuesPolicy { periods: vec![
    ///     DuesPeriod { from: d(2020, 1, 1), until: Some(d(2024, 1, 1)), default_amount: Decimal::ZERO, amounts: vec![] },
    ///     DuesPeriod { from: d(2024, 1, 1), until: None, default_amount: Decimal::new(30, 0), amounts: vec![] },
    /// ]};
    /// let pro = MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante);
    /// assert_eq!(policy.annual_dues(pro, d(2022, 6, 1)), Some(Decimal::ZERO));
    /// assert_eq!(policy.annual_dues(pro, d(2024, 6, 1)), Some(Decimal::new(30, 0)));
    /// assert_eq!(policy.annual_dues(pro, d(2019, 6, 1)), None);
    /// ```
    pub fn annual_dues(&self, category: MemberCategory, date: NaiveDate) -> Option<Decimal> {
        let period = self
            .periods
            .iter()
            .find(|p| p.from <= date && p.until.is_none_or(|u| date < u))?;
        Some(
            period
                .amounts
                .iter()
                .find(|a| a.category == category)
                .map_or(period.default_amount, |a| a.amount),
        )
    }

    fn check(&self) -> Result<(), StatutesError> {
        for (i, p) in self.periods.iter().enumerate() {
            if p.until.is_some_and(|u| u <= p.from) {
                return Err(StatutesError::EmptyDuesPeriod {
                    from: p.from,
                    until: p.until,
                });
            }
            for amount in
                std::iter::once(p.default_amount).chain(p.amounts.iter().map(|a| a.amount))
            {
                if amount.is_sign_negative() && !amount.is_zero() {
                    return Err(StatutesError::NegativeDues {
                        from: p.from,
                        amount,
                    });
                }
                // `abs`: a negative zero (`"-0"`) is zero.
                if !crate::aci::money::is_valid_amount(amount.abs()) {
                    return Err(StatutesError::DuesOutOfRange {
                        from: p.from,
                        amount,
                    });
                }
            }
            if let Some(prev) = i.checked_sub(1).and_then(|j| self.periods.get(j))
                && prev.until.is_none_or(|u| u > p.from)
            {
                return Err(StatutesError::OverlappingDuesPeriods { from: p.from });
            }
            let mut seen = BTreeSet::new();
            if let Some(a) = p.amounts.iter().find(|a| !seen.insert(a.category)) {
                return Err(StatutesError::RepeatedCategory {
                    category: a.category,
                    place: crate::messages::rules::IN_DUES_PERIOD,
                });
            }
        }
        Ok(())
    }
}

/// The membership rules of the statuts.
///
/// JSON: `{"eligible": [...], "admission_required": [...],
/// "individual_alongside_structure": true, "colleges": [...], "dues": {...}}`; every field
/// is optional and takes its default. Deserialising checks the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "crate::messages::Unchecked<StatutesData>")]
pub struct Statutes {
    eligible: BTreeSet<MemberCategory>,
    admission_required: BTreeSet<MemberCategory>,
    individual_alongside_structure: bool,
    colleges: Vec<College>,
    dues: DuesPolicy,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StatutesData {
    #[serde(default = "all_categories")]
    eligible: BTreeSet<MemberCategory>,
    #[serde(default = "default_admission")]
    admission_required: BTreeSet<MemberCategory>,
    #[serde(default = "yes")]
    individual_alongside_structure: bool,
    #[serde(default)]
    colleges: Vec<College>,
    #[serde(default)]
    dues: DuesPolicy,
}

fn all_categories() -> BTreeSet<MemberCategory> {
    MemberCategory::all().collect()
}
fn default_admission() -> BTreeSet<MemberCategory> {
    BTreeSet::from([MemberCategory::AUTRE_PROFESSIONNEL])
}
fn yes() -> bool {
    true
}

impl TryFrom<StatutesData> for Statutes {
    type Error = StatutesError;
    fn try_from(d: StatutesData) -> Result<Self, Self::Error> {
        Statutes::new(
            d.eligible,
            d.admission_required,
            d.individual_alongside_structure,
            d.colleges,
            d.dues,
        )
    }
}

impl Default for Statutes {
    fn default() -> Self {
        Statutes {
            eligible: all_categories(),
            admission_required: default_admission(),
            individual_alongside_structure: true,
            colleges: Vec::new(),
            dues: DuesPolicy::default(),
        }
    }
}

impl Statutes {
    /// Statuts with every rule given; checks that colleges do not share a category, that
    /// every eligible category has a college when colleges are defined, and that dues
    /// periods are ordered, not overlapping and not negative.
    pub fn new(
        eligible: BTreeSet<MemberCategory>,
        admission_required: BTreeSet<MemberCategory>,
        individual_alongside_structure: bool,
        colleges: Vec<College>,
        dues: DuesPolicy,
    ) -> Result<Self, StatutesError> {
        let mut ids = BTreeSet::new();
        let mut placed = BTreeSet::new();
        for c in &colleges {
            crate::membership::check_text("college.name", &c.name).map_err(|_| {
                StatutesError::InvalidCollegeName {
                    college: c.id.clone(),
                }
            })?;
            if !ids.insert(&c.id) {
                return Err(StatutesError::RepeatedCollege {
                    college: c.id.clone(),
                });
            }
            if let Some(cat) = c.categories.iter().find(|cat| !placed.insert(**cat)) {
                return Err(StatutesError::RepeatedCategory {
                    category: *cat,
                    place: crate::messages::rules::IN_COLLEGES,
                });
            }
        }
        if !colleges.is_empty()
            && let Some(cat) = eligible.iter().find(|c| !placed.contains(c))
        {
            return Err(StatutesError::CategoryWithoutCollege { category: *cat });
        }
        dues.check()?;
        Ok(Statutes {
            eligible,
            admission_required,
            individual_alongside_structure,
            colleges,
            dues,
        })
    }

    /// The default statuts with these colleges.
    pub fn with_colleges(colleges: Vec<College>) -> Result<Self, StatutesError> {
        let d = Statutes::default();
        Statutes::new(
            d.eligible,
            d.admission_required,
            d.individual_alongside_structure,
            colleges,
            d.dues,
        )
    }

    /// The same statuts with another dues policy (checked).
    pub fn with_dues(mut self, dues: DuesPolicy) -> Result<Self, StatutesError> {
        dues.check()?;
        self.dues = dues;
        Ok(self)
    }

    /// The same statuts with another list of categories subject to admission.
    pub fn with_admission_required(mut self, categories: BTreeSet<MemberCategory>) -> Self {
        self.admission_required = categories;
        self
    }

    /// The same statuts, allowing or not individuals alongside their member structure.
    pub fn with_individual_alongside_structure(mut self, allowed: bool) -> Self {
        self.individual_alongside_structure = allowed;
        self
    }

    /// The same statuts restricted to these categories (checked against the colleges).
    pub fn with_eligible(self, eligible: BTreeSet<MemberCategory>) -> Result<Self, StatutesError> {
        Statutes::new(
            eligible,
            self.admission_required,
            self.individual_alongside_structure,
            self.colleges,
            self.dues,
        )
    }

    /// Categories that may join.
    pub fn eligible(&self) -> &BTreeSet<MemberCategory> {
        &self.eligible
    }

    /// Categories whose applications wait for a decision of the board.
    pub fn admission_required(&self) -> &BTreeSet<MemberCategory> {
        &self.admission_required
    }

    /// Whether an individual may join in their own name when their structure is a member.
    pub fn individual_alongside_structure(&self) -> bool {
        self.individual_alongside_structure
    }

    /// The colleges.
    pub fn colleges(&self) -> &[College] {
        &self.colleges
    }

    /// The dues policy.
    pub fn dues(&self) -> &DuesPolicy {
        &self.dues
    }

    /// The college of a category, when colleges are defined.
    pub fn college_for(&self, category: MemberCategory) -> Option<&College> {
        self.colleges
            .iter()
            .find(|c| c.categories.contains(&category))
    }

    /// Seats on the conseil d'administration, over all colleges.
    pub fn board_seats(&self) -> u64 {
        self.colleges.iter().map(|c| u64::from(c.board_seats)).sum()
    }
}

/// Statuts that break a rule.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum StatutesError {
    /// A college identifier is malformed.
    #[error("college id « {value} » must be 1 to 64 letters, digits, '_' or '-'")]
    InvalidCollegeId {
        /// The text given.
        value: String,
    },
    /// A college name is blank or too long.
    #[error("college {college} has an invalid name")]
    InvalidCollegeName {
        /// The college.
        college: CollegeId,
    },
    /// Two colleges with the same identifier.
    #[error("college {college} is defined twice")]
    RepeatedCollege {
        /// The college.
        college: CollegeId,
    },
    /// A category listed twice (in two colleges, or twice in one dues period).
    #[error("category « {category} » appears twice in the {place}")]
    RepeatedCategory {
        /// The category.
        category: MemberCategory,
        /// Where.
        place: crate::messages::Bilingual,
    },
    /// Colleges are defined but an eligible category has none.
    #[error("category « {category} » may join but sits in no college")]
    CategoryWithoutCollege {
        /// The category.
        category: MemberCategory,
    },
    /// A dues period that ends before it starts.
    #[error("dues period from {from} ends on {}, not after it starts", .until.map_or_else(|| "no date".to_owned(), |d| d.to_string()))]
    EmptyDuesPeriod {
        /// Start.
        from: NaiveDate,
        /// End.
        until: Option<NaiveDate>,
    },
    /// Dues periods overlap or are out of order.
    #[error("dues period from {from} overlaps the previous one or comes before it")]
    OverlappingDuesPeriods {
        /// Start of the offending period.
        from: NaiveDate,
    },
    /// An amount above 1 000 000 000 € or with fractions of a cent.
    #[error(
        "dues period from {from} has the amount {amount}: an amount from 0 to 1 000 000 000 €, to the cent, is expected"
    )]
    DuesOutOfRange {
        /// Start of the period.
        from: NaiveDate,
        /// The amount.
        #[serde(with = "crate::aci::money::cents")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        amount: Decimal,
    },
    /// A negative amount.
    #[error("dues period from {from} has a negative amount {amount}")]
    NegativeDues {
        /// Start of the period.
        from: NaiveDate,
        /// The amount.
        #[serde(with = "crate::aci::money::cents")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        amount: Decimal,
    },
}

crate::messages::refused_through_serde!(CollegeId, String, |e| crate::messages::Refusal::of(&e));

crate::messages::refused_through_serde!(Statutes, StatutesData, |e| crate::messages::Refusal::of(
    &e
));
