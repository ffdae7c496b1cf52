//! Laying the items read from Partner Center over a workspace, by id: a
//! customer or subscription already there is updated (a customer's users and
//! its other subscriptions stay), a new one is added, nothing else is
//! touched. The result passes the workspace's own checks (8.1): an item they
//! refuse is left out and listed with their reason, never imported broken.

use super::{CustomerChange, Found, Items, Merged, Skipped, SubscriptionChange};
use crate::domain::catalog::Catalog;
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::domain::workspace::{Customer, Subscription, Workspace};
use crate::store::problem::{Problem, Reason};
use crate::store::validate::validate;
use std::collections::HashSet;

/// Items left out so far.
#[derive(Default)]
struct Excluded {
    customers: HashSet<CustomerId>,
    subscriptions: HashSet<SubscriptionId>,
}

/// The items over `w`: see the module's comment.
pub fn merge(catalog: &Catalog, w: &Workspace, items: &Items) -> Merged {
    let mut excluded = Excluded::default();
    let mut refused: Vec<Skipped> = Vec::new();
    // Each pass leaves out at least one item, or stops: this ends.
    loop {
        let (workspace, changes, placement) = lay(w, items, &excluded);
        let problems = validate(&workspace, catalog);
        if problems.is_empty() {
            let mut skipped = items.skipped.clone();
            skipped.extend(placement);
            skipped.extend(refused);
            return Merged { workspace, changes, skipped };
        }
        let mut progressed = false;
        for problem in problems {
            let (file, path) = match culprit(&workspace, items, &problem) {
                Some(Culprit::Customer(found))
                    if excluded.customers.insert(found.item.id.clone()) =>
                {
                    (found.file.clone(), found.path.clone())
                }
                Some(Culprit::Subscription(found))
                    if excluded.subscriptions.insert(found.item.1.id.clone()) =>
                {
                    (found.file.clone(), found.path.clone())
                }
                _ => continue,
            };
            progressed = true;
            // The item's own path in its file, with the field the check names.
            let field = problem.path.rsplit_once(']').map_or("", |(_, rest)| rest);
            let problem = Problem::invalid(format!("{path}{field}"), problem.reason);
            refused.push(Skipped { file, problem });
        }
        if !progressed {
            // A problem no item of the files explains: import nothing.
            return Merged {
                workspace: w.clone(),
                changes: Vec::new(),
                skipped: items.skipped.clone(),
            };
        }
    }
}

/// The imported item a problem is about, as the files hold it.
enum Culprit<'a> {
    Customer(&'a Found<Customer>),
    Subscription(&'a Found<(CustomerId, Subscription)>),
}

/// The imported item a problem of the merged workspace is about: the
/// subscription at `customers[i].subscriptions[j]`, else the customer at
/// `customers[i]`; `None` when it is about something the files do not hold.
fn culprit<'a>(w: &Workspace, items: &'a Items, problem: &Problem) -> Option<Culprit<'a>> {
    let index = |text: &str, prefix: &str| -> Option<usize> {
        text.strip_prefix(prefix)?.split(']').next()?.parse().ok()
    };
    let customer = w.customers.get(index(&problem.path, "customers[")?)?;
    let rest = problem.path.split_once("].").map_or("", |(_, rest)| rest);
    if let Some(s) = index(rest, "subscriptions[").and_then(|j| customer.subscriptions.get(j)) {
        if let Some(found) = items.subscriptions.iter().find(|f| f.item.1.id == s.id) {
            return Some(Culprit::Subscription(found));
        }
    }
    items.customers.iter().find(|f| f.item.id == customer.id).map(Culprit::Customer)
}

/// `w` with the items not excluded; the changes per customer; and the
/// subscriptions that have nowhere to go (their customer is in neither the
/// files nor the workspace, or their id is another customer's).
fn lay(
    w: &Workspace,
    items: &Items,
    excluded: &Excluded,
) -> (Workspace, Vec<CustomerChange>, Vec<Skipped>) {
    let mut ws = w.clone();
    let mut changes: Vec<CustomerChange> = Vec::new();
    for c in items.customers.iter().map(|f| &f.item).filter(|c| !excluded.customers.contains(&c.id))
    {
        let added = match ws.customers.iter_mut().find(|existing| existing.id == c.id) {
            Some(existing) => {
                existing.company_name = c.company_name.clone();
                existing.domain = c.domain.clone();
                existing.market = c.market.clone();
                existing.delegated_admin = c.delegated_admin.clone();
                existing.sold_to = c.sold_to.clone();
                existing.bill_to = c.bill_to.clone();
                false
            }
            None => {
                ws.customers.push(c.clone());
                true
            }
        };
        changes.push(CustomerChange {
            id: c.id.clone(),
            name: c.company_name.clone(),
            added,
            profile_updated: !added,
            subscriptions: Vec::new(),
        });
    }
    let mut nowhere = Vec::new();
    for Found { item: (customer_id, s), file, path } in &items.subscriptions {
        if excluded.subscriptions.contains(&s.id) || excluded.customers.contains(customer_id) {
            continue;
        }
        let skip = |reason: Reason| Skipped {
            file: file.clone(),
            problem: Problem::invalid(path.clone(), reason),
        };
        let elsewhere =
            ws.customers.iter().any(|c| c.id != *customer_id && c.subscription(&s.id).is_some());
        let Some(customer) = ws.customers.iter_mut().find(|c| c.id == *customer_id) else {
            nowhere.push(skip(Reason::UnknownCustomer { id: customer_id.to_string() }));
            continue;
        };
        if elsewhere {
            nowhere.push(skip(Reason::Duplicate { id: s.id.to_string() }));
            continue;
        }
        let added = match customer.subscriptions.iter_mut().find(|existing| existing.id == s.id) {
            Some(existing) => {
                *existing = s.clone();
                false
            }
            None => {
                customer.subscriptions.push(s.clone());
                true
            }
        };
        let name = customer.company_name.clone();
        let change = SubscriptionChange { id: s.id.clone(), offer_id: s.offer_id.clone(), added };
        match changes.iter_mut().find(|c| c.id == *customer_id) {
            Some(c) => c.subscriptions.push(change),
            None => changes.push(CustomerChange {
                id: customer_id.clone(),
                name,
                added: false,
                profile_updated: false,
                subscriptions: vec![change],
            }),
        }
    }
    (ws, changes, nowhere)
}
