//! Checks on the Sold to and Bill to details edited at checkout.

use super::workspace::{Address, BillTo};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Email,
    Address,
    City,
    PostalCode,
    Country,
}

impl Field {
    /// The field's name in element ids (`contact-1-PostalCode`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Email => "Email",
            Field::Address => "Address",
            Field::City => "City",
            Field::PostalCode => "PostalCode",
            Field::Country => "Country",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    NotAnEmail,
    NotACountryCode,
}

fn check(errors: &mut Vec<(Field, FieldError)>, field: Field, value: &str) {
    if value.trim().is_empty() {
        errors.push((field, FieldError::Required));
    }
}

fn check_place(
    errors: &mut Vec<(Field, FieldError)>,
    address: &[String],
    city: &str,
    postal: &str,
    country: &str,
) {
    check(errors, Field::Address, address.first().map_or("", String::as_str));
    check(errors, Field::City, city);
    check(errors, Field::PostalCode, postal);
    let country = country.trim();
    if country.is_empty() {
        errors.push((Field::Country, FieldError::Required));
    } else if !(country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())) {
        errors.push((Field::Country, FieldError::NotACountryCode));
    }
}

/// The details as they are kept: text trimmed, empty address lines dropped,
/// the country code upper-cased (docs/rules.md#checkout).
pub fn tidy_address(a: &Address) -> Address {
    Address {
        name: a.name.trim().to_string(),
        address: tidy_lines(&a.address),
        city: a.city.trim().to_string(),
        postal_code: a.postal_code.trim().to_string(),
        country: a.country.trim().to_uppercase(),
    }
}

pub fn tidy_bill_to(b: &BillTo) -> BillTo {
    BillTo {
        name: b.name.trim().to_string(),
        email: b.email.trim().to_string(),
        address: tidy_lines(&b.address),
        city: b.city.trim().to_string(),
        postal_code: b.postal_code.trim().to_string(),
        country: b.country.trim().to_uppercase(),
    }
}

/// What an edit of a contact changed, old and new, as the audit log keeps it:
/// only the details that differ, in the order the card shows them ("Contoso
/// Accounts, Seattle" to "Contoso AP, Redmond"). `None` when nothing did.
pub fn changed_details(old: &BillTo, new: &BillTo) -> Option<(String, String)> {
    let details = |b: &BillTo| {
        [
            b.name.clone(),
            b.email.clone(),
            b.address.join(", "),
            b.city.clone(),
            b.postal_code.clone(),
            b.country.clone(),
        ]
    };
    let (old, new) = (details(old), details(new));
    let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
    if changed.is_empty() {
        return None;
    }
    let join = |d: &[String; 6]| {
        changed
            .iter()
            .map(|&i| if d[i].is_empty() { "—" } else { d[i].as_str() })
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some((join(&old), join(&new)))
}

fn tidy_lines(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

pub fn validate_sold_to(a: &Address) -> Vec<(Field, FieldError)> {
    let mut errors = Vec::new();
    check(&mut errors, Field::Name, &a.name);
    check_place(&mut errors, &a.address, &a.city, &a.postal_code, &a.country);
    errors
}

pub fn validate_bill_to(b: &BillTo) -> Vec<(Field, FieldError)> {
    let mut errors = Vec::new();
    check(&mut errors, Field::Name, &b.name);
    let email = b.email.trim();
    if email.is_empty() {
        errors.push((Field::Email, FieldError::Required));
    } else if !is_email(email) {
        errors.push((Field::Email, FieldError::NotAnEmail));
    }
    check_place(&mut errors, &b.address, &b.city, &b.postal_code, &b.country);
    errors
}

/// One `@`, something before it, a dotted domain after it, no spaces.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !text.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// Countries that write the city before the postal code ("Seattle 98101");
/// most others, continental Europe's above all, write it after ("111 51
/// Stockholm", "20123 Milano").
const CITY_FIRST: &[&str] = &[
    "AU", "CA", "CN", "HK", "ID", "IE", "IN", "JP", "KR", "MY", "NZ", "PH", "SG", "TH", "TW", "US",
    "ZA",
];
/// Countries that give the postal code a line of its own, under the city.
const POSTAL_CODE_BELOW: &[&str] = &["GB", "IM", "JE", "GG"];

/// The address's line (or lines) with the city and the postal code, in the
/// order `country` (an ISO 3166 code, as stored) writes them.
pub fn place_lines(country: &str, city: &str, postal_code: &str) -> Vec<String> {
    let (city, postal_code) = (city.trim(), postal_code.trim());
    let country = country.trim().to_ascii_uppercase();
    if city.is_empty() || postal_code.is_empty() {
        return [city, postal_code]
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    }
    if POSTAL_CODE_BELOW.contains(&country.as_str()) {
        vec![city.to_string(), postal_code.to_string()]
    } else if CITY_FIRST.contains(&country.as_str()) {
        vec![format!("{city} {postal_code}")]
    } else {
        vec![format!("{postal_code} {city}")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bill_to() -> BillTo {
        BillTo {
            name: "Contoso Accounts".into(),
            email: "ap@contoso.example".into(),
            address: vec!["1 Main St".into()],
            city: "Seattle".into(),
            postal_code: "98101".into(),
            country: "US".into(),
        }
    }

    #[test]
    fn a_complete_bill_to_passes() {
        assert!(validate_bill_to(&bill_to()).is_empty());
    }

    #[test]
    fn each_problem_is_named_by_field() {
        let mut b = bill_to();
        b.name = "  ".into();
        b.email = "ap@contoso".into();
        b.country = "usa".into();
        b.address.clear();
        assert_eq!(
            validate_bill_to(&b),
            [
                (Field::Name, FieldError::Required),
                (Field::Email, FieldError::NotAnEmail),
                (Field::Address, FieldError::Required),
                (Field::Country, FieldError::NotACountryCode)
            ]
        );
        for bad in ["a b@c.d", "@c.d", "a@@c.d", "a@c..d", "plain"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
