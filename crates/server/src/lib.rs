//! Hometime's HTTP server: the `/api/v1` REST API and the built app, from one address.
//!
//! [`app`] builds the whole router from an [`AppState`], so tests can drive it in process; [`Server`]
//! binds, seeds a fresh database with the demo school, and serves with `TCP_NODELAY` on every socket.
//! Each API resource is a module under [`routes`] with its own `router()`; authentication is the
//! [`session::CurrentUser`] extractor and authorisation a call into [`authz`] at the top of each handler.

pub mod authz;
pub mod clock;
pub mod config;
pub mod error;
pub mod extract;
pub mod hours;
pub mod live;
mod logging;
pub mod messaging;
pub mod rate_limit;
pub mod retention;
pub mod routes;
pub mod secrets;
pub mod security;
pub mod session;
pub mod settings;
pub mod state;
mod static_files;
pub mod stories;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::serve::ListenerExt;
use hometime_api::{API_PREFIX, ErrorCode};
use hometime_store::Store;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use error::AppError;
pub use state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hometime API",
        description = "School-home communication. JSON in and out; errors are `ApiError` with a stable `code`. \
                       Sessions are a `hometime_session` cookie."
    ),
    components(schemas(
        hometime_api::ApiError,
        hometime_api::ErrorCode,
        hometime_api::FieldError
    ))
)]
struct ApiDoc;

/// Every API route, with its OpenAPI description, relative to the server root.
pub fn api_routes() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .merge(routes::auth::router())
        .merge(routes::me::router())
        .merge(routes::pupil_auth::router())
        .merge(routes::classes::router())
        .merge(routes::pupils::router())
        .merge(routes::school::router())
        .merge(routes::quiet_hours::router())
        .merge(routes::points::router())
        .merge(routes::skills::router())
        .merge(routes::avatar::router())
        .merge(routes::health::router())
        .merge(routes::threads::router())
        .merge(routes::chat::router())
        .merge(routes::events::router())
        .merge(routes::consent::router())
        .merge(routes::thread_photos::router())
        .merge(routes::export::router())
        .merge(routes::stories::router())
        .merge(routes::photos::router());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(API_PREFIX, v1)
}

/// The OpenAPI document, generated from the routes once.
pub fn openapi() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| api_routes().split_for_parts().1)
}

pub(crate) fn openapi_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| openapi().to_json().unwrap_or_else(|_| "{}".to_owned()))
}

async fn method_not_allowed() -> AppError {
    AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "This address does not accept that method.",
    )
}

/// The whole application: API, app files, and the layers every response passes through.
pub fn app(state: AppState) -> Router {
    let (api, _) = api_routes().split_for_parts();
    api.layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(static_files::serve)
        .layer(axum::middleware::from_fn(logging::log_request))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::add_headers,
        ))
        .with_state(state)
}

/// Builds the shared state: connects and migrates the database, seeds the demo school into an empty
/// one (unless disabled), and prepares the dummy hash and security headers.
pub async fn prepare(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    let store = Store::connect(&config.database_url).await?;
    let dummy_hash = secrets::hash_password(secrets::new_token(), config.password)
        .await
        .map_err(|e| anyhow::anyhow!("hashing failed: {:?}", e.body.code))?;
    if config.seed_demo && store.is_empty().await? {
        let demo_hash = secrets::hash_password(
            hometime_store::seed::DEMO_PASSWORD.to_owned(),
            config.password,
        )
        .await
        .map_err(|e| anyhow::anyhow!("hashing failed: {:?}", e.body.code))?;
        hometime_store::seed::demo(&store, &demo_hash, clock.now_ms()).await?;
        tracing::info!("seeded the demo school");
    }
    let index = std::fs::read_to_string(config.dist.join("index.html")).ok();
    if index.is_none() {
        tracing::warn!(dist = %config.dist.display(), "the app is not built; serving the API only");
    }
    let security = security::SecurityHeaders::new(index.as_deref(), config.https);
    Ok(AppState {
        store,
        clock,
        config: Arc::new(config),
        dummy_hash: dummy_hash.into(),
        security: Arc::new(security),
        live: Arc::new(live::Hub::new()),
    })
}

/// Starts the server with the real clock: what `main` does, for embedding and tools.
pub async fn serve(config: Config) -> anyhow::Result<Server> {
    Server::start(config, Arc::new(SystemClock)).await
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
    sweeper: JoinHandle<()>,
    /// Tails the live-event log (see [`live`]).
    tailer: JoinHandle<()>,
    /// Announces scheduled messages when they become visible.
    deliveries: JoinHandle<()>,
}

impl Server {
    /// Prepares the state, binds `config.addr` (port 0 picks a free port) and starts serving.
    pub async fn start(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<Server> {
        let addr = config.addr;
        let state = prepare(config, clock).await?;
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        // Without TCP_NODELAY, small responses wait on Nagle's algorithm and delayed ACKs (40 ms each).
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "could not set TCP_NODELAY");
            }
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let task = tokio::spawn(async move {
            axum::serve(listener, service)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
        });
        let sweeper = tokio::spawn(sweep(state.clone()));
        let tailer = tokio::spawn(live::tail(state.clone()));
        let deliveries = tokio::spawn(live::sweep_deliveries(state.clone()));
        Ok(Server {
            addr,
            state,
            stop: Some(stop),
            task,
            sweeper,
            tailer,
            deliveries,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then lets requests in flight finish.
    pub async fn run_until(mut self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        tokio::select! {
            res = &mut self.task => return Ok(res??),
            () = shutdown => {}
        }
        self.stop().await
    }

    /// Stops accepting connections and waits for requests in flight.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.sweeper.abort();
        self.tailer.abort();
        self.deliveries.abort();
        (&mut self.task).await??;
        self.state.store.close().await;
        Ok(())
    }
}

/// Deletes expired sessions and old attempt counters every ten minutes.
async fn sweep(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = state.now();
        let window = i64::try_from(state.config.limits.window.as_millis()).unwrap_or(i64::MAX);
        if let Err(e) = state.store.delete_expired_sessions(now).await {
            tracing::warn!(error = %e, "sweeping sessions failed");
        }
        if let Err(e) = state
            .store
            .purge_rate_limits(now.saturating_sub(window))
            .await
        {
            tracing::warn!(error = %e, "sweeping attempt counters failed");
        }
        match retention::sweep_points(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "deleted points past their retention period"),
            Err(e) => tracing::warn!(error = %e, "sweeping old points failed"),
        }
    }
}
