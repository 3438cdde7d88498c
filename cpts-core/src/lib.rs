//! # cpts-core
//!
//! The French rules for CPTS (Communautés professionnelles territoriales de santé) as a pure
//! Rust domain library: no I/O, no clock, no global mutable state. A rule that depends on
//! time takes the date as an argument. Every public type serialises with serde to a stable,
//! documented JSON shape (snake_case fields, explicit enum tags), which the C and wasm
//! bindings exchange.
//!
//! | Module | Concern |
//! |---|---|
//! | [`api`] | the operation API every binding calls: versioned JSON requests and responses, stable error codes, JSON Schemas |
//! | [`aci`] | the ACI funding engine: parameter sets, contracts, indicators, schedule, explanations, PASS cap |
//! | [`identifiers`] | RPPS, ADELI, FINESS, SIREN, SIRET, RNA, INSEE commune code, postcode |
//! | [`nomenclature`] | ANS code systems: professions, FINESS establishment categories |
//! | [`entity`] | the CPTS: identity, legal form (L1434-12-1), territory, lifecycle (L1434-12) |
//! | [`membership`] | members, statuts (admission, colleges, dues), roster, registry |
//! | [`missions`] | the six missions (L1434-12-2), socle or optional per ACI version, deadlines |
//! | [`territory`] | INSEE communes and populations légales; a CPTS's population, band, EPCI; national coverage |
//! | [`messages`] | the catalogue of messages: every error in French for the person, in English for logs |
//! | [`source`] | where each rule comes from, with a quality tag |
//! | [`calendar`] | month arithmetic (a documented convention) |
//!
//! Errors: one `thiserror` enum per concern, each variant carrying the field, the value and
//! the rule broken; an operation that fails changes nothing. No input panics; should a bug
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
pub mod entity;
pub mod identifiers;
mod json;
pub mod membership;
pub mod messages;
pub mod missions;
mod names;
pub mod nomenclature;
pub mod source;
pub mod territory;

/// The README's examples, compiled and run as doc-tests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
