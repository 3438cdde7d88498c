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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
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
