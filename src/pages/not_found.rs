use crate::components::page::{MessageBar, PageHeader, Tone};
use crate::links;
use crate::state::use_app;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Unknown addresses. The app's own root under a sub-path ("/x/") does not
/// match the "/" route, so it is redirected here as "/" would be.
#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let at_root = move || use_location().pathname.with(|p| p.trim_end_matches('/') == state.base);
    move || {
        if at_root() {
            return view! { <Redirect path="/customers"/> }.into_any();
        }
        view! {
            <PageHeader title=Signal::derive(move || t().not_found_title.to_string())/>
            <MessageBar tone=Tone::Danger>
                <span>{move || t().not_found_body}</span>
                " "
                <A href=state.href(&links::customers())>{move || t().back_to_customers}</A>
            </MessageBar>
        }
        .into_any()
    }
}
