//! Coverage of an area (France, a région, a département) by many CPTS: for each commune the
//! CPTS covering it; overlaps (communes in two or more CPTS, with the population at stake);
//! white zones (communes covered by none); totals per département and région and the share
//! of the population covered; and a what-if on one CPTS's territory.
//!
//! « Couvrir l'intégralité du territoire sans chevauchement ni zone blanche » is an objective
//! (ARS Hauts-de-France, seed 001), not a legal rule (`aci-rules.md` §11): overlaps are
//! reported, never refused. The unit of coverage is the commune actuelle, except in Paris,
//! Lyon and Marseille where it is the arrondissement municipal (a CPTS listing Paris covers
//! its twenty arrondissements). A unit in an overlap counts once in the covered population.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::analysis::{TerritoryError, TerritoryWarning, analyse_territory};
use super::table::CommuneKind;
use super::{CommuneRef, CommuneTable};
use crate::aci::{ParameterSet, Taille};
use crate::identifiers::InseeCommuneCode;

/// The area of a coverage report.
///
/// JSON: `{"area": "france"}`, `{"area": "region", "code": "11"}`,
/// `{"area": "departement", "code": "78"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "area", rename_all = "snake_case", deny_unknown_fields)]
pub enum Area {
    /// Every commune of the table.
    France,
    /// One région.
    Region {
        /// Its code.
        code: String,
    },
    /// One département.
    Departement {
        /// Its code.
        code: String,
    },
}

/// One CPTS's territory, for coverage.
///
/// JSON: `{"cpts": "cpts-boucle", "communes": ["78551", ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// Named apart from the `coverage` operation's input in the JSON Schemas and TypeScript.
#[schemars(rename = "CoverageTerritory")]
pub struct CoverageInput {
    /// The CPTS's identifier.
    pub cpts: String,
    /// Its communes (INSEE codes; former codes are resolved).
    pub communes: Vec<InseeCommuneCode>,
}

/// A unit covered by two or more CPTS.
///
/// JSON: `{"commune": "78551", "name": "...", "population": 45931, "cpts": [0, 1]}` (indexes
/// into [`CoverageReport::cpts`]: each CPTS id is written once in a report, however many
/// units it shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overlap {
    /// The commune or arrondissement.
    pub commune: InseeCommuneCode,
    /// Its name.
    pub name: String,
    /// Its population (the population at stake).
    pub population: u64,
    /// The CPTS covering it, as indexes into [`CoverageReport::cpts`], in increasing order
    /// (so by id).
    pub cpts: Vec<u32>,
}

/// A unit covered by no CPTS.
///
/// JSON: `{"commune": "...", "name": "...", "population": 1234, "departement": "78"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhiteZone {
    /// The commune or arrondissement.
    pub commune: InseeCommuneCode,
    /// Its name.
    pub name: String,
    /// Its population.
    pub population: u64,
    /// Its département.
    pub departement: String,
}

/// Totals of an area.
///
/// JSON: `{"code": "78", "name": "Yvelines", "units": 259, "units_covered": 120,
/// "population": 1448625, "covered": 900000, "white": 548625, "overlapped": 12000,
/// "share_covered": "0.6213"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaTotals {
    /// Code (empty for France).
    pub code: String,
    /// Name.
    pub name: String,
    /// Units (communes, arrondissements in Paris, Lyon and Marseille).
    pub units: u32,
    /// Units covered by at least one CPTS.
    pub units_covered: u32,
    /// Population.
    pub population: u64,
    /// Population of the covered units (each once).
    pub covered: u64,
    /// Population of the white zones.
    pub white: u64,
    /// Population of the units covered by two or more CPTS.
    pub overlapped: u64,
    /// Covered / population, rounded to 4 decimals (0 when the population is 0).
    #[serde(with = "crate::aci::money::decimal_string")]
    #[schemars(with = "crate::aci::money::DecimalString")]
    pub share_covered: Decimal,
}

/// A warning about one CPTS's territory.
///
/// JSON: `{"cpts": 0, "warning": {...}}` (`cpts`: an index into [`CoverageReport::cpts`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageWarning {
    /// The CPTS, as an index into [`CoverageReport::cpts`].
    pub cpts: u32,
    /// The warning.
    pub warning: TerritoryWarning,
}

/// One unit covered by one CPTS.
///
/// JSON: `{"commune": "78551", "cpts": 0}` (an index into [`CoverageReport::cpts`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Assignment {
    /// The commune or arrondissement.
    pub commune: InseeCommuneCode,
    /// Index of the CPTS in [`CoverageReport::cpts`].
    pub cpts: u32,
}

/// The coverage of an area.
///
/// Size: each CPTS id is written once (in `cpts`); everything else refers to it by index.
/// A report therefore holds at most the ids given, one assignment per (unit, CPTS) pair
/// given, one warning per distinct former code given, and a bounded record per unit of the area
/// (its overlap or white zone) and per département and région: linear in the request plus
/// the area, whatever the ids' lengths.
///
/// JSON: `{"area": {...}, "population_series": "...", "cpts": [...], "assignments": [...],
/// "totals": {...}, "by_region": [...], "by_departement": [...], "overlaps": [...],
/// "white_zones": [...], "warnings": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageReport {
    /// The area.
    pub area: Area,
    /// Series and millésime of the populations.
    pub population_series: String,
    /// The CPTS, sorted by id.
    pub cpts: Vec<String>,
    /// Which CPTS covers which unit of the area, by commune code then CPTS.
    pub assignments: Vec<Assignment>,
    /// Totals of the area.
    pub totals: AreaTotals,
    /// Totals per région of the area, by code.
    pub by_region: Vec<AreaTotals>,
    /// Totals per département of the area, by code.
    pub by_departement: Vec<AreaTotals>,
    /// Units covered by two or more CPTS, by code.
    pub overlaps: Vec<Overlap>,
    /// Units covered by none, by code.
    pub white_zones: Vec<WhiteZone>,
    /// Former codes resolved, by CPTS (index), then by code given; a code given several
    /// times by one CPTS is one warning.
    pub warnings: Vec<CoverageWarning>,
}

impl CoverageReport {
    /// The ids of the CPTS of an overlap.
    pub fn overlap_ids<'a>(&'a self, overlap: &'a Overlap) -> impl Iterator<Item = &'a str> {
        overlap
            .cpts
            .iter()
            .filter_map(|i| self.cpts.get(*i as usize).map(String::as_str))
    }

    /// The CPTS covering a unit (sorted ids).
    pub fn cpts_of(&self, commune: &InseeCommuneCode) -> Vec<&str> {
        let start = self.assignments.partition_point(|a| a.commune < *commune);
        self.assignments
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|a| a.commune == *commune)
            .filter_map(|a| self.cpts.get(a.cpts as usize).map(String::as_str))
            .collect()
    }
}

/// A coverage that cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum CoverageError {
    /// A CPTS's territory names an unknown commune.
    #[error("CPTS {cpts}: {cause}")]
    Territory {
        /// The CPTS.
        cpts: String,
        /// What is wrong.
        cause: TerritoryError,
    },
    /// Two inputs for one CPTS.
    #[error("CPTS {cpts} is given twice")]
    DuplicateCpts {
        /// The CPTS.
        cpts: String,
    },
    /// A list longer than a report can number (2³² − 1 entries).
    #[error("{what}: more than 4 294 967 295 entries")]
    TooLarge {
        /// The list.
        what: &'static str,
    },
    /// An area code the table does not know.
    #[error("unknown {what} « {code} »")]
    UnknownArea {
        /// Région or département.
        what: &'static str,
        /// The code.
        code: String,
    },
}

/// The code a coverage warning is about (the code given, for a former code).
fn warning_code(w: &TerritoryWarning) -> InseeCommuneCode {
    match w {
        TerritoryWarning::FormerCode { given, .. } => *given,
        TerritoryWarning::NoPopulation { commune } => *commune,
    }
}

/// Sorts the warnings from `first` on (those of one CPTS) by code, keeping one per code: a
/// code given several times is one warning, so that warnings are bounded by the table's
/// former codes however long the lists. (Sorted as `(code bytes, position)` pairs, an
/// element type the library sorts elsewhere: no new sorting code in the wasm.)
fn by_code_once(warnings: &mut Vec<CoverageWarning>, first: usize) {
    let mine = warnings.split_off(first.min(warnings.len()));
    // Positions beyond u32 (4 billion warnings) cannot fit in memory; saturate, never panic.
    let position = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut keys: Vec<([u8; 5], u32)> = mine
        .iter()
        .enumerate()
        .map(|(i, w)| (warning_code(&w.warning).bytes(), position(i)))
        .collect();
    keys.sort_unstable();
    keys.dedup_by_key(|(code, _)| *code);
    let mut mine: Vec<Option<CoverageWarning>> = mine.into_iter().map(Some).collect();
    warnings.extend(
        keys.iter()
            .filter_map(|(_, i)| mine.get_mut(*i as usize).and_then(Option::take)),
    );
}

/// The coverage units of a table unit: itself, or its arrondissements.
fn units_of(table: &CommuneTable, idx: u32, out: &mut Vec<u32>) {
    let arr = table.arrondissements_of(idx);
    if arr.is_empty() {
        out.push(idx);
    } else {
        out.extend(arr.iter().map(|(_, a)| *a));
    }
}

/// Resolves one CPTS's communes into coverage units; `rank` is its index in the report.
fn resolve_units(
    table: &CommuneTable,
    input: &CoverageInput,
    rank: u32,
    warnings: &mut Vec<CoverageWarning>,
) -> Result<Vec<u32>, CoverageError> {
    let mut units = Vec::with_capacity(input.communes.len());
    for code in &input.communes {
        let r = table.resolve(code).map_err(|e| CoverageError::Territory {
            cpts: crate::identifiers::shown(&input.cpts),
            cause: TerritoryError::Unknown(e),
        })?;
        if let Some(via) = r.warning() {
            warnings.push(CoverageWarning {
                cpts: rank,
                warning: TerritoryWarning::FormerCode {
                    given: *code,
                    commune: r.commune.code(),
                    via,
                },
            });
        }
        units_of(table, r.commune.idx, &mut units);
    }
    Ok(units)
}

fn share(covered: u64, population: u64) -> Decimal {
    if population == 0 {
        return Decimal::new(0, 4);
    }
    let mut share = (Decimal::from(covered) / Decimal::from(population))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    share.rescale(4);
    share
}

#[derive(Default, Clone, Copy)]
struct Acc {
    units: u32,
    units_covered: u32,
    population: u64,
    covered: u64,
    overlapped: u64,
}

impl Acc {
    fn add(&mut self, population: u64, count: u32) {
        self.units += 1;
        self.population += population;
        if count >= 1 {
            self.units_covered += 1;
            self.covered += population;
        }
        if count >= 2 {
            self.overlapped += population;
        }
    }

    fn totals(self, code: &str, name: &str) -> AreaTotals {
        AreaTotals {
            code: code.to_owned(),
            name: name.to_owned(),
            units: self.units,
            units_covered: self.units_covered,
            population: self.population,
            covered: self.covered,
            white: self.population - self.covered,
            overlapped: self.overlapped,
            share_covered: share(self.covered, self.population),
        }
    }
}

/// The coverage of `area` by these CPTS. Results do not depend on the order of the inputs
/// or of their communes.
///
/// ```
/// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
/// use cpts_core::territory::{Area, CommuneTable, CoverageInput, coverage};
/// let table = CommuneTable::embedded().unwrap();
/// let c = |s: &str| InseeCommuneCode::parse(s).unwrap();
/// let inputs = vec![
///     CoverageInput { cpts: "boucle".into(), communes: vec![c("78551"), c("78481")] },
///     CoverageInput { cpts: "marly".into(), communes: vec![c("78372"), c("78481")] },
/// ];
/// let report = coverage(&inputs, &table, &Area::Departement { code: "78".into() }).unwrap();
/// assert_eq!(report.overlaps.len(), 1); // Le Pecq is in both
/// assert_eq!(report.cpts_of(&c("78481")), ["boucle", "marly"]);
/// assert_eq!(report.totals.covered + report.totals.white, report.totals.population);
/// ```
pub fn coverage(
    inputs: &[CoverageInput],
    table: &CommuneTable,
    area: &Area,
) -> Result<CoverageReport, CoverageError> {
    // The area filter, by département and région index.
    let (dep_filter, region_filter) = match area {
        Area::France => (None, None),
        Area::Departement { code } => {
            let d = table
                .departements
                .iter()
                .position(|d| table.slice(d.code) == code.trim())
                .ok_or_else(|| CoverageError::UnknownArea {
                    what: "département",
                    code: code.clone(),
                })?;
            (Some(d as u32), None)
        }
        Area::Region { code } => {
            let r = table
                .regions
                .iter()
                .position(|r| table.slice(r.code) == code.trim())
                .ok_or_else(|| CoverageError::UnknownArea {
                    what: "région",
                    code: code.clone(),
                })?;
            (None, Some(r as u32))
        }
    };
    let in_area = |dep: u32| {
        dep_filter.is_none_or(|d| d == dep)
            && region_filter.is_none_or(|r| {
                table
                    .departements
                    .get(dep as usize)
                    .is_some_and(|d| d.region == r)
            })
    };

    // CPTS sorted by id, so that answers do not depend on input order.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by(|a, b| inputs[*a].cpts.cmp(&inputs[*b].cpts));
    let mut cpts = Vec::with_capacity(inputs.len());
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut warnings = Vec::new();
    for (rank, i) in order.iter().enumerate() {
        let input = &inputs[*i];
        if cpts.last().is_some_and(|last: &String| *last == input.cpts) {
            return Err(CoverageError::DuplicateCpts {
                cpts: crate::identifiers::shown(&input.cpts),
            });
        }
        let rank = u32::try_from(rank).map_err(|_| CoverageError::TooLarge { what: "cpts" })?;
        cpts.push(input.cpts.clone());
        let first = warnings.len();
        for u in resolve_units(table, input, rank, &mut warnings)? {
            pairs.push((u, rank));
        }
        by_code_once(&mut warnings, first);
    }
    pairs.sort_unstable();
    pairs.dedup();

    // Walk every unit of the area once, with the CPTS covering it.
    let mut totals = Acc::default();
    let mut by_dep = vec![Acc::default(); table.departements.len()];
    let mut by_region = vec![Acc::default(); table.regions.len()];
    let mut assignments = Vec::with_capacity(pairs.len());
    let mut overlaps = Vec::new();
    let mut white_zones = Vec::new();
    let mut p = 0usize;
    for (idx, unit) in table.units.iter().enumerate() {
        let idx = idx as u32;
        let start = p;
        while pairs.get(p).is_some_and(|(u, _)| *u == idx) {
            p += 1;
        }
        let is_unit = unit.kind == CommuneKind::ArrondissementMunicipal
            || table.arrondissements_of(idx).is_empty();
        if !is_unit || !in_area(unit.departement) {
            continue;
        }
        let covering = pairs.get(start..p).unwrap_or(&[]);
        let count = u32::try_from(covering.len()).unwrap_or(u32::MAX);
        let population = u64::from(
            Some(unit.population)
                .filter(|p| *p != u32::MAX)
                .unwrap_or(0),
        );
        totals.add(population, count);
        if let Some(d) = by_dep.get_mut(unit.departement as usize) {
            d.add(population, count);
        }
        let region = table
            .departements
            .get(unit.departement as usize)
            .map_or(u32::MAX, |d| d.region);
        if let Some(r) = by_region.get_mut(region as usize) {
            r.add(population, count);
        }
        assignments.extend(covering.iter().map(|(_, c)| Assignment {
            commune: unit.code,
            cpts: *c,
        }));
        let name = || table.slice(unit.name).to_owned();
        match count {
            0 => white_zones.push(WhiteZone {
                commune: unit.code,
                name: name(),
                population,
                departement: table
                    .departements
                    .get(unit.departement as usize)
                    .map_or("", |d| table.slice(d.code))
                    .to_owned(),
            }),
            1 => {}
            _ => overlaps.push(Overlap {
                commune: unit.code,
                name: name(),
                population,
                cpts: covering.iter().map(|(_, c)| *c).collect(),
            }),
        }
    }
    let by_departement = table
        .departements
        .iter()
        .zip(&by_dep)
        .filter(|(_, a)| a.units > 0)
        .map(|(d, a)| a.totals(table.slice(d.code), table.slice(d.name)))
        .collect();
    let by_region = table
        .regions
        .iter()
        .zip(&by_region)
        .filter(|(_, a)| a.units > 0)
        .map(|(r, a)| a.totals(table.slice(r.code), table.slice(r.name)))
        .collect();
    let (code, name) = match area {
        Area::France => (String::new(), "France".to_owned()),
        Area::Departement { .. } => dep_filter
            .and_then(|d| table.departements.get(d as usize))
            .map_or_else(Default::default, |d| {
                (
                    table.slice(d.code).to_owned(),
                    table.slice(d.name).to_owned(),
                )
            }),
        Area::Region { .. } => region_filter
            .and_then(|r| table.regions.get(r as usize))
            .map_or_else(Default::default, |r| {
                (
                    table.slice(r.code).to_owned(),
                    table.slice(r.name).to_owned(),
                )
            }),
    };
    Ok(CoverageReport {
        area: area.clone(),
        population_series: table.provenance().population.clone(),
        cpts,
        assignments,
        totals: totals.totals(&code, &name),
        by_region,
        by_departement,
        overlaps,
        white_zones,
        warnings,
    })
}

/// A territory's population and band.
///
/// JSON: `{"population": 108515, "taille": 3 | null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// Population municipale.
    pub population: u64,
    /// Band under the parameter set.
    pub taille: Option<Taille>,
}

/// Communes shared with a neighbouring CPTS.
///
/// JSON: `{"cpts": "...", "communes": ["78481"], "population": 16059}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NeighbourOverlap {
    /// The neighbour.
    pub cpts: String,
    /// The units both cover, by code.
    pub communes: Vec<InseeCommuneCode>,
    /// Their population.
    pub population: u64,
}

/// What adding and removing communes does to a CPTS.
///
/// JSON: `{"before": {...}, "after": {...}, "band_changes": false, "overlaps_after": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    /// Population and band now.
    pub before: Figures,
    /// Population and band after the change.
    pub after: Figures,
    /// True when the band changes.
    pub band_changes: bool,
    /// The neighbours the changed territory overlaps, by id.
    pub overlaps_after: Vec<NeighbourOverlap>,
}

/// What adding `add` and removing `remove` from `territory` does to its population and band
/// under `set`, and which of the `neighbours` it then overlaps. Adding a commune already
/// there, or removing one that is not, is an error naming it.
pub fn what_if(
    territory: &[InseeCommuneCode],
    add: &[InseeCommuneCode],
    remove: &[InseeCommuneCode],
    neighbours: &[CoverageInput],
    table: &CommuneTable,
    set: &ParameterSet,
) -> Result<WhatIf, CoverageError> {
    let wrap = |cause: TerritoryError| CoverageError::Territory {
        cpts: "what-if".into(),
        cause,
    };
    let before = analyse_territory(territory, table, Some(set)).map_err(wrap)?;
    // Each code removed takes out one occurrence of it (the first), by sorted positions:
    // `O(n log n)` for any number of removals.
    let Ok(count) = u32::try_from(territory.len()) else {
        return Err(CoverageError::TooLarge { what: "communes" });
    };
    let mut positions: Vec<([u8; 5], u32)> = territory
        .iter()
        .zip(0..count)
        .map(|(c, i)| (c.bytes(), i))
        .collect();
    positions.sort_unstable();
    let mut removed = vec![false; territory.len()];
    for code in remove {
        let key = code.bytes();
        let first = positions.partition_point(|(c, _)| *c < key);
        let free = positions
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(c, _)| *c == key)
            .map(|(_, i)| *i as usize)
            .find(|i| !removed[*i]);
        let Some(i) = free else {
            return Err(wrap(TerritoryError::Unknown(
                super::LookupError::UnknownName {
                    query: format!("{code} (not in the territory)"),
                    departement: None,
                },
            )));
        };
        removed[i] = true;
    }
    let mut after_codes: Vec<InseeCommuneCode> = territory
        .iter()
        .zip(&removed)
        .filter(|(_, gone)| !**gone)
        .map(|(c, _)| *c)
        .collect();
    after_codes.extend_from_slice(add);
    let after = analyse_territory(&after_codes, table, Some(set)).map_err(wrap)?;
    let mut mine = Vec::new();
    let mut ignored = Vec::new();
    for code in &after_codes {
        if let Ok(r) = table.resolve(code) {
            units_of(table, r.commune.idx, &mut mine);
        }
    }
    mine.sort_unstable();
    let mut overlaps_after = Vec::new();
    let mut sorted: Vec<&CoverageInput> = neighbours.iter().collect();
    sorted.sort_by(|a, b| a.cpts.cmp(&b.cpts));
    for n in sorted {
        let mut theirs = resolve_units(table, n, 0, &mut ignored)?;
        theirs.sort_unstable();
        theirs.dedup();
        let shared: Vec<u32> = theirs
            .into_iter()
            .filter(|u| mine.binary_search(u).is_ok())
            .collect();
        if !shared.is_empty() {
            let communes: Vec<CommuneRef<'_>> = shared
                .iter()
                .map(|u| CommuneRef { table, idx: *u })
                .collect();
            overlaps_after.push(NeighbourOverlap {
                cpts: n.cpts.clone(),
                communes: communes.iter().map(|c| c.code()).collect(),
                population: communes
                    .iter()
                    .map(|c| u64::from(c.population().unwrap_or(0)))
                    .sum(),
            });
        }
    }
    let before = Figures {
        population: before.population,
        taille: before.taille,
    };
    let after = Figures {
        population: after.population,
        taille: after.taille,
    };
    Ok(WhatIf {
        band_changes: before.taille != after.taille,
        before,
        after,
        overlaps_after,
    })
}

impl From<CoverageError> for TerritoryError {
    fn from(e: CoverageError) -> Self {
        match e {
            CoverageError::Territory { cause, .. } => cause,
            other => TerritoryError::Unknown(super::LookupError::UnknownName {
                query: other.to_string(),
                departement: None,
            }),
        }
    }
}

/// A map from département code to totals, for tests and reports.
pub fn totals_by_code(list: &[AreaTotals]) -> BTreeMap<&str, &AreaTotals> {
    list.iter().map(|t| (t.code.as_str(), t)).collect()
}
