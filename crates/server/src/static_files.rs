//! The built app, served from the same address as the API: real files by path (precompressed `.br`/`.gz`
//! when present), `index.html` for app routes such as `/parent`, and a plain 404 for missing files, so a
//! wrong asset URL never gets HTML back.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use tower_http::services::ServeDir;

use crate::error::AppError;
use crate::state::AppState;

/// Fallback handler for every path no API route matched.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return AppError::not_found().into_response();
    }
    let dist = &state.config.dist;
    if !dist.join("index.html").is_file() {
        return not_built(&path);
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let is_file = last.contains('.');
    let (req, cache) = if is_file {
        (req, cache_control(last))
    } else {
        // An app route: the app decides what to show, so every such path gets the app's shell.
        let (mut parts, body) = req.into_parts();
        parts.uri = Uri::from_static("/index.html");
        (Request::from_parts(parts, body), "no-cache")
    };
    let mut service = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    match service.try_call(req).await {
        Ok(res) => {
            let mut res = res.map(Body::new);
            if (res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED)
                && let Ok(v) = HeaderValue::from_str(cache)
            {
                res.headers_mut().insert(header::CACHE_CONTROL, v);
            }
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "reading app file failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Trunk names built assets `name-<16 hex digits>.ext`; those never change, so browsers may keep them.
fn is_hashed(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

fn cache_control(file: &str) -> &'static str {
    if is_hashed(file) {
        "public, max-age=31536000, immutable"
    } else {
        // index.html, sw.js, the manifest and icons keep their names across releases, so browsers must
        // check for a new version each time.
        "no-cache"
    }
}

fn not_built(path: &str) -> Response {
    let last = Path::new(path).extension();
    if last.is_some() {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Html(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hometime</title></head>\
             <body><h1>Hometime</h1><p>The app has not been built yet, so there is nothing to show here. \
             Build it with <code>cargo xtask run</code> (or point <code>HOMETIME_DIST</code> at a built \
             app). The API is running under <code>/api/v1</code>.</p></body></html>",
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_assets_are_cached_for_ever() {
        let cases = [
            ("hometime-1a2b3c4d5e6f7a8b.js", true),
            ("hometime-1a2b3c4d5e6f7a8b_bg.wasm", true),
            ("style-0123456789abcdef.css", true),
            ("index.html", false),
            ("sw.js", false),
            ("manifest.webmanifest", false),
            ("icon-192.png", false),
        ];
        for (file, hashed) in cases {
            assert_eq!(is_hashed(file), hashed, "{file}");
        }
    }
}
