//! The Sold to and Bill to cards of checkout, edited in place and validated.

use crate::components::messages::field_message;
use crate::domain::contact::{
    self, tidy_bill_to, validate_bill_to, validate_sold_to, Field, FieldError,
};
use crate::domain::workspace::BillTo;
use crate::i18n::{format, Strings};
use crate::state::use_app;
use leptos::prelude::*;

/// The two contact cards of checkout; at most one is edited at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Contact {
    SoldTo,
    BillTo,
}

impl Contact {
    /// The card's number in element ids and test ids (`contact-card-1`).
    fn number(self) -> u8 {
        match self {
            Contact::SoldTo => 1,
            Contact::BillTo => 2,
        }
    }

    fn element_id(self, part: &str) -> String {
        format!("contact-{}-{part}", self.number())
    }

    fn field_id(self, field: Field) -> String {
        self.element_id(field.name())
    }

    /// Bill to carries the billing email; Sold to has none.
    fn with_email(self) -> bool {
        self == Contact::BillTo
    }
}

/// Puts focus on `element_id` once the card has been drawn in its new state.
fn focus_later(element_id: String) {
    request_animation_frame(move || {
        let element = document().get_element_by_id(&element_id);
        if let Some(Ok(element)) =
            element.map(wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>)
        {
            let _ = element.focus();
        }
    });
}

/// A Sold to or Bill to card: read, or edited in place with validation.
/// Change moves focus to the form's first field; Escape or Cancel closes it
/// and focus returns to Change, as it does after a save.
#[component]
pub(super) fn ContactCard(
    contact: Contact,
    /// The card's heading in the partner's language.
    title: fn(&Strings) -> &'static str,
    #[prop(into)] value: Signal<BillTo>,
    editing: RwSignal<Option<Contact>>,
    /// Saves the details; `false` when they could not be saved.
    on_save: Callback<BillTo, bool>,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let form = RwSignal::new(value.get_untracked());
    let errors = RwSignal::new(Vec::<(Field, FieldError)>::new());
    let open = move || editing.get() == Some(contact);
    let title_id = contact.element_id("title");
    let described_by = title_id.clone();
    let change = move |_| {
        form.set(value.get_untracked());
        errors.set(Vec::new());
        editing.set(Some(contact));
        focus_later(contact.field_id(Field::Name));
    };
    let edit = ContactEdit { contact, form, errors, editing, on_save };
    view! {
        <section class="card contact-card" aria-labelledby=title_id.clone() data-testid=format!("contact-card-{}", contact.number())>
            <header class="target-header">
                <h2 class="cart-line-title" id=title_id.clone()>{move || title(t())}</h2>
                <Show when=move || !open()>
                    <button type="button" class="button-subtle" id=contact.element_id("change") aria-describedby=described_by.clone()
                        data-testid="contact-change"
                        title=move || state.read_only_reason() disabled=move || editing.get().is_some() || !state.can_act()
                        on:click=change>
                        {move || t().change}
                    </button>
                </Show>
            </header>
            {move || if open() {
                view! { <ContactForm edit/> }.into_any()
            } else {
                view! { <ContactShown value/> }.into_any()
            }}
        </section>
    }
}

/// What the open form works on.
#[derive(Clone, Copy)]
struct ContactEdit {
    contact: Contact,
    form: RwSignal<BillTo>,
    errors: RwSignal<Vec<(Field, FieldError)>>,
    editing: RwSignal<Option<Contact>>,
    on_save: Callback<BillTo, bool>,
}

impl ContactEdit {
    fn close(self) {
        self.editing.set(None);
        self.errors.set(Vec::new());
        focus_later(self.contact.element_id("change"));
    }

    /// Tidies and checks the details, saves them and closes; otherwise the
    /// first field in error takes focus, so its message is read.
    fn save(self) {
        // Kept as the order will store it: trimmed, country upper-cased.
        let edited = tidy_bill_to(&self.form.get_untracked());
        self.form.set(edited.clone());
        let problems = if self.contact.with_email() {
            validate_bill_to(&edited)
        } else {
            validate_sold_to(&edited.address())
        };
        if problems.is_empty() && self.on_save.run(edited) {
            return self.close();
        }
        if let Some((field, _)) = problems.first() {
            focus_later(self.contact.field_id(*field));
        }
        self.errors.set(problems);
    }
}

#[component]
fn ContactForm(edit: ContactEdit) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        edit.save();
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            edit.close();
        }
    };
    let first_line = |b: &BillTo| b.address.first().cloned().unwrap_or_default();
    let set_first_line = |b: &mut BillTo, v: String| match b.address.first_mut() {
        Some(line) => *line = v,
        None => b.address.push(v),
    };
    view! {
        <form class="contact-form" on:submit=on_submit on:keydown=on_key novalidate>
            <ContactField edit field=Field::Name label=|t| t.field_name get=|b| b.name.clone() set=|b, v| b.name = v/>
            {edit.contact.with_email().then(|| view! {
                <ContactField edit field=Field::Email label=|t| t.field_email get=|b| b.email.clone() set=|b, v| b.email = v/>
            })}
            <ContactField edit field=Field::Address label=|t| t.field_address get=first_line set=set_first_line/>
            <ContactField edit field=Field::City label=|t| t.field_city get=|b| b.city.clone() set=|b, v| b.city = v/>
            <ContactField edit field=Field::PostalCode label=|t| t.field_postal get=|b| b.postal_code.clone() set=|b, v| b.postal_code = v/>
            <ContactField edit field=Field::Country label=|t| t.field_country get=|b| b.country.clone() set=|b, v| b.country = v/>
            <div class="button-row">
                <button type="submit" class="button-primary">{move || t().save}</button>
                <button type="button" class="button-secondary" on:click=move |_| edit.close()>{move || t().cancel}</button>
            </div>
        </form>
    }
}

/// One detail of the form, with its message when it is refused.
#[component]
fn ContactField(
    edit: ContactEdit,
    field: Field,
    label: fn(&Strings) -> &'static str,
    get: fn(&BillTo) -> String,
    set: fn(&mut BillTo, String),
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let ContactEdit { form, errors, .. } = edit;
    let input_id = edit.contact.field_id(field);
    let label_for = input_id.clone();
    let error_id = format!("{input_id}-error");
    let described = error_id.clone();
    let error = move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, e)| *e));
    // Each input follows its own detail: a key in one field redraws only that one.
    let text = Memo::new(move |_| form.with(get));
    view! {
        <label class="field" for=label_for>
            <span class="field-label">{move || label(t())}</span>
            <input id=input_id type="text" prop:value=move || text.get() on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                aria-invalid=move || error().is_some().to_string() aria-describedby=move || error().map(|_| described.clone())/>
            {move || error().map(|e| view! {
                <span class="field-error" id=error_id.clone() data-testid="error">{field_message(t(), e)}</span>
            })}
        </label>
    }
}

/// The details as they will be ordered, the country in the partner's language.
#[component]
fn ContactShown(#[prop(into)] value: Signal<BillTo>) -> impl IntoView {
    let state = use_app();
    move || {
        let shown = value.get();
        let place = contact::place_lines(&shown.country, &shown.city, &shown.postal_code);
        view! {
            <address class="contact">
                <strong>{shown.name.clone()}</strong><br/>
                {(!shown.email.is_empty()).then(|| view! { {shown.email.clone()}<br/> })}
                {shown.address.iter().map(|l| view! { {l.clone()}<br/> }).collect_view()}
                {place.into_iter().map(|l| view! { {l}<br/> }).collect_view()}
                {format::country(state.locale.get(), &shown.country)}
            </address>
        }
    }
}
