//! `cpts schedule` and `cpts explain`: the payment schedule of ACI contracts and the French
//! explanation of a payment, through the operation API (the answers and errors of every
//! binding).

use std::fmt::Write;
use std::path::Path;

use cpts_core::aci::PaymentKind;
use cpts_core::aci::money::euros;
use cpts_core::api::Engine;
use cpts_core::missions::Mission;
use cpts_core::rust_decimal::Decimal;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use crate::args::{ExplainArgs, Format, ScheduleArgs};
use crate::failure::{Exit, Failure};
use crate::files;

/// The JSON of a file, or where it stops being JSON.
fn read_json(path: &Path) -> Result<Value, Failure> {
    let text = files::read_text(path)?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::content(
            path,
            format!(
                "JSON invalide à la ligne {}, colonne {} ({})",
                e.line(),
                e.column(),
                match e.classify() {
                    serde_json::error::Category::Eof => "le fichier s'arrête trop tôt",
                    serde_json::error::Category::Syntax => "erreur de syntaxe",
                    _ => "valeur inattendue",
                }
            ),
        )
    })
}

fn engine() -> Result<Engine, Failure> {
    Engine::without_communes().map_err(|_| {
        Failure::new(
            Exit::Internal,
            "le moteur ne lit pas ses paramètres intégrés (un défaut de cpts)",
        )
    })
}

/// Calls one operation; its error said with the file and the field (`input.contract.x`
/// becomes `champ x`).
fn call(engine: &Engine, operation: &str, input: Value, file: &Path) -> Result<Value, Failure> {
    let request = json!({"api_version": 1, "operation": operation, "input": input});
    let response: Value =
        serde_json::from_str(&engine.call(&request.to_string())).map_err(|_| {
            Failure::new(
                Exit::Internal,
                "réponse du moteur illisible (un défaut de cpts)",
            )
        })?;
    if response["status"] == "ok" {
        return Ok(response["result"].clone());
    }
    let message = response["error"]["message"]
        .as_str()
        .unwrap_or("erreur")
        .to_owned();
    let message = message
        .replacen("input.contract.", "champ ", 1)
        .replacen("input.contract", "le contrat", 1)
        .replacen("input.results", "résultats", 1);
    let exit = if response["error"]["code"].as_u64() == Some(99) {
        Exit::Internal
    } else {
        Exit::Content
    };
    Err(Failure::new(
        exit,
        format!("{} : {message}", file.display()),
    ))
}

/// The contracts of the file: one contract, or a list of contracts or of `{"contract",
/// "results"}`; `--results` goes with a single contract.
fn items(args: &ScheduleArgs) -> Result<Vec<(Value, Value)>, Failure> {
    let value = read_json(&args.contract)?;
    let results = match &args.results.path {
        Some(p) => read_json(p)?,
        None => Value::Array(vec![]),
    };
    match value {
        Value::Array(list) => {
            if args.results.path.is_some() {
                return Err(Failure::new(
                    Exit::Content,
                    "--results va avec un seul contrat : dans une liste, donnez à chaque contrat ses résultats ({\"contract\": …, \"results\": […]})",
                ));
            }
            if list.is_empty() {
                return Err(Failure::content(
                    &args.contract,
                    "la liste des contrats est vide",
                ));
            }
            Ok(list
                .into_iter()
                .map(|item| match item {
                    Value::Object(mut o) if o.contains_key("contract") => {
                        let c = o.remove("contract").unwrap_or(Value::Null);
                        let r = o.remove("results").unwrap_or(Value::Array(vec![]));
                        (c, r)
                    }
                    other => (other, Value::Array(vec![])),
                })
                .collect())
        }
        one => Ok(vec![(one, results)]),
    }
}

fn amount(v: &Value) -> String {
    v.as_str()
        .and_then(|s| s.parse::<Decimal>().ok())
        .map(euros)
        .unwrap_or_default()
}

fn date(v: &Value) -> String {
    v.as_str()
        .and_then(|s| cpts_core::calendar::parse_date(s).ok())
        .map(cpts_core::messages::date_fr)
        .unwrap_or_default()
}

fn kind(v: &Value) -> String {
    serde_json::from_value::<PaymentKind>(v.clone())
        .map(|k| k.label_fr().to_string())
        .unwrap_or_else(|_| v.as_str().unwrap_or_default().to_owned())
}

fn mission(v: &Value) -> String {
    serde_json::from_value::<Mission>(v.clone())
        .map(|m| m.label_fr().into_owned())
        .unwrap_or_default()
}

pub fn run(args: &ScheduleArgs) -> Result<(), Failure> {
    let items = items(args)?;
    let engine = engine()?;
    let bar = if items.len() > 1 {
        let bar = ProgressBar::new(items.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} contrats ({elapsed}, reste {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut answers: Vec<Result<Value, Failure>> = Vec::with_capacity(items.len());
    for (contract, results) in items {
        let input = json!({"contract": contract, "results": results, "detail": "amounts"});
        answers.push(call(&engine, "payment_schedule", input, &args.contract));
        bar.inc(1);
    }
    bar.finish_and_clear();
    let single = answers.len() == 1;
    if single && let Some(Err(_)) = answers.first() {
        return answers.pop().map_or(Ok(()), |a| a.map(|_| ()));
    }
    let out = match args.output.format {
        Format::Json if single => files::json_report(
            answers
                .first()
                .and_then(|a| a.as_ref().ok())
                .unwrap_or(&Value::Null),
        )?,
        Format::Json => {
            let list: Vec<Value> = answers
                .iter()
                .map(|a| match a {
                    Ok(v) => json!({"status": "ok", "result": v}),
                    Err(e) => json!({"status": "error", "message": e.message}),
                })
                .collect();
            files::json_report(&list)?
        }
        Format::Csv => {
            let mut rows = Vec::new();
            for a in answers.iter().flatten() {
                for p in a["payments"].as_array().into_iter().flatten() {
                    rows.push(vec![
                        a["contract"].as_str().unwrap_or_default().to_owned(),
                        p["date"].as_str().unwrap_or_default().to_owned(),
                        p["amount"].as_str().unwrap_or_default().replace('.', ","),
                        p["contract_year"]
                            .as_u64()
                            .map(|y| y.to_string())
                            .unwrap_or_default(),
                        kind(&p["kind"]),
                        mission(&p["mission"]),
                    ]);
                }
            }
            files::csv_report(
                &[
                    "contrat",
                    "date",
                    "montant",
                    "annee",
                    "versement",
                    "mission",
                ],
                &rows,
            )
        }
        Format::Texte => {
            let mut s = String::new();
            for a in &answers {
                match a {
                    Ok(v) => text(v, &mut s),
                    Err(e) => {
                        let _ = writeln!(s, "ERREUR : {e}\n");
                    }
                }
            }
            s.into_bytes()
        }
    };
    files::write(args.output.output.as_deref(), &out)?;
    let failed = answers.iter().filter(|a| a.is_err()).count();
    if failed > 0 {
        return Err(Failure::new(
            Exit::Content,
            format!(
                "{failed} contrat(s) sur {} refusé(s) (voir le rapport)",
                answers.len()
            ),
        ));
    }
    Ok(())
}

fn text(v: &Value, s: &mut String) {
    let _ = writeln!(
        s,
        "Échéancier de « {} », contrat signé le {} (jeu de paramètres {})",
        v["contract"].as_str().unwrap_or_default(),
        date(&v["signed_on"]),
        v["parameter_set"].as_str().unwrap_or_default()
    );
    let _ = writeln!(s, "  N°   Date        {:>16}  Année  Versement", "Montant");
    for (i, p) in v["payments"].as_array().into_iter().flatten().enumerate() {
        let m = mission(&p["mission"]);
        let _ = writeln!(
            s,
            "  {:<4} {}  {:>16}  {:^5}  {}{}",
            i + 1,
            date(&p["date"]),
            amount(&p["amount"]),
            p["contract_year"]
                .as_u64()
                .map(|y| y.to_string())
                .unwrap_or_default(),
            kind(&p["kind"]),
            if m.is_empty() {
                String::new()
            } else {
                format!(", {m}")
            }
        );
    }
    let _ = writeln!(s, "  Total versé ou dû : {}", amount(&v["total"]));
    let pending = v["pending"].as_array().map(Vec::len).unwrap_or(0);
    if pending > 0 {
        let max: Decimal = v["pending"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["maximum"].as_str()?.parse::<Decimal>().ok())
            .sum();
        let _ = writeln!(
            s,
            "  Parts variables non encore mesurées : {pending} ligne(s), jusqu'à {}",
            euros(max)
        );
    }
    let _ = writeln!(
        s,
        "  Détail d'un versement : cpts explain CONTRAT.json --versement N\n"
    );
}

pub fn explain(args: &ExplainArgs) -> Result<(), Failure> {
    let contract = read_json(&args.contract)?;
    if contract.is_array() {
        return Err(Failure::content(
            &args.contract,
            "cpts explain prend un seul contrat, pas une liste",
        ));
    }
    let results = match &args.results.path {
        Some(p) => read_json(p)?,
        None => Value::Array(vec![]),
    };
    let engine = engine()?;
    let text = match args.payment {
        None => {
            let input = json!({"of": "schedule", "contract": contract, "results": results});
            call(&engine, "explain", input, &args.contract)?["text_fr"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
        Some(n) => {
            let input = json!({"contract": contract, "results": results, "detail": "full"});
            let schedule = call(&engine, "payment_schedule", input, &args.contract)?;
            let payments = schedule["payments"].as_array().cloned().unwrap_or_default();
            let Some(payment) = n.checked_sub(1).and_then(|i| payments.get(i)) else {
                return Err(Failure::new(
                    Exit::Content,
                    format!(
                        "--versement {n} : l'échéancier compte {} versement(s), numérotés à partir de 1 (cpts schedule les liste)",
                        payments.len()
                    ),
                ));
            };
            let input = json!({"explanation": payment["explanation"]});
            call(&engine, "render_explanation", input, &args.contract)?["text_fr"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    files::write(args.output.as_deref(), text.as_bytes())
}
