//! `/orders/:order`: one order's status, its lines and its events.

use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::components::status::OrderStatusBadge;
use crate::i18n::format;
use crate::pages::order_param;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn OrderPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let order_id = order_param();
    let order = Memo::new(move |_| state.workspace.with(|w| w.orders.iter().find(|o| o.id == order_id.get()).cloned()));
    let title = Signal::derive(move || (t().order_title)(&order_id.get()));
    let crumbs = Signal::derive(move || vec![Crumb::link(t().nav_orders, "/orders"), Crumb::here(order_id.get())]);
    view! {
        <PageHeader title crumbs/>
        <PageNotes/>
        {move || {
            let locale = state.locale.get();
            match order.get() {
                None => view! { <MessageBar tone=Tone::Danger>{(t().order_not_found)(&order_id.get())}</MessageBar> }.into_any(),
                Some(o) => {
                    let status = o.status.as_str();
                    let customer = state.workspace.with(|w| w.customer(&o.customer_id).map(|c| c.company_name.clone())).unwrap_or_default();
                    view! {
                        <div class="card">
                            <dl class="field-grid">
                                <dt>{t().col_status}</dt>
                                <dd data-testid="order-status" data-status=status><OrderStatusBadge status=o.status/></dd>
                                <dt>{t().col_customer}</dt>
                                <dd><a href=state.href(&format!("/customers/{}/subscriptions", o.customer_id))>{customer}</a></dd>
                                <dt>{t().col_placed}</dt>
                                <dd>{format::date(locale, o.placed_on)}</dd>
                                <dt>{t().col_total}</dt>
                                <dd class="num-inline">{format::money(locale, o.total_minor, &o.currency)}</dd>
                            </dl>
                        </div>
                        <div class="table-card">
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{t().col_items}</th>
                                    <th scope="col" class="num">{t().col_quantity}</th>
                                    <th scope="col">{t().col_billing}</th>
                                </tr></thead>
                                <tbody>
                                    {o.lines.iter().map(|l| view! {
                                        <tr>
                                            <td>{state.catalog.offer(&l.target_offer_id).map_or(l.target_offer_id.clone(), |x| x.name.clone())}</td>
                                            <td class="num">{format::number(locale, l.quantity)}</td>
                                            <td>{t().billing(l.billing_cycle)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <ol class="timeline">
                            {o.events.iter().map(|e| view! {
                                <li><OrderStatusBadge status=e.status/>" "<span class="secondary">{format::date_time(locale, &e.at)}</span></li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }
        }}
    }
}
