//! The audit log: who changed what, when, from what to what, with what outcome.

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
