//! `cpts coverage`: the coverage of an area by the CPTS of a sheet.

use std::fmt::Write;
use std::path::Path;

use cpts_core::aci::money::group_thousands;
use cpts_core::messages::{Message, territory_warning_fr};
use cpts_core::territory::coverage::{Area, CoverageReport, coverage};
use cpts_core::territory::spreadsheet::{Sheet, read_sheet_bytes};

use crate::args::{AreaArgs, CoverageArgs, Format};
use crate::context::Context;
use crate::failure::{Exit, Failure};
use crate::files;

/// White zones listed in the text report unless `--all`.
const WHITE_ZONES_SHOWN: usize = 20;

pub fn area(args: &AreaArgs) -> Area {
    match (&args.departement, &args.region) {
        (Some(code), _) => Area::Departement {
            code: code.trim().to_uppercase(),
        },
        (None, Some(code)) => Area::Region {
            code: code.trim().to_owned(),
        },
        (None, None) => Area::France,
    }
}

/// The sheet read, every problem with its line, column and value.
pub fn read_sheet(path: &Path) -> Result<Sheet, Failure> {
    let bytes = files::read(path)?;
    read_sheet_bytes(&bytes).map_err(|e| {
        let mut message = format!(
            "{} : {} problème{} dans le tableur",
            path.display(),
            e.problems.len(),
            if e.problems.len() > 1 { "s" } else { "" }
        );
        for p in &e.problems {
            let column = p
                .column
                .as_ref()
                .map(|c| format!(", colonne « {c} »"))
                .unwrap_or_default();
            let _ = write!(
                message,
                "\n  ligne {}{column} : {} (« {} »)",
                p.row, p.rule_fr, p.value
            );
        }
        Failure::new(Exit::Content, message)
    })
}

/// The coverage of the sheet's CPTS over the area.
pub fn report(
    sheet: &Sheet,
    area: &Area,
    cx: &Context,
    path: &Path,
) -> Result<CoverageReport, Failure> {
    coverage(&sheet.cpts, &cx.table, area).map_err(|e| Failure::content(path, e.message_fr()))
}

pub fn run(args: &CoverageArgs, cx: &Context) -> Result<(), Failure> {
    let sheet = read_sheet(&args.sheet)?;
    let report = report(&sheet, &area(&args.area), cx, &args.sheet)?;
    let out = match args.output.format {
        Format::Json => files::json_report(&report)?,
        Format::Csv => csv(&report, cx),
        Format::Texte => text(&report, args.all).into_bytes(),
    };
    files::write(args.output.output.as_deref(), &out)
}

/// One row per unit of the area: its CPTS and what it is (covered, white zone, overlap, in
/// part).
fn csv(r: &CoverageReport, cx: &Context) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while let Some(a) = r.assignments.get(i) {
        let held: Vec<_> = r.assignments[i..]
            .iter()
            .take_while(|b| b.commune == a.commune)
            .collect();
        i += held.len();
        let commune = cx.table.commune(&a.commune);
        let names: Vec<&str> = held
            .iter()
            .filter_map(|h| r.cpts.get(h.cpts as usize).map(String::as_str))
            .collect();
        let state = if held.len() > 1 {
            "chevauchement"
        } else if held.iter().all(|h| h.part_population.is_some()) {
            "en partie"
        } else {
            "couverte"
        };
        rows.push(vec![
            a.commune.as_str().to_owned(),
            commune.map(|c| c.name().to_owned()).unwrap_or_default(),
            commune
                .and_then(|c| c.population())
                .map(|p| p.to_string())
                .unwrap_or_default(),
            commune
                .map(|c| c.departement().code().to_owned())
                .unwrap_or_default(),
            state.to_owned(),
            names.join(" / "),
        ]);
    }
    for w in &r.white_zones {
        rows.push(vec![
            w.commune.as_str().to_owned(),
            w.name.clone(),
            w.population.to_string(),
            w.departement.clone(),
            "zone blanche".to_owned(),
            String::new(),
        ]);
    }
    rows.sort_by(|a, b| a[0].cmp(&b[0]));
    files::csv_report(
        &[
            "code_insee",
            "commune",
            "population",
            "departement",
            "situation",
            "cpts",
        ],
        &rows,
    )
}

fn text(r: &CoverageReport, all: bool) -> String {
    let mut s = String::new();
    let t = &r.totals;
    let area = match &r.area {
        Area::France => "France".to_owned(),
        Area::Region { code } => format!("{} (région {code})", t.name),
        Area::Departement { code } => format!("{} ({code})", t.name),
    };
    // « Yvelines (78) : … », not « Couverture de Yvelines »: the article of a département's
    // or a région's name (des, de l', du) is not in the commune table.
    let _ = writeln!(s, "{area} : couverture par {} CPTS", r.cpts.len());
    // The series names its own sources in parentheses: a label, not more parentheses.
    let _ = writeln!(s, "Source des populations : {}", r.population_series);
    let _ = writeln!(
        s,
        "Population : {} habitants, {}",
        group_thousands(t.population),
        communes(u64::from(t.units))
    );
    let share = (t.share_covered * cpts_core::rust_decimal::Decimal::ONE_HUNDRED).round_dp(1);
    let _ = writeln!(
        s,
        "Couverte par une CPTS : {} habitants ({} %), {}",
        group_thousands(t.covered),
        share.to_string().replace('.', ","),
        communes(u64::from(t.units_covered))
    );
    let _ = writeln!(
        s,
        "En zone blanche : {} habitants, {}",
        group_thousands(t.white),
        communes(r.white_zones.len() as u64)
    );
    let _ = writeln!(
        s,
        "En chevauchement : {} habitants, {}",
        group_thousands(t.overlapped),
        communes(r.overlaps.len() as u64)
    );
    if r.by_departement.len() > 1 {
        let _ = writeln!(s, "\nPar département :");
        for d in &r.by_departement {
            let share =
                (d.share_covered * cpts_core::rust_decimal::Decimal::ONE_HUNDRED).round_dp(1);
            let _ = writeln!(
                s,
                "  {:<4} {:<28} {:>11} hab. couverts sur {:>11} ({} %)",
                d.code,
                d.name,
                group_thousands(d.covered),
                group_thousands(d.population),
                share.to_string().replace('.', ",")
            );
        }
    }
    if !r.overlaps.is_empty() {
        let _ = writeln!(s, "\nChevauchements :");
        for o in &r.overlaps {
            let ids: Vec<&str> = r.overlap_ids(o).collect();
            let _ = writeln!(
                s,
                "  {}  {:<28} {:>9} hab.  {}",
                o.commune,
                o.name,
                group_thousands(o.population),
                ids.join(" / ")
            );
        }
    }
    if !r.white_zones.is_empty() {
        let shown = if all {
            r.white_zones.len()
        } else {
            WHITE_ZONES_SHOWN.min(r.white_zones.len())
        };
        let _ = writeln!(
            s,
            "\nZones blanches, les plus peuplées d'abord{} :",
            if shown < r.white_zones.len() {
                format!(" ({shown} sur {} ; --all pour toutes)", r.white_zones.len())
            } else {
                String::new()
            }
        );
        for i in r.white_zones_by_population.iter().take(shown) {
            if let Some(w) = r.white_zones.get(*i as usize) {
                let _ = writeln!(
                    s,
                    "  {}  {:<28} {:>9} hab.",
                    w.commune,
                    w.name,
                    group_thousands(w.population)
                );
            }
        }
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(s, "\nAvertissements :");
        for w in &r.warnings {
            let cpts = r
                .cpts
                .get(w.cpts as usize)
                .map(String::as_str)
                .unwrap_or_default();
            let _ = writeln!(s, "  - {cpts} : {}", territory_warning_fr(&w.warning));
        }
    }
    s
}

/// « 1 commune », « 259 communes ».
fn communes(n: u64) -> String {
    format!(
        "{} commune{}",
        group_thousands(n),
        if n > 1 { "s" } else { "" }
    )
}
