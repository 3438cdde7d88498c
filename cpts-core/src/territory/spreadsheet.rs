//! CPTS lists read from spreadsheets, as ARS keep them: the text of a CSV file in, the
//! territories the coverage takes out (pure: no file is opened here).
//!
//! What is read:
//!
//! - CSV as Excel writes it: comma, semicolon or tab separated (the separator the header
//!   line uses most), UTF-8 with or without BOM, or Windows-1252 when the bytes are not
//!   UTF-8 (decoded with `encoding_rs`), CRLF or LF line ends, empty lines ignored; fields
//!   read by the `csv` crate (quotes, separators and line breaks inside quotes);
//! - a header line with French column names (accents, case, apostrophes and hyphens do not
//!   matter; [`COLUMNS`] lists the names of each column);
//! - one row per CPTS and commune (`cpts;commune`), or one row per CPTS with its communes in
//!   one cell (`78551 Saint-Germain-en-Laye, 78481 Le Pecq`): every INSEE code of the cell is
//!   taken, names beside them are ignored; rows of one CPTS (by its name, spaces trimmed) are
//!   gathered;
//! - a row with a population is a part of a commune: one code, the part's name (column
//!   « partie », else the cell's text), its population and its source (column « source »,
//!   else « déclarée dans le tableur, ligne N »);
//! - optional columns: the CPTS's stage (« statut »: projet, lettre d'intention validée,
//!   contrat signé…), its FINESS and its SIREN.
//!
//! Every problem is reported at once, each with its row (the line number in the file, the
//! header being line 1), its column and its value. Which columns and words are accepted is a
//! library convention, documented here; no text sets how an ARS keeps its list.

use base64::Engine as _;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::coverage::CoverageInput;
use super::fold_name;
use super::parts::{CommunePart, PartSource, PartSourceKind};
use crate::entity::CptsStage;
use crate::identifiers::{Finess, InseeCommuneCode, NationalIdentifier, Siren};

/// A column of the sheet. Its header is recognised among [`COLUMNS`] once folded: lower
/// case, no accents, every sign a space (`N° FINESS` reads `n finess`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The CPTS's name or identifier (required).
    Cpts,
    /// The commune or communes, by INSEE code (required).
    Communes,
    /// The name of a part of a commune.
    Part,
    /// The population of a part of a commune.
    Population,
    /// The source of a part's population.
    Source,
    /// The CPTS's stage.
    Status,
    /// The CPTS's FINESS.
    Finess,
    /// The CPTS's SIREN.
    Siren,
    /// A commune's name beside its code (read for nothing; a plain « Commune » header is one
    /// when another column holds the codes).
    CommuneName,
}

/// The header names of each column (folded). A column matches a header equal to one of
/// them.
pub const COLUMNS: [(Column, &[&str]); 9] = [
    (
        Column::Cpts,
        &[
            "cpts",
            "nom cpts",
            "nom de la cpts",
            "cpts nom",
            "nom",
            "libelle cpts",
            "identifiant cpts",
            "id cpts",
            "communaute",
        ],
    ),
    (
        Column::Communes,
        &[
            "commune",
            "communes",
            "code commune",
            "codes communes",
            "code insee",
            "codes insee",
            "insee",
            "code commune insee",
            "cog",
            "liste des communes",
            "communes du territoire",
            "territoire",
        ],
    ),
    (
        Column::Part,
        &[
            "partie",
            "partie de commune",
            "nom de la partie",
            "quartier",
        ],
    ),
    (
        Column::Population,
        &[
            "population",
            "population de la partie",
            "population declaree",
            "habitants",
        ],
    ),
    (
        Column::Source,
        &["source", "source de la population", "source population"],
    ),
    (
        Column::Status,
        &["statut", "etat", "etape", "avancement", "stade"],
    ),
    (
        Column::Finess,
        &["finess", "n finess", "numero finess", "finess cpts"],
    ),
    (
        Column::Siren,
        &["siren", "n siren", "numero siren", "siren cpts"],
    ),
    (
        Column::CommuneName,
        &[
            "nom commune",
            "nom de la commune",
            "libelle commune",
            "commune nom",
            "ville",
        ],
    ),
];

/// A header as the column names are written: folded, every sign a space (`N° FINESS` is
/// `n finess`), spaces collapsed.
fn header_key(header: &str) -> String {
    let spaced: String = fold_name(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a communes header that names codes (`Code INSEE`, `codes communes`, `COG`):
/// when a plain « Commune » header stands beside one, it holds the names.
fn names_codes(folded: &str) -> bool {
    folded.contains("code") || folded.contains("insee") || folded == "cog"
}

/// The stage a status cell names (folded text), or `None`.
pub fn stage_of(text: &str) -> Option<CptsStage> {
    let t = fold_name(text);
    let words: Vec<&str> = t.split(' ').collect();
    // A phrase anywhere, or a word starting with `w`.
    let has = |w: &str| {
        if w.contains(' ') {
            t.contains(w)
        } else {
            words.iter().any(|x| x.starts_with(w))
        }
    };
    let stage = if t.is_empty() {
        return None;
    } else if has("dissou") {
        CptsStage::Dissoute
    } else if has("contrat") || has("aci") || t == "signe" {
        if has("termin") || has("resili") || has("echu") {
            CptsStage::ContratTermine
        } else {
            CptsStage::ContratSigne
        }
    } else if has("projet de sante") || t.starts_with("ps ") {
        if has("valid") {
            CptsStage::ProjetDeSanteValide
        } else {
            CptsStage::ProjetDeSanteDepose
        }
    } else if has("lettre") || t.starts_with("li ") || t == "li" {
        if has("valid") {
            CptsStage::LettreIntentionValidee
        } else {
            CptsStage::LettreIntentionDeposee
        }
    } else if has("projet") || has("emergence") {
        CptsStage::Projet
    } else {
        return None;
    };
    Some(stage)
}

/// What a sheet says of one CPTS besides its territory.
///
/// JSON: `{"cpts": "CPTS de la Boucle", "rows": [2, 3], "status": "contrat_signe" | null,
/// "finess": "..." | null, "siren": "..." | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetCpts {
    /// The CPTS's name, as in the sheet.
    pub cpts: String,
    /// The lines of the file it was read from.
    pub rows: Vec<u32>,
    /// Its stage.
    pub status: Option<CptsStage>,
    /// Its FINESS.
    pub finess: Option<Finess>,
    /// Its SIREN.
    pub siren: Option<Siren>,
}

/// A CPTS list read.
///
/// JSON: `{"cpts": [{"cpts": "...", "communes": [...], "parts": [...], "status": ...}],
/// "details": [...], "encoding": "utf-8", "separator": ";", "columns": {...}}`: `cpts` is
/// what the `coverage` operation takes; `details[i]` is about `cpts[i]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// The CPTS and their territories, in the order of their first row.
    pub cpts: Vec<CoverageInput>,
    /// What the sheet says of each (same order).
    pub details: Vec<SheetCpts>,
    /// How the bytes were decoded: `utf-8` or `windows-1252`.
    pub encoding: String,
    /// The separator found: `,`, `;` or a tab.
    pub separator: String,
    /// Which header each column was read from.
    pub columns: Vec<ColumnFound>,
}

/// A column found in the header.
///
/// JSON: `{"column": "communes", "header": "Code INSEE", "position": 2}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnFound {
    /// The column.
    pub column: Column,
    /// The header as written.
    pub header: String,
    /// Its position, from 1.
    pub position: u32,
}

/// One problem of a sheet.
///
/// JSON: `{"row": 4, "column": "Code INSEE" | null, "value": "7855", "rule": "...",
/// "rule_fr": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetProblem {
    /// The line of the file (the header is line 1).
    pub row: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// The value (cut).
    pub value: String,
    /// What is wrong, in English.
    pub rule: String,
    /// What is wrong, in French (what a person reads).
    pub rule_fr: String,
}

/// Every problem of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, JsonSchema)]
#[error("the sheet has {} problem(s): {}", problems.len(), problems.iter().take(20).map(|p| format!("line {}{}: {} « {} »", p.row, p.column.as_ref().map(|c| format!(", column « {c} »")).unwrap_or_default(), p.rule, p.value)).collect::<Vec<_>>().join("; "))]
#[serde(tag = "error", rename = "invalid_sheet")]
pub struct SheetErrors {
    /// The problems, by line.
    pub problems: Vec<SheetProblem>,
}

/// The characters of bytes 0x80 to 0x9F in Windows-1252 (WHATWG Encoding Standard,
/// `index-windows-1252`, <https://encoding.spec.whatwg.org/index-windows-1252.txt>); the other
/// bytes are Latin-1. The five bytes the standard leaves unassigned (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) map to the same code points, as the standard's decoder does.
pub const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes a file's bytes: UTF-8 (a BOM is dropped), else Windows-1252 (what Excel writes
/// for « CSV (séparateur : point-virgule) » on a French Windows). Windows-1252 is Latin-1
/// (decoded by `encoding_rs::mem::decode_latin1`) but for the 32 bytes 0x80 to 0x9F
/// ([`WINDOWS_1252_HIGH`]: €, ’, œ, …): `encoding_rs`'s full decoder would bring every
/// encoding's tables into the wasm (150 KB gzip), for one table of 32 characters.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "utf-8"),
        Err(_) => {
            let latin1 = encoding_rs::mem::decode_latin1(bytes);
            let text = if bytes.iter().any(|b| (0x80..0xA0).contains(b)) {
                latin1
                    .chars()
                    .map(|c| match c as u32 {
                        n @ 0x80..=0x9F => WINDOWS_1252_HIGH[(n - 0x80) as usize],
                        _ => c,
                    })
                    .collect()
            } else {
                latin1.into_owned()
            };
            (text, "windows-1252")
        }
    }
}

/// Decodes base64 text (standard alphabet, padding optional, line breaks allowed): the
/// padding is dropped and the rest decoded without it.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, crate::messages::Bilingual> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(compact.trim_end_matches('='))
        .map_err(|e| crate::messages::rules::sheets::not_base64(&e.to_string()))
}

/// The separator the header line uses most, outside quotes (comma by default).
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|i| (counts[*i], usize::from(*i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The INSEE codes of a cell: every token of 5 characters that is one (letters upper-cased,
/// tokens split at anything but letters and digits). No allocation but the list.
fn codes_in(cell: &str) -> Vec<Result<InseeCommuneCode, &str>> {
    cell.split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|token| {
            let b: [u8; 5] = token.as_bytes().try_into().ok()?;
            let upper = b.map(|c| c.to_ascii_uppercase());
            let shaped = upper[2..].iter().all(u8::is_ascii_digit)
                && (upper[..2].iter().all(u8::is_ascii_digit)
                    || matches!(&upper[..2], b"2A" | b"2B"));
            shaped.then(|| {
                std::str::from_utf8(&upper)
                    .ok()
                    .and_then(InseeCommuneCode::from_canonical)
                    .ok_or(token)
            })
        })
        .collect()
}

/// The text of a cell without its codes (a part's name when no « partie » column gives it).
fn text_beside_codes(cell: &str) -> String {
    cell.split(|c: char| !c.is_ascii_alphanumeric() && !c.is_alphabetic())
        .filter(|t| {
            !(t.is_empty() || t.len() == 5 && t.bytes().skip(2).all(|b| b.is_ascii_digit()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the identifier of a cell into `current`, the CPTS's (an empty cell leaves it as
/// it is): `Err(rule)` when the cell holds no such identifier, or another one than
/// `current`.
fn identifier_cell<T: NationalIdentifier + PartialEq + Copy>(
    cell: &str,
    current: &mut Option<T>,
    what: &str,
) -> Result<(), crate::messages::Bilingual> {
    if cell.is_empty() {
        return Ok(());
    }
    match T::parse(cell) {
        Ok(v) if current.is_some_and(|c| c != v) => {
            Err(crate::messages::rules::sheets::another_identifier(what))
        }
        Ok(v) => {
            *current = Some(v);
            Ok(())
        }
        Err(e) => Err(crate::messages::Message::bilingual(&e)),
    }
}

/// A population as written in a French sheet: digits, with spaces, no-break spaces or dots
/// between thousands.
fn population(cell: &str) -> Option<u64> {
    let digits: String = cell
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Records a problem (its column and value cut to what a message quotes).
fn problem(
    problems: &mut Vec<SheetProblem>,
    row: u64,
    column: Option<&str>,
    value: &str,
    rule: crate::messages::Bilingual,
) {
    problems.push(SheetProblem {
        row: u32::try_from(row).unwrap_or(u32::MAX),
        column: column.map(crate::identifiers::shown),
        value: crate::identifiers::shown(value),
        rule: rule.en().to_owned(),
        rule_fr: rule.fr().to_owned(),
    });
}

/// Records a line the CSV reader cannot read.
fn unreadable(problems: &mut Vec<SheetProblem>, line: u64, e: &csv::Error) {
    let rule = crate::messages::rules::sheets::unreadable_line(&e.to_string());
    problem(problems, line, None, "", rule);
}

/// The columns of a header line (`line`): each recognised header (see [`COLUMNS`]), a
/// problem for a second header of one column and for each required column missing.
fn columns_of(header: &[String], line: u64, problems: &mut Vec<SheetProblem>) -> Vec<ColumnFound> {
    let mut found: Vec<ColumnFound> = Vec::new();
    let folded: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let codes_header = folded.iter().any(|f| {
        names_codes(f)
            && COLUMNS
                .iter()
                .any(|(c, names)| *c == Column::Communes && names.contains(&f.as_str()))
    });
    for (i, h) in header.iter().enumerate() {
        let folded = &folded[i];
        let Some((mut column, _)) = COLUMNS
            .iter()
            .find(|(_, names)| names.contains(&folded.as_str()))
            .copied()
        else {
            continue;
        };
        if column == Column::Communes && codes_header && !names_codes(folded) {
            column = Column::CommuneName;
        }
        if let Some(first) = found.iter().find(|f| f.column == column) {
            problem(
                problems,
                line,
                Some(h),
                h,
                crate::messages::rules::sheets::second_column(
                    &crate::names::json_name(&column),
                    &first.header,
                ),
            );
            continue;
        }
        found.push(ColumnFound {
            column,
            header: h.trim().to_owned(),
            position: u32::try_from(i + 1).unwrap_or(u32::MAX),
        });
    }
    for required in [Column::Cpts, Column::Communes] {
        if !found.iter().any(|f| f.column == required) {
            let names = COLUMNS
                .iter()
                .find(|(c, _)| *c == required)
                .map(|(_, n)| n.join(", "))
                .unwrap_or_default();
            problem(
                problems,
                line,
                None,
                &header.join(" | "),
                crate::messages::rules::sheets::no_column(
                    &crate::names::json_name(&required),
                    &names,
                ),
            );
        }
    }
    found
}

/// Reads a CPTS list from the bytes of a CSV file (see the module documentation).
pub fn read_sheet_bytes(bytes: &[u8]) -> Result<Sheet, SheetErrors> {
    let (text, encoding) = decode(bytes);
    read_sheet(&text, encoding)
}

/// Reads a CPTS list from CSV text; `encoding` says how the text was decoded (reported
/// back).
pub fn read_sheet(text: &str, encoding: &str) -> Result<Sheet, SheetErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    // Line numbers from byte offsets (the csv crate's own count is off by one after CRLF).
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_of = |position: Option<&csv::Position>| -> u64 {
        let byte = position.map_or(0, |p| p.byte() as usize);
        // After CRLF the crate gives the offset of the `\n`: count it as passed.
        newlines.partition_point(|&o| o <= byte) as u64 + 1
    };
    // The header: the first line that is not empty.
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut first = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut first) {
            Ok(false) => break,
            Ok(true) if first.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(true) => {
                let line = line_of(first.position());
                header = Some((line, first.iter().map(str::to_owned).collect()));
                break;
            }
            Err(e) => {
                unreadable(&mut problems, line_of(e.position()), &e);
                return Err(SheetErrors { problems });
            }
        }
    }
    let Some((header_line, header)) = header else {
        problem(
            &mut problems,
            1,
            None,
            "",
            crate::messages::rules::sheets::EMPTY,
        );
        return Err(SheetErrors { problems });
    };
    let found = columns_of(&header, header_line, &mut problems);
    let position = |c: Column| {
        found
            .iter()
            .find(|f| f.column == c)
            .map(|f| (f.position - 1) as usize)
    };
    let header_of = |c: Column| {
        found
            .iter()
            .find(|f| f.column == c)
            .map(|f| f.header.clone())
    };
    if !problems.is_empty() {
        return Err(SheetErrors { problems });
    }
    let col = |c| position(c);
    let [
        cpts_header,
        communes_header,
        population_header,
        status_header,
        finess_header,
        siren_header,
    ] = [
        Column::Cpts,
        Column::Communes,
        Column::Population,
        Column::Status,
        Column::Finess,
        Column::Siren,
    ]
    .map(header_of);
    let [
        cpts_col,
        communes_col,
        part_col,
        population_col,
        source_col,
        status_col,
        finess_col,
        siren_col,
    ] = [
        Column::Cpts,
        Column::Communes,
        Column::Part,
        Column::Population,
        Column::Source,
        Column::Status,
        Column::Finess,
        Column::Siren,
    ]
    .map(col);
    // One pass, one record reused. The CPTS of a row is found by its name: the previous
    // row's (rows of one CPTS usually follow one another), else a sorted map.
    let mut by_name: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut last: Option<usize> = None;
    let mut cpts: Vec<CoverageInput> = Vec::new();
    let mut details: Vec<SheetCpts> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut failed_at = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // A reader that does not move past an error would loop: stop there.
                let byte = e.position().map(|p| p.byte());
                if byte.is_none() || failed_at == byte {
                    break;
                }
                failed_at = byte;
                unreadable(&mut problems, line_of(e.position()), &e);
                continue;
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let record = &record;
        let line = line_of(record.position());
        let cell = |c: Option<usize>| c.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
        let name = cell(cpts_col);
        if name.is_empty()
            || name.chars().count() > crate::membership::MAX_TEXT_CHARS
            || name.chars().any(char::is_control)
        {
            problem(
                &mut problems,
                line,
                cpts_header.as_deref(),
                name,
                crate::messages::rules::sheets::NAME,
            );
            continue;
        }
        let known = last
            .filter(|at| cpts.get(*at).is_some_and(|c| c.cpts == name))
            .or_else(|| by_name.get(name).copied());
        let at = match known {
            Some(at) => at,
            None => {
                by_name.insert(name.to_owned(), cpts.len());
                cpts.push(CoverageInput {
                    cpts: name.to_owned(),
                    communes: Vec::new(),
                    parts: Vec::new(),
                    status: None,
                });
                details.push(SheetCpts {
                    cpts: name.to_owned(),
                    rows: Vec::new(),
                    status: None,
                    finess: None,
                    siren: None,
                });
                cpts.len() - 1
            }
        };
        last = Some(at);
        details[at]
            .rows
            .push(u32::try_from(line).unwrap_or(u32::MAX));
        // The commune cell.
        let communes_cell = cell(communes_col);
        let codes = codes_in(communes_cell);
        let mut parsed = Vec::with_capacity(codes.len());
        for code in &codes {
            match code {
                Ok(c) => parsed.push(*c),
                Err(token) => problem(
                    &mut problems,
                    line,
                    communes_header.as_deref(),
                    token,
                    crate::messages::rules::sheets::NOT_A_CODE,
                ),
            }
        }
        let part_population = cell(population_col);
        if !part_population.is_empty() {
            // A part of a commune.
            let Some(n) = population(part_population) else {
                problem(
                    &mut problems,
                    line,
                    population_header.as_deref(),
                    part_population,
                    crate::messages::rules::sheets::POPULATION,
                );
                continue;
            };
            let [commune] = parsed.as_slice() else {
                problem(
                    &mut problems,
                    line,
                    communes_header.as_deref(),
                    communes_cell,
                    crate::messages::rules::sheets::ONE_COMMUNE_FOR_A_PART,
                );
                continue;
            };
            let part_name = match cell(part_col) {
                "" => match text_beside_codes(communes_cell) {
                    rest if rest.is_empty() => format!("partie de {commune}"),
                    rest => rest,
                },
                named => named.to_owned(),
            };
            let reference = match cell(source_col) {
                "" => format!("déclarée dans le tableur, ligne {line}"),
                given => given.to_owned(),
            };
            cpts[at].parts.push(CommunePart {
                commune: *commune,
                name: part_name,
                population: n,
                source: PartSource {
                    kind: PartSourceKind::Other,
                    reference,
                    url: None,
                },
                iris: Vec::new(),
            });
        } else if parsed.is_empty() && codes.is_empty() {
            problem(
                &mut problems,
                line,
                communes_header.as_deref(),
                communes_cell,
                crate::messages::rules::sheets::NO_CODE,
            );
        } else {
            cpts[at].communes.extend(parsed);
        }
        // Stage, FINESS, SIREN: one value per CPTS.
        let status_cell = cell(status_col);
        if !status_cell.is_empty() {
            match stage_of(status_cell) {
                Some(stage) => match details[at].status {
                    Some(s) if s != stage => problem(
                        &mut problems,
                        line,
                        status_header.as_deref(),
                        status_cell,
                        crate::messages::rules::sheets::another_stage(
                            details[at].rows[0],
                            s.label_fr(),
                        ),
                    ),
                    _ => {
                        details[at].status = Some(stage);
                        cpts[at].status = Some(stage);
                    }
                },
                None => problem(
                    &mut problems,
                    line,
                    status_header.as_deref(),
                    status_cell,
                    crate::messages::rules::sheets::stage_among(
                        &CptsStage::ALL
                            .iter()
                            .map(|s| s.label_fr())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ),
            }
        }
        let finess = identifier_cell(cell(finess_col), &mut details[at].finess, "FINESS");
        let siren = identifier_cell(cell(siren_col), &mut details[at].siren, "SIREN");
        for (result, column, header) in [
            (finess, finess_col, &finess_header),
            (siren, siren_col, &siren_header),
        ] {
            if let Err(rule) = result {
                problem(&mut problems, line, header.as_deref(), cell(column), rule);
            }
        }
    }
    if cpts.is_empty() && problems.is_empty() {
        problem(
            &mut problems,
            header_line,
            None,
            "",
            crate::messages::rules::sheets::NO_CPTS,
        );
    }
    if !problems.is_empty() {
        return Err(SheetErrors { problems });
    }
    Ok(Sheet {
        cpts,
        details,
        encoding: encoding.to_owned(),
        separator: match sep {
            b';' => ";",
            b'\t' => "\t",
            _ => ",",
        }
        .to_owned(),
        columns: found,
    })
}
