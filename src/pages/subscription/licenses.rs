//! The Licenses tab: change the licence count, assign and unassign users.

use super::nce_licenses::{NceWindows, NextTermForm};
use super::Selected;
use crate::components::confirm::{use_confirm, Question};
use crate::components::fields::{Quantity, QuantityField};
use crate::components::messages::count_change_lines;
use crate::components::messages::{license_message, removes_scheduled_line};
use crate::components::page::{MessageBar, Tone};
use crate::components::users::UserPicker;
use crate::domain::ids::{CustomerId, SubscriptionId, UserId};
use crate::domain::licenses::{self, LicenseError};
use crate::domain::proration::{count_change_price, CountChangePrice};
use crate::domain::quantity::QuantityError;
use crate::domain::scheduled;
use crate::domain::workspace::{Subscription, User};
use crate::i18n::msg;
use crate::i18n::{format, Strings};
use crate::state::{use_app, Notice};
use leptos::prelude::*;

/// Assigns or unassigns the chosen users, saving the change.
fn license_action(
    customer_id: CustomerId,
    subscription_id: SubscriptionId,
    assign: bool,
) -> Callback<Vec<UserId>, Result<String, String>> {
    let state = use_app();
    Callback::new(move |ids: Vec<UserId>| {
        let outcome = state.run(|w, now, actor| {
            if assign {
                licenses::assign(w, &customer_id, &subscription_id, &ids, now, actor)
            } else {
                licenses::unassign(w, &customer_id, &subscription_id, &ids, now, actor)
            }
        });
        let t = state.t();
        match outcome {
            Ok(n) if assign => Ok(t.assigned_n(n as u64)),
            Ok(n) => Ok(t.unassigned_n(n as u64)),
            Err(e) => Err(license_message(t, &e)),
        }
    })
}

/// The tab: why nothing may change (when so), the licence count, and the
/// users who hold a licence and those who could.
#[component]
pub fn Licenses(selected: Selected) -> impl IntoView {
    let state = use_app();
    let Selected { customer, subscription, .. } = selected;
    let (customer_id, subscription_id) = (customer.id.clone(), subscription.id.clone());
    let holders: Vec<User> =
        customer.users.iter().filter(|u| u.licenses.contains(&subscription.id)).cloned().collect();
    let others: Vec<User> =
        customer.users.iter().filter(|u| !u.licenses.contains(&subscription.id)).cloned().collect();
    let assigned = holders.len();
    // `?user=`: the user a link sent the partner to act on (the order page's
    // accounts that need more work), brought into view in either list.
    let focus_user =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("user")).map(UserId::from);
    // Why nothing here can change right now (docs/rules.md#while-an-upgrade-is-pending):
    // an upgrade under way
    // (named), or a subscription that is cancelled or expired.
    let lock = Memo::new({
        let (subscription_id, status) = (subscription_id.clone(), subscription.status);
        move |_| {
            let t = state.t();
            match state.workspace.with(|w| licenses::upgrading_order(w, &subscription_id)) {
                Some(order) => Some(t.err_upgrade_in_progress(&order)),
                None => {
                    (!status.is_live()).then(|| t.licenses_closed(&t.status(status).to_lowercase()))
                }
            }
        }
    });

    view! {
        {move || lock.get().map(|why| view! { <MessageBar tone=Tone::Warning>{why}</MessageBar> })}
        {subscription.commerce.is_nce().then(|| view! {
            <NceWindows subscription=subscription.clone()/>
        })}
        <LicenseCount customer_id=customer_id.clone() subscription=subscription.clone() assigned
            users_known=customer.assigned(&subscription.id).is_some() lock/>
        {subscription.commerce.is_nce().then(|| view! {
            <NextTermForm customer_id=customer_id.clone() subscription=subscription.clone() lock/>
        })}
        <LicenseUsers users=holders title=|t| t.assigned_users_title empty=|t| t.no_assigned_users
            action=|t| t.unassign_button action_testid="unassign-licenses" focus_user=focus_user.clone() lock
            on_act=license_action(customer_id.clone(), subscription_id.clone(), false)/>
        <LicenseUsers users=others title=|t| t.assign_title empty=|t| t.no_unassigned_users
            action=|t| t.assign_button action_testid="assign-licenses" focus_user lock
            on_act=license_action(customer_id, subscription_id, true)/>
    }
}

/// The licence count with Save, and how many are assigned and free.
#[component]
fn LicenseCount(
    customer_id: CustomerId,
    subscription: Subscription,
    assigned: usize,
    /// False when the licences are held by users not imported from Partner Center.
    users_known: bool,
    lock: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let subscription_id = subscription.id.clone();
    let free = subscription.quantity.saturating_sub(assigned as u32);
    let error = RwSignal::new(None::<String>);
    let max = state.catalog.offer(&subscription.offer_id).map_or(u32::MAX, |o| o.seat_max());
    let quantity = Quantity::new(subscription.quantity, assigned.max(1) as u32, max);
    let locked = Signal::derive(move || lock.with(Option::is_some));
    let blocked = move || !state.can_act() || locked.get();
    let why_blocked = move || lock.get().or_else(|| state.read_only_reason().map(str::to_string));
    let save = save_count(customer_id, subscription_id.clone(), quantity, assigned, error);
    view! {
        <div class="card">
            <form class="target-form" on:submit=save>
                <QuantityField quantity id=format!("license-count-{subscription_id}") testid="license-count"
                    label=Signal::derive(move || t().licenses_quantity_label.to_string()) disabled=Signal::derive(blocked)
                    problem=error on_read=Callback::new(move |_| error.set(None))/>
                <button type="submit" class="button-primary" data-testid="license-save" title=why_blocked disabled=blocked>{move || t().save}</button>
            </form>
            // The free count under the assigned one, in the grid's value column.
            <dl class="field-grid license-counts">
                <dt>{move || t().col_assigned}</dt>
                {if users_known {
                    view! {
                        <dd>{move || format::number(state.locale.get(), assigned as f64)}</dd>
                        <dd class="secondary field-grid-note" data-testid="free-licenses">{move || t().free_licenses(u64::from(free))}</dd>
                    }.into_any()
                } else {
                    view! { <dd data-testid="users-not-imported">{move || t().users_not_imported}</dd> }.into_any()
                }}
            </dl>
        </div>
    }
}

/// Saves the licence count: refused at once when the rules say no, else
/// asked first with its price.
fn save_count(
    customer_id: CustomerId,
    subscription_id: SubscriptionId,
    quantity: Quantity,
    assigned: usize,
    error: RwSignal<Option<String>>,
) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let state = use_app();
    let confirm = use_confirm();
    move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let quantity = match quantity.parsed.get_untracked() {
            Ok(q) => q,
            // Fewer than the users holding one: the rules' own words say why.
            Err(QuantityError::BelowMin(_)) => {
                return error.set(Some(license_message(
                    state.t(),
                    &LicenseError::BelowAssigned(assigned.max(1) as u32),
                )))
            }
            Err(_) => return,
        };
        // Refused by the rules: say why at once, nothing to confirm.
        let checked = state.workspace.with_untracked(|w| {
            licenses::check_quantity(
                state.catalog,
                w,
                &customer_id,
                &subscription_id,
                quantity,
                state.now(),
            )
        });
        if let Err(e) = checked {
            return error.set(Some(license_message(state.t(), &e)));
        }
        // The price first (docs/rules.md#licence-count-change-price), then the change.
        let price = state.workspace.with_untracked(|w| {
            let customer = w.customer(&customer_id)?;
            let subscription = customer.subscription(&subscription_id)?;
            Some((
                subscription.quantity,
                count_change_price(
                    state.catalog,
                    w,
                    customer,
                    subscription,
                    quantity,
                    state.today(),
                ),
                scheduled::removed_by_change(w, subscription, state.now()),
            ))
        });
        let Some((old, price, removed)) = price else { return };
        if price == CountChangePrice::Unchanged {
            return;
        }
        let (t, locale) = (state.t(), state.locale.get_untracked());
        let mut lines = count_change_lines(locale, &price);
        lines.extend(removes_scheduled_line(t, state.catalog, &removed));
        confirm.ask(Question {
            title: t.confirm_count_title(msg::ConfirmCountTitle {
                old: old.into(),
                new: quantity.into(),
            }),
            lines,
            accept: t.save.into(),
            on_accept: set_count(customer_id.clone(), subscription_id.clone(), quantity, error),
        });
    }
}

/// Sets the licence count once confirmed, saying it was saved or why not.
fn set_count(
    customer_id: CustomerId,
    subscription_id: SubscriptionId,
    quantity: u32,
    error: RwSignal<Option<String>>,
) -> Callback<()> {
    let state = use_app();
    Callback::new(move |()| {
        match state.run(|w, now, actor| {
            licenses::set_quantity(
                state.catalog,
                w,
                &customer_id,
                &subscription_id,
                quantity,
                now,
                actor,
            )
        }) {
            Ok(()) => {
                error.set(None);
                state
                    .notice
                    .set(Some(Notice::Success(state.t().licenses_saved(u64::from(quantity)))));
            }
            Err(e) => error.set(Some(license_message(state.t(), &e))),
        }
    })
}

/// A titled list of users with one action on those chosen (assign or
/// unassign), or a line saying there are none.
#[component]
fn LicenseUsers(
    users: Vec<User>,
    title: fn(&Strings) -> &'static str,
    empty: fn(&Strings) -> &'static str,
    action: fn(&Strings) -> &'static str,
    action_testid: &'static str,
    focus_user: Option<UserId>,
    lock: Memo<Option<String>>,
    on_act: Callback<Vec<UserId>, Result<String, String>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let locked = Signal::derive(move || lock.with(Option::is_some));
    view! {
        <h2 class="section-title">{move || title(t())}</h2>
        {if users.is_empty() {
            view! { <p class="secondary">{move || empty(t())}</p> }.into_any()
        } else {
            view! {
                <UserPicker users action_label=Signal::derive(move || action(t()).to_string()) action_testid
                    focus_user locked lock_reason=Signal::derive(move || lock.get()) on_act/>
            }.into_any()
        }}
    }
}
