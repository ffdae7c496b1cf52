//! Subscription details: title, ID with copy, the "can be upgraded" note, and
//! the tabs Overview · Upgrade · Licenses · History. Overview, Licenses and
//! History live under the details route (`?tab=`), Upgrade has its own route.

pub mod auto_renew;
mod cancel_now;
pub mod licenses;
mod nce_licenses;
mod overview;
mod scheduled;
pub mod upgrade;

use crate::components::audit_table::AuditTable;
use crate::components::icon::{Icon, Svg};
use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::i18n::{msg, Strings};
use crate::links::{self, DetailsTab};
use crate::pages::{use_customer, use_subscription, PendingOrderNote};
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub use crate::pages::Selected;

/// The customer's id, the subscription's id, and the selection, from the routes.
fn use_selected() -> (Memo<CustomerId>, Memo<SubscriptionId>, Memo<Option<Selected>>) {
    let subscription = use_subscription();
    (use_customer().id, subscription.id, subscription.selected)
}

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    let query = use_query_map();
    let tab =
        Signal::derive(move || DetailsTab::from_query(query.with(|q| q.get("tab")).as_deref()));
    view! { <Details tab/> }
}

#[component]
pub fn SubscriptionUpgradePage() -> impl IntoView {
    view! { <Details tab=Signal::stored(DetailsTab::Upgrade)/> }
}

#[component]
fn Details(tab: Signal<DetailsTab>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let (customer_id, subscription_id, selected) = use_selected();
    let title = Signal::derive(move || {
        selected.with(|s| {
            s.as_ref()
                .map(|s| state.catalog.offer_name(&s.subscription.offer_id).to_string())
                .unwrap_or_else(|| subscription_id.get().to_string())
        })
    });
    let crumbs = Signal::derive(move || {
        let customer = customer_id.get();
        let name = state
            .workspace
            .with(|w| w.customer(&customer).map(|c| c.company_name.clone()))
            .unwrap_or_else(|| customer.to_string());
        vec![
            Crumb::link(t().nav_customers, links::customers()),
            Crumb::link(name, links::subscriptions(&customer)),
            Crumb::here(title.get()),
        ]
    });
    view! {
        <PageHeader title crumbs/>
        <SubscriptionIdLine tab customer_id subscription_id selected/>
        <PageNotes/>
        <PendingOrderNote customer_id=customer_id/>
        <UpgradeState subscription_id=subscription_id customer_id=customer_id/>
        <scheduled::ScheduledUpgrade subscription_id=subscription_id/>
        <scheduled::ScheduledNextTerm subscription_id=subscription_id customer_id=customer_id/>
        <div class="tabs" role="tablist">
            <TabLink tab which=DetailsTab::Overview label=|t| t.tab_overview customer_id subscription_id/>
            <TabLink tab which=DetailsTab::Upgrade label=|t| t.tab_upgrade customer_id subscription_id/>
            <TabLink tab which=DetailsTab::Licenses label=|t| t.tab_licenses customer_id subscription_id/>
            <TabLink tab which=DetailsTab::History label=|t| t.tab_history customer_id subscription_id/>
        </div>
        <TabPanel tab subscription_id selected/>
    }
}

/// The subscription's id with its copy button, and the "can be upgraded" note.
#[component]
fn SubscriptionIdLine(
    tab: Signal<DetailsTab>,
    customer_id: Memo<CustomerId>,
    subscription_id: Memo<SubscriptionId>,
    selected: Memo<Option<Selected>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let copied = RwSignal::new(false);
    // Read in the closure, so a switch of language redraws it.
    move || {
        selected.get().map(|s| {
        let id = s.subscription.id.clone();
        let upgrade_href = links::upgrade(&customer_id.get(), &subscription_id.get());
        view! {
            <div class="subscription-id">
                <span class="secondary">{t().subscription_id}</span>
                <code class="mono">{id.to_string()}</code>
                <button class="icon-button" title=t().copy aria-label=t().copy on:click=move |_| {
                    crate::browser::copy_to_clipboard(&id);
                    copied.set(true);
                }>
                    <Svg icon=Icon::Copy/>
                </button>
                <span class="secondary" aria-live="polite">{move || copied.get().then(|| t().copied)}</span>
            </div>
            // On the Upgrade tab the link would lead where the partner already is.
            {
                let (upgradable, href) = (s.evaluation.is_upgradable(), state.href(&upgrade_href));
                move || (upgradable && tab.get() != DetailsTab::Upgrade).then(|| {
                    let href = href.clone();
                    view! {
                        <MessageBar tone=Tone::Info>
                            <span>{t().can_be_upgraded}</span>
                            " "
                            <A href=href exact=true {..} data-testid="upgrade-now"><strong>{t().upgrade_now}</strong></A>
                        </MessageBar>
                    }
                })
            }
        }
    })
    }
}

/// One tab. Tabs say which is selected (aria-selected), so they are plain
/// links rather than <A>, which would mark them all as the current page.
#[component]
fn TabLink(
    tab: Signal<DetailsTab>,
    which: DetailsTab,
    label: fn(&Strings) -> &'static str,
    customer_id: Memo<CustomerId>,
    subscription_id: Memo<SubscriptionId>,
) -> impl IntoView {
    let state = use_app();
    let href = move || {
        state.href(&links::subscription_tab(&customer_id.get(), &subscription_id.get(), which))
    };
    view! {
        <a role="tab" class="tab" href=href aria-selected=move || (tab.get() == which).to_string()>
            {move || label(state.t())}
        </a>
    }
}

/// The selected tab's content, or why there is none.
#[component]
fn TabPanel(
    tab: Signal<DetailsTab>,
    subscription_id: Memo<SubscriptionId>,
    selected: Memo<Option<Selected>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <div class="tab-panel" role="tabpanel">
            {move || match selected.get() {
                None => view! {
                    <MessageBar tone=Tone::Danger>
                        <span>{t().subscription_not_found(&subscription_id.get())}</span>
                    </MessageBar>
                }.into_any(),
                Some(selected) => match tab.get() {
                    // Read-only and built from a snapshot: rebuilt in the new language
                    // on a switch (the other tabs' strings follow on their own, and
                    // rebuilding them would drop what the partner is typing).
                    DetailsTab::Overview => (move || {
                        state.locale.track();
                        view! { <overview::Overview selected=selected.clone()/> }
                    }).into_any(),
                    DetailsTab::Upgrade => view! { <upgrade::UpgradeTab selected/> }.into_any(),
                    DetailsTab::Licenses => view! { <licenses::Licenses selected/> }.into_any(),
                    DetailsTab::History => view! { <AuditTable subscription_id=selected.subscription.id/> }.into_any(),
                },
            }}
        </div>
    }
}

/// The upgrade's state, on the old subscription and on the new one.
#[component]
fn UpgradeState(
    subscription_id: Memo<SubscriptionId>,
    customer_id: Memo<CustomerId>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let name = move |id: &str| state.catalog.offer_name(id).to_string();
    move || {
        let id = subscription_id.get();
        let found = state.workspace.with(|w| {
            crate::domain::orders::upgrade_of(w, &id)
                .map(|(order, line)| (order.clone(), line.clone()))
        })?;
        let (order, line) = found;
        let customer = customer_id.get();
        let order_link =
            view! { <A href=state.href(&links::order(&order.id)) exact=true>{t().view_order}</A> };
        Some(match order.status {
            s if s.is_pending() => view! {
                <MessageBar tone=Tone::Info>{t().upgrade_in_progress(msg::UpgradeInProgress { target: &name(&line.target_offer_id), order: &order.id })}" "{order_link}</MessageBar>
            }.into_any(),
            crate::domain::workspace::OrderStatus::Failed => view! {
                <MessageBar tone=Tone::Danger>{t().upgrade_failed_note(&order.id)}" "{order_link}</MessageBar>
            }.into_any(),
            _ if line.new_subscription_id.as_deref() == Some(id.as_str()) => {
                let source = state.workspace.with(|w| w.customer(&customer_id.get()).and_then(|c| c.subscription(&line.source_subscription_id)).map(|s| s.offer_id.clone())).unwrap_or_default();
                view! {
                    <MessageBar tone=Tone::Success>
                        {t().upgraded_from(&name(&source))}" "
                        <A href=state.href(&links::subscription(&customer, &line.source_subscription_id)) exact=true>{line.source_subscription_id.to_string()}</A>
                    </MessageBar>
                }.into_any()
            }
            _ => {
                let new_id = line.new_subscription_id.clone().unwrap_or_default();
                view! {
                    <MessageBar tone=Tone::Success>
                        {t().upgraded_to(msg::UpgradedTo { target: &name(&line.target_offer_id), subscription: &new_id })}" "
                        <A href=state.href(&links::subscription(&customer, &new_id)) exact=true>{t().new_subscription}</A>
                    </MessageBar>
                }.into_any()
            }
        })
    }
}
