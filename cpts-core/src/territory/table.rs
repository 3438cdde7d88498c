//! The commune table: INSEE Code officiel géographique with populations légales, read from
//! the compact text built by `scripts/communes/generate.mjs` (`data/communes.txt`).
//!
//! Records keep spans into the text, so loading allocates little: the embedded table
//! (cargo feature `embedded-communes`, on by default) borrows the text compiled into the
//! library; [`CommuneTable::from_text`] loads the same format from a file at run time (a
//! wasm build without the embedded data, or a newer millésime).

use std::borrow::Cow;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::identifiers::{InseeCommuneCode, NationalIdentifier};

#[cfg(feature = "embedded-communes")]
const EMBEDDED: &str = include_str!("../../data/communes.txt");

const NONE: u32 = u32::MAX;

/// A slice of the table's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

/// What a unit of the table is.
///
/// JSON: `"commune"` or `"arrondissement_municipal"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    /// A commune actuelle.
    Commune,
    /// A municipal arrondissement of Paris, Lyon or Marseille.
    ArrondissementMunicipal,
}

/// Where the table comes from (the `#` lines of the file).
///
/// JSON: `{"format": "1", "source": "...", "cog": "2026", "population": "...", "licence": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Version of the file format.
    pub format: String,
    /// The package it was built from.
    pub source: String,
    /// Millésime of the Code officiel géographique.
    pub cog: String,
    /// Population series and millésime.
    pub population: String,
    /// Licence of the data.
    pub licence: String,
}

#[derive(Debug, Clone)]
pub(crate) struct RegionRec {
    pub code: Span,
    pub name: Span,
}

#[derive(Debug, Clone)]
pub(crate) struct DepartementRec {
    pub code: Span,
    pub region: u32,
    pub name: Span,
}

#[derive(Debug, Clone)]
pub(crate) struct EpciRec {
    pub siren: Span,
    pub kind: Span,
    pub name: Span,
    pub members: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct UnitRec {
    pub code: InseeCommuneCode,
    pub kind: CommuneKind,
    pub departement: u32,
    pub epci: u32,
    pub population: u32,
    /// For an arrondissement: its commune; for a commune with arrondissements: [`NONE`].
    pub parent: u32,
    pub postcodes: Span,
    pub former: Span,
    pub name: Span,
}

/// Whether a former unit is a commune déléguée or associée.
///
/// JSON: `"deleguee"` or `"associee"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FormerKind {
    /// Commune déléguée of a commune nouvelle.
    Deleguee,
    /// Commune associée (fusion-association).
    Associee,
    /// A former code listed by a commune actuelle (`anciensCodes`).
    AncienCode,
}

#[derive(Debug, Clone)]
pub(crate) struct FormerRec {
    pub code: InseeCommuneCode,
    pub kind: FormerKind,
    pub departement: u32,
    pub chef_lieu: u32,
    pub name: Span,
}

/// A line of a commune table that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TableError {
    /// A line does not have the expected fields.
    #[error("commune table, line {line}: {rule}")]
    Format {
        /// Line number (1-based).
        line: usize,
        /// What is wrong.
        rule: crate::messages::Bilingual,
    },
    /// A record refers to something the table does not define.
    #[error("commune table, line {line}: {what} « {code} » is not defined")]
    UnknownReference {
        /// Line number.
        line: usize,
        /// What was looked for.
        what: crate::messages::Bilingual,
        /// The code.
        code: String,
    },
    /// A code defined twice.
    #[error("commune table: {what} « {code} » is defined twice")]
    Duplicate {
        /// What.
        what: crate::messages::Bilingual,
        /// The code.
        code: String,
    },
    /// The provenance lines are missing.
    #[error("commune table: the provenance line « #{key}= » is missing")]
    MissingProvenance {
        /// The key.
        key: &'static str,
    },
    /// The embedded table was left out of this build.
    #[error("the commune table is not embedded in this build of the library: load it")]
    NotEmbedded,
}

/// The commune table.
///
/// ```
/// use cpts_core::territory::CommuneTable;
/// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
/// let table = CommuneTable::embedded().unwrap();
/// let sgl = table.commune(&InseeCommuneCode::parse("78551").unwrap()).unwrap();
/// assert_eq!(sgl.name(), "Saint-Germain-en-Laye");
/// assert_eq!(sgl.population(), Some(45_931));
/// assert_eq!(sgl.departement().name(), "Yvelines");
/// ```
#[derive(Debug)]
pub struct CommuneTable {
    text: Cow<'static, str>,
    provenance: Provenance,
    pub(crate) regions: Vec<RegionRec>,
    pub(crate) departements: Vec<DepartementRec>,
    pub(crate) epcis: Vec<EpciRec>,
    /// Communes actuelles and arrondissements municipaux, by code.
    pub(crate) units: Vec<UnitRec>,
    /// Communes déléguées and associées, and former codes, by code.
    pub(crate) former: Vec<FormerRec>,
    /// (commune, arrondissement) pairs of Paris, Lyon and Marseille, sorted.
    pub(crate) arrondissements: Vec<(u32, u32)>,
    pub(crate) names: OnceLock<super::lookup::NameIndex>,
    pub(crate) postcodes: OnceLock<Vec<([u8; 5], u32)>>,
    /// Per unit: true when its code is also the postcode of another unit (built on first
    /// use, see `territory::reading`).
    pub(crate) code_also_postcode: OnceLock<Vec<bool>>,
    /// Unit index by [`dense`] code (built on first use).
    pub(crate) by_code: OnceLock<Vec<u32>>,
}

/// How many codes [`dense`] numbers.
const DENSE_CODES: usize = 120 * 1000;

/// A commune code as a number below [`DENSE_CODES`]: its first two characters (a digit, then
/// a digit or `A`/`B`) as 0 to 119, then its three digits.
fn dense(code: &InseeCommuneCode) -> usize {
    let [a, b, c, d, e] = code.bytes();
    let second = match b {
        b'A' => 10,
        b'B' => 11,
        digit => usize::from(digit.wrapping_sub(b'0')),
    };
    let head = usize::from(a.wrapping_sub(b'0')) * 12 + second;
    let tail = [c, d, e]
        .iter()
        .fold(0usize, |n, x| n * 10 + usize::from(x.wrapping_sub(b'0')));
    head * 1000 + tail
}

/// The section order of a record type (R, D, E, C, A, L).
fn expected_order(kind: Option<u8>) -> u8 {
    match kind {
        Some(b'R') => 1,
        Some(b'D') => 2,
        Some(b'E') => 3,
        Some(b'C' | b'A') => 4,
        _ => 5,
    }
}

fn slice_of(text: &str, s: Span) -> &str {
    text.get(s.start as usize..(s.start + s.len) as usize)
        .unwrap_or("")
}

/// A code of up to 4 ASCII bytes as an integer that sorts like the string.
fn key(code: &str) -> u32 {
    let mut k = [0u8; 4];
    for (slot, b) in k.iter_mut().zip(code.bytes()) {
        *slot = b;
    }
    if code.len() > 4 {
        u32::MAX
    } else {
        u32::from_be_bytes(k)
    }
}

/// A 9-digit SIREN as an integer (sorts like the string).
fn siren_key(siren: &str) -> u32 {
    if siren.len() == 9 {
        digits(siren).unwrap_or(NONE)
    } else {
        NONE
    }
}

/// Sorts records by key, checks keys are unique, and fills `keys` in the same order.
fn sort_keyed<T>(
    records: &mut [T],
    keys: &mut Vec<u32>,
    key_of: impl Fn(&T) -> u32,
    what: crate::messages::Bilingual,
) -> Result<(), TableError> {
    records.sort_by_key(&key_of);
    keys.clear();
    keys.extend(records.iter().map(&key_of));
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(TableError::Duplicate {
            what,
            code: format!("{:08x}", w[0]),
        });
    }
    Ok(())
}

fn code(text: &str, line: usize) -> Result<InseeCommuneCode, TableError> {
    if let Some(c) = InseeCommuneCode::from_canonical(text) {
        return Ok(c);
    }
    InseeCommuneCode::parse(text).map_err(|e| TableError::Format {
        line,
        rule: crate::messages::rules::communes::not_a_code(&e),
    })
}

fn number(text: &str, line: usize) -> Result<u32, TableError> {
    if text == "-" {
        return Ok(NONE);
    }
    digits(text)
        .filter(|n| *n != NONE)
        .ok_or_else(|| TableError::Format {
            line,
            rule: crate::messages::rules::communes::not_a_population(text),
        })
}

/// An unsigned decimal number of 1 to 9 digits.
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

impl CommuneTable {
    /// The table compiled into the library (COG 2026, populations légales 2023), with the cargo
    /// feature `embedded-communes` (on by default). Without it, this returns
    /// [`TableError::NotEmbedded`]: load the same file, shipped apart, with
    /// [`CommuneTable::from_text`].
    pub fn embedded() -> Result<Self, TableError> {
        #[cfg(feature = "embedded-communes")]
        {
            Self::parse(Cow::Borrowed(EMBEDDED))
        }
        #[cfg(not(feature = "embedded-communes"))]
        {
            Err(TableError::NotEmbedded)
        }
    }

    /// Loads a table in the format of `data/communes.txt` (the same file, shipped apart from
    /// the library, or a newer millésime built by the same script).
    pub fn from_text(text: String) -> Result<Self, TableError> {
        Self::parse(Cow::Owned(text))
    }

    fn parse(text: Cow<'static, str>) -> Result<Self, TableError> {
        const KEYS: [&str; 5] = ["cpts-communes", "source", "cog", "population", "licence"];
        let mut provenance = [None::<String>, None, None, None, None];
        let mut regions: Vec<RegionRec> = Vec::new();
        let mut region_keys: Vec<u32> = Vec::new();
        let mut departements: Vec<DepartementRec> = Vec::new();
        let mut dep_keys: Vec<u32> = Vec::new();
        let mut epcis: Vec<EpciRec> = Vec::new();
        let mut epci_keys: Vec<u32> = Vec::new();
        let mut units: Vec<UnitRec> = Vec::with_capacity(35_100);
        let mut arrondissement_parents: Vec<(InseeCommuneCode, InseeCommuneCode, usize)> =
            Vec::new();
        let mut former: Vec<(FormerRec, InseeCommuneCode, usize)> = Vec::with_capacity(2_600);
        // Sections come in the order R, D, E, communes and arrondissements (C and A, by code),
        // L, as the generator writes them.
        let mut section = 0u8;
        let base = text.as_ptr() as usize;
        // A slice of `text` as offsets (an empty slice, or one from elsewhere, is empty).
        let span = |s: &str| match (s.as_ptr() as usize).checked_sub(base) {
            Some(start) if !s.is_empty() && start + s.len() <= text.len() => Span {
                start: u32::try_from(start).unwrap_or(0),
                len: u32::try_from(s.len()).unwrap_or(0),
            },
            _ => Span { start: 0, len: 0 },
        };
        let mut fields: [&str; 8] = [""; 8];
        let mut last_dep: (&str, u32) = ("", NONE);
        let mut last_epci: (&str, u32) = ("", NONE);
        // One pass per line: the separators up to the last field, then the newline.
        let bytes = text.as_bytes();
        let mut pos = 0usize;
        let mut line = 0usize;
        while pos < bytes.len() {
            line += 1;
            let line_start = pos;
            let expected = match bytes.get(pos) {
                Some(b'R') => 3,
                Some(b'D' | b'E') => 4,
                Some(b'C') => 8,
                Some(b'A' | b'L') => 6,
                _ => 0,
            };
            let mut count = 0;
            let mut start = pos;
            let mut i = pos;
            if expected > 0 {
                while let Some(&b) = bytes.get(i) {
                    if b == b'\n' {
                        break;
                    }
                    if b == b'|' {
                        fields[count] = text.get(start..i).unwrap_or("");
                        count += 1;
                        start = i + 1;
                        if count + 1 >= expected {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            let end = bytes
                .get(i..)
                .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                .map_or(bytes.len(), |p| i + p);
            pos = end + 1;
            let raw = text.get(line_start..end).unwrap_or("");
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.is_empty() {
                continue;
            }
            if let Some(rest) = raw.strip_prefix('#') {
                if let Some((key, value)) = rest.split_once('=')
                    && let Some(k) = KEYS.iter().position(|k| *k == key)
                {
                    provenance[k] = Some(value.to_owned());
                }
                continue;
            }
            let tail = text.get(start..end).unwrap_or("");
            fields[count] = tail.strip_suffix('\r').unwrap_or(tail);
            count += 1;
            let kind = fields[0];
            if expected == 0 || !matches!(kind, "R" | "D" | "E" | "C" | "A" | "L") {
                return Err(TableError::Format {
                    line,
                    rule: crate::messages::rules::communes::unknown_record(kind),
                });
            }
            if count != expected {
                return Err(TableError::Format {
                    line,
                    rule: crate::messages::rules::communes::field_count(expected, count),
                });
            }
            let order = expected_order(raw.as_bytes().first().copied());
            if order < section {
                return Err(TableError::Format {
                    line,
                    rule: crate::messages::rules::communes::record_after_section(kind),
                });
            }
            if order != section {
                // Entering a section: the ones it refers to are complete; sort and index them.
                if section <= 1 && order > 1 {
                    sort_keyed(
                        &mut regions,
                        &mut region_keys,
                        |r| key(slice_of(&text, r.code)),
                        crate::messages::rules::communes::REGION,
                    )?;
                }
                if section <= 2 && order > 2 {
                    sort_keyed(
                        &mut departements,
                        &mut dep_keys,
                        |d| key(slice_of(&text, d.code)),
                        crate::messages::rules::communes::DEPARTEMENT,
                    )?;
                }
                if section <= 3 && order > 3 {
                    sort_keyed(
                        &mut epcis,
                        &mut epci_keys,
                        |e| siren_key(slice_of(&text, e.siren)),
                        crate::messages::rules::communes::EPCI,
                    )?;
                }
                section = order;
            }
            let dep = |code: &str| {
                dep_keys
                    .binary_search(&key(code))
                    .map(|i| i as u32)
                    .map_err(|_| TableError::UnknownReference {
                        line,
                        what: crate::messages::rules::communes::DEPARTEMENT,
                        code: code.to_owned(),
                    })
            };
            match kind {
                "R" => regions.push(RegionRec {
                    code: span(fields[1]),
                    name: span(fields[2]),
                }),
                "D" => {
                    let region = region_keys.binary_search(&key(fields[2])).map_err(|_| {
                        TableError::UnknownReference {
                            line,
                            what: crate::messages::rules::communes::REGION,
                            code: fields[2].to_owned(),
                        }
                    })?;
                    departements.push(DepartementRec {
                        code: span(fields[1]),
                        region: region as u32,
                        name: span(fields[3]),
                    });
                }
                "E" => epcis.push(EpciRec {
                    siren: span(fields[1]),
                    kind: span(fields[2]),
                    name: span(fields[3]),
                    members: 0,
                }),
                "C" => {
                    let epci = if fields[3] == "-" {
                        NONE
                    } else if last_epci.0 == fields[3] {
                        if let Some(rec) = epcis.get_mut(last_epci.1 as usize) {
                            rec.members += 1;
                        }
                        last_epci.1
                    } else {
                        let e = epci_keys
                            .binary_search(&siren_key(fields[3]))
                            .map_err(|_| TableError::UnknownReference {
                                line,
                                what: crate::messages::rules::communes::EPCI,
                                code: fields[3].to_owned(),
                            })?;
                        if let Some(rec) = epcis.get_mut(e) {
                            rec.members += 1;
                        }
                        last_epci = (fields[3], e as u32);
                        e as u32
                    };
                    units.push(UnitRec {
                        code: code(fields[1], line)?,
                        kind: CommuneKind::Commune,
                        departement: if last_dep.0 == fields[2] {
                            last_dep.1
                        } else {
                            let d = dep(fields[2])?;
                            last_dep = (fields[2], d);
                            d
                        },
                        epci,
                        population: number(fields[4], line)?,
                        parent: NONE,
                        postcodes: span(fields[5]),
                        former: span(fields[6]),
                        name: span(fields[7]),
                    });
                }
                "A" => {
                    let own = code(fields[1], line)?;
                    arrondissement_parents.push((own, code(fields[2], line)?, line));
                    units.push(UnitRec {
                        code: own,
                        kind: CommuneKind::ArrondissementMunicipal,
                        departement: NONE,
                        epci: NONE,
                        population: number(fields[3], line)?,
                        parent: NONE,
                        postcodes: span(fields[4]),
                        former: span(""),
                        name: span(fields[5]),
                    });
                }
                _ => {
                    let kind = match fields[1] {
                        "D" => FormerKind::Deleguee,
                        "A" => FormerKind::Associee,
                        other => {
                            return Err(TableError::Format {
                                line,
                                rule: crate::messages::rules::communes::not_d_or_a(other),
                            });
                        }
                    };
                    former.push((
                        FormerRec {
                            code: code(fields[2], line)?,
                            kind,
                            departement: dep(fields[3])?,
                            chef_lieu: NONE,
                            name: span(fields[5]),
                        },
                        code(fields[4], line)?,
                        line,
                    ));
                }
            }
        }
        let [format, source, cog, population, licence] = provenance;
        let provenance = Provenance {
            format: format.ok_or(TableError::MissingProvenance {
                key: "cpts-communes",
            })?,
            source: source.ok_or(TableError::MissingProvenance { key: "source" })?,
            cog: cog.ok_or(TableError::MissingProvenance { key: "cog" })?,
            population: population.ok_or(TableError::MissingProvenance { key: "population" })?,
            licence: licence.ok_or(TableError::MissingProvenance { key: "licence" })?,
        };

        // Units by code: communes and arrondissements (each sorted by the generator) merged.
        // Units by code: the generator writes them sorted; a table that is not gets sorted.
        if !units.is_sorted_by_key(|u| u.code.sort_key()) {
            units.sort_unstable_by_key(|u| u.code.sort_key());
        }
        if let Some(w) = units.windows(2).find(|w| w[0].code == w[1].code) {
            return Err(TableError::Duplicate {
                what: crate::messages::rules::communes::COMMUNE,
                code: w[0].code.to_string(),
            });
        }
        let find_unit = |units: &[UnitRec], c: &InseeCommuneCode| {
            units.binary_search_by_key(c, |u| u.code).ok()
        };
        let mut arrondissements = Vec::with_capacity(arrondissement_parents.len());
        for (own, parent, line) in arrondissement_parents {
            let p = find_unit(&units, &parent)
                .filter(|p| {
                    units
                        .get(*p)
                        .is_some_and(|u| u.kind == CommuneKind::Commune)
                })
                .ok_or_else(|| TableError::UnknownReference {
                    line,
                    what: crate::messages::rules::communes::COMMUNE,
                    code: parent.to_string(),
                })?;
            let (dep, epci) = units
                .get(p)
                .map_or((NONE, NONE), |u| (u.departement, u.epci));
            if let Some(i) = find_unit(&units, &own) {
                arrondissements.push((p as u32, i as u32));
                if let Some(u) = units.get_mut(i) {
                    u.parent = p as u32;
                    u.departement = dep;
                    u.epci = epci;
                }
            }
        }
        arrondissements.sort_unstable();

        // Former units: déléguées and associées, then the former codes of communes actuelles.
        let mut formers = Vec::with_capacity(former.len() + 2_700);
        for (mut rec, chef, line) in former {
            rec.chef_lieu =
                find_unit(&units, &chef).ok_or_else(|| TableError::UnknownReference {
                    line,
                    what: crate::messages::rules::communes::CHEF_LIEU,
                    code: chef.to_string(),
                })? as u32;
            formers.push(rec);
        }
        for (i, u) in units.iter().enumerate() {
            for c in slice_of(&text, u.former)
                .split(' ')
                .filter(|c| !c.is_empty())
            {
                formers.push(FormerRec {
                    code: code(c, 0)?,
                    kind: FormerKind::AncienCode,
                    departement: u.departement,
                    chef_lieu: i as u32,
                    name: u.name,
                });
            }
        }
        formers.sort_unstable_by_key(|f| (f.code.sort_key(), f.kind as u8));

        Ok(CommuneTable {
            text,
            provenance,
            regions,
            departements,
            epcis,
            units,
            former: formers,
            arrondissements,
            names: OnceLock::new(),
            postcodes: OnceLock::new(),
            code_also_postcode: OnceLock::new(),
            by_code: OnceLock::new(),
        })
    }

    pub(crate) fn slice(&self, s: Span) -> &str {
        self.text
            .get(s.start as usize..(s.start + s.len) as usize)
            .unwrap_or("")
    }

    /// Where the data comes from.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Number of communes actuelles and arrondissements municipaux.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Always false for a loaded table.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Every commune actuelle and arrondissement municipal, by code.
    pub fn communes(&self) -> impl ExactSizeIterator<Item = super::CommuneRef<'_>> {
        (0..self.units.len() as u32).map(move |idx| super::CommuneRef { table: self, idx })
    }

    /// Every département, by code.
    pub fn departements(&self) -> impl ExactSizeIterator<Item = super::DepartementRef<'_>> {
        (0..self.departements.len() as u32)
            .map(move |idx| super::DepartementRef { table: self, idx })
    }

    /// Every région, by code.
    pub fn regions(&self) -> impl ExactSizeIterator<Item = super::RegionRef<'_>> {
        (0..self.regions.len() as u32).map(move |idx| super::RegionRef { table: self, idx })
    }

    pub(crate) fn unit_index(&self, code: &InseeCommuneCode) -> Option<u32> {
        // A direct index from every possible code (120 000 slots, 480 KB, built on first use)
        // instead of a binary search over the records: coverage reads tens of thousands.
        let index = self.by_code.get_or_init(|| {
            let mut index = vec![u32::MAX; DENSE_CODES];
            for (i, u) in self.units.iter().enumerate() {
                if let Some(slot) = index.get_mut(dense(&u.code)) {
                    *slot = i as u32;
                }
            }
            index
        });
        index.get(dense(code)).copied().filter(|i| *i != u32::MAX)
    }

    /// The arrondissements of the commune at `idx` (empty for all but Paris, Lyon, Marseille).
    pub(crate) fn arrondissements_of(&self, idx: u32) -> &[(u32, u32)] {
        let start = self.arrondissements.partition_point(|(p, _)| *p < idx);
        let end = self.arrondissements.partition_point(|(p, _)| *p <= idx);
        self.arrondissements.get(start..end).unwrap_or(&[])
    }
}
