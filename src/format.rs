//! Turning numbers, times and codes into the words and shapes people read. Pure functions, tested natively;
//! the components only read the clock and pass its parts in.

/// "45 seconds", "1 minute", "3 hours": how long to wait, rounded up so we never say too little.
pub fn wait_phrase(secs: u64) -> String {
    fn plural(n: u64, unit: &str) -> String {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    }
    match secs {
        0..=59 => plural(secs.max(1), "second"),
        60..=3599 => plural(secs.div_ceil(60), "minute"),
        _ => plural(secs.div_ceil(3600), "hour"),
    }
}

/// A 24-hour clock time as used in UK schools: "08:05", "15:30".
pub fn clock(hours: u32, minutes: u32) -> String {
    format!("{hours:02}:{minutes:02}")
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "7 December" from a day of the month and a 0-based month (as JavaScript's `Date` gives them).
pub fn day_month(day: u32, month0: u32) -> String {
    let month = MONTHS.get(month0 as usize).copied().unwrap_or("");
    format!("{day} {month}")
}

/// "10 minutes" left until a code closes, from milliseconds; "less than a minute" near the end.
pub fn minutes_left(ms: f64) -> String {
    if ms < 60_000.0 {
        return "less than a minute".to_owned();
    }
    let mins = (ms / 60_000.0).round() as u64;
    if mins == 1 {
        "1 minute".to_owned()
    } else {
        format!("{mins} minutes")
    }
}

/// A code spelt out for screen readers, so "K7M-29Q" is read as letters and digits rather than a word:
/// "K 7 M, 2 9 Q".
pub fn code_for_reading(code: &str) -> String {
    code.split('-')
        .map(|group| {
            group
                .chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1 of 2": linked adults against the pupil's limit.
pub fn linked_adults(linked: u32, limit: u32) -> String {
    format!("{linked} of {limit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_round_up_to_a_friendly_unit() {
        let cases = [
            (0, "1 second"),
            (1, "1 second"),
            (45, "45 seconds"),
            (60, "1 minute"),
            (61, "2 minutes"),
            (900, "15 minutes"),
            (3600, "1 hour"),
            (5400, "2 hours"),
        ];
        for (secs, want) in cases {
            assert_eq!(wait_phrase(secs), want, "{secs}");
        }
    }

    #[test]
    fn times_and_dates_read_the_british_way() {
        assert_eq!(clock(8, 5), "08:05");
        assert_eq!(clock(15, 30), "15:30");
        assert_eq!(day_month(7, 11), "7 December");
        assert_eq!(day_month(1, 0), "1 January");
        assert_eq!(minutes_left(30_000.0), "less than a minute");
        assert_eq!(minutes_left(61_000.0), "1 minute");
        assert_eq!(minutes_left(600_000.0), "10 minutes");
    }

    #[test]
    fn codes_are_spelt_out_for_screen_readers() {
        assert_eq!(code_for_reading("K7M-29Q"), "K 7 M, 2 9 Q");
        assert_eq!(code_for_reading("AB"), "A B");
        assert_eq!(linked_adults(1, 2), "1 of 2");
    }
}
