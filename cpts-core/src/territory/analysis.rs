//! A CPTS's territory: its population over distinct communes, its band under a parameter
//! set, the départements and régions it covers, and the EPCI it covers wholly or in part.
//!
//! - A territory lists communes actuelles, or arrondissements municipaux of Paris, Lyon and
//!   Marseille (CPTS there often cover arrondissements). Listing a commune and one of its
//!   arrondissements counts people twice: an error.
//! - A former code (commune déléguée, associée, merged) resolves to today's commune with a
//!   warning; an unknown code or a commune listed twice is an error naming it.
//! - The population is the table's population municipale (millésime recorded in the result);
//!   communes without population (TAAF, Clipperton) count 0 and are listed.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::lookup::{FormerUnit, LookupError};
use super::table::CommuneKind;
use super::{CommuneInfo, CommuneTable};
use crate::aci::{BandRange, ParameterSet};
use crate::identifiers::InseeCommuneCode;

/// Something the caller should know about a territory (it does not stop the analysis).
///
/// JSON: `{"warning": "former_code", "given": "78251", "commune": "78551", "via": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "warning", rename_all = "snake_case", deny_unknown_fields)]
pub enum TerritoryWarning {
    /// A former code was resolved to today's commune.
    FormerCode {
        /// The code given.
        given: InseeCommuneCode,
        /// Today's commune.
        commune: InseeCommuneCode,
        /// What the code was.
        via: FormerUnit,
    },
    /// A commune without population in the table (counted 0).
    NoPopulation {
        /// The commune.
        commune: InseeCommuneCode,
    },
}

/// A territory that cannot be analysed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum TerritoryError {
    /// The same commune twice (directly, or through a former code).
    #[error("commune {commune} is listed twice (given as {first} and {second})")]
    RepeatedCommune {
        /// Today's commune.
        commune: InseeCommuneCode,
        /// First code given.
        first: InseeCommuneCode,
        /// Second code given.
        second: InseeCommuneCode,
    },
    /// A commune and one of its arrondissements: their people would count twice.
    #[error(
        "{commune} and its arrondissement {arrondissement} are both listed: their inhabitants would count twice"
    )]
    CommuneAndArrondissement {
        /// The commune (Paris, Lyon, Marseille).
        commune: InseeCommuneCode,
        /// The arrondissement.
        arrondissement: InseeCommuneCode,
    },
    /// A territory without commune.
    #[error("a territory needs at least one commune")]
    Empty,
    /// A code that names no commune.
    #[error(transparent)]
    #[serde(untagged)]
    Unknown(#[from] LookupError),
}

/// How much of an EPCI a territory covers.
///
/// JSON: `{"siren": "...", "name": "...", "kind": "CA", "communes_covered": 9,
/// "communes_total": 19, "wholly": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EpciCoverage {
    /// SIREN of the EPCI.
    pub siren: String,
    /// Name.
    pub name: String,
    /// Type (CC, CA, CU, METRO, MET69).
    pub kind: String,
    /// Member communes wholly in the territory (a commune with arrondissements counts when
    /// all of them are).
    pub communes_covered: u32,
    /// Member communes.
    pub communes_total: u32,
    /// True when every member commune is in the territory.
    pub wholly: bool,
}

/// A code and a name (département, région).
///
/// JSON: `{"code": "78", "name": "Yvelines"}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeName {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A territory's figures.
///
/// JSON: `{"communes": [...], "population": 108515, "population_series": "...",
/// "taille": 3 | null, "band": {...} | null, "parameter_set": "..." | null,
/// "departements": [...], "regions": [...], "epcis": [...], "warnings": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerritoryReport {
    /// The communes, by code (former codes resolved).
    pub communes: Vec<CommuneInfo>,
    /// Population municipale over the distinct communes.
    pub population: u64,
    /// Series and millésime of the population (from the table's provenance).
    pub population_series: String,
    /// The band under the parameter set, when one is given.
    pub taille: Option<crate::aci::Taille>,
    /// The band's range.
    pub band: Option<BandRange>,
    /// The parameter set used for the band.
    pub parameter_set: Option<String>,
    /// Départements covered, by code.
    pub departements: Vec<CodeName>,
    /// Régions covered, by code.
    pub regions: Vec<CodeName>,
    /// EPCI covered wholly or in part, by SIREN.
    pub epcis: Vec<EpciCoverage>,
    /// What the caller should know.
    pub warnings: Vec<TerritoryWarning>,
}

/// Analyses a territory given as INSEE codes, with the band under `set` when given.
///
/// ```
/// use cpts_core::aci::ParameterCatalogue;
/// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
/// use cpts_core::territory::{CommuneTable, analyse_territory};
/// let table = CommuneTable::embedded().unwrap();
/// let parameters = ParameterCatalogue::embedded().unwrap();
/// let codes: Vec<InseeCommuneCode> = ["78007", "78133", "78224", "78350", "78367", "78372", "78481", "78502", "78551"]
///     .iter().map(|c| InseeCommuneCode::parse(c).unwrap()).collect();
/// let report = analyse_territory(&codes, &table, parameters.get("aci_2019_avenant_2")).unwrap();
/// assert_eq!(report.population, 108_515);
/// assert_eq!(report.taille.unwrap().number(), 3);
/// assert!(!report.epcis[0].wholly); // 9 of the 19 communes of the CA Saint Germain Boucles de Seine
/// ```
pub fn analyse_territory(
    codes: &[InseeCommuneCode],
    table: &CommuneTable,
    set: Option<&ParameterSet>,
) -> Result<TerritoryReport, TerritoryError> {
    if codes.is_empty() {
        return Err(TerritoryError::Empty);
    }
    let mut warnings = Vec::new();
    let mut chosen: BTreeMap<u32, InseeCommuneCode> = BTreeMap::new();
    for code in codes {
        let r = table.resolve(code)?;
        if let Some(via) = r.warning() {
            warnings.push(TerritoryWarning::FormerCode {
                given: *code,
                commune: r.commune.code(),
                via,
            });
        }
        if let Some(first) = chosen.insert(r.commune.idx, *code) {
            return Err(TerritoryError::RepeatedCommune {
                commune: r.commune.code(),
                first,
                second: *code,
            });
        }
    }
    for idx in chosen.keys() {
        let c = super::CommuneRef { table, idx: *idx };
        if let Some(parent) = c.parent() {
            if chosen.contains_key(&parent.idx) {
                return Err(TerritoryError::CommuneAndArrondissement {
                    commune: parent.code(),
                    arrondissement: c.code(),
                });
            }
        }
    }
    let communes: Vec<super::CommuneRef<'_>> = chosen
        .keys()
        .map(|idx| super::CommuneRef { table, idx: *idx })
        .collect();
    let mut population = 0u64;
    let mut departements = BTreeMap::new();
    let mut regions = BTreeMap::new();
    let mut epci_units: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for c in &communes {
        match c.population() {
            Some(p) => population += u64::from(p),
            None => warnings.push(TerritoryWarning::NoPopulation { commune: c.code() }),
        }
        departements.insert(c.departement().code(), c.departement().name());
        regions.insert(c.region().code(), c.region().name());
        if let Some(e) = c.epci() {
            epci_units.entry(e.idx).or_default().push(c.idx);
        }
    }
    let epcis = epci_units
        .into_iter()
        .map(|(e, listed)| {
            let epci = super::EpciRef { table, idx: e };
            // A member commune is covered when listed, or when all its arrondissements are.
            let mut covered = 0u32;
            let mut parents: BTreeMap<u32, u32> = BTreeMap::new();
            for idx in &listed {
                let c = super::CommuneRef { table, idx: *idx };
                match c.kind() {
                    CommuneKind::Commune => covered += 1,
                    CommuneKind::ArrondissementMunicipal => {
                        if let Some(p) = c.parent() {
                            *parents.entry(p.idx).or_default() += 1;
                        }
                    }
                }
            }
            for (p, n) in parents {
                if n as usize
                    == (super::CommuneRef { table, idx: p })
                        .arrondissements()
                        .len()
                {
                    covered += 1;
                }
            }
            EpciCoverage {
                siren: epci.siren().to_owned(),
                name: epci.name().to_owned(),
                kind: epci.kind().to_owned(),
                communes_covered: covered,
                communes_total: epci.members(),
                wholly: covered == epci.members(),
            }
        })
        .collect::<Vec<_>>();
    let band = set.and_then(|s| s.band(population).ok().cloned());
    let to_list = |m: BTreeMap<&str, &str>| {
        m.into_iter()
            .map(|(c, n)| CodeName {
                code: c.to_owned(),
                name: n.to_owned(),
            })
            .collect()
    };
    let mut epcis = epcis;
    epcis.sort_by(|a, b| a.siren.cmp(&b.siren));
    Ok(TerritoryReport {
        communes: communes.iter().map(|c| c.info()).collect(),
        population,
        population_series: table.provenance().population.clone(),
        taille: band.as_ref().map(|b| b.taille),
        band,
        parameter_set: set.map(|s| s.id().to_owned()),
        departements: to_list(departements),
        regions: to_list(regions),
        epcis,
        warnings,
    })
}
