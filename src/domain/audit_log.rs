//! The audit log as the partner reads it: newest first, filtered by customer,
//! subscription (a History tab), action and date range, and exported as CSV.

use super::csv::Csv;
use super::date::Date;
use super::workspace::{AuditEntry, Workspace};

/// What the partner narrows the log to; `None` keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub customer_id: Option<String>,
    /// One subscription's history (its History tab).
    pub subscription_id: Option<String>,
    pub action: Option<String>,
    /// Inclusive, on the entry's (simulated) date.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl AuditFilter {
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        let date = entry.at.get(..10).and_then(Date::parse);
        self.customer_id.as_ref().is_none_or(|c| entry.customer_id.as_ref() == Some(c))
            && self.subscription_id.as_ref().is_none_or(|s| entry.subscription_id.as_ref() == Some(s))
            && self.action.as_ref().is_none_or(|a| &entry.action == a)
            && self.from.is_none_or(|from| date.is_some_and(|d| d >= from))
            && self.to.is_none_or(|to| date.is_some_and(|d| d <= to))
    }
}

/// The entries that match, newest first.
pub fn entries<'a>(workspace: &'a Workspace, filter: &AuditFilter) -> Vec<&'a AuditEntry> {
    workspace.audit.iter().rev().filter(|e| filter.matches(e)).collect()
}

/// The entries as CSV, with the customer's name beside its id and each
/// action as its code and as the label `label` gives it.
pub fn to_csv(workspace: &Workspace, entries: &[&AuditEntry], label: impl Fn(&str) -> String) -> String {
    let mut csv = Csv::new(&[
        "at", "actor", "customer_id", "customer_name", "subscription_id", "action", "action_label", "old_value", "new_value", "outcome",
    ]);
    for e in entries {
        let customer = e.customer_id.as_deref().unwrap_or_default();
        let name = workspace.customer(customer).map(|c| c.company_name.as_str()).unwrap_or_default();
        csv.row(&[
            e.at.as_str(),
            &e.actor,
            customer,
            name,
            e.subscription_id.as_deref().unwrap_or_default(),
            &e.action,
            &label(&e.action),
            e.old_value.as_deref().unwrap_or_default(),
            e.new_value.as_deref().unwrap_or_default(),
            &e.outcome,
        ]);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Cloud;
    use crate::domain::clock::Timestamp;
    use crate::store::demo::demo;

    fn entry(at: &str, customer: &str, action: &str) -> AuditEntry {
        AuditEntry::new(Timestamp::parse(at).unwrap(), "Ana, \"the\" admin", action).customer(customer)
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
        assert_eq!(all.iter().map(|e| e.at.get(..10).unwrap()).collect::<Vec<_>>(), ["2026-11-20", "2026-11-15", "2026-11-01"]);
        let contoso = AuditFilter { customer_id: Some("contoso".into()), ..Default::default() };
        assert_eq!(entries(&w, &contoso).len(), 2);
        w.audit[2] = w.audit[2].clone().subscription("sub-contoso-1");
        let history = AuditFilter { subscription_id: Some("sub-contoso-1".into()), ..Default::default() };
        assert_eq!(entries(&w, &history).iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["role_changed"]);
        let placed_in_range = AuditFilter {
            action: Some("order_placed".into()),
            from: Date::parse("2026-11-10"),
            to: Date::parse("2026-11-15"),
            ..Default::default()
        };
        let found = entries(&w, &placed_in_range);
        assert_eq!((found.len(), found[0].customer_id.as_deref()), (1, Some("fabrikam")));
        let csv = to_csv(&w, &found, |a| a.to_uppercase());
        assert!(csv.starts_with("\u{feff}at,actor,customer_id,customer_name,"));
        assert!(csv.contains(",\"Ana, \"\"the\"\" admin\",fabrikam,Fabrikam Inc,,order_placed,ORDER_PLACED,"), "{csv}");
    }
}
