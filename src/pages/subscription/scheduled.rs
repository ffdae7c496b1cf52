//! The subscription's scheduled changes (`scheduled-change`), above its
//! tabs: an upgrade at renewal (docs/rules.md#upgrade-at-renewal) and, under
//! new commerce, the next term's licences
//! (docs/rules.md#new-commerce-scheduled-changes). Each can be called off
//! after a confirmation, except in the last 24 hours before a new-commerce
//! term ends: then the button is disabled and says since when.

use crate::components::confirm::{use_confirm, Question};
use crate::components::messages::{cancel_message, instant, license_message};
use crate::components::page::{MessageBar, Tone};
use crate::domain::clock::Timestamp;
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::domain::workspace::Subscription;
use crate::domain::{licenses, orders, scheduled};
use crate::i18n::msg;
use crate::links;
use crate::state::{use_app, Notice};
use leptos::prelude::*;
use leptos_router::components::A;

/// Since when the subscription's scheduled changes are locked, if they are.
fn locked_since(subscription: Option<&Subscription>, now: Timestamp) -> Option<Timestamp> {
    subscription.and_then(|s| scheduled::locked_since(s, now))
}

/// The reason a cancel button is disabled: the lock (with its start), or a
/// role that may not act.
fn disabled_reason(locked: Option<Timestamp>) -> Option<String> {
    let state = use_app();
    let t = state.t();
    locked
        .map(|since| t.scheduled_locked(&instant(t, since)))
        .or_else(|| state.read_only_reason().map(str::to_string))
}

/// An upgrade at renewal waiting for this subscription's term end, with a
/// confirmed way to call it off.
#[component]
pub fn ScheduledUpgrade(subscription_id: Memo<SubscriptionId>) -> impl IntoView {
    let state = use_app();
    let confirm = use_confirm();
    let scheduled = Memo::new(move |_| {
        let id = subscription_id.get();
        state.workspace.with(|w| {
            let (order, line) = orders::scheduled_upgrade_of(w, &id)?;
            let source = w.customer(&order.customer_id).and_then(|c| c.subscription(&id));
            Some((order.clone(), line.clone(), locked_since(source, state.now())))
        })
    });
    move || {
        let (order, line, locked) = scheduled.get()?;
        let t = state.t();
        let target = state.catalog.offer_name(&line.target_offer_id).to_string();
        let day = order.scheduled_for.unwrap_or(order.placed_on);
        let text = t.scheduled_change(msg::ScheduledChange {
            target: &target,
            count: u64::from(line.quantity),
            date: day,
            order: &order.id,
        });
        let order_id = order.id.clone();
        let cancel = move |_| {
            let t = state.t();
            let order_id = order_id.clone();
            confirm.ask(Question {
                title: t.confirm_cancel_scheduled_title.into(),
                lines: vec![t.confirm_cancel_scheduled_body(msg::ConfirmCancelScheduledBody {
                    target: &target,
                    date: day,
                    order: &order_id,
                })],
                accept: t.cancel_scheduled.into(),
                on_accept: Callback::new(move |()| {
                    let result = state
                        .run(|w, now, actor| orders::cancel_scheduled(w, &order_id, now, actor));
                    let t = state.t();
                    state.notice.set(Some(match result {
                        Ok(()) => Notice::Success(t.scheduled_cancelled_notice(&order_id)),
                        Err(error) => Notice::Error(cancel_message(t, &error, &order_id)),
                    }));
                }),
            });
        };
        let why = disabled_reason(locked);
        Some(view! {
            <MessageBar tone=Tone::Info>
                <div data-testid="scheduled-change" data-kind="upgrade" data-order-id=order.id.to_string()>
                    <p><strong>{t.scheduled_change_title}</strong></p>
                    <p>{text}" "<A href=state.href(&links::order(&order.id)) exact=true>{t.view_order}</A></p>
                    {locked.is_some().then(|| view! { <p class="secondary" data-testid="scheduled-locked">{why.clone()}</p> })}
                    <button class="button-secondary" data-testid="cancel-scheduled-change" on:click=cancel
                        disabled=why.is_some() title=why.clone()>
                        {t.cancel_scheduled}
                    </button>
                </div>
            </MessageBar>
        })
    }
}

/// A new-commerce subscription's next-term licence count, with a confirmed
/// way to remove it (it then renews with its current licences).
#[component]
pub fn ScheduledNextTerm(
    subscription_id: Memo<SubscriptionId>,
    customer_id: Memo<CustomerId>,
) -> impl IntoView {
    let state = use_app();
    let confirm = use_confirm();
    let next = Memo::new(move |_| {
        let (customer, id) = (customer_id.get(), subscription_id.get());
        state.workspace.with(|w| {
            let s = w.customer(&customer)?.subscription(&id)?;
            let count = s.next_term.as_ref()?.quantity.filter(|_| s.status.is_live())?;
            Some((count, s.commitment_end(), locked_since(Some(s), state.now())))
        })
    });
    move || {
        let (count, renews, locked) = next.get()?;
        let t = state.t();
        let remove = move |_| {
            let t = state.t();
            confirm.ask(Question {
                title: t.cancel_next_term.into(),
                lines: vec![t.next_term_cleared.into()],
                accept: t.cancel_next_term.into(),
                on_accept: Callback::new(move |()| {
                    let (customer, id) =
                        (customer_id.get_untracked(), subscription_id.get_untracked());
                    let result = state.run(|w, now, actor| {
                        licenses::set_next_term(w, &customer, &id, None, now, actor)
                    });
                    let t = state.t();
                    state.notice.set(Some(match result {
                        Ok(()) => Notice::Success(t.next_term_cleared.into()),
                        Err(error) => Notice::Error(license_message(t, &error)),
                    }));
                }),
            });
        };
        let why = disabled_reason(locked);
        let body = t.scheduled_next_term_body(msg::ScheduledNextTermBody {
            date: renews,
            count: u64::from(count),
        });
        Some(view! {
            <MessageBar tone=Tone::Info>
                <div data-testid="scheduled-change" data-kind="next_term" data-quantity=count>
                    <p><strong>{t.scheduled_next_term_title}</strong></p>
                    <p>{body}</p>
                    {locked.is_some().then(|| view! { <p class="secondary" data-testid="scheduled-locked">{why.clone()}</p> })}
                    <button class="button-secondary" data-testid="cancel-scheduled-change" on:click=remove
                        disabled=why.is_some() title=why.clone()>
                        {t.cancel_next_term}
                    </button>
                </div>
            </MessageBar>
        })
    }
}
