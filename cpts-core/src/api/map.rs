//! The map operations: the SVG map of a coverage (`coverage_map`) or of a territory
//! (`territory_map`), drawn from the commune contours loaded into the engine
//! ([`Engine::load_geometries`]).

use schemars::JsonSchema;
use serde::Deserialize;

use super::{ApiError, ErrorCode};
#[cfg(not(target_arch = "wasm32"))]
use super::{Engine, Operation};
use crate::map::MapOptions;
#[cfg(not(target_arch = "wasm32"))]
use crate::map::{Map, TerritoryMap, coverage_map, territory_map};
use crate::territory::{self, Area, CoverageInput, TerritorySpec};

/// `coverage_map`: the SVG map of the coverage of an area by CPTS (see [`crate::map`]).
#[derive(Debug)]
pub struct CoverageMap;

/// Input of `coverage_map`: the `coverage` operation's input and the map's options.
///
/// JSON: `{"cpts": [...], "area": {"area": "departement", "code": "78"}, "options":
/// {"date": "2026-12-01"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageMapInput {
    /// Every CPTS's territory.
    pub cpts: Vec<CoverageInput>,
    /// The area (default: France).
    #[serde(default = "france")]
    pub area: Area,
    /// How codes are read (default: current and former codes).
    #[serde(default)]
    pub codes: territory::CodePolicy,
    /// Date, title, width.
    pub options: MapOptions,
}

fn france() -> Area {
    Area::France
}

#[cfg(not(target_arch = "wasm32"))]
impl Operation for CoverageMap {
    const NAME: &'static str = <Self as super::Named>::NAME;
    const SUMMARY: &'static str = "The SVG map of the coverage of an area by CPTS: colours, white zones, overlaps, French legend.";
    type Input = CoverageMapInput;
    type Output = Map;

    fn run(engine: &Engine, input: CoverageMapInput) -> Result<Map, ApiError> {
        let table = engine.table()?;
        let geometries = engine.geometries()?;
        let report =
            territory::coverage::coverage_with(&input.cpts, table, &input.area, input.codes)?;
        Ok(coverage_map(&report, table, geometries, &input.options)?)
    }
}

/// `territory_map`: the SVG map of one territory and the communes around it.
#[derive(Debug)]
pub struct TerritoryMapOperation;

/// Input of `territory_map`.
///
/// JSON: `{"name": "CPTS …", "territory": {"communes": [...], "parts": [...]}, "options":
/// {"date": "2026-12-01"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerritoryMapInput {
    /// The CPTS's or the project's name (in the title), 1 to 300 characters.
    pub name: String,
    /// The territory, as the `territory` operation reads it.
    pub territory: TerritorySpec,
    /// Date, title, width.
    pub options: MapOptions,
}

#[cfg(not(target_arch = "wasm32"))]
impl Operation for TerritoryMapOperation {
    const NAME: &'static str = <Self as super::Named>::NAME;
    const SUMMARY: &'static str = "The SVG map of a territory: its communes, its parts of communes outlined, the communes around.";
    type Input = TerritoryMapInput;
    type Output = Map;

    fn run(engine: &Engine, input: TerritoryMapInput) -> Result<Map, ApiError> {
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 300 {
            return Err(ApiError::with(
                ErrorCode::InvalidInput,
                crate::messages::Bilingual::new(
                    "input.name : le nom du territoire a 1 à 300 caractères",
                    "input.name: the territory's name has 1 to 300 characters",
                ),
                "path",
                serde_json::Value::from("input.name"),
            ));
        }
        let table = engine.table()?;
        let geometries = engine.geometries()?;
        let missing = territory::BandMissing::no_date();
        let report = territory::analyse(
            &input.territory,
            table,
            territory::BandFor::Missing(&missing),
        )?;
        Ok(territory_map(
            &TerritoryMap {
                name,
                report: &report,
            },
            table,
            geometries,
            &input.options,
        )?)
    }
}

/// In the wasm the map operations are listed (every binding answers `versions` alike) but not
/// built: drawing would take the npm package over its size ceiling (539 841 bytes gzip -9
/// with them, measured; the ceiling is 510 000). They are answered `data_unavailable`
/// without reading their input, saying where maps are.
#[cfg(target_arch = "wasm32")]
pub(crate) fn not_in_the_wasm() -> ApiError {
    ApiError::with(
        ErrorCode::DataUnavailable,
        crate::messages::Bilingual::new(
            "pas de cartes dans le paquet npm : la bibliothèque C, la commande cpts et la crate Rust les dessinent",
            "no maps in the npm package: the C library, the cpts command and the Rust crate draw them",
        ),
        "data",
        serde_json::Value::from("geometries"),
    )
}

impl super::Named for CoverageMap {
    const NAME: &'static str = "coverage_map";
}

impl super::Named for TerritoryMapOperation {
    const NAME: &'static str = "territory_map";
}
