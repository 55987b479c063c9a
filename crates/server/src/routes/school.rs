//! The school's settings (staff read them, leaders change them) and the leader's overview.
//!
//! Only leaders change settings. The office keeps the contact details current in practice, but the same
//! form decides safeguarding contacts, who may message families and whether parents see read receipts:
//! school policy, which the leadership owns. The office asks a leader, as it does for extra adults.

use axum::Json;
use axum::extract::State;
use hometime_api::{ApiError, SchoolOverview, SchoolSettings, UpdateSchoolSettings};
use hometime_domain::SchoolId;
use serde_json::{Value, json};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::routes::class_summary;
use crate::session::CurrentUser;
use crate::settings;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(settings))
        .routes(routes!(update_settings))
        .routes(routes!(overview))
}

/// The school's settings as the API shows them.
pub async fn load_settings(state: &AppState, school: SchoolId) -> AppResult<SchoolSettings> {
    let row = state
        .store
        .school(school)
        .await?
        .ok_or_else(AppError::not_found)?;
    settings::read(row.name, &row.settings).map_err(AppError::internal)
}

/// A 422 naming every refused field.
pub fn refused(problems: Vec<settings::Problem>) -> AppError {
    let mut err = AppError::validation();
    for p in problems {
        err = err.with_field(&p.field, p.code, &p.message);
    }
    err
}

/// The school's contacts and policy settings, for its staff.
#[utoipa::path(get, path = "/school", tag = "school", responses(
    (status = 200, body = SchoolSettings),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn settings(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<SchoolSettings>> {
    let (_, school, _) = authz::require_staff(&user)?;
    Ok(Json(load_settings(&state, school).await?))
}

/// The leader's home figures: settings, classes, and counts of pupils, linked parents and staff.
#[utoipa::path(get, path = "/school/overview", tag = "school", responses(
    (status = 200, body = SchoolOverview),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<SchoolOverview>> {
    let (_, school) = authz::require_leader(&user)?;
    let classes = state.store.classes_of_school(school).await?;
    Ok(Json(SchoolOverview {
        settings: load_settings(&state, school).await?,
        classes: classes.iter().map(class_summary).collect(),
        pupil_count: state.store.pupil_count(school).await?,
        linked_parent_count: state.store.linked_parent_count(school).await?,
        staff_count: state.store.staff_count(school).await?,
    }))
}

/// Changes every school setting at once (leaders). Each invalid field is named in a 422 and nothing is
/// saved; the audit trail records which keys changed, never their values. Messaging and the policy pack
/// read the settings on every request, so the change applies at once.
#[utoipa::path(put, path = "/school/settings", tag = "school", request_body = UpdateSchoolSettings,
    responses(
        (status = 200, body = SchoolSettings),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 422, body = ApiError, description = "`validation`, naming each refused field"),
    ))]
async fn update_settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<UpdateSchoolSettings>,
) -> AppResult<Json<SchoolSettings>> {
    let (adult, school) = authz::require_leader(&user)?;
    let problems = settings::check(&body);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let row = state
        .store
        .school(school)
        .await?
        .ok_or_else(AppError::not_found)?;
    let before = settings::read(row.name.clone(), &row.settings).map_err(AppError::internal)?;
    let mut raw: Value = serde_json::from_str(&row.settings).map_err(AppError::internal)?;
    settings::apply(&mut raw, &body);
    let after = settings::read(row.name, &raw.to_string()).map_err(AppError::internal)?;
    let changed = settings::changed_keys(&before, &after);
    if !changed.is_empty() {
        state
            .store
            .set_school_settings(school, &raw.to_string())
            .await?;
        state
            .store
            .audit(
                Some(adult.id()),
                "school_settings_changed",
                &format!("school:{school}"),
                &json!({ "changed": changed }).to_string(),
                state.now(),
            )
            .await?;
    }
    Ok(Json(after))
}
