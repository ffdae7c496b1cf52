//! `/renewals` (docs/rules.md#renewals-report): every renewal, end, closing
//! 168-hour window and locking scheduled change across every customer within
//! a horizon, soonest first, with what renews and what it will cost; filters,
//! pages of rows and the CSV export. The rows come from `domain::renewals`;
//! this page only filters, pages and shows them.

use crate::components::page::{export_csv, AfterPaint, PageHeader, PageNotes};
use crate::components::pager::Pager;
use crate::domain::clock::Timestamp;
use crate::domain::renewals::{self, Event, Filter, Renewal, DEFAULT_HORIZON, HORIZONS};
use crate::i18n::{format, msg, Strings};
use crate::links::{self, DetailsTab};
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// Rows on one page: the DOM holds a page, never every row of a partner.
const PAGE_SIZE: usize = 50;
const HOUR_MS: i64 = 3_600_000;

/// What the parts of the report share, made once by the page.
#[derive(Clone, Copy)]
struct Report {
    horizon: RwSignal<u32>,
    /// The instant the rows were computed for.
    now: Memo<Timestamp>,
    rows: Memo<Arc<Vec<Renewal>>>,
    filter: RwSignal<Filter>,
    /// The page of rows shown, from 0.
    page: RwSignal<usize>,
    /// The indices of the rows the filter lets through.
    shown: Memo<Vec<usize>>,
}

impl Report {
    fn new() -> Report {
        let state = use_app();
        let horizon = RwSignal::new(DEFAULT_HORIZON);
        // Recomputed when the workspace (or its simulated date) changes.
        let now = Memo::new(move |_| state.workspace.with(|_| state.now()));
        let rows = Memo::new(move |_| {
            let (now, days) = (now.get(), horizon.get());
            state.workspace.with(|w| Arc::new(renewals::renewals(state.catalog, w, now, days)))
        });
        let filter = RwSignal::new(Filter::default());
        let shown = Memo::new(move |_| filter.with(|f| rows.with(|rows| f.indices(rows))));
        Report { horizon, now, rows, filter, page: RwSignal::new(0usize), shown }
    }

    /// A changed filter starts from the first page again.
    fn refine(self, change: &dyn Fn(&mut Filter)) {
        self.filter.update(|f| change(f));
        self.page.set(0);
    }

    /// Downloads the rows shown as CSV, or says why it could not.
    fn export(self) {
        let (rows, shown) = (self.rows.get_untracked(), self.shown.get_untracked());
        export_csv("renewals.csv", rows, shown, renewals::csv_part);
    }
}

#[component]
pub fn RenewalsPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let report = Report::new();
    let zone = format::time_zone();
    view! {
        <PageHeader title=Signal::derive(move || t().renewals_title.to_string())/>
        <PageNotes/>
        <p class="secondary page-intro">{move || t().renewals_intro}" "{move || t().times_in_zone(&zone)}</p>
        <AfterPaint>
            <RenewalFilters report/>
            <RenewalTable report/>
            <Pager page=report.page total=Signal::derive(move || report.shown.with(Vec::len)) page_size=PAGE_SIZE/>
        </AfterPaint>
    }
}

/// The event's name.
fn event_name(t: &Strings, event: Event) -> &'static str {
    match event {
        Event::Renews => t.event_renews,
        Event::Ends => t.event_ends,
        Event::WindowCloses => t.event_window_closes,
        Event::ChangeLocks => t.event_change_locks,
    }
}

/// "in 20 hours", "in 3 days": how far `at` is from `now`.
fn how_soon(t: &Strings, now: Timestamp, at: Timestamp) -> String {
    let hours = (at.0 - now.0) / HOUR_MS;
    match hours {
        0 => t.within_the_hour.to_string(),
        1..=47 => t.in_hours(hours as u64),
        _ => t.in_days((hours / 24) as u64),
    }
}

/// The horizon, the search, the market and event filters, and the export.
#[component]
fn RenewalFilters(report: Report) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Report { horizon, rows, filter, page, .. } = report;
    let refine = move |change: &dyn Fn(&mut Filter)| report.refine(change);
    let markets = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter().map(|r| r.market.clone()).collect::<std::collections::BTreeSet<_>>()
        })
    });
    view! {
        <div class="toolbar" role="search">
            <label class="inline-field">
                <span>{move || t().renewals_horizon_label}</span>
                <select data-testid="renewals-horizon" prop:value=move || horizon.get().to_string()
                    on:change=move |ev| { if let Ok(days) = event_target_value(&ev).parse() { horizon.set(days); page.set(0); } }>
                    {HORIZONS.iter().map(|&days| view! { <option value=days.to_string()>{move || t().horizon_days(u64::from(days))}</option> }).collect_view()}
                </select>
            </label>
            <label class="search-box">
                <span class="visually-hidden">{move || t().renewals_search_label}</span>
                <input type="search" data-testid="renewals-search" placeholder=move || t().renewals_search_label
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| { let text = event_target_value(&ev); refine(&|f| f.text = text.clone()) }/>
            </label>
            <label class="inline-field">
                <span>{move || t().opp_market_label}</span>
                <select data-testid="renewals-market" prop:value=move || filter.with(|f| f.market.clone().unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); refine(&|f| f.market = (!v.is_empty()).then(|| v.clone())) }>
                    <option value="">{move || t().opp_all_markets}</option>
                    {move || markets.with(|markets| markets.iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view())}
                </select>
            </label>
            <label class="inline-field">
                <span>{move || t().renewals_event_label}</span>
                <select data-testid="renewals-event" prop:value=move || filter.with(|f| f.event.map(Event::as_str).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); refine(&|f| f.event = Event::parse(&v)) }>
                    <option value="">{move || t().renewals_all_events}</option>
                    {Event::ALL.iter().map(|&event| view! { <option value=event.as_str()>{move || event_name(t(), event)}</option> }).collect_view()}
                </select>
            </label>
            <button class="button-secondary" data-testid="renewals-export" on:click=move |_| report.export()>{move || t().opp_export}</button>
        </div>
    }
}

/// The page of rows shown, or a sentence when none match.
#[component]
fn RenewalTable(report: Report) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Report { rows, page, shown, now, .. } = report;
    view! {
        <div class="table-card table-scroll">
            <table class="data-table opportunities renewals">
                <thead>
                    <tr>
                        <th scope="col">{move || t().renewals_col_when}</th>
                        <th scope="col">{move || t().renewals_col_event}</th>
                        <th scope="col">{move || t().opp_col_customer}</th>
                        <th scope="col">{move || t().opp_col_subscription}</th>
                        <th scope="col" class="num">{move || t().opp_col_licenses}</th>
                        <th scope="col">{move || t().renewals_col_next}</th>
                        <th scope="col" class="num">{move || t().renewals_col_charge}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let start = page.get() * PAGE_SIZE;
                        let now = now.get();
                        rows.with(|rows| shown.with(|shown| {
                            shown.iter().skip(start).take(PAGE_SIZE).map(|&i| view! { <RenewalRow row=rows[i].clone() now/> }).collect_view()
                        }))
                    }}
                </tbody>
            </table>
            {move || shown.with(Vec::is_empty).then(|| view! {
                <div class="empty-state" data-testid="renewals-none"><p>{t().renewals_none}</p></div>
            })}
        </div>
    }
}

/// One event: when, what, whose, and what renews at what first charge. The
/// subscription links to the tab where the partner acts: Licenses for a
/// window or a locking change, Overview otherwise.
#[component]
fn RenewalRow(row: Renewal, now: Timestamp) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let tab = match row.event {
        Event::WindowCloses | Event::ChangeLocks => DetailsTab::Licenses,
        Event::Renews | Event::Ends => DetailsTab::Overview,
    };
    let href = state.href(&links::subscription_tab(&row.customer_id, &row.subscription_id, tab));
    let offer = state.catalog.offer_name(&row.offer_id).to_string();
    let at = row.at.to_rfc3339_seconds();
    let stamp = at.clone();
    let (event, term, billing, quantity) = (row.event, row.term, row.billing, row.quantity);
    let commerce = move || match term {
        Some(term) => t().nce_summary_of(term, billing),
        None => t().commerce_legacy.to_string(),
    };
    let next = row.next.clone();
    let next_text =
        next.clone().map(|n| (n.quantity, state.catalog.offer_name(&n.offer_id).to_string()));
    let currency = row.currency.clone();
    let window = row.window_quantity;
    view! {
        <tr data-testid="renewal-row" data-customer-id=row.customer_id.to_string()
            data-subscription-id=row.subscription_id.to_string() data-event=event.as_str() data-at=at>
            <td data-label=move || t().renewals_col_when>
                <strong>{move || how_soon(t(), now, row.at)}</strong>
                <br/><span class="caption secondary">{move || format::local_date_time(state.locale.get(), &stamp)}</span>
            </td>
            <td data-label=move || t().renewals_col_event>
                {move || event_name(t(), event)}
                {window.map(|n| view! { <br/><span class="caption secondary">{move || t().window_licenses(u64::from(n))}</span> })}
            </td>
            <td data-label=move || t().opp_col_customer>
                {row.customer_name.clone()}<span class="caption secondary">" · "{row.market.clone()}</span>
            </td>
            <td data-label=move || t().opp_col_subscription>
                <A href=href exact=true>{row.friendly_name.clone()}</A>
                <br/><span class="caption secondary">{offer}" · "{commerce}</span>
            </td>
            <td class="num" data-label=move || t().opp_col_licenses>{move || format::number(state.locale.get(), quantity)}</td>
            <td data-label=move || t().renewals_col_next>
                // A window's row is about the licences in it, not about what renews.
                {move || match (&next_text, event) {
                    (Some((count, offer)), _) => t().renewals_next(msg::RenewalsNext { count: u64::from(*count), offer }),
                    (None, Event::Ends) => t().renewals_nothing_renews.to_string(),
                    (None, _) => String::new(),
                }}
            </td>
            <td class="num" data-label=move || t().renewals_col_charge>
                {move || next.as_ref().map(|n| format::money(state.locale.get(), n.charge_minor, &currency))}
            </td>
        </tr>
    }
}
