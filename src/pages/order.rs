//! `/orders/:order`: a stepper (placed, credit check, upgrading, done) with
//! each event's time, the progress bar while provisioning, the licence
//! transfer and the accounts that need more work.

use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::components::status::OrderStatusBadge;
use crate::domain::ids::OrderId;
use crate::domain::orders;
use crate::domain::workspace::{
    AffectedAccount, AffectedIssue, Customer, Order, OrderStatus, PaymentMethod,
};
use crate::i18n::msg;
use crate::i18n::{format, Locale, Strings};
use crate::links;
use crate::pages::order_param;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn OrderPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let order_id = order_param();
    let order = Memo::new(move |_| {
        state.workspace.with(|w| w.orders.iter().find(|o| o.id == order_id.get()).cloned())
    });
    let title = Signal::derive(move || t().order_title(&order_id.get()));
    let crumbs = Signal::derive(move || {
        vec![Crumb::link(t().nav_orders, links::orders()), Crumb::here(order_id.get())]
    });
    view! {
        <PageHeader title crumbs/>
        <PageNotes/>
        // Built from the order as it stands, in the language chosen: a
        // switch of language rebuilds it as a change of the order does.
        {move || {
            state.locale.track();
            match order.get() {
                None => view! { <MessageBar tone=Tone::Danger>{t().order_not_found(&order_id.get())}</MessageBar> }.into_any(),
                Some(o) => view! { <OrderView order=o/> }.into_any(),
            }
        }}
    }
}

/// One step of the stepper: its label, when it happened, done, current.
type Step = (&'static str, Option<String>, bool, bool);

/// The order as it stands: its status, lines and affected accounts beside
/// the summary.
#[component]
fn OrderView(order: Order) -> impl IntoView {
    let state = use_app();
    let customer = state.workspace.with_untracked(|w| w.customer(&order.customer_id).cloned());
    let completed = order.status == OrderStatus::Completed;
    view! {
        <div class="two-column">
            <div class="cart-lines">
                <OrderStatusCard order=order.clone()/>
                <OrderLines order=order.clone() customer=customer.clone()/>
                {completed.then(|| view! { <AffectedAccounts order=order.clone() customer=customer.clone()/> })}
            </div>
            <OrderSummary order customer/>
        </div>
    }
}

/// The steps from placed to done (or cancelled, or failed), each with its time.
fn order_steps(t: &'static Strings, locale: Locale, o: &Order) -> Vec<Step> {
    let event_at = |status: OrderStatus| {
        o.events.iter().find(|e| e.status == status).map(|e| format::date_time(locale, &e.at))
    };
    let placed_at = o.events.first().map(|e| format::date_time(locale, &e.at));
    let credit_step = o.credit_check_due.is_some()
        || o.events.iter().any(|e| e.status == OrderStatus::CreditCheck);
    let status = o.status;
    let purchase = crate::domain::orders::is_purchase(o);
    let reached = |s: OrderStatus| o.events.iter().any(|e| e.status == s);
    let mut steps = vec![(t.step_placed, placed_at, true, false)];
    if credit_step {
        steps.push((
            t.step_credit,
            event_at(OrderStatus::CreditCheck),
            status != OrderStatus::CreditCheck,
            status == OrderStatus::CreditCheck,
        ));
    }
    // An upgrade at renewal waits for its day (docs/rules.md#upgrade-at-renewal).
    if let Some(day) = o.scheduled_for {
        let waiting = status == OrderStatus::Scheduled;
        steps.push((
            t.step_scheduled,
            Some(format::date(locale, day)),
            reached(OrderStatus::Provisioning),
            waiting,
        ));
    }
    if status == OrderStatus::Cancelled {
        steps.push((t.step_cancelled, event_at(OrderStatus::Cancelled), false, true));
        return steps;
    }
    let working = if purchase { t.step_setting_up } else { t.step_upgrading };
    steps.push((
        working,
        event_at(OrderStatus::Provisioning),
        reached(OrderStatus::Completed),
        status == OrderStatus::Provisioning,
    ));
    if status == OrderStatus::Failed {
        steps.push((t.step_failed, event_at(OrderStatus::Failed), false, true));
    } else {
        steps.push((
            t.step_done,
            event_at(OrderStatus::Completed),
            reached(OrderStatus::Completed),
            false,
        ));
    }
    steps
}

/// The status badge, the stepper, the progress bar while provisioning, the
/// notes on the status and the orders placed together with this one.
#[component]
fn OrderStatusCard(order: Order) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let locale = state.locale.get_untracked();
    let o = order;
    let status = o.status;
    let purchase = crate::domain::orders::is_purchase(&o);
    let steps = order_steps(t(), locale, &o);
    let progress_order = o.clone();
    let progress = Memo::new(move |_| {
        (orders::progress(&progress_order, state.clock.get()) * 100.0).round() as u32
    });
    view! {
        <section class="card">
            <div class="order-status-line" data-testid="order-status" data-status=o.status.as_str()>
                <OrderStatusBadge status=o.status purchase=purchase/>
            </div>
            <ol class="stepper">
                {steps.into_iter().map(|(label, at, done, current)| view! {
                    <li class="step" class:done=done class:current=current aria-current=current.then_some("step")>
                        <span class="step-marker" aria-hidden="true"></span>
                        <span class="step-label">{label}</span>
                        <span class="secondary caption">{at.unwrap_or_default()}</span>
                    </li>
                }).collect_view()}
            </ol>
            {(status == OrderStatus::Provisioning).then(|| view! {
                <label class="progress-field">
                    <span class="field-label">{t().progress_label}</span>
                    <progress max="100" value=move || progress.get().to_string()>{move || format!("{}%", progress.get())}</progress>
                </label>
            })}
            {(status == OrderStatus::CreditCheck).then(|| {
                view! {
                    <MessageBar tone=Tone::Warning>
                        {o.credit_check_due.map(|d| t().credit_check_waiting(d))}" "
                        <A href=state.href(&links::settings())>{t().settings_credit_hint}</A>
                    </MessageBar>
                }
            })}
            {o.failure_reason.clone().map(|r| view! { <MessageBar tone=Tone::Danger>{t().failed_reason(&r)}</MessageBar> })}
            {(status == OrderStatus::Scheduled).then(|| {
                let day = o.scheduled_for.unwrap_or(o.placed_on);
                view! { <MessageBar tone=Tone::Info>{t().order_scheduled_note(day)}</MessageBar> }
            })}
            {(status == OrderStatus::Cancelled).then(|| view! { <MessageBar tone=Tone::Info>{t().order_cancelled_note}</MessageBar> })}
            <OrderSiblings order=o.clone()/>
        </section>
    }
}

/// Orders placed by the same checkout (an upgrade at renewal is an order of
/// its own), each a link; nothing when there are none.
#[component]
fn OrderSiblings(order: Order) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let siblings: Vec<OrderId> = state
        .workspace
        .with_untracked(|w| orders::placed_together(w, &order).map(|x| x.id.clone()).collect());
    (!siblings.is_empty()).then(move || {
        view! {
            <p class="secondary caption">
                {t().order_siblings("")}
                {siblings.into_iter().enumerate().map(|(n, id)| view! {
                    {(n > 0).then_some(", ")}
                    <A href=state.href(&links::order(&id)) exact=true>{id.to_string()}</A>
                }).collect_view()}
            </p>
        }
    })
}

/// What was ordered: each line, and for a transfer the users moved and the
/// new subscription.
#[component]
fn OrderLines(order: Order, customer: Option<Customer>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let o = order;
    let purchase = crate::domain::orders::is_purchase(&o);
    let offer_name = |id: &str| state.catalog.offer_name(id).to_string();
    let users_of = |id: &str| customer.as_ref().map_or(0, |c| c.assigned_users(id));
    view! {
        <section class="card">
            <h2 class="cart-line-title">{if purchase { t().purchase_title } else { t().transfer_title }}</h2>
            <ul class="plain-list">
                {o.lines.iter().map(|l| {
                    let from = offer_name(customer.as_ref().and_then(|c| c.subscription(&l.source_subscription_id)).map_or(&l.source_subscription_id, |s| &s.offer_id));
                    let to = offer_name(&l.target_offer_id);
                    // New commerce: the term and billing of the subscription the line made (or changed).
                    let made = l.new_subscription_id.as_ref().unwrap_or(&l.source_subscription_id);
                    let nce = customer.as_ref().and_then(|c| c.subscription(made)).and_then(|s| t().nce_summary(s));
                    let terms = nce.clone().unwrap_or_else(|| t().billing(l.billing_cycle).to_string());
                    view! {
                        <li data-commerce=if nce.is_some() { "nce" } else { "legacy" }>
                            {t().order_line(msg::OrderLine { offer: &to, quantity: l.quantity.into() })}" · "{terms}
                            {l.new_subscription_id.clone().map(|id| view! {
                                <br/>
                                {(!l.purchase).then(|| view! { <span>{t().transfer_line(msg::TransferLine { count: users_of(&id) as u64, from: &from, to: &to })}</span>" " })}
                                <A href=state.href(&links::subscription(&o.customer_id, &id)) exact=true>{t().new_subscription}": "{id.to_string()}</A>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Once done: the accounts that need more work, or a sentence when none do.
#[component]
fn AffectedAccounts(order: Order, customer: Option<Customer>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let o = order;
    view! {
        <section class="card">
            <h2 class="cart-line-title">{t().affected_title}</h2>
            {if o.affected.is_empty() {
                view! { <p class="secondary">{t().affected_none}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t().col_user}</th>
                            <th scope="col">{t().col_service}</th>
                            <th scope="col">{t().col_todo}</th>
                        </tr></thead>
                        <tbody>
                            {o.affected.iter().map(|a| affected_row(&o, customer.as_ref(), a)).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// One affected account: the user (a link to where the partner acts), the
/// service concerned and what to do.
fn affected_row(o: &Order, customer: Option<&Customer>, a: &AffectedAccount) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let offer_name = |id: &str| state.catalog.offer_name(id).to_string();
    let work = orders::affected_work(o, a);
    // "Office 365 E1 (Wingtip apps)", as the History tab names it.
    let subscription_name = |id: &str| {
        customer.and_then(|c| c.subscription(id)).map_or_else(
            || id.to_string(),
            |s| format!("{} ({})", offer_name(&s.offer_id), s.friendly_name),
        )
    };
    let todo = match a.issue {
        AffectedIssue::UsageLocationMissing => t().affected_usage_location.to_string(),
        AffectedIssue::NoLicenseLeft => t().affected_no_license.to_string(),
        AffectedIssue::DuplicateService => t().affected_duplicate(
            &a.other_subscription_id.as_deref().map(subscription_name).unwrap_or_default(),
        ),
    };
    // The service received twice, or, for a user left without
    // the new licence, every service of the new plan.
    let service = match (a.service.as_deref(), work.offer_id) {
        (Some(service), _) => state.catalog.service_name(service).to_string(),
        (None, Some(offer)) => t().affected_all_services(state.catalog.offer_name(offer)),
        (None, None) => "—".into(),
    };
    // The user's row on the Licenses tab where the partner acts.
    let name = a.display_name.clone();
    let user = match work.act_on {
        Some(id) => {
            let href = state.href(&links::licenses_user(&o.customer_id, id, &a.user_id));
            view! { <A href=href exact=true>{name}</A> }.into_any()
        }
        None => view! { <span>{name}</span> }.into_any(),
    };
    view! {
        <tr data-testid="affected-account" data-user-id=a.user_id.to_string() data-issue=a.issue.as_str()>
            <td>{user}<br/><span class="secondary caption">{a.user_principal_name.clone()}</span></td>
            <td data-testid="affected-service">{service}</td>
            <td>{todo}</td>
        </tr>
    }
}

/// The summary beside the order: customer, date, payment and the amounts.
#[component]
fn OrderSummary(order: Order, customer: Option<Customer>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let locale = state.locale.get_untracked();
    let o = order;
    let status = o.status;
    let payment = match o.payment {
        PaymentMethod::CreditCard => t().payment_card,
        PaymentMethod::Invoice => t().payment_invoice,
    };
    let customer_name = customer.as_ref().map(|c| c.company_name.clone()).unwrap_or_default();
    view! {
        <aside class="card summary-card">
            <h2 class="section-title">{t().summary_title}</h2>
            <dl class="totals">
                <dt>{t().col_customer}</dt>
                <dd><A href=state.href(&links::subscriptions(&o.customer_id)) exact=true>{customer_name}</A></dd>
                <dt>{t().col_placed}</dt>
                <dd>{format::date(locale, o.placed_on)}</dd>
                <dt>{t().col_payment}</dt>
                <dd>{payment}</dd>
                {o.po_number.clone().map(|po| view! {
                    <dt>{t().order_po_number}</dt>
                    <dd data-testid="order-po-number">{po}</dd>
                })}
                <dt>{t().charges_label}</dt>
                <dd class="money">{format::money(locale, o.charges_minor, &o.currency)}</dd>
                <dt>{t().credits_label}</dt>
                <dd class="money">{format::money(locale, -o.credits_minor, &o.currency)}</dd>
                <dt class="total">{t().col_total}</dt>
                <dd class="total money">{format::money(locale, o.total_minor, &o.currency)}</dd>
                // An upgrade at renewal is billed on its day, not when placed.
                {o.scheduled_for.filter(|_| status != OrderStatus::Cancelled).map(|day| view! {
                    <dt>{t().later_charge_label(day)}</dt>
                    <dd class="money">{format::money(locale, o.total_minor, &o.currency)}</dd>
                })}
            </dl>
        </aside>
    }
}
