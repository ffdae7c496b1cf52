//! `/customers`: search by name or domain, filter by market and upgradability.

use crate::components::page::{MessageBar, PageHeader, PageNotes, ShowMore, Tone};
use crate::domain::eligibility;
use crate::domain::ids::CustomerId;
use crate::domain::opportunities;
use crate::domain::workspace::AdminAccess;
use crate::i18n::format;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashSet;

/// Rows rendered at a time; "Show more" adds another page, so a workspace of
/// thousands of customers stays quick to search.
const PAGE_SIZE: usize = 50;

#[derive(Clone, PartialEq)]
struct Row {
    id: CustomerId,
    name: String,
    domain: String,
    market: String,
    /// Lower-cased name and domain, for search.
    haystack: String,
    subscriptions: usize,
    access: AdminAccess,
}

/// The customers with a subscription that can be upgraded now, for the
/// "upgradable" filter, which needs every customer's: one pass over them.
/// Rows on screen keep their own memo instead: at partner scale, evaluating a
/// thousand customers on every change would not fit in a frame.
fn upgradable_customers(state: crate::state::AppState) -> HashSet<CustomerId> {
    state.workspace.with(|w| {
        w.customers
            .iter()
            .filter(|c| eligibility::upgradable_count(state.catalog, w, c) > 0)
            .map(|c| c.id.clone())
            .collect()
    })
}

/// "N subscriptions can be upgraded now: Opportunities"
/// (docs/rules.md#opportunities-report), counted
/// from the report's own rows. They are fetched and computed once the first
/// rows are painted: at partner scale that takes longer than a frame, and
/// the list comes first. Opening the report then finds them ready. The bar
/// holds its place while counting, so the search and the table below it do
/// not move under the partner's pointer when the count arrives.
#[component]
fn OpportunitySummary() -> impl IntoView {
    let state = use_app();
    // None while the report's chunk loads; Err(()) when it cannot.
    let rows = RwSignal::new(None::<Result<crate::state::OpportunityRows, ()>>);
    crate::browser::after_paint(move || {
        leptos::task::spawn_local(async move {
            let loaded = crate::pages::lazy::opportunity_rows(state).await.map_err(|_| ());
            let _ = rows.try_set(Some(loaded));
        });
    });
    // None while the chunk loads or the rows are first computed.
    let count = Memo::new(move |_| match rows.get() {
        None => None,
        Some(Err(())) => Some(Err(())),
        Some(Ok(rows)) => rows
            .with(|rows| rows.as_deref().map(|rows| opportunities::upgradable_subscriptions(rows)))
            .map(Ok),
    });
    let report_link = move || {
        view! { <A href=state.href(&links::opportunities()) exact=true><strong>{state.t().nav_opportunities}</strong></A> }
    };
    let body = move || {
        let t = state.t();
        match count.get() {
            None | Some(Err(())) => view! { <span>{t.customers_opportunities_counting}</span> }.into_any(),
            Some(Ok(0)) => view! {
                <span data-testid="opportunities-summary" data-count="0">{t.customers_opportunities_none}" "{report_link()}</span>
            }
            .into_any(),
            Some(Ok(n)) => view! {
                <span data-testid="opportunities-summary" data-count=n.to_string()>
                    {t.customers_opportunities(n as u64)}" "{report_link()}
                </span>
            }
            .into_any(),
        }
    };
    // Without its chunk there is no summary; the report's link in the menu still works.
    let failed = move || matches!(count.get(), Some(Err(())));
    view! {
        <Show when=move || !failed()>
            <MessageBar tone=Tone::Info>{body}</MessageBar>
        </Show>
    }
}

/// "2 7-day windows close in the next 48 hours · 5 subscriptions renew in
/// the next 7 days: Renewals" (docs/rules.md#renewals-report), from the
/// renewals report's chunk once the list is painted, as the opportunities
/// line is; it holds its place while counting, so nothing below moves when
/// the counts arrive. Nothing when its chunk cannot be fetched.
#[component]
fn RenewalSummary() -> impl IntoView {
    let state = use_app();
    // None while the report's chunk loads; Err(()) when it cannot.
    let counts = RwSignal::new(None::<Result<Memo<(usize, usize)>, ()>>);
    crate::browser::after_paint(move || {
        leptos::task::spawn_local(async move {
            let loaded = crate::pages::lazy::renewal_attention(state).await.map_err(|_| ());
            let _ = counts.try_set(Some(loaded));
        });
    });
    let counted = move || counts.get().and_then(Result::ok).map(|memo| memo.get());
    // A window about to close costs the customer a year of licences: warn.
    let tone = Signal::derive(move || match counted() {
        Some((windows, _)) if windows > 0 => Tone::Warning,
        _ => Tone::Info,
    });
    let body = move || {
        let t = state.t();
        let Some((windows, renewing)) = counted() else {
            return view! { <span>{t.customers_renewals_counting}</span> }.into_any();
        };
        view! {
            <span data-testid="renewals-summary" data-windows=windows.to_string() data-renewals=renewing.to_string()>
                {t.customers_windows_closing(windows as u64)}" · "{t.customers_renewing(renewing as u64)}" "
                <A href=state.href(&links::renewals()) exact=true><strong>{t.nav_renewals}</strong></A>
            </span>
        }
        .into_any()
    };
    // Nothing when the report's chunk cannot be fetched.
    let failed = move || matches!(counts.get(), Some(Err(())));
    view! {
        <Show when=move || !failed()>
            <MessageBar tone>{body}</MessageBar>
        </Show>
    }
}

/// The search the parts of the page share, made once by the page.
#[derive(Clone, Copy)]
struct Search {
    query: RwSignal<String>,
    market: RwSignal<String>,
    upgradable_only: RwSignal<bool>,
    /// Rows rendered: a page more each "Show more".
    limit: RwSignal<usize>,
    /// Every customer, alphabetical.
    rows: Memo<Vec<Row>>,
    /// The customers the search and filters let through.
    matching: Memo<Vec<Row>>,
}

impl Search {
    fn new() -> Search {
        let state = use_app();
        let query = RwSignal::new(String::new());
        let market = RwSignal::new(String::new());
        let upgradable_only = RwSignal::new(false);
        let limit = RwSignal::new(PAGE_SIZE);
        let rows = Memo::new(move |_| customer_rows(state));
        let matching = Memo::new(move |_| {
            let needle = format::lowercase(query.get().trim());
            let market = market.get();
            let upgradable = upgradable_only.get().then(|| upgradable_customers(state));
            rows.with(|rows| {
                rows.iter()
                    .filter(|r| needle.is_empty() || r.haystack.contains(&needle))
                    .filter(|r| market.is_empty() || r.market == market)
                    .filter(|r| upgradable.as_ref().is_none_or(|ids| ids.contains(&r.id)))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        Search { query, market, upgradable_only, limit, rows, matching }
    }

    /// A new search starts from the first page again.
    fn refine(self, change: &dyn Fn()) {
        change();
        self.limit.set(PAGE_SIZE);
    }
}

/// Every customer of the workspace as a row, alphabetical.
fn customer_rows(state: crate::state::AppState) -> Vec<Row> {
    let mut rows = state.workspace.with(|w| {
        w.customers
            .iter()
            .map(|c| Row {
                id: c.id.clone(),
                name: c.company_name.clone(),
                domain: c.domain.clone(),
                market: c.market.clone(),
                haystack: format!(
                    "{}\n{}",
                    format::lowercase(&c.company_name),
                    format::lowercase(&c.domain)
                ),
                subscriptions: c.subscriptions.len(),
                access: c.delegated_admin.access(),
            })
            .collect::<Vec<_>>()
    });
    // Alphabetical, as partners find customers in Partner Center.
    rows.sort_by(|a, b| a.haystack.cmp(&b.haystack));
    rows
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let search = Search::new();
    let Search { limit, matching, .. } = search;
    view! {
        <PageHeader title=Signal::derive(move || t().customers_title.to_string())/>
        <PageNotes/>
        <OpportunitySummary/>
        <RenewalSummary/>
        <CustomerFilters search/>
        <CustomerTable search/>
        <ShowMore total=Signal::derive(move || matching.with(Vec::len)) limit page=PAGE_SIZE sentence=|t, n| t.customers_shown(n)/>
    }
}

/// The search box, the market filter and "upgradable only".
#[component]
fn CustomerFilters(search: Search) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Search { query, market, upgradable_only, rows, .. } = search;
    let refine = move |change: &dyn Fn()| search.refine(change);
    let markets = Memo::new(move |_| {
        let mut markets: Vec<String> =
            rows.with(|rows| rows.iter().map(|r| r.market.clone()).collect());
        markets.sort();
        markets.dedup();
        markets
    });
    view! {
        <div class="toolbar" role="search">
            <label class="search-box">
                <span class="visually-hidden">{move || t().search_label}</span>
                <input
                    type="search"
                    placeholder=move || t().search_placeholder
                    prop:value=move || query.get()
                    on:input=move |ev| refine(&|| query.set(event_target_value(&ev)))
                />
            </label>
            <label class="inline-field">
                <span>{move || t().filter_market}</span>
                <select on:change=move |ev| refine(&|| market.set(event_target_value(&ev))) prop:value=move || market.get()>
                    <option value="">{move || t().filter_all_markets}</option>
                    {move || markets.get().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || upgradable_only.get() on:change=move |ev| refine(&|| upgradable_only.set(event_target_checked(&ev)))/>
                <span>{move || t().filter_upgradable}</span>
            </label>
        </div>
    }
}

/// The customers shown so far, or a sentence and Clear search when none match.
#[component]
fn CustomerTable(search: Search) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Search { query, market, upgradable_only, limit, matching, .. } = search;
    view! {
        <div class="table-card">
            <table class="data-table customers">
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_company}</th>
                        <th scope="col">{move || t().col_domain}</th>
                        <th scope="col">{move || t().col_market}</th>
                        <th scope="col" class="num">{move || t().col_subscriptions}</th>
                        <th scope="col" class="num">{move || t().col_upgradable}</th>
                        <th scope="col">{move || t().col_delegated_admin}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || matching.with(|rows| rows.iter().take(limit.get()).cloned().map(customer_row).collect_view())}
                </tbody>
            </table>
            {move || matching.with(Vec::is_empty).then(|| {
                let q = query.get();
                view! {
                    <div class="empty-state">
                        <p>{if q.trim().is_empty() { t().no_customers.to_string() } else { t().no_customers_match(q.trim()) }}</p>
                        <button class="button-secondary" on:click=move |_| search.refine(&|| { query.set(String::new()); market.set(String::new()); upgradable_only.set(false); })>
                            {t().clear_search}
                        </button>
                    </div>
                }
            })}
        </div>
    }
}

/// One customer: its name (a link to its subscriptions), domain, market,
/// subscriptions, how many can be upgraded now and the admin access.
/// Built inside the table's redraw, as a language change redraws the rows.
fn customer_row(row: Row) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let locale = state.locale.get_untracked();
    let href = links::subscriptions(&row.id);
    // Evaluated for the rows on screen only, and again only when this
    // customer or its context changed.
    let (customer, context) = {
        let (a, b) = (row.id.clone(), row.id.clone());
        (state.customer(move || a.clone()), state.eligibility_context(move || b.clone()))
    };
    let upgradable = Memo::new(move |_| {
        customer.with(|c| {
            c.as_ref().map_or(0, |c| {
                context.with(|context| eligibility::upgradable_count_in(state.catalog, context, c))
            })
        })
    });
    view! {
        <tr data-testid="customer-row" data-customer-id=row.id.to_string()>
            <td data-col="name"><A href=state.href(&href) exact=true>{row.name}</A></td>
            <td data-col="domain">{row.domain}</td>
            <td data-col="market" data-label=move || t().col_market>{row.market}</td>
            <td class="num" data-col="subscriptions" data-label=move || t().col_subscriptions>{format::number(locale, row.subscriptions as f64)}</td>
            <td class="num" data-col="upgradable" data-label=move || t().col_upgradable>
                {move || match upgradable.get() {
                    0 => view! { <span class="secondary">"0"</span> }.into_any(),
                    n => {
                        let label = t().upgradable_count_label(n as u64);
                        view! { <span class="count-badge" title=label.clone() aria-label=label>{format::number(locale, n as f64)}</span> }.into_any()
                    }
                }}
            </td>
            <td data-col="delegated-admin" data-label=move || t().col_delegated_admin>{t().admin_access(row.access)}</td>
        </tr>
    }
}
