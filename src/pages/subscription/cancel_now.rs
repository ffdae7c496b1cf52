//! Cancelling a new-commerce subscription from its Overview
//! (`cancel-subscription`, docs/rules.md#new-commerce-licences): possible
//! while its purchase or last renewal is less than 168 hours old, with the
//! unused days refunded. The confirmation names the refund, the users who
//! lose the licence, each add-on that goes with it and the scheduled changes
//! it removes. After the window the button is disabled and says why: turning
//! off auto-renew lets it end at the term's end.

use crate::components::confirm::{use_confirm, Question};
use crate::components::messages::{
    cancellation_refund_line, instant, license_message, removes_scheduled_line,
};
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::domain::{licenses, scheduled};
use crate::i18n::Strings;
use crate::state::{use_app, AppState, Notice};
use leptos::prelude::*;

#[component]
pub fn CancelNow(customer_id: CustomerId, subscription_id: SubscriptionId) -> impl IntoView {
    let state = use_app();
    let confirm = use_confirm();
    let t = move || state.t();
    let why = Memo::new({
        let (customer_id, id) = (customer_id.clone(), subscription_id.clone());
        move |_| {
            let rules = state
                .workspace
                .with(|w| licenses::check_cancel_now(w, &customer_id, &id, state.now()).err());
            rules
                .map(|e| license_message(state.t(), &e))
                .or_else(|| state.read_only_reason().map(str::to_string))
        }
    });
    let until = state.workspace.with_untracked(|w| {
        let s = w.customer(&customer_id)?.subscription(&subscription_id)?;
        licenses::cancel_window_closes(s)
    });
    let ask = move |_| {
        let t = state.t();
        let lines = confirmation(state, t, &customer_id, &subscription_id);
        let (customer_id, id) = (customer_id.clone(), subscription_id.clone());
        confirm.ask(Question {
            title: t.confirm_cancel_nce_title.into(),
            lines,
            accept: t.cancel_subscription_button.into(),
            on_accept: Callback::new(move |()| {
                let result = state.run(|w, now, actor| {
                    licenses::cancel_now(state.catalog, w, &customer_id, &id, now, actor)
                });
                let t = state.t();
                state.notice.set(Some(match result {
                    Ok(()) => Notice::Success(t.subscription_cancelled_notice.into()),
                    Err(error) => Notice::Error(license_message(t, &error)),
                }));
            }),
        });
    };
    let help =
        move || why.get().or_else(|| until.map(|until| t().cancel_nce_until(&instant(t(), until))));
    view! {
        <button type="button" class="button-secondary danger" data-testid="cancel-subscription"
            aria-describedby="cancel-subscription-help" disabled=move || why.with(Option::is_some)
            on:click=ask>
            {move || t().cancel_subscription_button}
        </button>
        <p class="field-help" id="cancel-subscription-help" data-testid="cancel-subscription-help">{help}</p>
    }
}

/// What the confirmation says: the refund, the users who lose the licence,
/// the add-ons cancelled with it and the scheduled changes removed.
fn confirmation(
    state: AppState,
    t: &'static Strings,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
) -> Vec<String> {
    state.workspace.with_untracked(|w| {
        let Some(customer) = w.customer(customer_id) else { return Vec::new() };
        let Some(s) = customer.subscription(subscription_id) else { return Vec::new() };
        let mut lines = Vec::new();
        lines.extend(cancellation_refund_line(t, state.catalog, w, customer, s, state.today()));
        let users = customer.assigned_users(subscription_id);
        if users > 0 {
            lines.push(t.confirm_cancel_nce_users(users as u64));
        }
        lines.extend(customer.addons_of(subscription_id).filter(|a| a.status.is_live()).map(|a| {
            let name = format!("{} ({})", state.catalog.offer_name(&a.offer_id), a.friendly_name);
            t.confirm_cancel_nce_addon(&name)
        }));
        let removed = scheduled::removed_by_change(w, s, state.now());
        lines.extend(removes_scheduled_line(t, state.catalog, &removed));
        lines
    })
}
