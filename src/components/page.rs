//! The parts every page is made of: breadcrumb, title with command bar, and
//! message bars for page-level notices.

use super::icon::{Icon, Svg};
use crate::state::{use_app, Notice};
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, PartialEq)]
pub struct Crumb {
    pub label: String,
    /// Route path (without base); `None` for the current page.
    pub path: Option<String>,
}

impl Crumb {
    pub fn link(label: impl Into<String>, path: impl Into<String>) -> Crumb {
        Crumb { label: label.into(), path: Some(path.into()) }
    }
    pub fn here(label: impl Into<String>) -> Crumb {
        Crumb { label: label.into(), path: None }
    }
}

#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] crumbs: Signal<Vec<Crumb>>,
    #[prop(into, optional)] subtitle: Option<Signal<String>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let state = use_app();
    Effect::new(move || document().set_title(&format!("{} · {}", title.get(), state.t().app_name)));
    view! {
        <Show when=move || !crumbs.with(Vec::is_empty)>
            <nav class="breadcrumb" aria-label=move || state.t().breadcrumb_label>
                <ol>
                    {move || {
                        crumbs
                            .get()
                            .into_iter()
                            .map(|crumb| match crumb.path {
                                Some(path) => view! { <li><A href=state.href(&path) exact=true>{crumb.label}</A></li> }.into_any(),
                                None => view! { <li aria-current="page">{crumb.label}</li> }.into_any(),
                            })
                            .collect_view()
                    }}
                </ol>
            </nav>
        </Show>
        <div class="page-header">
            <div class="page-heading">
                <h1 class="page-title">{move || title.get()}</h1>
                {subtitle.map(|s| view! { <p class="page-subtitle secondary">{move || s.get()}</p> })}
            </div>
            <div class="command-bar">{children.map(|c| c())}</div>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Danger,
}

/// A bar of one tone. The tone may change while the bar stays (a count that
/// turns into a warning): its text is then updated in place, not drawn anew.
#[component]
pub fn MessageBar(#[prop(into)] tone: Signal<Tone>, children: Children) -> impl IntoView {
    let look = move || match tone.get() {
        Tone::Info => ("message-bar message-info", Icon::Info, "status"),
        Tone::Success => ("message-bar message-success", Icon::Success, "status"),
        Tone::Warning => ("message-bar message-warning", Icon::Warning, "status"),
        Tone::Danger => ("message-bar message-danger", Icon::Error, "alert"),
    };
    view! {
        <div
            class=move || look().0
            role=move || look().2
            data-testid=move || (tone.get() == Tone::Danger).then_some("error")
        >
            {move || view! { <Svg icon=look().1/> }}
            <div class="message-body">{children()}</div>
        </div>
    }
}

/// Notes that apply to every page: the read-only role and the 21Vianet cloud.
#[component]
pub fn PageNotes() -> impl IntoView {
    let state = use_app();
    let china =
        move || state.workspace.with(|w| w.partner.cloud == crate::domain::catalog::Cloud::China);
    view! {
        <Show when=move || !state.can_act()>
            <MessageBar tone=Tone::Warning>{move || state.t().read_only_note}</MessageBar>
        </Show>
        <Show when=china>
            <MessageBar tone=Tone::Info>{move || state.t().china_note}</MessageBar>
        </Show>
    }
}

/// The result of the last save, import or reset, until dismissed.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_app();
    move || {
        state.notice.get().map(|notice| {
            let (tone, text) = match notice {
                Notice::Error(text) => (Tone::Danger, text),
                Notice::Success(text) => (Tone::Success, text),
            };
            view! {
                <MessageBar tone>
                    <span>{text}</span>
                    <button class="button-subtle message-dismiss" on:click=move |_| state.notice.set(None)>
                        {move || state.t().dismiss}
                    </button>
                </MessageBar>
            }
        })
    }
}

/// The message a [`ShowMore`] says "Showing {shown} of {total} …" with.
pub type ShownSentence = fn(&crate::i18n::Strings, Shown) -> String;

/// How many rows a table shows of how many.
pub type Shown = crate::i18n::msg::CustomersShown;

/// Under a long table: how many rows are shown of how many, and "Show more",
/// which shows `page` more. `sentence` says "Showing {shown} of {total} …".
#[component]
pub fn ShowMore(
    #[prop(into)] total: Signal<usize>,
    limit: RwSignal<usize>,
    page: usize,
    sentence: ShownSentence,
) -> impl IntoView {
    let state = use_app();
    view! {
        <div class="table-footer">
            <span class="secondary" aria-live="polite">
                {move || {
                    let (total, shown) = (total.get(), total.get().min(limit.get()));
                    sentence(state.t(), Shown { shown: shown as u64, total: total as u64 })
                }}
            </span>
            <Show when=move || { total.get() > limit.get() }>
                <button class="button-secondary" on:click=move |_| limit.update(|l| *l += page)>{move || state.t().show_more}</button>
            </Show>
        </div>
    }
}

/// Shows `children` once the browser has painted what is on screen: a page
/// whose rows take long to build (the reports, over every subscription of a
/// partner's book) paints its heading at once, so the click that opened it
/// is answered within a frame, and builds its rows in the next task.
#[component]
pub fn AfterPaint(children: ChildrenFn) -> impl IntoView {
    let painted = RwSignal::new(false);
    crate::browser::after_paint(move || {
        let _ = painted.try_set(true);
    });
    view! {
        <Show when=move || painted.get() fallback=|| view! { <Skeleton/> }>
            {children()}
        </Show>
    }
}

/// Grey lines where rows are on their way.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div aria-busy="true">
            {(0..4).map(|_| view! { <div class="skeleton skeleton-line"></div> }).collect_view()}
        </div>
    }
}

/// Downloads `rows[shown]` as the CSV `csv_part` writes, [`EXPORT_PART`]
/// rows a task (see `browser::download_in_parts`), or says why it could not.
/// The rows are a snapshot: a change while it is written does not mix in.
pub fn export_csv<T: 'static>(
    file_name: &'static str,
    rows: std::sync::Arc<Vec<T>>,
    shown: Vec<usize>,
    csv_part: fn(&[&T], bool) -> String,
) {
    let state = use_app();
    leptos::task::spawn_local(async move {
        let part = |n: usize| {
            let slice = shown.chunks(EXPORT_PART).nth(n).or((n == 0).then_some(&[][..]))?;
            Some(csv_part(&slice.iter().map(|&i| &rows[i]).collect::<Vec<_>>(), n == 0))
        };
        let downloaded =
            crate::browser::download_in_parts(file_name, "text/csv;charset=utf-8", part).await;
        if let Err(error) = downloaded {
            state.notice.set(Some(crate::state::Notice::Error(state.t().error_download(&error))));
        }
    });
}

/// Rows per part of a report's CSV export: at partner scale the file is
/// megabytes, and written at once it held the page for 80-100 ms.
const EXPORT_PART: usize = 2_000;
