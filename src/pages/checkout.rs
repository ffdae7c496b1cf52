//! `/checkout`: Sold to, Bill to and the items of the cart.

use crate::components::page::{PageHeader, PageNotes};
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <PageHeader title=Signal::derive(move || t().checkout_title.to_string())/>
        <PageNotes/>
        <Show when=move || state.workspace.with(|w| w.cart.is_empty())>
            <div class="card empty-state">
                <p>{move || t().cart_empty}</p>
            </div>
        </Show>
    }
}
