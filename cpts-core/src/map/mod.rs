//! Maps people look at instead of reading: the coverage of an area by CPTS, and one CPTS's
//! territory, as SVG text.
//!
//! Seed 001 (ARS Hauts-de-France) states the goal a coverage map shows: the whole region
//! covered « sans chevauchement ni zone blanche ». [`coverage_map`] draws each CPTS's
//! communes in its colour, the white zones grey and hatched, the overlaps cross-hatched, the
//! communes a CPTS holds in part with a dashed outline, a French legend with the figures of
//! the [`mod@crate::territory::coverage`] report (population covered, in white zones, in
//! overlaps) and the CPTS's names, and a title with the date and the data's millésimes.
//! [`territory_map`] draws one territory: its communes, its parts of communes outlined, the
//! neighbouring communes in grey.
//!
//! This module does no I/O: contours come in as [`Geometries`] (read from the file of
//! `scripts/fetch-geometries`, or from a GeoJSON of communes) and the map goes out as text.
//! What it draws are the report's figures; it decides no rule.
//!
//! **Conventions of the drawing** (display choices, not law): the unit drawn is the unit
//! of coverage (the commune, the arrondissement municipal in Paris, Lyon and Marseille); a
//! département or a territory is drawn at the detailed level, a région or France at the
//! overview level ([`Level`]); the overseas départements of France are drawn in boxes of
//! their own; each commune has its name in a `<title>` (a tooltip) when the map has at most
//! [`TITLES_UP_TO`] units; neighbouring CPTS get different colours when their extents meet,
//! among 12 colours after the illustrative colours of the État's design system (DSFR,
//! <https://www.systeme-de-design.gouv.fr/fondamentaux/couleurs-palette>); the legend names
//! at most [`LEGEND_CPTS`] CPTS and counts the others. A unit without contour is not drawn
//! and is listed in [`Map::missing`].

mod coverage_map;
pub mod geometry;
mod svg;
mod territory_map;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use coverage_map::coverage_map;
pub use geometry::{BBox, Geometries, GeometryError, GeometryProvenance, Level, Polygon, Shape};
pub use territory_map::{TerritoryMap, territory_map};

use crate::identifiers::InseeCommuneCode;

/// Maps name each commune in a tooltip up to this many units (France's 35 000 titles would
/// double the file).
pub const TITLES_UP_TO: usize = 5_000;

/// A legend names at most this many CPTS.
pub const LEGEND_CPTS: usize = 24;

/// What a map is drawn for.
///
/// JSON: `{"date": "2026-12-01", "title": "..." | null, "width": 1000}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapOptions {
    /// The date the map shows (in its title): the caller's, the library has no clock.
    pub date: NaiveDate,
    /// A title replacing the one made from the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Width of the picture in pixels, 400 to 4 000 (default 1 000).
    #[serde(default = "default_width")]
    pub width: u32,
}

fn default_width() -> u32 {
    1000
}

impl MapOptions {
    /// Options for a date, with the default width.
    pub fn on(date: NaiveDate) -> Self {
        MapOptions {
            date,
            title: None,
            width: default_width(),
        }
    }
}

/// A map drawn.
///
/// JSON: `{"svg": "<svg ...", "units": 259, "level": "detailed", "missing": []}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// The picture (SVG 1.1 text, UTF-8).
    pub svg: String,
    /// How many units (communes, arrondissements) it draws, one path each.
    pub units: u32,
    /// The level of detail of the contours drawn.
    pub level: Level,
    /// The units of the area that have no contour in the geometries (not drawn), by code.
    pub missing: Vec<InseeCommuneCode>,
}

/// A map that cannot be drawn.
///
/// JSON: `{"error": "invalid_map_option", "field": "width", "value": "20", "rule": "..."}`,
/// `{"error": "nothing_to_draw"}`.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum MapError {
    /// An option breaks a rule.
    #[error("map option `{field}` = {value}: {rule}")]
    InvalidMapOption {
        /// The option.
        field: &'static str,
        /// Its value.
        value: String,
        /// The rule.
        rule: crate::messages::Bilingual,
    },
    /// None of the units to draw has a contour in the geometries.
    #[error("none of the {units} units to draw has a contour in the geometries")]
    NothingToDraw {
        /// How many units there were to draw.
        units: u32,
    },
}

pub(crate) mod rules {
    use crate::messages::Bilingual;

    pub const WIDTH: Bilingual = Bilingual::new("de 400 à 4 000 pixels", "400 to 4,000 pixels");
    pub const TITLE: Bilingual = Bilingual::new(
        "un titre de 1 à 200 caractères",
        "a title of 1 to 200 characters",
    );
}

fn check(options: &MapOptions) -> Result<(), MapError> {
    if !(400..=4000).contains(&options.width) {
        return Err(MapError::InvalidMapOption {
            field: "width",
            value: options.width.to_string(),
            rule: rules::WIDTH,
        });
    }
    if let Some(t) = &options.title
        && (t.trim().is_empty() || t.chars().count() > 200)
    {
        return Err(MapError::InvalidMapOption {
            field: "title",
            value: crate::identifiers::shown(t),
            rule: rules::TITLE,
        });
    }
    Ok(())
}

/// The colours of CPTS, in an order where neighbours contrast (after the DSFR's illustrative
/// colours: bourgeon, glycine, tuile, cumulus, tournesol, menthe, macaron, écume, caramel,
/// émeraude, tilleul verveine, archipel).
pub(crate) const PALETTE: [&str; 12] = [
    "#68a532", "#a558a0", "#ce614a", "#417dc4", "#c8aa39", "#009081", "#e18b76", "#465f9d",
    "#c08c65", "#00a95f", "#b7a73f", "#009099",
];

/// The fill of a white zone, and the stroke of its hatching.
pub(crate) const WHITE_ZONE: &str = "#ececec";
/// Grey of the communes around a territory.
pub(crate) const NEIGHBOUR: &str = "#e5e5e5";

/// The patterns and styles every map shares.
pub(crate) fn defs(out: &mut String) {
    let u = svg::UNIT;
    out.push_str("<defs>\n");
    let _ = std::fmt::Write::write_fmt(
        out,
        format_args!(
            "<pattern id=\"zone-blanche\" width=\"{s}\" height=\"{s}\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"{s}\" height=\"{s}\" fill=\"{WHITE_ZONE}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"{s}\" stroke=\"#929292\" stroke-width=\"{w}\"/></pattern>\n\
             <pattern id=\"chevauchement\" width=\"{s}\" height=\"{s}\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"{s}\" stroke=\"#161616\" stroke-width=\"{w}\"/><line x1=\"0\" y1=\"0\" x2=\"{s}\" y2=\"0\" stroke=\"#161616\" stroke-width=\"{w}\"/></pattern>\n",
            s = 6 * u,
            w = u + u / 2,
        ),
    );
    out.push_str("</defs>\n");
}

/// The opening of the picture: size, language, accessible name and description.
pub(crate) fn open(out: &mut String, width: i64, height: i64, title: &str, description: &str) {
    let u = svg::UNIT;
    let _ = std::fmt::Write::write_fmt(
        out,
        format_args!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {} {}\" width=\"{width}\" height=\"{height}\" lang=\"fr\" role=\"img\" aria-labelledby=\"titre description\" font-family=\"Marianne, Arial, sans-serif\" fill=\"#161616\">\n<title id=\"titre\">",
            width * u,
            height * u
        ),
    );
    svg::escape(title, out);
    out.push_str("</title>\n<desc id=\"description\">");
    svg::escape(description, out);
    out.push_str("</desc>\n");
    defs(out);
    let _ = std::fmt::Write::write_fmt(
        out,
        format_args!(
            "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
            width * u,
            height * u
        ),
    );
}

/// The sources of a map (the communes' table and the contours'), in lines that fit a
/// picture `width` pixels wide.
pub(crate) fn sources_fr(
    table: &crate::territory::CommuneTable,
    geometries: &Geometries,
    width: i64,
) -> Vec<String> {
    let t = table.provenance();
    let g = geometries.provenance();
    let contours = match (g.origin.is_empty(), g.source.is_empty()) {
        (false, false) => format!("{} ({})", g.origin, g.source),
        (false, true) => g.origin.clone(),
        (true, false) => g.source.clone(),
        (true, true) => "fournis par l'utilisateur".to_owned(),
    };
    let text = format!(
        "Sources : communes du Code officiel géographique {} ; {} ; contours : {}.",
        t.cog, t.population, contours
    );
    svg::wrap(&text, ((width - 20) / 7).max(40) as usize)
}

#[cfg(test)]
mod tests;
