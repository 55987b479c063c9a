//! Skills and the school's points settings: leaders define school-wide skills and the settings (initials
//! instead of avatars, needs-work points on or off, retention); a class's teacher may add class skills.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hometime_api::{
    ApiError, DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS, MAX_SKILL_NAME_CHARS,
    NewSkillRequest, PointsSettings, Skill, SkillKind,
};
use hometime_domain::{ClassId, SchoolId};
use hometime_store::PointsSettingsRow;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(school_skills, add_school_skill))
        .routes(routes!(add_class_skill))
        .routes(routes!(get_settings, put_settings))
}

pub fn skill_view(s: &hometime_store::Skill) -> Skill {
    Skill {
        id: s.id,
        name: s.name.clone(),
        kind: SkillKind::parse(&s.kind).unwrap_or(SkillKind::Positive),
        class_id: s.class(),
    }
}

/// The school's points settings, or the defaults when a leader never changed them.
pub async fn load_settings(state: &AppState, school: SchoolId) -> AppResult<PointsSettings> {
    Ok(match state.store.points_settings(school).await? {
        Some(row) => PointsSettings {
            show_initials: row.show_initials,
            needs_work_enabled: row.needs_work_enabled,
            retention_months: u32::try_from(row.retention_months)
                .unwrap_or(DEFAULT_RETENTION_MONTHS),
        },
        None => PointsSettings::default(),
    })
}

/// Checks a new skill's name and kind and records it for the school, or for one class.
async fn add_skill(
    state: &AppState,
    adult: &Adult,
    school: SchoolId,
    class: Option<ClassId>,
    body: NewSkillRequest,
) -> AppResult<(StatusCode, Json<Skill>)> {
    let name = body.name.trim();
    if name.is_empty() {
        return Err(AppError::invalid(
            "name",
            "required",
            "give the skill a name",
        ));
    }
    if name.chars().count() > MAX_SKILL_NAME_CHARS {
        return Err(AppError::invalid(
            "name",
            "too_long",
            "keep the name to 40 characters",
        ));
    }
    if name.contains(['<', '>']) {
        return Err(AppError::invalid(
            "name",
            "invalid_characters",
            "leave out the < and > characters",
        ));
    }
    if body.kind == SkillKind::NeedsWork && !load_settings(state, school).await?.needs_work_enabled
    {
        return Err(AppError::invalid(
            "kind",
            "disabled",
            "the school does not use needs-work points",
        ));
    }
    let id = state
        .store
        .insert_skill(
            school,
            class,
            name,
            body.kind.as_str(),
            Some(adult.id()),
            state.now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Skill {
            id,
            name: name.to_owned(),
            kind: body.kind,
            class_id: class,
        }),
    ))
}

/// The school-wide skills, for its staff.
#[utoipa::path(get, path = "/school/skills", tag = "points", responses(
    (status = 200, body = Vec<Skill>),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn school_skills(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<Skill>>> {
    let (_, school, _) = authz::require_staff(&user)?;
    let skills = state.store.school_skills(school).await?;
    Ok(Json(skills.iter().map(skill_view).collect()))
}

/// Adds a school-wide skill (leaders).
#[utoipa::path(post, path = "/school/skills", tag = "points", request_body = NewSkillRequest,
    responses(
        (status = 201, body = Skill),
        (status = 403, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn add_school_skill(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<NewSkillRequest>,
) -> AppResult<(StatusCode, Json<Skill>)> {
    let (adult, school) = authz::require_leader(&user)?;
    add_skill(&state, adult, school, None, body).await
}

/// Adds a skill for one class (its teacher, or a leader).
#[utoipa::path(post, path = "/classes/{id}/skills", tag = "points",
    params(("id" = i64, Path, description = "Class id")),
    request_body = NewSkillRequest,
    responses(
        (status = 201, body = Skill),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn add_class_skill(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewSkillRequest>,
) -> AppResult<(StatusCode, Json<Skill>)> {
    let (class, adult, _) = authz::can_award_in(&state, &user, ClassId(id)).await?;
    add_skill(&state, &adult, class.school_id, Some(class.id), body).await
}

/// The school's points settings, for its staff.
#[utoipa::path(get, path = "/school/points-settings", tag = "points", responses(
    (status = 200, body = PointsSettings),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn get_settings(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<PointsSettings>> {
    let (_, school, _) = authz::require_staff(&user)?;
    Ok(Json(load_settings(&state, school).await?))
}

/// Changes the school's points settings (leaders). Audited.
#[utoipa::path(put, path = "/school/points-settings", tag = "points", request_body = PointsSettings,
    responses(
        (status = 200, body = PointsSettings),
        (status = 403, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn put_settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<PointsSettings>,
) -> AppResult<Json<PointsSettings>> {
    let (adult, school) = authz::require_leader(&user)?;
    if !(1..=MAX_RETENTION_MONTHS).contains(&body.retention_months) {
        return Err(AppError::invalid(
            "retention_months",
            "out_of_range",
            "choose between 1 and 36 months",
        ));
    }
    state
        .store
        .set_points_settings(
            school,
            PointsSettingsRow {
                show_initials: body.show_initials,
                needs_work_enabled: body.needs_work_enabled,
                retention_months: i64::from(body.retention_months),
            },
        )
        .await?;
    state
        .store
        .audit(
            Some(adult.id()),
            "points_settings_changed",
            &format!("school:{school}"),
            &format!(
                r#"{{"show_initials":{},"needs_work_enabled":{},"retention_months":{}}}"#,
                body.show_initials, body.needs_work_enabled, body.retention_months
            ),
            state.now(),
        )
        .await?;
    Ok(Json(load_settings(&state, school).await?))
}
