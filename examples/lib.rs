//! The workspace README's Rust examples, compiled and run as doc-tests so that it stays true
//! (`cargo test -p cpts-examples --doc`).

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
