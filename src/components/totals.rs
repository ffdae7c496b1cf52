//! Charges, credits and the total due of a quote (the cart and checkout).

use crate::domain::proration::Quote;
use crate::i18n::format;
use crate::state::use_app;
use leptos::prelude::*;

/// Charges, credits and the total of a quote.
#[component]
pub fn Totals(quote: Quote) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let currency = StoredValue::new(quote.currency.clone());
    let money =
        move |minor: i64| currency.with_value(|c| format::money(state.locale.get(), minor, c));
    let total = quote.due_today_minor;
    let later = quote.later_charges();
    // Charges billed today; those of upgrades at renewal follow the total.
    let charges = quote.charges_minor - later.iter().map(|(_, minor)| minor).sum::<i64>();
    view! {
        <dl class="totals">
            <dt>{move || t().charges_label}</dt>
            <dd class="money">{move || money(charges)}</dd>
            <dt>{move || t().credits_label}</dt>
            <dd class="money">{move || money(-quote.credits_minor)}</dd>
            <dt class="total">{move || t().total_due}</dt>
            <dd class="total money" data-testid="cart-total" data-minor-units=total.to_string()>{move || money(total)}</dd>
            // Upgrades at renewal: their first charge, on the day it is billed.
            {later.into_iter().map(|(day, minor)| view! {
                <dt>{move || t().later_charge_label(day)}</dt>
                <dd class="money" data-testid="later-charge" data-minor-units=minor.to_string()>{move || money(minor)}</dd>
            }).collect_view()}
        </dl>
        {(total < 0).then(|| view! { <p class="secondary caption">{move || t().total_credit_note}</p> })}
    }
}
