// Words of Rust, serde or the library's code that a person must never read in a message:
// one list for the catalogue's unit tests (`include!`d by src/messages/tests.rs) and the
// integration tests.
/// Words of Rust, serde or the library's code that a person must never read.
pub const RUST_WORDS: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "usize",
    "i64",
    "f64",
    "struct ",
    "enum ",
    "Option",
    "Vec<",
    "::",
    "sequence",
    "unit value",
    "borrowed",
    "serde",
    "cargo",
    "feature",
    "Engine",
    "CommuneTable",
    "unwrap",
    "Some(",
    "None",
    "panicked",
    "i32",
    "variant identifier",
];
