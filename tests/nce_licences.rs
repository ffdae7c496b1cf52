//! New-commerce licences, cancellation, renewal and scheduled changes
//! (docs/rules.md#new-commerce-licences, docs/rules.md#new-commerce-renewal,
//! docs/rules.md#new-commerce-scheduled-changes), on Contoso's mail made a
//! new-commerce subscription like the demo's Proseware: Business Basic, P1Y
//! billed monthly (USD 6.30), 20 licences in batches of 15 (Mar 1) and 5
//! (Nov 18, 10:00), period Nov 1 – Dec 1; 6 of its users hold a licence.

mod common;

use common::{catalog, d, line, place, LineExt};
use serde_json::{json, Value};
use upgrade_center::domain::clock::Timestamp;
use upgrade_center::domain::ids::{CustomerId, SubscriptionId};
use upgrade_center::domain::licenses::{self, LicenseError};
use upgrade_center::domain::proration::{
    cancellation_refund, count_change_price, CountChangePrice,
};
use upgrade_center::domain::renewal::advance_clock;
use upgrade_center::domain::scheduled::{self, ScheduledChange};
use upgrade_center::domain::workspace::{
    AuditAction, OrderStatus, PaymentMethod, Subscription, SubscriptionStatus, Workspace,
};

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// Nov 21, 10:00 UTC: the demo's today. The batch of Nov 18, 10:00 is open until Nov 25, 10:00.
fn now() -> Timestamp {
    ts("2026-11-21T10:00:00Z")
}

fn contoso() -> CustomerId {
    "contoso".into()
}

fn mail() -> SubscriptionId {
    "sub-contoso-1".into()
}

fn nce_mail() -> Value {
    common::nce_contoso_mail()
}

fn workspace(mail: Value) -> Workspace {
    common::demo_with_mail(mail)
}

fn sub(w: &Workspace) -> &Subscription {
    w.customer("contoso").unwrap().subscription("sub-contoso-1").unwrap()
}

/// What the audit log says of Contoso's mail, oldest first (the demo's other
/// subscriptions renew on the same days).
fn mail_log(w: &Workspace) -> Vec<AuditAction> {
    let mail = Some(mail());
    w.audit.iter().filter(|e| e.subscription_id == mail).map(|e| e.action()).collect()
}

fn price(w: &Workspace, quantity: u32, today: &str) -> CountChangePrice {
    let customer = w.customer("contoso").unwrap();
    count_change_price(&catalog(), w, customer, sub(w), quantity, d(today))
}

#[test]
fn added_licences_are_a_batch_of_their_own_charged_to_the_period_end() {
    let mut w = workspace(nce_mail());
    // USD 6.30 × 3 × 1 month × 10 of 30 days = 6.30.
    match price(&w, 23, "2026-11-21") {
        CountChangePrice::Added {
            now_minor, remaining_days, period_days, monthly_minor, ..
        } => {
            assert_eq!(
                (now_minor, remaining_days, period_days, monthly_minor),
                (630, 10, 30, 1890)
            );
        }
        other => panic!("{other:?}"),
    }
    licenses::set_quantity(&catalog(), &mut w, &contoso(), &mail(), 23, now(), "T").unwrap();
    let s = sub(&w);
    assert_eq!(s.quantity, 23);
    assert_eq!(s.seat_batches.len(), 3);
    assert_eq!((s.seat_batches[2].quantity, s.seat_batches[2].added_at), (3, now()));
}

#[test]
fn licences_come_off_only_batches_in_their_window_newest_first_with_a_refund() {
    let mut w = workspace(nce_mail());
    // 6.30 × 4 × 10/30 = 8.40 back.
    match price(&w, 16, "2026-11-21") {
        CountChangePrice::Refunded { removed, refund_minor, .. } => {
            assert_eq!((removed, refund_minor), (4, 840));
        }
        other => panic!("{other:?}"),
    }
    let cat = catalog();
    assert_eq!(
        licenses::check_quantity(&cat, &w, &contoso(), &mail(), 14, now()),
        Err(LicenseError::OutsideWindow { removable: 5 })
    );
    licenses::set_quantity(&cat, &mut w, &contoso(), &mail(), 16, now(), "T").unwrap();
    let batches: Vec<u32> = sub(&w).seat_batches.iter().map(|b| b.quantity).collect();
    assert_eq!(batches, [15, 1]);
    // At 168 hours the window has closed: nothing more can come off.
    let closed = ts("2026-11-25T10:00:00Z");
    assert_eq!(
        licenses::check_quantity(&cat, &w, &contoso(), &mail(), 15, closed),
        Err(LicenseError::OutsideWindow { removable: 0 })
    );
    assert!(
        licenses::check_quantity(&cat, &w, &contoso(), &mail(), 15, closed.plus_millis(-1)).is_ok()
    );
}

#[test]
fn the_next_term_takes_1_to_the_current_count_with_auto_renew_on_and_before_the_lock() {
    let mut w = workspace(nce_mail());
    let set = |w: &mut Workspace, n: Option<u32>, at: Timestamp| {
        licenses::set_next_term(w, &contoso(), &mail(), n, at, "T")
    };
    assert_eq!(set(&mut w, Some(21), now()), Err(LicenseError::NextTermAbove(20)));
    assert_eq!(set(&mut w, Some(0), now()), Err(LicenseError::BelowAssigned(1)));
    set(&mut w, Some(12), now()).unwrap();
    assert_eq!(sub(&w).next_term.as_ref().and_then(|n| n.quantity), Some(12));
    let last = w.audit.last().unwrap().action();
    assert_eq!(last, AuditAction::NextTermChanged { from: None, to: Some(12) });
    // The lock: 24 hours before Mar 1 2027.
    let locked = ts("2027-02-28T00:00:00Z");
    assert_eq!(set(&mut w, Some(10), locked), Err(LicenseError::ScheduledLocked(locked)));
    assert!(set(&mut w, Some(10), locked.plus_millis(-1)).is_ok());
    // Its current count is no change: nothing scheduled.
    set(&mut w, Some(20), now()).unwrap();
    assert_eq!(sub(&w).next_term, None);
    licenses::set_auto_renew(&mut w, &contoso(), &mail(), false, now(), "T").unwrap();
    assert_eq!(set(&mut w, Some(12), now()), Err(LicenseError::AutoRenewOff));
}

#[test]
fn cancelling_within_the_window_refunds_and_takes_users_and_add_ons_along() {
    let mut doc = nce_mail();
    doc["seatBatches"] = json!([{ "quantity": 20, "addedAt": "2026-11-18T10:00:00Z" }]);
    let mut w = workspace(doc);
    let customer = w.customer("contoso").unwrap();
    // 6.30 × 20 × 10/30 = 42.00.
    assert_eq!(cancellation_refund(&catalog(), &w, customer, sub(&w), d("2026-11-21")), 4200);
    licenses::cancel_now(&catalog(), &mut w, &contoso(), &mail(), now(), "T").unwrap();
    let c = w.customer("contoso").unwrap();
    assert_eq!(sub(&w).status, SubscriptionStatus::Cancelled);
    assert_eq!(c.subscription("sub-contoso-2").unwrap().status, SubscriptionStatus::Cancelled);
    assert_eq!(c.assigned_users(&mail()), 0);
}

#[test]
fn after_the_window_it_cannot_be_cancelled_only_left_to_end() {
    let mut w = workspace(nce_mail());
    let before = w.clone();
    let err = licenses::cancel_now(&catalog(), &mut w, &contoso(), &mail(), now(), "T");
    assert_eq!(
        err,
        Err(LicenseError::CancelWindowClosed {
            closed: ts("2026-03-08T00:00:00Z"),
            term_end: d("2027-03-01")
        })
    );
    assert_eq!(w, before, "nothing changed");
    // The manual path's last step says the same for a new-commerce source.
    assert!(matches!(
        licenses::check_cancel(&w, &contoso(), &mail(), now()),
        Err(LicenseError::StillAssigned(_))
    ));
}

#[test]
fn at_term_end_it_renews_with_the_next_term_in_one_new_batch() {
    let mut doc = nce_mail();
    doc["nextTerm"] = json!({ "quantity": 4 });
    let mut w = workspace(doc);
    // Billing periods move on inside the term.
    assert!(advance_clock(&catalog(), &mut w, ts("2026-12-01T00:00:00Z"), "T"));
    assert_eq!((sub(&w).period_start, sub(&w).period_end), (d("2026-12-01"), d("2027-01-01")));
    assert!(matches!(mail_log(&w).last().unwrap(), AuditAction::BillingPeriodStarted { .. }));
    assert!(advance_clock(&catalog(), &mut w, ts("2027-03-01T00:00:00Z"), "T"));
    let s = sub(&w);
    assert_eq!((s.term_start, s.term_end), (Some(d("2027-03-01")), Some(d("2028-03-01"))));
    assert_eq!((s.period_start, s.period_end), (d("2027-03-01"), d("2027-04-01")));
    assert_eq!(s.quantity, 4);
    assert_eq!(s.seat_batches.len(), 1);
    assert_eq!(
        (s.seat_batches[0].quantity, s.seat_batches[0].added_at),
        (4, ts("2027-03-01T00:00:00Z"))
    );
    assert_eq!(s.next_term, None);
    // 6 users held a licence, 4 licences renewed: the last 2 lost theirs.
    assert_eq!(w.customer("contoso").unwrap().assigned_users(&mail()), 4);
    let kinds: Vec<String> =
        mail_log(&w).iter().rev().take(3).map(|a| a.code().to_string()).collect();
    assert_eq!(kinds, ["licenses_unassigned", "licenses_changed", "term_renewed"]);
    // A new window: the renewed licences can be removed (or the subscription cancelled) for 168 hours.
    assert!(licenses::check_cancel_now(&w, &contoso(), &mail(), ts("2027-03-07T23:59:59Z")).is_ok());
}

#[test]
fn without_auto_renew_it_expires_at_term_end_not_at_a_period_end() {
    let mut doc = nce_mail();
    doc["autoRenew"] = json!(false);
    let mut w = workspace(doc);
    advance_clock(&catalog(), &mut w, ts("2026-12-01T00:00:00Z"), "T");
    assert_eq!(sub(&w).status, SubscriptionStatus::Active);
    advance_clock(&catalog(), &mut w, ts("2027-03-01T00:00:00Z"), "T");
    assert_eq!(sub(&w).status, SubscriptionStatus::Expired);
    assert_eq!(w.customer("contoso").unwrap().assigned_users(&mail()), 0);
}

/// Contoso's mail with 12 licences for the next term and an upgrade at
/// renewal to Business Standard with 8, placed now.
fn with_both_scheduled() -> Workspace {
    let mut doc = nce_mail();
    doc["nextTerm"] = json!({ "quantity": 12 });
    let mut w = workspace(doc);
    w.cart.push(line("contoso", "sub-contoso-1", "m365-business-standard", 8).at_renewal());
    place(&mut w, "k-1", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    w
}

#[test]
fn an_immediate_change_removes_every_scheduled_change_first_named() {
    let mut w = with_both_scheduled();
    let named = scheduled::removed_by_change(&w, sub(&w), now());
    assert_eq!(
        named.iter().map(ScheduledChange::kind).collect::<Vec<_>>(),
        ["next_term", "upgrade"]
    );
    licenses::set_quantity(&catalog(), &mut w, &contoso(), &mail(), 21, now(), "T").unwrap();
    assert_eq!(sub(&w).next_term, None);
    assert_eq!(w.orders[0].status, OrderStatus::Cancelled);
    assert!(scheduled::of(&w, sub(&w)).is_empty());
}

#[test]
fn in_the_last_24_hours_an_immediate_change_leaves_them_locked_in_place() {
    let mut w = with_both_scheduled();
    let locked = ts("2027-02-28T12:00:00Z");
    assert!(scheduled::removed_by_change(&w, sub(&w), locked).is_empty());
    licenses::set_quantity(&catalog(), &mut w, &contoso(), &mail(), 21, locked, "T").unwrap();
    assert_eq!(scheduled::of(&w, sub(&w)).len(), 2);
}

#[test]
fn a_scheduled_upgrade_runs_at_term_end_with_the_scheduled_licences_under_a_new_id() {
    let mut w = with_both_scheduled();
    let mut t = ts("2027-03-01T00:00:00Z");
    while advance_clock(&catalog(), &mut w, t, "T") {
        t = t.plus_millis(60_000);
    }
    let order = &w.orders[0];
    assert_eq!(order.status, OrderStatus::Completed);
    let new_id = order.lines[0].new_subscription_id.clone().unwrap();
    assert_ne!(new_id, mail());
    let c = w.customer("contoso").unwrap();
    let new = c.subscription(&new_id).unwrap();
    assert_eq!((new.offer_id.as_str(), new.quantity), ("m365-business-standard", 8));
    assert_eq!((new.term_start, new.term_end), (Some(d("2027-03-01")), Some(d("2028-03-01"))));
    assert_eq!(new.seat_batches.len(), 1);
    assert_eq!(sub(&w).status, SubscriptionStatus::Expired);
    // All 6 users who held the old licence hold the new one.
    assert_eq!(c.assigned_users(&new_id), 6);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Step {
        Licences(u32),
        NextTerm(u32),
        Wait(u32),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (1u32..40).prop_map(Step::Licences),
            (1u32..25).prop_map(Step::NextTerm),
            (1u32..2_000).prop_map(Step::Wait),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the partner and the clock do: the batches sum to the
        /// licences, and an immediate change outside the lock leaves no
        /// scheduled change behind.
        #[test]
        fn batches_sum_and_immediate_changes_clear_the_schedule(steps in prop::collection::vec(step(), 1..12)) {
            let mut w = workspace(nce_mail());
            let mut at = now();
            for step in steps {
                match step {
                    Step::Licences(n) => {
                        let locked = scheduled::locked_since(sub(&w), at).is_some();
                        let changed = licenses::set_quantity(&catalog(), &mut w, &contoso(), &mail(), n, at, "T").is_ok();
                        if changed && !locked {
                            prop_assert!(scheduled::of(&w, sub(&w)).is_empty());
                        }
                    }
                    Step::NextTerm(n) => {
                        let _ = licenses::set_next_term(&mut w, &contoso(), &mail(), Some(n), at, "T");
                    }
                    Step::Wait(hours) => {
                        at = at.plus_millis(i64::from(hours) * 3_600_000);
                        advance_clock(&catalog(), &mut w, at, "T");
                    }
                }
                let s = sub(&w);
                let sum: u64 = s.seat_batches.iter().map(|b| u64::from(b.quantity)).sum();
                prop_assert_eq!(sum, u64::from(s.quantity));
                prop_assert!(s.seat_batches.iter().all(|b| b.quantity > 0));
            }
        }
    }
}

#[test]
fn an_upgrade_at_renewal_needs_auto_renew_and_cannot_be_made_in_the_lock() {
    use upgrade_center::domain::orders::PlaceError;
    let mut w = workspace(nce_mail());
    licenses::set_auto_renew(&mut w, &contoso(), &mail(), false, now(), "T").unwrap();
    w.cart.push(line("contoso", "sub-contoso-1", "m365-business-standard", 8).at_renewal());
    let refused = place(&mut w, "k-1", "contoso", PaymentMethod::CreditCard, now());
    assert_eq!(refused, Err(PlaceError::CannotSchedule { subscription_id: mail(), locked: None }));
    licenses::set_auto_renew(&mut w, &contoso(), &mail(), true, now(), "T").unwrap();
    let late = ts("2027-02-28T08:00:00Z");
    let refused = place(&mut w, "k-1", "contoso", PaymentMethod::CreditCard, late);
    let locked = Some(ts("2027-02-28T00:00:00Z"));
    assert_eq!(refused, Err(PlaceError::CannotSchedule { subscription_id: mail(), locked }));
    assert!(place(&mut w, "k-1", "contoso", PaymentMethod::CreditCard, now()).is_ok());
}

#[test]
fn an_upgrade_at_renewal_schedules_at_least_the_users_who_hold_a_licence() {
    use upgrade_center::domain::orders::PlaceError;
    // 6 users hold one of the 20 licences: 6 to the seat maximum may be scheduled.
    let mut w = workspace(nce_mail());
    w.cart.push(line("contoso", "sub-contoso-1", "m365-business-standard", 5).at_renewal());
    let refused = place(&mut w, "k-1", "contoso", PaymentMethod::CreditCard, now());
    assert!(matches!(refused, Err(PlaceError::BadQuantity { .. })), "{refused:?}");
    w.cart[0].quantity = 30;
    assert!(place(&mut w, "k-1", "contoso", PaymentMethod::CreditCard, now()).is_ok());
    // Now, the same target takes 1 to the 20 licences held.
    let mut w = workspace(nce_mail());
    w.cart.push(line("contoso", "sub-contoso-1", "m365-business-standard", 21));
    let refused = place(&mut w, "k-2", "contoso", PaymentMethod::CreditCard, now());
    assert!(matches!(refused, Err(PlaceError::BadQuantity { .. })), "{refused:?}");
}
