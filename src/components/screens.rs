//! Whole-page screens shown before the workspace is ready: loading, and the
//! catalog error. They get the locale directly; there is no app state yet.

use super::icon::{Icon, Svg};
use crate::i18n::Locale;
use leptos::prelude::*;

/// Why the catalog could not be used.
#[derive(Clone, Debug)]
pub enum CatalogFailure {
    Unreachable(String),
    Invalid(String),
    /// A first visit starts on the demo, and it could not be fetched.
    DemoUnreachable(String),
    /// The recovery screen's chunk could not be fetched.
    RecoveryUnreachable,
}

#[component]
pub fn LoadingFrame(locale: Locale) -> impl IntoView {
    let t = locale.strings();
    view! {
        <div class="boot" aria-busy="true">
            <header class="topbar"><span class="brand"><Svg icon=Icon::Apps/>{t.app_name}</span></header>
            <main class="boot-main">
                <p class="visually-hidden" role="status">{t.loading}</p>
                <div class="skeleton skeleton-title"></div>
                {(0..6).map(|_| view! { <div class="skeleton skeleton-line"></div> }).collect_view()}
            </main>
        </div>
    }
}

#[component]
pub fn CatalogError(locale: Locale, failure: CatalogFailure) -> impl IntoView {
    let t = locale.strings();
    let message = match &failure {
        CatalogFailure::Invalid(problem) => t.error_catalog_body(problem),
        CatalogFailure::Unreachable(problem) => t.error_catalog_unreachable(problem),
        CatalogFailure::DemoUnreachable(problem) => t.error_demo_unreachable(problem),
        CatalogFailure::RecoveryUnreachable => t.error_page_unreachable.to_string(),
    };
    let title = match failure {
        CatalogFailure::DemoUnreachable(_) | CatalogFailure::RecoveryUnreachable => {
            t.error_start_title
        }
        _ => t.error_catalog_title,
    };
    view! {
        <div class="boot">
            <header class="topbar"><span class="brand"><Svg icon=Icon::Apps/>{t.app_name}</span></header>
            <main class="boot-main" id="main">
                <h1 class="page-title">{title}</h1>
                <div class="message-bar message-danger" role="alert" data-testid="error">
                    <Svg icon=Icon::Error/>
                    <div class="message-body">{message}</div>
                </div>
                <button class="button-primary" on:click=|_| { let _ = window().location().reload(); }>{t.reload}</button>
            </main>
        </div>
    }
}
