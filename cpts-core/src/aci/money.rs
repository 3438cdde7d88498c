//! Money: rounding to the cent (or the euro) and French formatting.
//!
//! Amounts are `rust_decimal::Decimal`, never floats. No text found says how ACI amounts are
//! rounded; the rounding is a named convention ([`Rounding`]) of
//! [`super::PaymentConventions`].

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a computed amount is rounded (a library convention).
///
/// JSON: `"cent_half_away_from_zero"` or `"euro_half_away_from_zero"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// To the cent, halves away from zero (0.005 → 0.01). The default.
    #[default]
    CentHalfAwayFromZero,
    /// To the euro, halves away from zero.
    EuroHalfAwayFromZero,
}

impl Rounding {
    /// Rounds an amount.
    pub fn round(self, amount: Decimal) -> Decimal {
        let places = match self {
            Rounding::CentHalfAwayFromZero => 2,
            Rounding::EuroHalfAwayFromZero => 0,
        };
        amount.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
    }

    /// French wording.
    pub fn label_fr(self) -> &'static str {
        match self {
            Rounding::CentHalfAwayFromZero => "arrondi au centime, demi-centime au supérieur",
            Rounding::EuroHalfAwayFromZero => "arrondi à l'euro, demi-euro au supérieur",
        }
    }
}

/// Groups the digits of an integer by three with a narrow no-break space (French usage).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// An amount in euros, French style: `150 000,00 €` (narrow no-break space between
/// thousands, no-break space before the sign).
///
/// ```
/// use rust_decimal::Decimal;
/// use cpts_core::aci::money::euros;
/// assert_eq!(euros(Decimal::new(15000000, 2)), "150\u{202f}000,00\u{a0}€");
/// assert_eq!(euros(Decimal::new(-5, 1)), "-0,50\u{a0}€");
/// ```
pub fn euros(amount: Decimal) -> String {
    let cents = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let sign = if cents.is_sign_negative() && !cents.is_zero() {
        "-"
    } else {
        ""
    };
    let abs = cents.abs();
    let whole = abs.trunc();
    let frac = ((abs - whole) * Decimal::ONE_HUNDRED).trunc();
    let whole_u64 = u64::try_from(whole).unwrap_or(u64::MAX);
    let frac_u64 = u64::try_from(frac).unwrap_or(0);
    format!("{sign}{},{frac_u64:02}\u{a0}€", group_thousands(whole_u64))
}

/// A rate as a French percentage: `75 %`, `2,5 %`.
pub fn percent(rate: Decimal) -> String {
    let p = (rate * Decimal::ONE_HUNDRED).normalize();
    format!("{}\u{a0}%", p.to_string().replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_half_away_from_zero() {
        let r = Rounding::CentHalfAwayFromZero;
        assert_eq!(r.round(Decimal::new(12345, 3)), Decimal::new(1235, 2)); // 12.345 → 12.35
        assert_eq!(r.round(Decimal::new(12344, 3)), Decimal::new(1234, 2));
        assert_eq!(r.round(Decimal::new(-12345, 3)), Decimal::new(-1235, 2));
        assert_eq!(
            Rounding::EuroHalfAwayFromZero.round(Decimal::new(25, 1)),
            Decimal::new(3, 0)
        );
    }

    #[test]
    fn french_formatting() {
        assert_eq!(euros(Decimal::new(122500, 0)), "122\u{202f}500,00\u{a0}€");
        assert_eq!(euros(Decimal::new(999, 2)), "9,99\u{a0}€");
        assert_eq!(euros(Decimal::ZERO), "0,00\u{a0}€");
        assert_eq!(percent(Decimal::new(75, 2)), "75\u{a0}%");
        assert_eq!(group_thousands(1_234_567), "1\u{202f}234\u{202f}567");
    }
}

/// Serde for amounts as decimal strings only (`"1234.56"`): a JSON or TOML number is refused,
/// so that no amount ever passes through a float. Used by every money field of the inputs.
pub mod decimal_string {
    use std::fmt;

    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer, de};

    /// Writes the amount as a string.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    /// Reads an amount from a string, refusing numbers.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_str(StrictDecimal)
    }

    pub(super) struct StrictDecimal;

    impl de::Visitor<'_> for StrictDecimal {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal amount written as a string, such as \"1234.56\"")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            Decimal::from_str_exact(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
}

/// [`decimal_string`] for optional amounts (`null` or absent: `None`).
pub mod decimal_string_option {
    use std::fmt;

    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer, de};

    /// Writes the amount as a string, or null.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional amount from a string or null, refusing numbers.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_option(OptionalDecimal)
    }

    struct OptionalDecimal;

    impl<'de> de::Visitor<'de> for OptionalDecimal {
        type Value = Option<Decimal>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("null or a decimal amount written as a string")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            super::decimal_string::deserialize(d).map(Some)
        }
    }
}

#[cfg(test)]
mod strict_tests {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Amounts {
        #[serde(with = "super::decimal_string")]
        a: Decimal,
        #[serde(default, with = "super::decimal_string_option")]
        b: Option<Decimal>,
    }

    #[test]
    fn numbers_are_refused_strings_accepted() {
        let ok: Amounts = serde_json::from_str(r#"{"a": "1234.56", "b": null}"#).unwrap();
        assert_eq!(
            ok,
            Amounts {
                a: Decimal::new(123456, 2),
                b: None
            }
        );
        let some: Amounts = serde_json::from_str(r#"{"a": "0.1", "b": "2"}"#).unwrap();
        assert_eq!(some.b, Some(Decimal::TWO));
        assert!(serde_json::from_str::<Amounts>(r#"{"a": 0.1}"#).is_err());
        assert!(serde_json::from_str::<Amounts>(r#"{"a": "1", "b": 3}"#).is_err());
        assert!(serde_json::from_str::<Amounts>(r#"{"a": "1,5"}"#).is_err());
        assert_eq!(
            serde_json::to_string(&some).unwrap(),
            r#"{"a":"0.1","b":"2"}"#
        );
        let absent: Amounts = serde_json::from_str(r#"{"a": "5"}"#).unwrap();
        assert_eq!(absent.b, None);
    }
}

/// The JSON Schema of an amount written as a decimal string (`"1234.56"`).
#[derive(Debug)]
pub struct DecimalString;

impl schemars::JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalString".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "A decimal number written as a string (amounts in euros, rates, measured values); never a JSON number."
        })
    }
}
