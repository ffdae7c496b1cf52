//! Licence changes and the manual upgrade path: buy, verify, reassign at most
//! 20 users at a time, cancel the old subscription once nobody holds it.

mod common;

use common::{catalog, line, now, LineExt};
use upgrade_center::domain::catalog::Cloud;
use upgrade_center::domain::ids::{SubscriptionId, UserId};
use upgrade_center::domain::licenses::{
    self, AddonOutcome, LicenseError, MAX_USERS_PER_REASSIGNMENT,
};
use upgrade_center::domain::orders::{self, PlaceError, PROVISIONING_MS};
use upgrade_center::domain::workspace::{
    Channel, OrderStatus, PaymentMethod, Role, SubscriptionStatus, User, Workspace,
};
use upgrade_center::store::demo;

fn ids(range: std::ops::Range<usize>, customer: &str) -> Vec<UserId> {
    range.map(|i| format!("u-{customer}-{i}").into()).collect()
}

#[test]
fn licence_counts_stay_between_the_assigned_users_and_the_seat_maximum() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    let set = |w: &mut Workspace, q| {
        licenses::set_quantity(
            &catalog,
            w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            q,
            now(),
            "T",
        )
    };
    assert_eq!(set(&mut w, 301), Err(LicenseError::AboveSeatMax(300)));
    assert_eq!(set(&mut w, 5), Err(LicenseError::BelowAssigned(6)));
    assert_eq!(set(&mut w, 6), Ok(()));
    assert_eq!(set(&mut w, 300), Ok(()));
    assert_eq!(w.customer("contoso").unwrap().subscription("sub-contoso-1").unwrap().quantity, 300);
    assert!(w.audit.iter().any(|a| a.code() == "licenses_changed" && a.new_value() == Some("300")));
    // Suspended subscriptions and read-only roles change nothing.
    assert_eq!(
        licenses::set_quantity(
            &catalog,
            &mut w,
            &"northwind".into(),
            &"sub-northwind-1".into(),
            20,
            now(),
            "T"
        ),
        Err(LicenseError::NotActive(SubscriptionStatus::Suspended))
    );
    w.partner.user.role = Role::BillingAdmin;
    assert_eq!(set(&mut w, 10), Err(LicenseError::ReadOnly));
}

#[test]
fn licences_never_change_during_an_upgrade() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    // Margie's order ord-1001 is upgrading sub-margie-1: fewer and more are both refused.
    for quantity in [20, 40] {
        assert_eq!(
            licenses::set_quantity(
                &catalog,
                &mut w,
                &"margie-travel".into(),
                &"sub-margie-1".into(),
                quantity,
                now(),
                "T"
            ),
            Err(LicenseError::UpgradeInProgress("ord-1001".into()))
        );
    }
}

#[test]
fn assigning_needs_free_licences_and_skips_holders() {
    let mut w = demo::demo(Cloud::Worldwide);
    // Alpine: 3 licences, 4 users hold one already.
    let users = ids(1..5, "alpine-ski");
    assert_eq!(
        licenses::assign(
            &mut w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            &ids(1..7, "contoso"),
            now(),
            "T"
        ),
        Ok(0),
        "all six already hold a licence"
    );
    // Alpine's fourth user has no usage location, which assigning now refuses
    // first (see below); this test is about free licences, so give it one.
    w.customer_mut("alpine-ski").unwrap().users.iter_mut().for_each(|u| {
        u.licenses.clear();
        u.usage_location.get_or_insert_with(|| "US".into());
    });
    assert_eq!(
        licenses::assign(&mut w, &"alpine-ski".into(), &"sub-alpine-1".into(), &users, now(), "T"),
        Err(LicenseError::NotEnoughLicenses { free: 3, wanted: 4 })
    );
    assert_eq!(
        licenses::assign(
            &mut w,
            &"alpine-ski".into(),
            &"sub-alpine-1".into(),
            &users[..3],
            now(),
            "T"
        ),
        Ok(3)
    );
    assert_eq!(
        licenses::unassign(
            &mut w,
            &"alpine-ski".into(),
            &"sub-alpine-1".into(),
            &users[..1],
            now(),
            "T"
        ),
        Ok(1)
    );
    assert_eq!(w.customer("alpine-ski").unwrap().assigned_users("sub-alpine-1"), 2);
    assert_eq!(
        licenses::assign(&mut w, &"alpine-ski".into(), &"sub-alpine-1".into(), &[], now(), "T"),
        Err(LicenseError::NoUsersSelected)
    );
}

/// Contoso with 45 users on its Business Basic, and an E3 bought for them.
fn contoso_with_many_users() -> Workspace {
    let mut w = demo::demo(Cloud::Worldwide);
    let contoso = w.customer_mut("contoso").unwrap();
    contoso.users = (0..45)
        .map(|i| User {
            id: format!("u-contoso-{i}").into(),
            display_name: format!("User {i}"),
            user_principal_name: format!("user{i}@contoso.example"),
            usage_location: Some("US".into()),
            licenses: vec!["sub-contoso-1".into()],
        })
        .collect();
    contoso.subscriptions[0].quantity = 45;
    w
}

#[test]
fn the_manual_path_buys_verifies_reassigns_twenty_at_a_time_and_cancels() {
    let catalog = catalog();
    let mut w = contoso_with_many_users();
    // 1. Buy a new subscription through the cart and checkout.
    w.cart.push(line("contoso", "sub-contoso-1", "o365-e3", 40).purchase());
    let quote = orders::quote_cart(&catalog, &w, &"contoso".into(), now()).unwrap();
    assert_eq!((quote.charges_minor, quote.credits_minor), (2300 * 40, 0));
    let id = common::place(&mut w, "m", "contoso", PaymentMethod::CreditCard, now()).unwrap();
    orders::advance(&catalog, &mut w, now().plus_millis(PROVISIONING_MS), "T");
    let order = w.orders.iter().find(|o| o.id == id).unwrap().clone();
    assert_eq!(order.status, OrderStatus::Completed);
    let new_id = order.lines[0].new_subscription_id.clone().unwrap();
    let c = w.customer("contoso").unwrap();
    assert_eq!(
        c.subscription("sub-contoso-1").unwrap().status,
        SubscriptionStatus::Active,
        "a purchase cancels nothing"
    );
    assert_eq!(c.assigned_users(&new_id), 0, "a purchase moves no licence");
    let offered = licenses::replacements(&catalog, c, "sub-contoso-1");
    assert_eq!(offered[0].subscription.id, new_id, "the newest subscription is offered first");
    assert_eq!(
        licenses::preselected(&offered).map(|r| r.subscription.id.as_str()),
        Some(new_id.as_str())
    );

    // 2. Verify: fewer licences than the old one; buy more.
    assert!(
        c.subscription(&new_id).unwrap().quantity
            < c.subscription("sub-contoso-1").unwrap().quantity
    );
    licenses::set_quantity(&catalog, &mut w, &"contoso".into(), &new_id, 45, now(), "T").unwrap();

    // 3. Reassign, at most 20 users at a time.
    let everyone = ids(0..45, "contoso");
    assert_eq!(
        licenses::reassign(
            &mut w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            &new_id,
            &everyone[..21],
            now(),
            "T"
        ),
        Err(LicenseError::TooManyUsers { max: MAX_USERS_PER_REASSIGNMENT })
    );
    // 4. Cancelling is refused while users still hold the old licences: the
    // wizard disables it with this reason, and the command refuses it too.
    assert_eq!(
        licenses::check_cancel(&w, &"contoso".into(), &"sub-contoso-1".into(), now()),
        Err(LicenseError::StillAssigned(45))
    );
    assert_eq!(
        licenses::cancel(
            &catalog,
            &mut w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            Some(&new_id),
            now(),
            "T"
        ),
        Err(LicenseError::StillAssigned(45))
    );
    for batch in everyone.chunks(MAX_USERS_PER_REASSIGNMENT) {
        licenses::reassign(
            &mut w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            &new_id,
            batch,
            now(),
            "T",
        )
        .unwrap();
    }
    let c = w.customer("contoso").unwrap();
    assert_eq!((c.assigned_users("sub-contoso-1"), c.assigned_users(&new_id)), (0, 45));
    // Defender for Office 365 (Plan 1) attaches to E3: it moves, with the new term.
    assert_eq!(
        licenses::check_cancel(&w, &"contoso".into(), &"sub-contoso-1".into(), now()),
        Ok(())
    );
    let plan = licenses::addon_plan(
        &catalog,
        w.customer("contoso").unwrap(),
        &"sub-contoso-1".into(),
        Some(&new_id),
    );
    assert_eq!(
        plan.iter().map(|(a, o)| (a.id.as_str(), *o)).collect::<Vec<_>>(),
        [("sub-contoso-2", AddonOutcome::Moves)]
    );
    let outcome = licenses::cancel(
        &catalog,
        &mut w,
        &"contoso".into(),
        &"sub-contoso-1".into(),
        Some(&new_id),
        now(),
        "T",
    )
    .unwrap();
    assert_eq!(outcome, [("sub-contoso-2".into(), AddonOutcome::Moves)]);
    let c = w.customer("contoso").unwrap();
    assert_eq!(c.subscription("sub-contoso-1").unwrap().status, SubscriptionStatus::Cancelled);
    let addon = c.subscription("sub-contoso-2").unwrap();
    let new = c.subscription(&new_id).unwrap();
    assert_eq!(
        (addon.status, addon.parent_subscription_id.as_deref()),
        (SubscriptionStatus::Active, Some(new_id.as_str()))
    );
    assert_eq!((addon.period_start, addon.period_end), (new.period_start, new.period_end));
    let actions: Vec<_> =
        w.audit.iter().rev().take(2).map(|a| (a.code(), a.subscription_id.as_deref())).collect();
    assert_eq!(
        actions,
        [("addon_moved", Some("sub-contoso-2")), ("subscription_cancelled", Some("sub-contoso-1"))]
    );
}

#[test]
fn cancelling_names_what_happens_to_each_add_on() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    let contoso = w.customers.iter_mut().find(|c| c.id == "contoso").unwrap();
    for user in contoso.users.iter_mut() {
        user.licenses.retain(|l| l != "sub-contoso-1");
    }
    let mut e5 = contoso.subscription("sub-contoso-1").unwrap().clone();
    e5.id = "sub-contoso-e5".into();
    e5.offer_id = "o365-e5".into();
    contoso.subscriptions.push(e5);
    let c = w.customer("contoso").unwrap().clone();
    let outcome = |new: Option<&str>| {
        licenses::addon_plan(&catalog, &c, &"sub-contoso-1".into(), new)
            .into_iter()
            .map(|(_, o)| o)
            .collect::<Vec<_>>()
    };
    // E5 includes Defender P1; without a new subscription it goes with its base.
    assert_eq!(outcome(Some("sub-contoso-e5")), [AddonOutcome::Included]);
    assert_eq!(outcome(None), [AddonOutcome::CancelledWithBase]);
    licenses::cancel(
        &catalog,
        &mut w,
        &"contoso".into(),
        &"sub-contoso-1".into(),
        Some("sub-contoso-e5"),
        now(),
        "T",
    )
    .unwrap();
    let c = w.customer("contoso").unwrap();
    assert_eq!(c.subscription("sub-contoso-2").unwrap().status, SubscriptionStatus::Cancelled);
    assert!(
        c.users.iter().all(|u| !u.licenses.iter().any(|l| l == "sub-contoso-2")),
        "its licences are released"
    );
    assert_eq!(
        w.audit.iter().filter(|a| a.code() == "subscription_cancelled").count(),
        2,
        "one entry each"
    );
}

#[test]
fn a_failed_reassignment_changes_nothing() {
    let mut w = contoso_with_many_users();
    let mut small = w.customer("contoso").unwrap().subscriptions[0].clone();
    small.id = "sub-small".into();
    small.offer_id = "o365-e1".into();
    small.quantity = 5;
    w.customer_mut("contoso").unwrap().subscriptions.push(small);
    let before = w.clone();
    assert_eq!(
        licenses::reassign(
            &mut w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            &"sub-small".into(),
            &ids(0..10, "contoso"),
            now(),
            "T"
        ),
        Err(LicenseError::NotEnoughLicenses { free: 5, wanted: 10 })
    );
    assert_eq!(w, before);
}

#[test]
fn purchases_are_limited_to_offers_on_sale() {
    let catalog = catalog();
    for offer in ["o365-e4", "m365-business-standard-in", "addon-phone-system"] {
        let mut w = demo::demo(Cloud::Worldwide);
        w.cart.push(line("contoso", "sub-contoso-1", offer, 5).purchase());
        assert_eq!(
            orders::quote_cart(&catalog, &w, &"contoso".into(), now()),
            Err(PlaceError::NotForSale { offer: offer.into() }),
            "{offer}"
        );
    }
}

/// A regression (docs/rules.md#assign-and-unassign): the Licenses tab's Assign
/// gave a licence to a user without a usage location, which order completion
/// refuses (docs/rules.md#completion). Assign refuses
/// it for the same reason, naming the users, and changes nothing.
#[test]
fn assigning_refuses_users_without_a_usage_location_and_names_them() {
    let mut w = demo::demo(Cloud::Worldwide);
    let contoso = w.customer_mut("contoso").unwrap();
    for (id, name, location) in [
        ("u-new-1", "Nia Okafor", None),
        ("u-new-2", "Ola Berg", Some("US")),
        ("u-new-3", "李雷", None),
    ] {
        contoso.users.push(User {
            id: id.into(),
            display_name: name.into(),
            user_principal_name: format!("{id}@contoso.example"),
            usage_location: location.map(String::from),
            licenses: vec![],
        });
    }
    let before = w.clone();
    let all: Vec<UserId> = ["u-new-1", "u-new-2", "u-new-3"].map(UserId::from).to_vec();
    assert_eq!(
        licenses::assign(&mut w, &"contoso".into(), &"sub-contoso-1".into(), &all, now(), "T"),
        Err(LicenseError::NoUsageLocation(vec!["Nia Okafor".into(), "李雷".into()]))
    );
    assert_eq!(w, before, "nothing assigned, no audit entry");
    // The user with a usage location alone is assigned.
    assert_eq!(
        licenses::assign(
            &mut w,
            &"contoso".into(),
            &"sub-contoso-1".into(),
            &all[1..2],
            now(),
            "T"
        ),
        Ok(1)
    );
    // The reassignment of the manual path assigns too: the same refusal.
    let mut w = demo::demo(Cloud::Worldwide);
    let alpine = w.customer_mut("alpine-ski").unwrap();
    let mut new = alpine.subscriptions[0].clone();
    new.id = "sub-alpine-new".into();
    new.quantity = 10;
    alpine.subscriptions.push(new);
    let before = w.clone();
    let unlocated = before
        .customer("alpine-ski")
        .unwrap()
        .users
        .iter()
        .find(|u| u.usage_location.is_none())
        .unwrap()
        .display_name
        .clone();
    assert_eq!(
        licenses::reassign(
            &mut w,
            &"alpine-ski".into(),
            &"sub-alpine-1".into(),
            &"sub-alpine-new".into(),
            &ids(1..5, "alpine-ski"),
            now(),
            "T"
        ),
        Err(LicenseError::NoUsageLocation(vec![unlocated]))
    );
    assert_eq!(w, before);
}

/// A regression (docs/rules.md#manual-upgrade): step 2 of the manual wizard offered (and chose) Wingtip's
/// Apps for enterprise, bought directly from Microsoft and without Exchange,
/// as the replacement of its Business Basic. Only this partner's active base
/// subscriptions are offered; one that would lose services names them and is
/// never chosen for the partner.
#[test]
fn the_manual_path_offers_only_this_partners_subscriptions_that_keep_the_services() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    let wingtip = w.customer("wingtip").unwrap();
    assert_eq!(wingtip.subscription("sub-wingtip-2").unwrap().channel, Channel::Direct);
    assert!(
        licenses::replacements(&catalog, wingtip, "sub-wingtip-1").is_empty(),
        "the direct Apps for enterprise is not offered"
    );
    assert!(licenses::preselected(&licenses::replacements(&catalog, wingtip, "sub-wingtip-1"))
        .is_none());

    // Bought through this partner: an Apps for enterprise (no Exchange, no
    // SharePoint, no Teams), then an E3 (Plan 2 gives what Plan 1 does), then
    // a suspended E1 and an add-on, which are not offered.
    let wingtip = w.customer_mut("wingtip").unwrap();
    let template = wingtip.subscription("sub-wingtip-1").unwrap().clone();
    let mut add = |id: &str, offer: &str, status: SubscriptionStatus, parent: Option<&str>| {
        let mut s = template.clone();
        s.id = id.into();
        s.offer_id = offer.into();
        s.status = status;
        s.channel = Channel::Partner;
        s.parent_subscription_id = parent.map(SubscriptionId::from);
        wingtip.subscriptions.push(s);
    };
    add("sub-wingtip-apps", "m365-apps-enterprise", SubscriptionStatus::Active, None);
    add("sub-wingtip-e3", "o365-e3", SubscriptionStatus::Active, None);
    add("sub-wingtip-e1", "o365-e1", SubscriptionStatus::Suspended, None);
    add(
        "sub-wingtip-storage",
        "addon-extra-file-storage",
        SubscriptionStatus::Active,
        Some("sub-wingtip-e3"),
    );
    add("sub-wingtip-apps-2", "m365-apps-enterprise", SubscriptionStatus::Active, None);
    let wingtip = w.customer("wingtip").unwrap();
    let offered = licenses::replacements(&catalog, wingtip, "sub-wingtip-1");
    let summary: Vec<(&str, Vec<&str>)> = offered
        .iter()
        .map(|r| (r.subscription.id.as_str(), r.lost_services.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        summary,
        [
            ("sub-wingtip-e3", vec![]),
            ("sub-wingtip-apps-2", vec!["exchange_p1", "sharepoint_p1", "teams"]),
            ("sub-wingtip-apps", vec!["exchange_p1", "sharepoint_p1", "teams"]),
        ]
    );
    assert_eq!(
        licenses::preselected(&offered).map(|r| r.subscription.id.as_str()),
        Some("sub-wingtip-e3")
    );
    // Verified only when it loses nothing and has the licences.
    assert!(offered[0].is_ready(30) && !offered[0].is_ready(31));
    assert!(!offered[1].is_ready(1));
    // Only ones that lose services: offered with their losses, none chosen.
    let only_apps: Vec<_> = offered.into_iter().filter(|r| !r.lost_services.is_empty()).collect();
    assert_eq!(licenses::preselected(&only_apps), None);
}

/// A regression (docs/rules.md#manual-upgrade): the wizard's Cancel was enabled while users held licences;
/// the rule it now shows says how many still do, and lets it go once none.
#[test]
fn the_old_subscription_cannot_be_cancelled_while_users_hold_it() {
    let catalog = catalog();
    let mut w = demo::demo(Cloud::Worldwide);
    assert_eq!(
        licenses::check_cancel(&w, &"contoso".into(), &"sub-contoso-1".into(), now()),
        Err(LicenseError::StillAssigned(6))
    );
    w.partner.user.role = Role::BillingAdmin;
    assert_eq!(
        licenses::check_cancel(&w, &"contoso".into(), &"sub-contoso-1".into(), now()),
        Err(LicenseError::ReadOnly)
    );
    w.partner.user.role = Role::AdminAgent;
    let users = ids(1..7, "contoso");
    licenses::unassign(&mut w, &"contoso".into(), &"sub-contoso-1".into(), &users, now(), "T")
        .unwrap();
    assert_eq!(
        licenses::check_cancel(&w, &"contoso".into(), &"sub-contoso-1".into(), now()),
        Ok(())
    );
    licenses::cancel(
        &catalog,
        &mut w,
        &"contoso".into(),
        &"sub-contoso-1".into(),
        None,
        now(),
        "T",
    )
    .unwrap();
    assert_eq!(
        licenses::check_cancel(&w, &"contoso".into(), &"sub-contoso-1".into(), now()),
        Err(LicenseError::NotActive(SubscriptionStatus::Cancelled))
    );
}

/// Auto-renew turned off is one entry naming the subscription; setting it
/// to what it is logs nothing; the subscription then expires at its period
/// end instead of renewing (docs/rules.md#renewal-on-the-clock).
#[test]
fn auto_renew_turned_off_logs_once_and_the_subscription_ends_with_its_period() {
    let mut w = demo::demo(Cloud::Worldwide);
    let (contoso, mail) = (&"contoso".into(), &"sub-contoso-1".into());
    let before = w.audit.len();
    licenses::set_auto_renew(&mut w, contoso, mail, false, now(), "T").unwrap();
    licenses::set_auto_renew(&mut w, contoso, mail, false, now(), "T").unwrap();
    assert_eq!(w.audit.len(), before + 1, "the second call changes nothing");
    let entry = w.audit.last().unwrap();
    assert_eq!(entry.code(), "auto_renew_changed");
    let words = upgrade_center::i18n::audit::AuditWords {
        t: upgrade_center::i18n::Locale::EnUs.strings(),
        catalog: &catalog(),
        workspace: &w,
    };
    assert_eq!(
        words.sentence(entry),
        "Auto-renew of Microsoft 365 Business Basic (Contoso mail) turned off: it ends when its \
         current period does"
    );
    // Read back from the stored document as it was written.
    let text = serde_json::to_string(&w).unwrap();
    let back: Workspace = serde_json::from_str(&text).unwrap();
    assert_eq!(back.audit.last(), Some(entry));

    upgrade_center::domain::renewal::renew_due(&mut w, common::at("2026-12-01")).unwrap();
    let s = w.customer("contoso").unwrap().subscription("sub-contoso-1").unwrap();
    assert_eq!(s.status, SubscriptionStatus::Expired);
}

#[test]
fn auto_renew_is_refused_to_a_billing_admin_and_on_a_subscription_that_ended() {
    let mut w = demo::demo(Cloud::Worldwide);
    let (contoso, mail) = (&"contoso".into(), &"sub-contoso-1".into());
    w.partner.user.role = Role::BillingAdmin;
    let untouched = w.clone();
    assert_eq!(
        licenses::set_auto_renew(&mut w, contoso, mail, false, now(), "T"),
        Err(LicenseError::ReadOnly)
    );
    assert_eq!(w, untouched);
    w.partner.user.role = Role::AdminAgent;
    w.customer_mut("contoso").unwrap().subscriptions[0].status = SubscriptionStatus::Cancelled;
    assert_eq!(
        licenses::set_auto_renew(&mut w, contoso, mail, true, now(), "T"),
        Err(LicenseError::NotActive(SubscriptionStatus::Cancelled))
    );
}
