//! The one error type handlers return. Each becomes a JSON [`ApiError`] with the right status; internal
//! causes are logged and answered with a plain 500 that reveals nothing.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hometime_api::{ApiError, ErrorCode};
use hometime_domain::ValueError;
use hometime_store::StoreError;

/// An error answer: the wire body and the status it goes with.
#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub body: ApiError,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            status,
            body: ApiError::new(code, message),
        }
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "Please sign in.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "You don't have permission to do this.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "There is nothing here.",
        )
    }

    pub fn guardian_limit() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            ErrorCode::GuardianLimit,
            "This child already has the usual number of linked adults. Please contact the school office, \
             who can ask a school leader to approve another.",
        )
    }

    /// A 422 with the usual headline and no fields yet: add them with [`AppError::with_field`].
    pub fn validation() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Validation,
            "Please check the highlighted fields.",
        )
    }

    /// A 422 naming one refused field, with its code and the words to show.
    pub fn invalid(field: &str, code: &str, message: &str) -> Self {
        Self::validation().with_field(field, code, message)
    }

    pub fn with_field(mut self, field: &str, code: &str, message: &str) -> Self {
        self.body = self.body.with_field(field, code, message);
        self
    }

    /// A 422 with one or more field errors; start with [`Validation::new`] for several.
    pub fn invalid_field(field: &str, err: ValueError) -> Self {
        let mut v = Validation::new();
        v.field(field, err);
        v.into_error()
    }

    /// Logs the cause (never sent) and answers 500.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "Something went wrong on our side. Please try again.",
        )
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!(
                "Too many attempts. For your security, please wait {} before trying again.",
                wait_words(retry_after_secs)
            ),
        );
        e.body.retry_after_secs = Some(retry_after_secs);
        e
    }
}

fn wait_words(secs: u64) -> String {
    match secs {
        0..=60 => "a minute".to_owned(),
        s => format!("{} minutes", s.div_ceil(60)),
    }
}

/// Unexpected store failures are internal errors. Refusals that reach here unhandled are too, since each
/// handler is expected to turn the refusals it can meet into their own answers first.
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::internal(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry = self.body.retry_after_secs;
        let mut res = (self.status, axum::Json(self.body)).into_response();
        if let Some(secs) = retry
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    }
}

/// Collects field errors so a form shows every problem at once.
#[derive(Debug, Default)]
pub struct Validation(Vec<(String, ValueError)>);

impl Validation {
    pub fn new() -> Self {
        Validation(Vec::new())
    }

    pub fn field(&mut self, name: &str, err: ValueError) {
        self.0.push((name.to_owned(), err));
    }

    /// Records the error if `result` failed and returns the value if it did not.
    pub fn check<T>(&mut self, name: &str, result: Result<T, ValueError>) -> Option<T> {
        result.map_err(|e| self.field(name, e)).ok()
    }

    pub fn into_error(self) -> AppError {
        let mut err = AppError::validation();
        for (field, e) in self.0 {
            err.body = err.body.with_field(&field, e.code(), e.to_string());
        }
        err
    }

    /// `Ok` when nothing was recorded.
    pub fn finish(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }
}
