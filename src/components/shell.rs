//! The frame around every page: header (partner, cloud, cart, language, user),
//! left navigation, and the main area.

use super::icon::{Icon, Svg};
use super::page::NoticeBar;
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let partner = move || state.workspace.with(|w| format!("{} · {}", w.partner.name, t().cloud(w.partner.cloud)));
    let user = move || state.workspace.with(|w| (t().signed_in_as)(&w.partner.user.name, t().role(w.partner.user.role)));
    let cart_count = move || state.workspace.with(|w| w.cart.len().to_string());
    let pending_orders = move || state.workspace.with(|w| w.orders.iter().filter(|o| o.status.is_pending()).count());
    // After a client-side navigation, move focus to the new page's main area,
    // as a full page load would, so screen readers start at the new content.
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
    let on_locale = move |ev| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            state.set_locale(locale);
        }
    };
    view! {
        <a class="skip-link" href="#main">{move || t().skip_to_content}</a>
        <header class="topbar">
            <a class="brand" href=state.href("/customers")>
                <Svg icon=Icon::Apps/>
                <span>{move || t().app_name}</span>
            </a>
            <span class="topbar-partner">{partner}</span>
            <span class="topbar-spacer"></span>
            <a class="topbar-button" href=state.href("/cart")>
                <Svg icon=Icon::Cart/>
                <span>{move || (t().cart_button)(&cart_count())}</span>
            </a>
            <label class="topbar-locale">
                <span class="visually-hidden">{move || t().language}</span>
                <select data-testid="locale-menu" on:change=on_locale prop:value=move || state.locale.get().tag()>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.tag()>{l.short()} " · " {l.native_name()}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="topbar-user">{user}</span>
        </header>
        <div class="frame">
            <nav class="sidenav" aria-label=move || t().nav_label>
                <NavItem path="/customers" icon=Icon::People label=Signal::derive(move || t().nav_customers.to_string())/>
                <NavItem
                    path="/orders"
                    icon=Icon::Receipt
                    label=Signal::derive(move || match pending_orders() {
                        0 => t().nav_orders.to_string(),
                        n => format!("{} ({n})", t().nav_orders),
                    })
                />
                <NavItem path="/settings" icon=Icon::Settings label=Signal::derive(move || t().nav_settings.to_string())/>
            </nav>
            <main class="main" id="main" tabindex="-1" node_ref=main>
                <NoticeBar/>
                {children()}
            </main>
        </div>
    }
}

#[component]
fn NavItem(path: &'static str, icon: Icon, label: Signal<String>) -> impl IntoView {
    let state = use_app();
    let location = use_location();
    let href = state.href(path);
    let prefix = href.clone();
    let current = move || {
        let here = location.pathname.get();
        (here == prefix || here.starts_with(&format!("{prefix}/"))).then_some("page")
    };
    view! {
        <a class="sidenav-item" href=href aria-current=current title=move || label.get()>
            <Svg icon/>
            <span class="sidenav-label">{move || label.get()}</span>
        </a>
    }
}
