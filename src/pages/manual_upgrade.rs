//! `/customers/:customer/subscriptions/:subscription/manual-upgrade`.

use crate::components::page::{Crumb, PageHeader, PageNotes};
use crate::pages::{customer_param, subscription_param};
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ManualUpgradePage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let customer_id = customer_param();
    let subscription_id = subscription_param();
    let crumbs = Signal::derive(move || {
        let customer = customer_id.get();
        let name = state.workspace.with(|w| w.customer(&customer).map(|c| c.company_name.clone())).unwrap_or_default();
        vec![
            Crumb::link(t().nav_customers, "/customers"),
            Crumb::link(name, format!("/customers/{customer}/subscriptions")),
            Crumb::link(subscription_id.get(), format!("/customers/{customer}/subscriptions/{}", subscription_id.get())),
            Crumb::here(t().manual_upgrade_title),
        ]
    });
    view! {
        <PageHeader title=Signal::derive(move || t().manual_upgrade_title.to_string()) crumbs/>
        <PageNotes/>
    }
}
