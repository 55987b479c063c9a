//! Runs one test body against each available database, each time on a fresh one.

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use hometime_store::Store;
use sqlx::{Connection, Executor, PgConnection};

/// A fresh database for one case: the store, and the URL it was opened with (to reconnect).
pub struct TestDb {
    pub store: Store,
    pub url: String,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "hometime_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// Runs `case` on SQLite, then on PostgreSQL if `TEST_POSTGRES_URL` is set, re-raising any failure after
/// the temporary database has been removed.
pub async fn on_each_db<F, Fut>(case: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let path: PathBuf = std::env::temp_dir().join(format!("{}.db", unique_name()));
    let url = format!("sqlite://{}", path.display());
    let store = Store::connect(&url).await.expect("open sqlite");
    let outcome = tokio::spawn(case(TestDb {
        store: store.clone(),
        url,
    }))
    .await;
    store.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }

    let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
        announce_skip();
        return;
    };
    let name = unique_name();
    let mut admin = PgConnection::connect(&admin_url)
        .await
        .expect("connect to TEST_POSTGRES_URL");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let url = replace_database(&admin_url, &name);
    let store = Store::connect(&url).await.expect("open postgres");
    let outcome = tokio::spawn(case(TestDb {
        store: store.clone(),
        url,
    }))
    .await;
    store.close().await;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop test database");
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Says once per run, past the test harness's output capture, that PostgreSQL was not tested.
fn announce_skip() {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        use std::io::Write;
        // Writing to the handle directly (not through `eprintln!`) keeps the line visible in a normal run.
        let _ = writeln!(
            std::io::stderr(),
            "postgres store tests SKIPPED: TEST_POSTGRES_URL not set"
        );
    });
}

/// Swaps the database name in a `postgres://user:pass@host:port/db?params` URL.
pub fn replace_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

/// Declares each listed `async fn name(db: TestDb)` as a test that runs on every available database.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),+ $(,)?) => {
        mod run {
            $(
                #[tokio::test]
                async fn $name() {
                    $crate::harness::on_each_db(super::$name).await;
                }
            )+
        }
    };
}
