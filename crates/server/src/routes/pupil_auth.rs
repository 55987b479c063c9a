//! Pupil sign-in: the teacher opens a class code; a pupil types it, sees their class's first names and
//! avatars, and taps their own to start a pupil session.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use hometime_api::{
    ApiError, ClassCodeRequest, ErrorCode, Me, PupilChoice, PupilChoices, PupilPickRequest,
};
use hometime_domain::{ClassCode, ClassId};
use hometime_store::SessionSubject;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ClientIp};
use crate::rate_limit::{Attempt, Form};
use crate::routes::avatar;
use crate::routes::me::me_of;
use crate::secrets::digest;
use crate::session::{self, CurrentUser, with_cookie};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(class_code))
        .routes(routes!(pick))
}

fn code_invalid() -> AppError {
    AppError::new(
        StatusCode::BAD_REQUEST,
        ErrorCode::ClassCodeInvalid,
        "That code isn't open. Check it with your teacher.",
    )
}

/// The class whose open code this is, counting a wrong guess against the attempt limits.
async fn open_class(state: &AppState, attempt: &Attempt, code: &ClassCode) -> AppResult<ClassId> {
    attempt.check(state).await?;
    match state
        .store
        .class_for_code(&digest(code.as_str()), state.now())
        .await?
    {
        Some(class) => Ok(class),
        None => {
            attempt.failed(state).await?;
            Err(code_invalid())
        }
    }
}

/// Checks a class code and lists the class's pupils to choose from (first names and avatars only).
#[utoipa::path(post, path = "/pupil-auth/class", tag = "pupil-auth", request_body = ClassCodeRequest, responses(
    (status = 200, body = PupilChoices),
    (status = 400, body = ApiError, description = "`class_code_invalid`: unknown, closed or expired"),
    (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
async fn class_code(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiJson(body): ApiJson<ClassCodeRequest>,
) -> AppResult<Json<PupilChoices>> {
    // Anyone in the classroom may type the code; holding an open code is the permission.
    let code = ClassCode::parse(&body.code).map_err(|e| AppError::invalid_field("code", e))?;
    let attempt = Attempt::new(&state, Form::ClassCode, None, &ip);
    let class_id = open_class(&state, &attempt, &code).await?;
    let class = state
        .store
        .class(class_id)
        .await?
        .ok_or_else(code_invalid)?;
    let mut pupils: Vec<PupilChoice> = state
        .store
        .pupils_in_class(class_id)
        .await?
        .into_iter()
        .map(|p| PupilChoice {
            id: p.id,
            name: p.preferred_name,
            avatar: avatar(&p.avatar),
        })
        .collect();
    // Young children find their name faster alphabetically by the name they use.
    pupils.sort_by_key(|p| p.name.to_lowercase());
    Ok(Json(PupilChoices {
        class_name: class.name,
        pupils,
    }))
}

/// Starts a pupil session for the chosen pupil while the class code is open.
#[utoipa::path(post, path = "/pupil-auth/pick", tag = "pupil-auth", request_body = PupilPickRequest, responses(
    (status = 200, body = Me, description = "Signed in as the pupil; the session cookie is set"),
    (status = 400, body = ApiError, description = "`class_code_invalid`"),
    (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
async fn pick(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PupilPickRequest>,
) -> AppResult<Response> {
    // The open code is the permission, and the pupil must be in that code's class.
    let code = ClassCode::parse(&body.code).map_err(|e| AppError::invalid_field("code", e))?;
    let attempt = Attempt::new(&state, Form::Pick, Some(&body.pupil_id.to_string()), &ip);
    let class_id = open_class(&state, &attempt, &code).await?;
    let pupil = match state.store.pupil(body.pupil_id).await? {
        Some(p) if p.class_id == class_id => p,
        _ => {
            attempt.failed(&state).await?;
            return Err(code_invalid());
        }
    };
    let cookie = session::start(&state, &headers, SessionSubject::Pupil(pupil.id), false).await?;
    let me = me_of(&state, &CurrentUser::Pupil(Box::new(pupil))).await?;
    Ok(with_cookie(cookie, Json(me)))
}
