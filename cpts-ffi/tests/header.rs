//! The committed header `include/cpts.h` must be what cbindgen generates from this crate.
//! Regenerate it with `scripts/regen-header` (which sets `CPTS_REGENERATE=1`).

use std::path::PathBuf;

/// The doc comments are written for rustdoc; a C reader gets them without its syntax: the
/// `# Safety` heading becomes « Safety: » and a link [`NAME`] the plain `NAME`.
fn for_c_readers(header: &str) -> String {
    let text = header.replace(" * # Safety\n * ", " * Safety: ");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("[`") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find("`]") {
            Some(end) if !after[1..end].contains('`') => {
                out.push_str(&after[..end + 1]);
                rest = &after[end + 2..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn committed_header_is_current() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let header = crate_dir.join("../include/cpts.h");
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen failed")
        .write(&mut generated);
    let generated = for_c_readers(&String::from_utf8(generated).unwrap());
    if std::env::var_os("CPTS_REGENERATE").is_some() {
        std::fs::write(&header, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&header).unwrap_or_default();
    for rust in [
        "# Safety", "[`", "`]", "Option<", "Result<", "&str", "&mut ",
    ] {
        assert!(
            !generated.contains(rust),
            "the header shows Rust syntax: {rust}"
        );
    }
    assert!(
        committed == generated,
        "include/cpts.h is stale: run scripts/regen-header and commit the result"
    );
}
