//! What completing an order does to the workspace.

use super::unique_id;
use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::workspace::{
    AddonPlan, AffectedAccount, AffectedIssue, AuditAction, AuditEntry, Channel, Item, OrderEvent,
    OrderStatus, Subscription, SubscriptionStatus, Workspace,
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
    let today = now.date();
    let at = now.to_rfc3339();
    let mut audit = Vec::new();
    // Subscription ids are unique across the workspace, whatever an imported
    // document already used (docs/rules.md#generated-ids).
    let mut taken: HashSet<String> = workspace
        .customers
        .iter()
        .flat_map(|c| c.subscriptions.iter().map(|s| s.id.clone()))
        .collect();
    let Some(customer) = workspace.customers.iter_mut().find(|c| c.id == order.customer_id) else {
        return fail(workspace, index, "the customer is no longer in the workspace", now);
    };
    // Every source must still be there and active, or nothing changes.
    if let Some(line) = order.lines.iter().filter(|l| !l.purchase).find(|l| {
        customer
            .subscription(&l.source_subscription_id)
            .is_none_or(|s| s.status != SubscriptionStatus::Active)
    }) {
        let reason = format!("subscription {} is no longer active", line.source_subscription_id);
        return fail(workspace, index, &reason, now);
    }
    for (n, line) in order.lines.iter_mut().enumerate() {
        let new_id =
            unique_id(&format!("sub-{}-{}", order.id.trim_start_matches("ord-"), n + 1), |id| {
                taken.contains(id)
            });
        taken.insert(new_id.clone());
        if line.purchase {
            let name = catalog.offer_name(&line.target_offer_id).to_string();
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
            });
            line.new_subscription_id = Some(new_id.clone());
            let created = AuditAction::SubscriptionCreated {
                order: order.id.clone(),
                replaced_offer: None,
                item: Item {
                    offer_id: line.target_offer_id.clone(),
                    quantity: line.quantity,
                    billing: None,
                },
            };
            audit.push(
                AuditEntry::new(now, actor, created)
                    .customer(&order.customer_id)
                    .subscription(&new_id),
            );
            continue;
        }
        let source =
            customer.subscription(&line.source_subscription_id).cloned().expect("checked above");
        // At renewal (docs/rules.md#upgrade-at-renewal) the new term starts the
        // day the source's ends, with the licences the source has then if it
        // grew meanwhile.
        let (start, quantity) = match order.scheduled_for {
            Some(day) => (day, line.quantity.max(source.quantity)),
            None => (today, line.quantity),
        };
        line.quantity = quantity;
        let new = Subscription {
            id: new_id.clone(),
            offer_id: line.target_offer_id.clone(),
            friendly_name: source.friendly_name.clone(),
            status: SubscriptionStatus::Active,
            quantity,
            billing_cycle: line.billing_cycle,
            channel: source.channel,
            parent_subscription_id: None,
            period_start: start,
            period_end: start.add_months(line.billing_cycle.months()),
            auto_renew: source.auto_renew,
        };
        let mut released = Vec::new();
        for s in customer.subscriptions.iter_mut() {
            if s.id == source.id {
                s.status = SubscriptionStatus::Cancelled;
            }
            if let Some(planned) = line.addons.iter().find(|a| a.subscription_id == s.id) {
                match planned.plan {
                    AddonPlan::Removed => {
                        s.status = SubscriptionStatus::Cancelled;
                        released.push(s.id.clone());
                    }
                    // Coterminous with the new subscription: same term, same billing.
                    AddonPlan::CarriedOver => {
                        s.parent_subscription_id = Some(new_id.clone());
                        s.billing_cycle = new.billing_cycle;
                        s.period_start = new.period_start;
                        s.period_end = new.period_end;
                    }
                }
            }
        }
        customer.subscriptions.push(new);
        // The licences of a removed add-on go with it (docs/rules.md#completion).
        for user in customer.users.iter_mut() {
            user.licenses.retain(|l| !released.contains(l));
        }
        let target_services =
            catalog.offer(&line.target_offer_id).map(|o| o.services.clone()).unwrap_or_default();
        let mut moved = 0;
        for user in customer.users.iter_mut() {
            let Some(index) = user.licenses.iter().position(|l| *l == source.id) else { continue };
            if user.usage_location.is_some() {
                user.licenses[index] = new_id.clone();
                moved += 1;
                continue;
            }
            // Without a usage location the new licence cannot be assigned: the
            // user loses the old one with the source and is listed for work.
            user.licenses.remove(index);
            order.affected.push(AffectedAccount {
                user_id: user.id.clone(),
                display_name: user.display_name.clone(),
                user_principal_name: user.user_principal_name.clone(),
                issue: AffectedIssue::UsageLocationMissing,
                service: None,
                other_subscription_id: None,
                new_subscription_id: Some(new_id.clone()),
            });
        }
        // Users who now get a service twice: from the new plan and another licence.
        for user in customer.users.iter().filter(|u| u.licenses.contains(&new_id)) {
            for other_id in user.licenses.iter().filter(|l| **l != new_id) {
                let Some(other) =
                    customer.subscriptions.iter().find(|s| &s.id == other_id && s.status.is_live())
                else {
                    continue;
                };
                let Some(other_offer) = catalog.offer(&other.offer_id) else { continue };
                for service in target_services.iter().filter(|s| other_offer.has_service(s)) {
                    order.affected.push(AffectedAccount {
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
        line.new_subscription_id = Some(new_id.clone());
        let entry = |action: AuditAction, subscription: &str| {
            AuditEntry::new(now, actor, action)
                .customer(&order.customer_id)
                .subscription(subscription)
        };
        let order_id = || order.id.clone();
        audit.push(entry(
            AuditAction::SubscriptionCancelled { order: Some(order_id()) },
            &source.id,
        ));
        let item = Item { offer_id: line.target_offer_id.clone(), quantity, billing: None };
        let replaced_offer = Some(source.offer_id.clone());
        let created = AuditAction::SubscriptionCreated { order: order_id(), replaced_offer, item };
        audit.push(entry(created, &new_id));
        let from = source.id.clone();
        let moved = AuditAction::LicensesMoved { order: order_id(), from, count: moved };
        audit.push(entry(moved, &new_id));
    }
    order.status = OrderStatus::Completed;
    order.events.push(OrderEvent { status: OrderStatus::Completed, at: at.clone() });
    workspace.orders[index] = order;
    workspace.audit.extend(audit);
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
