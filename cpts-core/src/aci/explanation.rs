//! Explanation trees: every computed amount comes with the rule applied, its inputs (with
//! their source and parameter set) and the intermediate amounts, as JSON and as plain
//! French text for a CPTS treasurer.
//!
//! Inputs hold typed values (an amount, a rate, a date, a day count…), formatted in French
//! only when the explanation is rendered: building an explanation costs little, so every
//! computation can afford one.
//!
//! Invariant: a node with children has, as its amount, the sum of its children's amounts,
//! so the leaves of an explanation add up to its amount ([`Explanation::leaves_total`]).

use std::fmt::{self, Write as _};
use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::money::{euros, percent};
use crate::source::{Quality, Source};

/// Text of an explanation: fixed wording, or text shared with the contract (an indicator's
/// label) or built once. Cloning never copies the characters.
///
/// JSON: a string.
#[derive(Clone)]
pub enum Text {
    /// Fixed wording.
    Static(&'static str),
    /// Shared text.
    Shared(Arc<str>),
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <String as JsonSchema>::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Text::Static(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Shared(Arc::from(s))
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Text::Shared(s)
    }
}

impl From<&Arc<str>> for Text {
    fn from(s: &Arc<str>) -> Self {
        Text::Shared(Arc::clone(s))
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

/// The value of an input, typed; [`InputValue::render_fr`] formats it.
///
/// JSON: `{"type": "amount", "value": "60000"}`, `{"type": "rate", "value": "0.75"}`,
/// `{"type": "number", "value": "72.40"}`, `{"type": "flag", "value": true}`,
/// `{"type": "date", "value": "2022-06-01"}`, `{"type": "text", "value": "..."}`,
/// `{"type": "days", "value": {"days": 230, "from": "...", "to": "...", "year_days": 365, "year": 1}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum InputValue {
    /// An amount in euros.
    Amount(
        #[serde(with = "super::money::cents")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        Decimal,
    ),
    /// A rate (0.75 for 75 %).
    Rate(
        #[serde(with = "super::money::decimal_string")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        Decimal,
    ),
    /// A measured value or a threshold.
    Number(
        #[serde(with = "super::money::decimal_string")]
        #[schemars(with = "crate::aci::money::DecimalString")]
        Decimal,
    ),
    /// A count.
    Count(u64),
    /// Yes or no.
    Flag(bool),
    /// A date.
    Date(#[serde(deserialize_with = "crate::calendar::date")] NaiveDate),
    /// Free text.
    Text(Text),
    /// Days of a proration.
    Days {
        /// Days from `from` to `to`.
        days: i64,
        /// First day.
        #[serde(deserialize_with = "crate::calendar::date")]
        from: NaiveDate,
        /// The anniversary.
        #[serde(deserialize_with = "crate::calendar::date")]
        to: NaiveDate,
        /// Days of the contract year.
        year_days: i64,
        /// The contract year.
        year: u32,
    },
}

impl InputValue {
    /// The value in French.
    pub fn render_fr(&self) -> String {
        match self {
            InputValue::Amount(a) => euros(*a),
            InputValue::Rate(r) => percent(*r),
            InputValue::Number(n) => n.to_string().replace('.', ","),
            InputValue::Count(n) => n.to_string(),
            InputValue::Flag(b) => if *b { "oui" } else { "non" }.to_owned(),
            InputValue::Date(d) => crate::messages::date_fr(*d),
            InputValue::Text(t) => t.to_string(),
            InputValue::Days {
                days,
                from,
                to,
                year_days,
                year,
            } => format!(
                "{days} jours du {} au {} sur {year_days} jours de l'année {year}",
                crate::messages::date_fr(*from),
                crate::messages::date_fr(*to)
            ),
        }
    }
}

/// One input of a computation: a parameter, a contract figure, a measured value, a date.
///
/// JSON: `{"name": "...", "value": {...}, "source": {...} | null, "parameter_set": "..." | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplanationInput {
    /// What the input is (French).
    pub name: Text,
    /// Its value.
    pub value: InputValue,
    /// Where it comes from, when it is a parameter, a contract figure or a convention.
    pub source: Option<Arc<Source>>,
    /// The parameter set it was read from, when it is a parameter.
    pub parameter_set: Option<Arc<str>>,
}

/// The inputs of an explanation.
pub type Inputs = Vec<ExplanationInput>;

/// How much explanation a funding answer carries (the `detail` of `evaluate_year`,
/// `payment_schedule` and `funding_batch`). A library choice, not a rule: the amounts are the
/// same at every level.
///
/// JSON: `"amounts"`, `"summary"` or `"full"` (the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// The amounts only, without explanation (the cheapest answer, for batches).
    Amounts,
    /// The amounts and their explanation trees without the inputs of each node: every
    /// amount with its label and its rule, not the values and sources behind it.
    Summary,
    /// The amounts and their whole explanation trees: rules, inputs with their sources.
    #[default]
    Full,
}

impl Detail {
    /// Every level, from the least to the most.
    pub const ALL: [Detail; 3] = [Detail::Amounts, Detail::Summary, Detail::Full];
}

/// An amount and why it is what it is.
///
/// JSON: `{"label": "...", "amount": "1234.56", "rule": "..." | null, "inputs": [...],
/// "children": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// What the amount is (French).
    pub label: Text,
    /// The amount, in euros.
    #[serde(with = "super::money::cents")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub amount: Decimal,
    /// The rule applied (French), when the amount is computed.
    pub rule: Option<Text>,
    /// The inputs of the rule.
    pub inputs: Inputs,
    /// The amounts this one adds up.
    pub children: Vec<Explanation>,
}

impl Explanation {
    /// A computed amount (a leaf).
    pub fn leaf(label: impl Into<Text>, amount: Decimal) -> Self {
        Explanation {
            label: label.into(),
            amount,
            rule: None,
            inputs: Inputs::new(),
            children: Vec::new(),
        }
    }

    /// A computed amount with room for `inputs` inputs.
    pub fn leaf_with_inputs(label: impl Into<Text>, amount: Decimal, inputs: usize) -> Self {
        Explanation {
            label: label.into(),
            amount,
            rule: None,
            inputs: Inputs::with_capacity(inputs),
            children: Vec::new(),
        }
    }

    /// A sum of other explanations; its amount is the sum of theirs. The engine's amounts
    /// are bounded (every amount a caller gives is at most 1 000 000 000 €), so their sums
    /// stay far inside `Decimal`'s range; a sum beyond it saturates instead of panicking.
    pub fn sum(label: impl Into<Text>, children: Vec<Explanation>) -> Self {
        let amount = children
            .iter()
            .fold(Decimal::ZERO, |total, c| total.saturating_add(c.amount));
        Explanation {
            label: label.into(),
            amount,
            rule: None,
            inputs: Inputs::new(),
            children,
        }
    }

    /// The same, with the rule applied.
    pub fn with_rule(mut self, rule: impl Into<Text>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// The same, with one more input without source.
    pub fn with_input(mut self, name: impl Into<Text>, value: InputValue) -> Self {
        self.inputs.push(ExplanationInput {
            name: name.into(),
            value,
            source: None,
            parameter_set: None,
        });
        self
    }

    /// The same, with one more input read from a parameter set.
    pub fn with_parameter(
        mut self,
        name: impl Into<Text>,
        value: InputValue,
        source: &Arc<Source>,
        parameter_set: &Arc<str>,
    ) -> Self {
        self.inputs.push(ExplanationInput {
            name: name.into(),
            value,
            source: Some(Arc::clone(source)),
            parameter_set: Some(Arc::clone(parameter_set)),
        });
        self
    }

    /// The same, with one more input carrying its source (a convention, a contract).
    pub fn with_sourced_input(
        mut self,
        name: impl Into<Text>,
        value: InputValue,
        source: &Arc<Source>,
    ) -> Self {
        self.inputs.push(ExplanationInput {
            name: name.into(),
            value,
            source: Some(Arc::clone(source)),
            parameter_set: None,
        });
        self
    }

    /// The same, completed by `explain` (its rule and inputs) unless `detail` is
    /// [`Detail::Amounts`]: then only the label and the amount, so that an answer of amounts
    /// does not build what it does not write.
    pub fn explained(self, detail: Detail, explain: impl FnOnce(Self) -> Self) -> Self {
        if detail == Detail::Amounts {
            self
        } else {
            explain(self)
        }
    }

    /// The same tree without the inputs of any node (see [`Detail::Summary`]).
    pub fn without_inputs(mut self) -> Self {
        self.clear_inputs();
        self
    }

    fn clear_inputs(&mut self) {
        self.inputs = Inputs::new();
        for child in &mut self.children {
            child.clear_inputs();
        }
    }

    /// This explanation at a level of detail: none for [`Detail::Amounts`].
    pub fn at(self, detail: Detail) -> Option<Self> {
        match detail {
            Detail::Amounts => None,
            Detail::Summary => Some(self.without_inputs()),
            Detail::Full => Some(self),
        }
    }

    /// The leaves (nodes without children), depth first.
    pub fn leaves(&self) -> Vec<&Explanation> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<&'a Explanation>) {
        if self.children.is_empty() {
            out.push(self);
        } else {
            for c in &self.children {
                c.collect_leaves(out);
            }
        }
    }

    /// The sum of the leaves' amounts: equal to [`Explanation::amount`] for every tree this
    /// library builds.
    pub fn leaves_total(&self) -> Decimal {
        if self.children.is_empty() {
            self.amount
        } else {
            self.children.iter().fold(Decimal::ZERO, |total, c| {
                total.saturating_add(c.leaves_total())
            })
        }
    }

    /// Plain French text, one line per amount, indented by depth, with rules and inputs.
    pub fn render_fr(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        let _ = writeln!(out, "{pad}{} : {}", self.label, euros(self.amount));
        if let Some(rule) = &self.rule {
            let _ = writeln!(out, "{pad}  Règle : {rule}");
        }
        for input in &self.inputs {
            let _ = write!(out, "{pad}  • {} : {}", input.name, input.value.render_fr());
            if let Some(source) = &input.source {
                let _ = write!(out, " — source : {}", source_fr(source));
                if let Some(set) = &input.parameter_set {
                    let _ = write!(out, " ; jeu de paramètres {set}");
                }
            }
            out.push('\n');
        }
        for child in &self.children {
            child.render_into(out, depth + 1);
        }
    }
}

/// A source in one French line: title, article, quality, URL.
pub fn source_fr(source: &Source) -> String {
    let mut s = source.title.to_string();
    if source.quality == Quality::LibraryConvention {
        return s;
    }
    if let Some(article) = &source.article {
        let _ = write!(s, ", art. {article}");
    }
    let _ = write!(s, " ({})", quality_fr(source.quality));
    if let Some(url) = &source.url {
        let _ = write!(s, " <{url}>");
    }
    s
}

/// French wording of a quality tag.
pub fn quality_fr(q: Quality) -> &'static str {
    match q {
        Quality::Official => "texte officiel",
        Quality::OfficialCopy => "texte officiel, copie non officielle",
        Quality::OfficialCommentary => "texte officiel, connu par un commentaire",
        Quality::TradePress => "presse professionnelle",
        Quality::Draft => "projet, non signé",
        Quality::Other => "autre source",
        Quality::Contract => "contrat",
        Quality::LibraryConvention => "convention de la bibliothèque, sans source légale",
    }
}
