//! The messages of the C layer itself (an argument the engine never sees), in French and in
//! English like every message of the library (`cpts_core::messages`). They name the C
//! arguments and constants a C caller wrote.

use cpts_core::messages::Bilingual;

/// A pointer argument that is NULL.
pub const NOT_NULL: Bilingual = Bilingual::new("ne doit pas être NULL", "must not be NULL");

/// A length beyond memory.
pub const LENGTH_BEYOND_MEMORY: Bilingual = Bilingual::new(
    "plus grande que la mémoire adressable",
    "larger than memory",
);

/// An identifier kind out of the enum.
pub const IDENTIFIER_KIND: Bilingual = Bilingual::new(
    "n'est pas un cpts_identifier_kind (de 1 à 8)",
    "not a cpts_identifier_kind (1 to 8)",
);

/// A buffer too small for the canonical form.
pub const CANONICAL_CAPACITY: Bilingual = Bilingual::new(
    "trop petite pour la forme canonique et son NUL (CPTS_CANONICAL_CAPACITY suffit toujours)",
    "too small for the canonical form and its NUL (CPTS_CANONICAL_CAPACITY is enough)",
);

/// A date that does not exist.
pub const CALENDAR_DATE: Bilingual =
    Bilingual::new("n'est pas une date du calendrier", "not a calendar date");

/// A panic in the C layer (a bug).
pub const PANICKED: Bilingual = Bilingual::new(
    "la bibliothèque a échoué (une anomalie : merci de la signaler avec l'entrée)",
    "the library panicked (a bug: please report it with the input)",
);

/// `argument « x » : rule`.
pub fn argument(argument: &str, rule: &Bilingual) -> Bilingual {
    Bilingual::owned(
        format!("argument « {argument} » : {}", rule.fr()),
        format!("argument « {argument} »: {}", rule.en()),
    )
}

/// A text argument that is not UTF-8.
pub fn argument_not_utf8(argument: &str, valid_up_to: usize) -> Bilingual {
    Bilingual::owned(
        format!(
            "argument « {argument} » : ce n'est pas du texte UTF-8 (octet {valid_up_to} : un caractère mal encodé)"
        ),
        format!("argument « {argument} » is not UTF-8 (byte {valid_up_to})"),
    )
}
