//! Licence changes (SPEC 4, Licences and the manual upgrade): more or fewer
//! licences, assigning and reassigning users (at most 20 at a time in the
//! manual path), and cancelling a subscription nobody uses any more.

use super::catalog::Catalog;
use super::clock::Timestamp;
use super::workspace::{write_users, AuditEntry, Customer, SubscriptionStatus, Workspace};

/// Users moved in one step of the manual upgrade.
pub const MAX_USERS_PER_REASSIGNMENT: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LicenseError {
    UnknownSubscription(String),
    NotActive(SubscriptionStatus),
    AboveSeatMax(u32),
    BelowAssigned(u32),
    /// The subscription is the source of an order still in progress.
    UpgradeInProgress(String),
    NotEnoughLicenses { free: u32, wanted: u32 },
    TooManyUsers { max: usize },
    NoUsersSelected,
    StillAssigned(usize),
    ReadOnly,
}

fn customer_mut<'a>(w: &'a mut Workspace, customer_id: &str) -> Result<&'a mut Customer, LicenseError> {
    w.customer_mut(customer_id).ok_or_else(|| LicenseError::UnknownSubscription(customer_id.to_string()))
}

/// What every change to a selection of users needs: a role that may act, and users.
fn check_selection(w: &Workspace, user_ids: &[String]) -> Result<(), LicenseError> {
    w.may_act(LicenseError::ReadOnly)?;
    if user_ids.is_empty() {
        return Err(LicenseError::NoUsersSelected);
    }
    Ok(())
}

/// Active base subscriptions that could take over from `old_id` in the
/// manual upgrade, newest first.
pub fn replacements(customer: &Customer, old_id: &str) -> Vec<super::workspace::Subscription> {
    let mut list: Vec<_> = customer
        .subscriptions
        .iter()
        .filter(|s| s.id != old_id && s.parent_subscription_id.is_none() && s.status == SubscriptionStatus::Active)
        .cloned()
        .collect();
    list.reverse();
    list
}

/// The order, if any, that is upgrading `subscription_id` right now. A
/// purchase for the manual path names its source too, but leaves it alone.
pub fn upgrading_order(w: &Workspace, subscription_id: &str) -> Option<String> {
    w.orders
        .iter()
        .find(|o| o.status.is_pending() && o.lines.iter().any(|l| !l.purchase && l.source_subscription_id == subscription_id))
        .map(|o| o.id.clone())
}

/// What every licence change needs (SPEC 8.2): a role that may act, and no
/// upgrade of the subscription under way, whose order fixed the count that
/// completion gives the new subscription and takes the users' licences along.
fn check_not_upgrading(w: &Workspace, subscription_id: &str) -> Result<(), LicenseError> {
    w.may_act(LicenseError::ReadOnly)?;
    match upgrading_order(w, subscription_id) {
        Some(order) => Err(LicenseError::UpgradeInProgress(order)),
        None => Ok(()),
    }
}

/// Checks a new licence count for `subscription_id` without changing anything.
pub fn check_quantity(catalog: &Catalog, w: &Workspace, customer_id: &str, subscription_id: &str, quantity: u32) -> Result<(), LicenseError> {
    check_not_upgrading(w, subscription_id)?;
    let customer = w.customer(customer_id).ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    let s = customer.subscription(subscription_id).ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
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
    Ok(())
}

pub fn set_quantity(
    catalog: &Catalog,
    w: &mut Workspace,
    customer_id: &str,
    subscription_id: &str,
    quantity: u32,
    now: Timestamp,
    actor: &str,
) -> Result<(), LicenseError> {
    check_quantity(catalog, w, customer_id, subscription_id, quantity)?;
    let s = customer_mut(w, customer_id)?
        .subscriptions
        .iter_mut()
        .find(|s| s.id == subscription_id)
        .expect("checked above");
    let old = std::mem::replace(&mut s.quantity, quantity);
    w.audit.push(
        AuditEntry::new(now, actor, "licenses_changed")
            .customer(customer_id)
            .subscription(subscription_id)
            .change(Some(old.to_string()), Some(quantity.to_string())),
    );
    Ok(())
}

/// Gives `user_ids` a licence of `subscription_id` (users who already hold one are skipped).
pub fn assign(
    w: &mut Workspace,
    customer_id: &str,
    subscription_id: &str,
    user_ids: &[String],
    now: Timestamp,
    actor: &str,
) -> Result<usize, LicenseError> {
    check_selection(w, user_ids)?;
    check_not_upgrading(w, subscription_id)?;
    let customer = customer_mut(w, customer_id)?;
    let s = customer.subscription(subscription_id).ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    if s.status != SubscriptionStatus::Active {
        return Err(LicenseError::NotActive(s.status));
    }
    let free = s.quantity.saturating_sub(customer.assigned_users(subscription_id) as u32);
    let newcomers: Vec<&String> = user_ids
        .iter()
        .filter(|id| customer.users.iter().any(|u| &u.id == *id && !u.licenses.iter().any(|l| l == subscription_id)))
        .collect();
    if newcomers.len() as u32 > free {
        return Err(LicenseError::NotEnoughLicenses { free, wanted: newcomers.len() as u32 });
    }
    let count = newcomers.len();
    let newcomers: Vec<String> = newcomers.into_iter().cloned().collect();
    for user in customer.users.iter_mut().filter(|u| newcomers.contains(&u.id)) {
        user.licenses.push(subscription_id.to_string());
    }
    w.audit.push(
        AuditEntry::new(now, actor, "licenses_assigned")
            .customer(customer_id)
            .subscription(subscription_id)
            .change(None, Some(write_users(&newcomers))),
    );
    Ok(count)
}

pub fn unassign(
    w: &mut Workspace,
    customer_id: &str,
    subscription_id: &str,
    user_ids: &[String],
    now: Timestamp,
    actor: &str,
) -> Result<usize, LicenseError> {
    check_selection(w, user_ids)?;
    check_not_upgrading(w, subscription_id)?;
    let customer = customer_mut(w, customer_id)?;
    let s = customer.subscription(subscription_id).ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
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
        AuditEntry::new(now, actor, "licenses_unassigned")
            .customer(customer_id)
            .subscription(subscription_id)
            .change(Some(write_users(user_ids)), None),
    );
    Ok(count)
}

/// Moves `user_ids` from one subscription's licences to another's, at most
/// [`MAX_USERS_PER_REASSIGNMENT`] at a time.
pub fn reassign(
    w: &mut Workspace,
    customer_id: &str,
    from: &str,
    to: &str,
    user_ids: &[String],
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

/// Cancels a subscription (and its add-ons), refused while users hold its licences.
pub fn cancel(w: &mut Workspace, customer_id: &str, subscription_id: &str, now: Timestamp, actor: &str) -> Result<(), LicenseError> {
    check_not_upgrading(w, subscription_id)?;
    let customer = customer_mut(w, customer_id)?;
    let assigned = customer.assigned_users(subscription_id);
    if assigned > 0 {
        return Err(LicenseError::StillAssigned(assigned));
    }
    let s = customer.subscription(subscription_id).ok_or_else(|| LicenseError::UnknownSubscription(subscription_id.into()))?;
    if !s.status.is_live() {
        return Err(LicenseError::NotActive(s.status));
    }
    for s in customer.subscriptions.iter_mut() {
        if s.id == subscription_id || s.parent_subscription_id.as_deref() == Some(subscription_id) {
            if s.status.is_live() {
                s.status = SubscriptionStatus::Cancelled;
            }
        }
    }
    w.audit.push(
        AuditEntry::new(now, actor, "subscription_cancelled")
            .customer(customer_id)
            .subscription(subscription_id)
            .change(Some("active".into()), Some("cancelled".into())),
    );
    Ok(())
}
