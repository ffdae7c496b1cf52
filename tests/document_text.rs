//! The saved document's text, rebuilt only where the workspace changed
//! (src/store/text.rs), is always exactly the whole document serialized
//! afresh: whatever changed, in whatever order, prepared in idle time or not.

mod common;

use common::*;
use proptest::prelude::*;
use upgrade_center::domain::ids::CustomerId;
use upgrade_center::domain::workspace::Workspace;
use upgrade_center::store::storage::{MemoryStorage, WorkspaceStorage, WORKSPACE_KEY};
use upgrade_center::store::text::DocumentText;
use upgrade_center::store::{self, document};

#[derive(Clone, Debug)]
enum Change {
    Licences { customer: usize, subscription: usize, quantity: u32 },
    Rename { customer: usize, name: String },
    AuditAgain { entry: usize },
    DropAudit,
    DropCustomer { customer: usize },
    CopyCustomer { customer: usize },
    Today,
    Prepare { from: usize, count: usize },
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..20usize, 0..20usize, 0..500u32).prop_map(|(customer, subscription, quantity)| {
            Change::Licences { customer, subscription, quantity }
        }),
        (0..20usize, "\\PC{0,12}").prop_map(|(customer, name)| Change::Rename { customer, name }),
        (0..20usize).prop_map(|entry| Change::AuditAgain { entry }),
        Just(Change::DropAudit),
        (0..20usize).prop_map(|customer| Change::DropCustomer { customer }),
        (0..20usize).prop_map(|customer| Change::CopyCustomer { customer }),
        Just(Change::Today),
        (0..20usize, 0..8usize).prop_map(|(from, count)| Change::Prepare { from, count }),
    ]
}

/// Applies `change` to `w` (or, for `Prepare`, to `text` only).
fn apply(w: &mut Workspace, text: &mut DocumentText, change: &Change) {
    let n = w.customers.len().max(1);
    match change {
        Change::Licences { customer, subscription, quantity } => {
            let subscriptions = &mut w.customers[customer % n].subscriptions;
            let count = subscriptions.len().max(1);
            if let Some(s) = subscriptions.get_mut(subscription % count) {
                s.quantity = *quantity;
            }
        }
        Change::Rename { customer, name } => w.customers[customer % n].company_name = name.clone(),
        Change::AuditAgain { entry } => {
            if let Some(e) = w.audit.get(entry % w.audit.len().max(1)).cloned() {
                w.audit.push(e);
            }
        }
        Change::DropAudit => drop(w.audit.pop()),
        Change::DropCustomer { customer } if w.customers.len() > 1 => {
            drop(w.customers.remove(customer % n))
        }
        Change::DropCustomer { .. } => {}
        Change::CopyCustomer { customer } => {
            let mut copy = w.customers[customer % n].clone();
            copy.id = CustomerId::new(format!("{}-copy", copy.id.as_str()));
            w.customers.push(copy);
        }
        Change::Today => w.today = w.today.map(|d| d.add_days(1)).or(Some(d("2026-11-21"))),
        Change::Prepare { from, count } => text.prepare_customers(w, *from, from + count),
    }
}

#[test]
fn the_first_write_is_the_whole_document() {
    let w = demo();
    assert_eq!(DocumentText::default().write(&w), document::to_json(&w));
}

#[test]
fn a_save_after_a_change_stores_exactly_the_changed_document() {
    let storage = MemoryStorage::default();
    let mut text = DocumentText::default();
    let mut w = demo();
    store::save_in_place(&storage, &mut w, &mut text).unwrap();
    w.customers[1].subscriptions[0].quantity += 3;
    store::save_in_place(&storage, &mut w, &mut text).unwrap();
    let stored = storage.read(WORKSPACE_KEY).unwrap().unwrap();
    assert_eq!(stored, document::to_json(&w));
    assert_eq!(document::parse(&stored, &catalog()).unwrap(), w);
}

proptest! {
    #[test]
    fn whatever_changes_the_text_is_the_document_serialized_afresh(
        changes in proptest::collection::vec(proptest::collection::vec(change(), 1..4), 1..8)
    ) {
        let mut w = demo();
        let mut text = DocumentText::default();
        for between_saves in &changes {
            for change in between_saves {
                apply(&mut w, &mut text, change);
            }
            prop_assert_eq!(text.write(&w), document::to_json(&w));
        }
    }
}
