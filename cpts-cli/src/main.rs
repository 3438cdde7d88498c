//! `cpts`, the command line of the CPTS rules for ARS and CPAM analysts: it reads the files
//! they have (CSV as Excel writes it, JSON as the operation API takes it) and writes French
//! reports, CSV, JSON or SVG maps. Every rule is cpts-core's: this crate parses arguments,
//! reads files and prints. Exit codes: `failure::Exit` (and `cpts --help`).

mod args;
mod context;
mod coverage;
mod failure;
mod files;
mod maps;
mod members;
mod schedule;
mod territory;

use std::process::ExitCode;

use args::Command;
use failure::{Exit, Failure};

fn main() -> ExitCode {
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err((text, code)) => {
            if code == 0 {
                print!("{text}");
            } else {
                eprintln!("{}", text.trim_end());
            }
            return ExitCode::from(code as u8);
        }
    };
    // A defect of cpts is said as such, never as Rust's panic message.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| run(&cli.command)).unwrap_or_else(|_| {
        Err(Failure::new(
            Exit::Internal,
            "erreur interne de cpts (un défaut : merci de le signaler avec la commande et le fichier)",
        ))
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("cpts : {}", f.message);
            ExitCode::from(f.exit as u8)
        }
    }
}

fn run(command: &Command) -> Result<(), Failure> {
    match command {
        Command::Territory(a) => territory::run(a, &context::Context::new()?),
        Command::Coverage(a) => coverage::run(a, &context::Context::new()?),
        Command::Schedule(a) => schedule::run(a),
        Command::Explain(a) => schedule::explain(a),
        Command::CheckMembers(a) => members::run(a),
        Command::Map(a) => maps::run(a, &context::Context::new()?),
    }
}
