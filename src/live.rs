//! Live updates: one `EventSource` on `/api/v1/events` per signed-in adult session, opened when someone
//! signs in and closed when they sign out (pupils never open one). Events carry only ids and a kind, never
//! bodies or names; screens watch [`Live::latest`] and refetch what an event concerns. The browser
//! reconnects by itself after a dropped connection (sending `Last-Event-ID`); if the server refused the
//! stream outright we try again after a pause. Every (re)connection bumps [`Live::connected`], so screens
//! also refetch after a gap in which events may have been missed.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use hometime_api::{API_PREFIX, LiveEvent, LiveEventKind};
use hometime_domain::Home;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, EventSourceInit, MessageEvent};

use crate::routes::SessionView;
use crate::session::Session;

/// The SSE event names the server sends (the `LiveEventKind`s in snake case).
const KINDS: [&str; 4] = [
    "thread_message",
    "thread_read",
    "chat_message",
    "chat_removed",
];

/// How long to wait before reopening a stream the server closed (signed out, restarted).
const RETRY: Duration = Duration::from_secs(5);

#[derive(Clone, Copy)]
pub struct Live {
    /// The newest event, if any arrived since the app opened.
    pub latest: RwSignal<Option<LiveEvent>>,
    /// How many times the stream has opened: a change means "refetch, you may have missed something".
    pub connected: RwSignal<u32>,
}

impl Live {
    /// A `Live` that never connects, for component tests.
    pub fn idle() -> Live {
        Live {
            latest: RwSignal::new(None),
            connected: RwSignal::new(0),
        }
    }

    /// Whether the newest event (tracked) is about this thread.
    pub fn touches_thread(&self, thread: i64) -> bool {
        self.latest.with(|e| {
            e.as_ref().is_some_and(|e| {
                matches!(
                    e.kind,
                    LiveEventKind::ThreadMessage | LiveEventKind::ThreadRead
                ) && e.thread_id == Some(thread)
            })
        })
    }

    /// Whether the newest event (tracked) is about this class's chat.
    pub fn touches_chat(&self, class: hometime_domain::ClassId) -> bool {
        self.latest.with(|e| {
            e.as_ref().is_some_and(|e| {
                matches!(
                    e.kind,
                    LiveEventKind::ChatMessage | LiveEventKind::ChatRemoved
                ) && e.class_id == Some(class)
            })
        })
    }
}

/// The live-updates context. Screens in tests without one get an idle one.
pub fn use_live() -> Live {
    use_context::<Live>().unwrap_or_else(Live::idle)
}

/// The open stream and the closures the browser calls, kept together so both are dropped on close.
struct Stream {
    source: EventSource,
    _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Provides [`Live`] and keeps the stream open exactly while an adult is signed in.
pub fn provide_live(session: Session) {
    let live = Live::idle();
    provide_context(live);
    let stream: Rc<RefCell<Option<Stream>>> = Rc::new(RefCell::new(None));
    let wanted = Memo::new(
        move |_| matches!(session.view(), SessionView::SignedIn(home) if home != Home::Pupil),
    );
    let generation = StoredValue::new(0u32);
    let stream_for_effect = stream.clone();
    Effect::new(move |_| {
        generation.update_value(|g| *g += 1);
        if wanted.get() {
            open(live, stream_for_effect.clone(), generation);
        } else {
            stream_for_effect.borrow_mut().take();
        }
    });
}

fn open(live: Live, slot: Rc<RefCell<Option<Stream>>>, generation: StoredValue<u32>) {
    let init = EventSourceInit::new();
    init.set_with_credentials(true);
    let Ok(source) =
        EventSource::new_with_event_source_init_dict(&format!("{API_PREFIX}/events"), &init)
    else {
        return;
    };
    let mut listeners = Vec::new();
    for kind in KINDS {
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let Some(data) = ev
                .dyn_ref::<MessageEvent>()
                .and_then(|m| m.data().as_string())
            else {
                return;
            };
            if let Ok(event) = serde_json::from_str::<LiveEvent>(&data) {
                live.latest.set(Some(event));
            }
        });
        let _ = source.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
        listeners.push(on_event);
    }
    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        live.connected.update(|n| *n += 1);
    });
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    listeners.push(on_open);
    let my_generation = generation.get_value();
    let retry_slot = slot.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let closed = ev
            .target()
            .and_then(|t| t.dyn_into::<EventSource>().ok())
            .is_some_and(|s| s.ready_state() == EventSource::CLOSED);
        if !closed {
            // The browser is already reconnecting.
            return;
        }
        let slot = retry_slot.clone();
        set_timeout(
            move || {
                // Still the same signed-in session: open again.
                if generation.try_get_value() == Some(my_generation) {
                    open(live, slot, generation);
                }
            },
            RETRY,
        );
    });
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    listeners.push(on_error);
    *slot.borrow_mut() = Some(Stream {
        source,
        _listeners: listeners,
    });
}

/// Refetches `resource` whenever a live event `concerns` it, and after every (re)connection, when events
/// may have been missed. Call from a screen's component; the effect ends with it.
pub fn refetch_when<T: 'static>(
    resource: LocalResource<T>,
    concerns: impl Fn(Live) -> bool + 'static,
) {
    let live = use_live();
    Effect::new(move |previous: Option<u32>| {
        let connections = live.connected.get();
        let hit = concerns(live);
        if previous.is_some_and(|p| p != connections) || (previous.is_some() && hit) {
            resource.refetch();
        }
        connections
    });
}
