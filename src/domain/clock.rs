//! Instants on the simulated clock, as milliseconds since the Unix epoch,
//! written in the document as RFC 3339 (`2026-11-21T10:42:00Z`).

use super::date::Date;

const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// `date` at `millis_of_day` milliseconds after midnight UTC.
    pub fn at(date: Date, millis_of_day: i64) -> Timestamp {
        let epoch = Date::from_ymd(1970, 1, 1).expect("valid");
        Timestamp(epoch.days_until(date) * DAY_MS + millis_of_day.clamp(0, DAY_MS - 1))
    }

    pub fn date(self) -> Date {
        Date::from_ymd(1970, 1, 1).expect("valid").add_days(self.0.div_euclid(DAY_MS))
    }

    pub fn plus_millis(self, millis: i64) -> Timestamp {
        Timestamp(self.0 + millis)
    }

    pub fn to_rfc3339(self) -> String {
        let ms = self.0.rem_euclid(DAY_MS);
        let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
        format!("{}T{h:02}:{m:02}:{s:02}.{:03}Z", self.date(), ms % 1000)
    }

    /// RFC 3339 with milliseconds only when there are some
    /// (`2026-03-01T00:00:00Z`): the form a document's `addedAt` and the
    /// pages' `data-until` take.
    pub fn to_rfc3339_seconds(self) -> String {
        let text = self.to_rfc3339();
        match text.strip_suffix(".000Z") {
            Some(whole_seconds) => format!("{whole_seconds}Z"),
            None => text,
        }
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, the form this app writes.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let (date, rest) = text.split_once('T')?;
        let date = Date::parse(date)?;
        let rest = rest.strip_suffix('Z')?;
        let (hms, millis) = match rest.split_once('.') {
            Some((hms, frac)) if frac.len() == 3 && frac.bytes().all(|b| b.is_ascii_digit()) => {
                (hms, frac.parse().ok()?)
            }
            Some(_) => return None,
            None => (rest, 0i64),
        };
        let mut parts =
            hms.split(':').map(|p| (p.len() == 2).then(|| p.parse::<i64>().ok()).flatten());
        let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
            return None;
        }
        Some(Timestamp::at(date, ((h * 60 + m) * 60 + s) * 1000 + millis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_rfc3339() {
        let t = Timestamp::parse("2026-11-20T15:42:00Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-20T15:42:00.000Z");
        assert_eq!(Timestamp::parse(&t.plus_millis(1234).to_rfc3339()), Some(t.plus_millis(1234)));
        assert_eq!(t.date(), Date::parse("2026-11-20").unwrap());
        for bad in ["2026-11-20 15:42:00Z", "2026-11-20T25:00:00Z", "2026-11-20T15:42Z", "x"] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }
}
