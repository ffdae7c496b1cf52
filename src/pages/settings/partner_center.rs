//! Settings → Import from Partner Center (docs/rules.md#partner-center-import):
//! one or more JSON files as Partner Center's API or PowerShell module saves
//! them, a preview of what is added, updated and skipped (and why) per
//! customer, then Import, confirmed, as one audit entry. A file that is not
//! JSON or not Partner Center's changes nothing and says what was expected.

use crate::components::confirm::{use_confirm, Question};
use crate::components::problems::ProblemList;
use crate::i18n::problems::problem_sentence;
use crate::i18n::{msg, Strings};
use crate::state::{use_app, Notice};
use crate::store::partner_center::{self, CustomerChange, ImportError, Items, Merged, SourceFile};
use crate::store::problem::Problems;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The files read, and what importing them would do to the workspace now.
#[derive(Clone)]
struct Preview {
    items: Items,
    merged: Merged,
}

#[component]
pub(super) fn PartnerCenterImport() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let preview = RwSignal::new(None::<Preview>);
    let refused = RwSignal::new(None::<Problems>);
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let mut texts = Vec::new();
            for file in &files {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                texts.push((file.name(), text.unwrap_or_default()));
            }
            let sources: Vec<SourceFile> =
                texts.iter().map(|(name, text)| SourceFile { name, text }).collect();
            match partner_center::read(state.catalog, &sources, state.today()) {
                Ok(items) => {
                    let merged = state
                        .workspace
                        .with_untracked(|w| partner_center::merge(state.catalog, w, &items));
                    refused.set(None);
                    preview.set(Some(Preview { items, merged }));
                }
                Err(problems) => {
                    preview.set(None);
                    refused.set(Problems::from_list(problems));
                }
            }
        });
    };
    view! {
        <section class="card settings-section" aria-labelledby="pc-import-title">
            <h2 class="section-title" id="pc-import-title">{move || t().pc_title}</h2>
            <p class="secondary">{move || t().pc_help}</p>
            <label class="button-secondary file-button">
                <span>{move || t().pc_choose}</span>
                <input type="file" multiple accept="application/json,.json" data-testid="import-partner-center" on:change=choose/>
            </label>
            {move || refused.get().map(|problems| view! {
                <ProblemList problems locale=state.locale intro=Signal::derive(move || t().pc_refused.to_string())
                    more=Signal::derive(move || t().problems_more.to_string())/>
            })}
            {move || preview.get().map(|p| view! { <PreviewPanel preview=p clear=Callback::new(move |()| preview.set(None))/> })}
        </section>
    }
}

/// What the import would do, per customer, what it skips and why, and Import.
#[component]
fn PreviewPanel(preview: Preview, clear: Callback<()>) -> impl IntoView {
    let state = use_app();
    let confirm = use_confirm();
    let t = move || state.t();
    let Preview { items, merged } = preview;
    let customers = merged.changes.len() as u64;
    let subscriptions = merged.changes.iter().map(|c| c.subscriptions.len() as u64).sum::<u64>();
    let items = StoredValue::new(items);
    let import = move |_| {
        let t = state.t();
        confirm.ask(Question {
            title: t.pc_confirm_title(msg::PcConfirmTitle { customers, subscriptions }),
            lines: vec![t.pc_confirm_body.into()],
            accept: t.pc_import.into(),
            on_accept: Callback::new(move |()| {
                let result = items.with_value(|items| {
                    state.run(|w, now, actor| {
                        partner_center::import(state.catalog, w, items, now, actor)
                    })
                });
                let t = state.t();
                match result {
                    Ok(done) => {
                        let count = done.changes.len() as u64;
                        state.notice.set(Some(Notice::Success(t.pc_done(count))));
                        clear.run(());
                    }
                    Err(ImportError::ReadOnly) => {
                        state.notice.set(Some(Notice::Error(t.read_only_action.into())))
                    }
                    Err(ImportError::Nothing) => {
                        state.notice.set(Some(Notice::Error(t.pc_nothing.into())))
                    }
                }
            }),
        });
    };
    let empty = merged.is_empty();
    let skipped = merged.skipped.clone();
    let skipped_count = skipped.len() as u64;
    view! {
        <div class="pc-preview" data-testid="pc-preview">
            <h3 class="subsection-title">{move || t().pc_preview_title}</h3>
            {if empty {
                view! { <p class="secondary" data-testid="pc-nothing">{move || t().pc_nothing}</p> }.into_any()
            } else {
                view! { <ul class="plain-list pc-customers">{merged.changes.into_iter().map(|c| view! { <CustomerRow change=c/> }).collect_view()}</ul> }.into_any()
            }}
            {(!skipped.is_empty()).then(|| view! {
                <h3 class="subsection-title">{move || t().pc_skipped_title(skipped_count)}</h3>
                <ul class="problem-list" data-testid="pc-skipped">
                    {skipped.into_iter().map(|s| {
                        let reason = s.problem.reason.clone();
                        view! {
                            <li data-testid="pc-skipped-item" data-file=s.file.clone()>
                                <code class="problem-path">{format!("{} · {}", s.file, s.problem.path)}</code>" "
                                {move || problem_sentence(state.t(), &reason)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <div class="button-row">
                <button type="button" class="button-primary" data-testid="pc-import" disabled=move || empty || !state.can_act()
                    title=move || state.read_only_reason() on:click=import>{move || t().pc_import}</button>
                <button type="button" class="button-secondary" data-testid="pc-cancel" on:click=move |_| clear.run(())>{move || t().cancel}</button>
            </div>
        </div>
    }
}

/// One customer: added or updated, and its subscriptions added or updated.
#[component]
fn CustomerRow(change: CustomerChange) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let kind = if change.added { "added" } else { "updated" };
    let what = move |t: &Strings| {
        if change.added {
            t.pc_customer_added
        } else if change.profile_updated {
            t.pc_customer_updated
        } else {
            t.pc_customer_subscriptions
        }
    };
    view! {
        <li data-testid="pc-customer" data-customer-id=change.id.to_string() data-change=kind>
            <strong>{change.name.clone()}</strong>" · "<span class="secondary">{move || what(t())}</span>
            <ul class="plain-list pc-subscriptions">
                {change.subscriptions.into_iter().map(|s| {
                    let offer = state.catalog.offer_name(&s.offer_id).to_string();
                    let change = if s.added { "added" } else { "updated" };
                    view! {
                        <li data-testid="pc-subscription" data-subscription-id=s.id.to_string() data-change=change>
                            {offer}" · "<code>{s.id.to_string()}</code>" · "
                            {move || if s.added { t().pc_subscription_added } else { t().pc_subscription_updated }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}
