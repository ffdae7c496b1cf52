//! Where the document lives. The app talks to a [`WorkspaceStorage`], so a real
//! backend could replace `localStorage` without touching the pages.

use std::cell::RefCell;
use std::fmt;

/// The `localStorage` key of the workspace document (docs/architecture.md#key).
pub const WORKSPACE_KEY: &str = "upgrade-center.workspace";
/// Where a document that could not be read is kept when the user starts fresh.
pub const CORRUPT_KEY: &str = "upgrade-center.workspace.corrupt";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused to store more (quota exceeded).
    Full,
    /// Storage cannot be used at all (disabled, private mode, ...).
    Unavailable(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Full => write!(f, "storage is full"),
            StorageError::Unavailable(why) => write!(f, "storage is unavailable: {why}"),
        }
    }
}

/// Raw text storage of the workspace document.
pub trait WorkspaceStorage {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn write(&self, key: &str, text: &str) -> Result<(), StorageError>;

    /// At most the first `chars` characters of what `key` holds: the head of
    /// a document, to learn its revision without copying megabytes. A store
    /// that can cut before copying should.
    fn read_head(&self, key: &str, chars: usize) -> Result<Option<String>, StorageError> {
        Ok(self.read(key)?.map(|text| text.chars().take(chars).collect()))
    }
}

/// In-memory storage for tests and for running without a browser; `capacity`
/// (in bytes) lets tests simulate a full quota.
#[derive(Default)]
pub struct MemoryStorage {
    entries: RefCell<Vec<(String, String)>>,
    pub capacity: Option<usize>,
}

impl MemoryStorage {
    pub fn with_capacity(bytes: usize) -> MemoryStorage {
        MemoryStorage { capacity: Some(bytes), ..Default::default() }
    }
}

impl WorkspaceStorage for MemoryStorage {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StorageError> {
        let mut entries = self.entries.borrow_mut();
        let others: usize = entries.iter().filter(|(k, _)| k != key).map(|(_, v)| v.len()).sum();
        if self.capacity.is_some_and(|capacity| others + text.len() > capacity) {
            return Err(StorageError::Full);
        }
        entries.retain(|(k, _)| k != key);
        entries.push((key.to_string(), text.to_string()));
        Ok(())
    }
}
