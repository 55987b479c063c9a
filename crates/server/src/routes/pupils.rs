//! Per-pupil staff actions: issuing a parent invite, and a leader allowing one more linked adult.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hometime_api::{ApiError, ApproveExtraAdultRequest, InviteCreated};
use hometime_domain::{InviteCode, PupilId, ValueError};
use hometime_store::StoreError;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::secrets::store_new_code;
use crate::session::CurrentUser;
use crate::state::AppState;

/// How long an invite letter's code stays valid.
const INVITE_DAYS: i64 = 14;
const MAX_REASON_CHARS: usize = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_invite))
        .routes(routes!(approve_extra_adult))
}

/// Issues a single-use invite code (valid 14 days) for one adult to link to this pupil.
#[utoipa::path(post, path = "/pupils/{id}/invites", tag = "pupils",
    params(("id" = i64, Path, description = "Pupil id")),
    responses(
        (status = 201, body = InviteCreated),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "`guardian_limit`: the pupil already has its allowed adults"),
    ))]
async fn create_invite(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<(StatusCode, Json<InviteCreated>)> {
    let (pupil, adult) = authz::can_invite_for(&state, &user, PupilId(id)).await?;
    let now = state.now();
    let expires_at = now + INVITE_DAYS * 24 * 3_600_000;
    let (store, by) = (&state.store, adult.id());
    let refused = |e| match e {
        StoreError::GuardianLimit => AppError::guardian_limit(),
        e => AppError::from(e),
    };
    let code: InviteCode = store_new_code(refused, |hash| async move {
        store
            .create_invite(pupil.id, &hash, by, now, expires_at)
            .await
    })
    .await?;
    state
        .store
        .audit(
            Some(adult.id()),
            "invite_created",
            &format!("pupil:{}", pupil.id),
            "{}",
            now,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(InviteCreated {
            code: code.display(),
            expires_at: rfc3339(expires_at),
        }),
    ))
}

/// Allows this pupil one more linked adult than the usual two (leaders only; the reason is kept).
#[utoipa::path(post, path = "/pupils/{id}/adult-approvals", tag = "pupils",
    params(("id" = i64, Path, description = "Pupil id")),
    request_body = ApproveExtraAdultRequest,
    responses(
        (status = 204, description = "The pupil's limit of linked adults went up by one"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn approve_extra_adult(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ApproveExtraAdultRequest>,
) -> AppResult<StatusCode> {
    let (pupil, leader) = authz::can_approve_adults_for(&state, &user, PupilId(id)).await?;
    let reason = body.reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid_field("reason", ValueError::Required));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::invalid_field("reason", ValueError::TooLong));
    }
    let now = state.now();
    state
        .store
        .approve_extra_adult(pupil.id, leader.id(), reason, now)
        .await?;
    // The reason stays in the approvals table; the audit entry records only who, what and when.
    state
        .store
        .audit(
            Some(leader.id()),
            "adult_limit_raised",
            &format!("pupil:{}", pupil.id),
            "{}",
            now,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
