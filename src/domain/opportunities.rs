//! Upgrade opportunities across every customer
//! (docs/rules.md#opportunities-report): each active base subscription against
//! each target of its matrix row, eligible or not, with what the change is
//! worth a month. Eligibility is the Upgrade tab's own
//! (`eligibility::evaluate_in`); this module only lays its answers side by side.
//!
//! A new-commerce subscription is priced on its own term and billing, both
//! ends: the target is the same offer under new commerce on the source's term
//! and billing (docs/rules.md#new-commerce), so both prices carry the
//! term-and-billing factor (`Catalog::subscription_price`). Legacy rows use
//! the catalog's prices as they are.

use super::catalog::Catalog;
use super::csv::{decimal, Csv};
use super::eligibility::{evaluate_in, EligibilityContext, ReasonCode};
use super::ids::{CustomerId, OfferId, SubscriptionId};
use super::nce::TermDuration;
use super::workspace::{BillingCycle, Customer, SubscriptionStatus, Workspace};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opportunity {
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub market: String,
    pub subscription_id: SubscriptionId,
    pub subscription_name: String,
    pub offer_id: OfferId,
    /// The catalog's names of the current and the target offer.
    pub offer_name: String,
    pub quantity: u32,
    /// New commerce: the subscription's term (`None` for a legacy one), which
    /// with `billing_cycle` prices both ends of the row.
    pub term: Option<TermDuration>,
    pub billing_cycle: BillingCycle,
    pub target_offer_id: OfferId,
    pub target_offer_name: String,
    pub eligible: bool,
    /// Every code that blocks it, each once, in the Upgrade tab's order.
    pub reason_codes: Vec<ReasonCode>,
    pub currency: String,
    /// (target price − current price) × licences, per month, in minor units;
    /// both prices on the subscription's term and billing under new commerce.
    pub monthly_change_minor: i64,
    /// Lower-case customer name, domain, and current and legacy offer names,
    /// so a filter keystroke compares instead of converting.
    search_text: String,
    /// The monthly change priced in the catalog's USD prices: the order of
    /// rows of different currencies (SPEC 9.1).
    usd_change_minor: i64,
}

impl Opportunity {
    pub fn annual_change_minor(&self) -> i64 {
        12 * self.monthly_change_minor
    }
}

/// Every opportunity of the workspace, largest monthly change first, rows of
/// different currencies compared by the change in the catalog's USD prices
/// (an INR row's larger number is not a larger change); ties by customer
/// name, then subscription id.
pub fn opportunities(catalog: &Catalog, workspace: &Workspace) -> Vec<Opportunity> {
    let mut all = InParts::default();
    all.add(catalog, workspace, workspace.customers.len());
    all.finish(workspace)
}

/// [`opportunities`] built a part at a time: at partner scale every row at
/// once is a task of 80 ms or more, so the app adds a hundred customers a
/// task and sorts at the end. Built over one workspace throughout; a part
/// added from another (changed meanwhile) gives rows nobody should read, but
/// never a panic.
#[derive(Default)]
pub struct InParts {
    /// Each row with the index of its customer in the workspace.
    rows: Vec<(usize, Opportunity)>,
    /// The next customer to add.
    next: usize,
}

impl InParts {
    /// Adds the rows of the next `count` customers; `false` once every
    /// customer is in.
    pub fn add(&mut self, catalog: &Catalog, workspace: &Workspace, count: usize) -> bool {
        let end = (self.next + count).min(workspace.customers.len());
        for i in self.next..end {
            let rows = customer_opportunities(catalog, workspace, &workspace.customers[i]);
            self.rows.extend(rows.into_iter().map(|row| (i, row)));
        }
        self.next = end;
        end < workspace.customers.len()
    }

    /// The rows added, in the report's order.
    pub fn finish(self, workspace: &Workspace) -> Vec<Opportunity> {
        let rank = name_ranks(workspace);
        // Customers ranked by name once, so that the sort, where many rows
        // tie on the amount, compares two numbers instead of two names.
        let mut rows: Vec<(usize, Opportunity)> = self
            .rows
            .into_iter()
            .map(|(i, row)| (rank.get(i).copied().unwrap_or(usize::MAX), row))
            .collect();
        // The keys below tell every two rows apart, so an unstable sort gives
        // the same order, without the stable sort's buffer.
        rows.sort_unstable_by(|(rank_a, a), (rank_b, b)| {
            b.usd_change_minor
                .cmp(&a.usd_change_minor)
                .then_with(|| rank_a.cmp(rank_b))
                .then_with(|| a.subscription_id.cmp(&b.subscription_id))
                .then_with(|| a.target_offer_id.cmp(&b.target_offer_id))
        });
        rows.into_iter().map(|(_, row)| row).collect()
    }
}

/// Each customer's place in name order (customers of one name share it).
fn name_ranks(workspace: &Workspace) -> Vec<usize> {
    let mut by_name: Vec<usize> = (0..workspace.customers.len()).collect();
    by_name.sort_unstable_by(|&a, &b| {
        workspace.customers[a].company_name.cmp(&workspace.customers[b].company_name)
    });
    let name = |i: usize| workspace.customers[i].company_name.as_str();
    let mut rank = vec![0; by_name.len()];
    let mut first_of_name = 0;
    for (position, &i) in by_name.iter().enumerate() {
        if position > 0 && name(by_name[position - 1]) != name(i) {
            first_of_name = position;
        }
        rank[i] = first_of_name;
    }
    rank
}

/// The opportunities of one customer, in subscription and matrix order.
pub fn customer_opportunities(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
) -> Vec<Opportunity> {
    let cloud = workspace.partner.cloud;
    let context = EligibilityContext::of(workspace, &customer.id);
    let currency = &catalog.billing(cloud, &customer.market).currency;
    let mut rows = Vec::new();
    let bases = customer
        .subscriptions
        .iter()
        .filter(|s| s.status == SubscriptionStatus::Active && s.parent_subscription_id.is_none());
    for subscription in bases {
        let Some(source) = catalog.offer(&subscription.offer_id).filter(|o| !o.is_addon()) else {
            continue;
        };
        let source_price =
            catalog.subscription_price(source, cloud, &customer.market, subscription);
        let mut names = format!("{}\n{}\n{}", customer.company_name, customer.domain, source.name);
        if let Some(legacy) = &source.legacy_name {
            names.push('\n');
            names.push_str(legacy);
        }
        let search_text = names.to_lowercase();
        for target in evaluate_in(catalog, &context, customer, subscription).targets {
            let Some(offer) = catalog.offer(&target.target) else { continue };
            let mut reason_codes: Vec<ReasonCode> = Vec::new();
            for reason in &target.reasons {
                if !reason_codes.contains(&reason.code) {
                    reason_codes.push(reason.code);
                }
            }
            // The same offer under the source's commerce, term and billing.
            let target_price =
                catalog.subscription_price(offer, cloud, &customer.market, subscription);
            let difference = target_price - source_price;
            let usd = |offer| catalog.usd_subscription_price(offer, subscription);
            let usd_change_minor = (usd(offer) - usd(source)) * i64::from(subscription.quantity);
            rows.push(Opportunity {
                customer_id: customer.id.clone(),
                customer_name: customer.company_name.clone(),
                market: customer.market.clone(),
                subscription_id: subscription.id.clone(),
                subscription_name: subscription.friendly_name.clone(),
                offer_id: subscription.offer_id.clone(),
                offer_name: source.name.clone(),
                quantity: subscription.quantity,
                term: subscription.nce_term(),
                billing_cycle: subscription.billing_cycle,
                target_offer_id: target.target.clone(),
                target_offer_name: offer.name.clone(),
                eligible: target.eligible,
                reason_codes,
                currency: currency.clone(),
                monthly_change_minor: difference * i64::from(subscription.quantity),
                search_text: search_text.clone(),
                usd_change_minor,
            });
        }
    }
    rows
}

/// The report's filters; the default shows every eligible row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// Part of a customer name or domain, or of a current or legacy offer name.
    pub text: String,
    pub market: Option<String>,
    pub target: Option<OfferId>,
    pub reason: Option<ReasonCode>,
    pub eligible_only: bool,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            text: String::new(),
            market: None,
            target: None,
            reason: None,
            eligible_only: true,
        }
    }
}

impl Filter {
    /// The rows that pass, in the order given (the report's: largest first).
    pub fn apply<'a>(&self, rows: &'a [Opportunity]) -> Vec<&'a Opportunity> {
        self.indices(rows).into_iter().map(|i| &rows[i]).collect()
    }

    /// [`Filter::apply`] as positions in `rows`, for a view that keeps the rows.
    pub fn indices(&self, rows: &[Opportunity]) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let passes = |r: &Opportunity| {
            (!self.eligible_only || r.eligible)
                && self.market.as_ref().is_none_or(|m| *m == r.market)
                && self.target.as_ref().is_none_or(|t| *t == r.target_offer_id)
                && self.reason.is_none_or(|code| r.reason_codes.contains(&code))
                && (needle.is_empty() || r.search_text.contains(&needle))
        };
        rows.iter().enumerate().filter(|(_, r)| passes(r)).map(|(i, _)| i).collect()
    }
}

/// How many subscriptions can be upgraded now (at least one eligible target).
pub fn upgradable_subscriptions(rows: &[Opportunity]) -> usize {
    let mut ids: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r.eligible)
        .map(|r| (r.customer_id.as_str(), r.subscription_id.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// One total of the report, in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    pub currency: String,
    /// The monthly change, in minor units, if each subscription counted
    /// takes its largest eligible upgrade.
    pub monthly_change_minor: i64,
    /// How many subscriptions it counts, each once.
    pub subscriptions: usize,
}

/// The totals of the rows shown, per currency
/// (docs/rules.md#opportunities-report). The targets of one subscription
/// exclude each other (it moves to one plan), so each subscription counts
/// once, with the largest monthly change among its eligible rows in `rows`:
/// what the customers' book is worth if each takes its largest upgrade.
/// Currencies in code order; none without an eligible row.
pub fn totals(rows: &[&Opportunity]) -> Vec<Total> {
    // Each subscription's largest change, keyed by customer and subscription
    // (subscription ids need not be unique across customers).
    let mut largest: std::collections::HashMap<(&str, &str), (&str, i64)> =
        std::collections::HashMap::new();
    for row in rows.iter().filter(|r| r.eligible) {
        let entry = largest
            .entry((row.customer_id.as_str(), row.subscription_id.as_str()))
            .or_insert((row.currency.as_str(), row.monthly_change_minor));
        entry.1 = entry.1.max(row.monthly_change_minor);
    }
    let mut sums: BTreeMap<&str, (i64, usize)> = BTreeMap::new();
    for (currency, change) in largest.into_values() {
        let sum = sums.entry(currency).or_default();
        sum.0 += change;
        sum.1 += 1;
    }
    sums.into_iter()
        .map(|(currency, (minor, subscriptions))| Total {
            currency: currency.to_string(),
            monthly_change_minor: minor,
            subscriptions,
        })
        .collect()
}

/// The specified header, then what this app adds at the end (so a reader of
/// the specified columns finds them where they were promised): the names
/// beside the ids, and the annual change as a decimal
/// (docs/rules.md#opportunities-csv).
pub const CSV_HEADER: [&str; 17] = [
    "customer_id",
    "customer_name",
    "market",
    "subscription_id",
    "offer_id",
    "quantity",
    "target_offer_id",
    "eligible",
    "reason_codes",
    "currency",
    "monthly_change",
    "monthly_change_minor",
    "annual_change_minor",
    "subscription_name",
    "offer_name",
    "target_offer_name",
    "annual_change",
];

/// The rows as the report's CSV (docs/rules.md#opportunities-csv): BOM, RFC
/// 4180, amounts in minor units and as a decimal with a point (every catalog
/// currency has two decimals), with [`CSV_HEADER`]'s added columns after the
/// specified ones.
pub fn to_csv(rows: &[&Opportunity]) -> String {
    csv_part(rows, true)
}

/// [`to_csv`] in parts: the rows of one part, after the BOM and header when
/// `first`. A long export is written a part at a time, so the page stays
/// responsive; the parts put together are exactly [`to_csv`] of all the rows.
pub fn csv_part(rows: &[&Opportunity], first: bool) -> String {
    let mut csv = Csv::part(&CSV_HEADER, first);
    for r in rows {
        let codes: Vec<&str> = r.reason_codes.iter().map(|c| c.as_str()).collect();
        csv.row(&[
            r.customer_id.as_str(),
            &r.customer_name,
            &r.market,
            &r.subscription_id,
            &r.offer_id,
            &r.quantity.to_string(),
            &r.target_offer_id,
            if r.eligible { "true" } else { "false" },
            &codes.join(";"),
            &r.currency,
            &decimal(r.monthly_change_minor),
            &r.monthly_change_minor.to_string(),
            &r.annual_change_minor().to_string(),
            &r.subscription_name,
            &r.offer_name,
            &r.target_offer_name,
            &decimal(r.annual_change_minor()),
        ]);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_sign_and_two_places() {
        assert_eq!(decimal(0), "0.00");
        assert_eq!(decimal(5), "0.05");
        assert_eq!(decimal(-1234), "-12.34");
        assert_eq!(decimal(170_000), "1700.00");
        assert_eq!(decimal(-7), "-0.07");
    }
}
