//! Hometime's domain vocabulary: typed ids, roles and validated values shared by the browser and server.
//!
//! Everything here is pure (no I/O, clock or randomness) so it compiles to wasm and natively. Values with
//! invariants have private fields and a validating constructor: parse at the edge, then trust the type.

mod ids;
mod roles;
mod values;

pub use ids::{ClassId, CommentId, PhotoId, PointId, PupilId, SchoolId, SkillId, StoryId, UserId};
pub use roles::{Home, StaffRole};
pub use values::{
    CODE_ALPHABET, ClassCode, DisplayName, Email, InviteCode, MAX_DISPLAY_NAME_CHARS,
    MIN_PASSWORD_CHARS, Password, ValueError,
};
