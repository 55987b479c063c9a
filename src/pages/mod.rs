//! One component per screen of the app; each is a route in [`crate::App`].

pub mod class;
pub mod class_chat;
pub mod consent;
pub mod inbox;
pub mod join;
pub mod leader_home;
pub mod messages;
pub mod not_found;
pub mod parent_home;
pub mod points_class;
pub mod points_display;
pub mod pupil_avatar;
pub mod pupil_home;
pub mod pupil_sign_in;
pub mod root;
pub mod sign_in;
pub mod stories;
pub mod teacher_home;
pub mod thread;
