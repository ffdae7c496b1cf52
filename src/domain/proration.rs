//! The money of an upgrade (docs/rules.md#proration): a credit for the unused days of the
//! source and of each removed add-on, a charge for the new plan's first period,
//! each line rounded half-up once, in integer minor units.

use super::catalog::{Catalog, Offer};
use super::date::Date;
use super::eligibility::{Disposition, TargetEvaluation};
use super::ids::{OfferId, SubscriptionId};
use super::money::div_round_half_up;
use super::nce::{
    coterminous_amount, nce_unit_price, prorate_upgrade, BillingPeriod, TermDuration,
};
use super::workspace::{BillingCycle, Customer, Subscription, UpgradeTiming, Workspace};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Money back for days already paid and not used.
    Credit,
    /// The new plan's first period.
    Charge,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceLine {
    pub kind: LineKind,
    pub offer_id: OfferId,
    /// The subscription credited; `None` for the new plan.
    pub subscription_id: Option<SubscriptionId>,
    pub quantity: u32,
    /// Per licence per month, in minor units.
    pub unit_minor: i64,
    pub months: u32,
    /// Credits only: (unused days from today, days in the period).
    pub days: Option<(i64, i64)>,
    /// Always positive; `kind` gives the sign.
    pub amount_minor: i64,
    /// A charge billed on a later day (an upgrade at renewal); `None`: today.
    pub billed_on: Option<Date>,
    /// A co-terminous charge (new commerce): the day (exclusive) it runs to.
    pub runs_to: Option<Date>,
}

impl PriceLine {
    /// The first period of a new plan: `months` × unit price × quantity.
    pub fn charge(offer_id: &str, quantity: u32, unit_minor: i64, months: u32) -> PriceLine {
        PriceLine {
            kind: LineKind::Charge,
            offer_id: offer_id.into(),
            subscription_id: None,
            quantity,
            unit_minor,
            months,
            days: None,
            amount_minor: unit_minor * i64::from(quantity) * i64::from(months),
            billed_on: None,
            runs_to: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Quote {
    pub currency: String,
    pub lines: Vec<PriceLine>,
    pub charges_minor: i64,
    pub credits_minor: i64,
    /// Charges minus credits; negative means a credit on the next invoice.
    pub total_minor: i64,
    /// What is due today: the total without charges billed on a later day.
    pub due_today_minor: i64,
}

impl Quote {
    pub fn from_lines(currency: String, lines: Vec<PriceLine>) -> Quote {
        let sum =
            |kind| lines.iter().filter(|l| l.kind == kind).map(|l| l.amount_minor).sum::<i64>();
        let (charges_minor, credits_minor) = (sum(LineKind::Charge), sum(LineKind::Credit));
        let later: i64 = lines
            .iter()
            .filter(|l| l.kind == LineKind::Charge && l.billed_on.is_some())
            .map(|l| l.amount_minor)
            .sum();
        let total_minor = charges_minor - credits_minor;
        Quote {
            currency,
            lines,
            charges_minor,
            credits_minor,
            total_minor,
            due_today_minor: total_minor - later,
        }
    }

    /// Charges billed on a later day, by day: (day, amount).
    pub fn later_charges(&self) -> Vec<(Date, i64)> {
        let mut days: Vec<(Date, i64)> = Vec::new();
        for line in self.lines.iter().filter(|l| l.kind == LineKind::Charge) {
            let Some(day) = line.billed_on else { continue };
            match days.iter_mut().find(|(d, _)| *d == day) {
                Some((_, sum)) => *sum += line.amount_minor,
                None => days.push((day, line.amount_minor)),
            }
        }
        days.sort();
        days
    }

    /// Several upgrades of one customer as one quote.
    pub fn combine(currency: String, quotes: impl IntoIterator<Item = Quote>) -> Quote {
        Quote::from_lines(currency, quotes.into_iter().flat_map(|q| q.lines).collect())
    }
}

/// Unused days of `subscription`'s current period from `today` (included),
/// and the period's length in days.
pub fn unused_days(subscription: &Subscription, today: Date) -> (i64, i64) {
    let period = subscription.period_start.days_until(subscription.period_end).max(1);
    let remaining = today.days_until(subscription.period_end).clamp(0, period);
    (remaining, period)
}

fn credit(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    subscription: &Subscription,
    today: Date,
) -> Option<PriceLine> {
    let offer = catalog.offer(&subscription.offer_id)?;
    let unit = catalog.monthly_price(offer, workspace.partner.cloud, &customer.market);
    let months = subscription.billing_cycle.months();
    let (remaining, period) = unused_days(subscription, today);
    let numerator = i128::from(unit)
        * i128::from(subscription.quantity)
        * i128::from(months)
        * i128::from(remaining);
    Some(PriceLine {
        kind: LineKind::Credit,
        offer_id: offer.id.clone(),
        subscription_id: Some(subscription.id.clone()),
        quantity: subscription.quantity,
        unit_minor: unit,
        months,
        days: Some((remaining, period)),
        amount_minor: div_round_half_up(numerator, i128::from(period)),
        billed_on: None,
        runs_to: None,
    })
}

/// What an upgrade quote is for: the customer's `source` to `target`, with
/// `quantity` licences billed `cycle`.
#[derive(Clone, Copy)]
pub struct Upgrade<'a> {
    pub customer: &'a Customer,
    pub source: &'a Subscription,
    pub target: &'a TargetEvaluation,
    pub quantity: u32,
    pub cycle: BillingCycle,
}

/// The quote of an upgrade, now or at renewal (docs/rules.md#upgrade-at-renewal).
pub fn quote_timed(
    catalog: &Catalog,
    workspace: &Workspace,
    upgrade: Upgrade,
    timing: UpgradeTiming,
    today: Date,
) -> Quote {
    match timing {
        UpgradeTiming::Now if upgrade.source.commerce.is_nce() => {
            quote_nce_upgrade(catalog, workspace, upgrade, today)
        }
        UpgradeTiming::Now => quote_upgrade(catalog, workspace, upgrade, today),
        UpgradeTiming::AtRenewal => quote_at_renewal(catalog, workspace, upgrade, today),
    }
}

/// The day an upgrade at renewal takes effect: the source's period end, or
/// today when that has already passed.
pub fn renewal_day(source: &Subscription, today: Date) -> Date {
    source.commitment_end().max(today)
}

/// An upgrade at renewal: nothing is credited (the source runs its term to
/// the end) and nothing is due today; the new plan's first period is billed
/// on the day it starts.
pub fn quote_at_renewal(
    catalog: &Catalog,
    workspace: &Workspace,
    upgrade: Upgrade,
    today: Date,
) -> Quote {
    let Upgrade { customer, source, target, quantity, cycle } = upgrade;
    let currency = catalog.billing(workspace.partner.cloud, &customer.market).currency.clone();
    // A new-commerce source renews into the target on its own term and billing.
    let (term, cycle) = match source.nce_term() {
        Some(term) => (Some(term), source.billing_cycle),
        None => (None, cycle),
    };
    let charge = first_period(catalog, workspace, customer, &target.target, quantity, cycle, term);
    let lines = charge
        .map(|line| PriceLine { billed_on: Some(renewal_day(source, today)), ..line })
        .into_iter()
        .collect();
    Quote::from_lines(currency, lines)
}

/// An upgrade of a new-commerce subscription now (docs/rules.md#new-commerce):
/// co-terminous, the target running to the source's period end. The credit
/// and the charge are both the upgraded licences' unused days of that
/// period, at the source's and at the target's price for the source's term
/// and billing. Add-ons the target includes are not credited: they end with
/// their own term.
pub fn quote_nce_upgrade(
    catalog: &Catalog,
    workspace: &Workspace,
    upgrade: Upgrade,
    today: Date,
) -> Quote {
    let Upgrade { customer, source, target, quantity, .. } = upgrade;
    let (cloud, market) = (workspace.partner.cloud, customer.market.as_str());
    let currency = catalog.billing(cloud, market).currency.clone();
    let (Some(from), Some(to), Some(term)) =
        (catalog.offer(&source.offer_id), catalog.offer(&target.target), source.nce_term())
    else {
        return Quote::from_lines(currency, Vec::new());
    };
    let billing = source.billing_cycle;
    let source_unit = catalog.subscription_price(from, cloud, market, source);
    let target_unit = nce_unit_price(catalog.monthly_price(to, cloud, market), term, billing);
    let months = billing.months();
    let period = BillingPeriod { start: source.period_start, end: source.period_end, months };
    let money = prorate_upgrade(source_unit, target_unit, quantity, &period, today);
    let days = Some((money.remaining_days, money.period_days));
    let line = |kind, offer: &Offer, unit, amount_minor, subscription_id| PriceLine {
        kind,
        offer_id: offer.id.clone(),
        subscription_id,
        quantity,
        unit_minor: unit,
        months,
        days,
        amount_minor,
        billed_on: None,
        runs_to: (kind == LineKind::Charge).then_some(source.period_end),
    };
    let credit =
        line(LineKind::Credit, from, source_unit, money.credit_minor, Some(source.id.clone()));
    let charge = line(LineKind::Charge, to, target_unit, money.charge_minor, None);
    Quote::from_lines(currency, vec![credit, charge])
}

/// The charge for the first period of `offer_id` in the customer's currency.
fn first_period(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    offer_id: &str,
    quantity: u32,
    cycle: BillingCycle,
    nce_term: Option<TermDuration>,
) -> Option<PriceLine> {
    let offer = catalog.offer(offer_id)?;
    let unit = catalog.monthly_price(offer, workspace.partner.cloud, &customer.market);
    let unit = nce_term.map_or(unit, |term| nce_unit_price(unit, term, cycle));
    Some(PriceLine::charge(&offer.id, quantity, unit, cycle.months()))
}

/// The quote for upgrading `source` to `target` with `quantity` licences
/// billed `cycle`, as of `today`.
pub fn quote_upgrade(
    catalog: &Catalog,
    workspace: &Workspace,
    upgrade: Upgrade,
    today: Date,
) -> Quote {
    let Upgrade { customer, source, target, quantity, cycle } = upgrade;
    let cloud = workspace.partner.cloud;
    let currency = catalog.billing(cloud, &customer.market).currency.clone();
    let mut lines = Vec::new();
    lines.extend(credit(catalog, workspace, customer, source, today));
    for fate in target.addons.iter().filter(|f| f.disposition == Disposition::Removed) {
        if let Some(addon) = customer.subscription(&fate.subscription_id) {
            lines.extend(credit(catalog, workspace, customer, addon, today));
        }
    }
    lines.extend(first_period(catalog, workspace, customer, &target.target, quantity, cycle, None));
    Quote::from_lines(currency, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Cloud;
    use crate::domain::eligibility::evaluate;
    use crate::store::demo::demo;

    fn catalog() -> Catalog {
        Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap()
    }

    #[test]
    fn contoso_business_basic_to_e3_worked_example() {
        // 25 licences of Business Basic (USD 6.00), monthly period Nov 1 – Dec 1
        // (30 days), today Nov 21: 10 unused days. Defender P1 (USD 2.00 × 25)
        // is carried over to E3, so it is neither credited nor charged.
        let catalog = catalog();
        let w = demo(Cloud::Worldwide);
        let c = w.customer("contoso").unwrap();
        let s = c.subscription("sub-contoso-1").unwrap();
        let e = evaluate(&catalog, &w, c, s);
        let today = Date::parse("2026-11-21").unwrap();
        let q = quote_upgrade(
            &catalog,
            &w,
            Upgrade {
                customer: c,
                source: s,
                target: e.target("o365-e3").unwrap(),
                quantity: 30,
                cycle: BillingCycle::Monthly,
            },
            today,
        );
        assert_eq!(q.currency, "USD");
        assert_eq!(q.lines.len(), 2);
        assert_eq!(q.lines[0].days, Some((10, 30)));
        assert_eq!(q.lines[0].amount_minor, 5000); // 600 × 25 × 1 × 10 / 30
        assert_eq!(q.lines[1].amount_minor, 69000); // 2300 × 30 × 1
        assert_eq!((q.charges_minor, q.credits_minor, q.total_minor), (69000, 5000, 64000));
        // To E5 the Defender add-on is removed (included) and credited too.
        let q = quote_upgrade(
            &catalog,
            &w,
            Upgrade {
                customer: c,
                source: s,
                target: e.target("o365-e5").unwrap(),
                quantity: 25,
                cycle: BillingCycle::Annual,
            },
            today,
        );
        assert_eq!(q.lines.len(), 3);
        assert_eq!(q.lines[1].amount_minor, 1667); // 200 × 25 × 10 / 30 = 1666.67
        assert_eq!(q.lines[2].amount_minor, 3800 * 25 * 12);
        assert_eq!(q.total_minor, 1_140_000 - 5000 - 1667);
    }

    #[test]
    fn annual_credit_counts_twelve_months_over_the_year() {
        let catalog = catalog();
        let w = demo(Cloud::Worldwide);
        let c = w.customer("blue-yonder").unwrap();
        let s = c.subscription("sub-blueyonder-1").unwrap();
        // E4 USD 22.00 × 12 licences × 12 months; period Jun 1 2026 – Jun 1 2027
        // (365 days); 192 days unused from Nov 21.
        let line = credit(&catalog, &w, c, s, Date::parse("2026-11-21").unwrap()).unwrap();
        assert_eq!(line.days, Some((192, 365)));
        assert_eq!(line.amount_minor, div_round_half_up(2200 * 12 * 12 * 192, 365));
        assert_eq!(line.amount_minor, 166_645); // 166,645.48 rounds down
    }

    #[test]
    fn days_outside_the_period_are_clamped() {
        let w = demo(Cloud::Worldwide);
        let s = w.customer("contoso").unwrap().subscription("sub-contoso-1").unwrap();
        assert_eq!(unused_days(s, Date::parse("2026-12-05").unwrap()), (0, 30));
        assert_eq!(unused_days(s, Date::parse("2026-10-05").unwrap()), (30, 30));
        assert_eq!(unused_days(s, Date::parse("2026-11-01").unwrap()), (30, 30));
        assert_eq!(unused_days(s, Date::parse("2026-11-30").unwrap()), (1, 30));
    }
}

/// What changing a subscription's licence count costs
/// (docs/rules.md#licence-count-change-price).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CountChangePrice {
    /// Added licences are charged now for the rest of the current period,
    /// prorated as upgrade credits are; then `monthly_minor` more a month.
    /// Under new commerce they are a new batch of their own.
    Added {
        added: u32,
        now_minor: i64,
        until: Date,
        remaining_days: i64,
        period_days: i64,
        monthly_minor: i64,
        currency: String,
    },
    /// Removed legacy licences are not refunded; `monthly_minor` less a month
    /// from the next period.
    Removed {
        removed: u32,
        monthly_minor: i64,
        currency: String,
    },
    /// Removed new-commerce licences (from batches still in their 168-hour
    /// window) are refunded their unused days, computed as the charge for
    /// adding them would be (docs/rules.md#new-commerce-licences).
    Refunded {
        removed: u32,
        refund_minor: i64,
        remaining_days: i64,
        period_days: i64,
        monthly_minor: i64,
        currency: String,
    },
    Unchanged,
}

/// What `count` licences of `subscription` cost for the unused days of its
/// current period at `unit` a month: (amount, remaining days, period days).
/// The one co-terminous formula, for both commerce models.
fn unused_days_cost(
    subscription: &Subscription,
    unit: i64,
    count: u32,
    today: Date,
) -> (i64, i64, i64) {
    let months = subscription.billing_cycle.months();
    let period =
        BillingPeriod { start: subscription.period_start, end: subscription.period_end, months };
    let (remaining, days) = period.unused_days(today);
    (coterminous_amount(unit, count, &period, today), remaining, days)
}

/// What cancelling `subscription` today refunds: its licences' unused days
/// of the current period (new commerce, within the cancellation window).
pub fn cancellation_refund(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    subscription: &Subscription,
    today: Date,
) -> i64 {
    let Some(offer) = catalog.offer(&subscription.offer_id) else { return 0 };
    let unit =
        catalog.subscription_price(offer, workspace.partner.cloud, &customer.market, subscription);
    unused_days_cost(subscription, unit, subscription.quantity, today).0
}

/// The price of going from `subscription.quantity` to `quantity` licences today.
pub fn count_change_price(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    subscription: &Subscription,
    quantity: u32,
    today: Date,
) -> CountChangePrice {
    let Some(offer) = catalog.offer(&subscription.offer_id) else {
        return CountChangePrice::Unchanged;
    };
    let unit =
        catalog.subscription_price(offer, workspace.partner.cloud, &customer.market, subscription);
    let currency = catalog.billing(workspace.partner.cloud, &customer.market).currency.clone();
    let old = subscription.quantity;
    if quantity > old {
        let added = quantity - old;
        let (now_minor, remaining_days, period_days) =
            unused_days_cost(subscription, unit, added, today);
        CountChangePrice::Added {
            added,
            now_minor,
            until: subscription.period_end,
            remaining_days,
            period_days,
            monthly_minor: unit * i64::from(added),
            currency,
        }
    } else if quantity < old && subscription.commerce.is_nce() {
        let removed = old - quantity;
        let (refund_minor, remaining_days, period_days) =
            unused_days_cost(subscription, unit, removed, today);
        let monthly_minor = unit * i64::from(removed);
        CountChangePrice::Refunded {
            removed,
            refund_minor,
            remaining_days,
            period_days,
            monthly_minor,
            currency,
        }
    } else if quantity < old {
        let removed = old - quantity;
        CountChangePrice::Removed { removed, monthly_minor: unit * i64::from(removed), currency }
    } else {
        CountChangePrice::Unchanged
    }
}

#[cfg(test)]
mod count_change_tests {
    use super::*;
    use crate::domain::catalog::Cloud;
    use crate::store::demo::demo;

    #[test]
    fn added_licences_are_charged_for_the_rest_of_the_period_and_removed_ones_are_not_refunded() {
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let w = demo(Cloud::Worldwide);
        let contoso = w.customer("contoso").unwrap();
        let basic = contoso.subscription("sub-contoso-1").unwrap();
        let today = Date::parse("2026-11-21").unwrap();
        // 6.00 × 5 added × 1 month × 10 of 30 days = 10.00; then 30.00 more a month.
        assert_eq!(
            count_change_price(&catalog, &w, contoso, basic, 30, today),
            CountChangePrice::Added {
                added: 5,
                now_minor: 1000,
                until: basic.period_end,
                remaining_days: 10,
                period_days: 30,
                monthly_minor: 3000,
                currency: "USD".into()
            }
        );
        assert_eq!(
            count_change_price(&catalog, &w, contoso, basic, 20, today),
            CountChangePrice::Removed { removed: 5, monthly_minor: 3000, currency: "USD".into() }
        );
        assert_eq!(
            count_change_price(&catalog, &w, contoso, basic, 25, today),
            CountChangePrice::Unchanged
        );
    }
}
