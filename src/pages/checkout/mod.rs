//! `/checkout`: Sold to, Bill to and the items, each with Change; the payment
//! method; the credit-check notice; and Place order, idempotent by the
//! checkout's order key (shared by every tab through the workspace).

mod contact;

use contact::{to_address, to_bill_to, ContactCard};

use crate::components::messages::place_error;
use crate::components::page::{MessageBar, PageHeader, PageNotes, Tone};
use crate::domain::clock::Timestamp;
use crate::domain::orders::{self, PaymentRules, PlaceRequest, CREDIT_CHECK_BUSINESS_DAYS};
use crate::domain::checkout;
use crate::domain::workspace::{BillTo, PaymentMethod};
use crate::i18n::format;
use crate::components::totals::Totals;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::components::A;
use crate::links;


#[component]
pub fn CheckoutPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let customer = Memo::new(move |_| state.workspace.with(|w| w.customer(checkout::customer_of(w)?).cloned()));
    // The draft (and its order key) is opened by Go to checkout; a deep link
    // without one offers to open it.
    let draft = Memo::new(move |_| {
        let customer = customer.get()?;
        state.workspace.with(|w| w.checkout.clone().filter(|d| d.customer_id == customer.id))
    });
    // The key of this checkout, kept after Place order clears the draft, so
    // the page can open the order it became (here or in another tab).
    let key = Memo::new(move |previous: Option<&Option<String>>| draft.get().map(|d| d.key).or_else(|| previous.cloned().flatten()));
    Effect::new({
        let navigate = navigate.clone();
        move || {
            let Some(key) = key.get() else { return };
            let placed = state.workspace.with(|w| w.orders.iter().find(|o| o.key == key).map(|o| o.id.clone()));
            if let Some(id) = placed {
                navigate(&links::order(&id), Default::default());
            }
        }
    });
    let quote = Memo::new(move |_| {
        let customer = customer.get()?;
        Some(state.workspace.with(|w| orders::quote_cart(state.catalog, w, &customer.id, Timestamp::at(state.today(), 0))))
    });
    let rules = Memo::new(move |_| {
        let (customer, Some(Ok(quote))) = (customer.get()?, quote.get()) else { return None };
        Some(state.workspace.with(|w| PaymentRules::new(state.catalog, w, &customer.market, quote.charges_minor)))
    });
    let currency = Memo::new(move |_| quote.get().and_then(Result::ok).map(|q| q.currency).unwrap_or_default());
    let money = move |minor: i64| format::money(state.locale.get(), minor, &currency.get());
    let payment = Memo::new(move |_| {
        let chosen = draft.get().map_or(PaymentMethod::CreditCard, |d| d.payment);
        rules.get().map_or(PaymentMethod::CreditCard, |r| r.effective(chosen))
    });
    let submitting = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let editing = RwSignal::new(0u8);

    let set_payment = move |method: PaymentMethod| {
        let _ = state.run(|w, _, _| checkout::set_payment(w, method));
    };
    let start = move |_| {
        if let Some(customer) = customer.get_untracked() {
            let _ = state.run(|w, _, _| checkout::start(w, &customer.id, &crate::browser::new_checkout_key()));
        }
    };
    let place = move |_| {
        if submitting.get_untracked() {
            return;
        }
        let Some(draft) = draft.get_untracked() else { return };
        submitting.set(true);
        error.set(None);
        let method = payment.get_untracked();
        let placed = state.run(|w, now, actor| {
            orders::place_order(
                state.catalog,
                w,
                PlaceRequest {
                    key: &draft.key,
                    customer_id: &draft.customer_id,
                    payment: method,
                    sold_to: &draft.sold_to,
                    bill_to: &draft.bill_to,
                    actor,
                    now,
                },
            )
        });
        // Placed (here, or found placed by another tab): the key's effect
        // above opens the order. Otherwise say what stopped it.
        if let Err(e) = placed {
            error.set(Some(place_error(state.t(), state.catalog, &e, |m| money(m))));
            submitting.set(false);
        }
    };

    view! {
        <PageHeader title=Signal::derive(move || t().checkout_title.to_string())/>
        <PageNotes/>
        {move || match (customer.get(), draft.get()) {
            (None, _) if state.workspace.with(|w| w.cart.is_empty()) => view! {
                <div class="card empty-state">
                    <p>{t().cart_empty}</p>
                    <A href=state.href(&links::customers())>{t().back_to_customers}</A>
                </div>
            }.into_any(),
            // Carts of several customers and none chosen: each has its own checkout.
            (None, _) => view! {
                <div class="card empty-state">
                    <p>{t().checkout_choose_cart}</p>
                    <A href=state.href(&links::cart())>{t().cart_title}</A>
                </div>
            }.into_any(),
            (Some(_), None) if !state.can_act() => view! { <MessageBar tone=Tone::Warning>{t().read_only_note}</MessageBar> }.into_any(),
            (Some(_), None) => view! {
                <div class="card empty-state">
                    <p>{t().checkout_not_started}</p>
                    <button class="button-primary" on:click=start>{t().go_to_checkout}</button>
                </div>
            }.into_any(),
            (Some(customer), Some(d)) => {
                let lines = state.workspace.with(|w| w.cart.iter().filter(|l| l.customer_id == customer.id).cloned().collect::<Vec<_>>());
                let sold_to = to_bill_to(&d.sold_to);
                view! {
                    <div class="two-column">
                        <div class="cart-lines">
                            <ContactCard
                                id=1 title=t().sold_to value=sold_to with_email=false editing
                                on_save=Callback::new(move |b: BillTo| state.run(|w, now, actor| checkout::set_sold_to(w, &to_address(&b), now, actor)).is_ok())
                            />
                            <ContactCard
                                id=2 title=t().bill_to value=d.bill_to.clone() with_email=true editing
                                on_save=Callback::new(move |b: BillTo| state.run(|w, now, actor| checkout::set_bill_to(w, &b, now, actor)).is_ok())
                            />
                            <section class="card">
                                <header class="target-header">
                                    <h2 class="cart-line-title">{t().items_title}</h2>
                                    <A href=state.href(&links::cart()) exact=true attr:class="button-subtle">{t().change}</A>
                                </header>
                                <ul class="plain-list">
                                    {lines.into_iter().map(|l| {
                                        let name = |id: &str| state.catalog.offer_name(id).to_string();
                                        let source = customer.subscription(&l.source_subscription_id).map(|s| name(&s.offer_id)).unwrap_or_default();
                                        let item = (t().order_line)(&name(&l.target_offer_id), &format::number(state.locale.get(), l.quantity));
                                        let text = if l.purchase { (t().buy_line_title)(&item) } else { (t().cart_line_title)(&source, &item) };
                                        view! {
                                            <li>
                                                {text}
                                                " · "{t().billing(l.billing_cycle)}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                            <fieldset class="card payment">
                                <legend class="cart-line-title">{t().payment_title}</legend>
                                <label class="radio-card">
                                    <input type="radio" name="payment" data-testid="payment-card"
                                        prop:checked=move || payment.get() == PaymentMethod::CreditCard
                                        on:change=move |_| set_payment(PaymentMethod::CreditCard)/>
                                    <span><strong>{t().payment_card}</strong><br/><span class="secondary">{t().payment_card_detail}</span></span>
                                </label>
                                <label class="radio-card" class:disabled=move || !rules.get().is_some_and(|r| r.invoice_allowed())>
                                    <input type="radio" name="payment" data-testid="payment-invoice"
                                        disabled=move || !rules.get().is_some_and(|r| r.invoice_allowed())
                                        prop:checked=move || payment.get() == PaymentMethod::Invoice
                                        on:change=move |_| set_payment(PaymentMethod::Invoice)/>
                                    <span>
                                        <strong>{t().payment_invoice}</strong><br/>
                                        <span class="secondary">{move || rules.get().map(|r| {
                                            if r.invoice_allowed() { (t().payment_invoice_detail)(&money(r.invoice_minimum)) } else { (t().invoice_unavailable)(&money(r.invoice_minimum)) }
                                        })}</span>
                                    </span>
                                </label>
                            </fieldset>
                        </div>
                        <aside class="card summary-card">
                            <h2 class="section-title">{t().summary_title}</h2>
                            {move || quote.get().map(|q| match q {
                                Ok(q) => view! { <Totals quote=q/> }.into_any(),
                                Err(e) => view! { <p class="field-error" data-testid="error">{place_error(t(), state.catalog, &e, |m| money(m))}</p> }.into_any(),
                            })}
                            {move || rules.get().map(|r| if r.needs_credit_check(payment.get()) {
                                let due = state.today().add_business_days(CREDIT_CHECK_BUSINESS_DAYS);
                                view! { <MessageBar tone=Tone::Warning>{(t().credit_check_needed)(&format::date(state.locale.get(), due))}</MessageBar> }.into_any()
                            } else {
                                view! { <MessageBar tone=Tone::Info>{t().no_credit_check}</MessageBar> }.into_any()
                            })}
                            {move || error.get().map(|e| view! { <MessageBar tone=Tone::Danger>{e}</MessageBar> })}
                            <button class="button-primary wide" data-testid="place-order" on:click=place.clone() title=move || state.read_only_reason()
                                disabled=move || submitting.get() || editing.get() != 0 || !matches!(quote.get(), Some(Ok(_))) || !state.can_act()>
                                {move || if submitting.get() { t().placing_order } else { t().place_order }}
                            </button>
                        </aside>
                    </div>
                }.into_any()
            }
        }}
    }
}
