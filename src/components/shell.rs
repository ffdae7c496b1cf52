//! The frame around every page: header (partner, cloud, cart, language, user),
//! left navigation, and the main area.

use super::confirm::{Confirm, ConfirmDialog};
use super::icon::{Icon, Svg};
use super::page::NoticeBar;
use crate::i18n::msg;
use crate::i18n::Locale;
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let state = use_app();
    // One confirmation dialog for every page (docs/rules.md#confirmation).
    let confirm = Confirm::new();
    provide_context(confirm);
    let main = focus_main_on_navigation();
    view! {
        <a class="skip-link" href="#main">{move || state.t().skip_to_content}</a>
        <TopBar/>
        <div class="frame">
            <main class="main" id="main" tabindex="-1" node_ref=main>
                <NoticeBar/>
                <UpdateReady/>
                {children()}
            </main>
            <ConfirmDialog confirm/>
        </div>
    }
}

/// After a client-side navigation, move focus to the new page's main area,
/// as a full page load would, so screen readers start at the new content.
fn focus_main_on_navigation() -> NodeRef<leptos::html::Main> {
    let location = use_location();
    let main = NodeRef::<leptos::html::Main>::new();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            if let Some(main) = main.get_untracked() {
                let _ = main.focus();
            }
        }
        path
    });
    main
}

/// The header: the brand, the menu button, the menu, and the cart.
#[component]
fn TopBar() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let cart_count = move || state.workspace.with(|w| w.cart.len() as u64);
    // Below 768px the partner, the navigation, the language and the user
    // fold into one menu under a button; wider, the same elements lay out as
    // the header's right side and the left navigation (CSS only), so each
    // exists once (one `locale-menu`, one navigation landmark).
    // The menu is open on the page it was opened on: a navigation closes it
    // without an Effect writing state.
    let location = use_location();
    let opened_on = RwSignal::new(None::<String>);
    let menu_open = Memo::new(move |_| {
        opened_on
            .with(|at| at.is_some() && location.pathname.with(|path| at.as_ref() == Some(path)))
    });
    let toggle_menu = move |_| {
        let path = location.pathname.get_untracked();
        opened_on.set((!menu_open.get_untracked()).then_some(path));
    };
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            ev.prevent_default();
            opened_on.set(None);
            if let Some(button) = menu_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <header class="topbar" on:keydown=close_on_escape>
            <A href=state.href(&links::customers()) exact=true attr:class="brand">
                <Svg icon=Icon::Apps/>
                <span>{move || t().app_name}</span>
            </A>
            <button type="button" class="topbar-menu-button" node_ref=menu_button data-testid="menu-button"
                aria-controls="app-menu" aria-expanded=move || menu_open.get().to_string()
                on:click=toggle_menu>
                {move || if menu_open.get() { view! { <Svg icon=Icon::Dismiss/> } } else { view! { <Svg icon=Icon::Menu/> } }}
                <span class="visually-hidden">{move || t().menu_button}</span>
            </button>
            <AppMenu open=menu_open/>
            <A href=state.href(&links::cart()) exact=true attr:class="topbar-button topbar-cart">
                <Svg icon=Icon::Cart/>
                <span>{move || t().cart_button(cart_count())}</span>
            </A>
        </header>
    }
}

/// The partner, the navigation, the language and the signed-in user: the
/// header's right side and the left navigation, or one menu when narrow.
#[component]
fn AppMenu(open: Memo<bool>) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let partner = move || {
        state.workspace.with(|w| format!("{} · {}", w.partner.name, t().cloud(w.partner.cloud)))
    };
    let user = move || {
        state.workspace.with(|w| {
            t().signed_in_as(msg::SignedInAs {
                name: &w.partner.user.name,
                role: t().role(w.partner.user.role),
            })
        })
    };
    let on_locale = move |ev| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            state.set_locale(locale);
        }
    };
    view! {
        <div id="app-menu" class="app-menu" class:open=move || open.get() data-testid="app-menu">
            <span class="topbar-partner" title=partner>{partner}</span>
            <SideNav/>
            <label class="topbar-locale">
                <span class="topbar-menu-label">{move || t().language}</span>
                <select data-testid="locale-menu" on:change=on_locale prop:value=move || state.locale.get().tag()>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.tag()>{l.short()} " · " {l.native_name()}</option> })
                        .collect_view()}
                </select>
            </label>
            <p class="topbar-user" data-testid="signed-in-user">
                <span class="topbar-menu-label">{move || t().signed_in_label}</span>
                <span class="topbar-user-name" title=user>{user}</span>
            </p>
        </div>
    }
}

/// The navigation landmark; Orders counts the orders still pending.
#[component]
fn SideNav() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let pending_orders =
        move || state.workspace.with(|w| w.orders.iter().filter(|o| o.status.is_pending()).count());
    view! {
        <nav class="sidenav" aria-label=move || t().nav_label>
            <NavItem path=links::customers() icon=Icon::People label=Signal::derive(move || t().nav_customers.to_string())/>
            <NavItem path=links::opportunities() icon=Icon::Trend label=Signal::derive(move || t().nav_opportunities.to_string())/>
            <NavItem path=links::renewals() icon=Icon::Calendar label=Signal::derive(move || t().nav_renewals.to_string())/>
            <NavItem
                path=links::orders()
                icon=Icon::Receipt
                label=Signal::derive(move || match pending_orders() {
                    0 => t().nav_orders.to_string(),
                    n => format!("{} ({n})", t().nav_orders),
                })
            />
            <NavItem path=links::settings() icon=Icon::Settings label=Signal::derive(move || t().nav_settings.to_string())/>
        </nav>
    }
}

#[component]
fn NavItem(path: String, icon: Icon, label: Signal<String>) -> impl IntoView {
    let state = use_app();
    // <A> marks the item current on its page and on every page under it.
    view! {
        <A href=state.href(&path) attr:class="sidenav-item" {..} title=move || label.get()>
            <Svg icon/>
            <span class="sidenav-label">{move || label.get()}</span>
        </A>
    }
}

/// "A new version is ready: Reload" once a newer deploy waits (SPEC 12):
/// quiet, never a reload under the partner's hands; the click swaps builds.
#[component]
fn UpdateReady() -> impl IntoView {
    let state = use_app();
    let ready = RwSignal::new(false);
    crate::browser::on_update_ready(move || ready.set(true));
    move || {
        ready.get().then(|| {
            view! {
                <div class="update-ready" role="status">
                    <button type="button" class="button-subtle" data-testid="update-ready"
                        on:click=|_| crate::browser::apply_update()>
                        {state.t().update_ready}
                    </button>
                </div>
            }
        })
    }
}
