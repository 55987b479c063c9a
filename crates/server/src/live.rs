//! Live updates through the database, not process memory: every write appends to the `events` table in
//! its own transaction; each server instance tails that table (woken by PostgreSQL `LISTEN/NOTIFY`, with
//! a slow poll as a safety net; SQLite polls every 500 ms) and republishes what it reads on an in-process
//! broadcast channel that its `GET /events` streams subscribe to. So with several instances on one
//! PostgreSQL database, every subscriber on every instance gets every event.
//!
//! The same module runs the delivery sweeper, which announces scheduled messages when their time comes.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use hometime_store::Event;
use tokio::sync::broadcast;

use crate::state::AppState;

/// How often SQLite is polled, and how long PostgreSQL waits for a notification before polling anyway.
const SQLITE_POLL: Duration = Duration::from_millis(500);
const POSTGRES_SAFETY_POLL: Duration = Duration::from_secs(5);
/// Events are only for tailing; older ones are pruned.
const EVENT_RETENTION_MS: i64 = 24 * 3600 * 1000;
/// Ids are taken before commit, so a transaction can commit after a later id was already read. Each
/// read looks back this far and skips ids already published.
const LOOK_BACK: i64 = 200;

/// The in-process end of the fan-out.
#[derive(Debug)]
pub struct Hub {
    tx: broadcast::Sender<Arc<Event>>,
}

impl Hub {
    pub fn new() -> Hub {
        Hub {
            tx: broadcast::channel(1024).0,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.tx.subscribe()
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

/// Tails the `events` table forever, publishing each new event once.
pub async fn tail(state: AppState) {
    let store = &state.store;
    let mut published: BTreeSet<i64> = BTreeSet::new();
    let mut high = loop {
        match store.latest_event_id().await {
            Ok(id) => break id,
            Err(e) => {
                tracing::warn!(error = %e, "reading the event log failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    // Events already in the log when this instance started were for sessions before it.
    let start = high;
    let mut listener = None;
    let mut postgres = store.backend() == hometime_store::Backend::Postgres;
    loop {
        if postgres && listener.is_none() {
            match store.event_listener().await {
                Ok(Some(l)) => listener = Some(l),
                Ok(None) => postgres = false,
                Err(e) => tracing::warn!(error = %e, "listening for events failed; polling"),
            }
        }
        match listener.as_mut() {
            Some(l) => {
                if let Ok(Err(e)) = tokio::time::timeout(POSTGRES_SAFETY_POLL, l.recv()).await {
                    tracing::warn!(error = %e, "event notification failed; reconnecting");
                    listener = None;
                    tokio::time::sleep(SQLITE_POLL).await;
                }
            }
            None => tokio::time::sleep(SQLITE_POLL).await,
        }
        match store.events_after(high - LOOK_BACK, 1000).await {
            Ok(events) => {
                for e in events {
                    if e.id > start && published.insert(e.id) {
                        high = high.max(e.id);
                        // No subscribers is not an error: nobody is watching right now.
                        let _ = state.live.tx.send(Arc::new(e));
                    }
                }
                let floor = high - LOOK_BACK;
                published = published.split_off(&floor);
            }
            Err(e) => tracing::warn!(error = %e, "reading the event log failed"),
        }
    }
}

/// Announces scheduled messages when they become visible (every second, so a message held until
/// 08:00 appears within a second or two of it), and prunes old events now and then.
pub async fn sweep_deliveries(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut n: u32 = 0;
    loop {
        tick.tick().await;
        let now = state.now();
        if let Err(e) = state.store.announce_due_messages(now).await {
            tracing::warn!(error = %e, "announcing scheduled messages failed");
        }
        n = n.wrapping_add(1);
        if n % 600 == 1
            && let Err(e) = state.store.prune_events(now - EVENT_RETENTION_MS).await
        {
            tracing::warn!(error = %e, "pruning events failed");
        }
    }
}
