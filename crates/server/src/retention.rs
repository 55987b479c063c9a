//! How long points are kept: the cut-off for a school's retention period (a pure function of the time and
//! the setting), and the sweep the server runs on a schedule to delete points older than it.

use chrono::{DateTime, Months};
use hometime_api::DEFAULT_RETENTION_MONTHS;

use crate::state::AppState;

/// The earliest `awarded_at` (unix ms) a point may have and still be kept at `now`: the same moment
/// `months` calendar months earlier (clamped to the end of a shorter month, as in 31 March minus one month
/// is 28 or 29 February).
pub fn points_cutoff(now_ms: i64, months: u32) -> i64 {
    DateTime::from_timestamp_millis(now_ms)
        .and_then(|now| now.checked_sub_months(Months::new(months)))
        .map_or(i64::MIN, |t| t.timestamp_millis())
}

/// Deletes every school's points older than its retention period. Returns how many were deleted.
pub async fn sweep_points(state: &AppState) -> Result<u64, hometime_store::StoreError> {
    let now = state.now();
    let mut deleted = 0;
    for (school, months) in state.store.retention_by_school().await? {
        let months = months
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(DEFAULT_RETENTION_MONTHS);
        deleted += state
            .store
            .delete_points_before(school, points_cutoff(now, months))
            .await?;
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn the_cutoff_is_the_same_moment_whole_months_earlier() {
        let cases = [
            ("2026-11-23T13:00:00Z", 12, "2025-11-23T13:00:00Z"),
            ("2026-11-23T13:00:00Z", 1, "2026-10-23T13:00:00Z"),
            ("2026-03-31T08:00:00Z", 1, "2026-02-28T08:00:00Z"),
            ("2028-03-31T08:00:00Z", 1, "2028-02-29T08:00:00Z"),
            ("2026-01-15T00:00:00Z", 36, "2023-01-15T00:00:00Z"),
        ];
        for (now, months, want) in cases {
            assert_eq!(points_cutoff(ms(now), months), ms(want), "{now} - {months}");
        }
    }
}
