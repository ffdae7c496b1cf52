//! The Upgrade tab: one card per target of the matrix row, eligible first.

use super::Selected;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn UpgradeTab(selected: Selected) -> impl IntoView {
    let state = use_app();
    let mut targets = selected.evaluation.targets.clone();
    targets.sort_by_key(|t| !t.eligible);
    view! {
        <div class="target-list">
            {targets.into_iter().map(|target| {
                let name = state.catalog.offer(&target.target).map_or(target.target.clone(), |o| o.name.clone());
                view! {
                    <section class="card target-card" data-testid="upgrade-target" data-offer-id=target.target.clone() data-eligible=target.eligible.to_string()>
                        <h3>{name}</h3>
                        {target.reasons.iter().map(|r| view! { <p data-testid="reason" data-code=r.code.as_str()><code>{r.code.as_str()}</code></p> }).collect_view()}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
