//! Builds the translation tables from `locales/*.json`, the files a
//! translator edits, and refuses to build when they disagree: a key missing
//! in one language, a placeholder misspelt, dropped or given another type, a
//! plural form the language needs and lacks.
//!
//! Formats (docs/architecture.md#messages): `"key": "text with {{ name }}"`;
//! a placeholder that is not text says its type where en-US writes it:
//! `{{ count, number }}`, `{{ amount, money }}`, `{{ date, date }}`, and the
//! code passes a value of that type, formatted in the active locale. Plural
//! messages are `key_one` / `key_other` (the CLDR categories; Chinese has
//! only `other`), chosen by their `count`. `audit_actions` maps action codes
//! to labels.
//!
//! Three steps: [`read`] the files, [`check`] them into [`Message`]s, and
//! [`generate`] the `Strings` tables with one method per templated message.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// The locales, with their `Locale` variant and the plural categories their
/// language uses for whole numbers.
const LOCALES: [(&str, &str, &[&str]); 4] = [
    ("en-US", "EnUs", &["one", "other"]),
    ("it-IT", "ItIt", &["one", "other"]),
    ("sv-SE", "SvSe", &["one", "other"]),
    ("zh-CN", "ZhCn", &["other"]),
];
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new("locales");
    let files: Vec<Map<String, Value>> =
        LOCALES.iter().map(|(tag, ..)| read(&dir.join(format!("{tag}.json")))).collect();
    let messages = match check(&files) {
        Ok(messages) => messages,
        Err(problems) => {
            panic!("the translation files disagree:\n  {}", problems.join("\n  "))
        }
    };
    let mut code = generate(&messages, &files);
    code.push_str(&versions(dir));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("strings.rs");
    std::fs::write(out, code).expect("write the generated tables");
}

// ---------------------------------------------------------------------------
// Reading

fn read(path: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => panic!("{}: expected an object of messages", path.display()),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// What a placeholder holds, and so what the code passes for it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Text,
    Number,
    Money,
    Date,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        match name {
            "number" => Some(Kind::Number),
            "money" => Some(Kind::Money),
            "date" => Some(Kind::Date),
            _ => None,
        }
    }

    /// The Rust type of the argument; `'a` where it borrows.
    fn rust(self) -> &'static str {
        match self {
            Kind::Text => "&'a str",
            Kind::Number => "u64",
            Kind::Money => "&'a crate::domain::money::Money",
            Kind::Date => "crate::domain::date::Date",
        }
    }

    fn borrows(self) -> bool {
        matches!(self, Kind::Text | Kind::Money)
    }

    fn variant(self) -> &'static str {
        match self {
            Kind::Text => "Text",
            Kind::Number => "Number",
            Kind::Money => "Money",
            Kind::Date => "Date",
        }
    }
}

/// A placeholder as written: its name and the type it declares, if any.
struct Placeholder {
    name: String,
    kind: Option<Kind>,
}

/// The placeholders of a text, in order; `Err` names what is wrong.
fn placeholders(text: &str) -> Result<Vec<Placeholder>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let end =
            rest[start..].find("}}").ok_or_else(|| format!("'{{{{' without '}}}}' in {text:?}"))?
                + start;
        let inside = &rest[start + 2..end];
        let (name, kind) = match inside.split_once(',') {
            Some((name, kind)) => {
                let kind = Kind::parse(kind.trim()).ok_or_else(|| {
                    format!("{inside:?} in {text:?}: the type must be number, money or date")
                })?;
                (name.trim(), Some(kind))
            }
            None => (inside.trim(), None),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("placeholder {name:?} in {text:?} is not a name"));
        }
        out.push(Placeholder { name: name.to_string(), kind });
        rest = &rest[end + 2..];
    }
    if rest.contains("}}") {
        return Err(format!("'}}}}' without '{{{{' in {text:?}"));
    }
    Ok(out)
}

/// A key split into its message and plural category: `free_licenses_one`.
fn split_key(key: &str) -> (String, Option<&'static str>) {
    CATEGORIES
        .iter()
        .find_map(|c| key.strip_suffix(&format!("_{c}")).map(|base| (base.to_string(), Some(*c))))
        .unwrap_or_else(|| (key.to_string(), None))
}

// ---------------------------------------------------------------------------
// Checking

/// A message as the code sees it: plain text, or a template with typed
/// arguments (in the order en-US first writes them), plural or not.
struct Message {
    key: String,
    args: Vec<(String, Kind)>,
    plural: bool,
}

impl Message {
    fn is_plain(&self) -> bool {
        self.args.is_empty() && !self.plural
    }
}

/// Every message with its arguments, read from en-US; then every locale
/// checked against them. `Err` lists every problem found.
fn check(files: &[Map<String, Value>]) -> Result<Vec<Message>, Vec<String>> {
    let mut problems = Vec::new();
    let messages = shapes(&files[0], &mut problems);
    for ((tag, _, categories), table) in LOCALES.iter().zip(files) {
        check_locale(tag, categories, table, &messages, &mut problems);
        if audit_codes(table) != audit_codes(&files[0]) {
            problems.push(format!("{tag}: audit_actions must name the same actions as en-US"));
        }
    }
    if problems.is_empty() {
        Ok(messages)
    } else {
        Err(problems)
    }
}

/// The messages of the reference (en-US), each with its typed arguments.
fn shapes(reference: &Map<String, Value>, problems: &mut Vec<String>) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    for (key, value) in reference.iter().filter(|(k, _)| *k != "audit_actions") {
        let (base, category) = split_key(key);
        let Some(text) = value.as_str() else {
            problems.push(format!("en-US {key}: expected text"));
            continue;
        };
        let index = match messages.iter().position(|m| m.key == base) {
            Some(index) => index,
            None => {
                let plural = category.is_some();
                messages.push(Message { key: base.clone(), args: Vec::new(), plural });
                messages.len() - 1
            }
        };
        let message = &mut messages[index];
        match placeholders(text) {
            Err(why) => problems.push(format!("en-US {key}: {why}")),
            Ok(found) => add_arguments(message, key, found, problems),
        }
    }
    for message in messages.iter_mut().filter(|m| m.plural) {
        match message.args.iter().find(|(name, _)| name == "count") {
            None => message.args.insert(0, ("count".into(), Kind::Number)),
            Some((_, Kind::Number)) => {}
            Some(_) => problems.push(format!("{}: a plural count is a number", message.key)),
        }
    }
    messages
}

/// Adds the placeholders of one en-US text to its message's arguments; a
/// plural count is a number unless it says otherwise.
fn add_arguments(
    message: &mut Message,
    key: &str,
    found: Vec<Placeholder>,
    problems: &mut Vec<String>,
) {
    for placeholder in found {
        let default =
            if message.plural && placeholder.name == "count" { Kind::Number } else { Kind::Text };
        let kind = placeholder.kind.unwrap_or(default);
        match message.args.iter().find(|(name, _)| *name == placeholder.name) {
            None => message.args.push((placeholder.name, kind)),
            Some((_, known)) if placeholder.kind.is_some() && *known != kind => {
                problems.push(format!("en-US {key}: {{{{ {} }}}} has two types", placeholder.name))
            }
            Some(_) => {}
        }
    }
}

/// One locale against the messages: every message there, with its
/// placeholders (types as en-US declares them) and the plural forms it needs.
fn check_locale(
    tag: &str,
    categories: &[&str],
    table: &Map<String, Value>,
    messages: &[Message],
    problems: &mut Vec<String>,
) {
    let mut seen = BTreeSet::new();
    for (key, value) in table.iter().filter(|(k, _)| *k != "audit_actions") {
        let (base, category) = split_key(key);
        seen.insert(base.clone());
        let Some(message) = messages.iter().find(|m| m.key == base) else {
            problems.push(format!("{tag} {key}: not a message of en-US (misspelt?)"));
            continue;
        };
        let Some(text) = value.as_str() else {
            problems.push(format!("{tag} {key}: expected text"));
            continue;
        };
        match (message.plural, category) {
            (true, Some(c)) if !categories.contains(&c) => {
                problems.push(format!("{tag} {key}: the language has no '{c}' form"))
            }
            (true, None) | (false, Some(_)) => {
                problems.push(format!("{tag} {key}: plural in one language, not in another"))
            }
            _ => {}
        }
        match placeholders(text) {
            Err(why) => problems.push(format!("{tag} {key}: {why}")),
            Ok(found) => check_placeholders(tag, key, message, category, &found, problems),
        }
    }
    for message in messages.iter().filter(|m| !seen.contains(&m.key)) {
        problems.push(format!("{tag}: message {} is missing", message.key));
    }
    for message in messages.iter().filter(|m| m.plural) {
        for c in categories.iter().filter(|c| !table.contains_key(&format!("{}_{c}", message.key)))
        {
            problems.push(format!("{tag}: plural message {} lacks its '{c}' form", message.key));
        }
    }
}

/// A text uses each argument of its message, and nothing else; a plural
/// form may leave the count out ("one user").
fn check_placeholders(
    tag: &str,
    key: &str,
    message: &Message,
    category: Option<&str>,
    found: &[Placeholder],
    problems: &mut Vec<String>,
) {
    let names: BTreeSet<&str> = found.iter().map(|p| p.name.as_str()).collect();
    let missing: Vec<_> = message
        .args
        .iter()
        .map(|(name, _)| name.as_str())
        // A plural form may leave the count out ("one user").
        .filter(|name| !(names.contains(name) || category.is_some() && *name == "count"))
        .collect();
    let unknown: Vec<_> =
        names.iter().filter(|name| !message.args.iter().any(|(n, _)| n == *name)).collect();
    if !missing.is_empty() || !unknown.is_empty() {
        problems
            .push(format!("{tag} {key}: placeholders missing {missing:?}, unknown {unknown:?}"));
    }
    for placeholder in found {
        let declared = message.args.iter().find(|(n, _)| *n == placeholder.name);
        if let (Some(kind), Some((_, expected))) = (placeholder.kind, declared) {
            if kind != *expected {
                problems.push(format!(
                    "{tag} {key}: {{{{ {} }}}} is a {expected:?} in en-US, not a {kind:?}",
                    placeholder.name
                ));
            }
        }
    }
}

fn audit_codes(table: &Map<String, Value>) -> BTreeSet<String> {
    table
        .get("audit_actions")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Generating

/// `free_licenses` → `FreeLicenses`.
fn camel(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_ascii_uppercase().to_string() + chars.as_str())
        })
        .collect()
}

fn text<'a>(table: &'a Map<String, Value>, key: &str) -> &'a str {
    table.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The generated module: `Strings` with a field per plain message, the
/// argument structs (`msg`), one method per templated message, the key
/// lists a loaded language is read by, and each compiled locale's table.
fn generate(messages: &[Message], files: &[Map<String, Value>]) -> String {
    let mut code = String::from(
        "// Generated by build.rs from locales/*.json: edit those files, not this.\n\n",
    );
    strings_struct(&mut code, messages, &files[0]);
    argument_structs(&mut code, messages);
    methods(&mut code, messages, &files[0]);
    key_lists(&mut code, messages);
    for ((tag, variant, _), table) in LOCALES.iter().zip(files) {
        compiled_table(&mut code, tag, variant, table, messages);
    }
    code
}

fn strings_struct(code: &mut String, messages: &[Message], en: &Map<String, Value>) {
    code.push_str("/// Every user-visible string of one language: plain messages as fields,\n/// templated ones as methods (below).\npub struct Strings {\n");
    for m in messages.iter().filter(|m| m.is_plain()) {
        let _ = writeln!(
            code,
            "    /// en-US: {:?}\n    pub {}: &'static str,",
            text(en, &m.key),
            m.key
        );
    }
    code.push_str(
        "    pub(super) locale: super::Locale,\n    /// Templated messages' texts (a plural one's `_other` form), in `TEMPLATES` order.\n    pub(super) templates: &'static [&'static str],\n    /// Plural messages' `_one` form, where the language has one.\n    pub(super) ones: &'static [Option<&'static str>],\n    pub audit_actions: &'static [(&'static str, &'static str)],\n}\n\n",
    );
}

/// One struct of named arguments per message that takes two or more.
fn argument_structs(code: &mut String, messages: &[Message]) {
    code.push_str("/// The named arguments of messages that take more than one.\npub mod msg {\n");
    for m in messages.iter().filter(|m| m.args.len() > 1) {
        let lifetime = if m.args.iter().any(|(_, k)| k.borrows()) { "<'a>" } else { "" };
        let _ = writeln!(code, "    pub struct {}{lifetime} {{", camel(&m.key));
        for (name, kind) in &m.args {
            let _ = writeln!(code, "        pub {name}: {},", kind.rust());
        }
        code.push_str("    }\n");
    }
    code.push_str("}\n\n");
}

/// `t.cart_button(3)`, `t.signed_in_as(msg::SignedInAs { name, role })`.
fn methods(code: &mut String, messages: &[Message], en: &Map<String, Value>) {
    code.push_str("#[allow(clippy::needless_lifetimes)]\nimpl Strings {\n");
    let templates = messages.iter().filter(|m| !m.is_plain());
    for (index, m) in templates.enumerate() {
        let doc = if m.plural { text(en, &format!("{}_other", m.key)) } else { text(en, &m.key) };
        let (params, values) = match m.args.as_slice() {
            [(name, kind)] => (
                format!("{name}: {}", kind.rust().replace("'a ", "")),
                format!("(\"{name}\", Arg::{}({name}))", kind.variant()),
            ),
            args => {
                let lifetime = if args.iter().any(|(_, k)| k.borrows()) { "<'_>" } else { "" };
                let values: Vec<String> = args
                    .iter()
                    .map(|(name, kind)| format!("(\"{name}\", Arg::{}(a.{name}))", kind.variant()))
                    .collect();
                (format!("a: msg::{}{lifetime}", camel(&m.key)), values.join(", "))
            }
        };
        let count = match (m.plural, m.args.len()) {
            (false, _) => "None",
            (true, 1) => "Some(count)",
            (true, _) => "Some(a.count)",
        };
        let _ = writeln!(
            code,
            "    /// en-US: {doc:?}\n    pub fn {}(&self, {params}) -> String {{\n        self.fill({index}, {count}, &[{values}])\n    }}",
            m.key
        );
    }
    code.push_str("}\n\n");
}

/// The keys a language loaded at run time is read by, in table order.
fn key_lists(code: &mut String, messages: &[Message]) {
    let keys = |plain: bool| -> String {
        messages
            .iter()
            .filter(|m| m.is_plain() == plain)
            .map(|m| format!("{:?}", m.key))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(code, "/// Plain messages' keys, in field order.\npub static PLAIN: &[&str] = &[{}];\n/// Templated messages' keys, in method order.\npub static TEMPLATES: &[&str] = &[{}];\n", keys(true), keys(false));
    code.push_str("/// The strings of a language read at run time (`runtime::Table`).\npub fn runtime_strings(locale: super::Locale, table: &super::runtime::Table) -> Strings {\n    let p = table.plain();\n    Strings {\n");
    for (index, m) in messages.iter().filter(|m| m.is_plain()).enumerate() {
        let _ = writeln!(code, "        {}: p[{index}],", m.key);
    }
    code.push_str("        locale,\n        templates: table.templates(),\n        ones: table.ones(),\n        audit_actions: table.audit_actions(),\n    }\n}\n\n");
    code.push_str("/// Where two tables say different things (a loaded language against its compiled table).\n#[cfg(test)]\npub fn differences(a: &Strings, b: &Strings) -> Vec<String> {\n    let mut out = Vec::new();\n");
    for m in messages.iter().filter(|m| m.is_plain()) {
        let _ = writeln!(code, "    if a.{0} != b.{0} {{ out.push(\"{0}\".into()); }}", m.key);
    }
    code.push_str("    for (i, key) in TEMPLATES.iter().enumerate() {\n        if a.templates[i] != b.templates[i] || a.ones[i] != b.ones[i] { out.push(key.to_string()); }\n    }\n    if a.audit_actions != b.audit_actions { out.push(\"audit_actions\".into()); }\n    out\n}\n\n");
}

/// One locale's table as a static. Only en-US is compiled into the browser
/// build (the first paint needs no fetch); the others natively too (tests),
/// while the browser fetches the one chosen (src/i18n/runtime.rs), so they
/// stay out of the first download.
fn compiled_table(
    code: &mut String,
    tag: &str,
    variant: &str,
    table: &Map<String, Value>,
    messages: &[Message],
) {
    if tag != "en-US" {
        code.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
    }
    let name = tag.replace('-', "_").to_uppercase();
    let _ = writeln!(code, "pub static {name}: Strings = Strings {{");
    for m in messages.iter().filter(|m| m.is_plain()) {
        let _ = writeln!(code, "    {}: {:?},", m.key, text(table, &m.key));
    }
    let _ = writeln!(code, "    locale: super::Locale::{variant},\n    templates: &[");
    for m in messages.iter().filter(|m| !m.is_plain()) {
        let key = if m.plural { format!("{}_other", m.key) } else { m.key.clone() };
        let _ = writeln!(code, "        {:?},", text(table, &key));
    }
    code.push_str("    ],\n    ones: &[\n");
    for m in messages.iter().filter(|m| !m.is_plain()) {
        match table.get(&format!("{}_one", m.key)).and_then(Value::as_str) {
            Some(one) if m.plural => {
                let _ = writeln!(code, "        Some({one:?}),");
            }
            _ => code.push_str("        None,\n"),
        }
    }
    code.push_str("    ],\n    audit_actions: &[\n");
    for (action, label) in
        table.get("audit_actions").and_then(Value::as_object).into_iter().flatten()
    {
        let _ = writeln!(code, "        ({action:?}, {:?}),", label.as_str().unwrap_or_default());
    }
    code.push_str("    ],\n};\n\n");
}

/// Each locale file's fingerprint, so a fetch never meets a file cached
/// from another release.
fn versions(dir: &Path) -> String {
    let mut code = String::from("/// A fingerprint of each locale file's text, for its address.\npub fn locale_version(tag: &str) -> &'static str {\n    match tag {\n");
    for (tag, ..) in LOCALES {
        let text = std::fs::read(dir.join(format!("{tag}.json"))).expect("read above");
        // FNV-1a, 64 bits: stable across builds, no dependency.
        let hash = text.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        let _ = writeln!(code, "        {tag:?} => \"{hash:016x}\",");
    }
    code.push_str("        _ => \"0\",\n    }\n}\n");
    code
}
