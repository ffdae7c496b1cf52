//! Eligibility (docs/rules.md#eligibility), rule by rule: every reason code, every matrix row of both clouds,
//! the India editions, the add-on rules, and properties over generated workspaces.

mod common;

use common::catalog;
use proptest::prelude::*;
use serde_json::{json, Value};
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::eligibility::{
    evaluate, upgradable_count, AddonBlock, Disposition, Evaluation, Fact, ReasonCode, UpgradeType,
};
use upgrade_center::domain::workspace::{Channel, Workspace};
use upgrade_center::store::demo;

fn subscription(id: &str, offer: &str) -> Value {
    json!({
        "id": id, "offerId": offer, "friendlyName": id, "status": "active", "quantity": 10,
        "billingCycle": "monthly", "channel": "partner", "parentSubscriptionId": null,
        "periodStart": "2026-11-01", "periodEnd": "2026-12-01", "autoRenew": true
    })
}

fn addon(id: &str, offer: &str, parent: &str) -> Value {
    let mut s = subscription(id, offer);
    s["parentSubscriptionId"] = parent.into();
    s
}

/// One customer "c" in `market` on `cloud` with these subscriptions; the
/// first is the one evaluated.
fn workspace(cloud: &str, market: &str, subscriptions: Vec<Value>) -> Workspace {
    let address = json!({ "name": "C", "address": ["1 St"], "city": "X", "postalCode": "1", "country": market });
    let mut bill_to = address.clone();
    bill_to["email"] = "ap@c.example".into();
    serde_json::from_value(json!({
        "format": "upgrade-center.workspace", "version": 1, "today": "2026-11-21",
        "partner": { "name": "P", "cloud": cloud, "user": { "name": "U", "email": "u@p.example", "role": "admin_agent" } },
        "customers": [{
            "id": "c", "companyName": "C", "domain": "c.example", "market": market,
            "delegatedAdmin": { "granted": true, "services": null },
            "soldTo": address, "billTo": bill_to, "subscriptions": subscriptions, "users": []
        }],
        "orders": [], "audit": []
    }))
    .unwrap()
}

fn eval_first(w: &Workspace) -> Evaluation {
    let c = &w.customers[0];
    evaluate(&catalog(), w, c, &c.subscriptions[0])
}

fn codes(e: &Evaluation, target: &str) -> Vec<ReasonCode> {
    e.target(target)
        .unwrap_or_else(|| panic!("no target {target}"))
        .reasons
        .iter()
        .map(|r| r.code)
        .collect()
}

#[test]
fn a_clean_business_basic_is_eligible_for_its_whole_row() {
    let w = workspace("worldwide", "US", vec![subscription("s", "m365-business-basic")]);
    let e = eval_first(&w);
    let targets: Vec<_> = e.targets.iter().map(|t| t.target.as_str()).collect();
    assert_eq!(targets, ["m365-business-standard", "o365-e1", "o365-e3", "o365-e5"]);
    assert!(e.targets.iter().all(|t| t.eligible && t.reasons.is_empty()));
    let e3 = e.target("o365-e3").unwrap();
    assert_eq!((e3.quantity_default, e3.quantity_min, e3.quantity_max), (10, 10, 1_000_000));
    assert_eq!(e.target("m365-business-standard").unwrap().quantity_max, 300);
    assert_eq!(e3.upgrade_type, UpgradeType::UpgradeOnly);
    assert_eq!(e3.services_added, ["exchange_p2", "sharepoint_p2", "office_apps"]);
}

#[test]
fn status_codes_and_pending_adds_not_provisioned() {
    for (status, expected) in [
        ("suspended", vec![ReasonCode::SubscriptionStatusNotActive]),
        ("cancelled", vec![ReasonCode::SubscriptionStatusNotActive]),
        ("expired", vec![ReasonCode::SubscriptionStatusNotActive]),
        (
            "pending",
            vec![ReasonCode::SubscriptionStatusNotActive, ReasonCode::SubscriptionNotProvisioned],
        ),
    ] {
        let mut s = subscription("s", "m365-business-basic");
        s["status"] = status.into();
        let e = eval_first(&workspace("worldwide", "US", vec![s]));
        let got: Vec<_> = e.subscription_reasons.iter().map(|r| r.code).collect();
        assert_eq!(got, expected, "{status}");
        // Every target of Business Basic's row is listed, so `all` below checks four.
        assert_eq!(e.targets.len(), 4, "{status}");
        assert!(e.targets.iter().all(|t| !t.eligible && codes(&e, &t.target) == expected));
    }
}

#[test]
fn admin_role_order_and_user_codes_collect_together() {
    let mut w = workspace("worldwide", "US", vec![subscription("s", "m365-business-basic")]);
    w.customers[0].delegated_admin.granted = false;
    w.partner.user.role = upgrade_center::domain::workspace::Role::BillingAdmin;
    let mut demo_order = demo::demo(Cloud::Worldwide).orders[0].clone();
    demo_order.customer_id = "c".into();
    demo_order.lines[0].source_subscription_id = "s".into();
    w.orders.push(demo_order);
    w.customers[0].subscriptions[0].quantity = 1;
    for i in 0..2 {
        w.customers[0].users.push(upgrade_center::domain::workspace::User {
            id: format!("u{i}").into(),
            display_name: format!("U{i}"),
            user_principal_name: format!("u{i}@c.example"),
            usage_location: Some("US".into()),
            licenses: vec!["s".into()],
        });
    }
    let e = eval_first(&w);
    let got: Vec<_> = e.subscription_reasons.iter().map(|r| r.code).collect();
    assert_eq!(
        got,
        [
            ReasonCode::DelegatedAdminPermissionsDisabled,
            ReasonCode::RoleNotPermitted,
            ReasonCode::ConcurrencyConflicts,
            ReasonCode::MoreUsersThanLicenses
        ]
    );
    assert!(e
        .subscription_reasons
        .iter()
        .any(|r| r.fact == Fact::Users { assigned: 2, licenses: 1 }));
    assert!(e
        .subscription_reasons
        .iter()
        .any(|r| r.fact == Fact::PendingOrder { order_id: "ord-1001".into() }));
    assert_eq!(e.targets[0].upgrade_type, UpgradeType::UpgradeWithLicenseTransfer);
    // A completed order no longer conflicts.
    w.orders[0].status = upgrade_center::domain::workspace::OrderStatus::Completed;
    assert!(!eval_first(&w)
        .subscription_reasons
        .iter()
        .any(|r| r.code == ReasonCode::ConcurrencyConflicts));
}

#[test]
fn offers_without_a_row_have_no_upgrade_path() {
    for offer in ["o365-e3", "m365-business-premium", "m365-e5", "addon-phone-system"] {
        let subs = if offer.starts_with("addon") {
            vec![addon("s", offer, "base"), subscription("base", "o365-e1")]
        } else {
            vec![subscription("s", offer)]
        };
        let e = eval_first(&workspace("worldwide", "US", subs));
        assert!(e.targets.is_empty(), "{offer}");
        assert_eq!(
            e.subscription_reasons[0].code,
            ReasonCode::SubscriptionDoesNotHaveAnyUpgradePaths,
            "{offer}"
        );
    }
    // E5 exists worldwide only: in China, Business Standard has E3 alone.
    let e =
        eval_first(&workspace("china", "CN", vec![subscription("s", "m365-business-standard")]));
    assert_eq!(e.targets.iter().map(|t| t.target.as_str()).collect::<Vec<_>>(), ["o365-e3"]);
}

#[test]
fn every_matrix_row_of_both_clouds_lists_its_targets() {
    let catalog = catalog();
    for cloud in Cloud::ALL {
        for (source, targets) in &catalog.upgrade_matrix[cloud] {
            let market = match (cloud, source.ends_with("-in")) {
                (Cloud::China, _) => "CN",
                (_, true) => "IN",
                _ => "US",
            };
            let w = workspace(cloud.as_str(), market, vec![subscription("s", source)]);
            let e = eval_first(&w);
            let listed: Vec<_> = e.targets.iter().map(|t| t.target.clone()).collect();
            assert_eq!(&listed, targets, "{cloud:?} {source}");
            for t in &e.targets {
                assert!(t.eligible, "{cloud:?} {source} -> {}: {:?}", t.target, t.reasons);
            }
        }
    }
}

#[test]
fn india_editions_upgrade_to_business_standard_india_only_in_india() {
    let e = eval_first(&workspace(
        "worldwide",
        "IN",
        vec![subscription("s", "m365-business-basic-in")],
    ));
    assert!(e.target("m365-business-standard-in").unwrap().eligible);
    assert!(e.target("m365-business-standard").is_none());
    let e = eval_first(&workspace(
        "worldwide",
        "US",
        vec![subscription("s", "m365-business-basic-in")],
    ));
    assert_eq!(codes(&e, "m365-business-standard-in"), [ReasonCode::OfferNotAvailableInMarket]);
    assert!(e.target("o365-e3").unwrap().eligible);
    // E4 is retired; Business Premium is not sold in China.
    let e = eval_first(&workspace("worldwide", "US", vec![subscription("s", "o365-e4")]));
    let targets: Vec<_> = e.targets.iter().map(|t| t.target.as_str()).collect();
    assert_eq!(targets, ["o365-e5", "m365-e5"]);
    assert!(e.targets.iter().all(|t| t.eligible));
}

#[test]
fn granular_admin_names_the_services_not_delegated() {
    let mut w = workspace("worldwide", "US", vec![subscription("s", "m365-business-basic")]);
    w.customers[0].delegated_admin.services = Some(
        ["exchange_p1", "sharepoint_p1", "onedrive", "teams", "office_apps"]
            .map(String::from)
            .to_vec(),
    );
    let e = eval_first(&w);
    assert!(e.target("m365-business-standard").unwrap().eligible);
    assert!(e.target("o365-e1").unwrap().eligible);
    let e3 = e.target("o365-e3").unwrap();
    assert_eq!(e3.reasons[0].code, ReasonCode::InsufficientGranularAdminPermissions);
    assert_eq!(
        e3.reasons[0].fact,
        Fact::ServicesNotDelegated { services: vec!["exchange_p2".into(), "sharepoint_p2".into()] }
    );
}

#[test]
fn owned_targets_and_conflicting_services_name_the_other_subscription_and_channel() {
    let mut direct = subscription("other", "m365-apps-enterprise");
    direct["channel"] = "direct".into();
    let e = eval_first(&workspace(
        "worldwide",
        "US",
        vec![subscription("s", "m365-business-basic"), direct],
    ));
    assert!(e.target("o365-e1").unwrap().eligible, "E1 adds nothing Apps for enterprise has");
    let reason = &e.target("o365-e3").unwrap().reasons[0];
    assert_eq!(reason.code, ReasonCode::ConflictingServiceTypes);
    let Fact::ConflictingServices { other, services } = &reason.fact else { panic!("{reason:?}") };
    assert_eq!(
        (other.subscription_id.as_str(), other.channel, services.as_slice()),
        ("other", Channel::Direct, &["office_apps".to_string()][..])
    );
    assert!(other.is_multichannel());

    let e = eval_first(&workspace(
        "worldwide",
        "US",
        vec![subscription("s", "m365-business-standard"), subscription("e3", "o365-e3")],
    ));
    assert_eq!(
        codes(&e, "o365-e3"),
        [ReasonCode::TargetOfferAlreadyOwned, ReasonCode::ConflictingServiceTypes]
    );
    assert_eq!(codes(&e, "o365-e5"), [ReasonCode::ConflictingServiceTypes]);

    // Cancelled and expired subscriptions do not count; suspended and pending do.
    for (status, blocks) in
        [("cancelled", false), ("expired", false), ("suspended", true), ("pending", true)]
    {
        let mut other = subscription("e3", "o365-e3");
        other["status"] = status.into();
        let e = eval_first(&workspace(
            "worldwide",
            "US",
            vec![subscription("s", "m365-business-standard"), other],
        ));
        assert_eq!(!e.target("o365-e3").unwrap().eligible, blocks, "{status}");
    }
}

#[test]
fn add_ons_are_removed_carried_over_or_block() {
    let subs = vec![
        subscription("s", "m365-business-basic"),
        addon("def", "addon-defender-office-p1", "s"),
        addon("gone", "addon-phone-system", "s"),
    ];
    let mut w = workspace("worldwide", "US", subs);
    w.customers[0].subscriptions[2].status =
        upgrade_center::domain::workspace::SubscriptionStatus::Cancelled;
    let e = eval_first(&w);
    let fate = |target: &str| {
        e.target(target)
            .unwrap()
            .addons
            .iter()
            .map(|a| (a.offer_id.clone(), a.disposition))
            .collect::<Vec<_>>()
    };
    assert_eq!(fate("o365-e5"), [("addon-defender-office-p1".into(), Disposition::Removed)]);
    assert_eq!(fate("o365-e3"), [("addon-defender-office-p1".into(), Disposition::CarriedOver)]);
    assert_eq!(e.targets.len(), 4, "Business Basic's whole row");
    assert!(e.targets.iter().all(|t| t.eligible), "the source's own add-ons never conflict");

    // E4 with storage and audio: audio is in E5, storage moves.
    let e = eval_first(&workspace(
        "worldwide",
        "US",
        vec![
            subscription("s", "o365-e4"),
            addon("st", "addon-extra-file-storage", "s"),
            addon("au", "addon-audio-conferencing", "s"),
        ],
    ));
    for target in ["o365-e5", "m365-e5"] {
        let t = e.target(target).unwrap();
        assert!(t.eligible);
        let d: Vec<_> = t.addons.iter().map(|a| a.disposition.as_str()).collect();
        assert_eq!(d, ["carried_over", "removed"], "{target}");
    }

    // A suspended add-on blocks every target until reactivated or cancelled.
    let mut suspended = addon("ph", "addon-phone-system", "s");
    suspended["status"] = "suspended".into();
    let e = eval_first(&workspace(
        "worldwide",
        "US",
        vec![subscription("s", "m365-business-standard"), suspended],
    ));
    for t in &e.targets {
        assert_eq!(codes(&e, &t.target), [ReasonCode::SubscriptionAddOnsPresent]);
        let Fact::AddOn { block, .. } = &t.reasons[0].fact else { panic!() };
        assert_eq!(
            *block,
            AddonBlock::NotMovable(
                upgrade_center::domain::workspace::SubscriptionStatus::Suspended
            )
        );
    }

    // An add-on the target can neither include nor take blocks that target only.
    let e = eval_first(&workspace(
        "worldwide",
        "US",
        vec![subscription("s", "m365-apps-business"), addon("d", "addon-defender-office-p1", "s")],
    ));
    assert_eq!(codes(&e, "m365-apps-enterprise"), [ReasonCode::SubscriptionAddOnsPresent]);
    let Fact::AddOn { block, .. } = &e.target("m365-apps-enterprise").unwrap().reasons[0].fact
    else {
        panic!()
    };
    assert_eq!(*block, AddonBlock::CannotAttach);
    assert!(e.target("o365-e3").unwrap().eligible);
}

#[test]
fn the_demo_shows_each_case() {
    let catalog = catalog();
    let w = demo::demo(Cloud::Worldwide);
    let eval = |customer: &str, sub: &str| {
        let c = w.customer(customer).unwrap();
        evaluate(&catalog, &w, c, c.subscription(sub).unwrap())
    };
    assert_eq!(eval("contoso", "sub-contoso-1").eligible_count(), 4);
    assert_eq!(
        codes(&eval("wingtip", "sub-wingtip-1"), "o365-e3"),
        [ReasonCode::ConflictingServiceTypes]
    );
    assert_eq!(
        codes(&eval("adventure-works", "sub-adventure-1"), "o365-e3")[0],
        ReasonCode::TargetOfferAlreadyOwned
    );
    assert_eq!(
        codes(&eval("litware", "sub-litware-1"), "o365-e1"),
        [ReasonCode::DelegatedAdminPermissionsDisabled]
    );
    assert_eq!(
        codes(&eval("alpine-ski", "sub-alpine-1"), "o365-e1"),
        [ReasonCode::MoreUsersThanLicenses]
    );
    assert_eq!(
        codes(&eval("margie-travel", "sub-margie-1"), "o365-e3"),
        [ReasonCode::ConcurrencyConflicts]
    );
    assert_eq!(
        codes(&eval("coho-winery", "sub-coho-1"), "o365-e3"),
        [ReasonCode::SubscriptionAddOnsPresent]
    );
    assert_eq!(upgradable_count(&catalog, &w, w.customer("relecloud").unwrap()), 1);
    assert!(
        eval("relecloud", "sub-relecloud-1").target("m365-business-standard-in").unwrap().eligible
    );
}

fn arb_workspace() -> impl Strategy<Value = Workspace> {
    let catalog = catalog();
    let offers: Vec<String> =
        catalog.offers.iter().filter(|o| !o.is_addon()).map(|o| o.id.to_string()).collect();
    let addons: Vec<String> =
        catalog.offers.iter().filter(|o| o.is_addon()).map(|o| o.id.to_string()).collect();
    let statuses = ["active", "active", "active", "suspended", "cancelled", "expired", "pending"];
    let channels = ["partner", "partner", "other_partner", "direct", "ea", "open"];
    let sub = (
        0..offers.len(),
        0..statuses.len(),
        0..channels.len(),
        1u32..400,
        proptest::option::of(0..addons.len()),
    );
    (
        prop::bool::ANY,
        prop::sample::select(vec!["US", "IN", "IT", "CN"]),
        prop::collection::vec(sub, 1..6),
        0usize..12,
        prop::bool::ANY,
        prop::option::of(prop::collection::vec(
            prop::sample::select(vec!["exchange_p1", "teams", "office_apps", "onedrive"]),
            0..4,
        )),
    )
        .prop_map(move |(china, market, subs, users, granted, services)| {
            let mut list = Vec::new();
            for (i, (o, st, ch, q, ad)) in subs.into_iter().enumerate() {
                let mut s = subscription(&format!("s{i}"), &offers[o]);
                s["status"] = statuses[st].into();
                s["channel"] = channels[ch].into();
                s["quantity"] = q.into();
                list.push(s);
                if let Some(a) = ad {
                    let mut a = addon(&format!("a{i}"), &addons[a], &format!("s{i}"));
                    a["status"] = statuses[st % 3 + 1].into();
                    list.push(a);
                }
            }
            let mut w = workspace(if china { "china" } else { "worldwide" }, market, list);
            let ids: Vec<String> =
                w.customers[0].subscriptions.iter().map(|s| s.id.to_string()).collect();
            for u in 0..users {
                w.customers[0].users.push(upgrade_center::domain::workspace::User {
                    id: format!("u{u}").into(),
                    display_name: format!("U{u}"),
                    user_principal_name: format!("u{u}@c.example"),
                    usage_location: (u % 3 != 0).then(|| "US".into()),
                    licenses: vec![ids[u % ids.len()].clone().into()],
                });
            }
            w.customers[0].delegated_admin.granted = granted;
            w.customers[0].delegated_admin.services =
                services.map(|s| s.into_iter().map(String::from).collect());
            w
        })
}

proptest! {
    #[test]
    fn evaluation_invariants_hold_on_any_workspace(w in arb_workspace()) {
        let catalog = catalog();
        let c = &w.customers[0];
        for s in &c.subscriptions {
            let e = evaluate(&catalog, &w, c, s);
            let row = catalog.upgrade_targets(w.partner.cloud, &s.offer_id);
            let listed: Vec<String> = e.targets.iter().map(|t| t.target.to_string()).collect();
            prop_assert_eq!(listed, row.map(|r| r.to_vec()).unwrap_or_default());
            prop_assert_eq!(row.is_none(), e.subscription_reasons.iter().any(|r| r.code == ReasonCode::SubscriptionDoesNotHaveAnyUpgradePaths));
            for t in &e.targets {
                prop_assert_eq!(t.eligible, t.reasons.is_empty());
                prop_assert_eq!(t.quantity_min, s.quantity);
                prop_assert_eq!(t.quantity_default, s.quantity);
                for r in &e.subscription_reasons {
                    prop_assert!(t.reasons.contains(r));
                }
                prop_assert!(t.reasons.iter().filter(|r| !r.is_subscription_level()).count() + e.subscription_reasons.len() == t.reasons.len());
                let blocking = t.addons.iter().filter(|a| matches!(a.disposition, Disposition::Blocking(_))).count();
                prop_assert_eq!(blocking, t.reasons.iter().filter(|r| r.code == ReasonCode::SubscriptionAddOnsPresent).count());
            }
            if s.status.as_str() != "active" {
                prop_assert!(!e.is_upgradable());
            }
        }
        let count = c.subscriptions.iter().filter(|s| evaluate(&catalog, &w, c, s).is_upgradable()).count();
        prop_assert_eq!(upgradable_count(&catalog, &w, c), count);
    }
}
