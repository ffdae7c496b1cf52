//! The simulated date: what proration, renewals and credit checks count from.

use crate::domain::date::Date;
use crate::domain::settings;
use crate::state::use_app;
use leptos::prelude::*;

/// A date input changes its value at every complete date typed segment by
/// segment (12/21/2026 on the way to 12/02/2026): the date moves only when
/// the partner settles on it (Enter, or leaving the field), so nothing runs
/// on a day they did not mean.
#[component]
pub(super) fn SimulatedDate() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let date_error = RwSignal::new(false);
    let typed_date = RwSignal::new(None::<String>);
    let set_today = move |today: Option<Date>| {
        let _ = state.run(|w, now, actor| settings::set_simulated_date(w, today, now, actor));
    };
    let apply_date = move || {
        let Some(value) = typed_date.get_untracked() else { return };
        match Date::parse(value.trim()) {
            Some(date) => {
                date_error.set(false);
                typed_date.set(None);
                if state.workspace.with_untracked(|w| w.today) != Some(date) {
                    set_today(Some(date));
                }
            }
            None if value.trim().is_empty() => {
                date_error.set(false);
                typed_date.set(None);
                set_today(None);
            }
            None => date_error.set(true),
        }
    };
    let on_date_typed = move |ev| typed_date.set(Some(event_target_value(&ev)));
    // The box is set from the stored date only when that changes: writing
    // back what is being typed would reset the date's parts mid-entry.
    let stored_date = Memo::new(move |_| state.workspace.with(|w| w.today));
    let on_date_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            apply_date();
        }
    };
    let use_real_date = move |_| {
        typed_date.set(None);
        date_error.set(false);
        set_today(None);
    };
    view! {
        <label class="field">
            <span class="field-label">{move || t().settings_today}</span>
            <span class="field-row">
                <input
                    type="date"
                    data-testid="simulated-date"
                    prop:value=move || stored_date.get().map(|d| d.to_string()).unwrap_or_default()
                    on:input=on_date_typed on:change=on_date_typed on:keydown=on_date_key on:blur=move |_| apply_date()
                    aria-invalid=move || date_error.get().to_string()
                />
                <button class="button-secondary" on:click=use_real_date>{move || t().settings_today_real}</button>
            </span>
            <span class="field-help">{move || t().settings_today_help}</span>
            <span class="field-help" data-testid="effective-date">
                {move || t().settings_today_effective(state.today())}
            </span>
            <Show when=move || typed_date.with(Option::is_some) && !date_error.get()>
                <span class="field-help" data-testid="simulated-date-pending">{move || t().settings_today_pending}</span>
            </Show>
            <Show when=move || date_error.get()>
                <span class="field-error" data-testid="error">{move || t().settings_today_invalid}</span>
            </Show>
        </label>
    }
}
