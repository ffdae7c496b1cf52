//! Reading Partner Center's JSON as the API and the PowerShell module write
//! it: field names in either case (`companyProfile`, `CompanyProfile`), enum
//! values in any case (`Annual`), numbers as numbers or strings, dates with or
//! without a time and fractions of a second. A required field that is
//! missing or malformed is a [`Problem`] named by its path.

use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::store::problem::{Expected, Found, Problem, Reason};
use serde_json::Value;

/// A value and where it is in its file (`items[2].companyProfile`).
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub value: &'a Value,
    pub path: &'a str,
}

pub type Read<T> = Result<T, Problem>;

/// `name` of the object at `at`, matched exactly, else in any case; `None`
/// when absent or null.
pub fn get<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    let object = value.as_object()?;
    let found = object
        .get(name)
        .or_else(|| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))?;
    (!found.is_null()).then_some(found)
}

pub fn path(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_string()
    } else {
        format!("{at}.{name}")
    }
}

fn wrong(path: String, expected: Expected, found: &Value) -> Problem {
    let found = match found {
        Value::Object(_) => Found::Object,
        Value::Array(_) => Found::List,
        Value::Null => Found::Null,
        Value::String(s) => Found::Value(format!("\"{s}\"")),
        other => Found::Value(other.to_string()),
    };
    Problem::invalid(path, Reason::WrongValue { expected, found })
}

fn required<'a>(at: At<'a>, name: &str) -> Read<&'a Value> {
    get(at.value, name).ok_or_else(|| Problem::invalid(path(at.path, name), Reason::Missing))
}

/// Text, required and not blank.
pub fn text(at: At, name: &str) -> Read<String> {
    let value = required(at, name)?;
    match value.as_str().map(str::trim) {
        Some("") => Err(Problem::invalid(path(at.path, name), Reason::Empty)),
        Some(text) => Ok(text.to_string()),
        None => Err(wrong(path(at.path, name), Expected::Text, value)),
    }
}

/// Text when present and not blank.
pub fn optional_text(at: At, name: &str) -> Read<Option<String>> {
    match get(at.value, name) {
        None => Ok(None),
        Some(_) => text(at, name).map(Some).or_else(|p| match p.reason {
            Reason::Empty => Ok(None),
            _ => Err(p),
        }),
    }
}

/// A whole number of 0 or more, written as a number or as a string of digits.
pub fn count(at: At, name: &str) -> Read<u32> {
    let value = required(at, name)?;
    let number = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    number
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| wrong(path(at.path, name), Expected::WholeNumber, value))
}

/// `true`/`false`, or the same as text in any case.
pub fn flag(at: At, name: &str) -> Read<bool> {
    let value = required(at, name)?;
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(wrong(path(at.path, name), Expected::TrueOrFalse, value)),
    }
}

/// An enum value, lower-cased; `allowed` (lower case) names what is read.
pub fn choice(at: At, name: &str, allowed: &[&str]) -> Read<String> {
    let value = required(at, name)?;
    let text = value.as_str().map(|s| s.trim().to_ascii_lowercase());
    match text {
        Some(text) if allowed.contains(&text.as_str()) => Ok(text),
        _ => {
            let expected = Expected::OneOf(allowed.iter().map(|s| s.to_string()).collect());
            Err(wrong(path(at.path, name), expected, value))
        }
    }
}

/// The day of a date (`2026-03-01`) or of an instant (`2026-03-01T00:00:00.1234567Z`).
pub fn date(at: At, name: &str) -> Read<Date> {
    let value = required(at, name)?;
    value
        .as_str()
        .and_then(|s| Date::parse(s.trim().get(..10)?))
        .filter(|d| Date::YEARS.contains(&d.year()))
        .ok_or_else(|| wrong(path(at.path, name), Expected::Date, value))
}

/// An instant in UTC (`Z` or `+00:00`), any fraction of a second kept to the millisecond.
pub fn instant(at: At, name: &str) -> Read<Timestamp> {
    let value = required(at, name)?;
    value
        .as_str()
        .and_then(|s| parse_instant(s.trim()))
        .ok_or_else(|| wrong(path(at.path, name), Expected::Date, value))
}

fn parse_instant(text: &str) -> Option<Timestamp> {
    let text = text.strip_suffix("+00:00").map_or(text.to_string(), |t| format!("{t}Z"));
    let body = text.strip_suffix('Z')?;
    let (seconds, fraction) = body.split_once('.').unwrap_or((body, ""));
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis: String = fraction.chars().chain("000".chars()).take(3).collect();
    Timestamp::parse(&format!("{seconds}.{millis}Z"))
}

/// The object at `name`, when present.
pub fn object<'a>(at: At<'a>, name: &str) -> Read<Option<&'a Value>> {
    match get(at.value, name) {
        None => Ok(None),
        Some(value) if value.is_object() => Ok(Some(value)),
        Some(value) => Err(wrong(path(at.path, name), Expected::Object, value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_read_as_the_api_and_powershell_write_them() {
        let v = json!({ "Quantity": "12", "autoRenewEnabled": "True", "billingCycle": "Annual",
            "start": "2026-03-01T00:00:00.1234567Z", "end": "2026-03-01", "at": "2026-11-18T10:00:00+00:00" });
        let at = At { value: &v, path: "items[0]" };
        assert_eq!(count(at, "quantity"), Ok(12));
        assert_eq!(flag(at, "autoRenewEnabled"), Ok(true));
        assert_eq!(choice(at, "billingCycle", &["monthly", "annual"]), Ok("annual".into()));
        assert_eq!(date(at, "start").unwrap().to_string(), "2026-03-01");
        assert_eq!(date(at, "end").unwrap().to_string(), "2026-03-01");
        assert_eq!(instant(at, "start").unwrap().to_rfc3339(), "2026-03-01T00:00:00.123Z");
        assert_eq!(instant(at, "at").unwrap().to_rfc3339(), "2026-11-18T10:00:00.000Z");
        let missing = text(at, "friendlyName").unwrap_err();
        assert_eq!(
            (missing.path.as_str(), missing.reason),
            ("items[0].friendlyName", Reason::Missing)
        );
        let bad =
            count(At { value: &json!({ "quantity": -3 }), path: "" }, "quantity").unwrap_err();
        assert_eq!(bad.path, "quantity");
    }
}
