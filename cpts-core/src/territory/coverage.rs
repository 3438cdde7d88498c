//! Coverage of an area (France, a région, a département) by many CPTS: for each commune the
//! CPTS covering it; overlaps (communes in two or more CPTS, with the population at stake);
//! white zones (communes covered by none); totals per département and région and the share
//! of the population covered; and a what-if on one CPTS's territory.
//!
//! « Couvrir l'intégralité du territoire sans chevauchement ni zone blanche » is an objective
//! (ARS Hauts-de-France), not a legal rule: no text found says it, and the one legal hook is
//! the ARS's ground for objection « pertinence du territoire » (CSP L1434-12): overlaps are
//! reported, never refused. The unit of coverage is the commune actuelle, except in Paris,
//! Lyon and Marseille where it is the arrondissement municipal (a CPTS listing Paris covers
//! its twenty arrondissements). A unit in an overlap counts once in the covered population.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::analysis::{BandFor, TerritoryError, TerritorySpec, TerritoryWarning, analyse};
use super::parts::CommunePart;
use super::reading::{CodePolicy, read_code, read_territory};
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
    /// Its communes counted whole (INSEE codes; former codes are resolved).
    pub communes: Vec<InseeCommuneCode>,
    /// Its parts of communes, with their declared populations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<CommunePart>,
    /// Its stage, when known (counted in the report by stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::entity::CptsStage>,
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
    /// Its population not covered: the whole commune's, or what its parts leave.
    pub population: u64,
    /// Its département.
    pub departement: String,
    /// When parts of it are covered: its whole population (`population` is the remainder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune_population: Option<u64>,
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
    /// When the CPTS were given with their stages: how many hold a unit of this area, by
    /// stage (a CPTS over two départements counts in both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpts_by_status: Vec<StageCount>,
}

/// How many CPTS are at one stage.
///
/// JSON: `{"status": "contrat_signe" | null, "cpts": 12}` (`null`: stage not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageCount {
    /// The stage (`null` for the CPTS given without one).
    pub status: Option<crate::entity::CptsStage>,
    /// How many CPTS.
    pub cpts: u32,
}

/// Counts by stage, in the order of the lifecycle, stage not given last; none when no
/// stage was given at all.
fn by_stage(
    stages: impl Iterator<Item = Option<crate::entity::CptsStage>>,
    any_given: bool,
) -> Vec<StageCount> {
    if !any_given {
        return Vec::new();
    }
    let mut counts = [0u32; crate::entity::CptsStage::ALL.len() + 1];
    for stage in stages {
        let i = stage.map_or(counts.len() - 1, |s| s as usize);
        counts[i] += 1;
    }
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| StageCount {
            status: crate::entity::CptsStage::ALL.get(i).copied(),
            cpts: *n,
        })
        .collect()
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

/// One unit covered by one CPTS, wholly or in part.
///
/// JSON: `{"commune": "78551", "cpts": 0}` (an index into [`CoverageReport::cpts`]), with
/// `"part_population": 19900` when the CPTS holds a part of it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Assignment {
    /// The commune or arrondissement.
    pub commune: InseeCommuneCode,
    /// Index of the CPTS in [`CoverageReport::cpts`].
    pub cpts: u32,
    /// When the CPTS holds a part of the unit only: the part's declared population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_population: Option<u64>,
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
    /// What the caller should know of each CPTS's territory (former codes, codes that are
    /// also postcodes, repeats), by CPTS (index), each CPTS's in code order.
    pub warnings: Vec<CoverageWarning>,
    /// The white zones, largest population first (ties by code), as indexes into
    /// `white_zones`: where an ARS looks first.
    pub white_zones_by_population: Vec<u32>,
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
#[non_exhaustive]
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
        what: crate::messages::Bilingual,
    },
    /// An area code the table does not know.
    #[error("unknown {what} « {code} »")]
    UnknownArea {
        /// Région or département.
        what: crate::messages::Bilingual,
        /// The code.
        code: String,
    },
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
    /// A unit of `population` inhabitants, of which `covered` are covered and
    /// `overlapped` are in two or more CPTS.
    fn add(&mut self, population: u64, covered: u64, overlapped: u64) {
        self.units += 1;
        self.population += population;
        if covered > 0 || overlapped > 0 {
            self.units_covered += 1;
        }
        self.covered += covered;
        self.overlapped += overlapped;
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
            cpts_by_status: Vec::new(),
        }
    }
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

/// One CPTS's territory read (see [`super::reading`]) into coverage units: the units held
/// whole, the parts as `(unit, declared population)`, and the warnings.
type ReadUnits = (Vec<u32>, Vec<(u32, u64)>, Vec<TerritoryWarning>);

fn read_units(
    table: &CommuneTable,
    input: &CoverageInput,
    policy: CodePolicy,
) -> Result<ReadUnits, CoverageError> {
    // A CPTS listed without territory yet (a project) covers nothing.
    if input.communes.is_empty() && input.parts.is_empty() {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    }
    let read = read_territory(&input.communes, &input.parts, table, policy).map_err(|cause| {
        CoverageError::Territory {
            cpts: crate::identifiers::shown(&input.cpts),
            cause,
        }
    })?;
    let mut whole = Vec::with_capacity(read.whole.len());
    for (idx, _) in &read.whole {
        units_of(table, *idx, &mut whole);
    }
    let parts = read
        .parts
        .iter()
        .map(|(idx, p)| (*idx, p.population))
        .collect();
    Ok((whole, parts, read.warnings))
}

/// What one unit's CPTS cover of it: `(covered, overlapped)` inhabitants, from the number of
/// CPTS holding it whole and the populations of the parts others hold.
///
/// - held whole by two or more: all covered, all overlapped (as the CPTS draw it);
/// - held whole by one: all covered; the parts others hold inside it overlap it (at most
///   its population);
/// - held in parts only: the parts cover up to the population; what they declare beyond it
///   is overlapped (two CPTS holding different parts overlap only when their parts add up
///   to more than the commune); the rest is a white zone.
fn unit_cover(population: u64, whole: usize, parts_total: u64) -> (u64, u64) {
    match whole {
        0 => (
            parts_total.min(population),
            parts_total.saturating_sub(population),
        ),
        1 => (population, parts_total.min(population)),
        _ => (population, population),
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
///     CoverageInput { cpts: "boucle".into(), communes: vec![c("78551"), c("78481")], parts: vec![], status: None },
///     CoverageInput { cpts: "marly".into(), communes: vec![c("78372"), c("78481")], parts: vec![], status: None },
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
    coverage_with(inputs, table, area, CodePolicy::default())
}

/// [`coverage`], reading the territories' codes under `policy`.
pub fn coverage_with(
    inputs: &[CoverageInput],
    table: &CommuneTable,
    area: &Area,
    policy: CodePolicy,
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
                    what: crate::messages::rules::A_DEPARTEMENT,
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
                    what: crate::messages::rules::A_REGION,
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
    let mut stages = Vec::with_capacity(inputs.len());
    // (unit, CPTS) held whole; (unit, index in `parts`) held in part, with
    // `parts[i] = (CPTS, declared population)`.
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut part_pairs: Vec<(u32, u32)> = Vec::new();
    let mut parts: Vec<(u32, u64)> = Vec::new();
    let mut warnings = Vec::new();
    for (rank, i) in order.iter().enumerate() {
        let input = &inputs[*i];
        if cpts.last().is_some_and(|last: &String| *last == input.cpts) {
            return Err(CoverageError::DuplicateCpts {
                cpts: crate::identifiers::shown(&input.cpts),
            });
        }
        let rank = u32::try_from(rank).map_err(|_| CoverageError::TooLarge {
            what: crate::messages::rules::communes::CPTS_LIST,
        })?;
        cpts.push(input.cpts.clone());
        stages.push(input.status);
        let (whole, held_parts, read_warnings) = read_units(table, input, policy)?;
        pairs.extend(whole.into_iter().map(|u| (u, rank)));
        for (unit, population) in held_parts {
            let at = u32::try_from(parts.len()).map_err(|_| CoverageError::TooLarge {
                what: crate::messages::rules::communes::PARTS_LIST,
            })?;
            parts.push((rank, population));
            part_pairs.push((unit, at));
        }
        warnings.extend(read_warnings.into_iter().map(|warning| CoverageWarning {
            cpts: rank,
            warning,
        }));
    }
    // Units held whole through both a commune and an arrondissement of another entry are
    // the same (CPTS, unit): counted once.
    pairs.sort_unstable();
    pairs.dedup();
    part_pairs.sort_unstable();

    // Walk every unit of the area once, with the CPTS covering it.
    let mut totals = Acc::default();
    let mut by_dep = vec![Acc::default(); table.departements.len()];
    let mut by_region = vec![Acc::default(); table.regions.len()];
    let mut assignments = Vec::with_capacity(pairs.len());
    let mut overlaps = Vec::new();
    let mut white_zones = Vec::new();
    // The CPTS holding a unit of the area, of each département and région (by index), when
    // stages are to be counted.
    let any_stage = stages.iter().any(Option::is_some);
    let mut in_area_cpts: Vec<u32> = Vec::new();
    let mut dep_cpts: Vec<(u32, u32)> = Vec::new();
    let mut region_cpts: Vec<(u32, u32)> = Vec::new();
    let (mut p, mut q) = (0usize, 0usize);
    let mut held_parts: Vec<(u32, u64)> = Vec::new();
    let mut holders: Vec<u32> = Vec::new();
    for (idx, unit) in table.units.iter().enumerate() {
        let idx = idx as u32;
        let (start, part_start) = (p, q);
        while pairs.get(p).is_some_and(|(u, _)| *u == idx) {
            p += 1;
        }
        while part_pairs.get(q).is_some_and(|(u, _)| *u == idx) {
            q += 1;
        }
        let is_unit = unit.kind == CommuneKind::ArrondissementMunicipal
            || table.arrondissements_of(idx).is_empty();
        if !is_unit || !in_area(unit.departement) {
            continue;
        }
        let covering = pairs.get(start..p).unwrap_or(&[]);
        held_parts.clear();
        held_parts.extend(
            part_pairs
                .get(part_start..q)
                .unwrap_or(&[])
                .iter()
                .filter_map(|(_, at)| parts.get(*at as usize).copied()),
        );
        let population = u64::from(
            Some(unit.population)
                .filter(|p| *p != u32::MAX)
                .unwrap_or(0),
        );
        let parts_total = held_parts
            .iter()
            .fold(0u64, |total, (_, n)| total.saturating_add(*n));
        let (covered, overlapped) = unit_cover(population, covering.len(), parts_total);
        totals.add(population, covered, overlapped);
        if let Some(d) = by_dep.get_mut(unit.departement as usize) {
            d.add(population, covered, overlapped);
        }
        let region = table
            .departements
            .get(unit.departement as usize)
            .map_or(u32::MAX, |d| d.region);
        if let Some(r) = by_region.get_mut(region as usize) {
            r.add(population, covered, overlapped);
        }
        // The CPTS of this unit, whole or in part, by index (buffers reused unit to unit).
        holders.clear();
        holders.extend(covering.iter().map(|(_, c)| *c));
        if !held_parts.is_empty() {
            holders.extend(held_parts.iter().map(|(c, _)| *c));
            holders.sort_unstable();
            holders.dedup();
        }
        if any_stage {
            for c in &holders {
                in_area_cpts.push(*c);
                dep_cpts.push((unit.departement, *c));
                region_cpts.push((region, *c));
            }
        }
        // Both lists are in CPTS order (parts were read CPTS by CPTS): merge them.
        let mut whole = covering.iter().map(|(_, c)| (*c, None)).peekable();
        let mut in_part = held_parts.iter().map(|(c, n)| (*c, Some(*n))).peekable();
        while let Some((c, part_population)) = match (whole.peek(), in_part.peek()) {
            (Some(w), Some(h)) if h.0 < w.0 => in_part.next(),
            (Some(_), _) => whole.next(),
            (None, _) => in_part.next(),
        } {
            assignments.push(Assignment {
                commune: unit.code,
                cpts: c,
                part_population,
            });
        }
        let name = || table.slice(unit.name).to_owned();
        if covered < population || holders.is_empty() {
            white_zones.push(WhiteZone {
                commune: unit.code,
                name: name(),
                population: population - covered,
                departement: table
                    .departements
                    .get(unit.departement as usize)
                    .map_or("", |d| table.slice(d.code))
                    .to_owned(),
                commune_population: (covered > 0).then_some(population),
            });
        }
        if overlapped > 0 || covering.len() >= 2 {
            overlaps.push(Overlap {
                commune: unit.code,
                name: name(),
                population: overlapped,
                cpts: holders.clone(),
            });
        }
    }
    in_area_cpts.sort_unstable();
    in_area_cpts.dedup();
    dep_cpts.sort_unstable();
    dep_cpts.dedup();
    region_cpts.sort_unstable();
    region_cpts.dedup();
    let stage_of = |c: u32| stages.get(c as usize).copied().flatten();
    let counts_of = |pairs: &[(u32, u32)], key: u32| {
        let start = pairs.partition_point(|(k, _)| *k < key);
        let run = pairs
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(k, _)| *k == key);
        by_stage(run.map(|(_, c)| stage_of(*c)), any_stage)
    };
    let by_departement = table
        .departements
        .iter()
        .zip(&by_dep)
        .enumerate()
        .filter(|(_, (_, a))| a.units > 0)
        .map(|(i, (d, a))| AreaTotals {
            cpts_by_status: counts_of(&dep_cpts, i as u32),
            ..a.totals(table.slice(d.code), table.slice(d.name))
        })
        .collect();
    let by_region = table
        .regions
        .iter()
        .zip(&by_region)
        .enumerate()
        .filter(|(_, (_, a))| a.units > 0)
        .map(|(i, (r, a))| AreaTotals {
            cpts_by_status: counts_of(&region_cpts, i as u32),
            ..a.totals(table.slice(r.code), table.slice(r.name))
        })
        .collect();
    // Largest first, ties in code order: `(u32::MAX − population, index)` pairs.
    let mut largest: Vec<(u32, u32)> = white_zones
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let population = u32::try_from(w.population).unwrap_or(u32::MAX);
            (u32::MAX - population, u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect();
    largest.sort_unstable();
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
        totals: AreaTotals {
            cpts_by_status: by_stage(in_area_cpts.iter().map(|c| stage_of(*c)), any_stage),
            ..totals.totals(&code, &name)
        },
        by_region,
        by_departement,
        overlaps,
        white_zones,
        warnings,
        white_zones_by_population: largest.into_iter().map(|(_, i)| i).collect(),
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
    /// What the caller should know of the changed territory (repeats, former codes, codes
    /// that are also postcodes), when there is anything.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<TerritoryWarning>,
}

/// What adding `add` and removing `remove` from `territory` does to its population and band
/// under `set`, and which of the `neighbours` it then overlaps. Codes are read under the
/// territory's policy ([`super::reading`]): removing a commune the territory does not hold
/// whole is an error naming it; adding one it already holds is a repeat, counted once (a
/// warning of the report). The territory's parts stay as they are.
pub fn what_if(
    territory: &TerritorySpec,
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
    let before = analyse(territory, table, BandFor::Set(set)).map_err(wrap)?;
    let unit = |code: &InseeCommuneCode| {
        read_code(table, code, territory.codes)
            .map(|(r, _)| r.commune.idx)
            .map_err(wrap)
    };
    let units = territory
        .communes
        .iter()
        .map(unit)
        .collect::<Result<Vec<u32>, _>>()?;
    let mut held: std::collections::BTreeSet<u32> = units.iter().copied().collect();
    for code in remove {
        if !held.remove(&unit(code)?) {
            return Err(wrap(TerritoryError::NotInTerritory { code: *code }));
        }
    }
    let mut after_spec = territory.clone();
    after_spec.communes = territory
        .communes
        .iter()
        .zip(&units)
        .filter(|(_, u)| held.contains(u))
        .map(|(code, _)| *code)
        .chain(add.iter().copied())
        .collect();
    let after = analyse(&after_spec, table, BandFor::Set(set)).map_err(wrap)?;
    let mine_input = CoverageInput {
        cpts: "what-if".into(),
        communes: after_spec.communes.clone(),
        parts: after_spec.parts.clone(),
        status: None,
    };
    let (mut mine, mine_parts, _) = read_units(table, &mine_input, territory.codes)?;
    mine.extend(mine_parts.iter().map(|(u, _)| *u));
    mine.sort_unstable();
    let mut overlaps_after = Vec::new();
    let mut sorted: Vec<&CoverageInput> = neighbours.iter().collect();
    sorted.sort_by(|a, b| a.cpts.cmp(&b.cpts));
    for n in sorted {
        let (mut theirs, their_parts, _) = read_units(table, n, territory.codes)?;
        theirs.extend(their_parts.iter().map(|(u, _)| *u));
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
    let warnings = after.warnings;
    let after = Figures {
        population: after.population,
        taille: after.taille,
    };
    Ok(WhatIf {
        band_changes: before.taille != after.taille,
        before,
        after,
        overlaps_after,
        warnings,
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
