//! One module per route (docs/rules.md#routes-and-test-ids), plus the
//! route-parameter helpers they share.

pub mod cart;
pub mod checkout;
pub mod customers;
pub mod lazy;
pub mod manual_upgrade;
pub mod not_found;
pub mod opportunities;
pub mod order;
pub mod orders;
pub mod renewals;
pub mod settings;
pub mod subscription;
pub mod subscriptions;

use crate::components::page::{MessageBar, Tone};
use crate::domain::eligibility::{self, Evaluation};
use crate::domain::ids::{CustomerId, OrderId, SubscriptionId};
use crate::domain::workspace::{Customer, Subscription};
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

/// The route's ids, typed. The router decodes most escapes; those of reserved
/// characters (`%2F`, `%23`...) are decoded here, as the links encode them.
#[derive(Params, Clone, PartialEq)]
struct CustomerParams {
    customer: Option<String>,
}

#[derive(Params, Clone, PartialEq)]
struct SubscriptionParams {
    subscription: Option<String>,
}

#[derive(Params, Clone, PartialEq)]
struct OrderParams {
    order: Option<String>,
}

fn decoded(id: Option<String>) -> String {
    let id = id.unwrap_or_default();
    js_sys::decode_uri_component(&id).ok().and_then(|v| v.as_string()).unwrap_or(id)
}

/// The customer of `/customers/:customer/...`, for every page under it.
#[derive(Clone, Copy)]
pub struct CustomerContext {
    pub id: Memo<CustomerId>,
    /// `None` when the workspace has no such customer (the page says so).
    pub customer: Memo<Option<Customer>>,
}

/// The subscription of `.../subscriptions/:subscription/...`, with its
/// customer and its eligibility, for the details tabs and the manual upgrade.
#[derive(Clone, Copy)]
pub struct SubscriptionContext {
    pub id: Memo<SubscriptionId>,
    pub selected: Memo<Option<Selected>>,
}

/// What every page of one subscription works from.
#[derive(Clone, PartialEq)]
pub struct Selected {
    pub customer: Customer,
    pub subscription: Subscription,
    pub evaluation: Evaluation,
}

/// `/customers/:customer`: resolves the customer once for its child routes.
#[component]
pub fn CustomerRoute() -> impl IntoView {
    let state = use_app();
    let params = use_params::<CustomerParams>();
    let id = Memo::new(move |_| {
        CustomerId::from(params.with(|p| decoded(p.as_ref().ok().and_then(|p| p.customer.clone()))))
    });
    let customer = state.customer(move || id.get());
    provide_context(CustomerContext { id, customer });
    view! { <Outlet/> }
}

/// `.../subscriptions/:subscription`: resolves the subscription and its
/// eligibility once for the details tabs and the manual upgrade.
#[component]
pub fn SubscriptionRoute() -> impl IntoView {
    let state = use_app();
    let CustomerContext { id: customer_id, customer } = use_customer();
    let context = state.eligibility_context(move || customer_id.get());
    let params = use_params::<SubscriptionParams>();
    let id = Memo::new(move |_| {
        SubscriptionId::from(
            params.with(|p| decoded(p.as_ref().ok().and_then(|p| p.subscription.clone()))),
        )
    });
    // Evaluated again only when this customer or its context changed.
    let selected = Memo::new(move |_| {
        let customer = customer.get()?;
        let subscription = customer.subscription(&id.get())?.clone();
        let evaluation = context.with(|context| {
            eligibility::evaluate_in(state.catalog, context, &customer, &subscription)
        });
        Some(Selected { customer, subscription, evaluation })
    });
    provide_context(SubscriptionContext { id, selected });
    view! { <Outlet/> }
}

pub fn use_customer() -> CustomerContext {
    expect_context::<CustomerContext>()
}

pub fn use_subscription() -> SubscriptionContext {
    expect_context::<SubscriptionContext>()
}

/// The order id of `/orders/:order`.
pub fn order_param() -> Memo<OrderId> {
    let params = use_params::<OrderParams>();
    Memo::new(move |_| {
        params.with(|p| decoded(p.as_ref().ok().and_then(|p| p.order.clone()))).into()
    })
}

/// The warning shown on a customer's pages while one of its orders is pending.
#[component]
pub fn PendingOrderNote(#[prop(into)] customer_id: Signal<CustomerId>) -> impl IntoView {
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
            let href = links::order(&order_id);
            view! {
                <MessageBar tone=Tone::Warning>
                    <span>{state.t().pending_order_note(&order_id)}</span>
                    " "
                    <A href=state.href(&href) exact=true>{state.t().view_order}</A>
                </MessageBar>
            }
        })
    }
}
