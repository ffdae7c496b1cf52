//! The recovery screen (SPEC 5): a stored document that cannot be used is
//! shown, offered for download, and replaced only when the user says so.

use super::icon::{Icon, Svg};
use crate::browser::download_text;
use crate::domain::catalog::Cloud;
use crate::domain::workspace::Workspace;
use crate::i18n::Locale;
use super::problems::ProblemList;
use crate::store::problem::{ProblemKind, Problems};
use crate::store::storage::WorkspaceStorage;
use crate::store::{demo, start_fresh};
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub fn Recovery(
    locale: Locale,
    raw: String,
    problems: Problems,
    storage: StoredValue<Rc<dyn WorkspaceStorage>, LocalStorage>,
    on_fresh: Callback<Workspace>,
) -> impl IntoView {
    let t = locale.strings();
    let summary = match problems.kind() {
        ProblemKind::NotJson => t.recovery_not_json,
        ProblemKind::WrongFormat => t.recovery_wrong_format,
        ProblemKind::NewerVersion => t.recovery_newer_version,
        ProblemKind::Invalid => t.recovery_invalid,
    };
    let failure = RwSignal::new(None::<String>);
    let raw = StoredValue::new(raw);
    let download = move |_| {
        raw.with_value(|text| {
            if let Err(error) = download_text("upgrade-center-workspace-saved.json", text, "application/json") {
                failure.set(Some(format!("{error:?}")));
            }
        });
    };
    let fresh = move |_| {
        let demo = demo::demo(Cloud::Worldwide);
        let result = raw.with_value(|text| storage.with_value(|s| start_fresh(s.as_ref(), text, &demo)));
        match result {
            Ok(workspace) => on_fresh.run(workspace),
            Err(error) => failure.set(Some((t.error_storage_unavailable)(&error.to_string()))),
        }
    };
    view! {
        <div class="boot">
            <header class="topbar"><span class="brand"><Svg icon=Icon::Apps/>{t.app_name}</span></header>
            <main class="boot-main" id="main">
                <h1 class="page-title">{t.recovery_title}</h1>
                <ProblemList problems locale intro=summary.to_string() more=t.problems_more.to_string()/>
                <p>{t.recovery_what_to_do}</p>
                {move || failure.get().map(|f| view! { <p class="field-error" data-testid="error">{f}</p> })}
                <div class="button-row">
                    <button class="button-primary" data-testid="recovery-download" on:click=download>
                        {t.recovery_download}
                    </button>
                    <button class="button-secondary" data-testid="recovery-start-fresh" on:click=fresh>
                        {t.recovery_start_fresh}
                    </button>
                </div>
            </main>
        </div>
    }
}
