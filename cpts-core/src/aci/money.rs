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
#[non_exhaustive]
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
    group_digits(&n.to_string())
}

/// An amount in euros, French style: `150 000,00 €` (narrow no-break space between
/// thousands, no-break space before the sign). Any `Decimal` is written in full: nothing
/// saturates (the digits come from the decimal's own text, not from a machine integer).
///
/// ```
/// use rust_decimal::Decimal;
/// use cpts_core::aci::money::euros;
/// assert_eq!(euros(Decimal::new(15000000, 2)), "150\u{202f}000,00\u{a0}€");
/// assert_eq!(euros(Decimal::new(-5, 1)), "-0,50\u{a0}€");
/// assert_eq!(euros(Decimal::MAX), "79\u{202f}228\u{202f}162\u{202f}514\u{202f}264\u{202f}337\u{202f}593\u{202f}543\u{202f}950\u{202f}335,00\u{a0}€");
/// ```
pub fn euros(amount: Decimal) -> String {
    // Rounding to two places only drops digits: it cannot overflow. The text of the rounded
    // value has at most two decimals; missing ones are written as zeros.
    let mut cents = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let negative = cents.is_sign_negative() && !cents.is_zero();
    cents.set_sign_positive(true);
    let text = cents.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let sign = if negative { "-" } else { "" };
    format!("{sign}{},{frac:0<2}\u{a0}€", group_digits(whole))
}

/// Groups a string of digits by three with a narrow no-break space.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// A rate as a French percentage: `75 %`, `2,5 %`. The decimal point is moved two places
/// in the decimal's own digits, so no rate overflows (`Decimal::MAX` is written in full).
///
/// ```
/// use rust_decimal::Decimal;
/// use cpts_core::aci::money::percent;
/// assert_eq!(percent(Decimal::new(75, 2)), "75\u{a0}%");
/// assert_eq!(percent(Decimal::new(25, 3)), "2,5\u{a0}%");
/// assert_eq!(percent(Decimal::MAX), "7922816251426433759354395033500\u{a0}%");
/// ```
pub fn percent(rate: Decimal) -> String {
    let mantissa = rate.mantissa().unsigned_abs().to_string();
    let scale = rate.scale() as usize;
    // rate = mantissa × 10^-scale, so rate × 100 = mantissa × 10^-(scale - 2).
    let digits = if scale >= 2 {
        let point = scale - 2;
        let padded = format!("{mantissa:0>width$}", width = point + 1);
        let (whole, frac) = padded.split_at(padded.len() - point);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            whole.to_owned()
        } else {
            format!("{whole},{frac}")
        }
    } else if mantissa == "0" {
        mantissa
    } else {
        format!("{mantissa}{}", "0".repeat(2 - scale))
    };
    let sign = if rate.is_sign_negative() && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0')
    {
        "-"
    } else {
        ""
    };
    format!("{sign}{digits}\u{a0}%")
}

/// The largest amount a caller may give, in euros (1 billion): a guard against typos that
/// keeps every sum and product of the engine far inside `Decimal`'s range.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// True when `amount` is an amount a caller may give: from 0 to [`MAX_AMOUNT`], to the cent
/// (at most two decimals once trailing zeros are dropped: `"12.50"` and `"12.500"` are
/// fine, `"12.505"` is not).
pub fn is_valid_amount(amount: Decimal) -> bool {
    // Most amounts have at most two decimals as written: no need to normalise them.
    !amount.is_sign_negative()
        && amount <= MAX_AMOUNT
        && (amount.scale() <= 2 || amount.normalize().scale() <= 2)
}

/// The sum of amounts, or `None` when it leaves `Decimal`'s range. (One compiled copy for
/// every caller: the iterator is taken by `dyn`.)
pub(crate) fn checked_sum(amounts: &mut dyn Iterator<Item = Decimal>) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for a in amounts {
        total = total.checked_add(a)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The amount written without allocating is the amount's own text to the cent:
        /// what the decimal's Display writes, padded to two decimals.
        #[test]
        fn cents_are_written_as_the_decimal_says(
            mantissa in proptest::num::i128::ANY,
            bits in 0u32..=96,
            scale in 0u32..=28,
        ) {
            // Mantissas of every size, from a few cents to the largest (2^96 − 1).
            let bound = (1i128 << 96) - 1;
            let mantissa = (mantissa >> (127 - bits)).clamp(-bound, bound);
            let amount = Decimal::from_i128_with_scale(mantissa, scale);
            let text = finer_than_cents_text(amount);
            match Cents::of(amount) {
                Some(cents) => proptest::prop_assert_eq!(cents.as_str(), text.as_str()),
                None => proptest::prop_assert!(text.split_once('.').is_some_and(|(_, f)| f.len() > 2)),
            }
        }
    }

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

/// The text of an amount to the cent, with exactly two decimals when it is to the cent:
/// `"75000.00"`, `"56250.00"`, `"0.00"` (trailing zeros beyond the cent are dropped, missing
/// ones added; the digits come from the decimal's own text, so nothing overflows). The library
/// writes no amount finer than the cent (callers' amounts are checked to the cent, computed
/// ones rounded); such an amount would keep its digits.
///
/// ```
/// use rust_decimal::Decimal;
/// use cpts_core::aci::money::cents_text;
/// assert_eq!(cents_text(Decimal::new(75000, 0)), "75000.00");
/// assert_eq!(cents_text(Decimal::new(125, 1)), "12.50");
/// assert_eq!(cents_text(Decimal::new(12500, 3)), "12.50");
/// assert_eq!(cents_text(Decimal::ZERO), "0.00");
/// assert_eq!(cents_text(Decimal::new(-5, 2)), "-0.05");
/// assert_eq!(cents_text(Decimal::MAX), "79228162514264337593543950335.00");
/// ```
pub fn cents_text(amount: Decimal) -> String {
    match Cents::of(amount) {
        Some(cents) => cents.as_str().to_owned(),
        None => finer_than_cents_text(amount),
    }
}

/// An amount that is a whole number of cents, written with two decimals in a buffer of its
/// own: what [`cents_text`] writes, without allocating (serialising the amounts of a batch
/// writes thousands).
struct Cents {
    /// The text, right-aligned: the largest `Decimal` in cents has 31 digits, a sign, a
    /// point.
    buf: [u8; 34],
    start: usize,
}

impl Cents {
    /// The amount's text, when it is a whole number of cents.
    fn of(amount: Decimal) -> Option<Cents> {
        let amount = if amount.scale() <= 2 {
            amount
        } else {
            amount.normalize()
        };
        let scale = amount.scale();
        if scale > 2 {
            return None;
        }
        // |mantissa| < 2^96, so at most 2^96 × 100 < 2^103: no overflow in i128.
        let cents = amount.mantissa() * 10i128.pow(2 - scale);
        let mut text = Cents {
            buf: [0u8; 34],
            start: 34,
        };
        let mut rest = cents.unsigned_abs();
        let mut written = 0;
        // Divisions of a u128 are slow: they are used only down to what fits a u64.
        // (`% 10` is below 10: each cast keeps the digit exactly.)
        while rest > u128::from(u64::MAX) {
            text.digit((rest % 10) as u8, &mut written);
            rest /= 10;
        }
        let mut rest = u64::try_from(rest).unwrap_or(u64::MAX);
        loop {
            text.digit((rest % 10) as u8, &mut written);
            rest /= 10;
            if rest == 0 && written >= 3 {
                break;
            }
        }
        if cents < 0 {
            text.push(b'-');
        }
        Some(text)
    }

    /// Writes `byte` before the text written so far.
    fn push(&mut self, byte: u8) {
        self.start -= 1;
        self.buf[self.start] = byte;
    }

    /// Writes the digit `d` (0 to 9) before the `written` digits so far, and the decimal
    /// point before the third from the right.
    fn digit(&mut self, d: u8, written: &mut u32) {
        if *written == 2 {
            self.push(b'.');
        }
        self.push(b'0' + d);
        *written += 1;
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits, a point and a sign were written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("")
    }
}

/// [`cents_text`] of an amount finer than the cent: its own digits.
fn finer_than_cents_text(amount: Decimal) -> String {
    let amount = if amount.is_zero() {
        Decimal::ZERO
    } else {
        amount.normalize()
    };
    let text = amount.to_string();
    match text.split_once('.') {
        None => format!("{text}.00"),
        Some((_, frac)) if frac.len() == 1 => format!("{text}0"),
        Some(_) => text,
    }
}

/// Serde for money: read as [`decimal_string`] (a string, never a number), written with two
/// decimals ([`cents_text`]). Every amount in euros the library reads or writes uses it.
pub mod cents {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Writes the amount with two decimals.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        match super::Cents::of(*value) {
            Some(cents) => s.serialize_str(cents.as_str()),
            None => s.serialize_str(&super::cents_text(*value)),
        }
    }

    /// Reads an amount from a string, refusing numbers.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        super::decimal_string::deserialize(d)
    }
}

/// [`cents`] for optional amounts (`null` or absent: `None`).
pub mod cents_option {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Writes the amount with two decimals, or null.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::cents::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional amount from a string or null, refusing numbers.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::decimal_string_option::deserialize(d)
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
            // Only the documented form `-?[0-9]+(\.[0-9]+)?`: no `+`, exponent, spaces or
            // bare point (the decimal parser alone would take `"+60000"`).
            let digits = v.strip_prefix('-').unwrap_or(v);
            let (whole, frac) = digits.split_once('.').unwrap_or((digits, "1"));
            let documented = !whole.is_empty()
                && !frac.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit());
            let shown = crate::identifiers::shown_value(v);
            if !documented {
                return Err(E::invalid_value(de::Unexpected::Str(&shown), &self));
            }
            Decimal::from_str_exact(v).map_err(|_| {
                E::custom(crate::messages::Refusal::rule(
                    crate::messages::rules::too_many_digits(&shown),
                ))
            })
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
