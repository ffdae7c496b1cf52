//! `/cart`: each upgrade with its editable licence count and billing, its
//! add-ons, and the proration preview line by line; the order summary beside.

use crate::components::messages::place_error;
use crate::components::page::{PageHeader, PageNotes};
use crate::components::totals::Totals;
use crate::domain::checkout;
use crate::domain::clock::Timestamp;
use crate::domain::orders::quote_cart;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lines::CartLineCard;
use std::collections::BTreeSet;
use crate::links;

mod lines;

fn offer_name(id: &str) -> String {
    use_app().catalog.offer_name(id).to_string()
}

#[component]
pub fn CartPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let lines = Memo::new(move |_| state.workspace.with(|w| w.cart.clone()));
    // Sources whose licence field holds something that is not a valid count.
    let invalid = RwSignal::new(BTreeSet::<String>::new());
    let customer_id = Memo::new(move |_| lines.with(|l| l.first().map(|l| l.customer_id.clone())));
    let quote = Memo::new(move |_| {
        let customer = customer_id.get()?;
        let today = Timestamp::at(state.today(), 0);
        Some(state.workspace.with(|w| quote_cart(state.catalog, w, &customer, today)))
    });
    let blocked = move || !invalid.with(BTreeSet::is_empty) || !matches!(quote.get(), Some(Ok(_))) || !state.can_act();
    let title = Signal::derive(move || t().cart_title.to_string());
    let subtitle = Signal::derive(move || {
        customer_id
            .get()
            .and_then(|id| state.workspace.with(|w| w.customer(&id).map(|c| (t().cart_for_customer)(&c.company_name))))
            .unwrap_or_default()
    });

    view! {
        <PageHeader title subtitle/>
        <PageNotes/>
        {move || if lines.with(Vec::is_empty) {
            view! { <div class="card empty-state"><p>{t().cart_empty}</p></div> }.into_any()
        } else {
            let navigate = navigate.clone();
            view! {
                <div class="two-column">
                    <div class="cart-lines">
                        <For each=move || lines.get() key=|l| (l.key(), l.target_offer_id.clone()) let:line>
                            <CartLineCard line invalid/>
                        </For>
                    </div>
                    <aside class="card summary-card" aria-labelledby="summary-title">
                        <h2 class="section-title" id="summary-title">{move || t().summary_title}</h2>
                        {move || quote.get().and_then(Result::ok).map(|q| view! { <Totals quote=q/> })}
                        <p class="secondary caption">{move || t().next_steps}</p>
                        <Show when=move || !invalid.with(BTreeSet::is_empty)>
                            <p class="field-error" data-testid="error">{move || t().cart_blocked}</p>
                        </Show>
                        // A line the rules refuse (no longer eligible, the same target twice...).
                        {move || match (invalid.with(BTreeSet::is_empty), quote.get()) {
                            (true, Some(Err(error))) => Some(view! {
                                <p class="field-error" data-testid="error">{place_error(t(), state.catalog, &error, |m| m.to_string())}</p>
                            }),
                            _ => None,
                        }}
                        <button
                            class="button-primary wide"
                            data-testid="go-to-checkout"
                            disabled=blocked
                            title=move || state.read_only_reason()
                            on:click=move |_| {
                                let Some(customer) = customer_id.get_untracked() else { return };
                                let key = crate::browser::new_checkout_key();
                                if state.run(|w, _, _| checkout::start(w, &customer, &key)).is_ok() {
                                    navigate(&links::checkout(), Default::default());
                                }
                            }
                        >
                            {move || t().go_to_checkout}
                        </button>
                    </aside>
                </div>
            }.into_any()
        }}
    }
}
