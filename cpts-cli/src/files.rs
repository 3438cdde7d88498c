//! Reading the files given and writing the reports.

use std::io::Write;
use std::path::Path;

use crate::failure::{Exit, Failure, io_fr};

/// At most this many bytes are read from one file (a national CPTS list is a few MB; the
/// contours of France about 11 MB).
const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// The bytes of a file; an empty file is refused.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    let fail =
        |e: std::io::Error| Failure::new(Exit::File, format!("{} : {}", path.display(), io_fr(&e)));
    let meta = std::fs::metadata(path).map_err(fail)?;
    if meta.is_dir() {
        return Err(Failure::new(
            Exit::File,
            format!("{} : c'est un dossier, pas un fichier", path.display()),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(Failure::content(path, "fichier de plus de 512 Mo"));
    }
    let bytes = std::fs::read(path).map_err(fail)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::content(path, "le fichier est vide"));
    }
    Ok(bytes)
}

/// The text of a file (UTF-8, with or without BOM, else Windows-1252 as Excel writes it).
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read(path)?;
    Ok(cpts_core::territory::spreadsheet::decode(&bytes).0)
}

/// Writes a report to the file, or to the terminal when none is given.
pub fn write(path: Option<&Path>, content: &[u8]) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::write(path, content)
            .map_err(|e| Failure::new(Exit::File, format!("{} : {}", path.display(), io_fr(&e)))),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`cpts … | head`) is not an error of the person.
            match out.write_all(content).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Failure::new(Exit::File, format!("sortie : {}", io_fr(&e))))
                }
                _ => Ok(()),
            }
        }
    }
}

/// A CSV report for Excel: semicolon-separated, UTF-8 with a BOM (so that Excel reads the
/// accents), a header line then the rows.
pub fn csv_report(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let _ = w.write_record(header);
        for row in rows {
            let _ = w.write_record(row);
        }
        let _ = w.flush();
    }
    out
}

/// A JSON report, indented, ending with a line break.
pub fn json_report<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Failure> {
    let mut out = serde_json::to_vec_pretty(value).map_err(|_| {
        Failure::new(
            Exit::Internal,
            "écriture du JSON impossible (un défaut de cpts)",
        )
    })?;
    out.push(b'\n');
    Ok(out)
}
