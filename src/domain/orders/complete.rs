//! What completing an order does to the workspace.

use super::unique_id;
mod nce;

use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::domain::ids::{CustomerId, OrderId, SubscriptionId};
use crate::domain::workspace::{
    AddonPlan, AffectedAccount, AffectedIssue, AuditAction, AuditEntry, Channel, Commerce,
    Customer, Item, Order, OrderEvent, OrderLine, OrderStatus, PlannedAddon, Subscription,
    SubscriptionStatus, Workspace,
};
use std::collections::HashSet;

/// Completion (docs/rules.md#completion): the source is cancelled, a new subscription of the
/// target takes its users' licences, add-ons follow the plan, and the accounts
/// that need more work are listed on the order.
pub(super) fn complete(
    catalog: &Catalog,
    workspace: &mut Workspace,
    index: usize,
    now: Timestamp,
    actor: &str,
) {
    let mut order = workspace.orders[index].clone();
    let at = now.to_rfc3339();
    // Subscription ids are unique across the workspace, whatever an imported
    // document already used (docs/rules.md#generated-ids).
    let mut taken = subscription_ids(workspace);
    let Some(customer) = workspace.customers.iter_mut().find(|c| c.id == order.customer_id) else {
        return fail(workspace, index, "the customer is no longer in the workspace", now);
    };
    // Every source must still be there and active, or nothing changes.
    if let Some(line) = inactive_source(&order, customer) {
        let reason = format!("subscription {} is no longer active", line.source_subscription_id);
        return fail(workspace, index, &reason, now);
    }
    let mut completion = Completion {
        catalog,
        now,
        actor,
        order_id: &order.id,
        customer_id: &order.customer_id,
        scheduled_for: order.scheduled_for,
        affected: &mut order.affected,
        audit: Vec::new(),
    };
    for (n, line) in order.lines.iter_mut().enumerate() {
        let new_id = new_subscription_id(completion.order_id, n, &mut taken);
        if line.purchase {
            completion.purchase(customer, line, &new_id);
        } else {
            completion.upgrade(customer, line, &new_id);
        }
    }
    let audit = completion.audit;
    order.status = OrderStatus::Completed;
    order.events.push(OrderEvent { status: OrderStatus::Completed, at: at.clone() });
    workspace.orders[index] = order;
    workspace.audit.extend(audit);
}

/// Every subscription id in the workspace.
fn subscription_ids(workspace: &Workspace) -> HashSet<SubscriptionId> {
    workspace.customers.iter().flat_map(|c| c.subscriptions.iter().map(|s| s.id.clone())).collect()
}

/// The first upgrade line whose source is gone or no longer active.
fn inactive_source<'a>(order: &'a Order, customer: &Customer) -> Option<&'a OrderLine> {
    order.lines.iter().filter(|l| !l.purchase).find(|l| {
        customer
            .subscription(&l.source_subscription_id)
            .is_none_or(|s| s.status != SubscriptionStatus::Active)
    })
}

/// `sub-<order number>-<line>`, made unique against `taken`, which then holds it.
fn new_subscription_id(
    order_id: &OrderId,
    n: usize,
    taken: &mut HashSet<SubscriptionId>,
) -> SubscriptionId {
    let new_id: SubscriptionId =
        unique_id(&format!("sub-{}-{}", order_id.trim_start_matches("ord-"), n + 1), |id| {
            taken.contains(id)
        })
        .into();
    taken.insert(new_id.clone());
    new_id
}

/// One order's completion, line by line: what every line shares, and what
/// the lines add to the order (affected accounts) and to the audit log.
struct Completion<'a> {
    catalog: &'a Catalog,
    now: Timestamp,
    actor: &'a str,
    order_id: &'a OrderId,
    customer_id: &'a CustomerId,
    scheduled_for: Option<Date>,
    affected: &'a mut Vec<AffectedAccount>,
    audit: Vec<AuditEntry>,
}

impl Completion<'_> {
    fn entry(&self, action: AuditAction, subscription: &SubscriptionId) -> AuditEntry {
        AuditEntry::new(self.now, self.actor, action)
            .customer(self.customer_id)
            .subscription(subscription)
    }

    /// A manual-path purchase creates the new subscription only.
    fn purchase(&mut self, customer: &mut Customer, line: &mut OrderLine, new_id: &SubscriptionId) {
        let today = self.now.date();
        let name = self.catalog.offer_name(&line.target_offer_id).to_string();
        customer.subscriptions.push(Subscription {
            id: new_id.clone(),
            offer_id: line.target_offer_id.clone(),
            friendly_name: name,
            status: SubscriptionStatus::Active,
            quantity: line.quantity,
            billing_cycle: line.billing_cycle,
            channel: Channel::Partner,
            parent_subscription_id: None,
            period_start: today,
            period_end: today.add_months(line.billing_cycle.months()),
            auto_renew: true,
            commerce: Commerce::Legacy,
            term_duration: None,
            term_start: None,
            term_end: None,
            seat_batches: Vec::new(),
            next_term: None,
        });
        line.new_subscription_id = Some(new_id.clone());
        let created = AuditAction::SubscriptionCreated {
            order: self.order_id.clone(),
            replaced_offer: None,
            item: Item {
                offer_id: line.target_offer_id.clone(),
                quantity: line.quantity,
                billing: None,
            },
        };
        self.audit.push(self.entry(created, new_id));
    }

    /// An upgrade: the source makes way for a new subscription of the target.
    fn upgrade(&mut self, customer: &mut Customer, line: &mut OrderLine, new_id: &SubscriptionId) {
        let source =
            customer.subscription(&line.source_subscription_id).cloned().expect("checked above");
        if source.commerce.is_nce() && self.scheduled_for.is_none() {
            return self.nce_upgrade(customer, line, new_id);
        }
        let (start, quantity) = self.new_term(&source, line);
        line.quantity = quantity;
        let mut new = successor(&source, line, new_id, start);
        if source.commerce.is_nce() {
            nce::renews_into(&mut new, &source, start);
        }
        let released = cancel_source(customer, &source.id, &line.addons, &new);
        customer.subscriptions.push(new);
        release_licenses(customer, &released);
        let moved = self.move_licenses(customer, &source.id, new_id, quantity);
        self.list_duplicate_services(customer, &line.target_offer_id, new_id);
        line.new_subscription_id = Some(new_id.clone());
        self.record_upgrade(&source, line, new_id, moved);
    }

    /// When the new subscription starts and how many licences it has.
    fn new_term(&self, source: &Subscription, line: &OrderLine) -> (Date, u32) {
        // At renewal (docs/rules.md#upgrade-at-renewal) the new term starts the
        // day the source's ends, with the licences the source has then if it
        // grew meanwhile.
        // Under new commerce it has the licences scheduled, which may be fewer.
        match self.scheduled_for {
            Some(day) if source.commerce.is_nce() => (day, line.quantity),
            Some(day) => (day, line.quantity.max(source.quantity)),
            None => (self.now.date(), line.quantity),
        }
    }

    /// Moves the licences of `source_id` to `new_id`, at most `limit`, except
    /// for users without a usage location; those and the ones beyond the
    /// limit (fewer licences scheduled at renewal) lose the old licence and
    /// are listed. Returns how many moved.
    fn move_licenses(
        &mut self,
        customer: &mut Customer,
        source_id: &str,
        new_id: &SubscriptionId,
        limit: u32,
    ) -> u32 {
        let mut moved = 0;
        for user in customer.users.iter_mut() {
            let Some(index) = user.licenses.iter().position(|l| l == source_id) else { continue };
            if user.usage_location.is_some() && moved >= limit {
                user.licenses.remove(index);
                self.affected.push(AffectedAccount {
                    user_id: user.id.clone(),
                    display_name: user.display_name.clone(),
                    user_principal_name: user.user_principal_name.clone(),
                    issue: AffectedIssue::NoLicenseLeft,
                    service: None,
                    other_subscription_id: None,
                    new_subscription_id: Some(new_id.clone()),
                });
                continue;
            }
            if user.usage_location.is_some() {
                user.licenses[index] = new_id.clone();
                moved += 1;
                continue;
            }
            // Without a usage location the new licence cannot be assigned: the
            // user loses the old one with the source and is listed for work.
            user.licenses.remove(index);
            self.affected.push(AffectedAccount {
                user_id: user.id.clone(),
                display_name: user.display_name.clone(),
                user_principal_name: user.user_principal_name.clone(),
                issue: AffectedIssue::UsageLocationMissing,
                service: None,
                other_subscription_id: None,
                new_subscription_id: Some(new_id.clone()),
            });
        }
        moved
    }

    /// Users who now get a service twice: from the new plan and another licence.
    fn list_duplicate_services(
        &mut self,
        customer: &Customer,
        target_id: &str,
        new_id: &SubscriptionId,
    ) {
        let target_services =
            self.catalog.offer(target_id).map(|o| o.services.clone()).unwrap_or_default();
        for user in customer.users.iter().filter(|u| u.licenses.iter().any(|l| l == new_id)) {
            for other_id in user.licenses.iter().filter(|l| *l != new_id) {
                let Some(other) =
                    customer.subscriptions.iter().find(|s| s.id == other_id && s.status.is_live())
                else {
                    continue;
                };
                let Some(other_offer) = self.catalog.offer(&other.offer_id) else { continue };
                for service in target_services.iter().filter(|s| other_offer.has_service(s)) {
                    self.affected.push(AffectedAccount {
                        user_id: user.id.clone(),
                        display_name: user.display_name.clone(),
                        user_principal_name: user.user_principal_name.clone(),
                        issue: AffectedIssue::DuplicateService,
                        service: Some(service.clone()),
                        other_subscription_id: Some(other.id.clone()),
                        new_subscription_id: Some(new_id.clone()),
                    });
                }
            }
        }
    }

    /// The source cancelled, the new subscription created, the licences moved.
    fn record_upgrade(
        &mut self,
        source: &Subscription,
        line: &OrderLine,
        new_id: &SubscriptionId,
        moved: u32,
    ) {
        let order_id = || self.order_id.clone();
        // A new-commerce source runs its term to the end: it expires.
        let cancelled = match self.scheduled_for {
            Some(on) if source.commerce.is_nce() => {
                AuditAction::SubscriptionExpired { on, base: None }
            }
            _ => AuditAction::SubscriptionCancelled { order: Some(order_id()) },
        };
        let item =
            Item { offer_id: line.target_offer_id.clone(), quantity: line.quantity, billing: None };
        let replaced_offer = Some(source.offer_id.clone());
        let created = AuditAction::SubscriptionCreated { order: order_id(), replaced_offer, item };
        let from = source.id.clone();
        let moved = AuditAction::LicensesMoved { order: order_id(), from, count: moved };
        let entries = [
            self.entry(cancelled, &source.id),
            self.entry(created, new_id),
            self.entry(moved, new_id),
        ];
        self.audit.extend(entries);
    }
}

/// The new subscription of the line's target that replaces `source`, from `start`.
fn successor(
    source: &Subscription,
    line: &OrderLine,
    new_id: &SubscriptionId,
    start: Date,
) -> Subscription {
    Subscription {
        id: new_id.clone(),
        offer_id: line.target_offer_id.clone(),
        friendly_name: source.friendly_name.clone(),
        status: SubscriptionStatus::Active,
        quantity: line.quantity,
        billing_cycle: line.billing_cycle,
        channel: source.channel,
        parent_subscription_id: None,
        period_start: start,
        period_end: start.add_months(line.billing_cycle.months()),
        auto_renew: source.auto_renew,
        commerce: Commerce::Legacy,
        term_duration: None,
        term_start: None,
        term_end: None,
        seat_batches: Vec::new(),
        next_term: None,
    }
}

/// Cancels the source and applies each add-on's plan (docs/rules.md#completion);
/// returns the add-ons removed.
fn cancel_source(
    customer: &mut Customer,
    source_id: &SubscriptionId,
    addons: &[PlannedAddon],
    new: &Subscription,
) -> Vec<SubscriptionId> {
    let mut released = Vec::new();
    for s in customer.subscriptions.iter_mut() {
        if s.id == source_id {
            // A new-commerce source is replaced at its term's end: it expires.
            s.status = if s.commerce.is_nce() && new.commerce.is_nce() {
                SubscriptionStatus::Expired
            } else {
                SubscriptionStatus::Cancelled
            };
        }
        if let Some(planned) = addons.iter().find(|a| a.subscription_id == s.id) {
            match planned.plan {
                AddonPlan::Removed => {
                    s.status = SubscriptionStatus::Cancelled;
                    released.push(s.id.clone());
                }
                // Coterminous with the new subscription: same term, same billing.
                AddonPlan::CarriedOver => {
                    s.parent_subscription_id = Some(new.id.clone());
                    s.billing_cycle = new.billing_cycle;
                    s.period_start = new.period_start;
                    s.period_end = new.period_end;
                    if s.commerce.is_nce() && new.commerce.is_nce() {
                        s.term_duration = new.term_duration;
                        (s.term_start, s.term_end) = (new.term_start, new.term_end);
                    }
                }
            }
        }
    }
    released
}

/// The licences of a removed add-on go with it (docs/rules.md#completion).
fn release_licenses(customer: &mut Customer, released: &[SubscriptionId]) {
    for user in customer.users.iter_mut() {
        user.licenses.retain(|l| !released.contains(l));
    }
}

fn fail(workspace: &mut Workspace, index: usize, reason: &str, now: Timestamp) {
    let at = now.to_rfc3339();
    let order = &mut workspace.orders[index];
    order.status = OrderStatus::Failed;
    order.failure_reason = Some(reason.to_string());
    order.events.push(OrderEvent { status: OrderStatus::Failed, at });
    let failed = AuditAction::OrderFailed { order: order.id.clone(), reason: reason.to_string() };
    let mut entry = AuditEntry::new(now, "Upgrade Center", failed).customer(&order.customer_id);
    entry.subscription_id = order.lines.first().map(|l| l.source_subscription_id.clone());
    workspace.audit.push(entry);
}
