//! Orders on the simulated clock: credit checks approved, provisioning timed.

use super::complete::complete;
use super::{PlaceError, PROVISIONING_MS};
use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::workspace::{
    AuditAction, AuditEntry, Order, OrderEvent, OrderMove, OrderStatus, Workspace,
};

/// Ends every pending credit check (Settings, "complete pending credit
/// checks"); returns how many orders moved on. A read-only role may not
/// (docs/rules.md#read-only-role); the clock's own approvals (`advance`) are the system's.
pub fn approve_credit_checks(
    workspace: &mut Workspace,
    now: Timestamp,
    actor: &str,
) -> Result<usize, PlaceError> {
    workspace.may_act(PlaceError::ReadOnly)?;
    Ok(approve_where(workspace, now, actor, |_| true))
}

fn approve_where(
    workspace: &mut Workspace,
    now: Timestamp,
    actor: &str,
    ready: impl Fn(&Order) -> bool,
) -> usize {
    let mut approved = 0;
    for order in
        workspace.orders.iter_mut().filter(|o| o.status == OrderStatus::CreditCheck && ready(o))
    {
        // An upgrade at renewal approved before its date waits for it.
        let next = if order.scheduled_for.is_some_and(|day| now.date() < day) {
            OrderStatus::Scheduled
        } else {
            OrderStatus::Provisioning
        };
        workspace.audit.push(move_to(order, next, now, actor, AuditAction::CreditCheckApproved));
        approved += 1;
    }
    approved
}

/// Moves `order` to `status` at `now`, with its event, and returns the audit
/// entry that says so (`action`, e.g. `AuditAction::CreditCheckApproved`,
/// with the move from the old status to the new).
pub(super) fn move_to(
    order: &mut Order,
    status: OrderStatus,
    now: Timestamp,
    actor: &str,
    action: fn(OrderMove) -> AuditAction,
) -> AuditEntry {
    let from = std::mem::replace(&mut order.status, status);
    order.events.push(OrderEvent { status, at: now.to_rfc3339() });
    let action = action(OrderMove { order: order.id.clone(), from, to: status });
    let mut entry = AuditEntry::new(now, actor, action).customer(&order.customer_id);
    entry.subscription_id = order.lines.first().map(|l| l.source_subscription_id.clone());
    entry
}

/// When provisioning of `order` started, if it has.
pub fn provisioning_started(order: &Order) -> Option<Timestamp> {
    order
        .events
        .iter()
        .rev()
        .find(|e| e.status == OrderStatus::Provisioning)
        .and_then(|e| Timestamp::parse(&e.at))
}

/// Share of provisioning done at `now`, from 0 to 1.
pub fn progress(order: &Order, now: Timestamp) -> f64 {
    match order.status {
        OrderStatus::Completed => 1.0,
        OrderStatus::Provisioning => provisioning_started(order).map_or(0.0, |start| {
            ((now.0 - start.0) as f64 / PROVISIONING_MS as f64).clamp(0.0, 1.0)
        }),
        _ => 0.0,
    }
}

/// Whether the clock has something to move on at `now`: an order in credit
/// check or provisioning, or one scheduled for a day that has come.
pub fn has_work(workspace: &Workspace, now: Timestamp) -> bool {
    workspace.orders.iter().any(|o| o.status.is_pending() || is_due(o, now))
}

fn is_due(order: &Order, now: Timestamp) -> bool {
    order.status == OrderStatus::Scheduled
        && order.scheduled_for.is_none_or(|day| now.date() >= day)
}

/// Moves orders along the simulated clock: credit checks whose expected date
/// has come are approved, upgrades at renewal whose day has come start
/// provisioning, provisioning that has run its time completes.
/// Returns whether anything changed.
pub fn advance(catalog: &Catalog, workspace: &mut Workspace, now: Timestamp, actor: &str) -> bool {
    let mut changed = approve_where(workspace, now, actor, |o| {
        o.credit_check_due.is_some_and(|d| now.date() >= d)
    }) > 0;
    for order in workspace.orders.iter_mut().filter(|o| is_due(o, now)) {
        workspace.audit.push(move_to(
            order,
            OrderStatus::Provisioning,
            now,
            actor,
            AuditAction::ScheduledUpgradeStarted,
        ));
        changed = true;
    }
    let finished: Vec<usize> = workspace
        .orders
        .iter()
        .enumerate()
        .filter(|(_, o)| o.status == OrderStatus::Provisioning && progress(o, now) >= 1.0)
        .map(|(i, _)| i)
        .collect();
    for index in finished {
        complete(catalog, workspace, index, now, actor);
        changed = true;
    }
    changed
}
