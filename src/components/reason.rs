//! One ineligibility reason as a partner reads it: a sentence with the facts
//! filled in, what to do about it, and the code for support tickets.

use crate::domain::catalog::Catalog;
use crate::domain::eligibility::{AddonBlock, Fact, OtherSubscription, Reason, ReasonCode};
use crate::domain::ids::OfferId;
use crate::i18n::msg;
use crate::i18n::{Locale, Strings};
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

fn services(catalog: &Catalog, ids: &[String]) -> String {
    ids.iter().map(|id| catalog.service_name(id)).collect::<Vec<_>>().join(", ")
}

fn other_remedy(t: &Strings, other: &OtherSubscription) -> String {
    if other.is_multichannel() {
        t.remedy_multichannel(t.channel(other.channel))
    } else {
        t.remedy_partner_owned.to_string()
    }
}

/// The sentence and the remedy for `reason`, on the way to `target`.
pub fn describe(
    locale: Locale,
    catalog: &Catalog,
    reason: &Reason,
    target: &str,
) -> (String, String) {
    let t = locale.strings();
    match (&reason.code, &reason.fact) {
        (ReasonCode::SubscriptionStatusNotActive, Fact::Status(s)) => (
            t.reason_status_not_active(&t.status(*s).to_lowercase()),
            t.remedy_status_not_active.into(),
        ),
        (ReasonCode::SubscriptionNotProvisioned, _) => {
            (t.reason_not_provisioned.into(), t.remedy_not_provisioned.into())
        }
        (ReasonCode::DelegatedAdminPermissionsDisabled, _) => {
            (t.reason_admin_disabled.into(), t.remedy_admin_disabled.into())
        }
        (ReasonCode::RoleNotPermitted, Fact::Role(role)) => {
            (t.reason_role(t.role(*role)), t.remedy_role.into())
        }
        (ReasonCode::ConcurrencyConflicts, Fact::PendingOrder { order_id }) => {
            (t.reason_concurrency(order_id), t.remedy_concurrency.into())
        }
        (ReasonCode::UpgradeAlreadyScheduled, Fact::Scheduled { order_id, on }) => (
            t.reason_scheduled(msg::ReasonScheduled { order: order_id, date: *on }),
            t.remedy_scheduled.into(),
        ),
        (ReasonCode::MoreUsersThanLicenses, Fact::Users { assigned, licenses }) => (
            t.reason_more_users(msg::ReasonMoreUsers {
                users: *assigned as u64,
                licenses: (*licenses).into(),
            }),
            t.remedy_more_users.into(),
        ),
        (
            ReasonCode::SubscriptionDoesNotHaveAnyUpgradePaths,
            Fact::NoUpgradePath { offer_id, .. },
        ) => (t.reason_no_path(catalog.offer_name(offer_id)), t.remedy_no_path.into()),
        (
            ReasonCode::InsufficientGranularAdminPermissions,
            Fact::ServicesNotDelegated { services: ids },
        ) => (t.reason_granular(&services(catalog, ids)), t.remedy_granular.into()),
        (ReasonCode::TargetOfferAlreadyOwned, Fact::InCart { source_subscription_id, .. }) => {
            (t.reason_in_cart(source_subscription_id), t.remedy_in_cart.into())
        }
        (ReasonCode::TargetOfferAlreadyOwned, Fact::AlreadyOwned(other)) => (
            t.reason_owned(msg::ReasonOwned {
                offer: catalog.offer_name(&other.offer_id),
                bought: t.bought(other.channel),
            }),
            other_remedy(t, other),
        ),
        (
            ReasonCode::ConflictingServiceTypes,
            Fact::ConflictingServices { other, services: ids },
        ) => conflict(t, catalog, other, ids, target),
        (ReasonCode::SubscriptionAddOnsPresent, Fact::AddOn { offer_id, block, .. }) => {
            addon_blocks(t, catalog, offer_id, block, target)
        }
        (ReasonCode::OfferNotAvailableInMarket, Fact::NotInMarket { market, .. }) => (
            t.reason_not_in_market(msg::ReasonNotInMarket {
                target: catalog.offer_name(target),
                market,
            }),
            t.remedy_not_in_market.into(),
        ),
        // Every code comes with its own fact; this arm only keeps the match total.
        (code, _) => (code.as_str().to_string(), String::new()),
    }
}

/// Another subscription whose services overlap the target's.
fn conflict(
    t: &Strings,
    catalog: &Catalog,
    other: &OtherSubscription,
    ids: &[String],
    target: &str,
) -> (String, String) {
    let sentence = t.reason_conflict(msg::ReasonConflict {
        offer: catalog.offer_name(&other.offer_id),
        bought: t.bought(other.channel),
        services: &services(catalog, ids),
    });
    // Adding licences to the other one would buy more of what it is; the
    // way to the target is to upgrade that one instead.
    let remedy = if other.is_multichannel() {
        other_remedy(t, other)
    } else {
        t.remedy_conflict_partner(msg::RemedyConflictPartner {
            offer: catalog.offer_name(&other.offer_id),
            target: catalog.offer_name(target),
        })
    };
    (sentence, remedy)
}

/// An add-on of the source that cannot go along to the target.
fn addon_blocks(
    t: &Strings,
    catalog: &Catalog,
    offer_id: &str,
    block: &AddonBlock,
    target: &str,
) -> (String, String) {
    match block {
        AddonBlock::CannotAttach => (
            t.reason_addon_cannot_attach(msg::ReasonAddonCannotAttach {
                addon: catalog.offer_name(offer_id),
                target: catalog.offer_name(target),
            }),
            t.remedy_addon_cannot_attach.into(),
        ),
        AddonBlock::NotMovable(status) => (
            t.reason_addon_not_movable(msg::ReasonAddonNotMovable {
                addon: catalog.offer_name(offer_id),
                status: &t.status(*status).to_lowercase(),
            }),
            t.remedy_addon_not_movable.into(),
        ),
    }
}

#[component]
pub fn ReasonItem(reason: Reason, target: OfferId) -> impl IntoView {
    let state = use_app();
    let code = reason.code.as_str();
    let reason_code = reason.code;
    let text = Memo::new(move |_| describe(state.locale.get(), state.catalog, &reason, &target));
    view! {
        <li class="reason" data-testid="reason" data-code=code>
            <span class="reason-text">{move || text.get().0}</span>
            <span class="reason-remedy">
                <strong>{move || state.t().what_you_can_do}</strong>" "{move || text.get().1}
                // The demo's way to move a credit check on (docs/rules.md#order-statuses).
                {(reason_code == ReasonCode::ConcurrencyConflicts).then(|| view! {
                    " "<A href=state.href(&links::settings())>{move || state.t().settings_credit_hint}</A>
                })}
            </span>
            <span class="reason-code caption">{move || state.t().reason_code_label}": "<code>{code}</code></span>
        </li>
    }
}
