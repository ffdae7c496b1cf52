//! The worldwide demo's new-commerce customers (SPEC 10.6,
//! docs/rules.md#demo-workspaces): Proseware, Woodgrove, Lamna and Fourth
//! Coffee beside the legacy customers, each with the term, billing, batches
//! and users the specification gives, loading with no problem, and priced and
//! evaluated as SPEC 10.1 and 10.2 say.

mod common;

use common::{at, catalog, d, now};
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::clock::Timestamp;
use upgrade_center::domain::eligibility::evaluate;
use upgrade_center::domain::nce::{self, TermDuration};
use upgrade_center::domain::orders;
use upgrade_center::domain::workspace::{
    BillingCycle, Commerce, Customer, Subscription, SubscriptionStatus, Workspace,
};
use upgrade_center::store::{demo, document};

/// The demo as the app opens it: parsed and validated against the catalog.
fn workspace() -> Workspace {
    document::parse(demo::demo_text(Cloud::Worldwide), &catalog())
        .unwrap_or_else(|problems| panic!("the demo must load: {problems}"))
}

fn customer<'a>(w: &'a Workspace, id: &str) -> &'a Customer {
    w.customer(id).unwrap_or_else(|| panic!("the demo has {id}"))
}

fn sub<'a>(w: &'a Workspace, customer_id: &str, id: &str) -> &'a Subscription {
    customer(w, customer_id).subscription(id).unwrap_or_else(|| panic!("{customer_id} has {id}"))
}

fn instant(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// (term, billing, term start and end, period start and end) of `s`.
type Terms = (Option<TermDuration>, BillingCycle, (String, String), (String, String));

fn terms(s: &Subscription) -> Terms {
    let text = |date: Option<upgrade_center::domain::date::Date>| date.unwrap().to_string();
    (
        s.nce_term(),
        s.billing_cycle,
        (text(s.term_start), text(s.term_end)),
        (s.period_start.to_string(), s.period_end.to_string()),
    )
}

fn dates(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// The unit price a month of `s`, in its customer's currency.
fn unit_price(w: &Workspace, customer_id: &str, s: &Subscription) -> (String, i64) {
    let catalog = catalog();
    let c = customer(w, customer_id);
    let offer = catalog.offer(&s.offer_id).unwrap();
    let currency = catalog.billing(w.partner.cloud, &c.market).currency.clone();
    (currency, catalog.subscription_price(offer, w.partner.cloud, &c.market, s))
}

#[test]
fn the_demo_loads_with_the_legacy_customers_first_and_four_nce_ones_after() {
    let w = workspace();
    let ids: Vec<&str> = w.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 18);
    assert_eq!(&ids[14..], ["proseware", "woodgrove", "lamna", "fourth-coffee"]);
    for c in &w.customers[..14] {
        assert!(c.subscriptions.iter().all(|s| s.commerce == Commerce::Legacy), "{}", c.id);
    }
    for c in &w.customers[14..] {
        assert!(c.subscriptions.iter().all(|s| s.commerce == Commerce::Nce), "{}", c.id);
        assert!(c.delegated_admin.granted && c.delegated_admin.services.is_none());
        for s in &c.subscriptions {
            assert_eq!(s.status, SubscriptionStatus::Active, "{}", s.id);
            assert!(s.id.starts_with(&format!("sub-{}-", c.id)), "{}", s.id);
            // The batches hold exactly the licences (as written, not filled in).
            assert_eq!(nce::total(&s.seat_batches), u64::from(s.quantity), "{}", s.id);
        }
        for (n, u) in c.users.iter().enumerate() {
            assert_eq!(u.id, format!("u-{}-{}", c.id, n + 1));
            assert_eq!(u.usage_location.as_deref(), Some(c.market.as_str()), "{}", u.id);
        }
    }
    // What the app reads is what it validates: the fast read agrees.
    assert_eq!(demo::demo(Cloud::Worldwide), w);
}

#[test]
fn proseware_is_business_basic_for_a_year_billed_monthly_with_a_batch_still_removable() {
    let w = workspace();
    let c = customer(&w, "proseware");
    assert_eq!(c.market, "US");
    let s = sub(&w, "proseware", "sub-proseware-1");
    assert_eq!((s.offer_id.as_str(), s.quantity), ("m365-business-basic", 20));
    assert_eq!(
        terms(s),
        (
            Some(TermDuration::P1Y),
            BillingCycle::Monthly,
            dates("2026-03-01", "2027-03-01"),
            dates("2026-11-01", "2026-12-01")
        )
    );
    let batches: Vec<(u32, Timestamp)> =
        s.seat_batches.iter().map(|b| (b.quantity, b.added_at)).collect();
    assert_eq!(
        batches,
        [(15, instant("2026-03-01T00:00:00Z")), (5, instant("2026-11-18T10:00:00Z"))]
    );
    // The 5 added on Nov 18 can be removed until Nov 25, 10:00; the 15 no longer.
    assert_eq!(nce::removable(&s.seat_batches, now()), 5);
    assert_eq!(s.seat_batches[1].removable_until(), instant("2026-11-25T10:00:00Z"));
    assert!(!nce::cancellable(&s.seat_batches, now()));
    assert_eq!((c.users.len(), c.assigned_users(&s.id)), (14, 14));
    // USD 6.00 × 1.05 for a year billed monthly.
    assert_eq!(unit_price(&w, "proseware", s), ("USD".to_string(), 630));
}

#[test]
fn proseware_can_upgrade_to_business_standard_and_the_worked_example_holds() {
    let catalog = catalog();
    let mut w = workspace();
    let c = customer(&w, "proseware");
    let s = sub(&w, "proseware", "sub-proseware-1");
    let evaluation = evaluate(&catalog, &w, c, s);
    let standard = evaluation.target("m365-business-standard").unwrap();
    assert!(standard.eligible, "{:?}", standard.reasons);
    assert!(standard.reasons.is_empty());
    assert_eq!((standard.quantity_min, standard.quantity_max), (1, 20));
    // SPEC 10.2: all 20 to Business Standard (13.13) with 10 of 30 days left.
    w.cart.push(common::line("proseware", "sub-proseware-1", "m365-business-standard", 20));
    let quote = orders::quote_cart(&catalog, &w, &"proseware".into(), now()).unwrap();
    assert_eq!((quote.credits_minor, quote.charges_minor, quote.total_minor), (4200, 8753, 4553));
}

#[test]
fn woodgrove_is_business_standard_billed_annually_with_defender_on_the_same_term() {
    let catalog = catalog();
    let mut w = workspace();
    let c = customer(&w, "woodgrove");
    assert_eq!((c.market.as_str(), c.users.len()), ("US", 10));
    let base = sub(&w, "woodgrove", "sub-woodgrove-1");
    let addon = sub(&w, "woodgrove", "sub-woodgrove-2");
    assert_eq!((base.offer_id.as_str(), base.quantity), ("m365-business-standard", 10));
    let year = dates("2026-03-01", "2027-03-01");
    let expected = (Some(TermDuration::P1Y), BillingCycle::Annual, year.clone(), year);
    assert_eq!(terms(base), expected);
    assert_eq!(addon.offer_id, "addon-defender-office-p1");
    assert_eq!(addon.parent_subscription_id.as_ref(), Some(&base.id));
    assert_eq!(terms(addon), expected, "the add-on is on its base's term");
    assert_eq!((c.assigned_users(&base.id), c.assigned_users(&addon.id)), (10, 10));
    assert_eq!(unit_price(&w, "woodgrove", base), ("USD".to_string(), 1250));
    // SPEC 10.2: all 10 to Office 365 E3 with 100 of 365 days left.
    w.cart.push(common::line("woodgrove", "sub-woodgrove-1", "o365-e3", 10));
    let quote = orders::quote_cart(&catalog, &w, &"woodgrove".into(), now()).unwrap();
    assert_eq!(
        (quote.credits_minor, quote.charges_minor, quote.total_minor),
        (41096, 75616, 34520)
    );
}

#[test]
fn lamna_renews_tomorrow_with_six_licences_and_is_locked_now() {
    let w = workspace();
    let c = customer(&w, "lamna");
    let s = sub(&w, "lamna", "sub-lamna-1");
    assert_eq!(
        (c.market.as_str(), s.offer_id.as_str(), s.quantity),
        ("US", "m365-business-basic", 8)
    );
    let month = dates("2026-10-22", "2026-11-22");
    assert_eq!(terms(s), (Some(TermDuration::P1M), BillingCycle::Monthly, month.clone(), month));
    let next = s.next_term.as_ref().expect("lamna has a next term");
    assert_eq!((next.quantity, next.term_duration, next.billing_cycle), (Some(6), None, None));
    // Within 24 hours of the term's end on the demo's today; not the day before.
    assert!(nce::scheduled_changes_locked(s.term_end.unwrap(), now()));
    assert!(!nce::scheduled_changes_locked(s.term_end.unwrap(), at("2026-11-20")));
    // The next term's licences still hold every user who has one.
    assert!(c.assigned_users(&s.id) <= 6);
    // USD 6.00 × 1.20 for a one-month term.
    assert_eq!(unit_price(&w, "lamna", s), ("USD".to_string(), 720));
}

#[test]
fn fourth_coffee_is_office_365_e3_for_three_years_billed_annually_in_euros() {
    let w = workspace();
    let c = customer(&w, "fourth-coffee");
    assert_eq!(c.market, "IT");
    let s = sub(&w, "fourth-coffee", "sub-fourth-coffee-1");
    assert_eq!((s.offer_id.as_str(), s.quantity), ("o365-e3", 25));
    assert_eq!(
        terms(s),
        (
            Some(TermDuration::P3Y),
            BillingCycle::Annual,
            dates("2025-06-01", "2028-06-01"),
            dates("2026-06-01", "2027-06-01")
        )
    );
    assert_eq!(s.seat_batches.len(), 1);
    assert_eq!(s.seat_batches[0].added_at, Timestamp::at(d("2025-06-01"), 0));
    assert!(c.assigned_users(&s.id) <= 25);
    assert!(c.users.iter().all(|u| u.user_principal_name.ends_with("@fourthcoffee.example")));
    // The catalog's EUR 21.60, × 1.00 for a term paid annually.
    let e3 = catalog().offer("o365-e3").unwrap().prices["EUR"];
    assert_eq!(unit_price(&w, "fourth-coffee", s), ("EUR".to_string(), e3));
    assert_eq!(e3, 2160);
}
