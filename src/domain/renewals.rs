//! What needs the partner's attention soon, across every customer
//! (docs/rules.md#renewals-report): each renewal, end, closing 168-hour
//! window and locking scheduled change within a horizon, soonest first, with
//! what renews and what its first period will cost.

use super::catalog::Catalog;
use super::clock::Timestamp;
use super::csv::{decimal, Csv};
use super::ids::{CustomerId, OfferId, SubscriptionId};
use super::nce::{nce_unit_price, TermDuration};
use super::orders::scheduled_upgrade_of;
use super::scheduled;
use super::string_enum::string_enum;
use super::workspace::{
    BillingCycle, Commerce, Customer, Subscription, SubscriptionStatus, Workspace,
};

const HOUR_MS: i64 = 3_600_000;

/// The horizons the page offers, in days; 30 by default.
pub const HORIZONS: [u32; 4] = [7, 30, 60, 90];
pub const DEFAULT_HORIZON: u32 = 30;

string_enum! {
    /// What happens (`data-event`).
    pub enum Event {
        /// Auto-renew is on: it renews at the end of its term (NCE) or period (legacy).
        Renews = "renews",
        /// Auto-renew is off: it ends then.
        Ends = "ends",
        /// New-commerce licences still removable until then.
        WindowCloses = "window_closes",
        /// A scheduled change becomes final (24 hours before the term ends).
        ChangeLocks = "change_locks",
    }
}

/// One event of one subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renewal {
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub market: String,
    pub subscription_id: SubscriptionId,
    pub friendly_name: String,
    pub offer_id: OfferId,
    pub commerce: Commerce,
    pub term: Option<TermDuration>,
    pub billing: BillingCycle,
    pub quantity: u32,
    pub event: Event,
    pub at: Timestamp,
    /// For a window: the licences of the batch it closes on.
    pub window_quantity: Option<u32>,
    /// What renews: the next term's licences and offer, as scheduled; `None`
    /// for a subscription that ends.
    pub next: Option<NextPeriod>,
    pub currency: String,
    /// Lower-case customer name, domain, subscription name and offer id, so a
    /// filter keystroke compares instead of converting.
    search_text: String,
}

/// What renews, and what its first billing period costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextPeriod {
    pub quantity: u32,
    pub offer_id: OfferId,
    pub charge_minor: i64,
}

/// Every event of the workspace from `now` to `horizon_days` later
/// (inclusive), soonest first; ties by customer name, subscription id, then
/// event.
pub fn renewals(
    catalog: &Catalog,
    w: &Workspace,
    now: Timestamp,
    horizon_days: u32,
) -> Vec<Renewal> {
    let until = now.plus_millis(i64::from(horizon_days) * 24 * HOUR_MS);
    let mut rows: Vec<Renewal> = w
        .customers
        .iter()
        .flat_map(|c| {
            c.subscriptions
                .iter()
                .filter(|s| s.status == SubscriptionStatus::Active)
                .flat_map(move |s| events_of(catalog, w, c, s, now, until))
        })
        .collect();
    rows.sort_by(|a, b| {
        a.at.cmp(&b.at)
            .then_with(|| a.customer_name.cmp(&b.customer_name))
            .then_with(|| a.subscription_id.cmp(&b.subscription_id))
            .then_with(|| a.event.cmp(&b.event))
    });
    rows
}

/// The events of one active subscription, whenever they are.
fn events_of(
    catalog: &Catalog,
    w: &Workspace,
    customer: &Customer,
    s: &Subscription,
    now: Timestamp,
    until: Timestamp,
) -> Vec<Renewal> {
    // Only events within the horizon become rows: at partner scale most are
    // months away, and a row's text is built for the filter.
    let within = |at: Timestamp| at >= now && at <= until;
    let row =
        |event: Event, at: Timestamp, window_quantity: Option<u32>, next: Option<NextPeriod>| {
            Renewal {
                customer_id: customer.id.clone(),
                customer_name: customer.company_name.clone(),
                market: customer.market.clone(),
                subscription_id: s.id.clone(),
                friendly_name: s.friendly_name.clone(),
                offer_id: s.offer_id.clone(),
                commerce: s.commerce,
                term: s.nce_term(),
                billing: s.billing_cycle,
                quantity: s.quantity,
                event,
                at,
                window_quantity,
                next,
                currency: catalog.billing(w.partner.cloud, &customer.market).currency.clone(),
                search_text: format!(
                    "{} {} {} {} {}",
                    customer.company_name, customer.domain, s.friendly_name, s.offer_id, s.id
                )
                .to_lowercase(),
            }
        };
    let mut rows = Vec::new();
    let end = Timestamp::at(s.commitment_end(), 0);
    if within(end) {
        rows.push(if s.auto_renew {
            row(Event::Renews, end, None, next_period(catalog, w, customer, s))
        } else {
            row(Event::Ends, end, None, None)
        });
    }
    if s.commerce.is_nce() {
        for batch in
            s.seat_batches.iter().filter(|b| b.is_removable(now) && within(b.removable_until()))
        {
            rows.push(row(
                Event::WindowCloses,
                batch.removable_until(),
                Some(batch.quantity),
                None,
            ));
        }
        let start = scheduled::lock_starts(s)
            .filter(|&start| within(start) && !scheduled::of(w, s).is_empty());
        if let Some(start) = start {
            rows.push(row(Event::ChangeLocks, start, None, next_period(catalog, w, customer, s)));
        }
    }
    rows
}

/// What `s` renews as: the scheduled upgrade's target and licences, else its
/// next term's licences (and term and billing), else itself; priced for its
/// first billing period.
fn next_period(
    catalog: &Catalog,
    w: &Workspace,
    customer: &Customer,
    s: &Subscription,
) -> Option<NextPeriod> {
    let next = s.next_term.clone().unwrap_or_default();
    let (offer_id, quantity) = match scheduled_upgrade_of(w, &s.id) {
        Some((_, line)) if s.commerce.is_nce() => (line.target_offer_id.clone(), line.quantity),
        Some((_, line)) => (line.target_offer_id.clone(), line.quantity.max(s.quantity)),
        None => (s.offer_id.clone(), next.quantity.unwrap_or(s.quantity)),
    };
    let offer = catalog.offer(&offer_id)?;
    let price = catalog.monthly_price(offer, w.partner.cloud, &customer.market);
    let billing = next.billing_cycle.unwrap_or(s.billing_cycle);
    let unit = match next.term_duration.or(s.nce_term()) {
        Some(term) => nce_unit_price(price, term, billing),
        None => price,
    };
    let charge_minor = unit * i64::from(quantity) * i64::from(billing.months());
    Some(NextPeriod { quantity, offer_id, charge_minor })
}

/// The page's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of a customer name or domain, a subscription's name or id, or an offer id.
    pub text: String,
    pub market: Option<String>,
    pub event: Option<Event>,
}

impl Filter {
    /// The positions in `rows` that pass, in the order given.
    pub fn indices(&self, rows: &[Renewal]) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let passes = |r: &Renewal| {
            self.market.as_ref().is_none_or(|m| *m == r.market)
                && self.event.is_none_or(|e| e == r.event)
                && (needle.is_empty() || r.search_text.contains(&needle))
        };
        rows.iter().enumerate().filter(|(_, r)| passes(r)).map(|(i, _)| i).collect()
    }
}

/// The export's header (SPEC 11), a contract.
pub const CSV_HEADER: [&str; 15] = [
    "customer_id",
    "customer_name",
    "subscription_id",
    "offer_id",
    "commerce",
    "term",
    "billing_cycle",
    "quantity",
    "event",
    "at",
    "next_quantity",
    "next_offer_id",
    "currency",
    "next_period_charge",
    "next_period_charge_minor",
];

/// The rows as the report's CSV: BOM, RFC 4180, `at` in RFC 3339 (UTC), the
/// charge as a decimal with a point and in minor units; empty where nothing
/// renews.
pub fn to_csv(rows: &[&Renewal]) -> String {
    csv_part(rows, true)
}

/// [`to_csv`] in parts: the rows of one part, after the BOM and header when
/// `first`. A long export is written a part at a time, so the page stays
/// responsive; the parts put together are exactly [`to_csv`] of all the rows.
pub fn csv_part(rows: &[&Renewal], first: bool) -> String {
    let mut csv = Csv::part(&CSV_HEADER, first);
    for r in rows {
        let next = r.next.as_ref();
        csv.row(&[
            r.customer_id.as_str(),
            &r.customer_name,
            &r.subscription_id,
            &r.offer_id,
            r.commerce.as_str(),
            r.term.map_or("", TermDuration::as_str),
            r.billing.as_str(),
            &r.quantity.to_string(),
            r.event.as_str(),
            &r.at.to_rfc3339_seconds(),
            &next.map_or(String::new(), |n| n.quantity.to_string()),
            next.map_or("", |n| n.offer_id.as_str()),
            &r.currency,
            &next.map_or(String::new(), |n| decimal(n.charge_minor)),
            &next.map_or(String::new(), |n| n.charge_minor.to_string()),
        ]);
    }
    csv.finish()
}

/// How many windows close within 48 hours of `now` and how many subscriptions
/// renew within 7 days, for the line on `/customers`.
pub fn attention(rows: &[Renewal], now: Timestamp) -> (usize, usize) {
    let windows = now.plus_millis(48 * HOUR_MS);
    let week = now.plus_millis(7 * 24 * HOUR_MS);
    let closing = rows.iter().filter(|r| r.event == Event::WindowCloses && r.at <= windows).count();
    let renewing = rows.iter().filter(|r| r.event == Event::Renews && r.at <= week).count();
    (closing, renewing)
}
