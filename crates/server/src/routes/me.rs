//! `GET /me` (who is signed in, and what their home screen shows) and `POST /me/children` (a parent links
//! another child with an invite code).

use axum::Json;
use axum::extract::State;
use hometime_api::{ApiError, ChildSummary, LinkChildRequest, Me, PupilSelf, SchoolBrief};
use hometime_domain::{Home, InviteCode, SchoolId, StaffRole};
use hometime_store::StoreError;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ClientIp};
use crate::rate_limit::{Attempt, Form};
use crate::routes::{avatar, class_summary};
use crate::secrets::digest;
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(link_child))
}

/// Who is signed in: their home screen, school, children (parents) and classes (staff).
#[utoipa::path(get, path = "/me", tag = "me", responses(
    (status = 200, body = Me),
    (status = 401, body = ApiError, description = "Not signed in"),
))]
async fn me(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Me>> {
    // Every session may read itself, pupils included.
    Ok(Json(me_of(&state, &user).await?))
}

/// Links another child to the signed-in parent or carer with an invite code.
#[utoipa::path(post, path = "/me/children", tag = "me", request_body = LinkChildRequest, responses(
    (status = 200, body = Me),
    (status = 400, body = ApiError, description = "`invite_invalid`: unknown, used or expired code"),
    (status = 403, body = ApiError),
    (status = 409, body = ApiError, description = "`guardian_limit` or `already_linked`"),
    (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
async fn link_child(
    State(state): State<AppState>,
    ip: ClientIp,
    user: CurrentUser,
    ApiJson(body): ApiJson<LinkChildRequest>,
) -> AppResult<Json<Me>> {
    let adult = authz::require_adult(&user)?;
    let code = InviteCode::parse(&body.invite_code)
        .map_err(|e| AppError::invalid_field("invite_code", e))?;
    let attempt = Attempt::new(&state, Form::LinkChild, Some(&adult.id().to_string()), &ip);
    attempt.check(&state).await?;
    match state
        .store
        .redeem_invite(&digest(code.as_str()), adult.id(), state.now())
        .await
    {
        Ok(pupil) => {
            state
                .store
                .audit(
                    Some(adult.id()),
                    "guardian_linked",
                    &format!("pupil:{pupil}"),
                    "{}",
                    state.now(),
                )
                .await?;
            Ok(Json(me_of(&state, &user).await?))
        }
        Err(StoreError::InviteInvalid) => {
            attempt.failed(&state).await?;
            Err(invite_invalid())
        }
        Err(StoreError::GuardianLimit) => Err(AppError::guardian_limit()),
        Err(StoreError::AlreadyLinked) => Err(AppError::new(
            axum::http::StatusCode::CONFLICT,
            hometime_api::ErrorCode::AlreadyLinked,
            "You are already linked to this child.",
        )),
        Err(e) => Err(e.into()),
    }
}

pub fn invite_invalid() -> AppError {
    AppError::new(
        axum::http::StatusCode::BAD_REQUEST,
        hometime_api::ErrorCode::InviteInvalid,
        "That invite code isn't valid: it may be mistyped, already used or expired. Please check it, or ask \
         the school for a new one.",
    )
}

/// Builds `Me` for any session.
pub async fn me_of(state: &AppState, user: &CurrentUser) -> AppResult<Me> {
    match user {
        CurrentUser::Pupil(p) => {
            let school = school_brief(state, p.school_id).await?;
            let class = state
                .store
                .class(p.class_id)
                .await?
                .ok_or_else(AppError::unauthenticated)?;
            Ok(Me {
                home: Home::Pupil,
                display_name: p.preferred_name.clone(),
                school,
                user_id: None,
                staff_role: None,
                children: Vec::new(),
                classes: Vec::new(),
                pupil: Some(PupilSelf {
                    id: p.id,
                    name: p.preferred_name.clone(),
                    class_name: class.name,
                    avatar: avatar(&p.avatar),
                }),
            })
        }
        CurrentUser::Adult(adult) => adult_me(state, adult).await,
    }
}

async fn adult_me(state: &AppState, adult: &Adult) -> AppResult<Me> {
    let children = state.store.children_of(adult.id()).await?;
    let staff = adult.staff_role();
    let classes = match staff {
        Some((school, StaffRole::Leader | StaffRole::Office)) => {
            state.store.classes_of_school(school).await?
        }
        Some(_) => {
            state
                .store
                .classes_taught_by(adult.id(), state.now())
                .await?
        }
        None => Vec::new(),
    };
    let school_id = staff
        .map(|(s, _)| s)
        .or_else(|| children.first().map(|c| c.school_id))
        .ok_or_else(|| {
            AppError::new(
                axum::http::StatusCode::FORBIDDEN,
                hometime_api::ErrorCode::Forbidden,
                "Your account is not linked to a school yet. Please use the invite code from your \
                 child's school.",
            )
        })?;
    Ok(Me {
        home: Home::for_adult(staff.map(|(_, r)| r), !children.is_empty()).unwrap_or(Home::Parent),
        display_name: adult.user.display_name.clone(),
        school: school_brief(state, school_id).await?,
        user_id: Some(adult.id()),
        staff_role: staff.map(|(_, r)| r),
        children: children
            .iter()
            .map(|c| ChildSummary {
                id: c.id,
                name: c.preferred_name.clone(),
                class_id: c.class_id,
                class_name: c.class_name.clone(),
                teacher_name: c.teacher_name.clone(),
                avatar: avatar(&c.avatar),
            })
            .collect(),
        classes: classes.iter().map(class_summary).collect(),
        pupil: None,
    })
}

async fn school_brief(state: &AppState, id: SchoolId) -> AppResult<SchoolBrief> {
    let school = state
        .store
        .school(id)
        .await?
        .ok_or_else(|| AppError::internal("school of a signed-in person is missing"))?;
    let show_initials = state
        .store
        .points_settings(id)
        .await?
        .is_some_and(|s| s.show_initials);
    Ok(SchoolBrief {
        id,
        name: school.name,
        show_initials,
    })
}
