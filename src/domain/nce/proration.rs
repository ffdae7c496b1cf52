//! Co-terminous proration under new commerce: what changes mid-period runs to
//! the current period's end, not for a new period. One formula prices the
//! credit and the charge of an upgrade now, licences added now, and the refund
//! of licences removed in their window:
//! `unit × licences × period months × remaining days / period days`, rounded
//! half-up once. Remaining days run from today (included) to `periodEnd`
//! (exclusive), period days from `periodStart` to `periodEnd`.

use crate::domain::date::Date;
use crate::domain::money::div_round_half_up;

/// The current billing period of an NCE subscription.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BillingPeriod {
    pub start: Date,
    /// Exclusive.
    pub end: Date,
    /// 1, 12 or 36 (`BillingCycle::months`).
    pub months: u32,
}

impl BillingPeriod {
    /// (remaining days from `today`, days in the period). Remaining days are
    /// clamped to the period, so nothing is charged or refunded for days
    /// outside it; a period of no days counts as one, so nothing divides by 0.
    pub fn unused_days(&self, today: Date) -> (i64, i64) {
        let period = self.start.days_until(self.end).max(1);
        let remaining = today.days_until(self.end).clamp(0, period);
        (remaining, period)
    }
}

/// `unit_minor` × `licences` × the period's months for the days left from
/// `today`, rounded half-up once.
pub fn coterminous_amount(
    unit_minor: i64,
    licences: u32,
    period: &BillingPeriod,
    today: Date,
) -> i64 {
    let (remaining, days) = period.unused_days(today);
    let numerator = i128::from(unit_minor)
        * i128::from(licences)
        * i128::from(period.months)
        * i128::from(remaining);
    div_round_half_up(numerator, i128::from(days))
}

/// The money of upgrading `licences` licences now, co-terminously.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpgradeMoney {
    /// The source's unused days, given back.
    pub credit_minor: i64,
    /// The target to the source's period end.
    pub charge_minor: i64,
    /// Charge − credit.
    pub due_minor: i64,
    pub remaining_days: i64,
    pub period_days: i64,
}

/// Credit for the source and charge for the target over the same remaining
/// days of the source's period, each rounded once; due is their difference.
pub fn prorate_upgrade(
    source_unit_minor: i64,
    target_unit_minor: i64,
    licences: u32,
    period: &BillingPeriod,
    today: Date,
) -> UpgradeMoney {
    let credit_minor = coterminous_amount(source_unit_minor, licences, period, today);
    let charge_minor = coterminous_amount(target_unit_minor, licences, period, today);
    let (remaining_days, period_days) = period.unused_days(today);
    UpgradeMoney {
        credit_minor,
        charge_minor,
        due_minor: charge_minor - credit_minor,
        remaining_days,
        period_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nce::{nce_unit_price, TermDuration};
    use crate::domain::workspace::BillingCycle;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn period(start: &str, end: &str, months: u32) -> BillingPeriod {
        BillingPeriod { start: d(start), end: d(end), months }
    }

    #[test]
    fn nce_proseware_full_upgrade_worked_example() {
        // Business Basic P1Y billed monthly (6.30), 20 licences, 10 of 30 days
        // left, all 20 to Business Standard (13.13).
        let basic = nce_unit_price(600, TermDuration::P1Y, BillingCycle::Monthly);
        let standard = nce_unit_price(1250, TermDuration::P1Y, BillingCycle::Monthly);
        assert_eq!((basic, standard), (630, 1313));
        let november = period("2026-11-01", "2026-12-01", 1);
        let money = prorate_upgrade(basic, standard, 20, &november, d("2026-11-21"));
        assert_eq!((money.remaining_days, money.period_days), (10, 30));
        assert_eq!((money.credit_minor, money.charge_minor, money.due_minor), (4200, 8753, 4553));
    }

    #[test]
    fn nce_proseware_partial_upgrade_worked_example() {
        let november = period("2026-11-01", "2026-12-01", 1);
        let money = prorate_upgrade(630, 1313, 8, &november, d("2026-11-21"));
        assert_eq!((money.credit_minor, money.charge_minor, money.due_minor), (1680, 3501, 1821));
    }

    #[test]
    fn nce_woodgrove_annual_upgrade_worked_example() {
        // Business Standard P1Y billed annually (12.50), 10 licences, 100 of 365
        // days left, all 10 to Office 365 E3 (23.00).
        let standard = nce_unit_price(1250, TermDuration::P1Y, BillingCycle::Annual);
        let e3 = nce_unit_price(2300, TermDuration::P1Y, BillingCycle::Annual);
        let year = period("2026-03-01", "2027-03-01", 12);
        let money = prorate_upgrade(standard, e3, 10, &year, d("2026-11-21"));
        assert_eq!((money.remaining_days, money.period_days), (100, 365));
        assert_eq!(
            (money.credit_minor, money.charge_minor, money.due_minor),
            (41096, 75616, 34520)
        );
    }

    #[test]
    fn nce_adding_and_removing_licences_use_the_same_formula() {
        // 5 Business Basic licences added on Nov 18 (13 of 30 days left), removed on
        // Nov 21 (10 left): charged 6.30 × 5 × 13/30, refunded 6.30 × 5 × 10/30.
        let november = period("2026-11-01", "2026-12-01", 1);
        assert_eq!(coterminous_amount(630, 5, &november, d("2026-11-18")), 1365);
        assert_eq!(coterminous_amount(630, 5, &november, d("2026-11-21")), 1050);
    }

    #[test]
    fn nce_days_outside_the_period_are_clamped() {
        let november = period("2026-11-01", "2026-12-01", 1);
        assert_eq!(november.unused_days(d("2026-10-05")), (30, 30));
        assert_eq!(november.unused_days(d("2026-11-01")), (30, 30));
        assert_eq!(november.unused_days(d("2026-11-30")), (1, 30));
        assert_eq!(november.unused_days(d("2026-12-01")), (0, 30));
        assert_eq!(november.unused_days(d("2026-12-05")), (0, 30));
        // The first day costs the whole period, the end nothing.
        assert_eq!(coterminous_amount(630, 20, &november, d("2026-11-01")), 630 * 20);
        assert_eq!(coterminous_amount(630, 20, &november, d("2026-12-01")), 0);
        let empty = period("2026-11-01", "2026-11-01", 1);
        assert_eq!(empty.unused_days(d("2026-11-01")), (0, 1));
    }

    #[test]
    fn nce_triennial_period_counts_36_months() {
        let term = period("2025-06-01", "2028-06-01", 36);
        let (remaining, days) = term.unused_days(d("2026-11-21"));
        assert_eq!((remaining, days), (558, 1096));
        let expected = div_round_half_up(2300 * 25 * 36 * 558, 1096);
        assert_eq!(coterminous_amount(2300, 25, &term, d("2026-11-21")), expected);
    }
}
