//! Looking communes up: by INSEE code, by name, by postcode.
//!
//! - By code: a commune actuelle or an arrondissement municipal; a former code (merged into
//!   a commune nouvelle, a commune déléguée or associée) resolves to today's commune with a
//!   warning. 584 communes déléguées share the code of their commune: the commune wins.
//! - By name: accents, case, apostrophes and hyphens ignored ([`super::fold_name`]); a name
//!   shared by several communes is an error listing them, unless a département tells them
//!   apart; the names of communes déléguées and associées resolve to their commune with a
//!   warning, and so does « Commune-Déléguée » (« Saint-Germain-en-Laye-Fourqueux »).
//! - By postcode: one postcode may cover several communes (and a commune several postcodes).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::fold::fold_name;
use super::table::FormerKind;
use super::{CommuneRef, CommuneTable};
use crate::identifiers::{InseeCommuneCode, PostalCode};

/// What a name or former code was resolved through.
///
/// JSON: `{"former_code": "78251", "kind": "deleguee", "name": "Fourqueux"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormerUnit {
    /// The former code.
    pub former_code: InseeCommuneCode,
    /// What it was.
    pub kind: FormerKind,
    /// Its name.
    pub name: String,
}

/// A commune found, and how: directly, or through a former unit (a warning to show).
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'t> {
    /// Today's commune.
    pub commune: CommuneRef<'t>,
    /// The former unit it was found through, if any ([`Resolved::warning`] describes it).
    pub(crate) via: Option<&'t super::table::FormerRec>,
}

impl Resolved<'_> {
    /// The warning to show when the commune was found through a former unit.
    /// The name is the former unit's; an ancien code (a code the commune had before: a
    /// renumbering such as the Seine codes of 1968, or a commune absorbed without a commune
    /// déléguée) has no other name in the COG, so its name is today's commune's.
    pub fn warning(&self) -> Option<FormerUnit> {
        self.via.map(|f| FormerUnit {
            former_code: f.code,
            kind: f.kind,
            name: match f.kind {
                FormerKind::AncienCode => self.commune.name().to_owned(),
                _ => self.commune.table.slice(f.name).to_owned(),
            },
        })
    }
}

/// A candidate of an ambiguous name.
///
/// JSON: `{"code": "...", "name": "...", "departement": "...", "departement_name": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameCandidate {
    /// INSEE code.
    pub code: InseeCommuneCode,
    /// Name.
    pub name: String,
    /// Département code.
    pub departement: String,
    /// Département name.
    pub departement_name: String,
}

/// A lookup without an answer.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LookupError {
    /// No commune, arrondissement or former unit has this code.
    #[error("no commune has the INSEE code {code}")]
    UnknownCode {
        /// The code.
        code: InseeCommuneCode,
    },
    /// No commune has this name (in this département).
    #[error("no commune is named « {query} »{}", departement.as_ref().map(|d| format!(" in département {d}")).unwrap_or_default())]
    UnknownName {
        /// The name given.
        query: String,
        /// The département given.
        departement: Option<String>,
    },
    /// Several communes have this name: give the département.
    #[error("« {query} » names {} communes: {}", candidates.len(), candidates.iter().map(|c| format!("{} {} ({})", c.code, c.name, c.departement)).collect::<Vec<_>>().join(", "))]
    AmbiguousName {
        /// The name given.
        query: String,
        /// The communes it names.
        candidates: Vec<NameCandidate>,
    },
}

/// Folded names, sorted, with what they name; and, for the search box only, the names
/// without their leading article (« etang la ville » for « L'Étang-la-Ville »).
#[derive(Debug)]
pub(crate) struct NameIndex {
    entries: Vec<(Box<str>, Target)>,
    aliases: Vec<(Box<str>, Target)>,
}

/// The folded name without a leading article, when it has one.
fn without_article(folded: &str) -> Option<&str> {
    ["l ", "le ", "la ", "les "]
        .iter()
        .find_map(|a| folded.strip_prefix(a))
        .filter(|rest| !rest.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Unit(u32),
    Former(u32),
}

impl CommuneTable {
    fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| {
            let mut entries: Vec<(Box<str>, Target)> =
                Vec::with_capacity(self.units.len() + self.former.len());
            for (i, u) in self.units.iter().enumerate() {
                entries.push((fold_name(self.slice(u.name)).into(), Target::Unit(i as u32)));
            }
            for (i, f) in self.former.iter().enumerate() {
                if f.kind != FormerKind::AncienCode {
                    entries.push((
                        fold_name(self.slice(f.name)).into(),
                        Target::Former(i as u32),
                    ));
                }
            }
            let by_name = |a: &(Box<str>, Target), b: &(Box<str>, Target)| {
                a.0.cmp(&b.0)
                    .then_with(|| target_key(a.1).cmp(&target_key(b.1)))
            };
            entries.sort_unstable_by(by_name);
            let mut aliases: Vec<(Box<str>, Target)> = entries
                .iter()
                .filter(|(_, t)| matches!(t, Target::Unit(_)))
                .filter_map(|(n, t)| without_article(n).map(|rest| (Box::from(rest), *t)))
                .collect();
            aliases.sort_unstable_by(by_name);
            NameIndex { entries, aliases }
        })
    }

    /// The commune actuelle or arrondissement municipal with this code.
    pub fn commune(&self, code: &InseeCommuneCode) -> Option<CommuneRef<'_>> {
        self.unit_index(code)
            .map(|idx| CommuneRef { table: self, idx })
    }

    /// The commune with this code, or today's commune for a former code (with the former
    /// unit, to warn about).
    ///
    /// ```
    /// use cpts_core::territory::CommuneTable;
    /// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
    /// let table = CommuneTable::embedded().unwrap();
    /// // Fourqueux (78251) is a commune déléguée of Saint-Germain-en-Laye since 2019.
    /// let r = table.resolve(&InseeCommuneCode::parse("78251").unwrap()).unwrap();
    /// assert_eq!(r.commune.name(), "Saint-Germain-en-Laye");
    /// assert_eq!(r.warning().unwrap().name, "Fourqueux");
    /// ```
    pub fn resolve(&self, code: &InseeCommuneCode) -> Result<Resolved<'_>, LookupError> {
        if let Some(commune) = self.commune(code) {
            return Ok(Resolved { commune, via: None });
        }
        let start = self.former.partition_point(|f| f.code < *code);
        let former = self
            .former
            .get(start)
            .filter(|f| f.code == *code)
            .ok_or(LookupError::UnknownCode { code: *code })?;
        Ok(Resolved {
            commune: CommuneRef {
                table: self,
                idx: former.chef_lieu,
            },
            via: Some(former),
        })
    }

    fn target(&self, t: Target) -> Resolved<'_> {
        match t {
            Target::Unit(idx) => Resolved {
                commune: CommuneRef { table: self, idx },
                via: None,
            },
            Target::Former(i) => {
                let f = &self.former[i as usize];
                Resolved {
                    commune: CommuneRef {
                        table: self,
                        idx: f.chef_lieu,
                    },
                    via: Some(f),
                }
            }
        }
    }

    fn exact(&self, folded: &str) -> &[(Box<str>, Target)] {
        let entries = &self.names().entries;
        let start = entries.partition_point(|(n, _)| &**n < folded);
        let end = entries.partition_point(|(n, _)| &**n <= folded);
        entries.get(start..end).unwrap_or(&[])
    }

    /// The commune with this name, accents and case ignored; `departement` (a code: `78`,
    /// `2A`, `974`) tells homonyms apart. Communes actuelles and arrondissements come first;
    /// the name of a commune déléguée or associée resolves to its commune (with a warning),
    /// and so does « Commune-Déléguée ».
    ///
    /// ```
    /// use cpts_core::territory::{CommuneTable, LookupError};
    /// let table = CommuneTable::embedded().unwrap();
    /// assert_eq!(table.find_by_name("l’etang la ville", None).unwrap().commune.code().as_str(), "78224");
    /// // Saint-Germain-en-Laye-Fourqueux, as the seed CPTS writes it.
    /// let sgl = table.find_by_name("Saint-Germain-en-Laye-Fourqueux", None).unwrap();
    /// assert_eq!(sgl.commune.code().as_str(), "78551");
    /// assert!(matches!(table.find_by_name("Saint-Denis", None), Err(LookupError::AmbiguousName { .. })));
    /// assert_eq!(table.find_by_name("Saint-Denis", Some("93")).unwrap().commune.code().as_str(), "93066");
    /// ```
    pub fn find_by_name(
        &self,
        name: &str,
        departement: Option<&str>,
    ) -> Result<Resolved<'_>, LookupError> {
        let folded = fold_name(name);
        let departement = departement
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_ascii_uppercase);
        let in_dep = |r: &Resolved<'_>| {
            departement.as_deref().is_none_or(|d| {
                r.commune.departement().code() == d
                    || r.via.is_some_and(|f| {
                        self.departements
                            .get(f.departement as usize)
                            .is_some_and(|x| self.slice(x.code) == d)
                    })
            })
        };
        let found: Vec<Resolved<'_>> = self
            .exact(&folded)
            .iter()
            .map(|(_, t)| self.target(*t))
            .filter(|r| in_dep(r))
            .collect();
        if let Some(answer) = pick(name, found) {
            return answer;
        }
        // « Commune-Déléguée »: a commune nouvelle's name followed by one of its déléguées.
        let mut composite = Vec::new();
        for (i, _) in folded.match_indices(' ') {
            let (head, tail) = (&folded[..i], &folded[i + 1..]);
            for (_, t) in self.exact(head) {
                let Target::Unit(idx) = *t else { continue };
                for (_, f) in self.exact(tail) {
                    if let Target::Former(fi) = *f {
                        let r = self.target(Target::Former(fi));
                        if r.commune.idx == idx && in_dep(&r) {
                            composite.push(r);
                        }
                    }
                }
            }
        }
        pick(name, composite).unwrap_or_else(|| {
            Err(LookupError::UnknownName {
                query: name.trim().to_owned(),
                departement,
            })
        })
    }

    /// Communes actuelles and arrondissements whose name starts with `prefix` (accents and
    /// case ignored), by name then code, at most `limit`: the search box of a portal.
    pub fn search(&self, prefix: &str, limit: usize) -> Vec<CommuneRef<'_>> {
        let folded = fold_name(prefix);
        if folded.is_empty() {
            return Vec::new();
        }
        let index = self.names();
        let matching = |list: &'_ [(Box<str>, Target)]| -> Vec<(Box<str>, u32)> {
            let start = list.partition_point(|(n, _)| &**n < folded.as_str());
            list.get(start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|(n, _)| n.starts_with(folded.as_str()))
                .filter_map(|(_, t)| match t {
                    Target::Unit(idx) => {
                        Some((Box::from(self.slice(self.units[*idx as usize].name)), *idx))
                    }
                    Target::Former(_) => None,
                })
                .take(limit)
                .collect()
        };
        let mut found = matching(&index.entries);
        found.extend(matching(&index.aliases));
        found.sort_by(|a, b| fold_name(&a.0).cmp(&fold_name(&b.0)).then(a.1.cmp(&b.1)));
        found.dedup_by_key(|f| f.1);
        found
            .into_iter()
            .take(limit)
            .map(|(_, idx)| CommuneRef { table: self, idx })
            .collect()
    }

    /// The communes actuelles and arrondissements a postcode covers, by code.
    ///
    /// ```
    /// use cpts_core::territory::CommuneTable;
    /// use cpts_core::identifiers::{PostalCode, NationalIdentifier};
    /// let table = CommuneTable::embedded().unwrap();
    /// let names: Vec<&str> = table.by_postcode(&PostalCode::parse("78240").unwrap()).iter().map(|c| c.name()).collect();
    /// assert_eq!(names, ["Aigremont", "Chambourcy"]);
    /// ```
    pub fn by_postcode(&self, postcode: &PostalCode) -> Vec<CommuneRef<'_>> {
        let key = <[u8; 5]>::try_from(postcode.as_str().as_bytes()).unwrap_or_default();
        self.postcode_units(key)
            .iter()
            .map(|(_, idx)| CommuneRef {
                table: self,
                idx: *idx,
            })
            .collect()
    }

    /// The `(postcode, unit)` entries of a postcode's five bytes, without allocating.
    pub(crate) fn postcode_units(&self, key: [u8; 5]) -> &[([u8; 5], u32)] {
        let index = self.postcodes.get_or_init(|| {
            let mut index = Vec::with_capacity(40_000);
            for (i, u) in self.units.iter().enumerate() {
                for p in self.slice(u.postcodes).split(' ') {
                    if let Ok(code) = <[u8; 5]>::try_from(p.as_bytes()) {
                        index.push((code, i as u32));
                    }
                }
            }
            index.sort_unstable();
            index
        });
        let start = index.partition_point(|(p, _)| *p < key);
        let end = index.partition_point(|(p, _)| *p <= key);
        index.get(start..end).unwrap_or(&[])
    }
}

/// One commune from the matches, preferring communes actuelles and arrondissements to former
/// units; `None` when there is none, an error listing them when there are several.
fn pick<'t>(name: &str, found: Vec<Resolved<'t>>) -> Option<Result<Resolved<'t>, LookupError>> {
    let direct: Vec<&Resolved<'t>> = found.iter().filter(|r| r.via.is_none()).collect();
    let chosen: Vec<&Resolved<'t>> = if direct.is_empty() {
        found.iter().collect()
    } else {
        direct
    };
    let mut distinct: Vec<&Resolved<'t>> = Vec::new();
    for r in chosen {
        if !distinct.iter().any(|d| d.commune.idx == r.commune.idx) {
            distinct.push(r);
        }
    }
    match distinct.as_slice() {
        [] => None,
        [one] => Some(Ok(**one)),
        many => Some(Err(LookupError::AmbiguousName {
            query: name.trim().to_owned(),
            candidates: many
                .iter()
                .map(|r| NameCandidate {
                    code: r.commune.code(),
                    name: r.commune.name().to_owned(),
                    departement: r.commune.departement().code().to_owned(),
                    departement_name: r.commune.departement().name().to_owned(),
                })
                .collect(),
        })),
    }
}

fn target_key(t: Target) -> (u8, u32) {
    match t {
        Target::Unit(i) => (0, i),
        Target::Former(i) => (1, i),
    }
}
