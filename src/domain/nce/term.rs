//! The term of an NCE subscription and how it is billed: a term is 1 month,
//! 1 year or 3 years; a billing period is 1 month, 1 year, or the whole
//! 3-year term when billed triennially.

use crate::domain::date::Date;
use crate::domain::string_enum::string_enum;
use crate::domain::workspace::BillingCycle;

string_enum! {
    /// The commitment, as the Partner Center API writes it (ISO 8601 durations).
    pub enum TermDuration {
        P1M = "P1M",
        P1Y = "P1Y",
        P3Y = "P3Y",
    }
}

impl TermDuration {
    pub fn months(self) -> u32 {
        match self {
            TermDuration::P1M => 1,
            TermDuration::P1Y => 12,
            TermDuration::P3Y => 36,
        }
    }

    /// `termEnd` (exclusive): the start plus the term, clamped to the end of a
    /// shorter month (a 1-month term from Jan 31 ends on Feb 28).
    pub fn end_from(self, term_start: Date) -> Date {
        term_start.add_months(self.months())
    }

    /// The billing frequencies sold with this term: a longer term may be paid
    /// monthly or up front, a 1-month term only monthly.
    pub fn billings(self) -> &'static [BillingCycle] {
        match self {
            TermDuration::P1M => &[BillingCycle::Monthly],
            TermDuration::P1Y => &[BillingCycle::Monthly, BillingCycle::Annual],
            TermDuration::P3Y => {
                &[BillingCycle::Monthly, BillingCycle::Annual, BillingCycle::Triennial]
            }
        }
    }
}

/// A billing frequency's periods inside a term.
pub trait BillingPeriods {
    /// The billing period inside a term that starts on `term_start` and holds
    /// `day`: periods follow each other from the term's start, anchored on its
    /// day of the month (a term from Jan 31 bills Feb 28 – Mar 31, not Mar 28).
    /// A day before the term gives its first period.
    fn period_holding(self, term_start: Date, day: Date) -> (Date, Date);
}

impl BillingPeriods for BillingCycle {
    fn period_holding(self, term_start: Date, day: Date) -> (Date, Date) {
        let step = self.months() as i32;
        let anchor = term_start.day();
        let months_in =
            (day.year() - term_start.year()) * 12 + day.month() as i32 - term_start.month() as i32;
        let mut index = months_in.max(0) / step;
        let start_of = |i: i32| term_start.add_months_on_day((i * step) as u32, anchor);
        if index > 0 && start_of(index) > day {
            index -= 1;
        }
        (start_of(index), start_of(index + 1))
    }
}

/// A term sold with a billing frequency it does not allow (`P1M` billed annually,
/// anything but `P3Y` billed triennially).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BillingNotOffered {
    pub term: TermDuration,
    pub billing: BillingCycle,
}

/// Whether `term` is sold billed `billing`.
pub fn check_billing(term: TermDuration, billing: BillingCycle) -> Result<(), BillingNotOffered> {
    if term.billings().contains(&billing) {
        Ok(())
    } else {
        Err(BillingNotOffered { term, billing })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn nce_terms_read_and_write_as_the_api_does() {
        for (term, text, months) in [
            (TermDuration::P1M, "P1M", 1),
            (TermDuration::P1Y, "P1Y", 12),
            (TermDuration::P3Y, "P3Y", 36),
        ] {
            assert_eq!(serde_json::to_string(&term).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<TermDuration>(&format!("\"{text}\"")).unwrap(), term);
            assert_eq!(term.months(), months);
        }
        assert!(serde_json::from_str::<TermDuration>("\"P2Y\"").is_err());
        assert!(serde_json::from_str::<TermDuration>("\"p1y\"").is_err());
        assert_eq!(serde_json::to_string(&BillingCycle::Triennial).unwrap(), "\"triennial\"");
    }

    #[test]
    fn nce_term_ends_the_term_later_exclusive() {
        assert_eq!(TermDuration::P1Y.end_from(d("2026-03-01")), d("2027-03-01"));
        assert_eq!(TermDuration::P3Y.end_from(d("2025-06-01")), d("2028-06-01"));
        assert_eq!(TermDuration::P1M.end_from(d("2026-10-22")), d("2026-11-22"));
        assert_eq!(TermDuration::P1M.end_from(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(TermDuration::P1Y.end_from(d("2028-02-29")), d("2029-02-28"));
    }

    #[test]
    fn nce_billing_combinations() {
        use BillingCycle::{Annual, Monthly, Triennial};
        use TermDuration::{P1M, P1Y, P3Y};
        let allowed = [
            (P1M, Monthly),
            (P1Y, Monthly),
            (P1Y, Annual),
            (P3Y, Monthly),
            (P3Y, Annual),
            (P3Y, Triennial),
        ];
        for &term in TermDuration::ALL {
            for &billing in BillingCycle::ALL {
                let expected = if allowed.contains(&(term, billing)) {
                    Ok(())
                } else {
                    Err(BillingNotOffered { term, billing })
                };
                assert_eq!(check_billing(term, billing), expected, "{term:?} {billing:?}");
            }
        }
        assert_eq!([Monthly.months(), Annual.months(), Triennial.months()], [1, 12, 36]);
    }

    #[test]
    fn nce_billing_periods_inside_the_term() {
        let start = d("2026-03-01");
        let monthly = BillingCycle::Monthly;
        assert_eq!(
            monthly.period_holding(start, d("2026-11-21")),
            (d("2026-11-01"), d("2026-12-01"))
        );
        assert_eq!(
            monthly.period_holding(start, d("2026-11-01")),
            (d("2026-11-01"), d("2026-12-01"))
        );
        assert_eq!(
            monthly.period_holding(start, d("2026-11-30")),
            (d("2026-11-01"), d("2026-12-01"))
        );
        assert_eq!(
            monthly.period_holding(start, d("2026-02-20")),
            (d("2026-03-01"), d("2026-04-01"))
        );
        let annual = BillingCycle::Annual;
        assert_eq!(
            annual.period_holding(start, d("2026-11-21")),
            (d("2026-03-01"), d("2027-03-01"))
        );
        assert_eq!(
            annual.period_holding(start, d("2027-02-28")),
            (d("2026-03-01"), d("2027-03-01"))
        );
        let triennial = BillingCycle::Triennial;
        let june = d("2025-06-01");
        assert_eq!(triennial.period_holding(june, d("2026-11-21")), (june, d("2028-06-01")));
        // Anchored on the 31st: the short month clamps, the next one returns to the 31st.
        let jan31 = d("2027-01-31");
        assert_eq!(
            monthly.period_holding(jan31, d("2027-02-28")),
            (d("2027-02-28"), d("2027-03-31"))
        );
        assert_eq!(
            monthly.period_holding(jan31, d("2027-03-30")),
            (d("2027-02-28"), d("2027-03-31"))
        );
        assert_eq!(
            monthly.period_holding(jan31, d("2027-03-31")),
            (d("2027-03-31"), d("2027-04-30"))
        );
        assert_eq!(monthly.period_holding(jan31, d("2027-02-27")), (jan31, d("2027-02-28")));
    }
}
