//! Fetches a language's file when it is first chosen (see `runtime`).

use super::{runtime, Locale};

/// Makes `locale`'s messages available; at once when they already are.
pub async fn load(locale: Locale) -> Result<(), String> {
    if locale.is_loaded() {
        return Ok(());
    }
    let text = crate::browser::fetch_text(&locale.file()).await?;
    // Two choices in flight for the same language keep the first.
    if !locale.is_loaded() {
        runtime::register(locale, runtime::Table::parse(locale, &text)?);
    }
    Ok(())
}
