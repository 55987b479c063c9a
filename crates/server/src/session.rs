//! Authentication: the session cookie, starting and ending sessions, and the [`CurrentUser`] extractor
//! every protected handler takes. What a signed-in person may then do is decided in `authz`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hometime_domain::{PupilId, SchoolId, StaffRole, UserId};
use hometime_store::{Pupil, SessionSubject, User};

use crate::error::{AppError, AppResult};
use crate::secrets::{digest, new_token};
use crate::state::AppState;

pub const COOKIE_NAME: &str = "hometime_session";

/// Skip rewriting `last_seen_at` on every request: once a minute is precise enough for idle expiry.
const TOUCH_EVERY_MS: i64 = 60_000;

/// An adult who is signed in, with their staff role if they work at a school.
#[derive(Clone, Debug)]
pub struct Adult {
    pub user: User,
    /// Where they work and as what; empty for parents who are not staff.
    pub staff: Vec<(SchoolId, StaffRole)>,
}

impl Adult {
    pub fn id(&self) -> UserId {
        self.user.id
    }

    /// Their school and role, if they are staff (the first school, for the rare person at several).
    pub fn staff_role(&self) -> Option<(SchoolId, StaffRole)> {
        self.staff.first().copied()
    }
}

/// Who the session belongs to.
#[derive(Clone, Debug)]
pub enum CurrentUser {
    Adult(Adult),
    Pupil(Box<Pupil>),
}

impl CurrentUser {
    pub fn pupil_id(&self) -> Option<PupilId> {
        match self {
            CurrentUser::Pupil(p) => Some(p.id),
            CurrentUser::Adult(_) => None,
        }
    }
}

/// The session token from the request's cookie, if there is one.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let token = token_from(&parts.headers).ok_or_else(AppError::unauthenticated)?;
        let now = state.now();
        let session = state
            .store
            .session(&digest(&token), now)
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        if now - session.last_seen_at >= TOUCH_EVERY_MS {
            state.store.touch_session(session.id, now).await?;
        }
        match session.subject {
            SessionSubject::User(id) => {
                let user = state
                    .store
                    .user(id)
                    .await?
                    .ok_or_else(AppError::unauthenticated)?;
                let staff = state.store.staff_roles(id).await?;
                Ok(CurrentUser::Adult(Adult { user, staff }))
            }
            SessionSubject::Pupil(id) => {
                let pupil = state
                    .store
                    .pupil(id)
                    .await?
                    .ok_or_else(AppError::unauthenticated)?;
                Ok(CurrentUser::Pupil(Box::new(pupil)))
            }
        }
    }
}

/// Starts a session for `subject` and returns the `Set-Cookie` value. Any session the browser already
/// had is ended first, so a sign-in always rotates the token (no session fixation).
pub async fn start(
    state: &AppState,
    request_headers: &HeaderMap,
    subject: SessionSubject,
    is_staff: bool,
) -> AppResult<HeaderValue> {
    if let Some(old) = token_from(request_headers) {
        state.store.delete_session(&digest(&old)).await?;
    }
    let policy = state.config.sessions;
    let (idle, absolute) = match subject {
        SessionSubject::Pupil(_) => (policy.pupil_absolute, policy.pupil_absolute),
        SessionSubject::User(_) if is_staff => (policy.staff_idle, policy.staff_absolute),
        SessionSubject::User(_) => (policy.adult_idle, policy.adult_absolute),
    };
    let ms = |d: std::time::Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
    let now = state.now();
    let token = new_token();
    state
        .store
        .create_session(&digest(&token), subject, now, ms(idle), now + ms(absolute))
        .await?;
    cookie(state, &token, absolute.as_secs())
}

/// Ends the request's session, if any, and returns the `Set-Cookie` value that clears the cookie.
pub async fn end(state: &AppState, request_headers: &HeaderMap) -> AppResult<HeaderValue> {
    if let Some(token) = token_from(request_headers) {
        state.store.delete_session(&digest(&token)).await?;
    }
    cookie(state, "", 0)
}

fn cookie(state: &AppState, value: &str, max_age_secs: u64) -> AppResult<HeaderValue> {
    let secure = if state.config.https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age_secs}{secure}"
    ))
    .map_err(AppError::internal)
}

/// A response with a `Set-Cookie` header added.
pub fn with_cookie(cookie: HeaderValue, response: impl IntoResponse) -> Response {
    let mut res = response.into_response();
    res.headers_mut().append(header::SET_COOKIE, cookie);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        assert_eq!(token_from(&h), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; hometime_session=abc123 ; other=1"),
        );
        assert_eq!(token_from(&h).as_deref(), Some("abc123"));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("hometime_session="),
        );
        assert_eq!(token_from(&h), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("xhometime_session=abc"),
        );
        assert_eq!(token_from(&h), None);
    }
}
