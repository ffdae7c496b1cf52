//! The NCE price per licence per month: the legacy (catalog) price times the
//! term-and-billing factor, rounded half-up to the minor unit once. Factors are
//! whole percents, so the price is one exact integer fraction.

use super::term::TermDuration;
use crate::domain::money::div_round_half_up;
use crate::domain::workspace::BillingCycle;

/// The factor of a term billed so, in percent: a 1-month term costs 20% more,
/// paying a longer term monthly 5% more, paying up front nothing more.
/// Defined for every pair so that pricing never fails: a pair `check_billing`
/// refuses (which load and import reject) follows the same three rules.
pub fn nce_factor_percent(term: TermDuration, billing: BillingCycle) -> i64 {
    match (term, billing) {
        (TermDuration::P1M, _) => 120,
        (_, BillingCycle::Monthly) => 105,
        (_, BillingCycle::Annual | BillingCycle::Triennial) => 100,
    }
}

/// `legacy_monthly_minor` × `percent` / 100, rounded half-up once.
pub fn price_at_factor(legacy_monthly_minor: i64, percent: i64) -> i64 {
    div_round_half_up(i128::from(legacy_monthly_minor) * i128::from(percent), 100)
}

/// The NCE price per licence per month, in minor units.
pub fn nce_unit_price(legacy_monthly_minor: i64, term: TermDuration, billing: BillingCycle) -> i64 {
    price_at_factor(legacy_monthly_minor, nce_factor_percent(term, billing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use BillingCycle::{Annual, Monthly, Triennial};
    use TermDuration::{P1M, P1Y, P3Y};

    #[test]
    fn nce_business_standard_prices_of_the_factor_table() {
        let standard = 1250;
        assert_eq!(nce_unit_price(standard, P1M, Monthly), 1500);
        assert_eq!(nce_unit_price(standard, P1Y, Annual), 1250);
        assert_eq!(nce_unit_price(standard, P1Y, Monthly), 1313); // 1312.5 rounds up
        assert_eq!(nce_unit_price(standard, P3Y, Triennial), 1250);
        assert_eq!(nce_unit_price(standard, P3Y, Annual), 1250);
        assert_eq!(nce_unit_price(standard, P3Y, Monthly), 1313);
    }

    #[test]
    fn nce_prices_of_the_worked_examples() {
        assert_eq!(nce_unit_price(600, P1Y, Monthly), 630); // Business Basic
        assert_eq!(nce_unit_price(2300, P1Y, Annual), 2300); // Office 365 E3
        assert_eq!(nce_unit_price(2300, P1Y, Monthly), 2415);
        assert_eq!(nce_unit_price(20, P1M, Monthly), 24); // Extra File Storage
    }

    #[test]
    fn nce_price_rounds_half_up_once_at_the_boundary() {
        assert_eq!(price_at_factor(10, 105), 11); // 10.5
        assert_eq!(price_at_factor(9, 105), 9); // 9.45
        assert_eq!(price_at_factor(30, 105), 32); // 31.5
        assert_eq!(price_at_factor(0, 120), 0);
    }
}
