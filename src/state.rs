//! What every page shares, provided as context: the catalog, the workspace,
//! the locale, and page-level notices.
//!
//! The flow of a change: a page calls [`AppState::run`] with a domain command
//! (src/domain); the command changes the workspace in place and returns its
//! outcome; the change is on screen at once, and [`AppState::save`] writes it
//! to storage (src/store) just after the next paint, coalescing changes made
//! in the same frame, and at the latest when the page is hidden or closed.

use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use crate::domain::eligibility::EligibilityContext;
use crate::domain::ids::CustomerId;
use crate::domain::opportunities::{self, Opportunity};
use crate::domain::workspace::{Customer, Workspace};
use crate::i18n::msg;
use crate::i18n::{Locale, Strings};
use crate::store::{self, document, storage::WorkspaceStorage, text::DocumentText, SaveError};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

const LOCALE_KEY: &str = "upgrade-center.locale";

/// A message shown under the page title until dismissed or replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Error(String),
    Success(String),
}

/// Every upgrade opportunity, computed in the background: see
/// [`AppState::opportunities`].
pub type OpportunityRows = AsyncDerived<Arc<Vec<Opportunity>>, LocalStorage>;

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
    /// A change is on screen that storage does not have yet.
    unsaved: StoredValue<Rc<Cell<bool>>, LocalStorage>,
    /// What the last save wrote, part by part (see [`DocumentText`]).
    text: StoredValue<DocumentText, LocalStorage>,
    /// Notified when a save gave the workspace its next revision: the save
    /// changes only that number, so only what shows it is redrawn.
    saved: Trigger,
    /// Every upgrade opportunity (docs/rules.md#opportunities-report): made by the first page that
    /// asks ([`AppState::opportunities`]), so its code is in that page's
    /// chunk, not in the first download.
    opportunities: StoredValue<Option<OpportunityRows>, LocalStorage>,
    /// The app's owner: what lives as long as the app is made under it.
    owner: StoredValue<Owner, LocalStorage>,
}

impl AppState {
    pub fn new(
        catalog: &'static Catalog,
        workspace: Workspace,
        storage: Rc<dyn WorkspaceStorage>,
        base: &'static str,
    ) -> AppState {
        let workspace = RwSignal::new(workspace);
        AppState {
            catalog,
            opportunities: StoredValue::new_local(None),
            owner: StoredValue::new_local(
                Owner::current().expect("the app state is made under the app's owner"),
            ),
            workspace,
            // The remembered language once its file is read, English otherwise.
            locale: RwSignal::new(
                Some(initial_locale()).filter(|l| l.is_loaded()).unwrap_or(Locale::EnUs),
            ),
            notice: RwSignal::new(None),
            clock: RwSignal::new(Timestamp(0)),
            base,
            storage: StoredValue::new_local(storage),
            unsaved: StoredValue::new_local(Rc::new(Cell::new(false))),
            text: StoredValue::new_local(DocumentText::default()),
            saved: Trigger::new(),
        }
    }

    /// Every upgrade opportunity (docs/rules.md#opportunities-report), made
    /// by the first page that asks (so its code is in that page's chunk) and
    /// kept for the app's life: `None` until first computed, then the last
    /// rows computed while a change's are on their way. Computed a hundred
    /// customers a task (`opportunities::InParts`): at partner scale all at
    /// once held the page for 80 ms after every change, clock ticks included.
    pub fn opportunities(&self) -> OpportunityRows {
        /// Customers a task: a few milliseconds at partner scale.
        const PART: usize = 100;
        if let Some(rows) = self.opportunities.get_value() {
            return rows;
        }
        let (catalog, workspace) = (self.catalog, self.workspace);
        // Which run is the latest: an older one stops at its next part.
        let runs = Rc::new(Cell::new(0u64));
        let rows = self.owner.with_value(|owner| {
            owner.with(|| {
                AsyncDerived::new_unsync(move || {
                    let runs = runs.clone();
                    async move {
                        let run = runs.get() + 1;
                        runs.set(run);
                        let mut rows = opportunities::InParts::default();
                        // Read tracked: a change of the workspace starts a new run.
                        while workspace.with(|w| rows.add(catalog, w, PART)) {
                            crate::browser::next_task().await;
                            if runs.get() != run {
                                // Superseded: AsyncDerived keeps only the
                                // latest run's result, so sort nothing.
                                return Arc::default();
                            }
                        }
                        Arc::new(workspace.with(|w| rows.finish(w)))
                    }
                })
            })
        });
        self.opportunities.set_value(Some(rows));
        rows
    }

    /// The strings of the current locale (tracks the locale signal).
    pub fn t(&self) -> &'static Strings {
        self.locale.get().strings()
    }

    /// A route path (from `crate::links`) as an address under the app's base
    /// path, for `<A href>` and `<a href>`: the router resolves only relative
    /// links against its base. (Its `navigate` and `Redirect` add the base.)
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

    /// One customer as a memo. It re-reads on every change of the workspace
    /// (a lookup and a comparison) but wakes its readers only when this
    /// customer changed: a change elsewhere redraws nothing that reads it.
    pub fn customer(
        &self,
        id: impl Fn() -> CustomerId + Send + Sync + 'static,
    ) -> Memo<Option<Customer>> {
        let workspace = self.workspace;
        Memo::new(move |_| workspace.with(|w| w.customer(&id()).cloned()))
    }

    /// What eligibility needs beside the customer (cloud, role, its pending
    /// order): with [`AppState::customer`], a customer's eligibility is
    /// evaluated again only when one of them changed.
    pub fn eligibility_context(
        &self,
        id: impl Fn() -> CustomerId + Send + Sync + 'static,
    ) -> Memo<EligibilityContext> {
        let workspace = self.workspace;
        Memo::new(move |_| workspace.with(|w| EligibilityContext::of(w, &id())))
    }

    /// Why actions are disabled, for their tooltip; `None` when they are not.
    pub fn read_only_reason(&self) -> Option<&'static str> {
        (!self.can_act()).then(|| self.t().read_only_action)
    }

    pub fn can_act(&self) -> bool {
        self.workspace.with(|w| w.partner.user.role.can_act())
    }

    /// Runs a domain command on the workspace, stamped with now and the
    /// signed-in user, and returns its result. A command that fails has
    /// changed nothing and nothing is redrawn; one that succeeds is on screen
    /// at once and saved after the next paint (see [`AppState::save`]).
    pub fn run<T, E>(
        &self,
        command: impl FnOnce(&mut Workspace, Timestamp, &str) -> Result<T, E>,
    ) -> Result<T, E> {
        let (now, actor) = (self.now(), self.actor());
        let result = self
            .workspace
            .try_maybe_update(|w| {
                let result = command(w, now, &actor);
                (result.is_ok(), result)
            })
            .expect("the workspace lives as long as the app");
        if result.is_ok() {
            self.schedule_save();
        }
        result
    }

    /// Background work (the order clock): `change` says whether it changed
    /// anything; only then is the page redrawn and the workspace saved.
    pub fn tick(&self, change: impl FnOnce(&mut Workspace) -> bool) {
        let changed = self.workspace.try_maybe_update(|w| {
            let changed = change(w);
            (changed, changed)
        });
        if changed == Some(true) {
            self.schedule_save();
        }
    }

    /// Marks the workspace unsaved and, unless a save is already on its way,
    /// saves it once the browser has painted this change: the partner sees
    /// the result first, and changes of one frame make one write.
    fn schedule_save(&self) {
        let unsaved = self.unsaved.get_value();
        if unsaved.replace(true) {
            return;
        }
        let state = *self;
        crate::browser::after_paint(move || state.save());
    }

    /// Serializes the customers in idle time after start, a part at a time,
    /// so the first save rewrites only what changed, as every later one does
    /// (docs/architecture.md#saving).
    pub fn prepare_saving(&self) {
        /// Customers per idle slice: a few milliseconds at partner scale.
        const PART: usize = 100;
        fn from(state: AppState, start: usize) {
            let prepared = state.text.try_update_value(|text| {
                state.workspace.try_with_untracked(|w| {
                    text.prepare_customers(w, start, start + PART);
                    start + PART < w.customers.len()
                })
            });
            if prepared.flatten() == Some(true) {
                crate::browser::when_idle(move || from(state, start + PART));
            }
        }
        let state = *self;
        crate::browser::when_idle(move || from(state, 0));
    }

    /// Writes what is on screen, if storage does not have it yet. Also called
    /// when the page is hidden or closed, so nothing saved is ever lost. A
    /// newer tab's save wins (this tab follows it); a failed write (full
    /// quota) takes the change back off the screen, keeping the last good state.
    pub fn save(&self) {
        if !self.unsaved.get_value().replace(false) {
            return;
        }
        let saved = self.storage.with_value(|storage| {
            self.text.try_update_value(|text| {
                self.workspace
                    .try_update_untracked(|w| store::save_in_place(storage.as_ref(), w, text))
            })
        });
        let t = self.locale.get_untracked().strings();
        match saved.flatten() {
            None => {}
            Some(Ok(_)) => self.saved.notify(),
            Some(Err(SaveError::Stale { .. })) => {
                self.reload_from_storage();
                self.notice.set(Some(Notice::Error(t.error_stale.into())));
            }
            Some(Err(SaveError::Storage(error))) => {
                self.restore_last_saved();
                self.notice.set(Some(Notice::Error(self.storage_message(&error))));
            }
        }
    }

    /// The revision storage holds for what is on screen (Settings shows it).
    pub fn saved_revision(&self) -> u64 {
        self.saved.track();
        self.workspace.with(|w| w.revision)
    }

    /// What storage holds, if it holds a workspace this tab can read.
    fn stored_workspace(&self) -> Option<Workspace> {
        let text = self.storage.with_value(|s| s.read(store::storage::WORKSPACE_KEY)).ok()??;
        document::open(&text, self.catalog).ok()
    }

    /// Back to what storage holds (the demo if nothing was ever written,
    /// once it is fetched again).
    fn restore_last_saved(&self) {
        if let Some(stored) = self.stored_workspace() {
            return self.workspace.set(stored);
        }
        let (cloud, state) = (self.workspace.with_untracked(|w| w.partner.cloud), *self);
        leptos::task::spawn_local(async move {
            if let Ok(demo) = store::demo::fetch(cloud).await {
                state.workspace.set(demo);
            }
        });
    }

    /// Replaces the whole workspace (import, reset), whatever is stored. Rare
    /// and wholesale, so written at once.
    pub fn replace(&self, workspace: &Workspace) -> bool {
        self.unsaved.get_value().set(false);
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

    /// Another tab saved: a change of ours still on its way is checked
    /// against it first (it is stale, so theirs wins and we say so); then
    /// this tab shows what storage holds.
    pub fn follow_other_tab(&self) {
        if self.unsaved.get_value().get() {
            self.save();
        }
        self.reload_from_storage();
    }

    /// Picks up what another tab saved. A stored document this tab cannot read
    /// is left alone; the next start shows the recovery screen for it.
    pub fn reload_from_storage(&self) {
        self.unsaved.get_value().set(false);
        if let Some(workspace) = self.stored_workspace() {
            if workspace.revision != self.workspace.with_untracked(|w| w.revision) {
                self.workspace.set(workspace);
            }
        }
    }

    /// Switches the language, once its messages are there: at once for one
    /// already loaded, after fetching its file otherwise. A file that cannot
    /// be fetched keeps the current language and says why.
    pub fn set_locale(&self, locale: Locale) {
        // Remembered at once, so a page opened meanwhile speaks it too.
        remember_locale(locale);
        if locale.is_loaded() {
            return self.locale.set(locale);
        }
        let state = *self;
        leptos::task::spawn_local(async move {
            match crate::i18n::fetch::load(locale).await {
                Ok(()) => state.locale.set(locale),
                // The choice stays remembered (a fetch cut short by leaving
                // the page fails too); the next start falls back to English
                // if the file still cannot be read.
                Err(why) => {
                    let t = state.locale.get_untracked().strings();
                    state.notice.set(Some(Notice::Error(t.error_language_unavailable(
                        msg::ErrorLanguageUnavailable {
                            language: locale.native_name(),
                            reason: &why,
                        },
                    ))));
                    // The menu shows the language still in use.
                    state.locale.notify();
                }
            }
        });
    }

    fn storage_message(&self, error: &store::storage::StorageError) -> String {
        let t = self.locale.get_untracked().strings();
        match error {
            store::storage::StorageError::Full => t.error_storage_full.into(),
            store::storage::StorageError::Unavailable(why) => t.error_storage_unavailable(why),
        }
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

fn remember_locale(locale: Locale) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(LOCALE_KEY, locale.tag());
    }
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
