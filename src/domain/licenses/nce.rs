//! Licences of a new-commerce subscription (docs/rules.md#new-commerce-licences):
//! added licences are a batch of their own, removals come only from batches
//! less than 168 hours old (newest first), the rest waits for the next term's
//! count, and the subscription can be cancelled (with a refund) only while
//! its purchase or last renewal is less than 168 hours old.

use super::{cancel, check_not_upgrading, customer_mut, unassign, LicenseError};
use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::ids::{CustomerId, SubscriptionId, UserId};
use crate::domain::nce::{self, SeatBatch, REMOVAL_WINDOW_MS};
use crate::domain::scheduled;
use crate::domain::workspace::{
    AuditAction, AuditEntry, NextTerm, Subscription, SubscriptionStatus, Workspace,
};

/// Whether going to `quantity` removes more licences than `s`'s open windows
/// hold (a legacy subscription has no window: anything goes).
pub(super) fn check_removal(
    s: &Subscription,
    quantity: u32,
    now: Timestamp,
) -> Result<(), LicenseError> {
    if !s.commerce.is_nce() || quantity >= s.quantity {
        return Ok(());
    }
    let removable = nce::removable(&s.seat_batches, now);
    if s.quantity - quantity > removable {
        return Err(LicenseError::OutsideWindow { removable });
    }
    Ok(())
}

/// The batches of a new-commerce `s` going to `quantity` at `now` (checked):
/// added licences are a new batch, removed ones come off the newest.
pub(super) fn change_batches(s: &mut Subscription, quantity: u32, now: Timestamp) {
    if !s.commerce.is_nce() {
        return;
    }
    if quantity > s.quantity {
        nce::add_batch(&mut s.seat_batches, quantity - s.quantity, now);
    } else {
        // Checked by `check_removal`: only batches in their window shrink.
        let _ = nce::shrink_newest_first(&mut s.seat_batches, s.quantity - quantity);
    }
}

/// The live new-commerce subscription `subscription_id`, for a command that
/// changes it.
fn live_nce<'a>(
    w: &'a Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
) -> Result<&'a Subscription, LicenseError> {
    let s = w
        .customer(customer_id)
        .and_then(|c| c.subscription(subscription_id))
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.to_string()))?;
    if !s.commerce.is_nce() {
        return Err(LicenseError::NotNce);
    }
    if s.status != SubscriptionStatus::Active {
        return Err(LicenseError::NotActive(s.status));
    }
    Ok(s)
}

/// Checks a next term's licence count (`None`: renew as it is) without
/// changing anything: 1 to the current count, with auto-renew on, outside
/// the last 24 hours.
pub fn check_next_term(
    w: &Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    quantity: Option<u32>,
    now: Timestamp,
) -> Result<(), LicenseError> {
    check_not_upgrading(w, subscription_id)?;
    let s = live_nce(w, customer_id, subscription_id)?;
    if let Some(since) = scheduled::locked_since(s, now) {
        return Err(LicenseError::ScheduledLocked(since));
    }
    if !s.auto_renew {
        return Err(LicenseError::AutoRenewOff);
    }
    match quantity {
        Some(0) => Err(LicenseError::BelowAssigned(1)),
        Some(n) if n > s.quantity => Err(LicenseError::NextTermAbove(s.quantity)),
        _ => Ok(()),
    }
}

/// Schedules the licences `subscription_id` renews with (`None`, or its
/// current count: no change). Logged when it changes.
pub fn set_next_term(
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    quantity: Option<u32>,
    now: Timestamp,
    actor: &str,
) -> Result<(), LicenseError> {
    check_next_term(w, customer_id, subscription_id, quantity, now)?;
    let s = customer_mut(w, customer_id)?
        .subscriptions
        .iter_mut()
        .find(|s| s.id == subscription_id)
        .expect("checked above");
    let to = quantity.filter(|&n| n != s.quantity);
    let from = s.next_term.as_ref().and_then(|n| n.quantity);
    if from == to {
        return Ok(());
    }
    // The term and billing it renews with stay as scheduled.
    let mut next = s.next_term.take().unwrap_or_default();
    next.quantity = to;
    s.next_term = (next != NextTerm::default()).then_some(next);
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::NextTermChanged { from, to })
            .customer(customer_id)
            .subscription(subscription_id),
    );
    Ok(())
}

/// The instant the cancellation window of `s` closes: 168 hours after its
/// purchase or last renewal (its earliest batch).
pub fn cancel_window_closes(s: &Subscription) -> Option<Timestamp> {
    nce::earliest(&s.seat_batches).map(|at| at.plus_millis(REMOVAL_WINDOW_MS))
}

/// Whether a new-commerce `s` can still be cancelled at `now` (a legacy one
/// has no window).
pub(super) fn check_window(s: &Subscription, now: Timestamp) -> Result<(), LicenseError> {
    if !s.commerce.is_nce() || nce::cancellable(&s.seat_batches, now) {
        return Ok(());
    }
    let closed = cancel_window_closes(s).unwrap_or(now);
    Err(LicenseError::CancelWindowClosed { closed, term_end: s.commitment_end() })
}

/// Why `subscription_id` cannot be cancelled now (`cancel-subscription`), if
/// it cannot: not new commerce, not active, an upgrade under way, or its
/// 168-hour window closed.
pub fn check_cancel_now(
    w: &Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    now: Timestamp,
) -> Result<(), LicenseError> {
    check_not_upgrading(w, subscription_id)?;
    let s = live_nce(w, customer_id, subscription_id)?;
    check_window(s, now)
}

/// Cancels a new-commerce subscription within its window: its users lose
/// the licence, its scheduled changes and add-ons go with it, each logged.
/// The refund (`proration::cancellation_refund`) is what the confirmation
/// showed. Changes nothing on an error.
pub fn cancel_now(
    catalog: &Catalog,
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    now: Timestamp,
    actor: &str,
) -> Result<(), LicenseError> {
    check_cancel_now(w, customer_id, subscription_id, now)?;
    let holders: Vec<UserId> = w
        .customer(customer_id)
        .map(|c| {
            c.users.iter().filter(|u| u.licenses.contains(subscription_id)).map(|u| u.id.clone())
        })
        .into_iter()
        .flatten()
        .collect();
    let mut next = w.clone();
    if !holders.is_empty() {
        unassign(&mut next, customer_id, subscription_id, &holders, now, actor)?;
    }
    // `cancel` removes the scheduled changes too.
    cancel(catalog, &mut next, customer_id, subscription_id, None, now, actor)?;
    *w = next;
    Ok(())
}

/// The batches still in their window at `now`, oldest first, for the
/// Licences tab (`nce-window`).
pub fn open_windows(s: &Subscription, now: Timestamp) -> Vec<SeatBatch> {
    let mut open: Vec<SeatBatch> =
        s.seat_batches.iter().filter(|b| b.is_removable(now)).copied().collect();
    open.sort_by_key(|b| b.added_at);
    open
}
