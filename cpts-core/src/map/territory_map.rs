//! The map of one territory: its communes, its parts of communes outlined, the communes
//! around it in grey.

use std::fmt::Write;

use super::svg::{self, Frame, Rect, UNIT};
use super::{Geometries, Level, Map, MapError, MapOptions, NEIGHBOUR, check, open, sources_fr};
use crate::aci::money::group_thousands;
use crate::identifiers::InseeCommuneCode;
use crate::map::geometry::BBox;
use crate::territory::CommuneTable;
use crate::territory::analysis::TerritoryReport;

/// A territory to draw: its name and what the `territory` operation answered for it.
#[derive(Debug, Clone, Copy)]
pub struct TerritoryMap<'a> {
    /// The CPTS's (or the project's) name, for the title.
    pub name: &'a str,
    /// The territory read ([`crate::territory::analyse`]).
    pub report: &'a TerritoryReport,
}

/// Fill of the communes of the territory (bleu France, DSFR), and of its parts of communes.
const WHOLE: &str = "#6a6af4";
const PART: &str = "#cacafb";

/// Draws a territory at the detailed level: its whole communes filled, its parts of
/// communes lightly filled with a dashed outline (a part has no contour of its own: the
/// commune it lies in is drawn), every other commune whose extent meets the territory's
/// (grown by a quarter on each side) in grey. Linear in the units with contours.
pub fn territory_map(
    territory: &TerritoryMap<'_>,
    table: &CommuneTable,
    geometries: &Geometries,
    options: &MapOptions,
) -> Result<Map, MapError> {
    check(options)?;
    let report = territory.report;
    // A commune given whole without a contour of its own (Paris, Lyon, Marseille in some
    // sources) is drawn by its arrondissements.
    let mut whole: Vec<InseeCommuneCode> = Vec::new();
    let mut missing: Vec<InseeCommuneCode> = Vec::new();
    for c in &report.communes {
        if geometries.shape(&c.code).is_some() {
            whole.push(c.code);
            continue;
        }
        let arrondissements: Vec<InseeCommuneCode> = table
            .commune(&c.code)
            .map(|c| c.arrondissements().iter().map(|a| a.code()).collect())
            .unwrap_or_default();
        if !arrondissements.is_empty()
            && arrondissements
                .iter()
                .all(|a| geometries.shape(a).is_some())
        {
            whole.extend(arrondissements);
        } else {
            missing.push(c.code);
        }
    }
    whole.sort_unstable();
    whole.dedup();
    let mut parts: Vec<InseeCommuneCode> = report.parts.iter().map(|p| p.commune).collect();
    parts.sort_unstable();
    parts.dedup();
    parts.retain(|p| {
        let drawn = geometries.shape(p).is_some();
        if !drawn {
            missing.push(*p);
        }
        drawn && whole.binary_search(p).is_err()
    });
    missing.sort_unstable();
    missing.dedup();
    let inside =
        |c: &InseeCommuneCode| whole.binary_search(c).is_ok() || parts.binary_search(c).is_ok();
    let Some(extent) = whole
        .iter()
        .chain(&parts)
        .filter_map(|c| geometries.shape(c).and_then(|s| s.bbox()))
        .reduce(BBox::union)
    else {
        return Err(MapError::NothingToDraw {
            units: (report.communes.len() + report.parts.len()) as u32,
        });
    };
    let view = extent.grown(25);
    // By code: the contours are.
    let neighbours: Vec<InseeCommuneCode> = geometries
        .shapes()
        .filter(|(c, s)| !inside(c) && s.bbox().is_some_and(|b| b.intersects(view)))
        .map(|(c, _)| *c)
        .collect();

    let width = i64::from(options.width);
    let map_w = width * 62 / 100;
    let legend_x = map_w + 30;
    let top = 80;
    let map_h = Frame::height_for(view, map_w, map_w * 13 / 10);
    let frame = Frame::fit(
        view,
        Rect {
            x: 10 * UNIT,
            y: top * UNIT,
            w: map_w * UNIT,
            h: map_h * UNIT,
        },
    );
    let sources = sources_fr(table, geometries, width);
    let height = (top + map_h).max(top + 260) + 20 + 16 * sources.len() as i64;

    let title = options
        .title
        .clone()
        .unwrap_or_else(|| format!("Territoire — {}", territory.name));
    let subtitle = format!("au {}", svg::date_long_fr(options.date));
    let band = match report.taille {
        Some(t) => format!("taille {}", t.number()),
        None => "taille non déterminée".to_owned(),
    };
    let figures = [
        format!(
            "Population : {} hab. ({band})",
            group_thousands(report.population)
        ),
        format!(
            "Communes entières : {}",
            group_thousands(report.communes.len() as u64)
        ),
        format!(
            "Parties de communes : {}",
            group_thousands(report.parts.len() as u64)
        ),
    ];
    let description = format!(
        // A CPTS's name may or may not begin with « CPTS »: no article, a colon.
        "Carte du territoire : {}, {subtitle}. {}",
        territory.name,
        figures.join(" ; ")
    );

    let mut out = String::with_capacity(256 + (whole.len() + neighbours.len()) * 300);
    open(
        &mut out,
        width,
        height,
        &format!("{title}, {subtitle}"),
        &description,
    );
    svg::text(&mut out, 10, 30, 22, true, &svg::cut(&title, 90));
    svg::text(&mut out, 10, 56, 15, false, &subtitle);
    // The communes around are cut at the edge of the map's box.
    let _ = writeln!(
        out,
        "<clipPath id=\"cadre\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n<g id=\"communes\" clip-path=\"url(#cadre)\" stroke=\"#ffffff\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">",
        10 * UNIT,
        top * UNIT,
        map_w * UNIT,
        map_h * UNIT,
        UNIT / 2
    );
    let mut drawn = 0u32;
    let groups: [(&[InseeCommuneCode], &str, &str); 3] = [
        (&neighbours, NEIGHBOUR, ""),
        (&whole, WHOLE, ""),
        (
            &parts,
            PART,
            " stroke=\"#000091\" stroke-dasharray=\"40 30\" stroke-width=\"15\"",
        ),
    ];
    for (codes, fill, extra) in groups {
        for code in codes {
            let Some(shape) = geometries.shape(code) else {
                continue;
            };
            let _ = write!(out, "<path fill=\"{fill}\"{extra} d=\"");
            frame.path_data(shape.polygons(Level::Detailed), &mut out);
            out.push_str("\"><title>");
            let name = table.commune(code).map(|c| c.name()).unwrap_or_default();
            svg::escape(&format!("{name} ({})", code.as_str()), &mut out);
            out.push_str("</title></path>\n");
            drawn += 1;
        }
    }
    out.push_str("</g>\n<g id=\"legende\">\n");
    svg::legend(
        &mut out,
        legend_x,
        top + 10,
        &figures,
        &[
            (WHOLE, false, "commune du territoire"),
            (PART, true, "commune dont une partie est du territoire"),
            (NEIGHBOUR, false, "commune voisine"),
        ],
    );
    out.push_str("</g>\n");
    svg::small_lines(&mut out, 10, (top + map_h).max(top + 260) + 10, &sources);
    out.push_str("</svg>\n");
    Ok(Map {
        svg: out,
        units: drawn,
        level: Level::Detailed,
        missing,
    })
}
