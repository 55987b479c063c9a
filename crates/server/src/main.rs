//! Starts the Hometime server from environment settings: `HOMETIME_ADDR` (default `127.0.0.1:8080`),
//! `DATABASE_URL` (default a SQLite file under `data/`), `HOMETIME_DIST` (the built app, default `dist`),
//! `HOMETIME_SEED_DEMO=0` to skip the demo school, `HOMETIME_HTTPS=1` behind a TLS proxy, and `RUST_LOG`
//! (for example `info` or `hometime_server=debug`).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use hometime_server::{Config, Server, SystemClock};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
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

    let server = Server::start(config, Arc::new(SystemClock)).await?;
    println!("Hometime is running at {}", server.url());
    server
        .run_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
