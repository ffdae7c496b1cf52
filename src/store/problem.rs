//! What is wrong with a stored or imported document: where (a path such as
//! `customers[0].subscriptions[2].quantity`) and why, as a structured reason
//! that reads as a plain sentence (no parser jargon) and that a translation
//! can render in the partner's language.

use std::fmt;

/// At most this many problems are reported for one document: enough to fix a
/// file in one go, few enough to read.
pub const MAX_PROBLEMS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON at all.
    NotJson,
    /// JSON, but not a workspace document.
    WrongFormat,
    /// Written by a newer version of the app.
    NewerVersion,
    /// A workspace document with a field that is missing, mistyped or inconsistent.
    Invalid,
}

/// What a field held instead: a value as written, or a kind of value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A number, or text in quotes, exactly as the file has it.
    Value(String),
    Object,
    List,
    Null,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Value(value) => write!(f, "{value}"),
            Found::Object => write!(f, "a group of fields"),
            Found::List => write!(f, "a list"),
            Found::Null => write!(f, "empty (null)"),
        }
    }
}

/// The kind of value a field holds, as a partner would name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    WholeNumber,
    TrueOrFalse,
    List,
    Object,
    Date,
    OneOf(Vec<String>),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Text => write!(f, "text"),
            Expected::WholeNumber => write!(f, "a whole number of 0 or more"),
            Expected::TrueOrFalse => write!(f, "true or false"),
            Expected::List => write!(f, "a list"),
            Expected::Object => write!(f, "a group of fields"),
            Expected::Date => write!(f, "a date written YYYY-MM-DD, between 1900 and 2999"),
            Expected::OneOf(values) => write!(f, "one of {}", values.join(", ")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The text is not JSON; `line` and `column` point at the first error.
    NotJson {
        line: usize,
        column: usize,
    },
    NotAWorkspace,
    NewerVersion {
        found: u64,
        known: u32,
    },
    VersionTooOld,
    Missing,
    UnknownField,
    WrongValue {
        expected: Expected,
        found: Found,
    },
    Empty,
    Duplicate {
        id: String,
    },
    UnknownOffer {
        id: String,
    },
    UnknownService {
        id: String,
    },
    UnknownSubscription {
        id: String,
    },
    UnknownCustomer {
        id: String,
    },
    NotAMarketCode {
        found: String,
    },
    EndsBeforeItStarts,
    AddonWithoutBase {
        offer: String,
    },
    BaseOfferAsAddon {
        offer: String,
    },
    ParentNotABase {
        id: String,
    },
    LicenceListedTwice {
        id: String,
    },
    QuantityBelowOne,
    QuantityAboveMax {
        max: u32,
        offer: String,
    },
    /// China is served by 21Vianet: `worldwide` with CN, or `china` elsewhere.
    CloudAndMarket {
        china_cloud: bool,
        market: String,
    },
    /// A new-commerce field on a legacy subscription.
    NceOnly,
    /// `triennial` billing on a legacy subscription.
    TriennialOnlyNce,
    NotSoldUnderNce {
        offer: String,
    },
    BillingNotOffered {
        term: String,
        billing: String,
    },
    /// `termEnd` is not the term's start plus its length.
    TermEndIs {
        expected: String,
    },
    /// The billing period is not one of the term's periods.
    PeriodOutsideTerm,
    BatchesDoNotSum {
        total: u64,
        quantity: u32,
    },
    /// Partner Center import: a usage-based or Azure subscription.
    UsageBased,
    /// Partner Center import: billed `none` or `one_time`, not a licence subscription.
    BillingNotImported {
        billing: String,
    },
    /// Partner Center import: the file (or item) is not a Customer, a
    /// Subscription or a collection of them.
    NotPartnerCenter,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotJson { line, column } => {
                write!(f, "this is not a JSON document (the first error is on line {line}, column {column})")
            }
            Reason::NotAWorkspace => write!(f, "this is not an Upgrade Center workspace"),
            Reason::NewerVersion { found, known } => {
                write!(f, "it was written by a newer version of Upgrade Center (version {found}; this one reads up to {known})")
            }
            Reason::VersionTooOld => write!(f, "document versions start at 1"),
            Reason::Missing => write!(f, "is missing"),
            Reason::UnknownField => write!(f, "is not a field Upgrade Center knows; remove it"),
            Reason::WrongValue { expected, found } => write!(f, "should be {expected}, but is {found}"),
            Reason::Empty => write!(f, "must not be empty"),
            Reason::Duplicate { id } => write!(f, "\"{id}\" is used twice; every id must be unique"),
            Reason::UnknownOffer { id } => write!(f, "\"{id}\" is not an offer in the catalog"),
            Reason::UnknownService { id } => write!(f, "\"{id}\" is not a service in the catalog"),
            Reason::UnknownSubscription { id } => write!(f, "there is no subscription \"{id}\" for this customer"),
            Reason::UnknownCustomer { id } => write!(f, "there is no customer \"{id}\""),
            Reason::NotAMarketCode { found } => write!(f, "\"{found}\" is not a two-letter market code such as US or IT"),
            Reason::EndsBeforeItStarts => write!(f, "the period must end after it starts"),
            Reason::AddonWithoutBase { offer } => write!(f, "the add-on \"{offer}\" needs the base subscription it belongs to"),
            Reason::BaseOfferAsAddon { offer } => write!(f, "\"{offer}\" is a base offer, so it cannot belong to another subscription"),
            Reason::ParentNotABase { id } => write!(f, "\"{id}\" is not a base subscription of this customer"),
            Reason::LicenceListedTwice { id } => write!(f, "the license of \"{id}\" is listed twice"),
            Reason::QuantityBelowOne => write!(f, "must be at least 1 license"),
            Reason::QuantityAboveMax { max, offer } => write!(f, "must be at most {max} licenses, the maximum of \"{offer}\""),
            Reason::CloudAndMarket { china_cloud: false, market } => write!(
                f,
                "market \"{market}\" is served by the Partner Center operated by 21Vianet, not by the worldwide cloud of this workspace"
            ),
            Reason::CloudAndMarket { china_cloud: true, market } => {
                write!(f, "the 21Vianet cloud serves only market CN, not \"{market}\"")
            }
            Reason::NceOnly => {
                write!(f, "only a new-commerce subscription (\"commerce\": \"nce\") has this field")
            }
            Reason::TriennialOnlyNce => {
                write!(f, "only a new-commerce subscription with a 3-year term is billed triennially")
            }
            Reason::NotSoldUnderNce { offer } => {
                write!(f, "\"{offer}\" is not sold under new commerce")
            }
            Reason::BillingNotOffered { term, billing } => {
                write!(f, "a {term} term is not sold billed \"{billing}\"")
            }
            Reason::TermEndIs { expected } => {
                write!(f, "must be {expected}, the term's start plus its length")
            }
            Reason::PeriodOutsideTerm => write!(
                f,
                "the billing period must be one of the term's: from the term's start, as long as \
                 the billing says"
            ),
            Reason::BatchesDoNotSum { total, quantity } => {
                write!(f, "the batches hold {total} licenses, but the quantity is {quantity}")
            }
            Reason::UsageBased => write!(
                f,
                "is a usage-based or Azure subscription; Upgrade Center imports license-based ones"
            ),
            Reason::BillingNotImported { billing } => write!(
                f,
                "is billed \"{billing}\"; only monthly, annual and triennial subscriptions are imported"
            ),
            Reason::NotPartnerCenter => write!(
                f,
                "is not Partner Center JSON: expected a Customer, a Subscription, or a collection of them (\"items\")"
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Where in the document; empty for the whole document.
    pub path: String,
    pub reason: Reason,
}

impl Problem {
    pub fn invalid(path: impl Into<String>, reason: Reason) -> Problem {
        Problem { kind: ProblemKind::Invalid, path: path.into(), reason }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

/// Every problem found in a document (at least one, at most [`MAX_PROBLEMS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problems {
    list: Vec<Problem>,
    /// More problems were found than are listed.
    pub truncated: bool,
}

impl Problems {
    /// `None` when `list` is empty: no problems, nothing to refuse.
    pub fn from_list(mut list: Vec<Problem>) -> Option<Problems> {
        if list.is_empty() {
            return None;
        }
        let truncated = list.len() > MAX_PROBLEMS;
        list.truncate(MAX_PROBLEMS);
        Some(Problems { list, truncated })
    }

    pub fn one(problem: Problem) -> Problems {
        Problems { list: vec![problem], truncated: false }
    }

    /// What is wrong with the document as a whole: the kind of the first problem.
    pub fn kind(&self) -> ProblemKind {
        self.list[0].kind
    }

    pub fn first(&self) -> &Problem {
        &self.list[0]
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.list.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Turns a serde error message into a plain reason. serde reports type and
/// value errors only as text, so this reads the few shapes it writes.
pub fn from_serde(message: &str) -> Reason {
    let message = crate::json_path::without_position(message);
    if message.starts_with("missing field") {
        return Reason::Missing;
    }
    if message.starts_with("unknown field") {
        return Reason::UnknownField;
    }
    if let Some(rest) = message.strip_prefix("unknown value \"") {
        // Our own enums: `unknown value "x", expected one of a, b`.
        if let Some((found, allowed)) = rest.split_once("\", expected one of ") {
            return Reason::WrongValue {
                expected: Expected::OneOf(allowed.split(", ").map(str::to_string).collect()),
                found: Found::Value(format!("\"{found}\"")),
            };
        }
    }
    if message.contains("is not a date") {
        let found = message
            .split('"')
            .nth(1)
            .map_or_else(|| Found::Value(String::new()), |d| Found::Value(format!("\"{d}\"")));
        return Reason::WrongValue { expected: Expected::Date, found };
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return Reason::WrongValue {
                    expected: expected_kind(expected),
                    found: plain_value(found),
                };
            }
        }
    }
    Reason::WrongValue { expected: Expected::Object, found: Found::Value(message.to_string()) }
}

fn expected_kind(serde_expected: &str) -> Expected {
    match serde_expected {
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => Expected::WholeNumber,
        "a string" => Expected::Text,
        "a boolean" => Expected::TrueOrFalse,
        "a sequence" => Expected::List,
        _ => Expected::Object,
    }
}

/// serde writes what it found as "integer `-5`", "string \"x\"", "map"...
fn plain_value(found: &str) -> Found {
    let quoted = |s: &str| s.split('`').nth(1).map(str::to_string);
    match found.split(' ').next() {
        Some("integer" | "floating" | "boolean") => {
            Found::Value(quoted(found).unwrap_or_else(|| found.to_string()))
        }
        Some("string") => Found::Value(found.trim_start_matches("string ").to_string()),
        Some("map") => Found::Object,
        Some("sequence") => Found::List,
        Some("null") => Found::Null,
        _ => Found::Value(found.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_plain_reasons() {
        assert_eq!(
            from_serde("invalid value: integer `-5`, expected u32 at line 1 column 833"),
            Reason::WrongValue {
                expected: Expected::WholeNumber,
                found: Found::Value("-5".into())
            }
        );
        assert_eq!(
            from_serde("invalid type: string \"many\", expected u32"),
            Reason::WrongValue {
                expected: Expected::WholeNumber,
                found: Found::Value("\"many\"".into())
            }
        );
        assert_eq!(from_serde("missing field `market`"), Reason::Missing);
        assert_eq!(
            from_serde("unknown field `colour`, expected one of `id`, `name`"),
            Reason::UnknownField
        );
        let status = from_serde("unknown value \"frozen\", expected one of active, suspended");
        assert_eq!(status.to_string(), "should be one of active, suspended, but is \"frozen\"");
        let reason = from_serde("invalid type: floating point `2.5`, expected u32").to_string();
        assert_eq!(reason, "should be a whole number of 0 or more, but is 2.5");
        assert!(!reason.contains("u32") && !reason.contains("line"));
    }
}
