//! Users in tables: read-only (who holds a licence), or with checkboxes and
//! one action on the selection (assign, unassign, reassign at most 20).

use crate::domain::ids::UserId;
use crate::domain::workspace::User;
use crate::i18n::msg;
use crate::i18n::Strings;
use crate::state::{use_app, Notice};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The name, user name and usage location cells of a user row.
fn user_cells(t: &'static Strings, u: &User) -> impl IntoView {
    let location = match u.usage_location.clone() {
        Some(l) => view! { <span>{l}</span> }.into_any(),
        None => {
            view! { <span class="status status-warning">{t.no_usage_location}</span> }.into_any()
        }
    };
    view! {
        <td>{u.display_name.clone()}</td>
        <td>{u.user_principal_name.clone()}</td>
        <td>{location}</td>
    }
}

/// What the parts of a `UserPicker` share, made once by it.
#[derive(Clone, Copy)]
struct Picker {
    chosen: RwSignal<BTreeSet<UserId>>,
    error: RwSignal<Option<String>>,
    /// "The first 20 of 25 are selected", after the header's box chose them.
    capped_note: RwSignal<bool>,
    limit: Option<usize>,
    /// As many as may be chosen at once (`limit`, or every user).
    most: usize,
    /// Nothing may change now: a role that may not act, or `locked`.
    blocked: Signal<bool>,
}

impl Picker {
    /// As many are chosen as may be.
    fn full(self) -> bool {
        self.most > 0 && self.chosen.with(BTreeSet::len) >= self.most
    }
}

/// A table of users with checkboxes and one action on the selection. With a
/// `limit`, a selection past it is refused with a message. The header's box
/// selects every user (the first `limit` of them, saying so, when there are
/// more), shows "some" as indeterminate, and clears a full selection.
#[component]
pub fn UserPicker(
    users: Vec<User>,
    #[prop(into)] action_label: Signal<String>,
    action_testid: &'static str,
    #[prop(optional)] limit: Option<usize>,
    /// Nothing may change now; `lock_reason` says why (tooltip).
    #[prop(optional, into)]
    locked: Signal<bool>,
    #[prop(optional, into)] lock_reason: Signal<Option<String>>,
    /// A user whose row is brought into view, marked, with focus on its box
    /// (where a link to this user leads).
    #[prop(default = None)]
    focus_user: Option<UserId>,
    /// Runs the action; `Ok` carries the success message.
    on_act: Callback<Vec<UserId>, Result<String, String>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let (chosen, error) = (RwSignal::new(BTreeSet::<UserId>::new()), RwSignal::new(None::<String>));
    let blocked = Signal::derive(move || !state.can_act() || locked.get());
    let why_blocked =
        move || lock_reason.get().or_else(|| state.read_only_reason().map(str::to_string));
    let act = move |_| match on_act.run(chosen.get_untracked().into_iter().collect()) {
        Ok(message) => {
            chosen.set(BTreeSet::new());
            error.set(None);
            state.notice.set(Some(Notice::Success(message)));
        }
        Err(message) => error.set(Some(message)),
    };
    // Select all: as many as may be chosen at once, in the table's order.
    let order: Vec<UserId> = users.iter().map(|u| u.id.clone()).collect();
    let total = order.len();
    let most = limit.map_or(total, |max| max.min(total));
    let capped_note = RwSignal::new(false);
    let picker = Picker { chosen, error, capped_note, limit, most, blocked };
    view! {
        <div class="table-card">
            <table class="data-table">
                <PickerHead picker order/>
                <tbody>
                    {users.into_iter().map(|u| {
                        let target = focus_user.as_deref() == Some(u.id.as_str());
                        view! { <PickerRow picker user=u target/> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        // A live region that is always there (with no box of its own while
        // empty), so what it comes to say is read out.
        <div role="status">
            {move || (capped_note.get() && picker.full()).then(|| view! {
                <p class="secondary" data-testid="selected-first-users">{t().selected_first_users(msg::SelectedFirstUsers { max: most as u64, total: total as u64 })}</p>
            })}
        </div>
        {move || error.get().map(|e| view! { <p class="field-error" data-testid="error" role="alert">{e}</p> })}
        <button class="button-secondary" data-testid=action_testid title=why_blocked
            disabled=move || chosen.with(BTreeSet::is_empty) || blocked.get() on:click=act>
            {move || action_label.get()}
        </button>
    }
}

/// The header row: the box that selects all (or the first `limit`), and the
/// column names.
#[component]
fn PickerHead(picker: Picker, order: Vec<UserId>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Picker { chosen, error, capped_note, limit, most, blocked } = picker;
    let capped = most < order.len();
    let full = move || picker.full();
    let some = move || !full() && chosen.with(|c| !c.is_empty());
    let toggle_all = move |_| {
        error.set(None);
        if full() {
            chosen.set(BTreeSet::new());
            capped_note.set(false);
            return;
        }
        chosen.update(|c| {
            for id in &order {
                if c.len() >= most {
                    break;
                }
                c.insert(id.clone());
            }
        });
        capped_note.set(capped);
    };
    let all_label = move || match limit.filter(|_| capped) {
        Some(max) => t().select_first_users(max as u64),
        None => t().select_all_users.to_string(),
    };
    view! {
        <thead><tr>
            <th scope="col" class="check-col">
                <input type="checkbox" data-testid="select-all-users" aria-label=all_label disabled=blocked
                    prop:checked=full prop:indeterminate=some on:change=toggle_all/>
            </th>
            <th scope="col">{move || t().col_user}</th>
            <th scope="col">{move || t().col_upn}</th>
            <th scope="col">{move || t().col_usage_location}</th>
        </tr></thead>
    }
}

/// A user's row with its box; past the `limit` the box is refused with a
/// message. The `target` row is marked and brought into view with focus.
#[component]
fn PickerRow(picker: Picker, user: User, target: bool) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Picker { chosen, error, capped_note, limit, blocked, .. } = picker;
    let (id, toggle_id) = (user.id.clone(), user.id.clone());
    let input = NodeRef::<leptos::html::Input>::new();
    if target {
        Effect::new(move || {
            if let Some(input) = input.get() {
                input.scroll_into_view();
                let _ = input.focus();
            }
        });
    }
    view! {
        <tr data-user-id=user.id.to_string() class:row-target=target>
            <td class="check-col">
                <input type="checkbox" node_ref=input aria-label=t().select_user(&user.display_name) disabled=blocked
                    prop:checked=move || chosen.with(|c| c.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        capped_note.set(false);
                        if on && limit.is_some_and(|max| chosen.with(BTreeSet::len) >= max) {
                            // Refused: the box stays unticked and the message says why.
                            if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                input.set_checked(false);
                            }
                            let max = limit.unwrap_or_default();
                            error.set(Some(state.t().err_reassign_limit(max as u64)));
                            return;
                        }
                        error.set(None);
                        chosen.update(|c| { if on { c.insert(toggle_id.clone()); } else { c.remove(&toggle_id); } });
                    }/>
            </td>
            {user_cells(t(), &user)}
        </tr>
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
    }
    .into_any()
}
