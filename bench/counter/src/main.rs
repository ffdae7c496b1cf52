//! The smallest Leptos app: one row and a button, mounted as the app mounts.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <p data-testid="counter-row">"Count: " {move || count.get()}</p>
            <button on:click=move |_| count.update(|n| *n += 1)>"+1"</button>
        }
    });
}
