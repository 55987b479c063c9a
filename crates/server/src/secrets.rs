//! Secrets: random session tokens and codes, their SHA-256 digests (all the database ever sees), and
//! argon2id password hashing, which runs on the blocking pool so it never stalls other requests.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hometime_domain::{CODE_ALPHABET, ClassCode, InviteCode, ValueError};
use hometime_store::StoreError;
use sha2::{Digest, Sha256};

use crate::config::PasswordCost;
use crate::error::{AppError, AppResult};

/// A new session token: 256 random bits, URL-safe base64.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new code of `len` characters from the unambiguous code alphabet, drawn without modulo bias (32
/// divides 256, so masking a random byte is uniform).
pub fn new_code(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect()
}

/// A kind of code drawn by `store_new_code`: the domain's code types, seen through one interface.
pub trait DrawnCode: Sized {
    const LEN: usize;
    /// What the code is called in the error when every draw collided.
    const WHAT: &'static str;
    fn parse(raw: &str) -> Result<Self, ValueError>;
    fn canonical(&self) -> &str;
}

impl DrawnCode for ClassCode {
    const LEN: usize = ClassCode::LEN;
    const WHAT: &'static str = "class code";
    fn parse(raw: &str) -> Result<Self, ValueError> {
        ClassCode::parse(raw)
    }
    fn canonical(&self) -> &str {
        self.as_str()
    }
}

impl DrawnCode for InviteCode {
    const LEN: usize = InviteCode::LEN;
    const WHAT: &'static str = "invite code";
    fn parse(raw: &str) -> Result<Self, ValueError> {
        InviteCode::parse(raw)
    }
    fn canonical(&self) -> &str {
        self.as_str()
    }
}

/// Draws a fresh code and hands its digest to `store`. A fresh code could, very rarely, collide with an
/// old one's hash (`StoreError::CodeTaken`); it draws again when it does, at most eight times. Other
/// store errors become answers through `refused`.
pub async fn store_new_code<C, Fut>(
    refused: impl Fn(StoreError) -> AppError,
    mut store: impl FnMut(String) -> Fut,
) -> AppResult<C>
where
    C: DrawnCode,
    Fut: Future<Output = Result<(), StoreError>>,
{
    for _ in 0..8 {
        let code = C::parse(&new_code(C::LEN)).map_err(AppError::internal)?;
        match store(digest(code.canonical())).await {
            Ok(()) => return Ok(code),
            Err(StoreError::CodeTaken) => continue,
            Err(e) => return Err(refused(e)),
        }
    }
    Err(AppError::internal(format!(
        "could not draw an unused {}",
        C::WHAT
    )))
}

/// The hex SHA-256 of a token or a canonical code, as stored. Tokens and codes are random and
/// single-purpose, so a fast hash is enough (there is nothing to guess offline that the rate limits do not
/// already cover online); salting would make lookup by hash impossible.
pub fn digest(secret: &str) -> String {
    let hash = Sha256::digest(secret.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn argon2(cost: PasswordCost) -> Result<Argon2<'static>, AppError> {
    let params =
        Params::new(cost.memory_kib, cost.iterations, 1, None).map_err(AppError::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with argon2id and a random salt, off the async runtime.
pub async fn hash_password(password: String, cost: PasswordCost) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2(cost)?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

/// Checks a password against a stored PHC hash, off the async runtime. The parameters come from the hash
/// itself, so hashes made under an older cost still verify.
pub async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(AppError::internal)?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(AppError::internal)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_codes_are_random_and_well_formed() {
        let a = new_token();
        assert_eq!(a.len(), 43, "256 bits in unpadded base64");
        assert_ne!(a, new_token());
        let code = new_code(10);
        assert_eq!(code.len(), 10);
        assert!(hometime_domain::InviteCode::parse(&code).is_ok());
        assert_ne!(code, new_code(10));
        assert_eq!(digest("abc").len(), 64);
        assert_ne!(digest("abc"), digest("abd"));
    }

    #[tokio::test]
    async fn passwords_verify_only_when_they_match() {
        let hash = hash_password("Kestrel2026".into(), PasswordCost::TEST)
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password("Kestrel2026".into(), hash.clone())
                .await
                .unwrap()
        );
        assert!(!verify_password("kestrel2026".into(), hash).await.unwrap());
    }
}
