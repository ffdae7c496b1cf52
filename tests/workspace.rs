//! The workspace document: validation with paths, versions, the demos, and
//! load/save over storage (revision checks, full quota, recovery).

mod common;

use common::catalog;
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::workspace::{AdminAccess, Channel, SubscriptionStatus, Workspace};
use upgrade_center::store::document::{self, ProblemKind, Reason, CURRENT_VERSION};
use upgrade_center::store::storage::{
    MemoryStorage, StorageError, WorkspaceStorage, CORRUPT_KEY, WORKSPACE_KEY,
};
use upgrade_center::store::{self, demo, Loaded, SaveError};

/// The example document of docs/rules.md#workspace-document, exactly as
/// written there.
const SPEC_EXAMPLE: &str = r#"{
  "format": "upgrade-center.workspace",
  "version": 1,
  "today": "2026-11-21",
  "partner": { "name": "Adatum Cloud Partners", "cloud": "worldwide",
               "user": { "name": "Avery Howard", "email": "avery@adatum.example", "role": "admin_agent" } },
  "customers": [{
    "id": "contoso", "companyName": "Contoso Ltd", "domain": "contoso.example", "market": "US",
    "delegatedAdmin": { "granted": true, "services": null },
    "soldTo": { "name": "Contoso Ltd", "address": ["1 Main St"], "city": "Seattle", "postalCode": "98101", "country": "US" },
    "billTo": { "name": "Contoso Accounts", "email": "ap@contoso.example", "address": ["1 Main St"], "city": "Seattle", "postalCode": "98101", "country": "US" },
    "subscriptions": [{
      "id": "sub-contoso-1", "offerId": "m365-business-basic", "friendlyName": "Contoso mail",
      "status": "active", "quantity": 25, "billingCycle": "monthly", "channel": "partner",
      "parentSubscriptionId": null, "periodStart": "2026-11-01", "periodEnd": "2026-12-01", "autoRenew": true
    }],
    "users": [{ "id": "u-1", "displayName": "Ana Ruiz", "userPrincipalName": "ana@contoso.example",
                "usageLocation": "US", "licenses": ["sub-contoso-1"] }]
  }],
  "orders": [],
  "audit": []
}"#;

fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(SPEC_EXAMPLE).unwrap();
    edit(&mut value);
    value.to_string()
}

fn problems(text: &str) -> document::Problems {
    document::parse(text, &catalog()).expect_err("the document must be refused")
}

fn problem(text: &str) -> document::Problem {
    problems(text).first().clone()
}

#[test]
fn the_spec_example_loads_without_app_fields() {
    let workspace = document::parse(SPEC_EXAMPLE, &catalog()).unwrap();
    assert_eq!(workspace.revision, 0);
    assert_eq!(workspace.customers[0].subscriptions[0].quantity, 25);
    assert!(workspace.cart.is_empty());
}

#[test]
fn a_document_round_trips_through_json() {
    let workspace = demo::demo(Cloud::Worldwide);
    let again = document::parse(&document::to_json(&workspace), &catalog()).unwrap();
    assert_eq!(again, workspace);
}

#[test]
fn bad_values_report_their_path() {
    let p = problem(&edited(|v| v["customers"][0]["subscriptions"][0]["status"] = "frozen".into()));
    assert_eq!(p.kind, ProblemKind::Invalid);
    assert_eq!(p.path, "customers[0].subscriptions[0].status");
    assert_eq!(
        p.reason.to_string(),
        "should be one of active, suspended, cancelled, expired, pending, but is \"frozen\""
    );

    let p = problem(&edited(|v| {
        v["customers"][0]["subscriptions"][0]["periodEnd"] = "2026-02-30".into()
    }));
    assert_eq!(p.path, "customers[0].subscriptions[0].periodEnd");

    let p = problem(&edited(|v| v["customers"][0]["subscriptions"][0]["quantity"] = (-3).into()));
    assert_eq!(p.path, "customers[0].subscriptions[0].quantity");
    assert_eq!(p.reason.to_string(), "should be a whole number of 0 or more, but is -3");

    let p = problem(&edited(|v| {
        v["customers"][0].as_object_mut().unwrap().remove("market");
    }));
    assert_eq!(p.path, "customers[0]");
    assert_eq!(p.reason, Reason::Missing);
}

#[test]
fn references_and_ids_are_checked() {
    let p =
        problem(&edited(|v| v["customers"][0]["subscriptions"][0]["offerId"] = "o365-e9".into()));
    assert_eq!(p.path, "customers[0].subscriptions[0].offerId");
    assert_eq!(p.reason, Reason::UnknownOffer { id: "o365-e9".into() });

    let p = problem(&edited(|v| v["customers"][0]["users"][0]["licenses"][0] = "sub-nope".into()));
    assert_eq!(p.path, "customers[0].users[0].licenses[0]");

    let p = problem(&edited(|v| {
        let sub = v["customers"][0]["subscriptions"][0].clone();
        v["customers"][0]["subscriptions"].as_array_mut().unwrap().push(sub);
    }));
    assert_eq!(p.path, "customers[0].subscriptions[1].id");
    assert_eq!(p.reason, Reason::Duplicate { id: "sub-contoso-1".into() });

    let p = problem(&edited(|v| {
        v["customers"][0]["subscriptions"][0]["parentSubscriptionId"] = "sub-x".into()
    }));
    assert_eq!(p.reason, Reason::BaseOfferAsAddon { offer: "m365-business-basic".into() });

    let p = problem(&edited(|v| {
        v["customers"][0]["subscriptions"][0]["periodEnd"] = "2026-11-01".into()
    }));
    assert_eq!(p.reason, Reason::EndsBeforeItStarts);

    let p = problem(&edited(|v| v["customers"][0]["market"] = "usa".into()));
    assert_eq!(p.path, "customers[0].market");
}

#[test]
fn format_and_version_are_checked_first() {
    assert_eq!(problem("{not json").kind, ProblemKind::NotJson);
    assert_eq!(problem("[1, 2]").kind, ProblemKind::WrongFormat);
    assert_eq!(
        problem(&edited(|v| v["format"] = "something.else".into())).kind,
        ProblemKind::WrongFormat
    );
    let newer = problem(&edited(|v| v["version"] = (CURRENT_VERSION + 1).into()));
    assert_eq!(newer.kind, ProblemKind::NewerVersion);
    assert_eq!(newer.path, "version");
    assert_eq!(problem(&edited(|v| v["version"] = 0.into())).kind, ProblemKind::Invalid);
}

#[test]
fn both_demos_are_valid_documents() {
    let catalog = catalog();
    for cloud in Cloud::ALL {
        let text = demo::demo_text(*cloud);
        let workspace =
            document::parse(text, &catalog).unwrap_or_else(|p| panic!("{cloud:?} demo: {p}"));
        assert_eq!(workspace.partner.cloud, *cloud);
    }
}

#[test]
fn the_worldwide_demo_has_every_case_of_spec_5_1() {
    let w = demo::demo(Cloud::Worldwide);
    let subs = || w.customers.iter().flat_map(|c| c.subscriptions.iter().map(move |s| (c, s)));
    assert!(subs().any(|(c, s)| c.market == "US" && s.offer_id == "m365-business-basic"));
    assert!(
        subs().any(|(c, s)| s.offer_id == "m365-apps-business" && c.addons_of(&s.id).count() > 0)
    );
    assert!(subs()
        .any(|(_, s)| s.status == SubscriptionStatus::Suspended
            && s.parent_subscription_id.is_none()));
    assert!(w.customers.iter().any(|c| c.delegated_admin.access() == AdminAccess::None));
    assert!(w.customers.iter().any(|c| c.delegated_admin.access() == AdminAccess::Limited));
    assert!(
        subs().any(|(_, s)| s.offer_id == "m365-apps-enterprise" && s.channel == Channel::Direct)
    );
    assert!(subs().any(|(c, s)| s.offer_id == "o365-e4"
        && c.addons_of(&s.id).any(|a| a.offer_id == "addon-extra-file-storage")
        && c.addons_of(&s.id).any(|a| a.offer_id == "addon-audio-conferencing")));
    assert!(subs()
        .any(|(_, s)| s.parent_subscription_id.is_some()
            && s.status == SubscriptionStatus::Suspended));
    assert!(subs().any(|(c, s)| c.assigned_users(&s.id) > s.quantity as usize));
    assert!(w.customers.iter().any(|c| c.users.iter().any(|u| u.usage_location.is_none())));
    assert!(subs().any(|(c, s)| c.market == "IN" && s.offer_id.ends_with("-in")));
    assert!(w
        .orders
        .iter()
        .any(|o| o.status == upgrade_center::domain::workspace::OrderStatus::CreditCheck));
}

fn stored(storage: &MemoryStorage) -> Workspace {
    document::deserialize(&storage.read(WORKSPACE_KEY).unwrap().unwrap()).unwrap()
}

#[test]
fn nothing_stored_starts_on_the_demo_without_writing() {
    let storage = MemoryStorage::default();
    assert!(matches!(store::load(&storage, &catalog()).unwrap(), Loaded::Nothing));
    assert_eq!(storage.read(WORKSPACE_KEY).unwrap(), None);
}

#[test]
fn saves_bump_the_revision_and_refuse_stale_tabs() {
    let storage = MemoryStorage::default();
    let first = store::save(&storage, &demo::demo(Cloud::Worldwide)).unwrap();
    assert_eq!(first.revision, 1);
    let mut tab_a = first.clone();
    let mut tab_b = first.clone();
    tab_a.partner.name = "Tab A".into();
    let saved_a = store::save(&storage, &tab_a).unwrap();
    assert_eq!(saved_a.revision, 2);
    tab_b.partner.name = "Tab B".into();
    assert_eq!(store::save(&storage, &tab_b), Err(SaveError::Stale { stored: 2, ours: 1 }));
    assert_eq!(stored(&storage).partner.name, "Tab A");
}

#[test]
fn a_full_quota_keeps_the_last_good_state() {
    let saved_len = document::to_json(&demo::demo(Cloud::Worldwide)).len();
    let storage = MemoryStorage::with_capacity(saved_len + 100);
    let first = store::save(&storage, &demo::demo(Cloud::Worldwide)).unwrap();
    let mut bigger = first.clone();
    bigger.partner.name = "x".repeat(500);
    assert_eq!(store::save(&storage, &bigger), Err(SaveError::Storage(StorageError::Full)));
    assert_eq!(stored(&storage), first);
}

#[test]
fn an_unreadable_document_is_left_untouched_until_the_user_starts_fresh() {
    let storage = MemoryStorage::default();
    storage
        .write(WORKSPACE_KEY, "{\"format\": \"upgrade-center.workspace\", \"version\": 1, oops")
        .unwrap();
    let Loaded::Unreadable { raw, problems } = store::load(&storage, &catalog()).unwrap() else {
        panic!("expected the recovery case");
    };
    let problems = problems.unwrap_or_else(|| document::diagnose(&raw));
    assert_eq!(problems.kind(), ProblemKind::NotJson);
    assert_eq!(storage.read(WORKSPACE_KEY).unwrap().as_deref(), Some(raw.as_str()));
    let fresh = store::start_fresh(&storage, &raw, &demo::demo(Cloud::Worldwide)).unwrap();
    assert_eq!(storage.read(CORRUPT_KEY).unwrap().as_deref(), Some(raw.as_str()));
    assert_eq!(stored(&storage), fresh);
}

#[test]
fn replace_continues_the_revision_sequence() {
    let storage = MemoryStorage::default();
    let first = store::save(&storage, &demo::demo(Cloud::Worldwide)).unwrap();
    let replaced = store::replace(&storage, &demo::demo(Cloud::China)).unwrap();
    assert_eq!(replaced.revision, first.revision + 1);
    assert_eq!(stored(&storage).partner.cloud, Cloud::China);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text at all is either a workspace or a problem with a reason.
        #[test]
        fn any_text_parses_or_is_refused(text in ".{0,200}") {
            if let Err(problems) = document::parse(&text, &catalog()) {
                prop_assert!(!problems.to_string().is_empty());
            }
        }

        /// The demo with one byte cut out or one value swapped is handled too.
        #[test]
        fn damaged_demos_parse_or_are_refused(cut in 0usize..33_000, value in prop::sample::select(vec!["null", "-1", "\"x\"", "[]", "{}", "1e400", "true"])) {
            let text = demo::demo_text(Cloud::Worldwide);
            let cut = cut % text.len();
            if text.is_char_boundary(cut) && text.is_char_boundary(cut + 1) {
                let mut damaged = text.to_string();
                damaged.remove(cut);
                let _ = document::parse(&damaged, &catalog());
            }
            // Replace the first value after a random key with another type.
            if let Some(colon) = text[cut..].find(": ").map(|i| cut + i + 2) {
                let end = text[colon..].find([',', '\n']).map_or(text.len(), |i| colon + i);
                let swapped = format!("{}{}{}", &text[..colon], value, &text[end..]);
                if let Err(problems) = document::parse(&swapped, &catalog()) {
                    prop_assert!(problems.iter().all(|p| !p.to_string().is_empty()));
                }
            }
        }
    }
}

#[test]
fn an_import_is_logged_on_the_imported_date_after_everything_it_holds() {
    use upgrade_center::domain::clock::Timestamp;
    use upgrade_center::domain::date::Date;
    use upgrade_center::domain::settings;
    let mut imported = demo::demo(Cloud::Worldwide);
    imported.today = Date::parse("2027-03-10");
    let latest = Timestamp::parse("2027-03-10T18:00:00Z").unwrap();
    let mut last = imported.audit.last().cloned().expect("the demo has audit entries");
    last.at = latest.to_rfc3339();
    imported.audit.push(last);
    // The workspace being replaced was on 21 Nov 2026, at 09:30.
    let now = Timestamp::parse("2026-11-21T09:30:00Z").unwrap();
    settings::record_import(&mut imported, "book.json", now, "Ana");
    let entry = imported.audit.last().unwrap();
    assert_eq!(entry.code(), "workspace_imported");
    assert_eq!(entry.at, latest.to_rfc3339(), "never before the newest entry it holds");
    imported.audit.pop();
    imported.audit.pop();
    settings::record_import(&mut imported, "book.json", now, "Ana");
    assert_eq!(
        imported.audit.last().unwrap().at,
        Timestamp::parse("2027-03-10T09:30:00Z").unwrap().to_rfc3339(),
        "on the imported date"
    );
}

/// A stored document whose head is right but one field is not: opening it
/// names nothing (the first download has no part-by-part reader), and the
/// recovery screen's `diagnose` names the field.
#[test]
fn a_broken_field_is_named_by_the_recovery_reader_not_by_the_opening() {
    let storage = MemoryStorage::default();
    let mut document: serde_json::Value =
        serde_json::from_str(demo::demo_text(Cloud::Worldwide)).unwrap();
    document["customers"][1]["subscriptions"][0]["quantity"] = "many".into();
    let text = serde_json::to_string(&document).unwrap();
    storage.write(WORKSPACE_KEY, &text).unwrap();
    let Loaded::Unreadable { raw, problems } = store::load(&storage, &catalog()).unwrap() else {
        panic!("expected the recovery case");
    };
    assert_eq!(problems, None);
    let diagnosed = document::diagnose(&raw);
    assert_eq!(diagnosed, document::parse(&raw, &catalog()).unwrap_err());
    assert!(
        diagnosed.to_string().contains("customers[1].subscriptions[0].quantity"),
        "{diagnosed}"
    );
}
