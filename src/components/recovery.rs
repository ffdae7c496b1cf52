//! The recovery screen (docs/architecture.md#recovery): a stored document that cannot be used is
//! shown, offered for download, and replaced only when the user says so.

use super::chunk::{ChunkView, Phase};
use super::icon::{Icon, Svg};
use super::problems::ProblemList;
use super::screens::{CatalogError, CatalogFailure, LoadingFrame};
use crate::browser::download_text;
use crate::domain::catalog::Cloud;
use crate::domain::workspace::Workspace;
use crate::i18n::Locale;
use crate::store::problem::{ProblemKind, Problems};
use crate::store::storage::WorkspaceStorage;
use crate::store::{demo, start_fresh};
use leptos::prelude::*;
use std::rc::Rc;

/// What the recovery screen works on: the unreadable text, what is wrong with
/// it, where it is kept, and what to do once the partner starts fresh.
pub struct Unreadable {
    pub locale: Locale,
    pub raw: String,
    pub problems: Option<Problems>,
    pub storage: StoredValue<Rc<dyn WorkspaceStorage>, LocalStorage>,
    pub on_fresh: Callback<Workspace>,
}

/// The recovery screen is a wasm chunk of its own: only a stored document
/// that cannot be read needs it. A loading frame while it comes; if it
/// cannot be fetched, an error with Reload (nothing is written either way).
#[component]
pub fn LazyRecovery(unreadable: Unreadable) -> impl IntoView {
    let locale = unreadable.locale;
    let screen = ChunkView::new();
    screen.load(recovery_screen(unreadable));
    move || match screen.phase() {
        Phase::Ready => screen.take(),
        Phase::Failed => {
            view! { <CatalogError locale failure=CatalogFailure::RecoveryUnreachable/> }.into_any()
        }
        Phase::Loading => view! { <LoadingFrame locale/> }.into_any(),
    }
}

#[leptos::wasm_split::wasm_split(recovery, wasm_split_path = ::leptos::wasm_split, fallible)]
fn recovery_screen(
    unreadable: Unreadable,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(view! { <Recovery unreadable/> }.into_any())
}

#[component]
fn Recovery(unreadable: Unreadable) -> impl IntoView {
    let Unreadable { locale, raw, problems, storage, on_fresh } = unreadable;
    let problems = problems.unwrap_or_else(|| crate::store::document::diagnose(&raw));
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
            if let Err(error) =
                download_text("upgrade-center-workspace-saved.json", text, "application/json")
            {
                failure.set(Some(t.error_download(&error)));
            }
        });
    };
    // The demo is fetched first; nothing is written until it is here.
    let fresh = move |_| {
        leptos::task::spawn_local(async move {
            let demo = match demo::fetch(Cloud::Worldwide).await {
                Ok(demo) => demo,
                Err(why) => return failure.set(Some(t.error_demo_unreachable(&why))),
            };
            let result =
                raw.with_value(|text| storage.with_value(|s| start_fresh(s.as_ref(), text, &demo)));
            match result {
                Ok(workspace) => on_fresh.run(workspace),
                Err(error) => failure.set(Some(t.error_storage_unavailable(&error.to_string()))),
            }
        });
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
