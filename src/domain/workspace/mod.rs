//! The partner's workspace (docs/rules.md#workspace-document): customers,
//! their subscriptions and users, the cart and checkout, orders and the audit
//! log. Field names follow the JSON document exactly.

mod audit;
mod audit_action;
mod commerce;
mod customer;

pub use audit::{read_users, write_users, AuditEntry, Item, Period};
#[cfg(test)]
pub(crate) use audit_action::examples as audit_examples;
pub use audit_action::{AuditAction, AuditKind, OrderMove, Outcome, StoredAction};
pub use commerce::*;
pub use customer::*;

use super::catalog::Cloud;
use super::date::Date;
use super::string_enum::string_enum;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Workspace {
    pub format: String,
    pub version: u32,
    /// Bumped on every save; a tab holding an older revision may not overwrite.
    #[serde(default)]
    pub revision: u64,
    /// The simulated date; `None` means the real date.
    pub today: Option<Date>,
    pub partner: Partner,
    pub customers: Vec<Customer>,
    #[serde(default)]
    pub orders: Vec<Order>,
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    /// Upgrades chosen but not yet ordered.
    #[serde(default)]
    pub cart: Vec<CartLine>,
    /// The checkout in progress, shared by every tab: its order key makes
    /// Place order idempotent.
    #[serde(default)]
    pub checkout: Option<CheckoutDraft>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    pub cloud: Cloud,
    pub user: PartnerUser,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnerUser {
    pub name: String,
    pub email: String,
    pub role: Role,
}

string_enum! {
    pub enum Role {
        GlobalAdmin = "global_admin",
        UserManagementAdmin = "user_management_admin",
        AdminAgent = "admin_agent",
        SalesAgent = "sales_agent",
        HelpdeskAgent = "helpdesk_agent",
        BillingAdmin = "billing_admin",
    }
}

impl Role {
    /// Billing admins see everything and change nothing.
    pub fn can_act(self) -> bool {
        self != Role::BillingAdmin
    }
}

impl Workspace {
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    pub fn customer_mut(&mut self, id: &str) -> Option<&mut Customer> {
        self.customers.iter_mut().find(|c| c.id == id)
    }

    /// `Ok` when the signed-in role may change things, else the caller's
    /// `refused` error (billing admins see everything and change nothing).
    pub fn may_act<E>(&self, refused: E) -> Result<(), E> {
        if self.partner.user.role.can_act() {
            Ok(())
        } else {
            Err(refused)
        }
    }

    /// Whether an order of this customer is still in credit check or provisioning.
    pub fn has_pending_order(&self, customer_id: &str) -> bool {
        self.orders.iter().any(|o| o.customer_id == customer_id && o.status.is_pending())
    }
}
