//! The Licenses tab of a new-commerce subscription
//! (docs/rules.md#new-commerce-licences): each batch still in its 168-hour
//! window with its deadline (`nce-window`), and the licence count it renews
//! with (`next-term-quantity`), the way to reduce licences added earlier.

use crate::components::fields::{Quantity, QuantityField};
use crate::components::messages::{instant, license_message};
use crate::domain::ids::CustomerId;
use crate::domain::licenses;
use crate::domain::workspace::Subscription;
use crate::i18n::msg;
use crate::state::{use_app, Notice};
use leptos::prelude::*;

/// The licences that can still be removed, batch by batch, until when; or
/// why none can.
#[component]
pub fn NceWindows(subscription: Subscription) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let windows = licenses::open_windows(&subscription, state.now());
    view! {
        <div class="card nce-windows">
            {if windows.is_empty() {
                view! { <p class="secondary" data-testid="nce-no-window">{move || t().nce_no_window}</p> }.into_any()
            } else {
                let rows = windows.into_iter().map(|batch| {
                    let until = batch.removable_until();
                    let text = move || t().nce_window(msg::NceWindow {
                        count: u64::from(batch.quantity),
                        until: &instant(t(), until),
                    });
                    view! {
                        <li data-testid="nce-window" data-quantity=batch.quantity data-until=until.to_rfc3339_seconds()>{text}</li>
                    }
                }).collect_view();
                view! {
                    <ul class="plain-list">{rows}</ul>
                    <p class="secondary">{move || t().nce_no_window}" "{move || t().times_in_zone("UTC")}</p>
                }.into_any()
            }}
        </div>
    }
}

/// The licence count of the next term, 1 to today's; disabled with the
/// rules' reason (auto-renew off, the last 24 hours) or the tab's lock.
#[component]
pub fn NextTermForm(
    customer_id: CustomerId,
    subscription: Subscription,
    lock: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let current = subscription.quantity;
    let initial = subscription.next_term.as_ref().and_then(|n| n.quantity).unwrap_or(current);
    let quantity = Quantity::new(initial, 1, current);
    let error = RwSignal::new(None::<String>);
    let id = subscription.id.clone();
    let why = Memo::new({
        let (customer_id, id) = (customer_id.clone(), id.clone());
        move |_| {
            let t = state.t();
            let rules = state
                .workspace
                .with(|w| licenses::check_next_term(w, &customer_id, &id, None, state.now()).err());
            lock.get()
                .or_else(|| rules.map(|e| license_message(t, &e)))
                .or_else(|| state.read_only_reason().map(str::to_string))
        }
    });
    let blocked = Signal::derive(move || why.with(Option::is_some));
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(count) = quantity.parsed.get_untracked() else { return };
            let outcome = state.run(|w, now, actor| {
                licenses::set_next_term(w, &customer_id, &id, Some(count), now, actor)
            });
            let t = state.t();
            match outcome {
                Ok(()) if count == current => {
                    state.notice.set(Some(Notice::Success(t.next_term_cleared.into())))
                }
                Ok(()) => state.notice.set(Some(Notice::Success(t.next_term_saved(count.into())))),
                Err(e) => error.set(Some(license_message(t, &e))),
            }
        }
    };
    let renews = subscription.commitment_end();
    view! {
        <div class="card">
            <h2 class="section-title">{move || t().next_term_title}</h2>
            <form class="target-form" on:submit=save>
                <QuantityField quantity id=format!("next-term-{id}") testid="next-term-quantity"
                    label=Signal::derive(move || t().next_term_label.to_string()) disabled=blocked
                    problem=error on_read=Callback::new(move |_| error.set(None))/>
                <button type="submit" class="button-secondary" data-testid="next-term-save"
                    disabled=blocked title=move || why.get()>{move || t().save}</button>
            </form>
            <p class="secondary">{move || t().next_term_note(renews)}</p>
            {move || why.get().map(|why| view! { <p class="secondary" data-testid="next-term-why">{why}</p> })}
        </div>
    }
}
