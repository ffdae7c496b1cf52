//! Reading a licence count typed by a partner, the way the partner's language
//! writes numbers (docs/rules.md#licence-counts-as-typed). Bad input is an
//! error to show next to the field, never a panic, never a silent clamp, and
//! never another number than the one the partner meant: "1.000" is one
//! thousand in Italian and an error in English, where it reads as a decimal.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    Empty,
    NotANumber,
    /// A decimal part: "enter a whole number".
    Fractional,
    BelowMin(u32),
    AboveMax(u32),
}

/// How a language writes whole numbers: the characters that group thousands
/// and the one that starts a decimal part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStyle {
    /// The first is the one the language writes; the others are accepted too.
    pub group: &'static [char],
    pub decimal: char,
}

impl NumberStyle {
    /// en-US and zh-CN: 1,000.5
    pub const COMMA_GROUPS: NumberStyle = NumberStyle { group: &[','], decimal: '.' };
    /// it-IT: 1.000,5
    pub const DOT_GROUPS: NumberStyle = NumberStyle { group: &['.'], decimal: ',' };
    /// sv-SE: 1 000,5 with a no-break space (Intl), a plain or a narrow one.
    pub const SPACE_GROUPS: NumberStyle =
        NumberStyle { group: &['\u{a0}', ' ', '\u{202f}'], decimal: ',' };
}

/// Full-width forms from a CJK input method, and typographic signs, as the
/// ASCII characters they stand for.
fn normalize(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
        '\u{ff0c}' => ',',
        '\u{ff0e}' => '.',
        '\u{ff0b}' => '+',
        '\u{ff0d}' | '\u{2212}' => '-',
        '\u{3000}' => ' ',
        c => c,
    }
}

/// Parses `text` as a whole number of licences within `min..=max`.
pub fn parse_quantity(
    text: &str,
    style: NumberStyle,
    min: u32,
    max: u32,
) -> Result<u32, QuantityError> {
    let normalized: String = text.chars().map(normalize).collect();
    let text = normalized.trim();
    if text.is_empty() {
        return Err(QuantityError::Empty);
    }
    let (negative, number) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (integer, fraction) = match number.split_once(style.decimal) {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (number, None),
    };
    let value = read_grouped(integer, style.group).ok_or(QuantityError::NotANumber)?;
    if let Some(fraction) = fraction {
        return Err(if !fraction.is_empty() && fraction.chars().all(|c| c.is_ascii_digit()) {
            QuantityError::Fractional
        } else {
            QuantityError::NotANumber
        });
    }
    if negative {
        return Err(QuantityError::BelowMin(min));
    }
    check_range(value, min, max)
}

/// A count already read: within `min..=max`, or the error that says which end.
pub fn check_range(value: u64, min: u32, max: u32) -> Result<u32, QuantityError> {
    if value < u64::from(min) {
        Err(QuantityError::BelowMin(min))
    } else if value > u64::from(max) {
        Err(QuantityError::AboveMax(max))
    } else {
        Ok(value as u32)
    }
}

/// Digits, optionally grouped by threes ("1,000,000"; the first group may be
/// shorter). `None` for anything else, including misplaced separators ("1,00"),
/// which could stand for another number. Values past `u64` saturate: they are
/// above every maximum anyway.
fn read_grouped(text: &str, separators: &[char]) -> Option<u64> {
    let groups: Vec<&str> = text.split(|c| separators.contains(&c)).collect();
    let grouped = groups.len() > 1;
    for (i, group) in groups.iter().enumerate() {
        let well_sized = match (grouped, i) {
            (false, _) => !group.is_empty(),
            (true, 0) => (1..=3).contains(&group.len()),
            (true, _) => group.len() == 3,
        };
        if !well_sized || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    Some(
        groups
            .concat()
            .bytes()
            .fold(0u64, |n, digit| n.saturating_mul(10).saturating_add(u64::from(digit - b'0'))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EN: NumberStyle = NumberStyle::COMMA_GROUPS;
    const IT: NumberStyle = NumberStyle::DOT_GROUPS;
    const SV: NumberStyle = NumberStyle::SPACE_GROUPS;
    const STYLES: [NumberStyle; 3] = [EN, IT, SV];

    /// `n` written with the style's own grouping, as `Intl` writes it.
    fn written(n: u32, style: NumberStyle) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(style.group[0]);
            }
            out.push(c);
        }
        out
    }

    fn full_width(text: &str) -> String {
        text.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(0xff10 + (c as u32 - '0' as u32)).unwrap()
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn every_kind_of_bad_input_has_its_error() {
        assert_eq!(parse_quantity("", EN, 25, 300), Err(QuantityError::Empty));
        assert_eq!(parse_quantity(" \u{a0} ", EN, 25, 300), Err(QuantityError::Empty));
        assert_eq!(parse_quantity("abc", EN, 25, 300), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("1e3", EN, 25, 300), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("30.5", EN, 25, 300), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("30,5", IT, 25, 300), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("24", EN, 25, 300), Err(QuantityError::BelowMin(25)));
        assert_eq!(parse_quantity("-30", EN, 25, 300), Err(QuantityError::BelowMin(25)));
        assert_eq!(parse_quantity("−30", EN, 25, 300), Err(QuantityError::BelowMin(25)));
        assert_eq!(parse_quantity("301", EN, 25, 300), Err(QuantityError::AboveMax(300)));
        assert_eq!(
            parse_quantity("99999999999999999999999", EN, 25, 300),
            Err(QuantityError::AboveMax(300))
        );
    }

    /// The cases a partner met: each read as the page itself writes numbers.
    #[test]
    fn counts_are_read_as_the_language_writes_them() {
        let max = 1_000_000;
        assert_eq!(parse_quantity("1.000", IT, 1, max), Ok(1000));
        assert_eq!(parse_quantity("1,000", EN, 1, max), Ok(1000));
        assert_eq!(parse_quantity("1 000", SV, 1, max), Ok(1000));
        assert_eq!(parse_quantity("1\u{a0}000", SV, 1, max), Ok(1000));
        assert_eq!(parse_quantity("１０００", EN, 1, max), Ok(1000));
        assert_eq!(parse_quantity("１，０００", EN, 1, max), Ok(1000));
        assert_eq!(parse_quantity(" 1.000.000 ", IT, 1, max), Ok(1_000_000));
        // The same text in another language is not silently another number.
        assert_eq!(parse_quantity("1.000", EN, 1, max), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("1,000", IT, 1, max), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("40.0", EN, 1, max), Err(QuantityError::Fractional));
        assert_eq!(parse_quantity("1 000", EN, 1, max), Err(QuantityError::NotANumber));
        // Misplaced separators could stand for another number.
        for bad in ["1,00", "1,0000", ",100", "100,", "1,,000", "1000,000", "12."] {
            assert_eq!(parse_quantity(bad, EN, 1, max), Err(QuantityError::NotANumber), "{bad}");
        }
    }

    #[test]
    fn good_input_is_read() {
        assert_eq!(parse_quantity("25", EN, 25, 300), Ok(25));
        assert_eq!(parse_quantity(" 300 ", EN, 25, 300), Ok(300));
        assert_eq!(parse_quantity("+26", EN, 25, 300), Ok(26));
        assert_eq!(parse_quantity("\u{3000}２６\u{3000}", EN, 25, 300), Ok(26));
    }

    proptest! {
        #[test]
        fn never_panics_and_never_leaves_the_range(text in "\\PC{0,30}", min in 1u32..1000, span in 0u32..1_000_000, style in 0usize..3) {
            let max = min.saturating_add(span);
            if let Ok(q) = parse_quantity(&text, STYLES[style], min, max) {
                prop_assert!((min..=max).contains(&q));
            }
        }

        /// For every language and every count in range, the language's own
        /// writing of it (grouped, plain, full-width, padded) reads back as it.
        #[test]
        fn what_the_language_writes_reads_back(n in 1u32..=1_000_000, style in 0usize..3) {
            let style = STYLES[style];
            for text in [written(n, style), n.to_string(), full_width(&written(n, style)), format!(" {} ", written(n, style))] {
                prop_assert_eq!(parse_quantity(&text, style, 1, 1_000_000), Ok(n), "{:?}", text);
            }
        }

        /// Anything with a decimal part is "enter a whole number".
        #[test]
        fn a_decimal_part_is_never_dropped(n in 1u32..=1_000_000, fraction in 0u32..1000, style in 0usize..3) {
            let style = STYLES[style];
            let text = format!("{}{}{fraction}", written(n, style), style.decimal);
            prop_assert_eq!(parse_quantity(&text, style, 1, 1_000_000), Err(QuantityError::Fractional));
        }
    }
}
