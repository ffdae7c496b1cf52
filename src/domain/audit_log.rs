//! The audit log as the partner reads it: newest first, filtered by customer,
//! subscription (a History tab), action and date range, and exported as CSV.

use super::catalog::Catalog;
use super::csv::Csv;
use super::date::Date;
use super::ids::{CustomerId, SubscriptionId};
use super::workspace::{read_users, AuditEntry, Customer, Item, Workspace};

/// What the partner narrows the log to; `None` keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub customer_id: Option<CustomerId>,
    /// One subscription's history (its History tab).
    pub subscription_id: Option<SubscriptionId>,
    /// An action's stored code (`order_placed`): the filter offers the codes
    /// the log holds, those this build cannot read included.
    pub action: Option<String>,
    /// Inclusive, on the entry's (simulated) date.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl AuditFilter {
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        let date = entry.at.get(..10).and_then(Date::parse);
        self.customer_id.as_ref().is_none_or(|c| entry.customer_id.as_ref() == Some(c))
            && self
                .subscription_id
                .as_ref()
                .is_none_or(|s| entry.subscription_id.as_ref() == Some(s))
            && self.action.as_ref().is_none_or(|a| entry.code() == a)
            && self.from.is_none_or(|from| date.is_some_and(|d| d >= from))
            && self.to.is_none_or(|to| date.is_some_and(|d| d <= to))
    }

    /// A From after To: no entry can match, whatever the log holds.
    pub fn is_inverted(&self) -> bool {
        matches!((self.from, self.to), (Some(from), Some(to)) if from > to)
    }
}

/// The entries that match, newest first.
pub fn entries<'a>(workspace: &'a Workspace, filter: &AuditFilter) -> Vec<&'a AuditEntry> {
    workspace.audit.iter().rev().filter(|e| filter.matches(e)).collect()
}

/// The header of [`to_csv`]: each id with its name beside it (the entry
/// stores ids; the names are read from the workspace and the catalog as they
/// are when exported, empty when the thing is gone). The actor is stored by
/// name already.
pub const CSV_HEADER: [&str; 14] = [
    "at",
    "actor",
    "customer_id",
    "customer_name",
    "subscription_id",
    "subscription_name",
    "action",
    "action_label",
    "old_value",
    "old_value_names",
    "new_value",
    "new_value_names",
    "outcome",
    "po_number",
];

/// The entries as CSV, with the names beside the ids (see [`CSV_HEADER`])
/// and each action as its code and as the label `label` gives it.
/// The PO number of the order an entry is part of, if it has one.
fn po_number<'a>(workspace: &'a Workspace, entry: &AuditEntry) -> Option<&'a str> {
    let order = entry.order()?;
    workspace.orders.iter().find(|o| o.id == order)?.po_number.as_deref()
}

pub fn to_csv(
    catalog: &Catalog,
    workspace: &Workspace,
    entries: &[&AuditEntry],
    label: impl Fn(&str) -> String,
) -> String {
    let mut csv = Csv::new(&CSV_HEADER);
    for e in entries {
        // The values as the document stores them.
        let customer_id = e.customer_id.as_deref().unwrap_or_default();
        let customer = workspace.customer(customer_id);
        let subscription = e.subscription_id.as_deref().unwrap_or_default();
        let old = e.old_value().unwrap_or_default();
        let new = e.new_value().unwrap_or_default();
        csv.row(&[
            e.at.as_str(),
            &e.actor,
            customer_id,
            customer.map(|c| c.company_name.as_str()).unwrap_or_default(),
            subscription,
            &customer.map(|c| subscription_name(catalog, c, subscription)).unwrap_or_default(),
            e.code(),
            &label(e.code()),
            old,
            &value_names(catalog, customer, old),
            new,
            &value_names(catalog, customer, new),
            e.outcome(),
            po_number(workspace, e).unwrap_or_default(),
        ]);
    }
    csv.finish()
}

/// "Office 365 E3 (Contoso mail)", as the History tab names a subscription;
/// empty when the customer has no subscription of that id.
fn subscription_name(catalog: &Catalog, customer: &Customer, id: &str) -> String {
    customer
        .subscription(id)
        .map(|s| format!("{} ({})", catalog.offer_name(&s.offer_id), s.friendly_name))
        .unwrap_or_default()
}

/// The names behind an audit value that holds ids: an offer and its count
/// ("o365-e3 × 25 (monthly)") or an offer id, a subscription of the
/// customer, or users of the customer ("u-1, u-2"; every one must be
/// theirs). Empty for a value that names nothing (a count, a status, a date).
fn value_names(catalog: &Catalog, customer: Option<&Customer>, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    if let Some(item) = Item::read(value) {
        return catalog.offer(&item.offer_id).map(|o| o.name.clone()).unwrap_or_default();
    }
    if let Some(offer) = catalog.offer(value) {
        return offer.name.clone();
    }
    let Some(customer) = customer else { return String::new() };
    if customer.subscription(value).is_some() {
        return subscription_name(catalog, customer, value);
    }
    let users: Option<Vec<&str>> = read_users(value)
        .into_iter()
        .map(|id| customer.users.iter().find(|u| u.id == id).map(|u| u.display_name.as_str()))
        .collect();
    users.map(|names| names.join(", ")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_inverted_only_when_from_is_after_to() {
        let on = |text: &str| Date::parse(text);
        let range = |from, to| AuditFilter { from, to, ..AuditFilter::default() };
        assert!(range(on("2026-11-20"), on("2026-11-10")).is_inverted());
        assert!(!range(on("2026-11-10"), on("2026-11-10")).is_inverted());
        assert!(!range(on("2026-11-10"), on("2026-11-20")).is_inverted());
        assert!(!range(on("2026-11-20"), None).is_inverted());
    }
    use crate::domain::catalog::Cloud;
    use crate::domain::clock::Timestamp;
    use crate::domain::workspace::{write_users, AuditAction, StoredAction};
    use crate::store::demo::demo;

    /// An entry as a document stores it: its code, no values yet, saved.
    fn entry(at: &str, customer: &str, action: &str) -> AuditEntry {
        let action = AuditAction::read(StoredAction {
            code: action.into(),
            old: None,
            new: None,
            outcome: "saved".into(),
        });
        AuditEntry::new(Timestamp::parse(at).unwrap(), "Ana, \"the\" admin", action)
            .customer(&customer.into())
    }

    /// Stored values for an entry, read as a document's would be.
    trait Change {
        fn change(self, old: Option<String>, new: Option<String>) -> AuditEntry;
    }

    impl Change for AuditEntry {
        fn change(self, old: Option<String>, new: Option<String>) -> AuditEntry {
            self.with_values(old, new)
        }
    }

    #[test]
    fn filters_combine_and_the_newest_comes_first() {
        let mut w = demo(Cloud::Worldwide);
        w.audit = vec![
            entry("2026-11-01T09:00:00Z", "contoso", "order_placed"),
            entry("2026-11-15T09:00:00Z", "fabrikam", "order_placed"),
            entry("2026-11-20T09:00:00Z", "contoso", "role_changed"),
        ];
        let all = entries(&w, &AuditFilter::default());
        assert_eq!(
            all.iter().map(|e| e.at.get(..10).unwrap()).collect::<Vec<_>>(),
            ["2026-11-20", "2026-11-15", "2026-11-01"]
        );
        let contoso = AuditFilter { customer_id: Some("contoso".into()), ..Default::default() };
        assert_eq!(entries(&w, &contoso).len(), 2);
        w.audit[2] = w.audit[2].clone().subscription(&"sub-contoso-1".into());
        let history =
            AuditFilter { subscription_id: Some("sub-contoso-1".into()), ..Default::default() };
        assert_eq!(
            entries(&w, &history).iter().map(|e| e.code()).collect::<Vec<_>>(),
            ["role_changed"]
        );
        let placed_in_range = AuditFilter {
            action: Some("order_placed".into()),
            from: Date::parse("2026-11-10"),
            to: Date::parse("2026-11-15"),
            ..Default::default()
        };
        let found = entries(&w, &placed_in_range);
        assert_eq!((found.len(), found[0].customer_id.as_deref()), (1, Some("fabrikam")));
        let csv = to_csv(&catalog(), &w, &found, |a| a.to_uppercase());
        assert!(csv.starts_with("\u{feff}at,actor,customer_id,customer_name,"));
        assert!(
            csv.contains(
                ",\"Ana, \"\"the\"\" admin\",fabrikam,Fabrikam Inc,,,order_placed,ORDER_PLACED,"
            ),
            "{csv}"
        );
    }

    fn catalog() -> Catalog {
        Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap()
    }

    #[test]
    fn the_csv_names_what_its_ids_stand_for() {
        let catalog = catalog();
        let w = demo(Cloud::Worldwide);
        let at = "2026-11-21T10:00:00Z";
        let assigned = entry(at, "contoso", "licenses_assigned")
            .subscription(&"sub-contoso-1".into())
            .change(None, Some(write_users(&["u-contoso-1".into(), "u-contoso-2".into()])));
        let moved = entry(at, "contoso", "licenses_moved")
            .subscription(&"sub-gone".into())
            .change(Some("sub-contoso-1".into()), Some("6".into()));
        let created = entry(at, "contoso", "subscription_created")
            .subscription(&"sub-contoso-1".into())
            .change(
                Some("o365-e3".into()),
                Some(Item { offer_id: "o365-e5".into(), quantity: 25, billing: None }.write()),
            );
        // An id that is not the customer's names nothing, even beside one that is.
        let stranger = entry(at, "contoso", "licenses_unassigned")
            .change(Some("u-contoso-1, u-fabrikam-1".into()), None);
        let csv =
            to_csv(&catalog, &w, &[&assigned, &moved, &created, &stranger], |a| a.to_string());
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "at,actor,customer_id,customer_name,subscription_id,subscription_name,action,action_label,\
             old_value,old_value_names,new_value,new_value_names,outcome,po_number"
        );
        let (at, actor) = (assigned.at.clone(), "\"Ana, \"\"the\"\" admin\"");
        assert_eq!(
            lines[1],
            format!(
                "{at},{actor},contoso,Contoso Ltd,sub-contoso-1,Microsoft 365 Business Basic (Contoso mail),licenses_assigned,licenses_assigned,\
                 ,,\"u-contoso-1, u-contoso-2\",\"Ana Ruiz, Ben Carter\",saved,"
            )
        );
        assert_eq!(
            lines[2],
            format!("{at},{actor},contoso,Contoso Ltd,sub-gone,,licenses_moved,licenses_moved,sub-contoso-1,Microsoft 365 Business Basic (Contoso mail),6,,saved,")
        );
        assert!(
            lines[3].ends_with(",o365-e3,Office 365 E3,o365-e5 × 25,Office 365 E5,saved,"),
            "{}",
            lines[3]
        );
        assert!(lines[4].ends_with(",\"u-contoso-1, u-fabrikam-1\",,,,saved,"), "{}", lines[4]);
        assert_eq!(lines.len(), 6);
    }
}
