//! The `localStorage` adapter in a real browser (headless Chromium):
//! round trip, a corrupt document left untouched, and a full quota.
#![cfg(target_arch = "wasm32")]

mod common;

use common::catalog;
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::store::local::LocalStorage;
use upgrade_center::store::storage::{StorageError, WorkspaceStorage, WORKSPACE_KEY};
use upgrade_center::store::{self, demo, document, Loaded};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_saved_workspace_loads_back_identical() {
    clear();
    let storage = LocalStorage::open().unwrap();
    let mut workspace = demo::demo(Cloud::Worldwide);
    workspace.partner.name = "Round Trip Partners".into();
    let saved = store::save(&storage, &workspace).unwrap();
    match store::load(&storage, &catalog()).unwrap() {
        Loaded::Stored(loaded) => assert_eq!(loaded, saved),
        other => panic!("expected the stored workspace, got {other:?}"),
    }
    let raw = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(WORKSPACE_KEY)
        .unwrap();
    assert_eq!(raw.as_deref(), Some(document::to_json(&saved).as_str()));
}

/// The adapter reads through the browser's encoder, and cuts the head in
/// JavaScript: text outside ASCII (Chinese, a character outside the BMP)
/// comes back exactly, and the head of a saved document gives its revision.
#[wasm_bindgen_test]
fn any_text_reads_back_exactly_whole_and_by_its_head() {
    clear();
    let storage = LocalStorage::open().unwrap();
    let text = "世纪互联 Åsa 1.000,50 € 😀 \u{0} end";
    storage.write("probe", text).unwrap();
    assert_eq!(storage.read("probe").unwrap().as_deref(), Some(text));
    assert_eq!(storage.read_head("probe", 4).unwrap().as_deref(), Some("世纪互联"));
    assert_eq!(storage.read("missing").unwrap(), None);
    assert_eq!(storage.read_head("missing", 4).unwrap(), None);

    let mut workspace = demo::demo(Cloud::China);
    workspace.partner.name = "世纪互联数据中心合作伙伴".into();
    let saved = store::save(&storage, &workspace).unwrap();
    let head = storage.read_head(WORKSPACE_KEY, document::HEAD_CHARS).unwrap().unwrap();
    assert_eq!(document::written_revision(&head), Some(saved.revision));
    // A second save is based on the first: the head read says so.
    let again = store::save(&storage, &saved).unwrap();
    assert_eq!(again.revision, saved.revision + 1);
}

#[wasm_bindgen_test]
fn a_corrupt_document_is_reported_and_left_untouched() {
    clear();
    let storage = LocalStorage::open().unwrap();
    let corrupt = "{\"format\":\"upgrade-center.workspace\",\"version\":1,\"customers\":[";
    storage.write(WORKSPACE_KEY, corrupt).unwrap();
    assert!(matches!(store::load(&storage, &catalog()).unwrap(), Loaded::Unreadable { .. }));
    assert_eq!(storage.read(WORKSPACE_KEY).unwrap().as_deref(), Some(corrupt));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_keeps_the_last_good_state() {
    clear();
    let storage = LocalStorage::open().unwrap();
    let good = store::save(&storage, &demo::demo(Cloud::Worldwide)).unwrap();
    let mut huge = good.clone();
    // Chromium keeps about 5 Mi characters per origin.
    huge.partner.name = "x".repeat(6 * 1024 * 1024);
    assert_eq!(store::save(&storage, &huge), Err(store::SaveError::Storage(StorageError::Full)));
    assert_eq!(
        storage.read(WORKSPACE_KEY).unwrap().as_deref(),
        Some(document::to_json(&good).as_str())
    );
}
