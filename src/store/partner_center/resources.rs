//! Partner Center's Customer and Subscription resources as workspace items
//! (SPEC 13's mapping). Each function reads one item: a required field
//! missing or malformed, or a subscription that cannot be imported, is one
//! [`Problem`] for that item only.

use super::fields::{
    choice, count, date, flag, get, instant, object, optional_text, path, text, At, Read,
};
use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::ids::CustomerId;
use crate::domain::nce::{
    merged_batch, BillingPeriods, SeatBatch, TermDuration, REMOVAL_WINDOW_MS,
};
use crate::domain::workspace::{
    Address, BillTo, BillingCycle, Channel, Commerce, Customer, DelegatedAdmin, NextTerm,
    Subscription, SubscriptionStatus,
};
use crate::store::problem::{Problem, Reason};
use serde_json::Value;

/// An address of the API (`addressLine1`…, `city`, `postalCode`, `country`).
struct ApiAddress {
    lines: Vec<String>,
    city: String,
    postal_code: String,
    country: String,
}

fn address(at: At) -> Read<ApiAddress> {
    let lines = ["addressLine1", "addressLine2", "addressLine3"]
        .iter()
        .map(|name| optional_text(at, name))
        .collect::<Read<Vec<Option<String>>>>()?;
    Ok(ApiAddress {
        lines: lines.into_iter().flatten().collect(),
        city: optional_text(at, "city")?.unwrap_or_default(),
        postal_code: optional_text(at, "postalCode")?.unwrap_or_default(),
        country: text(at, "country")?.to_ascii_uppercase(),
    })
}

/// A Customer: its company, market, Sold to and Bill to, and delegated
/// admin access (`allowDelegatedAccess`; absent from the list call, so taken
/// as granted). No subscriptions and no users: those resources do not hold them.
pub fn customer(at: At) -> Read<Customer> {
    let id = text(at, "id")?;
    let company_path = path(at.path, "companyProfile");
    let company = object(at, "companyProfile")?
        .ok_or_else(|| Problem::invalid(company_path.clone(), Reason::Missing))?;
    let company = At { value: company, path: &company_path };
    let name = text(company, "companyName")?;
    let domain = text(company, "domain")?;
    let billing_path = path(at.path, "billingProfile");
    let billing = object(at, "billingProfile")?.map(|value| At { value, path: &billing_path });
    let default_address_path = path(&billing_path, "defaultAddress");
    let company_address_path = path(&company_path, "address");
    let sold_to = match (object(company, "address")?, billing) {
        (Some(value), _) => address(At { value, path: &company_address_path })?,
        (None, Some(billing)) => {
            let value = object(billing, "defaultAddress")?
                .ok_or_else(|| Problem::invalid(default_address_path.clone(), Reason::Missing))?;
            address(At { value, path: &default_address_path })?
        }
        (None, None) => return Err(Problem::invalid(company_address_path, Reason::Missing)),
    };
    let bill_to = bill_to(billing, &name, &sold_to, &default_address_path)?;
    let granted = match get(at.value, "allowDelegatedAccess") {
        None => true,
        Some(_) => flag(at, "allowDelegatedAccess")?,
    };
    Ok(Customer {
        id: id.into(),
        company_name: name.clone(),
        domain,
        market: sold_to.country.clone(),
        delegated_admin: DelegatedAdmin { granted, services: None },
        sold_to: Address {
            name,
            address: sold_to.lines,
            city: sold_to.city,
            postal_code: sold_to.postal_code,
            country: sold_to.country,
        },
        bill_to,
        subscriptions: Vec::new(),
        users: Vec::new(),
        users_not_imported: true,
    })
}

/// Bill to from the billing profile: its company, or its contact's name; its
/// email and default address (else Sold to's).
fn bill_to(
    billing: Option<At>,
    company: &str,
    sold_to: &ApiAddress,
    address_path: &str,
) -> Read<BillTo> {
    let Some(billing) = billing else {
        return Ok(BillTo {
            name: company.to_string(),
            email: String::new(),
            address: sold_to.lines.clone(),
            city: sold_to.city.clone(),
            postal_code: sold_to.postal_code.clone(),
            country: sold_to.country.clone(),
        });
    };
    let contact = [optional_text(billing, "firstName")?, optional_text(billing, "lastName")?]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = optional_text(billing, "companyName")?
        .or((!contact.is_empty()).then_some(contact))
        .unwrap_or_else(|| company.to_string());
    let place = match object(billing, "defaultAddress")? {
        Some(value) => address(At { value, path: address_path })?,
        None => ApiAddress {
            lines: sold_to.lines.clone(),
            city: sold_to.city.clone(),
            postal_code: sold_to.postal_code.clone(),
            country: sold_to.country.clone(),
        },
    };
    Ok(BillTo {
        name,
        email: optional_text(billing, "email")?.unwrap_or_default(),
        address: place.lines,
        city: place.city,
        postal_code: place.postal_code,
        country: place.country,
    })
}

/// The customer a subscription belongs to, from `links.self.uri`
/// (`/customers/{id}/subscriptions/{id}`).
fn owner(at: At) -> Read<CustomerId> {
    let uri_path = path(at.path, "links.self.uri");
    let uri = get(at.value, "links")
        .and_then(|l| get(l, "self"))
        .and_then(|s| get(s, "uri"))
        .and_then(Value::as_str)
        .ok_or_else(|| Problem::invalid(uri_path.clone(), Reason::Missing))?;
    let mut parts = uri.split('/').skip_while(|p| !p.eq_ignore_ascii_case("customers")).skip(1);
    parts
        .next()
        .filter(|id| !id.is_empty())
        .map(CustomerId::from)
        .ok_or_else(|| Problem::invalid(uri_path, Reason::Missing))
}

const STATUSES: [&str; 6] = ["active", "suspended", "expired", "pending", "deleted", "disabled"];
const BILLINGS: [&str; 5] = ["monthly", "annual", "triennial", "none", "one_time"];

/// A Subscription, with the customer it belongs to. `today` places the
/// current billing period in its term.
pub fn subscription(catalog: &Catalog, today: Date, at: At) -> Read<(CustomerId, Subscription)> {
    let customer = owner(at)?;
    let id = text(at, "id")?;
    let offer_ref = text(at, "offerId")?;
    let usage = get(at.value, "billingType")
        .and_then(Value::as_str)
        .is_some_and(|b| b.eq_ignore_ascii_case("usage"));
    // Azure plans (DZH318Z0…) and usage-based offers are not licences.
    if usage || offer_ref.to_ascii_uppercase().starts_with("DZH318Z0") {
        return Err(Problem::invalid(path(at.path, "offerId"), Reason::UsageBased));
    }
    let offer = catalog.offer_by_partner_center_id(&offer_ref).ok_or_else(|| {
        Problem::invalid(path(at.path, "offerId"), Reason::UnknownOffer { id: offer_ref.clone() })
    })?;
    let status = match choice(at, "status", &STATUSES)?.as_str() {
        "active" => SubscriptionStatus::Active,
        "expired" => SubscriptionStatus::Expired,
        "pending" => SubscriptionStatus::Pending,
        "deleted" => SubscriptionStatus::Cancelled,
        _ => SubscriptionStatus::Suspended,
    };
    let billing = choice(at, "billingCycle", &BILLINGS)?;
    let billing_cycle = BillingCycle::parse(&billing).ok_or_else(|| {
        Problem::invalid(path(at.path, "billingCycle"), Reason::BillingNotImported { billing })
    })?;
    let nce = offer_ref.contains(':') || get(at.value, "termDuration").is_some();
    let mut s = Subscription {
        id: id.into(),
        offer_id: offer.id.clone(),
        friendly_name: optional_text(at, "friendlyName")?.unwrap_or_else(|| offer.name.clone()),
        status,
        quantity: count(at, "quantity")?,
        billing_cycle,
        channel: Channel::Partner,
        parent_subscription_id: optional_text(at, "parentSubscriptionId")?.map(Into::into),
        period_start: today,
        period_end: today,
        auto_renew: flag(at, "autoRenewEnabled")?,
        commerce: Commerce::Legacy,
        term_duration: None,
        term_start: None,
        term_end: None,
        seat_batches: Vec::new(),
        next_term: None,
    };
    let start = date(at, "effectiveStartDate")?;
    if nce {
        new_commerce(&mut s, at, start, today)?;
    } else {
        let anchor = today.max(start);
        (s.period_start, s.period_end) = billing_cycle.period_holding(start, anchor);
    }
    Ok((customer, s))
}

/// The term, the billing period inside it, the batches and the next term of
/// a new-commerce subscription.
fn new_commerce(s: &mut Subscription, at: At, start: Date, today: Date) -> Read<()> {
    let term = choice(at, "termDuration", &["p1m", "p1y", "p3y"])?;
    let term = TermDuration::parse(&term.to_ascii_uppercase()).expect("one of the three");
    // The API's commitment end is the term's last day; `termEnd` is the day after.
    let end = date(at, "commitmentEndDate")?.add_days(1);
    s.commerce = Commerce::Nce;
    s.term_duration = Some(term);
    (s.term_start, s.term_end) = (Some(start), Some(end));
    let day = today.clamp(start, end.add_days(-1).max(start));
    (s.period_start, s.period_end) = s.billing_cycle.period_holding(start, day);
    s.seat_batches = batches(at, s.quantity, start)?;
    let next_path = path(at.path, "scheduledNextTermInstructions");
    if let Some(next) = object(at, "scheduledNextTermInstructions")? {
        let next = At { value: next, path: &next_path };
        if get(next.value, "quantity").is_some() {
            s.next_term =
                Some(NextTerm { quantity: Some(count(next, "quantity")?), ..NextTerm::default() });
        }
    }
    Ok(())
}

/// The batches: each refundable quantity added 168 hours before its
/// deadline, the rest in one batch at the term's start.
fn batches(at: At, quantity: u32, start: Date) -> Read<Vec<SeatBatch>> {
    let refundable_path = path(at.path, "refundableQuantity");
    let details_path = path(&refundable_path, "details");
    let details = get(at.value, "refundableQuantity").and_then(|r| get(r, "details"));
    let mut open = Vec::new();
    for (i, detail) in details.and_then(Value::as_array).into_iter().flatten().enumerate() {
        let item_path = format!("{details_path}[{i}]");
        let item = At { value: detail, path: &item_path };
        let until = instant(item, "allowedUntilDateTime")?;
        open.push(SeatBatch {
            quantity: count(item, "quantity")?,
            added_at: until.plus_millis(-REMOVAL_WINDOW_MS),
        });
    }
    let refundable: u64 = open.iter().map(|b| u64::from(b.quantity)).sum();
    if refundable > u64::from(quantity) {
        return Err(Problem::invalid(
            refundable_path,
            Reason::BatchesDoNotSum { total: refundable, quantity },
        ));
    }
    let rest = quantity - refundable as u32;
    let mut batches: Vec<SeatBatch> =
        (rest > 0).then(|| merged_batch(rest, start)).into_iter().collect();
    batches.extend(open.into_iter().filter(|b| b.quantity > 0));
    Ok(batches)
}
