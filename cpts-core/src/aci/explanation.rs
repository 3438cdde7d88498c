//! Explanation trees: every computed amount comes with the rule applied, its inputs (with
//! their source and parameter set) and the intermediate amounts, as JSON and as plain
//! French text for a CPTS treasurer.
//!
//! Invariant: a node with children has, as its amount, the sum of its children's amounts,
//! so the leaves of an explanation add up to its amount ([`Explanation::leaves_total`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::euros;
use crate::source::{Quality, Source};

/// One input of a computation: a parameter, a contract figure, a measured value, a date.
///
/// JSON: `{"name": "...", "value": "...", "source": {...} | null, "parameter_set": "..." | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplanationInput {
    /// What the input is (French).
    pub name: String,
    /// Its value, as shown to a reader (French formatting).
    pub value: String,
    /// Where it comes from, when it is a parameter.
    pub source: Option<Source>,
    /// The parameter set it was read from, when it is a parameter.
    pub parameter_set: Option<String>,
}

/// An amount and why it is what it is.
///
/// JSON: `{"label": "...", "amount": "1234.56", "rule": "..." | null, "inputs": [...],
/// "children": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the amount is (French).
    pub label: String,
    /// The amount, in euros.
    pub amount: Decimal,
    /// The rule applied (French), when the amount is computed.
    pub rule: Option<String>,
    /// The inputs of the rule.
    pub inputs: Vec<ExplanationInput>,
    /// The amounts this one adds up.
    pub children: Vec<Explanation>,
}

impl Explanation {
    /// A computed amount (a leaf).
    pub fn leaf(label: impl Into<String>, amount: Decimal) -> Self {
        Explanation {
            label: label.into(),
            amount,
            rule: None,
            inputs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// A sum of other explanations; its amount is the sum of theirs.
    pub fn sum(label: impl Into<String>, children: Vec<Explanation>) -> Self {
        let amount = children.iter().map(|c| c.amount).sum();
        Explanation {
            label: label.into(),
            amount,
            rule: None,
            inputs: Vec::new(),
            children,
        }
    }

    /// The same, with the rule applied.
    pub fn with_rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// The same, with one more input without source.
    pub fn with_input(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.inputs.push(ExplanationInput {
            name: name.into(),
            value: value.into(),
            source: None,
            parameter_set: None,
        });
        self
    }

    /// The same, with one more input read from a parameter set.
    pub fn with_parameter(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        source: &Source,
        parameter_set: &str,
    ) -> Self {
        self.inputs.push(ExplanationInput {
            name: name.into(),
            value: value.into(),
            source: Some(source.clone()),
            parameter_set: Some(parameter_set.to_owned()),
        });
        self
    }

    /// The same, with one more input carrying its source (a convention, a contract).
    pub fn with_sourced_input(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        source: &Source,
    ) -> Self {
        self.inputs.push(ExplanationInput {
            name: name.into(),
            value: value.into(),
            source: Some(source.clone()),
            parameter_set: None,
        });
        self
    }

    /// The leaves (nodes without children), depth first.
    pub fn leaves(&self) -> Vec<&Explanation> {
        if self.children.is_empty() {
            vec![self]
        } else {
            self.children.iter().flat_map(Explanation::leaves).collect()
        }
    }

    /// The sum of the leaves' amounts: equal to [`Explanation::amount`] for every tree this
    /// library builds.
    pub fn leaves_total(&self) -> Decimal {
        self.leaves().iter().map(|l| l.amount).sum()
    }

    /// Plain French text, one line per amount, indented by depth, with rules and inputs.
    pub fn render_fr(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        out.push_str(&format!("{pad}{} : {}\n", self.label, euros(self.amount)));
        if let Some(rule) = &self.rule {
            out.push_str(&format!("{pad}  Règle : {rule}\n"));
        }
        for input in &self.inputs {
            out.push_str(&format!("{pad}  • {} : {}", input.name, input.value));
            if let Some(source) = &input.source {
                out.push_str(&format!(" — source : {}", source_fr(source)));
                if let Some(set) = &input.parameter_set {
                    out.push_str(&format!(" ; jeu de paramètres {set}"));
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
    if let Some(article) = &source.article {
        s.push_str(&format!(", art. {article}"));
    }
    s.push_str(&format!(" ({})", quality_fr(source.quality)));
    if let Some(url) = &source.url {
        s.push_str(&format!(" <{url}>"));
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
