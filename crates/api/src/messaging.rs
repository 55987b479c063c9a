//! Messaging bodies: private threads with the class teacher, class chat, moderation, working-hours
//! expectations, quick replies, live events and the subject-access export.
//!
//! Times are RFC 3339 strings in UTC unless a field says it is a school-local label. Message bodies are
//! `None` once a message has been removed: the marker stays, the text is no longer served.

use hometime_domain::{ClassId, PupilId, UserId};
use hometime_policy::{Action, RuleId, Severity};
use serde::{Deserialize, Serialize};

/// The longest message body accepted, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// The longest removal or report reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// A private thread's id (one thread per parent and pupil, with the pupil's class teacher).
pub type ThreadId = i64;
/// A message's id (thread messages and class-chat messages share one numbering).
pub type MessageId = i64;

/// `GET /threads`: one row per private thread the caller is part of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadSummary {
    pub id: ThreadId,
    pub pupil_id: PupilId,
    /// The pupil's preferred first name.
    pub pupil_name: String,
    pub parent_id: UserId,
    pub parent_name: String,
    /// The class teacher (or the cover teacher the caller reaches now).
    pub teacher_id: Option<UserId>,
    pub teacher_name: Option<String>,
    pub class_id: ClassId,
    pub class_name: String,
    /// The newest message visible to the caller, RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_message_at: Option<String>,
    /// Messages visible to the caller, written by someone else, not yet read by the caller.
    pub unread: u32,
}

/// Who wrote a message, as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    Parent,
    Teacher,
    Staff,
}

/// The visible marker left where a removed class-chat message was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovedMarker {
    /// Who removed it ("Mr Daly").
    pub by_name: String,
    /// RFC 3339 UTC.
    pub at: String,
}

/// One message in a thread or a class chat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageView {
    pub id: MessageId,
    /// Set for private-thread messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<ThreadId>,
    /// Set for class-chat messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_id: Option<ClassId>,
    pub author_id: UserId,
    pub author_name: String,
    pub author_role: AuthorKind,
    /// Whether the caller wrote it.
    pub mine: bool,
    /// The text; `None` when the message was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<RemovedMarker>,
    /// When it was written, RFC 3339 UTC.
    pub sent_at: String,
    /// When it becomes (or became) visible to families, RFC 3339 UTC. Later than `sent_at` only for staff
    /// messages scheduled for the next working morning; families never see a message before this time.
    pub deliver_at: String,
    /// For messages the caller wrote: when the other side read it, as the caller may see it (staff always
    /// see parents' reads; parents see staff reads only when the school turns read receipts on, and never
    /// before working hours begin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_at: Option<String>,
    /// Photos sent with a private-thread message (a parent's photos of their own child, for the
    /// teacher), in order; served only through the authorised photo handler. Class-chat messages never
    /// carry photos.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<crate::PhotoView>,
}

/// `GET /threads/{id}/messages`: the thread and its messages, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadMessages {
    pub thread: ThreadSummary,
    pub messages: Vec<MessageView>,
}

/// `GET /classes/{id}/chat`: the class chat, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassChat {
    pub class_id: ClassId,
    pub class_name: String,
    /// Whether the caller may remove messages (the class's teacher, a cover teacher, leaders).
    pub can_moderate: bool,
    pub messages: Vec<MessageView>,
}

/// `POST /threads/{id}/messages` and `POST /classes/{id}/chat`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendMessageRequest {
    /// 1 to [`MAX_MESSAGE_CHARS`] characters.
    pub body: String,
    /// Warnings the writer chose to "send anyway". Blocks cannot be acknowledged.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub acknowledged: Vec<RuleId>,
    /// Staff only, private threads only: hold the message until the next working morning.
    #[serde(default)]
    pub schedule_for_next_working_morning: bool,
}

/// `POST /threads`: get or create the thread about a pupil. A parent gives their child's id; staff give
/// the pupil and which parent.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartThreadRequest {
    pub pupil_id: PupilId,
    /// Required for staff; ignored for parents (it is the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<UserId>,
}

/// `POST /chat-messages/{id}/remove`: teacher of the class or leader.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemoveMessageRequest {
    /// Kept in the audit log (1 to [`MAX_REASON_CHARS`] characters).
    pub reason: String,
}

/// `POST /chat-messages/{id}/report`: any member of the class chat.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportMessageRequest {
    /// 1 to [`MAX_REASON_CHARS`] characters.
    pub reason: String,
}

/// `GET /reports`: a reported class-chat message, for leaders. The message text is not repeated here;
/// leaders open the chat to see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageReport {
    pub id: i64,
    pub message_id: MessageId,
    pub class_id: ClassId,
    pub class_name: String,
    pub reporter_name: String,
    pub reason: String,
    /// RFC 3339 UTC.
    pub reported_at: String,
    /// Whether the message has since been removed.
    pub message_removed: bool,
}

/// `POST /classes/{id}/cover`: a leader assigns a cover teacher for a window.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignCoverRequest {
    pub user_id: UserId,
    /// RFC 3339.
    pub starts_at: String,
    /// RFC 3339, after `starts_at`.
    pub ends_at: String,
}

/// A moment as RFC 3339 UTC plus a school-local label for people ("Monday at 8:00").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelledTime {
    pub at: String,
    pub label: String,
}

/// `GET /threads/{id}/reply-expectation`: what a parent sees before sending, especially out of hours:
/// "Mr Daly is back on Monday at 8:00; expect a reply by Wednesday 17:00".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyExpectation {
    /// Whether the teacher is outside their working hours (or quiet window) now.
    pub out_of_hours: bool,
    /// When the teacher is next working; `None` while they are working now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_at: Option<LabelledTime>,
    /// The end of the working day by which a reply can be expected.
    pub reply_by: LabelledTime,
    pub teacher_name: String,
    /// The office's number, for anything urgent.
    pub office_phone: String,
    /// The school's own wording, e.g. "within 48 hours, working days only".
    pub response_expectation: String,
}

/// `GET /quick-replies`: canned staff replies for the policies' redirections, filled with the school's
/// contacts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuickReply {
    /// Stable id, e.g. `absence`, `meeting`, `medication`, `complaint`.
    pub id: String,
    pub title: String,
    pub body: String,
}

/// `GET /unread`: totals for badges.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCounts {
    /// Unread messages across all the caller's private threads.
    pub threads: u32,
    /// Per class chat the caller belongs to: messages newer than the caller last opened it.
    pub class_chats: Vec<ClassUnread>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassUnread {
    pub class_id: ClassId,
    pub unread: u32,
}

/// What changed, in a live event. Events never carry bodies or names: the app refetches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveEventKind {
    /// A message became visible in a thread.
    ThreadMessage,
    /// Someone read a thread (read receipts and unread counts may have changed).
    ThreadRead,
    /// A class-chat message was posted.
    ChatMessage,
    /// A class-chat message was removed.
    ChatRemoved,
}

/// One server-sent event on `GET /events` (the SSE `data:` line; the SSE `event:` name is the kind).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveEvent {
    /// Increasing; also sent as the SSE `id`, so a reconnect resumes after it (`Last-Event-ID`).
    pub id: i64,
    pub kind: LiveEventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<ThreadId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_id: Option<ClassId>,
}

/// A pupil's id in a class policy pack (`"p<id>"`): the engine's `child` and the pack's `pupils[].id`, the
/// same on the server's re-check and in the browser's check as people type.
pub fn roster_id(pupil: PupilId) -> String {
    format!("p{}", pupil.0)
}

/// A policy finding as the server reports it on a 422 `policy_blocked`: the same shape the engine gives
/// the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyFindingView {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub rule: RuleId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub severity: Severity,
    /// Character offsets of the span; `None` for whole-message rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    pub guidance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub action: Option<Action>,
}

impl From<hometime_policy::Finding> for PolicyFindingView {
    fn from(f: hometime_policy::Finding) -> Self {
        PolicyFindingView {
            rule: f.rule,
            severity: f.severity,
            start: f.start,
            end: f.end,
            guidance: f.guidance,
            action: f.action,
        }
    }
}

/// `GET /me/export.json`: a parent's subject-access copy of their own messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageExport {
    /// RFC 3339 UTC.
    pub generated_at: String,
    pub display_name: String,
    pub school_name: String,
    pub threads: Vec<ThreadMessages>,
    /// The caller's own class-chat messages (other families' messages are theirs, not the caller's).
    pub class_chat_messages: Vec<MessageView>,
}
