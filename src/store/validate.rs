//! Checks that serde cannot: references between parts of the document, unique
//! ids, known offers and services, sane numbers and dates.

use super::document::{Problem, ProblemKind, FORMAT};
use crate::domain::catalog::{Catalog, UNLIMITED_SEATS};
use crate::domain::workspace::{Customer, Workspace};
use std::collections::HashSet;

pub fn validate(workspace: &Workspace, catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |path: String, reason: String| {
        problems.push(Problem { kind: ProblemKind::Invalid, path, reason });
    };
    if workspace.format != FORMAT {
        report("format".into(), format!("expected \"{FORMAT}\""));
    }
    if workspace.partner.name.trim().is_empty() {
        report("partner.name".into(), "must not be empty".into());
    }
    let mut customer_ids = HashSet::new();
    let mut subscription_ids = HashSet::new();
    for (index, customer) in workspace.customers.iter().enumerate() {
        let path = format!("customers[{index}]");
        if customer.id.trim().is_empty() {
            report(format!("{path}.id"), "must not be empty".into());
        } else if !customer_ids.insert(customer.id.as_str()) {
            report(format!("{path}.id"), format!("duplicate customer id \"{}\"", customer.id));
        }
        if customer.company_name.trim().is_empty() {
            report(format!("{path}.companyName"), "must not be empty".into());
        }
        if !is_market_code(&customer.market) {
            report(format!("{path}.market"), format!("\"{}\" is not a two-letter market code", customer.market));
        }
        if let Some(services) = &customer.delegated_admin.services {
            for (i, service) in services.iter().enumerate() {
                if !catalog.services.iter().any(|s| &s.id == service) {
                    report(format!("{path}.delegatedAdmin.services[{i}]"), format!("unknown service \"{service}\""));
                }
            }
        }
        validate_subscriptions(customer, catalog, &path, &mut subscription_ids, &mut report);
        validate_users(customer, &path, &mut report);
    }
    for (index, order) in workspace.orders.iter().enumerate() {
        let path = format!("orders[{index}]");
        match workspace.customer(&order.customer_id) {
            None => report(format!("{path}.customerId"), format!("unknown customer \"{}\"", order.customer_id)),
            Some(customer) => {
                for (i, line) in order.lines.iter().enumerate() {
                    if customer.subscription(&line.source_subscription_id).is_none() {
                        report(
                            format!("{path}.lines[{i}].sourceSubscriptionId"),
                            format!("unknown subscription \"{}\"", line.source_subscription_id),
                        );
                    }
                    if catalog.offer(&line.target_offer_id).is_none() {
                        report(
                            format!("{path}.lines[{i}].targetOfferId"),
                            format!("unknown offer \"{}\"", line.target_offer_id),
                        );
                    }
                }
            }
        }
    }
    let mut order_ids = HashSet::new();
    for (index, order) in workspace.orders.iter().enumerate() {
        if !order_ids.insert(order.id.as_str()) {
            report(format!("orders[{index}].id"), format!("duplicate order id \"{}\"", order.id));
        }
    }
    problems
}

fn validate_subscriptions<'a>(
    customer: &'a Customer,
    catalog: &Catalog,
    path: &str,
    ids: &mut HashSet<&'a str>,
    report: &mut impl FnMut(String, String),
) {
    for (index, subscription) in customer.subscriptions.iter().enumerate() {
        let path = format!("{path}.subscriptions[{index}]");
        if subscription.id.trim().is_empty() {
            report(format!("{path}.id"), "must not be empty".into());
        } else if !ids.insert(subscription.id.as_str()) {
            report(format!("{path}.id"), format!("duplicate subscription id \"{}\"", subscription.id));
        }
        let Some(offer) = catalog.offer(&subscription.offer_id) else {
            report(format!("{path}.offerId"), format!("unknown offer \"{}\"", subscription.offer_id));
            continue;
        };
        if subscription.quantity > UNLIMITED_SEATS {
            report(format!("{path}.quantity"), format!("{} is more than {UNLIMITED_SEATS}", subscription.quantity));
        }
        if subscription.period_end <= subscription.period_start {
            report(format!("{path}.periodEnd"), "must be after periodStart".into());
        }
        match (&subscription.parent_subscription_id, offer.is_addon()) {
            (None, true) => report(
                format!("{path}.parentSubscriptionId"),
                format!("add-on \"{}\" needs a base subscription", offer.id),
            ),
            (Some(_), false) => report(
                format!("{path}.parentSubscriptionId"),
                format!("\"{}\" is a base offer, not an add-on", offer.id),
            ),
            (Some(parent_id), true) => {
                let parent = customer.subscription(parent_id);
                let parent_is_base = parent
                    .and_then(|p| catalog.offer(&p.offer_id))
                    .is_some_and(|o| !o.is_addon());
                if !parent_is_base {
                    report(
                        format!("{path}.parentSubscriptionId"),
                        format!("\"{parent_id}\" is not a base subscription of this customer"),
                    );
                }
            }
            (None, false) => {}
        }
    }
}

fn validate_users(customer: &Customer, path: &str, report: &mut impl FnMut(String, String)) {
    let mut user_ids = HashSet::new();
    for (index, user) in customer.users.iter().enumerate() {
        let path = format!("{path}.users[{index}]");
        if !user_ids.insert(user.id.as_str()) {
            report(format!("{path}.id"), format!("duplicate user id \"{}\"", user.id));
        }
        let mut held = HashSet::new();
        for (i, license) in user.licenses.iter().enumerate() {
            if customer.subscription(license).is_none() {
                report(format!("{path}.licenses[{i}]"), format!("unknown subscription \"{license}\""));
            } else if !held.insert(license.as_str()) {
                report(format!("{path}.licenses[{i}]"), format!("licence \"{license}\" is listed twice"));
            }
        }
    }
}

fn is_market_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}
