//! `/opportunities` (docs/rules.md#opportunities-report): every active base subscription of every
//! customer against each target of its matrix row, with the rules' verdict and
//! what the change is worth; filters, totals per currency, pages of rows, and
//! the CSV export. The rows come from `domain::opportunities` through the
//! app's memo; this page only filters, pages and shows them.

use crate::components::page::{export_csv, AfterPaint, PageHeader, PageNotes, Skeleton};
use crate::components::pager::Pager;
use crate::domain::eligibility::ReasonCode;
use crate::domain::ids::OfferId;
use crate::domain::opportunities::{self, Filter, Opportunity};
use crate::i18n::format;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// Rows on one page: the DOM holds a page, never the 30,000 rows of a partner.
const PAGE_SIZE: usize = 50;

/// What the parts of the report share, made once by the page.
#[derive(Clone, Copy)]
struct Report {
    /// Every row of the report, from the app's (none while it is first computed).
    rows: Memo<Arc<Vec<Opportunity>>>,
    /// The rows are being computed for the first time.
    computing: Signal<bool>,
    filter: RwSignal<Filter>,
    /// The page of rows shown, from 0.
    page: RwSignal<usize>,
    /// The indices of the rows the filter lets through.
    shown: Memo<Vec<usize>>,
}

impl Report {
    fn new() -> Report {
        let state = use_app();
        let computed = state.opportunities();
        // A new list is news; comparing 30,000 rows to find out costs more.
        let rows = Memo::new_with_compare(
            move |_| computed.get().unwrap_or_default(),
            |old, new| !matches!((old, new), (Some(old), Some(new)) if Arc::ptr_eq(old, new)),
        );
        let computing = Signal::derive(move || computed.with(Option::is_none));
        let filter = RwSignal::new(Filter::default());
        let shown = Memo::new(move |_| filter.with(|f| rows.with(|rows| f.indices(rows))));
        Report { rows, computing, filter, page: RwSignal::new(0usize), shown }
    }

    /// A changed filter starts from the first page again.
    fn refine(self, change: &dyn Fn(&mut Filter)) {
        self.filter.update(|f| change(f));
        self.page.set(0);
    }

    /// Downloads the rows shown as CSV, or says why it could not.
    fn export(self) {
        let (rows, shown) = (self.rows.get_untracked(), self.shown.get_untracked());
        export_csv("upgrade-opportunities.csv", rows, shown, opportunities::csv_part);
    }
}

#[component]
pub fn OpportunitiesPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let report = Report::new();
    view! {
        <PageHeader title=Signal::derive(move || t().opportunities_title.to_string())/>
        <PageNotes/>
        <p class="secondary page-intro">{move || t().opportunities_intro}</p>
        <AfterPaint>
            <Show when=move || !report.computing.get() fallback=|| view! { <Skeleton/> }>
                <OpportunityFilters report/>
                <OpportunityTotals report/>
                <OpportunityTable report/>
                <Pager page=report.page total=Signal::derive(move || report.shown.with(Vec::len)) page_size=PAGE_SIZE/>
            </Show>
        </AfterPaint>
    }
}

/// The search, the market, target and reason filters, eligible only, and
/// the CSV export.
#[component]
fn OpportunityFilters(report: Report) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Report { rows, filter, .. } = report;
    let refine = move |change: &dyn Fn(&mut Filter)| report.refine(change);
    // The choices each filter offers: what the rows hold (each value copied
    // once, not once a row).
    let choices = Memo::new(move |_| {
        rows.with(|rows| {
            let distinct = |of: fn(&Opportunity) -> &str| -> Vec<String> {
                rows.iter()
                    .map(of)
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .map(String::from)
                    .collect()
            };
            (distinct(|r| &r.market), distinct(|r| &r.target_offer_id))
        })
    });
    let offer_name = move |id: &str| state.catalog.offer_name(id).to_string();
    view! {
        <div class="toolbar" role="search">
            <label class="search-box">
                <span class="visually-hidden">{move || t().opp_search_label}</span>
                <input type="search" placeholder=move || t().opp_search_label
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| { let text = event_target_value(&ev); refine(&|f| f.text = text.clone()) }/>
            </label>
            <label class="inline-field">
                <span>{move || t().opp_market_label}</span>
                <select prop:value=move || filter.with(|f| f.market.clone().unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); refine(&|f| f.market = (!v.is_empty()).then(|| v.clone())) }>
                    <option value="">{move || t().opp_all_markets}</option>
                    {move || choices.with(|(markets, _)| markets.iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view())}
                </select>
            </label>
            <label class="inline-field">
                <span>{move || t().opp_target_label}</span>
                <select prop:value=move || filter.with(|f| f.target.as_ref().map(ToString::to_string).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); refine(&|f| f.target = (!v.is_empty()).then(|| OfferId::from(&v))) }>
                    <option value="">{move || t().opp_all_targets}</option>
                    {move || choices.with(|(_, targets)| targets.iter().map(|id| view! { <option value=id.clone()>{offer_name(id)}</option> }).collect_view())}
                </select>
            </label>
            <label class="inline-field">
                <span>{move || t().opp_reason_label}</span>
                <select prop:value=move || filter.with(|f| f.reason.map(|c| c.as_str()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); refine(&|f| {
                        f.reason = ReasonCode::parse(&v);
                        // Rows with a reason are not eligible: show them.
                        if f.reason.is_some() { f.eligible_only = false; }
                    }) }>
                    <option value="">{move || t().opp_any_reason}</option>
                    {ReasonCode::ALL.iter().map(|&code| view! { <option value=code.as_str()>{move || t().reason_short(code)}</option> }).collect_view()}
                </select>
            </label>
            <label class="checkbox">
                <input type="checkbox" data-testid="opportunities-eligible-only"
                    prop:checked=move || filter.with(|f| f.eligible_only)
                    on:change=move |ev| { let on = event_target_checked(&ev); refine(&|f| { f.eligible_only = on; if on { f.reason = None; } }) }/>
                <span>{move || t().opp_eligible_only}</span>
            </label>
            <button class="button-secondary" data-testid="opportunities-export" on:click=move |_| report.export()>{move || t().opp_export}</button>
        </div>
    }
}

/// One total per currency, each subscription counted once with its
/// largest eligible upgrade (the domain's rule); a sentence when
/// no eligible row is shown, never an empty card.
#[component]
fn OpportunityTotals(report: Report) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Report { rows, shown, .. } = report;
    let totals = Memo::new(move |_| {
        rows.with(|rows| {
            shown.with(|shown| {
                opportunities::totals(&shown.iter().map(|&i| &rows[i]).collect::<Vec<_>>())
            })
        })
    });
    view! {
        <section class="card opportunity-totals" aria-live="polite" data-testid="opportunities-totals">
            {move || {
                let totals = totals.get();
                if totals.is_empty() {
                    return view! { <p class="secondary" data-testid="opportunities-totals-none">{t().opp_totals_none}</p> }.into_any();
                }
                let locale = state.locale.get();
                let counted: usize = totals.iter().map(|total| total.subscriptions).sum();
                view! {
                    <h2 class="subsection-title">{t().opp_totals_label}</h2>
                    <ul class="totals-list">
                        {totals.into_iter().map(|total| {
                            let text = format::money(locale, total.monthly_change_minor, &total.currency);
                            view! {
                                <li data-testid="opportunities-total" data-currency=total.currency.clone()
                                    data-minor-units=total.monthly_change_minor.to_string() data-subscriptions=total.subscriptions.to_string()>{text}</li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="caption secondary">{t().opp_totals_note(counted as u64)}</p>
                }.into_any()
            }}
        </section>
    }
}

/// The page of rows shown, or a sentence and Clear search when none match.
#[component]
fn OpportunityTable(report: Report) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Report { rows, page, shown, .. } = report;
    view! {
        <div class="table-card table-scroll">
            <table class="data-table opportunities">
                <thead>
                    <tr>
                        <th scope="col">{move || t().opp_col_customer}</th>
                        <th scope="col">{move || t().opp_col_subscription}</th>
                        <th scope="col" class="num">{move || t().opp_col_licenses}</th>
                        <th scope="col">{move || t().opp_col_target}</th>
                        <th scope="col">{move || t().opp_col_status}</th>
                        <th scope="col" class="num">{move || t().opp_col_monthly}</th>
                        <th scope="col" class="num">{move || t().opp_col_annual}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let start = page.get() * PAGE_SIZE;
                        rows.with(|rows| shown.with(|shown| {
                            shown.iter().skip(start).take(PAGE_SIZE).map(|&i| view! { <OpportunityRow row=rows[i].clone()/> }).collect_view()
                        }))
                    }}
                </tbody>
            </table>
            {move || shown.with(Vec::is_empty).then(|| view! {
                <div class="empty-state">
                    <p>{t().opp_none}</p>
                    <button class="button-secondary" on:click=move |_| report.refine(&|f| *f = Filter { eligible_only: false, ..Filter::default() })>
                        {t().clear_search}
                    </button>
                </div>
            })}
        </div>
    }
}

/// One row: the customer, the subscription, its licences, the target, the
/// verdict (Upgrade, or the reasons why not) and what the change is worth.
#[component]
fn OpportunityRow(row: Opportunity) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let current = state.catalog.offer_name(&row.offer_id).to_string();
    let target = state.catalog.offer_name(&row.target_offer_id).to_string();
    let monthly = row.monthly_change_minor;
    let annual = row.annual_change_minor();
    let currency = StoredValue::new(row.currency.clone());
    let money =
        move |minor: i64| currency.with_value(|c| format::money(state.locale.get(), minor, c));
    let subscription_href =
        state.href(&links::subscription(&row.customer_id, &row.subscription_id));
    let customer_href = state.href(&links::subscriptions(&row.customer_id));
    let upgrade_href = state.href(&links::upgrade_target(
        &row.customer_id,
        &row.subscription_id,
        &row.target_offer_id,
    ));
    let codes = row.reason_codes.clone();
    // New commerce says so, with its term and billing (docs/rules.md#new-commerce).
    let (term, billing) = (row.term, row.billing_cycle);
    let nce = move || {
        term.map(|term| view! { <span class="nce-tag" data-testid="nce-terms">{t().nce_summary_of(term, billing)}</span> })
    };
    view! {
        <tr
            data-testid="opportunity-row"
            data-customer-id=row.customer_id.to_string()
            data-subscription-id=row.subscription_id.to_string()
            data-target-offer-id=row.target_offer_id.to_string()
            data-eligible=row.eligible.to_string()
            data-monthly-minor-units=monthly.to_string()
            data-currency=row.currency.clone()
        >
            <td data-label=move || t().opp_col_customer>
                <A href=customer_href exact=true>{row.customer_name.clone()}</A>
                <span class="caption secondary">" · "{row.market.clone()}</span>
            </td>
            <td data-label=move || t().opp_col_subscription>
                <A href=subscription_href exact=true>{row.subscription_name.clone()}</A>
                <br/><span class="caption secondary">{current}" · "<code>{row.subscription_id.to_string()}</code></span>
                {nce}
            </td>
            <td class="num" data-label=move || t().opp_col_licenses>{move || format::number(state.locale.get(), row.quantity as f64)}</td>
            <td data-label=move || t().opp_col_target>{target}</td>
            <td data-label=move || t().opp_col_status>
                {if row.eligible {
                    view! {
                        <span class="status status-success">{move || t().opp_eligible}</span>" "
                        <A href=upgrade_href exact=true attr:class="opportunity-action">{move || t().opp_upgrade}</A>
                    }.into_any()
                } else {
                    view! {
                        <ul class="plain-list reason-tags">
                            {codes.into_iter().map(|code| view! {
                                <li data-code=code.as_str() title=code.as_str()>{move || t().reason_short(code)}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </td>
            <td class="num" data-label=move || t().opp_col_monthly>{move || money(monthly)}</td>
            <td class="num" data-label=move || t().opp_col_annual>{move || money(annual)}</td>
        </tr>
    }
}
