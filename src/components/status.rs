//! Status shown as a coloured dot and a word, never colour alone.

use crate::domain::workspace::{OrderStatus, SubscriptionStatus};
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn SubscriptionStatusBadge(status: SubscriptionStatus) -> impl IntoView {
    let state = use_app();
    let tone = match status {
        SubscriptionStatus::Active => "success",
        SubscriptionStatus::Suspended => "warning",
        SubscriptionStatus::Pending => "info",
        SubscriptionStatus::Cancelled | SubscriptionStatus::Expired => "neutral",
    };
    view! { <span class=format!("status status-{tone}")>{move || state.t().status(status)}</span> }
}

#[component]
pub fn OrderStatusBadge(
    status: OrderStatus,
    /// A purchase is "setting up", not "upgrading", while provisioned.
    #[prop(optional)]
    purchase: bool,
) -> impl IntoView {
    let state = use_app();
    let tone = match status {
        OrderStatus::CreditCheck => "warning",
        OrderStatus::Provisioning => "info",
        OrderStatus::Completed => "success",
        OrderStatus::Failed => "danger",
        OrderStatus::Scheduled => "info",
        OrderStatus::Cancelled => "neutral",
    };
    let label = move || state.t().order_status_of(status, purchase);
    view! { <span class=format!("status status-{tone}")>{label}</span> }
}
