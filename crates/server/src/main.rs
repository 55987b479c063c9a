//! Starts the Hometime server from environment settings: `HOMETIME_ADDR` (default `127.0.0.1:8080`),
//! `DATABASE_URL` (default a SQLite file under `data/`), `HOMETIME_DIST` (the built app, default `dist`),
//! `HOMETIME_SEED_DEMO=0` to skip the demo school, `HOMETIME_HTTPS=1` behind a TLS proxy, and `RUST_LOG`
//! (for example `info` or `hometime_server=debug`).
//!
//! `HOMETIME_FIXED_NOW=<RFC 3339 instant>` (for example `2026-03-14T10:00:00Z`) is **for end-to-end tests
//! only**: the server's clock then stands still at that instant, so a journey can see, say, the
//! out-of-hours reply expectation whatever the real time is. The server warns at start when it is set, and
//! refuses to start when the value is not an RFC 3339 instant.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use hometime_server::{Clock, Config, Server, SystemClock};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A clock that always reads the same instant (`HOMETIME_FIXED_NOW`, for end-to-end tests only).
/// `ManualClock` only moves forward from the real time, so it cannot stand at an instant in the past.
#[derive(Debug, Clone, Copy)]
struct FixedClock(i64);

impl Clock for FixedClock {
    fn now_ms(&self) -> i64 {
        self.0
    }
}

/// Reads `HOMETIME_FIXED_NOW`: an RFC 3339 instant, as unix milliseconds.
fn parse_fixed_now(value: &str) -> anyhow::Result<i64> {
    chrono::DateTime::parse_from_rfc3339(value.trim())
        .map(|t| t.timestamp_millis())
        .with_context(|| {
            format!(
                "HOMETIME_FIXED_NOW must be an RFC 3339 instant like 2026-03-14T10:00:00Z, not {value:?}"
            )
        })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter: tracing_subscriber::filter::Targets = env("RUST_LOG")
        .unwrap_or_else(|| "info".to_owned())
        .parse()
        .context("RUST_LOG is not a valid filter")?;
    use tracing_subscriber::prelude::*;
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                // Colour codes only for a person at a terminal, not in log files.
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())),
        )
        .with(filter)
        .init();

    let addr = env("HOMETIME_ADDR")
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned())
        .parse()
        .context("HOMETIME_ADDR must be an address like 127.0.0.1:8080")?;
    let database_url =
        env("DATABASE_URL").unwrap_or_else(|| hometime_store::DEFAULT_DATABASE_URL.to_owned());
    let dist = PathBuf::from(env("HOMETIME_DIST").unwrap_or_else(|| "dist".to_owned()));
    let mut config = Config::new(addr, database_url, dist);
    config.seed_demo = env("HOMETIME_SEED_DEMO").is_none_or(|v| v != "0");
    config.https = env("HOMETIME_HTTPS").is_some_and(|v| v == "1");

    let clock: Arc<dyn Clock> = match env("HOMETIME_FIXED_NOW") {
        Some(value) => {
            let ms = parse_fixed_now(&value)?;
            tracing::warn!(
                fixed_now = %hometime_server::clock::rfc3339(ms),
                "HOMETIME_FIXED_NOW is set: the clock is fixed and time will not move (for end-to-end tests only)"
            );
            Arc::new(FixedClock(ms))
        }
        None => Arc::new(SystemClock),
    };
    let server = Server::start(config, clock).await?;
    println!("Hometime is running at {}", server.url());
    server
        .run_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::parse_fixed_now;

    #[test]
    fn fixed_now_reads_rfc3339_instants() {
        assert_eq!(
            parse_fixed_now("2026-03-14T10:00:00Z").unwrap(),
            1_773_482_400_000
        );
        assert_eq!(
            parse_fixed_now(" 2026-03-14T10:00:00+00:00 ").unwrap(),
            1_773_482_400_000
        );
        assert_eq!(
            parse_fixed_now("2026-03-14T11:00:00+01:00").unwrap(),
            1_773_482_400_000
        );
    }

    #[test]
    fn fixed_now_refuses_anything_else_clearly() {
        for bad in ["2026-03-14", "2026-03-14 10:00", "saturday", "1773482400"] {
            let err = parse_fixed_now(bad).unwrap_err().to_string();
            assert!(err.contains("HOMETIME_FIXED_NOW"), "{bad}: {err}");
        }
    }
}
