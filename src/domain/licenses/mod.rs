//! Licence changes (docs/rules.md#licences, docs/rules.md#manual-upgrade): more or fewer
//! licences, assigning and reassigning users (at most 20 at a time in the
//! manual path), and cancelling a subscription nobody uses any more. What
//! differs under new commerce (batches, the 168-hour window, the next term,
//! cancelling with a refund) is in [`nce`].

mod nce;
pub use nce::{
    cancel_now, cancel_window_closes, check_cancel_now, check_next_term, open_windows,
    set_next_term,
};

use super::catalog::Catalog;
use super::clock::Timestamp;
use super::workspace::{
    AuditAction, AuditEntry, Channel, Customer, Subscription, SubscriptionStatus, Workspace,
};
use crate::domain::ids::{CustomerId, OrderId, SubscriptionId, UserId};

/// Users moved in one step of the manual upgrade.
pub const MAX_USERS_PER_REASSIGNMENT: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LicenseError {
    UnknownSubscription(String),
    NotActive(SubscriptionStatus),
    AboveSeatMax(u32),
    BelowAssigned(u32),
    /// The subscription is the source of an order still in progress.
    UpgradeInProgress(OrderId),
    NotEnoughLicenses {
        free: u32,
        wanted: u32,
    },
    /// These users (display names) have no usage location: a licence cannot
    /// be assigned to them (the reason order completion gives:
    /// docs/rules.md#assign-and-unassign).
    NoUsageLocation(Vec<String>),
    TooManyUsers {
        max: usize,
    },
    NoUsersSelected,
    StillAssigned(usize),
    ReadOnly,
    /// New commerce: only this many licences were added less than 168 hours
    /// ago; the others can be removed only at renewal.
    OutsideWindow {
        removable: u32,
    },
    /// New commerce: the 168-hour window of the purchase or last renewal
    /// closed then; the subscription can only be left to end at `term_end`.
    CancelWindowClosed {
        closed: Timestamp,
        term_end: super::date::Date,
    },
    /// The command is for new-commerce subscriptions only.
    NotNce,
    /// Scheduling needs auto-renew on.
    AutoRenewOff,
    /// Scheduled changes are locked since then (24 hours before `termEnd`).
    ScheduledLocked(Timestamp),
    /// The next term renews with 1 to this many licences (the current count).
    NextTermAbove(u32),
}

fn customer_mut<'a>(
    w: &'a mut Workspace,
    customer_id: &CustomerId,
) -> Result<&'a mut Customer, LicenseError> {
    w.customer_mut(customer_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(customer_id.to_string()))
}

/// What every change to a selection of users needs: a role that may act, and users.
fn check_selection(w: &Workspace, user_ids: &[UserId]) -> Result<(), LicenseError> {
    w.may_act(LicenseError::ReadOnly)?;
    if user_ids.is_empty() {
        return Err(LicenseError::NoUsersSelected);
    }
    Ok(())
}

/// A subscription that could take over from the old one in the manual
/// upgrade, and the services of the old one that its users would lose there.
#[derive(Clone, Debug, PartialEq)]
pub struct Replacement {
    pub subscription: Subscription,
    /// Service ids of the old plan the new one does not provide, in the old
    /// plan's order; empty when it provides them all.
    pub lost_services: Vec<String>,
}

impl Replacement {
    /// Verified (step 2): it loses no service and has at least the old
    /// subscription's licences.
    pub fn is_ready(&self, old_quantity: u32) -> bool {
        self.lost_services.is_empty() && self.subscription.quantity >= old_quantity
    }
}

/// Whether `offer` provides `service`: itself, or a higher plan of it
/// (Exchange Online Plan 2 gives what Plan 1 does; the catalog names plans
/// `<service>_p1`, `<service>_p2`).
fn provides(offer: &super::catalog::Offer, service: &str) -> bool {
    offer.has_service(service)
        || service.strip_suffix("_p1").is_some_and(|base| offer.has_service(&format!("{base}_p2")))
}

/// The services of `old` that `new` does not provide.
fn lost_services(catalog: &Catalog, old: &Subscription, new: &Subscription) -> Vec<String> {
    let (Some(old), Some(new)) = (catalog.offer(&old.offer_id), catalog.offer(&new.offer_id))
    else {
        return Vec::new();
    };
    old.services.iter().filter(|s| !provides(new, s)).cloned().collect()
}

/// What may take over from `old_id` in the manual upgrade (step 2): the
/// customer's other active base subscriptions bought through this partner
/// (one bought directly from Microsoft, another partner, EA or Open is not
/// this partner's to fill), those that provide every service of the old one
/// first, each group newest first. One that would lose services names them.
pub fn replacements(catalog: &Catalog, customer: &Customer, old_id: &str) -> Vec<Replacement> {
    let Some(old) = customer.subscription(old_id) else { return Vec::new() };
    let mut list: Vec<Replacement> = customer
        .subscriptions
        .iter()
        .rev()
        .filter(|s| {
            s.id != old_id
                && s.parent_subscription_id.is_none()
                && s.status == SubscriptionStatus::Active
                && s.channel == Channel::Partner
        })
        .map(|s| Replacement {
            subscription: s.clone(),
            lost_services: lost_services(catalog, old, s),
        })
        .collect();
    // Stable: newest first within each group.
    list.sort_by_key(|r| !r.lost_services.is_empty());
    list
}

/// The replacement step 2 starts with: the newest that loses no service.
/// One that would lose services is never chosen for the partner.
pub fn preselected(replacements: &[Replacement]) -> Option<&Replacement> {
    replacements.iter().find(|r| r.lost_services.is_empty())
}

/// The order, if any, that is upgrading `subscription_id` right now. A
/// purchase for the manual path names its source too, but leaves it alone.
pub fn upgrading_order(w: &Workspace, subscription_id: &str) -> Option<OrderId> {
    super::orders::upgrades_from(w, subscription_id)
        .find(|(o, _)| o.status.is_pending())
        .map(|(o, _)| o.id.clone())
}

/// What every licence change needs (docs/rules.md#while-an-upgrade-is-pending):
/// a role that may act, and no
/// upgrade of the subscription under way, whose order fixed the count that
/// completion gives the new subscription and takes the users' licences along.
fn check_not_upgrading(w: &Workspace, subscription_id: &str) -> Result<(), LicenseError> {
    w.may_act(LicenseError::ReadOnly)?;
    match upgrading_order(w, subscription_id) {
        Some(order) => Err(LicenseError::UpgradeInProgress(order)),
        None => Ok(()),
    }
}

/// Checks a new licence count for `subscription_id` at `now` without changing anything.
pub fn check_quantity(
    catalog: &Catalog,
    w: &Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    quantity: u32,
    now: Timestamp,
) -> Result<(), LicenseError> {
    check_not_upgrading(w, subscription_id)?;
    let customer = w
        .customer(customer_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    let s = customer
        .subscription(subscription_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    if s.status != SubscriptionStatus::Active {
        return Err(LicenseError::NotActive(s.status));
    }
    let max = catalog.offer(&s.offer_id).map_or(u32::MAX, |o| o.seat_max());
    if quantity > max {
        return Err(LicenseError::AboveSeatMax(max));
    }
    let assigned = customer.assigned_users(subscription_id) as u32;
    if quantity < s.quantity && quantity < assigned.max(1) {
        return Err(LicenseError::BelowAssigned(assigned.max(1)));
    }
    nce::check_removal(s, quantity, now)
}

pub fn set_quantity(
    catalog: &Catalog,
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    quantity: u32,
    now: Timestamp,
    actor: &str,
) -> Result<(), LicenseError> {
    check_quantity(catalog, w, customer_id, subscription_id, quantity, now)?;
    let s = customer_mut(w, customer_id)?
        .subscriptions
        .iter_mut()
        .find(|s| s.id == subscription_id)
        .expect("checked above");
    nce::change_batches(s, quantity, now);
    let old = std::mem::replace(&mut s.quantity, quantity);
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::LicensesChanged { from: old, to: quantity })
            .customer(customer_id)
            .subscription(subscription_id),
    );
    super::scheduled::remove_for_change(w, customer_id, subscription_id, now, actor);
    Ok(())
}

/// Gives `user_ids` a licence of `subscription_id` (users who already hold one are skipped).
pub fn assign(
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    user_ids: &[UserId],
    now: Timestamp,
    actor: &str,
) -> Result<usize, LicenseError> {
    check_selection(w, user_ids)?;
    check_not_upgrading(w, subscription_id)?;
    let customer = customer_mut(w, customer_id)?;
    let s = customer
        .subscription(subscription_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    if s.status != SubscriptionStatus::Active {
        return Err(LicenseError::NotActive(s.status));
    }
    let free = s.quantity.saturating_sub(customer.assigned_users(subscription_id) as u32);
    let newcomers: Vec<&UserId> = user_ids
        .iter()
        .filter(|id| {
            customer
                .users
                .iter()
                .any(|u| u.id == *id && !u.licenses.iter().any(|l| l == subscription_id))
        })
        .collect();
    // As order completion does (docs/rules.md#completion): no usage location, no licence.
    let unlocated: Vec<String> = customer
        .users
        .iter()
        .filter(|u| newcomers.contains(&&u.id) && u.usage_location.is_none())
        .map(|u| u.display_name.clone())
        .collect();
    if !unlocated.is_empty() {
        return Err(LicenseError::NoUsageLocation(unlocated));
    }
    if newcomers.len() as u32 > free {
        return Err(LicenseError::NotEnoughLicenses { free, wanted: newcomers.len() as u32 });
    }
    let count = newcomers.len();
    let newcomers: Vec<UserId> = newcomers.into_iter().cloned().collect();
    for user in customer.users.iter_mut().filter(|u| newcomers.contains(&u.id)) {
        user.licenses.push(subscription_id.clone());
    }
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::LicensesAssigned { users: newcomers })
            .customer(customer_id)
            .subscription(subscription_id),
    );
    Ok(count)
}

pub fn unassign(
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    user_ids: &[UserId],
    now: Timestamp,
    actor: &str,
) -> Result<usize, LicenseError> {
    check_selection(w, user_ids)?;
    check_not_upgrading(w, subscription_id)?;
    let customer = customer_mut(w, customer_id)?;
    let s = customer
        .subscription(subscription_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    // A cancelled or expired subscription is history: its licences are not edited.
    if !s.status.is_live() {
        return Err(LicenseError::NotActive(s.status));
    }
    let mut count = 0;
    for user in customer.users.iter_mut().filter(|u| user_ids.contains(&u.id)) {
        let before = user.licenses.len();
        user.licenses.retain(|l| l != subscription_id);
        count += before - user.licenses.len();
    }
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::LicensesUnassigned { users: user_ids.to_vec() })
            .customer(customer_id)
            .subscription(subscription_id),
    );
    Ok(count)
}

/// Turns auto-renew of a live subscription on or off: off, it ends when its
/// current period does (docs/rules.md#renewal-on-the-clock). Setting it to
/// what it already is changes and logs nothing.
pub fn set_auto_renew(
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    on: bool,
    now: Timestamp,
    actor: &str,
) -> Result<(), LicenseError> {
    w.may_act(LicenseError::ReadOnly)?;
    let s = customer_mut(w, customer_id)?
        .subscriptions
        .iter_mut()
        .find(|s| s.id == subscription_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.to_string()))?;
    if !s.status.is_live() {
        return Err(LicenseError::NotActive(s.status));
    }
    if s.auto_renew == on {
        return Ok(());
    }
    s.auto_renew = on;
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::AutoRenewChanged { to: on })
            .customer(customer_id)
            .subscription(subscription_id),
    );
    // Scheduling needs auto-renew: turning it off is an immediate change.
    if !on {
        super::scheduled::remove_for_change(w, customer_id, subscription_id, now, actor);
    }
    Ok(())
}

/// Moves `user_ids` from one subscription's licences to another's, at most
/// [`MAX_USERS_PER_REASSIGNMENT`] at a time.
pub fn reassign(
    w: &mut Workspace,
    customer_id: &CustomerId,
    from: &SubscriptionId,
    to: &SubscriptionId,
    user_ids: &[UserId],
    now: Timestamp,
    actor: &str,
) -> Result<usize, LicenseError> {
    if user_ids.len() > MAX_USERS_PER_REASSIGNMENT {
        return Err(LicenseError::TooManyUsers { max: MAX_USERS_PER_REASSIGNMENT });
    }
    let mut next = w.clone();
    let moved = assign(&mut next, customer_id, to, user_ids, now, actor)?;
    unassign(&mut next, customer_id, from, user_ids, now, actor)?;
    *w = next;
    Ok(moved)
}

/// What happens to an add-on when its base is cancelled in the manual path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddonOutcome {
    /// It can attach to the new subscription: it moves there, coterminous with it.
    Moves,
    /// The new plan already includes its services: it is cancelled.
    Included,
    /// There is no new subscription, or the add-on cannot attach to it:
    /// it is cancelled with its base.
    CancelledWithBase,
}

/// Each live add-on of `old_id`, with what cancelling `old_id` does to it
/// when `new_id` (the manual path's new subscription) takes over.
pub fn addon_plan(
    catalog: &Catalog,
    customer: &Customer,
    old_id: &SubscriptionId,
    new_id: Option<&str>,
) -> Vec<(Subscription, AddonOutcome)> {
    let new_offer =
        new_id.and_then(|id| customer.subscription(id)).and_then(|s| catalog.offer(&s.offer_id));
    customer
        .addons_of(old_id)
        .filter(|a| a.status.is_live())
        .map(|addon| {
            let offer = catalog.offer(&addon.offer_id);
            let outcome = match (offer, new_offer) {
                (Some(offer), Some(new)) if offer.services.iter().all(|s| new.has_service(s)) => {
                    AddonOutcome::Included
                }
                (Some(offer), Some(new))
                    if addon.status == SubscriptionStatus::Active
                        && catalog.addon_attaches_to(offer, new) =>
                {
                    AddonOutcome::Moves
                }
                _ => AddonOutcome::CancelledWithBase,
            };
            (addon.clone(), outcome)
        })
        .collect()
}

/// Why the manual path's last step cannot cancel `subscription_id` now, if
/// it cannot: a role that may not act, an upgrade of it under way, users who
/// still hold its licences (reassign them first), or a subscription already
/// closed. The wizard disables its button with this reason.
pub fn check_cancel(
    w: &Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    now: Timestamp,
) -> Result<(), LicenseError> {
    check_not_upgrading(w, subscription_id)?;
    let customer = w
        .customer(customer_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(customer_id.to_string()))?;
    let s = customer
        .subscription(subscription_id)
        .ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    if !s.status.is_live() {
        return Err(LicenseError::NotActive(s.status));
    }
    let assigned = customer.assigned_users(subscription_id);
    if assigned > 0 {
        return Err(LicenseError::StillAssigned(assigned));
    }
    // New commerce: only within the window of its purchase or last renewal.
    nce::check_window(s, now)
}

/// Cancels `subscription_id` once nobody holds its licences (the manual
/// path's last step). Its add-ons follow [`addon_plan`]: those that attach to
/// `new_id` move there, the others are cancelled and their licences released;
/// each gets its own audit entry (docs/rules.md#manual-upgrade).
pub fn cancel(
    catalog: &Catalog,
    w: &mut Workspace,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    new_id: Option<&str>,
    now: Timestamp,
    actor: &str,
) -> Result<Vec<(SubscriptionId, AddonOutcome)>, LicenseError> {
    check_cancel(w, customer_id, subscription_id, now)?;
    // Cancelling is an immediate change: the scheduled ones go too (new commerce).
    super::scheduled::remove_for_change(w, customer_id, subscription_id, now, actor);
    let customer = customer_mut(w, customer_id)?;
    let plan = addon_plan(catalog, customer, subscription_id, new_id);
    let new = new_id.and_then(|id| customer.subscription(id)).cloned();
    let entry = |action: AuditAction, id: &SubscriptionId| {
        AuditEntry::new(now, actor, action).customer(customer_id).subscription(id)
    };
    let cancelled = || AuditAction::SubscriptionCancelled { order: None };
    let mut audit = vec![entry(cancelled(), subscription_id)];
    let mut released = Vec::new();
    for s in customer.subscriptions.iter_mut() {
        if s.id == subscription_id {
            s.status = SubscriptionStatus::Cancelled;
            continue;
        }
        let Some((_, outcome)) = plan.iter().find(|(addon, _)| addon.id == s.id) else { continue };
        match (outcome, &new) {
            (AddonOutcome::Moves, Some(new)) => {
                s.parent_subscription_id = Some(new.id.clone());
                s.billing_cycle = new.billing_cycle;
                s.period_start = new.period_start;
                s.period_end = new.period_end;
                let moved =
                    AuditAction::AddonMoved { from: subscription_id.clone(), to: new.id.clone() };
                audit.push(entry(moved, &s.id));
            }
            _ => {
                s.status = SubscriptionStatus::Cancelled;
                released.push(s.id.clone());
                audit.push(entry(cancelled(), &s.id));
            }
        }
    }
    for user in customer.users.iter_mut() {
        user.licenses.retain(|l| !released.contains(l));
    }
    w.audit.extend(audit);
    Ok(plan.into_iter().map(|(addon, outcome)| (addon.id, outcome)).collect())
}
