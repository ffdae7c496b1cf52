//! The partner's workspace (SPEC 5): customers, their subscriptions and users,
//! orders and the audit log. Field names follow the JSON document exactly.

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
pub struct CheckoutDraft {
    pub key: String,
    pub customer_id: String,
    pub payment: PaymentMethod,
    pub sold_to: Address,
    pub bill_to: BillTo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CartLine {
    pub customer_id: String,
    /// The subscription upgraded; for a purchase, the one the manual upgrade replaces.
    pub source_subscription_id: String,
    pub target_offer_id: String,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    /// A new subscription bought in the manual path, not an upgrade.
    #[serde(default)]
    pub purchase: bool,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Customer {
    pub id: String,
    pub company_name: String,
    pub domain: String,
    pub market: String,
    pub delegated_admin: DelegatedAdmin,
    pub sold_to: Address,
    pub bill_to: BillTo,
    pub subscriptions: Vec<Subscription>,
    pub users: Vec<User>,
}

impl Customer {
    pub fn subscription(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| s.id == id)
    }

    /// The subscription's add-ons, in document order.
    pub fn addons_of<'a>(&'a self, base_id: &'a str) -> impl Iterator<Item = &'a Subscription> + 'a {
        self.subscriptions.iter().filter(move |s| s.parent_subscription_id.as_deref() == Some(base_id))
    }

    /// Users holding a licence of the subscription.
    pub fn assigned_users(&self, subscription_id: &str) -> usize {
        self.users.iter().filter(|u| u.licenses.iter().any(|l| l == subscription_id)).count()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DelegatedAdmin {
    pub granted: bool,
    /// `None`: every service; otherwise admin is limited to these services.
    pub services: Option<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminAccess {
    Granted,
    Limited,
    None,
}

impl DelegatedAdmin {
    pub fn access(&self) -> AdminAccess {
        match (self.granted, &self.services) {
            (false, _) => AdminAccess::None,
            (true, None) => AdminAccess::Granted,
            (true, Some(_)) => AdminAccess::Limited,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Address {
    pub name: String,
    pub address: Vec<String>,
    pub city: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BillTo {
    pub name: String,
    pub email: String,
    pub address: Vec<String>,
    pub city: String,
    pub postal_code: String,
    pub country: String,
}

string_enum! {
    pub enum SubscriptionStatus {
        Active = "active",
        Suspended = "suspended",
        Cancelled = "cancelled",
        Expired = "expired",
        Pending = "pending",
    }
}

impl SubscriptionStatus {
    /// Statuses in which a subscription still counts as owned (SPEC 3).
    pub fn is_live(self) -> bool {
        matches!(self, SubscriptionStatus::Active | SubscriptionStatus::Suspended | SubscriptionStatus::Pending)
    }
}

string_enum! {
    pub enum BillingCycle {
        Monthly = "monthly",
        Annual = "annual",
    }
}

impl BillingCycle {
    pub fn months(self) -> u32 {
        match self {
            BillingCycle::Monthly => 1,
            BillingCycle::Annual => 12,
        }
    }
}

string_enum! {
    pub enum Channel {
        Partner = "partner",
        OtherPartner = "other_partner",
        Direct = "direct",
        Ea = "ea",
        Open = "open",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subscription {
    pub id: String,
    pub offer_id: String,
    pub friendly_name: String,
    pub status: SubscriptionStatus,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    pub channel: Channel,
    pub parent_subscription_id: Option<String>,
    pub period_start: Date,
    /// Exclusive: the first day of the next period, shown as the renewal date.
    pub period_end: Date,
    pub auto_renew: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    pub id: String,
    pub display_name: String,
    pub user_principal_name: String,
    pub usage_location: Option<String>,
    pub licenses: Vec<String>,
}

string_enum! {
    pub enum OrderStatus {
        CreditCheck = "credit_check",
        Provisioning = "provisioning",
        Completed = "completed",
        Failed = "failed",
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
    pub id: String,
    /// One key per checkout: placing the same checkout twice finds this order.
    pub key: String,
    pub customer_id: String,
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
}

string_enum! {
    pub enum AffectedIssue {
        /// The user has no usage location, so the new licence cannot be assigned.
        UsageLocationMissing = "usage_location_missing",
        /// The user now gets a service from two subscriptions.
        DuplicateService = "duplicate_service",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AffectedAccount {
    pub user_id: String,
    pub display_name: String,
    pub user_principal_name: String,
    pub issue: AffectedIssue,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub other_subscription_id: Option<String>,
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
    pub subscription_id: String,
    pub plan: AddonPlan,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderLine {
    pub source_subscription_id: String,
    pub target_offer_id: String,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    /// Set on completion.
    #[serde(default)]
    pub new_subscription_id: Option<String>,
    /// What happens to each add-on, fixed when the order is placed.
    #[serde(default)]
    pub addons: Vec<PlannedAddon>,
    /// A purchase (manual path): nothing is cancelled and no licence moves.
    #[serde(default)]
    pub purchase: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderEvent {
    pub status: OrderStatus,
    /// RFC 3339 time the event happened, on the simulated clock.
    pub at: String,
}

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

impl CartLine {
    /// Identifies a line in the cart: one upgrade and one purchase per source.
    pub fn key(&self) -> String {
        format!("{}:{}", if self.purchase { "buy" } else { "upgrade" }, self.source_subscription_id)
    }

    /// "target × quantity (cycle)", as the audit log writes a line.
    pub fn summary(&self) -> String {
        format!("{} × {} ({})", self.target_offer_id, self.quantity, self.billing_cycle.as_str())
    }
}

impl AuditEntry {
    /// An entry for `action` by `actor` at `at`; the rest is added by the
    /// builder methods below.
    pub fn new(at: super::clock::Timestamp, actor: &str, action: &str) -> AuditEntry {
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

impl Workspace {
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    pub fn customer_mut(&mut self, id: &str) -> Option<&mut Customer> {
        self.customers.iter_mut().find(|c| c.id == id)
    }

    /// Whether an order of this customer is still in credit check or provisioning.
    pub fn has_pending_order(&self, customer_id: &str) -> bool {
        self.orders.iter().any(|o| o.customer_id == customer_id && o.status.is_pending())
    }
}
