//! Upgrades at renewal (docs/rules.md#upgrade-at-renewal): quoted with nothing due today, placed as a
//! `scheduled` order that blocks only another upgrade of its source, run by the
//! simulated date with at least the licences the source has then, or called off.

mod common;

use common::{at, catalog, demo_without_orders, line, place, LineExt};
use proptest::prelude::*;
use upgrade_center::domain::cart;
use upgrade_center::domain::date::Date;
use upgrade_center::domain::eligibility::{evaluate, Fact, ReasonCode};
use upgrade_center::domain::licenses;
use upgrade_center::domain::orders::{self, CancelError, PROVISIONING_MS};
use upgrade_center::domain::proration::LineKind;
use upgrade_center::domain::workspace::{
    BillingCycle, LineKey, OrderStatus, PaymentMethod, Subscription, SubscriptionStatus,
    UpgradeTiming, Workspace,
};

/// [`demo_without_orders`] with a second base subscription for Contoso (Apps for
/// business, 10 licences, term ending 2027-03-15), so a scheduled upgrade of
/// Business Basic to E1 (which adds no service) has a neighbour to leave alone.
fn with_neighbour() -> Workspace {
    let mut w = demo_without_orders();
    let contoso = w.customers.iter_mut().find(|c| c.id == "contoso").unwrap();
    let mut apps: Subscription = contoso.subscription("sub-contoso-1").unwrap().clone();
    apps.id = "sub-contoso-apps".into();
    apps.offer_id = "m365-apps-business".into();
    apps.friendly_name = "Contoso apps".into();
    apps.quantity = 10;
    apps.period_end = Date::parse("2027-03-15").unwrap();
    contoso.subscriptions.push(apps);
    w
}

fn order<'a>(w: &'a Workspace, id: &str) -> &'a upgrade_center::domain::workspace::Order {
    w.orders.iter().find(|o| o.id == id).unwrap()
}

fn codes(w: &Workspace, subscription: &str, target: &str) -> Vec<ReasonCode> {
    let c = w.customer("contoso").unwrap();
    let e = evaluate(&catalog(), w, c, c.subscription(subscription).unwrap());
    e.target(target).map(|t| t.reasons.iter().map(|r| r.code).collect()).unwrap_or_default()
}

#[test]
fn at_renewal_nothing_is_credited_and_nothing_is_due_today() {
    let catalog = catalog();
    let mut w = demo_without_orders();
    cart::add(
        &catalog,
        &mut w,
        line("contoso", "sub-contoso-1", "o365-e3", 30).at_renewal(),
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    let quote = orders::quote_cart(&catalog, &w, &"contoso".into(), at("2026-11-21")).unwrap();
    assert!(quote.lines.iter().all(|l| l.kind == LineKind::Charge), "{quote:?}");
    // E3 USD 23.00 × 30 × 1 month, billed on Dec 1 when Business Basic's term ends.
    assert_eq!(quote.charges_minor, 69_000);
    assert_eq!(quote.due_today_minor, 0);
    assert_eq!(quote.later_charges(), vec![(Date::parse("2026-12-01").unwrap(), 69_000)]);
    // The same line now credits the 10 unused days and is due today.
    cart::set_timing(
        &mut w,
        &LineKey::Upgrade("sub-contoso-1".into()),
        UpgradeTiming::Now,
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    let quote = orders::quote_cart(&catalog, &w, &"contoso".into(), at("2026-11-21")).unwrap();
    assert_eq!((quote.credits_minor, quote.due_today_minor), (5_000, 64_000));
    assert_eq!(w.audit.last().unwrap().code(), "cart_line_timing_changed");
}

#[test]
fn a_scheduled_upgrade_blocks_only_another_upgrade_of_its_source_and_runs_on_its_date() {
    let catalog = catalog();
    let mut w = with_neighbour();
    cart::add(
        &catalog,
        &mut w,
        line("contoso", "sub-contoso-1", "o365-e1", 30).at_renewal(),
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at("2026-11-21")).unwrap();
    assert_eq!(order(&w, &id).status, OrderStatus::Scheduled);
    assert_eq!(order(&w, &id).scheduled_for, Date::parse("2026-12-01"));
    assert_eq!(order(&w, &id).credits_minor, 0);

    // Another upgrade of the source is blocked, naming the order and its day...
    assert_eq!(codes(&w, "sub-contoso-1", "o365-e1"), [ReasonCode::UpgradeAlreadyScheduled]);
    let c = w.customer("contoso").unwrap();
    let e = evaluate(&catalog, &w, c, c.subscription("sub-contoso-1").unwrap());
    assert_eq!(
        e.subscription_reasons[0].fact,
        Fact::Scheduled { order_id: id.clone(), on: Date::parse("2026-12-01").unwrap() }
    );
    // ...the customer's other subscriptions are not (no concurrency_conflicts),
    assert_eq!(codes(&w, "sub-contoso-apps", "m365-apps-enterprise"), []);
    // ...and the source's licences may still change.
    licenses::set_quantity(
        &catalog,
        &mut w,
        &"contoso".into(),
        &"sub-contoso-1".into(),
        40,
        at("2026-11-25"),
        "T",
    )
    .unwrap();

    // Nothing happens before the day.
    assert!(!orders::has_work(&w, at("2026-11-30")));
    assert!(!orders::advance(&catalog, &mut w, at("2026-11-30"), "T"));
    assert_eq!(order(&w, &id).status, OrderStatus::Scheduled);
    // On the day it starts provisioning, and completes when that has run.
    assert!(orders::has_work(&w, at("2026-12-01")));
    assert!(orders::advance(&catalog, &mut w, at("2026-12-01"), "T"));
    assert_eq!(order(&w, &id).status, OrderStatus::Provisioning);
    orders::advance(&catalog, &mut w, at("2026-12-01").plus_millis(PROVISIONING_MS), "T");
    let done = order(&w, &id).clone();
    assert_eq!(done.status, OrderStatus::Completed);
    let c = w.customer("contoso").unwrap();
    assert_eq!(c.subscription("sub-contoso-1").unwrap().status, SubscriptionStatus::Cancelled);
    let new = c.subscription(done.lines[0].new_subscription_id.as_deref().unwrap()).unwrap();
    // 40 licences, the source's count at execution, beat the 30 ordered.
    assert_eq!((new.offer_id.as_str(), new.quantity), ("o365-e1", 40));
    assert_eq!(new.period_start, Date::parse("2026-12-01").unwrap());
    assert_eq!(new.period_end, Date::parse("2027-01-01").unwrap());
    assert!(w.audit.iter().any(|a| a.code() == "scheduled_upgrade_started"));
}

#[test]
fn a_cancelled_scheduled_upgrade_never_runs_and_frees_the_subscription() {
    let catalog = catalog();
    let mut w = demo_without_orders();
    cart::add(
        &catalog,
        &mut w,
        line("contoso", "sub-contoso-1", "o365-e3", 25).at_renewal(),
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at("2026-11-21")).unwrap();
    orders::cancel_scheduled(&mut w, &id, at("2026-11-22"), "T").unwrap();
    assert_eq!(order(&w, &id).status, OrderStatus::Cancelled);
    assert_eq!(
        orders::cancel_scheduled(&mut w, &id, at("2026-11-22"), "T"),
        Err(CancelError::NotScheduled(OrderStatus::Cancelled))
    );
    assert_eq!(w.audit.last().unwrap().code(), "scheduled_upgrade_cancelled");
    assert!(codes(&w, "sub-contoso-1", "o365-e5").is_empty(), "eligible again");
    assert!(
        orders::upgrade_of(&w, &"sub-contoso-1".into()).is_none(),
        "a cancelled order upgraded nothing"
    );
    assert!(!orders::advance(&catalog, &mut w, at("2026-12-02"), "T"));
    let c = w.customer("contoso").unwrap();
    assert_eq!(c.subscription("sub-contoso-1").unwrap().status, SubscriptionStatus::Active);
}

#[test]
fn a_read_only_role_cannot_cancel_a_scheduled_upgrade() {
    let catalog = catalog();
    let mut w = demo_without_orders();
    cart::add(
        &catalog,
        &mut w,
        line("contoso", "sub-contoso-1", "o365-e3", 25).at_renewal(),
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at("2026-11-21")).unwrap();
    w.partner.user.role = upgrade_center::domain::workspace::Role::BillingAdmin;
    assert_eq!(
        orders::cancel_scheduled(&mut w, &id, at("2026-11-22"), "T"),
        Err(CancelError::ReadOnly)
    );
    assert_eq!(order(&w, &id).status, OrderStatus::Scheduled);
}

#[test]
fn one_checkout_places_the_lines_made_now_together_and_each_renewal_apart() {
    let catalog = catalog();
    let mut w = with_neighbour();
    cart::add(
        &catalog,
        &mut w,
        line("contoso", "sub-contoso-1", "o365-e1", 25).at_renewal(),
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    cart::add(
        &catalog,
        &mut w,
        line("contoso", "sub-contoso-apps", "m365-apps-enterprise", 10).timing(UpgradeTiming::Now),
        at("2026-11-21"),
        "T",
    )
    .unwrap();
    let first = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at("2026-11-21")).unwrap();
    let placed: Vec<_> = w.orders.iter().filter(|o| o.key.checkout == "k").collect();
    assert_eq!(placed.len(), 2);
    let together: Vec<_> = orders::placed_together(&w, placed[0]).map(|o| o.id.as_str()).collect();
    assert_eq!(together, [placed[1].id.as_str()], "each knows the other");
    assert_eq!(placed[0].id, first, "the order made now comes first");
    assert_eq!(placed[0].status, OrderStatus::Provisioning);
    assert_eq!(placed[0].lines[0].source_subscription_id, "sub-contoso-apps");
    assert_eq!(placed[1].status, OrderStatus::Scheduled);
    assert_eq!(placed[1].lines[0].source_subscription_id, "sub-contoso-1");
    // Placing the same checkout again finds it and adds nothing.
    let snapshot = w.clone();
    assert_eq!(
        place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at("2026-11-21")).unwrap(),
        first
    );
    assert_eq!(w, snapshot);
}

#[test]
fn a_credit_check_comes_first_and_then_the_order_waits_for_its_day() {
    let catalog = catalog();
    let mut w = demo_without_orders();
    let mut annual = line("contoso", "sub-contoso-1", "o365-e3", 25).at_renewal();
    annual.billing_cycle = BillingCycle::Annual;
    cart::add(&catalog, &mut w, annual, at("2026-11-21"), "T").unwrap();
    let id = place(&mut w, "k", "contoso", PaymentMethod::Invoice, at("2026-11-21")).unwrap();
    assert_eq!(order(&w, &id).status, OrderStatus::CreditCheck);
    assert_eq!(orders::approve_credit_checks(&mut w, at("2026-11-22"), "T"), Ok(1));
    assert_eq!(order(&w, &id).status, OrderStatus::Scheduled);
}

proptest! {
    /// A scheduled upgrade never charges a proration credit and nothing is
    /// due before its day, whatever the day, count and billing.
    #[test]
    fn a_scheduled_upgrade_never_credits(day in 0i64..60, quantity in 25u32..300, annual in any::<bool>(), target in 0usize..3) {
        let catalog = catalog();
        let mut w = demo_without_orders();
        let target = ["o365-e1", "o365-e3", "o365-e5"][target];
        let today = at("2026-11-05").plus_millis(day * 86_400_000);
        let mut l = line("contoso", "sub-contoso-1", target, quantity).at_renewal();
        l.billing_cycle = if annual { BillingCycle::Annual } else { BillingCycle::Monthly };
        cart::add(&catalog, &mut w, l, today, "T").unwrap();
        if let Ok(quote) = orders::quote_cart(&catalog, &w, &"contoso".into(), today) {
            prop_assert!(quote.lines.iter().all(|l| l.kind == LineKind::Charge && l.billed_on.is_some()));
            prop_assert_eq!(quote.credits_minor, 0);
            prop_assert_eq!(quote.due_today_minor, 0);
            let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, today).unwrap();
            prop_assert_eq!(order(&w, &id).credits_minor, 0);
        }
    }

    /// The new subscription never has fewer licences than the source had when
    /// the upgrade ran, nor fewer than were ordered.
    #[test]
    fn the_new_subscription_keeps_at_least_the_sources_licences(ordered in 25u32..60, later in 6u32..120) {
        let catalog = catalog();
        let mut w = demo_without_orders();
        cart::add(&catalog, &mut w, line("contoso", "sub-contoso-1", "o365-e3", ordered).at_renewal(), at("2026-11-21"), "T").unwrap();
        let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at("2026-11-21")).unwrap();
        // Business Basic holds 6 assigned users; 300 is its seat maximum.
        licenses::set_quantity(&catalog, &mut w, &"contoso".into(), &"sub-contoso-1".into(), later, at("2026-11-25"), "T").unwrap();
        let source = w.customer("contoso").unwrap().subscription("sub-contoso-1").unwrap().quantity;
        orders::advance(&catalog, &mut w, at("2026-12-01"), "T");
        orders::advance(&catalog, &mut w, at("2026-12-01").plus_millis(PROVISIONING_MS), "T");
        let done = order(&w, &id);
        prop_assert_eq!(done.status, OrderStatus::Completed);
        let new = w.customer("contoso").unwrap().subscription(done.lines[0].new_subscription_id.as_deref().unwrap()).unwrap();
        prop_assert!(new.quantity >= source && new.quantity >= ordered);
        prop_assert_eq!(new.quantity, source.max(ordered));
    }
}
