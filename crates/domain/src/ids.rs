//! Typed ids, so a pupil id can never be passed where a class id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        // Lets the store read ids straight from integer columns.
        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// A school (one row per school; a trust has several).
    SchoolId
);
typed_id!(
    /// A class (form group) within a school.
    ClassId
);
typed_id!(
    /// A pupil. Pupils are not users: they sign in by class code and have no e-mail or password.
    PupilId
);
typed_id!(
    /// An adult account: a parent or carer, a member of staff, or both.
    UserId
);
typed_id!(
    /// A skill points are awarded for (school-wide, or added by a teacher for one class).
    SkillId
);
typed_id!(
    /// One awarded point.
    PointId
);
typed_id!(
    /// A post on the School Story or a Class Story.
    StoryId
);
typed_id!(
    /// A stored photo (on a story, or sent privately in a thread).
    PhotoId
);
typed_id!(
    /// A comment on a story.
    CommentId
);
