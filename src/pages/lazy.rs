//! Route-level code splitting: every page but `/customers` lives in its own
//! WebAssembly chunk, fetched the first time its route is shown.
//!
//! Each split point is a `#[wasm_split(.., fallible)]` function that builds
//! the page. `fallible` matters: leptos's `#[lazy]`/`#[lazy_route]` expect the
//! load to succeed and panic otherwise, and a panic aborts the whole wasm
//! module. Here a chunk that cannot be fetched is an `Err`: the page shows an
//! error with a retry, and the loader forgets the failure, so the retry (or
//! the next navigation) fetches again.
//!
//! `scripts/split-wasm.mjs` (Trunk's post-build hook) cuts the chunks out of
//! the cargo build (docs/architecture.md#page-chunks). The wasm must go through it: unsplit, it
//! imports the chunk loaders from a placeholder module and cannot start.

use crate::components::chunk::{ChunkView, Phase};
use crate::components::page::{MessageBar, Tone};
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;
use std::pin::Pin;

type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Shows `load`'s page once its chunk is there: a loading state until then,
/// an error with a retry if it cannot be fetched.
#[component]
fn LazyPage(load: fn() -> PageFuture) -> impl IntoView {
    let state = use_app();
    // Built under this route's owner: the page sees the contexts (app state,
    // customer, subscription) and is disposed with the route.
    let page = ChunkView::new();
    let attempt = Callback::new(move |()| page.load(load()));
    attempt.run(());
    move || {
        match page.phase() {
        Phase::Loading => view! {
            <div class="page-loading" aria-busy="true" data-testid="page-loading">
                <p class="visually-hidden" role="status">{state.t().loading}</p>
                <div class="skeleton skeleton-title"></div>
                {(0..4).map(|_| view! { <div class="skeleton skeleton-line"></div> }).collect_view()}
            </div>
        }
        .into_any(),
        Phase::Failed => view! {
            <div class="page-load-failed">
                <MessageBar tone=Tone::Danger>{state.t().error_page_unreachable}</MessageBar>
                <div class="button-row">
                    <button type="button" class="button-primary" data-testid="retry" on:click=move |_| attempt.run(())>
                        {state.t().retry}
                    </button>
                    // After a new deploy an open page's chunks are gone: a reload gets the new ones.
                    <button type="button" class="button-secondary" on:click=|_| { let _ = window().location().reload(); }>
                        {state.t().reload}
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Phase::Ready => page.take(),
    }
    }
}

/// One split point per page: `$chunk` names the wasm chunk (pages that are
/// usually visited together share one: fewer, larger chunks compress better
/// and cost fewer requests), `$split` the page's own split function, `$route`
/// the component the router shows.
macro_rules! split_pages {
    ($( $route:ident => $chunk:ident :: $split:ident / $preload:ident : $page:ident in $module:path ),* $(,)?) => {
        $(
            #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
            fn $split() -> Result<AnyView, SplitLoaderError> {
                use $module as page;
                Ok(view! { <page::$page/> }.into_any())
            }

            #[component]
            pub fn $route() -> impl IntoView {
                view! { <LazyPage load=|| Box::pin($split()) as PageFuture/> }
            }
        )*

        /// Fetches every page's chunk in the background, one per idle
        /// period, once the page has loaded: the first download stays small
        /// and its first paint does not share the network or the main thread
        /// with them, and a later click does not wait for the network and
        /// compiling (docs/architecture.md#page-chunks). A chunk that fails
        /// here is fetched again on its first use (the loader forgets failures).
        pub fn prefetch_pages() {
            leptos::task::spawn_local(async {
                crate::browser::loaded_and_idle().await;
                $(
                    crate::browser::idle().await;
                    let _ = $preload().await;
                )*
            });
        }
    };
}

/// The opportunities report's rows, from its own chunk: /customers counts
/// them for its summary once its list is painted, so the report opens on rows
/// already computed (the first count at partner scale takes longer than a frame).
#[wasm_split(opportunities_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn opportunity_rows(
    state: AppState,
) -> Result<crate::state::OpportunityRows, SplitLoaderError> {
    Ok(state.opportunities())
}

/// What `/customers` says of the renewals report: windows closing within 48
/// hours and subscriptions renewing within 7 days, from the report's chunk
/// once the list is painted.
#[wasm_split(renewals_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn renewal_attention(state: AppState) -> Result<Memo<(usize, usize)>, SplitLoaderError> {
    Ok(Memo::new(move |_| {
        let now = state.workspace.with(|_| state.now());
        let rows =
            state.workspace.with(|w| crate::domain::renewals::renewals(state.catalog, w, now, 7));
        crate::domain::renewals::attention(&rows, now)
    }))
}

split_pages! {
    Subscriptions => customer_pages::subscriptions_page / preload_subscriptions_page: SubscriptionsPage in super::subscriptions,
    Subscription => subscription_pages::subscription_page / preload_subscription_page: SubscriptionPage in super::subscription,
    SubscriptionUpgrade => subscription_pages::subscription_upgrade_page / preload_subscription_upgrade_page: SubscriptionUpgradePage in super::subscription,
    ManualUpgrade => subscription_pages::manual_upgrade_page / preload_manual_upgrade_page: ManualUpgradePage in super::manual_upgrade,
    Opportunities => opportunities_pages::opportunities_page / preload_opportunities_page: OpportunitiesPage in super::opportunities,
    Renewals => renewals_pages::renewals_page / preload_renewals_page: RenewalsPage in super::renewals,
    Cart => purchase_pages::cart_page / preload_cart_page: CartPage in super::cart,
    Checkout => purchase_pages::checkout_page / preload_checkout_page: CheckoutPage in super::checkout,
    Orders => order_pages::orders_page / preload_orders_page: OrdersPage in super::orders,
    Order => order_pages::order_page / preload_order_page: OrderPage in super::order,
    Settings => settings_pages::settings_page / preload_settings_page: SettingsPage in super::settings,
}
