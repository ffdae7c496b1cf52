//! The opportunities report (docs/rules.md#opportunities-report): its rows are the Upgrade tab's own
//! evaluations side by side, priced by hand here, filtered, totalled per
//! currency and exported as its CSV (docs/rules.md#opportunities-csv).

mod common;

use common::catalog;
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::eligibility::{evaluate, ReasonCode};
use upgrade_center::domain::nce::TermDuration;
use upgrade_center::domain::opportunities::{self, Filter, Opportunity, CSV_HEADER};
use upgrade_center::domain::workspace::{BillingCycle, SubscriptionStatus};
use upgrade_center::store::demo;

#[test]
fn rows_are_priced_by_the_difference_times_the_licences() {
    let catalog = catalog();
    let w = demo::demo(Cloud::Worldwide);
    let rows = opportunities::opportunities(&catalog, &w);
    let row = |sub: &str, target: &str| {
        rows.iter().find(|r| r.subscription_id == sub && r.target_offer_id == target).unwrap()
    };
    // Contoso: 25 × Business Basic (USD 6.00) to E3 (USD 23.00): 25 × 17.00 a month.
    let e3 = row("sub-contoso-1", "o365-e3");
    assert!(e3.eligible);
    assert_eq!(
        (e3.monthly_change_minor, e3.annual_change_minor(), e3.currency.as_str()),
        (42_500, 510_000, "USD")
    );
    // To E1 (USD 10.00): 25 × 4.00.
    assert_eq!(row("sub-contoso-1", "o365-e1").monthly_change_minor, 10_000);
    // Largest monthly change first, within a currency (across them, in USD: below).
    assert!(rows
        .windows(2)
        .filter(|p| p[0].currency == p[1].currency)
        .all(|p| p[0].monthly_change_minor >= p[1].monthly_change_minor));
    // Only active base subscriptions: no add-on, no suspended or pending one.
    for r in &rows {
        let s = w.customer(&r.customer_id).unwrap().subscription(&r.subscription_id).unwrap();
        assert_eq!(s.status, SubscriptionStatus::Active);
        assert!(s.parent_subscription_id.is_none());
    }
    assert!(!rows.iter().any(|r| r.subscription_id == "sub-northwind-1"), "suspended");
}

/// A new-commerce row is priced on its subscription's term and billing at
/// both ends: the target is the same offer under new commerce, on the same
/// term and billing (docs/rules.md#new-commerce). A legacy row beside it
/// keeps the catalog's prices.
#[test]
fn nce_rows_are_priced_on_their_own_term_and_billing() {
    let catalog = catalog();
    let w = demo::demo(Cloud::Worldwide);
    let rows = opportunities::opportunities(&catalog, &w);
    let row = |sub: &str, target: &str| {
        rows.iter().find(|r| r.subscription_id == sub && r.target_offer_id == target).unwrap()
    };
    fn summary(r: &Opportunity) -> (Option<TermDuration>, BillingCycle, bool, i64, &str) {
        (r.term, r.billing_cycle, r.eligible, r.monthly_change_minor, r.currency.as_str())
    }
    // Proseware, 1 year billed monthly (× 1.05): 20 × (13.13 − 6.30) = USD 136.60,
    // not the legacy 20 × (12.50 − 6.00) = 130.00.
    let proseware = row("sub-proseware-1", "m365-business-standard");
    assert_eq!(
        summary(proseware),
        (Some(TermDuration::P1Y), BillingCycle::Monthly, true, 13_660, "USD")
    );
    assert_eq!(proseware.annual_change_minor(), 163_920);
    // Lamna, 1 month (× 1.20): 8 × (15.00 − 7.20) = USD 62.40.
    assert_eq!(
        summary(row("sub-lamna-1", "m365-business-standard")),
        (Some(TermDuration::P1M), BillingCycle::Monthly, true, 6_240, "USD")
    );
    // Woodgrove, 1 year billed annually (× 1.00): 10 × (23.00 − 12.50) = USD 105.00.
    assert_eq!(
        summary(row("sub-woodgrove-1", "o365-e3")),
        (Some(TermDuration::P1Y), BillingCycle::Annual, true, 10_500, "USD")
    );
    // Fourth Coffee's Office 365 E3 has no upgrade path: no row.
    assert!(!rows.iter().any(|r| r.customer_id == "fourth-coffee"));
    // Contoso, legacy, the same move: 25 × (12.50 − 6.00) = USD 162.50.
    assert_eq!(
        summary(row("sub-contoso-1", "m365-business-standard")),
        (None, BillingCycle::Monthly, true, 16_250, "USD")
    );
    // Every row: the difference of the two prices the subscription would pay.
    for r in &rows {
        let c = w.customer(&r.customer_id).unwrap();
        let s = c.subscription(&r.subscription_id).unwrap();
        assert_eq!(r.term, s.nce_term(), "{}", r.subscription_id);
        let price = |offer: &str| {
            let offer = catalog.offer(offer).unwrap();
            catalog.subscription_price(offer, w.partner.cloud, &c.market, s)
        };
        let change = (price(&r.target_offer_id) - price(&r.offer_id)) * i64::from(r.quantity);
        assert_eq!(r.monthly_change_minor, change, "{} → {}", r.subscription_id, r.target_offer_id);
    }
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
    assert!(
        !eligible.is_empty() && eligible.iter().all(|r| r.eligible) && eligible.len() < rows.len()
    );
    // Text: customer name, domain, or the current offer's name (any case).
    let by_name = Filter { text: "  CONTOSO ".into(), ..all.clone() }.apply(&rows);
    assert!(!by_name.is_empty() && by_name.iter().all(|r| r.customer_id == "contoso"));
    let by_offer = Filter { text: "business basic".into(), ..all.clone() }.apply(&rows);
    assert!(
        by_offer.iter().all(|r| r.offer_id.starts_with("m365-business-basic"))
            && !by_offer.is_empty()
    );
    let by_target = Filter { target: Some("o365-e5".into()), ..all.clone() }.apply(&rows);
    assert!(by_target.iter().all(|r| r.target_offer_id == "o365-e5") && !by_target.is_empty());
    let by_reason =
        Filter { reason: Some(ReasonCode::TargetOfferAlreadyOwned), ..all.clone() }.apply(&rows);
    assert!(
        !by_reason.is_empty()
            && by_reason
                .iter()
                .all(|r| r.reason_codes.contains(&ReasonCode::TargetOfferAlreadyOwned))
    );
    let by_market = Filter { market: Some("ZZ".into()), ..all.clone() }.apply(&rows);
    assert!(by_market.is_empty());
    // Totals: eligible rows only, per currency, each subscription once with
    // its largest change (see the test below; it used to sum every row).
    let totals = opportunities::totals(&all.apply(&rows));
    let mut usd = std::collections::BTreeMap::new();
    for r in rows.iter().filter(|r| r.eligible && r.currency == "USD") {
        let largest = usd.entry((&r.customer_id, &r.subscription_id)).or_insert(i64::MIN);
        *largest = (*largest).max(r.monthly_change_minor);
    }
    let usd_total = totals.iter().find(|t| t.currency == "USD").unwrap();
    assert_eq!(
        (usd_total.monthly_change_minor, usd_total.subscriptions),
        (usd.values().sum::<i64>(), usd.len())
    );
    assert_eq!(opportunities::upgradable_subscriptions(&rows), {
        let mut subs: Vec<_> =
            rows.iter().filter(|r| r.eligible).map(|r| &r.subscription_id).collect();
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
    // The specified columns first, in their order (docs/rules.md#opportunities-csv);
    // the names and the annual
    // change as a decimal after them.
    assert_eq!(
        "customer_id,customer_name,market,subscription_id,offer_id,quantity,target_offer_id,eligible,reason_codes,currency,monthly_change,monthly_change_minor,annual_change_minor,\
         subscription_name,offer_name,target_offer_name,annual_change",
        CSV_HEADER.join(",")
    );
    let first = lines.next().unwrap();
    let row = shown[0];
    let expected_name = format!("\"{}\"", row.customer_name.replace('"', "\"\""));
    let name = if row.customer_name.contains([',', '"']) {
        expected_name
    } else {
        row.customer_name.clone()
    };
    assert!(first.starts_with(&format!("{},{},", row.customer_id, name)), "{first}");
    let fields: Vec<&str> = first.rsplitn(8, ',').collect();
    let decimal = |minor: i64| {
        format!(
            "{}{}.{:02}",
            if minor < 0 { "-" } else { "" },
            minor.abs() / 100,
            minor.abs() % 100
        )
    };
    assert_eq!(fields[0], decimal(row.annual_change_minor()));
    assert_eq!(fields[1], catalog.offer_name(&row.target_offer_id));
    assert_eq!(fields[2], catalog.offer_name(&row.offer_id));
    assert_eq!(fields[3], row.subscription_name);
    assert_eq!(fields[4], row.annual_change_minor().to_string());
    assert_eq!(fields[5], row.monthly_change_minor.to_string());
    assert_eq!(fields[6], decimal(row.monthly_change_minor));
    assert_eq!(row.annual_change_minor(), 12 * row.monthly_change_minor);
    // One row in full: Contoso's Business Basic to E3, 25 × (23.00 − 6.00) USD.
    let e3 = shown
        .iter()
        .find(|r| r.subscription_id == "sub-contoso-1" && r.target_offer_id == "o365-e3")
        .expect("a row");
    let codes: Vec<&str> = e3.reason_codes.iter().map(|c| c.as_str()).collect();
    let line = format!(
        "contoso,\"Contoso, \"\"北京\"\" Ltd\",US,sub-contoso-1,m365-business-basic,25,o365-e3,{},{},USD,425.00,42500,510000,Contoso mail,Microsoft 365 Business Basic,Office 365 E3,5100.00\r\n",
        e3.eligible,
        codes.join(";")
    );
    assert!(text.contains(&line), "{line} in {text}");
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
    for (i, name) in
        ["Öresund AB", "Alpha", "Zeta", "Alpha", "Öresund AB", "beta"].iter().enumerate()
    {
        let mut c = template.clone();
        c.id = format!("tie-{i}").into();
        c.company_name = name.to_string();
        for s in &mut c.subscriptions {
            s.id = format!("{}-{}", s.id, 9 - i).into();
        }
        for u in &mut c.users {
            for l in &mut u.licenses {
                *l = format!("{l}-{}", 9 - i).into();
            }
        }
        w.customers.push(c);
    }
    let rows = opportunities::opportunities(&catalog, &w);
    assert!(rows.iter().filter(|r| r.customer_id.starts_with("tie-")).count() > 6);
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let key = |r: &opportunities::Opportunity| {
            (
                std::cmp::Reverse(usd_change(&catalog, &w, r)),
                r.customer_name.clone(),
                r.subscription_id.clone(),
                r.target_offer_id.clone(),
            )
        };
        assert!(key(a) < key(b), "{:?} before {:?}", key(a), key(b));
    }
}

/// A regression (docs/rules.md#opportunities-report): the targets of one
/// subscription exclude each other, so the
/// total counts each subscription once, with its largest eligible change among
/// the rows shown; it used to add E5, E3, Business Standard and E1 of the same
/// Business Basic together.
#[test]
fn totals_count_each_subscription_once_with_its_largest_eligible_change() {
    let catalog = catalog();
    let w = demo::demo(Cloud::Worldwide);
    let rows = opportunities::opportunities(&catalog, &w);
    let total = |filter: Filter| {
        let totals = opportunities::totals(&filter.apply(&rows));
        assert!(totals.len() <= 1, "{totals:?}");
        totals.into_iter().next().map(|t| (t.currency, t.monthly_change_minor, t.subscriptions))
    };
    // Contoso: 25 × Business Basic (USD 6.00), eligible for several targets;
    // the largest is E5 (USD 38.00): 25 × 32.00 a month, and nothing else.
    let contoso: Vec<_> = Filter { text: "contoso".into(), ..Filter::default() }.apply(&rows);
    assert!(
        contoso.len() > 1
            && contoso.iter().all(|r| r.subscription_id == "sub-contoso-1" && r.eligible),
        "{contoso:?}"
    );
    assert!(contoso.iter().any(|r| r.target_offer_id == "o365-e5"));
    assert_eq!(
        total(Filter { text: "contoso".into(), ..Filter::default() }),
        Some(("USD".into(), 80_000, 1))
    );
    // The largest among the rows passing the filters: with E3 chosen, E3's.
    assert_eq!(
        total(Filter {
            text: "contoso".into(),
            target: Some("o365-e3".into()),
            ..Filter::default()
        }),
        Some(("USD".into(), 42_500, 1))
    );
    // Blocked rows never count, even with "eligible only" off.
    assert_eq!(
        total(Filter { text: "contoso".into(), eligible_only: false, ..Filter::default() }),
        Some(("USD".into(), 80_000, 1))
    );
    // Nothing eligible shown: no total at all (the page says so instead).
    assert_eq!(
        total(Filter {
            reason: Some(ReasonCode::DelegatedAdminPermissionsDisabled),
            eligible_only: false,
            ..Filter::default()
        }),
        None
    );
    // Across the demo: one subscription, one amount, never a sum of its options.
    let shown = Filter::default().apply(&rows);
    let totals = opportunities::totals(&shown);
    let mut subscriptions: Vec<_> =
        shown.iter().map(|r| (&r.customer_id, &r.subscription_id)).collect();
    subscriptions.sort();
    subscriptions.dedup();
    assert_eq!(totals.iter().map(|t| t.subscriptions).sum::<usize>(), subscriptions.len());
    let every_row: i64 =
        shown.iter().filter(|r| r.currency == "USD").map(|r| r.monthly_change_minor).sum();
    let usd = totals.iter().find(|t| t.currency == "USD").unwrap().monthly_change_minor;
    assert!(usd < every_row, "{usd} is less than the sum of every option, {every_row}");
}

/// Two customers may use the same subscription id (imported documents):
/// they are two subscriptions, each counted.
#[test]
fn totals_keep_subscriptions_of_two_customers_apart() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    let mut twin = w.customer("contoso").unwrap().clone();
    twin.id = "contoso-twin".into();
    twin.company_name = "Contoso Twin".into();
    w.customers.push(twin);
    let rows = opportunities::opportunities(&catalog, &w);
    let totals =
        opportunities::totals(&Filter { text: "contoso".into(), ..Filter::default() }.apply(&rows));
    assert_eq!(
        totals
            .iter()
            .map(|t| (t.currency.as_str(), t.monthly_change_minor, t.subscriptions))
            .collect::<Vec<_>>(),
        [("USD", 160_000, 2)]
    );
}

/// Four customers with Business Basic in four currencies; `licences` each.
fn four_currencies(licences: [u32; 4]) -> upgrade_center::domain::workspace::Workspace {
    let mut w = demo::demo(Cloud::Worldwide);
    w.orders.clear();
    w.cart.clear();
    let template = w.customer("contoso").unwrap().clone();
    w.customers.clear();
    for (i, (name, market)) in
        [("Ames US", "US"), ("Bari IT", "IT"), ("Gävle SE", "SE"), ("Zagora IN", "IN")]
            .into_iter()
            .enumerate()
    {
        let mut c = template.clone();
        c.id = format!("c{i}").into();
        c.company_name = name.into();
        c.market = market.into();
        c.subscriptions.truncate(1);
        c.subscriptions[0].id = format!("s{i}").into();
        c.subscriptions[0].quantity = licences[i];
        for u in c.users.iter_mut() {
            u.licenses = vec![format!("s{i}").into()];
        }
        c.users.truncate(1);
        w.customers.push(c);
    }
    w
}

#[test]
fn rows_of_different_currencies_compare_by_the_change_in_usd() {
    let catalog = catalog();
    // The same change everywhere: the rupee row's larger number does not put it first.
    let w = four_currencies([10, 10, 10, 10]);
    let e3: Vec<(String, String)> = opportunities::opportunities(&catalog, &w)
        .into_iter()
        .filter(|r| r.target_offer_id == "o365-e3")
        .map(|r| (r.customer_name, r.currency))
        .collect();
    let names: Vec<&str> = e3.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Ames US", "Bari IT", "Gävle SE", "Zagora IN"], "ties by customer name");
    let currencies: Vec<&str> = e3.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(currencies, ["USD", "EUR", "SEK", "INR"]);
    // One licence more in Sweden is the larger change, whatever the kronor say.
    let w = four_currencies([10, 10, 11, 10]);
    let rows = opportunities::opportunities(&catalog, &w);
    let first = rows.into_iter().find(|r| r.target_offer_id == "o365-e3").unwrap();
    assert_eq!(
        (first.customer_name.as_str(), first.target_offer_id.as_str()),
        ("Gävle SE", "o365-e3")
    );
    // The amounts shown stay in each customer's currency.
    assert_eq!(first.currency, "SEK");
}

#[test]
fn china_rows_in_yuan_follow_the_same_usd_order() {
    let catalog = catalog();
    let w = demo::demo(Cloud::China);
    let rows = opportunities::opportunities(&catalog, &w);
    assert!(rows.iter().all(|r| r.currency == "CNY"));
    let usd = |r: &Opportunity| usd_change(&catalog, &w, r);
    assert!(rows.windows(2).all(|p| usd(&p[0]) >= usd(&p[1])));
}

/// A row's monthly change in the catalog's USD prices, worked out here from the catalog.
fn usd_change(
    catalog: &upgrade_center::domain::catalog::Catalog,
    w: &upgrade_center::domain::workspace::Workspace,
    r: &Opportunity,
) -> i64 {
    let s = w.customer(&r.customer_id).unwrap().subscription(&r.subscription_id).unwrap();
    let usd = |offer: &str| {
        let offer = catalog.offer(offer).unwrap();
        catalog.usd_subscription_price(offer, s)
    };
    (usd(&r.target_offer_id) - usd(&r.offer_id)) * i64::from(r.quantity)
}

#[test]
fn the_csv_written_in_parts_is_the_whole_csv() {
    let rows = opportunities::opportunities(&catalog(), &demo::demo(Cloud::Worldwide));
    let shown = Filter { eligible_only: false, ..Filter::default() }.apply(&rows);
    assert!(shown.len() > 3, "enough rows for several parts");
    for per_part in [1, 2, 3, shown.len()] {
        let parts: String = shown
            .chunks(per_part)
            .enumerate()
            .map(|(n, part)| opportunities::csv_part(part, n == 0))
            .collect();
        assert_eq!(parts, opportunities::to_csv(&shown), "{per_part} rows a part");
    }
    // Only the first part carries the BOM and the header.
    assert!(!opportunities::csv_part(&shown[1..], false).contains("customer_id"));
}

#[test]
fn built_a_part_at_a_time_the_report_is_the_same_rows_in_the_same_order() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    // Two customers of one name, so the order's tie-break on the name is seen.
    let mut twin = w.customers[0].clone();
    twin.id = "contoso-twin".into();
    w.customers.push(twin);
    let whole = opportunities::opportunities(&catalog, &w);
    for per_part in 1..=w.customers.len() + 1 {
        let mut parts = opportunities::InParts::default();
        let mut tasks = 1;
        while parts.add(&catalog, &w, per_part) {
            tasks += 1;
        }
        assert_eq!(tasks, w.customers.len().div_ceil(per_part).max(1), "{per_part} a part");
        assert_eq!(parts.finish(&w), whole, "{per_part} customers a part");
    }
}

#[test]
fn parts_added_from_a_workspace_that_shrank_meanwhile_never_panic() {
    let catalog = catalog();
    let full = demo::demo(Cloud::Worldwide);
    let mut parts = opportunities::InParts::default();
    parts.add(&catalog, &full, full.customers.len() - 1);
    let mut smaller = full.clone();
    smaller.customers.truncate(2);
    assert!(!parts.add(&catalog, &smaller, 5));
    // Rows nobody reads (the app drops this run), but no panic.
    let _ = parts.finish(&smaller);
}
