//! Legacy subscriptions on the simulated clock (docs/rules.md#renewal-on-the-clock): when the date
//! reaches a subscription's `periodEnd`, one with auto-renew starts its next
//! period, one without becomes `expired` and its users lose the licence; the
//! add-ons of an expired base expire with it. Each is an audit entry, so a
//! document never changes without the log saying why.
//!
//! **When.** `periodEnd` is exclusive (docs/rules.md#workspace-document,
//! `Subscription::period_end`): it
//! is the first day of the next period, the day the pages show as "Renews …"
//! and the day an upgrade at renewal takes effect (`Order::scheduled_for`).
//! So a subscription renews *on* its `periodEnd`: the day before, it is still
//! in its last day; on the day itself it is in the next period. The demo's
//! monthly subscriptions (Nov 1 – Dec 1, "Renews Dec 1") renew on Dec 1, the
//! same day a scheduled upgrade of them runs.
//!
//! **Where.** The clock ([`advance_clock`], [`clock_has_work`]) runs it with
//! the orders, whenever the date it is given has moved: the simulated date
//! set in Settings, the real date at start-up or past midnight, a document
//! imported or stored with periods already past (rolled forward on the
//! clock's first tick, with the entries that say so). Loading a document
//! never changes it: the store has no date (the real one is the browser's),
//! and every tab reads storage again and again.
//!
//! **Orders first.** An upgrade of the subscription that is under way (credit
//! check, provisioning) or scheduled for a day that has come replaces it:
//! it is neither renewed nor expired while the order runs (its users stay as
//! they are: docs/rules.md#while-an-upgrade-is-pending), and the order's
//! completion cancels it. If the order fails, the next tick renews or expires
//! it.
//!
//! Only `active` subscriptions renew or expire at their period's end: a
//! suspended one is not billed and starts no period, a pending one has not
//! started, cancelled and expired ones are done. The one exception is an
//! add-on of an expired base: it expires with it (on the day its base did),
//! whatever its own period, auto-renew or status, unless already cancelled
//! or expired.

mod nce;
pub use nce::{new_term, NewTerm};

use super::catalog::Catalog;
use super::clock::Timestamp;
use super::date::Date;
use super::orders;
use super::workspace::{
    AuditAction, AuditEntry, BillingCycle, Customer, OrderStatus, Period, Subscription,
    SubscriptionStatus, Workspace,
};
use crate::domain::ids::{CustomerId, SubscriptionId};
use std::collections::HashSet;

/// Who the audit log names for what the clock does by itself.
pub const SYSTEM_ACTOR: &str = "Upgrade Center";

/// What one pass changed, subscription ids by customer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renewals {
    /// (customer, subscription, how many periods it moved on).
    pub renewed: Vec<(CustomerId, SubscriptionId, u32)>,
    /// (customer, subscription).
    pub expired: Vec<(CustomerId, SubscriptionId)>,
}

impl Renewals {
    pub fn is_empty(&self) -> bool {
        self.renewed.is_empty() && self.expired.is_empty()
    }
}

/// The day of the month a period is anchored on: its end's day, unless the
/// end is a month's last day clamped from a later day the start still shows
/// (Jan 31 – Feb 28 is anchored on the 31st, so the next ends Mar 31).
fn anchor_day(start: Date, end: Date) -> u8 {
    if end.is_last_of_month() && start.day() > end.day() {
        start.day()
    } else {
        end.day()
    }
}

/// The period after `[start, end)` for `cycle`: it starts on `end` and lasts
/// one billing period (a month or twelve), on the same day of the month,
/// clamped to the end of a shorter month ([`Date::add_months_on_day`]).
pub fn next_period(start: Date, end: Date, cycle: BillingCycle) -> (Date, Date) {
    (end, end.add_months_on_day(cycle.months(), anchor_day(start, end)))
}

/// The period of `s` that holds `today`, and how many periods it moved on to
/// get there; `None` when its period still holds `today`. Stops short of
/// leaving the years a document may hold ([`Date::YEARS`]), so what is saved
/// always loads again.
pub fn period_holding(s: &Subscription, today: Date) -> Option<(Date, Date, u32)> {
    let day = anchor_day(s.period_start, s.period_end);
    let (mut start, mut end, mut moved) = (s.period_start, s.period_end, 0);
    while end <= today {
        let next = end.add_months_on_day(s.billing_cycle.months(), day);
        if !Date::YEARS.contains(&next.year()) {
            break;
        }
        (start, end, moved) = (end, next, moved + 1);
    }
    (moved > 0).then_some((start, end, moved))
}

/// Subscriptions an order is about to replace at `today`: the sources of
/// upgrades in credit check or provisioning, or scheduled for a day that has
/// come (the upgrade runs on its day, instead of the renewal:
/// docs/rules.md#upgrade-at-renewal).
fn held_by_orders(w: &Workspace, today: Date) -> HashSet<&SubscriptionId> {
    w.orders
        .iter()
        .filter(|o| {
            o.status.is_pending()
                || (o.status == OrderStatus::Scheduled
                    && o.scheduled_for.is_none_or(|d| d <= today))
        })
        .flat_map(|o| o.lines.iter().filter(|l| !l.purchase).map(|l| &l.source_subscription_id))
        .collect()
}

/// Whether the period of an active `s` has ended by `today` (and, with
/// auto-renew, a next one fits in the calendar).
fn period_over(s: &Subscription, today: Date) -> bool {
    s.status == SubscriptionStatus::Active
        && s.period_end <= today
        && (!s.auto_renew || period_holding(s, today).is_some())
}

/// What happens to `s` at `today`, if anything, given its base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Due {
    Renew,
    /// New commerce: the term has ended and auto-renew is on.
    NewTerm,
    /// New commerce: the next billing period inside the term.
    NextPeriod,
    /// Auto-renew is off and the period is over.
    Expire,
    /// Its base expired (on that day), so it goes too.
    ExpireWithBase(Date),
}

fn due(s: &Subscription, base: Option<&Subscription>, today: Date) -> Option<Due> {
    if let Some(base) = base.filter(|b| b.status == SubscriptionStatus::Expired) {
        let goes = !matches!(s.status, SubscriptionStatus::Cancelled | SubscriptionStatus::Expired);
        return goes.then_some(Due::ExpireWithBase(base.commitment_end()));
    }
    if s.commerce.is_nce() && s.status == SubscriptionStatus::Active {
        return nce_due(s, today);
    }
    if !period_over(s, today) {
        return None;
    }
    Some(if s.auto_renew { Due::Renew } else { Due::Expire })
}

/// What is due for an active new-commerce `s` at `today`: at `termEnd` a new
/// term or expiry, before it the next billing period.
fn nce_due(s: &Subscription, today: Date) -> Option<Due> {
    if s.commitment_end() <= today {
        if !s.auto_renew {
            return Some(Due::Expire);
        }
        return new_term(s, today).map(|_| Due::NewTerm);
    }
    nce::next_period(s, today).map(|_| Due::NextPeriod)
}

/// Whether a renewal or an expiry is due at `today` (nothing an order holds).
pub fn any_due(w: &Workspace, today: Date) -> bool {
    let mut held = None;
    w.customers.iter().any(|c| {
        c.subscriptions.iter().any(|s| {
            let base = s.parent_subscription_id.as_deref().and_then(|p| c.subscription(p));
            // A base that expires now takes its add-ons in the same pass.
            due(s, base, today).is_some() && {
                let held = held.get_or_insert_with(|| held_by_orders(w, today));
                !held.contains(&s.id)
                    && !s.parent_subscription_id.as_ref().is_some_and(|p| held.contains(p))
            }
        })
    })
}

/// Renews or expires every subscription whose period has ended by `now`'s
/// date, rolling one over as many periods as have passed to the one that
/// holds today. Bases first, then add-ons (which follow their own period, or
/// their base into expiry). Each change is an audit entry by
/// [`SYSTEM_ACTOR`]: `subscription_renewed` (old and new period),
/// `subscription_expired` (the day, and the base it went with), and
/// `licenses_unassigned` for the users who lost the licence.
pub fn renew_due(w: &mut Workspace, now: Timestamp) -> Result<Renewals, std::convert::Infallible> {
    let today = now.date();
    let mut done = Renewals::default();
    if !any_due(w, today) {
        return Ok(done);
    }
    let held: HashSet<SubscriptionId> = held_by_orders(w, today).into_iter().cloned().collect();
    let mut audit = Vec::new();
    for customer in w.customers.iter_mut() {
        for addons in [false, true] {
            for index in 0..customer.subscriptions.len() {
                let s = &customer.subscriptions[index];
                if s.parent_subscription_id.is_some() != addons
                    || held.contains(&s.id)
                    || s.parent_subscription_id.as_ref().is_some_and(|p| held.contains(p))
                {
                    continue;
                }
                let base =
                    s.parent_subscription_id.as_deref().and_then(|p| customer.subscription(p));
                let Some(what) = due(s, base, today) else { continue };
                let actions = apply(customer, index, what, today, &mut done);
                let (customer_id, id) = (&customer.id, &customer.subscriptions[index].id);
                audit.extend(actions.into_iter().map(|action| {
                    AuditEntry::new(now, SYSTEM_ACTOR, action)
                        .customer(customer_id)
                        .subscription(id)
                }));
            }
        }
    }
    w.audit.extend(audit);
    Ok(done)
}

/// Does what is due to `customer.subscriptions[index]` at `today`, noting it
/// in `done`; returns the audit actions that say so.
fn apply(
    customer: &mut Customer,
    index: usize,
    what: Due,
    today: Date,
    done: &mut Renewals,
) -> Vec<AuditAction> {
    let s = &customer.subscriptions[index];
    let (customer_id, id) = (customer.id.clone(), s.id.clone());
    match what {
        Due::Renew => {
            let Some((start, end, moved)) = period_holding(s, today) else { return Vec::new() };
            let from = Period { start: s.period_start, end: s.period_end };
            let s = &mut customer.subscriptions[index];
            (s.period_start, s.period_end) = (start, end);
            done.renewed.push((customer_id, id, moved));
            vec![AuditAction::SubscriptionRenewed { from, to: Period { start, end } }]
        }
        Due::NewTerm => {
            let Some(new) = new_term(s, today) else { return Vec::new() };
            done.renewed.push((customer_id, id, 1));
            nce::renew(customer, index, new)
        }
        Due::NextPeriod => {
            let Some(to) = nce::next_period(s, today) else { return Vec::new() };
            let from = Period { start: s.period_start, end: s.period_end };
            let s = &mut customer.subscriptions[index];
            (s.period_start, s.period_end) = (to.start, to.end);
            done.renewed.push((customer_id, id, 1));
            vec![AuditAction::BillingPeriodStarted { from, to }]
        }
        Due::Expire | Due::ExpireWithBase(_) => {
            let (on, base) = match what {
                Due::ExpireWithBase(on) => (on, s.parent_subscription_id.clone()),
                _ => (s.commitment_end(), None),
            };
            let mut actions = vec![AuditAction::SubscriptionExpired { on, base }];
            let mut lost = Vec::new();
            for user in customer.users.iter_mut() {
                let before = user.licenses.len();
                user.licenses.retain(|l| *l != id);
                if user.licenses.len() < before {
                    lost.push(user.id.clone());
                }
            }
            if !lost.is_empty() {
                actions.push(AuditAction::LicensesUnassigned { users: lost });
            }
            customer.subscriptions[index].status = SubscriptionStatus::Expired;
            done.expired.push((customer_id, id));
            actions
        }
    }
}

/// Whether the simulated clock has something to do at `now`: an order to
/// move on ([`orders::has_work`]) or a subscription to renew or expire.
pub fn clock_has_work(w: &Workspace, now: Timestamp) -> bool {
    orders::has_work(w, now) || any_due(w, now.date())
}

/// One tick of the simulated clock at `now`: orders first (an upgrade at
/// renewal runs on its day instead of its source's renewal), then renewals
/// and expiries. Returns whether anything changed.
pub fn advance_clock(catalog: &Catalog, w: &mut Workspace, now: Timestamp, actor: &str) -> bool {
    let moved = orders::advance(catalog, w, now, actor);
    let renewed = renew_due(w, now).is_ok_and(|r| !r.is_empty());
    moved || renewed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn periods_keep_their_day_of_the_month() {
        let m = BillingCycle::Monthly;
        assert_eq!(
            next_period(d("2026-11-01"), d("2026-12-01"), m),
            (d("2026-12-01"), d("2027-01-01"))
        );
        // Anchored on the 31st: Feb 28, then Mar 31, Apr 30, May 31.
        assert_eq!(
            next_period(d("2026-12-31"), d("2027-01-31"), m),
            (d("2027-01-31"), d("2027-02-28"))
        );
        assert_eq!(
            next_period(d("2027-01-31"), d("2027-02-28"), m),
            (d("2027-02-28"), d("2027-03-31"))
        );
        assert_eq!(
            next_period(d("2027-03-31"), d("2027-04-30"), m),
            (d("2027-04-30"), d("2027-05-31"))
        );
        // A genuine 28th stays on the 28th.
        assert_eq!(
            next_period(d("2027-01-28"), d("2027-02-28"), m),
            (d("2027-02-28"), d("2027-03-28"))
        );
        // A short first period renews on its end's day.
        assert_eq!(
            next_period(d("2026-11-15"), d("2026-12-01"), m),
            (d("2026-12-01"), d("2027-01-01"))
        );
        assert_eq!(
            next_period(d("2026-03-15"), d("2027-03-15"), BillingCycle::Annual),
            (d("2027-03-15"), d("2028-03-15"))
        );
    }
}
