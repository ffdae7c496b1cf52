//! What an audit entry records, typed: one [`AuditAction`] variant per
//! action the domain writes, with its values. The document stores each as
//! it always has (an `action` code, `oldValue`, `newValue`, `outcome`); this
//! file is the one place that maps between the two:
//!
//! - [`AuditKind`] lists the codes (`string_enum!`: one list gives the code,
//!   its parser and the label lookup in `locales/*.json`, `audit_actions`);
//! - [`AuditAction::kind`], [`AuditAction::stored`] and [`AuditAction::read`]
//!   are exhaustive matches, so a new variant does not compile until it has
//!   its code, its stored values and its reader;
//! - `i18n::audit` words each variant in one exhaustive match too.
//!
//! Reading never fails: values this build cannot read (a hand-edited file, a
//! form an older build wrote, an action a newer build added) become
//! [`AuditAction::Unknown`], which keeps them exactly as stored. A known
//! action is only read as such when writing it back gives the very same
//! stored fields, so loading and saving never rewrites an entry.

use super::audit::{write_users, Item, Period};
use super::commerce::{OrderStatus, UpgradeTiming};
use super::Role;
use crate::domain::catalog::Cloud;
use crate::domain::date::Date;
use crate::domain::ids::{OfferId, OrderId, SubscriptionId, UserId};
use crate::domain::string_enum::string_enum;

string_enum! {
    /// The action codes of the audit log, as stored in `action`.
    pub enum AuditKind {
        LicensesChanged = "licenses_changed",
        LicensesAssigned = "licenses_assigned",
        LicensesUnassigned = "licenses_unassigned",
        OrderPlaced = "order_placed",
        CreditCheckApproved = "credit_check_approved",
        SubscriptionCancelled = "subscription_cancelled",
        SubscriptionCreated = "subscription_created",
        LicensesMoved = "licenses_moved",
        OrderFailed = "order_failed",
        RoleChanged = "role_changed",
        SimulatedDateChanged = "simulated_date_changed",
        CartLineAdded = "cart_line_added",
        CartLineChanged = "cart_line_changed",
        CartLineRemoved = "cart_line_removed",
        SoldToChanged = "sold_to_changed",
        BillToChanged = "bill_to_changed",
        WorkspaceImported = "workspace_imported",
        WorkspaceReset = "workspace_reset",
        ScheduledUpgradeCancelled = "scheduled_upgrade_cancelled",
        ScheduledUpgradeStarted = "scheduled_upgrade_started",
        CartLineTimingChanged = "cart_line_timing_changed",
        AddonMoved = "addon_moved",
        SubscriptionRenewed = "subscription_renewed",
        SubscriptionExpired = "subscription_expired",
        AutoRenewChanged = "auto_renew_changed",
        OfferChanged = "offer_changed",
        CartLineUsersChosen = "cart_line_users_chosen",
        NextTermChanged = "next_term_changed",
        TermRenewed = "term_renewed",
        BillingPeriodStarted = "billing_period_started",
        PartnerCenterImported = "partner_center_imported",
    }
}

/// A switch as audit values write it.
fn switch_text(on: bool) -> String {
    if on { "on" } else { "off" }.to_string()
}

/// An order moved from one status to another (stored: the two statuses as
/// old and new values, `"<order> <status>"` as the outcome).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderMove {
    pub order: OrderId,
    pub from: OrderStatus,
    pub to: OrderStatus,
}

/// What an audit entry records. The entry itself says who, when, and which
/// customer and subscription ("the entry's subscription" below).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditAction {
    /// The licence count of the entry's subscription.
    LicensesChanged {
        from: u32,
        to: u32,
    },
    /// Users given a licence of the entry's subscription.
    LicensesAssigned {
        users: Vec<UserId>,
    },
    /// Users whose licence of the entry's subscription was taken back (by
    /// the partner, or with its expiry).
    LicensesUnassigned {
        users: Vec<UserId>,
    },
    /// One line of an order placed, with the status the order started in.
    OrderPlaced {
        order: OrderId,
        item: Item,
        status: OrderStatus,
    },
    /// A credit check approved: the order moves on (to provisioning, or to
    /// scheduled when its day has not come).
    CreditCheckApproved(OrderMove),
    /// An upgrade at renewal whose day has come starts provisioning.
    ScheduledUpgradeStarted(OrderMove),
    /// An upgrade at renewal cancelled before its day.
    ScheduledUpgradeCancelled(OrderMove),
    /// The entry's subscription cancelled (from active): by an order's
    /// completion, or by the manual path's last step (no order).
    SubscriptionCancelled {
        order: Option<OrderId>,
    },
    /// The entry's subscription created by an order's completion: an upgrade
    /// names the offer it replaced, a purchase none.
    SubscriptionCreated {
        order: OrderId,
        replaced_offer: Option<OfferId>,
        item: Item,
    },
    /// `count` users' licences moved from subscription `from` to the entry's.
    LicensesMoved {
        order: OrderId,
        from: SubscriptionId,
        count: u32,
    },
    /// An order failed, and why (the order's own words).
    OrderFailed {
        order: OrderId,
        reason: String,
    },
    /// The signed-in role.
    RoleChanged {
        from: Role,
        to: Role,
    },
    /// The simulated date (`None`: the real date).
    SimulatedDateChanged {
        from: Option<Date>,
        to: Option<Date>,
    },
    CartLineAdded {
        item: Item,
    },
    CartLineChanged {
        from: Item,
        to: Item,
    },
    CartLineRemoved {
        item: Item,
    },
    /// When the upgrade of the cart line of the entry's subscription starts.
    CartLineTimingChanged {
        from: UpgradeTiming,
        to: UpgradeTiming,
    },
    /// The checkout's Sold to, as `contact::changed_details` summarises it.
    SoldToChanged {
        from: String,
        to: String,
    },
    /// The checkout's Bill to, as `contact::changed_details` summarises it.
    BillToChanged {
        from: String,
        to: String,
    },
    /// The workspace imported, from the file of that name.
    WorkspaceImported {
        file: String,
    },
    /// The workspace reset to the demo of `cloud`.
    WorkspaceReset {
        cloud: Cloud,
    },
    /// The entry's subscription (an add-on) moved from base `from` to base `to`.
    AddonMoved {
        from: SubscriptionId,
        to: SubscriptionId,
    },
    /// The entry's subscription started its next period.
    SubscriptionRenewed {
        from: Period,
        to: Period,
    },
    /// The entry's subscription expired `on` that day: auto-renew was off, or
    /// (an add-on) its `base` expired.
    SubscriptionExpired {
        on: Date,
        base: Option<SubscriptionId>,
    },
    /// Auto-renew of the entry's subscription turned on (`to`) or off.
    AutoRenewChanged {
        to: bool,
    },
    /// The users who move with the partial upgrade of the entry's subscription.
    CartLineUsersChosen {
        users: Vec<UserId>,
    },
    /// The licences the entry's (new-commerce) subscription renews with:
    /// `None` when it renews with its current count.
    NextTermChanged {
        from: Option<u32>,
        to: Option<u32>,
    },
    /// The entry's (new-commerce) subscription renewed for a new term.
    TermRenewed {
        from: Period,
        to: Period,
    },
    /// The entry's (new-commerce) subscription started the next billing
    /// period inside its term.
    BillingPeriodStarted {
        from: Period,
        to: Period,
    },
    /// Customers and subscriptions merged in from Partner Center's JSON, from these files.
    PartnerCenterImported {
        files: String,
    },
    /// The entry's subscription upgraded in place by an order (new
    /// commerce): the same subscription, now of offer `to`.
    OfferChanged {
        order: OrderId,
        from: OfferId,
        to: OfferId,
    },
    /// An entry this build cannot read (an unknown code, or values it cannot
    /// parse): its stored fields as they are.
    Unknown {
        code: String,
        old: Option<String>,
        new: Option<String>,
        outcome: String,
    },
}

/// An action as the document stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAction {
    pub code: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub outcome: String,
}

/// What an entry's outcome says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// `saved`: a change the partner made, done.
    Saved,
    /// `ord-1002 provisioning`: the order, in the status it moved to.
    Order { order: &'a str, status: OrderStatus },
    /// `ord-1002`: done as part of the order (its completion).
    PartOf { order: &'a str },
    /// `ord-1002: reason`: the order failed.
    Failed { order: &'a str, reason: &'a str },
    /// Anything else (an entry this build cannot read).
    Other(&'a str),
}

const SAVED: &str = "saved";

impl<'a> Outcome<'a> {
    /// The order an outcome names, if any.
    pub fn order(&self) -> Option<&'a str> {
        match *self {
            Outcome::Order { order, .. }
            | Outcome::PartOf { order }
            | Outcome::Failed { order, .. } => Some(order),
            Outcome::Saved | Outcome::Other(_) => None,
        }
    }

    pub fn write(&self) -> String {
        match *self {
            Outcome::Saved => SAVED.to_string(),
            Outcome::Order { order, status } => format!("{order} {}", status.as_str()),
            Outcome::PartOf { order } => order.to_string(),
            Outcome::Failed { order, reason } => format!("{order}: {reason}"),
            Outcome::Other(text) => text.to_string(),
        }
    }

    pub fn read(text: &str) -> Outcome<'_> {
        if text == SAVED {
            return Outcome::Saved;
        }
        if let Some((order, reason)) = text.split_once(": ") {
            return Outcome::Failed { order, reason };
        }
        match text.split_once(' ') {
            Some((order, status)) => match OrderStatus::parse(status) {
                Some(status) => Outcome::Order { order, status },
                None => Outcome::Other(text),
            },
            None if text.is_empty() => Outcome::Other(text),
            None => Outcome::PartOf { order: text },
        }
    }
}

impl AuditAction {
    /// The action's kind, `None` for [`AuditAction::Unknown`].
    pub fn kind(&self) -> Option<AuditKind> {
        use AuditAction as A;
        use AuditKind as K;
        Some(match self {
            A::LicensesChanged { .. } => K::LicensesChanged,
            A::LicensesAssigned { .. } => K::LicensesAssigned,
            A::LicensesUnassigned { .. } => K::LicensesUnassigned,
            A::OrderPlaced { .. } => K::OrderPlaced,
            A::CreditCheckApproved(_) => K::CreditCheckApproved,
            A::ScheduledUpgradeStarted(_) => K::ScheduledUpgradeStarted,
            A::ScheduledUpgradeCancelled(_) => K::ScheduledUpgradeCancelled,
            A::SubscriptionCancelled { .. } => K::SubscriptionCancelled,
            A::SubscriptionCreated { .. } => K::SubscriptionCreated,
            A::LicensesMoved { .. } => K::LicensesMoved,
            A::OrderFailed { .. } => K::OrderFailed,
            A::RoleChanged { .. } => K::RoleChanged,
            A::SimulatedDateChanged { .. } => K::SimulatedDateChanged,
            A::CartLineAdded { .. } => K::CartLineAdded,
            A::CartLineChanged { .. } => K::CartLineChanged,
            A::CartLineRemoved { .. } => K::CartLineRemoved,
            A::CartLineTimingChanged { .. } => K::CartLineTimingChanged,
            A::SoldToChanged { .. } => K::SoldToChanged,
            A::BillToChanged { .. } => K::BillToChanged,
            A::WorkspaceImported { .. } => K::WorkspaceImported,
            A::WorkspaceReset { .. } => K::WorkspaceReset,
            A::AddonMoved { .. } => K::AddonMoved,
            A::SubscriptionRenewed { .. } => K::SubscriptionRenewed,
            A::SubscriptionExpired { .. } => K::SubscriptionExpired,
            A::AutoRenewChanged { .. } => K::AutoRenewChanged,
            A::OfferChanged { .. } => K::OfferChanged,
            A::CartLineUsersChosen { .. } => K::CartLineUsersChosen,
            A::NextTermChanged { .. } => K::NextTermChanged,
            A::TermRenewed { .. } => K::TermRenewed,
            A::BillingPeriodStarted { .. } => K::BillingPeriodStarted,
            A::PartnerCenterImported { .. } => K::PartnerCenterImported,
            A::Unknown { .. } => return None,
        })
    }

    /// The action's code as stored (`order_placed`).
    pub fn code(&self) -> &str {
        match self {
            AuditAction::Unknown { code, .. } => code,
            known => known.kind().map_or("", AuditKind::as_str),
        }
    }

    /// What the entry's outcome says.
    pub fn outcome(&self) -> Outcome<'_> {
        use AuditAction as A;
        match self {
            A::OrderPlaced { order, status, .. } => Outcome::Order { order, status: *status },
            A::CreditCheckApproved(m)
            | A::ScheduledUpgradeStarted(m)
            | A::ScheduledUpgradeCancelled(m) => Outcome::Order { order: &m.order, status: m.to },
            A::SubscriptionCancelled { order: Some(order) }
            | A::SubscriptionCreated { order, .. }
            | A::LicensesMoved { order, .. }
            | A::OfferChanged { order, .. } => Outcome::PartOf { order },
            A::OrderFailed { order, reason } => Outcome::Failed { order, reason },
            A::Unknown { outcome, .. } => Outcome::read(outcome),
            _ => Outcome::Saved,
        }
    }

    /// The order the entry is part of, if any.
    pub fn order(&self) -> Option<&str> {
        self.outcome().order()
    }

    /// The action as the document stores it.
    pub fn stored(&self) -> StoredAction {
        use AuditAction as A;
        let text = |value: &dyn std::fmt::Display| Some(value.to_string());
        let (old, new) = match self {
            A::LicensesChanged { from, to } => (text(from), text(to)),
            A::LicensesAssigned { users } => (None, Some(write_users(users))),
            A::LicensesUnassigned { users } => (Some(write_users(users)), None),
            A::OrderPlaced { item, .. } => (None, Some(item.write())),
            A::CreditCheckApproved(m)
            | A::ScheduledUpgradeStarted(m)
            | A::ScheduledUpgradeCancelled(m) => (text(&m.from.as_str()), text(&m.to.as_str())),
            A::SubscriptionCancelled { .. } => (text(&"active"), text(&"cancelled")),
            A::SubscriptionCreated { replaced_offer, item, .. } => {
                (replaced_offer.as_ref().map(String::from), Some(item.write()))
            }
            A::LicensesMoved { from, count, .. } => (text(from), text(count)),
            A::OrderFailed { .. } => (None, None),
            A::RoleChanged { from, to } => (text(&from.as_str()), text(&to.as_str())),
            A::SimulatedDateChanged { from, to } => {
                (from.map(|d| d.to_string()), to.map(|d| d.to_string()))
            }
            A::CartLineAdded { item } => (None, Some(item.write())),
            A::CartLineChanged { from, to } => (Some(from.write()), Some(to.write())),
            A::CartLineRemoved { item } => (Some(item.write()), None),
            A::CartLineTimingChanged { from, to } => (text(&from.as_str()), text(&to.as_str())),
            A::SoldToChanged { from, to } | A::BillToChanged { from, to } => {
                (Some(from.clone()), Some(to.clone()))
            }
            A::WorkspaceImported { file } | A::PartnerCenterImported { files: file } => {
                (None, Some(file.clone()))
            }
            A::WorkspaceReset { cloud } => (None, text(&cloud.as_str())),
            A::AddonMoved { from, to } => (text(from), text(to)),
            A::SubscriptionRenewed { from, to } => (Some(from.write()), Some(to.write())),
            A::SubscriptionExpired { on, base } => (text(on), base.as_ref().map(String::from)),
            A::AutoRenewChanged { to } => (Some(switch_text(!to)), Some(switch_text(*to))),
            A::OfferChanged { from, to, .. } => (text(from), text(to)),
            A::CartLineUsersChosen { users } => (None, Some(write_users(users))),
            A::NextTermChanged { from, to } => {
                (from.map(|n| n.to_string()), to.map(|n| n.to_string()))
            }
            A::TermRenewed { from, to } | A::BillingPeriodStarted { from, to } => {
                (Some(from.write()), Some(to.write()))
            }
            A::Unknown { code, old, new, outcome } => {
                let (code, outcome) = (code.clone(), outcome.clone());
                return StoredAction { code, old: old.clone(), new: new.clone(), outcome };
            }
        };
        StoredAction { code: self.code().to_string(), old, new, outcome: self.outcome().write() }
    }

    /// The action an entry stores; [`AuditAction::Unknown`] when this build
    /// cannot read it, or could not write it back exactly as it is.
    pub fn read(stored: StoredAction) -> AuditAction {
        match AuditAction::parse(&stored) {
            Some(action) if action.stored() == stored => action,
            _ => {
                let StoredAction { code, old, new, outcome } = stored;
                AuditAction::Unknown { code, old, new, outcome }
            }
        }
    }

    fn parse(stored: &StoredAction) -> Option<AuditAction> {
        use read::{count, date, item, moved, part_of, period, role, switch, text, timing, users};
        use AuditAction as A;
        use AuditKind as K;
        let old = stored.old.as_deref();
        let new = stored.new.as_deref();
        let outcome = Outcome::read(&stored.outcome);
        let saved = |action: AuditAction| (outcome == Outcome::Saved).then_some(action);
        let kind = AuditKind::parse(&stored.code)?;
        match kind {
            K::LicensesChanged => saved(A::LicensesChanged { from: count(old)?, to: count(new)? }),
            K::LicensesAssigned => saved(A::LicensesAssigned { users: users(new) }),
            K::LicensesUnassigned => saved(A::LicensesUnassigned { users: users(old) }),
            K::OrderPlaced => match outcome {
                Outcome::Order { order, status } => {
                    Some(A::OrderPlaced { order: order.into(), item: item(new)?, status })
                }
                _ => None,
            },
            K::CreditCheckApproved => moved(outcome, old, new).map(A::CreditCheckApproved),
            K::ScheduledUpgradeStarted => moved(outcome, old, new).map(A::ScheduledUpgradeStarted),
            K::ScheduledUpgradeCancelled => {
                moved(outcome, old, new).map(A::ScheduledUpgradeCancelled)
            }
            K::SubscriptionCancelled => Some(A::SubscriptionCancelled {
                order: match outcome {
                    Outcome::Saved => None,
                    _ => Some(part_of(outcome)?),
                },
            }),
            K::SubscriptionCreated => Some(A::SubscriptionCreated {
                order: part_of(outcome)?,
                replaced_offer: text(old),
                item: item(new)?,
            }),
            K::LicensesMoved => Some(A::LicensesMoved {
                order: part_of(outcome)?,
                from: text(old)?,
                count: count(new)?,
            }),
            K::OrderFailed => match outcome {
                Outcome::Failed { order, reason } => {
                    Some(A::OrderFailed { order: order.into(), reason: reason.into() })
                }
                _ => None,
            },
            K::RoleChanged => saved(A::RoleChanged { from: role(old)?, to: role(new)? }),
            K::SimulatedDateChanged => {
                saved(A::SimulatedDateChanged { from: date(old), to: date(new) })
            }
            K::CartLineAdded => saved(A::CartLineAdded { item: item(new)? }),
            K::CartLineChanged => saved(A::CartLineChanged { from: item(old)?, to: item(new)? }),
            K::CartLineRemoved => saved(A::CartLineRemoved { item: item(old)? }),
            K::CartLineTimingChanged => {
                saved(A::CartLineTimingChanged { from: timing(old)?, to: timing(new)? })
            }
            K::SoldToChanged => saved(A::SoldToChanged { from: text(old)?, to: text(new)? }),
            K::BillToChanged => saved(A::BillToChanged { from: text(old)?, to: text(new)? }),
            K::WorkspaceImported => saved(A::WorkspaceImported { file: text(new)? }),
            K::PartnerCenterImported => saved(A::PartnerCenterImported { files: text(new)? }),
            K::WorkspaceReset => saved(A::WorkspaceReset { cloud: Cloud::parse(new?)? }),
            K::AddonMoved => saved(A::AddonMoved { from: text(old)?, to: text(new)? }),
            K::SubscriptionRenewed => {
                saved(A::SubscriptionRenewed { from: period(old)?, to: period(new)? })
            }
            K::SubscriptionExpired => {
                saved(A::SubscriptionExpired { on: Date::parse(old?)?, base: text(new) })
            }
            K::AutoRenewChanged => saved(A::AutoRenewChanged { to: switch(new)? }),
            K::CartLineUsersChosen => saved(A::CartLineUsersChosen { users: users(new) }),
            K::NextTermChanged | K::TermRenewed | K::BillingPeriodStarted => {
                saved(Self::parse_term(kind, old, new)?)
            }
            K::OfferChanged => {
                Some(A::OfferChanged { order: part_of(outcome)?, from: text(old)?, to: text(new)? })
            }
        }
    }

    /// The new-commerce term actions: the next term's count, a new term, a
    /// new billing period.
    fn parse_term(kind: AuditKind, old: Option<&str>, new: Option<&str>) -> Option<AuditAction> {
        use read::{maybe_count, period};
        Some(match kind {
            AuditKind::NextTermChanged => {
                AuditAction::NextTermChanged { from: maybe_count(old)?, to: maybe_count(new)? }
            }
            AuditKind::TermRenewed => {
                AuditAction::TermRenewed { from: period(old)?, to: period(new)? }
            }
            _ => AuditAction::BillingPeriodStarted { from: period(old)?, to: period(new)? },
        })
    }
}

/// [`AuditAction::parse`]'s readers of a stored value (`oldValue`,
/// `newValue`) and of the outcome: `None` when the value is absent or
/// cannot be read.
mod read {
    use super::{Date, Item, OrderMove, OrderStatus, Outcome, Period, Role, UpgradeTiming};
    use crate::domain::ids::{OrderId, UserId};
    use crate::domain::workspace::audit::read_users;

    pub(super) fn count(text: Option<&str>) -> Option<u32> {
        text?.parse::<u32>().ok()
    }

    /// A count that may be absent (`Some(None)`); `None` when it cannot be read.
    pub(super) fn maybe_count(text: Option<&str>) -> Option<Option<u32>> {
        match text {
            None => Some(None),
            Some(_) => count(text).map(Some),
        }
    }

    /// The users a value lists (none when it is absent).
    pub(super) fn users(text: Option<&str>) -> Vec<UserId> {
        text.map(read_users).unwrap_or_default().into_iter().map(UserId::from).collect()
    }

    pub(super) fn item(text: Option<&str>) -> Option<Item> {
        Item::read(text?)
    }

    /// The value as text, or as the id it names.
    pub(super) fn text<T: From<String>>(text: Option<&str>) -> Option<T> {
        text.map(|t| T::from(t.to_string()))
    }

    /// A switch as stored: `on` or `off`.
    pub(super) fn switch(text: Option<&str>) -> Option<bool> {
        match text? {
            "on" => Some(true),
            "off" => Some(false),
            _ => None,
        }
    }

    pub(super) fn status(text: Option<&str>) -> Option<OrderStatus> {
        OrderStatus::parse(text?)
    }

    pub(super) fn timing(text: Option<&str>) -> Option<UpgradeTiming> {
        UpgradeTiming::parse(text?)
    }

    pub(super) fn role(text: Option<&str>) -> Option<Role> {
        Role::parse(text?)
    }

    pub(super) fn period(text: Option<&str>) -> Option<Period> {
        Period::read(text?)
    }

    pub(super) fn date(text: Option<&str>) -> Option<Date> {
        Date::parse(text?)
    }

    /// The order the entry was done as part of.
    pub(super) fn part_of(outcome: Outcome) -> Option<OrderId> {
        match outcome {
            Outcome::PartOf { order } => Some(order.into()),
            _ => None,
        }
    }

    /// An order's move: the outcome names the order, the values its old
    /// and new status.
    pub(super) fn moved(
        outcome: Outcome,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Option<OrderMove> {
        match outcome {
            Outcome::Order { order, .. } => {
                Some(OrderMove { order: order.into(), from: status(old)?, to: status(new)? })
            }
            _ => None,
        }
    }
}

/// One action of every kind (and of each shape a kind takes), with the ids
/// of the demo workspace's Contoso: for the tests here and in `i18n::audit`.
#[cfg(test)]
pub(crate) fn examples() -> Vec<AuditAction> {
    use super::BillingCycle::{Annual, Monthly};
    use AuditAction as A;
    use OrderStatus as S;
    let d = |text| Date::parse(text).unwrap();
    let item = |offer: &str, quantity, billing| Item { offer_id: offer.into(), quantity, billing };
    let users = || vec!["u-contoso-1".into(), "u-contoso-2".into()];
    let order = || OrderId::from("ord-1002");
    let moved = |from, to| OrderMove { order: order(), from, to };
    vec![
        A::LicensesChanged { from: 25, to: 30 },
        A::LicensesAssigned { users: users() },
        A::LicensesUnassigned { users: users() },
        A::OrderPlaced {
            order: order(),
            item: item("o365-e3", 30, Some(Annual)),
            status: S::CreditCheck,
        },
        A::CreditCheckApproved(moved(S::CreditCheck, S::Provisioning)),
        A::ScheduledUpgradeStarted(moved(S::Scheduled, S::Provisioning)),
        A::ScheduledUpgradeCancelled(moved(S::Scheduled, S::Cancelled)),
        A::SubscriptionCancelled { order: Some(order()) },
        A::SubscriptionCancelled { order: None },
        A::SubscriptionCreated {
            order: order(),
            replaced_offer: Some("m365-business-basic".into()),
            item: item("o365-e3", 30, None),
        },
        A::SubscriptionCreated {
            order: order(),
            replaced_offer: None,
            item: item("o365-e3", 5, None),
        },
        A::LicensesMoved { order: order(), from: "sub-contoso-2".into(), count: 6 },
        A::OrderFailed {
            order: order(),
            reason: "subscription sub-contoso-1 is no longer active".into(),
        },
        A::RoleChanged { from: Role::AdminAgent, to: Role::BillingAdmin },
        A::SimulatedDateChanged { from: None, to: Some(d("2026-12-02")) },
        A::SimulatedDateChanged { from: Some(d("2026-12-02")), to: None },
        A::CartLineAdded { item: item("o365-e3", 25, Some(Monthly)) },
        A::CartLineChanged {
            from: item("o365-e3", 25, Some(Monthly)),
            to: item("o365-e3", 30, Some(Monthly)),
        },
        A::CartLineRemoved { item: item("o365-e3", 30, Some(Monthly)) },
        A::CartLineTimingChanged { from: UpgradeTiming::Now, to: UpgradeTiming::AtRenewal },
        A::SoldToChanged { from: "Contoso Ltd, Seattle".into(), to: "Contoso Ltd, Redmond".into() },
        A::BillToChanged { from: "Contoso Accounts".into(), to: "Contoso AP".into() },
        A::WorkspaceImported { file: "book.json".into() },
        A::WorkspaceReset { cloud: Cloud::China },
        A::AddonMoved { from: "sub-contoso-1".into(), to: "sub-contoso-3".into() },
        A::SubscriptionRenewed {
            from: Period { start: d("2026-11-01"), end: d("2026-12-01") },
            to: Period { start: d("2026-12-01"), end: d("2027-01-01") },
        },
        A::SubscriptionExpired { on: d("2026-12-01"), base: None },
        A::SubscriptionExpired { on: d("2026-12-01"), base: Some("sub-contoso-1".into()) },
        A::AutoRenewChanged { to: false },
        A::AutoRenewChanged { to: true },
        A::OfferChanged {
            order: order(),
            from: "m365-business-basic".into(),
            to: "m365-business-standard".into(),
        },
        A::CartLineUsersChosen { users: users() },
        A::NextTermChanged { from: None, to: Some(6) },
        A::NextTermChanged { from: Some(6), to: None },
        A::TermRenewed {
            from: Period { start: d("2026-10-22"), end: d("2026-11-22") },
            to: Period { start: d("2026-11-22"), end: d("2026-12-22") },
        },
        A::BillingPeriodStarted {
            from: Period { start: d("2026-11-01"), end: d("2026-12-01") },
            to: Period { start: d("2026-12-01"), end: d("2027-01-01") },
        },
        A::PartnerCenterImported { files: "customers.json, subscriptions.json".into() },
    ]
}

#[cfg(test)]
mod tests {
    use super::super::AuditEntry;
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_examples_hold_every_kind() {
        let kinds: BTreeSet<AuditKind> = examples().iter().filter_map(AuditAction::kind).collect();
        assert_eq!(kinds, AuditKind::ALL.iter().copied().collect(), "an example of each kind");
    }

    #[test]
    fn every_action_reads_back_from_what_it_stores() {
        for action in examples() {
            let stored = action.stored();
            assert_eq!(stored.code, action.code());
            assert_eq!(AuditAction::read(stored.clone()), action, "{stored:?}");
        }
    }

    /// Entries as the builds before the typed log wrote them: the demo
    /// workspace's own entry, then one of each action and shape that the
    /// domain's commands wrote in a session run on the last build with string
    /// actions. Each reads as its action and writes back byte for byte.
    const WRITTEN: &[&str] = &[
        r#"{"at":"2026-11-20T15:42:00.000Z","actor":"Avery Howard","action":"order_placed","customerId":"margie-travel","subscriptionId":"sub-margie-1","oldValue":null,"newValue":"o365-e3 × 30 (annual)","outcome":"ord-1001 credit_check"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"cart_line_added","customerId":"contoso","subscriptionId":"sub-contoso-1","oldValue":null,"newValue":"o365-e3 × 25 (monthly)","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"cart_line_changed","customerId":"contoso","subscriptionId":"sub-contoso-1","oldValue":"o365-e3 × 25 (monthly)","newValue":"o365-e3 × 30 (monthly)","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"cart_line_timing_changed","customerId":"contoso","subscriptionId":"sub-contoso-1","oldValue":"now","newValue":"at_renewal","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"sold_to_changed","customerId":"contoso","subscriptionId":null,"oldValue":"Seattle","newValue":"Redmond","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"bill_to_changed","customerId":"contoso","subscriptionId":null,"oldValue":"Contoso Ltd Accounts","newValue":"Contoso AP 支払","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:04.000Z","actor":"Ana","action":"subscription_cancelled","customerId":"contoso","subscriptionId":"sub-contoso-1","oldValue":"active","newValue":"cancelled","outcome":"ord-1002"}"#,
        r#"{"at":"2026-11-21T10:00:04.000Z","actor":"Ana","action":"subscription_created","customerId":"contoso","subscriptionId":"sub-1002-1","oldValue":"m365-business-basic","newValue":"o365-e3 × 30","outcome":"ord-1002"}"#,
        r#"{"at":"2026-11-21T10:00:04.000Z","actor":"Ana","action":"licenses_moved","customerId":"contoso","subscriptionId":"sub-1002-1","oldValue":"sub-contoso-1","newValue":"6","outcome":"ord-1002"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"credit_check_approved","customerId":"margie-travel","subscriptionId":"sub-margie-1","oldValue":"credit_check","newValue":"provisioning","outcome":"ord-1001 provisioning"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"cart_line_removed","customerId":"fabrikam","subscriptionId":"sub-fabrikam-1","oldValue":"o365-e3 × 5 (monthly)","newValue":null,"outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:12.000Z","actor":"Ana","action":"subscription_created","customerId":"fabrikam","subscriptionId":"sub-1003-1","oldValue":null,"newValue":"o365-e3 × 5","outcome":"ord-1003"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"licenses_changed","customerId":"fabrikam","subscriptionId":"sub-fabrikam-1","oldValue":"10","newValue":"12","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"licenses_assigned","customerId":"fabrikam","subscriptionId":"sub-1003-1","oldValue":null,"newValue":"u-fabrikam-1, u-fabrikam-2","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"licenses_unassigned","customerId":"fabrikam","subscriptionId":"sub-fabrikam-1","oldValue":"u-fabrikam-1, u-fabrikam-2","newValue":null,"outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"subscription_cancelled","customerId":"fabrikam","subscriptionId":"sub-fabrikam-1","oldValue":"active","newValue":"cancelled","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"addon_moved","customerId":"fabrikam","subscriptionId":"sub-fabrikam-2","oldValue":"sub-fabrikam-1","newValue":"sub-1003-1","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"scheduled_upgrade_cancelled","customerId":"tailspin","subscriptionId":"sub-tailspin-1","oldValue":"scheduled","newValue":"cancelled","outcome":"ord-1004 cancelled"}"#,
        r#"{"at":"2026-11-21T10:00:16.000Z","actor":"Upgrade Center","action":"order_failed","customerId":"relecloud","subscriptionId":"sub-relecloud-1","oldValue":null,"newValue":null,"outcome":"ord-1006: subscription sub-relecloud-1 is no longer active"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"role_changed","customerId":null,"subscriptionId":null,"oldValue":"admin_agent","newValue":"global_admin","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"simulated_date_changed","customerId":null,"subscriptionId":null,"oldValue":"2026-11-21","newValue":"2026-12-02","outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Ana","action":"scheduled_upgrade_started","customerId":"wingtip","subscriptionId":"sub-wingtip-1","oldValue":"scheduled","newValue":"provisioning","outcome":"ord-1005 provisioning"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Upgrade Center","action":"subscription_renewed","customerId":"litware","subscriptionId":"sub-litware-1","oldValue":"2026-11-01/2026-12-01","newValue":"2026-12-01/2027-01-01","outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Upgrade Center","action":"subscription_expired","customerId":"coho-winery","subscriptionId":"sub-coho-1","oldValue":"2026-12-01","newValue":null,"outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Upgrade Center","action":"subscription_expired","customerId":"coho-winery","subscriptionId":"sub-coho-2","oldValue":"2026-12-01","newValue":"sub-coho-1","outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Ana","action":"auto_renew_changed","customerId":"contoso","subscriptionId":"sub-contoso-1","oldValue":"on","newValue":"off","outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Ana","action":"simulated_date_changed","customerId":null,"subscriptionId":null,"oldValue":"2026-12-02","newValue":null,"outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Ana","action":"workspace_imported","customerId":null,"subscriptionId":null,"oldValue":null,"newValue":"book.json","outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Ana","action":"workspace_reset","customerId":null,"subscriptionId":null,"oldValue":null,"newValue":"china","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Upgrade Center","action":"offer_changed","customerId":"proseware","subscriptionId":"sub-proseware-1","oldValue":"m365-business-basic","newValue":"m365-business-standard","outcome":"ord-1002"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"cart_line_users_chosen","customerId":"proseware","subscriptionId":"sub-proseware-1","oldValue":null,"newValue":"u-proseware-1, u-proseware-2","outcome":"saved"}"#,
        r#"{"at":"2026-11-21T10:00:00.000Z","actor":"Ana","action":"next_term_changed","customerId":"lamna","subscriptionId":"sub-lamna-1","oldValue":null,"newValue":"6","outcome":"saved"}"#,
        r#"{"at":"2026-11-22T00:00:00.000Z","actor":"Upgrade Center","action":"term_renewed","customerId":"lamna","subscriptionId":"sub-lamna-1","oldValue":"2026-10-22/2026-11-22","newValue":"2026-11-22/2026-12-22","outcome":"saved"}"#,
        r#"{"at":"2026-12-01T00:00:00.000Z","actor":"Upgrade Center","action":"billing_period_started","customerId":"proseware","subscriptionId":"sub-proseware-1","oldValue":"2026-11-01/2026-12-01","newValue":"2026-12-01/2027-01-01","outcome":"saved"}"#,
        r#"{"at":"2026-12-02T10:00:00.000Z","actor":"Ana","action":"partner_center_imported","customerId":null,"subscriptionId":null,"oldValue":null,"newValue":"customers.json, subscriptions-contoso.json","outcome":"saved"}"#,
    ];

    #[test]
    fn entries_written_by_earlier_builds_write_back_the_same_json() {
        let mut kinds = BTreeSet::new();
        for json in WRITTEN {
            let entry: AuditEntry = serde_json::from_str(json).unwrap();
            kinds.extend(entry.action().kind());
            assert!(entry.action().kind().is_some(), "read as a known action: {json}");
            assert_eq!(entry.order(), entry.action().order(), "{json}");
            assert_eq!(serde_json::to_string(&entry).unwrap(), *json);
        }
        assert_eq!(kinds.len(), AuditKind::ALL.len(), "every kind as an earlier build wrote it");
    }

    #[test]
    fn what_this_build_cannot_read_is_kept_as_it_was() {
        let unreadable = [
            // A code this build does not know (a newer build's).
            r#"{"at":"2027-01-01T00:00:00.000Z","actor":"A","action":"nce_term_changed","customerId":"contoso","subscriptionId":null,"oldValue":"P1M","newValue":"P1Y","outcome":"saved"}"#,
            // An older build's count of users moved ("9 users", now "9").
            r#"{"at":"2026-11-21T10:00:00.000Z","actor":"A","action":"licenses_moved","customerId":"contoso","subscriptionId":"sub-1002-1","oldValue":"sub-contoso-1","newValue":"9 users","outcome":"ord-1002"}"#,
            // Values a known action cannot hold.
            r#"{"at":"2026-11-21T10:00:00.000Z","actor":"A","action":"licenses_changed","customerId":null,"subscriptionId":null,"oldValue":"many","newValue":"030","outcome":"saved"}"#,
            r#"{"at":"2026-11-21T10:00:00.000Z","actor":"A","action":"role_changed","customerId":null,"subscriptionId":null,"oldValue":"admin_agent","newValue":"admin_agent","outcome":"ord-1"}"#,
            r#"{"at":"2026-11-21T10:00:00.000Z","actor":"A","action":"","customerId":null,"subscriptionId":null,"oldValue":null,"newValue":null,"outcome":""}"#,
        ];
        for json in unreadable {
            let entry: AuditEntry = serde_json::from_str(json).unwrap();
            assert!(matches!(entry.action(), AuditAction::Unknown { .. }), "{json}");
            assert_eq!(serde_json::to_string(&entry).unwrap(), json);
        }
        let entry: AuditEntry = serde_json::from_str(unreadable[1]).unwrap();
        assert_eq!(
            entry.action(),
            AuditAction::Unknown {
                code: "licenses_moved".into(),
                old: Some("sub-contoso-1".into()),
                new: Some("9 users".into()),
                outcome: "ord-1002".into()
            }
        );
        assert_eq!(entry.code(), "licenses_moved");
        assert_eq!(entry.action().order(), Some("ord-1002"));
    }

    #[test]
    fn outcomes_read_back() {
        for text in ["saved", "ord-1 provisioning", "ord-1", "ord-1: no longer active", "a b", ""] {
            assert_eq!(Outcome::read(text).write(), text);
        }
        assert_eq!(
            Outcome::read("ord-1 credit_check"),
            Outcome::Order { order: "ord-1", status: OrderStatus::CreditCheck }
        );
    }
}
