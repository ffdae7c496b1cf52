//! The audit log: who changed what, when, from what to what, with what outcome.
//!
//! An entry holds its action typed ([`AuditAction`]); the document stores it
//! as it always has, an `action` code and `oldValue`, `newValue` and
//! `outcome` strings ([`StoredEntry`]), so documents written by older builds
//! and by this one are the same JSON.

use super::audit_action::{AuditAction, StoredAction};
use super::customer::BillingCycle;
use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::domain::ids::{CustomerId, OfferId, SubscriptionId, UserId};
use serde::{Deserialize, Serialize};

/// An audit entry: who, when, which customer and subscription, and what
/// happened. It is kept as the document stores it (its JSON fields, in their
/// order), so loading and saving a workspace never parse or write an action:
/// the typed action is read when an entry is shown ([`AuditEntry::action`]).
/// Reading never fails: what this build cannot read is
/// [`AuditAction::Unknown`], its values kept as they were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    /// The action's code (`order_placed`).
    #[serde(rename = "action")]
    code: String,
    #[serde(default)]
    pub customer_id: Option<CustomerId>,
    #[serde(default)]
    pub subscription_id: Option<SubscriptionId>,
    #[serde(default)]
    old_value: Option<String>,
    #[serde(default)]
    new_value: Option<String>,
    outcome: String,
}

impl AuditEntry {
    /// An entry for `action` by `actor` at `at`; the customer and the
    /// subscription it concerns are added by the builder methods below.
    pub fn new(at: Timestamp, actor: &str, action: AuditAction) -> AuditEntry {
        let StoredAction { code, old, new, outcome } = action.stored();
        AuditEntry {
            at: at.to_rfc3339(),
            actor: actor.to_string(),
            code,
            customer_id: None,
            subscription_id: None,
            old_value: old,
            new_value: new,
            outcome,
        }
    }

    pub fn customer(mut self, id: &CustomerId) -> AuditEntry {
        self.customer_id = Some(id.clone());
        self
    }

    pub fn subscription(mut self, id: &SubscriptionId) -> AuditEntry {
        self.subscription_id = Some(id.clone());
        self
    }

    /// What happened, with its values (and the order it is part of).
    pub fn action(&self) -> AuditAction {
        AuditAction::read(StoredAction {
            code: self.code.clone(),
            old: self.old_value.clone(),
            new: self.new_value.clone(),
            outcome: self.outcome.clone(),
        })
    }

    /// The action's code as stored (`order_placed`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The stored old value (`oldValue`), as the document and the CSV write it.
    pub fn old_value(&self) -> Option<&str> {
        self.old_value.as_deref()
    }

    /// The stored new value (`newValue`), as the document and the CSV write it.
    pub fn new_value(&self) -> Option<&str> {
        self.new_value.as_deref()
    }

    /// The order the entry is part of, read off its stored outcome (the
    /// action is not parsed for it).
    pub fn order(&self) -> Option<&str> {
        super::Outcome::read(&self.outcome).order()
    }

    /// The stored outcome (`saved`, `ord-1002 provisioning`...).
    pub fn outcome(&self) -> &str {
        &self.outcome
    }

    /// The same entry with other stored values, as a document written by
    /// hand or by another build could hold them.
    pub fn with_values(mut self, old: Option<String>, new: Option<String>) -> AuditEntry {
        (self.old_value, self.new_value) = (old, new);
        self
    }
}

/// An offer and a licence count (and billing), as audit values write them:
/// "o365-e3 × 25 (monthly)", or "o365-e3 × 25" for a subscription created.
/// One writer and one reader, so the log can be read back as sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub offer_id: OfferId,
    pub quantity: u32,
    pub billing: Option<BillingCycle>,
}

impl Item {
    pub fn write(&self) -> String {
        match self.billing {
            Some(cycle) => format!("{} × {} ({})", self.offer_id, self.quantity, cycle.as_str()),
            None => format!("{} × {}", self.offer_id, self.quantity),
        }
    }

    pub fn read(text: &str) -> Option<Item> {
        let (offer_id, rest) = text.split_once(" × ")?;
        let (quantity, billing) = match rest.split_once(" (") {
            Some((quantity, cycle)) => {
                (quantity, Some(BillingCycle::parse(cycle.strip_suffix(')')?)?))
            }
            None => (rest, None),
        };
        Some(Item { offer_id: offer_id.into(), quantity: quantity.parse().ok()?, billing })
    }
}

/// Users as audit values write them: their ids, joined by ", ".
pub fn write_users(ids: &[UserId]) -> String {
    ids.iter().map(UserId::as_str).collect::<Vec<_>>().join(", ")
}

pub fn read_users(text: &str) -> Vec<&str> {
    text.split(", ").filter(|s| !s.is_empty()).collect()
}

/// A subscription's period, as audit values write it: `2026-12-01/2027-01-01`
/// (ISO 8601, the end exclusive as in the document).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    /// Exclusive: the first day of the next period.
    pub end: Date,
}

impl Period {
    pub fn write(&self) -> String {
        format!("{}/{}", self.start, self.end)
    }

    pub fn read(text: &str) -> Option<Period> {
        let (start, end) = text.split_once('/')?;
        Some(Period { start: Date::parse(start)?, end: Date::parse(end)? })
    }

    /// Its first and last day, as the pages show a period.
    pub fn days_shown(&self) -> (Date, Date) {
        (self.start, self.end.add_days(-1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn items_read_back(offer in "[a-z0-9-]{1,20}", quantity in 1u32..=1_000_000, billing in prop::option::of(prop::sample::select(BillingCycle::ALL.to_vec()))) {
            let item = Item { offer_id: offer.into(), quantity, billing };
            prop_assert_eq!(Item::read(&item.write()), Some(item));
        }
    }

    #[test]
    fn periods_read_back() {
        let d = |text| Date::parse(text).unwrap();
        let period = Period { start: d("2026-12-01"), end: d("2027-01-01") };
        assert_eq!(period.write(), "2026-12-01/2027-01-01");
        assert_eq!(Period::read(&period.write()), Some(period));
        assert_eq!(Period::read("2026-12-01"), None);
    }
}
