//! The shipped catalog and the errors a broken one gives.

mod common;

use common::catalog as shipped;
use upgrade_center::domain::catalog::{Catalog, Cloud, UNLIMITED_SEATS};

const SHIPPED: &str = include_str!("../assets/catalog.json");

/// The shipped catalog with one edit applied to its JSON.
fn broken(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
    edit(&mut value);
    value.to_string()
}

fn error_of(text: &str) -> String {
    Catalog::from_json(text).expect_err("the catalog must be refused").to_string()
}

#[test]
fn shipped_catalog_has_the_contract_offers_and_usd_prices() {
    let catalog = shipped();
    let usd = |id: &str| catalog.offer(id).unwrap_or_else(|| panic!("missing {id}")).prices["USD"];
    let expected = [
        ("m365-business-basic", 600),
        ("m365-apps-business", 825),
        ("m365-business-standard", 1250),
        ("m365-business-premium", 2200),
        ("m365-apps-enterprise", 1200),
        ("o365-e1", 1000),
        ("o365-e3", 2300),
        ("o365-e5", 3800),
        ("o365-e4", 2200),
        ("m365-e5", 5700),
        ("m365-apps-business-in", 825),
        ("m365-business-basic-in", 600),
        ("m365-business-standard-in", 1250),
        ("addon-extra-file-storage", 20),
        ("addon-audio-conferencing", 400),
        ("addon-phone-system", 800),
        ("addon-defender-office-p1", 200),
    ];
    for (id, price) in expected {
        assert_eq!(usd(id), price, "{id}");
    }
    assert_eq!(catalog.offers.len(), expected.len());
    assert!(!catalog.offer("o365-e4").unwrap().purchasable, "E4 is retired");
    assert_eq!(catalog.offer("o365-e3").unwrap().seat_max(), UNLIMITED_SEATS);
    assert_eq!(catalog.offer("m365-business-basic").unwrap().seat_max(), 300);
}

#[test]
fn shipped_matrices_are_the_spec_tables() {
    let catalog = shipped();
    let row = |cloud, id| catalog.upgrade_targets(cloud, id).map(|t| t.join(","));
    assert_eq!(
        row(Cloud::Worldwide, "m365-apps-business-in").as_deref(),
        Some("m365-business-standard-in,m365-apps-enterprise,o365-e3,o365-e5")
    );
    assert_eq!(row(Cloud::Worldwide, "o365-e4").as_deref(), Some("o365-e5,m365-e5"));
    assert_eq!(row(Cloud::China, "m365-business-standard").as_deref(), Some("o365-e3"));
    assert_eq!(row(Cloud::China, "m365-business-basic-in"), None);
    assert_eq!(row(Cloud::Worldwide, "o365-e3"), None);
    assert_eq!(catalog.upgrade_matrix[&Cloud::Worldwide].len(), 7);
    assert_eq!(catalog.upgrade_matrix[&Cloud::China].len(), 3);
}

#[test]
fn currencies_follow_market_and_cloud() {
    let catalog = shipped();
    assert_eq!(catalog.billing(Cloud::Worldwide, "IT").currency, "EUR");
    assert_eq!(catalog.billing(Cloud::Worldwide, "SE").currency, "SEK");
    assert_eq!(catalog.billing(Cloud::Worldwide, "IN").currency, "INR");
    assert_eq!(catalog.billing(Cloud::Worldwide, "DE").currency, "USD");
    assert_eq!(catalog.billing(Cloud::China, "US").currency, "CNY");
    assert_eq!(catalog.billing(Cloud::Worldwide, "US").invoice_minimum, 50_000);
    assert_eq!(catalog.billing(Cloud::Worldwide, "US").credit_check_threshold, 500_000);
}

#[test]
fn unknown_offer_in_a_matrix_is_named() {
    let text = broken(|v| v["upgradeMatrix"]["worldwide"]["o365-e4"][0] = "o365-e9".into());
    let error = error_of(&text);
    assert!(error.contains("upgradeMatrix.worldwide.o365-e4"), "{error}");
    assert!(error.contains("unknown offer \"o365-e9\""), "{error}");
}

#[test]
fn duplicate_offer_id_is_named() {
    let text = broken(|v| v["offers"][1]["id"] = "m365-business-basic".into());
    assert!(error_of(&text).contains("duplicate offer id \"m365-business-basic\""));
}

#[test]
fn missing_price_is_named() {
    let text = broken(|v| {
        v["offers"][2]["prices"].as_object_mut().unwrap().remove("SEK");
    });
    let error = error_of(&text);
    assert!(error.contains("offers[2] (m365-business-standard).prices"), "{error}");
    assert!(error.contains("missing price in SEK"), "{error}");
}

#[test]
fn negative_numbers_are_refused() {
    let text = broken(|v| v["offers"][0]["prices"]["USD"] = (-600).into());
    assert!(error_of(&text).contains("negative price -600"));
    let text = broken(|v| v["offers"][0]["seatMax"] = (-1).into());
    let error = error_of(&text);
    assert!(error.contains("offers[0].seatMax"), "{error}");
}

#[test]
fn wrong_types_and_bad_json_name_their_place() {
    let text = broken(|v| v["offers"][3]["clouds"][0] = "mars".into());
    let error = error_of(&text);
    assert!(error.contains("offers[3].clouds[0]"), "{error}");
    assert!(error.contains("unknown value \"mars\""), "{error}");
    assert!(!error_of("{\"version\": 1,").is_empty());
    assert!(error_of("[]").contains("expected struct Catalog"));
}

#[test]
fn matrix_refuses_addons_self_upgrades_and_wrong_clouds() {
    let text =
        broken(|v| v["upgradeMatrix"]["worldwide"]["o365-e4"][0] = "addon-phone-system".into());
    assert!(
        error_of(&text).contains("add-on \"addon-phone-system\" cannot be in the upgrade matrix")
    );
    let text = broken(|v| v["upgradeMatrix"]["worldwide"]["o365-e4"][0] = "o365-e4".into());
    assert!(error_of(&text).contains("cannot be upgraded to itself"));
    let text =
        broken(|v| v["upgradeMatrix"]["china"]["m365-business-standard"][0] = "o365-e5".into());
    assert!(error_of(&text).contains("not on the china cloud"));
}

#[test]
fn unknown_service_and_missing_market_are_named() {
    let text = broken(|v| v["offers"][0]["services"][0] = "fax".into());
    assert!(error_of(&text).contains("unknown service \"fax\""));
    let text = broken(|v| {
        v["markets"].as_object_mut().unwrap().remove("*");
    });
    assert!(error_of(&text).contains("the market \"*\" is missing"));
}

/// The offer Partner Center's `offerId` names, by the catalog's own id.
fn by_partner_center_id(id: &str) -> Option<String> {
    shipped().offer_by_partner_center_id(id).map(|offer| offer.id.to_string())
}

#[test]
fn legacy_offer_guids_match_in_any_case() {
    let e3 = Some("o365-e3".to_string());
    assert_eq!(by_partner_center_id("796B6B5F-613C-4E24-A17C-EBA730D49C02"), e3);
    assert_eq!(by_partner_center_id("796b6b5f-613c-4e24-a17c-eba730d49c02"), e3);
    assert_eq!(
        by_partner_center_id("bd938f12-058f-4927-bba3-ae36b1d2501c").as_deref(),
        Some("m365-business-basic")
    );
    assert_eq!(
        by_partner_center_id("8909E28E-5832-42F4-9886-B0A5545F3645").as_deref(),
        Some("o365-e4"),
        "the retired E4 keeps its legacy id"
    );
}

#[test]
fn nce_offer_ids_match_on_their_product_id() {
    let basic = Some("m365-business-basic".to_string());
    assert_eq!(by_partner_center_id("CFQ7TTC0LH18:0001:CFQ7TTC0K5DM"), basic);
    assert_eq!(by_partner_center_id("CFQ7TTC0LH18"), basic);
    assert_eq!(by_partner_center_id("cfq7ttc0lh18:0001:cfq7ttc0k971"), basic);
    assert_eq!(
        by_partner_center_id("CFQ7TTC0LH0T:0001:CFQ7TTC0K4KQ").as_deref(),
        Some("addon-phone-system")
    );
}

#[test]
fn unknown_partner_center_ids_name_no_offer() {
    for id in [
        "DZH318Z0BPS6:0001:DZH318Z0BFZ6",
        "00000000-0000-0000-0000-000000000000",
        "CFQ7TTC0ZZZZ:0001:CFQ7TTC0K5DM",
        "CFQ7TTC0LH1",
        "796B6B5F-613C-4E24-A17C-EBA730D49C0",
        "0001",
        "",
    ] {
        assert_eq!(by_partner_center_id(id), None, "{id:?}");
    }
}

#[test]
fn every_sold_worldwide_offer_but_the_india_editions_has_an_nce_product_id() {
    let catalog = shipped();
    for offer in &catalog.offers {
        let india = offer.markets.as_ref().is_some_and(|m| m == &["IN"]);
        let expected = offer.purchasable && !india;
        assert_eq!(offer.partner_center.nce_product_id.is_some(), expected, "{}", offer.id);
    }
    assert!(!catalog.sources.is_empty(), "the catalog names its sources");
}

#[test]
fn a_partner_center_id_on_two_offers_is_refused() {
    let text = broken(|v| {
        v["offers"][1]["partnerCenter"]["legacyOfferIds"][0] =
            "796b6b5f-613c-4e24-a17c-eba730d49c02".into();
    });
    let error = error_of(&text);
    assert!(error.contains("offers[6] (o365-e3).partnerCenter"), "{error}");
    assert!(error.contains("is also on offer \"m365-apps-business\""), "{error}");
    let text = broken(|v| v["offers"][5]["partnerCenter"]["nceProductId"] = "CFQ7TTC0LH18".into());
    assert!(error_of(&text).contains("\"CFQ7TTC0LH18\" is also on offer \"m365-business-basic\""));
    let text = broken(|v| {
        v["offers"][0]["partnerCenter"]["legacyOfferIds"]
            .as_array_mut()
            .unwrap()
            .push("BD938F12-058F-4927-BBA3-AE36B1D2501C".into());
    });
    assert!(error_of(&text).contains("is listed twice"));
}

#[test]
fn malformed_partner_center_ids_are_refused() {
    for guid in [
        "796B6B5F-613C-4E24-A17C-EBA730D49C0",
        "796B6B5F613C4E24A17CEBA730D49C02",
        "Z96B6B5F-613C-4E24-A17C-EBA730D49C02",
    ] {
        let text = broken(|v| v["offers"][0]["partnerCenter"]["legacyOfferIds"][0] = guid.into());
        let error = error_of(&text);
        assert!(error.contains("partnerCenter.legacyOfferIds"), "{error}");
        assert!(error.contains("is not a GUID"), "{error}");
    }
    for product in ["CFQ7TTC0LH1", "cfq7ttc0lh18", "CFQ7TTC0LH18:0001", "DZH318Z0BPS6"] {
        let text = broken(|v| v["offers"][0]["partnerCenter"]["nceProductId"] = product.into());
        assert!(error_of(&text).contains("is not a new commerce product id"), "{product}");
    }
    let text = broken(|v| v["offers"][0]["partnerCenter"]["skuId"] = "0001".into());
    assert!(error_of(&text).contains("unknown field `skuId`"));
}

#[test]
fn partner_center_ids_and_sources_are_optional() {
    let text = broken(|v| {
        v.as_object_mut().unwrap().remove("sources");
        for offer in v["offers"].as_array_mut().unwrap() {
            offer.as_object_mut().unwrap().remove("partnerCenter");
        }
    });
    let catalog = Catalog::from_json(&text).expect("ids are optional");
    assert!(catalog.offer_by_partner_center_id("CFQ7TTC0LH18").is_none());
}
