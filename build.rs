//! Builds the translation tables from `locales/*.json`, the files a
//! translator edits, and refuses to build when they disagree: a key missing
//! in one language, a placeholder misspelt or dropped, a plural form the
//! language needs and lacks. `locales/arguments.json` (the developers' file)
//! gives each message's arguments in the order the code passes them.
//!
//! Formats: `"key": "text with {{ name }}"`; plural messages as `key_one` /
//! `key_other` (the CLDR categories; Chinese has only `other`), chosen by the
//! number the code passes first (shown as the `count` argument);
//! `audit_actions` maps action codes to labels.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The locales, with the Rust name of their table and the plural categories
/// their language uses for whole numbers.
const LOCALES: [(&str, &str, &[&str]); 4] = [
    ("en-US", "EN_US", &["one", "other"]),
    ("it-IT", "IT_IT", &["one", "other"]),
    ("sv-SE", "SV_SE", &["one", "other"]),
    ("zh-CN", "ZH_CN", &["other"]),
];
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A message as the code sees it.
enum Shape {
    Plain,
    Template(Vec<String>),
    Plural(Vec<String>),
}

/// Text and placeholders, split: `Err` names what is wrong.
fn pieces(text: &str) -> Result<Vec<(bool, String)>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push((false, rest[..start].to_string()));
        let end =
            rest[start..].find("}}").ok_or_else(|| format!("'{{{{' without '}}}}' in {text:?}"))?
                + start;
        let name = rest[start + 2..end].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("placeholder {name:?} in {text:?} is not a name"));
        }
        out.push((true, name.to_string()));
        rest = &rest[end + 2..];
    }
    if rest.contains("}}") {
        return Err(format!("'}}}}' without '{{{{' in {text:?}"));
    }
    out.push((false, rest.to_string()));
    Ok(out)
}

fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    Ok(pieces(text)?.into_iter().filter(|(is_name, _)| *is_name).map(|(_, name)| name).collect())
}

fn read(path: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => panic!("{}: expected an object of messages", path.display()),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// Rust code that builds the text from its pieces (no `format!`, so braces
/// in a translation are just text).
fn concat(text: &str) -> String {
    let mut code = String::from("{ let mut s = String::new(); ");
    for (is_name, piece) in pieces(text).expect("checked") {
        if is_name {
            let _ = write!(code, "s.push_str({piece}); ");
        } else if !piece.is_empty() {
            let _ = write!(code, "s.push_str({piece:?}); ");
        }
    }
    code.push_str("s }");
    code
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new("locales");
    let arguments: BTreeMap<String, Vec<String>> =
        serde_json::from_value(Value::Object(read(&dir.join("arguments.json"))))
            .expect("locales/arguments.json: expected { \"key\": [\"argument\", ...] }");
    let tables: Vec<Map<String, Value>> =
        LOCALES.iter().map(|(tag, ..)| read(&dir.join(format!("{tag}.json")))).collect();
    let mut problems = Vec::new();

    // The shape of every message, from the reference (en-US) and arguments.json.
    let mut shapes: BTreeMap<String, Shape> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (key, value) in &tables[0] {
        if key == "audit_actions" {
            continue;
        }
        let (base, plural) =
            match CATEGORIES.iter().find_map(|c| key.strip_suffix(&format!("_{c}"))) {
                Some(base) => (base.to_string(), true),
                None => (key.clone(), false),
            };
        if shapes.contains_key(&base) {
            continue;
        }
        order.push(base.clone());
        let args = arguments.get(&base).cloned().unwrap_or_default();
        let shape = match (plural, args.is_empty()) {
            (true, _) => {
                if !args.iter().any(|a| a == "count") {
                    problems.push(format!(
                        "plural message {base}: arguments.json must give it a \"count\""
                    ));
                }
                Shape::Plural(args)
            }
            (false, true) => Shape::Plain,
            (false, false) => Shape::Template(args),
        };
        if !value.is_string() {
            problems.push(format!("en-US {key}: expected text"));
        }
        shapes.insert(base, shape);
    }
    for key in arguments.keys().filter(|k| !shapes.contains_key(*k)) {
        problems.push(format!("arguments.json names {key}, which no message has"));
    }

    // Every locale has every message, with the same placeholders and the plural forms it needs.
    for ((tag, _, categories), table) in LOCALES.iter().zip(&tables) {
        let mut seen = BTreeSet::new();
        for (key, value) in table {
            if key == "audit_actions" {
                continue;
            }
            let Some(text) = value.as_str() else {
                problems.push(format!("{tag} {key}: expected text"));
                continue;
            };
            let (base, category) = match CATEGORIES
                .iter()
                .find_map(|c| key.strip_suffix(&format!("_{c}")).map(|b| (b, *c)))
            {
                Some((base, c)) => (base.to_string(), Some(c)),
                None => (key.clone(), None),
            };
            seen.insert(base.clone());
            let expected: BTreeSet<String> = match shapes.get(&base) {
                None => {
                    problems.push(format!("{tag} {key}: not a message of en-US (misspelt?)"));
                    continue;
                }
                Some(Shape::Plain) => BTreeSet::new(),
                Some(Shape::Template(args)) | Some(Shape::Plural(args)) => {
                    args.iter().cloned().collect()
                }
            };
            match (shapes.get(&base), category) {
                (Some(Shape::Plural(_)), Some(c)) if !categories.contains(&c) => {
                    problems.push(format!("{tag} {key}: the language has no '{c}' form"))
                }
                (Some(Shape::Plural(_)), None)
                | (Some(Shape::Plain | Shape::Template(_)), Some(_)) => {
                    problems.push(format!("{tag} {key}: plural in one language, not in another"))
                }
                _ => {}
            }
            match placeholders(text) {
                Err(why) => problems.push(format!("{tag} {key}: {why}")),
                // A plural form may leave the count out ("one user"); nothing else may.
                Ok(found) => {
                    let missing: Vec<_> = expected
                        .difference(&found)
                        .filter(|n| !(category.is_some() && *n == "count"))
                        .collect();
                    let unknown: Vec<_> = found.difference(&expected).collect();
                    if !missing.is_empty() || !unknown.is_empty() {
                        problems.push(format!(
                            "{tag} {key}: placeholders missing {missing:?}, unknown {unknown:?}"
                        ));
                    }
                }
            }
        }
        for base in order.iter().filter(|b| !seen.contains(*b)) {
            problems.push(format!("{tag}: message {base} is missing"));
        }
        for (base, shape) in &shapes {
            if let Shape::Plural(_) = shape {
                for c in categories.iter().filter(|c| !table.contains_key(&format!("{base}_{c}"))) {
                    problems.push(format!("{tag}: plural message {base} lacks its '{c}' form"));
                }
            }
        }
        let actions = |t: &Map<String, Value>| -> BTreeSet<String> {
            t.get("audit_actions")
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        if actions(table) != actions(&tables[0]) {
            problems.push(format!("{tag}: audit_actions must name the same actions as en-US"));
        }
    }
    if !problems.is_empty() {
        panic!("the translation files disagree:\n  {}", problems.join("\n  "));
    }

    // The table type, then one value of it per locale.
    let mut code = String::from(
        "// Generated by build.rs from locales/*.json: edit those files, not this.\n\n",
    );
    code.push_str("/// Every user-visible string of one language.\npub struct Strings {\n");
    for base in &order {
        let en = |k: &str| tables[0].get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let (doc, ty) = match &shapes[base] {
            Shape::Plain => (en(base), "&'static str".to_string()),
            Shape::Template(args) => {
                (en(base), format!("fn({}) -> String", vec!["&str"; args.len()].join(", ")))
            }
            Shape::Plural(args) => (
                en(&format!("{base}_other")),
                format!("fn(u64, {}) -> String", vec!["&str"; args.len()].join(", ")),
            ),
        };
        let args = match &shapes[base] {
            Shape::Plain => String::new(),
            Shape::Template(a) => format!(" ({})", a.join(", ")),
            Shape::Plural(a) => format!(" (n, {}; plural by n)", a.join(", ")),
        };
        let _ = writeln!(code, "    /// en-US: {doc:?}{args}\n    pub {base}: {ty},");
    }
    code.push_str("    pub audit_actions: &'static [(&'static str, &'static str)],\n}\n\n");

    // en-US is compiled in everywhere (the first paint needs no fetch); the
    // other languages natively too (tests), while the browser fetches the
    // one chosen (src/i18n/runtime.rs), so they stay out of the first download.
    for ((tag, name, _), table) in LOCALES.iter().zip(&tables) {
        let module = name.to_lowercase();
        if *tag != "en-US" {
            code.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
        }
        let _ = writeln!(code, "mod {module} {{\n    #![allow(clippy::all)]");
        for base in &order {
            let text =
                |k: &str| table.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            match &shapes[base] {
                Shape::Plain => {}
                Shape::Template(args) => {
                    let params: Vec<String> = args.iter().map(|a| format!("{a}: &str")).collect();
                    let _ = writeln!(
                        code,
                        "    pub fn {base}({}) -> String {}",
                        params.join(", "),
                        concat(&text(base))
                    );
                }
                Shape::Plural(args) => {
                    let params: Vec<String> = args.iter().map(|a| format!("{a}: &str")).collect();
                    let other = concat(&text(&format!("{base}_other")));
                    let body = if table.contains_key(&format!("{base}_one")) {
                        format!(
                            "if super::super::plural::is_one({tag:?}, n) {} else {other}",
                            concat(&text(&format!("{base}_one")))
                        )
                    } else {
                        other
                    };
                    let _ = writeln!(code, "    #[allow(unused_variables)]\n    pub fn {base}(n: u64, {}) -> String {{ {body} }}", params.join(", "));
                }
            }
        }
        code.push_str("}\n\n");
        if *tag != "en-US" {
            code.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
        }
        let _ = writeln!(code, "pub static {name}: Strings = Strings {{");
        for base in &order {
            match &shapes[base] {
                Shape::Plain => {
                    let _ = writeln!(
                        code,
                        "    {base}: {:?},",
                        table.get(base).and_then(Value::as_str).unwrap_or_default()
                    );
                }
                _ => {
                    let _ = writeln!(code, "    {base}: {module}::{base},");
                }
            }
        }
        code.push_str("    audit_actions: &[\n");
        for (action, label) in
            table.get("audit_actions").and_then(Value::as_object).into_iter().flatten()
        {
            let _ =
                writeln!(code, "        ({action:?}, {:?}),", label.as_str().unwrap_or_default());
        }
        code.push_str("    ],\n};\n\n");
    }
    // A language loaded at run time: its messages by position (`MESSAGES`,
    // with each one's argument names), one small function per templated
    // message that fills the active table's text, and the `Strings` over them.
    code.push_str("/// Every message's key and argument names, by position (see `runtime`).\npub static MESSAGES: &[(&str, &[&str])] = &[\n");
    for base in &order {
        let args = match &shapes[base] {
            Shape::Plain => Vec::new(),
            Shape::Template(a) | Shape::Plural(a) => a.clone(),
        };
        let _ = writeln!(code, "    ({base:?}, &{args:?}),");
    }
    code.push_str("];\n\n#[allow(clippy::all)]\nmod runtime_messages {\n    use super::super::runtime::{fill, fill_plural};\n");
    for (index, base) in order.iter().enumerate() {
        match &shapes[base] {
            Shape::Plain => {}
            Shape::Template(args) => {
                let params: Vec<String> = args.iter().map(|a| format!("{a}: &str")).collect();
                let _ = writeln!(
                    code,
                    "    pub fn {base}({}) -> String {{ fill({index}, &[{}]) }}",
                    params.join(", "),
                    args.join(", ")
                );
            }
            Shape::Plural(args) => {
                let params: Vec<String> = args.iter().map(|a| format!("{a}: &str")).collect();
                let _ = writeln!(
                    code,
                    "    pub fn {base}(n: u64, {}) -> String {{ fill_plural({index}, n, &[{}]) }}",
                    params.join(", "),
                    args.join(", ")
                );
            }
        }
    }
    code.push_str("}\n\n/// The strings of a language loaded at run time.\npub fn runtime_strings(table: &'static super::runtime::Table) -> Strings {\n    let t = table.texts();\n    Strings {\n");
    for (index, base) in order.iter().enumerate() {
        match &shapes[base] {
            Shape::Plain => {
                let _ = writeln!(code, "        {base}: t[{index}],");
            }
            _ => {
                let _ = writeln!(code, "        {base}: runtime_messages::{base},");
            }
        }
    }
    code.push_str("        audit_actions: table.audit_actions(),\n    }\n}\n\n");
    // For the test that a loaded language says what the compiled one says.
    code.push_str("#[cfg(test)]\npub fn differences(a: &Strings, b: &Strings) -> Vec<String> {\n    let mut out = Vec::new();\n");
    for base in &order {
        match &shapes[base] {
            Shape::Plain => {
                let _ = writeln!(code, "    if a.{base} != b.{base} {{ out.push(format!(\"{base}: {{:?}} / {{:?}}\", a.{base}, b.{base})); }}");
            }
            Shape::Template(args) => {
                let sample: Vec<String> = args.iter().map(|a| format!("\"<{a}>\"")).collect();
                let _ = writeln!(code, "    {{ let (x, y) = ((a.{base})({s}), (b.{base})({s})); if x != y {{ out.push(format!(\"{base}: {{x:?}} / {{y:?}}\")); }} }}", s = sample.join(", "));
            }
            Shape::Plural(args) => {
                let sample: Vec<String> = args.iter().map(|a| format!("\"<{a}>\"")).collect();
                let _ = writeln!(code, "    for n in [0, 1, 2, 5, 21] {{ let (x, y) = ((a.{base})(n, {s}), (b.{base})(n, {s})); if x != y {{ out.push(format!(\"{base}({{n}}): {{x:?}} / {{y:?}}\")); }} }}", s = sample.join(", "));
            }
        }
    }
    code.push_str("    if a.audit_actions != b.audit_actions { out.push(\"audit_actions\".into()); }\n    out\n}\n\n");
    // Each locale file's version, so a fetch never meets a file cached from another release.
    code.push_str("/// A fingerprint of each locale file's text, for its address.\npub fn locale_version(tag: &str) -> &'static str {\n    match tag {\n");
    for ((tag, ..), _) in LOCALES.iter().zip(&tables) {
        let text = std::fs::read(dir.join(format!("{tag}.json"))).expect("read above");
        // FNV-1a, 64 bits: stable across builds, no dependency.
        let hash = text.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        let _ = writeln!(code, "        {tag:?} => \"{hash:016x}\",");
    }
    code.push_str("        _ => \"0\",\n    }\n}\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("strings.rs");
    std::fs::write(out, code).expect("write the generated tables");
}
