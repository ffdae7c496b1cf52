//! History and audit entries as sentences in the partner's language
//! (docs/rules.md#audit-log): products, subscriptions and users by name, dates as the locale
//! writes them. An entry whose values this build cannot read (written by hand,
//! or by an older version) keeps its raw values, so nothing is ever hidden.

use super::msg;
use super::Strings;
use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::ids::UserId;
use crate::domain::workspace::{
    AuditAction, AuditEntry, Item, Outcome, Period, Role, UpgradeTiming, Workspace,
};

/// What a sentence needs besides the entry.
pub struct AuditWords<'a> {
    pub t: &'a Strings,
    pub catalog: &'a Catalog,
    pub workspace: &'a Workspace,
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

    fn users(&self, entry: &AuditEntry, ids: &[UserId]) -> String {
        let customer = entry.customer_id.as_deref().and_then(|c| self.workspace.customer(c));
        ids.iter()
            .map(|id| {
                customer
                    .and_then(|c| c.users.iter().find(|u| u.id == id))
                    .map_or(id.as_str(), |u| u.display_name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "Office 365 E3 × 25, Monthly".
    fn item(&self, item: &Item) -> String {
        let line = self.t.order_line(msg::OrderLine {
            offer: self.catalog.offer_name(&item.offer_id),
            quantity: item.quantity.into(),
        });
        match item.billing {
            Some(cycle) => {
                self.t.audit_item(msg::AuditItem { item: &line, billing: self.t.billing(cycle) })
            }
            None => line,
        }
    }

    fn role(&self, role: Role) -> &'static str {
        self.t.role(role)
    }

    /// The entry as a sentence: one arm per action, so an action without a
    /// sentence does not compile. Sentences of several values are built by
    /// the helpers below it.
    pub fn sentence(&self, e: &AuditEntry) -> String {
        self.sentence_of(e, &e.action())
    }

    /// `action` as the sentence of entry `e` (its customer and subscription).
    fn sentence_of(&self, e: &AuditEntry, action: &AuditAction) -> String {
        use AuditAction as A;
        let t = self.t;
        let this = || self.subscription(e, None);
        let other = |id: &str| self.subscription(e, Some(id));
        match action {
            A::LicensesChanged { from, to } => self.licenses_changed(&this(), *from, *to),
            A::LicensesAssigned { users } => {
                t.audit_licenses_assigned(msg::AuditLicensesAssigned {
                    subscription: &this(),
                    users: &self.users(e, users),
                })
            }
            A::LicensesUnassigned { users } => {
                let users = self.users(e, users);
                t.audit_licenses_unassigned(msg::AuditLicensesUnassigned {
                    subscription: &this(),
                    users: &users,
                })
            }
            A::OrderPlaced { order, item, .. } => self.order_placed(order, item),
            A::CreditCheckApproved(m) => t.audit_credit_check_approved(&m.order),
            A::ScheduledUpgradeStarted(m) => t.audit_scheduled_upgrade_started(&m.order),
            A::ScheduledUpgradeCancelled(m) => t.audit_scheduled_upgrade_cancelled(&m.order),
            A::SubscriptionCancelled { .. } => t.audit_subscription_cancelled(&this()),
            A::SubscriptionCreated { item, .. } => self.created(&this(), item),
            A::LicensesMoved { from, count, .. } => self.moved(&other(from), &this(), *count),
            A::OrderFailed { order, reason } => {
                t.audit_order_failed(msg::AuditOrderFailed { order, reason })
            }
            A::RoleChanged { from, to } => t.audit_role_changed(msg::AuditRoleChanged {
                old: self.role(*from),
                new: self.role(*to),
            }),
            A::SimulatedDateChanged { to: Some(date), .. } => t.audit_simulated_date_set(*date),
            A::SimulatedDateChanged { to: None, .. } => t.audit_simulated_date_cleared.to_string(),
            A::CartLineAdded { item } => t.audit_cart_line_added(&self.item(item)),
            A::CartLineChanged { from, to } => self.line_changed(from, to),
            A::CartLineRemoved { item } => t.audit_cart_line_removed(&self.item(item)),
            A::CartLineTimingChanged { to, .. } => self.timing_changed(&this(), *to),
            A::AddonMoved { from, to } => self.addon_moved(&this(), &other(from), &other(to)),
            A::SoldToChanged { from, to } => {
                t.audit_sold_to_changed(msg::AuditSoldToChanged { old: from, new: to })
            }
            A::BillToChanged { from, to } => {
                t.audit_bill_to_changed(msg::AuditBillToChanged { old: from, new: to })
            }
            A::WorkspaceImported { file } => t.audit_workspace_imported(file),
            A::PartnerCenterImported { files } => t.audit_partner_center_imported(files),
            A::WorkspaceReset { cloud } => t.audit_workspace_reset(t.cloud(*cloud)),
            A::SubscriptionRenewed { to, .. } => self.renewed(&this(), to),
            A::SubscriptionExpired { on, base } => {
                self.expired(&this(), *on, base.as_ref().map(|b| other(b)))
            }
            A::AutoRenewChanged { to: true } => t.audit_auto_renew_on(&this()),
            A::AutoRenewChanged { to: false } => t.audit_auto_renew_off(&this()),
            A::OfferChanged { order, from, to } => self.offer_changed(&this(), order, from, to),
            A::CartLineUsersChosen { users } => {
                let users = self.users(e, users);
                t.audit_cart_line_users_chosen(msg::AuditCartLineUsersChosen {
                    subscription: &this(),
                    users: &users,
                })
            }
            A::NextTermChanged { to, .. } => self.next_term(&this(), *to),
            A::TermRenewed { to, .. } => self.term_renewed(&this(), to),
            A::BillingPeriodStarted { to, .. } => self.period_started(&this(), to),
            A::Unknown { code, old, new, .. } => self.raw(code, old.as_deref(), new.as_deref()),
        }
    }

    /// "Order ord-1002 placed: …", with the partner's PO number when it gave one.
    fn order_placed(&self, order: &str, item: &Item) -> String {
        let item = &self.item(item);
        let po = self
            .workspace
            .orders
            .iter()
            .find(|o| o.id == order)
            .and_then(|o| o.po_number.as_deref());
        match po {
            Some(po) => self.t.audit_order_placed_po(msg::AuditOrderPlacedPo { order, item, po }),
            None => self.t.audit_order_placed(msg::AuditOrderPlaced { order, item }),
        }
    }

    fn offer_changed(&self, subscription: &str, order: &str, from: &str, to: &str) -> String {
        let (from, to) = (self.catalog.offer_name(from), self.catalog.offer_name(to));
        self.t.audit_offer_changed(msg::AuditOfferChanged { subscription, order, from, to })
    }

    fn licenses_changed(&self, subscription: &str, from: u32, to: u32) -> String {
        let (old, new) = (from.into(), to.into());
        self.t.audit_licenses_changed(msg::AuditLicensesChanged { subscription, old, new })
    }

    fn created(&self, subscription: &str, item: &Item) -> String {
        let item = &self.item(item);
        self.t.audit_subscription_created(msg::AuditSubscriptionCreated { subscription, item })
    }

    fn moved(&self, from: &str, to: &str, count: u32) -> String {
        let count = u64::from(count);
        self.t.audit_licenses_moved(msg::AuditLicensesMoved { count, from, to })
    }

    fn line_changed(&self, from: &Item, to: &Item) -> String {
        let (old, new) = (&self.item(from), &self.item(to));
        self.t.audit_cart_line_changed(msg::AuditCartLineChanged { old, new })
    }

    fn timing_changed(&self, item: &str, to: UpgradeTiming) -> String {
        let timing = self.t.timing(to);
        self.t.audit_cart_line_timing_changed(msg::AuditCartLineTimingChanged { item, timing })
    }

    fn addon_moved(&self, addon: &str, from: &str, to: &str) -> String {
        self.t.audit_addon_moved(msg::AuditAddonMoved { addon, from, to })
    }

    fn next_term(&self, subscription: &str, to: Option<u32>) -> String {
        match to {
            Some(count) => self.t.audit_next_term_set(msg::AuditNextTermSet {
                subscription,
                count: u64::from(count),
            }),
            None => self.t.audit_next_term_removed(subscription),
        }
    }

    fn term_renewed(&self, subscription: &str, to: &Period) -> String {
        let (start, end) = to.days_shown();
        self.t.audit_term_renewed(msg::AuditTermRenewed { subscription, start, end })
    }

    fn period_started(&self, subscription: &str, to: &Period) -> String {
        let (start, end) = to.days_shown();
        self.t.audit_billing_period_started(msg::AuditBillingPeriodStarted {
            subscription,
            start,
            end,
        })
    }

    /// The period shown as the pages show it: its first and last day.
    fn renewed(&self, subscription: &str, to: &Period) -> String {
        let (start, end) = to.days_shown();
        self.t.audit_subscription_renewed(msg::AuditSubscriptionRenewed {
            subscription,
            start,
            end,
        })
    }

    /// Expired on its own (auto-renew off), or with its base (an add-on).
    fn expired(&self, subscription: &str, date: Date, base: Option<String>) -> String {
        match base {
            None => self
                .t
                .audit_subscription_expired(msg::AuditSubscriptionExpired { subscription, date }),
            Some(base) => self.t.audit_addon_expired(msg::AuditAddonExpired {
                subscription,
                date,
                base: &base,
            }),
        }
    }

    /// An entry this build cannot read: its label and raw values.
    fn raw(&self, code: &str, old: Option<&str>, new: Option<&str>) -> String {
        let change = match (old.unwrap_or_default(), new.unwrap_or_default()) {
            ("", "") => String::new(),
            ("", new) => format!(": {new}"),
            (old, "") => format!(": {old}"),
            (old, new) => format!(": {old} → {new}"),
        };
        format!("{}{change}", self.t.audit_action(code))
    }

    /// The outcome in words: "Saved", or the order and its status.
    pub fn outcome(&self, e: &AuditEntry) -> String {
        match Outcome::read(e.outcome()) {
            Outcome::Saved => self.t.audit_outcome_saved.to_string(),
            Outcome::Order { order, status } => {
                // Worded as the order's own page words it.
                let purchase = self
                    .workspace
                    .orders
                    .iter()
                    .find(|o| o.id == order)
                    .is_some_and(crate::domain::orders::is_purchase);
                format!(
                    "{} · {}",
                    self.t.order_title(order),
                    self.t.order_status_of(status, purchase)
                )
            }
            other => other.write(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart;
    use crate::domain::catalog::Cloud;
    use crate::domain::clock::Timestamp;
    use crate::domain::licenses;
    use crate::domain::orders::{self, PlaceRequest, PROVISIONING_MS};
    use crate::domain::workspace::{BillingCycle, CartLine, LineKey, OrderStatus, PaymentMethod};
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
            moved_users: Vec::new(),
        };
        cart::add(&catalog, &mut w, line, now, "Ana").unwrap();
        cart::set_quantity(
            &catalog,
            &mut w,
            &LineKey::Upgrade("sub-contoso-1".into()),
            30,
            now,
            "Ana",
        )
        .unwrap();
        let c = w.customer("contoso").unwrap().clone();
        let request = PlaceRequest {
            key: &"k".into(),
            customer_id: &"contoso".into(),
            payment: PaymentMethod::CreditCard,
            sold_to: &c.sold_to,
            bill_to: &c.bill_to,
            actor: "Ana",
            now,
            po_number: None,
        };
        orders::place_order(&catalog, &mut w, request).unwrap();
        orders::advance(&catalog, &mut w, now.plus_millis(PROVISIONING_MS), "Ana");
        licenses::set_quantity(
            &catalog,
            &mut w,
            &"fabrikam".into(),
            &"sub-fabrikam-1".into(),
            12,
            now,
            "Ana",
        )
        .unwrap();
        (catalog, w)
    }

    #[test]
    fn entries_read_as_sentences_with_names_not_codes() {
        let (catalog, w) = session();
        let words = AuditWords { t: Locale::EnUs.strings(), catalog: &catalog, workspace: &w };
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
            let words = AuditWords { t: locale.strings(), catalog: &catalog, workspace: &w };
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
        let placed = AuditAction::OrderPlaced {
            order: "ord-1001".into(),
            item: Item { offer_id: "o365-e3".into(), quantity: 30, billing: None },
            status: OrderStatus::Provisioning,
        };
        let entry = AuditEntry::new(Timestamp::parse("2026-11-21T10:00:00Z").unwrap(), "T", placed);
        let words = |w: &Workspace| {
            AuditWords { t: Locale::EnUs.strings(), catalog: &catalog, workspace: w }
                .outcome(&entry)
        };
        assert_eq!(words(&w), "Order ord-1001 · Upgrading");
        for line in &mut w.orders[0].lines {
            line.purchase = true;
        }
        assert_eq!(words(&w), "Order ord-1001 · Setting up");
    }

    /// Every action the domain writes, in every locale: a sentence of its
    /// own (not the raw fallback), with names and no codes; and every code
    /// has its label.
    #[test]
    fn every_action_has_a_sentence_in_every_locale() {
        use crate::domain::workspace::{audit_examples, AuditKind, StoredAction};
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let w = demo(Cloud::Worldwide);
        let at = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
        for locale in Locale::ALL {
            let t = locale.strings();
            for kind in AuditKind::ALL {
                assert_ne!(t.audit_action(kind.as_str()), kind.as_str(), "{locale:?}: {kind:?}");
            }
            let words = AuditWords { t, catalog: &catalog, workspace: &w };
            for action in audit_examples() {
                let code = action.code().to_string();
                let entry = AuditEntry::new(at, "Ana", action)
                    .customer(&"contoso".into())
                    .subscription(&"sub-contoso-1".into());
                let sentence = words.sentence(&entry);
                assert!(!sentence.is_empty(), "{locale:?}: {code}");
                // Not what the raw fallback would show for the same values.
                let StoredAction { code, old, new, outcome } = entry.action().stored();
                let raw = AuditAction::Unknown { code: code.clone(), old, new, outcome };
                assert_ne!(sentence, words.sentence_of(&entry, &raw), "{locale:?}: {code}");
                // A failure's reason is the order's own words, stored as text.
                if code == "order_failed" {
                    continue;
                }
                for raw in ["o365-e3", "sub-contoso-1", "u-contoso-1", "(monthly)", "_", "{{"] {
                    assert!(!sentence.contains(raw), "{locale:?}: {code}: {sentence}");
                }
            }
        }
    }

    /// An entry this build cannot read shows its label (or its code) and its
    /// stored values, and its outcome as stored.
    #[test]
    fn an_unreadable_entry_shows_its_stored_values() {
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let w = demo(Cloud::Worldwide);
        let words = AuditWords { t: Locale::EnUs.strings(), catalog: &catalog, workspace: &w };
        let read = |json: &str| serde_json::from_str::<AuditEntry>(json).unwrap();
        let moved = read(
            r#"{"at":"2026-11-21T10:00:00.000Z","actor":"A","action":"licenses_moved","customerId":"contoso","subscriptionId":"sub-1002-1","oldValue":"sub-contoso-1","newValue":"9 users","outcome":"ord-1002"}"#,
        );
        assert_eq!(words.sentence(&moved), "Licenses moved: sub-contoso-1 → 9 users");
        assert_eq!(words.outcome(&moved), "ord-1002");
        let newer = read(
            r#"{"at":"2027-01-01T00:00:00.000Z","actor":"A","action":"nce_term_changed","customerId":null,"subscriptionId":null,"oldValue":null,"newValue":"P1Y","outcome":"ord-9 credit_check"}"#,
        );
        assert_eq!(words.sentence(&newer), "nce_term_changed: P1Y");
        assert_eq!(words.outcome(&newer), "Order ord-9 · Credit check");
    }
}
