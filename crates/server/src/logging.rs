//! Request logging: method, route template, status and latency. Never bodies, query strings, names,
//! passwords or tokens: the template (`/api/v1/classes/{id}`) is logged, not the path the client sent.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map_or_else(
        || {
            if req.uri().path().starts_with("/api/") {
                "<unknown api path>".to_owned()
            } else {
                "<app file>".to_owned()
            }
        },
        |m| m.as_str().to_owned(),
    );
    let res = next.run(req).await;
    let status = res.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::error!(%method, route, status, latency_ms, "request");
    } else {
        tracing::info!(%method, route, status, latency_ms, "request");
    }
    res
}
