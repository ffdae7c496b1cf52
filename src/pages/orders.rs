//! `/orders`: every order, newest first, and the full audit log.

use crate::components::audit_table::AuditLog;
use crate::components::page::{PageHeader, PageNotes};
use crate::components::status::OrderStatusBadge;
use crate::i18n::format;
use crate::i18n::msg;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let orders = Memo::new(move |_| {
        state.workspace.with(|w| w.orders.iter().rev().cloned().collect::<Vec<_>>())
    });
    let customer_name = move |id: &str| {
        state
            .workspace
            .with(|w| w.customer(id).map_or_else(|| id.to_string(), |c| c.company_name.clone()))
    };
    let offer_name = move |id: &str| state.catalog.offer_name(id).to_string();
    view! {
        <PageHeader title=Signal::derive(move || t().orders_title.to_string())/>
        <PageNotes/>
        <div class="table-card">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_order}</th>
                        <th scope="col">{move || t().col_customer}</th>
                        <th scope="col">{move || t().col_items}</th>
                        <th scope="col">{move || t().col_placed}</th>
                        <th scope="col">{move || t().col_payment}</th>
                        <th scope="col" class="num">{move || t().col_total}</th>
                        <th scope="col">{move || t().col_status}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let locale = state.locale.get();
                        orders.get().into_iter().map(|o| {
                            let status = o.status.as_str();
                            let items = o.lines.iter().map(|l| t().order_line(msg::OrderLine { offer: &offer_name(&l.target_offer_id), quantity: l.quantity.into() })).collect::<Vec<_>>().join(", ");
                            let payment = match o.payment {
                                crate::domain::workspace::PaymentMethod::CreditCard => t().payment_card,
                                crate::domain::workspace::PaymentMethod::Invoice => t().payment_invoice,
                            };
                            let id_text = o.id.clone();
                            view! {
                                <tr data-testid="order-row" data-order-id=o.id.to_string() data-status=status>
                                    <td><A href=state.href(&links::order(&o.id)) exact=true>{id_text.to_string()}</A></td>
                                    <td>{customer_name(&o.customer_id)}</td>
                                    <td>{items}</td>
                                    <td class="nowrap">{format::date(locale, o.placed_on)}</td>
                                    <td>{payment}</td>
                                    <td class="num">{format::money(locale, o.total_minor, &o.currency)}</td>
                                    <td><OrderStatusBadge status=o.status purchase=crate::domain::orders::is_purchase(&o)/></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            {move || orders.with(Vec::is_empty).then(|| view! { <div class="empty-state"><p>{t().no_orders}</p></div> })}
        </div>
        <h2 class="section-title">{move || t().audit_title}</h2>
        <AuditLog/>
    }
}
