//! Adult sign-in and sign-out, and joining with an invite (a new parent account linked to one pupil).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use hometime_api::{ApiError, ErrorCode, JoinRequest, LoginRequest, Me};
use hometime_domain::{DisplayName, Email, InviteCode, Password, ValueError};
use hometime_store::{NewUser, SessionSubject, StoreError};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{AppError, AppResult, Validation};
use crate::extract::{ApiJson, ClientIp};
use crate::rate_limit::{Attempt, Form};
use crate::routes::me::{invite_invalid, me_of};
use crate::secrets::{digest, hash_password, verify_password};
use crate::session::{self, Adult, CurrentUser, with_cookie};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(join))
}

/// Signs in a member of staff or a parent with e-mail and password, and sets the session cookie.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = Me, description = "Signed in; the session cookie is set"),
    (status = 401, body = ApiError, description = "`invalid_credentials`"),
    (status = 422, body = ApiError),
    (status = 429, body = ApiError, description = "`rate_limited`, with `Retry-After`"),
))]
async fn login(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    // Anyone may try to sign in; the attempt limits below are the protection.
    let mut v = Validation::new();
    let email = v.check("email", Email::parse(&body.email));
    if body.password.is_empty() {
        v.field("password", ValueError::Required);
    } else if body.password.chars().count() > 1024 {
        v.field("password", ValueError::TooLong);
    }
    v.finish()?;
    let Some(email) = email else {
        return Err(AppError::internal("validated e-mail missing"));
    };

    let attempt = Attempt::new(&state, Form::Login, Some(email.as_str()), &ip);
    attempt.check(&state).await?;
    let user = state.store.user_by_email(&email).await?;
    // Verify against a dummy hash for unknown e-mails, so both failures take the same time.
    let hash = user
        .as_ref()
        .map_or_else(|| state.dummy_hash.to_string(), |u| u.password_hash.clone());
    let ok = verify_password(body.password, hash).await?;
    let Some(user) = user.filter(|_| ok) else {
        attempt.failed(&state).await?;
        return Err(AppError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            "That e-mail address and password don't match an account.",
        ));
    };

    let staff = state.store.staff_roles(user.id).await?;
    let cookie = session::start(
        &state,
        &headers,
        SessionSubject::User(user.id),
        !staff.is_empty(),
    )
    .await?;
    let current = CurrentUser::Adult(Adult { user, staff });
    Ok(with_cookie(cookie, Json(me_of(&state, &current).await?)))
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses(
    (status = 204, description = "Signed out"),
    (status = 401, body = ApiError),
))]
async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    _user: CurrentUser,
) -> AppResult<Response> {
    // Any session may end itself, pupils included.
    let cookie = session::end(&state, &headers).await?;
    Ok(with_cookie(cookie, StatusCode::NO_CONTENT))
}

/// Creates a parent or carer account from an invite code, links it to the invite's pupil and signs in.
#[utoipa::path(post, path = "/auth/join", tag = "auth", request_body = JoinRequest, responses(
    (status = 201, body = Me, description = "Account created and signed in"),
    (status = 400, body = ApiError, description = "`invite_invalid`"),
    (status = 409, body = ApiError, description = "`email_taken` or `guardian_limit`"),
    (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
async fn join(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<JoinRequest>,
) -> AppResult<Response> {
    // Anyone holding an invite may join; the invite itself is the permission.
    let mut v = Validation::new();
    let code = v.check("invite_code", InviteCode::parse(&body.invite_code));
    let name = v.check("display_name", DisplayName::parse(&body.display_name));
    let email = v.check("email", Email::parse(&body.email));
    let password = v.check("password", Password::parse(&body.password));
    v.finish()?;
    let (Some(code), Some(name), Some(email), Some(password)) = (code, name, email, password)
    else {
        return Err(AppError::internal("validated join fields missing"));
    };

    let attempt = Attempt::new(&state, Form::Join, Some(email.as_str()), &ip);
    attempt.check(&state).await?;
    let hash = hash_password(password.expose().to_owned(), state.config.password).await?;
    let new_user = NewUser {
        email: &email,
        display_name: &name,
        password_hash: &hash,
    };
    let redeemed = match state
        .store
        .redeem_invite_as_new_user(&digest(code.as_str()), &new_user, state.now())
        .await
    {
        Ok(r) => r,
        Err(StoreError::InviteInvalid) => {
            attempt.failed(&state).await?;
            return Err(invite_invalid());
        }
        Err(StoreError::EmailTaken) => {
            // Counted, since it tells the caller an account exists.
            attempt.failed(&state).await?;
            return Err(AppError::new(
                StatusCode::CONFLICT,
                ErrorCode::EmailTaken,
                "An account with this e-mail address already exists. Sign in, then add this child with \
                 the invite code.",
            )
            .with_field("email", "email_taken", "an account with this e-mail already exists"));
        }
        Err(StoreError::GuardianLimit) => return Err(AppError::guardian_limit()),
        Err(e) => return Err(e.into()),
    };
    state
        .store
        .audit(
            Some(redeemed.user_id),
            "guardian_linked",
            &format!("pupil:{}", redeemed.pupil_id),
            "{\"via\":\"join\"}",
            state.now(),
        )
        .await?;
    let cookie = session::start(
        &state,
        &headers,
        SessionSubject::User(redeemed.user_id),
        false,
    )
    .await?;
    let user = state
        .store
        .user(redeemed.user_id)
        .await?
        .ok_or_else(|| AppError::internal("new account missing"))?;
    let current = CurrentUser::Adult(Adult {
        user,
        staff: Vec::new(),
    });
    Ok(with_cookie(
        cookie,
        (StatusCode::CREATED, Json(me_of(&state, &current).await?)),
    ))
}
