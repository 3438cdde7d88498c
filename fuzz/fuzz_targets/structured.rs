//! Structure-aware fuzzing of the operation API: requests generated from the committed JSON
//! Schemas of every operation's input (`cpts-core/schemas/*.input.schema.json`), driven by libFuzzer's
//! bytes through `arbitrary::Unstructured`. Every optional field and every variant of every
//! `oneOf` can be drawn; leaves take extreme values (`Decimal::MAX`, ±262 143-year dates, u32
//! and u64 maxima, long strings) besides ordinary ones taken from the conformance corpus;
//! arrays are sometimes tens of thousands of copies of one element, so that a path quadratic
//! in its input shows as a libFuzzer timeout. Half of the inputs start from a conformance
//! request and change a few of its values instead.
//!
//! The engine must answer every request with one JSON response, never `internal` (a caught
//! panic) and never a panic. Run: `scripts/fuzz SECONDS structured`.
#![no_main]

#[path = "answer.rs"]
mod answer;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use cpts_core::api::Engine;
use libfuzzer_sys::arbitrary::{Result as ArbResult, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

/// The input schema of each operation, by name (`cpts-core/schemas/<operation>.input.schema.json`).
const SCHEMAS: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/schemas.rs"));

/// The conformance requests.
const CORPUS: &[&str] = &include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

struct World {
    engine: Engine,
    schemas: Vec<(String, Value)>,
    corpus: Vec<Value>,
    /// Strings of the corpus, by the pattern of the schema they must match.
    by_pattern: BTreeMap<String, Vec<String>>,
    /// Every string of the corpus.
    strings: Vec<String>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let schemas: Vec<(String, Value)> = SCHEMAS
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_owned(),
                    serde_json::from_str(text).expect("schema"),
                )
            })
            .collect();
        let corpus: Vec<Value> = CORPUS
            .iter()
            .filter_map(|t| serde_json::from_str(t).ok())
            .collect();
        let mut strings = Vec::new();
        for request in &corpus {
            collect_strings(request, &mut strings);
        }
        strings.sort();
        strings.dedup();
        let mut patterns = Vec::new();
        for (_, schema) in &schemas {
            collect_patterns(schema, &mut patterns);
        }
        patterns.sort();
        patterns.dedup();
        let by_pattern = patterns
            .into_iter()
            .map(|p| {
                let re = regex::Regex::new(&p).expect("schema pattern");
                let matching = strings.iter().filter(|s| re.is_match(s)).cloned().collect();
                (p, matching)
            })
            .collect();
        World {
            engine: Engine::new().expect("the embedded data loads"),
            schemas,
            corpus,
            by_pattern,
            strings,
        }
    })
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        Value::Object(fields) => fields.values().for_each(|f| collect_strings(f, out)),
        _ => {}
    }
}

fn collect_patterns(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(fields) => {
            if let Some(Value::String(p)) = fields.get("pattern") {
                out.push(p.clone());
            }
            fields.values().for_each(|f| collect_patterns(f, out));
        }
        Value::Array(items) => items.iter().for_each(|i| collect_patterns(i, out)),
        _ => {}
    }
}

const DECIMALS: &[&str] = &[
    "0",
    "1",
    "0.01",
    "0.005",
    "12.345",
    "-1",
    "-0",
    "100",
    "1000000000",
    "1000000000.01",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7.9228162514264337593543950335",
    "0.0000000000000000000000000001",
    "99999999999999999999999999999",
    "72.40",
    "150",
];
const DATES: &[&str] = &[
    "+262142-12-31",
    "-262143-01-01",
    "0000-01-01",
    "9999-12-31",
    "2019-08-24",
    "2019-08-25",
    "2022-03-31",
    "2022-09-03",
    "2024-02-29",
    "2026-01-01",
    "2026-12-31",
    "2023-01-10",
];
const INTEGERS: &[i128] = &[
    0,
    1,
    2,
    3,
    4,
    5,
    12,
    60,
    40_000,
    80_000,
    175_000,
    u32::MAX as i128,
    u32::MAX as i128 + 1,
    u64::MAX as i128,
    i64::MIN as i128,
    -1,
    2026,
    262_143,
    1_000_000_000,
];

struct Generator<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    world: &'static World,
    /// Nodes left to write: a request stays a few hundred thousand values at most.
    budget: usize,
}

impl Generator<'_, '_> {
    fn pick<'s, T>(&mut self, items: &'s [T]) -> ArbResult<&'s T> {
        self.u.choose(items)
    }

    fn ratio(&mut self, n: u8, d: u8) -> ArbResult<bool> {
        self.u.ratio(n, d)
    }

    /// A value for `schema`, whose `$ref`s are resolved in `root`.
    fn value(&mut self, schema: &Value, root: &Value, depth: usize) -> ArbResult<Value> {
        self.budget = self.budget.saturating_sub(1);
        let Value::Object(s) = schema else {
            return Ok(Value::Null);
        };
        if let Some(Value::String(r)) = s.get("$ref") {
            let name = r.trim_start_matches("#/$defs/");
            let target = root
                .get("$defs")
                .and_then(|d| d.get(name))
                .cloned()
                .unwrap_or(Value::Null);
            return self.value(&target, root, depth + 1);
        }
        if let Some(c) = s.get("const") {
            return Ok(c.clone());
        }
        if let Some(Value::Array(options)) = s.get("enum") {
            return Ok(self.pick(options)?.clone());
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(options)) = s.get(key) {
                let option = self.pick(options)?.clone();
                // `anyOf: [X, null]` and the like: merge what surrounds the choice.
                return self.value(&option, root, depth + 1);
            }
        }
        let types: Vec<String> = match s.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
            _ => vec![],
        };
        let Some(ty) = (if types.is_empty() {
            None
        } else {
            Some(self.pick(&types)?.clone())
        }) else {
            // No type: anything JSON.
            return self.any(depth);
        };
        // Sometimes a value of another type than the schema's: every refusal path.
        if self.ratio(1, 40)? {
            return self.any(depth);
        }
        Ok(match ty.as_str() {
            "null" => Value::Null,
            "boolean" => Value::Bool(self.u.arbitrary()?),
            "integer" => self.integer(s)?,
            "number" => json!(
                self.u
                    .arbitrary::<f64>()?
                    .to_string()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .unwrap_or(0.0)
            ),
            "string" => Value::String(self.string(s)?),
            "array" => self.array(s, root, depth)?,
            "object" => self.object(s, root, depth)?,
            _ => Value::Null,
        })
    }

    fn integer(&mut self, s: &Map<String, Value>) -> ArbResult<Value> {
        let n: i128 = if self.ratio(1, 2)? {
            *self.pick(INTEGERS)?
        } else {
            let min = s.get("minimum").and_then(Value::as_i64).unwrap_or(0) as i128;
            min + i128::from(self.u.int_in_range(0u32..=200_000)?)
        };
        Ok(serde_json::Number::from_i128(n).map_or(Value::Null, Value::Number))
    }

    fn string(&mut self, s: &Map<String, Value>) -> ArbResult<String> {
        let world = self.world;
        let pattern = s.get("pattern").and_then(Value::as_str);
        if pattern == Some("^-?[0-9]+(\\.[0-9]+)?$") {
            return Ok(if self.ratio(3, 4)? {
                (*self.pick(DECIMALS)?).to_owned()
            } else {
                let digits = self.u.int_in_range(1usize..=40)?;
                (0..digits)
                    .map(|_| char::from(b'0' + (self.u.arbitrary::<u8>().unwrap_or(0) % 10)))
                    .collect()
            });
        }
        if s.get("format").and_then(Value::as_str) == Some("date") {
            return Ok(if self.ratio(2, 3)? {
                (*self.pick(DATES)?).to_owned()
            } else {
                let year = self.u.int_in_range(2015i32..=2032)?;
                let month = self.u.int_in_range(1u32..=12)?;
                let day = self.u.int_in_range(1u32..=31)?;
                format!("{year:04}-{month:02}-{day:02}")
            });
        }
        if let Some(p) = pattern {
            if let Some(pool) = world.by_pattern.get(p).filter(|pool| !pool.is_empty()) {
                if self.ratio(4, 5)? {
                    let mut value = self.pick(pool)?.clone();
                    // A changed digit: a wrong check key, or another code.
                    if self.ratio(1, 4)? && !value.is_empty() {
                        let at = self.u.choose_index(value.len())?;
                        if value.is_char_boundary(at) && value.is_char_boundary(at + 1) {
                            let digit = char::from(b'0' + self.u.arbitrary::<u8>()? % 10);
                            value.replace_range(at..at + 1, &digit.to_string());
                        }
                    }
                    return Ok(value);
                }
            }
        }
        Ok(match self.u.int_in_range(0u8..=9)? {
            0 => String::new(),
            1 => "x".repeat(self.u.int_in_range(200usize..=20_000)?),
            2 => " \u{a0}\u{202f}\t".to_owned(),
            3 => "\u{0}\u{1b}é€😀".to_owned(),
            4 | 5 => self.u.arbitrary::<String>()?,
            _ => self.pick(&world.strings)?.clone(),
        })
    }

    fn array(&mut self, s: &Map<String, Value>, root: &Value, depth: usize) -> ArbResult<Value> {
        let items = s.get("items").cloned().unwrap_or(Value::Null);
        if depth > 12 || self.budget == 0 {
            return Ok(Value::Array(vec![]));
        }
        let large = self.ratio(1, 16)?;
        let len = if large {
            self.u.int_in_range(1_000usize..=60_000)?
        } else {
            self.u.int_in_range(0usize..=4)?
        };
        if large {
            // Copies of one element (or of two, alternating), within the budget.
            let a = self.value(&items, root, depth + 1)?;
            let b = if self.ratio(1, 2)? {
                self.value(&items, root, depth + 1)?
            } else {
                a.clone()
            };
            let size = nodes(&a).max(nodes(&b)).max(1);
            let len = len.min(self.budget / size);
            self.budget = self.budget.saturating_sub(len * size);
            return Ok(Value::Array(
                (0..len)
                    .map(|i| if i % 2 == 0 { a.clone() } else { b.clone() })
                    .collect(),
            ));
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            out.push(self.value(&items, root, depth + 1)?);
        }
        Ok(Value::Array(out))
    }

    fn object(&mut self, s: &Map<String, Value>, root: &Value, depth: usize) -> ArbResult<Value> {
        let mut out = Map::new();
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(Value::Object(props)) = s.get("properties") {
            for (name, prop) in props {
                let is_required = required.contains(&name.as_str());
                // Optional fields half of the time; a required one is left out rarely.
                let include = if is_required {
                    !self.ratio(1, 50)?
                } else {
                    self.ratio(1, 2)?
                };
                if include && depth < 16 {
                    out.insert(name.clone(), self.value(prop, root, depth + 1)?);
                }
            }
        }
        if self.ratio(1, 60)? {
            out.insert("champ_inconnu".to_owned(), Value::Bool(true));
        }
        Ok(Value::Object(out))
    }

    /// Any JSON value, small.
    fn any(&mut self, depth: usize) -> ArbResult<Value> {
        Ok(match self.u.int_in_range(0u8..=6)? {
            0 => Value::Null,
            1 => Value::Bool(self.u.arbitrary()?),
            2 => json!(self.u.arbitrary::<i64>()?),
            3 => Value::String(self.u.arbitrary()?),
            4 if depth < 8 => Value::Array(vec![self.any(depth + 1)?]),
            5 if depth < 8 => json!({"x": self.any(depth + 1)?}),
            _ => json!(1e300),
        })
    }

    /// A corpus request with a few of its values changed.
    fn mutated(&mut self) -> ArbResult<Value> {
        let world = self.world;
        let mut request = self.pick(&world.corpus)?.clone();
        for _ in 0..self.u.int_in_range(1u8..=4)? {
            let paths = leaf_paths(&request);
            let Ok(path) = self.pick(&paths).cloned() else {
                break;
            };
            let Some(slot) = pointer_mut(&mut request, &path) else {
                continue;
            };
            let replacement = match slot {
                Value::String(_) => {
                    let kind = self.u.int_in_range(0u8..=3)?;
                    match kind {
                        0 => Value::String((*self.pick(DECIMALS)?).to_owned()),
                        1 => Value::String((*self.pick(DATES)?).to_owned()),
                        2 => Value::String(self.pick(&world.strings)?.clone()),
                        _ => Value::String(self.u.arbitrary()?),
                    }
                }
                Value::Number(_) => serde_json::Number::from_i128(*self.pick(INTEGERS)?)
                    .map_or(Value::Null, Value::Number),
                Value::Bool(b) => Value::Bool(!*b),
                Value::Array(items) if !items.is_empty() => {
                    // Many copies of one element: the large-count paths.
                    let first = items[0].clone();
                    let n = self
                        .u
                        .int_in_range(2usize..=30_000)?
                        .min(200_000 / nodes(&first).max(1));
                    Value::Array(vec![first; n])
                }
                _ => self.any(0)?,
            };
            *slot = replacement;
        }
        Ok(request)
    }
}

fn nodes(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(nodes).sum::<usize>(),
        Value::Object(fields) => 1 + fields.values().map(nodes).sum::<usize>(),
        _ => 1,
    }
}

/// The JSON pointers of every value under `input` (leaves and arrays).
fn leaf_paths(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(fields) => {
                for (k, f) in fields {
                    walk(
                        f,
                        format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                out.push(at.clone());
                for (i, item) in items.iter().enumerate().take(8) {
                    walk(item, format!("{at}/{i}"), out);
                }
            }
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    if let Some(input) = v.get("input") {
        walk(input, "/input".to_owned(), &mut out);
    }
    out
}

fn pointer_mut<'v>(v: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    v.pointer_mut(path)
}

fn request(u: &mut Unstructured<'_>) -> ArbResult<String> {
    let world = world();
    let mut g = Generator {
        u,
        world,
        budget: 300_000,
    };
    let value = if g.ratio(1, 2)? {
        g.mutated()?
    } else {
        let (name, schema) = g.pick(&world.schemas)?.clone();
        let input = g.value(&schema, &schema, 0)?;
        json!({"api_version": 1, "operation": name, "input": input})
    };
    Ok(value.to_string())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(text) = request(&mut u) else { return };
    answer::check(&world().engine.respond(&text), text.len());
});
