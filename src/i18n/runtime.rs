//! Languages loaded at run time. The browser build compiles only en-US in
//! (docs/architecture.md#budgets: the first download carries what the first
//! page needs); another
//! language is fetched from `locales/<tag>.json` when chosen, read here into a
//! [`Table`] and turned into a [`Strings`] whose messages render the table's
//! text. build.rs generates that `Strings` (`runtime_strings`). The file's
//! address carries its fingerprint, so it is never one cached from another
//! release; a file that lacks a message is refused.

use super::strings::{PLAIN, TEMPLATES};
use super::{Locale, Strings};
use std::cell::RefCell;

/// One language's messages, read from its locale file, in the order of
/// the generated key lists, kept for the page's life.
pub struct Table {
    plain: Vec<&'static str>,
    /// Templated messages' texts; for a plural message its `_other` form.
    templates: &'static [&'static str],
    /// Plural messages' `_one` form, where the language has one.
    ones: &'static [Option<&'static str>],
    actions: &'static [(&'static str, &'static str)],
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

impl Table {
    /// Reads a locale file (the format of `locales/*.json`, which build.rs
    /// checked); a message it lacks is refused, naming it.
    pub fn parse(json: &str) -> Result<Table, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let object = value.as_object().ok_or("expected an object of messages")?;
        let text = |key: &str| object.get(key).and_then(|v| v.as_str()).map(leak);
        let required = |key: &str| {
            text(key)
                .or_else(|| text(&format!("{key}_other")))
                .ok_or_else(|| format!("message {key} is missing"))
        };
        let plain = PLAIN.iter().map(|key| required(key)).collect::<Result<Vec<_>, _>>()?;
        let templates = TEMPLATES.iter().map(|key| required(key)).collect::<Result<Vec<_>, _>>()?;
        let ones: Vec<_> = TEMPLATES.iter().map(|key| text(&format!("{key}_one"))).collect();
        let actions: Vec<_> = object
            .get("audit_actions")
            .and_then(|v| v.as_object())
            .into_iter()
            .flatten()
            .map(|(action, label)| (leak(action), leak(label.as_str().unwrap_or(action))))
            .collect();
        Ok(Table {
            plain,
            templates: Box::leak(templates.into_boxed_slice()),
            ones: Box::leak(ones.into_boxed_slice()),
            actions: Box::leak(actions.into_boxed_slice()),
        })
    }

    pub fn plain(&self) -> &[&'static str] {
        &self.plain
    }

    pub fn templates(&self) -> &'static [&'static str] {
        self.templates
    }

    pub fn ones(&self) -> &'static [Option<&'static str>] {
        self.ones
    }

    pub fn audit_actions(&self) -> &'static [(&'static str, &'static str)] {
        self.actions
    }
}

thread_local! {
    static LOADED: RefCell<Vec<(Locale, &'static Strings)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `table` as `locale`'s messages for the rest of the page's life.
pub fn register(locale: Locale, table: Table) -> &'static Strings {
    let strings: &'static Strings =
        Box::leak(Box::new(super::strings::runtime_strings(locale, &table)));
    LOADED.with(|loaded| loaded.borrow_mut().push((locale, strings)));
    strings
}

/// `locale`'s messages if they were loaded.
pub fn loaded(locale: Locale) -> Option<&'static Strings> {
    LOADED.with(|loaded| loaded.borrow().iter().find(|(l, _)| *l == locale).map(|(_, s)| *s))
}

pub fn is_loaded(locale: Locale) -> bool {
    LOADED.with(|loaded| loaded.borrow().iter().any(|(l, _)| *l == locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A language read from its file says exactly what the compiled table
    /// says, every message, every plural form.
    #[test]
    fn a_loaded_language_says_what_the_compiled_one_says() {
        for locale in [Locale::ItIt, Locale::SvSe, Locale::ZhCn] {
            let path = format!("{}/locales/{}.json", env!("CARGO_MANIFEST_DIR"), locale.tag());
            let table = Table::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
            let runtime = register(locale, table);
            let differences = super::super::strings::differences(locale.strings(), runtime);
            assert!(differences.is_empty(), "{locale:?}: {differences:#?}");
        }
    }

    #[test]
    fn a_file_without_a_message_is_refused_by_name() {
        let error = Table::parse(r#"{"app_name": "x"}"#).err().unwrap();
        assert!(error.contains("is missing"), "{error}");
    }
}
