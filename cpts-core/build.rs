//! Converts the parameter files (data/aci/*.toml, data/pass.toml) to JSON in OUT_DIR.
//!
//! The TOML files stay the reviewed source of every amount and its legal reference; the
//! library embeds their JSON form so that it reads them with the JSON reader it already has
//! for requests, without a TOML parser at run time (the wasm package is measured by its
//! size). `ParameterCatalogue::embedded()` is tested equal to the TOML files read directly.

use std::path::Path;
use std::{env, fs};

const FILES: [(&str, &str); 3] = [
    ("data/aci/aci_2019.toml", "aci_2019.json"),
    (
        "data/aci/aci_2019_avenant_2.toml",
        "aci_2019_avenant_2.json",
    ),
    ("data/pass.toml", "pass.json"),
];

fn main() {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for (source, target) in FILES {
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let json = to_json(toml::Value::Table(table), source);
        let json = serde_json::to_string(&json).expect("a JSON value serialises");
        fs::write(Path::new(&out).join(target), json).expect("OUT_DIR is writable");
    }
}

/// TOML to JSON, value for value. The files hold no TOML dates (dates are strings, as in
/// requests) and no floats (amounts are decimal strings): either stops the build.
fn to_json(value: toml::Value, file: &str) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Array(items) => {
            J::Array(items.into_iter().map(|v| to_json(v, file)).collect())
        }
        toml::Value::Table(table) => J::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, to_json(v, file)))
                .collect(),
        ),
        toml::Value::Float(f) => panic!("{file}: float {f}: amounts are decimal strings"),
        toml::Value::Datetime(d) => panic!("{file}: TOML date {d}: dates are strings"),
    }
}
