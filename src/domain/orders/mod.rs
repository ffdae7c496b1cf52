//! Orders (docs/rules.md#checkout-and-orders): placing a checkout (idempotent
//! by its key), the credit check, provisioning on the simulated clock
//! (`clock`), and what completion does to the workspace (`complete`). Every
//! step is recorded in the audit log.

mod clock;
mod complete;

pub use clock::{advance, approve_credit_checks, has_work, progress, provisioning_started};

use super::cart;
use super::catalog::Catalog;
use super::clock::Timestamp;
use super::contact::{self, Field, FieldError};
use super::date::Date;
use super::eligibility::{evaluate, Disposition, ReasonCode};
use super::proration::{quote_timed, renewal_day, Quote, Upgrade};
use super::quantity::{check_range, QuantityError};
use super::workspace::{
    AddonPlan, Address, AffectedAccount, AffectedIssue, AuditAction, AuditEntry, BillTo, CartLine,
    Customer, Item, LineKey, Order, OrderEvent, OrderKey, OrderLine, OrderStatus, PaymentMethod,
    PlannedAddon, Role, Subscription, UpgradeTiming, Workspace,
};
use crate::domain::ids::{CheckoutKey, CustomerId, OfferId, OrderId, SubscriptionId, UserId};
use std::collections::{BTreeMap, HashSet};

/// Whether the order only buys new subscriptions (the manual path), so its
/// pages speak of a purchase, not of an upgrade or a licence transfer.
pub fn is_purchase(order: &Order) -> bool {
    !order.lines.is_empty() && order.lines.iter().all(|l| l.purchase)
}

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
    pub fn new(
        catalog: &Catalog,
        workspace: &Workspace,
        market: &str,
        charges: i64,
    ) -> PaymentRules {
        let billing = catalog.billing(workspace.partner.cloud, market);
        PaymentRules {
            invoice_minimum: billing.invoice_minimum,
            credit_check_threshold: billing.credit_check_threshold,
            charges,
        }
    }

    pub fn invoice_allowed(&self) -> bool {
        self.charges >= self.invoice_minimum
    }

    /// The method that applies: an invoice chosen before the charges fell
    /// under the minimum is no longer offered, so the card applies.
    pub fn effective(&self, chosen: PaymentMethod) -> PaymentMethod {
        if chosen == PaymentMethod::Invoice && !self.invoice_allowed() {
            PaymentMethod::CreditCard
        } else {
            chosen
        }
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
    NotEligible {
        subscription_id: SubscriptionId,
        target: OfferId,
        codes: Vec<ReasonCode>,
    },
    BadQuantity {
        subscription_id: SubscriptionId,
        error: QuantityError,
    },
    InvoiceBelowMinimum {
        minimum: i64,
    },
    /// A purchase of an offer this customer cannot buy.
    NotForSale {
        offer: OfferId,
    },
    /// Another line of the customer's cart already gets `target`
    /// (docs/rules.md#same-target-twice).
    SameTargetTwice {
        subscription_id: SubscriptionId,
        target: OfferId,
        other_subscription_id: SubscriptionId,
    },
    /// A partial new-commerce upgrade whose picked users are too few for
    /// the licences left behind, or more than the licences that move.
    UsersToMove {
        subscription_id: SubscriptionId,
        target: OfferId,
        min: u32,
        max: u32,
        picked: u32,
    },
    /// A purchase order number longer than the most it may have.
    PoNumberTooLong {
        max: u32,
    },
    /// An upgrade at renewal of a new-commerce subscription needs auto-renew
    /// on, and cannot be scheduled in the last 24 hours (locked since `locked`).
    CannotSchedule {
        subscription_id: SubscriptionId,
        locked: Option<Timestamp>,
    },
    /// The signed-in role may not place orders or move them along.
    ReadOnly,
    /// A Sold to or Bill to field that does not pass its check.
    InvalidContact {
        party: Party,
        field: Field,
        error: FieldError,
    },
}

/// Who an address on the order is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    SoldTo,
    BillTo,
}

pub struct PlaceRequest<'a> {
    pub key: &'a CheckoutKey,
    pub customer_id: &'a CustomerId,
    pub payment: PaymentMethod,
    pub sold_to: &'a Address,
    pub bill_to: &'a BillTo,
    pub actor: &'a str,
    pub now: Timestamp,
    /// The partner's purchase order number, if any (docs/rules.md#new-commerce).
    pub po_number: Option<&'a str>,
}

/// The most characters a purchase order number has.
pub const PO_NUMBER_MAX: usize = 40;

/// A purchase order number as typed: trimmed, `None` when empty, refused
/// when longer than [`PO_NUMBER_MAX`] characters.
pub fn po_number(text: &str) -> Result<Option<String>, PlaceError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Ok(None),
        n if n > PO_NUMBER_MAX => Err(PlaceError::PoNumberTooLong { max: PO_NUMBER_MAX as u32 }),
        _ => Ok(Some(text.to_string())),
    }
}

/// The quote for every cart line of `customer_id`, checked against the rules
/// as they stand now.
pub fn quote_cart(
    catalog: &Catalog,
    workspace: &Workspace,
    customer_id: &CustomerId,
    now: Timestamp,
) -> Result<Quote, PlaceError> {
    let customer = workspace.customer(customer_id).ok_or(PlaceError::UnknownCustomer)?;
    let currency = catalog.billing(workspace.partner.cloud, &customer.market).currency.clone();
    let quotes = quote_lines(catalog, workspace, customer_id, now)?;
    Ok(Quote::combine(currency, quotes.into_iter().map(|(_, quote)| quote)))
}

/// The cart of `customer_id` priced as the page shows it (a read-only role
/// sees everything a partner sees: docs/rules.md#read-only-role). For a role that may act it
/// is [`quote_cart`]; a billing admin is shown the quote an acting role would
/// get, computed on this customer's part of the workspace (nothing of it is
/// kept), while placing stays refused.
///
/// `typed` holds licence counts by line key that the partner is typing and
/// has not settled on yet: the page prices them at once, so the total always
/// matches the boxes, while the cart keeps what was last settled.
pub fn quote_cart_as_shown(
    catalog: &Catalog,
    workspace: &Workspace,
    customer_id: &CustomerId,
    now: Timestamp,
    typed: &BTreeMap<LineKey, u32>,
) -> Result<Quote, PlaceError> {
    let acting = workspace.partner.user.role.can_act();
    if acting && typed.is_empty() {
        return quote_cart(catalog, workspace, customer_id, now);
    }
    let mut partner = workspace.partner.clone();
    if !acting {
        partner.user.role = Role::AdminAgent;
    }
    let cart = workspace
        .cart
        .iter()
        .filter(|l| l.customer_id == customer_id)
        .map(|l| {
            let mut line = l.clone();
            line.quantity = typed.get(&l.key()).copied().unwrap_or(l.quantity);
            line
        })
        .collect();
    let view = Workspace {
        format: workspace.format.clone(),
        version: workspace.version,
        revision: workspace.revision,
        today: workspace.today,
        partner,
        customers: workspace.customer(customer_id).cloned().into_iter().collect(),
        orders: workspace.orders.iter().filter(|o| o.customer_id == customer_id).cloned().collect(),
        audit: Vec::new(),
        cart,
        checkout: None,
    };
    quote_cart(catalog, &view, customer_id, now)
}

/// Each cart line of `customer_id` with its quote, in cart order.
fn quote_lines<'a>(
    catalog: &Catalog,
    workspace: &'a Workspace,
    customer_id: &CustomerId,
    now: Timestamp,
) -> Result<Vec<(&'a CartLine, Quote)>, PlaceError> {
    let customer = workspace.customer(customer_id).ok_or(PlaceError::UnknownCustomer)?;
    let lines: Vec<_> = workspace.cart.iter().filter(|l| l.customer_id == customer_id).collect();
    if lines.is_empty() {
        return Err(PlaceError::EmptyCart);
    }
    let mut quotes = Vec::new();
    for line in lines {
        if let Some(other) = cart::same_target_before(workspace, line) {
            return Err(PlaceError::SameTargetTwice {
                subscription_id: line.source_subscription_id.clone(),
                target: line.target_offer_id.clone(),
                other_subscription_id: other.source_subscription_id.clone(),
            });
        }
        if line.purchase {
            quotes.push((line, quote_purchase(catalog, workspace, customer, line)?));
            continue;
        }
        let not_eligible = |codes| PlaceError::NotEligible {
            subscription_id: line.source_subscription_id.clone(),
            target: line.target_offer_id.clone(),
            codes,
        };
        let (source, target) =
            cart::evaluate_line(catalog, workspace, line).ok_or_else(|| not_eligible(vec![]))?;
        if !target.eligible {
            return Err(not_eligible(target.reasons.iter().map(|r| r.code).collect()));
        }
        let (min, max) = target.quantity_range(line.timing);
        check_range(line.quantity.into(), min, max).map_err(|error| PlaceError::BadQuantity {
            subscription_id: source.id.clone(),
            error,
        })?;
        check_moved_users(customer, &source, line)?;
        check_schedulable(&source, line, now)?;
        let upgrade = Upgrade {
            customer,
            source: &source,
            target: &target,
            quantity: line.quantity,
            cycle: line.billing_cycle,
        };
        let quote = quote_timed(catalog, workspace, upgrade, line.timing, now.date());
        quotes.push((line, quote));
    }
    Ok(quotes)
}

/// A new-commerce upgrade at renewal is a scheduled change
/// (docs/rules.md#new-commerce-scheduled-changes): it needs auto-renew on and
/// cannot be made in the last 24 hours before the term ends.
fn check_schedulable(
    source: &Subscription,
    line: &CartLine,
    now: Timestamp,
) -> Result<(), PlaceError> {
    if line.timing != UpgradeTiming::AtRenewal || !source.commerce.is_nce() {
        return Ok(());
    }
    let locked = crate::domain::scheduled::locked_since(source, now);
    if source.auto_renew && locked.is_none() {
        return Ok(());
    }
    Err(PlaceError::CannotSchedule { subscription_id: source.id.clone(), locked })
}

/// A new subscription bought outright: its first period, nothing credited.
pub fn quote_purchase(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    line: &CartLine,
) -> Result<Quote, PlaceError> {
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
    offer.check_licences(line.quantity).map_err(|error| PlaceError::BadQuantity {
        subscription_id: line.source_subscription_id.clone(),
        error,
    })?;
    let unit = catalog.monthly_price(offer, cloud, &customer.market);
    let charge = super::proration::PriceLine::charge(
        &offer.id,
        line.quantity,
        unit,
        line.billing_cycle.months(),
    );
    let currency = catalog.billing(cloud, &customer.market).currency.clone();
    Ok(Quote::from_lines(currency, vec![charge]))
}

/// Places the cart of `request.customer_id` as one order. Placing the same
/// key again returns the order already placed and changes nothing.
pub fn place_order(
    catalog: &Catalog,
    workspace: &mut Workspace,
    request: PlaceRequest,
) -> Result<OrderId, PlaceError> {
    if let Some(existing) = workspace.orders.iter().find(|o| o.key == OrderKey::new(request.key, 1))
    {
        return Ok(existing.id.clone());
    }
    workspace.may_act(PlaceError::ReadOnly)?;
    let po = po_number(request.po_number.unwrap_or_default())?;
    let (sold_to, bill_to) = checked_contacts(&request)?;
    let quotes = quote_lines(catalog, workspace, request.customer_id, request.now)?;
    let customer = workspace.customer(request.customer_id).ok_or(PlaceError::UnknownCustomer)?;
    let currency = catalog.billing(workspace.partner.cloud, &customer.market).currency.clone();
    let credit_check = check_payment(catalog, workspace, customer, &quotes, request.payment)?;
    let groups = group_by_start(catalog, workspace, customer, quotes, request.now.date());
    let placing = Placing { request: &request, sold_to, bill_to, currency, credit_check, po };
    // An upgrade now of a new-commerce subscription is an immediate change:
    // it removes the subscription's scheduled changes (docs/rules.md#new-commerce-scheduled-changes).
    let changed_now: Vec<SubscriptionId> = groups
        .iter()
        .filter(|g| g.scheduled_for.is_none())
        .flat_map(|g| g.lines.iter().filter(|l| !l.purchase))
        .map(|l| l.source_subscription_id.clone())
        .collect();
    let mut ids = Vec::new();
    for (n, group) in groups.into_iter().enumerate() {
        let order = placing.order(next_order_id(workspace), n, group);
        placing.record(workspace, &order);
        ids.push(order.id.clone());
        workspace.orders.push(order);
    }
    for source in &changed_now {
        crate::domain::scheduled::remove_for_change(
            workspace,
            request.customer_id,
            source,
            request.now,
            request.actor,
        );
    }
    workspace.cart.retain(|l| l.customer_id != request.customer_id);
    workspace.checkout = None;
    Ok(ids.into_iter().next().expect("a cart that quoted has a line"))
}

/// Sold to and Bill to tidied, or the first field that fails its check.
fn checked_contacts(request: &PlaceRequest) -> Result<(Address, BillTo), PlaceError> {
    // What was stored may predate the checks of the form (docs/rules.md#place-order).
    let sold_to = contact::tidy_address(request.sold_to);
    let bill_to = contact::tidy_bill_to(request.bill_to);
    let invalid = |party| move |(field, error)| PlaceError::InvalidContact { party, field, error };
    if let Some(error) =
        contact::validate_sold_to(&sold_to).into_iter().next().map(invalid(Party::SoldTo))
    {
        return Err(error);
    }
    if let Some(error) =
        contact::validate_bill_to(&bill_to).into_iter().next().map(invalid(Party::BillTo))
    {
        return Err(error);
    }
    Ok((sold_to, bill_to))
}

/// Checks the payment rules; returns whether the orders need a credit check.
fn check_payment(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    quotes: &[(&CartLine, Quote)],
    payment: PaymentMethod,
) -> Result<bool, PlaceError> {
    // Payment rules see every charge of the checkout, later ones included
    // (they apply to an upgrade at renewal as to one made now:
    // docs/rules.md#payment-and-credit-check).
    let charges: i64 = quotes.iter().map(|(_, q)| q.charges_minor).sum();
    let rules = PaymentRules::new(catalog, workspace, &customer.market, charges);
    if payment == PaymentMethod::Invoice && !rules.invoice_allowed() {
        return Err(PlaceError::InvoiceBelowMinimum { minimum: rules.invoice_minimum });
    }
    Ok(rules.needs_credit_check(payment))
}

/// The lines of one order to place, with their quotes.
struct OrderGroup {
    /// An upgrade at renewal: the day it takes effect.
    scheduled_for: Option<Date>,
    lines: Vec<OrderLine>,
    quotes: Vec<Quote>,
}

/// The quoted cart lines grouped into the orders to place, in the order they are placed.
fn group_by_start(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    quotes: Vec<(&CartLine, Quote)>,
    today: Date,
) -> Vec<OrderGroup> {
    // The lines made now are one order; each upgrade at renewal is an order of
    // its own that waits for its source's term end.
    let mut now = OrderGroup { scheduled_for: None, lines: Vec::new(), quotes: Vec::new() };
    let mut later = Vec::new();
    for (line, quote) in quotes {
        let source = customer.subscription(&line.source_subscription_id).filter(|_| !line.purchase);
        let order_line = order_line(catalog, workspace, customer, source, line);
        match source.filter(|_| line.timing == UpgradeTiming::AtRenewal) {
            Some(source) => later.push(OrderGroup {
                scheduled_for: Some(renewal_day(source, today)),
                lines: vec![order_line],
                quotes: vec![quote],
            }),
            None => {
                now.lines.push(order_line);
                now.quotes.push(quote);
            }
        }
    }
    let now = (!now.lines.is_empty()).then_some(now);
    now.into_iter().chain(later).collect()
}

/// The order's line for a cart line, with the plan for the add-ons of its
/// `source` (none for a purchase).
/// A partial new-commerce upgrade moves the users the partner picked: at
/// least those the licences left behind cannot hold, at most as many as
/// the licences that move (docs/rules.md#new-commerce).
fn check_moved_users(
    customer: &Customer,
    source: &Subscription,
    line: &CartLine,
) -> Result<(), PlaceError> {
    let partial = line.quantity < source.quantity && line.timing == UpgradeTiming::Now;
    if !source.commerce.is_nce() || !partial {
        return Ok(());
    }
    let holders: Vec<&UserId> =
        customer.users.iter().filter(|u| u.licenses.contains(&source.id)).map(|u| &u.id).collect();
    let picked = line.moved_users.iter().filter(|u| holders.contains(u)).count() as u32;
    let (min, max) = users_to_move(holders.len() as u32, source.quantity, line.quantity);
    if (min..=max).contains(&picked) {
        return Ok(());
    }
    let (subscription_id, target) = (source.id.clone(), line.target_offer_id.clone());
    Err(PlaceError::UsersToMove { subscription_id, target, min, max, picked })
}

/// How many of `held` users a partial upgrade of `moved` of `quantity`
/// licences moves: at least those the rest cannot hold, at most `moved`.
pub fn users_to_move(held: u32, quantity: u32, moved: u32) -> (u32, u32) {
    (held.saturating_sub(quantity.saturating_sub(moved)), moved.min(held))
}

fn order_line(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    source: Option<&Subscription>,
    line: &CartLine,
) -> OrderLine {
    OrderLine {
        source_subscription_id: line.source_subscription_id.clone(),
        target_offer_id: line.target_offer_id.clone(),
        quantity: line.quantity,
        billing_cycle: line.billing_cycle,
        new_subscription_id: None,
        addons: source
            .map(|s| planned_addons(catalog, workspace, customer, s, &line.target_offer_id))
            .unwrap_or_default(),
        purchase: line.purchase,
        moved_users: line.moved_users.clone(),
    }
}

/// What every order of one checkout shares.
struct Placing<'a> {
    request: &'a PlaceRequest<'a>,
    sold_to: Address,
    bill_to: BillTo,
    currency: String,
    credit_check: bool,
    po: Option<String>,
}

impl Placing<'_> {
    /// The `n`th order of the checkout, numbered `id`, in the status it starts in.
    fn order(&self, id: OrderId, n: usize, group: OrderGroup) -> Order {
        let request = self.request;
        let today = request.now.date();
        let quote = Quote::combine(self.currency.clone(), group.quotes);
        let status = match group.scheduled_for {
            _ if self.credit_check => OrderStatus::CreditCheck,
            Some(day) if day > today => OrderStatus::Scheduled,
            _ => OrderStatus::Provisioning,
        };
        Order {
            id,
            // The first order keeps the checkout's key: placing it again finds it.
            key: OrderKey::new(request.key, n + 1),
            customer_id: request.customer_id.clone(),
            placed_on: today,
            status,
            payment: request.payment,
            currency: quote.currency.clone(),
            lines: group.lines,
            total_minor: quote.total_minor,
            charges_minor: quote.charges_minor,
            credits_minor: quote.credits_minor,
            credit_check_due: self
                .credit_check
                .then(|| today.add_business_days(CREDIT_CHECK_BUSINESS_DAYS)),
            events: vec![OrderEvent { status, at: request.now.to_rfc3339() }],
            failure_reason: None,
            sold_to: Some(self.sold_to.clone()),
            bill_to: Some(self.bill_to.clone()),
            affected: Vec::new(),
            scheduled_for: group.scheduled_for,
            po_number: self.po.clone(),
        }
    }

    /// One audit entry per line of the order placed.
    fn record(&self, workspace: &mut Workspace, order: &Order) {
        for line in &order.lines {
            let item = Item {
                offer_id: line.target_offer_id.clone(),
                quantity: line.quantity,
                billing: Some(line.billing_cycle),
            };
            let placed =
                AuditAction::OrderPlaced { order: order.id.clone(), item, status: order.status };
            workspace.audit.push(
                AuditEntry::new(self.request.now, self.request.actor, placed)
                    .customer(&order.customer_id)
                    .subscription(&line.source_subscription_id),
            );
        }
    }
}

/// The other orders the checkout that placed `order` placed with it.
pub fn placed_together<'a>(
    workspace: &'a Workspace,
    order: &Order,
) -> impl Iterator<Item = &'a Order> {
    let (id, customer, key) =
        (order.id.clone(), order.customer_id.clone(), order.key.checkout.clone());
    workspace
        .orders
        .iter()
        .filter(move |o| o.id != id && o.customer_id == customer && o.key.checkout == key)
}

/// Where the partner does the work an affected account needs, and what it is
/// about (the order page's "Accounts that need more work").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffectedWork<'a> {
    /// The subscription whose Licenses tab the partner acts on: the new one,
    /// to assign its licence once the user has a usage location; for a
    /// service received twice, the other subscription, to remove one of the
    /// two licences. `None` when the order does not say.
    pub act_on: Option<&'a str>,
    /// The new subscription's offer: for a user who got no licence, every
    /// service of it needs the work.
    pub offer_id: Option<&'a str>,
}

/// [`AffectedWork`] for one account listed on `order`. Documents written
/// before the new subscription was recorded on the account find it from the
/// order's line when the order has only one.
pub fn affected_work<'a>(order: &'a Order, account: &'a AffectedAccount) -> AffectedWork<'a> {
    let created = order.lines.iter().filter(|l| l.new_subscription_id.is_some());
    let line = match account.new_subscription_id.as_deref() {
        Some(id) => order.lines.iter().find(|l| l.new_subscription_id.as_deref() == Some(id)),
        None if created.clone().count() == 1 => created.clone().next(),
        None => None,
    };
    let new_id = account
        .new_subscription_id
        .as_deref()
        .or(line.and_then(|l| l.new_subscription_id.as_deref()));
    let act_on = match account.issue {
        AffectedIssue::UsageLocationMissing | AffectedIssue::NoLicenseLeft => new_id,
        AffectedIssue::DuplicateService => account.other_subscription_id.as_deref().or(new_id),
    };
    AffectedWork { act_on, offer_id: line.map(|l| l.target_offer_id.as_str()) }
}

/// What happens to each add-on of `source` when it becomes `target`, fixed
/// when the order is placed.
fn planned_addons(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    source: &Subscription,
    target: &OfferId,
) -> Vec<PlannedAddon> {
    let evaluation = evaluate(catalog, workspace, customer, source);
    let Some(target) = evaluation.target(target) else { return Vec::new() };
    target
        .addons
        .iter()
        .filter_map(|fate| {
            let plan = match fate.disposition {
                Disposition::Removed => AddonPlan::Removed,
                Disposition::CarriedOver => AddonPlan::CarriedOver,
                Disposition::Blocking(_) => return None,
            };
            Some(PlannedAddon { subscription_id: fate.subscription_id.clone(), plan })
        })
        .collect()
}

/// Calls off an upgrade at renewal before its date (docs/rules.md#upgrade-at-renewal): the order
/// becomes `cancelled` and the subscription stays as it is.
pub fn cancel_scheduled(
    workspace: &mut Workspace,
    order_id: &OrderId,
    now: Timestamp,
    actor: &str,
) -> Result<(), CancelError> {
    workspace.may_act(CancelError::ReadOnly)?;
    let order =
        workspace.orders.iter_mut().find(|o| o.id == order_id).ok_or(CancelError::UnknownOrder)?;
    if order.status != OrderStatus::Scheduled {
        return Err(CancelError::NotScheduled(order.status));
    }
    let cancelled = AuditAction::ScheduledUpgradeCancelled;
    let entry = clock::move_to(order, OrderStatus::Cancelled, now, actor, cancelled);
    workspace.audit.push(entry);
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelError {
    ReadOnly,
    UnknownOrder,
    /// Only a scheduled order can be called off; this one is past that.
    NotScheduled(OrderStatus),
}

/// The upgrade at renewal waiting for `subscription_id`, if any.
pub fn scheduled_upgrade_of<'a>(
    workspace: &'a Workspace,
    subscription_id: &SubscriptionId,
) -> Option<(&'a Order, &'a OrderLine)> {
    upgrades_from(workspace, subscription_id)
        .find(|(order, _)| order.status == OrderStatus::Scheduled)
}

/// Every order line that upgrades `subscription_id` (a purchase for the
/// manual path names its source too, but leaves it alone), oldest first.
pub fn upgrades_from<'a, 's>(
    workspace: &'a Workspace,
    subscription_id: &'s str,
) -> impl Iterator<Item = (&'a Order, &'a OrderLine)> + use<'a, 's> {
    workspace.orders.iter().flat_map(move |order| {
        order
            .lines
            .iter()
            .filter(move |l| !l.purchase && l.source_subscription_id == subscription_id)
            .map(move |l| (order, l))
    })
}

/// The latest order that upgraded (or is upgrading) `subscription_id`, from
/// either side: as its source or as the subscription it created. A purchase
/// for the manual path is not an upgrade: it changes nothing of the old one.
pub fn upgrade_of<'a>(
    workspace: &'a Workspace,
    subscription_id: &SubscriptionId,
) -> Option<(&'a Order, &'a OrderLine)> {
    // A scheduled upgrade has not changed anything yet, a cancelled one never will.
    let acted = |o: &&Order| !matches!(o.status, OrderStatus::Scheduled | OrderStatus::Cancelled);
    workspace.orders.iter().rev().filter(acted).find_map(|order| {
        let line = order.lines.iter().filter(|l| !l.purchase).find(|l| {
            l.source_subscription_id == subscription_id
                || l.new_subscription_id.as_deref() == Some(subscription_id)
        })?;
        Some((order, line))
    })
}

/// The next order number after every `ord-<n>` in the workspace, whatever an
/// imported document used: a saved document always loads again
/// (docs/rules.md#generated-ids).
fn next_order_id(workspace: &Workspace) -> OrderId {
    let taken: HashSet<&str> = workspace.orders.iter().map(|o| o.id.as_str()).collect();
    let highest = workspace
        .orders
        .iter()
        .filter_map(|o| o.id.strip_prefix("ord-").and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(1000);
    unique_id(&format!("ord-{}", highest.saturating_add(1)), |id| taken.contains(id)).into()
}

/// `base`, or `base-2`, `base-3`... the first that `taken` does not hold.
pub(crate) fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2u64..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).expect("some suffix is free")
}
