//! The product catalog (docs/rules.md#catalog): offers, add-on attach rules, prices per
//! currency, market settings and each cloud's upgrade matrix. Loaded from
//! `catalog.json` and validated before anything uses it.

use super::string_enum::string_enum;
use crate::domain::ids::OfferId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Licences accepted by an offer without a published seat maximum.
pub const UNLIMITED_SEATS: u32 = 1_000_000;

string_enum! {
    pub enum Cloud {
        Worldwide = "worldwide",
        China = "china",
    }
}

string_enum! {
    pub enum OfferKind {
        Base = "base",
        Addon = "addon",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Offer {
    pub id: OfferId,
    pub kind: OfferKind,
    pub name: String,
    #[serde(default)]
    pub legacy_name: Option<String>,
    pub services: Vec<String>,
    /// `None`: no published maximum ([`UNLIMITED_SEATS`]).
    #[serde(default)]
    pub seat_max: Option<u32>,
    pub clouds: Vec<Cloud>,
    /// `None`: every market of its clouds; otherwise only these markets.
    #[serde(default)]
    pub markets: Option<Vec<String>>,
    /// Retired offers (E4) can be upgraded from but never bought.
    pub purchasable: bool,
    /// Add-ons only: the base offer must include one of these services (empty: any base).
    #[serde(default)]
    pub attach_requires_any: Vec<String>,
    /// Whether Microsoft sells it under new commerce: every offer but the
    /// retired ones (docs/rules.md#new-commerce).
    #[serde(default = "sold_under_nce")]
    pub nce: bool,
    /// Price per licence per month, in minor units, by currency code.
    pub prices: BTreeMap<String, i64>,
    /// How Partner Center names this offer (docs/rules.md#catalog).
    #[serde(default)]
    pub partner_center: PartnerCenterIds,
}

fn sold_under_nce() -> bool {
    true
}

/// An offer's ids in Partner Center, from Microsoft's published lists (the
/// catalog's `sources`): what a subscription's `offerId` is matched on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnerCenterIds {
    /// Legacy license-based offer GUIDs (`796B6B5F-613C-4E24-A17C-EBA730D49C02`).
    #[serde(default)]
    pub legacy_offer_ids: Vec<String>,
    /// The new commerce product id (`CFQ7TTC0LH18`), the first part of a
    /// `productId:skuId:availabilityId` offer id.
    #[serde(default)]
    pub nce_product_id: Option<String>,
}

impl PartnerCenterIds {
    /// Every id, legacy GUIDs first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.legacy_offer_ids.iter().map(String::as_str).chain(self.nce_product_id.as_deref())
    }

    /// Whether Partner Center's `offer_id` names this offer: a legacy GUID in
    /// any case, or an NCE offer id (or bare product id) by its product id.
    pub fn matches(&self, offer_id: &str) -> bool {
        let offer_id = offer_id.trim();
        let product_id = offer_id.split(':').next().unwrap_or_default();
        self.legacy_offer_ids.iter().any(|guid| guid.eq_ignore_ascii_case(offer_id))
            || self.nce_product_id.as_deref().is_some_and(|id| id.eq_ignore_ascii_case(product_id))
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_guid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `CFQ7TTC0` and four more uppercase letters or digits.
fn is_nce_product_id(id: &str) -> bool {
    id.len() == 12
        && id.starts_with("CFQ7TTC0")
        && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

impl Offer {
    pub fn seat_max(&self) -> u32 {
        self.seat_max.unwrap_or(UNLIMITED_SEATS)
    }

    /// Every offer takes 1 licence at least and its seat maximum at most
    /// (docs/rules.md#catalog): the one rule for cart lines, purchases and
    /// stored documents.
    pub fn check_licences(&self, quantity: u32) -> Result<u32, super::quantity::QuantityError> {
        super::quantity::check_range(quantity.into(), 1, self.seat_max())
    }

    pub fn has_service(&self, service: &str) -> bool {
        self.services.iter().any(|s| s == service)
    }

    pub fn is_addon(&self) -> bool {
        self.kind == OfferKind::Addon
    }

    /// Whether this offer is sold to a customer in `market` on `cloud`.
    pub fn sold_in(&self, cloud: Cloud, market: &str) -> bool {
        self.purchasable
            && self.clouds.contains(&cloud)
            && self.markets.as_ref().is_none_or(|markets| markets.iter().any(|m| m == market))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MarketSettings {
    pub currency: String,
    /// Smallest order charges, in minor units, that may be paid by invoice.
    pub invoice_minimum: i64,
    /// Order charges, in minor units, from which a credit check is needed.
    pub credit_check_threshold: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    pub version: u32,
    pub services: Vec<Service>,
    pub offers: Vec<Offer>,
    /// Settings by market code; `"*"` applies to every market not listed, and
    /// `"CN"` to every customer of the china cloud.
    pub markets: BTreeMap<String, MarketSettings>,
    /// Source offer id to target offer ids, per cloud.
    pub upgrade_matrix: BTreeMap<Cloud, BTreeMap<String, Vec<String>>>,
    /// Where the catalog's facts come from (the Partner Center ids' published
    /// lists among them), one source a line.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A catalog problem: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

/// A catalog price per licence a month as `subscription` pays it: times its
/// term-and-billing factor under new commerce (docs/rules.md#new-commerce).
fn on_its_term(price: i64, subscription: &crate::domain::workspace::Subscription) -> i64 {
    match subscription.nce_term() {
        Some(term) => crate::domain::nce::nce_unit_price(price, term, subscription.billing_cycle),
        None => price,
    }
}

impl Catalog {
    /// Parses and validates `catalog.json`.
    pub fn from_json(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = serde_json::from_str(text).map_err(|error| CatalogError {
            path: crate::json_path::path_at(text, error.line(), error.column()),
            reason: crate::json_path::message(&error),
        })?;
        catalog.validate()?;
        Ok(catalog)
    }

    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.iter().find(|offer| offer.id == id)
    }

    /// The offer Partner Center's `offerId` names: a legacy offer GUID (any
    /// case), or an NCE `productId:skuId:availabilityId` (or bare product id)
    /// matched on its product id. A linear scan: the catalog has a few dozen
    /// offers at most.
    pub fn offer_by_partner_center_id(&self, offer_id: &str) -> Option<&Offer> {
        self.offers.iter().find(|offer| offer.partner_center.matches(offer_id))
    }

    /// The offer's current name, or its id when the catalog does not know it.
    pub fn offer_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.offer(id).map_or(id, |o| o.name.as_str())
    }

    pub fn service_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.services.iter().find(|s| s.id == id).map_or(id, |s| s.name.as_str())
    }

    /// Currency, invoice minimum and credit-check threshold for a customer in
    /// `market` on `cloud` (the china cloud bills every customer in CNY).
    pub fn billing(&self, cloud: Cloud, market: &str) -> &MarketSettings {
        let key = match cloud {
            Cloud::China => "CN",
            Cloud::Worldwide => market,
        };
        self.markets
            .get(key)
            .or_else(|| self.markets.get("*"))
            .expect("validated: \"*\" market exists")
    }

    /// The price of one licence for a month, in the customer's currency.
    pub fn monthly_price(&self, offer: &Offer, cloud: Cloud, market: &str) -> i64 {
        let currency = &self.billing(cloud, market).currency;
        *offer.prices.get(currency).expect("validated: every offer has a price in every currency")
    }

    /// What one licence of `subscription` costs a month: the offer's price,
    /// times its term-and-billing factor under new commerce
    /// (docs/rules.md#new-commerce).
    pub fn subscription_price(
        &self,
        offer: &Offer,
        cloud: Cloud,
        market: &str,
        subscription: &crate::domain::workspace::Subscription,
    ) -> i64 {
        on_its_term(self.monthly_price(offer, cloud, market), subscription)
    }

    /// [`Catalog::subscription_price`] in the catalog's USD prices, whatever
    /// the customer's market: the one scale rows of every currency compare on.
    pub fn usd_subscription_price(
        &self,
        offer: &Offer,
        subscription: &crate::domain::workspace::Subscription,
    ) -> i64 {
        on_its_term(offer.prices.get("USD").copied().unwrap_or_default(), subscription)
    }

    /// The targets of `offer_id` on `cloud`; `None` when it has no upgrade path.
    pub fn upgrade_targets(&self, cloud: Cloud, offer_id: &str) -> Option<&[String]> {
        self.upgrade_matrix.get(&cloud)?.get(offer_id).map(Vec::as_slice)
    }

    /// Whether add-on `addon` may be attached to base offer `base`: the base
    /// has a required service, and does not already include the add-on's services.
    pub fn addon_attaches_to(&self, addon: &Offer, base: &Offer) -> bool {
        let required = addon.attach_requires_any.is_empty()
            || addon.attach_requires_any.iter().any(|s| base.has_service(s));
        let includes_it =
            !addon.services.is_empty() && addon.services.iter().all(|s| base.has_service(s));
        required && !includes_it
    }

    fn validate(&self) -> Result<(), CatalogError> {
        let service_ids = self.validate_ids()?;
        self.validate_markets()?;
        let currencies: BTreeSet<&str> =
            self.markets.values().map(|m| m.currency.as_str()).collect();
        for (index, offer) in self.offers.iter().enumerate() {
            validate_offer(index, offer, &service_ids, &currencies)?;
        }
        self.validate_partner_center_ids()?;
        self.validate_upgrade_matrix()
    }

    /// Each Partner Center id is well formed and names one offer only.
    fn validate_partner_center_ids(&self) -> Result<(), CatalogError> {
        let mut owners: BTreeMap<String, &str> = BTreeMap::new();
        for (index, offer) in self.offers.iter().enumerate() {
            let path = format!("offers[{index}] ({}).partnerCenter", offer.id);
            validate_partner_center_format(&path, &offer.partner_center)?;
            for id in offer.partner_center.ids() {
                match owners.insert(id.to_ascii_uppercase(), offer.id.as_str()) {
                    Some(owner) if owner == offer.id.as_str() => {
                        return fail(path, format!("Partner Center id \"{id}\" is listed twice"));
                    }
                    Some(owner) => {
                        return fail(
                            path,
                            format!("Partner Center id \"{id}\" is also on offer \"{owner}\""),
                        );
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }

    /// Service and offer ids are unique; returns the service ids.
    fn validate_ids(&self) -> Result<BTreeSet<&str>, CatalogError> {
        let service_ids: BTreeSet<&str> = self.services.iter().map(|s| s.id.as_str()).collect();
        if service_ids.len() != self.services.len() {
            let duplicate = first_duplicate(self.services.iter().map(|s| s.id.as_str()));
            return fail(
                "services".into(),
                format!("duplicate service id \"{}\"", duplicate.unwrap_or_default()),
            );
        }
        if let Some(duplicate) = first_duplicate(self.offers.iter().map(|o| o.id.as_str())) {
            return fail("offers".into(), format!("duplicate offer id \"{duplicate}\""));
        }
        Ok(service_ids)
    }

    /// The markets every customer falls back on are there, and no amount is negative.
    fn validate_markets(&self) -> Result<(), CatalogError> {
        for required in ["*", "CN"] {
            if !self.markets.contains_key(required) {
                return fail("markets".into(), format!("the market \"{required}\" is missing"));
            }
        }
        for (code, market) in &self.markets {
            let path = format!("markets.{code}");
            if market.invoice_minimum < 0 || market.credit_check_threshold < 0 {
                return fail(path, "amounts must not be negative".into());
            }
        }
        Ok(())
    }

    /// Every offer of each cloud's matrix row is a base offer on that cloud,
    /// and a row lists each target once, never its source.
    fn validate_upgrade_matrix(&self) -> Result<(), CatalogError> {
        for (cloud, rows) in &self.upgrade_matrix {
            let cloud_name = cloud.as_str();
            for (source, targets) in rows {
                let path = format!("upgradeMatrix.{cloud_name}.{source}");
                for id in std::iter::once(source).chain(targets) {
                    self.validate_matrix_offer(&path, *cloud, id)?;
                }
                if targets.contains(source) {
                    return fail(path, "an offer cannot be upgraded to itself".into());
                }
                if let Some(duplicate) = first_duplicate(targets.iter().map(String::as_str)) {
                    return fail(path, format!("target \"{duplicate}\" is listed twice"));
                }
            }
        }
        Ok(())
    }

    /// An offer of the `cloud`'s matrix: known, on that cloud, and not an add-on.
    fn validate_matrix_offer(
        &self,
        path: &str,
        cloud: Cloud,
        id: &str,
    ) -> Result<(), CatalogError> {
        let cloud_name = cloud.as_str();
        match self.offer(id) {
            None => fail(path.into(), format!("unknown offer \"{id}\"")),
            Some(offer) if !offer.clouds.contains(&cloud) => {
                fail(path.into(), format!("offer \"{id}\" is not on the {cloud_name} cloud"))
            }
            Some(offer) if offer.is_addon() => {
                fail(path.into(), format!("add-on \"{id}\" cannot be in the upgrade matrix"))
            }
            Some(_) => Ok(()),
        }
    }
}

fn fail<T>(path: String, reason: String) -> Result<T, CatalogError> {
    Err(CatalogError { path, reason })
}

/// One offer: an id and a name, known services, at least one seat and one
/// cloud, and a price in every currency.
fn validate_offer(
    index: usize,
    offer: &Offer,
    service_ids: &BTreeSet<&str>,
    currencies: &BTreeSet<&str>,
) -> Result<(), CatalogError> {
    let path = format!("offers[{index}] ({})", offer.id);
    if offer.id.trim().is_empty() || offer.name.trim().is_empty() {
        return fail(path, "an offer needs an id and a name".into());
    }
    if let Some(service) = offer.services.iter().find(|s| !service_ids.contains(s.as_str())) {
        return fail(format!("{path}.services"), format!("unknown service \"{service}\""));
    }
    if let Some(service) =
        offer.attach_requires_any.iter().find(|s| !service_ids.contains(s.as_str()))
    {
        return fail(format!("{path}.attachRequiresAny"), format!("unknown service \"{service}\""));
    }
    if offer.seat_max == Some(0) {
        return fail(format!("{path}.seatMax"), "the seat maximum must be at least 1".into());
    }
    if offer.clouds.is_empty() {
        return fail(format!("{path}.clouds"), "an offer must be on at least one cloud".into());
    }
    validate_prices(&path, offer, currencies)
}

/// Legacy ids are GUIDs; the NCE product id is `CFQ7TTC0` and four more.
fn validate_partner_center_format(path: &str, ids: &PartnerCenterIds) -> Result<(), CatalogError> {
    if let Some(id) = ids.legacy_offer_ids.iter().find(|id| !is_guid(id)) {
        return fail(
            format!("{path}.legacyOfferIds"),
            format!("\"{id}\" is not a GUID (8-4-4-4-12 hexadecimal digits)"),
        );
    }
    match ids.nce_product_id.as_deref() {
        Some(id) if !is_nce_product_id(id) => fail(
            format!("{path}.nceProductId"),
            format!("\"{id}\" is not a new commerce product id (CFQ7TTC0 and 4 more)"),
        ),
        _ => Ok(()),
    }
}

/// A price, not negative, in every currency of the markets.
fn validate_prices(
    path: &str,
    offer: &Offer,
    currencies: &BTreeSet<&str>,
) -> Result<(), CatalogError> {
    for currency in currencies {
        match offer.prices.get(*currency) {
            None => return fail(format!("{path}.prices"), format!("missing price in {currency}")),
            Some(price) if *price < 0 => {
                return fail(format!("{path}.prices.{currency}"), format!("negative price {price}"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn first_duplicate<'a>(ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = BTreeSet::new();
    ids.into_iter().find(|id| !seen.insert(*id))
}
