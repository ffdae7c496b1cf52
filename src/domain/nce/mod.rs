//! New commerce (NCE): the pure rules of a subscription sold under Microsoft's new
//! commerce experience, beside the legacy ones of the rest of `domain`.
//!
//! - [`term`]: the term (`P1M`, `P1Y`, `P3Y`), the billing frequencies each term
//!   allows, the term's end and the billing period inside it;
//! - [`price`]: the price per licence per month, the legacy price times the
//!   term-and-billing factor, rounded half-up once;
//! - [`proration`]: co-terminous amounts (an upgrade now, licences added now,
//!   the refund of licences removed in their window);
//! - [`seats`]: the batches in which licences were added and the 168-hour
//!   window in which they can still be removed.
//!
//! No clock and no browser here: dates and instants come in as values.

pub mod price;
pub mod proration;
pub mod seats;
pub mod term;

pub use price::{nce_factor_percent, nce_unit_price, price_at_factor};
pub use proration::{coterminous_amount, prorate_upgrade, BillingPeriod, UpgradeMoney};
pub use seats::{
    add_batch, cancellable, earliest, merged_batch, removable, remove_licences,
    scheduled_changes_locked, shrink_newest_first, split_for_upgrade, total, SeatBatch, SeatError,
    REMOVAL_WINDOW_MS, SCHEDULE_LOCK_MS,
};
pub use term::{check_billing, BillingNotOffered, BillingPeriods, TermDuration};

#[cfg(test)]
mod properties;
