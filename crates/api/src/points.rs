//! Points and avatars: skills, awarding and undoing points, what pupils, parents and staff see of them, the
//! class display, the school's points settings, and the pupil's own avatar.

use hometime_domain::{ClassId, PointId, PupilId, SkillId};
use hometime_policy::RuleId;
use serde::{Deserialize, Serialize};

use crate::Avatar;

/// The longest note a teacher may add to a point, in characters.
pub const MAX_NOTE_CHARS: usize = 200;
/// The longest skill name, in characters.
pub const MAX_SKILL_NAME_CHARS: usize = 40;
/// How long the awarding teacher may undo a point, in seconds.
pub const UNDO_WINDOW_SECS: u64 = 10;
/// The default retention period of points, in months.
pub const DEFAULT_RETENTION_MONTHS: u32 = 12;
/// The longest retention period a school may set, in months.
pub const MAX_RETENTION_MONTHS: u32 = 36;
/// How many body shapes, eyes, mouths and accessories the app draws; a stored avatar stays within them.
pub const AVATAR_BODIES: u8 = 4;
pub const AVATAR_EYES: u8 = 4;
pub const AVATAR_MOUTHS: u8 = 4;
pub const AVATAR_ACCESSORIES: u8 = 5;

impl Avatar {
    /// Checks every part is one the app can draw and the colour is `#rrggbb`. Returns the name of the first
    /// field that is not.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.body >= AVATAR_BODIES {
            return Err("body");
        }
        if self.eyes >= AVATAR_EYES {
            return Err("eyes");
        }
        if self.mouth >= AVATAR_MOUTHS {
            return Err("mouth");
        }
        if self.accessory >= AVATAR_ACCESSORIES {
            return Err("accessory");
        }
        if !is_hex_colour(&self.colour) {
            return Err("colour");
        }
        Ok(())
    }
}

/// Whether `s` is a plain `#rrggbb` colour (the only shape that is ever painted into SVG).
pub fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Whether a skill rewards something (positive) or records something to work on (needs work).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    Positive,
    NeedsWork,
}

impl SkillKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SkillKind::Positive => "positive",
            SkillKind::NeedsWork => "needs_work",
        }
    }

    pub fn parse(s: &str) -> Option<SkillKind> {
        match s {
            "positive" => Some(SkillKind::Positive),
            "needs_work" => Some(SkillKind::NeedsWork),
            _ => None,
        }
    }
}

/// A skill points are given for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Skill {
    pub id: SkillId,
    pub name: String,
    pub kind: SkillKind,
    /// Set for a class skill; `None` for a school-wide one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_id: Option<ClassId>,
}

/// `POST /school/skills` (leaders) and `POST /classes/{id}/skills` (the class's teacher).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSkillRequest {
    /// 1 to [`MAX_SKILL_NAME_CHARS`] characters.
    pub name: String,
    pub kind: SkillKind,
}

/// A pupil on the teacher's points grid: avatar, name and totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilTally {
    pub id: PupilId,
    /// The pupil's preferred first name.
    pub name: String,
    pub avatar: Avatar,
    pub positive: u32,
    pub needs_work: u32,
}

/// `GET /classes/{id}/points`: the teacher's grid of the class, with the skills that can be awarded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassPoints {
    pub class_id: ClassId,
    pub class_name: String,
    /// School-wide skills first, then the class's own; needs-work skills only when the school uses them.
    pub skills: Vec<Skill>,
    pub pupils: Vec<PupilTally>,
    /// Whether the caller may award points here (the class's teacher or a leader; the office only looks).
    pub can_award: bool,
    pub settings: PointsSettings,
}

/// `POST /classes/{id}/points`: one skill to one or more pupils of the class, with an optional note.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AwardRequest {
    /// One or more pupils of the class; all get the point or none does.
    pub pupil_ids: Vec<PupilId>,
    pub skill_id: SkillId,
    /// Up to [`MAX_NOTE_CHARS`] characters, seen by each pupil's family. Checked by the policy engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Warnings about the note the teacher chose to keep. Blocks cannot be acknowledged.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub acknowledged: Vec<RuleId>,
}

/// A point as staff and families see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointView {
    pub id: PointId,
    pub pupil_id: PupilId,
    pub skill_id: SkillId,
    pub skill_name: String,
    pub kind: SkillKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who gave it ("Mr Daly").
    pub awarded_by: String,
    /// RFC 3339, UTC.
    pub awarded_at: String,
}

/// `POST /classes/{id}/points` answer (201): the new points, and until when they can be undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Awarded {
    pub points: Vec<PointView>,
    /// RFC 3339, UTC: `DELETE /points/{id}` works until then, for the teacher who gave them.
    pub undo_until: String,
}

/// `GET /pupils/{id}/points`: one pupil's points for their family and for staff, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilPoints {
    pub pupil_id: PupilId,
    pub name: String,
    pub avatar: Avatar,
    pub positive: u32,
    pub needs_work: u32,
    pub points: Vec<PointView>,
}

/// A recent positive point, as the pupil sees it: the skill and when, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnPoint {
    pub skill_name: String,
    /// RFC 3339, UTC.
    pub awarded_at: String,
}

/// `GET /pupil/points`: a pupil's own avatar, positive total and recent positive points. Needs-work
/// points and notes are for the family and staff, never shown on the pupil's screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnPoints {
    pub name: String,
    pub avatar: Avatar,
    pub positive: u32,
    pub recent: Vec<OwnPoint>,
    /// Whether the school shows initials instead of avatars.
    pub show_initials: bool,
}

/// A pupil on the class display: first name, avatar and positive total only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayPupil {
    pub id: PupilId,
    pub name: String,
    pub avatar: Avatar,
    pub positive: u32,
}

/// `GET /classes/{id}/display`: the classroom board. Positive totals only, never needs-work points or notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassDisplay {
    pub class_name: String,
    pub class_total: u32,
    pub pupils: Vec<DisplayPupil>,
    pub show_initials: bool,
}

/// `GET /school/points-settings` (staff) and `PUT /school/points-settings` (leaders).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsSettings {
    /// Draw pupils' initials instead of their monsters, everywhere.
    pub show_initials: bool,
    /// Whether "needs work" skills can be awarded.
    pub needs_work_enabled: bool,
    /// Points older than this many months are deleted (1 to [`MAX_RETENTION_MONTHS`]).
    pub retention_months: u32,
}

impl Default for PointsSettings {
    fn default() -> Self {
        PointsSettings {
            show_initials: false,
            needs_work_enabled: true,
            retention_months: DEFAULT_RETENTION_MONTHS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_drawable_avatars_pass_the_check() {
        let ok = Avatar::default();
        assert_eq!(ok.check(), Ok(()));
        let cases = [
            (
                Avatar {
                    body: 4,
                    ..ok.clone()
                },
                "body",
            ),
            (
                Avatar {
                    eyes: 9,
                    ..ok.clone()
                },
                "eyes",
            ),
            (
                Avatar {
                    mouth: 4,
                    ..ok.clone()
                },
                "mouth",
            ),
            (
                Avatar {
                    accessory: 5,
                    ..ok.clone()
                },
                "accessory",
            ),
            (
                Avatar {
                    colour: "red".into(),
                    ..ok.clone()
                },
                "colour",
            ),
            (
                Avatar {
                    colour: "#12345g".into(),
                    ..ok.clone()
                },
                "colour",
            ),
            (
                Avatar {
                    colour: "#1234567".into(),
                    ..ok.clone()
                },
                "colour",
            ),
        ];
        for (a, field) in cases {
            assert_eq!(a.check(), Err(field), "{a:?}");
        }
        let last = Avatar {
            body: AVATAR_BODIES - 1,
            eyes: AVATAR_EYES - 1,
            mouth: AVATAR_MOUTHS - 1,
            accessory: AVATAR_ACCESSORIES - 1,
            colour: "#ABCDEF".into(),
        };
        assert_eq!(last.check(), Ok(()));
    }

    #[test]
    fn skill_kinds_round_trip_through_their_names() {
        for k in [SkillKind::Positive, SkillKind::NeedsWork] {
            assert_eq!(SkillKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(SkillKind::parse("negative"), None);
    }
}
