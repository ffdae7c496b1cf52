//! The Licenses tab: change the licence count, assign and unassign users.

use super::Selected;
use crate::domain::licenses;
use crate::domain::quantity::parse_quantity;
use crate::domain::workspace::User;
use crate::i18n::{format, Strings};
use crate::components::messages::{license_message, quantity_message};
use crate::components::page::{MessageBar, Tone};
use crate::state::{use_app, Notice};
use leptos::prelude::*;
use std::collections::BTreeSet;


/// Assigns or unassigns the chosen users, saving the change.
fn license_action(customer_id: String, subscription_id: String, assign: bool) -> Callback<Vec<String>, Result<String, String>> {
    let state = use_app();
    Callback::new(move |ids: Vec<String>| {
        let outcome = state.run(|w, now, actor| {
            if assign {
                licenses::assign(w, &customer_id, &subscription_id, &ids, now, actor)
            } else {
                licenses::unassign(w, &customer_id, &subscription_id, &ids, now, actor)
            }
        });
        let t = state.t();
        match outcome {
            Ok(n) if assign => Ok((t.assigned_n)(&n.to_string())),
            Ok(n) => Ok((t.unassigned_n)(&n.to_string())),
            Err(e) => Err(license_message(t, &e)),
        }
    })
}

#[component]
pub fn Licenses(selected: Selected) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Selected { customer, subscription, .. } = selected;
    let (customer_id, subscription_id) = (customer.id.clone(), subscription.id.clone());
    let holders: Vec<User> = customer.users.iter().filter(|u| u.licenses.contains(&subscription.id)).cloned().collect();
    let others: Vec<User> = customer.users.iter().filter(|u| !u.licenses.contains(&subscription.id)).cloned().collect();
    let assigned = holders.len();
    let free = subscription.quantity.saturating_sub(assigned as u32);
    let text = RwSignal::new(subscription.quantity.to_string());
    let error = RwSignal::new(None::<String>);
    let max = state.catalog.offer(&subscription.offer_id).map_or(u32::MAX, |o| o.seat_max());
    // Why nothing here can change right now (SPEC 8.2): an upgrade under way
    // (named), or a subscription that is cancelled or expired.
    let lock = Memo::new({
        let (subscription_id, status) = (subscription_id.clone(), subscription.status);
        move |_| {
            let t = state.t();
            match state.workspace.with(|w| licenses::upgrading_order(w, &subscription_id)) {
                Some(order) => Some((t.err_upgrade_in_progress)(&order)),
                None => (!status.is_live()).then(|| (t.licenses_closed)(&t.status(status).to_lowercase())),
            }
        }
    });
    let locked = Signal::derive(move || lock.with(Option::is_some));
    let blocked = move || !state.can_act() || locked.get();
    let why_blocked = move || lock.get().or_else(|| state.read_only_reason().map(str::to_string));

    let save = {
        let (customer_id, subscription_id) = (customer_id.clone(), subscription_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let quantity = match parse_quantity(&text.get_untracked(), state.locale.get_untracked().number_style(), 1, max) {
                Ok(q) => q,
                Err(e) => return error.set(Some(quantity_message(state.locale.get_untracked(), e))),
            };
            match state.run(|w, now, actor| licenses::set_quantity(state.catalog, w, &customer_id, &subscription_id, quantity, now, actor)) {
                Ok(()) => {
                    error.set(None);
                    state.notice.set(Some(Notice::Success((state.t().licenses_saved)(&quantity.to_string()))));
                }
                Err(e) => error.set(Some(license_message(state.t(), &e))),
            }
        }
    };
    let input_id = format!("license-count-{subscription_id}");

    view! {
        {move || lock.get().map(|why| view! { <MessageBar tone=Tone::Warning>{why}</MessageBar> })}
        <div class="card">
            <form class="target-form" on:submit=save>
                <div class="form-field">
                    <label for=input_id.clone()>{move || t().licenses_quantity_label}</label>
                    <input id=input_id type="text" inputmode="numeric" class="quantity" data-testid="license-count"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))
                        disabled=blocked aria-invalid=move || error.get().is_some().to_string()/>
                    <span class="field-help">
                        {move || (t().quantity_range)(&format::number(state.locale.get(), assigned.max(1) as f64), &format::number(state.locale.get(), max))}
                    </span>
                    <span class="field-error" role="alert">{move || error.get().map(|e| view! { <span data-testid="error">{e}</span> })}</span>
                </div>
                <button type="submit" class="button-primary" data-testid="license-save" title=why_blocked disabled=blocked>{move || t().save}</button>
            </form>
            <dl class="field-grid">
                <dt>{move || t().col_assigned}</dt>
                <dd>{move || format::number(state.locale.get(), assigned as f64)}</dd>
            </dl>
            <p class="secondary" data-testid="free-licenses">{move || (t().free_licenses)(&format::number(state.locale.get(), free))}</p>
        </div>
        <h2 class="section-title">{move || t().assigned_users_title}</h2>
        {if holders.is_empty() {
            view! { <p class="secondary">{move || t().no_assigned_users}</p> }.into_any()
        } else {
            view! {
                <UserPicker users=holders action_label=Signal::derive(move || t().unassign_button.to_string()) action_testid="unassign-licenses"
                    locked lock_reason=Signal::derive(move || lock.get()) on_act=license_action(customer_id.clone(), subscription_id.clone(), false)/>
            }.into_any()
        }}
        <h2 class="section-title">{move || t().assign_title}</h2>
        {if others.is_empty() {
            view! { <p class="secondary">{move || t().no_unassigned_users}</p> }.into_any()
        } else {
            view! {
                <UserPicker users=others action_label=Signal::derive(move || t().assign_button.to_string()) action_testid="assign-licenses"
                    locked lock_reason=Signal::derive(move || lock.get()) on_act=license_action(customer_id, subscription_id, true)/>
            }.into_any()
        }}
    }
}

/// The name, user name and usage location cells of a user row.
fn user_cells(t: &'static Strings, u: &User) -> impl IntoView {
    let location = match u.usage_location.clone() {
        Some(l) => view! { <span>{l}</span> }.into_any(),
        None => view! { <span class="status status-warning">{t.no_usage_location}</span> }.into_any(),
    };
    view! {
        <td>{u.display_name.clone()}</td>
        <td>{u.user_principal_name.clone()}</td>
        <td>{location}</td>
    }
}

/// A table of users with checkboxes and one action on the selection. With a
/// `limit`, a selection past it is refused with a message.
#[component]
pub fn UserPicker(
    users: Vec<User>,
    #[prop(into)] action_label: Signal<String>,
    action_testid: &'static str,
    #[prop(optional)] limit: Option<usize>,
    /// Nothing may change now; `lock_reason` says why (tooltip).
    #[prop(optional, into)] locked: Signal<bool>,
    #[prop(optional, into)] lock_reason: Signal<Option<String>>,
    /// Runs the action; `Ok` carries the success message.
    on_act: Callback<Vec<String>, Result<String, String>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let error = RwSignal::new(None::<String>);
    let blocked = move || !state.can_act() || locked.get();
    let why_blocked = move || lock_reason.get().or_else(|| state.read_only_reason().map(str::to_string));
    let act = move |_| match on_act.run(chosen.get_untracked().into_iter().collect()) {
        Ok(message) => {
            chosen.set(BTreeSet::new());
            error.set(None);
            state.notice.set(Some(Notice::Success(message)));
        }
        Err(message) => error.set(Some(message)),
    };
    view! {
        <div class="table-card">
            <table class="data-table">
                <thead><tr>
                    <th scope="col" class="check-col"><span class="visually-hidden">{move || t().col_user}</span></th>
                    <th scope="col">{move || t().col_user}</th>
                    <th scope="col">{move || t().col_upn}</th>
                    <th scope="col">{move || t().col_usage_location}</th>
                </tr></thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let (id, toggle_id) = (u.id.clone(), u.id.clone());
                        view! {
                            <tr data-user-id=u.id.clone()>
                                <td class="check-col">
                                    <input type="checkbox" aria-label=(t().select_user)(&u.display_name) disabled=blocked
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            if on && limit.is_some_and(|max| chosen.with(BTreeSet::len) >= max) {
                                                // Refused: the box stays unticked and the message says why.
                                                if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                                    input.set_checked(false);
                                                }
                                                let max = limit.unwrap_or_default();
                                                error.set(Some((state.t().err_too_many)(&max.to_string())));
                                                return;
                                            }
                                            error.set(None);
                                            chosen.update(|c| { if on { c.insert(toggle_id.clone()); } else { c.remove(&toggle_id); } });
                                        }/>
                                </td>
                                {user_cells(t(), &u)}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || error.get().map(|e| view! { <p class="field-error" data-testid="error" role="alert">{e}</p> })}
        <button class="button-secondary" data-testid=action_testid title=why_blocked
            disabled=move || chosen.with(BTreeSet::is_empty) || blocked() on:click=act>
            {move || action_label.get()}
        </button>
    }
}

/// Who holds a licence, read-only (the Overview tab).
#[component]
pub fn UserTable(users: Vec<User>) -> impl IntoView {
    let state = use_app();
    let t = state.t();
    if users.is_empty() {
        return view! { <p class="secondary">{t.no_assigned_users}</p> }.into_any();
    }
    view! {
        <div class="table-card">
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t.col_user}</th>
                    <th scope="col">{t.col_upn}</th>
                    <th scope="col">{t.col_usage_location}</th>
                </tr></thead>
                <tbody>
                    {users.iter().map(|u| view! { <tr>{user_cells(t, u)}</tr> }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any()
}
