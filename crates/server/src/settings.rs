//! The school's settings as pure data work: reading the stored JSON (the policy pack's `school` object
//! plus Hometime's own keys) into the wire type, checking a leader's update field by field, and writing
//! it back without losing the keys the form does not show (staff list, other class names, ...).
//! A member of staff's quiet window is checked here too, against the school's hours.

use chrono::NaiveDate;
use hometime_api::{
    Holiday, MedicationRoute, NamesInSharedSpaces, ParentStoryComments, QuietHours, SchoolSettings,
    SchoolStoryPosters, SupportStaffMessaging, UpdateSchoolSettings,
};
use hometime_domain::Email;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::hours::WorkingHours;

/// Longest accepted free-text values, in characters.
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_TEXT_CHARS: usize = 200;
/// More holidays than a school has in several years is a mistake, not a calendar.
pub const MAX_HOLIDAYS: usize = 60;

pub const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// One refused field: its name in the request body, a stable code and plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

fn problem(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Problem {
    Problem {
        field: field.into(),
        code,
        message: message.into(),
    }
}

/// The stored settings JSON; keys the API does not show are ignored here and kept on write.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Stored {
    timezone: String,
    office_phone: String,
    office_email: String,
    office_contact_name: String,
    nursing_team_phone: Option<String>,
    dsl: String,
    safeguarding_system: String,
    working_hours: StoredHours,
    response_expectation: String,
    holidays: Vec<Holiday>,
    class_chat_enabled: Option<bool>,
    support_staff_messaging: Option<String>,
    parent_read_receipts: bool,
    names_in_shared_spaces: Option<String>,
    medication_route: Option<String>,
    parent_story_comments: Option<String>,
    school_story_posters: Option<String>,
    family_photo_downloads: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StoredHours {
    days: Vec<String>,
    start: String,
    end: String,
}

/// Reads the stored JSON as the wire type. Unknown enum words fall back to the same cautious defaults
/// messaging uses, so the form shows what the server actually does.
pub fn read(name: String, settings_json: &str) -> Result<SchoolSettings, serde_json::Error> {
    let s: Stored = serde_json::from_str(settings_json)?;
    Ok(SchoolSettings {
        name,
        timezone: s.timezone,
        office_phone: s.office_phone,
        office_email: s.office_email,
        office_contact_name: s.office_contact_name,
        nursing_team_phone: s.nursing_team_phone.unwrap_or_default(),
        dsl: s.dsl,
        safeguarding_system: s.safeguarding_system,
        working_days: s.working_hours.days,
        working_start: s.working_hours.start,
        working_end: s.working_hours.end,
        response_expectation: s.response_expectation,
        holidays: s.holidays,
        class_chat_enabled: s.class_chat_enabled.unwrap_or(true),
        support_staff_messaging: match s.support_staff_messaging.as_deref() {
            Some("post_only") => SupportStaffMessaging::PostOnly,
            Some("message") => SupportStaffMessaging::Message,
            _ => SupportStaffMessaging::None,
        },
        parent_read_receipts: s.parent_read_receipts,
        names_in_shared_spaces: match s.names_in_shared_spaces.as_deref() {
            Some("first_name_only_staff") => NamesInSharedSpaces::FirstNameOnlyStaff,
            _ => NamesInSharedSpaces::None,
        },
        medication_route: match s.medication_route.as_deref() {
            Some("office") => MedicationRoute::Office,
            _ => MedicationRoute::NursingTeam,
        },
        parent_story_comments: parent_story_comments(s.parent_story_comments.as_deref()),
        school_story_posters: school_story_posters(s.school_story_posters.as_deref()),
        family_photo_downloads: s.family_photo_downloads,
    })
}

/// `parent_story_comments` as stored. Unset means the default (positive comments, checked by the
/// engine); an unknown word means off, the cautious reading.
pub fn parent_story_comments(word: Option<&str>) -> ParentStoryComments {
    match word {
        None | Some("positive_only") => ParentStoryComments::PositiveOnly,
        Some(_) => ParentStoryComments::None,
    }
}

/// `school_story_posters` as stored. Unset means the default (leaders and the office); an unknown word
/// means leaders only, the cautious reading.
pub fn school_story_posters(word: Option<&str>) -> SchoolStoryPosters {
    match word {
        None | Some("leaders_and_office") => SchoolStoryPosters::LeadersAndOffice,
        Some("all_staff") => SchoolStoryPosters::AllStaff,
        Some(_) => SchoolStoryPosters::Leaders,
    }
}

/// Strict `HH:MM` (two-digit hours), so what is stored reads the same everywhere.
pub fn time(s: &str) -> Option<chrono::NaiveTime> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    chrono::NaiveTime::parse_from_str(s, "%H:%M").ok()
}

fn date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A loose UK phone check: digits with optional spaces, hyphens and brackets, starting `0` or `+44`,
/// with 10 or 11 digits in national form. It catches typos, not every unallocated range.
pub fn uk_phone(s: &str) -> bool {
    let s = s.trim();
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+'))
    {
        return false;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = s.strip_prefix('+') {
        if !rest.trim_start().starts_with("44") || rest.contains('+') {
            return false;
        }
        // `+44 (0)1632 ...` writes the trunk zero in brackets; drop it either way.
        let rest = digits.strip_prefix("44").unwrap_or(&digits);
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else if s.contains('+') {
        return false;
    } else {
        digits
    };
    national.starts_with('0') && (10..=11).contains(&national.len())
}

/// A required, single-line, length-limited text.
fn text(out: &mut Vec<Problem>, field: &str, value: &str, max: usize, required: bool) {
    let v = value.trim();
    if v.is_empty() {
        if required {
            out.push(problem(field, "required", "this field is required"));
        }
    } else if v.chars().count() > max {
        out.push(problem(
            field,
            "too_long",
            format!("please keep this to {max} characters"),
        ));
    } else if v.chars().any(char::is_control) {
        out.push(problem(
            field,
            "invalid_characters",
            "this contains characters that are not allowed",
        ));
    }
}

fn phone(out: &mut Vec<Problem>, field: &str, value: &str, required: bool) {
    if value.trim().is_empty() {
        if required {
            out.push(problem(field, "required", "this field is required"));
        }
    } else if !uk_phone(value) {
        out.push(problem(
            field,
            "invalid_phone",
            "enter a UK phone number, e.g. 01632 960777",
        ));
    }
}

/// Every problem with an update, in form order; empty when it may be saved.
pub fn check(u: &UpdateSchoolSettings) -> Vec<Problem> {
    let mut out = Vec::new();
    phone(&mut out, "office_phone", &u.office_phone, true);
    if let Err(e) = Email::parse(&u.office_email) {
        out.push(problem("office_email", e.code(), e.to_string()));
    }
    text(
        &mut out,
        "office_contact_name",
        &u.office_contact_name,
        MAX_NAME_CHARS,
        true,
    );
    // The nursing team's number is only needed where medication questions are sent to it.
    phone(
        &mut out,
        "nursing_team_phone",
        &u.nursing_team_phone,
        u.medication_route == MedicationRoute::NursingTeam,
    );
    text(&mut out, "dsl", &u.dsl, MAX_TEXT_CHARS, true);
    text(
        &mut out,
        "safeguarding_system",
        &u.safeguarding_system,
        MAX_NAME_CHARS,
        true,
    );
    if u.timezone.trim().parse::<chrono_tz::Tz>().is_err() {
        out.push(problem(
            "timezone",
            "invalid_timezone",
            "choose a time zone such as Europe/London",
        ));
    }
    if u.working_days.is_empty() {
        out.push(problem(
            "working_days",
            "required",
            "choose at least one working day",
        ));
    } else if u.working_days.len() > 7 || u.working_days.iter().any(|d| day(d).is_none()) {
        out.push(problem(
            "working_days",
            "invalid_day",
            "days are Mon, Tue, Wed, Thu, Fri, Sat or Sun",
        ));
    }
    let start = time(&u.working_start);
    let end = time(&u.working_end);
    for (field, t) in [("working_start", start), ("working_end", end)] {
        if t.is_none() {
            out.push(problem(
                field,
                "invalid_time",
                "enter a time as HH:MM, e.g. 08:00",
            ));
        }
    }
    if let (Some(s), Some(e)) = (start, end)
        && s >= e
    {
        out.push(problem(
            "working_end",
            "end_before_start",
            "the end must be after the start",
        ));
    }
    text(
        &mut out,
        "response_expectation",
        &u.response_expectation,
        MAX_TEXT_CHARS,
        true,
    );
    if u.holidays.len() > MAX_HOLIDAYS {
        out.push(problem(
            "holidays",
            "too_many",
            format!("at most {MAX_HOLIDAYS} holidays"),
        ));
    }
    for (i, h) in u.holidays.iter().enumerate() {
        let start = date(&h.start);
        let end = date(&h.end);
        for (key, d) in [("start", start), ("end", end)] {
            if d.is_none() {
                out.push(problem(
                    format!("holidays[{i}].{key}"),
                    "invalid_date",
                    "enter a date as YYYY-MM-DD",
                ));
            }
        }
        if let (Some(s), Some(e)) = (start, end)
            && s > e
        {
            out.push(problem(
                format!("holidays[{i}].end"),
                "end_before_start",
                "the last day cannot be before the first",
            ));
        }
        text(
            &mut out,
            &format!("holidays[{i}].name"),
            &h.name,
            MAX_NAME_CHARS,
            true,
        );
    }
    out
}

/// The index of a day name (`Mon` = 0), exact three-letter form, any case.
fn day(d: &str) -> Option<usize> {
    DAYS.iter().position(|n| n.eq_ignore_ascii_case(d.trim()))
}

/// The keys whose values differ (for the audit trail, which records keys, never values).
pub fn changed_keys(old: &SchoolSettings, new: &SchoolSettings) -> Vec<&'static str> {
    let mut out = Vec::new();
    macro_rules! cmp {
        ($($k:ident),+) => { $( if old.$k != new.$k { out.push(stringify!($k)); } )+ };
    }
    cmp!(
        timezone,
        office_phone,
        office_email,
        office_contact_name,
        nursing_team_phone,
        dsl,
        safeguarding_system,
        working_days,
        working_start,
        working_end,
        response_expectation,
        holidays,
        class_chat_enabled,
        support_staff_messaging,
        parent_read_receipts,
        names_in_shared_spaces,
        medication_route,
        parent_story_comments,
        school_story_posters,
        family_photo_downloads
    );
    out
}

fn word<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Writes a checked update into the stored JSON object, keeping every key the form does not show. The
/// school's own contacts are in the engine's allowlist, so a changed number replaces the old one there
/// (the old number would otherwise stay writable and the new one be flagged).
pub fn apply(raw: &mut Value, u: &UpdateSchoolSettings) {
    if !raw.is_object() {
        *raw = json!({});
    }
    let old: Vec<String> = ["office_phone", "office_email", "nursing_team_phone"]
        .iter()
        .filter_map(|k| raw.get(*k).and_then(Value::as_str).map(str::to_owned))
        .collect();
    let mut days: Vec<usize> = u.working_days.iter().filter_map(|d| day(d)).collect();
    days.sort_unstable();
    days.dedup();
    let days: Vec<&str> = days.into_iter().map(|i| DAYS[i]).collect();
    let nursing = u.nursing_team_phone.trim();
    let fields = json!({
        "timezone": u.timezone.trim(),
        "office_phone": u.office_phone.trim(),
        "office_email": Email::parse(&u.office_email).map_or_else(|_| u.office_email.trim().to_owned(), |e| e.as_str().to_owned()),
        "office_contact_name": u.office_contact_name.trim(),
        "nursing_team_phone": if nursing.is_empty() { Value::Null } else { json!(nursing) },
        "dsl": u.dsl.trim(),
        "safeguarding_system": u.safeguarding_system.trim(),
        "response_expectation": u.response_expectation.trim(),
        "holidays": u.holidays.iter().map(|h| json!({"start": h.start, "end": h.end, "name": h.name.trim()})).collect::<Vec<_>>(),
        "class_chat_enabled": u.class_chat_enabled,
        "support_staff_messaging": word(u.support_staff_messaging),
        "parent_read_receipts": u.parent_read_receipts,
        "names_in_shared_spaces": word(u.names_in_shared_spaces),
        "medication_route": word(u.medication_route),
        "parent_story_comments": word(u.parent_story_comments),
        "school_story_posters": word(u.school_story_posters),
        "family_photo_downloads": u.family_photo_downloads,
    });
    let Some(obj) = raw.as_object_mut() else {
        return;
    };
    if let Some(f) = fields.as_object() {
        for (k, v) in f {
            obj.insert(k.clone(), v.clone());
        }
    }
    let hours = obj.entry("working_hours").or_insert_with(|| json!({}));
    if !hours.is_object() {
        *hours = json!({});
    }
    if let Some(h) = hours.as_object_mut() {
        h.insert("days".into(), json!(days));
        h.insert("start".into(), json!(u.working_start));
        h.insert("end".into(), json!(u.working_end));
    }
    let mut allow: Vec<Value> = obj
        .get("allowlisted_contacts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    allow.retain(|v| v.as_str().is_none_or(|s| !old.iter().any(|o| o == s)));
    let new = [
        obj.get("office_phone"),
        obj.get("nursing_team_phone"),
        obj.get("office_email"),
    ];
    for v in new.into_iter().flatten() {
        if v.is_string() && !allow.contains(v) {
            allow.push(v.clone());
        }
    }
    obj.insert("allowlisted_contacts".into(), Value::Array(allow));
}

/// Problems with a quiet window for someone keeping `school` hours: strict times, a real window, and
/// one that changes something without leaving no working time at all.
pub fn check_quiet(q: &QuietHours, school: &WorkingHours) -> Vec<Problem> {
    let mut out = Vec::new();
    let start = time(&q.start);
    let end = time(&q.end);
    for (field, t) in [("quiet_hours.start", start), ("quiet_hours.end", end)] {
        if t.is_none() {
            out.push(problem(
                field,
                "invalid_time",
                "enter a time as HH:MM, e.g. 15:30",
            ));
        }
    }
    let (Some(s), Some(e)) = (start, end) else {
        return out;
    };
    if s == e {
        out.push(problem(
            "quiet_hours.end",
            "same_time",
            "the end must differ from the start",
        ));
        return out;
    }
    let mut narrowed = school.clone();
    narrowed.quiet = Some((s, e));
    let day = narrowed.working_day();
    if day.is_empty() {
        out.push(problem(
            "quiet_hours",
            "covers_working_day",
            "this would leave no working hours at all; families need some time when you can reply",
        ));
    } else if day == school.working_day() {
        out.push(problem(
            "quiet_hours",
            "outside_working_hours",
            "this is already outside the school's working hours, so it would change nothing",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> UpdateSchoolSettings {
        let stored = read(
            "Brookfield".into(),
            hometime_store::seed::SCHOOL_SETTINGS_JSON,
        )
        .unwrap();
        let mut u = UpdateSchoolSettings::from(stored);
        u.holidays = vec![Holiday {
            start: "2026-10-26".into(),
            end: "2026-10-30".into(),
            name: "October half term".into(),
        }];
        u
    }

    #[test]
    fn the_seeded_settings_pass() {
        assert_eq!(check(&valid()), vec![]);
    }

    #[test]
    fn each_bad_field_is_named() {
        type Edit = fn(&mut UpdateSchoolSettings);
        let cases: &[(Edit, &str, &str)] = &[
            (
                |u| u.office_phone = "call me".into(),
                "office_phone",
                "invalid_phone",
            ),
            (
                |u| u.office_phone = "0163".into(),
                "office_phone",
                "invalid_phone",
            ),
            (
                |u| u.office_phone = String::new(),
                "office_phone",
                "required",
            ),
            (
                |u| u.office_email = "office@".into(),
                "office_email",
                "invalid_email",
            ),
            (
                |u| u.office_contact_name = "x".repeat(121),
                "office_contact_name",
                "too_long",
            ),
            (
                |u| u.nursing_team_phone = String::new(),
                "nursing_team_phone",
                "required",
            ),
            (
                |u| u.nursing_team_phone = "12".into(),
                "nursing_team_phone",
                "invalid_phone",
            ),
            (|u| u.dsl = " ".into(), "dsl", "required"),
            (
                |u| u.safeguarding_system = "a\u{7}b".into(),
                "safeguarding_system",
                "invalid_characters",
            ),
            (
                |u| u.timezone = "Europe/Brookfield".into(),
                "timezone",
                "invalid_timezone",
            ),
            (|u| u.working_days = vec![], "working_days", "required"),
            (
                |u| u.working_days = vec!["Funday".into()],
                "working_days",
                "invalid_day",
            ),
            (
                |u| u.working_start = "8am".into(),
                "working_start",
                "invalid_time",
            ),
            (
                |u| u.working_end = "25:00".into(),
                "working_end",
                "invalid_time",
            ),
            (
                |u| u.working_end = "07:00".into(),
                "working_end",
                "end_before_start",
            ),
            (
                |u| u.working_end = "08:00".into(),
                "working_end",
                "end_before_start",
            ),
            (
                |u| u.response_expectation = String::new(),
                "response_expectation",
                "required",
            ),
            (
                |u| u.holidays[0].start = "2026-13-01".into(),
                "holidays[0].start",
                "invalid_date",
            ),
            (
                |u| u.holidays[0].end = "2026-10-01".into(),
                "holidays[0].end",
                "end_before_start",
            ),
            (
                |u| u.holidays[0].name = String::new(),
                "holidays[0].name",
                "required",
            ),
        ];
        for (edit, field, code) in cases {
            let mut u = valid();
            edit(&mut u);
            let got = check(&u);
            assert_eq!(got.len(), 1, "{field}: {got:?}");
            assert_eq!((got[0].field.as_str(), got[0].code), (*field, *code));
        }
    }

    #[test]
    fn the_nursing_phone_may_be_empty_when_the_office_handles_medication() {
        let mut u = valid();
        u.nursing_team_phone = String::new();
        u.medication_route = MedicationRoute::Office;
        assert_eq!(check(&u), vec![]);
    }

    #[test]
    fn uk_phones_are_checked_loosely() {
        let cases = [
            ("01632 960777", true),
            ("01632-960777", true),
            ("(01632) 960 777", true),
            ("+44 1632 960777", true),
            ("+44 (0)1632 960777", true),
            ("07700 900123", true),
            ("020 7946 0018", true),
            ("+33 1 23 45 67 89", false),
            ("1632 960777", false),
            ("01632 9607", false),
            ("01632 960777 ext 2", false),
            ("0163 2960 7771 2", false),
        ];
        for (p, want) in cases {
            assert_eq!(uk_phone(p), want, "{p}");
        }
    }

    #[test]
    fn apply_keeps_other_keys_and_moves_the_allowlist_with_the_numbers() {
        let mut raw: Value =
            serde_json::from_str(hometime_store::seed::SCHOOL_SETTINGS_JSON).unwrap();
        let mut u = valid();
        u.office_phone = "01632 960999".into();
        u.working_days = vec!["fri".into(), "Mon".into(), "Mon".into()];
        u.class_chat_enabled = false;
        apply(&mut raw, &u);
        assert_eq!(raw["staff"].as_array().unwrap().len(), 4, "staff kept");
        assert_eq!(raw["other_class_names"][0], "Kingfisher");
        assert_eq!(raw["working_hours"]["days"], json!(["Mon", "Fri"]));
        assert_eq!(raw["class_chat_enabled"], false);
        assert_eq!(raw["medication_route"], "nursing_team");
        let allow = raw["allowlisted_contacts"].as_array().unwrap();
        assert!(allow.contains(&json!("01632 960999")));
        assert!(!allow.contains(&json!("01632 960777")));
        assert!(allow.contains(&json!("01632 960778")));
        let back = read("B".into(), &raw.to_string()).unwrap();
        assert_eq!(back.office_phone, "01632 960999");
        assert!(!back.class_chat_enabled);
        assert_eq!(back.holidays[0].name, "October half term");
    }

    #[test]
    fn story_settings_default_cautiously_and_round_trip() {
        let seeded = read("B".into(), hometime_store::seed::SCHOOL_SETTINGS_JSON).unwrap();
        assert_eq!(
            (
                seeded.parent_story_comments,
                seeded.school_story_posters,
                seeded.family_photo_downloads
            ),
            (
                ParentStoryComments::PositiveOnly,
                SchoolStoryPosters::LeadersAndOffice,
                false
            )
        );
        let odd = read(
            "B".into(),
            r#"{"parent_story_comments": "lots", "school_story_posters": "everyone"}"#,
        )
        .unwrap();
        assert_eq!(odd.parent_story_comments, ParentStoryComments::None);
        assert_eq!(odd.school_story_posters, SchoolStoryPosters::Leaders);

        let mut raw: Value =
            serde_json::from_str(hometime_store::seed::SCHOOL_SETTINGS_JSON).unwrap();
        let mut u = valid();
        u.parent_story_comments = ParentStoryComments::None;
        u.school_story_posters = SchoolStoryPosters::AllStaff;
        u.family_photo_downloads = true;
        apply(&mut raw, &u);
        assert_eq!(raw["parent_story_comments"], "none");
        assert_eq!(raw["school_story_posters"], "all_staff");
        let back = read("B".into(), &raw.to_string()).unwrap();
        assert_eq!(
            (
                back.parent_story_comments,
                back.school_story_posters,
                back.family_photo_downloads
            ),
            (
                ParentStoryComments::None,
                SchoolStoryPosters::AllStaff,
                true
            )
        );
        assert_eq!(
            changed_keys(&seeded, &back)
                .into_iter()
                .filter(|k| k.contains("stor") || k.contains("photo"))
                .collect::<Vec<_>>(),
            vec![
                "parent_story_comments",
                "school_story_posters",
                "family_photo_downloads"
            ]
        );
    }

    #[test]
    fn quiet_windows_must_change_something_and_leave_some_time() {
        let days: Vec<String> = DAYS[..5].iter().map(|d| (*d).to_owned()).collect();
        let school = WorkingHours::parse(&days, "08:00", "17:00").unwrap();
        let q = |s: &str, e: &str| QuietHours {
            start: s.into(),
            end: e.into(),
        };
        let cases = [
            ("15:30", "08:30", None),
            ("12:00", "13:00", None),
            ("16:00", "09:00", None),
            (
                "17:30",
                "07:00",
                Some(("quiet_hours", "outside_working_hours")),
            ),
            (
                "07:00",
                "18:00",
                Some(("quiet_hours", "covers_working_day")),
            ),
            ("08:00", "08:00", Some(("quiet_hours.end", "same_time"))),
            ("8:00", "09:00", Some(("quiet_hours.start", "invalid_time"))),
            ("08:00", "24:00", Some(("quiet_hours.end", "invalid_time"))),
        ];
        for (s, e, want) in cases {
            let got = check_quiet(&q(s, e), &school);
            let got = got.first().map(|p| (p.field.as_str(), p.code));
            assert_eq!(got, want, "{s}-{e}");
        }
    }
}
