//! Calendar dates as the workspace writes them (`YYYY-MM-DD`), with the day
//! arithmetic the rules need. No clock here: "today" always comes in as a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::{Month, Weekday};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day).ok().map(Date)
    }

    /// Dates outside these years are refused, so that adding a period or a
    /// few business days can never leave the calendar's range.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

    /// Parses exactly `YYYY-MM-DD` within [`Date::YEARS`]; anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let year = digits(0..4)? as i32;
        if !Date::YEARS.contains(&year) {
            return None;
        }
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        Date::from_ymd(year, month, day)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        i64::from(other.0.to_julian_day() - self.0.to_julian_day())
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0 + time::Duration::days(days))
    }

    /// The same day `months` later, clamped to the end of a shorter month.
    pub fn add_months(self, months: u32) -> Date {
        self.add_months_on_day(months, self.day())
    }

    /// Day `day` of the month `months` after this date's month, clamped to
    /// the end of a shorter month: a period anchored on the 31st ends on
    /// Feb 28 (29), then on Mar 31 again, where [`Date::add_months`] from
    /// Feb 28 would drift to Mar 28.
    pub fn add_months_on_day(self, months: u32, day: u8) -> Date {
        let total = self.0.month() as i32 - 1 + months as i32;
        let year = self.0.year() + total.div_euclid(12);
        let month = Month::try_from((total.rem_euclid(12) + 1) as u8).expect("month in 1..=12");
        let last = month.length(year);
        Date(time::Date::from_calendar_date(year, month, day.clamp(1, last)).expect("valid day"))
    }

    /// Whether this is the last day of its month.
    pub fn is_last_of_month(self) -> bool {
        self.0.day() == self.0.month().length(self.0.year())
    }

    pub fn is_weekend(self) -> bool {
        matches!(self.0.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// The date `days` business days after `self`, skipping Saturdays and Sundays.
    pub fn add_business_days(self, days: u32) -> Date {
        let mut date = self;
        let mut left = days;
        while left > 0 {
            date = date.add_days(1);
            if !date.is_weekend() {
                left -= 1;
            }
        }
        date
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Read from the text in place, without a String per date.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).ok_or_else(|| {
                    E::custom(format!(
                        "\"{text}\" is not a date of the form YYYY-MM-DD between 1900 and 2999"
                    ))
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn parses_only_iso_dates() {
        assert_eq!(d("2026-11-21").to_string(), "2026-11-21");
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-11-21",
            "2026/11/21",
            "2026-11-2x",
            "",
            "9999-12-31",
            "0001-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(d("2026-11-01").days_until(d("2026-12-01")), 30);
        assert_eq!(d("2026-12-01").days_until(d("2026-11-21")), -10);
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2026-11-21").add_months(12), d("2027-11-21"));
        assert_eq!(d("2027-02-28").add_months_on_day(1, 31), d("2027-03-31"));
        assert_eq!(d("2027-03-31").add_months_on_day(11, 31), d("2028-02-29"));
        assert!(d("2028-02-29").is_last_of_month() && !d("2027-02-27").is_last_of_month());
    }

    #[test]
    fn business_days_skip_weekends() {
        // 2026-11-20 is a Friday.
        assert_eq!(d("2026-11-20").add_business_days(2), d("2026-11-24"));
        assert_eq!(d("2026-11-21").add_business_days(2), d("2026-11-24"));
        assert_eq!(d("2026-11-23").add_business_days(2), d("2026-11-25"));
    }
}
