//! Roles. Permissions are decided from relationships (guardian of, teaches), not from a single role, since
//! one adult can be both a parent at the school and a member of its staff.

use serde::{Deserialize, Serialize};

/// What a member of staff does at their school. Decides which screens and endpoints they may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// A class teacher (or a teacher covering a class).
    Teacher,
    /// A teaching assistant or other support staff.
    Support,
    /// The school office.
    Office,
    /// Headteacher, deputy or other senior leader.
    Leader,
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Teacher => "teacher",
            StaffRole::Support => "support",
            StaffRole::Office => "office",
            StaffRole::Leader => "leader",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "teacher" => StaffRole::Teacher,
            "support" => StaffRole::Support,
            "office" => StaffRole::Office,
            "leader" => StaffRole::Leader,
            _ => return None,
        })
    }

    /// Leaders and the office run the school's records (invites, approvals, consent flags).
    pub fn manages_school(self) -> bool {
        matches!(self, StaffRole::Leader | StaffRole::Office)
    }
}

/// The home screen a session lands on after sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Home {
    Parent,
    Pupil,
    Teacher,
    Leader,
}

impl Home {
    /// Staff land on their staff home even when they are also a parent at the school.
    pub fn for_adult(staff_role: Option<StaffRole>, has_children: bool) -> Option<Home> {
        match staff_role {
            Some(StaffRole::Leader) => Some(Home::Leader),
            Some(_) => Some(Home::Teacher),
            None if has_children => Some(Home::Parent),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_role_round_trips_through_its_name() {
        for role in [
            StaffRole::Teacher,
            StaffRole::Support,
            StaffRole::Office,
            StaffRole::Leader,
        ] {
            assert_eq!(StaffRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(StaffRole::parse("admin"), None);
    }

    #[test]
    fn home_prefers_the_staff_home_and_needs_a_relationship() {
        let cases = [
            (Some(StaffRole::Leader), false, Some(Home::Leader)),
            (Some(StaffRole::Teacher), true, Some(Home::Teacher)),
            (Some(StaffRole::Office), false, Some(Home::Teacher)),
            (None, true, Some(Home::Parent)),
            (None, false, None),
        ];
        for (role, children, want) in cases {
            assert_eq!(Home::for_adult(role, children), want, "{role:?} {children}");
        }
    }
}
