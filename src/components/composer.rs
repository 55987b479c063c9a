//! The message composer used wherever a message is written. Every keystroke runs the school's policy
//! engine on the device (a `Memo` of the text, so nothing waits on the network and nothing leaves the
//! device before Send); findings appear under the text with the words highlighted, the guidance in plain
//! words and the right control. Blocks disable Send with the reason beside it; warnings turn Send into
//! "Send anyway", which sends the rule ids only. A server rejection shows the server's findings the same
//! way and keeps the draft. Where the page offers "Add photo", the engine also judges the photos (a
//! parent's photo in class chat is blocked at once, before anything is uploaded).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use hometime_api::{ErrorCode, SendMessageRequest};
use hometime_policy::{AuthorRole, Context, Finding, Severity};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::error_notice::ErrorNotice;
use crate::components::finding_item::FindingItem;
use crate::components::photo_attach::{Attachments, PhotoAttach};
use crate::composer_logic::{
    Checker, Segment, SendState, Suppressions, acknowledgements, block_reason, from_server,
    segments, span_text, visible,
};
use crate::errors::AppError;
use crate::photo_logic::{PHOTO_FIELDS, photo_findings, refused_photo};

/// What the page does with a message the writer sends: calls its endpoint and reports how it went.
pub type Sender =
    Rc<dyn Fn(SendMessageRequest) -> Pin<Box<dyn Future<Output = Result<(), AppError>>>>>;

/// Turns a class-chat draft into a private message to the class teacher (the draft stays on the device).
pub type SendPrivately = Rc<dyn Fn(String)>;

/// The composer's state that the findings' controls act on. All signals: cheap to copy into each finding.
#[derive(Clone, Copy)]
pub struct ComposerHandle {
    pub draft: RwSignal<String>,
    pub suppressed: RwSignal<Suppressions>,
    pub schedule: RwSignal<bool>,
    pub teacher_name: StoredValue<Option<String>>,
    pub send_privately: StoredValue<Option<SendPrivately>, LocalStorage>,
}

/// Now, as a wall-clock time in the school's time zone, read from the browser (the engine has no clock).
/// Falls back to the device's own local time if the browser does not know the zone.
pub fn school_now(time_zone: &str) -> NaiveDateTime {
    let now = js_sys::Date::new_0();
    in_zone(&now, time_zone).unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .and_then(|d| d.and_hms_opt(now.get_hours(), now.get_minutes(), now.get_seconds()))
        .unwrap_or_default()
    })
}

fn in_zone(date: &js_sys::Date, time_zone: &str) -> Option<NaiveDateTime> {
    let options = js_sys::Object::new();
    for (k, v) in [
        ("timeZone", time_zone),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
        ("hourCycle", "h23"),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let locales = js_sys::Array::of1(&JsValue::from_str("en-GB"));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let parts = format.format_to_parts(date);
    let field = |name: &str| -> Option<u32> {
        parts.iter().find_map(|p| {
            let kind = js_sys::Reflect::get(&p, &"type".into()).ok()?.as_string()?;
            (kind == name)
                .then(|| js_sys::Reflect::get(&p, &"value".into()).ok()?.as_string())
                .flatten()?
                .parse()
                .ok()
        })
    };
    let (y, mo, d) = (field("year")?, field("month")?, field("day")?);
    let (h, mi, s) = (field("hour")?, field("minute")?, field("second")?);
    NaiveDate::from_ymd_opt(y as i32, mo, d)?.and_hms_opt(h, mi, s)
}

/// What the engine found in a draft, as every composer shows it (this one and the story composer): the
/// device's findings, or the server's while the text is exactly what the server refused; those the
/// writer has not dismissed; whether it may be sent; and the text split for the highlight layer.
#[derive(Clone, Copy)]
pub struct DraftFindings {
    /// The server's findings for the text it refused, shown until the writer changes the draft.
    pub server: RwSignal<Option<(String, Vec<Finding>)>>,
    /// Everything found for the current text (the server's answer while the text is what it refused).
    pub found: Memo<Vec<Finding>>,
    /// `found` less what the writer dismissed.
    pub shown: Memo<Vec<Finding>>,
    pub state: Memo<SendState>,
    pub marks: Memo<Vec<Segment>>,
}

impl DraftFindings {
    /// Follows `draft`, with `local` the engine's findings for it on the device.
    pub fn new(
        draft: RwSignal<String>,
        suppressed: RwSignal<Suppressions>,
        local: Memo<Vec<Finding>>,
    ) -> Self {
        let server = RwSignal::new(None::<(String, Vec<Finding>)>);
        let found = Memo::new(move |_| {
            let text = draft.get();
            match server.get() {
                Some((sent, f)) if sent == text => f,
                _ => local.get(),
            }
        });
        let shown = Memo::new(move |_| {
            let text = draft.get();
            found.with(|f| suppressed.with(|s| visible(&text, f, s)))
        });
        let state = Memo::new(move |_| shown.with(|f| SendState::of(f)));
        let marks = Memo::new(move |_| draft.with(|t| shown.with(|f| segments(t, f))));
        DraftFindings {
            server,
            found,
            shown,
            state,
            marks,
        }
    }
}

/// The draft's text box over its highlight layer: the layer marks the findings' words in place (by
/// severity) and scrolls with the text. `described_by` names the findings and the reason Send is off.
pub fn marked_text(
    id: String,
    max_chars: usize,
    described_by: String,
    draft: RwSignal<String>,
    marks: Memo<Vec<Segment>>,
) -> impl IntoView {
    let backdrop = NodeRef::<leptos::html::Div>::new();
    view! {
        <div class="composer-field">
            <div class="composer-backdrop" aria-hidden="true" node_ref=backdrop>
                {move || {
                    marks
                        .get()
                        .into_iter()
                        .map(|seg| match seg.mark {
                            None => view! { <span>{seg.text}</span> }.into_any(),
                            Some(s) => view! { <mark class=mark_class(s)>{seg.text}</mark> }.into_any(),
                        })
                        .collect_view()
                }}
                // Keeps a final empty line as tall in the layer as in the textarea.
                " "
            </div>
            <textarea
                id=id
                class="composer-text"
                rows="4"
                maxlength=max_chars.to_string()
                aria-describedby=described_by
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:scroll=move |ev| {
                    let top = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .map_or(0, |t| t.scroll_top());
                    if let Some(layer) = backdrop.get() {
                        layer.set_scroll_top(top);
                    }
                }
            ></textarea>
        </div>
    }
}

/// The findings under the draft, each with its words, guidance and controls (nothing when there are
/// none). `heading` names the list for screen readers ("Before you send").
pub fn finding_list(
    draft: RwSignal<String>,
    shown: Memo<Vec<Finding>>,
    handle: ComposerHandle,
    context: Context,
    heading: &'static str,
) -> impl IntoView {
    move || {
        let text = draft.get();
        let list = shown.get();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="finding-list" aria-label=heading>
                    {list
                        .into_iter()
                        .map(|f| {
                            let words = span_text(&text, &f);
                            view! { <FindingItem finding=f words=words handle=handle context=context/> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

#[component]
pub fn Composer(
    checker: Checker,
    role: AuthorRole,
    context: Context,
    /// The draft. The page owns it so quick replies and hand-offs from class chat can fill it.
    draft: RwSignal<String>,
    /// The textarea's label, e.g. "Message to Mr Daly".
    label: String,
    send: Sender,
    /// Roster id of the pupil a private thread is about.
    #[prop(optional)]
    child: Option<String>,
    /// The class teacher, for the meeting request's greeting.
    #[prop(default = None)]
    teacher_name: Option<String>,
    /// Class chat: how "Send privately to the teacher instead" opens the private thread.
    #[prop(default = None)]
    send_privately: Option<SendPrivately>,
    /// Prefix for element ids, unique on the page.
    #[prop(into, default = "composer".to_owned())]
    id: String,
    /// Photos attached to the message ("Add photo"); `None` where photos are not offered. The page's
    /// sender reads them; the engine says at once whether photos may go here.
    #[prop(default = None)]
    attachments: Option<Attachments>,
) -> impl IntoView {
    let handle = ComposerHandle {
        draft,
        suppressed: RwSignal::new(Suppressions::default()),
        schedule: RwSignal::new(false),
        teacher_name: StoredValue::new(teacher_name),
        send_privately: StoredValue::new_local(send_privately),
    };
    let time_zone = checker.time_zone().to_owned();
    let photo_zone = time_zone.clone();
    let checker = StoredValue::new_local(checker);
    // The check runs synchronously as the text changes: the engine takes well under a millisecond.
    let local = Memo::new(move |_| {
        draft.with(|text| {
            checker.with_value(|c| {
                c.check(
                    role,
                    context,
                    child.as_deref(),
                    text,
                    school_now(&time_zone),
                )
            })
        })
    });
    let DraftFindings {
        server,
        found,
        shown,
        state,
        marks,
    } = DraftFindings::new(draft, handle.suppressed, local);
    // What the engine says about the attached photos themselves (a parent's photo in class chat).
    let photo_found = Memo::new(move |_| {
        let n = attachments.map_or(0, |a| a.count());
        checker.with_value(|c| {
            photo_findings(c.engine(), role, context, n, &[], school_now(&photo_zone))
        })
    });
    let photo_blocked =
        move || photo_found.with(|f| f.iter().any(|f| f.severity == Severity::Block));
    let has_photos = move || attachments.is_some_and(|a| a.count() > 0);
    let error = RwSignal::new(None::<AppError>);

    let send = StoredValue::new_local(send);
    let action = Action::new_local(move |req: &SendMessageRequest| {
        let req = req.clone();
        let fut = send.with_value(|s| s(req.clone()));
        async move {
            match fut.await {
                Ok(()) => {
                    // Only now does the draft go: it was sent.
                    if draft.get_untracked() == req.body {
                        draft.set(String::new());
                    }
                    handle.suppressed.set(Suppressions::default());
                    handle.schedule.set(false);
                    if let Some(a) = attachments {
                        a.clear();
                    }
                    server.set(None);
                    error.set(None);
                }
                Err(e) => {
                    if let AppError::Api(api) = &e
                        && api.code == ErrorCode::PolicyBlocked
                    {
                        server.set(Some((req.body.clone(), from_server(&api.findings))));
                    }
                    error.set(Some(e));
                }
            }
        }
    });
    let pending = action.pending();

    let textarea_id = format!("{id}-text");
    let findings_id = format!("{id}-findings");
    let reason_id = format!("{id}-reason");
    let described_by = format!("{findings_id} {reason_id}");

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = draft.get_untracked();
        let st = state.get_untracked();
        let empty = body.trim().is_empty() && !untrack(has_photos);
        if empty || st == SendState::Blocked || untrack(photo_blocked) || pending.get_untracked() {
            return;
        }
        error.set(None);
        action.dispatch(SendMessageRequest {
            body,
            acknowledged: found.with_untracked(|f| acknowledgements(f)),
            schedule_for_next_working_morning: handle.schedule.get_untracked(),
        });
    };
    let button_label = move || {
        if pending.get() {
            "Sending…"
        } else if matches!(state.get(), SendState::NeedsAcknowledgement(_)) {
            "Send anyway"
        } else {
            "Send"
        }
    };
    let disabled = move || {
        pending.get()
            || state.get() == SendState::Blocked
            || photo_blocked()
            || (draft.with(|d| d.trim().is_empty()) && !has_photos())
    };
    let photos = attachments.map(|a| {
        let go = handle.send_privately.with_value(Option::is_some).then(|| {
            Callback::new(move |()| {
                let draft = handle.draft.get_untracked();
                if let Some(go) = handle.send_privately.get_value() {
                    go(draft);
                }
            })
        });
        let refused = Signal::derive(move || {
            error.with(|e| e.as_ref().and_then(|e| refused_photo(e.fields())))
        });
        view! {
            <PhotoAttach
                attachments=a
                findings=Signal::derive(move || photo_found.get())
                send_privately=go
                refused=refused
                id=id.clone()
            />
        }
    });

    view! {
        <form class="composer" on:submit=submit>
            <label for=textarea_id.clone() class="composer-label">
                {label}
            </label>
            {marked_text(textarea_id, hometime_api::MAX_MESSAGE_CHARS, described_by, draft, marks)}
            <div id=findings_id class="findings" aria-live="polite">
                {finding_list(draft, shown, handle, context, "Before you send")}
            </div>
            {photos}
            {move || error.get().map(|e| view! { <ErrorNotice error=e fields=&PHOTO_FIELDS/> })}
            <div class="composer-actions">
                <button type="submit" class="button button-primary" disabled=disabled>
                    {button_label}
                </button>
                <p id=reason_id class="composer-reason">
                    {move || {
                        shown
                            .with(|f| block_reason(f))
                            .or_else(|| {
                                photo_blocked()
                                    .then_some(
                                        "Can't send: photos of children can't be posted here. Send them privately to the teacher, or remove them.",
                                    )
                            })
                    }}
                </p>
            </div>
        </form>
    }
}

fn mark_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Block => "mark mark-block",
        Severity::Warn => "mark mark-warn",
        Severity::Info => "mark mark-info",
    }
}

/// A class-chat draft on its way to a private thread ("Send privately to the teacher instead"). Held in
/// memory on the device only: never in the URL, never sent anywhere until the writer presses Send there.
#[derive(Clone, Copy)]
pub struct DraftHandoff(pub RwSignal<Option<String>>);

impl Default for DraftHandoff {
    fn default() -> Self {
        DraftHandoff(RwSignal::new(None))
    }
}

/// The hand-off from context (a fresh, empty one outside the app, e.g. in component tests).
pub fn use_handoff() -> DraftHandoff {
    use_context::<DraftHandoff>().unwrap_or_default()
}
