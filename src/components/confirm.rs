//! The question asked before anything that destroys or spends
//! (docs/rules.md#confirmation):
//! one modal for the whole app, on the native `<dialog>`, so focus moves
//! into it, the page behind is inert and Escape cancels; on closing, focus
//! goes back to the button that opened it.

use crate::state::use_app;
use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the partner is asked.
#[derive(Clone)]
pub struct Question {
    pub title: String,
    /// What will happen, one sentence per line (each add-on that goes, the price...).
    pub lines: Vec<String>,
    /// The accept button's words ("Remove", "Reset", "Cancel subscription").
    pub accept: String,
    pub on_accept: Callback<()>,
}

/// Asks questions; provided once by the shell.
#[derive(Clone, Copy)]
pub struct Confirm(RwSignal<Option<Question>, LocalStorage>);

impl Confirm {
    pub fn new() -> Confirm {
        Confirm(RwSignal::new_local(None))
    }

    pub fn ask(&self, question: Question) {
        self.0.set(Some(question));
    }
}

pub fn use_confirm() -> Confirm {
    expect_context::<Confirm>()
}

/// The dialog; the shell puts it once and provides its `Confirm` to pages.
#[component]
pub fn ConfirmDialog(confirm: Confirm) -> impl IntoView {
    let state = use_app();
    let question = confirm.0;
    let dialog = NodeRef::<Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    // The dialog element is the outside world: open and close it as asked.
    Effect::new(move || {
        let Some(dialog) = dialog.get() else { return };
        if question.with(Option::is_some) {
            if !dialog.open() {
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(active);
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let close = move || {
        question.set(None);
        if let Some(opener) = opener.get_value() {
            let _ = opener.focus();
        }
    };
    let accept = move |_| {
        if let Some(q) = question.get_untracked() {
            close();
            q.on_accept.run(());
        }
    };
    view! {
        <dialog node_ref=dialog class="confirm-dialog" data-testid="confirm-dialog" aria-labelledby="confirm-title"
            // Escape: the browser cancels the dialog; it closes as Cancel does.
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); close(); }>
            {move || question.get().map(|q| view! {
                <h2 class="section-title" id="confirm-title">{q.title}</h2>
                {q.lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                <div class="button-row">
                    <button class="button-primary danger" data-testid="confirm-accept" on:click=accept>{q.accept}</button>
                    <button class="button-secondary" data-testid="confirm-cancel" autofocus on:click=move |_| close()>
                        {move || state.t().cancel}
                    </button>
                </div>
            })}
        </dialog>
    }
}
