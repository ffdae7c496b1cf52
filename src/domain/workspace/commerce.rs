//! The cart, the checkout in progress, and orders with their lines and events.

use super::customer::{Address, BillTo, BillingCycle};
use crate::domain::date::Date;
use crate::domain::ids::{CheckoutKey, CustomerId, OfferId, OrderId, SubscriptionId, UserId};
use crate::domain::string_enum::string_enum;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckoutDraft {
    pub key: CheckoutKey,
    pub customer_id: CustomerId,
    pub payment: PaymentMethod,
    pub sold_to: Address,
    pub bill_to: BillTo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CartLine {
    pub customer_id: CustomerId,
    /// The subscription upgraded; for a purchase, the one the manual upgrade replaces.
    pub source_subscription_id: SubscriptionId,
    pub target_offer_id: OfferId,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    /// A new subscription bought in the manual path, not an upgrade.
    #[serde(default)]
    pub purchase: bool,
    /// When the upgrade takes effect (docs/rules.md#upgrade-at-renewal).
    #[serde(default, skip_serializing_if = "UpgradeTiming::is_now")]
    pub timing: UpgradeTiming,
    /// A partial new-commerce upgrade: the users who move to the target
    /// (docs/rules.md#new-commerce).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved_users: Vec<UserId>,
}

string_enum! {
    /// When an upgrade takes effect: at once, with a credit for the unused
    /// days, or when the source's term ends, with nothing due before then.
    #[derive(Default)]
    pub enum UpgradeTiming {
        #[default]
        Now = "now",
        AtRenewal = "at_renewal",
    }
}

impl UpgradeTiming {
    pub fn is_now(&self) -> bool {
        *self == UpgradeTiming::Now
    }
}

string_enum! {
    pub enum OrderStatus {
        CreditCheck = "credit_check",
        Provisioning = "provisioning",
        Completed = "completed",
        Failed = "failed",
        /// Waits for its effective date (an upgrade at renewal,
        /// docs/rules.md#upgrade-at-renewal).
        Scheduled = "scheduled",
        /// A scheduled upgrade the partner called off before its date.
        Cancelled = "cancelled",
    }
}

impl OrderStatus {
    /// An order in these states blocks other upgrades for its customer.
    pub fn is_pending(self) -> bool {
        matches!(self, OrderStatus::CreditCheck | OrderStatus::Provisioning)
    }
}

string_enum! {
    pub enum PaymentMethod {
        CreditCard = "credit_card",
        Invoice = "invoice",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Order {
    pub id: OrderId,
    /// One key per checkout: placing the same checkout twice finds this order.
    pub key: OrderKey,
    pub customer_id: CustomerId,
    pub placed_on: Date,
    pub status: OrderStatus,
    pub payment: PaymentMethod,
    pub currency: String,
    pub lines: Vec<OrderLine>,
    /// Charges minus credits, in minor units.
    pub total_minor: i64,
    #[serde(default)]
    pub charges_minor: i64,
    #[serde(default)]
    pub credits_minor: i64,
    /// When the credit check is expected to be done (two business days).
    #[serde(default)]
    pub credit_check_due: Option<Date>,
    #[serde(default)]
    pub events: Vec<OrderEvent>,
    #[serde(default)]
    pub failure_reason: Option<String>,
    #[serde(default)]
    pub sold_to: Option<Address>,
    #[serde(default)]
    pub bill_to: Option<BillTo>,
    /// Accounts that need more work after completion.
    #[serde(default)]
    pub affected: Vec<AffectedAccount>,
    /// An upgrade at renewal: the day it takes effect (the source's period
    /// end when it was placed). Until then the order is `scheduled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<Date>,
    /// The partner's purchase order number, as typed at checkout (trimmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub po_number: Option<String>,
}

string_enum! {
    pub enum AffectedIssue {
        /// The user has no usage location, so the new licence cannot be assigned.
        UsageLocationMissing = "usage_location_missing",
        /// The user now gets a service from two subscriptions.
        DuplicateService = "duplicate_service",
        /// Fewer licences were scheduled than users held one: this user has none.
        NoLicenseLeft = "no_license_left",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AffectedAccount {
    pub user_id: UserId,
    pub display_name: String,
    pub user_principal_name: String,
    pub issue: AffectedIssue,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub other_subscription_id: Option<SubscriptionId>,
    /// The subscription the order created that the user's licence belongs
    /// to (absent in documents written before it was recorded: the order's
    /// only line then says it, see `orders::affected_subscription`).
    #[serde(default)]
    pub new_subscription_id: Option<SubscriptionId>,
}

string_enum! {
    pub enum AddonPlan {
        Removed = "removed",
        CarriedOver = "carried_over",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlannedAddon {
    pub subscription_id: SubscriptionId,
    pub plan: AddonPlan,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderLine {
    pub source_subscription_id: SubscriptionId,
    pub target_offer_id: OfferId,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    /// Set on completion.
    #[serde(default)]
    pub new_subscription_id: Option<SubscriptionId>,
    /// What happens to each add-on, fixed when the order is placed.
    #[serde(default)]
    pub addons: Vec<PlannedAddon>,
    /// A purchase (manual path): nothing is cancelled and no licence moves.
    #[serde(default)]
    pub purchase: bool,
    /// A partial new-commerce upgrade: the users who move to the target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved_users: Vec<UserId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderEvent {
    pub status: OrderStatus,
    /// RFC 3339 time the event happened, on the simulated clock.
    pub at: String,
}

/// Identifies a line in the cart: one upgrade and one purchase per source.
/// Written `upgrade:<subscription>` / `buy:<subscription>` where a line is
/// named in the page (`data-key`) and in the typed counts the cart keeps.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineKey {
    Upgrade(SubscriptionId),
    Buy(SubscriptionId),
}

impl std::fmt::Display for LineKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineKey::Upgrade(id) => write!(f, "upgrade:{id}"),
            LineKey::Buy(id) => write!(f, "buy:{id}"),
        }
    }
}

/// An order's key: its checkout's, and which of that checkout's orders it
/// is (a checkout places one order per start date, see
/// docs/rules.md#upgrade-at-renewal). Stored as the checkout's key for the
/// first order and `<checkout>/<n>` for the others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct OrderKey {
    pub checkout: CheckoutKey,
    /// 1 for the checkout's first order.
    pub part: usize,
}

impl OrderKey {
    pub fn new(checkout: &CheckoutKey, part: usize) -> OrderKey {
        OrderKey { checkout: checkout.clone(), part }
    }
}

impl From<String> for OrderKey {
    fn from(text: String) -> OrderKey {
        match text.split_once('/') {
            Some((checkout, n)) => {
                OrderKey { checkout: checkout.into(), part: n.parse().unwrap_or(1) }
            }
            None => OrderKey { checkout: text.into(), part: 1 },
        }
    }
}

impl From<OrderKey> for String {
    fn from(key: OrderKey) -> String {
        match key.part {
            1 => key.checkout.into(),
            n => format!("{}/{n}", key.checkout),
        }
    }
}

impl CartLine {
    pub fn key(&self) -> LineKey {
        let source = self.source_subscription_id.clone();
        if self.purchase {
            LineKey::Buy(source)
        } else {
            LineKey::Upgrade(source)
        }
    }

    /// The line's target, count and billing, as the audit log records a line.
    pub fn item(&self) -> super::Item {
        super::Item {
            offer_id: self.target_offer_id.clone(),
            quantity: self.quantity,
            billing: Some(self.billing_cycle),
        }
    }
}
