//! Completing a new-commerce upgrade now (docs/rules.md#new-commerce): all of
//! the source's licences change the offer in place, the subscription keeping
//! its id, term, batches and users; fewer go to a new subscription of the
//! target on the source's term, with the users the partner picked, and the
//! source keeps the rest. Add-ons the target includes are not credited: they
//! run to their own term's end and do not renew.

use super::Completion;
use crate::domain::date::Date;
use crate::domain::ids::{SubscriptionId, UserId};
use crate::domain::nce::{merged_batch, split_for_upgrade, BillingPeriods};
use crate::domain::workspace::{
    AddonPlan, AuditAction, Customer, Item, OrderLine, Subscription, SubscriptionStatus,
};

/// A scheduled upgrade of a new-commerce `source` at its term's end: `new`
/// starts a term of the source's length and billing on `start`, its licences
/// one batch dated then (a new window), renewing as the source would have.
pub(super) fn renews_into(new: &mut Subscription, source: &Subscription, start: Date) {
    let Some(term) = source.nce_term() else { return };
    new.commerce = source.commerce;
    new.term_duration = Some(term);
    new.billing_cycle = source.billing_cycle;
    (new.term_start, new.term_end) = (Some(start), Some(term.end_from(start)));
    (new.period_start, new.period_end) = source.billing_cycle.period_holding(start, start);
    new.seat_batches = vec![merged_batch(new.quantity, start)];
}

impl Completion<'_> {
    pub(super) fn nce_upgrade(
        &mut self,
        customer: &mut Customer,
        line: &mut OrderLine,
        new_id: &SubscriptionId,
    ) {
        let source =
            customer.subscription(&line.source_subscription_id).cloned().expect("checked above");
        if line.quantity >= source.quantity {
            self.in_place(customer, line, &source);
        } else {
            self.partial(customer, line, &source, new_id);
        }
    }

    /// Every licence upgrades: the same subscription, now of the target.
    fn in_place(&mut self, customer: &mut Customer, line: &mut OrderLine, source: &Subscription) {
        let included: Vec<&SubscriptionId> = line
            .addons
            .iter()
            .filter(|a| a.plan == AddonPlan::Removed)
            .map(|a| &a.subscription_id)
            .collect();
        for s in customer.subscriptions.iter_mut() {
            if s.id == source.id {
                s.offer_id = line.target_offer_id.clone();
            }
            // Included in the target: it runs to its own term's end, not renewed.
            if included.contains(&&s.id) {
                s.auto_renew = false;
            }
        }
        self.list_duplicate_services(customer, &line.target_offer_id, &source.id);
        line.new_subscription_id = Some(source.id.clone());
        let changed = AuditAction::OfferChanged {
            order: self.order_id.clone(),
            from: source.offer_id.clone(),
            to: line.target_offer_id.clone(),
        };
        self.audit.push(self.entry(changed, &source.id));
    }

    /// Some licences upgrade: a new subscription of the target on the same
    /// term, its batch dated at the source's earliest (no new window).
    fn partial(
        &mut self,
        customer: &mut Customer,
        line: &mut OrderLine,
        source: &Subscription,
        new_id: &SubscriptionId,
    ) {
        let mut batches = source.seat_batches.clone();
        let Ok(batch) = split_for_upgrade(&mut batches, line.quantity) else { return };
        if let Some(s) = customer.subscriptions.iter_mut().find(|s| s.id == source.id) {
            s.quantity -= line.quantity;
            s.seat_batches = batches;
        }
        customer.subscriptions.push(Subscription {
            id: new_id.clone(),
            offer_id: line.target_offer_id.clone(),
            status: SubscriptionStatus::Active,
            quantity: line.quantity,
            parent_subscription_id: None,
            seat_batches: vec![batch],
            next_term: None,
            ..source.clone()
        });
        let moved = move_picked(customer, &source.id, new_id, &line.moved_users);
        self.list_duplicate_services(customer, &line.target_offer_id, new_id);
        line.new_subscription_id = Some(new_id.clone());
        let order = self.order_id.clone();
        let item =
            Item { offer_id: line.target_offer_id.clone(), quantity: line.quantity, billing: None };
        let replaced_offer = Some(source.offer_id.clone());
        let created =
            AuditAction::SubscriptionCreated { order: order.clone(), replaced_offer, item };
        self.audit.push(self.entry(created, new_id));
        let from = source.id.clone();
        self.audit
            .push(self.entry(AuditAction::LicensesMoved { order, from, count: moved }, new_id));
    }
}

/// The picked users' licences of `source_id` become licences of `new_id`;
/// returns how many moved.
fn move_picked(
    customer: &mut Customer,
    source_id: &SubscriptionId,
    new_id: &SubscriptionId,
    picked: &[UserId],
) -> u32 {
    let mut moved = 0;
    for user in customer.users.iter_mut().filter(|u| picked.contains(&u.id)) {
        if let Some(licence) = user.licenses.iter_mut().find(|l| *l == source_id) {
            *licence = new_id.clone();
            moved += 1;
        }
    }
    moved
}
