//! New-commerce subscriptions in the workspace document
//! (docs/rules.md#new-commerce): the fields load and save, a subscription
//! without batches gets one of all its licences at its term's start, and
//! every field that breaks a rule is named by its path, on load and import.

mod common;

use common::catalog;
use serde_json::{json, Value};
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::nce::TermDuration;
use upgrade_center::domain::workspace::{BillingCycle, Commerce};
use upgrade_center::store::demo;
use upgrade_center::store::document::{self, Reason};

fn proseware() -> Value {
    common::nce_contoso_mail()
}

/// The demo with `subscription` as Contoso's first, its users left as they are.
fn with(subscription: Value) -> String {
    common::demo_text_with_mail(subscription).to_string()
}

fn problems(subscription: Value) -> Vec<(String, Reason)> {
    let problems = document::parse(&with(subscription), &catalog()).unwrap_err();
    problems.iter().map(|p| (p.path.clone(), p.reason.clone())).collect()
}

const AT: &str = "customers[0].subscriptions[0]";

#[test]
fn a_new_commerce_subscription_loads_and_writes_back_the_same_fields() {
    let w = document::parse(&with(proseware()), &catalog()).unwrap();
    let s = &w.customers[0].subscriptions[0];
    assert_eq!(s.commerce, Commerce::Nce);
    assert_eq!(s.term_duration, Some(TermDuration::P1Y));
    assert_eq!(s.seat_batches.len(), 2);
    let written: Value = serde_json::from_str(&document::to_json(&w)).unwrap();
    assert_eq!(written["customers"][0]["subscriptions"][0], proseware());
    // A legacy subscription writes none of them: documents without them are as before.
    let legacy = &written["customers"][0]["subscriptions"][1];
    assert!(legacy.get("commerce").is_none() && legacy.get("seatBatches").is_none());
}

#[test]
fn without_batches_the_licences_are_one_batch_at_the_term_start() {
    let mut s = proseware();
    s.as_object_mut().unwrap().remove("seatBatches");
    let w = document::parse(&with(s), &catalog()).unwrap();
    let batches = &w.customers[0].subscriptions[0].seat_batches;
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].quantity, 20);
    assert_eq!(batches[0].added_at.to_rfc3339(), "2026-03-01T00:00:00.000Z");
}

#[test]
fn every_broken_rule_is_named_by_its_path() {
    let broken = |field: &str, value: Value| {
        let mut s = proseware();
        s[field] = value;
        problems(s)
    };
    assert_eq!(
        broken("billingCycle", json!("triennial")),
        [(
            format!("{AT}.billingCycle"),
            Reason::BillingNotOffered { term: "P1Y".into(), billing: "triennial".into() }
        )]
    );
    assert_eq!(
        broken("termEnd", json!("2027-02-01")),
        [(format!("{AT}.termEnd"), Reason::TermEndIs { expected: "2027-03-01".into() })]
    );
    assert_eq!(
        broken("periodEnd", json!("2026-12-15")),
        [(format!("{AT}.periodStart"), Reason::PeriodOutsideTerm)]
    );
    assert_eq!(
        broken("quantity", json!(21)),
        [(format!("{AT}.seatBatches"), Reason::BatchesDoNotSum { total: 20, quantity: 21 })]
    );
    assert_eq!(
        broken("offerId", json!("o365-e4")),
        [(format!("{AT}.offerId"), Reason::NotSoldUnderNce { offer: "o365-e4".into() })]
    );
    let mut no_term = proseware();
    no_term.as_object_mut().unwrap().remove("termDuration");
    assert_eq!(problems(no_term), [(format!("{AT}.termDuration"), Reason::Missing)]);
    // A term it does not sell, read as any unknown value is.
    assert!(broken("termDuration", json!("P2Y"))[0].0.ends_with("termDuration"));
}

#[test]
fn a_legacy_subscription_has_no_term_and_is_never_triennial() {
    let mut s = proseware();
    s["commerce"] = json!("legacy");
    let found = problems(s);
    for field in ["termDuration", "termStart", "termEnd", "seatBatches"] {
        assert!(found.contains(&(format!("{AT}.{field}"), Reason::NceOnly)), "{field}: {found:?}");
    }
    let mut legacy: Value = serde_json::from_str(demo::demo_text(Cloud::Worldwide)).unwrap();
    legacy = legacy["customers"][0]["subscriptions"][0].take();
    legacy["billingCycle"] = json!("triennial");
    assert_eq!(problems(legacy), [(format!("{AT}.billingCycle"), Reason::TriennialOnlyNce)]);
    assert_eq!(BillingCycle::LEGACY, [BillingCycle::Monthly, BillingCycle::Annual]);
}

/// A licence of an NCE subscription costs the catalog's price times its
/// term-and-billing factor; a legacy one the catalog's price.
#[test]
fn an_nce_licence_is_priced_with_its_term_and_billing() {
    let catalog = catalog();
    let w = document::parse(&with(proseware()), &catalog).unwrap();
    let contoso = &w.customers[0];
    let price = |s: &upgrade_center::domain::workspace::Subscription| {
        let offer = catalog.offer(&s.offer_id).unwrap();
        catalog.subscription_price(offer, Cloud::Worldwide, &contoso.market, s)
    };
    assert_eq!(price(&contoso.subscriptions[0]), 630, "USD 6.00 × 1.05, billed monthly on a year");
    let mut annual = contoso.subscriptions[0].clone();
    annual.billing_cycle = BillingCycle::Annual;
    assert_eq!(price(&annual), 600);
    let mut legacy = annual.clone();
    legacy.commerce = Commerce::Legacy;
    legacy.billing_cycle = BillingCycle::Monthly;
    assert_eq!(price(&legacy), 600);
}

/// The quote of an NCE upgrade now, for `quantity` of the subscription's
/// licences to `target`, on 2026-11-21 (the demo's today).
fn quote_now(subscription: Value, target: &str, quantity: u32) -> (i64, i64, i64) {
    use upgrade_center::domain::eligibility::evaluate;
    use upgrade_center::domain::proration::{quote_timed, Upgrade};
    use upgrade_center::domain::workspace::UpgradeTiming;
    let catalog = catalog();
    let w = document::parse(&with(subscription), &catalog).unwrap();
    let customer = &w.customers[0];
    let source = &customer.subscriptions[0];
    let evaluation = evaluate(&catalog, &w, customer, source);
    let target = evaluation.target(target).expect("a target of the matrix");
    assert_eq!((target.quantity_min, target.quantity_max), (1, source.quantity));
    let upgrade = Upgrade { customer, source, target, quantity, cycle: source.billing_cycle };
    let today = upgrade_center::domain::date::Date::parse("2026-11-21").unwrap();
    let q = quote_timed(&catalog, &w, upgrade, UpgradeTiming::Now, today);
    (q.credits_minor, q.charges_minor, q.total_minor)
}

/// SPEC 10.2's worked examples, to the cent: co-terminous, the target runs
/// to the source's period end (docs/rules.md#new-commerce).
#[test]
fn the_worked_examples_of_an_nce_upgrade_to_the_cent() {
    // Proseware: Business Basic P1Y billed monthly (USD 6.30), 10 of 30 days left.
    assert_eq!(quote_now(proseware(), "m365-business-standard", 20), (4200, 8753, 4553));
    assert_eq!(quote_now(proseware(), "m365-business-standard", 8), (1680, 3501, 1821));
    // Woodgrove: Business Standard P1Y billed annually (USD 12.50), 100 of 365 days left.
    let mut woodgrove = proseware();
    for (field, value) in [
        ("offerId", json!("m365-business-standard")),
        ("quantity", json!(10)),
        ("billingCycle", json!("annual")),
        ("periodStart", json!("2026-03-01")),
        ("periodEnd", json!("2027-03-01")),
        ("seatBatches", json!([{ "quantity": 10, "addedAt": "2026-03-01T00:00:00Z" }])),
    ] {
        woodgrove[field] = value;
    }
    assert_eq!(quote_now(woodgrove, "o365-e3", 10), (41096, 75616, 34520));
}

/// The workspace after `line` is placed and completed on the demo's today.
fn completed(
    subscription: Value,
    quantity: u32,
    users: &[&str],
) -> upgrade_center::domain::workspace::Workspace {
    use upgrade_center::domain::orders::{self, PROVISIONING_MS};
    use upgrade_center::domain::workspace::PaymentMethod;
    let catalog = catalog();
    let mut w = document::parse(&with(subscription), &catalog).unwrap();
    let mut line = common::line("contoso", "sub-contoso-1", "m365-business-standard", quantity);
    line.moved_users = users.iter().map(|u| (*u).into()).collect();
    w.cart.push(line);
    let at = common::now();
    common::place(&mut w, "k", "contoso", PaymentMethod::CreditCard, at).unwrap();
    orders::advance(&catalog, &mut w, at.plus_millis(PROVISIONING_MS), "Tester");
    w
}

#[test]
fn a_full_nce_upgrade_changes_the_offer_in_place() {
    let before = document::parse(&with(proseware()), &catalog()).unwrap();
    let w = completed(proseware(), 20, &[]);
    let (old, new) = (&before.customers[0], &w.customers[0]);
    let s = new.subscription("sub-contoso-1").unwrap();
    assert_eq!(s.offer_id, "m365-business-standard");
    assert_eq!(
        (s.quantity, &s.seat_batches, s.term_end),
        (20, &old.subscriptions[0].seat_batches, old.subscriptions[0].term_end)
    );
    assert_eq!(new.subscriptions.len(), old.subscriptions.len(), "no new subscription");
    assert_eq!(new.users, old.users, "every user keeps the licence");
    assert_eq!(
        w.orders.last().unwrap().lines[0].new_subscription_id.as_deref(),
        Some("sub-contoso-1")
    );
    assert!(w.audit.iter().any(|e| e.code() == "offer_changed"));
}

#[test]
fn a_partial_nce_upgrade_moves_the_picked_users_to_a_new_subscription_on_the_same_term() {
    let w = completed(proseware(), 8, &["u-contoso-1", "u-contoso-2"]);
    let c = &w.customers[0];
    let source = c.subscription("sub-contoso-1").unwrap();
    assert_eq!((source.offer_id.as_str(), source.quantity), ("m365-business-basic", 12));
    assert_eq!(source.seat_batches.iter().map(|b| b.quantity).sum::<u32>(), 12);
    let new_id = w.orders.last().unwrap().lines[0].new_subscription_id.clone().unwrap();
    let new = c.subscription(&new_id).unwrap();
    assert_eq!(
        (new.offer_id.as_str(), new.quantity, new.term_end),
        ("m365-business-standard", 8, source.term_end)
    );
    assert_eq!(new.seat_batches.len(), 1);
    assert_eq!(new.seat_batches[0].added_at, source.seat_batches[0].added_at, "no new window");
    let holders = |id: &str| c.users.iter().filter(|u| u.licenses.iter().any(|l| l == id)).count();
    assert_eq!((holders(&new_id), holders("sub-contoso-1")), (2, 4));
}

#[test]
fn a_partial_nce_upgrade_needs_the_users_the_rest_cannot_hold() {
    use upgrade_center::domain::orders::{self, PlaceError};
    // 6 users hold the 20 licences; upgrading 16 leaves 4: at least 2 must move.
    let catalog = catalog();
    let mut w = document::parse(&with(proseware()), &catalog).unwrap();
    w.cart.push(common::line("contoso", "sub-contoso-1", "m365-business-standard", 16));
    assert_eq!(
        orders::quote_cart(&catalog, &w, &"contoso".into(), common::now()).unwrap_err(),
        PlaceError::UsersToMove {
            subscription_id: "sub-contoso-1".into(),
            target: "m365-business-standard".into(),
            min: 2,
            max: 6,
            picked: 0
        }
    );
}

/// A PO number (SPEC 10.5) is trimmed, at most 40 characters, kept on the
/// order, and named by the order's audit sentence and the audit CSV.
#[test]
fn a_po_number_is_trimmed_checked_kept_on_the_order_and_in_the_log() {
    use upgrade_center::domain::audit_log::to_csv;
    use upgrade_center::domain::orders::{self, po_number, PlaceError, PlaceRequest};
    use upgrade_center::domain::workspace::PaymentMethod;
    use upgrade_center::i18n::audit::AuditWords;
    use upgrade_center::i18n::Locale;
    assert_eq!(po_number("  4500012345 "), Ok(Some("4500012345".into())));
    assert_eq!(po_number("   "), Ok(None));
    assert_eq!(po_number(&"9".repeat(40)), Ok(Some("9".repeat(40))));
    assert_eq!(po_number(&"9".repeat(41)), Err(PlaceError::PoNumberTooLong { max: 40 }));
    assert_eq!(po_number(&"é".repeat(40)).map(|p| p.map(|p| p.chars().count())), Ok(Some(40)));

    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    w.cart.push(common::line("contoso", "sub-contoso-1", "o365-e3", 25));
    let c = w.customer("contoso").unwrap().clone();
    let key = "k".into();
    let mut request = PlaceRequest {
        key: &key,
        customer_id: &c.id,
        payment: PaymentMethod::CreditCard,
        sold_to: &c.sold_to,
        bill_to: &c.bill_to,
        actor: "T",
        now: common::now(),
        po_number: Some(" PO-77 "),
    };
    let long = "x".repeat(41);
    let refused = PlaceRequest { po_number: Some(&long), ..request };
    let untouched = w.clone();
    assert_eq!(
        orders::place_order(&catalog, &mut w, refused),
        Err(PlaceError::PoNumberTooLong { max: 40 })
    );
    assert_eq!(w, untouched, "a refused PO number places nothing");
    request.po_number = Some(" PO-77 ");
    let id = orders::place_order(&catalog, &mut w, request).unwrap();
    let order = w.orders.iter().find(|o| o.id == id).unwrap();
    assert_eq!(order.po_number.as_deref(), Some("PO-77"));
    let placed = w
        .audit
        .iter()
        .find(|e| e.code() == "order_placed" && e.action().order() == Some(id.as_str()))
        .unwrap();
    let words = AuditWords { t: Locale::EnUs.strings(), catalog: &catalog, workspace: &w };
    assert!(words.sentence(placed).ends_with("(PO PO-77)"), "{}", words.sentence(placed));
    let csv = to_csv(&catalog, &w, &[placed], |code| code.to_string());
    assert!(csv.lines().next().unwrap().ends_with(",outcome,po_number"));
    assert!(csv.lines().nth(1).unwrap().ends_with(",PO-77"), "{csv}");
}
