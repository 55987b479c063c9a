//! Classes for staff: the list, one class with its pupils, and opening or closing its pupil sign-in code.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hometime_api::{
    ApiError, ClassCodeOpened, ClassDetail, ClassSummary, OpenClassCodeRequest, ParentBrief,
    PupilRow,
};
use hometime_domain::{ClassCode, ClassId, PupilId};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::routes::{avatar, class_summary};
use crate::secrets::store_new_code;
use crate::session::CurrentUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(detail))
        .routes(routes!(open_code, close_code))
}

/// The classes the caller works with: the ones they teach, or every class for leaders and the office.
#[utoipa::path(get, path = "/classes", tag = "classes", responses(
    (status = 200, body = Vec<ClassSummary>),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<ClassSummary>>> {
    let (adult, school, role) = authz::require_staff(&user)?;
    let classes = if role.manages_school() {
        state.store.classes_of_school(school).await?
    } else {
        state
            .store
            .classes_taught_by(adult.id(), state.now())
            .await?
    };
    Ok(Json(classes.iter().map(class_summary).collect()))
}

/// One class with its pupils, for its teacher, leaders and the office.
#[utoipa::path(get, path = "/classes/{id}", tag = "classes",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 200, body = ClassDetail),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<ClassDetail>> {
    let class = authz::can_view_class(&state, &user, ClassId(id)).await?;
    let mut parents: HashMap<PupilId, Vec<ParentBrief>> = HashMap::new();
    for (pupil, id, name) in state.store.guardians_in_class(class.id).await? {
        parents
            .entry(pupil)
            .or_default()
            .push(ParentBrief { id, name });
    }
    let pupils = state
        .store
        .pupils_in_class(class.id)
        .await?
        .into_iter()
        .map(|p| PupilRow {
            id: p.id,
            class_id: p.class_id,
            first_name: p.first_name,
            surname: p.surname,
            preferred_name: p.preferred_name,
            avatar: avatar(&p.avatar),
            linked_adults: p.linked_adults,
            adult_limit: p.adult_limit,
            parents: parents.remove(&p.id).unwrap_or_default(),
        })
        .collect();
    Ok(Json(ClassDetail {
        class: class_summary(&class),
        pupils,
        // Only a hash of an open code is stored, so the code itself is shown once, when it is opened.
        open_code: None,
    }))
}

/// Opens a pupil sign-in code for the class, for 1 to 60 minutes (closing any code already open).
#[utoipa::path(post, path = "/classes/{id}/pupil-code", tag = "classes",
    params(("id" = i64, Path, description = "Class id")),
    request_body = OpenClassCodeRequest,
    responses(
        (status = 200, body = ClassCodeOpened),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn open_code(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
    ApiJson(body): ApiJson<OpenClassCodeRequest>,
) -> AppResult<Json<ClassCodeOpened>> {
    let (class, adult) = authz::can_run_class_code(&state, &user, ClassId(id)).await?;
    if !(1..=60).contains(&body.minutes) {
        return Err(AppError::invalid(
            "minutes",
            "out_of_range",
            "choose between 1 and 60 minutes",
        ));
    }
    let now = state.now();
    let expires_at = now + i64::from(body.minutes) * 60_000;
    let (store, by) = (&state.store, adult.id());
    let code: ClassCode = store_new_code(AppError::from, |hash| async move {
        store
            .open_class_code(class.id, &hash, by, now, expires_at)
            .await
    })
    .await?;
    Ok(Json(ClassCodeOpened {
        code: code.display(),
        expires_at: rfc3339(expires_at),
    }))
}

/// Closes the class's pupil sign-in code now.
#[utoipa::path(delete, path = "/classes/{id}/pupil-code", tag = "classes",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 204, description = "Closed"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn close_code(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    let (class, _) = authz::can_run_class_code(&state, &user, ClassId(id)).await?;
    state.store.close_class_codes(class.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
