//! `/checkout`: Sold to, Bill to and the items, each with Change; the payment
//! method; the credit-check notice; and Place order, idempotent by the
//! checkout's order key (shared by every tab through the workspace).

mod contact;

use crate::domain::ids::CheckoutKey;
use crate::domain::money::Money;
use crate::i18n::msg;
use contact::{Contact, ContactCard};

use crate::components::messages::place_error;
use crate::components::page::{MessageBar, PageHeader, PageNotes, Tone};
use crate::components::totals::Totals;
use crate::domain::checkout;
use crate::domain::clock::Timestamp;
use crate::domain::orders::{
    self, PaymentRules, PlaceError, PlaceRequest, CREDIT_CHECK_BUSINESS_DAYS,
};
use crate::domain::proration::Quote;
use crate::domain::workspace::{BillTo, CheckoutDraft, Customer, OrderKey, PaymentMethod};
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// What the parts of the checkout read, made once by the page.
#[derive(Clone, Copy)]
struct Checkout {
    customer: Memo<Option<Customer>>,
    /// Opened by Go to checkout; a deep link without one offers to open it.
    draft: Memo<Option<CheckoutDraft>>,
    quote: Memo<Option<Result<Quote, PlaceError>>>,
    rules: Memo<Option<PaymentRules>>,
    currency: Memo<String>,
    payment: Memo<PaymentMethod>,
    /// The contact card being edited; Place order waits for it.
    editing: RwSignal<Option<Contact>>,
}

impl Checkout {
    fn new() -> Checkout {
        let state = use_app();
        let customer = Memo::new(move |_| {
            state.workspace.with(|w| w.customer(checkout::customer_of(w)?).cloned())
        });
        let draft = Memo::new(move |_| {
            let customer = customer.get()?;
            state.workspace.with(|w| w.checkout.clone().filter(|d| d.customer_id == customer.id))
        });
        let quote = Memo::new(move |_| {
            let customer = customer.get()?;
            let now = Timestamp::at(state.today(), 0);
            Some(state.workspace.with(|w| {
                orders::quote_cart_as_shown(
                    state.catalog,
                    w,
                    &customer.id,
                    now,
                    &Default::default(),
                )
            }))
        });
        let rules = Memo::new(move |_| {
            let (customer, Some(Ok(quote))) = (customer.get()?, quote.get()) else { return None };
            Some(state.workspace.with(|w| {
                PaymentRules::new(state.catalog, w, &customer.market, quote.charges_minor)
            }))
        });
        let currency = Memo::new(move |_| {
            quote.get().and_then(Result::ok).map(|q| q.currency).unwrap_or_default()
        });
        let payment = Memo::new(move |_| {
            let chosen = draft.get().map_or(PaymentMethod::CreditCard, |d| d.payment);
            rules.get().map_or(PaymentMethod::CreditCard, |r| r.effective(chosen))
        });
        Checkout { customer, draft, quote, rules, currency, payment, editing: RwSignal::new(None) }
    }

    /// An amount in the customer's currency, for a message to format.
    fn amount(&self, minor: i64) -> Money {
        Money::new(minor, self.currency.get())
    }
}

/// What the page shows, redrawn only when it changes: a payment choice or
/// a saved address updates its own card, and keyboard focus stays put.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    EmptyCart,
    ChooseCart,
    NotStarted,
    /// The checkout: the partner's draft, or for a read-only role the
    /// customer's own details, shown as they would be ordered.
    Open,
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let checkout = Checkout::new();
    let Checkout { customer, draft, .. } = checkout;
    // The key of this checkout, kept after Place order clears the draft, so
    // the page can open the order it became (here or in another tab).
    let key = Memo::new(move |previous: Option<&Option<CheckoutKey>>| {
        draft.get().map(|d| d.key).or_else(|| previous.cloned().flatten())
    });
    Effect::new(move || {
        let Some(key) = key.get() else { return };
        let placed = state.workspace.with(|w| {
            w.orders.iter().find(|o| o.key == OrderKey::new(&key, 1)).map(|o| o.id.clone())
        });
        if let Some(id) = placed {
            navigate(&links::order(&id), Default::default());
        }
    });
    let stage =
        Memo::new(move |_| match (customer.with(Option::is_some), draft.with(Option::is_some)) {
            (false, _) if state.workspace.with(|w| w.cart.is_empty()) => Stage::EmptyCart,
            (false, _) => Stage::ChooseCart,
            (true, true) => Stage::Open,
            (true, false) if !state.can_act() => Stage::Open,
            (true, false) => Stage::NotStarted,
        });
    let start = move |_| {
        if let Some(customer) = customer.get_untracked() {
            let _ = state.run(|w, _, _| {
                checkout::start(w, &customer.id, &crate::browser::new_checkout_key())
            });
        }
    };
    view! {
        <PageHeader title=Signal::derive(move || t().checkout_title.to_string())/>
        <PageNotes/>
        {move || match stage.get() {
            Stage::EmptyCart => view! {
                <div class="card empty-state">
                    <p>{t().cart_empty}</p>
                    <A href=state.href(&links::customers())>{t().back_to_customers}</A>
                </div>
            }.into_any(),
            // Carts of several customers and none chosen: each has its own checkout.
            Stage::ChooseCart => view! {
                <div class="card empty-state">
                    <p>{t().checkout_choose_cart}</p>
                    <A href=state.href(&links::cart())>{t().cart_title}</A>
                </div>
            }.into_any(),
            Stage::NotStarted => view! {
                <div class="card empty-state">
                    <p>{t().checkout_not_started}</p>
                    <button class="button-primary" on:click=start>{t().go_to_checkout}</button>
                </div>
            }.into_any(),
            Stage::Open => view! {
                <div class="two-column checkout">
                    <CheckoutDetails checkout/>
                    <CheckoutSummary checkout/>
                </div>
            }.into_any(),
        }}
    }
}

/// Sold to, Bill to and the items, each with its Change.
#[component]
fn CheckoutDetails(checkout: Checkout) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Checkout { customer, draft, editing, .. } = checkout;
    // A read-only role cannot open a draft (docs/rules.md#read-only-role), so
    // it sees the details checkout would start from: the customer's own.
    let sold_to = Memo::new(move |_| match draft.get() {
        Some(d) => BillTo::from_address(&d.sold_to),
        None => {
            customer.get().map(|c| BillTo::from_address(&c.sold_to)).unwrap_or_else(empty_bill_to)
        }
    });
    let bill_to = Memo::new(move |_| match draft.get() {
        Some(d) => d.bill_to,
        None => customer.get().map(|c| c.bill_to).unwrap_or_else(empty_bill_to),
    });
    let items = Memo::new(move |_| {
        let Some(customer) = customer.get() else { return Vec::new() };
        let t = state.t();
        let name = |id: &str| state.catalog.offer_name(id).to_string();
        state.workspace.with(|w| {
            w.cart
                .iter()
                .filter(|l| l.customer_id == customer.id)
                .map(|l| {
                    let item = t.order_line(msg::OrderLine {
                        offer: &name(&l.target_offer_id),
                        quantity: l.quantity.into(),
                    });
                    let text = match customer.subscription(&l.source_subscription_id) {
                        _ if l.purchase => t.buy_line_title(&item),
                        Some(source) => t.cart_line_title(msg::CartLineTitle {
                            source: &name(&source.offer_id),
                            target: &item,
                        }),
                        None => t.cart_line_title(msg::CartLineTitle { source: "", target: &item }),
                    };
                    // A new-commerce source says its term and billing, which the target keeps.
                    let terms = customer
                        .subscription(&l.source_subscription_id)
                        .filter(|_| !l.purchase)
                        .and_then(|s| t.nce_summary(s))
                        .unwrap_or_else(|| t.billing(l.billing_cycle).to_string());
                    format!("{text} · {terms}")
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="cart-lines">
            <ContactCard
                contact=Contact::SoldTo title=|t| t.sold_to value=sold_to editing
                on_save=Callback::new(move |b: BillTo| state.run(|w, now, actor| checkout::set_sold_to(w, &b.address(), now, actor)).is_ok())
            />
            <ContactCard
                contact=Contact::BillTo title=|t| t.bill_to value=bill_to editing
                on_save=Callback::new(move |b: BillTo| state.run(|w, now, actor| checkout::set_bill_to(w, &b, now, actor)).is_ok())
            />
            <section class="card" aria-labelledby="checkout-items-title">
                <header class="target-header">
                    <h2 class="cart-line-title" id="checkout-items-title">{move || t().items_title}</h2>
                    <A href=state.href(&links::cart()) exact=true attr:class="button-subtle" {..} aria-describedby="checkout-items-title">{move || t().change}</A>
                </header>
                <ul class="plain-list checkout-items">
                    {move || items.get().into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

/// Read in this order, and seen in it: the amounts, how to pay, what
/// happens next, then Place order.
#[component]
fn CheckoutSummary(checkout: Checkout) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Checkout { customer, draft, quote, rules, payment, editing, .. } = checkout;
    let submitting = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let read_only = move || !state.can_act();
    let po_text = RwSignal::new(String::new());
    let po_invalid = move || po_text.with(|p| orders::po_number(p).is_err());
    let place = move |_| {
        if submitting.get_untracked() {
            return;
        }
        let Some(draft) = draft.get_untracked() else { return };
        submitting.set(true);
        error.set(None);
        let payment = payment.get_untracked();
        let po = po_text.get_untracked();
        let placed = state.run(|w, now, actor| {
            let (sold_to, bill_to) = (&draft.sold_to, &draft.bill_to);
            let request = PlaceRequest {
                key: &draft.key,
                customer_id: &draft.customer_id,
                payment,
                sold_to,
                bill_to,
                actor,
                now,
                po_number: Some(&po),
            };
            orders::place_order(state.catalog, w, request)
        });
        // Placed (here, or found placed by another tab): the page's key
        // effect opens the order. Otherwise say what stopped it.
        if let Err(e) = placed {
            error.set(Some(place_error(
                state.t(),
                state.catalog,
                &e,
                &checkout.currency.get_untracked(),
            )));
            submitting.set(false);
        }
    };
    view! {
        <aside class="card summary-card" aria-labelledby="checkout-summary-title">
            <h2 class="section-title" id="checkout-summary-title">{move || t().summary_title}</h2>
            {move || quote.get().map(|q| match q {
                Ok(q) => view! { <Totals quote=q/> }.into_any(),
                Err(e) => view! { <p class="field-error" data-testid="error">{place_error(t(), state.catalog, &e, &checkout.currency.get())}</p> }.into_any(),
            })}
            <PoNumber text=po_text/>
            <PaymentChoice checkout/>
            {move || customer.get().filter(|c| state.workspace.with(|w| crate::domain::cart::has_nce_upgrade_now(w, &c.id))).map(|_| view! {
                <MessageBar tone=Tone::Warning><span data-testid="nce-final">{t().nce_cannot_undo}</span></MessageBar>
            })}
            {move || rules.get().map(|r| if r.needs_credit_check(payment.get()) {
                // Worded here, where the language is tracked: a component's
                // children are built untracked.
                let due = state.today().add_business_days(CREDIT_CHECK_BUSINESS_DAYS);
                let text = t().credit_check_needed(due);
                view! { <MessageBar tone=Tone::Warning>{text}</MessageBar> }.into_any()
            } else {
                view! { <MessageBar tone=Tone::Info>{move || t().no_credit_check}</MessageBar> }.into_any()
            })}
            {move || error.get().map(|e| view! { <MessageBar tone=Tone::Danger>{e}</MessageBar> })}
            <button class="button-primary wide" data-testid="place-order" on:click=place
                aria-describedby=move || read_only().then_some("place-order-reason")
                disabled=move || submitting.get() || editing.get().is_some() || !matches!(quote.get(), Some(Ok(_))) || read_only() || po_invalid()>
                {move || if submitting.get() { t().placing_order } else { t().place_order }}
            </button>
            <Show when=read_only>
                <p class="secondary caption" id="place-order-reason" data-testid="place-order-reason">{move || t().read_only_place_order}</p>
            </Show>
        </aside>
    }
}

/// Credit card, or invoice from the market's minimum.
#[component]
fn PaymentChoice(checkout: Checkout) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let Checkout { rules, payment, .. } = checkout;
    let set_payment = move |method: PaymentMethod| {
        let _ = state.run(|w, _, _| checkout::set_payment(w, method));
    };
    let invoice_allowed = move || rules.get().is_some_and(|r| r.invoice_allowed());
    let read_only = move || !state.can_act();
    view! {
        <fieldset class="payment">
            <legend class="subsection-title">{move || t().payment_title}</legend>
            <label class="radio-card" class:disabled=read_only>
                <input type="radio" name="payment" data-testid="payment-card"
                    disabled=read_only
                    prop:checked=move || payment.get() == PaymentMethod::CreditCard
                    on:change=move |_| set_payment(PaymentMethod::CreditCard)/>
                <span><strong>{move || t().payment_card}</strong><br/><span class="secondary">{move || t().payment_card_detail}</span></span>
            </label>
            <label class="radio-card" class:disabled=move || !invoice_allowed() || read_only()>
                <input type="radio" name="payment" data-testid="payment-invoice"
                    disabled=move || !invoice_allowed() || read_only()
                    prop:checked=move || payment.get() == PaymentMethod::Invoice
                    on:change=move |_| set_payment(PaymentMethod::Invoice)/>
                <span>
                    <strong>{move || t().payment_invoice}</strong><br/>
                    <span class="secondary">{move || rules.get().map(|r| {
                        let minimum = checkout.amount(r.invoice_minimum);
                        if r.invoice_allowed() { t().payment_invoice_detail(&minimum) } else { t().invoice_unavailable(&minimum) }
                    })}</span>
                </span>
            </label>
        </fieldset>
    }
}

fn empty_bill_to() -> BillTo {
    BillTo {
        name: String::new(),
        email: String::new(),
        address: Vec::new(),
        city: String::new(),
        postal_code: String::new(),
        country: String::new(),
    }
}

/// The partner's purchase order number (optional; docs/rules.md#new-commerce):
/// kept as typed, checked at each key, trimmed when the order is placed.
#[component]
fn PoNumber(text: RwSignal<String>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let error = move || {
        text.with(|p| orders::po_number(p).err()).map(|e| place_error(t(), state.catalog, &e, ""))
    };
    view! {
        <div class="field">
            <label class="field-label" for="po-number">{move || t().po_number_label}</label>
            <input type="text" id="po-number" data-testid="po-number" autocomplete="off" aria-describedby="po-number-help"
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <span class="field-help" id="po-number-help">{move || t().po_number_help}</span>
            {move || error().map(|e| view! { <span class="field-error" data-testid="po-number-error">{e}</span> })}
        </div>
    }
}
