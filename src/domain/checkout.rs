//! The checkout in progress (docs/rules.md#checkout): one draft per customer's cart, whose
//! key makes Place order idempotent, with the payment method and the Sold to
//! and Bill to details as the partner edits them.

use super::clock::Timestamp;
use super::contact::{self, Field, FieldError};
use super::workspace::{
    Address, AuditAction, AuditEntry, BillTo, CheckoutDraft, PaymentMethod, Workspace,
};
use crate::domain::ids::{CheckoutKey, CustomerId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckoutError {
    ReadOnly,
    UnknownCustomer,
    /// No checkout is in progress.
    NoDraft,
    /// Details that do not pass their checks, each field with its problem.
    Invalid(Vec<(Field, FieldError)>),
}

fn draft(w: &mut Workspace) -> Result<&mut CheckoutDraft, CheckoutError> {
    w.checkout.as_mut().ok_or(CheckoutError::NoDraft)
}

/// Opens the checkout of `customer_id`'s cart under `key`, with the customer's
/// own details; keeps the draft in progress if it is already this customer's
/// (another tab, a reload). `true` when a new draft was opened.
pub fn start(
    w: &mut Workspace,
    customer_id: &CustomerId,
    key: &CheckoutKey,
) -> Result<bool, CheckoutError> {
    w.may_act(CheckoutError::ReadOnly)?;
    if w.checkout.as_ref().is_some_and(|d| d.customer_id == customer_id) {
        return Ok(false);
    }
    let customer = w.customer(customer_id).ok_or(CheckoutError::UnknownCustomer)?;
    w.checkout = Some(CheckoutDraft {
        key: key.clone(),
        customer_id: customer_id.into(),
        payment: PaymentMethod::CreditCard,
        sold_to: customer.sold_to.clone(),
        bill_to: customer.bill_to.clone(),
    });
    Ok(true)
}

/// Whose cart /checkout shows: the customer of the checkout in progress while
/// their cart has lines (docs/rules.md#one-cart-per-customer), else the customer
/// of a cart that holds only their lines; `None` when the partner must pick.
pub fn customer_of(w: &Workspace) -> Option<&str> {
    let in_cart = |id: &str| w.cart.iter().any(|l| l.customer_id == id);
    w.checkout.as_ref().map(|d| d.customer_id.as_str()).filter(|id| in_cart(id)).or_else(|| {
        let first = w.cart.first()?.customer_id.as_str();
        w.cart.iter().all(|l| l.customer_id == first).then_some(first)
    })
}

pub fn set_payment(w: &mut Workspace, method: PaymentMethod) -> Result<(), CheckoutError> {
    w.may_act(CheckoutError::ReadOnly)?;
    draft(w)?.payment = method;
    Ok(())
}

/// Replaces the Sold to details, tidied and checked; the audit names the change.
pub fn set_sold_to(
    w: &mut Workspace,
    address: &Address,
    now: Timestamp,
    actor: &str,
) -> Result<(), CheckoutError> {
    w.may_act(CheckoutError::ReadOnly)?;
    let address = contact::tidy_address(address);
    let problems = contact::validate_sold_to(&address);
    if !problems.is_empty() {
        return Err(CheckoutError::Invalid(problems));
    }
    let d = draft(w)?;
    let old = std::mem::replace(&mut d.sold_to, address);
    if let Some((before, after)) =
        contact::changed_details(&BillTo::from_address(&old), &BillTo::from_address(&d.sold_to))
    {
        let action = AuditAction::SoldToChanged { from: before, to: after };
        let entry = AuditEntry::new(now, actor, action).customer(&d.customer_id);
        w.audit.push(entry);
    }
    Ok(())
}

/// Replaces the Bill to details, tidied and checked; the audit names the change.
pub fn set_bill_to(
    w: &mut Workspace,
    bill_to: &BillTo,
    now: Timestamp,
    actor: &str,
) -> Result<(), CheckoutError> {
    w.may_act(CheckoutError::ReadOnly)?;
    let bill_to = contact::tidy_bill_to(bill_to);
    let problems = contact::validate_bill_to(&bill_to);
    if !problems.is_empty() {
        return Err(CheckoutError::Invalid(problems));
    }
    let d = draft(w)?;
    let old = std::mem::replace(&mut d.bill_to, bill_to);
    if let Some((before, after)) = contact::changed_details(&old, &d.bill_to) {
        let action = AuditAction::BillToChanged { from: before, to: after };
        let entry = AuditEntry::new(now, actor, action).customer(&d.customer_id);
        w.audit.push(entry);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Cloud;
    use crate::domain::workspace::Role;
    use crate::store::demo::demo;

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-21T10:00:00Z").unwrap()
    }

    #[test]
    fn one_draft_per_customer_and_checked_details() {
        let mut w = demo(Cloud::Worldwide);
        assert_eq!(start(&mut w, &"contoso".into(), &"k1".into()), Ok(true));
        assert_eq!(
            start(&mut w, &"contoso".into(), &"k2".into()),
            Ok(false),
            "the draft in progress keeps its key"
        );
        assert_eq!(w.checkout.as_ref().unwrap().key, "k1");
        let mut bill_to = w.checkout.as_ref().unwrap().bill_to.clone();
        bill_to.email = "nope".into();
        assert!(matches!(
            set_bill_to(&mut w, &bill_to, now(), "T"),
            Err(CheckoutError::Invalid(_))
        ));
        bill_to.email = " ap@contoso.example ".into();
        bill_to.country = "us".into();
        set_bill_to(&mut w, &bill_to, now(), "T").unwrap();
        assert_eq!(w.checkout.as_ref().unwrap().bill_to.country, "US");
        let logged = w.audit.len();
        let before = w.checkout.as_ref().unwrap().bill_to.clone();
        bill_to.name = "Contoso AP".into();
        bill_to.city = " Redmond ".into();
        set_bill_to(&mut w, &bill_to, now(), "T").unwrap();
        let entry = w.audit.last().unwrap();
        assert_eq!(
            entry.action(),
            AuditAction::BillToChanged {
                from: format!("{}, {}", before.name, before.city),
                to: "Contoso AP, Redmond".into()
            },
            "the name and city, not the email"
        );
        set_bill_to(&mut w, &bill_to, now(), "T").unwrap();
        assert_eq!(w.audit.len(), logged + 1, "saving the same details again logs nothing");
        w.partner.user.role = Role::BillingAdmin;
        assert_eq!(set_payment(&mut w, PaymentMethod::Invoice), Err(CheckoutError::ReadOnly));
    }

    #[test]
    fn the_checkout_shows_the_chosen_customer_or_the_only_one() {
        let line = |customer: &str| crate::domain::workspace::CartLine {
            customer_id: customer.into(),
            source_subscription_id: format!("sub-{customer}-1").into(),
            target_offer_id: "o365-e3".into(),
            quantity: 25,
            billing_cycle: crate::domain::workspace::BillingCycle::Monthly,
            purchase: false,
            timing: Default::default(),
            moved_users: Vec::new(),
        };
        let mut w = demo(Cloud::Worldwide);
        assert_eq!(customer_of(&w), None, "an empty cart");
        w.cart = vec![line("contoso")];
        assert_eq!(customer_of(&w), Some("contoso"));
        w.cart.push(line("fabrikam"));
        assert_eq!(customer_of(&w), None, "two carts and none chosen");
        start(&mut w, &"fabrikam".into(), &"k".into()).unwrap();
        assert_eq!(customer_of(&w), Some("fabrikam"));
        w.cart.retain(|l| l.customer_id != "fabrikam");
        assert_eq!(customer_of(&w), Some("contoso"), "the chosen cart was ordered");
    }
}
