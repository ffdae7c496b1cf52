//! The workspace document as stored, exported and imported: parsing, version
//! checks, migrations and validation. Every problem names a path and a reason.

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use serde::Deserialize;
use std::fmt;

pub const FORMAT: &str = "upgrade-center.workspace";
/// The newest document version this build reads and writes.
pub const CURRENT_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON at all.
    NotJson,
    /// JSON, but not a workspace document.
    WrongFormat,
    /// Written by a newer version of the app.
    NewerVersion,
    /// A workspace document with a field that is missing, mistyped or inconsistent.
    Invalid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Where in the document, e.g. `customers[0].subscriptions[2].status`; empty for the whole.
    pub path: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl Problem {
    fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem { kind: ProblemKind::Invalid, path: path.into(), reason: reason.into() }
    }
}

/// The two fields read before anything else, to tell a foreign or newer
/// document from a broken one.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u64>,
}

/// Parses, migrates and validates a stored or imported document.
pub fn parse(text: &str, catalog: &Catalog) -> Result<Workspace, Problem> {
    let head: Head = serde_json::from_str(text).map_err(|error| Problem {
        kind: if error.is_data() { ProblemKind::WrongFormat } else { ProblemKind::NotJson },
        path: String::new(),
        reason: error.to_string(),
    })?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(Problem {
            kind: ProblemKind::WrongFormat,
            path: "format".into(),
            reason: format!("expected \"{FORMAT}\""),
        });
    }
    let version = head.version.ok_or_else(|| Problem {
        kind: ProblemKind::WrongFormat,
        path: "version".into(),
        reason: "expected a whole number".into(),
    })?;
    if version > u64::from(CURRENT_VERSION) {
        return Err(Problem {
            kind: ProblemKind::NewerVersion,
            path: "version".into(),
            reason: format!("version {version} is newer than this app reads ({CURRENT_VERSION})"),
        });
    }
    if version < 1 {
        return Err(Problem::invalid("version", "versions start at 1"));
    }
    let workspace = migrate(deserialize(text)?);
    let problems = super::validate::validate(&workspace, catalog);
    match problems.into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(workspace),
    }
}

/// Builds the typed document, naming the path of the first field that does
/// not fit. The one place a workspace is deserialized (stored, imported, demo).
pub fn deserialize(text: &str) -> Result<Workspace, Problem> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        Problem::invalid(if path == "." { String::new() } else { path }, error.inner().to_string())
    })
}

/// Brings an older document up to [`CURRENT_VERSION`]. Version 1 is the first
/// released format, so there is nothing to rewrite yet; each future version
/// adds one step here, applied in order.
fn migrate(mut workspace: Workspace) -> Workspace {
    workspace.version = CURRENT_VERSION;
    workspace
}

/// The document as written to storage and to Export.
pub fn to_json(workspace: &Workspace) -> String {
    serde_json::to_string(workspace).expect("a workspace always serializes")
}

/// The revision of a stored document, without building it; 0 when it has none
/// or cannot be read.
pub fn stored_revision(text: &str) -> u64 {
    // This app writes `revision` third, right after format and version: read
    // it from the head instead of scanning megabytes on every save.
    let head = &text[..text.len().min(120)];
    let prefix = format!("{{\"format\":\"{FORMAT}\",\"version\":{CURRENT_VERSION},\"revision\":");
    if let Some(rest) = head.strip_prefix(&prefix) {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(revision) = digits.parse() {
            return revision;
        }
    }
    #[derive(Deserialize)]
    struct Revision {
        #[serde(default)]
        revision: u64,
    }
    serde_json::from_str::<Revision>(text).map(|r| r.revision).unwrap_or(0)
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
        assert_eq!(stored_revision(r#"{"revision": 12, "format": "upgrade-center.workspace", "version": 1}"#), 12);
        assert_eq!(stored_revision("not json"), 0);
    }
}
