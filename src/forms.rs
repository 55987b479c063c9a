//! Checks made in the browser before a form is sent, with the same validated types the server uses, so
//! people hear about a typo at once and the server still has the last word.

use hometime_api::FieldError;
use hometime_domain::{ClassCode, DisplayName, Email, InviteCode, Password, ValueError};

use crate::errors::AppError;

fn push(errors: &mut Vec<FieldError>, field: &str, result: Result<(), ValueError>) {
    if let Err(e) = result {
        errors.push(FieldError {
            field: field.to_owned(),
            code: e.code().to_owned(),
            message: e.to_string(),
        });
    }
}

fn required(raw: &str) -> Result<(), ValueError> {
    if raw.trim().is_empty() {
        Err(ValueError::Required)
    } else {
        Ok(())
    }
}

fn done(errors: Vec<FieldError>) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::invalid_fields(errors))
    }
}

/// Signing in only needs both fields: the password rules are for new passwords, and an older password that
/// predates them must still work.
pub fn check_sign_in(email: &str, password: &str) -> Result<(), AppError> {
    let mut errors = Vec::new();
    push(&mut errors, "email", Email::parse(email).map(drop));
    push(&mut errors, "password", required(password));
    done(errors)
}

pub fn check_join(
    invite_code: &str,
    display_name: &str,
    email: &str,
    password: &str,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    push(
        &mut errors,
        "invite_code",
        InviteCode::parse(invite_code).map(drop),
    );
    push(
        &mut errors,
        "display_name",
        DisplayName::parse(display_name).map(drop),
    );
    push(&mut errors, "email", Email::parse(email).map(drop));
    push(&mut errors, "password", Password::parse(password).map(drop));
    done(errors)
}

pub fn check_invite_code(invite_code: &str) -> Result<(), AppError> {
    let mut errors = Vec::new();
    push(
        &mut errors,
        "invite_code",
        InviteCode::parse(invite_code).map(drop),
    );
    done(errors)
}

pub fn check_class_code(code: &str) -> Result<(), AppError> {
    let mut errors = Vec::new();
    push(&mut errors, "code", ClassCode::parse(code).map(drop));
    done(errors)
}

/// How long a pupil sign-in code stays open: 1 to 60 minutes.
pub fn parse_minutes(raw: &str) -> Result<u32, AppError> {
    match raw.trim().parse::<u32>() {
        Ok(m) if (1..=60).contains(&m) => Ok(m),
        _ => Err(AppError::invalid_fields(vec![FieldError {
            field: "minutes".to_owned(),
            code: "out_of_range".to_owned(),
            message: "Choose between 1 and 60 minutes.".to_owned(),
        }])),
    }
}

pub fn check_approval(pupil_chosen: bool, reason: &str) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if !pupil_chosen {
        push(&mut errors, "pupil", Err(ValueError::Required));
    }
    push(&mut errors, "reason", required(reason));
    done(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::field_text;

    fn fields(r: Result<(), AppError>) -> Vec<(String, String)> {
        match r {
            Ok(()) => vec![],
            Err(e) => e
                .fields()
                .iter()
                .map(|f| (f.field.clone(), f.code.clone()))
                .collect(),
        }
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn sign_in_needs_an_email_and_any_password() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            ("sam.fisher@example.com", "old", &[]),
            ("", "", &[("email", "required"), ("password", "required")]),
            (
                "sam.fisher",
                "Brookfield2026",
                &[("email", "invalid_email")],
            ),
        ];
        for (email, password, want) in cases {
            assert_eq!(
                fields(check_sign_in(email, password)),
                pairs(want),
                "{email}"
            );
        }
    }

    #[test]
    fn joining_checks_every_field() {
        assert_eq!(
            fields(check_join(
                "k7m2p-9qxa1",
                "Sam Fisher",
                "sam@example.com",
                "Kestrel2026"
            )),
            pairs(&[])
        );
        assert_eq!(
            fields(check_join("K7M", "", "sam@", "short")),
            pairs(&[
                ("invite_code", "invalid_code"),
                ("display_name", "required"),
                ("email", "invalid_email"),
                ("password", "weak_password"),
            ])
        );
    }

    #[test]
    fn codes_and_minutes_are_checked_before_sending() {
        assert!(check_class_code("k7m 29q").is_ok());
        let err = check_class_code("K7").unwrap_err();
        assert!(
            field_text(&err, "code")
                .unwrap()
                .contains("6 letters and numbers")
        );
        assert_eq!(parse_minutes(" 10 ").unwrap(), 10);
        for bad in ["0", "61", "", "ten"] {
            assert!(parse_minutes(bad).is_err(), "{bad}");
        }
        assert_eq!(
            fields(check_approval(false, " ")),
            pairs(&[("pupil", "required"), ("reason", "required")])
        );
    }
}
