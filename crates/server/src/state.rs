//! The state every handler shares: the store, the clock, the settings and what was prepared at start.

use std::sync::Arc;

use hometime_store::Store;

use crate::clock::Clock;
use crate::config::Config;
use crate::security::SecurityHeaders;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    /// A real hash of a random password, verified against when an e-mail is unknown so a failed sign-in
    /// takes as long whether or not the account exists.
    pub dummy_hash: Arc<str>,
    pub security: Arc<SecurityHeaders>,
    /// The in-process end of the live-event fan-out, fed from the database by [`crate::live::tail`].
    pub live: Arc<crate::live::Hub>,
}

impl AppState {
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }
}
