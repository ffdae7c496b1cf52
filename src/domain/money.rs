//! Money in integer minor units (cents, öre, fen, paise). All currencies in the
//! catalog have two decimals, so one minor unit is 1/100 of the major unit.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Minor units; negative for credits.
    pub minor: i64,
    pub currency: String,
}

impl Money {
    pub fn new(minor: i64, currency: impl Into<String>) -> Money {
        Money { minor, currency: currency.into() }
    }

    /// The amount in major units, for display through `Intl`.
    pub fn major(&self) -> f64 {
        self.minor as f64 / 100.0
    }
}

/// `numerator / denominator` rounded half away from zero, in exact integer
/// arithmetic. Every priced line is computed as one fraction and rounded once.
pub fn div_round_half_up(numerator: i128, denominator: i128) -> i64 {
    assert!(denominator > 0, "denominator must be positive");
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    let rounded =
        if 2 * remainder.abs() >= denominator { quotient + numerator.signum() } else { quotient };
    rounded as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_once() {
        assert_eq!(div_round_half_up(5, 2), 3);
        assert_eq!(div_round_half_up(7, 3), 2);
        assert_eq!(div_round_half_up(-5, 2), -3);
        assert_eq!(div_round_half_up(600 * 25 * 10, 30), 5000);
        assert_eq!(div_round_half_up(825 * 7 * 11, 30), 2118); // 2117.5 -> 2118
    }
}
