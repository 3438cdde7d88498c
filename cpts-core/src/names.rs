//! Names of enum values in messages: the JSON name (serde's), so that an error message says
//! `acces_aux_soins`, the word a caller sent, and never the Rust variant `AccesAuxSoins`.

use serde::Serialize;

/// The JSON name of a unit variant: `json_name(&Mission::ACCES_AUX_SOINS)` is
/// `"acces_aux_soins"`. Serde writes it, so it cannot drift from the wire format. A value
/// that is not a string in JSON is given as its JSON text.
pub(crate) fn json_name<T: Serialize + ?Sized>(value: &T) -> String {
    // As text, then read: the serialiser to text is there already for every type.
    match serde_json::to_string(value)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text))
    {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        // Unreachable for the enums of this crate (unit variants); kept total.
        Err(_) => String::from("?"),
    }
}

/// Values by their `Display`, comma-separated: `RPPS, ADELI`.
pub(crate) fn list<T: std::fmt::Display>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identifiers::IdentifierKind;
    use crate::missions::Mission;

    #[test]
    fn names_are_the_wire_names() {
        assert_eq!(json_name(&Mission::ACCES_AUX_SOINS), "acces_aux_soins");
        assert_eq!(json_name(&IdentifierKind::InseeCommune), "insee_commune");
        assert_eq!(
            list(&[IdentifierKind::Rpps, IdentifierKind::Adeli]),
            "RPPS, ADELI"
        );
        assert_eq!(list::<Mission>(&[]), "");
    }
}
