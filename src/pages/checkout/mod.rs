//! `/checkout`: Sold to, Bill to and the items, each with Change; the payment
//! method; the credit-check notice; and Place order, idempotent by the
//! checkout's order key (shared by every tab through the workspace).

mod contact;

use contact::{to_address, to_bill_to, ContactCard};

use crate::components::messages::place_error;
use crate::components::page::{MessageBar, PageHeader, PageNotes, Tone};
use crate::domain::clock::Timestamp;
use crate::domain::orders::{self, PaymentRules, PlaceRequest, CREDIT_CHECK_BUSINESS_DAYS};
use crate::domain::workspace::{BillTo, CheckoutDraft, PaymentMethod};
use crate::i18n::format;
use crate::pages::cart::Totals;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

fn new_key() -> String {
    format!("chk-{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e12) as u64)
}


#[component]
pub fn CheckoutPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let customer = Memo::new(move |_| {
        state.workspace.with(|w| w.cart.first().and_then(|l| w.customer(&l.customer_id)).cloned())
    });
    // One draft, and so one order key, per checkout of a customer's cart.
    Effect::new(move || {
        let Some(customer) = customer.get() else { return };
        let current = state.workspace.with(|w| w.checkout.as_ref().map(|d| d.customer_id.clone()));
        if current.as_deref() != Some(customer.id.as_str()) && state.can_act() {
            state.update(|w| {
                w.checkout = Some(CheckoutDraft {
                    key: new_key(),
                    customer_id: customer.id.clone(),
                    payment: PaymentMethod::CreditCard,
                    sold_to: customer.sold_to.clone(),
                    bill_to: customer.bill_to.clone(),
                })
            });
        }
    });
    let draft = Memo::new(move |_| state.workspace.with(|w| w.checkout.clone()));
    // When this checkout gets placed (here, or in another tab that this one
    // follows), show its order: the same key is never placed twice.
    let key = RwSignal::new(None::<String>);
    Effect::new(move || {
        if let Some(d) = draft.get() {
            key.set(Some(d.key));
        }
    });
    Effect::new({
        let navigate = navigate.clone();
        move || {
            let Some(key) = key.get() else { return };
            let placed = state.workspace.with(|w| w.orders.iter().find(|o| o.key == key).map(|o| o.id.clone()));
            if let Some(id) = placed {
                navigate(&format!("/orders/{id}"), Default::default());
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
        state.update(|w| {
            if let Some(d) = w.checkout.as_mut() {
                d.payment = method;
            }
        });
    };
    let place = move |_| {
        if submitting.get_untracked() {
            return;
        }
        let Some(draft) = draft.get_untracked() else { return };
        submitting.set(true);
        error.set(None);
        let (now, actor, method) = (state.now(), state.actor(), payment.get_untracked());
        let mut outcome = None;
        let saved = state.update(|w| {
            outcome = Some(orders::place_order(
                state.catalog,
                w,
                PlaceRequest {
                    key: &draft.key,
                    customer_id: &draft.customer_id,
                    payment: method,
                    sold_to: &draft.sold_to,
                    bill_to: &draft.bill_to,
                    actor: &actor,
                    now,
                },
            ))
        });
        // Placed here or found placed by another tab: the key's effect above
        // opens the order. Otherwise say what stopped it.
        let placed = state.workspace.with_untracked(|w| w.orders.iter().any(|o| o.key == draft.key));
        if !placed {
            if let (true, Some(Err(e))) = (saved, outcome) {
                error.set(Some(place_error(state.t(), state.catalog, &e, |m| money(m))));
            }
            submitting.set(false);
        }
    };

    view! {
        <PageHeader title=Signal::derive(move || t().checkout_title.to_string())/>
        <PageNotes/>
        {move || match (customer.get(), draft.get()) {
            (None, _) => view! {
                <div class="card empty-state">
                    <p>{t().cart_empty}</p>
                    <a href=state.href("/customers")>{t().back_to_customers}</a>
                </div>
            }.into_any(),
            (Some(_), None) => view! { <MessageBar tone=Tone::Warning>{t().read_only_note}</MessageBar> }.into_any(),
            (Some(customer), Some(d)) => {
                let lines = state.workspace.with(|w| w.cart.iter().filter(|l| l.customer_id == customer.id).cloned().collect::<Vec<_>>());
                let sold_to = to_bill_to(&d.sold_to);
                view! {
                    <div class="two-column">
                        <div class="cart-lines">
                            <ContactCard
                                id=1 title=t().sold_to value=sold_to with_email=false editing
                                on_save=Callback::new(move |b: BillTo| {
                                    let entry = state.audit("sold_to_changed");
                                    state.update(|w| if let Some(d) = w.checkout.as_mut() {
                                        let old = std::mem::replace(&mut d.sold_to, to_address(&b));
                                        let entry = entry.customer(&d.customer_id).change(Some(old.name), Some(b.name.clone()));
                                        w.audit.push(entry);
                                    });
                                })
                            />
                            <ContactCard
                                id=2 title=t().bill_to value=d.bill_to.clone() with_email=true editing
                                on_save=Callback::new(move |b: BillTo| {
                                    let entry = state.audit("bill_to_changed");
                                    state.update(|w| if let Some(d) = w.checkout.as_mut() {
                                        let old = std::mem::replace(&mut d.bill_to, b);
                                        let entry = entry.customer(&d.customer_id).change(Some(old.email), Some(d.bill_to.email.clone()));
                                        w.audit.push(entry);
                                    });
                                })
                            />
                            <section class="card">
                                <header class="target-header">
                                    <h2 class="cart-line-title">{t().items_title}</h2>
                                    <a class="button-subtle" href=state.href("/cart")>{t().change}</a>
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
