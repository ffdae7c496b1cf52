//! Step 3: reassign the old subscription's licences, at most 20 users at a
//! time.

use super::Upgrade;
use crate::components::messages::license_message;
use crate::components::page::{MessageBar, Tone};
use crate::components::users::UserPicker;
use crate::domain::ids::UserId;
use crate::domain::licenses::{self, MAX_USERS_PER_REASSIGNMENT};
use crate::domain::workspace::{Customer, Subscription};
use crate::state::use_app;
use leptos::prelude::*;

/// The users still holding an old licence, to move to the new subscription
/// (or that all have moved).
#[component]
pub(super) fn StepReassign(up: Upgrade, customer: Customer, old: Subscription) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Upgrade { new_sub, has_choices, .. } = up;
    let holders: Vec<_> =
        customer.users.iter().filter(|u| u.licenses.contains(&old.id)).cloned().collect();
    let reassign = {
        let (customer_id, old_id) = (customer.id.clone(), old.id.clone());
        Callback::new(move |ids: Vec<UserId>| {
            let Some(new) = new_sub.get_untracked() else {
                let t = state.t();
                return Err(
                    if has_choices { t.manual_choose_new } else { t.manual_no_new }.to_string()
                );
            };
            state
                .run(|w, now, actor| {
                    licenses::reassign(w, &customer_id, &old_id, &new.id, &ids, now, actor)
                })
                .map(|n| state.t().manual_reassigned(n as u64))
                .map_err(|e| license_message(state.t(), &e))
        })
    };
    view! {
        <li class="card wizard-step" data-testid="manual-step" data-step="3">
            <h2 class="cart-line-title">"3 · "{move || t().manual_step3}</h2>
            {if holders.is_empty() {
                view! { <MessageBar tone=Tone::Success>{move || t().manual_all_moved}</MessageBar> }.into_any()
            } else {
                view! {
                    <p class="secondary">{move || t().manual_select_hint(MAX_USERS_PER_REASSIGNMENT as u64)}</p>
                    <UserPicker users=holders limit=MAX_USERS_PER_REASSIGNMENT action_testid="manual-reassign"
                        action_label=Signal::derive(move || t().manual_reassign_button.to_string())
                        on_act=reassign/>
                }.into_any()
            }}
        </li>
    }
}
