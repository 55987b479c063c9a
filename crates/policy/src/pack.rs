//! The school's policy pack: the wire shape of `example-pack.json` plus optional engine extension keys.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use crate::vocab::{RuleId, Severity};

/// Why a pack cannot be compiled into an engine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    /// The JSON itself did not parse (only from [`Pack::from_json`]).
    #[error("pack is not valid JSON in the expected shape: {0}")]
    Json(String),
    /// A `HH:MM` time did not parse.
    #[error("invalid time `{value}` in {field} (expected HH:MM)")]
    Time {
        /// Which field.
        field: &'static str,
        /// The bad value.
        value: String,
    },
    /// A weekday did not parse.
    #[error("invalid weekday `{0}` in working_hours.days (expected Mon, Tue, ...)")]
    Weekday(String),
    /// A holiday range ends before it starts.
    #[error("holiday {start}..{end} ends before it starts")]
    Holiday {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// `rules` or `extra_terms` names a rule that does not exist.
    #[error("unknown rule id `{0}` in the pack")]
    UnknownRule(String),
    /// Two pupils share an id, or an id is empty.
    #[error("pupil id `{0}` is empty or duplicated")]
    PupilId(String),
    /// A pupil has no usable name.
    #[error("pupil `{0}` has no first name")]
    PupilName(String),
}

/// A school's policy pack, deserialised from JSON. Unknown keys are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct Pack {
    /// Which roster this is.
    #[serde(default)]
    pub roster_id: String,
    /// School-wide settings and contacts.
    pub school: School,
    /// The class this pack covers.
    #[serde(default, rename = "class")]
    pub class: Option<ClassInfo>,
    /// The pupils on the roster.
    #[serde(default)]
    pub pupils: Vec<Pupil>,
    /// Extension: per-rule toggles and severities, applied within each rule's locked bounds.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// Extension: phrases that are never flagged (e.g. a local place or club name). Matched as words,
    /// case- and accent-insensitively.
    #[serde(default)]
    pub allowed_phrases: Vec<String>,
    /// Extension: extra phrases that make a rule fire, by rule id (lexicon additions).
    #[serde(default)]
    pub extra_terms: BTreeMap<String, Vec<String>>,
}

impl Pack {
    /// Parses a pack from JSON text.
    ///
    /// # Errors
    /// [`PackError::Json`] when the text is not a pack.
    pub fn from_json(json: &str) -> Result<Pack, PackError> {
        serde_json::from_str(json).map_err(|e| PackError::Json(e.to_string()))
    }
}

/// School settings and contacts.
#[derive(Debug, Clone, Deserialize)]
pub struct School {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// IANA zone; `sent_at` is already school-local, so this is informational.
    #[serde(default)]
    pub timezone: String,
    /// The office's phone number.
    pub office_phone: String,
    /// The office's e-mail address.
    pub office_email: String,
    /// Who answers the office phone.
    #[serde(default)]
    pub office_contact_name: String,
    /// The school nursing team's number (special schools); falls back to the office.
    #[serde(default)]
    pub nursing_team_phone: Option<String>,
    /// The DSL, e.g. "Ms Okoro (Deputy Head, Designated Safeguarding Lead)".
    #[serde(default)]
    pub dsl: String,
    /// Where safeguarding concerns are recorded, e.g. "MyConcern".
    #[serde(default)]
    pub safeguarding_system: String,
    /// Staff working hours.
    pub working_hours: WorkingHours,
    /// How quickly families can expect a reply.
    #[serde(default)]
    pub response_expectation: String,
    /// Naming mode in shared spaces.
    #[serde(default)]
    pub names_in_shared_spaces: NamingMode,
    /// Contacts that may always be written (the school's own).
    #[serde(default)]
    pub allowlisted_contacts: Vec<String>,
    /// Other classes' names (often birds or trees) that are never pupils.
    #[serde(default)]
    pub other_class_names: Vec<String>,
    /// Staff members (titled adults never count as pupils).
    #[serde(default)]
    pub staff: Vec<StaffMember>,
    /// Extension: who handles medication and feeds.
    #[serde(default)]
    pub medication_route: MedicationRoute,
    /// Extension: where parents take complaints.
    #[serde(default)]
    pub complaint_route: ComplaintRoute,
    /// Extension: a teacher "quiet hours" window (e.g. 15:30 to 08:30) that replaces the working-hours
    /// window for `out-of-hours`; it may wrap past midnight.
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
    /// Extension: term holidays (inclusive date ranges); every day in them is out of hours.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Extension: whether pupils may post positive comments on stories.
    #[serde(default)]
    pub pupil_posting: PupilPosting,
}

/// Working days and times.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkingHours {
    /// `Mon`..`Sun`.
    pub days: Vec<String>,
    /// Start, `HH:MM`, inclusive.
    pub start: String,
    /// End, `HH:MM`, exclusive.
    pub end: String,
}

/// A quiet-hours window: out of hours from `start` (inclusive) to `end` (exclusive), wrapping midnight.
#[derive(Debug, Clone, Deserialize)]
pub struct QuietHours {
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
}

/// An inclusive range of holiday dates.
#[derive(Debug, Clone, Deserialize)]
pub struct Holiday {
    /// First day off.
    pub start: NaiveDate,
    /// Last day off (inclusive).
    pub end: NaiveDate,
    /// e.g. "October half term".
    #[serde(default)]
    pub name: String,
}

/// A member of staff.
#[derive(Debug, Clone, Deserialize)]
pub struct StaffMember {
    /// Mr, Mrs, Ms, Miss, Dr...
    #[serde(default)]
    pub title: String,
    /// First name, when known.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: String,
    /// Job.
    #[serde(default)]
    pub role: String,
}

/// The class.
#[derive(Debug, Clone, Deserialize)]
pub struct ClassInfo {
    /// e.g. "Kestrel Class".
    pub name: String,
    /// Year group.
    #[serde(default)]
    pub year_group: Option<u8>,
    /// e.g. "Mr Daly".
    #[serde(default)]
    pub teacher: String,
}

/// A pupil on the roster.
#[derive(Debug, Clone, Deserialize)]
pub struct Pupil {
    /// Roster id, e.g. `k01`.
    pub id: String,
    /// Legal first name.
    pub first_name: String,
    /// Surname.
    #[serde(default)]
    pub surname: String,
    /// What the child is called day to day.
    #[serde(default)]
    pub preferred_name: Option<String>,
    /// Whether the family consented to photos.
    #[serde(default)]
    pub photo_consent: bool,
    /// Extension: extra names the child goes by (nicknames, other spellings).
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Pupil {
    /// The name to use in guidance ("{child}").
    #[must_use]
    pub fn display_name(&self) -> &str {
        self.preferred_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.first_name)
    }
}

/// Naming mode in shared spaces (`POLICY-RULES.md` §0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NamingMode {
    /// No pupil names where more than one family can see.
    #[default]
    None,
    /// Staff may use first names (never surnames); parents still may not name children.
    FirstNameOnlyStaff,
}

/// Who handles medication and feeds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MedicationRoute {
    /// The school nursing team (special schools).
    #[default]
    NursingTeam,
    /// The office.
    Office,
}

/// Where complaints go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintRoute {
    /// E-mail the office.
    #[default]
    EmailOffice,
    /// Speak to the Reception desk.
    Reception,
    /// The formal complaints procedure, via the office.
    ComplaintsProcedure,
}

/// Whether pupils may post.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PupilPosting {
    /// Pupils never post.
    #[default]
    None,
    /// Pupils may leave comments on class and school stories (still never messages).
    PositiveComments,
}

/// One rule's toggle and severity in the pack.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RuleSetting {
    /// `false` turns the rule off, where its bounds allow.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Replaces the rule's severity, clamped to its bounds.
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// What a school may change about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleBounds {
    /// Whether `enabled: false` is honoured.
    pub can_disable: bool,
    /// The lowest severity a pack may set.
    pub min: Severity,
    /// The highest severity a pack may set.
    pub max: Severity,
}

/// The locked bounds of each rule. Safety rules cannot be switched off or softened below what keeps
/// children safe; see the crate README for the table.
#[must_use]
pub const fn bounds(rule: RuleId) -> RuleBounds {
    use RuleId as R;
    use Severity::{Block, Info, Warn};
    let (can_disable, min, max) = match rule {
        R::ThreatOrIntimidation | R::PupilMessagingDisabled | R::PhotoConsent => {
            (false, Block, Block)
        }
        R::SafeguardingToDsl => (false, Warn, Block),
        R::ChildNameShared | R::PhotoInSharedSpace | R::RecipientNotClassTeacher => {
            (false, Warn, Block)
        }
        R::AbusiveLanguage | R::CredentialShared | R::OtherChildNamedPrivate => {
            (false, Warn, Block)
        }
        _ => (true, Info, Block),
    };
    RuleBounds {
        can_disable,
        min,
        max,
    }
}

pub(crate) fn parse_time(field: &'static str, value: &str) -> Result<NaiveTime, PackError> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").map_err(|_| PackError::Time {
        field,
        value: value.to_owned(),
    })
}

pub(crate) fn parse_weekday(value: &str) -> Result<Weekday, PackError> {
    let v = value.trim().to_ascii_lowercase();
    let day = match v.get(..3).unwrap_or("") {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return Err(PackError::Weekday(value.to_owned())),
    };
    Ok(day)
}
