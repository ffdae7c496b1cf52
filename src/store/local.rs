//! `window.localStorage` behind [`WorkspaceStorage`].

use super::storage::{StorageError, WorkspaceStorage};
use wasm_bindgen::JsCast;

pub struct LocalStorage {
    storage: web_sys::Storage,
}

impl LocalStorage {
    pub fn open() -> Result<LocalStorage, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStorage { storage }),
            Ok(None) => Err(StorageError::Unavailable("localStorage is not available".into())),
            Err(error) => Err(StorageError::Unavailable(describe(&error))),
        }
    }
}

impl LocalStorage {
    /// The stored text as a JavaScript string, not yet copied into wasm.
    fn item(&self, key: &str) -> Result<Option<js_sys::JsString>, StorageError> {
        let get_item = js_sys::Reflect::get(&self.storage, &"getItem".into())
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        let value = get_item
            .unchecked_into::<js_sys::Function>()
            .call1(&self.storage, &key.into())
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        Ok(value.dyn_into::<js_sys::JsString>().ok())
    }
}

impl WorkspaceStorage for LocalStorage {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(|e| StorageError::Unavailable(describe(&e)))
    }

    fn read_head(&self, key: &str, chars: usize) -> Result<Option<String>, StorageError> {
        // Cut in the browser: only the head crosses into wasm. (UTF-16 units:
        // at most `chars` characters, a split pair becomes U+FFFD.)
        Ok(self.item(key)?.map(|text| String::from(text.slice(0, chars as u32))))
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, text).map_err(|error| {
            let quota = error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22);
            if quota {
                StorageError::Full
            } else {
                StorageError::Unavailable(describe(&error))
            }
        })
    }
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.message())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
