//! Auto-renew on the Overview tab, as a switch the partner flips. Turning it
//! off asks first, naming the day the subscription then ends
//! (docs/rules.md#renewal-on-the-clock); turning it on asks nothing.

use crate::components::confirm::{use_confirm, Question};
use crate::components::messages::{license_message, removes_scheduled_line};
use crate::domain::ids::CustomerId;
use crate::domain::workspace::Subscription;
use crate::domain::{licenses, scheduled};
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn AutoRenew(customer_id: CustomerId, subscription: Subscription) -> impl IntoView {
    let state = use_app();
    let confirm = use_confirm();
    let error = RwSignal::new(None::<String>);
    let live = subscription.status.is_live();
    let (id, ends) = (subscription.id.clone(), subscription.commitment_end());
    let apply = Callback::new({
        let id = id.clone();
        move |on: bool| {
            let outcome = state.run(|w, now, actor| {
                licenses::set_auto_renew(w, &customer_id, &id, on, now, actor)
            });
            error.set(outcome.err().map(|e| license_message(state.t(), &e)));
        }
    });
    let name = format!(
        "{} ({})",
        state.catalog.offer_name(&subscription.offer_id),
        subscription.friendly_name
    );
    let change = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            return apply.run(true);
        }
        // The box stays on until the partner confirms: the page redraws it then.
        event_target::<web_sys::HtmlInputElement>(&ev).set_checked(true);
        let t = state.t();
        // Turning it off is an immediate change: it takes the scheduled ones along.
        let removed = state.workspace.with_untracked(|w| {
            let s = w.customers.iter().find_map(|c| c.subscription(&id))?;
            removes_scheduled_line(
                t,
                state.catalog,
                &scheduled::removed_by_change(w, s, state.now()),
            )
        });
        let mut lines = vec![t.confirm_auto_renew_off_body(ends)];
        lines.extend(removed);
        confirm.ask(Question {
            title: t.confirm_auto_renew_off_title(&name),
            lines,
            accept: t.auto_renew_turn_off.into(),
            on_accept: Callback::new(move |()| apply.run(false)),
        });
    };
    view! {
        <label class="checkbox">
            <input type="checkbox" data-testid="auto-renew" aria-describedby=live.then_some("auto-renew-help")
                prop:checked=subscription.auto_renew && live
                disabled=move || !live || !state.can_act()
                title=move || state.read_only_reason()
                on:change=change/>
            <span>{move || if subscription.auto_renew && live { state.t().yes } else { state.t().no }}</span>
        </label>
        // What off means, while it can still be chosen.
        {live.then(|| view! {
            <p class="field-help" id="auto-renew-help">{move || state.t().auto_renew_help}</p>
        })}
        {move || error.get().map(|e| view! { <p class="field-error" data-testid="error">{e}</p> })}
    }
}
