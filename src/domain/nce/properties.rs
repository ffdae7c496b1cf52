//! Property tests of new commerce: money never given back beyond what was paid,
//! batches that always sum to the quantity, windows that always close.

use super::*;
use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::domain::workspace::BillingCycle;
use proptest::prelude::*;

fn day(offset: i64) -> Date {
    Date::parse("2026-01-01").unwrap().add_days(offset)
}

fn period_strategy() -> impl Strategy<Value = BillingPeriod> {
    (0i64..400, prop::sample::select(BillingCycle::ALL.to_vec())).prop_map(|(start, billing)| {
        let start = day(start);
        BillingPeriod { start, end: start.add_months(billing.months()), months: billing.months() }
    })
}

/// Up to 6 batches added within 20 days of each other, to the minute.
fn batches_strategy() -> impl Strategy<Value = Vec<SeatBatch>> {
    let base = Timestamp::at(day(300), 0);
    prop::collection::vec((1u32..=300, 0i64..20 * 24 * 60), 0..6).prop_map(move |raw| {
        raw.into_iter()
            .map(|(quantity, minutes)| SeatBatch {
                quantity,
                added_at: base.plus_millis(minutes * 60_000),
            })
            .collect()
    })
}

fn latest(batches: &[SeatBatch]) -> Timestamp {
    batches.iter().map(|b| b.added_at).max().unwrap_or(Timestamp(0))
}

proptest! {
    /// A refund never exceeds what the same licences cost for the unused days
    /// when they were added (earlier or the same day), nor the whole period.
    #[test]
    fn nce_refund_never_exceeds_what_the_unused_days_cost(
        unit in 0i64..1_000_000, licences in 1u32..=1_000_000, period in period_strategy(),
        added in -40i64..1200, kept in 0i64..1200,
    ) {
        let (added_on, removed_on) = (period.start.add_days(added), period.start.add_days(added + kept));
        let charged = coterminous_amount(unit, licences, &period, added_on);
        let refunded = coterminous_amount(unit, licences, &period, removed_on);
        prop_assert!(refunded <= charged);
        prop_assert!(charged <= unit * i64::from(licences) * i64::from(period.months));
        prop_assert!(refunded >= 0);
    }

    /// Each amount is the exact fraction rounded once: within half a minor unit.
    #[test]
    fn nce_amounts_are_rounded_once(
        unit in 0i64..1_000_000, licences in 1u32..=1_000_000, period in period_strategy(), today in -40i64..1200,
    ) {
        let today = period.start.add_days(today);
        let amount = coterminous_amount(unit, licences, &period, today);
        let (remaining, days) = period.unused_days(today);
        let exact = i128::from(unit) * i128::from(licences) * i128::from(period.months) * i128::from(remaining);
        let error = i128::from(amount) * i128::from(days) - exact;
        prop_assert!(2 * error.abs() <= i128::from(days));
    }

    /// An upgrade to a dearer plan is never due less than nothing, and due is
    /// always charge − credit.
    #[test]
    fn nce_upgrade_due_is_charge_minus_credit(
        source in 0i64..100_000, extra in 0i64..100_000, licences in 1u32..=1_000_000,
        period in period_strategy(), today in -40i64..1200,
    ) {
        let money = prorate_upgrade(source, source + extra, licences, &period, period.start.add_days(today));
        prop_assert_eq!(money.due_minor, money.charge_minor - money.credit_minor);
        prop_assert!(money.due_minor >= 0);
    }

    /// Prices are monotone in the factor and in the legacy price, and follow the
    /// table's order: 1-month term ≥ paid monthly ≥ paid up front.
    #[test]
    fn nce_prices_are_monotone_in_factor(legacy in 0i64..10_000_000, low in 0i64..300, more in 0i64..300, dearer in 0i64..1000) {
        prop_assert!(price_at_factor(legacy, low) <= price_at_factor(legacy, low + more));
        prop_assert!(price_at_factor(legacy, low) <= price_at_factor(legacy + dearer, low));
        for &term in TermDuration::ALL {
            for &billing in term.billings() {
                let factor = nce_factor_percent(term, billing);
                prop_assert_eq!(nce_unit_price(legacy, term, billing), price_at_factor(legacy, factor));
                prop_assert!(nce_unit_price(legacy, term, billing) >= legacy);
                prop_assert!(nce_unit_price(legacy, term, billing) <= nce_unit_price(legacy, TermDuration::P1M, BillingCycle::Monthly));
                prop_assert!(nce_unit_price(legacy, term, billing) >= nce_unit_price(legacy, term, BillingCycle::Annual));
            }
        }
    }

    /// After any removal the batches sum to the quantity less what was removed
    /// (or are unchanged on an error), none is empty, and batches past their
    /// window are untouched.
    #[test]
    fn nce_batches_sum_to_the_quantity_after_removal(
        batches in batches_strategy(), count in 0u32..2000, floor in 0u32..500, minutes in 0i64..30 * 24 * 60,
    ) {
        let now = Timestamp::at(day(300), 0).plus_millis(minutes * 60_000);
        let before = total(&batches);
        let mut after = batches.clone();
        match remove_licences(&mut after, count, now, floor) {
            Ok(()) => {
                prop_assert_eq!(total(&after), before - u64::from(count));
                prop_assert!(total(&after) >= u64::from(floor) || count == 0);
                let closed = |bs: &[SeatBatch]| bs.iter().filter(|b| !b.is_removable(now)).copied().collect::<Vec<_>>();
                prop_assert_eq!(closed(&after), closed(&batches));
            }
            Err(_) => prop_assert_eq!(&after, &batches),
        }
        prop_assert!(after.iter().all(|b| b.quantity > 0));
    }

    /// Shrinking and splitting for a partial upgrade keep every licence: what
    /// stays plus what moves is what was held.
    #[test]
    fn nce_batches_sum_to_the_quantity_after_shrink_and_split(batches in batches_strategy(), count in 0u32..2000) {
        let before = total(&batches);
        let mut shrunk = batches.clone();
        match shrink_newest_first(&mut shrunk, count) {
            Ok(()) => prop_assert_eq!(total(&shrunk) + u64::from(count), before),
            Err(_) => prop_assert_eq!(&shrunk, &batches),
        }
        let mut source = batches.clone();
        match split_for_upgrade(&mut source, count) {
            Ok(moved) => {
                prop_assert_eq!(total(&source) + u64::from(moved.quantity), before);
                prop_assert!(!source.is_empty());
                prop_assert_eq!(Some(moved.added_at), earliest(&batches));
            }
            Err(_) => prop_assert_eq!(&source, &batches),
        }
        prop_assert!(shrunk.iter().chain(&source).all(|b| b.quantity > 0));
    }

    /// Once 168 hours have passed since the newest batch, nothing can be removed.
    #[test]
    fn nce_nothing_is_removable_after_168_hours(batches in batches_strategy(), later in 0i64..10_000_000_000, count in 1u32..2000) {
        let now = latest(&batches).plus_millis(REMOVAL_WINDOW_MS + later);
        prop_assert_eq!(removable(&batches, now), 0);
        prop_assert!(!cancellable(&batches, now));
        let mut after = batches.clone();
        prop_assert!(remove_licences(&mut after, count, now, 0).is_err());
        prop_assert_eq!(after, batches);
    }

    /// Renewal leaves one batch of the whole quantity, removable for 168 hours.
    #[test]
    fn nce_renewal_opens_a_new_window(quantity in 1u32..=1_000_000, offset in 0i64..4000, millis in 0i64..REMOVAL_WINDOW_MS) {
        let renewed = [merged_batch(quantity, day(offset))];
        let start = Timestamp::at(day(offset), 0);
        prop_assert_eq!(total(&renewed), u64::from(quantity));
        prop_assert_eq!(removable(&renewed, start.plus_millis(millis)), quantity);
        prop_assert_eq!(removable(&renewed, start.plus_millis(REMOVAL_WINDOW_MS)), 0);
    }

    /// The billing period holding a day of the term holds it, lasts the
    /// billing's months, and starts on a period boundary of the term.
    #[test]
    fn nce_billing_period_holds_the_day(start in 0i64..1500, offset in 0i64..1090, billing in prop::sample::select(BillingCycle::ALL.to_vec())) {
        let term_start = day(start);
        let today = term_start.add_days(offset);
        let (from, to) = billing.period_holding(term_start, today);
        prop_assert!(from <= today && today < to);
        prop_assert!(from >= term_start);
        let index = (0..=36).find(|i| term_start.add_months_on_day(i * billing.months(), term_start.day()) == from);
        prop_assert!(index.is_some());
        prop_assert_eq!(to, term_start.add_months_on_day((index.unwrap() + 1) * billing.months(), term_start.day()));
    }
}
