//! Customers, their subscriptions and users, and the values they take.

use crate::domain::date::Date;
use crate::domain::ids::{CustomerId, OfferId, SubscriptionId, UserId};
use crate::domain::nce::{SeatBatch, TermDuration};
use crate::domain::string_enum::string_enum;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Customer {
    pub id: CustomerId,
    pub company_name: String,
    pub domain: String,
    pub market: String,
    pub delegated_admin: DelegatedAdmin,
    pub sold_to: Address,
    pub bill_to: BillTo,
    pub subscriptions: Vec<Subscription>,
    pub users: Vec<User>,
    /// Imported from Partner Center, whose customer resources hold no users:
    /// its licences are held by users the workspace does not know
    /// (docs/rules.md#partner-center-import). Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub users_not_imported: bool,
}

impl Customer {
    /// How many users hold a licence of `subscription_id`; `None` when its
    /// licences are held by users not imported (from Partner Center) and
    /// none the workspace knows does.
    pub fn assigned(&self, subscription_id: &str) -> Option<usize> {
        let n = self.assigned_users(subscription_id);
        (n > 0 || !self.users_not_imported).then_some(n)
    }

    pub fn subscription(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| s.id == id)
    }

    /// The subscription's add-ons, in document order.
    pub fn addons_of<'a>(
        &'a self,
        base_id: &'a str,
    ) -> impl Iterator<Item = &'a Subscription> + 'a {
        self.subscriptions
            .iter()
            .filter(move |s| s.parent_subscription_id.as_deref() == Some(base_id))
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

impl BillTo {
    /// Sold to's details in Bill to's shape (no email), so one form and one
    /// audit rule serve both cards.
    pub fn from_address(a: &Address) -> BillTo {
        BillTo {
            name: a.name.clone(),
            email: String::new(),
            address: a.address.clone(),
            city: a.city.clone(),
            postal_code: a.postal_code.clone(),
            country: a.country.clone(),
        }
    }

    /// The details without the email, as Sold to keeps them.
    pub fn address(&self) -> Address {
        Address {
            name: self.name.clone(),
            address: self.address.clone(),
            city: self.city.clone(),
            postal_code: self.postal_code.clone(),
            country: self.country.clone(),
        }
    }
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
    /// Statuses in which a subscription still counts as owned
    /// (docs/rules.md#other-subscriptions).
    pub fn is_live(self) -> bool {
        matches!(
            self,
            SubscriptionStatus::Active
                | SubscriptionStatus::Suspended
                | SubscriptionStatus::Pending
        )
    }
}

string_enum! {
    /// How often a subscription is billed. `triennial` exists only under new
    /// commerce, for a 3-year term (docs/rules.md#new-commerce).
    pub enum BillingCycle {
        Monthly = "monthly",
        Annual = "annual",
        Triennial = "triennial",
    }
}

impl BillingCycle {
    /// What a legacy subscription can be billed, and so what its cart line offers.
    pub const LEGACY: [BillingCycle; 2] = [BillingCycle::Monthly, BillingCycle::Annual];

    /// Months in one billing period: 1, 12 or 36.
    pub fn months(self) -> u32 {
        match self {
            BillingCycle::Monthly => 1,
            BillingCycle::Annual => 12,
            BillingCycle::Triennial => 36,
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
    pub id: SubscriptionId,
    pub offer_id: OfferId,
    pub friendly_name: String,
    pub status: SubscriptionStatus,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    pub channel: Channel,
    pub parent_subscription_id: Option<SubscriptionId>,
    pub period_start: Date,
    /// Exclusive: the first day of the next period, shown as the renewal date.
    pub period_end: Date,
    pub auto_renew: bool,
    /// `legacy` unless the document says `nce` (docs/rules.md#new-commerce).
    #[serde(default, skip_serializing_if = "Commerce::is_legacy")]
    pub commerce: Commerce,
    /// New commerce: the term and its dates (the end exclusive, the start
    /// plus the term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<TermDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_end: Option<Date>,
    /// New commerce: when each group of licences was added; they sum to
    /// `quantity`. A document without them has one batch at `termStart`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seat_batches: Vec<SeatBatch>,
    /// New commerce: what the next term changes, scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_term: Option<NextTerm>,
}

string_enum! {
    /// Which of Microsoft's commerce models a subscription is sold under.
    #[derive(Default)]
    pub enum Commerce {
        #[default]
        Legacy = "legacy",
        Nce = "nce",
    }
}

impl Commerce {
    pub fn is_legacy(&self) -> bool {
        *self == Commerce::Legacy
    }

    pub fn is_nce(&self) -> bool {
        *self == Commerce::Nce
    }
}

/// A new-commerce subscription's change scheduled for its next term: the
/// licences, the term or the billing it renews with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NextTerm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<TermDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<BillingCycle>,
}

impl Subscription {
    /// The term of a new-commerce subscription; `None` for a legacy one.
    pub fn nce_term(&self) -> Option<TermDuration> {
        self.term_duration.filter(|_| self.commerce.is_nce())
    }

    /// The day its commitment ends: `termEnd` under new commerce (billing
    /// periods run inside the term), `periodEnd` for a legacy subscription.
    /// It renews, expires or is upgraded at renewal on that day.
    pub fn commitment_end(&self) -> Date {
        match (self.commerce.is_nce(), self.term_end) {
            (true, Some(end)) => end,
            _ => self.period_end,
        }
    }

    /// The date it renews ([`Subscription::commitment_end`]), or `None` once it is
    /// cancelled or expired: it will not renew (docs/rules.md#completion).
    pub fn renews_on(&self) -> Option<Date> {
        self.status.is_live().then_some(self.commitment_end())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    pub id: UserId,
    pub display_name: String,
    pub user_principal_name: String,
    pub usage_location: Option<String>,
    pub licenses: Vec<SubscriptionId>,
}
