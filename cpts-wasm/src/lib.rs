//! WebAssembly bindings of cpts, for the npm package `cpts` (see `cpts-wasm/js/`).
//!
//! Bindings only: every answer comes from `cpts_core::api::Engine`, the same operation API the
//! C library wraps, so that JavaScript, C and Rust callers get byte-identical responses. The
//! JavaScript layer turns responses into plain objects and errors into `CptsError`.
//!
//! The commune table is not compiled in (the package ships it as a data file): JavaScript
//! loads it with [`Engine::load_communes`].

use cpts_core::api::{self, ApiError};
use cpts_core::territory::CommuneTable;
use wasm_bindgen::prelude::*;

/// The library version (semver).
#[wasm_bindgen(js_name = libraryVersion)]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The operation API version the engine speaks.
#[wasm_bindgen(js_name = apiVersion)]
pub fn api_version() -> u32 {
    api::API_VERSION
}

/// The JSON error response of a failure outside a call (engine construction, table load),
/// thrown as a string for the JavaScript layer to turn into a `CptsError`.
fn thrown(error: &ApiError) -> JsValue {
    JsValue::from_str(&api::error_response(None, error))
}

/// The operation engine: ACI parameter sets and PASS table (compiled in), and the commune
/// table once loaded.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Engine {
    inner: api::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// An engine without commune table (territory operations answer `data_unavailable`
    /// until `loadCommunes`). Throws a JSON error response.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Engine, JsValue> {
        api::Engine::without_communes()
            .map(|inner| Engine { inner })
            .map_err(|e| thrown(&e))
    }

    /// Loads the commune table from the text of the package's `communes.txt`. Throws a JSON
    /// error response (`data_unavailable`) when the text is not a commune table.
    #[wasm_bindgen(js_name = loadCommunes)]
    pub fn load_communes(&mut self, text: String) -> Result<(), JsValue> {
        let table = CommuneTable::from_text(text).map_err(|e| thrown(&e.into()))?;
        self.inner.set_communes(table);
        Ok(())
    }

    /// True once a commune table is loaded.
    #[wasm_bindgen(js_name = hasCommunes)]
    pub fn has_communes(&self) -> bool {
        self.inner.communes().is_some()
    }

    /// Answers one JSON request; the response is JSON text (`status` ok or error).
    pub fn call(&self, request: &str) -> String {
        self.inner.call(request)
    }

    /// Answers a request given as UTF-8 bytes (`invalid_utf8` when they are not).
    #[wasm_bindgen(js_name = callBytes)]
    pub fn call_bytes(&self, request: &[u8]) -> String {
        self.inner.call_bytes(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_the_core_without_communes() {
        let engine = api::Engine::without_communes().map(|inner| Engine { inner });
        let engine = engine.unwrap_or_else(|_| panic!("engine"));
        assert!(!engine.has_communes());
        let response = engine.call(
            r#"{"api_version":1,"operation":"band","input":{"population":95000,"on":"2026-01-01"}}"#,
        );
        assert!(response.contains(r#""taille":3"#), "{response}");
        let response = engine
            .call(r#"{"api_version":1,"operation":"lookup_commune","input":{"code":"78551"}}"#);
        assert!(response.contains(r#""code":10"#), "{response}");
        assert_eq!(library_version(), env!("CARGO_PKG_VERSION"));
        assert_eq!(api_version(), 1);
    }
}
