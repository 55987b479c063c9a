//! Working hours as pure calculations: whether a moment is inside a member of staff's hours, the next
//! moment they are, and when a reply can be expected. No clock: every moment comes in as data, with the
//! school's time zone, so tests can cross weekends, holidays and DST changes.
//!
//! Start is inclusive and end exclusive, in school-local time. A member of staff's quiet window (which
//! may wrap midnight, e.g. 15:30 to 08:30) is taken out of the school's hours.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// A school's working hours, narrowed by one member of staff's quiet window when they have one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingHours {
    /// Monday first.
    pub days: [bool; 7],
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Inclusive date ranges with no working hours.
    pub holidays: Vec<(NaiveDate, NaiveDate)>,
    /// Out of hours from `.0` (inclusive) to `.1` (exclusive), wrapping midnight when `.1 <= .0`.
    pub quiet: Option<(NaiveTime, NaiveTime)>,
}

const MIDNIGHT: NaiveTime = NaiveTime::MIN;

impl WorkingHours {
    /// Parses `Mon`..`Sun` day names and `HH:MM` times; `None` when any is malformed.
    pub fn parse(days: &[String], start: &str, end: &str) -> Option<WorkingHours> {
        let mut set = [false; 7];
        for d in days {
            let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .iter()
                .position(|n| d.trim().to_ascii_lowercase().starts_with(n))?;
            set[i] = true;
        }
        Some(WorkingHours {
            days: set,
            start: parse_time(start)?,
            end: parse_time(end)?,
            holidays: Vec::new(),
            quiet: None,
        })
    }

    /// The working intervals of one local date, in order (empty on days off).
    fn intervals(&self, date: NaiveDate) -> Vec<(NaiveTime, NaiveTime)> {
        let weekday = date.weekday().num_days_from_monday() as usize;
        let holiday = self.holidays.iter().any(|(a, b)| *a <= date && date <= *b);
        if !self.days[weekday] || holiday {
            return Vec::new();
        }
        self.working_day()
    }

    /// The working intervals of an ordinary working day (no holiday), after the quiet window.
    pub fn working_day(&self) -> Vec<(NaiveTime, NaiveTime)> {
        if self.start >= self.end {
            return Vec::new();
        }
        let mut out = vec![(self.start, self.end)];
        if let Some((qs, qe)) = self.quiet {
            let quiet: Vec<(NaiveTime, Option<NaiveTime>)> = if qs < qe {
                vec![(qs, Some(qe))]
            } else {
                // Wraps midnight: quiet from the start of the day to `qe`, and from `qs` to the end.
                vec![(MIDNIGHT, Some(qe)), (qs, None)]
            };
            for (qa, qb) in quiet {
                out = out
                    .into_iter()
                    .flat_map(|(a, b)| {
                        let mut keep = Vec::new();
                        if a < qa {
                            keep.push((a, b.min(qa)));
                        }
                        if let Some(qb) = qb
                            && b > qb
                        {
                            keep.push((a.max(qb), b));
                        }
                        keep
                    })
                    .filter(|(a, b)| a < b)
                    .collect();
            }
        }
        out
    }

    /// Whether the local moment is inside working hours.
    pub fn is_working_local(&self, t: NaiveDateTime) -> bool {
        self.intervals(t.date())
            .iter()
            .any(|(a, b)| *a <= t.time() && t.time() < *b)
    }

    /// The first local moment at or after `t` inside working hours (`None` if there is none within
    /// two years, e.g. no working days at all).
    pub fn next_working_local(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut date = t.date();
        for _ in 0..731 {
            for (a, b) in self.intervals(date) {
                if date == t.date() {
                    if t.time() < b {
                        return Some(date.and_time(a.max(t.time())));
                    }
                } else {
                    return Some(date.and_time(a));
                }
            }
            date = date.succ_opt()?;
        }
        None
    }

    /// The end of the working day `days` working days after the day of `t`'s next working moment.
    pub fn reply_by_local(&self, t: NaiveDateTime, days: u32) -> Option<NaiveDateTime> {
        let first = self.next_working_local(t)?;
        let mut date = first.date();
        let mut left = days;
        for _ in 0..731 {
            if let Some((_, end)) = self.intervals(date).last().copied() {
                if left == 0 {
                    return Some(date.and_time(end));
                }
                left -= 1;
            }
            date = date.succ_opt()?;
        }
        None
    }

    /// Whether `at` is inside working hours in time zone `tz`.
    pub fn is_working<Tz: TimeZone>(&self, at: DateTime<Utc>, tz: &Tz) -> bool {
        self.is_working_local(at.with_timezone(tz).naive_local())
    }

    /// The next moment at or after `at` inside working hours.
    pub fn next_working<Tz: TimeZone>(&self, at: DateTime<Utc>, tz: &Tz) -> Option<DateTime<Utc>> {
        let local = self.next_working_local(at.with_timezone(tz).naive_local())?;
        to_utc(local, tz).map(|t| t.max(at))
    }

    /// When a reply can be expected to a message sent at `at`: the end of the working day `days` working
    /// days after the day the recipient is next working.
    pub fn reply_by<Tz: TimeZone>(
        &self,
        at: DateTime<Utc>,
        tz: &Tz,
        days: u32,
    ) -> Option<DateTime<Utc>> {
        to_utc(
            self.reply_by_local(at.with_timezone(tz).naive_local(), days)?,
            tz,
        )
    }
}

/// A school-local wall-clock time as UTC. In the autumn overlap the earlier instant is taken; in the
/// spring gap (a time that does not exist) the first instant after it.
pub fn to_utc<Tz: TimeZone>(local: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    for shift in 0..=4 {
        let t = local + Duration::minutes(30 * shift);
        if let Some(d) = tz.from_local_datetime(&t).earliest() {
            return Some(d.with_timezone(&Utc));
        }
    }
    None
}

/// Parses `HH:MM`.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// A label for people: "Monday at 8:00" (or with the date when it is a week or more after `now`).
pub fn label_at<Tz: TimeZone>(at: DateTime<Utc>, now: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let local = at.with_timezone(tz);
    if (at - now).num_days() >= 6 {
        local.format("%A %-d %B at %-H:%M").to_string()
    } else {
        local.format("%A at %-H:%M").to_string()
    }
}

/// A label for a deadline: "Wednesday 17:00" (with the date when it is a week or more after `now`).
pub fn label_by<Tz: TimeZone>(at: DateTime<Utc>, now: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let local = at.with_timezone(tz);
    if (at - now).num_days() >= 6 {
        local.format("%A %-d %B %-H:%M").to_string()
    } else {
        local.format("%A %-H:%M").to_string()
    }
}

/// How many working days the school promises a reply within, read from its wording ("within 48 hours,
/// working days only" is 2; "within 3 working days" is 3). Two when the wording gives no number.
pub fn reply_days(response_expectation: &str) -> u32 {
    let words: Vec<&str> = response_expectation.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if let Ok(n) = w.parse::<u32>() {
            let unit = words.get(i + 1).map_or("", |u| u);
            if unit.starts_with("hour") {
                return n.div_ceil(24).max(1);
            }
            if unit.starts_with("day") || unit.starts_with("working") {
                return n.max(1);
            }
        }
    }
    2
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn school() -> WorkingHours {
        let days: Vec<String> = ["Mon", "Tue", "Wed", "Thu", "Fri"]
            .iter()
            .map(|d| (*d).to_owned())
            .collect();
        let mut h = WorkingHours::parse(&days, "08:00", "17:00").unwrap();
        h.holidays = vec![(date("2025-10-27"), date("2025-10-31"))];
        h
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A UTC instant from `YYYY-MM-DD HH:MM`.
    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    #[test]
    fn inside_hours_is_start_inclusive_end_exclusive_in_school_time() {
        // (UTC instant, working?) In October 2025 London is UTC+1 until the 26th, then UTC+0.
        let cases = [
            (
                "2025-10-22 07:00",
                true,
                "Wednesday 08:00 BST: the start counts",
            ),
            ("2025-10-22 06:59", false, "07:59 BST"),
            ("2025-10-22 15:59", true, "16:59 BST"),
            ("2025-10-22 16:00", false, "17:00 BST: the end does not"),
            ("2025-10-25 10:00", false, "Saturday"),
            ("2025-10-28 10:00", false, "half-term holiday"),
            (
                "2025-11-03 08:00",
                true,
                "Monday 08:00 GMT after the change",
            ),
            ("2025-11-03 07:59", false, "07:59 GMT"),
            (
                "2025-03-31 07:00",
                true,
                "Monday 08:00 BST after the spring change",
            ),
        ];
        let h = school();
        for (at, want, why) in cases {
            assert_eq!(h.is_working(utc(at), &London), want, "{at}: {why}");
        }
    }

    #[test]
    fn next_working_moment_skips_evenings_weekends_holidays_and_dst() {
        // (UTC now, UTC next working moment)
        let cases = [
            ("2025-10-22 10:00", "2025-10-22 10:00", "already working"),
            (
                "2025-10-22 16:00",
                "2025-10-23 07:00",
                "evening to next morning (BST)",
            ),
            (
                "2025-10-22 05:30",
                "2025-10-22 07:00",
                "early morning to 08:00 the same day",
            ),
            (
                "2025-10-17 17:30",
                "2025-10-20 07:00",
                "Friday evening to Monday",
            ),
            (
                "2025-10-24 16:30",
                "2025-11-03 08:00",
                "over half term and the clock change",
            ),
            (
                "2025-03-28 18:00",
                "2025-03-31 07:00",
                "Friday GMT to Monday BST",
            ),
            (
                "2025-12-31 12:00",
                "2025-12-31 12:00",
                "a Wednesday with no holiday",
            ),
        ];
        let h = school();
        for (now, want, why) in cases {
            assert_eq!(
                h.next_working(utc(now), &London),
                Some(utc(want)),
                "{now}: {why}"
            );
        }
    }

    #[test]
    fn reply_by_counts_working_days_to_the_end_of_the_day() {
        // (UTC sent, working days, UTC reply-by)
        let cases = [
            (
                "2025-10-17 18:00",
                2,
                "2025-10-22 16:00",
                "Fri evening: back Mon, by Wed 17:00 BST",
            ),
            (
                "2025-10-20 09:00",
                2,
                "2025-10-22 16:00",
                "Mon morning: by Wed 17:00",
            ),
            (
                "2025-10-23 09:00",
                2,
                "2025-11-03 17:00",
                "Thu: Fri, then half term, then Mon 17:00 GMT",
            ),
            (
                "2025-10-22 10:00",
                0,
                "2025-10-22 16:00",
                "zero days: end of today",
            ),
        ];
        let h = school();
        for (sent, days, want, why) in cases {
            assert_eq!(
                h.reply_by(utc(sent), &London, days),
                Some(utc(want)),
                "{sent}: {why}"
            );
        }
    }

    #[test]
    fn a_quiet_window_narrows_the_day_and_may_wrap_midnight() {
        // (quiet start, quiet end, local time, working?)
        let cases = [
            ("15:30", "08:30", "2025-10-22 08:15", false),
            ("15:30", "08:30", "2025-10-22 08:30", true),
            ("15:30", "08:30", "2025-10-22 15:29", true),
            ("15:30", "08:30", "2025-10-22 15:30", false),
            ("12:00", "13:00", "2025-10-22 12:30", false),
            ("12:00", "13:00", "2025-10-22 13:00", true),
            ("12:00", "13:00", "2025-10-22 11:59", true),
        ];
        for (qs, qe, local, want) in cases {
            let mut h = school();
            h.quiet = Some((parse_time(qs).unwrap(), parse_time(qe).unwrap()));
            let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
            assert_eq!(h.is_working_local(t), want, "{qs}-{qe} at {local}");
        }
        let mut h = school();
        h.quiet = Some((parse_time("15:30").unwrap(), parse_time("08:30").unwrap()));
        let t = NaiveDateTime::parse_from_str("2025-10-22 16:00", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            h.next_working_local(t).unwrap().to_string(),
            "2025-10-23 08:30:00"
        );
        assert_eq!(
            h.reply_by_local(t, 2).unwrap().to_string(),
            "2025-11-03 15:30:00"
        );
    }

    #[test]
    fn labels_read_as_people_say_them() {
        let now = utc("2025-10-17 18:00");
        assert_eq!(
            label_at(utc("2025-10-20 07:00"), now, &London),
            "Monday at 8:00"
        );
        assert_eq!(
            label_by(utc("2025-10-22 16:00"), now, &London),
            "Wednesday 17:00"
        );
        assert_eq!(
            label_at(utc("2025-11-03 08:00"), now, &London),
            "Monday 3 November at 8:00"
        );
    }

    #[test]
    fn reply_days_come_from_the_schools_wording() {
        let cases = [
            ("within 48 hours, working days only", 2),
            ("within 3 working days", 3),
            ("within 24 hours", 1),
            ("as soon as we can", 2),
        ];
        for (text, want) in cases {
            assert_eq!(reply_days(text), want, "{text}");
        }
    }
}
