//! Import from Partner Center (docs/rules.md#partner-center-import): the
//! reader on resources shaped as Microsoft's documentation shows them and on
//! hostile variants, the merge by id, and that no JSON makes it panic.

mod common;

use common::{catalog, d};
use serde_json::{json, Value};
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::clock::Timestamp;
use upgrade_center::domain::workspace::{BillingCycle, Commerce, SubscriptionStatus, Workspace};
use upgrade_center::store::partner_center::{self, Items, SourceFile};
use upgrade_center::store::problem::Reason;
use upgrade_center::store::{demo, document};

const CUSTOMER: &str = "4f8c2d1a-5b7e-4c3d-9a1f-0e2b3c4d5e6f";
/// Microsoft 365 Business Basic under new commerce, and its legacy offer.
const NCE_BASIC: &str = "CFQ7TTC0LH18:0001:CFQ7TTC0K5DM";

fn customer() -> Value {
    json!({
        "id": CUSTOMER,
        "companyProfile": { "tenantId": CUSTOMER, "domain": "fabrikamnorth.onmicrosoft.com", "companyName": "Fabrikam North",
            "address": { "country": "US", "city": "Redmond", "state": "WA", "addressLine1": "1 Microsoft Way", "postalCode": "98052" } },
        "billingProfile": { "firstName": "Ana", "lastName": "Ruiz", "email": "ana@fabrikamnorth.example", "companyName": "Fabrikam North AP",
            "defaultAddress": { "country": "US", "city": "Redmond", "addressLine1": "1 Microsoft Way", "postalCode": "98052" } },
        "relationshipToPartner": "reseller", "allowDelegatedAccess": true,
        "attributes": { "objectType": "Customer" }
    })
}

fn nce(id: &str) -> Value {
    json!({
        "id": id, "offerId": NCE_BASIC, "friendlyName": "Mail", "quantity": "20", "status": "Active",
        "autoRenewEnabled": true, "billingCycle": "Monthly", "termDuration": "P1Y",
        "effectiveStartDate": "2026-03-01T00:00:00Z", "commitmentEndDate": "2027-02-28T00:00:00.0000000Z",
        "refundableQuantity": { "totalQuantity": 5, "details": [{ "quantity": 5, "allowedUntilDateTime": "2026-11-25T10:00:00.1234567Z" }] },
        "scheduledNextTermInstructions": { "product": { "productId": "CFQ7TTC0LH18" }, "quantity": 12 },
        "links": { "self": { "uri": format!("/customers/{CUSTOMER}/subscriptions/{id}") } },
        "attributes": { "objectType": "Subscription" }
    })
}

fn collection(items: Vec<Value>) -> String {
    json!({ "totalCount": items.len(), "items": items, "attributes": { "objectType": "Collection" } }).to_string()
}

fn read(files: &[(&str, String)]) -> Items {
    let sources: Vec<SourceFile> =
        files.iter().map(|(name, text)| SourceFile { name, text }).collect();
    partner_center::read(&catalog(), &sources, d("2026-11-21")).unwrap()
}

fn demo_workspace() -> Workspace {
    demo::demo(Cloud::Worldwide)
}

#[test]
fn a_customer_and_its_new_commerce_subscription_map_as_spec_13_says() {
    let items = read(&[
        ("customer.json", customer().to_string()),
        ("subs.json", collection(vec![nce("s-1")])),
    ]);
    let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
    assert!(merged.skipped.is_empty(), "{:?}", merged.skipped);
    let c = merged.workspace.customer(CUSTOMER).unwrap();
    assert_eq!(
        (c.company_name.as_str(), c.market.as_str(), c.domain.as_str()),
        ("Fabrikam North", "US", "fabrikamnorth.onmicrosoft.com")
    );
    assert_eq!(
        (c.bill_to.name.as_str(), c.bill_to.email.as_str()),
        ("Fabrikam North AP", "ana@fabrikamnorth.example")
    );
    assert!(c.delegated_admin.granted);
    // No users in these resources: the licences are held by users not imported.
    assert!(c.users.is_empty() && c.users_not_imported);
    assert_eq!(c.assigned("s-1"), None);
    let s = c.subscription("s-1").unwrap();
    assert_eq!(
        (s.offer_id.as_str(), s.quantity, s.status),
        ("m365-business-basic", 20, SubscriptionStatus::Active)
    );
    assert_eq!((s.commerce, s.billing_cycle), (Commerce::Nce, BillingCycle::Monthly));
    // The API's commitment end is the last day: the term ends the day after.
    assert_eq!((s.term_start, s.term_end), (Some(d("2026-03-01")), Some(d("2027-03-01"))));
    assert_eq!((s.period_start, s.period_end), (d("2026-11-01"), d("2026-12-01")));
    let batches: Vec<(u32, String)> =
        s.seat_batches.iter().map(|b| (b.quantity, b.added_at.to_rfc3339())).collect();
    assert_eq!(
        batches,
        [(15, "2026-03-01T00:00:00.000Z".into()), (5, "2026-11-18T10:00:00.123Z".into())]
    );
    assert_eq!(s.next_term.as_ref().and_then(|n| n.quantity), Some(12));
}

#[test]
fn what_cannot_be_imported_is_skipped_with_its_path_and_reason_alone() {
    let mut azure = nce("azure");
    azure["offerId"] = json!("DZH318Z0BPS6:0001:DZH318Z0BFZ6");
    let mut unknown = nce("unknown");
    unknown["offerId"] = json!("CFQ7TTC0ZZZZ:0001:CFQ7TTC0ZZZZ");
    let mut one_time = nce("once");
    one_time["billingCycle"] = json!("one_time");
    let mut no_quantity = nce("no-quantity");
    no_quantity.as_object_mut().unwrap().remove("quantity");
    let mut orphan = nce("orphan");
    orphan["links"]["self"]["uri"] = json!("/customers/nobody/subscriptions/orphan");
    let subs = collection(vec![nce("good"), azure, unknown, one_time, no_quantity, orphan]);
    let items = read(&[("customer.json", customer().to_string()), ("subs.json", subs)]);
    let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
    let skipped: Vec<(String, Reason)> =
        merged.skipped.iter().map(|s| (s.problem.path.clone(), s.problem.reason.clone())).collect();
    assert_eq!(
        skipped,
        [
            ("items[1].offerId".to_string(), Reason::UsageBased),
            (
                "items[2].offerId".into(),
                Reason::UnknownOffer { id: "CFQ7TTC0ZZZZ:0001:CFQ7TTC0ZZZZ".into() }
            ),
            (
                "items[3].billingCycle".into(),
                Reason::BillingNotImported { billing: "one_time".into() }
            ),
            ("items[4].quantity".into(), Reason::Missing),
            ("items[5]".into(), Reason::UnknownCustomer { id: "nobody".into() }),
        ]
    );
    assert!(merged.skipped.iter().all(|s| s.file == "subs.json"));
    let c = merged.workspace.customer(CUSTOMER).unwrap();
    assert_eq!(c.subscriptions.len(), 1, "the good one alone");
}

#[test]
fn a_file_that_is_not_partner_center_json_refuses_the_import() {
    let sources = [
        SourceFile { name: "customer.json", text: &customer().to_string() },
        SourceFile { name: "package.json", text: r#"{"name": "app", "version": "1.0.0"}"# },
        SourceFile { name: "broken.json", text: "{ not json" },
    ];
    let refused = partner_center::read(&catalog(), &sources, d("2026-11-21")).unwrap_err();
    let found: Vec<(&str, bool)> = refused
        .iter()
        .map(|p| (p.path.as_str(), matches!(p.reason, Reason::NotPartnerCenter)))
        .collect();
    assert_eq!(found, [("package.json", true), ("broken.json", false)]);
}

#[test]
fn an_existing_customer_is_updated_by_id_and_nothing_else_is_touched() {
    let w = demo_workspace();
    let mut contoso = customer();
    contoso["id"] = json!("contoso");
    contoso["companyProfile"]["companyName"] = json!("Contoso Holdings");
    let items = read(&[("contoso.json", contoso.to_string())]);
    let merged = partner_center::merge(&catalog(), &w, &items);
    let c = merged.workspace.customer("contoso").unwrap();
    assert_eq!(c.company_name, "Contoso Holdings");
    assert_eq!(
        c.subscriptions,
        w.customer("contoso").unwrap().subscriptions,
        "its subscriptions stay"
    );
    assert_eq!(c.users, w.customer("contoso").unwrap().users, "and its users");
    assert_eq!(merged.workspace.customers.len(), w.customers.len());
    for (a, b) in
        merged.workspace.customers.iter().zip(&w.customers).filter(|(a, _)| a.id != "contoso")
    {
        assert_eq!(a, b);
    }
    assert!(!merged.changes[0].added && merged.changes[0].profile_updated);
}

#[test]
fn values_written_as_the_api_does_are_read() {
    let mut s = nce("s-1");
    s["status"] = json!("ACTIVE");
    s["billingCycle"] = json!("monthly");
    s["autoRenewEnabled"] = json!("False");
    s["termDuration"] = json!("p1y");
    s["unknownFutureField"] = json!({ "anything": [1, 2, 3] });
    let items = read(&[("c.json", customer().to_string()), ("s.json", s.to_string())]);
    let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
    assert!(merged.skipped.is_empty(), "{:?}", merged.skipped);
    assert!(!merged.workspace.customer(CUSTOMER).unwrap().subscription("s-1").unwrap().auto_renew);
}

#[test]
fn an_import_is_one_audit_entry_and_exports_and_imports_as_the_same_workspace() {
    let mut w = demo_workspace();
    let before = w.audit.len();
    let items = read(&[
        ("c.json", customer().to_string()),
        ("s.json", collection(vec![nce("s-1"), nce("s-2")])),
    ]);
    let now = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
    partner_center::import(&catalog(), &mut w, &items, now, "Ana").unwrap();
    assert_eq!(w.audit.len(), before + 1);
    assert_eq!(w.audit.last().unwrap().action().code(), "partner_center_imported");
    let again = document::parse(&document::to_json(&w), &catalog()).unwrap();
    assert_eq!(again, w);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "[a-zA-Z0-9:/_ .-]{0,12}".prop_map(Value::String),
            prop::sample::select(vec![
                "P1Y",
                "annual",
                "Active",
                "deleted",
                "2026-03-01",
                NCE_BASIC,
                "/customers/x/subscriptions/y"
            ])
            .prop_map(|s| json!(s)),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let keys = prop::sample::select(vec![
                "id",
                "items",
                "offerId",
                "companyProfile",
                "companyName",
                "domain",
                "address",
                "country",
                "quantity",
                "status",
                "billingCycle",
                "termDuration",
                "effectiveStartDate",
                "commitmentEndDate",
                "autoRenewEnabled",
                "links",
                "self",
                "uri",
                "refundableQuantity",
                "details",
                "allowedUntilDateTime",
                "billingProfile",
                "defaultAddress",
                "scheduledNextTermInstructions",
            ]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(keys, inner, 0..6).prop_map(|m| Value::Object(
                    m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever JSON it is given, the reader answers, and what it would
        /// import is a workspace that saves and loads again.
        #[test]
        fn no_json_makes_it_panic(value in json_value()) {
            let text = value.to_string();
            let sources = [SourceFile { name: "any.json", text: &text }];
            if let Ok(items) = partner_center::read(&catalog(), &sources, d("2026-11-21")) {
                let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
                prop_assert!(document::parse(&document::to_json(&merged.workspace), &catalog()).is_ok());
            }
        }
    }
}

/// Microsoft's documentation samples, as a partner saves them
/// (`tests/fixtures/partner_center/`, its README names each page).
fn fixture(name: &str) -> (&'static str, String) {
    let text = std::fs::read_to_string(format!("tests/fixtures/partner_center/{name}")).unwrap();
    (Box::leak(name.to_string().into_boxed_str()), text)
}

#[test]
fn the_documentation_samples_preview_what_is_added_and_what_is_skipped() {
    let files = [
        "customers.json",
        "customer-contoso.json",
        "subscriptions-contoso.json",
        "subscription-single.json",
    ]
    .map(fixture);
    let items = read(&files);
    let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
    let customers: Vec<(&str, bool, usize)> =
        merged.changes.iter().map(|c| (c.name.as_str(), c.added, c.subscriptions.len())).collect();
    assert_eq!(customers, [("Fabrikam Nordic AB", true, 1), ("Contoso Retail", true, 3)]);
    let skipped: Vec<(&str, &str, &Reason)> = merged
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.problem.path.as_str(), &s.problem.reason))
        .collect();
    assert_eq!(
        skipped,
        [
            ("subscriptions-contoso.json", "items[4].offerId", &Reason::UsageBased),
            (
                "subscriptions-contoso.json",
                "items[3].parentSubscriptionId",
                &Reason::AddonWithoutBase { offer: "addon-defender-office-p1".into() }
            ),
        ],
        "the Azure plan, and the Defender add-on the sample gives no base"
    );
    // Whatever is imported loads again as a workspace.
    assert!(document::parse(&document::to_json(&merged.workspace), &catalog()).is_ok());
}

#[test]
fn every_required_field_missing_or_of_the_wrong_kind_is_named_for_its_item_alone() {
    let customer_fields = [
        "id",
        "companyProfile",
        "companyProfile.companyName",
        "companyProfile.domain",
        "companyProfile.address.country",
    ];
    for field in customer_fields {
        let mut c = customer();
        remove(&mut c, field);
        c["billingProfile"].as_object_mut().unwrap().remove("defaultAddress");
        let items = read(&[("c.json", collection(vec![c, customer_with_id("other")]))]);
        let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
        assert_eq!(merged.changes.len(), 1, "{field}: the other customer still comes in");
        assert_eq!(merged.skipped.len(), 1, "{field}");
        assert!(
            merged.skipped[0].problem.path.starts_with("items[0]"),
            "{field}: {:?}",
            merged.skipped[0]
        );
    }
    let subscription_fields = [
        "id",
        "offerId",
        "quantity",
        "status",
        "billingCycle",
        "autoRenewEnabled",
        "effectiveStartDate",
        "termDuration",
        "commitmentEndDate",
        "links",
    ];
    for field in subscription_fields {
        let mut s = nce("s-1");
        remove(&mut s, field);
        let items = read(&[
            ("c.json", customer().to_string()),
            ("s.json", collection(vec![s, nce("s-2")])),
        ]);
        let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
        let ids: Vec<&str> = merged
            .workspace
            .customer(CUSTOMER)
            .unwrap()
            .subscriptions
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        // Without a term it reads as legacy (a product id still says new commerce: skipped below).
        assert!(ids.contains(&"s-2"), "{field}");
        assert!(!ids.contains(&"s-1"), "{field}: {:?}", merged.skipped);
        assert_eq!(merged.skipped[0].problem.path.split('.').next(), Some("items[0]"), "{field}");
    }
    for (field, value) in [
        ("quantity", json!({ "n": 3 })),
        ("autoRenewEnabled", json!(1)),
        ("status", json!("frozen")),
        ("effectiveStartDate", json!("yesterday")),
    ] {
        let mut s = nce("s-1");
        s[field] = value;
        let items = read(&[("c.json", customer().to_string()), ("s.json", s.to_string())]);
        assert!(matches!(items.skipped[0].problem.reason, Reason::WrongValue { .. }), "{field}");
        assert_eq!(items.skipped[0].problem.path, field);
    }
}

/// Removes the field at a dotted `path`.
fn remove(value: &mut Value, path: &str) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    let parent = parts.into_iter().fold(value, |v, p| &mut v[p]);
    parent.as_object_mut().unwrap().remove(last);
}

fn customer_with_id(id: &str) -> Value {
    let mut c = customer();
    c["id"] = json!(id);
    c
}

#[test]
fn one_customer_in_two_files_is_one_customer() {
    let mut renamed = customer();
    renamed["companyProfile"]["companyName"] = json!("Fabrikam North (renamed)");
    let items = read(&[
        ("customers.json", collection(vec![customer()])),
        ("customer.json", renamed.to_string()),
    ]);
    let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
    assert_eq!(merged.changes.len(), 1);
    assert_eq!(
        merged.workspace.customer(CUSTOMER).unwrap().company_name,
        "Fabrikam North (renamed)",
        "the later file"
    );
}

mod valid_resources {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Valid resources imported, then exported and imported as a
        /// workspace, give the same workspace.
        #[test]
        fn import_then_export_and_import_is_the_same_workspace(
            quantity in 1u32..=300,
            (term, billing) in prop::sample::select(vec![("P1M", "monthly"), ("P1Y", "monthly"), ("P1Y", "annual"), ("P3Y", "triennial"), ("P3Y", "annual")]),
            status in prop::sample::select(vec!["Active", "suspended", "EXPIRED", "deleted"]),
            auto_renew in any::<bool>(),
            start_day in 0i64..700,
        ) {
            let start = d("2025-01-01").add_days(start_day);
            let months = match term { "P1M" => 1, "P1Y" => 12, _ => 36 };
            let last = start.add_months(months).add_days(-1);
            let mut s = nce("s-1");
            s["quantity"] = json!(quantity);
            s["termDuration"] = json!(term);
            s["billingCycle"] = json!(billing);
            s["status"] = json!(status);
            s["autoRenewEnabled"] = json!(auto_renew);
            s["effectiveStartDate"] = json!(format!("{start}T00:00:00Z"));
            s["commitmentEndDate"] = json!(format!("{last}T00:00:00Z"));
            s.as_object_mut().unwrap().remove("refundableQuantity");
            s.as_object_mut().unwrap().remove("scheduledNextTermInstructions");
            let items = read(&[("c.json", customer().to_string()), ("s.json", s.to_string())]);
            let mut w = demo_workspace();
            let now = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
            partner_center::import(&catalog(), &mut w, &items, now, "T").unwrap();
            prop_assert!(w.customer(CUSTOMER).unwrap().subscription("s-1").is_some(), "{:?}", items.skipped);
            let again = document::parse(&document::to_json(&w), &catalog()).unwrap();
            prop_assert_eq!(again, w);
        }
    }
}

#[test]
fn a_customer_the_workspace_checks_refuse_is_named_with_its_own_file_and_path() {
    let mut chinese = customer_with_id("shanghai");
    chinese["companyProfile"]["address"]["country"] = json!("CN");
    let items =
        read(&[("first.json", customer().to_string()), ("second.json", collection(vec![chinese]))]);
    let merged = partner_center::merge(&catalog(), &demo_workspace(), &items);
    assert_eq!(merged.changes.len(), 1, "the other customer still comes in");
    let refused: Vec<(&str, &str)> =
        merged.skipped.iter().map(|s| (s.file.as_str(), s.problem.path.as_str())).collect();
    assert_eq!(refused, [("second.json", "items[0].market")]);
    assert!(matches!(merged.skipped[0].problem.reason, Reason::CloudAndMarket { .. }));
}
