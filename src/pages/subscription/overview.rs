//! The Overview tab: every field, the add-ons and the assigned users.

use super::auto_renew::AutoRenew;
use super::cancel_now::CancelNow;
use super::Selected;
use crate::components::offer_name::OfferName;
use crate::components::status::SubscriptionStatusBadge;
use crate::components::users::UserTable;
use crate::domain::ids::CustomerId;
use crate::domain::money::Money;
use crate::domain::workspace::{Customer, Subscription};
use crate::i18n::format;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Overview(selected: Selected) -> impl IntoView {
    let t = use_app().t();
    let Selected { customer, subscription, .. } = selected;
    let addons: Vec<_> = customer.addons_of(&subscription.id).cloned().collect();
    let users: Vec<_> =
        customer.users.iter().filter(|u| u.licenses.contains(&subscription.id)).cloned().collect();
    let assigned = users.len();
    view! {
        <Fields customer=customer.clone() subscription assigned/>
        <h2 class="section-title">{t.addons_title}</h2>
        <AddonTable customer_id=customer.id addons/>
        <h2 class="section-title">{t.assigned_users_title}</h2>
        <UserTable users/>
    }
}

/// Every field of the subscription, in a card.
#[component]
fn Fields(customer: Customer, subscription: Subscription, assigned: usize) -> impl IntoView {
    let state = use_app();
    let t = state.t();
    let locale = state.locale.get_untracked();
    let s = subscription;
    let price = price(&customer, &s);
    let services = services(&s);
    let base_href = base_link(&customer, &s);
    view! {
        <div class="card">
            <dl class="field-grid">
                <dt>{t.field_offer}</dt>
                <dd><OfferName offer_id=s.offer_id.clone()/></dd>
                <dt>{t.field_friendly_name}</dt>
                <dd>{s.friendly_name.clone()}</dd>
                <dt>{t.col_status}</dt>
                <dd><SubscriptionStatusBadge status=s.status/></dd>
                <dt>{t.col_quantity}</dt>
                <dd>{format::number(locale, s.quantity)}</dd>
                <dt>{t.col_assigned}</dt>
                <dd>{match customer.assigned(&s.id) {
                    Some(_) => format::number(locale, assigned as f64),
                    None => t.users_not_imported.to_string(),
                }}</dd>
                <dt>{t.col_billing}</dt>
                <dd>{t.billing(s.billing_cycle)}</dd>
                <dt>{t.field_commerce}</dt>
                <dd data-testid="commerce" data-commerce=s.commerce.as_str()>
                    {t.nce_summary(&s).unwrap_or_else(|| t.commerce_legacy.to_string())}
                </dd>
                {s.term_start.zip(s.term_end).filter(|_| s.commerce.is_nce()).map(|(start, end)| view! {
                    <dt>{t.field_term}</dt>
                    <dd>{format!("{} – {}", format::date(locale, start), format::date(locale, end.add_days(-1)))}</dd>
                })}
                <dt>{t.field_period}</dt>
                <dd>{format!("{} – {}", format::date(locale, s.period_start), format::date(locale, s.period_end.add_days(-1)))}</dd>
                <dt>{t.col_renewal}</dt>
                <dd>{match s.renews_on() {
                    None => t.no_renewal.to_string(),
                    Some(date) if !s.auto_renew => t.ends_on(date),
                    Some(date) => format::date(locale, date),
                }}</dd>
                <dt>{t.field_auto_renew}</dt>
                // A cancelled or expired subscription renews no more, whatever it was set to.
                <dd><AutoRenew customer_id=customer.id.clone() subscription=s.clone()/></dd>
                {(s.commerce.is_nce() && s.status.is_live()).then(|| view! {
                    <dt>{t.field_cancellation}</dt>
                    <dd><CancelNow customer_id=customer.id.clone() subscription_id=s.id.clone()/></dd>
                })}
                <dt>{t.col_channel}</dt>
                <dd>{t.channel(s.channel)}</dd>
                <dt>{t.field_price}</dt>
                <dd>{price}</dd>
                <dt>{t.field_services}</dt>
                <dd>{services}</dd>
                {base_href.map(|(parent, href)| view! {
                    <dt>{t.field_base_subscription}</dt>
                    <dd><A href=state.href(&href) exact=true>{parent}</A></dd>
                })}
            </dl>
        </div>
    }
}

/// The price of one licence a month, in the customer's currency.
fn price(customer: &Customer, s: &Subscription) -> Option<String> {
    let state = use_app();
    let offer = state.catalog.offer(&s.offer_id)?;
    let (cloud, currency) = state.workspace.with_untracked(|w| {
        let cloud = w.partner.cloud;
        (cloud, state.catalog.billing(cloud, &customer.market).currency.clone())
    });
    Some(state.t().per_license_month(&Money::new(
        state.catalog.subscription_price(offer, cloud, &customer.market, s),
        currency.as_str(),
    )))
}

/// The services the offer includes, by name.
fn services(s: &Subscription) -> String {
    let catalog = use_app().catalog;
    catalog
        .offer(&s.offer_id)
        .map(|o| {
            o.services
                .iter()
                .map(|id| catalog.service_name(id).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// An add-on's base and the path to it: the base by its name, as the
/// partner knows it, not by its id.
fn base_link(customer: &Customer, s: &Subscription) -> Option<(String, String)> {
    let catalog = use_app().catalog;
    s.parent_subscription_id.as_ref().map(|parent| {
        let name = customer.subscription(parent).map_or_else(
            || parent.to_string(),
            |b| format!("{} ({})", catalog.offer_name(&b.offer_id), b.friendly_name),
        );
        (name, links::subscription(&customer.id, parent))
    })
}

/// The subscription's add-ons, each a link, or a sentence when it has none.
#[component]
fn AddonTable(customer_id: CustomerId, addons: Vec<Subscription>) -> impl IntoView {
    let state = use_app();
    let t = state.t();
    let locale = state.locale.get_untracked();
    if addons.is_empty() {
        return view! { <p class="secondary">{t.no_addons}</p> }.into_any();
    }
    view! {
        <div class="table-card">
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t.col_name}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col" class="num">{t.col_quantity}</th>
                </tr></thead>
                <tbody>
                    {addons.into_iter().map(|a| view! {
                        <tr>
                            <td><A href=state.href(&links::subscription(&customer_id, &a.id)) exact=true><OfferName offer_id=a.offer_id.clone() friendly=a.friendly_name.clone()/></A></td>
                            <td><SubscriptionStatusBadge status=a.status/></td>
                            <td class="num">{format::number(locale, a.quantity)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
