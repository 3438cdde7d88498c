//! Calendar arithmetic shared by the rules: adding months to a date.
//!
//! The law counts many delays in months (two months for the tacit validation of a projet
//! de santé, 6 to 24 months for the mission deadlines, five years for a contract). No text
//! found says how to add months to a date that has no counterpart in the target month
//! (31 August + 6 months). **Library convention** ([`MonthArithmetic::ClampToEndOfMonth`]):
//! the result is the same day of the target month, or the last day of that month when it
//! is shorter (31 August + 6 months = 28 or 29 February). This is the behaviour of
//! [`chrono::NaiveDate::checked_add_months`].

use chrono::{Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How months are added to a date (a library convention, see the module docs).
///
/// JSON: `"clamp_to_end_of_month"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MonthArithmetic {
    /// Same day of the target month, or its last day when the month is shorter.
    #[default]
    ClampToEndOfMonth,
}

impl MonthArithmetic {
    /// `date` plus `months` months, or `None` when the result is out of chrono's range.
    pub fn add_months(self, date: NaiveDate, months: u32) -> Option<NaiveDate> {
        match self {
            MonthArithmetic::ClampToEndOfMonth => date.checked_add_months(Months::new(months)),
        }
    }
}

/// Reads a date written exactly as this library writes dates: `YYYY-MM-DD` (four-digit year,
/// two-digit month and day, nothing around them; a year beyond 9999 or before 0 carries its
/// sign, `+10000-01-01`). chrono alone would also take `2026-1-1`, `+2026-01-01` or
/// `" 2026-01-01 "`; here they are refused, so that what the API accepts is what it writes.
/// Every date field of the JSON inputs is read with it (`#[serde(deserialize_with)]`).
pub(crate) fn date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// [`date`] for an optional date (`null` or absent: `None`).
pub(crate) fn optional_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(OptionalDateVisitor)
}

/// The date in `text`, when `text` is a date written as this library writes it
/// (`YYYY-MM-DD`, the form every date field of the JSON inputs is read with); else the
/// rule broken, in French and English.
///
/// ```
/// use cpts_core::calendar::parse_date;
/// assert_eq!(parse_date("2026-12-01").unwrap().to_string(), "2026-12-01");
/// assert!(parse_date("2026-2-30").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, crate::messages::Bilingual> {
    let shown = crate::identifiers::shown_value(text);
    let wrong_form = || crate::messages::rules::date_form(&shown);
    // The form first (chrono's parser is lenient), then the calendar: `YYYY-MM-DD`, or a
    // sign and at least four digits of year (chrono's form for the years outside 0–9999).
    let b = text.as_bytes();
    let signed = matches!(b.first(), Some(b'+' | b'-'));
    let year_digits = b.len().saturating_sub(6 + usize::from(signed));
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let start = usize::from(signed);
    let dash = start + year_digits;
    let formed = (year_digits == 4 || (signed && year_digits > 4))
        && digits(start..dash)
        && b.get(dash) == Some(&b'-')
        && digits(dash + 1..dash + 3)
        && b.get(dash + 3) == Some(&b'-')
        && digits(dash + 4..dash + 6);
    if !formed {
        return Err(wrong_form());
    }
    // The calendar, by hand (chrono's parser weighed on the npm package's wasm): a year,
    // month or day that does not exist is what chrono calls « input is out of range ».
    let number = |r: std::ops::Range<usize>| text.get(r).and_then(|t| t.parse::<i64>().ok());
    let date = number(0..dash)
        .and_then(|y| i32::try_from(y).ok())
        .zip(number(dash + 1..dash + 3).zip(number(dash + 4..dash + 6)))
        .and_then(|(y, (m, d))| {
            NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
        });
    match date {
        // Unsigned four-digit years are written so; a signed year only as chrono writes it
        // (`+10000-01-01`, `-0001-12-31`, not `+2026-01-01`).
        Some(date) if !signed || date.to_string() == text => Ok(date),
        Some(_) => Err(wrong_form()),
        None => Err(crate::messages::rules::not_a_date(
            &shown,
            "input is out of range",
        )),
    }
}

struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a calendar date written YYYY-MM-DD")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse_date(v).map_err(|said| E::custom(crate::messages::Refusal::rule(said)))
    }
}

struct OptionalDateVisitor;

impl<'de> serde::de::Visitor<'de> for OptionalDateVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("null or a calendar date written YYYY-MM-DD")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        date(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_read_in_the_form_they_are_written() {
        assert_eq!(parse_date("2026-03-01"), Ok(d(2026, 3, 1)));
        assert_eq!(parse_date("+10000-01-01"), Ok(d(10000, 1, 1)));
        assert_eq!(parse_date("-0001-12-31"), Ok(d(-1, 12, 31)));
        for lax in [
            "2026-1-1",
            "2026-01-1",
            "+2026-01-01",
            " 2026-01-01",
            "2026-01-01 ",
            "2026 -01-01",
            "10000-01-01",
            "02026-01-01",
            "2026/01/01",
            "2026-01",
            "",
            "20260101",
        ] {
            let e = parse_date(lax).unwrap_err();
            assert!(
                e.en()
                    .starts_with("expected a calendar date written YYYY-MM-DD")
                    && e.fr().starts_with("attendu une date écrite AAAA-MM-JJ"),
                "{lax}: {e}"
            );
        }
        // The form is right, the calendar is not: chrono's reason.
        let e = parse_date("2026-02-30").unwrap_err();
        assert_eq!(
            e.en(),
            "\"2026-02-30\" is not a calendar date (input is out of range)"
        );
        assert_eq!(
            e.fr(),
            "\"2026-02-30\" n'est pas une date du calendrier (ce jour n'existe pas)"
        );
        // Every date chrono writes is read back.
        for date in [NaiveDate::MIN, NaiveDate::MAX, d(0, 1, 1), d(9999, 12, 31)] {
            assert_eq!(parse_date(&date.to_string()), Ok(date));
        }
    }

    proptest::proptest! {
        /// The reading by hand says what chrono's parser says, on dates of the right form
        /// with any digits (months and days out of range, years signed or not), and
        /// `date_fr` writes what chrono's `%d/%m/%Y` writes.
        #[test]
        fn reads_and_writes_dates_as_chrono(
            sign in proptest::sample::select(vec!["", "+", "-"]),
            year in 0u32..300_000,
            month in 0u32..100,
            day in 0u32..100,
        ) {
            let year = if sign.is_empty() { year % 10_000 } else { year };
            let width = if sign.is_empty() { 4 } else { 4.max(year.to_string().len()) };
            let text = format!("{sign}{year:0width$}-{month:02}-{day:02}");
            let ours = parse_date(&text);
            match text.parse::<NaiveDate>() {
                Ok(date) if sign.is_empty() || date.to_string() == text => {
                    proptest::prop_assert_eq!(ours.clone(), Ok(date));
                    proptest::prop_assert_eq!(
                        crate::messages::date_fr(date),
                        date.format("%d/%m/%Y").to_string()
                    );
                }
                Ok(_) => proptest::prop_assert!(ours.is_err()),
                Err(e) => proptest::prop_assert_eq!(
                    ours.unwrap_err(),
                    crate::messages::rules::not_a_date(&text, &e.to_string())
                ),
            }
        }
    }

    #[test]
    fn clamps_to_the_end_of_a_shorter_month() {
        let m = MonthArithmetic::ClampToEndOfMonth;
        // 31 Aug 2023 + 6 months: February 2024 has 29 days.
        assert_eq!(m.add_months(d(2023, 8, 31), 6), Some(d(2024, 2, 29)));
        // 31 Aug 2022 + 6 months: February 2023 has 28 days.
        assert_eq!(m.add_months(d(2022, 8, 31), 6), Some(d(2023, 2, 28)));
        // An ordinary day keeps its number.
        assert_eq!(m.add_months(d(2022, 1, 15), 2), Some(d(2022, 3, 15)));
        // Overflow is reported, not a panic.
        assert_eq!(m.add_months(NaiveDate::MAX, 1), None);
    }
}
