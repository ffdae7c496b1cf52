//! The ⓘ button after an upgradable subscription's name and its callout with
//! "Upgrade now". Opens on hover and on keyboard focus, closes on Escape, on
//! leaving and on blur; focus can move into the callout's link.

use crate::domain::ids::SubscriptionId;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

#[component]
pub fn UpgradeInfo(
    subscription_id: SubscriptionId,
    upgrade_href: String,
    eligible: usize,
) -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(false);
    let tip_id = format!("upgrade-tip-{subscription_id}");
    let wrapper = NodeRef::<leptos::html::Span>::new();
    let on_focus_out = move |ev: web_sys::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(wrapper.get_untracked())
            .is_some_and(|(target, wrapper)| wrapper.contains(Some(&target)));
        if !inside {
            open.set(false);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.stop_propagation();
            open.set(false);
        }
    };
    let label = move || state.t().eligible_for_upgrades(eligible as u64);
    view! {
        <span
            class="upgrade-info"
            node_ref=wrapper
            on:mouseenter=move |_| open.set(true)
            on:mouseleave=move |_| open.set(false)
            on:focusin=move |_| open.set(true)
            on:focusout=on_focus_out
            on:keydown=on_key
        >
            <button
                type="button"
                class="icon-button info-button"
                data-testid="upgrade-info"
                aria-label=label
                aria-describedby=tip_id.clone()
                aria-expanded=move || open.get().to_string()
                // Enter and Space press the button: they reopen a callout closed with Escape.
                on:click=move |_| open.set(true)
            >
                <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 1a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm0 5.5a.5.5 0 0 1 .5.5v4.5a.5.5 0 0 1-1 0V9a.5.5 0 0 1 .5-.5Zm0-2.25a.75.75 0 1 1 0 1.5.75.75 0 0 1 0-1.5Z"></path>
                </svg>
            </button>
            <span class="callout" role="tooltip" id=tip_id hidden=move || !open.get()>
                <span class="callout-text">{label}</span>
                <A href=state.href(&upgrade_href) exact=true attr:class="callout-link" {..} data-testid="upgrade-now">{move || state.t().upgrade_now}</A>
            </span>
        </span>
    }
}
