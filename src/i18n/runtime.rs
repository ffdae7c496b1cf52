//! Languages loaded at run time. The browser build compiles only en-US in
//! (docs/architecture.md#budgets: the first download carries what the first
//! page needs); another
//! language is fetched from `locales/<tag>.json` when chosen, read here into a
//! [`Table`] and turned into a [`Strings`] whose messages render the table's
//! text. build.rs generates that `Strings` (`runtime_strings`). The file's
//! address carries its fingerprint, so it is never one cached from another
//! release; a file that lacks a message is refused.

use super::strings::MESSAGES;
use super::{plural, Locale, Strings};
use std::cell::{Cell, RefCell};

/// One language's messages, read from its locale file, by position in
/// `MESSAGES`, kept for the page's life.
pub struct Table {
    tag: &'static str,
    /// Each message's text; for a plural message its `_other` form.
    texts: Vec<&'static str>,
    /// Plural messages' `_one` form, where the language has one.
    ones: Vec<Option<&'static str>>,
    actions: &'static [(&'static str, &'static str)],
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

impl Table {
    /// Reads a locale file (the format of `locales/*.json`, which build.rs
    /// checked); a message it lacks is refused, naming it.
    pub fn parse(locale: Locale, json: &str) -> Result<Table, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let object = value.as_object().ok_or("expected an object of messages")?;
        let text = |key: &str| object.get(key).and_then(|v| v.as_str()).map(leak);
        let mut texts = Vec::with_capacity(MESSAGES.len());
        let mut ones = Vec::with_capacity(MESSAGES.len());
        for (key, _) in MESSAGES {
            let found = text(key)
                .or_else(|| text(&format!("{key}_other")))
                .ok_or_else(|| format!("message {key} is missing"))?;
            texts.push(found);
            ones.push(text(&format!("{key}_one")));
        }
        let actions: Vec<_> = object
            .get("audit_actions")
            .and_then(|v| v.as_object())
            .into_iter()
            .flatten()
            .map(|(action, label)| (leak(action), leak(label.as_str().unwrap_or(action))))
            .collect();
        Ok(Table { tag: locale.tag(), texts, ones, actions: Box::leak(actions.into_boxed_slice()) })
    }

    pub fn texts(&self) -> &[&'static str] {
        &self.texts
    }

    pub fn audit_actions(&self) -> &'static [(&'static str, &'static str)] {
        self.actions
    }
}

thread_local! {
    /// The runtime table the generated messages fill from: the one whose
    /// `Strings` was last handed out by [`loaded`] (the page speaks one
    /// language at a time).
    static ACTIVE: Cell<Option<&'static Table>> = const { Cell::new(None) };
    static LOADED: RefCell<Vec<(Locale, &'static Strings, &'static Table)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `table` as `locale`'s messages for the rest of the page's life.
pub fn register(locale: Locale, table: Table) -> &'static Strings {
    let table: &'static Table = Box::leak(Box::new(table));
    let strings: &'static Strings = Box::leak(Box::new(super::strings::runtime_strings(table)));
    LOADED.with(|loaded| loaded.borrow_mut().push((locale, strings, table)));
    strings
}

/// `locale`'s messages if they were loaded, made the ones that fill.
pub fn loaded(locale: Locale) -> Option<&'static Strings> {
    let (strings, table) = LOADED.with(|loaded| {
        loaded.borrow().iter().find(|(l, ..)| *l == locale).map(|(_, s, t)| (*s, *t))
    })?;
    ACTIVE.with(|active| active.set(Some(table)));
    Some(strings)
}

pub fn is_loaded(locale: Locale) -> bool {
    LOADED.with(|loaded| loaded.borrow().iter().any(|(l, ..)| *l == locale))
}

/// Message `index` of the active table, its `{{ name }}`s filled from
/// `values` (in the order of its argument names).
pub fn fill(index: usize, values: &[&str]) -> String {
    let Some(table) = ACTIVE.with(Cell::get) else { return String::new() };
    substitute(table.texts[index], MESSAGES[index].1, values)
}

/// A plural message: its `_one` form where the language says `n` is one.
pub fn fill_plural(index: usize, n: u64, values: &[&str]) -> String {
    let Some(table) = ACTIVE.with(Cell::get) else { return String::new() };
    let text =
        table.ones[index].filter(|_| plural::is_one(table.tag, n)).unwrap_or(table.texts[index]);
    substitute(text, MESSAGES[index].1, values)
}

fn substitute(text: &str, names: &[&str], values: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}").map(|e| e + start) else { break };
        out.push_str(&rest[..start]);
        let name = rest[start + 2..end].trim();
        out.push_str(
            names
                .iter()
                .position(|n| *n == name)
                .and_then(|i| values.get(i))
                .copied()
                .unwrap_or_default(),
        );
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_by_name_and_braces_elsewhere_stay() {
        assert_eq!(substitute("{{ a }} and {{b}}, {x}", &["a", "b"], &["1", "2"]), "1 and 2, {x}");
        assert_eq!(substitute("no args", &[], &[]), "no args");
    }

    /// A language read from its file says exactly what the compiled table
    /// says, every message, every plural form.
    #[test]
    fn a_loaded_language_says_what_the_compiled_one_says() {
        for locale in [Locale::ItIt, Locale::SvSe, Locale::ZhCn] {
            let path = format!("{}/locales/{}.json", env!("CARGO_MANIFEST_DIR"), locale.tag());
            let table = Table::parse(locale, &std::fs::read_to_string(path).unwrap()).unwrap();
            register(locale, table);
            let runtime = loaded(locale).unwrap();
            let differences = super::super::strings::differences(locale.strings(), runtime);
            assert!(differences.is_empty(), "{locale:?}: {differences:#?}");
        }
    }
}
