//! Orders end to end in the domain: placing (idempotent), payment rules, the
//! credit check, provisioning on the clock, and what completion changes.

mod common;

use common::{catalog, now, place, with_cart};
use proptest::prelude::*;
use upgrade_center::domain::cart;
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::clock::Timestamp;
use upgrade_center::domain::date::Date;
use upgrade_center::domain::eligibility::{evaluate, ReasonCode};
use upgrade_center::domain::ids::{CustomerId, OfferId, SubscriptionId};
use upgrade_center::domain::orders::{self, PlaceError, PROVISIONING_MS};
use upgrade_center::domain::quantity::QuantityError;
use upgrade_center::domain::workspace::{
    AddonPlan, AffectedIssue, BillingCycle, OrderStatus, PaymentMethod, Role, SubscriptionStatus,
};
use upgrade_center::store::demo;

#[test]
fn a_card_order_goes_straight_to_provisioning_and_placing_twice_makes_one_order() {
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 30, BillingCycle::Monthly);
    let before = w.orders.len();
    let id = place(&mut w, "key-1", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    let order = w.orders.iter().find(|o| o.id == id).unwrap().clone();
    assert_eq!(id, "ord-1002");
    assert_eq!(order.status, OrderStatus::Provisioning);
    assert_eq!(
        (order.charges_minor, order.credits_minor, order.total_minor),
        (69_000, 5_000, 64_000)
    );
    assert!(w.cart.is_empty());
    // A double click, a retry or a second tab: same key, same order, nothing new.
    let snapshot = w.clone();
    assert_eq!(place(&mut w, "key-1", "contoso", PaymentMethod::CreditCard, now()).unwrap(), id);
    assert_eq!(w, snapshot);
    assert_eq!(w.orders.len(), before + 1);
    assert!(w.audit.iter().any(
        |a| a.code() == "order_placed" && a.subscription_id.as_deref() == Some("sub-contoso-1")
    ));
}

#[test]
fn invoice_needs_the_minimum_and_always_a_credit_check() {
    // 25 × E1 monthly = USD 250.00 in charges: below the USD 500.00 minimum.
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e1", 25, BillingCycle::Monthly);
    assert_eq!(
        place(&mut w, "k", "contoso", PaymentMethod::Invoice, now()),
        Err(PlaceError::InvoiceBelowMinimum { minimum: 50_000 })
    );
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e1", 25, BillingCycle::Annual);
    let id = place(&mut w, "k", "contoso", PaymentMethod::Invoice, now()).unwrap();
    let order = w.orders.iter().find(|o| o.id == id).unwrap();
    assert_eq!(order.status, OrderStatus::CreditCheck);
    // Saturday Nov 21: two business days later is Tuesday Nov 24.
    assert_eq!(order.credit_check_due, Date::parse("2026-11-24"));
}

#[test]
fn an_invoice_below_the_minimum_falls_back_to_the_card() {
    let w = demo::demo(Cloud::Worldwide);
    let below = orders::PaymentRules::new(&catalog(), &w, "US", 49_999);
    assert_eq!(below.effective(PaymentMethod::Invoice), PaymentMethod::CreditCard);
    let at = orders::PaymentRules::new(&catalog(), &w, "US", 50_000);
    assert_eq!(at.effective(PaymentMethod::Invoice), PaymentMethod::Invoice);
    assert!(
        at.needs_credit_check(PaymentMethod::Invoice)
            && !at.needs_credit_check(PaymentMethod::CreditCard)
    );
}

#[test]
fn charges_over_the_threshold_need_a_credit_check_by_card_too() {
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e5", 25, BillingCycle::Annual);
    let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    assert_eq!(w.orders.iter().find(|o| o.id == id).unwrap().status, OrderStatus::CreditCheck);
}

#[test]
fn stale_carts_are_refused_with_the_reason() {
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 24, BillingCycle::Monthly);
    assert_eq!(
        place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()),
        Err(PlaceError::BadQuantity {
            subscription_id: "sub-contoso-1".into(),
            error: QuantityError::BelowMin(25)
        })
    );
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 25, BillingCycle::Monthly);
    w.partner.user.role = Role::BillingAdmin;
    assert_eq!(
        place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()),
        Err(PlaceError::ReadOnly)
    );
    let mut w = demo::demo(Cloud::Worldwide);
    assert_eq!(
        place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()),
        Err(PlaceError::EmptyCart)
    );
}

#[test]
fn a_pending_order_blocks_the_customers_other_upgrades() {
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 25, BillingCycle::Monthly);
    place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    let c = w.customer("contoso").unwrap();
    let e = evaluate(&catalog(), &w, c, c.subscription("sub-contoso-1").unwrap());
    assert!(e.subscription_reasons.iter().any(|r| r.code == ReasonCode::ConcurrencyConflicts));
}

#[test]
fn provisioning_completes_on_the_clock_and_moves_everything() {
    let catalog = catalog();
    let mut w = with_cart("blue-yonder", "sub-blueyonder-1", "o365-e5", 15, BillingCycle::Monthly);
    let id = place(&mut w, "k", "blue-yonder", PaymentMethod::CreditCard, now()).unwrap();
    assert!(!orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS - 1), "Tester"));
    let order = w.orders.iter().find(|o| o.id == id).unwrap();
    assert!((orders::progress(order, now().plus_millis(1000)) - 0.25).abs() < 1e-9);
    assert!(orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "Tester"));
    let order = w.orders.iter().find(|o| o.id == id).unwrap().clone();
    assert_eq!(order.status, OrderStatus::Completed);
    let new_id = order.lines[0].new_subscription_id.clone().unwrap();
    let c = w.customer("blue-yonder").unwrap();
    assert_eq!(c.subscription("sub-blueyonder-1").unwrap().status, SubscriptionStatus::Cancelled);
    let new = c.subscription(&new_id).unwrap();
    assert_eq!(
        (new.offer_id.as_str(), new.quantity, new.billing_cycle, new.status),
        ("o365-e5", 15, BillingCycle::Monthly, SubscriptionStatus::Active)
    );
    assert_eq!(
        (new.period_start.to_string(), new.period_end.to_string()),
        ("2026-11-21".into(), "2026-12-21".into())
    );
    // Nine held the source; the two without a usage location do not get E5.
    assert_eq!(c.assigned_users(&new_id), 7);
    assert_eq!(c.assigned_users("sub-blueyonder-1"), 0);
    // Audio Conferencing is in E5: removed. Extra File Storage moves under the new plan.
    assert_eq!(c.subscription("sub-blueyonder-3").unwrap().status, SubscriptionStatus::Cancelled);
    assert_eq!(
        c.subscription("sub-blueyonder-2").unwrap().parent_subscription_id.as_deref(),
        Some(new_id.as_str())
    );
    let missing: Vec<_> = order
        .affected
        .iter()
        .filter(|a| a.issue == AffectedIssue::UsageLocationMissing)
        .map(|a| a.user_id.as_str())
        .collect();
    assert_eq!(missing, ["u-blue-yonder-3", "u-blue-yonder-7"]);
    assert!(w.audit.iter().any(|a| a.code() == "subscription_created"
        && a.subscription_id.as_deref() == Some(new_id.as_str())));
    // The new subscription is not upgradable to E5 again, and nothing is pending.
    assert!(!w.has_pending_order("blue-yonder"));
}

#[test]
fn users_who_get_a_service_twice_are_listed() {
    let catalog = catalog();
    // Wingtip's users also hold Apps for enterprise (bought direct), which has OneDrive, as E1 does.
    let mut w = with_cart("wingtip", "sub-wingtip-1", "o365-e1", 30, BillingCycle::Monthly);
    let id = place(&mut w, "k", "wingtip", PaymentMethod::CreditCard, now()).unwrap();
    orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "Tester");
    let order = w.orders.iter().find(|o| o.id == id).unwrap();
    let duplicates: Vec<_> =
        order.affected.iter().filter(|a| a.issue == AffectedIssue::DuplicateService).collect();
    assert_eq!(duplicates.len(), 7);
    assert!(duplicates.iter().all(|a| a.service.as_deref() == Some("onedrive")
        && a.other_subscription_id.as_deref() == Some("sub-wingtip-2")));
}

#[test]
fn credit_checks_complete_from_settings_or_on_their_date() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    assert!(!orders::advance(&catalog, &mut w, now(), "Tester"), "due Nov 24, not yet");
    let monday = Timestamp::parse("2026-11-24T08:00:00Z").unwrap();
    assert!(orders::advance(&catalog, &mut w, monday, "Tester"));
    assert_eq!(w.orders[0].status, OrderStatus::Provisioning);

    let mut w = demo::demo(Cloud::Worldwide);
    assert_eq!(orders::approve_credit_checks(&mut w, now(), "Tester"), Ok(1));
    orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "Tester");
    assert_eq!(w.orders[0].status, OrderStatus::Completed);
    assert_eq!(
        w.customer("margie-travel").unwrap().subscription("sub-margie-1").unwrap().status,
        SubscriptionStatus::Cancelled
    );
}

#[test]
fn an_order_whose_source_changed_fails_and_changes_nothing() {
    let catalog = catalog();
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 25, BillingCycle::Monthly);
    let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    w.customer_mut("contoso").unwrap().subscriptions[0].status = SubscriptionStatus::Suspended;
    let customers = w.customers.clone();
    orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "Tester");
    let order = w.orders.iter().find(|o| o.id == id).unwrap();
    assert_eq!(order.status, OrderStatus::Failed);
    assert!(order.failure_reason.as_deref().unwrap().contains("sub-contoso-1"));
    assert_eq!(w.customers, customers);
}

proptest! {
    #[test]
    fn totals_quantities_and_conservation_hold(
        pick in 0usize..64, extra in 0u32..300, annual in any::<bool>(), card in any::<bool>(), day in 0i64..40,
    ) {
        let catalog = catalog();
        let base = demo::demo(Cloud::Worldwide);
        // Legacy sources: a new-commerce upgrade may take fewer licences and
        // completes in place (docs/rules.md#new-commerce), tested on its own.
        let upgrades: Vec<(CustomerId, SubscriptionId, OfferId, u32, u32)> = base.customers.iter().flat_map(|c| {
            c.subscriptions.iter().filter(|s| s.commerce.is_legacy()).flat_map(|s| {
                evaluate(&catalog, &base, c, s).targets.into_iter().filter(|t| t.eligible)
                    .map(|t| (c.id.clone(), s.id.clone(), t.target.clone(), t.quantity_min, t.quantity_max)).collect::<Vec<_>>()
            })
        }).collect();
        let (customer, source, target, min, max) = upgrades[pick % upgrades.len()].clone();
        let quantity = (min + extra).min(max);
        let cycle = if annual { BillingCycle::Annual } else { BillingCycle::Monthly };
        let at = Timestamp::at(Date::parse("2026-11-01").unwrap().add_days(day), 36_000_000);
        let mut w = with_cart(&customer, &source, &target, quantity, cycle);
        let quote = orders::quote_cart(&catalog, &w, &customer, at).unwrap();
        prop_assert_eq!(quote.total_minor, quote.charges_minor - quote.credits_minor);
        prop_assert!(quote.credits_minor >= 0 && quote.charges_minor > 0);

        // Fewer licences than the source has is always refused.
        let mut fewer = with_cart(&customer, &source, &target, min - 1, cycle);
        let refused = matches!(place(&mut fewer, "k", &customer, PaymentMethod::CreditCard, at), Err(PlaceError::BadQuantity { .. }));
        prop_assert!(refused);

        let market = w.customer(&customer).unwrap().market.clone();
        let rules = orders::PaymentRules::new(&catalog, &w, &market, quote.charges_minor);
        let payment = if card || !rules.invoice_allowed() { PaymentMethod::CreditCard } else { PaymentMethod::Invoice };
        let users_before = w.customer(&customer).unwrap().users.clone();
        let placed = place(&mut w, "k", &customer, payment, at);
        prop_assert!(placed.is_ok(), "{:?}", placed);
        let id = placed.unwrap();
        orders::approve_credit_checks(&mut w, at, "Tester").unwrap();
        orders::advance(&catalog, &mut w, at.plus_millis(PROVISIONING_MS), "Tester");
        let order = w.orders.iter().find(|o| o.id == id).unwrap().clone();
        prop_assert_eq!(order.status, OrderStatus::Completed);
        let c = w.customer(&customer).unwrap();
        let new_id = order.lines[0].new_subscription_id.clone().unwrap();
        // Every licence stays where it was, but the source's, which moves to
        // the new subscription for users with a usage location and is gone
        // for the others, and those of removed add-ons, which are released.
        let removed: Vec<&str> = order.lines[0].addons.iter().filter(|a| a.plan == AddonPlan::Removed).map(|a| a.subscription_id.as_str()).collect();
        let expected: Vec<Vec<SubscriptionId>> = users_before.iter().map(|u| {
            u.licenses.iter().filter(|l| !removed.contains(&l.as_str())).filter_map(|l| match (*l == source, u.usage_location.is_some()) {
                (false, _) => Some(l.clone()),
                (true, true) => Some(new_id.clone()),
                (true, false) => None,
            }).collect()
        }).collect();
        let after: Vec<Vec<SubscriptionId>> = c.users.iter().map(|u| u.licenses.clone()).collect();
        prop_assert_eq!(after, expected);
        prop_assert!(c.assigned_users(&new_id) as u32 <= quantity);
        prop_assert_eq!(c.subscription(&new_id).unwrap().quantity, quantity);
    }
}

/// docs/rules.md#one-cart-per-customer: one cart per customer. Adding another customer's upgrade drops
/// nothing, and placing one customer's order leaves the other's lines.
#[test]
fn each_customer_has_its_own_cart_and_its_own_order() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    for (customer, source, quantity) in
        [("contoso", "sub-contoso-1", 25), ("blue-yonder", "sub-blueyonder-1", 12)]
    {
        let target = if customer == "contoso" { "o365-e3" } else { "o365-e5" };
        let line = common::line(customer, source, target, quantity);
        upgrade_center::domain::cart::add(&catalog, &mut w, line, now(), "T").unwrap();
    }
    assert_eq!(w.cart.len(), 2, "the first customer's line is still there");
    let id = place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    let order = w.orders.iter().find(|o| o.id == id).unwrap();
    assert!(order.lines.iter().all(|l| l.source_subscription_id == "sub-contoso-1"));
    assert_eq!(w.cart.iter().map(|l| l.customer_id.as_str()).collect::<Vec<_>>(), ["blue-yonder"]);
}

#[test]
fn a_billing_admin_is_shown_the_quote_but_cannot_place_it() {
    let catalog = catalog();
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 30, BillingCycle::Monthly);
    let acting = orders::quote_cart(&catalog, &w, &"contoso".into(), now()).unwrap();
    w.partner.user.role = Role::BillingAdmin;
    assert!(matches!(
        orders::quote_cart(&catalog, &w, &"contoso".into(), now()),
        Err(PlaceError::NotEligible { .. })
    ));
    assert_eq!(
        orders::quote_cart_as_shown(&catalog, &w, &"contoso".into(), now(), &Default::default()),
        Ok(acting)
    );
    let snapshot = w.clone();
    assert_eq!(
        place(&mut w, "k", "contoso", PaymentMethod::CreditCard, now()),
        Err(PlaceError::ReadOnly)
    );
    assert_eq!(w, snapshot, "showing the quote changed nothing");
}

#[test]
fn the_cart_is_priced_with_the_counts_being_typed_and_keeps_what_was_settled() {
    let catalog = catalog();
    let w = with_cart("contoso", "sub-contoso-1", "o365-e3", 30, BillingCycle::Monthly);
    let key = w.cart[0].key();
    let settled = orders::quote_cart(&catalog, &w, &"contoso".into(), now()).unwrap();
    let typed = std::collections::BTreeMap::from([(key.clone(), 40)]);
    let shown =
        orders::quote_cart_as_shown(&catalog, &w, &"contoso".into(), now(), &typed).unwrap();
    let mut at_forty = w.clone();
    at_forty.cart[0].quantity = 40;
    assert_eq!(
        shown,
        orders::quote_cart(&catalog, &at_forty, &"contoso".into(), now()).unwrap(),
        "the total follows the box"
    );
    assert_ne!(shown, settled);
    assert_eq!(w.cart[0].quantity, 30, "pricing a typed count stores nothing");
}

#[test]
fn setting_the_count_a_line_already_has_logs_nothing() {
    let catalog = catalog();
    let mut w = with_cart("contoso", "sub-contoso-1", "o365-e3", 30, BillingCycle::Monthly);
    let key = w.cart[0].key();
    let logged = w.audit.len();
    cart::set_quantity(&catalog, &mut w, &key, 30, now(), "Ana").unwrap();
    assert_eq!(w.audit.len(), logged, "no entry for a count that did not change");
    cart::set_quantity(&catalog, &mut w, &key, 250, now(), "Ana").unwrap();
    assert_eq!(w.audit.len(), logged + 1);
    assert_eq!(w.cart[0].quantity, 250);
}

/// Each account that needs more work records the new subscription its
/// licence belongs to; the order page links to the Licenses tab where the
/// partner acts and names the service (or, with no licence at all, the plan).
#[test]
fn affected_accounts_say_where_the_partner_acts() {
    let catalog = catalog();
    let mut w = with_cart("blue-yonder", "sub-blueyonder-1", "o365-e5", 15, BillingCycle::Monthly);
    let id = place(&mut w, "k", "blue-yonder", PaymentMethod::CreditCard, now()).unwrap();
    orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "Tester");
    let order = w.orders.iter().find(|o| o.id == id).unwrap().clone();
    let new_id = order.lines[0].new_subscription_id.clone().unwrap();
    assert!(!order.affected.is_empty());
    for a in &order.affected {
        assert_eq!(a.new_subscription_id.as_deref(), Some(new_id.as_str()));
        let work = orders::affected_work(&order, a);
        assert_eq!(
            work,
            orders::AffectedWork { act_on: Some(new_id.as_str()), offer_id: Some("o365-e5") }
        );
    }

    // A service twice: the partner acts on the other subscription.
    let mut w = with_cart("wingtip", "sub-wingtip-1", "o365-e1", 30, BillingCycle::Monthly);
    let id = place(&mut w, "k", "wingtip", PaymentMethod::CreditCard, now()).unwrap();
    orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "Tester");
    let order = w.orders.iter().find(|o| o.id == id).unwrap().clone();
    let new_id = order.lines[0].new_subscription_id.clone().unwrap();
    let duplicate =
        order.affected.iter().find(|a| a.issue == AffectedIssue::DuplicateService).unwrap();
    assert_eq!(duplicate.new_subscription_id.as_deref(), Some(new_id.as_str()));
    assert_eq!(orders::affected_work(&order, duplicate).act_on, Some("sub-wingtip-2"));
    assert_ne!(catalog.service_name("onedrive"), "onedrive", "the catalog names the service");

    // A document written before the field existed still loads, and its
    // order's only line says which subscription the accounts belong to.
    let mut doc: serde_json::Value =
        serde_json::from_str(&upgrade_center::store::document::to_json(&w)).unwrap();
    let mut removed = 0;
    for order in doc["orders"].as_array_mut().unwrap() {
        for a in order["affected"].as_array_mut().into_iter().flatten() {
            removed +=
                usize::from(a.as_object_mut().unwrap().remove("newSubscriptionId").is_some());
        }
    }
    assert!(removed > 0);
    let old = upgrade_center::store::document::parse(&doc.to_string(), &catalog)
        .expect("an older document loads");
    let order = old.orders.iter().find(|o| o.id == id).unwrap();
    assert!(order.affected.iter().all(|a| a.new_subscription_id.is_none()));
    let duplicate =
        order.affected.iter().find(|a| a.issue == AffectedIssue::DuplicateService).unwrap();
    assert_eq!(
        orders::affected_work(order, duplicate),
        orders::AffectedWork { act_on: Some("sub-wingtip-2"), offer_id: Some("o365-e1") }
    );
}
