//! Working hours: whether a school-local send time is outside them (weekends and holidays included).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::pack::{Pack, PackError, parse_time, parse_weekday};

/// Compiled working-hours settings.
#[derive(Debug, Clone)]
pub struct Hours {
    days: Vec<Weekday>,
    start: NaiveTime,
    end: NaiveTime,
    quiet: Option<(NaiveTime, NaiveTime)>,
    holidays: Vec<(NaiveDate, NaiveDate)>,
    /// Human-readable hours for guidance, e.g. "Mon–Fri 08:00–17:00".
    pub label: String,
}

fn day_label(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

impl Hours {
    /// Reads the pack's working hours, quiet hours and holidays.
    ///
    /// # Errors
    /// A bad time, weekday or holiday range.
    pub fn new(pack: &Pack) -> Result<Hours, PackError> {
        let wh = &pack.school.working_hours;
        let days = wh
            .days
            .iter()
            .map(|d| parse_weekday(d))
            .collect::<Result<Vec<_>, _>>()?;
        let start = parse_time("working_hours.start", &wh.start)?;
        let end = parse_time("working_hours.end", &wh.end)?;
        let quiet = match &pack.school.quiet_hours {
            Some(q) => Some((
                parse_time("quiet_hours.start", &q.start)?,
                parse_time("quiet_hours.end", &q.end)?,
            )),
            None => None,
        };
        let mut holidays = Vec::new();
        for h in &pack.school.holidays {
            if h.end < h.start {
                return Err(PackError::Holiday {
                    start: h.start,
                    end: h.end,
                });
            }
            holidays.push((h.start, h.end));
        }
        let (s, e) = quiet.map_or((start, end), |(qs, qe)| (qe, qs));
        let day_text = match (days.first(), days.last()) {
            (Some(a), Some(b)) if days.len() > 1 && contiguous(&days) => {
                format!("{}–{}", day_label(*a), day_label(*b))
            }
            _ => days
                .iter()
                .map(|d| day_label(*d))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let label = format!("{day_text} {}–{}", s.format("%H:%M"), e.format("%H:%M"));
        Ok(Hours {
            days,
            start,
            end,
            quiet,
            holidays,
            label,
        })
    }

    /// Whether `at` (school-local) is outside working time. Start is inclusive, end exclusive.
    #[must_use]
    pub fn is_out_of_hours(&self, at: NaiveDateTime) -> bool {
        let date = at.date();
        if !self.days.contains(&date.weekday())
            || self.holidays.iter().any(|(s, e)| *s <= date && date <= *e)
        {
            return true;
        }
        let t = at.time();
        match self.quiet {
            // Quiet hours may wrap midnight (15:30 to 08:30).
            Some((qs, qe)) if qs > qe => t >= qs || t < qe,
            Some((qs, qe)) => t >= qs && t < qe,
            None => t < self.start || t >= self.end,
        }
    }
}

fn contiguous(days: &[Weekday]) -> bool {
    days.windows(2).all(|w| w[0].succ() == w[1])
}
