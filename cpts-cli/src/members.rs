//! `cpts check-members`: the identifiers and categories of a members list, one line per
//! problem with its row. The checks are cpts-core's (`Identifier::parse`,
//! `Application::check`): this module only reads the columns.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use cpts_core::identifiers::{Identifier, IdentifierKind};
use cpts_core::membership::{Application, MemberKind, OtherProfession};
use cpts_core::messages::Message;
use cpts_core::nomenclature::{Code, CodeSystem, StructureKind};
use cpts_core::territory::fold_name;
use serde::Serialize;

use crate::args::{CheckMembersArgs, Format};
use crate::failure::{Exit, Failure};
use crate::files;

/// The columns read, by their folded header names (accents, case and signs do not matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Name,
    Kind,
    Category,
    Scheme,
    Identifier,
    /// A column named after one identifier (`RPPS`, `N° FINESS`).
    Named(IdentifierKind),
}

const HEADERS: [(Col, &[&str]); 5] = [
    (
        Col::Name,
        &[
            "nom",
            "name",
            "nom prenom",
            "prenom nom",
            "raison sociale",
            "membre",
        ],
    ),
    (Col::Kind, &["type", "kind", "type de membre", "statut"]),
    (
        Col::Category,
        &[
            "categorie",
            "category",
            "profession",
            "code profession",
            "categorie de structure",
            "specialite",
        ],
    ),
    (
        Col::Scheme,
        &[
            "scheme",
            "type d identifiant",
            "type identifiant",
            "identifiant type",
            "schema",
            "referentiel",
        ],
    ),
    (
        Col::Identifier,
        &[
            "identifier",
            "identifiant",
            "numero",
            "n identifiant",
            "numero d identifiant",
        ],
    ),
];

fn column_of(header: &str) -> Option<Col> {
    let key: String = fold_name(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((col, _)) = HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
    {
        return Some(*col);
    }
    let bare = key.trim_start_matches("n ").trim_start_matches("numero ");
    scheme(bare).map(Col::Named)
}

fn scheme(text: &str) -> Option<IdentifierKind> {
    match fold_name(text).trim() {
        "rpps" => Some(IdentifierKind::Rpps),
        "adeli" => Some(IdentifierKind::Adeli),
        "finess" => Some(IdentifierKind::Finess),
        "siren" => Some(IdentifierKind::Siren),
        "siret" => Some(IdentifierKind::Siret),
        "rna" => Some(IdentifierKind::Rna),
        _ => None,
    }
}

/// One problem of the list.
#[derive(Debug, Serialize)]
struct Problem {
    /// The line of the file (the header is line 1).
    row: u64,
    /// The column's header, when the problem is in one cell.
    column: Option<String>,
    /// The value.
    value: String,
    /// What is wrong, in French.
    problem: String,
}

#[derive(Debug, Serialize)]
struct Checked {
    members: u64,
    problems: Vec<Problem>,
}

pub fn run(args: &CheckMembersArgs) -> Result<(), Failure> {
    let checked = check(&args.members)?;
    let out = match args.output.format {
        Format::Json => files::json_report(&checked)?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = checked
                .problems
                .iter()
                .map(|p| {
                    vec![
                        p.row.to_string(),
                        p.column.clone().unwrap_or_default(),
                        p.value.clone(),
                        p.problem.clone(),
                    ]
                })
                .collect();
            files::csv_report(&["ligne", "colonne", "valeur", "probleme"], &rows)
        }
        Format::Texte => {
            let mut s = format!(
                "{} : {} membre{} lu{}, {} problème{}\n",
                args.members.display(),
                checked.members,
                if checked.members > 1 { "s" } else { "" },
                if checked.members > 1 { "s" } else { "" },
                checked.problems.len(),
                if checked.problems.len() > 1 { "s" } else { "" }
            );
            for p in &checked.problems {
                let column = p
                    .column
                    .as_ref()
                    .map(|c| format!(", colonne « {c} »"))
                    .unwrap_or_default();
                let _ = writeln!(s, "  ligne {}{column} : {}", p.row, p.problem);
            }
            s.into_bytes()
        }
    };
    files::write(args.output.output.as_deref(), &out)?;
    if checked.problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            Exit::ProblemsFound,
            format!(
                "{} problème(s) dans {}",
                checked.problems.len(),
                args.members.display()
            ),
        ))
    }
}

fn check(path: &Path) -> Result<Checked, Failure> {
    let text = files::read_text(path)?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| {
            Failure::content(
                path,
                "ligne 1 : en-tête illisible (guillemets non fermés ?)",
            )
        })?
        .clone();
    let mut at: HashMap<Col, usize> = HashMap::new();
    let mut named: Vec<(IdentifierKind, usize)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match column_of(h) {
            Some(Col::Named(kind)) => named.push((kind, i)),
            Some(col) => {
                at.entry(col).or_insert(i);
            }
            None => {}
        }
    }
    let found: Vec<&str> = headers.iter().collect();
    if !at.contains_key(&Col::Name) {
        return Err(Failure::content(
            path,
            format!(
                "ligne 1 : colonne « nom » introuvable (en-têtes lus : {})",
                found.join(", ")
            ),
        ));
    }
    if !(at.contains_key(&Col::Identifier) && at.contains_key(&Col::Scheme)) && named.is_empty() {
        return Err(Failure::content(
            path,
            format!(
                "ligne 1 : il faut les colonnes « type d'identifiant » et « identifiant », ou une colonne par identifiant (« RPPS », « FINESS »…) ; en-têtes lus : {}",
                found.join(", ")
            ),
        ));
    }
    let header = |i: usize| headers.get(i).map(str::to_owned);
    let mut problems = Vec::new();
    let mut seen: HashMap<Identifier, u64> = HashMap::new();
    let mut members = 0u64;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map_or(0, |p| p.line());
                problems.push(Problem {
                    row,
                    column: None,
                    value: String::new(),
                    problem: "ligne illisible (guillemets non fermés ?)".into(),
                });
                continue;
            }
        };
        let row = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        members += 1;
        let cell = |col: Col| {
            at.get(&col)
                .and_then(|i| record.get(*i))
                .map(str::trim)
                .unwrap_or_default()
        };
        let mut problem = |col: Option<usize>, value: &str, text: String| {
            problems.push(Problem {
                row,
                column: col.and_then(header),
                value: value.to_owned(),
                problem: text,
            });
        };
        // The identifiers of the row.
        let mut identifiers = Vec::new();
        let mut pairs: Vec<(IdentifierKind, &str, usize)> = named
            .iter()
            .filter_map(|(k, i)| record.get(*i).map(|v| (*k, v.trim(), *i)))
            .filter(|(_, v, _)| !v.is_empty())
            .collect();
        let mut bad_identifier = false;
        let value = cell(Col::Identifier);
        if !value.is_empty() {
            let scheme_text = cell(Col::Scheme);
            match scheme(scheme_text) {
                Some(kind) => pairs.push((kind, value, at[&Col::Identifier])),
                None => {
                    bad_identifier = true;
                    problem(
                        at.get(&Col::Scheme).copied(),
                        scheme_text,
                        format!(
                            "type d'identifiant « {scheme_text} » inconnu (rpps, adeli, finess, siren, siret ou rna)"
                        ),
                    )
                }
            }
        }
        for (kind, value, i) in pairs {
            match Identifier::parse(kind, value) {
                Ok(id) => {
                    if let Some(first) = seen.get(&id) {
                        problem(Some(i), value, format!("{id} est déjà à la ligne {first}"));
                    } else {
                        seen.insert(id, row);
                    }
                    identifiers.push(id);
                }
                Err(e) => {
                    bad_identifier = true;
                    problem(Some(i), value, e.message_fr());
                }
            }
        }
        // The kind and its category, checked by the library with the identifiers.
        let kind_text = cell(Col::Kind);
        let category = cell(Col::Category);
        let kind = match member_kind(kind_text, category, at.contains_key(&Col::Category)) {
            Ok(kind) => kind,
            Err(text) => {
                problem(at.get(&Col::Kind).copied(), kind_text, text);
                continue;
            }
        };
        let Some(kind) = kind else { continue };
        let application = Application {
            name: cell(Col::Name).to_owned(),
            kind,
            identifiers,
            practises_in: None,
            foreign_practice: None,
            defence: None,
        };
        if let Err(e) = application.check() {
            use cpts_core::membership::MembershipError as E;
            let col = match &e {
                E::InvalidText { .. } => at.get(&Col::Name).copied(),
                E::MissingIdentifier { .. }
                | E::IdentifierNotAllowed { .. }
                | E::RepeatedIdentifier { .. } => {
                    // Said already when one of the row's identifiers was refused.
                    if bad_identifier {
                        continue;
                    }
                    at.get(&Col::Identifier)
                        .copied()
                        .or(named.first().map(|(_, i)| *i))
                }
                _ => at.get(&Col::Category).copied(),
            };
            problem(col, "", e.message_fr());
        }
    }
    if members == 0 {
        return Err(Failure::content(
            path,
            "aucun membre après la ligne d'en-tête",
        ));
    }
    Ok(Checked { members, problems })
}

/// The member kind a row names; `Ok(None)` when the list gives no kind or category to check.
fn member_kind(
    kind: &str,
    category: &str,
    has_category: bool,
) -> Result<Option<MemberKind>, String> {
    let folded = fold_name(kind).replace(['_', '-'], " ");
    let structure_of = |text: &str| {
        let t = fold_name(text).replace(['_', '-'], " ");
        StructureKind::ALL
            .into_iter()
            .find(|s| s.key().replace('_', " ") == t || fold_name(s.label()) == t)
    };
    if kind.trim().is_empty() {
        return if has_category {
            Err("type de membre manquant".into())
        } else {
            Ok(None)
        };
    }
    let kind = match folded.trim() {
        "professionnel de sante" | "ps" => {
            if category.is_empty() {
                if has_category {
                    return Err("catégorie manquante : le code TRE_G15 de la profession (10 médecin, 60 infirmier…)".into());
                }
                return Ok(None);
            }
            MemberKind::ProfessionnelDeSante {
                profession: Code::new(CodeSystem::TreG15, category),
            }
        }
        "autre professionnel" => MemberKind::AutreProfessionnel {
            profession: if category.chars().all(|c| c.is_ascii_digit()) && !category.is_empty() {
                OtherProfession::Coded(Code::new(CodeSystem::TreR95, category))
            } else if category.is_empty() {
                return Ok(None);
            } else {
                OtherProfession::Declared {
                    label: category.to_owned(),
                }
            },
        },
        "representant usagers" | "representant des usagers" | "usager" => {
            MemberKind::RepresentantUsagers
        }
        "structure" => match structure_of(category) {
            Some(structure) => MemberKind::Structure {
                structure,
                finess_category: None,
            },
            None if category.is_empty() && !has_category => return Ok(None),
            None => {
                return Err(format!(
                    "catégorie de structure « {category} » inconnue (maison_de_sante, centre_de_sante, esms, officine…)"
                ));
            }
        },
        _ => match structure_of(kind) {
            Some(structure) => MemberKind::Structure {
                structure,
                finess_category: None,
            },
            None => {
                return Err(format!(
                    "type de membre « {kind} » inconnu (professionnel_de_sante, autre_professionnel, representant_usagers, structure)"
                ));
            }
        },
    };
    Ok(Some(kind))
}
