//! Reading a territory as callers write it: INSEE codes (today's or former ones), parts of
//! communes, repeats. One set of rules for every operation that takes a territory
//! (`territory`, `coverage`, `what_if`), in every binding.
//!
//! **Codes that cannot be mistaken.** A five-digit code is sometimes a postcode typed for an
//! INSEE code: `75013` is the postcode of Paris 13e, and also the pre-1968 Seine code of Le
//! Bourget (today 93013). Rules ([`CodePolicy`]):
//!
//! - a current INSEE code is read as such; when it is also a postcode of other communes, a
//!   warning names that other reading (`13001` is Aix-en-Provence, and the postcode of
//!   Marseille 1er);
//! - a former code (commune déléguée, associée, or an ancien code) is read as today's
//!   commune, with a warning naming the former unit — unless it is also a current postcode:
//!   then it is refused as ambiguous, naming both readings;
//! - under [`CodePolicy::CurrentOnly`], only current INSEE codes are read (a former code is
//!   refused) and no postcode reading is considered.
//!
//! **Repeats.** A commune given twice, exactly or through a former code, is counted once, and
//! a warning names both entries: the one kept (the commune's own code when it was given,
//! else the smallest code given for it) and the repeat, with how many times it came. Nothing
//! depends on the order of the list (codes are read in code order). A commune and one of its
//! arrondissements are refused (their inhabitants would count twice, and neither is a
//! repeat of the other).
//!
//! **A former commune given alone.** A commune associée or déléguée is not a commune: given
//! without its commune, it resolves to the whole commune, which is counted. The report says
//! so in its own field, not only in a warning, and suggests a part instead.
//!
//! These are library rules (no text sets how a territory is written); they are documented
//! here and in each operation.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::analysis::{TerritoryError, TerritoryWarning};
use super::lookup::Resolved;
use super::parts::{CommunePart, PartReport, text_problem};
use super::table::FormerKind;
use super::{CommuneRef, CommuneTable};
use crate::identifiers::InseeCommuneCode;

/// How the codes of a territory are read (see the module documentation).
///
/// JSON: `"current_and_former"` (the default) or `"current_only"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CodePolicy {
    /// Current INSEE codes, and former codes resolved to today's commune (refused when the
    /// former code is also a current postcode).
    #[default]
    CurrentAndFormer,
    /// Current INSEE codes only (communes actuelles and arrondissements municipaux).
    CurrentOnly,
}

/// A commune or arrondissement, by code and name.
///
/// JSON: `{"code": "75113", "name": "Paris 13e Arrondissement"}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommuneName {
    /// INSEE code.
    pub code: InseeCommuneCode,
    /// Name.
    pub name: String,
}

impl CommuneName {
    pub(crate) fn of(c: &CommuneRef<'_>) -> Self {
        CommuneName {
            code: c.code(),
            name: c.name().to_owned(),
        }
    }
}

/// A whole commune counted because one of its communes associées or déléguées was given
/// alone.
///
/// JSON: `{"given": "59298", "former_name": "Hellemmes-Lille", "kind": "associee",
/// "commune": "59350", "commune_name": "Lille", "population": 238246, "advice": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WholeCommuneCounted {
    /// The code given.
    pub given: InseeCommuneCode,
    /// The name of the former commune.
    pub former_name: String,
    /// Commune associée or déléguée.
    pub kind: FormerKind,
    /// The commune counted in its place.
    pub commune: InseeCommuneCode,
    /// Its name.
    pub commune_name: String,
    /// The population counted (the whole commune's).
    pub population: u64,
    /// What to do instead, in French.
    pub advice: String,
    /// The same, in English.
    pub advice_en: String,
}

/// The communes and arrondissements whose postcode `code` is (but `except`).
fn postcode_readings<'t>(
    table: &'t CommuneTable,
    code: &InseeCommuneCode,
    except: Option<u32>,
) -> Vec<CommuneRef<'t>> {
    // Paris, Lyon and Marseille carry their arrondissements' postcodes: the arrondissement
    // is the reading to name. (The index is keyed by the five bytes: a code with a letter,
    // 2A or 2B, is no postcode.)
    table
        .postcode_units(code.bytes())
        .iter()
        .filter(|(_, idx)| Some(*idx) != except && table.arrondissements_of(*idx).is_empty())
        .map(|(_, idx)| CommuneRef { table, idx: *idx })
        .collect()
}

/// True when unit `idx`'s code is also the postcode of another commune or arrondissement
/// (a flag per unit, computed once per table).
fn also_a_postcode(table: &CommuneTable, idx: u32) -> bool {
    let flags = table.code_also_postcode.get_or_init(|| {
        table
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                table
                    .postcode_units(u.code.bytes())
                    .iter()
                    .any(|(_, other)| {
                        *other != i as u32 && table.arrondissements_of(*other).is_empty()
                    })
            })
            .collect()
    });
    flags.get(idx as usize).copied().unwrap_or(false)
}

/// Reads one code under `policy`: today's commune, and the warning to give when it was
/// read through a former code or is also another commune's postcode.
pub fn read_code<'t>(
    table: &'t CommuneTable,
    code: &InseeCommuneCode,
    policy: CodePolicy,
) -> Result<(Resolved<'t>, Option<TerritoryWarning>), TerritoryError> {
    let resolved = table.resolve(code)?;
    let Some(via) = resolved.warning() else {
        if policy == CodePolicy::CurrentOnly || !also_a_postcode(table, resolved.commune.idx) {
            return Ok((resolved, None));
        }
        let others = postcode_readings(table, code, Some(resolved.commune.idx));
        let warning = (!others.is_empty()).then(|| TerritoryWarning::AlsoAPostcode {
            code: *code,
            commune: resolved.commune.name().to_owned(),
            postcode_of: others.iter().map(CommuneName::of).collect(),
        });
        return Ok((resolved, warning));
    };
    let commune = CommuneName::of(&resolved.commune);
    if policy == CodePolicy::CurrentOnly {
        return Err(TerritoryError::FormerCodeRefused {
            code: *code,
            former: via,
            commune,
        });
    }
    let others = postcode_readings(table, code, None);
    if !others.is_empty() {
        return Err(TerritoryError::AmbiguousCode {
            code: *code,
            former: via,
            commune,
            postcode_of: others.iter().map(CommuneName::of).collect(),
        });
    }
    Ok((
        resolved,
        Some(TerritoryWarning::FormerCode {
            given: *code,
            commune: commune.code,
            via,
        }),
    ))
}

/// A territory read: its whole units, its parts, and what to tell the caller.
#[derive(Debug, Default)]
pub(crate) struct ReadTerritory {
    /// Table units listed whole, by index (increasing), with the code kept for each.
    pub whole: Vec<(u32, InseeCommuneCode)>,
    /// Parts, by unit index (increasing), each unit's in the order given (repeats dropped).
    pub parts: Vec<(u32, PartReport)>,
    /// Warnings: the codes' in code order, then the parts'.
    pub warnings: Vec<TerritoryWarning>,
    /// Whole communes counted for a commune associée or déléguée given alone.
    pub counted_whole: Vec<WholeCommuneCounted>,
}

impl ReadTerritory {
    /// True when the unit is listed whole.
    pub(crate) fn holds_whole(&self, idx: u32) -> bool {
        self.whole.binary_search_by_key(&idx, |(i, _)| *i).is_ok()
    }

    /// The population: the whole units' and the parts' declared populations.
    pub(crate) fn population(&self, table: &CommuneTable) -> u64 {
        let whole: u64 = self
            .whole
            .iter()
            .filter_map(|(idx, _)| CommuneRef { table, idx: *idx }.population())
            .map(u64::from)
            .sum();
        let parts: u64 = self.parts.iter().map(|(_, p)| p.population).sum();
        whole.saturating_add(parts)
    }
}

/// Position `i` of a list, as the `u32` the sorted pairs hold (a list of 4 billion entries
/// cannot be in memory; saturating keeps it total).
fn at(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Reads a territory's codes and parts under `policy` (see the module documentation).
///
/// Sorting, not maps: codes are grouped as `(code bytes, position)` pairs and units as
/// `(unit, position)` pairs, element types the library sorts elsewhere (each sorted element
/// type is compiled once into the wasm).
pub(crate) fn read_territory(
    codes: &[InseeCommuneCode],
    parts: &[CommunePart],
    table: &CommuneTable,
    policy: CodePolicy,
) -> Result<ReadTerritory, TerritoryError> {
    if codes.is_empty() && parts.is_empty() {
        return Err(TerritoryError::Empty);
    }
    let mut read = ReadTerritory::default();
    // Each distinct code is read once, in code order, so that nothing depends on the order
    // of the list: how often it was given, the unit it reads as, the former unit it reads
    // through.
    let mut by_code: Vec<([u8; 5], u32)> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.bytes(), at(i)))
        .collect();
    by_code.sort_unstable();
    type Reading = (InseeCommuneCode, u64, Option<super::lookup::FormerUnit>);
    let mut readings: Vec<Reading> = Vec::new();
    let mut units: Vec<(u32, u32)> = Vec::new();
    for group in by_code.chunk_by(|a, b| a.0 == b.0) {
        let Some(code) = group.first().and_then(|(_, i)| codes.get(*i as usize)) else {
            continue;
        };
        let (r, warning) = read_code(table, code, policy)?;
        read.warnings.extend(warning);
        units.push((r.commune.idx, at(readings.len())));
        readings.push((*code, group.len() as u64, r.warning()));
    }
    // Per unit (its codes in code order), the entry kept is the unit's own code when given,
    // else the smallest code given; every other entry repeats it.
    units.sort_unstable();
    let mut through_former: Vec<(u32, InseeCommuneCode, super::lookup::FormerUnit)> = Vec::new();
    for group in units.chunk_by(|a, b| a.0 == b.0) {
        let idx = group[0].0;
        let reading = |k: usize| group.get(k).and_then(|(_, r)| readings.get(*r as usize));
        let kept = (0..group.len())
            .find(|k| reading(*k).is_some_and(|(_, _, via)| via.is_none()))
            .unwrap_or(0);
        let Some((kept_code, _, kept_via)) = reading(kept) else {
            continue;
        };
        let kept_code = *kept_code;
        read.whole.push((idx, kept_code));
        if let Some(f) = kept_via
            .as_ref()
            .filter(|f| f.kind != FormerKind::AncienCode)
        {
            through_former.push((idx, kept_code, f.clone()));
        }
        let commune = CommuneRef { table, idx }.code();
        for (i, (code, count, _)) in (0..group.len()).filter_map(|k| reading(k).map(|r| (k, r))) {
            let times = count - u64::from(i == kept);
            if times > 0 {
                read.warnings.push(TerritoryWarning::Repeated {
                    commune,
                    first: kept_code,
                    second: *code,
                    times,
                });
            }
        }
    }
    // A commune and one of its arrondissements.
    for (idx, _) in &read.whole {
        let c = CommuneRef { table, idx: *idx };
        if let Some(parent) = c.parent().filter(|p| read.holds_whole(p.idx)) {
            return Err(TerritoryError::CommuneAndArrondissement {
                commune: parent.code(),
                arrondissement: c.code(),
            });
        }
    }
    read_parts(parts, table, policy, &mut read)?;
    for (idx, given, former) in through_former {
        let c = CommuneRef { table, idx };
        let population = c.population().unwrap_or(0);
        let advice = crate::messages::rules::counted_whole(
            given.as_str(),
            &former.name,
            c.name(),
            c.code().as_str(),
            population,
        );
        read.counted_whole.push(WholeCommuneCounted {
            given,
            former_name: former.name.clone(),
            kind: former.kind,
            commune: c.code(),
            commune_name: c.name().to_owned(),
            population: u64::from(c.population().unwrap_or(0)),
            advice: advice.fr().to_owned(),
            advice_en: advice.en().to_owned(),
        });
    }
    Ok(read)
}

fn read_parts(
    parts: &[CommunePart],
    table: &CommuneTable,
    policy: CodePolicy,
    read: &mut ReadTerritory,
) -> Result<(), TerritoryError> {
    if parts.is_empty() {
        return Ok(());
    }
    let invalid = |i: usize, f: &str, value: String, rule: crate::messages::Bilingual| {
        TerritoryError::InvalidPart {
            field: format!("parts[{i}].{f}"),
            value,
            rule,
        }
    };
    // Each part on its own, in the order given.
    let mut reports: Vec<PartReport> = Vec::with_capacity(parts.len());
    let mut units: Vec<(u32, u32)> = Vec::with_capacity(parts.len());
    // Every IRIS given, with its part, and every (unit, name) key, for the repeats.
    let mut iris_owner: Vec<usize> = Vec::new();
    let mut iris_text: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        if let Some((f, value)) = text_problem(part) {
            return Err(invalid(i, f, value, crate::messages::rules::PART_TEXT));
        }
        let (r, warning) = read_code(table, &part.commune, policy)?;
        read.warnings.extend(warning);
        let c = r.commune;
        let part_name = || crate::identifiers::shown(&part.name);
        if !c.arrondissements().is_empty() {
            return Err(TerritoryError::PartOfCityWithArrondissements {
                commune: c.code(),
                part: part_name(),
            });
        }
        if read.holds_whole(c.idx) {
            return Err(TerritoryError::WholeAndInPart {
                commune: c.code(),
                part: part_name(),
            });
        }
        if let Some(city) = c.parent().filter(|p| read.holds_whole(p.idx)) {
            return Err(TerritoryError::CommuneAndArrondissement {
                commune: city.code(),
                arrondissement: c.code(),
            });
        }
        for iris in &part.iris {
            if iris.commune() != Some(c.code()) {
                return Err(invalid(
                    i,
                    "iris",
                    iris.to_string(),
                    crate::messages::rules::iris_of(c.name(), c.code().as_str()),
                ));
            }
            iris_owner.push(i);
            iris_text.push(iris.to_string());
        }
        names.push(format!("{}:{}", c.idx, super::fold_name(&part.name)));
        units.push((c.idx, at(i)));
        reports.push(PartReport {
            commune: c.code(),
            commune_name: c.name().to_owned(),
            commune_population: u64::from(c.population().unwrap_or(0)),
            name: part.name.clone(),
            population: part.population,
            source: Arc::new(part.source.clone()),
            iris: part.iris.clone(),
        });
    }
    // An IRIS in two parts.
    let iris_refs: Vec<&str> = iris_text.iter().map(String::as_str).collect();
    let iris_first = crate::aci::ids::SortedIds::new(iris_refs.iter().copied());
    if let Some(k) = crate::aci::ids::repeats(&iris_refs).iter().position(|r| *r) {
        let first = iris_first
            .get(iris_refs[k])
            .and_then(|j| iris_owner.get(j))
            .copied()
            .unwrap_or(0);
        return Err(invalid(
            iris_owner[k],
            "iris",
            iris_text[k].clone(),
            crate::messages::rules::iris_already_in(first),
        ));
    }
    // The same part (same commune, same name) twice: a repeat when the population is the
    // same, an error otherwise.
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let name_first = crate::aci::ids::SortedIds::new(name_refs.iter().copied());
    let repeated = crate::aci::ids::repeats(&name_refs);
    for (i, is_repeat) in repeated.iter().enumerate() {
        if !*is_repeat {
            continue;
        }
        let first = name_first.get(name_refs[i]).unwrap_or(0);
        if parts[first].population != parts[i].population {
            return Err(invalid(
                i,
                "population",
                parts[i].population.to_string(),
                crate::messages::rules::same_part_other_population(
                    first,
                    parts[i].commune.as_str(),
                    parts[first].population,
                ),
            ));
        }
        read.warnings.push(TerritoryWarning::RepeatedPart {
            commune: reports[i].commune,
            name: crate::identifiers::shown(&parts[i].name),
        });
    }
    // Per unit, in the order given: the parts add up to at most the commune.
    units.sort_unstable();
    for group in units.chunk_by(|a, b| a.0 == b.0) {
        let kept: Vec<usize> = group
            .iter()
            .map(|(_, i)| *i as usize)
            .filter(|i| !repeated.get(*i).copied().unwrap_or(false))
            .collect();
        let total = kept
            .iter()
            .fold(0u64, |t, i| t.saturating_add(reports[*i].population));
        let Some(first) = kept.first().map(|i| &reports[*i]) else {
            continue;
        };
        if total > first.commune_population {
            return Err(TerritoryError::PartsExceedCommune {
                commune: first.commune,
                parts_population: total,
                commune_population: first.commune_population,
            });
        }
        for i in kept {
            read.parts.push((group[0].0, reports[i].clone()));
        }
    }
    Ok(())
}
