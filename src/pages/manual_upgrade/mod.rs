//! `/customers/:customer/subscriptions/:subscription/manual-upgrade`: the four
//! steps of the E4 article, in order: buy a new subscription (through the cart
//! and checkout), verify it, reassign licences at most 20 users at a time, and
//! cancel the old subscription once nobody holds its licences.

mod step_buy;
mod step_cancel;
mod step_reassign;
mod step_verify;

use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::domain::ids::SubscriptionId;
use crate::domain::licenses::{self, Replacement};
use crate::domain::workspace::{Customer, Subscription};
use crate::links;
use crate::pages::{use_customer, use_subscription, SubscriptionContext};
use crate::state::use_app;
use leptos::prelude::*;

fn offer_name(id: &str) -> String {
    use_app().catalog.offer_name(id).to_string()
}

/// The page: its header, and the steps once the subscription is found.
#[component]
pub fn ManualUpgradePage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let customer_id = use_customer().id;
    let SubscriptionContext { id: subscription_id, selected } = use_subscription();
    let found = Memo::new(move |_| {
        selected.with(|s| s.as_ref().map(|s| (s.customer.clone(), s.subscription.clone())))
    });
    let crumbs = Signal::derive(move || {
        let customer = customer_id.get();
        let name = found
            .with(|f| f.as_ref().map(|(c, _)| c.company_name.clone()))
            .unwrap_or_else(|| customer.to_string());
        // The subscription by name, as its details page titles it (its id only
        // when it is not in the workspace).
        let subscription = found
            .with(|f| f.as_ref().map(|(_, s)| state.catalog.offer_name(&s.offer_id).to_string()))
            .unwrap_or_else(|| subscription_id.get().to_string());
        vec![
            Crumb::link(t().nav_customers, links::customers()),
            Crumb::link(name, links::subscriptions(&customer)),
            Crumb::link(subscription, links::subscription(&customer, &subscription_id.get())),
            Crumb::here(t().manual_upgrade_title),
        ]
    });
    let subtitle = Signal::derive(move || t().manual_intro.to_string());
    view! {
        <PageHeader title=Signal::derive(move || t().manual_upgrade_title.to_string()) crumbs subtitle/>
        <PageNotes/>
        {move || match found.get() {
            None => view! { <MessageBar tone=Tone::Danger>{t().subscription_not_found(&subscription_id.get())}</MessageBar> }.into_any(),
            Some((customer, old)) => view! { <Steps customer old/> }.into_any(),
        }}
    }
}

/// What the steps share, made once by `Steps`.
#[derive(Clone, Copy)]
struct Upgrade {
    /// The new subscription's id, chosen in step 2.
    chosen: RwSignal<Option<SubscriptionId>>,
    chosen_replacement: Memo<Option<Replacement>>,
    new_sub: Memo<Option<Subscription>>,
    /// Whether the customer has any subscription to move to.
    has_choices: bool,
    old_quantity: u32,
    /// What a step's action refused, under the steps.
    step_error: RwSignal<Option<String>>,
}

/// The four steps in order, and the error of the last one that failed.
#[component]
fn Steps(customer: Customer, old: Subscription) -> impl IntoView {
    let state = use_app();
    // Only this partner's active subscriptions, each with the services its
    // users would lose; one is chosen for the partner only when it loses none.
    let choices = licenses::replacements(state.catalog, &customer, &old.id);
    let chosen = RwSignal::new(licenses::preselected(&choices).map(|r| r.subscription.id.clone()));
    let chosen_replacement = {
        let choices = choices.clone();
        Memo::new(move |_| {
            chosen.get().and_then(|id| choices.iter().find(|r| r.subscription.id == id).cloned())
        })
    };
    let new_sub = Memo::new(move |_| chosen_replacement.get().map(|r| r.subscription));
    let step_error = RwSignal::new(None::<String>);
    let up = Upgrade {
        chosen,
        chosen_replacement,
        new_sub,
        has_choices: !choices.is_empty(),
        old_quantity: old.quantity,
        step_error,
    };
    view! {
        <ol class="wizard">
            <step_buy::StepBuy customer=customer.clone() old=old.clone()/>
            <step_verify::StepVerify up choices customer_id=customer.id.clone()/>
            <step_reassign::StepReassign up customer=customer.clone() old=old.clone()/>
            <step_cancel::StepCancel up customer_id=customer.id old/>
        </ol>
        {move || step_error.get().map(|e| view! { <MessageBar tone=Tone::Danger>{e}</MessageBar> })}
    }
}
