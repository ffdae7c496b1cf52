//! Every problem of a document that was refused (import, or the stored one
//! on the recovery screen), each with where it is and what is wrong.

use super::page::{MessageBar, Tone};
use crate::i18n::problems::problem_sentence;
use crate::i18n::Locale;
use crate::store::problem::Problems;
use leptos::prelude::*;

#[component]
pub fn ProblemList(
    problems: Problems,
    #[prop(into)] locale: Signal<Locale>,
    #[prop(into)] intro: Signal<String>,
    #[prop(into)] more: Signal<String>,
) -> impl IntoView {
    let truncated = problems.truncated;
    view! {
        <MessageBar tone=Tone::Danger>
            <p><strong>{move || intro.get()}</strong></p>
            <ul class="problem-list">
                {problems.iter().map(|problem| view! {
                    <li data-testid="problem">
                        {(!problem.path.is_empty()).then(|| view! { <code class="problem-path">{problem.path.clone()}</code>" " })}
                        {let reason = problem.reason.clone(); move || problem_sentence(locale.get().strings(), &reason)}
                    </li>
                }).collect_view()}
            </ul>
            {truncated.then(|| view! { <p>{move || more.get()}</p> })}
        </MessageBar>
    }
}
