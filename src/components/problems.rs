//! Every problem of a document that was refused (import, or the stored one
//! on the recovery screen), each with where it is and what is wrong.

use super::page::{MessageBar, Tone};
use crate::store::problem::Problems;
use leptos::prelude::*;

#[component]
pub fn ProblemList(problems: Problems, #[prop(into)] intro: String, more: &'static str) -> impl IntoView {
    let truncated = problems.truncated;
    view! {
        <MessageBar tone=Tone::Danger>
            <p><strong>{intro}</strong></p>
            <ul class="problem-list">
                {problems.iter().map(|problem| view! {
                    <li data-testid="problem">
                        {(!problem.path.is_empty()).then(|| view! { <code class="problem-path">{problem.path.clone()}</code>" " })}
                        {problem.reason.to_string()}
                    </li>
                }).collect_view()}
            </ul>
            {truncated.then(|| view! { <p>{more}</p> })}
        </MessageBar>
    }
}
