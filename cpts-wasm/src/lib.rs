//! WebAssembly bindings of cpts (npm package with TypeScript types).
//!
//! A thin wrapper: it holds no domain logic. The JS API over the operation API, the npm
//! packaging and the browser tests come with the wasm issue; this first version exposes the
//! library version and the RPPS check, so that the crate builds and binds.

use cpts_core::identifiers::{NationalIdentifier, Rpps};
use wasm_bindgen::prelude::*;

/// The library version (semver).
#[wasm_bindgen(js_name = libraryVersion)]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The canonical RPPS for `text`, or an error message naming the rule broken.
#[wasm_bindgen(js_name = parseRpps)]
pub fn parse_rpps(text: &str) -> Result<String, String> {
    Rpps::parse(text)
        .map(|r| r.to_string())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_the_core() {
        assert_eq!(parse_rpps("100 0092 7870"), Ok("10000927870".to_owned()));
        assert!(
            parse_rpps("10003461033")
                .unwrap_err()
                .contains("wrong check key")
        );
        assert_eq!(library_version(), env!("CARGO_PKG_VERSION"));
    }
}
