//! `/customers/:customer/subscriptions`: every subscription with its add-ons
//! under it, and the ⓘ button on each one that can be upgraded.

use crate::components::offer_name::OfferName;
use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::components::status::SubscriptionStatusBadge;
use crate::components::upgrade_info::UpgradeInfo;
use crate::domain::date::Date;
use crate::domain::eligibility;
use crate::domain::ids::{CustomerId, OfferId, SubscriptionId};
use crate::domain::orders;
use crate::domain::workspace::{Customer, Subscription};
use crate::i18n::format;
use crate::i18n::msg;
use crate::links;
use crate::pages::{use_customer, CustomerContext};
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, PartialEq)]
struct Row {
    subscription: Subscription,
    is_addon: bool,
    /// `None`: held by users not imported (a customer from Partner Center).
    assigned: Option<usize>,
    eligible_targets: usize,
}

/// Upgrades waiting for a subscription's renewal: source, target and day.
type Scheduled = Vec<(SubscriptionId, OfferId, Date)>;

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let CustomerContext { id: customer_id, customer } = use_customer();
    let table = Table::new(customer_id, customer);
    let title = Signal::derive(move || {
        customer.get().map_or_else(|| t().subscriptions_title.to_string(), |c| c.company_name)
    });
    let crumbs = Signal::derive(move || {
        let mut crumbs = vec![Crumb::link(t().nav_customers, links::customers())];
        if let Some(c) = customer.get() {
            crumbs.push(Crumb::here(format!("{} · {}", c.company_name, t().subscriptions_title)));
        }
        crumbs
    });
    let subtitle = Signal::derive(move || {
        customer
            .get()
            .map(|c| {
                t().customer_summary(msg::CustomerSummary { domain: &c.domain, market: &c.market })
            })
            .unwrap_or_default()
    });
    view! {
        <PageHeader title crumbs subtitle/>
        <PageNotes/>
        <crate::pages::PendingOrderNote customer_id/>
        // Built in the language chosen: a switch of language rebuilds it.
        {move || {
            state.locale.track();
            match customer.get() {
                None => view! {
                    <MessageBar tone=Tone::Danger>
                        <span>{t().customer_not_found(&customer_id.get())}</span>
                        " "
                        <A href=state.href(&links::customers())>{t().back_to_customers}</A>
                    </MessageBar>
                }.into_any(),
                Some(_) => view! { <SubscriptionTable table/> }.into_any(),
            }
        }}
    }
}

/// What the table shows, made once by the page: the rows and the upgrades
/// waiting for a renewal outlive a redraw of the table.
#[derive(Clone, Copy)]
struct Table {
    customer_id: Memo<CustomerId>,
    rows: Memo<Vec<Row>>,
    scheduled: Memo<Scheduled>,
}

impl Table {
    fn new(customer_id: Memo<CustomerId>, customer: Memo<Option<Customer>>) -> Table {
        let state = use_app();
        let context = state.eligibility_context(move || customer_id.get());
        // Evaluated again only when this customer or its context changed.
        let rows = Memo::new(move |_| {
            let Some(customer) = customer.get() else { return Vec::new() };
            context.with(|context| {
                let row = |s: &Subscription| Row {
                    subscription: s.clone(),
                    is_addon: s.parent_subscription_id.is_some(),
                    assigned: customer.assigned(&s.id),
                    eligible_targets: eligibility::evaluate_in(
                        state.catalog,
                        context,
                        &customer,
                        s,
                    )
                    .eligible_count(),
                };
                customer
                    .subscriptions
                    .iter()
                    .filter(|s| s.parent_subscription_id.is_none())
                    .flat_map(|base| {
                        std::iter::once(row(base)).chain(customer.addons_of(&base.id).map(row))
                    })
                    .collect::<Vec<_>>()
            })
        });
        let scheduled = scheduled_upgrades(customer);
        Table { customer_id, rows, scheduled }
    }
}

/// Every subscription of the customer, each base one followed by its
/// add-ons, or a sentence when there are none.
#[component]
fn SubscriptionTable(table: Table) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Table { customer_id, rows, scheduled } = table;
    view! {
        <div class="table-card">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t().col_name}</th>
                        <th scope="col">{t().col_status}</th>
                        <th scope="col" class="num">{t().col_quantity}</th>
                        <th scope="col" class="num">{t().col_assigned}</th>
                        <th scope="col">{t().col_billing}</th>
                        <th scope="col">{t().col_channel}</th>
                        <th scope="col">{t().col_renewal}</th>
                    </tr>
                </thead>
                <tbody>{move || rows.get().into_iter().map(|row| subscription_row(row, customer_id, scheduled)).collect_view()}</tbody>
            </table>
            {move || rows.with(Vec::is_empty).then(|| view! { <div class="empty-state"><p>{t().no_subscriptions}</p></div> })}
        </div>
    }
}

/// Upgrades waiting for a subscription's renewal, by source: marked in its row.
fn scheduled_upgrades(customer: Memo<Option<Customer>>) -> Memo<Scheduled> {
    let state = use_app();
    Memo::new(move |_| {
        let Some(customer) = customer.get() else { return Vec::new() };
        state.workspace.with(|w| {
            customer
                .subscriptions
                .iter()
                .filter_map(|s| {
                    orders::scheduled_upgrade_of(w, &s.id).map(|(order, line)| {
                        (
                            s.id.clone(),
                            line.target_offer_id.clone(),
                            order.scheduled_for.unwrap_or(order.placed_on),
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
    })
}

/// One subscription: its name (with the ⓘ button when it can be upgraded,
/// and the upgrade waiting for its renewal), status, quantity, assigned
/// licences, billing, channel and renewal. Built inside the table's redraw.
fn subscription_row(
    row: Row,
    customer_id: Memo<CustomerId>,
    scheduled: Memo<Scheduled>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let locale = state.locale.get_untracked();
    let s = row.subscription;
    let details = links::subscription(&customer_id.get_untracked(), &s.id);
    let upgrade = links::upgrade(&customer_id.get_untracked(), &s.id);
    let (offer_id, friendly) = (s.offer_id.clone(), s.friendly_name.clone());
    let status = s.status.as_str();
    view! {
        <tr
            data-testid="subscription-row"
            data-subscription-id=s.id.to_string()
            data-offer-id=s.offer_id.to_string()
            data-status=status
            class:addon-row=row.is_addon
        >
            <td class="name-cell" data-col="name">
                <div class="name-line">
                    {row.is_addon.then(|| view! { <span class="addon-connector" aria-hidden="true"></span> })}
                    <A href=state.href(&details) exact=true><OfferName offer_id=offer_id friendly=friendly/></A>
                    {(row.eligible_targets > 0).then(|| view! {
                        <UpgradeInfo subscription_id=s.id.clone() upgrade_href=upgrade eligible=row.eligible_targets/>
                    })}
                    {row.is_addon.then(|| view! { <span class="visually-hidden">{t().addon_label}</span> })}
                </div>
                {
                    let s = s.clone();
                    move || t().nce_summary(&s).map(|terms| view! { <span class="nce-tag" data-testid="nce-terms">{terms}</span> })
                }
                {
                    let id = s.id.clone();
                    move || scheduled.with(|all| all.iter().find(|(source, _, _)| *source == id).map(|(_, target, on)| {
                        let target = state.catalog.offer_name(target).to_string();
                        view! { <span class="scheduled-tag" data-testid="scheduled-tag">{t().scheduled_tag(msg::ScheduledTag { target: &target, date: *on })}</span> }
                    }))
                }
            </td>
            <td data-col="status"><SubscriptionStatusBadge status=s.status/></td>
            <td class="num" data-col="quantity">{format::number(locale, s.quantity)}</td>
            <td class="num" data-col="assigned">{match row.assigned {
                Some(n) => format::number(locale, n as f64),
                None => t().users_not_imported.to_string(),
            }}</td>
            <td data-col="billing">{t().billing(s.billing_cycle)}</td>
            <td data-col="channel">{t().channel(s.channel)}</td>
            <td class="nowrap" data-col="renewal">{match s.renews_on() {
                Some(date) => format::date(locale, date),
                None => t().no_renewal.to_string(),
            }}</td>
        </tr>
    }
}
