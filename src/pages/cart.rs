//! `/cart`: the upgrades chosen on Upgrade tabs, waiting for checkout.

use crate::components::offer_name::OfferName;
use crate::components::page::{PageHeader, PageNotes};
use crate::i18n::format;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn CartPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let lines = Memo::new(move |_| state.workspace.with(|w| w.cart.clone()));
    view! {
        <PageHeader title=Signal::derive(move || t().cart_title.to_string())/>
        <PageNotes/>
        {move || if lines.with(Vec::is_empty) {
            view! { <div class="card empty-state"><p>{t().cart_empty}</p></div> }.into_any()
        } else {
            let locale = state.locale.get();
            view! {
                <div class="table-card">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t().col_items}</th>
                            <th scope="col" class="num">{t().col_quantity}</th>
                            <th scope="col">{t().col_billing}</th>
                        </tr></thead>
                        <tbody>
                            {lines.get().into_iter().map(|l| view! {
                                <tr>
                                    <td><OfferName offer_id=l.target_offer_id.clone()/></td>
                                    <td class="num">{format::number(locale, l.quantity)}</td>
                                    <td>{t().billing(l.billing_cycle)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
