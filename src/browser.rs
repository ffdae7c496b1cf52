//! Small browser chores: downloading a text file, copying to the clipboard.

use crate::domain::ids::CheckoutKey;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file download named `file_name`; the error is the
/// browser's own words for what went wrong, to show in a sentence.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    offer_download(file_name, text, mime).map_err(|error| described(&error))
}

/// Offers a file written a part at a time: `part(n)` gives the `n`th part's
/// text, or `None` after the last. Each part is written in a task of its
/// own, so an export of megabytes never blocks the page for long; the file
/// is the parts put together.
pub async fn download_in_parts(
    file_name: &str,
    mime: &str,
    mut part: impl FnMut(usize) -> Option<String>,
) -> Result<(), String> {
    let parts = js_sys::Array::new();
    for n in 0.. {
        if n > 0 {
            next_task().await;
        }
        let Some(text) = part(n) else { break };
        parts.push(&JsValue::from_str(&text));
    }
    offer_parts(file_name, &parts, mime).map_err(|error| described(&error))
}

/// Resolves in a task of its own, after the browser could paint and handle input.
pub async fn next_task() {
    let later = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::set_timeout(
            move || drop(resolve.call0(&JsValue::NULL)),
            std::time::Duration::ZERO,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(later).await;
}

fn described(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn offer_download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    offer_parts(file_name, &js_sys::Array::of1(&JsValue::from_str(text)), mime)
}

fn offer_parts(file_name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    // rel=external keeps the router from treating the click as navigation.
    anchor.set_rel("external");
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// The text of a file served beside the app (relative to `<base href>`, so
/// the app works under any sub-path); the error says why it could not be read.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(path).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// Runs `work` just after the browser has painted what is on screen now: the
/// animation frame comes before the paint, the timeout after it.
pub fn after_paint(work: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(work, std::time::Duration::ZERO)
    });
}

/// Runs `work` once the browser is idle (within a second at most); at once
/// after the current task where it cannot tell (Safari).
pub fn when_idle(work: impl FnOnce() + 'static) {
    let window = leptos::prelude::window();
    let has_idle = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if !has_idle {
        return leptos::prelude::set_timeout(work, std::time::Duration::ZERO);
    }
    let callback = wasm_bindgen::closure::Closure::once_into_js(work);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(1000);
    let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
}

/// Resolves once the page has loaded (every file of its first download in)
/// and the browser is then idle: for work that must not compete with the
/// first page, such as fetching the other pages' chunks.
pub async fn loaded_and_idle() {
    let document = leptos::prelude::document();
    if document.ready_state() != "complete" {
        let loaded = js_sys::Promise::new(&mut |resolve, _| {
            let options = web_sys::AddEventListenerOptions::new();
            options.set_once(true);
            let _ = leptos::prelude::window()
                .add_event_listener_with_callback_and_add_event_listener_options(
                    "load", &resolve, &options,
                );
        });
        let _ = wasm_bindgen_futures::JsFuture::from(loaded).await;
    }
    idle().await;
}

/// Resolves in the browser's next idle period (see [`when_idle`]).
pub async fn idle() {
    let idle = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(move || drop(resolve.call0(&JsValue::NULL)));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(idle).await;
}

/// Runs `ready` once a newer deploy has installed beside this one and waits
/// (assets/sw-register.js announces it, perhaps before the app started).
pub fn on_update_ready(ready: impl Fn() + Clone + 'static) {
    let window = leptos::prelude::window();
    let flag = js_sys::Reflect::get(&window, &"__ucUpdateReady".into()).ok();
    if flag.is_some_and(|f| f.is_truthy()) {
        ready();
    }
    let handle =
        leptos::prelude::window_event_listener_untyped("upgrade-center:update-ready", move |_| {
            ready()
        });
    // For the app's lifetime: the shell that asks never goes away.
    std::mem::forget(handle);
}

/// Swaps to the waiting deploy: its worker takes over and the page reloads once.
pub fn apply_update() {
    if let Ok(event) = web_sys::Event::new("upgrade-center:apply-update") {
        let _ = leptos::prelude::window().dispatch_event(&event);
    }
}

pub fn copy_to_clipboard(text: &str) {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}

/// A fresh key for a checkout: Place order with the same key never places twice.
pub fn new_checkout_key() -> CheckoutKey {
    let (now, random) = (js_sys::Date::now() as u64, (js_sys::Math::random() * 1e12) as u64);
    format!("chk-{now}-{random}").into()
}
