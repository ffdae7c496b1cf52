//! History and audit entries as sentences in the partner's language (SPEC
//! 8.3): products, subscriptions and users by name, dates as the locale
//! writes them. An entry whose values this build cannot read (written by hand,
//! or by an older version) keeps its raw values, so nothing is ever hidden.

use super::Strings;
use crate::domain::catalog::{Catalog, Cloud};
use crate::domain::date::Date;
use crate::domain::renewal::read_period;
use crate::domain::workspace::{
    read_users, AuditEntry, Item, OrderStatus, Role, UpgradeTiming, Workspace,
};

/// What a sentence needs besides the entry.
pub struct AuditWords<'a> {
    pub t: &'a Strings,
    pub catalog: &'a Catalog,
    pub workspace: &'a Workspace,
    /// A date as the locale writes it (the browser's `Intl` in the app).
    pub date: &'a dyn Fn(Date) -> String,
}

impl AuditWords<'_> {
    /// "Office 365 E3 (Contoso mail)", or the id when it is gone.
    fn subscription(&self, entry: &AuditEntry, id: Option<&str>) -> String {
        let Some(id) = id.or(entry.subscription_id.as_deref()) else { return String::new() };
        let found = entry
            .customer_id
            .as_deref()
            .and_then(|c| self.workspace.customer(c))
            .and_then(|c| c.subscription(id));
        match found {
            Some(s) => format!("{} ({})", self.catalog.offer_name(&s.offer_id), s.friendly_name),
            None => id.to_string(),
        }
    }

    fn users(&self, entry: &AuditEntry, text: &str) -> String {
        let customer = entry.customer_id.as_deref().and_then(|c| self.workspace.customer(c));
        read_users(text)
            .into_iter()
            .map(|id| {
                customer
                    .and_then(|c| c.users.iter().find(|u| u.id == id))
                    .map_or(id, |u| u.display_name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "Office 365 E3 × 25, Monthly", or the text as written.
    fn item(&self, text: &str) -> String {
        match Item::read(text) {
            Some(item) => {
                let line = (self.t.order_line)(
                    self.catalog.offer_name(&item.offer_id),
                    &item.quantity.to_string(),
                );
                match item.billing {
                    Some(cycle) => (self.t.audit_item)(&line, self.t.billing(cycle)),
                    None => line,
                }
            }
            None => text.to_string(),
        }
    }

    fn role(&self, code: &str) -> String {
        Role::parse(code).map_or_else(|| code.to_string(), |r| self.t.role(r).to_string())
    }

    /// The entry as a sentence.
    pub fn sentence(&self, e: &AuditEntry) -> String {
        let t = self.t;
        let old = e.old_value.as_deref().unwrap_or_default();
        let new = e.new_value.as_deref().unwrap_or_default();
        // Orders put their id first in the outcome ("ord-1002 credit_check").
        let order = e.outcome.split([' ', ':']).next().unwrap_or_default();
        match e.action.as_str() {
            "licenses_changed" => (t.audit_licenses_changed)(&self.subscription(e, None), old, new),
            "licenses_assigned" => {
                (t.audit_licenses_assigned)(&self.subscription(e, None), &self.users(e, new))
            }
            "licenses_unassigned" => {
                (t.audit_licenses_unassigned)(&self.subscription(e, None), &self.users(e, old))
            }
            "order_placed" => (t.audit_order_placed)(order, &self.item(new)),
            "credit_check_approved" => (t.audit_credit_check_approved)(order),
            "subscription_cancelled" => {
                (t.audit_subscription_cancelled)(&self.subscription(e, None))
            }
            "subscription_created" => {
                (t.audit_subscription_created)(&self.subscription(e, None), &self.item(new))
            }
            "licenses_moved" => {
                // A count ("9"); entries of earlier versions wrote "9 users".
                let count = new.split(' ').next().unwrap_or_default();
                let n = count.parse().unwrap_or(0);
                (t.audit_licenses_moved)(
                    n,
                    count,
                    &self.subscription(e, Some(old)),
                    &self.subscription(e, None),
                )
            }
            "order_failed" => {
                (t.audit_order_failed)(order, e.outcome.split_once(": ").map_or("", |(_, why)| why))
            }
            "role_changed" => (t.audit_role_changed)(&self.role(old), &self.role(new)),
            "simulated_date_changed" => match Date::parse(new) {
                Some(date) => (t.audit_simulated_date_set)(&(self.date)(date)),
                None => t.audit_simulated_date_cleared.to_string(),
            },
            "cart_line_added" => (t.audit_cart_line_added)(&self.item(new)),
            "cart_line_changed" => (t.audit_cart_line_changed)(&self.item(old), &self.item(new)),
            "cart_line_removed" => (t.audit_cart_line_removed)(&self.item(old)),
            "cart_line_timing_changed" => {
                let timing = UpgradeTiming::parse(new).map_or(new, |timing| t.timing(timing));
                (t.audit_cart_line_timing_changed)(&self.subscription(e, None), timing)
            }
            "addon_moved" => (t.audit_addon_moved)(
                &self.subscription(e, None),
                &self.subscription(e, Some(old)),
                &self.subscription(e, Some(new)),
            ),
            "scheduled_upgrade_cancelled" => (t.audit_scheduled_upgrade_cancelled)(order),
            "scheduled_upgrade_started" => (t.audit_scheduled_upgrade_started)(order),
            "sold_to_changed" => (t.audit_sold_to_changed)(old, new),
            "bill_to_changed" => (t.audit_bill_to_changed)(old, new),
            "workspace_imported" => (t.audit_workspace_imported)(new),
            "workspace_reset" => {
                (t.audit_workspace_reset)(Cloud::parse(new).map_or(new, |c| t.cloud(c)))
            }
            // The period shown as the pages show it: its first and last day.
            "subscription_renewed" => match read_period(new) {
                Some((start, end)) => (t.audit_subscription_renewed)(
                    &self.subscription(e, None),
                    &(self.date)(start),
                    &(self.date)(end.add_days(-1)),
                ),
                None => self.raw(e),
            },
            "subscription_expired" => match (Date::parse(old), e.new_value.as_deref()) {
                (Some(on), None) => {
                    (t.audit_subscription_expired)(&self.subscription(e, None), &(self.date)(on))
                }
                (Some(on), Some(base)) => (t.audit_addon_expired)(
                    &self.subscription(e, None),
                    &(self.date)(on),
                    &self.subscription(e, Some(base)),
                ),
                (None, _) => self.raw(e),
            },
            // An action this build does not know: its label and raw values.
            _ => self.raw(e),
        }
    }

    /// The action's label and its raw values, for an entry this build cannot
    /// read as a sentence.
    fn raw(&self, e: &AuditEntry) -> String {
        let change = match (
            e.old_value.as_deref().unwrap_or_default(),
            e.new_value.as_deref().unwrap_or_default(),
        ) {
            ("", "") => String::new(),
            ("", new) => format!(": {new}"),
            (old, "") => format!(": {old}"),
            (old, new) => format!(": {old} → {new}"),
        };
        format!("{}{change}", self.t.audit_action(&e.action))
    }

    /// The outcome in words: "Saved", or the order and its status.
    pub fn outcome(&self, e: &AuditEntry) -> String {
        if e.outcome == "saved" {
            return self.t.audit_outcome_saved.to_string();
        }
        match e
            .outcome
            .split_once(' ')
            .and_then(|(order, status)| Some((order, OrderStatus::parse(status)?)))
        {
            Some((order, status)) => {
                // Worded as the order's own page words it.
                let purchase = self
                    .workspace
                    .orders
                    .iter()
                    .find(|o| o.id == order)
                    .is_some_and(crate::domain::orders::is_purchase);
                format!(
                    "{} · {}",
                    (self.t.order_title)(order),
                    self.t.order_status_of(status, purchase)
                )
            }
            None => e.outcome.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart;
    use crate::domain::clock::Timestamp;
    use crate::domain::licenses;
    use crate::domain::orders::{self, PlaceRequest, PROVISIONING_MS};
    use crate::domain::workspace::{BillingCycle, CartLine, PaymentMethod};
    use crate::i18n::Locale;
    use crate::store::demo::demo;

    /// Every kind of entry the domain writes, from a short partner session.
    fn session() -> (Catalog, Workspace) {
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let now = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
        let mut w = demo(Cloud::Worldwide);
        w.audit.clear();
        let line = CartLine {
            customer_id: "contoso".into(),
            source_subscription_id: "sub-contoso-1".into(),
            target_offer_id: "o365-e3".into(),
            quantity: 25,
            billing_cycle: BillingCycle::Monthly,
            purchase: false,
            timing: Default::default(),
        };
        cart::add(&catalog, &mut w, line, now, "Ana").unwrap();
        cart::set_quantity(&catalog, &mut w, "upgrade:sub-contoso-1", 30, now, "Ana").unwrap();
        let c = w.customer("contoso").unwrap().clone();
        let request = PlaceRequest {
            key: "k",
            customer_id: "contoso",
            payment: PaymentMethod::CreditCard,
            sold_to: &c.sold_to,
            bill_to: &c.bill_to,
            actor: "Ana",
            now,
        };
        orders::place_order(&catalog, &mut w, request).unwrap();
        orders::advance(&catalog, &mut w, now.plus_millis(PROVISIONING_MS), "Ana");
        licenses::set_quantity(&catalog, &mut w, "fabrikam", "sub-fabrikam-1", 12, now, "Ana")
            .unwrap();
        (catalog, w)
    }

    #[test]
    fn entries_read_as_sentences_with_names_not_codes() {
        let (catalog, w) = session();
        let date = |d: Date| d.to_string();
        let words =
            AuditWords { t: Locale::EnUs.strings(), catalog: &catalog, workspace: &w, date: &date };
        let sentences: Vec<String> = w.audit.iter().map(|e| words.sentence(e)).collect();
        assert_eq!(sentences[0], "Added to the cart: Office 365 E3 × 25, Monthly");
        assert_eq!(
            sentences[1],
            "Cart line changed from Office 365 E3 × 25, Monthly to Office 365 E3 × 30, Monthly"
        );
        assert_eq!(sentences[2], "Order ord-1002 placed: Office 365 E3 × 30, Monthly");
        assert!(
            sentences[3].starts_with("Microsoft 365 Business Basic (Contoso mail) cancelled"),
            "{}",
            sentences[3]
        );
        assert!(
            sentences[4].starts_with("Office 365 E3 (Contoso mail) created: Office 365 E3 × 30"),
            "{}",
            sentences[4]
        );
        assert_eq!(sentences[5], "Licenses of 6 users moved from Microsoft 365 Business Basic (Contoso mail) to Office 365 E3 (Contoso mail)");
        assert!(
            sentences[6].starts_with("License count of Microsoft 365 Apps for business"),
            "{}",
            sentences[6]
        );
        for locale in Locale::ALL {
            let words =
                AuditWords { t: locale.strings(), catalog: &catalog, workspace: &w, date: &date };
            for e in &w.audit {
                let sentence = words.sentence(e);
                for code in ["o365-e3", "sub-contoso-1", "(monthly)", "_"] {
                    assert!(!sentence.contains(code), "{locale:?}: {sentence}");
                }
            }
        }
        assert_eq!(words.outcome(&w.audit[2]), "Order ord-1002 · Upgrading");
    }

    #[test]
    fn a_purchase_is_setting_up_in_the_log_as_on_its_page() {
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let mut w = demo(Cloud::Worldwide);
        let entry =
            AuditEntry::new(Timestamp::parse("2026-11-21T10:00:00Z").unwrap(), "T", "order_placed")
                .outcome("ord-1001 provisioning");
        let date = |d: Date| d.to_string();
        let words = |w: &Workspace| {
            AuditWords { t: Locale::EnUs.strings(), catalog: &catalog, workspace: w, date: &date }
                .outcome(&entry)
        };
        assert_eq!(words(&w), "Order ord-1001 · Upgrading");
        for line in &mut w.orders[0].lines {
            line.purchase = true;
        }
        assert_eq!(words(&w), "Order ord-1001 · Setting up");
    }
}
