//! The audit log: who changed what, when, from what to what, with what outcome.

use super::customer::BillingCycle;
use crate::domain::clock::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub subscription_id: Option<String>,
    #[serde(default)]
    pub old_value: Option<String>,
    #[serde(default)]
    pub new_value: Option<String>,
    pub outcome: String,
}

impl AuditEntry {
    /// An entry for `action` by `actor` at `at`; the rest is added by the
    /// builder methods below.
    pub fn new(at: Timestamp, actor: &str, action: &str) -> AuditEntry {
        AuditEntry {
            at: at.to_rfc3339(),
            actor: actor.to_string(),
            action: action.to_string(),
            customer_id: None,
            subscription_id: None,
            old_value: None,
            new_value: None,
            outcome: "saved".into(),
        }
    }

    pub fn customer(mut self, id: &str) -> AuditEntry {
        self.customer_id = Some(id.to_string());
        self
    }

    pub fn subscription(mut self, id: &str) -> AuditEntry {
        self.subscription_id = Some(id.to_string());
        self
    }

    pub fn change(mut self, old: Option<String>, new: Option<String>) -> AuditEntry {
        self.old_value = old;
        self.new_value = new;
        self
    }

    pub fn outcome(mut self, outcome: impl Into<String>) -> AuditEntry {
        self.outcome = outcome.into();
        self
    }
}

/// An offer and a licence count (and billing), as audit values write them:
/// "o365-e3 × 25 (monthly)", or "o365-e3 × 25" for a subscription created.
/// One writer and one reader, so the log can be read back as sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub offer_id: String,
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
        Some(Item { offer_id: offer_id.to_string(), quantity: quantity.parse().ok()?, billing })
    }
}

/// Users as audit values write them: their ids, joined by ", ".
pub fn write_users(ids: &[String]) -> String {
    ids.join(", ")
}

pub fn read_users(text: &str) -> Vec<&str> {
    text.split(", ").filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn items_read_back(offer in "[a-z0-9-]{1,20}", quantity in 1u32..=1_000_000, billing in prop::option::of(prop::sample::select(BillingCycle::ALL.to_vec()))) {
            let item = Item { offer_id: offer, quantity, billing };
            prop_assert_eq!(Item::read(&item.write()), Some(item));
        }
    }
}
