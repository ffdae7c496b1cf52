//! The opportunities report (SPEC 9.1): its rows are the Upgrade tab's own
//! evaluations side by side, priced by hand here, filtered, totalled per
//! currency and exported as SPEC 9.1's CSV.

use upgrade_center::domain::catalog::{Catalog, Cloud};
use upgrade_center::domain::eligibility::{evaluate, ReasonCode};
use upgrade_center::domain::opportunities::{self, Filter, CSV_HEADER};
use upgrade_center::domain::workspace::SubscriptionStatus;
use upgrade_center::store::demo;

fn catalog() -> Catalog {
    Catalog::from_json(include_str!("../assets/catalog.json")).unwrap()
}

#[test]
fn rows_are_priced_by_the_difference_times_the_licences() {
    let catalog = catalog();
    let w = demo::demo(Cloud::Worldwide);
    let rows = opportunities::opportunities(&catalog, &w);
    let row = |sub: &str, target: &str| rows.iter().find(|r| r.subscription_id == sub && r.target_offer_id == target).unwrap();
    // Contoso: 25 × Business Basic (USD 6.00) to E3 (USD 23.00): 25 × 17.00 a month.
    let e3 = row("sub-contoso-1", "o365-e3");
    assert!(e3.eligible);
    assert_eq!((e3.monthly_change_minor, e3.annual_change_minor(), e3.currency.as_str()), (42_500, 510_000, "USD"));
    // To E1 (USD 10.00): 25 × 4.00.
    assert_eq!(row("sub-contoso-1", "o365-e1").monthly_change_minor, 10_000);
    // Largest monthly change first.
    assert!(rows.windows(2).all(|p| p[0].monthly_change_minor >= p[1].monthly_change_minor));
    // Only active base subscriptions: no add-on, no suspended or pending one.
    for r in &rows {
        let s = w.customer(&r.customer_id).unwrap().subscription(&r.subscription_id).unwrap();
        assert_eq!(s.status, SubscriptionStatus::Active);
        assert!(s.parent_subscription_id.is_none());
    }
    assert!(!rows.iter().any(|r| r.subscription_id == "sub-northwind-1"), "suspended");
}

#[test]
fn eligibility_is_the_upgrade_tabs_own() {
    let catalog = catalog();
    for cloud in [Cloud::Worldwide, Cloud::China] {
        let w = demo::demo(cloud);
        let rows = opportunities::opportunities(&catalog, &w);
        assert!(!rows.is_empty());
        for r in &rows {
            let c = w.customer(&r.customer_id).unwrap();
            let e = evaluate(&catalog, &w, c, c.subscription(&r.subscription_id).unwrap());
            let t = e.target(&r.target_offer_id).unwrap();
            assert_eq!(r.eligible, t.eligible, "{} → {}", r.subscription_id, r.target_offer_id);
            let mut codes: Vec<ReasonCode> = t.reasons.iter().map(|x| x.code).collect();
            codes.dedup();
            assert_eq!(r.reason_codes.is_empty(), r.eligible);
            assert!(codes.iter().all(|c| r.reason_codes.contains(c)));
        }
    }
}

#[test]
fn filters_narrow_the_rows_and_totals_sum_the_eligible_ones_per_currency() {
    let catalog = catalog();
    let w = demo::demo(Cloud::Worldwide);
    let rows = opportunities::opportunities(&catalog, &w);
    let all = Filter { eligible_only: false, ..Filter::default() };
    assert_eq!(all.apply(&rows).len(), rows.len());
    let eligible = Filter::default().apply(&rows);
    assert!(eligible.iter().all(|r| r.eligible) && eligible.len() < rows.len());
    // Text: customer name, domain, or the current offer's name (any case).
    let by_name = Filter { text: "  CONTOSO ".into(), ..all.clone() }.apply(&rows);
    assert!(!by_name.is_empty() && by_name.iter().all(|r| r.customer_id == "contoso"));
    let by_offer = Filter { text: "business basic".into(), ..all.clone() }.apply(&rows);
    assert!(by_offer.iter().all(|r| r.offer_id.starts_with("m365-business-basic")) && !by_offer.is_empty());
    let by_target = Filter { target: Some("o365-e5".into()), ..all.clone() }.apply(&rows);
    assert!(by_target.iter().all(|r| r.target_offer_id == "o365-e5") && !by_target.is_empty());
    let by_reason = Filter { reason: Some(ReasonCode::TargetOfferAlreadyOwned), ..all.clone() }.apply(&rows);
    assert!(by_reason.iter().all(|r| r.reason_codes.contains(&ReasonCode::TargetOfferAlreadyOwned)));
    let by_market = Filter { market: Some("ZZ".into()), ..all.clone() }.apply(&rows);
    assert!(by_market.is_empty());
    // Totals: eligible rows only, per currency.
    let totals = opportunities::totals(&all.apply(&rows));
    let usd: i64 = rows.iter().filter(|r| r.eligible && r.currency == "USD").map(|r| r.monthly_change_minor).sum();
    assert_eq!(totals.iter().find(|(c, _)| c == "USD").map(|(_, s)| *s), Some(usd));
    assert_eq!(opportunities::upgradable_subscriptions(&rows), {
        let mut subs: Vec<_> = rows.iter().filter(|r| r.eligible).map(|r| &r.subscription_id).collect();
        subs.sort();
        subs.dedup();
        subs.len()
    });
}

#[test]
fn the_csv_reads_back_with_its_header_and_amounts() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    // A name that needs quoting, in a language of its own.
    w.customers[0].company_name = "Contoso, \"北京\" Ltd".into();
    let rows = opportunities::opportunities(&catalog, &w);
    let shown = Filter { eligible_only: false, ..Filter::default() }.apply(&rows);
    let csv = opportunities::to_csv(&shown);
    let text = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next().unwrap(), CSV_HEADER.join(","));
    assert_eq!(
        "customer_id,customer_name,market,subscription_id,offer_id,quantity,target_offer_id,eligible,reason_codes,currency,monthly_change,monthly_change_minor,annual_change_minor",
        CSV_HEADER.join(",")
    );
    let first = lines.next().unwrap();
    let row = shown[0];
    let expected_name = format!("\"{}\"", row.customer_name.replace('"', "\"\""));
    let name = if row.customer_name.contains([',', '"']) { expected_name } else { row.customer_name.clone() };
    assert!(first.starts_with(&format!("{},{},", row.customer_id, name)), "{first}");
    let fields: Vec<&str> = first.rsplitn(4, ',').collect();
    assert_eq!(fields[0], row.annual_change_minor().to_string());
    assert_eq!(fields[1], row.monthly_change_minor.to_string());
    assert_eq!(fields[2], format!("{}.{:02}", row.monthly_change_minor / 100, (row.monthly_change_minor % 100).abs()));
    assert_eq!(text.matches("\r\n").count(), shown.len() + 1);
    let blocked = shown.iter().find(|r| r.reason_codes.len() > 1);
    if let Some(r) = blocked {
        let codes: Vec<&str> = r.reason_codes.iter().map(|c| c.as_str()).collect();
        assert!(text.contains(&codes.join(";")));
    }
    assert!(text.contains("\"Contoso, \"\"北京\"\" Ltd\""));
}

/// Ties on the amount go to the customer's name, then the subscription, then
/// the target, whatever order the customers are stored in; customers that
/// share a name keep their rows apart by subscription id.
#[test]
fn rows_that_tie_on_the_amount_follow_name_then_subscription_then_target() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    let template = w.customers[0].clone();
    // Names out of order, two of them shared, every amount tied by offer.
    for (i, name) in ["Öresund AB", "Alpha", "Zeta", "Alpha", "Öresund AB", "beta"].iter().enumerate() {
        let mut c = template.clone();
        c.id = format!("tie-{i}");
        c.company_name = name.to_string();
        for s in &mut c.subscriptions {
            s.id = format!("{}-{}", s.id, 9 - i);
        }
        for u in &mut c.users {
            for l in &mut u.licenses {
                *l = format!("{l}-{}", 9 - i);
            }
        }
        w.customers.push(c);
    }
    let rows = opportunities::opportunities(&catalog, &w);
    assert!(rows.iter().filter(|r| r.customer_id.starts_with("tie-")).count() > 6);
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let key = |r: &opportunities::Opportunity| {
            (std::cmp::Reverse(r.monthly_change_minor), r.customer_name.clone(), r.subscription_id.clone(), r.target_offer_id.clone())
        };
        assert!(key(a) < key(b), "{:?} before {:?}", key(a), key(b));
    }
}
