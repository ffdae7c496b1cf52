//! Seat batches: when each group of an NCE subscription's licences was added
//! (purchase, renewal, or a later addition). Licences can be removed only from
//! batches added less than 168 hours ago, newest first; the others wait for the
//! renewal, which merges everything into one batch dated `termEnd` 00:00 UTC.
//! The batches always sum to the subscription's quantity.

use crate::domain::clock::Timestamp;
use crate::domain::date::Date;
use serde::{Deserialize, Serialize};

const HOUR_MS: i64 = 3_600_000;

/// 168 hours: how long added licences can be removed (or the subscription
/// cancelled, for the batch of its purchase or last renewal).
pub const REMOVAL_WINDOW_MS: i64 = 168 * HOUR_MS;

/// Scheduled changes freeze this long before `termEnd`.
pub const SCHEDULE_LOCK_MS: i64 = 24 * HOUR_MS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeatBatch {
    pub quantity: u32,
    #[serde(with = "rfc3339")]
    pub added_at: Timestamp,
}

impl SeatBatch {
    /// The first instant at which this batch can no longer be removed.
    pub fn removable_until(&self) -> Timestamp {
        self.added_at.plus_millis(REMOVAL_WINDOW_MS)
    }

    pub fn is_removable(&self, now: Timestamp) -> bool {
        now < self.removable_until()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatError {
    /// Only this many licences were added less than 168 hours ago.
    OutsideWindow { removable: u32 },
    /// Fewer licences than this would be left (the users who hold one).
    BelowFloor { floor: u32 },
    /// More licences asked for than the batches hold.
    MoreThanHeld { held: u32 },
    /// A partial upgrade moves from 1 to one less than the `held` licences.
    NotPartial { held: u32 },
}

/// Licences held: the sum of the batches (what must equal `quantity`).
pub fn total(batches: &[SeatBatch]) -> u64 {
    batches.iter().map(|b| u64::from(b.quantity)).sum()
}

/// A sum of batches as a count (a document's batches cannot hold more than
/// `u32::MAX`, but a hand-written one might).
fn saturate(sum: u64) -> u32 {
    u32::try_from(sum).unwrap_or(u32::MAX)
}

/// Licences that can still be removed at `now`.
pub fn removable(batches: &[SeatBatch], now: Timestamp) -> u32 {
    let open = batches.iter().filter(|b| b.is_removable(now)).map(|b| u64::from(b.quantity));
    saturate(open.sum())
}

/// The batch of the purchase or last renewal: the earliest one (an upgrade keeps
/// it, and licences added later are newer).
pub fn earliest(batches: &[SeatBatch]) -> Option<Timestamp> {
    batches.iter().map(|b| b.added_at).min()
}

/// Whether the subscription can still be cancelled: its purchase or last
/// renewal is less than 168 hours old.
pub fn cancellable(batches: &[SeatBatch], now: Timestamp) -> bool {
    earliest(batches).is_some_and(|at| now < at.plus_millis(REMOVAL_WINDOW_MS))
}

/// Licences added at `now` are a batch of their own, with a window of their own.
pub fn add_batch(batches: &mut Vec<SeatBatch>, quantity: u32, now: Timestamp) {
    batches.push(SeatBatch { quantity, added_at: now });
}

/// Removes `count` licences from the batches still in their window, newest
/// first, leaving at least `floor` (the assigned users; at least 1 for a
/// subscription that stays). Changes nothing on an error.
pub fn remove_licences(
    batches: &mut Vec<SeatBatch>,
    count: u32,
    now: Timestamp,
    floor: u32,
) -> Result<(), SeatError> {
    if count == 0 {
        return Ok(());
    }
    let removable = removable(batches, now);
    if count > removable {
        return Err(SeatError::OutsideWindow { removable });
    }
    if total(batches) < u64::from(count) + u64::from(floor) {
        return Err(SeatError::BelowFloor { floor });
    }
    // Batches in their window are the newest ones, so newest first takes only them.
    shrink_newest_first(batches, count)
}

/// Takes `count` licences off the newest batches, dropping emptied ones; the
/// others keep their order. Changes nothing on an error.
pub fn shrink_newest_first(batches: &mut Vec<SeatBatch>, count: u32) -> Result<(), SeatError> {
    if u64::from(count) > total(batches) {
        return Err(SeatError::MoreThanHeld { held: saturate(total(batches)) });
    }
    let mut newest_first: Vec<usize> = (0..batches.len()).collect();
    // Stable and reversed: of two batches added at the same instant, the later one goes first.
    newest_first.sort_by_key(|&i| batches[i].added_at);
    let mut left = count;
    for i in newest_first.into_iter().rev() {
        let taken = left.min(batches[i].quantity);
        batches[i].quantity -= taken;
        left -= taken;
    }
    batches.retain(|b| b.quantity > 0);
    Ok(())
}

/// A partial upgrade of `moved` licences: the source's batches shrink newest
/// first, and the target's one batch is dated at the source's earliest (an
/// upgrade never reopens the window). Changes nothing on an error.
pub fn split_for_upgrade(batches: &mut Vec<SeatBatch>, moved: u32) -> Result<SeatBatch, SeatError> {
    let held = total(batches);
    let added_at = earliest(batches).filter(|_| moved > 0 && u64::from(moved) < held);
    let added_at = added_at.ok_or(SeatError::NotPartial { held: saturate(held) })?;
    shrink_newest_first(batches, moved)?;
    Ok(SeatBatch { quantity: moved, added_at })
}

/// One batch of `quantity` at `day` 00:00 UTC: what a renewal leaves (dated
/// `termEnd`, a new window) and what an import without batches assumes (dated
/// `termStart`).
pub fn merged_batch(quantity: u32, day: Date) -> SeatBatch {
    SeatBatch { quantity, added_at: Timestamp::at(day, 0) }
}

/// Whether scheduled changes are frozen at `now`: in the last 24 hours before
/// `termEnd` (00:00 UTC) and after.
pub fn scheduled_changes_locked(term_end: Date, now: Timestamp) -> bool {
    now >= Timestamp::at(term_end, 0).plus_millis(-SCHEDULE_LOCK_MS)
}

/// `addedAt` as RFC 3339, in the document's form (`2026-03-01T00:00:00Z`; milliseconds
/// only when there are some).
mod rfc3339 {
    use crate::domain::clock::Timestamp;
    use serde::{de, Deserializer, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&at.to_rfc3339_seconds())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an RFC 3339 instant such as 2026-03-01T00:00:00Z")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
                Timestamp::parse(text).ok_or_else(|| {
                    E::custom(format!(
                        "\"{text}\" is not an instant of the form YYYY-MM-DDTHH:MM:SSZ"
                    ))
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn batch(quantity: u32, added_at: &str) -> SeatBatch {
        SeatBatch { quantity, added_at: at(added_at) }
    }

    /// Proseware: 15 at the purchase, 5 added on Nov 18 at 10:00.
    fn proseware() -> Vec<SeatBatch> {
        vec![batch(15, "2026-03-01T00:00:00Z"), batch(5, "2026-11-18T10:00:00Z")]
    }

    #[test]
    fn nce_seat_batches_read_and_write_camel_case_rfc3339() {
        let json = r#"[{"quantity":15,"addedAt":"2026-03-01T00:00:00Z"},{"quantity":5,"addedAt":"2026-11-18T10:00:00.250Z"}]"#;
        let batches: Vec<SeatBatch> = serde_json::from_str(json).unwrap();
        assert_eq!(batches[0], batch(15, "2026-03-01T00:00:00Z"));
        assert_eq!(batches[1].added_at, at("2026-11-18T10:00:00Z").plus_millis(250));
        assert_eq!(serde_json::to_string(&batches).unwrap(), json);
        for bad in [
            r#"{"quantity":1,"addedAt":"2026-03-01"}"#,
            r#"{"quantity":1,"addedAt":"2026-03-01T00:00:00+01:00"}"#,
            r#"{"quantity":-1,"addedAt":"2026-03-01T00:00:00Z"}"#,
            r#"{"quantity":1,"added_at":"2026-03-01T00:00:00Z"}"#,
        ] {
            assert!(serde_json::from_str::<SeatBatch>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nce_window_ends_exactly_168_hours_after_the_batch() {
        let added = batch(5, "2026-11-18T10:00:00Z");
        assert_eq!(added.removable_until(), at("2026-11-25T10:00:00Z"));
        assert!(added.is_removable(at("2026-11-18T10:00:00Z")));
        assert!(added.is_removable(at("2026-11-25T09:59:00Z"))); // 167 h 59 min
        assert!(added.is_removable(at("2026-11-25T09:59:59Z").plus_millis(999)));
        assert!(!added.is_removable(at("2026-11-25T10:00:00Z"))); // exactly 168 h
        assert!(!added.is_removable(at("2026-11-26T00:00:00Z")));
    }

    #[test]
    fn nce_removable_counts_only_batches_in_their_window() {
        let batches = proseware();
        assert_eq!(removable(&batches, at("2026-11-21T10:00:00Z")), 5);
        assert_eq!(removable(&batches, at("2026-11-25T09:59:00Z")), 5);
        assert_eq!(removable(&batches, at("2026-11-25T10:00:00Z")), 0);
        assert_eq!(removable(&batches, at("2026-03-07T23:59:00Z")), 20);
        assert_eq!(removable(&[], at("2026-11-21T10:00:00Z")), 0);
    }

    #[test]
    fn nce_removing_takes_the_newest_first_within_the_window() {
        let now = at("2026-11-21T10:00:00Z");
        let mut batches = proseware();
        add_batch(&mut batches, 2, now);
        assert_eq!(removable(&batches, now), 7);
        remove_licences(&mut batches, 3, now, 14).unwrap();
        assert_eq!(
            batches,
            vec![batch(15, "2026-03-01T00:00:00Z"), batch(4, "2026-11-18T10:00:00Z")]
        );
        remove_licences(&mut batches, 4, now, 14).unwrap();
        assert_eq!(batches, vec![batch(15, "2026-03-01T00:00:00Z")]);
        assert_eq!(total(&batches), 15);
    }

    #[test]
    fn nce_removing_refuses_more_than_the_window_or_below_the_floor() {
        let now = at("2026-11-21T10:00:00Z");
        let mut batches = proseware();
        assert_eq!(
            remove_licences(&mut batches, 6, now, 14),
            Err(SeatError::OutsideWindow { removable: 5 })
        );
        assert_eq!(
            remove_licences(&mut batches, 5, now, 16),
            Err(SeatError::BelowFloor { floor: 16 })
        );
        assert_eq!(batches, proseware()); // nothing changed
        remove_licences(&mut batches, 5, now, 15).unwrap(); // down to the floor exactly
        assert_eq!(total(&batches), 15);
        let late = at("2026-11-25T10:00:00Z");
        let mut batches = proseware();
        assert_eq!(
            remove_licences(&mut batches, 1, late, 1),
            Err(SeatError::OutsideWindow { removable: 0 })
        );
        assert_eq!(remove_licences(&mut batches, 0, late, 30), Ok(()));
        assert_eq!(batches, proseware());
    }

    #[test]
    fn nce_partial_upgrade_shrinks_newest_first_and_dates_the_target_at_the_earliest() {
        let mut batches = proseware();
        let moved = split_for_upgrade(&mut batches, 8).unwrap();
        assert_eq!(moved, batch(8, "2026-03-01T00:00:00Z"));
        assert_eq!(batches, vec![batch(12, "2026-03-01T00:00:00Z")]);
        let mut batches = proseware();
        assert_eq!(split_for_upgrade(&mut batches, 3).unwrap().quantity, 3);
        assert_eq!(
            batches,
            vec![batch(15, "2026-03-01T00:00:00Z"), batch(2, "2026-11-18T10:00:00Z")]
        );
        for not_partial in [0, 20, 21] {
            let mut batches = proseware();
            assert_eq!(
                split_for_upgrade(&mut batches, not_partial),
                Err(SeatError::NotPartial { held: 20 })
            );
            assert_eq!(batches, proseware());
        }
        assert_eq!(split_for_upgrade(&mut Vec::new(), 1), Err(SeatError::NotPartial { held: 0 }));
    }

    #[test]
    fn nce_shrink_orders_by_time_not_by_position() {
        let mut batches = vec![
            batch(2, "2026-11-20T00:00:00Z"),
            batch(3, "2026-11-01T00:00:00Z"),
            batch(4, "2026-11-10T00:00:00Z"),
        ];
        shrink_newest_first(&mut batches, 3).unwrap();
        assert_eq!(
            batches,
            vec![batch(3, "2026-11-01T00:00:00Z"), batch(3, "2026-11-10T00:00:00Z")]
        );
        assert_eq!(shrink_newest_first(&mut batches, 7), Err(SeatError::MoreThanHeld { held: 6 }));
        shrink_newest_first(&mut batches, 6).unwrap();
        assert!(batches.is_empty());
    }

    #[test]
    fn nce_renewal_merges_into_one_batch_at_term_end_midnight() {
        let term_end = Date::parse("2027-03-01").unwrap();
        let renewed = merged_batch(20, term_end);
        assert_eq!(renewed, batch(20, "2027-03-01T00:00:00Z"));
        assert_eq!(renewed.removable_until(), at("2027-03-08T00:00:00Z"));
        assert!(cancellable(&[renewed], at("2027-03-07T23:59:00Z")));
        assert!(!cancellable(&[renewed], at("2027-03-08T00:00:00Z")));
    }

    #[test]
    fn nce_cancellation_follows_the_purchase_batch_not_later_ones() {
        let batches = proseware();
        assert!(!cancellable(&batches, at("2026-11-21T10:00:00Z")));
        assert!(cancellable(&batches, at("2026-03-07T23:59:00Z")));
        assert!(!cancellable(&batches, at("2026-03-08T00:00:00Z")));
        assert!(!cancellable(&[], at("2026-03-01T00:00:00Z")));
    }

    #[test]
    fn nce_scheduled_changes_lock_24_hours_before_term_end() {
        let term_end = Date::parse("2026-11-22").unwrap();
        assert!(!scheduled_changes_locked(term_end, at("2026-11-20T23:59:00Z")));
        assert!(scheduled_changes_locked(term_end, at("2026-11-21T00:00:00Z")));
        assert!(scheduled_changes_locked(term_end, at("2026-11-21T10:00:00Z")));
        assert!(scheduled_changes_locked(term_end, at("2026-11-23T00:00:00Z")));
    }
}
