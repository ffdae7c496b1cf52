//! Reading a licence count typed by a partner. Bad input is an error to show
//! next to the field, never a panic and never a silent clamp.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    Empty,
    NotANumber,
    Fractional,
    BelowMin(u32),
    AboveMax(u32),
}

/// Parses `text` as a whole number of licences within `min..=max`.
pub fn parse_quantity(text: &str, min: u32, max: u32) -> Result<u32, QuantityError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(QuantityError::Empty);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return Err(QuantityError::NotANumber);
    }
    if digits.contains(['.', ',']) {
        let whole_with_zeros = digits.split_once(['.', ',']).is_some_and(|(int, frac)| {
            !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && !frac.is_empty() && frac.bytes().all(|b| b == b'0')
        });
        if !whole_with_zeros {
            return Err(if digits.bytes().filter(|b| !b.is_ascii_digit()).count() == 1 {
                QuantityError::Fractional
            } else {
                QuantityError::NotANumber
            });
        }
    }
    if negative {
        return Err(QuantityError::BelowMin(min));
    }
    let integer = digits.split(['.', ',']).next().unwrap_or_default();
    // Anything longer than u32 can hold is above every maximum.
    let value = integer.parse::<u64>().unwrap_or(u64::MAX);
    if value < u64::from(min) {
        Err(QuantityError::BelowMin(min))
    } else if value > u64::from(max) {
        Err(QuantityError::AboveMax(max))
    } else {
        Ok(value as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_kind_of_bad_input_has_its_error() {
        assert_eq!(parse_quantity("", 25, 300), Err(QuantityError::Empty));
        assert_eq!(parse_quantity("   ", 25, 300), Err(QuantityError::Empty));
        assert_eq!(parse_quantity("abc", 25, 300), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("1e3", 25, 300), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("30.5", 25, 300), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("30,5", 25, 300), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("24", 25, 300), Err(QuantityError::BelowMin(25)));
        assert_eq!(parse_quantity("-30", 25, 300), Err(QuantityError::BelowMin(25)));
        assert_eq!(parse_quantity("301", 25, 300), Err(QuantityError::AboveMax(300)));
        assert_eq!(parse_quantity("99999999999999999999999", 25, 300), Err(QuantityError::AboveMax(300)));
    }

    #[test]
    fn good_input_is_read() {
        assert_eq!(parse_quantity("25", 25, 300), Ok(25));
        assert_eq!(parse_quantity(" 300 ", 25, 300), Ok(300));
        assert_eq!(parse_quantity("40.0", 25, 300), Ok(40));
        assert_eq!(parse_quantity("+26", 25, 300), Ok(26));
    }

    proptest! {
        #[test]
        fn never_panics_and_never_leaves_the_range(text in ".{0,30}", min in 1u32..1000, span in 0u32..1_000_000) {
            let max = min.saturating_add(span);
            if let Ok(q) = parse_quantity(&text, min, max) {
                prop_assert!((min..=max).contains(&q));
            }
        }

        #[test]
        fn every_number_in_range_is_accepted(min in 1u32..1000, span in 0u32..1000, pick in 0u32..1000) {
            let max = min + span;
            let q = min + pick % (span + 1);
            prop_assert_eq!(parse_quantity(&q.to_string(), min, max), Ok(q));
        }
    }
}
