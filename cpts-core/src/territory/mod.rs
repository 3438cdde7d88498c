//! Territories: the INSEE communes with their populations légales, a CPTS's population and
//! band, and national coverage (overlaps and white zones).
//!
//! | Module | Concern | Main types |
//! |---|---|---|
//! | [`table`] | the commune table (COG 2026, population municipale millésime 2023; Mayotte 2017), embedded or loaded at run time | [`CommuneTable`], [`Provenance`] |
//! | [`lookup`] | by INSEE code, by name (accents and case ignored, département to tell homonyms apart), by postcode; former codes resolve with a warning | [`Resolved`], [`LookupError`] |
//! | [`reading`] | how a territory is read: current and former codes, codes that are also postcodes, repeats, former communes given alone | [`CodePolicy`], [`read_code`] |
//! | [`parts`] | parts of communes (a quartier, a group of IRIS) with their declared populations | [`CommunePart`], [`PartSource`] |
//! | [`analysis`] | a CPTS's territory: population over distinct communes and parts, band, départements, régions, EPCI covered wholly or in part | [`analyse`], [`TerritorySpec`], [`TerritoryReport`] |
//! | [`mod@coverage`] | coverage of an area by many CPTS: overlaps, white zones, totals; what-if | [`fn@coverage`], [`what_if`], [`CoverageReport`] |
//! | [`spreadsheet`] | CPTS lists read from CSV files as ARS keep them (Excel's separators and encodings, French headers) | [`spreadsheet::read_sheet`] |
//!
//! The main types and functions are also named from here (`cpts_core::territory::analyse` is
//! `cpts_core::territory::analysis::analyse`); their documentation lives with their module.
//!
//! Data: npm package `@etalab/decoupage-administratif` 6.0.0 (INSEE COG 2026, populations
//! légales 2023, DGCL EPCI 2026, La Poste postcodes), Licence Ouverte / Open Licence
//! (Etalab); the table is built by `scripts/communes/generate.mjs` and its provenance travels
//! with it ([`Provenance`]). Which population series and millésime the ACI uses for banding
//! is not established (the PAPS Hauts-de-France page on the ACI says only « en fonction de la
//! population couverte »): this library uses the population municipale of
//! the table and records it with every result.

pub mod analysis;
pub mod coverage;
mod fold;
pub mod lookup;
pub mod parts;
pub mod reading;
pub mod spreadsheet;
pub mod table;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[doc(hidden)]
pub use analysis::{
    BandFor, BandMissing, EpciCoverage, TerritoryError, TerritoryReport, TerritorySpec,
    TerritoryWarning, analyse, analyse_territory,
};
#[doc(hidden)]
pub use coverage::{
    Area, AreaTotals, CoverageInput, CoverageReport, Overlap, WhatIf, WhiteZone, coverage, what_if,
};
pub use fold::fold_name;
#[doc(hidden)]
pub use lookup::{LookupError, NameCandidate, Resolved};
#[doc(hidden)]
pub use parts::{CommunePart, IrisCode, PartReport, PartSource, PartSourceKind};
#[doc(hidden)]
pub use reading::{CodePolicy, CommuneName, WholeCommuneCounted, read_code};
#[doc(hidden)]
pub use table::{CommuneKind, CommuneTable, FormerKind, Provenance, TableError};

use crate::identifiers::{InseeCommuneCode, NationalIdentifier, PostalCode};

/// A commune actuelle or an arrondissement municipal of the table.
#[derive(Debug, Clone, Copy)]
pub struct CommuneRef<'t> {
    pub(crate) table: &'t CommuneTable,
    pub(crate) idx: u32,
}

impl<'t> CommuneRef<'t> {
    fn rec(&self) -> &'t table::UnitRec {
        // `idx` always comes from the table itself.
        &self.table.units[self.idx as usize]
    }

    /// INSEE code.
    pub fn code(&self) -> InseeCommuneCode {
        self.rec().code
    }

    /// Name (COG).
    pub fn name(&self) -> &'t str {
        self.table.slice(self.rec().name)
    }

    /// Commune or arrondissement municipal.
    pub fn kind(&self) -> CommuneKind {
        self.rec().kind
    }

    /// Population municipale, when the table has one (none for the TAAF districts and
    /// Clipperton).
    pub fn population(&self) -> Option<u32> {
        Some(self.rec().population).filter(|p| *p != u32::MAX)
    }

    /// The département (an arrondissement's is its commune's).
    pub fn departement(&self) -> DepartementRef<'t> {
        DepartementRef {
            table: self.table,
            idx: self.rec().departement,
        }
    }

    /// The région.
    pub fn region(&self) -> RegionRef<'t> {
        self.departement().region()
    }

    /// The EPCI the commune belongs to (an arrondissement's is its commune's); none for the
    /// four island communes outside any EPCI and the COM.
    pub fn epci(&self) -> Option<EpciRef<'t>> {
        let e = self.rec().epci;
        (e != u32::MAX).then_some(EpciRef {
            table: self.table,
            idx: e,
        })
    }

    /// For an arrondissement municipal: its commune (Paris, Lyon, Marseille).
    pub fn parent(&self) -> Option<CommuneRef<'t>> {
        let p = self.rec().parent;
        (p != u32::MAX).then_some(CommuneRef {
            table: self.table,
            idx: p,
        })
    }

    /// For Paris, Lyon and Marseille: their arrondissements municipaux.
    pub fn arrondissements(&self) -> Vec<CommuneRef<'t>> {
        self.table
            .arrondissements_of(self.idx)
            .iter()
            .map(|(_, a)| CommuneRef {
                table: self.table,
                idx: *a,
            })
            .collect()
    }

    /// Postcodes (La Poste base; CEDEX codes are not in it).
    pub fn postcodes(&self) -> impl Iterator<Item = PostalCode> + 't {
        self.table
            .slice(self.rec().postcodes)
            .split(' ')
            .filter_map(|c| PostalCode::parse(c).ok())
    }

    /// Former INSEE codes merged into this commune.
    pub fn former_codes(&self) -> impl Iterator<Item = InseeCommuneCode> + 't {
        self.table
            .slice(self.rec().former)
            .split(' ')
            .filter_map(|c| InseeCommuneCode::parse(c).ok())
    }

    /// An owned, serialisable description.
    pub fn info(&self) -> CommuneInfo {
        CommuneInfo {
            code: self.code(),
            name: self.name().to_owned(),
            kind: self.kind(),
            departement: self.departement().code().to_owned(),
            region: self.region().code().to_owned(),
            epci: self.epci().map(|e| e.siren().to_owned()),
            population: self.population(),
            postcodes: self.postcodes().collect(),
            parent: self.parent().map(|p| p.code()),
        }
    }
}

/// A commune as JSON.
///
/// JSON: `{"code": "78551", "name": "...", "kind": "commune", "departement": "78",
/// "region": "11", "epci": "200058519" | null, "population": 45931 | null,
/// "postcodes": ["78100", "78112"], "parent": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommuneInfo {
    /// INSEE code.
    pub code: InseeCommuneCode,
    /// Name.
    pub name: String,
    /// Commune or arrondissement.
    pub kind: CommuneKind,
    /// Département code.
    pub departement: String,
    /// Région code.
    pub region: String,
    /// SIREN of its EPCI.
    pub epci: Option<String>,
    /// Population municipale.
    pub population: Option<u32>,
    /// Postcodes.
    pub postcodes: Vec<PostalCode>,
    /// For an arrondissement: its commune.
    pub parent: Option<InseeCommuneCode>,
}

/// A département of the table.
#[derive(Debug, Clone, Copy)]
pub struct DepartementRef<'t> {
    pub(crate) table: &'t CommuneTable,
    pub(crate) idx: u32,
}

impl<'t> DepartementRef<'t> {
    fn rec(&self) -> Option<&'t table::DepartementRec> {
        self.table.departements.get(self.idx as usize)
    }

    /// Code (`78`, `2A`, `974`).
    pub fn code(&self) -> &'t str {
        self.rec().map_or("", |r| self.table.slice(r.code))
    }

    /// Name.
    pub fn name(&self) -> &'t str {
        self.rec().map_or("", |r| self.table.slice(r.name))
    }

    /// The région.
    pub fn region(&self) -> RegionRef<'t> {
        RegionRef {
            table: self.table,
            idx: self.rec().map_or(u32::MAX, |r| r.region),
        }
    }
}

/// A région of the table.
#[derive(Debug, Clone, Copy)]
pub struct RegionRef<'t> {
    pub(crate) table: &'t CommuneTable,
    pub(crate) idx: u32,
}

impl<'t> RegionRef<'t> {
    /// Code (`11`, `84`, `06`).
    pub fn code(&self) -> &'t str {
        self.table
            .regions
            .get(self.idx as usize)
            .map_or("", |r| self.table.slice(r.code))
    }

    /// Name.
    pub fn name(&self) -> &'t str {
        self.table
            .regions
            .get(self.idx as usize)
            .map_or("", |r| self.table.slice(r.name))
    }
}

/// An EPCI of the table.
#[derive(Debug, Clone, Copy)]
pub struct EpciRef<'t> {
    pub(crate) table: &'t CommuneTable,
    pub(crate) idx: u32,
}

impl<'t> EpciRef<'t> {
    fn rec(&self) -> Option<&'t table::EpciRec> {
        self.table.epcis.get(self.idx as usize)
    }

    /// SIREN.
    pub fn siren(&self) -> &'t str {
        self.rec().map_or("", |r| self.table.slice(r.siren))
    }

    /// Name.
    pub fn name(&self) -> &'t str {
        self.rec().map_or("", |r| self.table.slice(r.name))
    }

    /// Type (CC, CA, CU, METRO, MET69).
    pub fn kind(&self) -> &'t str {
        self.rec().map_or("", |r| self.table.slice(r.kind))
    }

    /// Number of member communes.
    pub fn members(&self) -> u32 {
        self.rec().map_or(0, |r| r.members)
    }
}
