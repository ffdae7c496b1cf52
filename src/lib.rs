//! Upgrade Center: a single-page app for CSP partners upgrading customers'
//! Microsoft 365 subscriptions.
//!
//! `domain`, `store` (but its `localStorage` adapter) and the `i18n` tables are
//! plain Rust and build natively for `cargo test`; the UI builds for wasm32 only.

pub mod domain;
pub mod i18n;
pub mod json_path;
pub mod links;
pub mod store;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod state;

#[cfg(target_arch = "wasm32")]
pub use app::start;
