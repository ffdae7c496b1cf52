//! Upgrade eligibility (docs/rules.md#eligibility): for a subscription, every target of its
//! cloud's matrix row with every reason that blocks it, the facts behind each
//! reason, and what the partner can do about it.

use super::catalog::{Catalog, Cloud, Offer};
use super::date::Date;
use super::ids::{OfferId, OrderId, SubscriptionId};
use super::string_enum::string_enum;
use super::workspace::{
    Channel, Customer, OrderStatus, Role, Subscription, SubscriptionStatus, Workspace,
};

string_enum! {
    /// The reason codes (docs/rules.md#subscription-level-reasons,
    /// docs/rules.md#target-level-reasons), as the Partner Center API and support
    /// tickets write them.
    pub enum ReasonCode {
        SubscriptionStatusNotActive = "subscription_status_not_active",
        SubscriptionNotProvisioned = "subscription_not_provisioned",
        DelegatedAdminPermissionsDisabled = "delegated_admin_permissions_disabled",
        RoleNotPermitted = "role_not_permitted",
        ConcurrencyConflicts = "concurrency_conflicts",
        UpgradeAlreadyScheduled = "upgrade_already_scheduled",
        MoreUsersThanLicenses = "more_users_than_licenses",
        SubscriptionDoesNotHaveAnyUpgradePaths = "subscription_does_not_have_any_upgrade_paths",
        InsufficientGranularAdminPermissions = "insufficient_granular_admin_permissions",
        TargetOfferAlreadyOwned = "target_offer_already_owned",
        ConflictingServiceTypes = "conflicting_service_types",
        SubscriptionAddOnsPresent = "subscription_add_ons_present",
        OfferNotAvailableInMarket = "offer_not_available_in_market",
    }
}

/// Another subscription of the customer that a reason points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherSubscription {
    pub subscription_id: SubscriptionId,
    pub offer_id: OfferId,
    pub channel: Channel,
}

impl OtherSubscription {
    /// Bought outside this partner: it must be cancelled there (multi-channel).
    pub fn is_multichannel(&self) -> bool {
        self.channel != Channel::Partner
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddonBlock {
    /// The add-on cannot attach to the target and the target does not include it.
    CannotAttach,
    /// The add-on is suspended or pending and cannot be moved in that state.
    NotMovable(SubscriptionStatus),
}

/// The facts behind a reason, for the sentence and the remedy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    Status(SubscriptionStatus),
    AdminNotGranted,
    Role(Role),
    PendingOrder {
        order_id: OrderId,
    },
    /// An upgrade at renewal already waits for this subscription's term end.
    Scheduled {
        order_id: OrderId,
        on: Date,
    },
    Users {
        assigned: usize,
        licenses: u32,
    },
    NoUpgradePath {
        offer_id: OfferId,
        cloud: Cloud,
    },
    ServicesNotDelegated {
        services: Vec<String>,
    },
    AlreadyOwned(OtherSubscription),
    ConflictingServices {
        other: OtherSubscription,
        services: Vec<String>,
    },
    AddOn {
        subscription_id: SubscriptionId,
        offer_id: OfferId,
        block: AddonBlock,
    },
    NotInMarket {
        market: String,
        cloud: Cloud,
    },
    /// Another line of the same customer's cart already gets this target.
    InCart {
        source_subscription_id: SubscriptionId,
        purchase: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub code: ReasonCode,
    pub fact: Fact,
}

impl Reason {
    /// Subscription-level reasons block every target.
    pub fn is_subscription_level(&self) -> bool {
        !matches!(
            self.code,
            ReasonCode::InsufficientGranularAdminPermissions
                | ReasonCode::TargetOfferAlreadyOwned
                | ReasonCode::ConflictingServiceTypes
                | ReasonCode::SubscriptionAddOnsPresent
                | ReasonCode::OfferNotAvailableInMarket
        )
    }
}

string_enum! {
    pub enum UpgradeType {
        UpgradeWithLicenseTransfer = "upgrade_with_license_transfer",
        UpgradeOnly = "upgrade_only",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Every service of the add-on is in the target: it is cancelled.
    Removed,
    /// It moves to the new subscription.
    CarriedOver,
    /// It blocks the upgrade (see the target's reasons).
    Blocking(AddonBlock),
}

impl Disposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Removed => "removed",
            Disposition::CarriedOver => "carried_over",
            Disposition::Blocking(_) => "blocking",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddonFate {
    pub subscription_id: SubscriptionId,
    pub offer_id: OfferId,
    pub quantity: u32,
    pub disposition: Disposition,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetEvaluation {
    pub target: OfferId,
    pub eligible: bool,
    pub upgrade_type: UpgradeType,
    pub quantity_default: u32,
    pub quantity_min: u32,
    pub quantity_max: u32,
    /// An upgrade at renewal's range: under new commerce it has the licences
    /// scheduled, at least the users who hold one (docs/rules.md#new-commerce-renewal);
    /// a legacy one's is the range above.
    pub renewal_quantity_min: u32,
    pub renewal_quantity_max: u32,
    /// Subscription-level reasons first, then this target's own.
    pub reasons: Vec<Reason>,
    /// What happens to each active, suspended or pending add-on of the source.
    pub addons: Vec<AddonFate>,
    /// Services the customer gains (target's minus source's).
    pub services_added: Vec<String>,
}

impl TargetEvaluation {
    /// The licences an upgrade starting `timing` may have: (min, max).
    pub fn quantity_range(&self, timing: crate::domain::workspace::UpgradeTiming) -> (u32, u32) {
        match timing {
            crate::domain::workspace::UpgradeTiming::Now => (self.quantity_min, self.quantity_max),
            crate::domain::workspace::UpgradeTiming::AtRenewal => {
                (self.renewal_quantity_min, self.renewal_quantity_max)
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub subscription_reasons: Vec<Reason>,
    pub targets: Vec<TargetEvaluation>,
}

impl Evaluation {
    pub fn is_upgradable(&self) -> bool {
        self.targets.iter().any(|t| t.eligible)
    }

    pub fn eligible_count(&self) -> usize {
        self.targets.iter().filter(|t| t.eligible).count()
    }

    pub fn target(&self, offer_id: &str) -> Option<&TargetEvaluation> {
        self.targets.iter().find(|t| t.target == offer_id)
    }
}

/// What eligibility needs to know beyond the customer itself. Keeping it
/// this small lets the UI re-evaluate a customer only when one of these, or
/// the customer, changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EligibilityContext {
    pub cloud: Cloud,
    pub role: Role,
    /// The customer's order in credit check or provisioning, if any.
    pub pending_order: Option<OrderId>,
    /// Upgrades at renewal waiting for their date: (source subscription,
    /// order, effective date). They block another upgrade of that source
    /// only, not the customer's other subscriptions
    /// (docs/rules.md#upgrade_already_scheduled).
    pub scheduled: Vec<(SubscriptionId, OrderId, Date)>,
}

impl EligibilityContext {
    pub fn of(workspace: &Workspace, customer_id: &str) -> EligibilityContext {
        EligibilityContext {
            cloud: workspace.partner.cloud,
            role: workspace.partner.user.role,
            pending_order: workspace
                .orders
                .iter()
                .find(|o| o.customer_id == customer_id && o.status.is_pending())
                .map(|o| o.id.clone()),
            scheduled: workspace
                .orders
                .iter()
                .filter(|o| o.customer_id == customer_id && o.status == OrderStatus::Scheduled)
                .flat_map(|o| {
                    let on = o.scheduled_for.unwrap_or(o.placed_on);
                    o.lines
                        .iter()
                        .map(move |l| (l.source_subscription_id.clone(), o.id.clone(), on))
                })
                .collect(),
        }
    }
}

/// Evaluates every upgrade of `subscription`, collecting every reason.
pub fn evaluate(
    catalog: &Catalog,
    workspace: &Workspace,
    customer: &Customer,
    subscription: &Subscription,
) -> Evaluation {
    evaluate_in(catalog, &EligibilityContext::of(workspace, &customer.id), customer, subscription)
}

/// [`evaluate`] from the context alone.
pub fn evaluate_in(
    catalog: &Catalog,
    context: &EligibilityContext,
    customer: &Customer,
    subscription: &Subscription,
) -> Evaluation {
    let cloud = context.cloud;
    let assigned = customer.assigned_users(&subscription.id);
    let mut subscription_reasons = subscription_reasons(context, customer, subscription, assigned);
    let Some(targets) = catalog.upgrade_targets(cloud, &subscription.offer_id) else {
        subscription_reasons.push(Reason {
            code: ReasonCode::SubscriptionDoesNotHaveAnyUpgradePaths,
            fact: Fact::NoUpgradePath { offer_id: subscription.offer_id.clone(), cloud },
        });
        return Evaluation { subscription_reasons, targets: Vec::new() };
    };
    let Some(source) = catalog.offer(&subscription.offer_id) else {
        return Evaluation { subscription_reasons, targets: Vec::new() };
    };
    let upgrade_type = if assigned > 0 {
        UpgradeType::UpgradeWithLicenseTransfer
    } else {
        UpgradeType::UpgradeOnly
    };
    let subject = Subject::new(catalog, cloud, customer, subscription);
    let targets = targets
        .iter()
        .filter_map(|id| catalog.offer(id))
        .map(|target| subject.evaluate(source, target, upgrade_type, &subscription_reasons))
        .collect();
    Evaluation { subscription_reasons, targets }
}

/// The reasons that block every target of `subscription`
/// (docs/rules.md#subscription-level-reasons), but for its having no upgrade
/// path. `assigned`: the users holding one of its licences.
fn subscription_reasons(
    context: &EligibilityContext,
    customer: &Customer,
    subscription: &Subscription,
    assigned: usize,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut add = |code, fact| reasons.push(Reason { code, fact });
    if subscription.status != SubscriptionStatus::Active {
        add(ReasonCode::SubscriptionStatusNotActive, Fact::Status(subscription.status));
    }
    if subscription.status == SubscriptionStatus::Pending {
        add(ReasonCode::SubscriptionNotProvisioned, Fact::Status(subscription.status));
    }
    if !customer.delegated_admin.granted {
        add(ReasonCode::DelegatedAdminPermissionsDisabled, Fact::AdminNotGranted);
    }
    let role = context.role;
    if !role.can_act() {
        add(ReasonCode::RoleNotPermitted, Fact::Role(role));
    }
    if let Some(order_id) = &context.pending_order {
        add(ReasonCode::ConcurrencyConflicts, Fact::PendingOrder { order_id: order_id.clone() });
    }
    for (_, order_id, on) in
        context.scheduled.iter().filter(|(source, _, _)| *source == subscription.id)
    {
        add(
            ReasonCode::UpgradeAlreadyScheduled,
            Fact::Scheduled { order_id: order_id.clone(), on: *on },
        );
    }
    if assigned > subscription.quantity as usize {
        add(
            ReasonCode::MoreUsersThanLicenses,
            Fact::Users { assigned, licenses: subscription.quantity },
        );
    }
    reasons
}

/// How many of the customer's subscriptions have at least one eligible target.
pub fn upgradable_count(catalog: &Catalog, workspace: &Workspace, customer: &Customer) -> usize {
    upgradable_count_in(catalog, &EligibilityContext::of(workspace, &customer.id), customer)
}

/// [`upgradable_count`] from the context alone.
pub fn upgradable_count_in(
    catalog: &Catalog,
    context: &EligibilityContext,
    customer: &Customer,
) -> usize {
    customer
        .subscriptions
        .iter()
        .filter(|s| evaluate_in(catalog, context, customer, s).is_upgradable())
        .count()
}

fn added_services(source: &Offer, target: &Offer) -> Vec<String> {
    target.services.iter().filter(|s| !source.has_service(s)).cloned().collect()
}

/// What each target of one subscription is checked against, gathered once
/// for all its targets.
struct Subject<'a> {
    catalog: &'a Catalog,
    cloud: Cloud,
    customer: &'a Customer,
    subscription: &'a Subscription,
    /// The customer's other live subscriptions (not this one's add-ons) and
    /// their offers: at partner scale, looking them up once per target was
    /// most of the report's time.
    others: Vec<(&'a Subscription, Option<&'a Offer>)>,
}

impl<'a> Subject<'a> {
    fn new(
        catalog: &'a Catalog,
        cloud: Cloud,
        customer: &'a Customer,
        subscription: &'a Subscription,
    ) -> Subject<'a> {
        let others = customer
            .subscriptions
            .iter()
            .filter(|other| {
                other.id != subscription.id
                    && other.parent_subscription_id.as_deref() != Some(subscription.id.as_str())
                    && other.status.is_live()
            })
            .map(|other| (other, catalog.offer(&other.offer_id)))
            .collect();
        Subject { catalog, cloud, customer, subscription, others }
    }

    /// The upgrade of the subject from `source` to `target`.
    fn evaluate(
        &self,
        source: &Offer,
        target: &Offer,
        upgrade_type: UpgradeType,
        subscription_reasons: &[Reason],
    ) -> TargetEvaluation {
        let mut reasons = subscription_reasons.to_vec();
        let nce = self.subscription.commerce.is_nce();
        let services_added = added_services(source, target);
        let addons = target_reasons(self, target, &services_added, &mut reasons);
        TargetEvaluation {
            target: target.id.clone(),
            eligible: reasons.is_empty(),
            upgrade_type,
            quantity_default: self.subscription.quantity,
            // New commerce upgrades 1 to all of the source's licences (a
            // partial upgrade leaves the rest); legacy moves them all and
            // may add more (docs/rules.md#new-commerce).
            quantity_min: if nce { 1 } else { self.subscription.quantity },
            quantity_max: if nce { self.subscription.quantity } else { target.seat_max() },
            renewal_quantity_min: if nce {
                (self.customer.assigned_users(&self.subscription.id) as u32).max(1)
            } else {
                self.subscription.quantity
            },
            renewal_quantity_max: target.seat_max(),
            reasons,
            addons,
            services_added,
        }
    }
}

/// Adds the target-level reasons and returns the fate of each add-on.
fn target_reasons(
    subject: &Subject,
    target: &Offer,
    added: &[String],
    reasons: &mut Vec<Reason>,
) -> Vec<AddonFate> {
    let Subject { catalog, cloud, customer, subscription, ref others } = *subject;
    reasons.extend(granular_admin_reason(customer, target));
    other_subscription_reasons(others, target, added, reasons);
    let addons = addon_fates(catalog, customer, subscription, target);
    reasons.extend(addons.iter().filter_map(addon_reason));
    if !target.sold_in(cloud, &customer.market) {
        reasons.push(Reason {
            code: ReasonCode::OfferNotAvailableInMarket,
            fact: Fact::NotInMarket { market: customer.market.clone(), cloud },
        });
    }
    addons
}

/// Delegated admin limited to services that leave out one of the target's.
fn granular_admin_reason(customer: &Customer, target: &Offer) -> Option<Reason> {
    let allowed =
        customer.delegated_admin.services.as_ref().filter(|_| customer.delegated_admin.granted)?;
    let missing: Vec<String> =
        target.services.iter().filter(|s| !allowed.contains(s)).cloned().collect();
    (!missing.is_empty()).then_some(Reason {
        code: ReasonCode::InsufficientGranularAdminPermissions,
        fact: Fact::ServicesNotDelegated { services: missing },
    })
}

/// The target already owned, and the services it adds that another
/// subscription already includes.
fn other_subscription_reasons(
    others: &[(&Subscription, Option<&Offer>)],
    target: &Offer,
    added: &[String],
    reasons: &mut Vec<Reason>,
) {
    // Built only for a reason: this loop runs for every pair of a customer's
    // subscriptions, and at partner scale the copies would be most of its time.
    let pointer = |other: &Subscription| OtherSubscription {
        subscription_id: other.id.clone(),
        offer_id: other.offer_id.clone(),
        channel: other.channel,
    };
    for &(other, other_offer) in others {
        if other.offer_id == target.id {
            reasons.push(Reason {
                code: ReasonCode::TargetOfferAlreadyOwned,
                fact: Fact::AlreadyOwned(pointer(other)),
            });
        }
        let Some(other_offer) = other_offer else { continue };
        let overlap: Vec<String> =
            added.iter().filter(|s| other_offer.has_service(s)).cloned().collect();
        if overlap.is_empty() {
            continue;
        }
        reasons.push(Reason {
            code: ReasonCode::ConflictingServiceTypes,
            fact: Fact::ConflictingServices { other: pointer(other), services: overlap },
        });
    }
}

/// What happens to each active, suspended or pending add-on of `subscription`
/// when it becomes `target` (docs/rules.md#add-ons-on-an-upgrade).
fn addon_fates(
    catalog: &Catalog,
    customer: &Customer,
    subscription: &Subscription,
    target: &Offer,
) -> Vec<AddonFate> {
    customer
        .addons_of(&subscription.id)
        .filter(|addon| addon.status.is_live())
        .filter_map(|addon| {
            let offer = catalog.offer(&addon.offer_id)?;
            let disposition = if addon.status != SubscriptionStatus::Active {
                Disposition::Blocking(AddonBlock::NotMovable(addon.status))
            } else if offer.services.iter().all(|s| target.has_service(s)) {
                Disposition::Removed
            } else if catalog.addon_attaches_to(offer, target) {
                Disposition::CarriedOver
            } else {
                Disposition::Blocking(AddonBlock::CannotAttach)
            };
            Some(AddonFate {
                subscription_id: addon.id.clone(),
                offer_id: addon.offer_id.clone(),
                quantity: addon.quantity,
                disposition,
            })
        })
        .collect()
}

/// The reason an add-on that blocks the upgrade gives.
fn addon_reason(fate: &AddonFate) -> Option<Reason> {
    let Disposition::Blocking(block) = fate.disposition else { return None };
    Some(Reason {
        code: ReasonCode::SubscriptionAddOnsPresent,
        fact: Fact::AddOn {
            subscription_id: fate.subscription_id.clone(),
            offer_id: fate.offer_id.clone(),
            block,
        },
    })
}
