//! Numbers, money and dates outside the browser (native tests and tools),
//! where there is no `Intl`: digits grouped as the locale groups them,
//! money as currency code and amount, dates as ISO 8601. The browser build
//! uses `format.rs`, through `Intl`.

use super::Locale;
use crate::domain::date::Date;

/// A whole number grouped in thousands as the locale writes it.
fn grouped(locale: Locale, value: u64) -> String {
    let separator = locale.number_style().group[0];
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

pub fn number(locale: Locale, value: impl Into<f64>) -> String {
    let value = value.into();
    if value.fract() == 0.0 && value >= 0.0 {
        return grouped(locale, value as u64);
    }
    value.to_string()
}

/// "USD 1,234.50"; `minor` is in hundredths.
pub fn money(locale: Locale, minor: i64, currency: &str) -> String {
    let decimal = locale.number_style().decimal;
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{currency} {}{decimal}{:02}", grouped(locale, abs / 100), abs % 100)
}

pub fn date(_locale: Locale, date: Date) -> String {
    date.to_string()
}
