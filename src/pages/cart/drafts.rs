//! What the partner is typing in the cart's licence boxes and has not settled
//! on yet. The box, the line's price and the totals follow every key at once;
//! the cart stores (and logs) a count only when the partner settles on it
//! (leaves the box, presses Enter, or pauses), so "250" typed key by key never
//! orders 2 or 25 on the way.

use crate::domain::cart;
use crate::domain::quantity::QuantityError;
use crate::domain::workspace::LineKey;
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How long typing must pause before a valid count is stored.
pub(super) const SETTLE_AFTER: std::time::Duration = std::time::Duration::from_millis(800);

/// Each line's reading of its box, by line key, while it differs from or has
/// not yet reached the stored line.
#[derive(Clone, Copy)]
pub(super) struct Drafts {
    typed: RwSignal<BTreeMap<LineKey, Result<u32, QuantityError>>>,
    /// Held here: a pause timer or a page listener runs without context.
    state: AppState,
}

impl Drafts {
    pub fn new() -> Drafts {
        Drafts { typed: RwSignal::new(BTreeMap::new()), state: use_app() }
    }

    /// What the box of `key` reads as now (tracked).
    pub fn set(&self, key: &LineKey, read: Result<u32, QuantityError>) {
        self.typed.update(|d| {
            d.insert(key.clone(), read);
        });
    }

    pub fn clear(&self, key: &LineKey) {
        // The cart page may be gone when a line's last timer or cleanup runs.
        self.typed.try_update(|d| {
            d.remove(key);
        });
    }

    /// The valid count typed in the box of `key`, not yet stored.
    pub fn count(&self, key: &LineKey) -> Option<u32> {
        self.typed.with(|d| d.get(key).and_then(|r| r.ok()))
    }

    /// Whether the box of `key` holds something that is not a valid count:
    /// nothing is priced for it until it is corrected.
    pub fn is_invalid(&self, key: &LineKey) -> bool {
        self.typed.with(|d| d.get(key).is_some_and(Result::is_err))
    }

    /// Stores the valid count typed in the box of `key`, if there is one,
    /// and forgets the draft once the cart holds it: the one way a typed
    /// count reaches the cart (the box settling, and checkout).
    pub fn store(&self, key: &LineKey) {
        let typed = self.typed.try_with_untracked(|d| d.get(key).and_then(|r| r.ok())).flatten();
        let Some(count) = typed else { return };
        let state = self.state;
        let stored =
            state.run(|w, now, actor| cart::set_quantity(state.catalog, w, key, count, now, actor));
        if stored.is_ok() {
            self.clear(key);
        }
    }

    /// The valid counts being typed, for pricing a customer's cart.
    pub fn counts(&self) -> BTreeMap<LineKey, u32> {
        self.typed.with(|d| d.iter().filter_map(|(k, r)| r.ok().map(|n| (k.clone(), n))).collect())
    }

    /// Whether one of `keys` holds something that is not a valid count: that
    /// blocks checkout until it is corrected.
    pub fn any_invalid(&self, mut keys: impl Iterator<Item = LineKey>) -> bool {
        self.typed.with(|d| keys.any(|k| d.get(&k).is_some_and(Result::is_err)))
    }
}
