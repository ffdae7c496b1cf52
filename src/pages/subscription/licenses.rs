//! The Licenses tab: licences bought and assigned, and who holds them.

use super::Selected;
use crate::domain::workspace::User;
use crate::i18n::format;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn Licenses(selected: Selected) -> impl IntoView {
    let state = use_app();
    let t = state.t();
    let locale = state.locale.get_untracked();
    let Selected { customer, subscription, .. } = selected;
    let users: Vec<User> = customer.users.iter().filter(|u| u.licenses.contains(&subscription.id)).cloned().collect();
    view! {
        <div class="card">
            <dl class="field-grid">
                <dt>{t.col_quantity}</dt>
                <dd>{format::number(locale, subscription.quantity)}</dd>
                <dt>{t.col_assigned}</dt>
                <dd>{format::number(locale, users.len() as f64)}</dd>
            </dl>
        </div>
        <UserTable users/>
    }
}

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
                    {users.into_iter().map(|u| view! {
                        <tr>
                            <td>{u.display_name}</td>
                            <td>{u.user_principal_name}</td>
                            <td>{match u.usage_location {
                                Some(location) => view! { <span>{location}</span> }.into_any(),
                                None => view! { <span class="status status-warning">{t.no_usage_location}</span> }.into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any()
}
