//! The map of a coverage report: each CPTS's units in its colour, white zones, overlaps,
//! units held in part, a legend with the figures.

use std::fmt::Write;

use super::svg::{self, Frame, Rect, UNIT};
use super::{
    Geometries, LEGEND_CPTS, Level, Map, MapError, MapOptions, PALETTE, TITLES_UP_TO, check, open,
    sources_fr,
};
use crate::aci::money::group_thousands;
use crate::identifiers::InseeCommuneCode;
use crate::map::geometry::BBox;
use crate::territory::CommuneTable;
use crate::territory::coverage::{Area, CoverageReport};

/// What a unit is on the map.
struct Unit<'r> {
    code: InseeCommuneCode,
    /// The CPTS covering it (indexes into the report's `cpts`), empty for a white zone.
    cpts: &'r [crate::territory::coverage::Assignment],
}

/// The overseas départements drawn in boxes of their own on a map of France, in this order.
const OVERSEAS: [(&str, &str); 5] = [
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];

/// Draws the map of a coverage report (see the module documentation for what it shows).
///
/// `table` is the one the report was made with (names, populations, millésimes);
/// `geometries` hold the units' contours. The cost is linear in the units of the area and
/// the points drawn.
pub fn coverage_map(
    report: &CoverageReport,
    table: &CommuneTable,
    geometries: &Geometries,
    options: &MapOptions,
) -> Result<Map, MapError> {
    check(options)?;
    let level = match report.area {
        Area::Departement { .. } => Level::Detailed,
        _ => Level::Overview,
    };

    // Every unit of the area: covered (its assignments) or white.
    // Both lists are by code: merged, the units are by code.
    let mut units: Vec<Unit<'_>> =
        Vec::with_capacity(report.assignments.len() + report.white_zones.len());
    let assignments = &report.assignments;
    let mut whites = report.white_zones.iter().peekable();
    let mut i = 0;
    while let Some(a) = assignments.get(i) {
        let end = i + assignments
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|b| b.commune == a.commune)
            .count();
        while let Some(w) = whites.next_if(|w| w.commune < a.commune) {
            units.push(Unit {
                code: w.commune,
                cpts: &[],
            });
        }
        units.push(Unit {
            code: a.commune,
            cpts: assignments.get(i..end).unwrap_or(&[]),
        });
        i = end;
    }
    units.extend(whites.map(|w| Unit {
        code: w.commune,
        cpts: &[],
    }));

    let missing: Vec<InseeCommuneCode> = units
        .iter()
        .filter(|u| geometries.shape(&u.code).is_none())
        .map(|u| u.code)
        .collect();
    let drawn = units.len() - missing.len();
    if drawn == 0 {
        return Err(MapError::NothingToDraw {
            units: units.len() as u32,
        });
    }

    // Zones: metropolitan France (and Corsica), then each overseas département in its box
    // when France is drawn with the mainland; otherwise the one zone of the area.
    let zone_of = |code: &InseeCommuneCode| -> usize {
        let dep = code.departement_prefix();
        OVERSEAS
            .iter()
            .position(|(d, _)| *d == dep)
            .map_or(0, |i| i + 1)
    };
    let mut zone_boxes: [Option<BBox>; 6] = [None; 6];
    for u in &units {
        if let Some(b) = geometries.shape(&u.code).and_then(|s| s.bbox()) {
            let z = &mut zone_boxes[zone_of(&u.code)];
            *z = Some(z.map_or(b, |z| z.union(b)));
        }
    }
    let insets = zone_boxes[0].is_some() && zone_boxes[1..].iter().any(Option::is_some);
    let main_box = match zone_boxes[0] {
        Some(b) => b,
        None => zone_boxes
            .iter()
            .flatten()
            .copied()
            .reduce(BBox::union)
            .unwrap_or(BBox {
                min_x: 0,
                min_y: 0,
                max_x: 1,
                max_y: 1,
            }),
    };

    // Layout, in pixels: the map on the left, the legend on the right.
    let width = i64::from(options.width);
    let map_w = width * 62 / 100;
    let legend_x = map_w + 30;
    let top = 80;
    let map_h = Frame::height_for(main_box, map_w, map_w * 13 / 10);
    let inset_size = map_w / 5 - 8;
    let insets_h = if insets { inset_size + 30 } else { 0 };
    let map_rect = Rect {
        x: 10 * UNIT,
        y: top * UNIT,
        w: map_w * UNIT,
        h: map_h * UNIT,
    };
    // Without insets there is one zone (or the mainland alone): every unit in the main frame,
    // whose box is then that of every unit.
    let frames: [Option<Frame>; 6] = if insets {
        let mut frames = [None; 6];
        frames[0] = Some(Frame::fit(main_box, map_rect));
        for z in 1..6 {
            frames[z] = zone_boxes[z].map(|b| {
                let x = 10 + (z as i64 - 1) * (inset_size + 8);
                let y = top + map_h + 24;
                Frame::fit(
                    b,
                    Rect {
                        x: (x + 4) * UNIT,
                        y: (y + 4) * UNIT,
                        w: (inset_size - 8) * UNIT,
                        h: (inset_size - 8) * UNIT,
                    },
                )
            });
        }
        frames
    } else {
        [Some(Frame::fit(main_box, map_rect)); 6]
    };

    let colours = colour_cpts(report, geometries);
    let titles = units.len() <= TITLES_UP_TO;

    // The figures, said once for the legend and the description.
    let t = &report.totals;
    let overlaps_units = report.overlaps.len();
    let area_name = match &report.area {
        Area::France => "France".to_owned(),
        Area::Region { code } => format!("{} (région {code})", t.name),
        Area::Departement { code } => format!("{} ({code})", t.name),
    };
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| format!("Couverture par les CPTS — {area_name}"));
    let subtitle = format!(
        "au {} — {} CPTS",
        svg::date_long_fr(options.date),
        group_thousands(report.cpts.len() as u64)
    );
    let figures = [
        format!("Population : {} hab.", group_thousands(t.population)),
        format!(
            "Couverte : {} hab. ({})",
            group_thousands(t.covered),
            svg::percent_fr(t.share_covered)
        ),
        format!(
            "Zones blanches : {} hab., {} unité{}",
            group_thousands(t.white),
            group_thousands(report.white_zones.len() as u64),
            plural(report.white_zones.len())
        ),
        format!(
            "Chevauchements : {} hab., {} unité{}",
            group_thousands(t.overlapped),
            group_thousands(overlaps_units as u64),
            plural(overlaps_units)
        ),
    ];
    // No article before the area's name (« des Yvelines », « de l'Ain »: the commune table
    // does not say which): a colon instead.
    let description = format!(
        "Carte de la couverture : {area_name}, {subtitle}. {}",
        figures.join(" ; ")
    );

    let legend_lines = 12 + report.cpts.len().min(LEGEND_CPTS) + 2;
    let sources = sources_fr(table, geometries, width);
    let body_h = (top + map_h + insets_h).max(top + 22 * legend_lines as i64);
    let height = body_h + 20 + 16 * sources.len() as i64;

    let mut out = String::with_capacity(256 + drawn * 200);
    open(
        &mut out,
        width,
        height,
        &format!("{title}, {subtitle}"),
        &description,
    );
    out.push_str("<style>");
    for (i, c) in PALETTE.iter().enumerate() {
        let _ = write!(out, ".c{i}{{fill:{c}}}");
    }
    let _ = writeln!(
        out,
        ".zb{{fill:url(#zone-blanche)}}.ch{{fill:url(#chevauchement);stroke:none}}.p{{stroke:#161616;stroke-dasharray:{a} {b}}}</style>",
        a = 4 * UNIT,
        b = 3 * UNIT
    );
    svg::text(&mut out, 10, 30, 22, true, &svg::cut(&title, 90));
    svg::text(&mut out, 10, 56, 15, false, &subtitle);

    // The units, in code order, one path each.
    let _ = writeln!(
        out,
        "<g id=\"communes\" stroke=\"#ffffff\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">",
        if level == Level::Detailed {
            UNIT / 2
        } else {
            UNIT / 5
        }
    );
    let mut overlaps = String::new();
    for u in &units {
        let Some(shape) = geometries.shape(&u.code) else {
            continue;
        };
        let Some(frame) = frames[zone_of(&u.code)] else {
            continue;
        };
        let class = match u.cpts.first() {
            None => "zb".to_owned(),
            Some(a) => {
                let c = colours.get(a.cpts as usize).copied().unwrap_or(0);
                if u.cpts.iter().all(|a| a.part_population.is_some()) {
                    format!("c{c} p")
                } else {
                    format!("c{c}")
                }
            }
        };
        let _ = write!(out, "<path class=\"{class}\" d=\"");
        let d_start = out.len();
        frame.path_data(shape.polygons(level), &mut out);
        if u.cpts.len() > 1 {
            let d = out.get(d_start..).unwrap_or_default().to_owned();
            let _ = writeln!(overlaps, "<path class=\"ch\" d=\"{d}\"/>");
        }
        out.push('"');
        if titles {
            out.push_str("><title>");
            let commune = table.commune(&u.code);
            let name = commune.map(|c| c.name()).unwrap_or_default();
            let population = commune.and_then(|c| c.population()).unwrap_or_default();
            let held: Vec<&str> = u
                .cpts
                .iter()
                .filter_map(|a| report.cpts.get(a.cpts as usize).map(String::as_str))
                .collect();
            let who = if held.is_empty() {
                "zone blanche".to_owned()
            } else {
                held.join(", ")
            };
            svg::escape(
                &format!(
                    "{name} ({}) — {} hab. — {who}",
                    u.code.as_str(),
                    group_thousands(u64::from(population))
                ),
                &mut out,
            );
            out.push_str("</title></path>\n");
        } else {
            out.push_str("/>\n");
        }
    }
    out.push_str("</g>\n");
    if !overlaps.is_empty() {
        // Drawn again over their fill (a `use` would keep the fill of its class).
        out.push_str("<g id=\"chevauchements\">\n");
        out.push_str(&overlaps);
        out.push_str("</g>\n");
    }
    if insets {
        for (z, (_, name)) in OVERSEAS.iter().enumerate() {
            if zone_boxes[z + 1].is_some() {
                let x = 10 + z as i64 * (inset_size + 8);
                let y = top + map_h + 24;
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#929292\" stroke-width=\"{}\"/>",
                    x * UNIT,
                    y * UNIT,
                    inset_size * UNIT,
                    inset_size * UNIT,
                    UNIT / 2
                );
                svg::text(&mut out, x, y - 4, 11, false, name);
            }
        }
    }

    // The legend.
    out.push_str("<g id=\"legende\">\n");
    let mut y = svg::legend(
        &mut out,
        legend_x,
        top + 10,
        &figures,
        &[
            ("url(#zone-blanche)", false, "zone blanche (aucune CPTS)"),
            (
                "url(#chevauchement)",
                false,
                "chevauchement (plusieurs CPTS)",
            ),
            ("#ffffff", true, "commune en partie dans une CPTS"),
        ],
    );
    y += 34;
    svg::text(
        &mut out,
        legend_x,
        y,
        15,
        true,
        &format!("CPTS ({})", group_thousands(report.cpts.len() as u64)),
    );
    let mut held = vec![0u32; report.cpts.len()];
    for a in &report.assignments {
        if let Some(n) = held.get_mut(a.cpts as usize) {
            *n += 1;
        }
    }
    let name_chars = ((width - legend_x - 40) / 7).max(12) as usize;
    for (i, name) in report.cpts.iter().enumerate().take(LEGEND_CPTS) {
        y += 22;
        let c = colours.get(i).copied().unwrap_or(0);
        svg::swatch(&mut out, legend_x, y, PALETTE[c % PALETTE.len()], false);
        let n = held.get(i).copied().unwrap_or(0);
        svg::text(
            &mut out,
            legend_x + 22,
            y,
            13,
            false,
            &svg::cut(
                &format!("{name} ({n} unité{})", plural(n as usize)),
                name_chars,
            ),
        );
    }
    if report.cpts.len() > LEGEND_CPTS {
        y += 22;
        let others = report.cpts.len() - LEGEND_CPTS;
        svg::text(
            &mut out,
            legend_x,
            y,
            13,
            false,
            &format!(
                "… et {} autre{} CPTS",
                group_thousands(others as u64),
                plural(others)
            ),
        );
    }
    out.push_str("</g>\n");
    svg::small_lines(&mut out, 10, body_h + 10, &sources);
    out.push_str("</svg>\n");

    Ok(Map {
        svg: out,
        units: drawn as u32,
        level,
        missing,
    })
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// A colour per CPTS (an index into [`PALETTE`]): greedily, from west to east, the least used
/// colour that no CPTS whose extent meets this one's already has (at most 256 earlier CPTS
/// looked at, so that the cost stays linear), else the least used one.
fn colour_cpts(report: &CoverageReport, geometries: &Geometries) -> Vec<usize> {
    let mut boxes: Vec<Option<BBox>> = vec![None; report.cpts.len()];
    for a in &report.assignments {
        let Some(b) = geometries.shape(&a.commune).and_then(|s| s.bbox()) else {
            continue;
        };
        if let Some(slot) = boxes.get_mut(a.cpts as usize) {
            *slot = Some(slot.map_or(b, |s| s.union(b)));
        }
    }
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by_key(|i| boxes[*i].map_or(i32::MAX, |b| b.min_x));
    let mut colours = vec![0usize; boxes.len()];
    let mut used = [0usize; PALETTE.len()];
    // The CPTS coloured so far whose extent may still meet the next ones.
    let mut active: Vec<usize> = Vec::new();
    for i in order {
        let mut taken = [false; PALETTE.len()];
        if let Some(b) = boxes[i] {
            active.retain(|j| boxes[*j].is_some_and(|o| o.max_x >= b.min_x));
            for j in active.iter().rev().take(256) {
                if boxes[*j].is_some_and(|o| o.intersects(b)) {
                    taken[colours[*j]] = true;
                }
            }
        }
        // The least used colour no neighbour has (the first of them on a tie), else the least
        // used of all.
        let c = (0..PALETTE.len())
            .filter(|c| !taken[*c])
            .min_by_key(|c| used[*c])
            .unwrap_or_else(|| (0..PALETTE.len()).min_by_key(|c| used[*c]).unwrap_or(0));
        colours[i] = c;
        used[c] += 1;
        if boxes[i].is_some() {
            active.push(i);
            if active.len() > 512 {
                active.drain(..256);
            }
        }
    }
    colours
}
