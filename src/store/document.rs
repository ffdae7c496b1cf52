//! The workspace document as stored, exported and imported: parsing, version
//! checks, migrations and validation. Every problem names a path and a reason.

pub use super::problem::{Problem, ProblemKind, Problems, Reason};

use super::problem::{from_serde, MAX_PROBLEMS};
use crate::domain::catalog::Catalog;
use crate::domain::workspace::{
    AuditEntry, CartLine, Commerce, Customer, Order, Subscription, User, Workspace,
};
use crate::json_path;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

pub const FORMAT: &str = "upgrade-center.workspace";
/// The newest document version this build reads and writes.
pub const CURRENT_VERSION: u32 = 1;

/// The two fields read before anything else, to tell a foreign or newer
/// document from a broken one.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u64>,
}

/// Parses, migrates and validates a stored or imported document, reporting
/// every problem it finds (up to [`MAX_PROBLEMS`]).
pub fn parse(text: &str, catalog: &Catalog) -> Result<Workspace, Problems> {
    check_head(text)?;
    validated(fill_in(migrate(deserialize(text)?)), catalog)
}

/// A document as the app opens it (the stored one, another tab's): [`parse`]
/// without its part-by-part reader. `Err(None)` when the text does not
/// deserialize: [`diagnose`] then says where and why. That reader is the
/// recovery screen's, a chunk of its own, so the first download does not
/// carry it (docs/architecture.md#budgets).
pub fn open(text: &str, catalog: &Catalog) -> Result<Workspace, Option<Problems>> {
    check_head(text).map_err(Some)?;
    validated(read(text).map_err(|_| None)?, catalog).map_err(Some)
}

/// The fast path alone, with no head or rule checked: a document this app
/// trusts (its own demo), or the first step of [`open`].
pub fn read(text: &str) -> Result<Workspace, serde_json::Error> {
    serde_json::from_str(text).map(|workspace| fill_in(migrate(workspace)))
}

/// The workspace, or every rule it breaks.
fn validated(workspace: Workspace, catalog: &Catalog) -> Result<Workspace, Problems> {
    match Problems::from_list(super::validate::validate(&workspace, catalog)) {
        Some(problems) => Err(problems),
        None => Ok(workspace),
    }
}

/// What is wrong with a document [`open`] could not deserialize, part by part.
pub fn diagnose(text: &str) -> Problems {
    match check_head(text).and_then(|()| deserialize(text)) {
        Err(problems) => problems,
        // Read after all: nothing to name but the document.
        Ok(_) => Problems::one(Problem::invalid("", Reason::NotAWorkspace)),
    }
}

/// The format and version a document says it has, checked before anything else.
fn check_head(text: &str) -> Result<(), Problems> {
    let head = written_head(text).map_or_else(|| read_head(text), Ok)?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(Problems::one(Problem {
            kind: ProblemKind::WrongFormat,
            path: "format".into(),
            reason: Reason::NotAWorkspace,
        }));
    }
    let Some(version) = head.version else {
        return Err(Problems::one(Problem {
            kind: ProblemKind::WrongFormat,
            path: "version".into(),
            reason: Reason::Missing,
        }));
    };
    if version > u64::from(CURRENT_VERSION) {
        return Err(Problems::one(Problem {
            kind: ProblemKind::NewerVersion,
            path: "version".into(),
            reason: Reason::NewerVersion { found: version, known: CURRENT_VERSION },
        }));
    }
    if version < 1 {
        return Err(Problems::one(Problem::invalid("version", Reason::VersionTooOld)));
    }
    Ok(())
}

/// The head of a document this app wrote: `format` and `version` come first,
/// so they are read off the first bytes instead of parsing megabytes twice.
fn written_head(text: &str) -> Option<Head> {
    let version = number_after(text, &format!("{{\"format\":\"{FORMAT}\",\"version\":"))?;
    Some(Head { format: Some(FORMAT.to_string()), version: Some(version) })
}

/// The whole number right after `prefix` at the very start of `text`. Matched
/// as bytes: any text may follow (a partner named in Chinese), so cutting the
/// string at a fixed byte could land inside a character.
fn number_after(text: &str, prefix: &str) -> Option<u64> {
    let rest = text.as_bytes().strip_prefix(prefix.as_bytes())?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// The head of any other text: written by hand, by another tool, or not JSON.
fn read_head(text: &str) -> Result<Head, Problems> {
    serde_json::from_str(text).map_err(|error| {
        Problems::one(if error.is_data() {
            Problem {
                kind: ProblemKind::WrongFormat,
                path: String::new(),
                reason: Reason::NotAWorkspace,
            }
        } else {
            Problem {
                kind: ProblemKind::NotJson,
                path: String::new(),
                reason: Reason::NotJson { line: error.line(), column: error.column() },
            }
        })
    })
}

/// Builds the typed document. The one place a workspace is deserialized
/// (stored, imported, demo). Reading straight from the text is the fast path;
/// only when that fails is the document walked part by part, so that every
/// broken field is reported, not just the first.
pub fn deserialize(text: &str) -> Result<Workspace, Problems> {
    let error = match typed::<Workspace>(text, "") {
        Ok(workspace) => return Ok(workspace),
        Err(problem) => problem,
    };
    let problems = match serde_json::from_str::<Value>(text) {
        Ok(value) => structural_problems(&value),
        // Cut off or garbled: not JSON at all, whatever its head said.
        Err(syntax) => vec![Problem {
            kind: ProblemKind::NotJson,
            path: String::new(),
            reason: Reason::NotJson { line: syntax.line(), column: syntax.column() },
        }],
    };
    Err(Problems::from_list(problems).unwrap_or_else(|| Problems::one(error)))
}

/// Deserializes one part, naming the path (under `prefix`) of what does not fit.
fn typed<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, Problem> {
    serde_json::from_str(text).map_err(|error| {
        let inner = json_path::path_at(text, error.line(), error.column());
        let mut path = prefix.to_string();
        if !inner.is_empty() {
            if !path.is_empty() && !inner.starts_with('[') {
                path.push('.');
            }
            path.push_str(&inner);
        }
        Problem::invalid(path, from_serde(&json_path::message(&error)))
    })
}

/// Every part of the document that does not deserialize: the top level, each
/// customer, each of its subscriptions and users, each order, audit entry and
/// cart line, checked one by one so one bad field does not hide the next.
fn structural_problems(document: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(object) = document.as_object() else {
        return vec![Problem {
            kind: ProblemKind::WrongFormat,
            path: String::new(),
            reason: Reason::NotAWorkspace,
        }];
    };
    // The top level with its lists emptied, then each element of each list.
    check::<Workspace>(
        &with_empty_lists(document, &["customers", "orders", "audit", "cart"]),
        String::new(),
        &mut problems,
    );
    let elements =
        |name: &str| object.get(name).and_then(Value::as_array).into_iter().flatten().enumerate();
    for (i, customer) in elements("customers") {
        let path = format!("customers[{i}]");
        check::<Customer>(
            &with_empty_lists(customer, &["subscriptions", "users"]),
            path.clone(),
            &mut problems,
        );
        let children = |name: &str| {
            customer.get(name).and_then(Value::as_array).into_iter().flatten().enumerate()
        };
        for (j, subscription) in children("subscriptions") {
            check::<Subscription>(
                subscription,
                format!("{path}.subscriptions[{j}]"),
                &mut problems,
            );
        }
        for (j, user) in children("users") {
            check::<User>(user, format!("{path}.users[{j}]"), &mut problems);
        }
    }
    for (i, order) in elements("orders") {
        check::<Order>(order, format!("orders[{i}]"), &mut problems);
    }
    for (i, entry) in elements("audit") {
        check::<AuditEntry>(entry, format!("audit[{i}]"), &mut problems);
    }
    for (i, line) in elements("cart") {
        check::<CartLine>(line, format!("cart[{i}]"), &mut problems);
    }
    problems
}

/// Adds the problem of one part, if it has one and the list is not full yet.
/// The part is read back from its own text with the fast path's deserializer:
/// deserializing from a `Value` would compile every typed reader a second
/// time (tens of kilobytes of wasm) for a path only a broken file takes.
fn check<T: DeserializeOwned>(part: &Value, path: String, problems: &mut Vec<Problem>) {
    if problems.len() <= MAX_PROBLEMS {
        if let Err(problem) = typed::<T>(&part.to_string(), &path) {
            problems.push(problem);
        }
    }
}

/// `value` with the named lists emptied, to check its own fields alone.
fn with_empty_lists(value: &Value, lists: &[&str]) -> Value {
    let mut shell = value.clone();
    if let Some(fields) = shell.as_object_mut() {
        for list in lists {
            if fields.get(*list).is_some_and(Value::is_array) {
                fields.insert((*list).into(), Value::Array(Vec::new()));
            }
        }
    }
    shell
}

/// Brings an older document up to [`CURRENT_VERSION`]. Version 1 is the first
/// released format, so there is nothing to rewrite yet; each future version
/// adds one step here, applied in order.
fn migrate(mut workspace: Workspace) -> Workspace {
    workspace.version = CURRENT_VERSION;
    workspace
}

/// What a document may leave out and the app assumes: a new-commerce
/// subscription without batches has one, of all its licences, at its term's
/// start (docs/rules.md#new-commerce).
fn fill_in(mut workspace: Workspace) -> Workspace {
    let subscriptions = workspace.customers.iter_mut().flat_map(|c| c.subscriptions.iter_mut());
    for s in subscriptions.filter(|s| s.commerce == Commerce::Nce && s.seat_batches.is_empty()) {
        if let Some(start) = s.term_start {
            s.seat_batches.push(crate::domain::nce::merged_batch(s.quantity, start));
        }
    }
    workspace
}

/// The document as written to storage and to Export.
pub fn to_json(workspace: &Workspace) -> String {
    serde_json::to_string(workspace).expect("a workspace always serializes")
}

/// The revision of a stored document, without building it; 0 when it has none
/// or cannot be read.
pub fn stored_revision(text: &str) -> u64 {
    if let Some(revision) = written_revision(text) {
        return revision;
    }
    #[derive(Deserialize)]
    struct Revision {
        #[serde(default)]
        revision: u64,
    }
    serde_json::from_str::<Revision>(text).map(|r| r.revision).unwrap_or(0)
}

/// How many characters of a document this app wrote hold its revision.
pub const HEAD_CHARS: usize = 96;

/// The revision of a document this app wrote, read off its head (the first
/// [`HEAD_CHARS`] characters are enough): it writes `revision` third, right
/// after format and version. `None` for any other text.
pub fn written_revision(head: &str) -> Option<u64> {
    number_after(
        head,
        &format!("{{\"format\":\"{FORMAT}\",\"version\":{CURRENT_VERSION},\"revision\":"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revision_is_read_from_the_head_or_from_the_whole() {
        let mut workspace = crate::store::demo::demo(crate::domain::catalog::Cloud::Worldwide);
        workspace.revision = 4711;
        assert_eq!(stored_revision(&to_json(&workspace)), 4711);
        // Written by hand, with fields in another order.
        assert_eq!(
            stored_revision(
                r#"{"revision": 12, "format": "upgrade-center.workspace", "version": 1}"#
            ),
            12
        );
        assert_eq!(stored_revision("not json"), 0);
    }

    /// The head [`crate::store`] reads before a save holds the revision,
    /// however large it has grown.
    #[test]
    fn the_head_holds_the_revision() {
        let mut workspace = crate::store::demo::demo(crate::domain::catalog::Cloud::Worldwide);
        workspace.revision = u64::MAX;
        let head: String = to_json(&workspace).chars().take(HEAD_CHARS).collect();
        assert_eq!(written_revision(&head), Some(u64::MAX));
    }

    /// A document of this app's, cut off: its head reads fine, the rest does not.
    #[test]
    fn a_document_cut_off_after_its_head_is_not_json() {
        let mut text = to_json(&crate::store::demo::demo(crate::domain::catalog::Cloud::Worldwide));
        text.truncate(text.len() / 2);
        let catalog =
            crate::domain::catalog::Catalog::from_json(include_str!("../../assets/catalog.json"))
                .unwrap();
        assert_eq!(parse(&text, &catalog).unwrap_err().kind(), ProblemKind::NotJson);
    }

    /// The head used to be cut at byte 120, which panicked when that byte
    /// fell inside a character: every length of a Chinese name is tried.
    #[test]
    fn the_revision_is_read_whatever_text_follows_the_head() {
        for length in 0..60 {
            let mut workspace = crate::store::demo::demo(crate::domain::catalog::Cloud::China);
            workspace.revision = 7;
            workspace.partner.name =
                "世纪互联数据中心合作伙伴".chars().cycle().take(length.max(1)).collect();
            assert_eq!(stored_revision(&to_json(&workspace)), 7, "name of {length} characters");
        }
    }
}
