//! A parent's subject-access copy of their own messages: every thread they are part of (all messages in
//! it, as they see them) and the class-chat messages they wrote, as JSON and as a readable HTML file.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hometime_api::{ApiError, MessageExport, MessageView, ThreadMessages, ThreadSummary};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::clock::rfc3339;
use crate::error::AppResult;
use crate::messaging::{SchoolConfig, Side, school_of, thread_views, view};
use crate::session::CurrentUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export_json))
        .routes(routes!(export_html))
}

async fn build(state: &AppState, user: &CurrentUser) -> AppResult<MessageExport> {
    let adult = authz::require_adult(user)?;
    let school = SchoolConfig::load(state, school_of(state, adult).await?).await?;
    let now = state.now();
    let mut threads = Vec::new();
    for row in state.store.threads_of_parent(adult.id(), now).await? {
        let t = &row.thread;
        let messages = thread_views(state, &school, t, adult.id(), Side::Parent).await?;
        threads.push(ThreadMessages {
            thread: ThreadSummary {
                id: t.id,
                pupil_id: t.pupil_id,
                pupil_name: t.pupil_name.clone(),
                parent_id: t.parent_id,
                parent_name: t.parent_name.clone(),
                teacher_id: None,
                teacher_name: None,
                class_id: t.class_id,
                class_name: t.class_name.clone(),
                last_message_at: row.last_message_at.map(rfc3339),
                unread: row.unread,
            },
            messages,
        });
    }
    let class_chat_messages = state
        .store
        .chat_messages_by(adult.id())
        .await?
        .iter()
        .map(|m| view(m, adult.id(), None))
        .collect();
    Ok(MessageExport {
        generated_at: rfc3339(now),
        display_name: adult.user.display_name.clone(),
        school_name: school.name,
        threads,
        class_chat_messages,
    })
}

fn attachment(content_type: &'static str, name: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                match name {
                    "json" => "attachment; filename=\"hometime-messages.json\"",
                    _ => "attachment; filename=\"hometime-messages.html\"",
                },
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The caller's messages as JSON (a download).
#[utoipa::path(get, path = "/me/export.json", tag = "messaging", responses(
    (status = 200, body = MessageExport),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn export_json(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let export = build(&state, &user).await?;
    let body = serde_json::to_string_pretty(&export).map_err(crate::error::AppError::internal)?;
    Ok(attachment("application/json", "json", body))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn message_html(m: &MessageView) -> String {
    let body = match (&m.body, &m.removed) {
        (Some(b), _) => escape(b),
        (None, Some(r)) => format!("<em>Removed by {}</em>", escape(&r.by_name)),
        (None, None) => String::new(),
    };
    format!(
        "<li><p><strong>{}</strong> <time datetime=\"{}\">{}</time></p><p class=\"body\">{}</p></li>\n",
        escape(&m.author_name),
        escape(&m.sent_at),
        escape(&m.sent_at),
        body
    )
}

/// The caller's messages as a readable HTML page (a download).
#[utoipa::path(get, path = "/me/export.html", tag = "messaging", responses(
    (status = 200, content_type = "text/html", body = String),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn export_html(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let e = build(&state, &user).await?;
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Messages of {name}</title>\
         <style>body{{font-family:sans-serif;max-width:48rem;margin:auto;padding:1rem}}\
         .body{{white-space:pre-wrap}}</style></head><body>\n<h1>Messages of {name}</h1>\n\
         <p>{school}. Generated {at} (UTC).</p>\n",
        name = escape(&e.display_name),
        school = escape(&e.school_name),
        at = escape(&e.generated_at),
    );
    html.push_str("<h2>Conversations with the class teacher</h2>\n");
    for t in &e.threads {
        html.push_str(&format!(
            "<h3>About {} ({} class)</h3>\n<ol>\n",
            escape(&t.thread.pupil_name),
            escape(&t.thread.class_name)
        ));
        for m in &t.messages {
            html.push_str(&message_html(m));
        }
        html.push_str("</ol>\n");
    }
    html.push_str("<h2>Your class-chat messages</h2>\n<ol>\n");
    for m in &e.class_chat_messages {
        html.push_str(&message_html(m));
    }
    html.push_str("</ol>\n</body></html>\n");
    Ok(attachment("text/html; charset=utf-8", "html", html))
}
