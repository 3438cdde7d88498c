//! CPTS lists read from spreadsheets written the way Excel writes them: semicolons,
//! Windows-1252, a BOM, CRLF, a trailing empty line; one row per CPTS and commune, or one
//! row per CPTS with its communes in one cell; parts with their populations; every problem
//! at once, with its line, column and value.

mod common;

use common::call;
use cpts_core::entity::CptsStage;
use cpts_core::territory::spreadsheet::{decode, read_sheet_bytes, stage_of};
use serde_json::json;

/// Windows-1252 bytes of a Latin-1/1252 text (every character of these tests is in it).
fn cp1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

/// « CSV (séparateur : point-virgule) » of a French Excel: Windows-1252, CRLF, a trailing
/// empty line; accents in the header and the values, an apostrophe ’ (0x92 in 1252).
const EXCEL: &str = "Nom de la CPTS;Code INSEE;Commune;Statut;N° FINESS\r\n\
CPTS de la Boucle;78551;Saint-Germain-en-Laye;Contrat signé;789900016\r\n\
CPTS de la Boucle;78481;Le Pecq;;\r\n\
CPTS du Val d’Oise Est;95585;Sarcelles;Lettre d'intention validée;\r\n\
\r\n";

#[test]
fn an_excel_semicolon_file_in_windows_1252_is_read() {
    let bytes = cp1252(EXCEL);
    assert_eq!(decode(&bytes).1, "windows-1252");
    let sheet = read_sheet_bytes(&bytes).unwrap();
    assert_eq!(sheet.encoding, "windows-1252");
    assert_eq!(sheet.separator, ";");
    assert_eq!(sheet.cpts.len(), 2);
    assert_eq!(sheet.cpts[0].cpts, "CPTS de la Boucle");
    let codes: Vec<&str> = sheet.cpts[0].communes.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, ["78551", "78481"]);
    assert_eq!(sheet.cpts[0].status, Some(CptsStage::ContratSigne));
    // The apostrophe ’ of the name was 0x92 in Windows-1252.
    assert_eq!(sheet.cpts[1].cpts, "CPTS du Val d’Oise Est");
    assert_eq!(
        sheet.cpts[1].status,
        Some(CptsStage::LettreIntentionValidee)
    );
    assert_eq!(sheet.details[0].rows, [2, 3]);
    assert_eq!(sheet.details[0].finess.unwrap().to_string(), "789900016");
    assert_eq!(sheet.details[1].rows, [4]);
    // The same text in UTF-8 with a BOM reads the same.
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(EXCEL.as_bytes());
    let again = read_sheet_bytes(&utf8).unwrap();
    assert_eq!(again.encoding, "utf-8");
    assert_eq!(again.cpts, sheet.cpts);
}

#[test]
fn one_row_per_cpts_with_the_communes_in_one_cell() {
    let text = "cpts,communes,état\n\
\"CPTS de la Boucle\",\"78551 Saint-Germain-en-Laye, 78481 Le Pecq; 78372 (Marly-le-Roi)\",en projet\n\
CPTS Corse,2A004 Ajaccio,projet de santé validé\n";
    let sheet = read_sheet_bytes(text.as_bytes()).unwrap();
    assert_eq!(sheet.separator, ",");
    let codes: Vec<&str> = sheet.cpts[0].communes.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, ["78551", "78481", "78372"]);
    assert_eq!(sheet.cpts[0].status, Some(CptsStage::Projet));
    assert_eq!(sheet.cpts[1].communes[0].as_str(), "2A004");
    assert_eq!(sheet.cpts[1].status, Some(CptsStage::ProjetDeSanteValide));
}

#[test]
fn a_row_with_a_population_is_a_part_of_a_commune() {
    let text = "CPTS;Commune;Partie;Population;Source\n\
CPTS Fives-Hellemmes-Mons;59410;;;\n\
CPTS Fives-Hellemmes-Mons;59350 Lille;Fives et Hellemmes;39 277;CPTS (60 382) moins Mons\n";
    let sheet = read_sheet_bytes(text.as_bytes()).unwrap();
    let cpts = &sheet.cpts[0];
    assert_eq!(cpts.communes.len(), 1);
    let part = &cpts.parts[0];
    assert_eq!(part.commune.as_str(), "59350");
    assert_eq!(part.name, "Fives et Hellemmes");
    assert_eq!(part.population, 39_277);
    assert_eq!(part.source.reference, "CPTS (60 382) moins Mons");
    // The territory read gives the CPTS's published population: 21 105 + 39 277.
    let r = call(
        "territory",
        json!({"communes": cpts.communes, "parts": cpts.parts}),
    );
    assert_eq!(r["result"]["population"], 60_382);
}

#[test]
fn every_problem_is_reported_at_once_with_its_line_column_and_value() {
    let text = "CPTS;Code INSEE;Statut;SIREN\n\
CPTS A;7855;contrat signé;\n\
CPTS A;78481;en cours;\n\
;78551;;\n\
CPTS B;Le Pecq;;123456789\n";
    let errors = read_sheet_bytes(text.as_bytes()).unwrap_err().problems;
    let summary: Vec<(u32, Option<&str>, &str)> = errors
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.value.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (2, Some("Code INSEE"), "7855"),
            (3, Some("Statut"), "en cours"),
            (4, Some("CPTS"), ""),
            (5, Some("Code INSEE"), "Le Pecq"),
            (5, Some("SIREN"), "123456789"),
        ]
    );
    assert!(errors[1].rule.starts_with("a stage among: projet, "));
    // A sheet without the communes column says which headers it takes.
    let e = read_sheet_bytes(b"CPTS;Ville\nA;78551\n").unwrap_err();
    assert!(
        e.problems[0].rule.contains("code insee"),
        "{:?}",
        e.problems
    );
    // Through the operation: invalid_input, the problems in the details.
    let r = call("read_cpts_sheet", json!({"csv": text}));
    assert_eq!(r["error"]["name"], "invalid_input");
    assert_eq!(r["error"]["details"]["problems"][0]["row"], 2);
    assert_eq!(r["error"]["details"]["error"], "invalid_sheet");
}

#[test]
fn the_operation_reads_base64_bytes_and_feeds_coverage() {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(cp1252(EXCEL));
    let r = call("read_cpts_sheet", json!({"csv_base64": encoded}));
    assert_eq!(r["status"], "ok", "{r}");
    let sheet = &r["result"];
    assert_eq!(sheet["encoding"], "windows-1252");
    // The sheet's `cpts` is what coverage takes.
    let cov = call(
        "coverage",
        json!({"area": {"area": "departement", "code": "78"}, "cpts": sheet["cpts"]}),
    );
    assert_eq!(cov["status"], "ok", "{cov}");
    // Saint-Germain-en-Laye 45 931 + Le Pecq 16 059 (INSEE 2023).
    assert_eq!(cov["result"]["totals"]["covered"], 45_931 + 16_059);
    // Exactly one of csv and csv_base64.
    let r = call("read_cpts_sheet", json!({}));
    assert_eq!(r["error"]["name"], "invalid_input");
}

#[test]
fn what_is_not_a_sheet_is_refused_by_name() {
    // Neither field, or both: the two fields are named.
    for input in [
        json!({}),
        json!({"csv": "cpts;commune\n", "csv_base64": "Y3B0cw"}),
    ] {
        let r = call("read_cpts_sheet", input);
        assert_eq!(r["error"]["name"], "invalid_input", "{r}");
        assert_eq!(
            r["error"]["details"]["fields"],
            json!(["input.csv", "input.csv_base64"])
        );
    }
    // '@' is not in the base64 alphabet (RFC 4648 §4): the field is named.
    let r = call("read_cpts_sheet", json!({"csv_base64": "Y3B0@cw=="}));
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
    assert_eq!(r["error"]["details"]["path"], "input.csv_base64");
    // Padding and line breaks are optional: "Y3B0cw" and "Y3B0\ncw==" are both "cpts",
    // a header without a communes column (so the sheet's own error, not base64's).
    for encoded in ["Y3B0cw", "Y3B0\r\ncw=="] {
        let r = call("read_cpts_sheet", json!({ "csv_base64": encoded }));
        assert_eq!(r["error"]["details"]["error"], "invalid_sheet", "{r}");
    }
    // Bytes that are neither UTF-8 nor text (a ZIP header, as an .xlsx file starts) are
    // not a panic: "UEsDBA" is PK\x03\x04, read as Windows-1252 and then refused.
    let r = call("read_cpts_sheet", json!({"csv_base64": "UEsDBA"}));
    assert_eq!(r["error"]["name"], "invalid_input", "{r}");
}

#[test]
fn stages_are_read_from_french_words() {
    for (text, stage) in [
        ("Contrat signé", Some(CptsStage::ContratSigne)),
        ("ACI signé", Some(CptsStage::ContratSigne)),
        ("contrat résilié", Some(CptsStage::ContratTermine)),
        (
            "Projet de santé validé",
            Some(CptsStage::ProjetDeSanteValide),
        ),
        (
            "projet de santé déposé",
            Some(CptsStage::ProjetDeSanteDepose),
        ),
        ("LI validée", Some(CptsStage::LettreIntentionValidee)),
        (
            "Lettre d’intention",
            Some(CptsStage::LettreIntentionDeposee),
        ),
        ("En émergence", Some(CptsStage::Projet)),
        ("association dissoute", Some(CptsStage::Dissoute)),
        ("en cours", None),
        ("", None),
    ] {
        assert_eq!(stage_of(text), stage, "{text}");
    }
}

/// The library's Windows-1252 decoding (Latin-1 plus the 32 characters of 0x80–0x9F, so
/// that the wasm does not carry every encoding's tables) gives what `encoding_rs`'s full
/// decoder gives, for every byte.
#[test]
fn windows_1252_is_decoded_as_the_encoding_standard_says() {
    let all: Vec<u8> = (0u8..=255).collect();
    let (ours, encoding) = decode(&all);
    assert_eq!(encoding, "windows-1252");
    let (theirs, _, _) = encoding_rs::WINDOWS_1252.decode(&all);
    assert_eq!(ours, theirs);
    // € is 0x80, ’ 0x92, œ 0x9C.
    assert_eq!(decode(b"\x80\x92\x9c\xe9").0, "€’œé");
}
