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
use super::parts::{CommunePart, PartReport};
use super::reading::{CodePolicy, CommuneName, WholeCommuneCounted, read_territory};
use super::table::CommuneKind;
use super::{CommuneInfo, CommuneTable};
use crate::aci::{BandRange, ParameterSet};
use crate::identifiers::InseeCommuneCode;

/// Something the caller should know about a territory (it does not stop the analysis).
///
/// JSON: `{"warning": "former_code", "given": "78251", "commune": "78551", "via": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "warning", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
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
    /// A current INSEE code that is also the postcode of other communes: read as the INSEE
    /// code.
    AlsoAPostcode {
        /// The code given.
        code: InseeCommuneCode,
        /// The commune it was read as.
        commune: String,
        /// The communes whose postcode it is.
        postcode_of: Vec<CommuneName>,
    },
    /// A commune given again (exactly, or through a former code): counted once.
    Repeated {
        /// Today's commune.
        commune: InseeCommuneCode,
        /// The first code given for it.
        first: InseeCommuneCode,
        /// The code given again.
        second: InseeCommuneCode,
        /// How many times `second` was given again.
        times: u64,
    },
    /// The same part of a commune given twice: counted once.
    RepeatedPart {
        /// The commune.
        commune: InseeCommuneCode,
        /// The part's name.
        name: String,
    },
}

/// A territory that cannot be analysed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TerritoryError {
    /// A former code that is also a current postcode: which commune is meant cannot be
    /// told.
    #[error(
        "code {code} is ambiguous: it is the former code of {} ({}, today {} {}) and the postcode of {}; give the INSEE code of the commune meant",
        former.name, crate::names::json_name(&former.kind), commune.code, commune.name,
        postcode_of.iter().map(|c| format!("{} {}", c.code, c.name)).collect::<Vec<_>>().join(", ")
    )]
    AmbiguousCode {
        /// The code given.
        code: InseeCommuneCode,
        /// The former unit it names.
        former: FormerUnit,
        /// Today's commune for that former unit.
        commune: CommuneName,
        /// The communes and arrondissements it is the postcode of.
        postcode_of: Vec<CommuneName>,
    },
    /// A former code, when only current INSEE codes are read.
    #[error(
        "code {code} is not a current INSEE code: it is the former code of {} (today {} {})",
        former.name, commune.code, commune.name
    )]
    FormerCodeRefused {
        /// The code given.
        code: InseeCommuneCode,
        /// The former unit it names.
        former: FormerUnit,
        /// Today's commune.
        commune: CommuneName,
    },
    /// A commune listed whole and in part.
    #[error("{commune} is listed whole and in part (« {part} »): give one or the other")]
    WholeAndInPart {
        /// The commune.
        commune: InseeCommuneCode,
        /// The part's name.
        part: String,
    },
    /// A part of Paris, Lyon or Marseille given as a part of the city, not of an
    /// arrondissement.
    #[error(
        "the part « {part} » of {commune}: a part of Paris, Lyon or Marseille is a part of one of its arrondissements municipaux (give the arrondissement's code)"
    )]
    PartOfCityWithArrondissements {
        /// The city.
        commune: InseeCommuneCode,
        /// The part's name.
        part: String,
    },
    /// Parts of one commune adding up to more than its population.
    #[error(
        "the parts of {commune} add up to {parts_population} inhabitants, more than its population municipale ({commune_population})"
    )]
    PartsExceedCommune {
        /// The commune.
        commune: InseeCommuneCode,
        /// The parts' total.
        parts_population: u64,
        /// The commune's population.
        commune_population: u64,
    },
    /// A part that breaks a rule.
    #[error("{field} « {value} »: {rule}")]
    InvalidPart {
        /// The field (`parts[2].iris`).
        field: String,
        /// The value.
        value: String,
        /// The rule broken.
        rule: crate::messages::Bilingual,
    },
    /// A commune to remove that is not in the territory (`what_if`).
    #[error("{code} is not in the territory: it cannot be removed")]
    NotInTerritory {
        /// The code given.
        code: InseeCommuneCode,
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
/// "departements": [...], "regions": [...], "epcis": [...], "warnings": [...]}`, and, only
/// when there are any, `"parts": [...]` (parts of communes counted), `"counted_whole":
/// [...]` (whole communes counted for a former commune given alone), `"band_missing":
/// {...}` (why there is no band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerritoryReport {
    /// The communes listed whole, by code (former codes resolved).
    pub communes: Vec<CommuneInfo>,
    /// Population municipale of the whole communes, plus the declared population of the
    /// parts.
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
    /// The parts of communes counted, by commune code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartReport>,
    /// Whole communes counted because a commune associée or déléguée was given alone (the
    /// population counts the whole commune: give a part instead to count less).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counted_whole: Vec<WholeCommuneCounted>,
    /// Why there is no band, when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_missing: Option<BandMissing>,
}

/// Why a territory has no band: the population is a fact, the band needs the ACI in force
/// on a date.
///
/// JSON: `{"reason": "no_date", "message": "...", "message_en": "..."}` or `{"reason":
/// "no_aci_on_date", "date": "2019-01-01", "first_day": "2019-08-25", "message": "...",
/// "message_en": "..."}` (`message` in French, `message_en` in English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "reason", rename_all = "snake_case", deny_unknown_fields)]
pub enum BandMissing {
    /// Neither a date nor a parameter set was given.
    NoDate {
        /// What to do, in French.
        message: String,
        /// The same, in English.
        message_en: String,
    },
    /// No ACI was in force on the date given.
    NoAciOnDate {
        /// The date given.
        #[serde(deserialize_with = "crate::calendar::date")]
        date: chrono::NaiveDate,
        /// First day of the first ACI.
        #[serde(deserialize_with = "crate::calendar::date")]
        first_day: chrono::NaiveDate,
        /// What it means, in French.
        message: String,
        /// The same, in English.
        message_en: String,
    },
}

impl BandMissing {
    /// No date or parameter set given.
    pub fn no_date() -> Self {
        let said = crate::messages::rules::BAND_NO_DATE;
        BandMissing::NoDate {
            message: said.fr().to_owned(),
            message_en: said.en().to_owned(),
        }
    }

    /// No ACI on `date`.
    pub fn no_aci_on(date: chrono::NaiveDate, first_day: chrono::NaiveDate) -> Self {
        let said = crate::messages::rules::band_no_aci(date, first_day);
        BandMissing::NoAciOnDate {
            date,
            first_day,
            message: said.fr().to_owned(),
            message_en: said.en().to_owned(),
        }
    }
}

/// A territory as callers give it: communes by INSEE code, parts of communes, and how the
/// codes are read (see [`super::reading`]).
///
/// JSON: `{"communes": ["59410"], "parts": [{...}], "codes": "current_and_former"}` (every
/// field optional but one commune or part).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerritorySpec {
    /// Communes (or arrondissements) counted whole, by INSEE code.
    #[serde(default)]
    pub communes: Vec<InseeCommuneCode>,
    /// Parts of communes, with their declared populations.
    #[serde(default)]
    pub parts: Vec<CommunePart>,
    /// How the codes are read.
    #[serde(default)]
    pub codes: CodePolicy,
}

/// What a territory's band is computed under.
#[derive(Debug, Clone, Copy)]
pub enum BandFor<'a> {
    /// This parameter set.
    Set(&'a ParameterSet),
    /// No band, for this reason.
    Missing(&'a BandMissing),
}

/// Analyses a territory given as INSEE codes (read with the default [`CodePolicy`]), with
/// the band under `set` when given.
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
    let spec = TerritorySpec {
        communes: codes.to_vec(),
        ..TerritorySpec::default()
    };
    let missing = BandMissing::no_date();
    let band = set.map_or(BandFor::Missing(&missing), BandFor::Set);
    let mut report = analyse(&spec, table, band)?;
    if set.is_none() {
        report.band_missing = None;
    }
    Ok(report)
}

/// Analyses a territory: its whole communes and its parts read under its code policy (see
/// [`super::reading`]), its population, and its band under `band`.
pub fn analyse(
    spec: &TerritorySpec,
    table: &CommuneTable,
    band: BandFor<'_>,
) -> Result<TerritoryReport, TerritoryError> {
    let mut read = read_territory(&spec.communes, &spec.parts, table, spec.codes)?;
    let mut warnings = std::mem::take(&mut read.warnings);
    let chosen = &read.whole;
    let communes: Vec<super::CommuneRef<'_>> = chosen
        .iter()
        .map(|(idx, _)| super::CommuneRef { table, idx: *idx })
        .collect();
    let population = read.population(table);
    let mut departements = BTreeMap::new();
    let mut regions = BTreeMap::new();
    let mut epci_units: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for c in &communes {
        if c.population().is_none() {
            warnings.push(TerritoryWarning::NoPopulation { commune: c.code() });
        }
        departements.insert(c.departement().code(), c.departement().name());
        regions.insert(c.region().code(), c.region().name());
        if let Some(e) = c.epci() {
            epci_units.entry(e.idx).or_default().push(c.idx);
        }
    }
    // A part's commune is in the territory's départements, régions and EPCI (in part).
    for (idx, _) in &read.parts {
        let c = super::CommuneRef { table, idx: *idx };
        departements.insert(c.departement().code(), c.departement().name());
        regions.insert(c.region().code(), c.region().name());
        if let Some(e) = c.epci() {
            epci_units.entry(e.idx).or_default();
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
    let (set, band_missing) = match band {
        BandFor::Set(s) => (Some(s), None),
        BandFor::Missing(m) => (None, Some(m.clone())),
    };
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
        parts: read.parts.into_iter().map(|(_, p)| p).collect(),
        counted_whole: read.counted_whole,
        band_missing,
    })
}
