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
