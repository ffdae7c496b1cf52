//! `/cart`: one cart per customer (docs/rules.md#one-cart-per-customer), each
//! with its upgrades (licence count, billing, add-ons, the proration line by
//! line), its totals and its own checkout.

use crate::components::messages::place_error;
use crate::components::page::{PageHeader, PageNotes};
use crate::components::totals::Totals;
use crate::domain::cart::{self, NextSteps};
use crate::domain::checkout;
use crate::domain::clock::Timestamp;
use crate::domain::ids::CustomerId;
use crate::domain::orders::quote_cart_as_shown;
use crate::domain::workspace::CartLine;
use crate::domain::workspace::LineKey;
use crate::links;
use crate::state::use_app;
use drafts::Drafts;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lines::CartLineCard;

mod drafts;
mod lines;
mod moved_users;

fn offer_name(id: &str) -> String {
    use_app().catalog.offer_name(id).to_string()
}

#[component]
pub fn CartPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    // The customers with lines in the cart, in the order they were added:
    // one cart per customer (docs/rules.md#one-cart-per-customer), each with its own checkout.
    let customers = Memo::new(move |_| {
        state.workspace.with(|w| {
            let mut ids: Vec<CustomerId> = Vec::new();
            for line in &w.cart {
                if !ids.contains(&line.customer_id) {
                    ids.push(line.customer_id.clone());
                }
            }
            ids
        })
    });
    // What the licence boxes hold and the cart does not store yet.
    let drafts = Drafts::new();
    let title = Signal::derive(move || t().cart_title.to_string());

    view! {
        <PageHeader title/>
        <PageNotes/>
        {move || if customers.with(Vec::is_empty) {
            view! { <div class="card empty-state"><p>{t().cart_empty}</p></div> }.into_any()
        } else {
            view! {
                <For each=move || customers.get() key=|id| id.clone() let:customer_id>
                    <CustomerCart customer_id drafts/>
                </For>
            }.into_any()
        }}
    }
}

/// One customer's cart: its lines, its totals, and its own checkout, which
/// places one order for this customer and leaves the other carts as they are.
#[component]
fn CustomerCart(customer_id: CustomerId, drafts: Drafts) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let id = StoredValue::new(customer_id.clone());
    let lines = Memo::new(move |_| {
        id.with_value(|id| {
            state.workspace.with(|w| {
                w.cart.iter().filter(|l| l.customer_id == id).cloned().collect::<Vec<_>>()
            })
        })
    });
    let name = Memo::new(move |_| {
        id.with_value(|id| {
            state
                .workspace
                .with(|w| w.customer(id).map_or_else(|| id.to_string(), |c| c.company_name.clone()))
        })
    });
    let heading_id = format!("cart-{customer_id}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="cart-customer" data-testid="cart-customer" data-customer-id=customer_id.to_string() aria-labelledby=labelled_by>
            <h2 class="section-title" id=heading_id>{move || t().cart_for_customer(&name.get())}</h2>
            <div class="two-column">
                <div class="cart-lines">
                    <For each=move || lines.get() key=|l| (l.key(), l.target_offer_id.clone()) let:line>
                        <CartLineCard line drafts/>
                    </For>
                </div>
                <CartSummary id lines drafts/>
            </div>
        </section>
    }
}

/// One customer's totals, what happens next, why checkout is blocked if it
/// is, and the way to checkout.
#[component]
fn CartSummary(
    id: StoredValue<CustomerId>,
    lines: Memo<Vec<CartLine>>,
    drafts: Drafts,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let quote = Memo::new(move |_| {
        let today = Timestamp::at(state.today(), 0);
        let typed = drafts.counts();
        id.with_value(|id| {
            state.workspace.with(|w| quote_cart_as_shown(state.catalog, w, id, today, &typed))
        })
    });
    let currency = move || {
        id.with_value(|id| {
            state.workspace.with(|w| {
                let market = w.customer(id).map(|c| c.market.clone()).unwrap_or_default();
                state.catalog.billing(w.partner.cloud, &market).currency.clone()
            })
        })
    };
    let has_invalid = move || lines.with(|lines| drafts.any_invalid(lines.iter().map(|l| l.key())));
    let nce_now =
        move || id.with_value(|id| state.workspace.with(|w| cart::has_nce_upgrade_now(w, id)));
    let blocked = move || has_invalid() || quote.with(Result::is_err) || !state.can_act();
    let checkout = move |_| {
        let customer = id.get_value();
        // Stored first, whatever brought the partner here without leaving a box.
        let keys: Vec<LineKey> =
            lines.with_untracked(|lines| lines.iter().map(|l| l.key()).collect());
        keys.iter().for_each(|key| drafts.store(key));
        let key = crate::browser::new_checkout_key();
        if state.run(|w, _, _| checkout::start(w, &customer, &key)).is_ok() {
            navigate(&links::checkout(), Default::default());
        }
    };
    view! {
        <aside class="card summary-card">
            <h3 class="section-title">{move || t().summary_title}</h3>
            // No total for a count that is not one: the box and the total never disagree.
            {move || (!has_invalid()).then(|| quote.get().ok().map(|q| view! { <Totals quote=q/> })).flatten()}
            <p class="secondary caption">
                {move || match lines.with(|l| cart::next_steps(l, nce_now())) {
                    NextSteps::Purchase => t().next_steps_purchase,
                    NextSteps::NceUpgrade => t().next_steps_nce,
                    NextSteps::Upgrade => t().next_steps,
                    NextSteps::AtRenewal => t().next_steps_renewal,
                    NextSteps::Mixed => t().next_steps_mixed,
                }}
            </p>
            <Show when=has_invalid>
                <p class="field-error" data-testid="error">{move || t().cart_blocked}</p>
            </Show>
            // A line the rules refuse (no longer eligible, the same target twice...).
            {move || match (has_invalid(), quote.get()) {
                (false, Err(error)) => Some(view! {
                    <p class="field-error" data-testid="error">{place_error(t(), state.catalog, &error, &currency())}</p>
                }),
                _ => None,
            }}
            <button class="button-primary wide" data-testid="go-to-checkout" disabled=blocked
                title=move || state.read_only_reason() on:click=checkout>
                {move || t().go_to_checkout}
            </button>
        </aside>
    }
}
