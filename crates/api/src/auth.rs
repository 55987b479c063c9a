//! Sign-in, sign-up and session bodies for every role.

use hometime_domain::{ClassId, Home, PupilId, SchoolId, StaffRole, UserId};
use serde::{Deserialize, Serialize};

/// `POST /auth/login`: staff and parents sign in with e-mail and password.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// `POST /auth/join`: a new parent or carer redeems an invite code and creates their account.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequest {
    pub invite_code: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// `POST /me/children`: a signed-in parent links another child with a new invite code.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkChildRequest {
    pub invite_code: String,
}

/// `POST /pupil-auth/class`: a pupil types the class code their teacher opened.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassCodeRequest {
    pub code: String,
}

/// The pupils to choose from once a class code is accepted: first names and avatars only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilChoices {
    pub class_name: String,
    pub pupils: Vec<PupilChoice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilChoice {
    pub id: PupilId,
    /// The pupil's preferred first name.
    pub name: String,
    pub avatar: Avatar,
}

/// `POST /pupil-auth/pick`: the pupil taps their own avatar. The class code is sent again, so the choice
/// is only possible while the code is open.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilPickRequest {
    pub code: String,
    pub pupil_id: PupilId,
}

/// A pupil's monster avatar, stored as data and drawn as SVG by the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Avatar {
    /// Body shape, 0-based index into the app's shapes.
    pub body: u8,
    pub eyes: u8,
    pub mouth: u8,
    pub accessory: u8,
    /// Body colour, `#rrggbb`.
    pub colour: String,
}

impl Default for Avatar {
    fn default() -> Self {
        Avatar {
            body: 0,
            eyes: 0,
            mouth: 0,
            accessory: 0,
            colour: "#6c5ce7".to_owned(),
        }
    }
}

/// `GET /me`: who is signed in, and what their home screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub home: Home,
    pub display_name: String,
    pub school: SchoolBrief,
    /// Set for adult sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// Set for staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_role: Option<StaffRole>,
    /// The pupils this adult is a parent or carer of.
    #[serde(default)]
    pub children: Vec<ChildSummary>,
    /// Classes this member of staff teaches (all classes, for leaders).
    #[serde(default)]
    pub classes: Vec<ClassSummary>,
    /// Set for pupil sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupil: Option<PupilSelf>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolBrief {
    pub id: SchoolId,
    pub name: String,
    /// The school draws pupils' initials instead of their monster avatars (a leader's setting).
    #[serde(default)]
    pub show_initials: bool,
}

/// A child as their parent sees them on the home screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChildSummary {
    pub id: PupilId,
    pub name: String,
    pub class_id: ClassId,
    pub class_name: String,
    /// The class teacher's display name ("Mr Daly").
    pub teacher_name: Option<String>,
    pub avatar: Avatar,
}

/// A class as staff see it in lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassSummary {
    pub id: ClassId,
    pub name: String,
    pub year_group: u8,
    pub pupil_count: u32,
    pub teacher_name: Option<String>,
}

/// What a signed-in pupil sees of themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilSelf {
    pub id: PupilId,
    pub name: String,
    pub class_name: String,
    pub avatar: Avatar,
}
