//! The Overview tab: every field, the add-ons and the assigned users.

use super::Selected;
use crate::components::offer_name::OfferName;
use crate::components::status::SubscriptionStatusBadge;
use crate::components::users::UserTable;
use crate::domain::money::Money;
use crate::i18n::format;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Overview(selected: Selected) -> impl IntoView {
    let state = use_app();
    let t = state.t();
    let locale = state.locale.get_untracked();
    let Selected { customer, subscription: s, .. } = selected;
    let offer = state.catalog.offer(&s.offer_id);
    let currency = state.workspace.with_untracked(|w| {
        state.catalog.billing(w.partner.cloud, &customer.market).currency.clone()
    });
    let price = offer.map(|o| {
        let cloud = state.workspace.with_untracked(|w| w.partner.cloud);
        t.per_license_month(&Money::new(
            state.catalog.monthly_price(o, cloud, &customer.market),
            currency.as_str(),
        ))
    });
    let services = offer
        .map(|o| {
            o.services
                .iter()
                .map(|id| state.catalog.service_name(id).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let addons: Vec<_> = customer.addons_of(&s.id).cloned().collect();
    let users: Vec<_> =
        customer.users.iter().filter(|u| u.licenses.contains(&s.id)).cloned().collect();
    // The base by its name, as the partner knows it, not by its id.
    let base_href = s.parent_subscription_id.as_ref().map(|parent| {
        let name = customer.subscription(parent).map_or_else(
            || parent.clone(),
            |b| format!("{} ({})", state.catalog.offer_name(&b.offer_id), b.friendly_name),
        );
        (name, links::subscription(&customer.id, parent))
    });
    let assigned = users.len();
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
                <dd>{format::number(locale, assigned as f64)}</dd>
                <dt>{t.col_billing}</dt>
                <dd>{t.billing(s.billing_cycle)}</dd>
                <dt>{t.field_period}</dt>
                <dd>{format!("{} – {}", format::date(locale, s.period_start), format::date(locale, s.period_end.add_days(-1)))}</dd>
                <dt>{t.col_renewal}</dt>
                <dd>{s.renews_on().map_or_else(|| t.no_renewal.to_string(), |date| format::date(locale, date))}</dd>
                <dt>{t.field_auto_renew}</dt>
                // A cancelled or expired subscription renews no more, whatever it was set to.
                <dd>{if s.auto_renew && s.status.is_live() { t.yes } else { t.no }}</dd>
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
        <h2 class="section-title">{t.addons_title}</h2>
        {if addons.is_empty() {
            view! { <p class="secondary">{t.no_addons}</p> }.into_any()
        } else {
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
                                    <td><A href=state.href(&links::subscription(&customer.id, &a.id)) exact=true><OfferName offer_id=a.offer_id.clone() friendly=a.friendly_name.clone()/></A></td>
                                    <td><SubscriptionStatusBadge status=a.status/></td>
                                    <td class="num">{format::number(locale, a.quantity)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <h2 class="section-title">{t.assigned_users_title}</h2>
        <UserTable users/>
    }
}
