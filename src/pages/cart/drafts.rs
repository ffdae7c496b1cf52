//! What the partner is typing in the cart's licence boxes and has not settled
//! on yet. The box, the line's price and the totals follow every key at once;
//! the cart stores (and logs) a count only when the partner settles on it
//! (leaves the box, presses Enter, or pauses), so "250" typed key by key never
//! orders 2 or 25 on the way.

use crate::domain::quantity::QuantityError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How long typing must pause before a valid count is stored.
pub(super) const SETTLE_AFTER: std::time::Duration = std::time::Duration::from_millis(800);

/// Each line's reading of its box, by line key, while it differs from or has
/// not yet reached the stored line.
#[derive(Clone, Copy)]
pub(super) struct Drafts(RwSignal<BTreeMap<String, Result<u32, QuantityError>>>);

impl Drafts {
    pub fn new() -> Drafts {
        Drafts(RwSignal::new(BTreeMap::new()))
    }

    /// What the box of `key` reads as now (tracked).
    pub fn set(&self, key: &str, read: Result<u32, QuantityError>) {
        self.0.update(|d| {
            d.insert(key.to_string(), read);
        });
    }

    pub fn clear(&self, key: &str) {
        // The cart page may be gone when a line's last timer or cleanup runs.
        self.0.try_update(|d| {
            d.remove(key);
        });
    }

    /// The valid count typed in the box of `key`, not yet stored.
    pub fn count(&self, key: &str) -> Option<u32> {
        self.0.with(|d| d.get(key).and_then(|r| r.ok()))
    }

    /// Whether the box of `key` holds something that is not a valid count:
    /// nothing is priced for it until it is corrected.
    pub fn is_invalid(&self, key: &str) -> bool {
        self.0.with(|d| d.get(key).is_some_and(Result::is_err))
    }

    /// The same, without tracking, for the code that stores it.
    pub fn settled_count(&self, key: &str) -> Option<u32> {
        self.0.try_with_untracked(|d| d.get(key).and_then(|r| r.ok())).flatten()
    }

    /// The valid counts typed in the boxes of `keys` and not stored yet,
    /// taken out of the drafts: checkout stores them first, whatever moved
    /// the partner there without leaving the box.
    pub fn take_counts(&self, keys: &[String]) -> Vec<(String, u32)> {
        let taken: Vec<(String, u32)> = self.0.with_untracked(|d| {
            keys.iter()
                .filter_map(|k| d.get(k).and_then(|r| r.ok()).map(|n| (k.clone(), n)))
                .collect()
        });
        self.0.update(|d| {
            taken.iter().for_each(|(k, _)| {
                d.remove(k);
            })
        });
        taken
    }

    /// The valid counts being typed, for pricing a customer's cart.
    pub fn counts(&self) -> BTreeMap<String, u32> {
        self.0.with(|d| d.iter().filter_map(|(k, r)| r.ok().map(|n| (k.clone(), n))).collect())
    }

    /// Whether one of `keys` holds something that is not a valid count: that
    /// blocks checkout until it is corrected.
    pub fn any_invalid(&self, mut keys: impl Iterator<Item = String>) -> bool {
        self.0.with(|d| keys.any(|k| d.get(&k).is_some_and(Result::is_err)))
    }
}
