//! Step 2: verify the new subscription: the services it would lose, and
//! whether it has the old one's licences (buying the rest if not).

use super::{offer_name, Upgrade};
use crate::components::confirm::{use_confirm, Question};
use crate::components::messages::{count_change_lines, license_message};
use crate::components::page::{MessageBar, Tone};
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::domain::licenses::{self, Replacement};
use crate::domain::proration::count_change_price;
use crate::i18n::msg;
use crate::state::use_app;
use leptos::prelude::*;

/// The new subscription to move to, chosen among the partner's, with the
/// services its users would lose and its licence check.
#[component]
pub(super) fn StepVerify(
    up: Upgrade,
    choices: Vec<Replacement>,
    customer_id: CustomerId,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Upgrade { chosen, chosen_replacement, .. } = up;
    view! {
        <li class="card wizard-step" data-testid="manual-step" data-step="2">
            <h2 class="cart-line-title">"2 · "{move || t().manual_step2}</h2>
            <p class="secondary caption">{move || t().manual_partner_only}</p>
            {if choices.is_empty() {
                view! { <p class="secondary">{move || t().manual_no_new}</p> }.into_any()
            } else {
                view! {
                    <div class="form-field">
                        <label for="manual-new">{move || t().manual_new_label}</label>
                        <select id="manual-new" data-testid="manual-new" prop:value=move || chosen.get().map(String::from).unwrap_or_default()
                            on:change=move |ev| { let id = event_target_value(&ev); chosen.set((!id.is_empty()).then(|| SubscriptionId::from(id))) }>
                            <option value="">{move || t().manual_choose_new}</option>
                            {choices.iter().map(|r| {
                                let s = &r.subscription;
                                view! { <option value=s.id.to_string()>{format!("{} · {} · {}", offer_name(&s.offer_id), s.friendly_name, s.id)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    {move || chosen_replacement.get().filter(|r| !r.lost_services.is_empty()).map(|r| {
                        let services = r.lost_services.iter().map(|id| state.catalog.service_name(id)).collect::<Vec<_>>().join(", ");
                        view! { <MessageBar tone=Tone::Warning><span data-testid="manual-lost-services">{t().manual_loses_services(&services)}</span></MessageBar> }
                    })}
                    <VerifyCount up customer_id/>
                }.into_any()
            }}
        </li>
    }
}

/// Whether the new subscription has the old one's licences; when short, Buy
/// more, which asks first with the price (docs/rules.md#confirmation).
#[component]
fn VerifyCount(up: Upgrade, customer_id: CustomerId) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Upgrade { chosen_replacement, new_sub, old_quantity, step_error, .. } = up;
    let confirm = use_confirm();
    let buy_more = move |_| {
        let Some(new) = new_sub.get_untracked() else { return };
        let price = state.workspace.with_untracked(|w| {
            let customer = w.customer(&customer_id)?;
            let current = customer.subscription(&new.id)?;
            Some((
                current.quantity,
                count_change_price(
                    state.catalog,
                    w,
                    customer,
                    current,
                    old_quantity,
                    state.today(),
                ),
            ))
        });
        let Some((from, price)) = price else { return };
        let (t, locale) = (state.t(), state.locale.get_untracked());
        let customer_id = customer_id.clone();
        confirm.ask(Question {
            title: t.confirm_count_title(msg::ConfirmCountTitle {
                old: from.into(),
                new: old_quantity.into(),
            }),
            lines: count_change_lines(locale, &price),
            accept: t.confirm_buy_more_accept.into(),
            on_accept: Callback::new(move |()| {
                if let Err(e) = state.run(|w, now, actor| {
                    licenses::set_quantity(
                        state.catalog,
                        w,
                        &customer_id,
                        &new.id,
                        old_quantity,
                        now,
                        actor,
                    )
                }) {
                    step_error.set(Some(license_message(state.t(), &e)));
                }
            }),
        });
    };
    move || {
        chosen_replacement.get().map(|r| (r.is_ready(old_quantity), r.subscription)).map(|(ready, new)| if ready {
        view! { <MessageBar tone=Tone::Success>{t().manual_verify_ok(msg::ManualVerifyOk { count: new.quantity.into(), old: old_quantity.into() })}</MessageBar> }.into_any()
    } else if new.quantity >= old_quantity {
        // Enough licences, but services would be lost: said above.
        ().into_any()
    } else {
        view! {
            <MessageBar tone=Tone::Warning>{t().manual_verify_short(msg::ManualVerifyShort { count: new.quantity.into(), old: old_quantity.into() })}</MessageBar>
            <button class="button-secondary" data-testid="manual-buy-more" title=move || state.read_only_reason() on:click=buy_more.clone() disabled=move || !state.can_act()>
                {t().manual_buy_more(old_quantity.into())}
            </button>
        }.into_any()
    })
    }
}
