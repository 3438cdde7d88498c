//! The JSON Schemas committed under `cpts-core/schemas/` are the ones the Rust types generate, and
//! every request and response of the conformance corpus validates against them.
//!
//! `CPTS_REGENERATE=1 cargo test -p cpts-core --test schemas` (or `scripts/regen-schemas`)
//! rewrites them.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use cpts_core::api::{Engine, envelope_schemas, schemas};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// File name → text of every schema.
fn generated() -> BTreeMap<String, String> {
    let pretty =
        |schema: &schemars::Schema| serde_json::to_string_pretty(schema).expect("schema") + "\n";
    let mut files = BTreeMap::new();
    for (name, schema) in envelope_schemas() {
        files.insert(format!("{name}.schema.json"), pretty(&schema));
    }
    for op in schemas() {
        files.insert(format!("{}.input.schema.json", op.name), pretty(&op.input));
        files.insert(
            format!("{}.result.schema.json", op.name),
            pretty(&op.output),
        );
    }
    files
}

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = root().join("schemas");
    let files = generated();
    if std::env::var_os("CPTS_REGENERATE").is_some() {
        fs::create_dir_all(&dir).expect("mkdir");
        for entry in fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.to_string_lossy().ends_with(".schema.json") {
                fs::remove_file(path).expect("rm");
            }
        }
        for (name, text) in &files {
            fs::write(dir.join(name), text).expect("write");
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &files {
        if fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    for entry in fs::read_dir(&dir).expect("schemas/") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".schema.json") && !files.contains_key(&name) {
            stale.push(format!("{name} (no longer generated)"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run scripts/regen-schemas and commit cpts-core/schemas/"
    );
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = &generated()[name];
    let schema: Value = serde_json::from_str(text).expect("schema JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("valid schema")
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn conformance_requests_and_responses_follow_the_schemas() {
    let engine = Engine::new().expect("engine");
    let request_schema = validator("request.schema.json");
    let response_schema = validator("response.schema.json");
    let cases = root().join("conformance/cases");
    let mut checked_inputs = 0;
    let mut refused_inputs = 0;
    for entry in fs::read_dir(&cases).expect("cases") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if !name.ends_with(".request.json") {
            continue;
        }
        let bytes = fs::read(&path).expect("read");
        let response: Value =
            serde_json::from_str(&engine.call_bytes(&bytes)).expect("response JSON");
        assert_eq!(
            errors(&response_schema, &response),
            Vec::<String>::new(),
            "{name}"
        );
        let Ok(request) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        let operation = request["operation"].as_str().unwrap_or_default().to_owned();
        // A batch answers an item that does not fit its schema with that item's error: the
        // items answered must fit, the others need not.
        let mut request = request;
        if let (Some(items), Some(answers)) = (
            request["input"]["items"].as_array().cloned(),
            response["result"]["items"].as_array(),
        ) {
            let kept: Vec<Value> = items
                .into_iter()
                .zip(answers)
                .filter(|(_, answer)| answer["status"] == "ok")
                .map(|(item, _)| item)
                .collect();
            assert!(!kept.is_empty(), "{name}: no item answered");
            request["input"]["items"] = Value::Array(kept);
        }
        match response["status"].as_str() {
            Some("ok") => {
                assert_eq!(
                    errors(&request_schema, &request),
                    Vec::<String>::new(),
                    "{name}"
                );
                let input = request
                    .get("input")
                    .cloned()
                    .unwrap_or(Value::Object(Default::default()));
                let input_schema = validator(&format!("{operation}.input.schema.json"));
                assert_eq!(
                    errors(&input_schema, &input),
                    Vec::<String>::new(),
                    "{name}"
                );
                let result_schema = validator(&format!("{operation}.result.schema.json"));
                assert_eq!(
                    errors(&result_schema, &response["result"]),
                    Vec::<String>::new(),
                    "{name}"
                );
                checked_inputs += 1;
            }
            _ => {
                // An input the engine refuses for its shape is refused by the schema too
                // (not a value refused by a rule while it is read, such as a wrong RPPS
                // key: its details carry the domain error).
                let code = response["error"]["code"].as_u64();
                // Except a number beyond u64: the schema's `format: uint64` is not asserted.
                if code == Some(7)
                    && response["error"]["details"]["path"].is_string()
                    && response["error"]["details"]["error"].is_null()
                    && name != "error-huge-integer.request.json"
                {
                    let input = &request["input"];
                    let input_schema = validator(&format!("{operation}.input.schema.json"));
                    assert!(
                        !errors(&input_schema, input).is_empty(),
                        "{name}: schema accepts it"
                    );
                    refused_inputs += 1;
                }
            }
        }
    }
    assert!(checked_inputs >= 25, "{checked_inputs} ok cases");
    assert!(refused_inputs >= 4, "{refused_inputs} refused cases");
}
