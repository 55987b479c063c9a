//! Server settings: where to listen, which database, where the built app is, and the security knobs
//! (password hashing cost, session lifetimes, attempt limits) that tests turn down or tighten.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// The folder holding the built app (`index.html` and its assets).
    pub dist: PathBuf,
    /// Seed the demo school when the database is empty.
    pub seed_demo: bool,
    /// Set when users reach the server over https (through a TLS-terminating proxy): adds `Secure` to the
    /// session cookie and sends `Strict-Transport-Security`.
    pub https: bool,
    pub password: PasswordCost,
    pub sessions: SessionPolicy,
    pub limits: RateLimits,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
}

/// Argon2id cost. Production uses the OWASP-recommended 19 MiB, 2 passes; tests use a cheap setting.
#[derive(Clone, Copy, Debug)]
pub struct PasswordCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl PasswordCost {
    pub const PRODUCTION: PasswordCost = PasswordCost {
        memory_kib: 19 * 1024,
        iterations: 2,
    };
    /// Cheap enough that tests sign in quickly, still a real argon2id hash.
    pub const TEST: PasswordCost = PasswordCost {
        memory_kib: 64,
        iterations: 1,
    };
}

/// How long sessions last, per kind of person. Idle = unused for that long; absolute = since sign-in.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub adult_idle: Duration,
    pub adult_absolute: Duration,
    pub staff_idle: Duration,
    pub staff_absolute: Duration,
    pub pupil_absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        const HOUR: u64 = 3600;
        const DAY: u64 = 24 * HOUR;
        SessionPolicy {
            adult_idle: Duration::from_secs(7 * DAY),
            adult_absolute: Duration::from_secs(30 * DAY),
            // Staff often use shared classroom devices, so an idle staff session ends after a working day.
            staff_idle: Duration::from_secs(12 * HOUR),
            staff_absolute: Duration::from_secs(7 * DAY),
            // A pupil session lasts one school day at most.
            pupil_absolute: Duration::from_secs(8 * HOUR),
        }
    }
}

/// Failed attempts allowed per window on each sign-in or code form, counted per account (e-mail, user or
/// pupil), per client address, and across everyone.
#[derive(Clone, Copy, Debug)]
pub struct RateLimits {
    pub window: Duration,
    pub per_account: u32,
    pub per_address: u32,
    pub global: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            window: Duration::from_secs(15 * 60),
            per_account: 5,
            per_address: 30,
            global: 1000,
        }
    }
}

impl Config {
    /// Production defaults for everything but the address, database and app folder.
    pub fn new(addr: SocketAddr, database_url: String, dist: PathBuf) -> Config {
        Config {
            addr,
            database_url,
            dist,
            seed_demo: true,
            https: false,
            password: PasswordCost::PRODUCTION,
            sessions: SessionPolicy::default(),
            limits: RateLimits::default(),
            max_body_bytes: 64 * 1024,
        }
    }
}
