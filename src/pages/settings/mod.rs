//! `/settings`: language, role, the simulated date, and the workspace as a
//! file (export, import, reset) with the demo's credit checks.

mod date;
mod partner_center;
mod workspace_file;

use crate::components::page::{PageHeader, PageNotes};
use crate::domain::settings;
use crate::domain::workspace::Role;
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <PageHeader title=Signal::derive(move || t().settings_title.to_string())/>
        <PageNotes/>
        <LanguageSection/>
        <UserSection/>
        <section class="card settings-section">
            <h2 class="section-title">{move || t().settings_workspace}</h2>
            <p class="secondary">{move || t().revision_label(state.saved_revision())}</p>
            <date::SimulatedDate/>
            <workspace_file::WorkspaceActions/>
        </section>
        <partner_center::PartnerCenterImport/>
    }
}

/// The language the app speaks, named by the section's heading (one
/// "Language", not a heading and a label saying it twice).
#[component]
fn LanguageSection() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <section class="card settings-section" aria-labelledby="settings-language-title">
            <h2 class="section-title" id="settings-language-title">{move || t().language}</h2>
            <div class="field">
                <select
                    data-testid="locale-select"
                    aria-labelledby="settings-language-title"
                    aria-describedby="settings-language-help"
                    prop:value=move || state.locale.get().tag()
                    on:change=move |ev| if let Some(l) = Locale::from_tag(&event_target_value(&ev)) { state.set_locale(l) }
                >
                    {Locale::ALL.into_iter().map(|l| view! { <option value=l.tag()>{l.native_name()}</option> }).collect_view()}
                </select>
                <span class="field-help" id="settings-language-help">{move || t().settings_language_help}</span>
            </div>
        </section>
    }
}

/// The signed-in role, with what that role may do.
#[component]
fn UserSection() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let on_role = move |ev: web_sys::Event| {
        if let Some(role) = Role::parse(&event_target_value(&ev)) {
            let _ = state.run(|w, now, actor| settings::set_role(w, role, now, actor));
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="settings-user-title">
            <h2 class="section-title" id="settings-user-title">{move || t().settings_user_title}</h2>
            <label class="field">
                <span class="field-label">{move || t().settings_role}</span>
                <select data-testid="role-select" prop:value=move || state.workspace.with(|w| w.partner.user.role.as_str()) on:change=on_role>
                    {move || Role::ALL.iter().map(|&r| view! { <option value=r.as_str()>{t().role(r)}</option> }).collect_view()}
                </select>
                // What the chosen role may do, not always the billing admin's limits.
                <span class="field-help" data-testid="role-help">
                    {move || if state.can_act() { t().settings_role_help_acting } else { t().settings_role_help }}
                </span>
            </label>
        </section>
    }
}
