//! `cpts territory`: a territory's population, band, EPCI and warnings.

use std::fmt::Write;
use std::path::Path;

use cpts_core::aci::money::group_thousands;
use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::messages::{Message, territory_warning_fr};
use cpts_core::territory::analyse_territory;

use crate::args::{Format, TerritoryArgs};
use crate::context::Context;
use crate::failure::{Exit, Failure};
use crate::{files, maps};

/// A code given, and where: an argument or a line of the file.
struct Given {
    code: InseeCommuneCode,
    place: String,
}

pub fn run(args: &TerritoryArgs, cx: &Context) -> Result<(), Failure> {
    let mut given = Vec::new();
    for (i, text) in args.codes.iter().enumerate() {
        let place = format!("argument {}", i + 1);
        given.push(parse(text, &place)?);
    }
    if let Some(file) = &args.file {
        given.extend(read_codes(file)?);
    }
    if given.is_empty() {
        return Err(Failure::new(
            Exit::Content,
            "aucune commune : donnez des codes INSEE (cpts territory 78551 78481) ou un fichier (--file communes.csv)",
        ));
    }
    let on = cx.date(args.date.as_deref())?;
    let set = cx.parameters.in_force_on(on).ok();
    let codes: Vec<InseeCommuneCode> = given.iter().map(|g| g.code).collect();
    let report = analyse_territory(&codes, &cx.table, set).map_err(|e| {
        let message = e.message_fr();
        // Say where the code the error names was given.
        let place = given
            .iter()
            .find(|g| message.contains(g.code.as_str()))
            .map(|g| format!("{} : ", g.place))
            .unwrap_or_default();
        Failure::new(Exit::Content, format!("{place}{message}"))
    })?;

    let out = match args.output.format {
        Format::Json => files::json_report(&report)?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = report
                .communes
                .iter()
                .map(|c| {
                    vec![
                        c.code.as_str().to_owned(),
                        c.name.clone(),
                        c.population.map(|p| p.to_string()).unwrap_or_default(),
                        c.departement.clone(),
                        c.epci.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            files::csv_report(
                &["code_insee", "commune", "population", "departement", "epci"],
                &rows,
            )
        }
        Format::Texte => text(&report, set.map(|s| s.id()), on).into_bytes(),
    };
    files::write(args.output.output.as_deref(), &out)?;

    if let Some(svg) = &args.map {
        let name = args.name.as_deref().unwrap_or("la CPTS");
        maps::territory(&report, name, svg, on, &args.geometries, cx)?;
    }
    Ok(())
}

fn parse(text: &str, place: &str) -> Result<Given, Failure> {
    InseeCommuneCode::parse(text)
        .map(|code| Given {
            code,
            place: place.to_owned(),
        })
        .map_err(|e| Failure::new(Exit::Content, format!("{place} : {}", e.message_fr())))
}

/// The codes of a file: the first field of each line (CSV or text); a header line (no digit
/// at its start), empty lines and `#` lines are skipped.
fn read_codes(file: &Path) -> Result<Vec<Given>, Failure> {
    let text = files::read_text(file)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let first = line
            .split([';', ',', '\t', ' '])
            .next()
            .unwrap_or_default()
            .trim_matches('"');
        if i == 0 && !first.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        out.push(parse(
            first,
            &format!("{}, ligne {}", file.display(), i + 1),
        )?);
    }
    Ok(out)
}

fn text(
    r: &cpts_core::territory::TerritoryReport,
    set: Option<&str>,
    on: cpts_core::chrono::NaiveDate,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Territoire : {} commune{}{}, {} habitants",
        r.communes.len(),
        if r.communes.len() > 1 { "s" } else { "" },
        if r.parts.is_empty() {
            String::new()
        } else {
            format!(" et {} partie(s) de commune", r.parts.len())
        },
        group_thousands(r.population)
    );
    // The series names its own sources in parentheses: a label, not more parentheses.
    let _ = writeln!(s, "Source des populations : {}", r.population_series);
    match (&r.band, set) {
        (Some(band), Some(set)) => {
            let _ = writeln!(
                s,
                "Taille : {} ({}), jeu de paramètres {set} en vigueur le {}",
                band.taille.number(),
                band.label_fr(),
                cpts_core::messages::date_fr(on)
            );
        }
        _ => {
            let _ = writeln!(
                s,
                "Taille : non déterminée (aucun ACI en vigueur le {})",
                cpts_core::messages::date_fr(on)
            );
        }
    }
    let deps: Vec<String> = r
        .departements
        .iter()
        .map(|d| format!("{} ({})", d.name, d.code))
        .collect();
    let _ = writeln!(s, "Départements : {}", deps.join(", "));
    for e in &r.epcis {
        let _ = writeln!(
            s,
            "EPCI : {} ({}) : {} commune(s) sur {}{}",
            e.name,
            e.siren,
            e.communes_covered,
            e.communes_total,
            if e.wholly { ", en entier" } else { "" }
        );
    }
    let _ = writeln!(s, "Communes :");
    for c in &r.communes {
        let _ = writeln!(
            s,
            "  {}  {:<32} {:>9}",
            c.code,
            c.name,
            c.population
                .map(|p| group_thousands(u64::from(p)))
                .unwrap_or_else(|| "—".to_owned())
        );
    }
    for p in &r.parts {
        let _ = writeln!(
            s,
            // The commune is named in the line already (« de Le Pecq » would be wrong French).
            "  {}  {:<32} {:>9}  (partie « {} »)",
            p.commune,
            p.commune_name,
            group_thousands(p.population),
            p.name
        );
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(s, "Avertissements :");
        for w in &r.warnings {
            let _ = writeln!(s, "  - {}", territory_warning_fr(w));
        }
    }
    s
}
