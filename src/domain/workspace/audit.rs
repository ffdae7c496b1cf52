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

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "StoredEntry")]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub customer_id: Option<CustomerId>,
    pub subscription_id: Option<SubscriptionId>,
    /// What happened, with its values (and the order it is part of).
    pub action: AuditAction,
}

impl AuditEntry {
    /// An entry for `action` by `actor` at `at`; the customer and the
    /// subscription it concerns are added by the builder methods below.
    pub fn new(at: Timestamp, actor: &str, action: AuditAction) -> AuditEntry {
        AuditEntry {
            at: at.to_rfc3339(),
            actor: actor.to_string(),
            customer_id: None,
            subscription_id: None,
            action,
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

    /// The action's code as stored (`order_placed`).
    pub fn code(&self) -> &str {
        self.action.code()
    }

    /// The stored old value (`oldValue`), as the document and the CSV write it.
    pub fn old_value(&self) -> Option<String> {
        self.action.stored().old
    }

    /// The stored new value (`newValue`), as the document and the CSV write it.
    pub fn new_value(&self) -> Option<String> {
        self.action.stored().new
    }

    /// The entry as the document stores it.
    pub fn stored(&self) -> StoredEntry {
        let StoredAction { code, old, new, outcome } = self.action.stored();
        StoredEntry {
            at: self.at.clone(),
            actor: self.actor.clone(),
            action: code,
            customer_id: self.customer_id.clone(),
            subscription_id: self.subscription_id.clone(),
            old_value: old,
            new_value: new,
            outcome,
        }
    }
}

impl Serialize for AuditEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.stored().serialize(serializer)
    }
}

/// An audit entry as the workspace document stores it (its JSON fields, in
/// their order). Reading one never fails on its action or values: what this
/// build cannot read becomes [`AuditAction::Unknown`], kept as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    #[serde(default)]
    pub customer_id: Option<CustomerId>,
    #[serde(default)]
    pub subscription_id: Option<SubscriptionId>,
    #[serde(default)]
    pub old_value: Option<String>,
    #[serde(default)]
    pub new_value: Option<String>,
    pub outcome: String,
}

impl From<StoredEntry> for AuditEntry {
    fn from(stored: StoredEntry) -> AuditEntry {
        let StoredEntry {
            at,
            actor,
            action,
            customer_id,
            subscription_id,
            old_value,
            new_value,
            outcome,
        } = stored;
        let action = AuditAction::read(StoredAction {
            code: action,
            old: old_value,
            new: new_value,
            outcome,
        });
        AuditEntry { at, actor, customer_id, subscription_id, action }
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
