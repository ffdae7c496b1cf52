//! One module per route (SPEC 4), plus the route-parameter helpers they share.

pub mod cart;
pub mod checkout;
pub mod customers;
pub mod manual_upgrade;
pub mod not_found;
pub mod order;
pub mod orders;
pub mod settings;
pub mod subscription;
pub mod subscriptions;

use crate::components::page::{MessageBar, Tone};
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

pub fn customer_param() -> Memo<String> {
    param("customer")
}

pub fn subscription_param() -> Memo<String> {
    param("subscription")
}

pub fn order_param() -> Memo<String> {
    param("order")
}

/// The warning shown on a customer's pages while one of its orders is pending.
#[component]
pub fn PendingOrderNote(#[prop(into)] customer_id: Signal<String>) -> impl IntoView {
    let state = use_app();
    let pending = move || {
        state.workspace.with(|w| {
            w.orders
                .iter()
                .find(|o| o.customer_id == customer_id.get() && o.status.is_pending())
                .map(|o| o.id.clone())
        })
    };
    move || {
        pending().map(|order_id| {
            let href = state.href(&format!("/orders/{order_id}"));
            view! {
                <MessageBar tone=Tone::Warning>
                    <span>{(state.t().pending_order_note)(&order_id)}</span>
                    " "
                    <a href=href>{state.t().view_order}</a>
                </MessageBar>
            }
        })
    }
}
