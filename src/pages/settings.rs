//! `/settings`: language, role, simulated date, export, import and reset.

use crate::browser::download_text;
use crate::components::confirm::{use_confirm, Question};
use crate::components::page::{PageHeader, PageNotes};
use crate::components::problems::ProblemList;
use crate::domain::catalog::Cloud;
use crate::domain::date::Date;
use crate::domain::settings;
use crate::domain::workspace::Role;
use crate::i18n::Locale;
use crate::state::{use_app, Notice};
use crate::store::problem::Problems;
use crate::store::{demo, document};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let date_error = RwSignal::new(false);
    // Why the last import was refused, every problem listed, until the next one.
    let import_problems = RwSignal::new(None::<Problems>);
    let confirm = use_confirm();

    let on_role = move |ev: web_sys::Event| {
        if let Some(role) = Role::parse(&event_target_value(&ev)) {
            let _ = state.run(|w, now, actor| settings::set_role(w, role, now, actor));
        }
    };
    let set_today = move |today: Option<Date>| {
        let _ = state.run(|w, now, actor| settings::set_simulated_date(w, today, now, actor));
    };
    // A date input changes its value at every complete date typed segment by
    // segment (12/21/2026 on the way to 12/02/2026): the date moves only when
    // the partner settles on it, so nothing runs on a day they did not mean.
    let typed_date = RwSignal::new(None::<String>);
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
    let export = move |_| {
        // A change still waiting for its write (after the next frame) is
        // written first, so the file is exactly what storage holds.
        state.save();
        let text = state.workspace.with_untracked(document::to_json);
        if let Err(error) =
            download_text("upgrade-center-workspace.json", &text, "application/json")
        {
            state.notice.set(Some(Notice::Error((state.t().error_download)(&error))));
        }
    };
    let import = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let t = state.locale.get_untracked().strings();
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let Some(text) = text else {
                return state.notice.set(Some(Notice::Error((t.import_failed)(&file.name()))));
            };
            match document::parse(&text, state.catalog) {
                Ok(mut workspace) => {
                    import_problems.set(None);
                    let name = file.name();
                    settings::record_import(&mut workspace, &name, state.now(), &state.actor());
                    let workspace = StoredValue::new(workspace);
                    let apply = Callback::new(move |()| {
                        if workspace.with_value(|w| state.replace(w)) {
                            state.notice.set(Some(Notice::Success((state.t().import_done)(&name))));
                        }
                    });
                    // Over a workspace with customers in it, ask first.
                    if state.workspace.with_untracked(|w| w.customers.is_empty()) {
                        apply.run(());
                    } else {
                        let t = state.t();
                        confirm.ask(Question {
                            title: (t.confirm_import_title)(&file.name()),
                            lines: vec![t.confirm_import_body.to_string()],
                            accept: t.confirm_import_accept.into(),
                            on_accept: apply,
                        });
                    }
                }
                Err(problems) => {
                    state.notice.set(None);
                    import_problems.set(Some(problems));
                }
            }
        });
    };
    let complete_checks = move |_| {
        let outcome = state.run(crate::domain::orders::approve_credit_checks);
        let t = state.t();
        state.notice.set(Some(match outcome {
            Ok(approved) => Notice::Success((t.credit_checks_done)(&approved.to_string())),
            Err(_) => Notice::Error(t.read_only_action.into()),
        }));
    };
    let reset = move |cloud: Cloud| {
        let t = state.t();
        confirm.ask(Question {
            title: t.confirm_reset_title.into(),
            lines: vec![t.confirm_reset_body.to_string()],
            accept: t.confirm_reset_accept.into(),
            // Nothing changes until the demo is fetched.
            on_accept: Callback::new(move |()| {
                leptos::task::spawn_local(async move {
                    let mut fresh = match demo::fetch(cloud).await {
                        Ok(fresh) => fresh,
                        Err(why) => {
                            return state.notice.set(Some(Notice::Error((state
                                .t()
                                .error_demo_unreachable)(
                                &why
                            ))))
                        }
                    };
                    settings::record_reset(&mut fresh, cloud, state.now(), &state.actor());
                    if state.replace(&fresh) {
                        state.notice.set(Some(Notice::Success(state.t().reset_done.into())));
                    }
                });
            }),
        });
    };

    view! {
        <PageHeader title=Signal::derive(move || t().settings_title.to_string())/>
        <PageNotes/>
        <section class="card settings-section" aria-labelledby="settings-language-title">
            <h2 class="section-title" id="settings-language-title">{move || t().language}</h2>
            // The heading names the select: one "Language", not two.
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
        <section class="card settings-section">
            <h2 class="section-title">{move || t().settings_workspace}</h2>
            <p class="secondary">{move || (t().revision_label)(&state.saved_revision().to_string())}</p>
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
                    <button class="button-secondary" on:click=move |_| {
                        typed_date.set(None);
                        date_error.set(false);
                        set_today(None);
                    }>
                        {move || t().settings_today_real}
                    </button>
                </span>
                <span class="field-help">{move || t().settings_today_help}</span>
                <span class="field-help" data-testid="effective-date">
                    {move || (t().settings_today_effective)(&crate::i18n::format::date(state.locale.get(), state.today()))}
                </span>
                <Show when=move || typed_date.with(Option::is_some) && !date_error.get()>
                    <span class="field-help" data-testid="simulated-date-pending">{move || t().settings_today_pending}</span>
                </Show>
                <Show when=move || date_error.get()>
                    <span class="field-error" data-testid="error">{move || t().settings_today_invalid}</span>
                </Show>
            </label>
            <div class="settings-actions">
                <div>
                    <button class="button-secondary" data-testid="export-workspace" on:click=export>{move || t().export_workspace}</button>
                    <p class="field-help">{move || t().export_help}</p>
                </div>
                <div>
                    <label class="button-secondary file-button">
                        <span>{move || t().import_workspace}</span>
                        <input type="file" accept="application/json,.json" data-testid="import-file" on:change=import/>
                    </label>
                    <p class="field-help">{move || t().import_help}</p>
                    {move || import_problems.get().map(|problems| view! {
                        <ProblemList problems locale=state.locale intro=Signal::derive(move || t().import_not_imported.to_string())
                            more=Signal::derive(move || t().problems_more.to_string())/>
                    })}
                </div>
                <div>
                    <button class="button-secondary" data-testid="complete-credit-checks" on:click=complete_checks
                        title=move || state.read_only_reason() disabled=move || !state.can_act()>
                        {move || t().complete_credit_checks}
                    </button>
                    <p class="field-help">{move || t().complete_credit_checks_help}</p>
                </div>
                <div>
                    <span class="button-row">
                        <button class="button-secondary" data-testid="reset-demo" on:click=move |_| reset(Cloud::Worldwide)>{move || t().reset_demo}</button>
                        <button class="button-secondary" data-testid="reset-china-demo" on:click=move |_| reset(Cloud::China)>{move || t().reset_china_demo}</button>
                    </span>
                    <p class="field-help">{move || t().reset_help}</p>
                </div>
            </div>
        </section>
    }
}
