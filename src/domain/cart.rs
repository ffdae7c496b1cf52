//! The cart: what may be in it together, and an audit entry for each change.

use super::catalog::Catalog;
use super::clock::Timestamp;
use super::eligibility::{evaluate, Fact, Reason, ReasonCode, TargetEvaluation};
use super::ids::{CustomerId, OfferId, UserId};
use super::quantity::QuantityError;
use super::workspace::{
    AuditAction, AuditEntry, BillingCycle, CartLine, LineKey, Subscription, UpgradeTiming,
    Workspace,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CartError {
    ReadOnly,
    UnknownCustomer,
    UnknownOffer,
    /// No line with that key (removed meanwhile, in this tab or another).
    UnknownLine,
    /// A count outside 1 and the offer's seat maximum: the document would
    /// not load again (docs/rules.md#cart-lines).
    Quantity(QuantityError),
}

fn check_quantity(catalog: &Catalog, offer_id: &str, quantity: u32) -> Result<(), CartError> {
    let offer = catalog.offer(offer_id).ok_or(CartError::UnknownOffer)?;
    offer.check_licences(quantity).map(drop).map_err(CartError::Quantity)
}

/// What adding a line did besides adding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// The target of the line this one replaced (a second target chosen for
    /// the same subscription), when it was another one.
    pub replaced_target: Option<OfferId>,
}

/// Puts `line` in the cart, replacing the line with the same key.
pub fn add(
    catalog: &Catalog,
    w: &mut Workspace,
    line: CartLine,
    now: Timestamp,
    actor: &str,
) -> Result<Added, CartError> {
    w.may_act(CartError::ReadOnly)?;
    if w.customer(&line.customer_id).is_none() {
        return Err(CartError::UnknownCustomer);
    }
    check_quantity(catalog, &line.target_offer_id, line.quantity)?;
    // A purchase starts when it is bought (see `set_timing`).
    let line =
        CartLine { timing: if line.purchase { UpgradeTiming::Now } else { line.timing }, ..line };
    let key = line.key();
    let replaced_target = w
        .cart
        .iter()
        .find(|l| {
            l.customer_id == line.customer_id
                && l.key() == key
                && l.target_offer_id != line.target_offer_id
        })
        .map(|l| l.target_offer_id.clone());
    // One cart per customer (docs/rules.md#one-cart-per-customer): other
    // customers' lines stay.
    w.cart.retain(|l| l.customer_id != line.customer_id || l.key() != key);
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::CartLineAdded { item: line.item() })
            .customer(&line.customer_id)
            .subscription(&line.source_subscription_id),
    );
    w.cart.push(line);
    Ok(Added { replaced_target })
}

/// The earlier line of the same customer's cart that already gets `line`'s
/// target: one order never buys the same offer twice for a customer, so the
/// later line is blocked, naming this one (docs/rules.md#same-target-twice).
pub fn same_target_before<'a>(w: &'a Workspace, line: &CartLine) -> Option<&'a CartLine> {
    let key = line.key();
    w.cart
        .iter()
        .filter(|l| l.customer_id == line.customer_id)
        .take_while(|l| l.key() != key)
        .find(|l| l.target_offer_id == line.target_offer_id)
}

/// The `target_offer_already_owned` reason for a line whose target another
/// line already gets.
pub fn duplicate_reason(w: &Workspace, line: &CartLine) -> Option<Reason> {
    same_target_before(w, line).map(|other| Reason {
        code: ReasonCode::TargetOfferAlreadyOwned,
        fact: Fact::InCart {
            source_subscription_id: other.source_subscription_id.clone(),
            purchase: other.purchase,
        },
    })
}

/// An upgrade line as the rules see it now: its source, and its target's
/// evaluation with the cart's own rule added (another line already gets the
/// target). `None` when the customer, the source or the target is gone.
pub fn evaluate_line(
    catalog: &Catalog,
    w: &Workspace,
    line: &CartLine,
) -> Option<(Subscription, TargetEvaluation)> {
    let customer = w.customer(&line.customer_id)?;
    let source = customer.subscription(&line.source_subscription_id)?;
    let mut target = evaluate(catalog, w, customer, source).target(&line.target_offer_id)?.clone();
    if let Some(reason) = duplicate_reason(w, line) {
        target.eligible = false;
        target.reasons.push(reason);
    }
    Some((source.clone(), target))
}

pub fn line<'a>(w: &'a Workspace, key: &LineKey) -> Option<&'a CartLine> {
    w.cart.iter().find(|l| &l.key() == key)
}

/// Sets the licence count of the line with `key`. The count it already has
/// changes nothing and logs nothing: the log holds what the partner changed.
pub fn set_quantity(
    catalog: &Catalog,
    w: &mut Workspace,
    key: &LineKey,
    quantity: u32,
    now: Timestamp,
    actor: &str,
) -> Result<(), CartError> {
    let current = line(w, key).ok_or(CartError::UnknownLine)?;
    let offer = current.target_offer_id.clone();
    check_quantity(catalog, &offer, quantity)?;
    if current.quantity == quantity {
        return w.may_act(CartError::ReadOnly);
    }
    change(w, key, |l| l.quantity = quantity, now, actor)
}

/// Sets when the upgrade of the line with `key` takes effect
/// (docs/rules.md#upgrade-at-renewal). A
/// purchase (manual path) starts when it is bought: it has no term to wait for.
pub fn set_timing(
    w: &mut Workspace,
    key: &LineKey,
    timing: UpgradeTiming,
    now: Timestamp,
    actor: &str,
) -> Result<(), CartError> {
    w.may_act(CartError::ReadOnly)?;
    let line = w.cart.iter_mut().find(|l| &l.key() == key).ok_or(CartError::UnknownLine)?;
    if line.purchase {
        return Err(CartError::UnknownLine);
    }
    let before = std::mem::replace(&mut line.timing, timing);
    let action = AuditAction::CartLineTimingChanged { from: before, to: timing };
    let entry = AuditEntry::new(now, actor, action)
        .customer(&line.customer_id)
        .subscription(&line.source_subscription_id);
    w.audit.push(entry);
    Ok(())
}

/// Whether the line upgrades a new-commerce subscription, which keeps its
/// term and billing (docs/rules.md#new-commerce).
pub fn source_is_nce(w: &Workspace, line: &CartLine) -> bool {
    w.customer(&line.customer_id)
        .and_then(|c| c.subscription(&line.source_subscription_id))
        .is_some_and(|s| s.commerce.is_nce())
}

/// Sets the users who move with a partial new-commerce upgrade, as the
/// partner ticks them (docs/rules.md#new-commerce); checked when the cart is
/// quoted and placed.
pub fn set_moved_users(
    w: &mut Workspace,
    key: &LineKey,
    users: Vec<UserId>,
    now: Timestamp,
    actor: &str,
) -> Result<(), CartError> {
    w.may_act(CartError::ReadOnly)?;
    let line = w.cart.iter_mut().find(|l| &l.key() == key).ok_or(CartError::UnknownLine)?;
    if line.moved_users == users {
        return Ok(());
    }
    line.moved_users = users.clone();
    let entry = AuditEntry::new(now, actor, AuditAction::CartLineUsersChosen { users })
        .customer(&line.customer_id)
        .subscription(&line.source_subscription_id);
    w.audit.push(entry);
    Ok(())
}

/// Sets the billing frequency of the line with `key`.
pub fn set_billing(
    w: &mut Workspace,
    key: &LineKey,
    cycle: BillingCycle,
    now: Timestamp,
    actor: &str,
) -> Result<(), CartError> {
    change(w, key, |l| l.billing_cycle = cycle, now, actor)
}

fn change(
    w: &mut Workspace,
    key: &LineKey,
    edit: impl FnOnce(&mut CartLine),
    now: Timestamp,
    actor: &str,
) -> Result<(), CartError> {
    w.may_act(CartError::ReadOnly)?;
    let line = w.cart.iter_mut().find(|l| &l.key() == key).ok_or(CartError::UnknownLine)?;
    let before = line.item();
    edit(line);
    let action = AuditAction::CartLineChanged { from: before, to: line.item() };
    let entry = AuditEntry::new(now, actor, action)
        .customer(&line.customer_id)
        .subscription(&line.source_subscription_id);
    w.audit.push(entry);
    Ok(())
}

/// Takes the line with `key` out of the cart and returns it.
pub fn remove(
    w: &mut Workspace,
    key: &LineKey,
    now: Timestamp,
    actor: &str,
) -> Result<CartLine, CartError> {
    w.may_act(CartError::ReadOnly)?;
    let index = w.cart.iter().position(|l| &l.key() == key).ok_or(CartError::UnknownLine)?;
    let line = w.cart.remove(index);
    w.audit.push(
        AuditEntry::new(now, actor, AuditAction::CartLineRemoved { item: line.item() })
            .customer(&line.customer_id)
            .subscription(&line.source_subscription_id),
    );
    Ok(line)
}

/// What follows checkout for a customer's cart lines, for the sentence under
/// its totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextSteps {
    /// Upgrades that start once the order is placed (purchases may come along).
    Upgrade,
    /// New subscriptions only; nothing existing changes.
    Purchase,
    /// Every line waits for its subscription's renewal: nothing is due today.
    AtRenewal,
    /// Some lines start now, others at renewal.
    Mixed,
    /// Upgrades now of new-commerce subscriptions among them: in place or
    /// co-terminous, and final (docs/rules.md#new-commerce).
    NceUpgrade,
}

/// Whether the customer's cart upgrades a new-commerce subscription now:
/// that cannot be undone, and checkout says so (docs/rules.md#new-commerce).
pub fn has_nce_upgrade_now(w: &Workspace, customer_id: &CustomerId) -> bool {
    w.cart.iter().any(|l| {
        l.customer_id == customer_id
            && !l.purchase
            && l.timing == UpgradeTiming::Now
            && source_is_nce(w, l)
    })
}

/// What follows checkout for `lines`; `nce_now`: they upgrade a new-commerce
/// subscription now ([`has_nce_upgrade_now`]).
pub fn next_steps(lines: &[CartLine], nce_now: bool) -> NextSteps {
    let at_renewal =
        lines.iter().filter(|l| !l.purchase && l.timing == UpgradeTiming::AtRenewal).count();
    match () {
        _ if lines.iter().all(|l| l.purchase) => NextSteps::Purchase,
        _ if nce_now => NextSteps::NceUpgrade,
        _ if at_renewal == 0 => NextSteps::Upgrade,
        _ if at_renewal == lines.len() => NextSteps::AtRenewal,
        _ => NextSteps::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Cloud;
    use crate::store::demo::demo;

    fn line(customer: &str, source: &str, target: &str, purchase: bool) -> CartLine {
        CartLine {
            customer_id: customer.into(),
            source_subscription_id: source.into(),
            target_offer_id: target.into(),
            quantity: 25,
            billing_cycle: BillingCycle::Monthly,
            purchase,
            timing: Default::default(),
            moved_users: Vec::new(),
        }
    }

    /// The sentence under the totals says what really happens: a cart of
    /// renewals alone charges nothing today (it used to say the licences
    /// move at once).
    #[test]
    fn next_steps_follow_each_lines_kind_and_start() {
        let renewal = |mut l: CartLine| {
            l.timing = UpgradeTiming::AtRenewal;
            l
        };
        let now = line("contoso", "sub-contoso-1", "o365-e3", false);
        let later = renewal(line("contoso", "sub-contoso-3", "o365-e3", false));
        let buy = line("contoso", "sub-contoso-1", "o365-e5", true);
        assert_eq!(next_steps(std::slice::from_ref(&buy), false), NextSteps::Purchase);
        assert_eq!(next_steps(std::slice::from_ref(&now), false), NextSteps::Upgrade);
        assert_eq!(next_steps(&[now.clone(), buy.clone()], false), NextSteps::Upgrade);
        assert_eq!(next_steps(std::slice::from_ref(&later), false), NextSteps::AtRenewal);
        assert_eq!(next_steps(&[later.clone(), now.clone()], false), NextSteps::Mixed);
        assert_eq!(next_steps(&[later.clone(), buy.clone()], false), NextSteps::Mixed);
        // An NCE upgrade now says what that means, whatever comes along.
        assert_eq!(next_steps(&[now, later], true), NextSteps::NceUpgrade);
        assert_eq!(next_steps(&[buy], true), NextSteps::Purchase);
    }

    #[test]
    fn one_customer_and_one_line_per_key() {
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let now = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
        let mut w = demo(Cloud::Worldwide);
        let put = |w: &mut Workspace, l| add(&catalog, w, l, now, "T").unwrap();
        put(&mut w, line("contoso", "sub-contoso-1", "o365-e3", false));
        put(&mut w, line("contoso", "sub-contoso-1", "o365-e5", false));
        put(&mut w, line("contoso", "sub-contoso-1", "o365-e1", true));
        let targets: Vec<_> = w.cart.iter().map(|l| l.target_offer_id.as_str()).collect();
        assert_eq!(
            targets,
            ["o365-e5", "o365-e1"],
            "the upgrade is replaced; the purchase sits beside it"
        );
        // Another customer's upgrade joins the cart; nothing is dropped.
        put(&mut w, line("fabrikam", "sub-fabrikam-1", "o365-e3", false));
        assert_eq!(w.cart.len(), 3);
        assert_eq!(
            set_quantity(
                &catalog,
                &mut w,
                &LineKey::Upgrade("sub-fabrikam-1".into()),
                40,
                now,
                "T"
            ),
            Ok(())
        );
        assert_eq!(w.cart[2].quantity, 40);
        assert_eq!(
            set_quantity(&catalog, &mut w, &LineKey::Upgrade("sub-fabrikam-1".into()), 0, now, "T"),
            Err(CartError::Quantity(QuantityError::BelowMin(1)))
        );
        assert!(remove(&mut w, &LineKey::Upgrade("sub-fabrikam-1".into()), now, "T").is_ok());
        assert_eq!(
            remove(&mut w, &LineKey::Upgrade("sub-fabrikam-1".into()), now, "T"),
            Err(CartError::UnknownLine)
        );
        let actions: Vec<_> = w.audit.iter().rev().take(2).map(|a| a.code()).collect();
        assert_eq!(actions, ["cart_line_removed", "cart_line_changed"]);
    }

    #[test]
    fn a_line_the_document_could_not_hold_is_refused() {
        let catalog = Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap();
        let now = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
        let mut w = demo(Cloud::Worldwide);
        let mut basic = line("contoso", "sub-contoso-1", "m365-business-standard", false);
        basic.quantity = 301;
        assert_eq!(
            add(&catalog, &mut w, basic, now, "T"),
            Err(CartError::Quantity(QuantityError::AboveMax(300)))
        );
        assert!(w.cart.is_empty());
    }
}
