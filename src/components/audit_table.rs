//! The audit log as a table: one subscription's entries (its History tab),
//! or all of them (/orders).

use crate::i18n::format;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use crate::links;

#[component]
pub fn AuditTable(subscription_id: Option<String>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    // The full log (on /orders) names the subscription of each entry.
    let full = subscription_id.is_none();
    let entries = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.audit
                .iter()
                .rev()
                .filter(|e| subscription_id.is_none() || e.subscription_id == subscription_id)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="table-card">
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{move || t().col_when}</th>
                    <th scope="col">{move || t().col_who}</th>
                    {full.then(|| view! { <th scope="col">{move || t().subscription_id}</th> })}
                    <th scope="col">{move || t().col_what}</th>
                    <th scope="col">{move || t().col_change}</th>
                    <th scope="col">{move || t().col_outcome}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let locale = state.locale.get();
                        entries.get().into_iter().map(|e| {
                            let change = match (&e.old_value, &e.new_value) {
                                (Some(old), Some(new)) => format!("{old} → {new}"),
                                (None, Some(new)) => new.clone(),
                                (Some(old), None) => old.clone(),
                                (None, None) => String::new(),
                            };
                            view! {
                                <tr>
                                    <td class="nowrap">{format::date_time(locale, &e.at)}</td>
                                    <td>{e.actor}</td>
                                    {full.then(|| {
                                        let link = e.customer_id.clone().zip(e.subscription_id.clone());
                                        view! { <td>{link.map(|(c, s)| {
                                            let href = links::subscription_tab(&c, &s, links::DetailsTab::History);
                                            view! { <A href=state.href(&href) exact=true>{s}</A> }
                                        })}</td> }
                                    })}
                                    <td>{t().audit_action(&e.action).to_string()}</td>
                                    <td>{change}</td>
                                    <td>{e.outcome}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            {move || entries.with(Vec::is_empty).then(|| view! { <div class="empty-state"><p>{t().no_history}</p></div> })}
        </div>
    }
}
