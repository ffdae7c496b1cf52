//! `window.localStorage` behind [`WorkspaceStorage`].

use super::storage::{StorageError, WorkspaceStorage};
use wasm_bindgen::JsCast;

pub struct LocalStorage {
    storage: web_sys::Storage,
}

impl LocalStorage {
    pub fn open() -> Result<LocalStorage, StorageError> {
        let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStorage { storage }),
            Ok(None) => Err(StorageError::Unavailable("localStorage is not available".into())),
            Err(error) => Err(StorageError::Unavailable(describe(&error))),
        }
    }
}

impl WorkspaceStorage for LocalStorage {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(|e| StorageError::Unavailable(describe(&e)))
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
