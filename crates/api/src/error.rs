//! Errors as they cross the wire: a stable code, a plain message, and per-field details.

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code. New codes may be added; existing ones never change meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body was not valid JSON, or not the expected shape.
    InvalidJson,
    /// One or more fields were invalid; see `fields`.
    Validation,
    /// The request body was larger than the endpoint accepts.
    PayloadTooLarge,
    /// The body was not `application/json`.
    UnsupportedMediaType,
    /// Not signed in, or the session has expired.
    Unauthenticated,
    /// Signed in, but not allowed to do this.
    Forbidden,
    /// No such resource, or not one the caller may see.
    NotFound,
    /// The HTTP method is not allowed on this path.
    MethodNotAllowed,
    /// The e-mail and password did not match an account.
    InvalidCredentials,
    /// The invite code is unknown, used or expired.
    InviteInvalid,
    /// The pupil already has the maximum number of linked adults; a leader must approve another.
    GuardianLimit,
    /// The class code is unknown, closed or expired.
    ClassCodeInvalid,
    /// An account with this e-mail already exists.
    EmailTaken,
    /// The caller is already linked to this pupil.
    AlreadyLinked,
    /// Too many attempts; see `retry_after_secs`.
    RateLimited,
    /// The message breaks the school's policy (a blocking finding, or a warning that was not
    /// acknowledged); see `findings`.
    PolicyBlocked,
    /// The caller may not message this person or this space; the message says who to contact instead.
    RecipientNotAllowed,
    /// A file was not a JPEG, PNG or WebP image (checked by content, not name), or could not be decoded.
    UnsupportedImage,
    /// A photo was larger than the server accepts (bytes or pixels); the message gives the limit.
    ImageTooLarge,
    /// Something went wrong on the server. Details are logged, never sent.
    Internal,
}

/// A problem with one field of the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as it appears in the request body.
    pub field: String,
    /// A stable code: `required`, `too_long`, `invalid_email`, `weak_password`, `invalid_code`, ...
    pub code: String,
    /// A plain-words explanation.
    pub message: String,
}

/// The body of every 4xx and 5xx response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// A plain-words explanation, safe to show.
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For `rate_limited`: seconds until another attempt is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    /// For `policy_blocked`: what the server's policy check found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<crate::PolicyFindingView>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after_secs: None,
            findings: Vec::new(),
        }
    }

    pub fn with_field(mut self, field: &str, code: &str, message: impl Into<String>) -> Self {
        self.fields.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
        self
    }
}
