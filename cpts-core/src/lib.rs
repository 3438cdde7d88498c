#![doc = include_str!("../README.md")]
//!
//! ## Panics
//!
//! No input panics; should a bug
//! panic inside [`api::Engine::call`], the call answers `internal` (the one process-wide
//! effect of the library: a panic hook, installed on the first call, silent inside calls and
//! delegating every other panic to the hook installed before it).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod aci;
pub mod api;
pub mod calendar;
pub mod directory;
pub mod entity;
pub mod identifiers;
mod json;
pub mod map;
pub mod membership;
pub mod messages;
pub mod missions;
mod names;
pub mod nomenclature;
pub mod source;
pub mod territory;

pub use chrono;
pub use rust_decimal;
pub use serde_json;
