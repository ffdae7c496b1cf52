//! Subscription details: title, ID with copy, the "can be upgraded" note, and
//! the tabs Overview · Upgrade · Licenses · History. Overview, Licenses and
//! History live under the details route (`?tab=`), Upgrade has its own route.

pub mod history;
pub mod licenses;
mod overview;
pub mod upgrade;

use crate::components::icon::{Icon, Svg};
use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::domain::eligibility::{self, Evaluation};
use crate::domain::workspace::{Customer, Subscription};
use crate::pages::{customer_param, subscription_param, PendingOrderNote};
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Overview,
    Upgrade,
    Licenses,
    History,
}

/// What every tab of one subscription works from.
#[derive(Clone, PartialEq)]
pub struct Selected {
    pub customer: Customer,
    pub subscription: Subscription,
    pub evaluation: Evaluation,
}

fn use_selected() -> (Memo<String>, Memo<String>, Memo<Option<Selected>>) {
    let state = use_app();
    let customer_id = customer_param();
    let subscription_id = subscription_param();
    let selected = Memo::new(move |_| {
        state.workspace.with(|w| {
            let customer = w.customer(&customer_id.get())?;
            let subscription = customer.subscription(&subscription_id.get())?;
            Some(Selected {
                evaluation: eligibility::evaluate(state.catalog, w, customer, subscription),
                customer: customer.clone(),
                subscription: subscription.clone(),
            })
        })
    });
    (customer_id, subscription_id, selected)
}

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    let query = use_query_map();
    let tab = Signal::derive(move || match query.with(|q| q.get("tab")).as_deref() {
        Some("licenses") => Tab::Licenses,
        Some("history") => Tab::History,
        _ => Tab::Overview,
    });
    view! { <Details tab/> }
}

#[component]
pub fn SubscriptionUpgradePage() -> impl IntoView {
    view! { <Details tab=Signal::stored(Tab::Upgrade)/> }
}

#[component]
fn Details(tab: Signal<Tab>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let (customer_id, subscription_id, selected) = use_selected();
    let base = move || format!("/customers/{}/subscriptions/{}", customer_id.get(), subscription_id.get());
    let title = Signal::derive(move || {
        selected.with(|s| {
            s.as_ref()
                .map(|s| state.catalog.offer_name(&s.subscription.offer_id).to_string())
                .unwrap_or_else(|| subscription_id.get())
        })
    });
    let crumbs = Signal::derive(move || {
        let customer = customer_id.get();
        let name = state.workspace.with(|w| w.customer(&customer).map(|c| c.company_name.clone())).unwrap_or(customer.clone());
        vec![
            Crumb::link(t().nav_customers, "/customers"),
            Crumb::link(name, format!("/customers/{customer}/subscriptions")),
            Crumb::here(title.get()),
        ]
    });
    let copied = RwSignal::new(false);

    let tab_link = move |which: Tab, label: fn(&crate::i18n::Strings) -> &'static str| {
        let href = move || {
            let base = base();
            state.href(&match which {
                Tab::Overview => base,
                Tab::Upgrade => format!("{base}/upgrade"),
                Tab::Licenses => format!("{base}?tab=licenses"),
                Tab::History => format!("{base}?tab=history"),
            })
        };
        view! {
            <a role="tab" class="tab" href=href aria-selected=move || (tab.get() == which).to_string()>
                {move || label(t())}
            </a>
        }
    };

    view! {
        <PageHeader title crumbs/>
        {move || selected.get().map(|s| {
            let id = s.subscription.id.clone();
            let upgrade_href = state.href(&format!("{}/upgrade", base()));
            view! {
                <div class="subscription-id">
                    <span class="secondary">{t().subscription_id}</span>
                    <code class="mono">{id.clone()}</code>
                    <button class="icon-button" title=t().copy aria-label=t().copy on:click=move |_| {
                        crate::browser::copy_to_clipboard(&id);
                        copied.set(true);
                    }>
                        <Svg icon=Icon::Copy/>
                    </button>
                    <span class="secondary" aria-live="polite">{move || copied.get().then(|| t().copied)}</span>
                </div>
                {s.evaluation.is_upgradable().then(|| view! {
                    <MessageBar tone=Tone::Info>
                        <span>{t().can_be_upgraded}</span>
                        " "
                        <a data-testid="upgrade-now" href=upgrade_href><strong>{t().upgrade_now}</strong></a>
                    </MessageBar>
                })}
            }
        })}
        <PageNotes/>
        <PendingOrderNote customer_id=customer_id/>
        <UpgradeState subscription_id=subscription_id customer_id=customer_id/>
        <div class="tabs" role="tablist">
            {tab_link(Tab::Overview, |t| t.tab_overview)}
            {tab_link(Tab::Upgrade, |t| t.tab_upgrade)}
            {tab_link(Tab::Licenses, |t| t.tab_licenses)}
            {tab_link(Tab::History, |t| t.tab_history)}
        </div>
        <div class="tab-panel" role="tabpanel">
            {move || match selected.get() {
                None => view! {
                    <MessageBar tone=Tone::Danger>
                        <span>{(t().subscription_not_found)(&subscription_id.get())}</span>
                    </MessageBar>
                }.into_any(),
                Some(selected) => match tab.get() {
                    Tab::Overview => view! { <overview::Overview selected/> }.into_any(),
                    Tab::Upgrade => view! { <upgrade::UpgradeTab selected/> }.into_any(),
                    Tab::Licenses => view! { <licenses::Licenses selected/> }.into_any(),
                    Tab::History => view! { <history::AuditTable subscription_id=Some(selected.subscription.id)/> }.into_any(),
                },
            }}
        </div>
    }
}

/// The upgrade's state, on the old subscription and on the new one.
#[component]
fn UpgradeState(subscription_id: Memo<String>, customer_id: Memo<String>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let name = move |id: &str| state.catalog.offer_name(id).to_string();
    move || {
        let id = subscription_id.get();
        let found = state.workspace.with(|w| {
            crate::domain::orders::upgrade_of(w, &id).map(|(order, line)| (order.clone(), line.clone()))
        })?;
        let (order, line) = found;
        let base = format!("/customers/{}/subscriptions", customer_id.get());
        let order_link = view! { <a href=state.href(&format!("/orders/{}", order.id))>{t().view_order}</a> };
        Some(match order.status {
            s if s.is_pending() => view! {
                <MessageBar tone=Tone::Info>{(t().upgrade_in_progress)(&name(&line.target_offer_id), &order.id)}" "{order_link}</MessageBar>
            }.into_any(),
            crate::domain::workspace::OrderStatus::Failed => view! {
                <MessageBar tone=Tone::Danger>{(t().upgrade_failed_note)(&order.id)}" "{order_link}</MessageBar>
            }.into_any(),
            _ if line.new_subscription_id.as_deref() == Some(id.as_str()) => {
                let source = state.workspace.with(|w| w.customer(&customer_id.get()).and_then(|c| c.subscription(&line.source_subscription_id)).map(|s| s.offer_id.clone())).unwrap_or_default();
                view! {
                    <MessageBar tone=Tone::Success>
                        {(t().upgraded_from)(&name(&source))}" "
                        <a href=state.href(&format!("{base}/{}", line.source_subscription_id))>{line.source_subscription_id.clone()}</a>
                    </MessageBar>
                }.into_any()
            }
            _ => {
                let new_id = line.new_subscription_id.clone().unwrap_or_default();
                view! {
                    <MessageBar tone=Tone::Success>
                        {(t().upgraded_to)(&name(&line.target_offer_id), &new_id)}" "
                        <a href=state.href(&format!("{base}/{new_id}"))>{t().new_subscription}</a>
                    </MessageBar>
                }.into_any()
            }
        })
    }
}
