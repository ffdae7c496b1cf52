//! The Upgrade tab: one card per target of the matrix row, eligible first,
//! each with its price, what the customer gains, the fate of each add-on,
//! and either the licence count and billing to add it to the cart, or every
//! reason it is blocked with what to do.

use super::Selected;
use crate::components::fields::{BillingSelect, Quantity, QuantityField, TimingSelect};
use crate::components::page::{MessageBar, Tone};
use crate::components::reason::ReasonItem;
use crate::domain::cart;
use crate::domain::eligibility::{AddonFate, Disposition, TargetEvaluation, UpgradeType};
use crate::domain::money::Money;
use crate::domain::orders;
use crate::domain::proration::renewal_day;
use crate::domain::workspace::UpgradeTiming;
use crate::domain::workspace::{CartLine, OrderStatus};
use crate::i18n::msg;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UpgradeTab(selected: Selected) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    // Upgraded already: the targets and "reactivate it" would mislead; the
    // next upgrade starts from the subscription it became.
    let upgraded_to = state.workspace.with_untracked(|w| {
        let (order, line) = orders::upgrade_of(w, &selected.subscription.id)?;
        let done = order.status == OrderStatus::Completed
            && line.source_subscription_id == selected.subscription.id;
        done.then(|| Some((line.target_offer_id.clone(), line.new_subscription_id.clone()?)))
            .flatten()
    });
    if let Some((target, new_id)) = upgraded_to {
        let href = state.href(&links::upgrade(&selected.customer.id, &new_id));
        let target = state.catalog.offer_name(&target).to_string();
        return view! {
            <MessageBar tone=Tone::Info>
                <p data-testid="upgraded-note">{move || t().upgrade_tab_upgraded(&target)}</p>
                <p><A href=href exact=true {..} data-testid="new-subscription-upgrade">{move || t().upgrade_tab_open_new}</A></p>
            </MessageBar>
        }
        .into_any();
    }
    let mut targets = selected.evaluation.targets.clone();
    targets.sort_by_key(|t| !t.eligible);
    let any_eligible = selected.evaluation.is_upgradable();
    let no_targets = targets.is_empty();
    let summary = selected.evaluation.subscription_reasons.clone();
    let source = selected.subscription.offer_id.clone();
    let assigned = selected.customer.assigned_users(&selected.subscription.id);
    let selected = StoredValue::new(selected);
    // `?target=` (from the opportunities report): that target is the one chosen.
    let query = use_query_map();
    let chosen = Memo::new(move |_| query.with(|q| q.get("target")));

    view! {
        {(!any_eligible).then(|| view! {
            <MessageBar tone=Tone::Warning>
                <p>{move || if no_targets { t().no_upgrade_targets } else { t().nothing_eligible }}</p>
                {(!summary.is_empty()).then(|| view! {
                    <p><strong>{move || t().blocked_summary}</strong></p>
                    <ul class="reason-list">
                        {summary.iter().cloned().map(|r| view! { <ReasonItem reason=r target=source.clone()/> }).collect_view()}
                    </ul>
                })}
            </MessageBar>
        })}
        <div class="target-list">
            {targets.into_iter().map(|target| view! { <TargetCard target selected assigned chosen/> }).collect_view()}
        </div>
        <p class="manual-link">
            <A href=state.href(&selected.with_value(|s| links::manual_upgrade(&s.customer.id, &s.subscription.id))) exact=true {..} data-testid="manual-upgrade">
                {move || t().manual_link}
            </A>
            " · "<span class="secondary">{move || t().manual_link_help}</span>
        </p>
    }
    .into_any()
}

#[component]
fn TargetCard(
    target: TargetEvaluation,
    selected: StoredValue<Selected>,
    assigned: usize,
    chosen: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let offer = state.catalog.offer(&target.target).cloned();
    let name = offer.as_ref().map_or_else(|| target.target.to_string(), |o| o.name.clone());
    let (cloud, market) = state
        .workspace
        .with_untracked(|w| (w.partner.cloud, selected.with_value(|s| s.customer.market.clone())));
    let price = offer.as_ref().map(|o| {
        let currency = state.catalog.billing(cloud, &market).currency.clone();
        (state.catalog.monthly_price(o, cloud, &market), currency)
    });
    let added: Vec<String> =
        target.services_added.iter().map(|s| state.catalog.service_name(s).to_string()).collect();
    let eligible = target.eligible;
    let heading_id = format!("target-{}", target.target);
    let is_chosen = {
        let id = target.target.clone();
        Memo::new(move |_| chosen.with(|c| c.as_deref() == Some(id.as_str())))
    };
    // The chosen target is brought into view with focus on it, so the
    // partner lands where the report's link said (a keyboard user too).
    let card = NodeRef::<leptos::html::Section>::new();
    Effect::new(move || {
        if let (true, Some(card)) = (is_chosen.get(), card.get()) {
            card.scroll_into_view();
            let _ = card.focus();
        }
    });

    view! {
        <section
            node_ref=card
            tabindex="-1"
            class="card target-card"
            class:target-blocked=!eligible
            class:target-chosen=move || is_chosen.get()
            data-testid="upgrade-target"
            data-offer-id=target.target.to_string()
            data-eligible=eligible.to_string()
            aria-labelledby=heading_id.clone()
        >
            <header class="target-header">
                <h3 id=heading_id.clone()>{name.to_string()}</h3>
                {move || is_chosen.get().then(|| view! { <span class="chosen-tag">{t().target_chosen}</span> })}
                {match (eligible, price.clone()) {
                    (true, Some((minor, currency))) => view! {
                        <span class="target-price">{move || t().per_license_month(&Money::new(minor, currency.as_str()))}</span>
                    }.into_any(),
                    _ => view! { <span class="target-unavailable">{move || t().not_available}</span> }.into_any(),
                }}
            </header>
            <p class="target-line">
                <span class="secondary">{move || t().adds_label}</span>" "
                {if added.is_empty() { view! { <span>{move || t().adds_nothing}</span> }.into_any() } else { view! { <span>{added.join(", ")}</span> }.into_any() }}
            </p>
            {(!target.addons.is_empty()).then(|| view! {
                <p class="target-line">
                    <span class="secondary">{move || t().addons_label}</span>" "
                    {target.addons.iter().cloned().map(|fate| view! { <AddonFateText fate target_name=name.clone()/> }).collect_view()}
                </p>
            })}
            {if eligible {
                view! { <UpgradeForm target=target.clone() selected assigned/> }.into_any()
            } else {
                let target_id = target.target.clone();
                view! {
                    <ul class="reason-list">
                        {target.reasons.iter().cloned().map(|r| view! { <ReasonItem reason=r target=target_id.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn AddonFateText(fate: AddonFate, target_name: String) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let name = state.catalog.offer_name(&fate.offer_id).to_string();
    let disposition = fate.disposition;
    let fate_for_text = fate.clone();
    let text = move || match disposition {
        Disposition::Removed => {
            crate::components::messages::included_text(t(), &fate_for_text, &target_name)
        }
        Disposition::CarriedOver => t().addon_carried_over.to_string(),
        Disposition::Blocking(_) => t().addon_blocking.to_string(),
    };
    view! {
        <span class="addon-fate" data-offer-id=fate.offer_id.to_string() data-disposition=disposition.as_str()>
            {name}" — "{text}
        </span>
    }
}

#[component]
fn UpgradeForm(
    target: TargetEvaluation,
    selected: StoredValue<Selected>,
    assigned: usize,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let source = selected.with_value(|s| s.subscription.clone());
    let customer_id = selected.with_value(|s| s.customer.id.clone());
    let billing = RwSignal::new(source.billing_cycle);
    let timing = RwSignal::new(UpgradeTiming::Now);
    // The range follows the start chosen: an NCE upgrade at renewal has its own.
    let range = {
        let target = target.clone();
        move |pick: fn((u32, u32)) -> u32| {
            let target = target.clone();
            Signal::derive(move || pick(target.quantity_range(timing.get())))
        }
    };
    let quantity = Quantity::new(target.quantity_default, range(|r| r.0), range(|r| r.1));
    let renews_on = renewal_day(&source, state.today());
    let nce = source.commerce.is_nce();
    let parsed = quantity.parsed;
    let target_id = target.target.clone();

    let add = move |_| {
        let Ok(quantity) = parsed.get_untracked() else { return };
        let line = CartLine {
            customer_id: customer_id.clone(),
            source_subscription_id: source.id.clone(),
            target_offer_id: target_id.clone(),
            quantity,
            // New commerce keeps the source's term and billing: nothing to choose.
            billing_cycle: if nce { source.billing_cycle } else { billing.get_untracked() },
            purchase: false,
            timing: timing.get_untracked(),
            moved_users: Vec::new(),
        };
        if let Ok(added) = state.run(|w, now, actor| cart::add(state.catalog, w, line, now, actor))
        {
            let name = |id: &str| state.catalog.offer_name(id).to_string();
            if let Some(old) = added.replaced_target {
                state.notice.set(Some(crate::state::Notice::Success(t().cart_replaced_target(
                    msg::CartReplacedTarget { old: &name(&old), new: &name(&target_id) },
                ))));
            }
            navigate(&links::cart(), Default::default());
        }
    };

    view! {
        <p class="target-line secondary">
            {move || match target.upgrade_type {
                UpgradeType::UpgradeWithLicenseTransfer => t().upgrade_moves_licenses(assigned as u64),
                UpgradeType::UpgradeOnly => t().upgrade_only_note.to_string(),
            }}
        </p>
        <div class="target-form">
            <QuantityField quantity id=format!("quantity-{}", target.target) label=Signal::derive(move || t().licenses_label.to_string())
                help=Signal::derive(move || t().quantity_help.to_string())/>
            {(!nce).then(|| view! {
                <BillingSelect id=format!("billing-{}", target.target) value=billing on_change=Callback::new(move |c| billing.set(c))/>
            })}
            <TimingSelect id=format!("timing-{}", target.target) value=timing on_change=Callback::new(move |c| timing.set(c)) renews_on/>
            <button
                class="button-primary"
                data-testid="add-to-cart"
                disabled=move || parsed.get().is_err() || !state.can_act()
                title=move || state.read_only_reason()
                on:click=add
            >
                {move || t().add_to_cart}
            </button>
        </div>
    }
}
