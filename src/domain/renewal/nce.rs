//! New-commerce subscriptions on the simulated clock
//! (docs/rules.md#new-commerce-renewal): billing periods follow each other
//! inside the term; at `termEnd` one with auto-renew starts a new term (as
//! its `nextTerm` says, or as it is) whose licences are one batch dated
//! `termEnd` 00:00 UTC, a new 168-hour window. One without auto-renew
//! expires then (in `super`, as a legacy one does at its period's end).

use crate::domain::date::Date;
use crate::domain::ids::UserId;
use crate::domain::nce::{check_billing, merged_batch, BillingPeriods, TermDuration};
use crate::domain::workspace::{AuditAction, BillingCycle, Customer, Period, Subscription};

/// The term a new-commerce subscription renews into at `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewTerm {
    pub term: TermDuration,
    pub billing: BillingCycle,
    pub quantity: u32,
    /// The new term, `termStart` to `termEnd` (exclusive).
    pub span: Period,
    /// Its billing period that holds `today`.
    pub period: Period,
}

/// The term `s` is in at `today` once renewed, if its term has ended by then
/// (as many terms as have passed; `nextTerm` applies from the first), and the
/// new one fits in the years a document may hold ([`Date::YEARS`]).
pub fn new_term(s: &Subscription, today: Date) -> Option<NewTerm> {
    let (term, end) = (s.nce_term()?, s.term_end?);
    if end > today {
        return None;
    }
    let next = s.next_term.clone().unwrap_or_default();
    let term = next.term_duration.unwrap_or(term);
    let billing = next.billing_cycle.unwrap_or(s.billing_cycle);
    // A billing the new term does not offer (refused on load) falls back to its first.
    let billing = check_billing(term, billing).map_or(term.billings()[0], |()| billing);
    let mut start = end;
    let mut end = term.end_from(start);
    while end <= today {
        (start, end) = (end, term.end_from(end));
    }
    if !Date::YEARS.contains(&end.year()) {
        return None;
    }
    let (period_start, period_end) = billing.period_holding(start, today);
    Some(NewTerm {
        term,
        billing,
        quantity: next.quantity.unwrap_or(s.quantity),
        span: Period { start, end },
        period: Period { start: period_start, end: period_end },
    })
}

/// The billing period inside the term that holds `today`, once the current
/// one has ended (`None` while it runs, or once the term has ended).
pub fn next_period(s: &Subscription, today: Date) -> Option<Period> {
    let (start, end) = (s.term_start?, s.term_end?);
    if s.period_end > today || end <= today {
        return None;
    }
    let (period_start, period_end) = s.billing_cycle.period_holding(start, today);
    Some(Period { start: period_start, end: period_end })
}

/// Renews `customer.subscriptions[index]` into `new`; returns the audit
/// actions that say so: the new term, the licence count when `nextTerm`
/// changed it, and the users left without a licence when it fell below them
/// (the last holders in the customer's list).
pub fn renew(customer: &mut Customer, index: usize, new: NewTerm) -> Vec<AuditAction> {
    let s = &mut customer.subscriptions[index];
    let from = Period {
        start: s.term_start.unwrap_or(s.period_start),
        end: s.term_end.unwrap_or(s.period_end),
    };
    let mut actions = vec![AuditAction::TermRenewed { from, to: new.span }];
    if new.quantity != s.quantity {
        actions.push(AuditAction::LicensesChanged { from: s.quantity, to: new.quantity });
    }
    s.term_duration = Some(new.term);
    s.billing_cycle = new.billing;
    (s.term_start, s.term_end) = (Some(new.span.start), Some(new.span.end));
    (s.period_start, s.period_end) = (new.period.start, new.period.end);
    s.quantity = new.quantity;
    s.seat_batches = vec![merged_batch(new.quantity, new.span.start)];
    s.next_term = None;
    let id = s.id.clone();
    let mut held = 0;
    let mut lost: Vec<UserId> = Vec::new();
    for user in customer.users.iter_mut().filter(|u| u.licenses.contains(&id)) {
        held += 1;
        if held > new.quantity {
            user.licenses.retain(|l| *l != id);
            lost.push(user.id.clone());
        }
    }
    if !lost.is_empty() {
        actions.push(AuditAction::LicensesUnassigned { users: lost });
    }
    actions
}
