//! A partial new-commerce upgrade's users (docs/rules.md#new-commerce): while
//! the box holds fewer licences than the source has, the partner ticks who
//! moves to the target, at least those the licences left behind cannot
//! hold. Each tick is stored at once; the quote says when the count is off.

use super::drafts::Drafts;
use crate::domain::cart;
use crate::domain::ids::UserId;
use crate::domain::orders::users_to_move;
use crate::domain::workspace::{LineKey, Subscription, UpgradeTiming, User};
use crate::i18n::msg;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub(super) fn MovedUsers(
    key: LineKey,
    source: Subscription,
    target_name: String,
    drafts: Drafts,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let live = Memo::new({
        let key = key.clone();
        move |_| {
            state.workspace.with(|w| {
                let line = cart::line(w, &key)?;
                let holders: Vec<User> = w
                    .customer(&line.customer_id)?
                    .users
                    .iter()
                    .filter(|u| u.licenses.contains(&source.id))
                    .cloned()
                    .collect();
                Some((line.quantity, line.timing, line.moved_users.clone(), holders))
            })
        }
    });
    let toggle = {
        let key = key.clone();
        move |user: UserId, on: bool| {
            let Some((_, _, mut users, _)) = live.get_untracked() else { return };
            users.retain(|u| *u != user);
            if on {
                users.push(user);
            }
            let _ = state.run(|w, now, actor| cart::set_moved_users(w, &key, users, now, actor));
        }
    };
    move || {
        let (stored, timing, picked, holders) = live.get()?;
        let count = drafts.count(&key).unwrap_or(stored);
        let partial = source.commerce.is_nce() && timing == UpgradeTiming::Now;
        if !partial || count >= source.quantity || holders.is_empty() {
            return None;
        }
        let (min, max) = users_to_move(holders.len() as u32, source.quantity, count);
        let hint =
            t().upgrade_users_hint(msg::UpgradeUsersHint { min: min.into(), max: max.into() });
        let rows = holders
            .into_iter()
            .map(|u| {
                let (id, toggle) = (u.id.clone(), toggle.clone());
                view! {
                    <label class="checkbox">
                        <input type="checkbox" data-testid="upgrade-user" data-user-id=u.id.to_string()
                            prop:checked=picked.contains(&u.id) disabled=move || !state.can_act()
                            on:change=move |ev| toggle(id.clone(), event_target_checked(&ev))/>
                        <span>{u.display_name.clone()}</span>
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <fieldset class="moved-users" data-testid="moved-users">
                <legend>{t().upgrade_users_legend(&target_name)}</legend>
                <p class="field-help">{hint}</p>
                {rows}
            </fieldset>
        })
    }
}
