//! The scheduled changes of a new-commerce subscription
//! (docs/rules.md#new-commerce-scheduled-changes): its `nextTerm` and an
//! upgrade at renewal. Any immediate change (a licence change, an upgrade
//! now, auto-renew turned off, cancelling) removes them, after a confirmation
//! that names them ([`of`]); in the last 24 hours before `termEnd` they are
//! locked ([`locked_since`]): neither made, changed nor cancelled, and an
//! immediate change leaves them in place. A legacy subscription's upgrade at
//! renewal is not one of these (docs/rules.md#upgrade-at-renewal): it stays.

use super::clock::Timestamp;
use super::ids::{CustomerId, OfferId, OrderId, SubscriptionId};
use super::nce::SCHEDULE_LOCK_MS;
use super::orders;
use super::workspace::{AuditAction, AuditEntry, NextTerm, OrderStatus, Subscription, Workspace};

/// One scheduled change, as the subscription and its confirmations name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduledChange {
    /// The next term's licences, term or billing.
    NextTerm(NextTerm),
    /// An upgrade at renewal: its order, target and licences.
    Upgrade { order: OrderId, target: OfferId, quantity: u32 },
}

impl ScheduledChange {
    /// `data-kind` on the page: `next_term` or `upgrade`.
    pub fn kind(&self) -> &'static str {
        match self {
            ScheduledChange::NextTerm(_) => "next_term",
            ScheduledChange::Upgrade { .. } => "upgrade",
        }
    }
}

/// The instant the lock of `s`'s scheduled changes starts: 24 hours before
/// its `termEnd` (00:00 UTC). `None` for a legacy subscription.
pub fn lock_starts(s: &Subscription) -> Option<Timestamp> {
    let end = s.term_end.filter(|_| s.commerce.is_nce())?;
    Some(Timestamp::at(end, 0).plus_millis(-SCHEDULE_LOCK_MS))
}

/// When the lock started, if `s`'s scheduled changes are locked at `now`.
pub fn locked_since(s: &Subscription, now: Timestamp) -> Option<Timestamp> {
    lock_starts(s).filter(|start| now >= *start)
}

/// The scheduled changes of a new-commerce `s` (none for a legacy one):
/// its next term, then its upgrade at renewal.
pub fn of(w: &Workspace, s: &Subscription) -> Vec<ScheduledChange> {
    if !s.commerce.is_nce() {
        return Vec::new();
    }
    let next = s.next_term.clone().map(ScheduledChange::NextTerm);
    let upgrade =
        orders::scheduled_upgrade_of(w, &s.id).map(|(order, line)| ScheduledChange::Upgrade {
            order: order.id.clone(),
            target: line.target_offer_id.clone(),
            quantity: line.quantity,
        });
    next.into_iter().chain(upgrade).collect()
}

/// The scheduled changes an immediate change of `s` at `now` removes: all of
/// them, unless they are locked (then none).
pub fn removed_by_change(w: &Workspace, s: &Subscription, now: Timestamp) -> Vec<ScheduledChange> {
    if locked_since(s, now).is_some() {
        return Vec::new();
    }
    of(w, s)
}

/// Removes what [`removed_by_change`] names, each with its audit entry: the
/// next term is cleared, the upgrade's order is cancelled. Returns them.
pub fn remove_for_change(
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    now: Timestamp,
    actor: &str,
) -> Vec<ScheduledChange> {
    let Some(s) = w.customer(customer_id).and_then(|c| c.subscription(subscription_id)) else {
        return Vec::new();
    };
    let removed = removed_by_change(w, s, now);
    for change in &removed {
        match change {
            ScheduledChange::NextTerm(next) => {
                let s = w
                    .customer_mut(customer_id)
                    .and_then(|c| c.subscriptions.iter_mut().find(|s| s.id == subscription_id));
                if let Some(s) = s {
                    s.next_term = None;
                }
                let action = AuditAction::NextTermChanged { from: next.quantity, to: None };
                w.audit.push(
                    AuditEntry::new(now, actor, action)
                        .customer(customer_id)
                        .subscription(subscription_id),
                );
            }
            ScheduledChange::Upgrade { order, .. } => {
                let scheduled =
                    w.orders.iter().any(|o| o.id == *order && o.status == OrderStatus::Scheduled);
                if scheduled {
                    // The role was checked by the change itself.
                    let _ = orders::cancel_scheduled(w, order, now, actor);
                }
            }
        }
    }
    removed
}
