//! Brute-force protection for the sign-in and code forms. Failed attempts are counted in database windows
//! (so several server instances agree) per account, per client address and across everyone; a form is
//! refused with 429 while any of its counters is at its limit. Only failures count, so people who get it
//! right are never slowed down.

use crate::error::{AppError, AppResult};
use crate::extract::ClientIp;
use crate::secrets::digest;
use crate::state::AppState;

/// Which form an attempt was made on; each has its own counters.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    Login,
    Join,
    LinkChild,
    ClassCode,
    Pick,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Form::Login => "login",
            Form::Join => "join",
            Form::LinkChild => "link_child",
            Form::ClassCode => "class_code",
            Form::Pick => "pick",
        }
    }
}

/// The counters one attempt touches.
pub struct Attempt {
    keys: Vec<(String, u32)>,
}

impl Attempt {
    /// `account` is what is being guessed at (an e-mail, a user or a pupil), when the form has one.
    pub fn new(state: &AppState, form: Form, account: Option<&str>, ip: &ClientIp) -> Attempt {
        let limits = state.config.limits;
        let f = form.name();
        let mut keys = vec![
            (format!("{f}:addr:{}", ip.key()), limits.per_address),
            (format!("{f}:global"), limits.global),
        ];
        if let Some(account) = account {
            // Hashed so the counters table holds no e-mail addresses.
            let account = &digest(account)[..24];
            keys.insert(0, (format!("{f}:acct:{account}"), limits.per_account));
        }
        Attempt { keys }
    }

    fn window_ms(state: &AppState) -> i64 {
        i64::try_from(state.config.limits.window.as_millis()).unwrap_or(i64::MAX)
    }

    /// Refuses with 429 if any counter is already at its limit.
    pub async fn check(&self, state: &AppState) -> AppResult<()> {
        let now = state.now();
        let window = Self::window_ms(state);
        for (key, limit) in &self.keys {
            let c = state.store.rate_count(key, now, window).await?;
            if c.count >= *limit {
                return Err(blocked(c.window_end - now));
            }
        }
        Ok(())
    }

    /// Counts a failed attempt.
    pub async fn failed(&self, state: &AppState) -> AppResult<()> {
        let now = state.now();
        let window = Self::window_ms(state);
        for (key, _) in &self.keys {
            state.store.rate_hit(key, now, window).await?;
        }
        Ok(())
    }
}

fn blocked(remaining_ms: i64) -> AppError {
    let secs = u64::try_from(remaining_ms.max(1_000))
        .unwrap_or(1_000)
        .div_ceil(1_000);
    AppError::rate_limited(secs)
}
