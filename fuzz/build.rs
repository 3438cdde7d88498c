//! Embeds the input schemas and the conformance requests for the structured target.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut schemas = String::from("[");
    let mut names: Vec<_> = std::fs::read_dir(root.join("schemas"))
        .expect("schemas/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".input.schema.json"))
        .collect();
    names.sort();
    for n in &names {
        let path = root.join("schemas").join(n).canonicalize().expect("schema");
        let op = n.trim_end_matches(".input.schema.json");
        let _ = write!(
            schemas,
            "({op:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    schemas.push(']');
    std::fs::write(Path::new(&out).join("schemas.rs"), schemas).expect("write");
    let mut corpus = String::from("[");
    let mut cases: Vec<_> = std::fs::read_dir(root.join("conformance/cases"))
        .expect("conformance/cases")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".request.json"))
        .collect();
    cases.sort();
    for n in &cases {
        let path = root
            .join("conformance/cases")
            .join(n)
            .canonicalize()
            .expect("case");
        if std::fs::read_to_string(&path).is_ok() {
            let _ = write!(corpus, "include_str!({:?}),", path.display().to_string());
        }
    }
    corpus.push(']');
    std::fs::write(Path::new(&out).join("corpus.rs"), corpus).expect("write");
    println!("cargo::rerun-if-changed=../schemas");
    println!("cargo::rerun-if-changed=../conformance/cases");
}
