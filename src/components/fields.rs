//! The licence count field and the billing select, one of each for every
//! form that asks for them (the Upgrade tab, the cart, the Licenses tab, the
//! manual upgrade), so they read, check and say the same everywhere.

use super::messages::quantity_message;
use crate::domain::date::Date;
use crate::domain::quantity::{parse_quantity, QuantityError};
use crate::domain::workspace::{BillingCycle, UpgradeTiming};
use crate::i18n::msg;
use crate::state::use_app;
use leptos::prelude::*;

/// A licence count being typed: the text, and what it reads as in the
/// partner's language within `min..=max` (docs/rules.md#licence-counts-as-typed).
#[derive(Clone, Copy)]
pub struct Quantity {
    pub text: RwSignal<String>,
    pub parsed: Memo<Result<u32, QuantityError>>,
    min: Signal<u32>,
    max: Signal<u32>,
}

impl Quantity {
    pub fn new(initial: u32, min: impl Into<Signal<u32>>, max: impl Into<Signal<u32>>) -> Quantity {
        let state = use_app();
        let (min, max) = (min.into(), max.into());
        let text = RwSignal::new(initial.to_string());
        let parsed = Memo::new(move |_| {
            parse_quantity(&text.get(), state.locale.get().number_style(), min.get(), max.get())
        });
        Quantity { text, parsed, min, max }
    }
}

/// The field: label, input (`quantity-input` unless told), the range, and
/// the reading's error as the partner types, or `problem` (a refusal from
/// the rules, such as fewer licences than assigned users) when there is one.
#[component]
pub fn QuantityField(
    quantity: Quantity,
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "quantity-input")] testid: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// A sentence after the range ("enter the number of licences the customer needs").
    #[prop(optional, into)]
    help: Option<Signal<String>>,
    #[prop(optional, into)] problem: Signal<Option<String>>,
    /// Runs on every keystroke with what the text reads as.
    #[prop(optional)]
    on_read: Option<Callback<Result<u32, QuantityError>>>,
    /// Runs when the partner settles on the text: leaves the box or presses Enter.
    #[prop(optional)]
    on_settle: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let error_id = format!("{id}-error");
    let message = move || {
        problem.get().or_else(|| {
            quantity.parsed.get().err().map(|e| quantity_message(state.locale.get(), e))
        })
    };
    let on_input = move |ev| {
        quantity.text.set(event_target_value(&ev));
        if let Some(on_read) = on_read {
            on_read.run(quantity.parsed.get_untracked());
        }
    };
    let settle = move || {
        if let Some(on_settle) = on_settle {
            on_settle.run(());
        }
    };
    view! {
        <div class="form-field">
            <label for=id.clone()>{move || label.get()}</label>
            <input id=id type="text" inputmode="numeric" class="quantity" data-testid=testid disabled=move || disabled.get()
                prop:value=move || quantity.text.get() on:input=on_input
                on:change=move |_| settle()
                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { settle() }
                aria-invalid=move || message().is_some().to_string() aria-describedby=error_id.clone()/>
            <span class="field-help">
                {move || t().quantity_range(msg::QuantityRange { min: quantity.min.get().into(), max: quantity.max.get().into() })}
                {help.map(|help| view! { " · "{move || help.get()} })}
            </span>
            <span class="field-error" id=error_id role="alert">
                {move || message().map(|m| view! { <span data-testid="error">{m}</span> })}
            </span>
        </div>
    }
}

/// The billing frequency (`billing-frequency`): monthly or annual.
#[component]
pub fn BillingSelect(
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<BillingCycle>,
    on_change: Callback<BillingCycle>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <div class="form-field">
            <label for=id.clone()>{move || t().billing_label}</label>
            <select id=id data-testid="billing-frequency" disabled=move || disabled.get() prop:value=move || value.get().as_str()
                on:change=move |ev| if let Some(cycle) = BillingCycle::parse(&event_target_value(&ev)) { on_change.run(cycle) }>
                {BillingCycle::LEGACY.iter().map(|&c| view! { <option value=c.as_str()>{move || t().billing(c)}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// When an upgrade starts (`upgrade-timing`, docs/rules.md#upgrade-at-renewal): now, or when the
/// source's term ends on `renews_on`, with a line saying what that means.
#[component]
pub fn TimingSelect(
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<UpgradeTiming>,
    on_change: Callback<UpgradeTiming>,
    renews_on: Date,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let help_id = format!("{id}-help");
    view! {
        <div class="form-field timing-field">
            <label for=id.clone()>{move || t().timing_label}</label>
            <select id=id data-testid="upgrade-timing" disabled=move || disabled.get() prop:value=move || value.get().as_str()
                aria-describedby=help_id.clone()
                on:change=move |ev| if let Some(timing) = UpgradeTiming::parse(&event_target_value(&ev)) { on_change.run(timing) }>
                <option value=UpgradeTiming::Now.as_str()>{move || t().timing_now}</option>
                <option value=UpgradeTiming::AtRenewal.as_str()>{move || t().timing_at_renewal(renews_on)}</option>
            </select>
            <span class="field-help" id=help_id>
                {move || match value.get() {
                    UpgradeTiming::Now => t().timing_help_now.to_string(),
                    UpgradeTiming::AtRenewal => t().timing_help_at_renewal(renews_on),
                }}
            </span>
        </div>
    }
}
