//! Previous, the range of rows shown out of all that match, and Next: the
//! pages of a report (opportunities, renewals), whose DOM holds one page of
//! rows, never every row of a partner.

use crate::i18n::msg;
use crate::state::use_app;
use leptos::prelude::*;

/// `page` (from 0) of `total` rows, `page_size` a page.
#[component]
pub fn Pager(
    page: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    page_size: usize,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    view! {
        <nav class="pager" aria-label=move || t().opp_pages_label>
            <button class="button-secondary" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                {move || t().opp_previous}
            </button>
            <span class="secondary" aria-live="polite">
                {move || {
                    let total = total.get();
                    let from = (page.get() * page_size + 1).min(total);
                    let to = ((page.get() + 1) * page_size).min(total);
                    t().opp_range(msg::OppRange { from: from as u64, to: to as u64, total: total as u64 })
                }}
            </span>
            <button class="button-secondary" disabled=move || { (page.get() + 1) * page_size >= total.get() } on:click=move |_| page.update(|p| *p += 1)>
                {move || t().opp_next}
            </button>
        </nav>
    }
}
