//! Staff-side bodies: classes, pupil sign-in codes, invites and guardian approvals, and the school's settings.

use hometime_domain::{ClassId, PupilId, UserId};
use serde::{Deserialize, Serialize};

use crate::{Avatar, ClassSummary, ParentStoryComments, SchoolStoryPosters};

/// `GET /classes/{id}`: a class with its pupils, for its teacher and for leaders.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassDetail {
    pub class: ClassSummary,
    pub pupils: Vec<PupilRow>,
    /// The open pupil sign-in code, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_code: Option<ClassCodeOpened>,
}

/// A pupil as staff see them in a class list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilRow {
    pub id: PupilId,
    pub class_id: ClassId,
    pub first_name: String,
    pub surname: String,
    pub preferred_name: String,
    pub avatar: Avatar,
    /// How many adults are linked as parents or carers.
    pub linked_adults: u32,
    /// How many linked adults are allowed (2 unless a leader approved more).
    pub adult_limit: u32,
    /// The linked parents and carers, so staff can start a private thread with one of them.
    #[serde(default)]
    pub parents: Vec<ParentBrief>,
}

/// A linked parent or carer as staff see them on a class list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentBrief {
    pub id: UserId,
    pub name: String,
}

/// `POST /classes/{id}/pupil-code`: open a pupil sign-in code for some minutes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenClassCodeRequest {
    /// How long the code stays open, 1 to 60 minutes.
    pub minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassCodeOpened {
    /// The code as shown to pupils, e.g. `K7M-29Q`.
    pub code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// `POST /pupils/{id}/invites`: a single-use invite code for one adult to link to this pupil.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteCreated {
    /// The code as shown on the invite letter, e.g. `K7M2P-9QXA1`.
    pub code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// `POST /pupils/{id}/adult-approvals`: a leader allows one more linked adult than the usual two.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveExtraAdultRequest {
    /// Why (kept for audit), e.g. "Step-parent with parental responsibility".
    pub reason: String,
}

/// `GET /school`: the school's contacts and policy settings, for leaders and staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolSettings {
    pub name: String,
    pub timezone: String,
    pub office_phone: String,
    pub office_email: String,
    pub office_contact_name: String,
    pub nursing_team_phone: String,
    pub dsl: String,
    pub safeguarding_system: String,
    pub working_days: Vec<String>,
    /// `HH:MM`, school-local.
    pub working_start: String,
    pub working_end: String,
    pub response_expectation: String,
    /// Term holidays: no working hours on these dates.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Whether classes have a class chat (default on).
    #[serde(default = "yes")]
    pub class_chat_enabled: bool,
    /// What support staff may do in messaging.
    #[serde(default)]
    pub support_staff_messaging: SupportStaffMessaging,
    /// Whether parents see "seen" when staff have read their message (default off).
    #[serde(default)]
    pub parent_read_receipts: bool,
    /// Whether staff may use pupils' first names where several families can see.
    #[serde(default)]
    pub names_in_shared_spaces: NamesInSharedSpaces,
    /// Who parents are sent to about medication and feeds.
    #[serde(default)]
    pub medication_route: MedicationRoute,
    /// Whether families may comment on stories (positive comments only, checked by the policy engine).
    #[serde(default)]
    pub parent_story_comments: ParentStoryComments,
    /// Who may post on the School Story besides leaders.
    #[serde(default)]
    pub school_story_posters: SchoolStoryPosters,
    /// Whether families may download story photos (off by default: share deterrence).
    #[serde(default)]
    pub family_photo_downloads: bool,
}

fn yes() -> bool {
    true
}

/// A term holiday: inclusive dates, `YYYY-MM-DD`, school-local.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holiday {
    pub start: String,
    pub end: String,
    /// e.g. "October half term".
    pub name: String,
}

/// How much support staff (teaching assistants, HLTAs) may do in messaging.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SupportStaffMessaging {
    /// No access to threads or class chat.
    #[default]
    None,
    /// May post in the class chat of classes they are assigned to.
    PostOnly,
    /// May also message the parents of pupils in classes they are assigned to.
    Message,
}

/// Naming in spaces more than one family can see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NamesInSharedSpaces {
    /// No pupil names at all.
    #[default]
    None,
    /// Staff may use first names (never surnames); parents still may not name children.
    FirstNameOnlyStaff,
}

/// Who handles questions about medication and feeds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MedicationRoute {
    /// The school nursing team (its phone number is then required).
    #[default]
    NursingTeam,
    /// The office.
    Office,
}

/// `PUT /school/settings` (leaders): every setting at once, as the settings form sends it. The school's
/// name is not changed here. Each invalid field comes back as a 422 field error named as below
/// (`holidays[2].end` for one holiday's date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateSchoolSettings {
    /// An IANA time zone, e.g. `Europe/London`.
    pub timezone: String,
    /// A UK phone number, e.g. `01632 960777`.
    pub office_phone: String,
    pub office_email: String,
    pub office_contact_name: String,
    /// May be empty unless medication goes to the nursing team.
    pub nursing_team_phone: String,
    pub dsl: String,
    pub safeguarding_system: String,
    /// `Mon`..`Sun`, at least one.
    pub working_days: Vec<String>,
    /// `HH:MM`, before `working_end`.
    pub working_start: String,
    pub working_end: String,
    pub response_expectation: String,
    pub holidays: Vec<Holiday>,
    pub class_chat_enabled: bool,
    pub support_staff_messaging: SupportStaffMessaging,
    pub parent_read_receipts: bool,
    pub names_in_shared_spaces: NamesInSharedSpaces,
    pub medication_route: MedicationRoute,
    /// Missing means the default (`positive_only`), like every story setting below.
    #[serde(default)]
    pub parent_story_comments: ParentStoryComments,
    #[serde(default)]
    pub school_story_posters: SchoolStoryPosters,
    #[serde(default)]
    pub family_photo_downloads: bool,
}

impl From<SchoolSettings> for UpdateSchoolSettings {
    /// The form starts from what is stored.
    fn from(s: SchoolSettings) -> Self {
        UpdateSchoolSettings {
            timezone: s.timezone,
            office_phone: s.office_phone,
            office_email: s.office_email,
            office_contact_name: s.office_contact_name,
            nursing_team_phone: s.nursing_team_phone,
            dsl: s.dsl,
            safeguarding_system: s.safeguarding_system,
            working_days: s.working_days,
            working_start: s.working_start,
            working_end: s.working_end,
            response_expectation: s.response_expectation,
            holidays: s.holidays,
            class_chat_enabled: s.class_chat_enabled,
            support_staff_messaging: s.support_staff_messaging,
            parent_read_receipts: s.parent_read_receipts,
            names_in_shared_spaces: s.names_in_shared_spaces,
            medication_route: s.medication_route,
            parent_story_comments: s.parent_story_comments,
            school_story_posters: s.school_story_posters,
            family_photo_downloads: s.family_photo_downloads,
        }
    }
}

/// A member of staff's quiet window: school-local `HH:MM`, start inclusive, end exclusive; it may wrap
/// midnight (`15:30` to `08:30`). Messages to them count as out of hours inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

/// `GET /me/quiet-hours`: the caller's quiet window (if any) and the school's hours it narrows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyQuietHours {
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
    pub working_start: String,
    pub working_end: String,
}

/// `PUT /me/quiet-hours`: `{"quiet_hours": {"start": "15:30", "end": "08:30"}}`, or
/// `{"quiet_hours": null}` to clear it. The key is required, so a body that forgot it does not clear the
/// window by accident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateQuietHours {
    #[serde(deserialize_with = "Option::deserialize")]
    pub quiet_hours: Option<QuietHours>,
}

/// `GET /school/overview`: the leader's home screen figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolOverview {
    pub settings: SchoolSettings,
    pub classes: Vec<ClassSummary>,
    pub pupil_count: u32,
    pub linked_parent_count: u32,
    pub staff_count: u32,
}
