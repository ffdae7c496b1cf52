//! Import from Partner Center (SPEC 13, docs/rules.md#partner-center-import):
//! the JSON its REST API returns (Customer, Subscription, and collections of
//! them, as saved from the API or from the PartnerCenter PowerShell module)
//! read into workspace items, then merged by id into a workspace.
//!
//! Two steps, so a preview and the import agree: [`read`] turns the files into
//! items and the problems of the items it skipped; [`merge`] lays the items
//! over a workspace (the one on screen for the preview, the current one when
//! the partner confirms), touching nothing else. A file that is not JSON, or
//! not Partner Center's, refuses the whole import.

mod fields;
mod resources;

use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::domain::ids::{CustomerId, OfferId, SubscriptionId};
use crate::domain::workspace::{AuditAction, AuditEntry, Customer, Subscription, Workspace};
use crate::store::problem::{Problem, Reason};
use fields::{get, At};
use serde_json::Value;

/// One file as the partner chose it.
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// An item not imported, with the file it came from and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub problem: Problem,
}

/// What the files hold, read and checked item by item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Items {
    pub files: Vec<String>,
    customers: Vec<Found<Customer>>,
    /// Each with the customer its `links.self.uri` names.
    subscriptions: Vec<Found<(CustomerId, Subscription)>>,
    pub skipped: Vec<Skipped>,
}

/// An item read, and where: its file and its path there (`items[3]`), for
/// the reason the workspace's checks may yet give to leave it out.
#[derive(Clone, Debug, PartialEq)]
struct Found<T> {
    item: T,
    file: String,
    path: String,
}

/// Reads every file; a file that is not JSON or not Partner Center's is the
/// error (with the file's name as its path), and nothing is read.
pub fn read(catalog: &Catalog, files: &[SourceFile], today: Date) -> Result<Items, Vec<Problem>> {
    let mut items = Items::default();
    let mut refused = Vec::new();
    for file in files {
        items.files.push(file.name.to_string());
        match serde_json::from_str::<Value>(file.text) {
            Err(e) => refused.push(Problem::invalid(
                file.name,
                Reason::NotJson { line: e.line(), column: e.column() },
            )),
            Ok(value) => match resources_of(&value) {
                None => refused.push(Problem::invalid(file.name, Reason::NotPartnerCenter)),
                Some(list) => {
                    for (path, item) in list {
                        read_item(catalog, today, file.name, &path, item, &mut items);
                    }
                }
            },
        }
    }
    if refused.is_empty() {
        Ok(items)
    } else {
        Err(refused)
    }
}

/// The resources a document holds, each with its path: a collection
/// (`items`), a list (PowerShell's arrays), or one Customer or Subscription.
fn resources_of(value: &Value) -> Option<Vec<(String, &Value)>> {
    fn indexed<'a>(prefix: &str, list: &'a [Value]) -> Vec<(String, &'a Value)> {
        list.iter().enumerate().map(|(i, v)| (format!("{prefix}[{i}]"), v)).collect()
    }
    match value {
        Value::Array(list) => Some(indexed("", list)),
        Value::Object(_) => match get(value, "items").and_then(Value::as_array) {
            Some(list) => Some(indexed("items", list)),
            None if is_resource(value) => Some(vec![(String::new(), value)]),
            None => None,
        },
        _ => None,
    }
}

fn is_customer(value: &Value) -> bool {
    get(value, "companyProfile").is_some()
}

fn is_subscription(value: &Value) -> bool {
    get(value, "offerId").is_some()
}

fn is_resource(value: &Value) -> bool {
    is_customer(value) || is_subscription(value)
}

fn read_item(
    catalog: &Catalog,
    today: Date,
    file: &str,
    path: &str,
    item: &Value,
    items: &mut Items,
) {
    let at = At { value: item, path };
    let skip = |problem: Problem| Skipped { file: file.to_string(), problem };
    if is_customer(item) {
        match resources::customer(at) {
            Ok(customer) => {
                // The same customer in two files: the later one is read.
                items.customers.retain(|c| c.item.id != customer.id);
                let (file, path) = (file.to_string(), path.to_string());
                items.customers.push(Found { item: customer, file, path });
            }
            Err(problem) => items.skipped.push(skip(problem)),
        }
    } else if is_subscription(item) {
        match resources::subscription(catalog, today, at) {
            Ok((customer, s)) => {
                items.subscriptions.retain(|other| other.item.1.id != s.id);
                let (file, path) = (file.to_string(), path.to_string());
                items.subscriptions.push(Found { item: (customer, s), file, path });
            }
            Err(problem) => items.skipped.push(skip(problem)),
        }
    } else {
        items.skipped.push(skip(Problem::invalid(path, Reason::NotPartnerCenter)));
    }
}

/// What the import does to one customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerChange {
    pub id: CustomerId,
    pub name: String,
    /// New to the workspace; else its profile is updated (when the files
    /// hold it) or only subscriptions are added or updated.
    pub added: bool,
    pub profile_updated: bool,
    pub subscriptions: Vec<SubscriptionChange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionChange {
    pub id: SubscriptionId,
    pub offer_id: OfferId,
    pub added: bool,
}

/// The items laid over a workspace: the result, what changes per customer,
/// and everything skipped (by the reader, or by the workspace's own checks).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub workspace: Workspace,
    pub changes: Vec<CustomerChange>,
    pub skipped: Vec<Skipped>,
}

impl Merged {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

mod merge;
pub use merge::merge;

/// Imports the items into `w` (merged again over it as it is now), with one
/// audit entry naming the files. Nothing to import changes nothing.
pub fn import(
    catalog: &Catalog,
    w: &mut Workspace,
    items: &Items,
    now: Timestamp,
    actor: &str,
) -> Result<Merged, ImportError> {
    w.may_act(ImportError::ReadOnly)?;
    let merged = merge(catalog, w, items);
    if merged.is_empty() {
        return Err(ImportError::Nothing);
    }
    *w = merged.workspace.clone();
    let files = items.files.join(", ");
    w.audit.push(AuditEntry::new(now, actor, AuditAction::PartnerCenterImported { files }));
    Ok(merged)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportError {
    ReadOnly,
    /// Every item was skipped: nothing would change.
    Nothing,
}
