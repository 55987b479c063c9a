//! Security headers on every response (API, app files and errors alike), with a Content-Security-Policy
//! that allows the app's own inline scripts by hash, computed at start from the built `index.html`.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The headers, prepared once.
#[derive(Debug)]
pub struct SecurityHeaders {
    headers: Vec<(HeaderName, HeaderValue)>,
}

/// The `'sha256-…'` sources for each inline `<script>` (one without `src`) in an HTML page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script") {
        let tag_start = at + start;
        let Some(tag_len) = lower[tag_start..].find('>') else {
            break;
        };
        let tag = &lower[tag_start..tag_start + tag_len];
        let body_start = tag_start + tag_len + 1;
        let Some(body_len) = lower[body_start..].find("</script") else {
            break;
        };
        if !tag.contains(" src=") && !tag.contains(" src =") {
            let body = &html[body_start..body_start + body_len];
            hashes.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        at = body_start + body_len;
    }
    hashes
}

impl SecurityHeaders {
    pub fn new(index_html: Option<&str>, https: bool) -> SecurityHeaders {
        let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
        script_src.extend(index_html.map(inline_script_hashes).unwrap_or_default());
        let csp = format!(
            "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data: blob:; \
             connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
             base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            script_src.join(" ")
        );
        let mut headers = vec![
            (header::CONTENT_SECURITY_POLICY, csp),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::REFERRER_POLICY, "no-referrer".to_owned()),
            (header::X_FRAME_OPTIONS, "DENY".to_owned()),
            (
                HeaderName::from_static("permissions-policy"),
                "camera=(), microphone=(), geolocation=()".to_owned(),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin".to_owned(),
            ),
        ];
        if https {
            headers.push((
                header::STRICT_TRANSPORT_SECURITY,
                "max-age=31536000; includeSubDomains".to_owned(),
            ));
        }
        SecurityHeaders {
            headers: headers
                .into_iter()
                .filter_map(|(name, value)| HeaderValue::from_str(&value).ok().map(|v| (name, v)))
                .collect(),
        }
    }
}

/// Middleware: adds the security headers to every response, and `Cache-Control: no-store` to API ones
/// (they hold personal data that must not sit in shared or browser caches) unless the handler chose its
/// own: the photo handler lets only the viewer's own browser keep a watermarked photo briefly.
pub async fn add_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path() == "/api" || req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (name, value) in &state.security.headers {
        h.insert(name.clone(), value.clone());
    }
    if is_api && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = r#"<html><head><script type="module" src="/app.js"></script>
            <SCRIPT>alert(1)</SCRIPT><script type="module">import init from '/a.js';</script></head></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let want = format!("'sha256-{}'", STANDARD.encode(Sha256::digest(b"alert(1)")));
        assert_eq!(hashes[0], want);
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
        assert!(inline_script_hashes("<script>unterminated").is_empty());
    }
}
