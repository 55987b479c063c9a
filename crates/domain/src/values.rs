//! Validated values. Each type can only be built through a constructor that checks it, so code past the
//! edge never re-validates.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a value was refused. The `code()` crosses the wire as a field error; the browser words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ValueError {
    #[error("this field is required")]
    Required,
    #[error("this is too long")]
    TooLong,
    #[error("this is not a valid e-mail address")]
    InvalidEmail,
    #[error("passwords need at least {MIN_PASSWORD_CHARS} characters with a letter and a number")]
    WeakPassword,
    #[error("this is not a valid code")]
    InvalidCode,
    #[error("this contains characters that are not allowed")]
    InvalidCharacters,
}

impl ValueError {
    /// A stable machine-readable code, used in API field errors.
    pub fn code(self) -> &'static str {
        match self {
            ValueError::Required => "required",
            ValueError::TooLong => "too_long",
            ValueError::InvalidEmail => "invalid_email",
            ValueError::WeakPassword => "weak_password",
            ValueError::InvalidCode => "invalid_code",
            ValueError::InvalidCharacters => "invalid_characters",
        }
    }
}

/// A normalised (trimmed, lower-case) e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(ValueError::Required);
        }
        if s.chars().count() > 254 {
            return Err(ValueError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(ValueError::InvalidEmail)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok || s.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ValueError::InvalidEmail);
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, ValueError> {
        Email::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

pub const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 128;

/// A password that meets the seed policies' minimum (8 characters with a letter and a number). It is
/// deliberately not `Serialize` and its `Debug` hides the value, so it cannot leak into logs or responses.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(ValueError::Required);
        }
        if n > MAX_PASSWORD_CHARS {
            return Err(ValueError::TooLong);
        }
        let has_letter = raw.chars().any(char::is_alphabetic);
        let has_digit = raw.chars().any(|c| c.is_ascii_digit());
        if n < MIN_PASSWORD_CHARS || !has_letter || !has_digit {
            return Err(ValueError::WeakPassword);
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// A person's name as shown to others ("Mr Daly", "Sam's mum", "Priya Sharma").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(ValueError::Required);
        }
        if s.chars().count() > MAX_DISPLAY_NAME_CHARS {
            return Err(ValueError::TooLong);
        }
        if s.chars().any(|c| c.is_control() || c == '<' || c == '>') {
            return Err(ValueError::InvalidCharacters);
        }
        Ok(DisplayName(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, ValueError> {
        DisplayName::parse(&s)
    }
}

impl From<DisplayName> for String {
    fn from(d: DisplayName) -> String {
        d.0
    }
}

/// The alphabet for codes people type: Crockford's base 32 without I, L, O and U, so codes read aloud or
/// copied from paper are unambiguous.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Normalises a typed code: upper case, separators removed, look-alike letters mapped to digits.
fn normalise_code(raw: &str, len: usize) -> Result<String, ValueError> {
    let mut out = String::with_capacity(len);
    for c in raw.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
            return Err(ValueError::InvalidCode);
        }
        out.push(c);
    }
    if out.is_empty() {
        return Err(ValueError::Required);
    }
    if out.len() != len {
        return Err(ValueError::InvalidCode);
    }
    Ok(out)
}

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident, $len:expr, $group:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            pub const LEN: usize = $len;

            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                normalise_code(raw, $len).map($name)
            }

            /// The canonical form, as stored (its hash) and compared.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The form shown to people, grouped for reading aloud ("K7M2-9QXA").
            pub fn display(&self) -> String {
                let (a, b) = self.0.split_at($group);
                format!("{a}-{b}")
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(..)"))
            }
        }
    };
}

code_type!(
    /// A single-use invite code that links a parent or carer to one pupil.
    InviteCode,
    10,
    5
);
code_type!(
    /// A class code a teacher opens for a short time so pupils can sign in.
    ClassCode,
    6,
    3
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let cases: &[(&str, Result<&str, ValueError>)] = &[
            ("  Sam.Parent@Example.COM ", Ok("sam.parent@example.com")),
            ("", Err(ValueError::Required)),
            ("no-at-sign.example.com", Err(ValueError::InvalidEmail)),
            ("a@nodot", Err(ValueError::InvalidEmail)),
            ("a b@example.com", Err(ValueError::InvalidEmail)),
            ("@example.com", Err(ValueError::InvalidEmail)),
        ];
        for (raw, want) in cases {
            assert_eq!(
                Email::parse(raw).map(|e| e.as_str().to_owned()),
                want.map(str::to_owned),
                "{raw}"
            );
        }
    }

    #[test]
    fn passwords_need_length_a_letter_and_a_number() {
        let cases = [
            ("Kestrel2026", Ok(())),
            ("short1", Err(ValueError::WeakPassword)),
            ("nodigitshere", Err(ValueError::WeakPassword)),
            ("1234567890", Err(ValueError::WeakPassword)),
            ("", Err(ValueError::Required)),
        ];
        for (raw, want) in cases {
            assert_eq!(Password::parse(raw).map(|_| ()), want, "{raw}");
        }
        assert_eq!(
            format!("{:?}", Password::parse("Kestrel2026").unwrap()),
            "Password(..)"
        );
    }

    #[test]
    fn display_names_collapse_spaces_and_refuse_markup() {
        assert_eq!(
            DisplayName::parse("  Mr   Daly ").unwrap().as_str(),
            "Mr Daly"
        );
        assert_eq!(DisplayName::parse("   "), Err(ValueError::Required));
        assert_eq!(
            DisplayName::parse("<script>"),
            Err(ValueError::InvalidCharacters)
        );
        assert_eq!(
            DisplayName::parse(&"x".repeat(81)),
            Err(ValueError::TooLong)
        );
    }

    #[test]
    fn codes_forgive_case_separators_and_look_alikes() {
        let code = InviteCode::parse("k7m2o-9qxal").unwrap();
        assert_eq!(code.as_str(), "K7M209QXA1");
        assert_eq!(code.display(), "K7M20-9QXA1");
        assert_eq!(ClassCode::parse("abc 123").unwrap().as_str(), "ABC123");
        assert_eq!(ClassCode::parse("ABC12"), Err(ValueError::InvalidCode));
        assert_eq!(ClassCode::parse("ABC12U"), Err(ValueError::InvalidCode));
        assert_eq!(ClassCode::parse("ÄBC123"), Err(ValueError::InvalidCode));
        assert_eq!(ClassCode::parse(" - "), Err(ValueError::Required));
    }
}
