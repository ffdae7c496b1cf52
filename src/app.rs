//! Start-up: fetch and validate the catalog, open storage, load the workspace
//! (or show the recovery screen), then route.

use crate::components::recovery::{LazyRecovery, Unreadable};
use crate::components::screens::{CatalogError, CatalogFailure, LoadingFrame};
use crate::components::shell::Shell;
use crate::domain::catalog::Catalog;
use crate::domain::catalog::Cloud;
use crate::domain::workspace::Workspace;
use crate::pages;
use crate::state::{initial_locale, AppState, Notice};
use crate::store::local::LocalStorage;
use crate::store::problem::Problems;
use crate::store::storage::{MemoryStorage, StorageError, WorkspaceStorage, WORKSPACE_KEY};
use crate::store::{self, Loaded};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

async fn fetch_catalog() -> Result<&'static Catalog, CatalogFailure> {
    let text =
        crate::browser::fetch_text("catalog.json").await.map_err(CatalogFailure::Unreachable)?;
    let catalog = Catalog::from_json(&text).map_err(|e| CatalogFailure::Invalid(e.to_string()))?;
    // Loaded once for the life of the page.
    Ok(Box::leak(Box::new(catalog)))
}

/// `<html lang>` follows the chosen language (screen readers, hyphenation).
fn set_document_language(locale: crate::i18n::Locale) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", locale.tag());
    }
}

/// The path the app is served under, without the trailing slash.
fn base_path() -> &'static str {
    let path = document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    Box::leak(path.trim_end_matches('/').to_string().into_boxed_str())
}

#[component]
fn App() -> impl IntoView {
    let catalog = LocalResource::new(fetch_catalog);
    let locale = initial_locale();
    // The partner's language is fetched beside the catalog (English is built in).
    let language = LocalResource::new(move || crate::i18n::fetch::load(locale));
    // A first visit starts on the demo, fetched beside the catalog; a
    // returning partner's start never waits for it.
    let first_visit =
        !matches!(LocalStorage::open().and_then(|s| s.read_head(WORKSPACE_KEY, 1)), Ok(Some(_)));
    let demo = LocalResource::new(move || async move {
        match first_visit {
            true => Some(store::demo::fetch(Cloud::Worldwide).await),
            false => None,
        }
    });
    set_document_language(locale);
    move || match (catalog.get(), language.get(), demo.get()) {
        (None, ..) | (_, None, _) | (.., None) => view! { <LoadingFrame locale/> }.into_any(),
        (Some(Err(failure)), ..) => view! { <CatalogError locale failure/> }.into_any(),
        // A language file that cannot be read leaves the page in English.
        (Some(Ok(catalog)), Some(_), Some(demo)) => view! { <Boot catalog demo/> }.into_any(),
    }
}

/// What the app shows: made once at start-up (or after a recovery), so the
/// workspace is not boxed to even the variants' sizes.
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
enum Phase {
    Recovery {
        raw: String,
        problems: Option<Problems>,
    },
    Ready(Workspace),
    /// The demo a first visit starts on could not be fetched.
    Failed(String),
}

#[component]
fn Boot(catalog: &'static Catalog, demo: Option<Result<Workspace, String>>) -> impl IntoView {
    let locale = initial_locale();
    // Without usable storage the app still runs, in memory, and says so.
    let mut unavailable = None;
    let storage: Rc<dyn WorkspaceStorage> = match LocalStorage::open() {
        Ok(storage) => Rc::new(storage),
        Err(error) => {
            unavailable = Some(error.to_string());
            Rc::new(MemoryStorage::default())
        }
    };
    // Nothing stored: the demo App fetched (none if something was stored
    // when it looked, and is gone now).
    let start_on_demo = move || match demo {
        Some(Ok(workspace)) => Phase::Ready(workspace),
        Some(Err(why)) => Phase::Failed(why),
        None => Phase::Failed(
            StorageError::Unavailable("the stored workspace is gone".into()).to_string(),
        ),
    };
    let first = match store::load(storage.as_ref(), catalog) {
        Ok(Loaded::Stored(workspace)) => Phase::Ready(workspace),
        Ok(Loaded::Nothing) => start_on_demo(),
        Ok(Loaded::Unreadable { raw, problems }) => Phase::Recovery { raw, problems },
        Err(error) => {
            unavailable = Some(error.to_string());
            start_on_demo()
        }
    };
    let phase = RwSignal::new(first);
    let storage = StoredValue::new_local(storage);

    move || match phase.get() {
        Phase::Failed(why) => {
            view! { <CatalogError locale failure=CatalogFailure::DemoUnreachable(why)/> }.into_any()
        }
        Phase::Recovery { raw, problems } => {
            let on_fresh = Callback::new(move |workspace| phase.set(Phase::Ready(workspace)));
            view! { <LazyRecovery unreadable=Unreadable { locale, raw, problems, storage, on_fresh }/> }.into_any()
        }
        Phase::Ready(workspace) => {
            let state = AppState::new(catalog, workspace, storage.get_value(), base_path());
            if let Some(why) = unavailable.clone() {
                state
                    .notice
                    .set(Some(Notice::Error(locale.strings().error_storage_unavailable(&why))));
            }
            provide_context(state);
            state.prepare_saving();
            // Another tab saved: show its version here too.
            let listener = window_event_listener(leptos::ev::storage, move |event| {
                if event.key().as_deref() == Some(WORKSPACE_KEY) {
                    state.follow_other_tab();
                }
            });
            // Leaving, closing or hiding the page writes what is not yet saved.
            let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| state.save());
            let leaving = window_event_listener(leptos::ev::pagehide, move |_| state.save());
            on_cleanup(move || {
                listener.remove();
                hidden.remove();
                leaving.remove();
            });
            view! { <Routed/> }.into_any()
        }
    }
}

/// Runs the simulated clock: ticks while an order or a subscription has work
/// to do, and moves orders along (credit checks that are due, upgrades at
/// renewal whose day has come, provisioning that is done), then renews or
/// expires the subscriptions whose period has ended (`domain::renewal`):
/// whenever the date moves, the simulated one or the real one, and at start.
fn run_order_clock(state: AppState) {
    let tick = move || {
        let now = state.now();
        if !state.workspace.with_untracked(|w| crate::domain::renewal::clock_has_work(w, now)) {
            return;
        }
        state.clock.set(now);
        // A chunk that fails to load is fetched again on the next tick.
        leptos::task::spawn_local(async move {
            let _ = advance_orders(state, now).await;
        });
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(250)) {
        on_cleanup(move || handle.clear());
    }
}

/// The clock's rules (credit checks, provisioning, completion, upgrades at
/// renewal, renewals and expiries) are a wasm chunk of their own, fetched
/// when an order or a subscription first has work: most starts have none.
#[leptos::wasm_split::wasm_split(order_clock, wasm_split_path = ::leptos::wasm_split, fallible)]
fn advance_orders(
    state: AppState,
    now: crate::domain::clock::Timestamp,
) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    let actor = state.actor();
    state.tick(|w| crate::domain::renewal::advance_clock(state.catalog, w, now, &actor));
    Ok(())
}

#[component]
fn Routed() -> impl IntoView {
    let state = crate::state::use_app();
    state.clock.set(state.now());
    run_order_clock(state);
    Effect::new(move || set_document_language(state.locale.get()));
    // The other pages' chunks follow once the page has loaded and is idle.
    pages::lazy::prefetch_pages();
    view! {
        <Router base=state.base>
            <Shell>
                <Routes fallback=pages::not_found::NotFound>
                    // Every page but /customers is a chunk of its own (pages::lazy).
                    // Redirect resolves against the router's base itself.
                    <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                    <Route path=path!("/customers") view=pages::customers::CustomersPage/>
                    // A customer's pages share the customer, a subscription's pages
                    // share the subscription (pages::CustomerRoute, SubscriptionRoute).
                    <ParentRoute path=path!("/customers/:customer") view=pages::CustomerRoute>
                        <Route path=path!("/subscriptions") view=pages::lazy::Subscriptions/>
                        <ParentRoute path=path!("/subscriptions/:subscription") view=pages::SubscriptionRoute>
                            <Route path=path!("") view=pages::lazy::Subscription/>
                            <Route path=path!("/upgrade") view=pages::lazy::SubscriptionUpgrade/>
                            <Route path=path!("/manual-upgrade") view=pages::lazy::ManualUpgrade/>
                        </ParentRoute>
                    </ParentRoute>
                    <Route path=path!("/opportunities") view=pages::lazy::Opportunities/>
                    <Route path=path!("/renewals") view=pages::lazy::Renewals/>
                    <Route path=path!("/cart") view=pages::lazy::Cart/>
                    <Route path=path!("/checkout") view=pages::lazy::Checkout/>
                    <Route path=path!("/orders") view=pages::lazy::Orders/>
                    <Route path=path!("/orders/:order") view=pages::lazy::Order/>
                    <Route path=path!("/settings") view=pages::lazy::Settings/>
                </Routes>
            </Shell>
        </Router>
    }
}
