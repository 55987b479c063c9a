//! `PUT /pupil/avatar`: a pupil changes their own monster. Only parts the app can draw and `#rrggbb`
//! colours are accepted, so a stored avatar always draws.

use axum::Json;
use axum::extract::State;
use hometime_api::{ApiError, Avatar};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::session::CurrentUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(put_avatar))
}

/// Saves the signed-in pupil's avatar and returns it.
#[utoipa::path(put, path = "/pupil/avatar", tag = "pupil", request_body = Avatar,
    responses(
        (status = 200, body = Avatar),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError, description = "Not a pupil session"),
        (status = 422, body = ApiError, description = "An unknown part or a colour that is not #rrggbb"),
    ))]
async fn put_avatar(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<Avatar>,
) -> AppResult<Json<Avatar>> {
    let pupil = authz::require_pupil(&user)?;
    if let Err(field) = body.check() {
        return Err(AppError::invalid(
            field,
            "out_of_range",
            "pick one of the monster parts shown",
        ));
    }
    let json = serde_json::to_string(&body).map_err(AppError::internal)?;
    state.store.set_avatar(pupil.id, &json).await?;
    Ok(Json(body))
}
