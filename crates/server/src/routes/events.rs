//! `GET /events`: server-sent events telling a signed-in adult that something they may see changed
//! (a thread message, a read, a class-chat post or removal). Events carry a kind and an id, never text
//! or names; the app refetches what changed. Pupils get 403.

use std::collections::HashSet;
use std::convert::Infallible;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::Stream;
use futures_util::stream::StreamExt;
use hometime_api::{ApiError, LiveEvent, LiveEventKind};
use hometime_domain::ClassId;
use hometime_store::Event;
use tokio::sync::broadcast;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::AppResult;
use crate::messaging::{SchoolConfig, school_of, staff_classes};
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

/// How long a subscriber's idea of which classes it belongs to is trusted before it is loaded again
/// (cover windows start and end; children are linked).
const AUDIENCE_TTL: Duration = Duration::from_secs(30);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}

/// Who a subscriber is, for deciding which events reach them.
#[derive(Clone, Debug, Default)]
struct Audience {
    user: i64,
    school: i64,
    /// Classes whose private threads the subscriber takes part in on the staff side.
    thread_classes: HashSet<i64>,
    /// Classes whose chat the subscriber belongs to.
    chat_classes: HashSet<i64>,
}

impl Audience {
    async fn load(state: &AppState, adult: &Adult) -> AppResult<Audience> {
        let school = SchoolConfig::load(state, school_of(state, adult).await?).await?;
        let (threads, mut chats) = staff_classes(state, adult, &school).await?;
        for c in state.store.children_of(adult.id()).await? {
            chats.push(c.class_id);
        }
        if !school.class_chat_enabled {
            chats.clear();
        }
        Ok(Audience {
            user: adult.id().0,
            school: school.id.0,
            thread_classes: threads.iter().map(|c: &ClassId| c.0).collect(),
            chat_classes: chats.iter().map(|c| c.0).collect(),
        })
    }

    fn may_see(&self, e: &Event) -> Option<LiveEvent> {
        if e.school_id != self.school {
            return None;
        }
        let kind = match e.kind.as_str() {
            "thread_message" => LiveEventKind::ThreadMessage,
            "thread_read" => LiveEventKind::ThreadRead,
            "chat_message" => LiveEventKind::ChatMessage,
            "chat_removed" => LiveEventKind::ChatRemoved,
            _ => return None,
        };
        let class = e.class_id?;
        let allowed = match kind {
            LiveEventKind::ThreadMessage | LiveEventKind::ThreadRead => {
                e.parent_user_id == Some(self.user) || self.thread_classes.contains(&class)
            }
            LiveEventKind::ChatMessage | LiveEventKind::ChatRemoved => {
                self.chat_classes.contains(&class)
            }
        };
        allowed.then(|| LiveEvent {
            id: e.id,
            kind,
            thread_id: e.thread_id,
            class_id: e.thread_id.is_none().then_some(ClassId(class)),
        })
    }
}

fn kind_name(kind: LiveEventKind) -> &'static str {
    match kind {
        LiveEventKind::ThreadMessage => "thread_message",
        LiveEventKind::ThreadRead => "thread_read",
        LiveEventKind::ChatMessage => "chat_message",
        LiveEventKind::ChatRemoved => "chat_removed",
    }
}

/// A stream of live events for the signed-in adult (`text/event-stream`). Each event's name is its
/// kind and its data a `LiveEvent`; a comment is sent every 15 seconds to keep proxies from closing it.
#[utoipa::path(get, path = "/events", tag = "messaging", responses(
    (status = 200, content_type = "text/event-stream", body = LiveEvent,
     description = "Server-sent events, one `LiveEvent` per message"),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>> {
    let adult = authz::require_adult(&user)?.clone();
    let audience = Audience::load(&state, &adult).await?;
    let rx = state.live.subscribe();
    let start = (rx, audience, Instant::now(), state, adult);
    let stream = futures_util::stream::unfold(
        start,
        |(mut rx, mut audience, mut loaded, state, adult)| async move {
            loop {
                match rx.recv().await {
                    Ok(e) => {
                        if loaded.elapsed() > AUDIENCE_TTL {
                            if let Ok(fresh) = Audience::load(&state, &adult).await {
                                audience = fresh;
                            }
                            loaded = Instant::now();
                        }
                        if let Some(live) = audience.may_see(&e) {
                            return Some((live, (rx, audience, loaded, state, adult)));
                        }
                    }
                    // A lagging subscriber skips what it missed; the app refetches on reconnect anyway.
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        },
    )
    .map(|e| {
        let data = serde_json::to_string(&e).unwrap_or_default();
        Ok(SseEvent::default()
            .event(kind_name(e.kind))
            .id(e.id.to_string())
            .data(data))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
