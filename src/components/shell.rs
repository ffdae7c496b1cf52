//! The frame around every page: header (partner, cloud, cart, language, user),
//! left navigation, and the main area.

use super::icon::{Icon, Svg};
use super::page::NoticeBar;
use crate::i18n::Locale;
use crate::state::use_app;
use super::confirm::{Confirm, ConfirmDialog};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::components::A;
use crate::links;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    // One confirmation dialog for every page (SPEC 8.3).
    let confirm = Confirm::new();
    provide_context(confirm);
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
            <A href=state.href(&links::customers()) exact=true attr:class="brand">
                <Svg icon=Icon::Apps/>
                <span>{move || t().app_name}</span>
            </A>
            <span class="topbar-partner">{partner}</span>
            <span class="topbar-spacer"></span>
            <A href=state.href(&links::cart()) exact=true attr:class="topbar-button">
                <Svg icon=Icon::Cart/>
                <span>{move || (t().cart_button)(&cart_count())}</span>
            </A>
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
                <NavItem path=links::customers() icon=Icon::People label=Signal::derive(move || t().nav_customers.to_string())/>
                <NavItem path=links::opportunities() icon=Icon::Trend label=Signal::derive(move || t().nav_opportunities.to_string())/>
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
            <main class="main" id="main" tabindex="-1" node_ref=main>
                <NoticeBar/>
                {children()}
            </main>
            <ConfirmDialog confirm/>
        </div>
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
