//! What can go wrong talking to the server, and the plain, kind words we show for it. The server sends stable
//! codes; the browser decides the wording, so every message a person reads is written here.

use std::fmt;

use hometime_api::{ApiError, ErrorCode, FieldError};

use crate::format::wait_phrase;

/// A failed request, as the app sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppError {
    /// The server answered with an error body.
    Api(ApiError),
    /// The request never got an answer (offline, server down).
    Network,
    /// The server answered, but not with something we understand (status code attached).
    BadResponse(u16),
}

impl AppError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            AppError::Api(e) => Some(e.code),
            _ => None,
        }
    }

    /// Errors found in the browser before sending, in the same shape as the server's.
    pub fn invalid_fields(fields: Vec<FieldError>) -> AppError {
        AppError::Api(ApiError {
            code: ErrorCode::Validation,
            message: String::new(),
            fields,
            retry_after_secs: None,
            findings: Vec::new(),
        })
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Api(e) => &e.fields,
            _ => &[],
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some(ErrorCode::Unauthenticated)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&error_text(self))
    }
}

impl std::error::Error for AppError {}

/// The sentence shown for an error as a whole (field problems are shown next to their fields).
pub fn error_text(err: &AppError) -> String {
    let api = match err {
        AppError::Network => {
            return "We couldn't reach Hometime. Please check your internet connection and try again."
                .to_owned();
        }
        AppError::BadResponse(_) => {
            return "Something went wrong on our side. Please try again in a moment.".to_owned();
        }
        AppError::Api(api) => api,
    };
    match api.code {
        ErrorCode::InvalidCredentials => {
            "That e-mail address and password don't match an account. Please check them and try again."
                .to_owned()
        }
        ErrorCode::InviteInvalid => "That invite code isn't working. It may have been used already or \
             have expired. Please ask your child's class teacher or the school office for a new one."
            .to_owned(),
        ErrorCode::ClassCodeInvalid => {
            "That code didn't work. Please check it with your teacher and try again.".to_owned()
        }
        ErrorCode::GuardianLimit => "This child already has as many linked adults as the school \
             allows. If another adult needs to be linked, please contact the school office: a school \
             leader can approve one more."
            .to_owned(),
        ErrorCode::EmailTaken => {
            "There's already an account with this e-mail address. Please sign in instead.".to_owned()
        }
        ErrorCode::AlreadyLinked => "You're already linked to this child.".to_owned(),
        ErrorCode::RateLimited => match api.retry_after_secs {
            Some(secs) => format!(
                "Too many tries. Please wait {} and try again.",
                wait_phrase(secs)
            ),
            None => "Too many tries. Please wait a little while and try again.".to_owned(),
        },
        ErrorCode::Unauthenticated => {
            "You've been signed out. Please sign in again.".to_owned()
        }
        ErrorCode::Forbidden => "Sorry, you don't have access to this.".to_owned(),
        ErrorCode::NotFound => "We couldn't find that. It may have been removed.".to_owned(),
        ErrorCode::Validation => {
            "Some details need changing. Please check the messages below.".to_owned()
        }
        ErrorCode::InvalidJson
        | ErrorCode::PayloadTooLarge
        | ErrorCode::UnsupportedMediaType
        | ErrorCode::MethodNotAllowed => {
            "Something went wrong sending that. Please try again.".to_owned()
        }
        ErrorCode::Internal => {
            "Something went wrong on our side. Please try again in a moment.".to_owned()
        }
        ErrorCode::PolicyBlocked => {
            "This message can't be sent as it is. Please see the guidance below.".to_owned()
        }
        // The server's words name the office's phone and e-mail, which the app does not know here.
        ErrorCode::RecipientNotAllowed => api.message.clone(),
        // The server's words name the file and the limit.
        ErrorCode::UnsupportedImage | ErrorCode::ImageTooLarge => api.message.clone(),
    }
}

/// The words for one field's problem, if the error has one for `field`.
pub fn field_text(err: &AppError, field: &str) -> Option<String> {
    let f = err.fields().iter().find(|f| f.field == field)?;
    Some(field_message(f))
}

/// Field errors the form has no place for, so they are shown with the error as a whole and never lost.
pub fn other_field_texts(err: &AppError, known: &[&str]) -> Vec<String> {
    err.fields()
        .iter()
        .filter(|f| !known.contains(&f.field.as_str()))
        .map(field_message)
        .collect()
}

fn field_message(f: &FieldError) -> String {
    let text = match (f.field.as_str(), f.code.as_str()) {
        ("email", "required") => "Please enter your e-mail address.",
        ("password", "required") => "Please enter your password.",
        ("invite_code", "required") => "Please enter the invite code from your letter.",
        ("display_name", "required") => "Please tell us your name.",
        ("code", "required") => "Please type the class code.",
        ("reason", "required") => "Please give a reason. It is kept as a record.",
        ("pupil", "required") => "Please choose a pupil.",
        ("minutes", _) => "Choose between 1 and 60 minutes.",
        (_, "required") => "Please fill this in.",
        (_, "invalid_email") => {
            "That doesn't look like an e-mail address. It should look like name@example.com."
        }
        (_, "weak_password") => {
            "Please use at least 8 characters, with at least one letter and one number."
        }
        ("invite_code", "invalid_code") => {
            "That doesn't look like an invite code. It has 10 letters and numbers, like K7M2P-9QXA1."
        }
        ("code", "invalid_code") => {
            "That doesn't look like a class code. It has 6 letters and numbers, like K7M-29Q."
        }
        (_, "too_long") => "That's too long. Please shorten it.",
        (_, "invalid_characters") => "Please leave out the < and > characters.",
        (_, "email_taken") => {
            "There's already an account with this e-mail address. Please sign in instead."
        }
        _ if !f.message.is_empty() => return f.message.clone(),
        _ => "Please check this.",
    };
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: ErrorCode) -> ApiError {
        ApiError::new(code, "server words")
    }

    #[test]
    fn errors_read_as_plain_sentences() {
        let rate = ApiError {
            retry_after_secs: Some(90),
            ..api(ErrorCode::RateLimited)
        };
        let cases: Vec<(AppError, &str)> = vec![
            (AppError::Network, "check your internet connection"),
            (AppError::BadResponse(502), "went wrong on our side"),
            (AppError::Api(rate), "Please wait 2 minutes and try again."),
            (
                AppError::Api(api(ErrorCode::RateLimited)),
                "wait a little while",
            ),
            (
                AppError::Api(api(ErrorCode::InvalidCredentials)),
                "don't match",
            ),
            (
                AppError::Api(api(ErrorCode::GuardianLimit)),
                "school leader can approve one more",
            ),
            (
                AppError::Api(api(ErrorCode::ClassCodeInvalid)),
                "check it with your teacher",
            ),
            (AppError::Api(api(ErrorCode::InviteInvalid)), "used already"),
        ];
        for (err, want) in cases {
            let text = error_text(&err);
            assert!(text.contains(want), "{err:?}: {text}");
        }
    }

    #[test]
    fn field_errors_are_worded_for_their_field() {
        let err = AppError::Api(
            api(ErrorCode::Validation)
                .with_field("email", "invalid_email", "bad")
                .with_field("password", "required", "missing")
                .with_field("colour", "odd", "Colour must be a hex value."),
        );
        assert!(
            field_text(&err, "email")
                .unwrap()
                .contains("name@example.com")
        );
        assert_eq!(
            field_text(&err, "password").unwrap(),
            "Please enter your password."
        );
        assert_eq!(field_text(&err, "display_name"), None);
        assert_eq!(
            other_field_texts(&err, &["email", "password"]),
            vec!["Colour must be a hex value.".to_owned()]
        );
    }
}
