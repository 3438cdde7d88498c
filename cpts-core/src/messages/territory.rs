//! French messages of territories: communes, parts, coverage, the commune table and CPTS
//! sheets.

use super::{Message, and_fr};
use crate::aci::money::group_thousands;
use crate::territory::coverage::CoverageError;
use crate::territory::spreadsheet::{SheetErrors, SheetProblem};
use crate::territory::{FormerKind, LookupError, TableError, TerritoryError, TerritoryWarning};

/// Communes as « 78322 Jouy-en-Josas ».
fn codes_and_names(communes: &[crate::territory::CommuneName]) -> Vec<String> {
    communes
        .iter()
        .map(|c| format!("{} {}", c.code, c.name))
        .collect()
}

/// What a former code was, in French.
fn former_kind_fr(kind: FormerKind) -> &'static str {
    match kind {
        FormerKind::Deleguee => "commune déléguée",
        FormerKind::Associee => "commune associée",
        FormerKind::AncienCode => "ancien code",
    }
}

impl Message for LookupError {
    fn message_fr(&self) -> String {
        match self {
            LookupError::UnknownCode { code } => {
                format!("aucune commune n'a le code INSEE {code}")
            }
            LookupError::UnknownName { query, departement } => format!(
                "aucune commune ne s'appelle « {query} »{}",
                departement
                    .as_ref()
                    .map(|d| format!(" dans le département {d}"))
                    .unwrap_or_default()
            ),
            LookupError::AmbiguousName { query, candidates } => {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|c| format!("{} {} ({})", c.code, c.name, c.departement_name))
                    .collect();
                format!(
                    "« {query} » désigne {} communes : {} ; précisez le département",
                    candidates.len(),
                    and_fr(&list)
                )
            }
        }
    }
}

impl Message for TerritoryError {
    fn message_fr(&self) -> String {
        match self {
            TerritoryError::AmbiguousCode {
                code,
                former,
                commune,
                postcode_of,
            } => {
                let list = codes_and_names(postcode_of);
                format!(
                    "le code {code} est ambigu : c'est l'ancien code de {} ({}, aujourd'hui {} {}) et le code postal de {} ; donnez le code INSEE de la commune voulue",
                    former.name,
                    former_kind_fr(former.kind),
                    commune.code,
                    commune.name,
                    and_fr(&list)
                )
            }
            TerritoryError::FormerCodeRefused {
                code,
                former,
                commune,
            } => format!(
                "le code {code} n'est pas un code INSEE en vigueur : c'est l'ancien code de {} (aujourd'hui {} {})",
                former.name, commune.code, commune.name
            ),
            TerritoryError::WholeAndInPart { commune, part } => format!(
                "la commune {commune} est donnée entière et en partie (« {part} ») : donnez l'une ou l'autre"
            ),
            TerritoryError::PartOfCityWithArrondissements { commune, part } => format!(
                "la partie « {part} » de {commune} : une partie de Paris, Lyon ou Marseille est une partie d'un de ses arrondissements municipaux (donnez le code de l'arrondissement)"
            ),
            TerritoryError::PartsExceedCommune {
                commune,
                parts_population,
                commune_population,
            } => format!(
                "les parties de la commune {commune} totalisent {} habitants, plus que sa population municipale ({})",
                group_thousands(*parts_population),
                group_thousands(*commune_population)
            ),
            TerritoryError::InvalidPart { field, value, rule } => {
                format!("{field} « {value} » : {}", rule.fr())
            }
            TerritoryError::NotInTerritory { code } => format!(
                "la commune {code} n'est pas dans le territoire : elle ne peut pas en être retirée"
            ),
            TerritoryError::CommuneAndArrondissement {
                commune,
                arrondissement,
            } => format!(
                "la commune {commune} et son arrondissement {arrondissement} sont tous deux donnés : leurs habitants compteraient deux fois"
            ),
            TerritoryError::Empty => "un territoire compte au moins une commune".to_owned(),
            TerritoryError::Unknown(e) => e.message_fr(),
        }
    }
}

impl Message for CoverageError {
    fn message_fr(&self) -> String {
        match self {
            CoverageError::Territory { cpts, cause } => {
                format!("CPTS « {cpts} » : {}", cause.message_fr())
            }
            CoverageError::DuplicateCpts { cpts } => {
                format!("la CPTS « {cpts} » est donnée deux fois")
            }
            CoverageError::TooLarge { what } => {
                format!("{} : plus de 4 294 967 295 éléments", what.fr())
            }
            CoverageError::UnknownArea { what, code } => {
                format!("{} « {code} » inconnu(e)", what.fr())
            }
        }
    }
}

impl Message for TableError {
    fn message_fr(&self) -> String {
        match self {
            TableError::Format { line, rule } => {
                format!("table des communes, ligne {line} : {}", rule.fr())
            }
            TableError::UnknownReference { line, what, code } => format!(
                "table des communes, ligne {line} : {} « {code} » n'est pas défini(e)",
                what.fr()
            ),
            TableError::Duplicate { what, code } => format!(
                "table des communes : {} « {code} » est défini(e) deux fois",
                what.fr()
            ),
            TableError::MissingProvenance { key } => format!(
                "table des communes : la ligne de provenance « #{key}= » manque"
            ),
            TableError::NotEmbedded => "la table des communes n'est pas intégrée à cette version de la bibliothèque : chargez-la".to_owned(),
        }
    }
}

/// One problem of a sheet, in French: `ligne 4, colonne « Code INSEE » : … « 7855 »`.
pub(crate) fn sheet_problem_fr(p: &SheetProblem) -> String {
    format!(
        "ligne {}{}{} : {}",
        p.row,
        p.column
            .as_ref()
            .map(|c| format!(", colonne « {c} »"))
            .unwrap_or_default(),
        if p.value.is_empty() {
            String::new()
        } else {
            format!(", « {} »", p.value)
        },
        p.rule_fr
    )
}

impl Message for SheetErrors {
    fn message_fr(&self) -> String {
        let shown: Vec<String> = self
            .problems
            .iter()
            .take(20)
            .map(sheet_problem_fr)
            .collect();
        let more = self.problems.len().saturating_sub(shown.len());
        format!(
            "le tableur a {} problème(s) : {}{}",
            self.problems.len(),
            shown.join(" ; "),
            if more > 0 {
                format!(" ; et {more} autre(s), dans les détails")
            } else {
                String::new()
            }
        )
    }
}

/// A territory's warning, in French (what a report shows a person).
///
/// ```
/// use cpts_core::territory::{CommuneTable, analyse_territory};
/// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
/// let table = CommuneTable::embedded().unwrap();
/// // Fourqueux (78251) is a commune déléguée of Saint-Germain-en-Laye.
/// let r = analyse_territory(&[InseeCommuneCode::parse("78251").unwrap()], &table, None).unwrap();
/// assert_eq!(
///     cpts_core::messages::territory_warning_fr(&r.warnings[0]),
///     "78251 est le code de Fourqueux (commune déléguée) : compté comme la commune 78551"
/// );
/// ```
pub fn territory_warning_fr(warning: &TerritoryWarning) -> String {
    match warning {
        TerritoryWarning::FormerCode {
            given,
            commune,
            via,
        } => format!(
            "{given} est le code de {} ({}) : compté comme la commune {commune}",
            via.name,
            former_kind_fr(via.kind)
        ),
        TerritoryWarning::NoPopulation { commune } => {
            format!("la commune {commune} n'a pas de population dans la table : comptée 0")
        }
        TerritoryWarning::AlsoAPostcode {
            code,
            commune,
            postcode_of,
        } => {
            let list = codes_and_names(postcode_of);
            format!(
                "{code} est lu comme le code INSEE de {commune} ; c'est aussi le code postal de {}",
                and_fr(&list)
            )
        }
        TerritoryWarning::Repeated {
            commune,
            first,
            second,
            times,
        } => format!(
            "la commune {commune} est donnée plusieurs fois ({first}, puis {second} {times} fois de plus) : comptée une fois"
        ),
        TerritoryWarning::RepeatedPart { commune, name } => {
            format!(
                "la partie « {name} » de la commune {commune} est donnée deux fois : comptée une fois"
            )
        }
    }
}
