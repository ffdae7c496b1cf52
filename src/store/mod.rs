//! The workspace document and where it is kept: parsing, validation and
//! migration (`document`, `validate`), the built-in demos, and load/save over
//! any [`WorkspaceStorage`] with revision checks.

pub mod demo;
pub mod document;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod partner_center;
pub mod problem;
pub mod storage;
pub mod text;
pub mod validate;

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use problem::Problems;
use storage::{StorageError, WorkspaceStorage, CORRUPT_KEY, WORKSPACE_KEY};
use text::DocumentText;

/// What start-up found in storage. Made once at start-up and taken apart at
/// once, so the workspace is not boxed to even the variants' sizes.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// Nothing stored: the app starts on the demo (see `demo`), written by
    /// the first change.
    Nothing,
    Stored(Workspace),
    /// Something is stored that cannot be used; it stays untouched.
    Unreadable {
        raw: String,
        /// `None` when the text does not deserialize: the recovery screen
        /// asks `document::diagnose` where and why.
        problems: Option<Problems>,
    },
}

pub fn load(storage: &dyn WorkspaceStorage, catalog: &Catalog) -> Result<Loaded, StorageError> {
    Ok(match storage.read(WORKSPACE_KEY)? {
        None => Loaded::Nothing,
        Some(raw) => match document::open(&raw, catalog) {
            Ok(workspace) => Loaded::Stored(workspace),
            Err(problems) => Loaded::Unreadable { raw, problems },
        },
    })
}

#[derive(Debug, PartialEq, Eq)]
pub enum SaveError {
    Storage(StorageError),
    /// Another tab saved a newer revision; this tab must reload before changing.
    Stale {
        stored: u64,
        ours: u64,
    },
}

/// Writes `workspace` as the next revision, unless storage holds a newer one
/// than the revision this change was based on. Returns the saved document.
pub fn save(storage: &dyn WorkspaceStorage, workspace: &Workspace) -> Result<Workspace, SaveError> {
    let mut next = workspace.clone();
    save_in_place(storage, &mut next, &mut DocumentText::default())?;
    Ok(next)
}

/// [`save`] without a copy: on success `workspace.revision` is the revision
/// written; on failure the workspace is as it was. At partner scale the
/// document is megabytes, so the app saves this way, and `text` keeps what
/// the last save wrote, so only what changed since is serialized again.
pub fn save_in_place(
    storage: &dyn WorkspaceStorage,
    workspace: &mut Workspace,
    text: &mut DocumentText,
) -> Result<u64, SaveError> {
    let stored = stored_revision(storage).map_err(SaveError::Storage)?;
    if stored > workspace.revision {
        return Err(SaveError::Stale { stored, ours: workspace.revision });
    }
    let ours = workspace.revision;
    workspace.revision = stored.max(ours) + 1;
    let written = storage.write(WORKSPACE_KEY, &text.write(workspace));
    if let Err(error) = written {
        workspace.revision = ours;
        return Err(SaveError::Storage(error));
    }
    Ok(workspace.revision)
}

/// The revision storage holds (0 for none). Read off the head of a document
/// this app wrote: every save checks it, and the whole is megabytes.
fn stored_revision(storage: &dyn WorkspaceStorage) -> Result<u64, StorageError> {
    let Some(head) = storage.read_head(WORKSPACE_KEY, document::HEAD_CHARS)? else {
        return Ok(0);
    };
    if let Some(revision) = document::written_revision(&head) {
        return Ok(revision);
    }
    Ok(storage.read(WORKSPACE_KEY)?.map_or(0, |text| document::stored_revision(&text)))
}

/// The user's choice on the recovery screen: keep the unreadable text aside
/// under [`CORRUPT_KEY`], then start on `fresh`.
pub fn start_fresh(
    storage: &dyn WorkspaceStorage,
    raw: &str,
    fresh: &Workspace,
) -> Result<Workspace, StorageError> {
    storage.write(CORRUPT_KEY, raw)?;
    let mut next = fresh.clone();
    next.revision = 1;
    storage.write(WORKSPACE_KEY, &document::to_json(&next))?;
    Ok(next)
}

/// Replaces the stored workspace wholesale (import, reset to a demo), as the
/// next revision after whatever is stored.
pub fn replace(
    storage: &dyn WorkspaceStorage,
    workspace: &Workspace,
) -> Result<Workspace, StorageError> {
    let stored = stored_revision(storage)?;
    let mut next = workspace.clone();
    next.revision = stored + 1;
    storage.write(WORKSPACE_KEY, &document::to_json(&next))?;
    Ok(next)
}
