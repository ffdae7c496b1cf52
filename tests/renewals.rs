//! The renewals report (docs/rules.md#renewals-report) at its boundaries: a
//! batch exactly 168 hours old, a term ending now, the 24-hour lock starting,
//! the horizon's edge, subscriptions that are over, legacy ones on their
//! period's end; the order, the filters and the export.

mod common;

use common::catalog;
use serde_json::{json, Value};
use upgrade_center::domain::clock::Timestamp;
use upgrade_center::domain::renewals::{self, attention, Event, Filter, Renewal, CSV_HEADER};
use upgrade_center::domain::workspace::Workspace;

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

const HOUR: i64 = 3_600_000;

/// Contoso's mail under new commerce (`common::nce_contoso_mail`) with `changes`.
fn nce_mail(changes: Value) -> Value {
    let mut s = common::nce_contoso_mail();
    for (key, value) in changes.as_object().unwrap() {
        s[key] = value.clone();
    }
    s
}

fn workspace(mail: Value) -> Workspace {
    common::demo_with_mail(mail)
}

/// The events of Contoso's mail at `now` within `days`.
fn mail_events(w: &Workspace, now: &str, days: u32) -> Vec<(Event, String)> {
    renewals::renewals(&catalog(), w, ts(now), days)
        .into_iter()
        .filter(|r| r.subscription_id == "sub-contoso-1")
        .map(|r| (r.event, r.at.to_rfc3339_seconds()))
        .collect()
}

#[test]
fn a_window_closes_168_hours_after_its_batch_and_is_gone_at_that_instant() {
    let w = workspace(nce_mail(json!({})));
    let closes = (Event::WindowCloses, "2026-11-25T10:00:00Z".to_string());
    assert_eq!(mail_events(&w, "2026-11-21T10:00:00Z", 7), std::slice::from_ref(&closes));
    assert_eq!(mail_events(&w, "2026-11-25T09:59:59Z", 7), [closes]);
    assert!(mail_events(&w, "2026-11-25T10:00:00Z", 7).is_empty(), "exactly 168 hours old");
}

#[test]
fn a_term_ending_now_is_a_row_until_the_clock_renews_it() {
    let w = workspace(nce_mail(json!({})));
    let renews = (Event::Renews, "2027-03-01T00:00:00Z".to_string());
    assert!(mail_events(&w, "2027-02-28T00:00:00Z", 30).contains(&renews));
    assert!(mail_events(&w, "2027-03-01T00:00:00Z", 30).contains(&renews));
    assert!(!mail_events(&w, "2027-03-01T00:00:01Z", 30).contains(&renews));
}

#[test]
fn a_scheduled_change_locks_24_hours_before_the_term_ends() {
    let w = workspace(nce_mail(json!({ "nextTerm": { "quantity": 12 } })));
    let locks = (Event::ChangeLocks, "2027-02-28T00:00:00Z".to_string());
    assert!(mail_events(&w, "2027-02-27T23:59:59Z", 7).contains(&locks));
    assert!(mail_events(&w, "2027-02-28T00:00:00Z", 7).contains(&locks), "the lock starting");
    assert!(!mail_events(&w, "2027-02-28T00:00:01Z", 7).contains(&locks));
    // Without a scheduled change nothing locks.
    let plain = workspace(nce_mail(json!({})));
    assert!(!mail_events(&plain, "2027-02-27T00:00:00Z", 7)
        .iter()
        .any(|e| e.0 == Event::ChangeLocks));
}

#[test]
fn the_horizon_includes_its_last_instant() {
    let w = workspace(nce_mail(json!({})));
    let now = ts("2027-03-01T00:00:00Z").plus_millis(-30 * 24 * HOUR);
    let at = |t: Timestamp| {
        renewals::renewals(&catalog(), &w, t, 30)
            .iter()
            .any(|r| r.subscription_id == "sub-contoso-1" && r.event == Event::Renews)
    };
    assert!(at(now));
    assert!(!at(now.plus_millis(-1)));
}

#[test]
fn what_renews_is_the_next_term_priced_for_its_first_period() {
    let w = workspace(nce_mail(json!({ "nextTerm": { "quantity": 12 } })));
    let rows = renewals::renewals(&catalog(), &w, ts("2027-02-20T10:00:00Z"), 30);
    let row =
        rows.iter().find(|r| r.subscription_id == "sub-contoso-1" && r.event == Event::Renews);
    let next = row.unwrap().next.clone().unwrap();
    // 12 × USD 6.30 × 1 month.
    assert_eq!(
        (next.quantity, next.offer_id.as_str(), next.charge_minor),
        (12, "m365-business-basic", 7560)
    );
}

#[test]
fn ended_subscriptions_have_no_row_and_auto_renew_off_ends() {
    for status in ["expired", "cancelled"] {
        let w = workspace(nce_mail(json!({ "status": status })));
        assert!(mail_events(&w, "2026-11-21T10:00:00Z", 90).is_empty(), "{status}");
    }
    let w = workspace(nce_mail(
        json!({ "autoRenew": false, "termEnd": "2026-12-01", "termDuration": "P1M", "termStart": "2026-11-01", "seatBatches": [{ "quantity": 20, "addedAt": "2026-11-01T00:00:00Z" }] }),
    ));
    assert_eq!(
        mail_events(&w, "2026-11-21T10:00:00Z", 30),
        [(Event::Ends, "2026-12-01T00:00:00Z".to_string())]
    );
}

#[test]
fn a_legacy_subscription_renews_or_ends_on_its_period_end() {
    let w = common::demo_without_orders();
    let rows = renewals::renewals(&catalog(), &w, ts("2026-11-21T10:00:00Z"), 30);
    let addon = rows.iter().find(|r| r.subscription_id == "sub-contoso-2").unwrap();
    assert_eq!(
        (addon.event, addon.at.to_rfc3339_seconds()),
        (Event::Renews, "2026-12-01T00:00:00Z".into())
    );
    assert!(rows.iter().all(|r| r.event != Event::WindowCloses || r.commerce.is_nce()));
}

#[test]
fn rows_come_soonest_first_and_filter_by_text_market_and_event() {
    let w = workspace(nce_mail(json!({})));
    let rows = renewals::renewals(&catalog(), &w, ts("2026-11-21T10:00:00Z"), 90);
    assert!(rows.windows(2).all(|p| p[0].at <= p[1].at));
    // Ours and the demo's Proseware, both closing on Nov 25 at 10:00.
    let window = Filter { event: Some(Event::WindowCloses), ..Filter::default() }.indices(&rows);
    let ids: Vec<&str> = window.iter().map(|&i| rows[i].subscription_id.as_str()).collect();
    assert_eq!(ids, ["sub-contoso-1", "sub-proseware-1"], "ties by customer name");
    let contoso = Filter { text: "  CONTOSO ".into(), ..Filter::default() }.indices(&rows);
    assert!(!contoso.is_empty() && contoso.iter().all(|&i| rows[i].customer_id == "contoso"));
    let markets = Filter { market: Some("SE".into()), ..Filter::default() }.indices(&rows);
    assert!(markets.iter().all(|&i| rows[i].market == "SE"));
}

#[test]
fn the_export_has_its_header_a_bom_and_quotes_a_name_with_a_comma() {
    let mut w = workspace(nce_mail(json!({})));
    w.customers[0].company_name = "Contoso, Ltd".into();
    let rows = renewals::renewals(&catalog(), &w, ts("2026-11-21T10:00:00Z"), 7);
    let shown: Vec<&Renewal> =
        rows.iter().filter(|r| r.subscription_id == "sub-contoso-1").collect();
    let csv = renewals::to_csv(&shown);
    let mut lines = csv.strip_prefix('\u{feff}').unwrap().split("\r\n");
    assert_eq!(lines.next().unwrap(), CSV_HEADER.join(","));
    assert_eq!(
        lines.next().unwrap(),
        "contoso,\"Contoso, Ltd\",sub-contoso-1,m365-business-basic,nce,P1Y,monthly,20,window_closes,2026-11-25T10:00:00Z,,,USD,,"
    );
}

#[test]
fn the_customers_line_counts_windows_in_48_hours_and_renewals_in_7_days() {
    let w = workspace(nce_mail(json!({})));
    let now = ts("2026-11-23T10:00:01Z");
    let rows = renewals::renewals(&catalog(), &w, now, 7);
    let (closing, renewing) = attention(&rows, now);
    assert_eq!(closing, 2, "ours and Proseware's, Nov 25 at 10:00, 47 h 59 min away");
    let legacy_renewing = rows.iter().filter(|r| r.event == Event::Renews).count();
    assert_eq!(renewing, legacy_renewing);
    let (closing, _) = attention(&rows, ts("2026-11-23T09:59:59Z"));
    assert_eq!(closing, 0, "more than 48 hours away");
}

#[test]
fn the_export_written_in_parts_is_the_whole_export() {
    let w = workspace(nce_mail(json!({})));
    let rows = renewals::renewals(&catalog(), &w, ts("2026-11-21T10:00:00Z"), 30);
    let shown: Vec<&Renewal> = rows.iter().collect();
    assert!(shown.len() > 2, "enough rows for several parts");
    let parts: String =
        shown.chunks(2).enumerate().map(|(n, part)| renewals::csv_part(part, n == 0)).collect();
    assert_eq!(parts, renewals::to_csv(&shown));
}
