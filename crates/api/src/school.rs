//! Staff-side bodies: classes, pupil sign-in codes, invites and guardian approvals, and the school's settings.

use hometime_domain::{ClassId, PupilId};
use serde::{Deserialize, Serialize};

use crate::{Avatar, ClassSummary};

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
