//! Step 4: cancel the old subscription once nobody holds its licences.

use super::{offer_name, Upgrade};
use crate::components::confirm::{use_confirm, Question};
use crate::components::messages::{cancellation_refund_line, license_message};
use crate::components::page::{MessageBar, Tone};
use crate::domain::ids::CustomerId;
use crate::domain::licenses::LicenseError;
use crate::domain::licenses::{self, AddonOutcome};
use crate::domain::workspace::{Subscription, SubscriptionStatus};
use crate::i18n::msg;
use crate::pages::subscription::auto_renew::{AutoRenew, AutoRenewProps};
use crate::state::{use_app, Notice};
use leptos::prelude::*;

/// Cancel the old subscription, or why not yet; or that it is cancelled.
#[component]
pub(super) fn StepCancel(up: Upgrade, customer_id: CustomerId, old: Subscription) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let old_cancelled = old.status == SubscriptionStatus::Cancelled;
    // Step 4 waits for step 3 (and a role that may act): the rules' reason.
    let cancel_block = {
        let (customer_id, old_id) = (customer_id.clone(), old.id.clone());
        Memo::new(move |_| {
            let t = state.t();
            state
                .workspace
                .with(|w| licenses::check_cancel(w, &customer_id, &old_id, state.now()))
                .err()
                .map(|e| {
                    (license_message(t, &e), matches!(e, LicenseError::CancelWindowClosed { .. }))
                })
        })
    };
    // New commerce past its window: what is left is to let it end (docs/rules.md#new-commerce-licences).
    let window_closed =
        Memo::new(move |_| cancel_block.with(|b| b.as_ref().is_some_and(|(_, closed)| *closed)));
    let cancel_block = Memo::new(move |_| cancel_block.get().map(|(why, _)| why));
    let auto_renew =
        AutoRenew(AutoRenewProps { customer_id: customer_id.clone(), subscription: old.clone() });
    let cancel_old = cancel_old(up, customer_id, &old);
    view! {
        <li class="card wizard-step" data-testid="manual-step" data-step="4">
            <h2 class="cart-line-title">"4 · "{move || t().manual_step4}</h2>
            {if old_cancelled {
                view! { <MessageBar tone=Tone::Success>{move || t().manual_cancelled}</MessageBar> }.into_any()
            } else {
                view! {
                    {move || cancel_block.get().map(|why| view! { <p class="secondary" id="manual-cancel-why" data-testid="manual-cancel-reason">{why}</p> })}
                    <div class="field-row" hidden=move || !window_closed.get()>{auto_renew}</div>
                    <button class="button-secondary danger" data-testid="manual-cancel-old" title=move || cancel_block.get()
                        aria-describedby=move || cancel_block.with(Option::is_some).then_some("manual-cancel-why")
                        on:click=cancel_old disabled=move || cancel_block.with(Option::is_some)>
                        {move || t().manual_cancel_button}
                    </button>
                }.into_any()
            }}
        </li>
    }
}

/// Asks to cancel the old subscription, saying what happens to each add-on,
/// then cancels it.
fn cancel_old(
    up: Upgrade,
    customer_id: CustomerId,
    old: &Subscription,
) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let state = use_app();
    let confirm = use_confirm();
    let Upgrade { new_sub, step_error, .. } = up;
    let old_id = old.id.clone();
    let name = format!("{} ({})", state.catalog.offer_name(&old.offer_id), old.friendly_name);
    move |_| {
        let t = state.t();
        let new = new_sub.get_untracked();
        let new_id = new.as_ref().map(|s| s.id.clone());
        // Each add-on by name, and what happens to it (docs/rules.md#manual-upgrade).
        let plan = state.workspace.with_untracked(|w| {
            w.customer(&customer_id)
                .map(|c| licenses::addon_plan(state.catalog, c, &old_id, new_id.as_deref()))
                .unwrap_or_default()
        });
        let target = new.as_ref().map(|s| offer_name(&s.offer_id)).unwrap_or_default();
        let mut lines = vec![t.confirm_cancel_body.to_string()];
        // New commerce, within its window: the refund of the unused days.
        lines.extend(state.workspace.with_untracked(|w| {
            let customer = w.customer(&customer_id)?;
            let old = customer.subscription(&old_id)?;
            cancellation_refund_line(t, state.catalog, w, customer, old, state.today())
        }));
        lines.extend(plan.iter().map(|(addon, outcome)| {
            let addon = offer_name(&addon.offer_id);
            match outcome {
                AddonOutcome::Moves => {
                    t.confirm_addon_moves(msg::ConfirmAddonMoves { addon: &addon, target: &target })
                }
                AddonOutcome::Included => t.confirm_addon_included(msg::ConfirmAddonIncluded {
                    addon: &addon,
                    target: &target,
                }),
                AddonOutcome::CancelledWithBase => t.confirm_cancel_addon(&addon),
            }
        }));
        let (customer_id, old_id) = (customer_id.clone(), old_id.clone());
        confirm.ask(Question {
            title: t.confirm_cancel_title(&name),
            lines,
            accept: t.confirm_cancel_accept.into(),
            on_accept: Callback::new(move |()| {
                match state.run(|w, now, actor| {
                    licenses::cancel(
                        state.catalog,
                        w,
                        &customer_id,
                        &old_id,
                        new_id.as_deref(),
                        now,
                        actor,
                    )
                }) {
                    Ok(_) => {
                        state.notice.set(Some(Notice::Success(state.t().manual_cancelled.into())))
                    }
                    Err(e) => step_error.set(Some(license_message(state.t(), &e))),
                }
            }),
        });
    }
}
