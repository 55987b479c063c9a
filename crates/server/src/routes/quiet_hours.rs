//! `GET/PUT /me/quiet-hours`: a member of staff's own quiet window, taken out of the school's working
//! hours when families are told when to expect a reply and when the policy pack is built for them.

use axum::Json;
use axum::extract::State;
use hometime_api::{ApiError, MyQuietHours, QuietHours, UpdateQuietHours};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::AppResult;
use crate::extract::ApiJson;
use crate::messaging::SchoolConfig;
use crate::routes::school::{load_settings, refused};
use crate::session::CurrentUser;
use crate::settings;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_quiet_hours, put_quiet_hours))
}

async fn mine(
    state: &AppState,
    user: hometime_domain::UserId,
    school: hometime_domain::SchoolId,
) -> AppResult<MyQuietHours> {
    let s = load_settings(state, school).await?;
    Ok(MyQuietHours {
        quiet_hours: state
            .store
            .quiet_hours(user)
            .await?
            .map(|(start, end)| QuietHours { start, end }),
        working_start: s.working_start,
        working_end: s.working_end,
    })
}

/// The caller's quiet window, if they set one, with the school's hours it narrows.
#[utoipa::path(get, path = "/me/quiet-hours", tag = "me", responses(
    (status = 200, body = MyQuietHours),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError, description = "Not a member of staff"),
))]
async fn get_quiet_hours(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<MyQuietHours>> {
    let (adult, school, _) = authz::require_staff(&user)?;
    Ok(Json(mine(&state, adult.id(), school).await?))
}

/// Sets the caller's quiet window (`quiet_hours: null` clears it). It must change the school's hours for
/// them and leave some working time in the day.
#[utoipa::path(put, path = "/me/quiet-hours", tag = "me", request_body = UpdateQuietHours, responses(
    (status = 200, body = MyQuietHours),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError, description = "Not a member of staff"),
    (status = 422, body = ApiError, description = "`validation`, naming each refused field"),
))]
async fn put_quiet_hours(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<UpdateQuietHours>,
) -> AppResult<Json<MyQuietHours>> {
    let (adult, school, _) = authz::require_staff(&user)?;
    match &body.quiet_hours {
        Some(q) => {
            let config = SchoolConfig::load(&state, school).await?;
            let problems = settings::check_quiet(q, &config.hours);
            if !problems.is_empty() {
                return Err(refused(problems));
            }
            state
                .store
                .set_quiet_hours(adult.id(), Some((&q.start, &q.end)))
                .await?;
        }
        None => state.store.set_quiet_hours(adult.id(), None).await?,
    }
    Ok(Json(mine(&state, adult.id(), school).await?))
}
