//! Domain errors as sentences in the current language.

use crate::domain::catalog::Catalog;
use crate::domain::clock::Timestamp;
use crate::domain::contact::{Field, FieldError};
use crate::domain::licenses::LicenseError;
use crate::domain::money::Money;
use crate::domain::orders::{CancelError, Party, PlaceError};
use crate::domain::proration::CountChangePrice;
use crate::domain::quantity::QuantityError;
use crate::i18n::msg;
use crate::i18n::{Locale, Strings};

/// Why a typed licence count is refused; numbers as the locale writes them.
pub fn quantity_message(locale: Locale, error: QuantityError) -> String {
    let t = locale.strings();
    match error {
        QuantityError::Empty => t.quantity_empty.into(),
        QuantityError::NotANumber => t.quantity_not_number.into(),
        QuantityError::Fractional => t.quantity_fractional.into(),
        QuantityError::BelowMin(min) => t.quantity_below(min.into()),
        QuantityError::AboveMax(max) => t.quantity_above(max.into()),
    }
}

/// Why a licence change is refused.
pub fn license_message(t: &Strings, error: &LicenseError) -> String {
    match error {
        LicenseError::UnknownSubscription(id) => t.err_unknown(id),
        LicenseError::NotActive(status) if !status.is_live() => {
            t.licenses_closed(&t.status(*status).to_lowercase())
        }
        LicenseError::NotActive(_) => t.err_not_active.into(),
        LicenseError::AboveSeatMax(n) => t.err_above_seat_max(u64::from(*n)),
        LicenseError::BelowAssigned(n) => t.err_below_assigned(u64::from(*n)),
        LicenseError::UpgradeInProgress(order) => t.err_upgrade_in_progress(order),
        LicenseError::NotEnoughLicenses { free, wanted } => {
            t.err_not_enough(msg::ErrNotEnough { free: (*free).into(), count: *wanted as u64 })
        }
        LicenseError::NoUsageLocation(users) => {
            let count = users.len() as u64;
            t.err_no_usage_location(msg::ErrNoUsageLocation { count, users: &users.join(", ") })
        }
        LicenseError::TooManyUsers { max } => t.err_reassign_limit(*max as u64),
        LicenseError::NoUsersSelected => t.err_no_users.into(),
        LicenseError::StillAssigned(n) => t.err_still_assigned(*n as u64),
        LicenseError::ReadOnly => t.read_only_action.into(),
        LicenseError::OutsideWindow { removable } => t.err_outside_window(u64::from(*removable)),
        LicenseError::CancelWindowClosed { closed, term_end } => {
            let closed = instant(t, *closed);
            t.err_cancel_window_closed(msg::ErrCancelWindowClosed {
                closed: &closed,
                date: *term_end,
            })
        }
        LicenseError::NotNce => t.err_not_nce.into(),
        LicenseError::AutoRenewOff => t.err_auto_renew_off.into(),
        LicenseError::ScheduledLocked(since) => t.err_scheduled_locked(&instant(t, *since)),
        LicenseError::NextTermAbove(max) => t.err_next_term_above(u64::from(*max)),
    }
}

/// An instant as the partner reads it: date and time in the locale's form,
/// in the browser's time zone.
pub fn instant(t: &Strings, at: Timestamp) -> String {
    crate::i18n::format::date_time(t.locale(), &at.to_rfc3339())
}

/// Why Place order did not place; `currency` is the invoice minimum's.
pub fn place_error(t: &Strings, catalog: &Catalog, error: &PlaceError, currency: &str) -> String {
    match error {
        PlaceError::UnknownCustomer => t.place_error_customer.into(),
        PlaceError::EmptyCart => t.place_error_empty.into(),
        PlaceError::NotEligible { subscription_id, .. } => {
            t.place_error_not_eligible(subscription_id)
        }
        PlaceError::BadQuantity { subscription_id, .. } => t.place_error_quantity(subscription_id),
        PlaceError::InvoiceBelowMinimum { minimum } => {
            t.invoice_unavailable(&Money::new(*minimum, currency))
        }
        PlaceError::NotForSale { offer } => t.place_error_not_for_sale(offer),
        PlaceError::SameTargetTwice { subscription_id, target, .. } => {
            t.place_error_same_target(msg::PlaceErrorSameTarget {
                target: catalog.offer_name(target),
                subscription: subscription_id,
            })
        }
        PlaceError::UsersToMove { target, min, max, picked, .. } => {
            t.place_error_users_to_move(msg::PlaceErrorUsersToMove {
                target: catalog.offer_name(target),
                min: (*min).into(),
                max: (*max).into(),
                picked: (*picked).into(),
            })
        }
        PlaceError::PoNumberTooLong { max } => t.po_number_too_long(u64::from(*max)),
        PlaceError::CannotSchedule { locked: Some(since), .. } => {
            t.err_scheduled_locked(&instant(t, *since))
        }
        PlaceError::CannotSchedule { locked: None, .. } => t.err_auto_renew_off.into(),
        PlaceError::ReadOnly => t.read_only_action.into(),
        PlaceError::InvalidContact { party, field, error } => {
            let party = match party {
                Party::SoldTo => t.sold_to,
                Party::BillTo => t.bill_to,
            };
            t.place_error_contact(msg::PlaceErrorContact {
                party,
                field: field_label(t, *field),
                problem: field_message(t, *error),
            })
        }
    }
}

/// The label of a Sold to or Bill to field.
pub fn field_label(t: &Strings, field: Field) -> &'static str {
    match field {
        Field::Name => t.field_name,
        Field::Email => t.field_email,
        Field::Address => t.field_address,
        Field::City => t.field_city,
        Field::PostalCode => t.field_postal,
        Field::Country => t.field_country,
    }
}

/// What is wrong with a Sold to or Bill to field.
pub fn field_message(t: &Strings, error: FieldError) -> &'static str {
    match error {
        FieldError::Required => t.err_required,
        FieldError::NotAnEmail => t.err_email,
        FieldError::NotACountryCode => t.err_country,
    }
}

/// Why a scheduled upgrade was not called off.
pub fn cancel_message(t: &Strings, error: &CancelError, order_id: &str) -> String {
    match error {
        CancelError::ReadOnly => t.read_only_action.into(),
        CancelError::UnknownOrder => t.order_not_found(order_id),
        CancelError::NotScheduled(status) => {
            t.cancel_error_not_scheduled(&t.order_status(*status).to_lowercase())
        }
    }
}

/// What a licence count change costs, in sentences for its confirmation
/// (docs/rules.md#licence-count-change-price).
pub fn count_change_lines(locale: Locale, price: &CountChangePrice) -> Vec<String> {
    let t = locale.strings();
    match price {
        CountChangePrice::Added {
            now_minor,
            until,
            remaining_days,
            period_days,
            monthly_minor,
            currency,
            ..
        } => vec![
            t.confirm_count_charged(msg::ConfirmCountCharged {
                amount: &Money::new(*now_minor, currency.as_str()),
                date: *until,
                days: *remaining_days as u64,
                period: *period_days as u64,
            }),
            t.confirm_count_more(&Money::new(*monthly_minor, currency.as_str())),
        ],
        CountChangePrice::Removed { monthly_minor, currency, .. } => {
            vec![t.confirm_count_less(&Money::new(*monthly_minor, currency.as_str()))]
        }
        CountChangePrice::Refunded {
            refund_minor,
            remaining_days,
            period_days,
            monthly_minor,
            currency,
            ..
        } => vec![
            t.confirm_count_refunded(msg::ConfirmCountRefunded {
                amount: &Money::new(*refund_minor, currency.as_str()),
                days: *remaining_days as u64,
                period: *period_days as u64,
            }),
            t.confirm_count_less_now(&Money::new(*monthly_minor, currency.as_str())),
        ],
        CountChangePrice::Unchanged => vec![],
    }
}

/// The confirmation's line naming the scheduled changes an immediate change
/// removes (docs/rules.md#new-commerce-scheduled-changes); none when it
/// removes none.
pub fn removes_scheduled_line(
    t: &Strings,
    catalog: &Catalog,
    changes: &[crate::domain::scheduled::ScheduledChange],
) -> Option<String> {
    use crate::domain::scheduled::ScheduledChange;
    if changes.is_empty() {
        return None;
    }
    let named: Vec<String> = changes
        .iter()
        .map(|change| match change {
            ScheduledChange::NextTerm(next) => match next.quantity {
                Some(count) => t.scheduled_next_term_count(u64::from(count)),
                None => t.scheduled_next_term_plain.to_string(),
            },
            ScheduledChange::Upgrade { order, target, .. } => {
                let target = catalog.offer_name(target);
                t.scheduled_upgrade_named(msg::ScheduledUpgradeNamed { target, order })
            }
        })
        .collect();
    Some(t.confirm_removes_scheduled(&named.join("; ")))
}

/// The confirmation's line with what cancelling a new-commerce `s` today
/// refunds (none for a legacy one: the seeds' path refunds nothing).
pub fn cancellation_refund_line(
    t: &Strings,
    catalog: &Catalog,
    w: &crate::domain::workspace::Workspace,
    customer: &crate::domain::workspace::Customer,
    s: &crate::domain::workspace::Subscription,
    today: crate::domain::date::Date,
) -> Option<String> {
    if !s.commerce.is_nce() {
        return None;
    }
    let refund = crate::domain::proration::cancellation_refund(catalog, w, customer, s, today);
    let currency = &catalog.billing(w.partner.cloud, &customer.market).currency;
    Some(t.confirm_cancel_nce_refund(&Money::new(refund, currency.as_str())))
}

/// What happens to an add-on the target includes: removed (legacy), or under
/// new commerce left to end at its term without credit or renewal
/// (docs/rules.md#new-commerce).
pub fn included_text(
    t: &Strings,
    fate: &crate::domain::eligibility::AddonFate,
    target_name: &str,
) -> String {
    use leptos::prelude::WithUntracked;
    let state = crate::state::use_app();
    let ends = state.workspace.with_untracked(|w| {
        let addon = w.customers.iter().find_map(|c| c.subscription(&fate.subscription_id))?;
        addon.commerce.is_nce().then(|| addon.commitment_end())
    });
    match ends {
        Some(date) => t.addon_included_ends(msg::AddonIncludedEnds { target: target_name, date }),
        None => t.addon_removed(target_name),
    }
}
