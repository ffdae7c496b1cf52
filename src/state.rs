//! What every page shares, provided as context: the catalog, the workspace
//! signal (saved on every change), the locale, and page-level notices.

use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::domain::workspace::Workspace;
use crate::i18n::{Locale, Strings};
use crate::store::{self, document, storage::WorkspaceStorage, SaveError};
use leptos::prelude::*;
use std::rc::Rc;

const LOCALE_KEY: &str = "upgrade-center.locale";

/// A message shown under the page title until dismissed or replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Error(String),
    Success(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Loaded once at start-up and never replaced, so it lives as long as the page.
    pub catalog: &'static Catalog,
    pub workspace: RwSignal<Workspace>,
    pub locale: RwSignal<Locale>,
    pub notice: RwSignal<Option<Notice>>,
    /// The simulated clock, ticking while something is in progress.
    pub clock: RwSignal<Timestamp>,
    /// The path the app is served under ("" at the site root), from `<base href>`.
    pub base: &'static str,
    storage: StoredValue<Rc<dyn WorkspaceStorage>, LocalStorage>,
}

impl AppState {
    pub fn new(
        catalog: &'static Catalog,
        workspace: Workspace,
        storage: Rc<dyn WorkspaceStorage>,
        base: &'static str,
    ) -> AppState {
        AppState {
            catalog,
            workspace: RwSignal::new(workspace),
            locale: RwSignal::new(initial_locale()),
            notice: RwSignal::new(None),
            clock: RwSignal::new(Timestamp(0)),
            base,
            storage: StoredValue::new_local(storage),
        }
    }

    /// The strings of the current locale (tracks the locale signal).
    pub fn t(&self) -> &'static Strings {
        self.locale.get().strings()
    }

    /// A route path as an address under the app's base path, for `href`s.
    /// (The router's `navigate` and `Redirect` add the base themselves.)
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The simulated date, or the browser's own date when none is set.
    pub fn today(&self) -> Date {
        self.workspace.with(|w| w.today).unwrap_or_else(real_today)
    }

    /// Now on the simulated clock: the simulated date at the real time of day.
    pub fn now(&self) -> Timestamp {
        let real = js_sys::Date::now() as i64;
        Timestamp::at(self.today(), real.rem_euclid(86_400_000))
    }

    /// Who the audit log names for changes made here.
    pub fn actor(&self) -> String {
        self.workspace.with_untracked(|w| w.partner.user.name.clone())
    }

    /// A new audit entry for `action`, now, by the signed-in user.
    pub fn audit(&self, action: &str) -> crate::domain::workspace::AuditEntry {
        crate::domain::workspace::AuditEntry::new(self.now(), &self.actor(), action)
    }

    /// Why actions are disabled, for their tooltip; `None` when they are not.
    pub fn read_only_reason(&self) -> Option<&'static str> {
        (!self.can_act()).then(|| self.t().read_only_action)
    }

    pub fn can_act(&self) -> bool {
        self.workspace.with(|w| w.partner.user.role.can_act())
    }

    /// Applies `change` to a copy of the workspace and saves it; only a saved
    /// change reaches the screen, so a full quota or a newer tab loses nothing.
    /// `true` when nothing is left unsaved.
    pub fn update(&self, change: impl FnOnce(&mut Workspace)) -> bool {
        let mut next = self.workspace.get_untracked();
        change(&mut next);
        // A refused action changes nothing: no write, no new revision for other tabs.
        if self.workspace.with_untracked(|current| *current == next) {
            return true;
        }
        let saved = self.storage.with_value(|storage| store::save(storage.as_ref(), &next));
        match saved {
            Ok(saved) => {
                self.workspace.set(saved);
                true
            }
            Err(SaveError::Stale { .. }) => {
                self.reload_from_storage();
                self.notice.set(Some(Notice::Error(self.locale.get_untracked().strings().error_stale.into())));
                false
            }
            Err(SaveError::Storage(error)) => {
                self.notice.set(Some(Notice::Error(self.storage_message(&error))));
                false
            }
        }
    }

    /// Background work (the order clock): saves only when `change` says it
    /// changed something, and on a newer tab's save just follows it.
    pub fn update_quietly(&self, change: impl FnOnce(&mut Workspace) -> bool) {
        let mut next = self.workspace.get_untracked();
        if !change(&mut next) {
            return;
        }
        match self.storage.with_value(|storage| store::save(storage.as_ref(), &next)) {
            Ok(saved) => self.workspace.set(saved),
            Err(SaveError::Stale { .. }) => self.reload_from_storage(),
            Err(SaveError::Storage(error)) => self.notice.set(Some(Notice::Error(self.storage_message(&error)))),
        }
    }

    /// Replaces the whole workspace (import, reset), whatever is stored.
    pub fn replace(&self, workspace: &Workspace) -> bool {
        match self.storage.with_value(|storage| store::replace(storage.as_ref(), workspace)) {
            Ok(saved) => {
                self.workspace.set(saved);
                true
            }
            Err(error) => {
                self.notice.set(Some(Notice::Error(self.storage_message(&error))));
                false
            }
        }
    }

    /// Picks up what another tab saved. A stored document this tab cannot read
    /// is left alone; the next start shows the recovery screen for it.
    pub fn reload_from_storage(&self) {
        let text = self.storage.with_value(|s| s.read(store::storage::WORKSPACE_KEY));
        if let Ok(Some(text)) = text {
            if let Ok(workspace) = document::parse(&text, self.catalog) {
                if workspace.revision != self.workspace.with_untracked(|w| w.revision) {
                    self.workspace.set(workspace);
                }
            }
        }
    }

    pub fn set_locale(&self, locale: Locale) {
        self.locale.set(locale);
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(LOCALE_KEY, locale.tag());
        }
    }

    fn storage_message(&self, error: &store::storage::StorageError) -> String {
        let t = self.locale.get_untracked().strings();
        match error {
            store::storage::StorageError::Full => t.error_storage_full.into(),
            store::storage::StorageError::Unavailable(why) => (t.error_storage_unavailable)(why),
        }
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// The remembered language, else the browser's preferred one.
pub fn initial_locale() -> Locale {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LOCALE_KEY).ok().flatten())
        .and_then(|tag| Locale::from_tag(&tag));
    stored.unwrap_or_else(|| {
        let languages: Vec<String> =
            window().navigator().languages().iter().filter_map(|v| v.as_string()).collect();
        Locale::negotiate(languages.iter().map(String::as_str))
    })
}

fn real_today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
        .expect("the browser's date is a valid date")
}
