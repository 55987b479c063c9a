//! Request extractors that answer bad input with JSON errors: a JSON body extractor (400 malformed, 415
//! wrong content type, 413 too large, 422 missing or mistyped fields), typed path ids (404 when not a
//! number) and the client's socket address.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use hometime_api::ErrorCode;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body. Unlike axum's `Json`, every rejection is an [`AppError`] in the API's shape.
pub struct ApiJson<T>(pub T);

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !is_json(content_type) {
            return Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "Send the request body as JSON (Content-Type: application/json).",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ErrorCode::PayloadTooLarge,
                    "The request is too large.",
                )
            } else {
                AppError::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::InvalidJson,
                    "The request body could not be read.",
                )
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses a body, telling malformed JSON (400) apart from well-formed JSON of the wrong shape (422 naming
/// the field).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // A typed parse can stop at the first wrong type before it sees a syntax error further on, so the
    // syntax is checked on its own first (bodies are small; parsing twice is cheap).
    if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err() {
        return Err(AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            "The request body is not valid JSON.",
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(e) => {
            let inner = e.inner();
            // The syntax was checked above, so a "syntax" error here is how serde_json reports a value of
            // the wrong type where an enum was expected (a number for a string variant, say): a problem
            // with that field, answered as a 422 naming it like any other wrong type.
            let message = inner.to_string();
            // serde reports a missing field at the parent's path, naming the field in its message.
            let (field, code) = match message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
            {
                Some(missing) => {
                    let parent = e.path().to_string();
                    let name = if parent == "." {
                        missing.to_owned()
                    } else {
                        format!("{parent}.{missing}")
                    };
                    (name, "required")
                }
                None => (e.path().to_string(), "invalid_type"),
            };
            let field = if field == "." { String::new() } else { field };
            let mut err = AppError::validation();
            let words = if code == "required" {
                "this field is required"
            } else {
                "this field has the wrong type"
            };
            err.body = err.body.with_field(&field, code, words);
            Err(err)
        }
    }
}

/// A numeric id from the path. Anything that is not a number is a 404, like an id that does not exist.
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(id) = axum::extract::Path::<i64>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::not_found())?;
        Ok(PathId(id))
    }
}

/// The client's IP address, taken from the socket (never from headers a client could set). Requests
/// that arrive without connection info (in-process tests) count as one unknown address.
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ci| ci.0.ip()),
        ))
    }
}

impl ClientIp {
    pub fn key(&self) -> String {
        self.0
            .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Body {
        #[expect(dead_code, reason = "only its presence is tested")]
        email: String,
        #[expect(dead_code, reason = "only its presence is tested")]
        minutes: u32,
    }

    #[test]
    fn body_errors_name_the_field_and_status() {
        type Case<'a> = (&'a str, StatusCode, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            (r#"{"email":"a","minutes":5}"#, StatusCode::OK, None),
            (r#"{"email":"a""#, StatusCode::BAD_REQUEST, None),
            ("", StatusCode::BAD_REQUEST, None),
            ("[1,", StatusCode::BAD_REQUEST, None),
            (
                r#"{"email":"a"}"#,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(("minutes", "required")),
            ),
            (
                r#"{"email":5,"minutes":5}"#,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(("email", "invalid_type")),
            ),
            (
                r#"{"email":"a","minutes":-1}"#,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(("minutes", "invalid_type")),
            ),
            (
                "[]",
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(("", "invalid_type")),
            ),
            (
                "null",
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(("", "invalid_type")),
            ),
        ];
        for (body, status, field) in cases {
            match parse_json::<Body>(body.as_bytes()) {
                Ok(_) => assert_eq!(*status, StatusCode::OK, "{body}"),
                Err(e) => {
                    assert_eq!(e.status, *status, "{body}");
                    let got = e
                        .body
                        .fields
                        .first()
                        .map(|f| (f.field.as_str(), f.code.as_str()));
                    assert_eq!(got, *field, "{body}");
                }
            }
        }
    }

    #[test]
    fn json_content_types_are_recognised() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json(""));
        assert!(!is_json("application/x-www-form-urlencoded"));
    }
}
