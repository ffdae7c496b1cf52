//! Step 1: buy a new subscription, through the cart and checkout.

use crate::components::fields::{BillingSelect, Quantity, QuantityField};
use crate::domain::cart;
use crate::domain::workspace::{CartLine, Customer, Subscription};
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The offer, licence count and billing of the new subscription, and Add to
/// cart.
#[component]
pub(super) fn StepBuy(customer: Customer, old: Subscription) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let cloud = state.workspace.with_untracked(|w| w.partner.cloud);
    let offers: Vec<_> = state
        .catalog
        .offers
        .iter()
        .filter(|o| !o.is_addon() && o.sold_in(cloud, &customer.market) && o.id != old.offer_id)
        .cloned()
        .collect();
    let offer = RwSignal::new(offers.first().map(|o| o.id.clone()).unwrap_or_default());
    let billing = RwSignal::new(old.billing_cycle);
    let seat_max =
        Signal::derive(move || state.catalog.offer(&offer.get()).map_or(1, |o| o.seat_max()));
    let quantity = Quantity::new(old.quantity, 1, seat_max);
    let parsed = quantity.parsed;
    let buy = {
        let (customer_id, old_id) = (customer.id.clone(), old.id.clone());
        move |_| {
            let Ok(q) = parsed.get_untracked() else { return };
            let line = CartLine {
                customer_id: customer_id.clone(),
                source_subscription_id: old_id.clone(),
                target_offer_id: offer.get_untracked(),
                quantity: q,
                billing_cycle: billing.get_untracked(),
                purchase: true,
                timing: Default::default(),
                moved_users: Vec::new(),
            };
            if state.run(|w, now, actor| cart::add(state.catalog, w, line, now, actor)).is_ok() {
                navigate(&links::cart(), Default::default());
            }
        }
    };
    view! {
        <li class="card wizard-step" data-testid="manual-step" data-step="1">
            <h2 class="cart-line-title">"1 · "{move || t().manual_step1}</h2>
            <div class="target-form">
                <div class="form-field">
                    <label for="manual-offer">{move || t().manual_offer_label}</label>
                    <select id="manual-offer" data-testid="manual-offer" prop:value=move || offer.get().to_string() on:change=move |ev| offer.set(event_target_value(&ev).into())>
                        {offers.iter().map(|o| view! { <option value=o.id.to_string()>{o.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <QuantityField quantity id="manual-quantity" label=Signal::derive(move || t().licenses_label.to_string())/>
                <BillingSelect id="manual-billing" value=billing on_change=Callback::new(move |c| billing.set(c))/>
                <button class="button-primary" data-testid="add-to-cart" on:click=buy title=move || state.read_only_reason() disabled=move || parsed.get().is_err() || !state.can_act()>
                    {move || t().add_to_cart}
                </button>
            </div>
        </li>
    }
}
