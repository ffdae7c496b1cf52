//! The audit log: one subscription's entries (its History tab), and the
//! full log with filters and CSV export (/orders).

use super::page::ShowMore;
use crate::domain::audit_log::{self, AuditFilter};
use crate::domain::date::Date;
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::domain::workspace::{AuditEntry, Workspace};
use crate::i18n::audit::AuditWords;
use crate::i18n::{format, msg, Locale};
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

#[component]
pub fn AuditTable(subscription_id: SubscriptionId) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let filter = AuditFilter { subscription_id: Some(subscription_id), ..AuditFilter::default() };
    let entries = Memo::new(move |_| {
        state
            .workspace
            .with(|w| audit_log::entries(w, &filter).into_iter().cloned().collect::<Vec<_>>())
    });
    view! {
        <div class="table-card">
            <table class="data-table audit">
                <thead><tr>
                    <th scope="col">{move || t().col_when}</th>
                    <th scope="col">{move || t().col_who}</th>
                    <th scope="col">{move || t().col_what_happened}</th>
                    <th scope="col">{move || t().col_outcome}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let locale = state.locale.get();
                        entries.get().into_iter().map(|e| {
                            let (sentence, outcome) = words(state, locale, &e);
                            view! {
                                <tr>
                                    <td class="nowrap audit-when">{format::date_time(locale, &e.at)}</td>
                                    <td class="audit-who">{e.actor}</td>
                                    <td class="audit-what">{sentence}</td>
                                    <td class="audit-outcome" data-label=t().col_outcome>{outcome}</td>
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

/// Entries rendered at a time; "Show more" adds another page.
const LOG_PAGE: usize = 100;

/// The full audit log (/orders): every entry with its customer, filtered by
/// customer, action and date range, and exported as CSV as filtered.
#[component]
pub fn AuditLog() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let filter = RwSignal::new(AuditFilter::default());
    let limit = RwSignal::new(LOG_PAGE);
    let shown = Memo::new(move |_| {
        filter.with(|f| {
            state
                .workspace
                .with(|w| audit_log::entries(w, f).into_iter().cloned().collect::<Vec<_>>())
        })
    });
    let inverted = Signal::derive(move || filter.with(AuditFilter::is_inverted));
    view! {
        <AuditFilters filter limit shown/>
        <p class="field-error" role="alert">
            {move || inverted.get().then(|| view! { <span data-testid="error">{t().audit_range_inverted}</span> })}
        </p>
        <AuditLogTable shown limit inverted/>
        <ShowMore total=Signal::derive(move || shown.with(Vec::len)) limit page=LOG_PAGE sentence=|t, n| t.audit_shown(msg::AuditShown { shown: n.shown, total: n.total })/>
    }
}

/// The filters (customer, action, date range) and the CSV export of what
/// they let through. A change of filter shows the first page again.
#[component]
fn AuditFilters(
    filter: RwSignal<AuditFilter>,
    limit: RwSignal<usize>,
    shown: Memo<Vec<AuditEntry>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let refine = move |change: &dyn Fn(&mut AuditFilter)| {
        filter.update(|f| change(f));
        limit.set(LOG_PAGE);
    };
    let choices = Memo::new(move |_| state.workspace.with(log_choices));
    let date_input = move |value: String| Date::parse(value.trim());
    view! {
        <div class="toolbar" role="search">
            <label class="inline-field">
                <span>{move || t().audit_filter_customer}</span>
                <select on:change=move |ev| refine(&|f| f.customer_id = Some(event_target_value(&ev)).filter(|v| !v.is_empty()).map(CustomerId::from))>
                    <option value="">{move || t().audit_filter_all}</option>
                    {move || choices.with(|(customers, _)| customers.iter().map(|(name, id)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view())}
                </select>
            </label>
            <label class="inline-field">
                <span>{move || t().audit_filter_action}</span>
                <select on:change=move |ev| refine(&|f| f.action = Some(event_target_value(&ev)).filter(|v| !v.is_empty()))>
                    <option value="">{move || t().audit_filter_all}</option>
                    {move || choices.with(|(_, actions)| actions.iter().map(|a| view! { <option value=a.clone()>{t().audit_action(a).to_string()}</option> }).collect_view())}
                </select>
            </label>
            <label class="inline-field">
                <span>{move || t().audit_filter_from}</span>
                <input type="date" on:change=move |ev| refine(&|f| f.from = date_input(event_target_value(&ev)))/>
            </label>
            <label class="inline-field">
                <span>{move || t().audit_filter_to}</span>
                <input type="date" on:change=move |ev| refine(&|f| f.to = date_input(event_target_value(&ev)))/>
            </label>
            <button class="button-secondary" data-testid="audit-export" title=move || t().audit_export_help on:click=move |_| export(shown)>
                {move || t().audit_export}
            </button>
        </div>
    }
}

/// The customers (by name, then id) and the actions the log holds, for the
/// filters' choices.
fn log_choices(w: &Workspace) -> (Vec<(String, CustomerId)>, BTreeSet<String>) {
    let mut customers: Vec<(String, CustomerId)> = w
        .audit
        .iter()
        .filter_map(|e| e.customer_id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|id| (w.customer(&id).map_or_else(|| id.to_string(), |c| c.company_name.clone()), id))
        .collect();
    customers.sort();
    let actions = w.audit.iter().map(|e| e.code().to_string()).collect();
    (customers, actions)
}

/// Downloads the entries shown as CSV, or says why it could not.
fn export(shown: Memo<Vec<AuditEntry>>) {
    let state = use_app();
    let t = state.t();
    let text = shown.with(|entries| {
        let entries: Vec<&AuditEntry> = entries.iter().collect();
        state.workspace.with(|w| {
            audit_log::to_csv(state.catalog, w, &entries, |a| t.audit_action(a).to_string())
        })
    });
    if let Err(error) = crate::browser::download_text(
        "upgrade-center-audit-log.csv",
        &text,
        "text/csv;charset=utf-8",
    ) {
        state.notice.set(Some(crate::state::Notice::Error(state.t().error_download(&error))));
    }
}

/// The entries that pass the filters, a page at a time, or why there are none.
#[component]
fn AuditLogTable(
    shown: Memo<Vec<AuditEntry>>,
    limit: RwSignal<usize>,
    inverted: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <div class="table-card">
            <table class="data-table audit">
                <thead><tr>
                    <th scope="col">{move || t().col_when}</th>
                    <th scope="col">{move || t().col_who}</th>
                    <th scope="col">{move || t().col_customer}</th>
                    <th scope="col">{move || t().subscription_id}</th>
                    <th scope="col">{move || t().col_what_happened}</th>
                    <th scope="col">{move || t().col_outcome}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let locale = state.locale.get();
                        shown.with(|entries| entries.iter().take(limit.get()).map(|e| log_row(locale, e)).collect_view())
                    }}
                </tbody>
            </table>
            {move || shown.with(Vec::is_empty).then(|| view! {
                <div class="empty-state">
                    <p>{move || if state.workspace.with(|w| w.audit.is_empty()) {
                        t().no_history
                    } else if inverted.get() {
                        // Not "no entries": the range itself cannot hold any.
                        t().audit_range_inverted
                    } else {
                        t().audit_no_match
                    }}</p>
                </div>
            })}
        </div>
    }
}

/// One entry of the full log, with links to its customer and subscription.
/// A plain function: called in the table's closure, it redraws with what it reads.
fn log_row(locale: Locale, e: &AuditEntry) -> impl IntoView {
    let state = use_app();
    let (sentence, outcome) = words(state, locale, e);
    let customer = e.customer_id.clone().map(|id| {
        let name = state
            .workspace
            .with(|w| w.customer(&id).map(|c| c.company_name.clone()))
            .unwrap_or_else(|| id.to_string());
        view! { <A href=state.href(&links::subscriptions(&id)) exact=true>{name}</A> }
    });
    let subscription = e.customer_id.clone().zip(e.subscription_id.clone()).map(|(c, s)| {
        let href = links::subscription_tab(&c, &s, links::DetailsTab::History);
        view! { <A href=state.href(&href) exact=true>{s.to_string()}</A> }
    });
    view! {
        <tr data-testid="audit-row" data-action=e.code().to_string()>
            <td class="nowrap audit-when">{format::date_time(locale, &e.at)}</td>
            <td class="audit-who">{e.actor.clone()}</td>
            <td class="audit-customer">{customer}</td>
            <td class="audit-subscription">{subscription}</td>
            <td class="audit-what">{sentence}</td>
            <td class="audit-outcome" data-label=state.t().col_outcome>{outcome}</td>
        </tr>
    }
}

/// The entry as a sentence and its outcome, in the partner's language.
fn words(state: crate::state::AppState, locale: Locale, e: &AuditEntry) -> (String, String) {
    state.workspace.with(|w| {
        let words = AuditWords { t: locale.strings(), catalog: state.catalog, workspace: w };
        (words.sentence(e), words.outcome(e))
    })
}
