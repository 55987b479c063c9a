//! The school's settings (staff) and the leader's overview.

use axum::Json;
use axum::extract::State;
use hometime_api::{ApiError, SchoolOverview, SchoolSettings};
use hometime_domain::SchoolId;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::routes::class_summary;
use crate::session::CurrentUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(settings))
        .routes(routes!(overview))
}

/// The stored settings JSON (the policy pack's `school` object); fields the API does not show are ignored.
#[derive(Deserialize, Default)]
#[serde(default)]
struct StoredSettings {
    timezone: String,
    office_phone: String,
    office_email: String,
    office_contact_name: String,
    nursing_team_phone: String,
    dsl: String,
    safeguarding_system: String,
    working_hours: WorkingHours,
    response_expectation: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WorkingHours {
    days: Vec<String>,
    start: String,
    end: String,
}

async fn load_settings(state: &AppState, school: SchoolId) -> AppResult<SchoolSettings> {
    let row = state
        .store
        .school(school)
        .await?
        .ok_or_else(AppError::not_found)?;
    let s: StoredSettings = serde_json::from_str(&row.settings).map_err(AppError::internal)?;
    Ok(SchoolSettings {
        name: row.name,
        timezone: s.timezone,
        office_phone: s.office_phone,
        office_email: s.office_email,
        office_contact_name: s.office_contact_name,
        nursing_team_phone: s.nursing_team_phone,
        dsl: s.dsl,
        safeguarding_system: s.safeguarding_system,
        working_days: s.working_hours.days,
        working_start: s.working_hours.start,
        working_end: s.working_hours.end,
        response_expectation: s.response_expectation,
    })
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
