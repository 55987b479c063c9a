//! Reusable pieces of the screens, one component per file.

pub mod app_header;
pub mod approve_adult_form;
pub mod avatar;
pub mod child_card;
pub mod class_card;
pub mod class_code_panel;
pub mod class_view;
pub mod error_notice;
pub mod guard;
pub mod invite_parent_button;
pub mod join_form;
pub mod link_child_form;
pub mod loading;
pub mod pupil_list_item;
pub mod pupil_picker;
pub mod pupil_sign_in_flow;
pub mod route_announcer;
pub mod school_overview;
pub mod school_settings_list;
pub mod sign_in_form;
pub mod sign_out_button;
pub mod teacher_classes;
pub mod text_field;
