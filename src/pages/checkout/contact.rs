//! The Sold to and Bill to cards of checkout, edited in place and validated.

use crate::components::messages::field_message;
use crate::domain::contact::{
    self, tidy_bill_to, validate_bill_to, validate_sold_to, Field, FieldError,
};
use crate::domain::workspace::{Address, BillTo};
use crate::i18n::{format, Strings};
use crate::state::use_app;
use leptos::prelude::*;

pub(super) fn to_bill_to(a: &Address) -> BillTo {
    BillTo {
        name: a.name.clone(),
        email: String::new(),
        address: a.address.clone(),
        city: a.city.clone(),
        postal_code: a.postal_code.clone(),
        country: a.country.clone(),
    }
}

pub(super) fn to_address(b: &BillTo) -> Address {
    Address {
        name: b.name.clone(),
        address: b.address.clone(),
        city: b.city.clone(),
        postal_code: b.postal_code.clone(),
        country: b.country.clone(),
    }
}

/// A Sold to or Bill to card: read, or edited in place with validation.
/// Change moves focus to the form's first field; Escape or Cancel closes it
/// and focus returns to Change, as it does after a save.
#[component]
pub(super) fn ContactCard(
    id: u8,
    title: &'static str,
    #[prop(into)] value: Signal<BillTo>,
    with_email: bool,
    editing: RwSignal<u8>,
    /// Saves the details; `false` when they could not be saved.
    on_save: Callback<BillTo, bool>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let form = RwSignal::new(value.get_untracked());
    let errors = RwSignal::new(Vec::<(Field, FieldError)>::new());
    let open = move || editing.get() == id;
    let title_id = format!("contact-{id}-title");
    let change_id = format!("contact-{id}-change");
    // Focus moves once the card has been drawn in its new state.
    let focus_later = move |element_id: String| {
        request_animation_frame(move || {
            if let Some(element) = document().get_element_by_id(&element_id) {
                if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
                {
                    let _ = element.focus();
                }
            }
        });
    };
    let close = {
        let change_id = change_id.clone();
        move || {
            editing.set(0);
            errors.set(Vec::new());
            focus_later(change_id.clone());
        }
    };
    let save = {
        let close = close.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // Kept as the order will store it: trimmed, country upper-cased.
            let edited = tidy_bill_to(&form.get_untracked());
            form.set(edited.clone());
            let problems = if with_email {
                validate_bill_to(&edited)
            } else {
                validate_sold_to(&to_address(&edited))
            };
            if problems.is_empty() && on_save.run(edited) {
                close();
                return;
            }
            // The first field in error takes focus, so its message is read.
            if let Some((field, _)) = problems.first() {
                focus_later(format!("contact-{id}-{field:?}"));
            }
            errors.set(problems);
        }
    };
    let on_key = {
        let close = close.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                ev.stop_propagation();
                close();
            }
        }
    };
    let field = move |field: Field,
                      label: fn(&Strings) -> &'static str,
                      get: fn(&BillTo) -> String,
                      set: fn(&mut BillTo, String)| {
        let input_id = format!("contact-{id}-{field:?}");
        let label_for = input_id.clone();
        let error_id = format!("{input_id}-error");
        let described = error_id.clone();
        let invalid = move || errors.with(|e| e.iter().any(|(f, _)| *f == field));
        // Each input follows its own detail: a key in one field redraws only that one.
        let text = Memo::new(move |_| form.with(get));
        view! {
            <label class="field" for=label_for>
                <span class="field-label">{move || label(t())}</span>
                <input id=input_id type="text" prop:value=move || text.get() on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    aria-invalid=move || invalid().to_string() aria-describedby=move || invalid().then(|| described.clone())/>
                {move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, e)| *e)).map(|e| view! {
                    <span class="field-error" id=error_id.clone() data-testid="error">{field_message(t(), e)}</span>
                })}
            </label>
        }
    };
    let change_described_by = title_id.clone();
    view! {
        <section class="card contact-card" aria-labelledby=title_id.clone() data-testid=format!("contact-card-{id}")>
            <header class="target-header">
                <h2 class="cart-line-title" id=title_id.clone()>{title}</h2>
                <Show when=move || !open()>
                    <button type="button" class="button-subtle" id=change_id.clone() aria-describedby=change_described_by.clone()
                        data-testid="contact-change"
                        title=move || state.read_only_reason() disabled=move || editing.get() != 0 || !state.can_act()
                        on:click=move |_| {
                            form.set(value.get_untracked());
                            errors.set(Vec::new());
                            editing.set(id);
                            focus_later(format!("contact-{id}-{:?}", Field::Name));
                        }>
                        {move || t().change}
                    </button>
                </Show>
            </header>
            {move || if open() {
                let close = close.clone();
                view! {
                    <form class="contact-form" on:submit=save.clone() on:keydown=on_key.clone() novalidate>
                        {field(Field::Name, |t| t.field_name, |b| b.name.clone(), |b, v| b.name = v)}
                        {with_email.then(|| field(Field::Email, |t| t.field_email, |b| b.email.clone(), |b, v| b.email = v))}
                        {field(Field::Address, |t| t.field_address, |b| b.address.first().cloned().unwrap_or_default(), |b, v| { if b.address.is_empty() { b.address.push(v) } else { b.address[0] = v } })}
                        {field(Field::City, |t| t.field_city, |b| b.city.clone(), |b, v| b.city = v)}
                        {field(Field::PostalCode, |t| t.field_postal, |b| b.postal_code.clone(), |b, v| b.postal_code = v)}
                        {field(Field::Country, |t| t.field_country, |b| b.country.clone(), |b, v| b.country = v)}
                        <div class="button-row">
                            <button type="submit" class="button-primary">{t().save}</button>
                            <button type="button" class="button-secondary" on:click=move |_| close()>{t().cancel}</button>
                        </div>
                    </form>
                }.into_any()
            } else {
                let shown = value.get();
                view! {
                    <address class="contact">
                        <strong>{shown.name.clone()}</strong><br/>
                        {(!shown.email.is_empty()).then(|| view! { {shown.email.clone()}<br/> })}
                        {shown.address.iter().map(|l| view! { {l.clone()}<br/> }).collect_view()}
                        {contact::place_lines(&shown.country, &shown.city, &shown.postal_code).into_iter().map(|l| view! { {l}<br/> }).collect_view()}
                        {format::country(state.locale.get(), &shown.country)}
                    </address>
                }.into_any()
            }}
        </section>
    }
}
