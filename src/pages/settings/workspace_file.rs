//! The workspace as a file: export it, import one (checked, and confirmed
//! over a workspace with customers), reset to a demo; and the demo's way to
//! finish pending credit checks.

use crate::browser::download_text;
use crate::components::confirm::{use_confirm, Confirm, Question};
use crate::components::problems::ProblemList;
use crate::domain::catalog::Cloud;
use crate::domain::settings;
use crate::domain::workspace::Workspace;
use crate::state::{use_app, AppState, Notice};
use crate::store::problem::Problems;
use crate::store::{demo, document};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub(super) fn WorkspaceActions() -> impl IntoView {
    view! {
        <div class="settings-actions">
            <ExportAction/>
            <ImportAction/>
            <CreditChecksAction/>
            <ResetAction/>
        </div>
    }
}

#[component]
fn ExportAction() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let export = move |_| {
        // A change still waiting for its write (after the next frame) is
        // written first, so the file is exactly what storage holds.
        state.save();
        let text = state.workspace.with_untracked(document::to_json);
        if let Err(error) =
            download_text("upgrade-center-workspace.json", &text, "application/json")
        {
            state.notice.set(Some(Notice::Error(state.t().error_download(&error))));
        }
    };
    view! {
        <div>
            <button class="button-secondary" data-testid="export-workspace" on:click=export>{move || t().export_workspace}</button>
            <p class="field-help">{move || t().export_help}</p>
        </div>
    }
}

#[component]
fn ImportAction() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    // Why the last import was refused, every problem listed, until the next one.
    let problems = RwSignal::new(None::<Problems>);
    let confirm = use_confirm();
    let import = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let Some(text) = text else {
                let t = state.t();
                return state.notice.set(Some(Notice::Error(t.import_failed(&file.name()))));
            };
            match document::parse(&text, state.catalog) {
                Ok(workspace) => {
                    problems.set(None);
                    offer_import(state, confirm, workspace, file.name());
                }
                Err(found) => {
                    state.notice.set(None);
                    problems.set(Some(found));
                }
            }
        });
    };
    view! {
        <div>
            <label class="button-secondary file-button">
                <span>{move || t().import_workspace}</span>
                <input type="file" accept="application/json,.json" data-testid="import-file" on:change=import/>
            </label>
            <p class="field-help">{move || t().import_help}</p>
            {move || problems.get().map(|problems| view! {
                <ProblemList problems locale=state.locale intro=Signal::derive(move || t().import_not_imported.to_string())
                    more=Signal::derive(move || t().problems_more.to_string())/>
            })}
        </div>
    }
}

/// Replaces the workspace with an imported one that passed its checks: at
/// once over an empty workspace, after a confirmation over one with customers.
fn offer_import(state: AppState, confirm: Confirm, mut workspace: Workspace, name: String) {
    settings::record_import(&mut workspace, &name, state.now(), &state.actor());
    let workspace = StoredValue::new(workspace);
    let title = name.clone();
    let apply = Callback::new(move |()| {
        if workspace.with_value(|w| state.replace(w)) {
            state.notice.set(Some(Notice::Success(state.t().import_done(&name))));
        }
    });
    if state.workspace.with_untracked(|w| w.customers.is_empty()) {
        return apply.run(());
    }
    let t = state.t();
    confirm.ask(Question {
        title: t.confirm_import_title(&title),
        lines: vec![t.confirm_import_body.to_string()],
        accept: t.confirm_import_accept.into(),
        on_accept: apply,
    });
}

#[component]
fn CreditChecksAction() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let complete_checks = move |_| {
        let outcome = state.run(crate::domain::orders::approve_credit_checks);
        let t = state.t();
        state.notice.set(Some(match outcome {
            Ok(approved) => Notice::Success(t.credit_checks_done(approved as u64)),
            Err(_) => Notice::Error(t.read_only_action.into()),
        }));
    };
    view! {
        <div>
            <button class="button-secondary" data-testid="complete-credit-checks" on:click=complete_checks
                title=move || state.read_only_reason() disabled=move || !state.can_act()>
                {move || t().complete_credit_checks}
            </button>
            <p class="field-help">{move || t().complete_credit_checks_help}</p>
        </div>
    }
}

#[component]
fn ResetAction() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let confirm = use_confirm();
    let reset = move |cloud: Cloud| {
        let t = state.t();
        confirm.ask(Question {
            title: t.confirm_reset_title.into(),
            lines: vec![t.confirm_reset_body.to_string()],
            accept: t.confirm_reset_accept.into(),
            // Nothing changes until the demo is fetched.
            on_accept: Callback::new(move |()| {
                leptos::task::spawn_local(reset_to_demo(state, cloud))
            }),
        });
    };
    view! {
        <div>
            <span class="button-row">
                <button class="button-secondary" data-testid="reset-demo" on:click=move |_| reset(Cloud::Worldwide)>{move || t().reset_demo}</button>
                <button class="button-secondary" data-testid="reset-china-demo" on:click=move |_| reset(Cloud::China)>{move || t().reset_china_demo}</button>
            </span>
            <p class="field-help">{move || t().reset_help}</p>
        </div>
    }
}

/// Fetches the demo of `cloud` and puts it in place of the workspace; a
/// demo that cannot be fetched changes nothing and says why.
async fn reset_to_demo(state: AppState, cloud: Cloud) {
    let mut fresh = match demo::fetch(cloud).await {
        Ok(fresh) => fresh,
        Err(why) => {
            return state.notice.set(Some(Notice::Error(state.t().error_demo_unreachable(&why))))
        }
    };
    settings::record_reset(&mut fresh, cloud, state.now(), &state.actor());
    if state.replace(&fresh) {
        state.notice.set(Some(Notice::Success(state.t().reset_done.into())));
    }
}
