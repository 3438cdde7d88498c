//! Converts a parameter set written in TOML (the form an ARS reviews) to its JSON form (the
//! form the npm package reads: its WebAssembly leaves the TOML reader out), after checking
//! it as the engine does.
//!
//! `cargo run --release --example parameter_set_json -- FICHIER.toml > FICHIER.json`
//!
//! Exit status: 0 when converted; 1 when the file breaks a rule (the rule in French on
//! standard error); 2 when it cannot be read.

use std::process::ExitCode;

use cpts_core::aci::ParameterSet;
use cpts_core::messages::Message;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage : parameter_set_json FICHIER.toml > FICHIER.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path} : lecture impossible ({e})");
            return ExitCode::from(2);
        }
    };
    match ParameterSet::from_text(path, &text) {
        Ok(set) => match cpts_core::serde_json::to_string_pretty(set.data()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{path} : conversion impossible ({e})");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("{}", e.message_fr());
            ExitCode::from(1)
        }
    }
}
