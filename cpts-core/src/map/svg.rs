//! Drawing primitives: the projection of contours into a box of the page, paths, text.
//!
//! The page is in tenths of a pixel (`viewBox` ten times the `width` and `height`), so that
//! every coordinate written is an integer; a path's points are relative (`l dx dy`), and a
//! point that lands on the previous one is not written: a path costs what it shows.

use std::fmt::Write;

use super::geometry::{BBox, Polygon, QUANTUM};

/// Page units per pixel.
pub(crate) const UNIT: i64 = 10;

/// A box of the page, in page units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

/// Longitude and latitude to the page: an equirectangular projection at the latitude of the
/// middle of what is drawn (distances east-west multiplied by its cosine), fitted to a box.
/// At the scale of a département it differs from Lambert-93 by less than a pixel's share
/// that the eye does not see; for France it is the plain « carte de France » of every
/// dashboard (the overseas départements in their own boxes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    min_x: f64,
    max_y: f64,
    kx: f64,
    scale: f64,
    ox: f64,
    oy: f64,
}

impl Frame {
    /// The frame showing `bbox` as large as fits in `rect`, centred.
    pub fn fit(bbox: BBox, rect: Rect) -> Frame {
        let kx = east_west_factor(bbox);
        let dx = ((f64::from(bbox.max_x) - f64::from(bbox.min_x)) * kx).max(1.0);
        let dy = (f64::from(bbox.max_y) - f64::from(bbox.min_y)).max(1.0);
        let scale = (rect.w as f64 / dx).min(rect.h as f64 / dy);
        Frame {
            min_x: f64::from(bbox.min_x),
            max_y: f64::from(bbox.max_y),
            kx,
            scale,
            ox: rect.x as f64 + (rect.w as f64 - dx * scale) / 2.0,
            oy: rect.y as f64 + (rect.h as f64 - dy * scale) / 2.0,
        }
    }

    /// The height a box of width `w` needs to show `bbox` without margins, within `max_h`.
    pub fn height_for(bbox: BBox, w: i64, max_h: i64) -> i64 {
        let kx = east_west_factor(bbox);
        let dx = ((f64::from(bbox.max_x) - f64::from(bbox.min_x)) * kx).max(1.0);
        let dy = (f64::from(bbox.max_y) - f64::from(bbox.min_y)).max(1.0);
        ((w as f64 * dy / dx).round() as i64).clamp(w / 4, max_h)
    }

    fn project(&self, p: [i32; 2]) -> (i64, i64) {
        let x = self.ox + (f64::from(p[0]) - self.min_x) * self.kx * self.scale;
        let y = self.oy + (self.max_y - f64::from(p[1])) * self.scale;
        (x.round() as i64, y.round() as i64)
    }

    /// Writes the `d` of a path drawing the polygons (even-odd: holes are holes).
    pub fn path_data(&self, polygons: &[Polygon], out: &mut String) {
        let start = out.len();
        let mut last: Option<(i64, i64)> = None;
        for ring in polygons.iter().flatten() {
            let mut first = true;
            let mut written = 0;
            for p in ring {
                let (x, y) = self.project(*p);
                match last {
                    _ if first => {
                        let _ = match last {
                            Some((lx, ly)) => write!(out, "m{} {}", x - lx, y - ly),
                            None => write!(out, "M{x} {y}"),
                        };
                        first = false;
                    }
                    Some((lx, ly)) if (lx, ly) == (x, y) => continue,
                    Some((lx, ly)) => {
                        let _ = write!(out, "l{} {}", x - lx, y - ly);
                        written += 1;
                    }
                    None => {}
                }
                last = Some((x, y));
            }
            if !first {
                if written == 0 {
                    // A ring smaller than a tenth of a pixel: a dot, so that it stays a path.
                    out.push_str("h1v1h-1");
                }
                out.push('z');
                // After `z` the current point is the ring's first point.
                last = ring.first().map(|p| self.project(*p));
            }
        }
        if out.len() == start {
            out.push_str("M0 0");
        }
    }
}

/// The cosine of the latitude of the middle of `bbox` (at least 0.05): how much shorter a
/// degree of longitude is than a degree of latitude there.
fn east_west_factor(bbox: BBox) -> f64 {
    let mid = (f64::from(bbox.min_y) + f64::from(bbox.max_y)) / 2.0 / f64::from(QUANTUM);
    cos_degrees(mid).max(0.05)
}

/// The cosine of an angle of -90° to 90° by its Taylor series to x¹⁴ (error below 1e-8 at
/// ±90°, far below a pixel): the library's `cos` would bring a range reduction of 6 KB into
/// the wasm for one value per map.
fn cos_degrees(degrees: f64) -> f64 {
    let x = degrees.clamp(-90.0, 90.0) * (std::f64::consts::PI / 180.0);
    let x2 = x * x;
    // 1 - x²/2! + x⁴/4! - … - x¹⁴/14!, by Horner's rule.
    let mut term = 1.0;
    for n in (1..=7).rev() {
        let k = f64::from(2 * n);
        term = 1.0 - x2 / (k * (k - 1.0)) * term;
    }
    term
}

/// Text for XML: `&`, `<`, `>`, `"` and `'` escaped, control characters dropped.
pub(crate) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A text element at a point of the page (pixels), of a size (pixels) and weight.
pub(crate) fn text(out: &mut String, x: i64, y: i64, size: i64, bold: bool, content: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}>",
        x * UNIT,
        y * UNIT,
        size * UNIT,
        if bold { " font-weight=\"bold\"" } else { "" }
    );
    escape(content, out);
    out.push_str("</text>\n");
}

/// A legend's swatch: a square of a fill, at a point of the page (pixels).
pub(crate) fn swatch(out: &mut String, x: i64, y: i64, fill: &str, dashed: bool) {
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#3a3a3a\" stroke-width=\"{}\"{}/>",
        x * UNIT,
        (y - 12) * UNIT,
        14 * UNIT,
        14 * UNIT,
        UNIT,
        if dashed {
            " stroke-dasharray=\"30 20\""
        } else {
            ""
        }
    );
}

/// The first blocks of a legend at (x, y) pixels: « Chiffres » and its lines, then « Légende »
/// and its swatches (fill, dashed outline, label). Answers the y of the last line.
pub(crate) fn legend(
    out: &mut String,
    x: i64,
    y: i64,
    figures: &[String],
    keys: &[(&str, bool, &str)],
) -> i64 {
    let mut y = y;
    text(out, x, y, 15, true, "Chiffres");
    for f in figures {
        y += 22;
        text(out, x, y, 13, false, f);
    }
    y += 34;
    text(out, x, y, 15, true, "Légende");
    for (fill, dashed, label) in keys {
        y += 22;
        swatch(out, x, y, fill, *dashed);
        text(out, x + 22, y, 13, false, label);
    }
    y
}

/// Lines of small text (11 pixels), one every 16 pixels below `y`.
pub(crate) fn small_lines(out: &mut String, x: i64, y: i64, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        text(out, x, y + 16 * (i as i64 + 1), 11, false, line);
    }
}

/// A text cut to `max` characters (an ellipsis ends what was cut).
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Words of `text` in lines of at most `width` characters.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A date as a French title writes it: « 1er décembre 2026 », « 15 mars 2025 ».
pub(crate) fn date_long_fr(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    match date.day() {
        1 => format!("1er {month} {}", date.year()),
        d => format!("{d} {month} {}", date.year()),
    }
}

/// A share as a French percentage with one decimal: `0.6213` → « 62,1 % ».
pub(crate) fn percent_fr(share: rust_decimal::Decimal) -> String {
    let p = (share * rust_decimal::Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{p:.1}\u{a0}%").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cosine_is_the_library_s_to_a_billionth() {
        for d in [-90.0, -48.8, 0.0, 16.2, 45.0, 48.85, 60.0, 89.9, 90.0] {
            let exact = f64::to_radians(d).cos();
            assert!(
                (cos_degrees(d) - exact).abs() < 1e-8,
                "{d}: {} {exact}",
                cos_degrees(d)
            );
        }
    }

    #[test]
    fn french_dates_and_shares() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(date_long_fr(d(2026, 12, 1)), "1er décembre 2026");
        assert_eq!(date_long_fr(d(2025, 8, 15)), "15 août 2025");
        // 0.62125 × 100 = 62.125, rounded half away from zero to one decimal: 62.1.
        assert_eq!(
            percent_fr(rust_decimal::Decimal::new(62125, 5)),
            "62,1\u{a0}%"
        );
        assert_eq!(percent_fr(rust_decimal::Decimal::ONE), "100,0\u{a0}%");
    }

    #[test]
    fn paths_are_relative_integers_and_skip_repeated_points() {
        // A 1° × 1° square at the equator (cos 0.5° ≈ 1) fitted in 100 × 100 page units:
        // scale 100 / 10 000 = 0.01 unit per quantum.
        let square = vec![vec![
            [0, 0],
            [10_000, 0],
            [10_000, 10_000],
            [0, 10_000],
            [1, 10_000],
        ]];
        let bbox = BBox {
            min_x: 0,
            min_y: 0,
            max_x: 10_000,
            max_y: 10_000,
        };
        let frame = Frame::fit(
            bbox,
            Rect {
                x: 0,
                y: 0,
                w: 100,
                h: 100,
            },
        );
        let mut d = String::new();
        frame.path_data(&[square], &mut d);
        // (0,0) is the bottom-left corner: page (0, 100); the fifth point lands on the fourth.
        assert_eq!(d, "M0 100l100 0l0 -100l-100 0z");
        let mut s = String::new();
        escape("Saint-Rémy-l'Honoré <78> & \u{7}", &mut s);
        assert_eq!(s, "Saint-Rémy-l&apos;Honoré &lt;78&gt; &amp; ");
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(cut("CPTS de la Boucle de Seine", 10), "CPTS de l…");
    }
}
