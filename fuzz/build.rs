//! Embeds the input schemas and the conformance requests for the structured target.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The files of `dir` whose names end with `suffix`, sorted, as absolute paths.
fn files(dir: &Path, suffix: &str) -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .expect("folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| {
            let stem = n.strip_suffix(suffix)?.to_owned();
            Some((stem, dir.join(&n).canonicalize().ok()?))
        })
        .collect();
    found.sort();
    found
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut schemas = String::from("[");
    for (op, path) in files(&root.join("cpts-core/schemas"), ".input.schema.json") {
        let _ = write!(
            schemas,
            "({op:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    schemas.push(']');
    std::fs::write(out.join("schemas.rs"), schemas).expect("write");
    let mut corpus = String::from("[");
    for (_, path) in files(&root.join("cpts-core/conformance/cases"), ".request.json") {
        // Requests that are not UTF-8 (the invalid_utf8 case) are for the byte target.
        if std::fs::read_to_string(&path).is_ok() {
            let _ = write!(corpus, "include_str!({:?}),", path.display().to_string());
        }
    }
    corpus.push(']');
    std::fs::write(out.join("corpus.rs"), corpus).expect("write");
    println!("cargo::rerun-if-changed=../cpts-core/schemas");
    println!("cargo::rerun-if-changed=../cpts-core/conformance/cases");
}
