//! Operations on territories: communes, a CPTS's population and band, national coverage.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::reference::choose_set;
use super::{ApiError, Engine, ErrorCode, Operation};
use crate::identifiers::{InseeCommuneCode, PostalCode};
use crate::territory::{
    self, Area, CommuneInfo, CoverageInput, CoverageReport, TerritoryReport, lookup::FormerUnit,
};

/// Most communes `lookup_commune` returns for a name prefix.
pub const MAX_SEARCH_RESULTS: usize = 100;

/// `lookup_commune`: a commune by INSEE code (former codes resolved), by name, by postcode,
/// or by name prefix (a search box).
#[derive(Debug)]
pub struct LookupCommune;

/// Input of `lookup_commune`: exactly one of `code`, `name`, `postcode`, `prefix`.
///
/// JSON: `{"code": "78551"}`, `{"name": "Chatou", "departement": "78"}`,
/// `{"postcode": "78400"}`, `{"prefix": "saint-germ", "limit": 10}`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupCommuneInput {
    /// An INSEE code, today's or a former one.
    #[serde(default)]
    pub code: Option<InseeCommuneCode>,
    /// A name (accents, case, hyphens and articles do not matter).
    #[serde(default)]
    pub name: Option<String>,
    /// With `name`: the département, when the name is ambiguous.
    #[serde(default)]
    pub departement: Option<String>,
    /// A postcode.
    #[serde(default)]
    pub postcode: Option<PostalCode>,
    /// The start of a name.
    #[serde(default)]
    pub prefix: Option<String>,
    /// With `prefix`: most results (default 10, at most 100).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Result of `lookup_commune`.
///
/// JSON: `{"communes": [{...}], "via": {"former_code": "78251", ...} | null}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LookupCommuneOutput {
    /// The communes found (one for a code or a name).
    pub communes: Vec<CommuneInfo>,
    /// The former unit a code or name was resolved through.
    pub via: Option<FormerUnit>,
}

impl Operation for LookupCommune {
    const NAME: &'static str = "lookup_commune";
    const SUMMARY: &'static str =
        "A commune by INSEE code (former codes resolved), name, postcode or name prefix.";
    type Input = LookupCommuneInput;
    type Output = LookupCommuneOutput;

    fn run(engine: &Engine, input: LookupCommuneInput) -> Result<LookupCommuneOutput, ApiError> {
        let table = engine.table()?;
        let given = [
            input.code.is_some(),
            input.name.is_some(),
            input.postcode.is_some(),
            input.prefix.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(ApiError::with(
                ErrorCode::InvalidInput,
                crate::messages::request::exactly_one_of(&["code", "name", "postcode", "prefix"]),
                "fields",
                Value::from(vec![
                    "input.code",
                    "input.name",
                    "input.postcode",
                    "input.prefix",
                ]),
            ));
        }
        let resolved = if let Some(code) = &input.code {
            Some(table.resolve(code)?)
        } else if let Some(name) = &input.name {
            Some(table.find_by_name(name, input.departement.as_deref())?)
        } else {
            None
        };
        if let Some(r) = resolved {
            return Ok(LookupCommuneOutput {
                communes: vec![r.commune.info()],
                via: r.warning(),
            });
        }
        let communes = match (&input.postcode, &input.prefix) {
            (Some(postcode), _) => table.by_postcode(postcode),
            (_, Some(prefix)) => {
                let limit = input.limit.unwrap_or(10);
                if limit == 0 || limit > MAX_SEARCH_RESULTS {
                    let mut details = serde_json::Map::new();
                    details.insert("field".into(), Value::from("input.limit"));
                    details.insert("value".into(), Value::from(limit));
                    details.insert("max".into(), Value::from(MAX_SEARCH_RESULTS));
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        crate::messages::request::search_limit(limit, MAX_SEARCH_RESULTS),
                        details,
                    ));
                }
                table.search(prefix, limit)
            }
            _ => Vec::new(),
        };
        Ok(LookupCommuneOutput {
            communes: communes.iter().map(|c| c.info()).collect(),
            via: None,
        })
    }
}

/// `territory`: a CPTS territory's communes, population, band, départements, régions and
/// EPCI.
#[derive(Debug)]
pub struct AnalyseTerritory;

/// Input of `territory`. The band needs a parameter set, named or by date; without either,
/// or on a date before the first ACI, the report gives the population and says why there
/// is no band (`band_missing`).
///
/// JSON: `{"communes": ["78551", "78146"], "parts": [...], "codes": "current_and_former",
/// "on": "2026-01-01"}` (`parts` and `codes` optional; see `territory::reading` for how
/// codes, repeats and former communes are read).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerritoryInput {
    /// The communes counted whole, by INSEE code.
    #[serde(default)]
    pub communes: Vec<InseeCommuneCode>,
    /// Parts of communes, with their declared populations.
    #[serde(default)]
    pub parts: Vec<territory::CommunePart>,
    /// How codes are read (default: current and former codes).
    #[serde(default)]
    pub codes: territory::CodePolicy,
    /// Band under the set in force on this date.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub on: Option<NaiveDate>,
    /// Or under this set.
    #[serde(default)]
    pub parameter_set: Option<String>,
}

impl Operation for AnalyseTerritory {
    const NAME: &'static str = "territory";
    const SUMMARY: &'static str =
        "A territory's communes, population municipale, band, départements, régions and EPCI.";
    type Input = TerritoryInput;
    type Output = TerritoryReport;

    fn run(engine: &Engine, input: TerritoryInput) -> Result<TerritoryReport, ApiError> {
        let table = engine.table()?;
        let spec = territory::TerritorySpec {
            communes: input.communes,
            parts: input.parts,
            codes: input.codes,
        };
        // The population is a fact; only the band needs an ACI in force.
        let missing;
        let band = match (&input.parameter_set, input.on) {
            (None, None) => {
                missing = territory::BandMissing::no_date();
                territory::BandFor::Missing(&missing)
            }
            (None, Some(on)) => match engine.catalogue().in_force_on(on) {
                Ok(set) => territory::BandFor::Set(set),
                Err(crate::aci::FundingError::NoAciOnDate { date, first_day }) => {
                    missing = territory::BandMissing::no_aci_on(date, first_day);
                    territory::BandFor::Missing(&missing)
                }
                Err(e) => return Err(e.into()),
            },
            (id, on) => territory::BandFor::Set(choose_set(engine, id.as_deref(), on)?),
        };
        Ok(territory::analyse(&spec, table, band)?)
    }
}

/// `coverage`: which communes of an area the given CPTS cover, overlaps and white zones.
#[derive(Debug)]
pub struct Coverage;

/// Input of `coverage`.
///
/// JSON: `{"cpts": [{"cpts": "a", "communes": [...]}], "area": {"area": "departement",
/// "code": "78"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageRequest {
    /// Every CPTS's territory.
    pub cpts: Vec<CoverageInput>,
    /// The area (default: France).
    #[serde(default = "france")]
    pub area: Area,
    /// How codes are read (default: current and former codes).
    #[serde(default)]
    pub codes: territory::CodePolicy,
}

fn france() -> Area {
    Area::France
}

impl Operation for Coverage {
    const NAME: &'static str = "coverage";
    const SUMMARY: &'static str =
        "Coverage of an area by CPTS territories: totals, overlaps, white zones.";
    type Input = CoverageRequest;
    type Output = CoverageReport;

    fn run(engine: &Engine, input: CoverageRequest) -> Result<CoverageReport, ApiError> {
        Ok(territory::coverage::coverage_with(
            &input.cpts,
            engine.table()?,
            &input.area,
            input.codes,
        )?)
    }
}

/// `what_if`: population, band and overlaps of a territory after adding and removing
/// communes.
#[derive(Debug)]
pub struct WhatIf;

/// Input of `what_if`.
///
/// JSON: `{"communes": [...], "add": ["78146"], "remove": [], "neighbours": [...],
/// "parameter_set": "aci_2019_avenant_2"}` (or `"on"`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhatIfInput {
    /// Today's territory: communes counted whole.
    #[serde(default)]
    pub communes: Vec<InseeCommuneCode>,
    /// Its parts of communes (kept as they are).
    #[serde(default)]
    pub parts: Vec<territory::CommunePart>,
    /// How codes are read (default: current and former codes).
    #[serde(default)]
    pub codes: territory::CodePolicy,
    /// Communes to add.
    #[serde(default)]
    pub add: Vec<InseeCommuneCode>,
    /// Communes to remove.
    #[serde(default)]
    pub remove: Vec<InseeCommuneCode>,
    /// Neighbouring CPTS, for the overlaps.
    #[serde(default)]
    pub neighbours: Vec<CoverageInput>,
    /// The set in force on this date.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub on: Option<NaiveDate>,
    /// Or this set.
    #[serde(default)]
    pub parameter_set: Option<String>,
}

impl Operation for WhatIf {
    const NAME: &'static str = "what_if";
    const SUMMARY: &'static str =
        "A territory's population, band and overlaps after adding and removing communes.";
    type Input = WhatIfInput;
    type Output = territory::WhatIf;

    fn run(engine: &Engine, input: WhatIfInput) -> Result<territory::WhatIf, ApiError> {
        let table = engine.table()?;
        let set = choose_set(engine, input.parameter_set.as_deref(), input.on)?;
        let spec = territory::TerritorySpec {
            communes: input.communes,
            parts: input.parts,
            codes: input.codes,
        };
        Ok(territory::what_if(
            &spec,
            &input.add,
            &input.remove,
            &input.neighbours,
            table,
            set,
        )?)
    }
}

/// `read_cpts_sheet`: a CPTS list kept in a spreadsheet (CSV as Excel writes it: comma or
/// semicolon, UTF-8 or Windows-1252, French headers) read into the territories `coverage`
/// takes, with every problem at once (line, column, value). See `territory::spreadsheet`.
#[derive(Debug)]
pub struct ReadCptsSheet;

/// Input of `read_cpts_sheet`: the file's text, or its bytes in base64 (then UTF-8 or
/// Windows-1252 is told from the bytes).
///
/// JSON: `{"csv": "cpts;commune\nCPTS A;78551\n"}` or `{"csv_base64": "..."}`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadCptsSheetInput {
    /// The CSV text.
    #[serde(default)]
    pub csv: Option<String>,
    /// The CSV file's bytes, in base64.
    #[serde(default)]
    pub csv_base64: Option<String>,
}

impl Operation for ReadCptsSheet {
    const NAME: &'static str = "read_cpts_sheet";
    const SUMMARY: &'static str =
        "A CPTS list kept in a spreadsheet (CSV), read into the territories coverage takes.";
    type Input = ReadCptsSheetInput;
    type Output = territory::spreadsheet::Sheet;

    fn run(
        _: &Engine,
        input: ReadCptsSheetInput,
    ) -> Result<territory::spreadsheet::Sheet, ApiError> {
        let sheet = match (input.csv, input.csv_base64) {
            (Some(text), None) => territory::spreadsheet::read_sheet(&text, "utf-8"),
            (None, Some(encoded)) => {
                let bytes = territory::spreadsheet::decode_base64(&encoded).map_err(|reason| {
                    ApiError::with(
                        ErrorCode::InvalidInput,
                        crate::messages::request::base64_field(&reason),
                        "path",
                        Value::from("input.csv_base64"),
                    )
                })?;
                territory::spreadsheet::read_sheet_bytes(&bytes)
            }
            _ => {
                return Err(ApiError::with(
                    ErrorCode::InvalidInput,
                    crate::messages::request::exactly_one_of(&["csv", "csv_base64"]),
                    "fields",
                    Value::from(vec!["input.csv", "input.csv_base64"]),
                ));
            }
        };
        Ok(sheet?)
    }
}
