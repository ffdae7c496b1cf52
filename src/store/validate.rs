//! Checks that serde cannot: references between parts of the document, unique
//! ids, known offers and services, licence counts within the offer's range,
//! the cloud that serves each market (docs/rules.md#validation).

use super::problem::{Problem, Reason};
use crate::domain::catalog::{Catalog, Cloud, Offer};
use crate::domain::nce::{self, check_billing, BillingPeriods};
use crate::domain::quantity::QuantityError;
use crate::domain::workspace::{BillingCycle, Commerce, Customer, Subscription, Workspace};
// Fx, not std's SipHash: ids are not attacker-chosen keys, and at partner
// scale (tens of thousands of ids) the faster hash is most of validation.
use rustc_hash::FxHashSet as HashSet;

/// Every problem of the document, in document order.
pub fn validate(workspace: &Workspace, catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |path: String, reason: Reason| problems.push(Problem::invalid(path, reason));
    if workspace.partner.name.trim().is_empty() {
        report("partner.name".into(), Reason::Empty);
    }
    validate_customers(workspace, catalog, &mut report);
    validate_orders(workspace, catalog, &mut report);
    validate_cart(workspace, catalog, &mut report);
    validate_checkout(workspace, &mut report);
    problems
}

fn validate_customers(
    workspace: &Workspace,
    catalog: &Catalog,
    report: &mut impl FnMut(String, Reason),
) {
    let cloud = workspace.partner.cloud;
    let mut customer_ids = HashSet::default();
    let mut subscription_ids = HashSet::default();
    // Paths are written out only for a problem: a valid document of
    // thousands of parts should not format thousands of them.
    for (index, customer) in workspace.customers.iter().enumerate() {
        let path = &Path(format_args!("customers[{index}]"));
        validate_customer_names(customer, path, &mut customer_ids, report);
        validate_market(customer, cloud, path, report);
        validate_delegated_services(customer, catalog, path, report);
        validate_subscriptions(customer, catalog, path, &mut subscription_ids, report);
        validate_users(customer, path, report);
    }
}

/// A customer's id (present and unique) and company name.
fn validate_customer_names<'a>(
    customer: &'a Customer,
    path: &Path,
    ids: &mut HashSet<&'a str>,
    report: &mut impl FnMut(String, Reason),
) {
    if customer.id.trim().is_empty() {
        report(format!("{path}.id"), Reason::Empty);
    } else if !ids.insert(customer.id.as_str()) {
        report(format!("{path}.id"), Reason::Duplicate { id: customer.id.to_string() });
    }
    if customer.company_name.trim().is_empty() {
        report(format!("{path}.companyName"), Reason::Empty);
    }
}

/// A market code, and one the partner's cloud serves.
fn validate_market(
    customer: &Customer,
    cloud: Cloud,
    path: &Path,
    report: &mut impl FnMut(String, Reason),
) {
    if !is_market_code(&customer.market) {
        report(
            format!("{path}.market"),
            Reason::NotAMarketCode { found: customer.market.to_string() },
        );
    } else if (cloud == Cloud::China) != (customer.market == "CN") {
        // China is served by 21Vianet; the clouds never mix (docs/rules.md#validation).
        report(
            format!("{path}.market"),
            Reason::CloudAndMarket {
                china_cloud: cloud == Cloud::China,
                market: customer.market.to_string(),
            },
        );
    }
}

/// The services delegated admin is limited to, if any, are known services.
fn validate_delegated_services(
    customer: &Customer,
    catalog: &Catalog,
    path: &Path,
    report: &mut impl FnMut(String, Reason),
) {
    let Some(services) = &customer.delegated_admin.services else { return };
    for (i, service) in services.iter().enumerate() {
        if !catalog.services.iter().any(|s| &s.id == service) {
            report(
                format!("{path}.delegatedAdmin.services[{i}]"),
                Reason::UnknownService { id: service.to_string() },
            );
        }
    }
}

/// Each order's customer and lines, then order ids that are not unique.
fn validate_orders(
    workspace: &Workspace,
    catalog: &Catalog,
    report: &mut impl FnMut(String, Reason),
) {
    for (index, order) in workspace.orders.iter().enumerate() {
        let path = format!("orders[{index}]");
        match workspace.customer(&order.customer_id) {
            None => report(
                format!("{path}.customerId"),
                Reason::UnknownCustomer { id: order.customer_id.to_string() },
            ),
            Some(customer) => {
                for (i, line) in order.lines.iter().enumerate() {
                    let path = format!("{path}.lines[{i}]");
                    validate_line(
                        customer,
                        catalog,
                        &path,
                        &line.source_subscription_id,
                        &line.target_offer_id,
                        line.quantity,
                        report,
                    );
                }
            }
        }
    }
    let mut order_ids = HashSet::default();
    for (index, order) in workspace.orders.iter().enumerate() {
        if !order_ids.insert(order.id.as_str()) {
            report(format!("orders[{index}].id"), Reason::Duplicate { id: order.id.to_string() });
        }
    }
}

fn validate_cart(
    workspace: &Workspace,
    catalog: &Catalog,
    report: &mut impl FnMut(String, Reason),
) {
    for (index, line) in workspace.cart.iter().enumerate() {
        let path = format!("cart[{index}]");
        match workspace.customer(&line.customer_id) {
            None => report(
                format!("{path}.customerId"),
                Reason::UnknownCustomer { id: line.customer_id.to_string() },
            ),
            Some(customer) => validate_line(
                customer,
                catalog,
                &path,
                &line.source_subscription_id,
                &line.target_offer_id,
                line.quantity,
                report,
            ),
        }
    }
}

/// The checkout draft's customer exists.
fn validate_checkout(workspace: &Workspace, report: &mut impl FnMut(String, Reason)) {
    if let Some(checkout) = &workspace.checkout {
        if workspace.customer(&checkout.customer_id).is_none() {
            report(
                "checkout.customerId".into(),
                Reason::UnknownCustomer { id: checkout.customer_id.to_string() },
            );
        }
    }
}

/// An order or cart line: its source exists, its target is an offer, and its
/// licence count is one the target can have.
fn validate_line(
    customer: &Customer,
    catalog: &Catalog,
    path: &str,
    source_id: &str,
    target_id: &str,
    quantity: u32,
    report: &mut impl FnMut(String, Reason),
) {
    if customer.subscription(source_id).is_none() {
        report(
            format!("{path}.sourceSubscriptionId"),
            Reason::UnknownSubscription { id: source_id.to_string() },
        );
    }
    match catalog.offer(target_id) {
        None => report(
            format!("{path}.targetOfferId"),
            Reason::UnknownOffer { id: target_id.to_string() },
        ),
        Some(offer) => check_quantity(format!("{path}.quantity"), quantity, offer, report),
    }
}

/// The offer's licence range (`Offer::check_licences`), as a problem of the document.
fn check_quantity(
    path: String,
    quantity: u32,
    offer: &Offer,
    report: &mut impl FnMut(String, Reason),
) {
    match offer.check_licences(quantity) {
        Ok(_) => {}
        Err(QuantityError::AboveMax(max)) => {
            report(path, Reason::QuantityAboveMax { max, offer: offer.id.to_string() })
        }
        Err(_) => report(path, Reason::QuantityBelowOne),
    }
}

fn validate_subscriptions<'a>(
    customer: &'a Customer,
    catalog: &Catalog,
    path: &Path,
    ids: &mut HashSet<&'a str>,
    report: &mut impl FnMut(String, Reason),
) {
    for (index, subscription) in customer.subscriptions.iter().enumerate() {
        let path = &Path(format_args!("{path}.subscriptions[{index}]"));
        if subscription.id.trim().is_empty() {
            report(format!("{path}.id"), Reason::Empty);
        } else if !ids.insert(subscription.id.as_str()) {
            report(format!("{path}.id"), Reason::Duplicate { id: subscription.id.to_string() });
        }
        let Some(offer) = catalog.offer(&subscription.offer_id) else {
            report(
                format!("{path}.offerId"),
                Reason::UnknownOffer { id: subscription.offer_id.to_string() },
            );
            continue;
        };
        check_quantity(format!("{path}.quantity"), subscription.quantity, offer, report);
        if subscription.period_end <= subscription.period_start {
            report(format!("{path}.periodEnd"), Reason::EndsBeforeItStarts);
        }
        match subscription.commerce {
            Commerce::Legacy => validate_legacy_terms(subscription, path, report),
            Commerce::Nce => validate_nce_terms(subscription, offer, path, report),
        }
        match (&subscription.parent_subscription_id, offer.is_addon()) {
            (None, true) => report(
                format!("{path}.parentSubscriptionId"),
                Reason::AddonWithoutBase { offer: offer.id.to_string() },
            ),
            (Some(_), false) => report(
                format!("{path}.parentSubscriptionId"),
                Reason::BaseOfferAsAddon { offer: offer.id.to_string() },
            ),
            (Some(parent_id), true) => {
                let parent = customer.subscription(parent_id);
                let parent_is_base =
                    parent.and_then(|p| catalog.offer(&p.offer_id)).is_some_and(|o| !o.is_addon());
                if !parent_is_base {
                    report(
                        format!("{path}.parentSubscriptionId"),
                        Reason::ParentNotABase { id: parent_id.to_string() },
                    );
                }
            }
            (None, false) => {}
        }
    }
}

fn validate_users(customer: &Customer, path: &Path, report: &mut impl FnMut(String, Reason)) {
    let mut user_ids = HashSet::default();
    // One set for every user's licences, emptied between users.
    let mut held = HashSet::default();
    for (index, user) in customer.users.iter().enumerate() {
        let path = &Path(format_args!("{path}.users[{index}]"));
        if !user_ids.insert(user.id.as_str()) {
            report(format!("{path}.id"), Reason::Duplicate { id: user.id.to_string() });
        }
        held.clear();
        for (i, license) in user.licenses.iter().enumerate() {
            if customer.subscription(license).is_none() {
                report(
                    format!("{path}.licenses[{i}]"),
                    Reason::UnknownSubscription { id: license.to_string() },
                );
            } else if !held.insert(license.as_str()) {
                report(
                    format!("{path}.licenses[{i}]"),
                    Reason::LicenceListedTwice { id: license.to_string() },
                );
            }
        }
    }
}

/// Where in the document, formatted only when displayed.
struct Path<'a>(std::fmt::Arguments<'a>);

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_fmt(self.0)
    }
}

fn is_market_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A legacy subscription has none of new commerce's fields, and is never
/// billed triennially (docs/rules.md#new-commerce).
fn validate_legacy_terms(
    subscription: &Subscription,
    path: &Path,
    report: &mut impl FnMut(String, Reason),
) {
    if subscription.billing_cycle == BillingCycle::Triennial {
        report(format!("{path}.billingCycle"), Reason::TriennialOnlyNce);
    }
    let present = [
        ("termDuration", subscription.term_duration.is_some()),
        ("termStart", subscription.term_start.is_some()),
        ("termEnd", subscription.term_end.is_some()),
        ("seatBatches", !subscription.seat_batches.is_empty()),
        ("nextTerm", subscription.next_term.is_some()),
    ];
    for (field, _) in present.iter().filter(|(_, present)| *present) {
        report(format!("{path}.{field}"), Reason::NceOnly);
    }
}

/// A new-commerce subscription: an offer sold so, a term with its dates, a
/// billing the term allows, a billing period inside the term, and batches
/// that hold its licences (docs/rules.md#new-commerce).
fn validate_nce_terms(
    subscription: &Subscription,
    offer: &Offer,
    path: &Path,
    report: &mut impl FnMut(String, Reason),
) {
    if !offer.nce {
        report(format!("{path}.offerId"), Reason::NotSoldUnderNce { offer: offer.id.to_string() });
    }
    let missing = [
        ("termDuration", subscription.term_duration.is_none()),
        ("termStart", subscription.term_start.is_none()),
        ("termEnd", subscription.term_end.is_none()),
    ];
    for (field, _) in missing.iter().filter(|(_, missing)| *missing) {
        report(format!("{path}.{field}"), Reason::Missing);
    }
    let (Some(term), Some(start), Some(end)) =
        (subscription.term_duration, subscription.term_start, subscription.term_end)
    else {
        return;
    };
    let billing = subscription.billing_cycle;
    if check_billing(term, billing).is_err() {
        let (term, billing) = (term.as_str().into(), billing.as_str().into());
        report(format!("{path}.billingCycle"), Reason::BillingNotOffered { term, billing });
    } else if billing.period_holding(start, subscription.period_start)
        != (subscription.period_start, subscription.period_end)
        || subscription.period_end > end
    {
        report(format!("{path}.periodStart"), Reason::PeriodOutsideTerm);
    }
    if end != term.end_from(start) {
        let expected = term.end_from(start).to_string();
        report(format!("{path}.termEnd"), Reason::TermEndIs { expected });
    }
    let held = nce::total(&subscription.seat_batches);
    if !subscription.seat_batches.is_empty() && held != u64::from(subscription.quantity) {
        let quantity = subscription.quantity;
        report(format!("{path}.seatBatches"), Reason::BatchesDoNotSum { total: held, quantity });
    }
}
