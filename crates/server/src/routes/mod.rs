//! The API's resources, one module each with its own `router()`, and the conversions from store rows to
//! wire types they share.

pub mod auth;
pub mod avatar;
pub mod chat;
pub mod classes;
pub mod consent;
pub mod events;
pub mod export;
pub mod health;
pub mod me;
pub mod photos;
pub mod points;
pub mod pupil_auth;
pub mod pupils;
pub mod quiet_hours;
pub mod school;
pub mod skills;
pub mod stories;
pub mod thread_photos;
pub mod threads;

use hometime_api::{Avatar, ClassSummary};
use hometime_store::Class;

/// A stored avatar; a damaged one shows as the default monster rather than failing the page.
pub fn avatar(json: &str) -> Avatar {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn class_summary(c: &Class) -> ClassSummary {
    ClassSummary {
        id: c.id,
        name: c.name.clone(),
        year_group: c.year_group,
        pupil_count: c.pupil_count,
        teacher_name: c.teacher_name.clone(),
    }
}
