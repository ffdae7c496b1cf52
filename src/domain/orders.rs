//! Orders (SPEC 4): placing a checkout (idempotent by its key), the credit
//! check, provisioning on the simulated clock, and what completion does to the
//! workspace. Every step is recorded in the audit log.

use super::catalog::Catalog;
use super::clock::Timestamp;
use super::eligibility::{evaluate, Disposition, ReasonCode};
use super::proration::{quote_upgrade, Quote};
use super::quantity::{parse_quantity, QuantityError};
use super::workspace::{
    AddonPlan, Address, AffectedAccount, AffectedIssue, AuditEntry, BillTo, Order, OrderEvent, OrderLine, OrderStatus,
    PaymentMethod, PlannedAddon, Subscription, SubscriptionStatus, Workspace,
};

/// How long provisioning takes on the simulated clock.
pub const PROVISIONING_MS: i64 = 4_000;
/// Business days a credit check may take.
pub const CREDIT_CHECK_BUSINESS_DAYS: u32 = 2;

/// How a customer's order can be paid, given its charges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentRules {
    pub invoice_minimum: i64,
    pub credit_check_threshold: i64,
    pub charges: i64,
}

impl PaymentRules {
    pub fn new(catalog: &Catalog, workspace: &Workspace, market: &str, charges: i64) -> PaymentRules {
        let billing = catalog.billing(workspace.partner.cloud, market);
        PaymentRules { invoice_minimum: billing.invoice_minimum, credit_check_threshold: billing.credit_check_threshold, charges }
    }

    pub fn invoice_allowed(&self) -> bool {
        self.charges >= self.invoice_minimum
    }

    pub fn needs_credit_check(&self, payment: PaymentMethod) -> bool {
        payment == PaymentMethod::Invoice || self.charges >= self.credit_check_threshold
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceError {
    UnknownCustomer,
    EmptyCart,
    /// A cart line that can no longer be upgraded (something changed since).
    NotEligible { subscription_id: String, target: String, codes: Vec<ReasonCode> },
    BadQuantity { subscription_id: String, error: QuantityError },
    InvoiceBelowMinimum { minimum: i64 },
    /// A purchase of an offer this customer cannot buy.
    NotForSale { offer: String },
}

pub struct PlaceRequest<'a> {
    pub key: &'a str,
    pub customer_id: &'a str,
    pub payment: PaymentMethod,
    pub sold_to: &'a Address,
    pub bill_to: &'a BillTo,
    pub actor: &'a str,
    pub now: Timestamp,
}

/// The quote for every cart line of `customer_id`, checked against the rules
/// as they stand now.
pub fn quote_cart(catalog: &Catalog, workspace: &Workspace, customer_id: &str, now: Timestamp) -> Result<Quote, PlaceError> {
    let customer = workspace.customer(customer_id).ok_or(PlaceError::UnknownCustomer)?;
    let currency = catalog.billing(workspace.partner.cloud, &customer.market).currency.clone();
    let lines: Vec<_> = workspace.cart.iter().filter(|l| l.customer_id == customer_id).collect();
    if lines.is_empty() {
        return Err(PlaceError::EmptyCart);
    }
    let mut quotes = Vec::new();
    for line in lines {
        if line.purchase {
            quotes.push(quote_purchase(catalog, workspace, customer, line)?);
            continue;
        }
        let Some(source) = customer.subscription(&line.source_subscription_id) else {
            return Err(PlaceError::NotEligible { subscription_id: line.source_subscription_id.clone(), target: line.target_offer_id.clone(), codes: vec![] });
        };
        let evaluation = evaluate(catalog, workspace, customer, source);
        let target = evaluation.target(&line.target_offer_id).filter(|t| t.eligible).ok_or_else(|| PlaceError::NotEligible {
            subscription_id: source.id.clone(),
            target: line.target_offer_id.clone(),
            codes: evaluation.target(&line.target_offer_id).map(|t| t.reasons.iter().map(|r| r.code).collect()).unwrap_or_default(),
        })?;
        parse_quantity(&line.quantity.to_string(), target.quantity_min, target.quantity_max)
            .map_err(|error| PlaceError::BadQuantity { subscription_id: source.id.clone(), error })?;
        quotes.push(quote_upgrade(catalog, workspace, customer, source, target, line.quantity, line.billing_cycle, now.date()));
    }
    Ok(Quote::combine(currency, quotes))
}

/// A new subscription bought outright: its first period, nothing credited.
pub fn quote_purchase(catalog: &Catalog, workspace: &Workspace, customer: &super::workspace::Customer, line: &super::workspace::CartLine) -> Result<Quote, PlaceError> {
    let cloud = workspace.partner.cloud;
    let offer = catalog
        .offer(&line.target_offer_id)
        .filter(|o| !o.is_addon() && o.sold_in(cloud, &customer.market))
        .ok_or_else(|| PlaceError::NotForSale { offer: line.target_offer_id.clone() })?;
    if !workspace.partner.user.role.can_act() {
        return Err(PlaceError::NotEligible {
            subscription_id: line.source_subscription_id.clone(),
            target: offer.id.clone(),
            codes: vec![ReasonCode::RoleNotPermitted],
        });
    }
    parse_quantity(&line.quantity.to_string(), 1, offer.seat_max())
        .map_err(|error| PlaceError::BadQuantity { subscription_id: line.source_subscription_id.clone(), error })?;
    let unit = catalog.monthly_price(offer, cloud, &customer.market);
    let charge = super::proration::PriceLine::charge(&offer.id, line.quantity, unit, line.billing_cycle.months());
    let currency = catalog.billing(cloud, &customer.market).currency.clone();
    Ok(Quote::from_lines(currency, vec![charge]))
}

/// Places the cart of `request.customer_id` as one order. Placing the same
/// key again returns the order already placed and changes nothing.
pub fn place_order(catalog: &Catalog, workspace: &mut Workspace, request: PlaceRequest) -> Result<String, PlaceError> {
    if let Some(existing) = workspace.orders.iter().find(|o| o.key == request.key) {
        return Ok(existing.id.clone());
    }
    let quote = quote_cart(catalog, workspace, request.customer_id, request.now)?;
    let customer = workspace.customer(request.customer_id).ok_or(PlaceError::UnknownCustomer)?;
    let rules = PaymentRules::new(catalog, workspace, &customer.market, quote.charges_minor);
    if request.payment == PaymentMethod::Invoice && !rules.invoice_allowed() {
        return Err(PlaceError::InvoiceBelowMinimum { minimum: rules.invoice_minimum });
    }
    let credit_check = rules.needs_credit_check(request.payment);
    let today = request.now.date();
    let lines: Vec<OrderLine> = workspace
        .cart
        .iter()
        .filter(|l| l.customer_id == request.customer_id)
        .map(|line| {
            let addons = customer
                .subscription(&line.source_subscription_id)
                .filter(|_| !line.purchase)
                .map(|source| evaluate(catalog, workspace, customer, source))
                .and_then(|evaluation| evaluation.target(&line.target_offer_id).cloned())
                .map(|t| {
                    t.addons
                        .iter()
                        .filter_map(|fate| match fate.disposition {
                            Disposition::Removed => Some(AddonPlan::Removed),
                            Disposition::CarriedOver => Some(AddonPlan::CarriedOver),
                            Disposition::Blocking(_) => None,
                        }
                        .map(|plan| PlannedAddon { subscription_id: fate.subscription_id.clone(), plan }))
                        .collect()
                })
                .unwrap_or_default();
            OrderLine {
                source_subscription_id: line.source_subscription_id.clone(),
                target_offer_id: line.target_offer_id.clone(),
                quantity: line.quantity,
                billing_cycle: line.billing_cycle,
                new_subscription_id: None,
                addons,
                purchase: line.purchase,
            }
        })
        .collect();
    let id = next_order_id(workspace);
    let status = if credit_check { OrderStatus::CreditCheck } else { OrderStatus::Provisioning };
    let order = Order {
        id: id.clone(),
        key: request.key.to_string(),
        customer_id: request.customer_id.to_string(),
        placed_on: today,
        status,
        payment: request.payment,
        currency: quote.currency.clone(),
        lines,
        total_minor: quote.total_minor,
        charges_minor: quote.charges_minor,
        credits_minor: quote.credits_minor,
        credit_check_due: credit_check.then(|| today.add_business_days(CREDIT_CHECK_BUSINESS_DAYS)),
        events: vec![OrderEvent { status, at: request.now.to_rfc3339() }],
        failure_reason: None,
        sold_to: Some(request.sold_to.clone()),
        bill_to: Some(request.bill_to.clone()),
        affected: Vec::new(),
    };
    for line in &order.lines {
        workspace.audit.push(
            AuditEntry::new(request.now, request.actor, "order_placed")
                .customer(&order.customer_id)
                .subscription(&line.source_subscription_id)
                .change(None, Some(format!("{} × {} ({})", line.target_offer_id, line.quantity, line.billing_cycle.as_str())))
                .outcome(format!("{} {}", order.id, status.as_str())),
        );
    }
    workspace.cart.retain(|l| l.customer_id != request.customer_id);
    workspace.checkout = None;
    workspace.orders.push(order);
    Ok(id)
}

fn next_order_id(workspace: &Workspace) -> String {
    let highest = workspace
        .orders
        .iter()
        .filter_map(|o| o.id.strip_prefix("ord-").and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(1000);
    format!("ord-{}", highest + 1)
}

/// Ends every pending credit check (Settings, "complete pending credit
/// checks"); returns how many orders moved on.
pub fn approve_credit_checks(workspace: &mut Workspace, now: Timestamp, actor: &str) -> usize {
    approve_where(workspace, now, actor, |_| true)
}

fn approve_where(workspace: &mut Workspace, now: Timestamp, actor: &str, ready: impl Fn(&Order) -> bool) -> usize {
    let mut approved = 0;
    for order in workspace.orders.iter_mut().filter(|o| o.status == OrderStatus::CreditCheck && ready(o)) {
        order.status = OrderStatus::Provisioning;
        order.events.push(OrderEvent { status: OrderStatus::Provisioning, at: now.to_rfc3339() });
        let mut entry = AuditEntry::new(now, actor, "credit_check_approved")
            .customer(&order.customer_id)
            .change(Some(OrderStatus::CreditCheck.as_str().into()), Some(OrderStatus::Provisioning.as_str().into()))
            .outcome(order.id.clone());
        entry.subscription_id = order.lines.first().map(|l| l.source_subscription_id.clone());
        workspace.audit.push(entry);
        approved += 1;
    }
    approved
}

/// When provisioning of `order` started, if it has.
pub fn provisioning_started(order: &Order) -> Option<Timestamp> {
    order.events.iter().rev().find(|e| e.status == OrderStatus::Provisioning).and_then(|e| Timestamp::parse(&e.at))
}

/// Share of provisioning done at `now`, from 0 to 1.
pub fn progress(order: &Order, now: Timestamp) -> f64 {
    match order.status {
        OrderStatus::Completed => 1.0,
        OrderStatus::Provisioning => provisioning_started(order)
            .map_or(0.0, |start| ((now.0 - start.0) as f64 / PROVISIONING_MS as f64).clamp(0.0, 1.0)),
        _ => 0.0,
    }
}

/// Moves orders along the simulated clock: credit checks whose expected date
/// has come are approved, provisioning that has run its time completes.
/// Returns whether anything changed.
pub fn advance(catalog: &Catalog, workspace: &mut Workspace, now: Timestamp, actor: &str) -> bool {
    let mut changed = approve_where(workspace, now, actor, |o| o.credit_check_due.is_some_and(|d| now.date() >= d)) > 0;
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

/// Completion (SPEC 4): the source is cancelled, a new subscription of the
/// target takes its users' licences, add-ons follow the plan, and the accounts
/// that need more work are listed on the order.
fn complete(catalog: &Catalog, workspace: &mut Workspace, index: usize, now: Timestamp, actor: &str) {
    let mut order = workspace.orders[index].clone();
    let today = now.date();
    let at = now.to_rfc3339();
    let mut audit = Vec::new();
    let Some(customer) = workspace.customers.iter_mut().find(|c| c.id == order.customer_id) else {
        return fail(workspace, index, "the customer is no longer in the workspace", now);
    };
    // Every source must still be there and active, or nothing changes.
    if let Some(line) = order.lines.iter().filter(|l| !l.purchase).find(|l| {
        customer.subscription(&l.source_subscription_id).is_none_or(|s| s.status != SubscriptionStatus::Active)
    }) {
        let reason = format!("subscription {} is no longer active", line.source_subscription_id);
        return fail(workspace, index, &reason, now);
    }
    for (n, line) in order.lines.iter_mut().enumerate() {
        let new_id = format!("sub-{}-{}", order.id.trim_start_matches("ord-"), n + 1);
        if line.purchase {
            let name = catalog.offer(&line.target_offer_id).map_or_else(|| line.target_offer_id.clone(), |o| o.name.clone());
            customer.subscriptions.push(Subscription {
                id: new_id.clone(),
                offer_id: line.target_offer_id.clone(),
                friendly_name: name,
                status: SubscriptionStatus::Active,
                quantity: line.quantity,
                billing_cycle: line.billing_cycle,
                channel: super::workspace::Channel::Partner,
                parent_subscription_id: None,
                period_start: today,
                period_end: today.add_months(line.billing_cycle.months()),
                auto_renew: true,
            });
            line.new_subscription_id = Some(new_id.clone());
            audit.push(
                AuditEntry::new(now, actor, "subscription_created")
                    .customer(&order.customer_id)
                    .subscription(&new_id)
                    .change(None, Some(format!("{} × {}", line.target_offer_id, line.quantity)))
                    .outcome(order.id.clone()),
            );
            continue;
        }
        let source = customer.subscription(&line.source_subscription_id).cloned().expect("checked above");
        customer.subscriptions.push(Subscription {
            id: new_id.clone(),
            offer_id: line.target_offer_id.clone(),
            friendly_name: source.friendly_name.clone(),
            status: SubscriptionStatus::Active,
            quantity: line.quantity,
            billing_cycle: line.billing_cycle,
            channel: source.channel,
            parent_subscription_id: None,
            period_start: today,
            period_end: today.add_months(line.billing_cycle.months()),
            auto_renew: source.auto_renew,
        });
        for s in customer.subscriptions.iter_mut() {
            if s.id == source.id {
                s.status = SubscriptionStatus::Cancelled;
            }
            if let Some(planned) = line.addons.iter().find(|a| a.subscription_id == s.id) {
                match planned.plan {
                    AddonPlan::Removed => s.status = SubscriptionStatus::Cancelled,
                    AddonPlan::CarriedOver => s.parent_subscription_id = Some(new_id.clone()),
                }
            }
        }
        let target_services = catalog.offer(&line.target_offer_id).map(|o| o.services.clone()).unwrap_or_default();
        let mut moved = 0;
        for user in customer.users.iter_mut() {
            let Some(slot) = user.licenses.iter_mut().find(|l| **l == source.id) else { continue };
            *slot = new_id.clone();
            moved += 1;
            if user.usage_location.is_none() {
                order.affected.push(AffectedAccount {
                    user_id: user.id.clone(),
                    display_name: user.display_name.clone(),
                    user_principal_name: user.user_principal_name.clone(),
                    issue: AffectedIssue::UsageLocationMissing,
                    service: None,
                    other_subscription_id: None,
                });
            }
        }
        // Users who now get a service twice: from the new plan and another licence.
        for user in customer.users.iter().filter(|u| u.licenses.contains(&new_id)) {
            for other_id in user.licenses.iter().filter(|l| **l != new_id) {
                let Some(other) = customer.subscriptions.iter().find(|s| &s.id == other_id && s.status.is_live()) else { continue };
                let Some(other_offer) = catalog.offer(&other.offer_id) else { continue };
                for service in target_services.iter().filter(|s| other_offer.has_service(s)) {
                    order.affected.push(AffectedAccount {
                        user_id: user.id.clone(),
                        display_name: user.display_name.clone(),
                        user_principal_name: user.user_principal_name.clone(),
                        issue: AffectedIssue::DuplicateService,
                        service: Some(service.clone()),
                        other_subscription_id: Some(other.id.clone()),
                    });
                }
            }
        }
        line.new_subscription_id = Some(new_id.clone());
        let entry = |action: &str, subscription: &str, old: Option<String>, new: Option<String>| {
            AuditEntry::new(now, actor, action)
                .customer(&order.customer_id)
                .subscription(subscription)
                .change(old, new)
                .outcome(order.id.clone())
        };
        audit.push(entry("subscription_cancelled", &source.id, Some("active".into()), Some("cancelled".into())));
        audit.push(entry(
            "subscription_created",
            &new_id,
            Some(source.offer_id.clone()),
            Some(format!("{} × {}", line.target_offer_id, line.quantity)),
        ));
        audit.push(entry("licenses_moved", &new_id, Some(source.id.clone()), Some(format!("{moved} users"))));
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
    let mut entry = AuditEntry::new(now, "Upgrade Center", "order_failed")
        .customer(&order.customer_id)
        .outcome(format!("{}: {reason}", order.id));
    entry.subscription_id = order.lines.first().map(|l| l.source_subscription_id.clone());
    workspace.audit.push(entry);
}
