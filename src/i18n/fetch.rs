//! Fetches a language's file when it is first chosen (see `runtime`).
//!
//! Reading the file into the app's messages (`runtime`'s table and the
//! generated `runtime_strings`, about 20 KB of gzip) is a wasm chunk of its
//! own: a page in English never downloads it. It is fetched beside the file.

use super::{runtime, Locale};
use leptos::wasm_split::SplitLoaderError;

/// Why a language could not be made available, in the words of the browser.
pub struct LoadError(String);

impl From<SplitLoaderError> for LoadError {
    fn from(_: SplitLoaderError) -> Self {
        LoadError("the language reader could not be fetched".into())
    }
}

/// Makes `locale`'s messages available; at once when they already are.
pub async fn load(locale: Locale) -> Result<(), String> {
    if locale.is_loaded() {
        return Ok(());
    }
    // The reader's chunk downloads while the file does.
    #[cfg(feature = "language-chunk")]
    leptos::task::spawn_local(async {
        let _ = preload_reader().await;
    });
    let text = crate::browser::fetch_text(&locale.file()).await?;
    // Two choices in flight for the same language keep the first.
    if !locale.is_loaded() {
        read(locale, text).await.map_err(|LoadError(why)| why)?;
    }
    Ok(())
}

#[cfg(feature = "language-chunk")]
#[leptos::wasm_split::wasm_split(language_reader, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_reader))]
fn read(locale: Locale, text: String) -> Result<(), LoadError> {
    read_now(locale, text)
}

#[cfg(not(feature = "language-chunk"))]
async fn read(locale: Locale, text: String) -> Result<(), LoadError> {
    read_now(locale, text)
}

fn read_now(locale: Locale, text: String) -> Result<(), LoadError> {
    if !locale.is_loaded() {
        runtime::register(locale, runtime::Table::parse(&text).map_err(LoadError)?);
    }
    Ok(())
}
