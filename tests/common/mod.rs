//! Fixtures shared by the native tests. A test file says `mod common;` and
//! `use common::*;` (or names what it needs), then builds on these instead of
//! writing its own: the shipped catalog, the demo's clock, the demo workspace,
//! cart lines and a placed order.
//!
//! Each test file is its own crate and uses only some of these, hence the
//! `dead_code` allowance.
#![allow(dead_code)]

use upgrade_center::domain::catalog::{Catalog, Cloud};
use upgrade_center::domain::clock::Timestamp;
use upgrade_center::domain::date::Date;
use upgrade_center::domain::ids::OrderId;
use upgrade_center::domain::orders::{self, PlaceError, PlaceRequest};
use upgrade_center::domain::workspace::{
    BillingCycle, CartLine, PaymentMethod, UpgradeTiming, Workspace,
};
use upgrade_center::store::demo;

/// The shipped catalog, `assets/catalog.json`.
pub fn catalog() -> Catalog {
    Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap()
}

/// The demo's today, 2026-11-21, at 10:00 UTC.
pub fn now() -> Timestamp {
    Timestamp::parse("2026-11-21T10:00:00Z").unwrap()
}

/// A date written `YYYY-MM-DD`.
pub fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// 10:00 UTC on `date` (`YYYY-MM-DD`).
pub fn at(date: &str) -> Timestamp {
    Timestamp::at(d(date), 10 * 3_600_000)
}

/// The worldwide demo workspace (`src/store/demo/worldwide.json`).
pub fn demo() -> Workspace {
    demo::demo(Cloud::Worldwide)
}

/// The worldwide demo without its orders, so only what a test places is on
/// the clock (its audit log is kept).
pub fn demo_without_orders() -> Workspace {
    let mut w = demo();
    w.orders.clear();
    w
}

/// A cart line upgrading `source` of `customer` to `target` now, monthly,
/// with `quantity` licences. Vary it with [`LineExt`] or struct update:
/// `line(..).at_renewal()`, `CartLine { purchase: true, ..line(..) }`.
pub fn line(customer: &str, source: &str, target: &str, quantity: u32) -> CartLine {
    CartLine {
        customer_id: customer.into(),
        source_subscription_id: source.into(),
        target_offer_id: target.into(),
        quantity,
        billing_cycle: BillingCycle::Monthly,
        purchase: false,
        timing: Default::default(),
        moved_users: Vec::new(),
    }
}

/// The variations of a [`line`] the tests need.
pub trait LineExt {
    /// Runs when `timing` says.
    fn timing(self, timing: UpgradeTiming) -> Self;
    /// Runs when the source's term ends.
    fn at_renewal(self) -> Self;
    /// Billed every `cycle`.
    fn billed(self, cycle: BillingCycle) -> Self;
    /// Buys the target beside the source (the manual path) instead of upgrading it.
    fn purchase(self) -> Self;
}

impl LineExt for CartLine {
    fn timing(self, timing: UpgradeTiming) -> Self {
        CartLine { timing, ..self }
    }
    fn at_renewal(self) -> Self {
        self.timing(UpgradeTiming::AtRenewal)
    }
    fn billed(self, billing_cycle: BillingCycle) -> Self {
        CartLine { billing_cycle, ..self }
    }
    fn purchase(self) -> Self {
        CartLine { purchase: true, ..self }
    }
}

/// The demo with one line in the cart: `source` to `target`, `quantity`
/// licences billed every `cycle`.
pub fn with_cart(
    customer: &str,
    source: &str,
    target: &str,
    quantity: u32,
    cycle: BillingCycle,
) -> Workspace {
    let mut w = demo();
    w.cart.push(line(customer, source, target, quantity).billed(cycle));
    w
}

/// Places `customer`'s cart with checkout key `key`, paid by `payment`, at
/// `now`, by "Tester", to the customer's own Sold to and Bill to.
pub fn place(
    w: &mut Workspace,
    key: &str,
    customer: &str,
    payment: PaymentMethod,
    now: Timestamp,
) -> Result<OrderId, PlaceError> {
    let c = w.customer(customer).unwrap().clone();
    orders::place_order(
        &catalog(),
        w,
        PlaceRequest {
            key: &key.into(),
            customer_id: &c.id,
            payment,
            sold_to: &c.sold_to,
            bill_to: &c.bill_to,
            actor: "Tester",
            now,
            po_number: None,
        },
    )
}

/// Contoso's mail as a new-commerce subscription, like the demo's Proseware:
/// Business Basic, P1Y billed monthly (USD 6.30), 20 licences in batches of
/// 15 (Mar 1) and 5 (Nov 18, 10:00), period Nov 1 – Dec 1, term to Mar 1 2027.
pub fn nce_contoso_mail() -> serde_json::Value {
    serde_json::json!({
        "id": "sub-contoso-1", "offerId": "m365-business-basic", "friendlyName": "Contoso mail",
        "status": "active", "quantity": 20, "billingCycle": "monthly", "channel": "partner",
        "parentSubscriptionId": null, "periodStart": "2026-11-01", "periodEnd": "2026-12-01",
        "autoRenew": true, "commerce": "nce", "termDuration": "P1Y",
        "termStart": "2026-03-01", "termEnd": "2027-03-01",
        "seatBatches": [
            { "quantity": 15, "addedAt": "2026-03-01T00:00:00Z" },
            { "quantity": 5, "addedAt": "2026-11-18T10:00:00Z" }
        ]
    })
}

/// The worldwide demo's text with `subscription` as Contoso's first.
pub fn demo_text_with_mail(subscription: serde_json::Value) -> serde_json::Value {
    let mut document: serde_json::Value =
        serde_json::from_str(demo::demo_text(Cloud::Worldwide)).unwrap();
    document["customers"][0]["subscriptions"][0] = subscription;
    document
}

/// The worldwide demo without orders, with `subscription` as Contoso's first, loaded.
pub fn demo_with_mail(subscription: serde_json::Value) -> Workspace {
    let mut document = demo_text_with_mail(subscription);
    document["orders"] = serde_json::json!([]);
    upgrade_center::store::document::parse(&document.to_string(), &catalog()).unwrap()
}
