//! Fetches a language's file when it is first chosen (see `runtime`).

use super::{runtime, Locale};

/// Makes `locale`'s messages available; at once when they already are.
pub async fn load(locale: Locale) -> Result<(), String> {
    if locale.is_loaded() {
        return Ok(());
    }
    // Relative to <base href>, so the app works under any sub-path.
    let response = gloo_net::http::Request::get(&locale.file()).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    // Two choices in flight for the same language keep the first.
    if !locale.is_loaded() {
        runtime::register(locale, runtime::Table::parse(locale, &text)?);
    }
    Ok(())
}
