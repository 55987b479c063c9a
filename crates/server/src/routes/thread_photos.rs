//! Photos in messaging. A parent sends photos of their own child privately to the teacher in their
//! thread (`POST /threads/{id}/photos`); class chat never carries photos, and
//! `POST /classes/{id}/chat/photos` is where an app that tries gets the reason
//! (the policy's `photo-in-shared-space`).
//!
//! Both take `multipart/form-data`: a part named `message` holding [`SendMessageRequest`] as JSON (its
//! `body` may be empty when photos come with it), then 1 to [`MAX_PHOTOS_PER_POST`] parts named `photo`.
//! They also read a plain JSON `SendMessageRequest`, with the same answers to bad JSON as every other
//! endpoint, so a request without photos gets a clear 4xx rather than a confusing one.
//!
//! A thread photo is decoded, oriented and stripped of every piece of metadata off the async runtime
//! (`routes::photos::process_photo`), one at a time, after every check that needs no photo bytes has
//! passed (the caller's place in the thread, the text, the policy re-check); a refused file is a 4xx naming
//! `photo[i]` and nothing is stored. The message and its photos are stored in one transaction by the same
//! send path as text messages (`threads::check_send` and `store_send`), so the live event, read mark and
//! audit record are the same.

use axum::Json;
use axum::extract::multipart::Multipart;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use hometime_api::{ApiError, MAX_PHOTOS_PER_POST, MessageView, SendMessageRequest};
use hometime_domain::ClassId;
use hometime_policy::{AuthorRole, Context, PhotoFacts};
use hometime_store::NewMessagePhoto;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::messaging::{
    AdultOnly, Recheck, SchoolConfig, chat_member, policy_pack_for_class, recheck_with_pack,
    school_of, thread_for_caller,
};
use crate::routes::photos::{
    UPLOAD_BODY_LIMIT, content_type, drain, open_multipart, or_drain, photo_files, read_json_body,
    read_json_part, read_photos,
};
use crate::routes::threads::{check_send, store_send};
use crate::session::Adult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    // Photos make these bodies large: the upload limit applies to these two routes only (the chat route
    // needs it to read and discard what it refuses, so the sender gets the answer, not a reset).
    let (schemas, paths, send) = routes!(send_photos);
    let (chat_schemas, chat_paths, chat) = routes!(chat_photos);
    OpenApiRouter::new()
        .routes((
            schemas,
            paths,
            send.layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        ))
        .routes((
            chat_schemas,
            chat_paths,
            chat.layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        ))
}

fn message_required() -> AppError {
    AppError::invalid(
        "message",
        "required",
        "The message must come first, in a part named `message`.",
    )
}

/// What to send instead of a body that is neither multipart nor JSON.
const UNSUPPORTED: &str =
    "Send photos as multipart/form-data: a `message` part (JSON), then `photo` parts.";

/// Reads the `message` part, which must come first.
async fn read_message(
    state: &AppState,
    multipart: &mut Multipart,
) -> AppResult<SendMessageRequest> {
    read_json_part(
        state,
        multipart,
        "message",
        message_required,
        "The message is too large.",
    )
    .await
}

fn photo_required() -> AppError {
    AppError::invalid(
        "photo",
        "required",
        "Add at least one photo, or send a text message instead.",
    )
}

/// The checks and the send, once the multipart body is open.
async fn send_multipart(
    state: &AppState,
    adult: &Adult,
    id: i64,
    multipart: &mut Multipart,
) -> AppResult<(StatusCode, Json<MessageView>)> {
    // Only the thread's parent and the staff who may write in it get past here; nobody else's upload
    // is read.
    let school = SchoolConfig::load(state, school_of(state, adult).await?).await?;
    thread_for_caller(state, adult, &school, id).await?;
    let message = read_message(state, multipart).await?;
    let checked = check_send(state, adult, id, &message, true).await?;
    let processed = read_photos(multipart, "message", MAX_PHOTOS_PER_POST, || {
        AppError::invalid(
            "photo",
            "too_many",
            &format!("A message can carry up to {MAX_PHOTOS_PER_POST} photos."),
        )
    })
    .await?;
    if processed.is_empty() {
        return Err(photo_required());
    }
    let photos: Vec<NewMessagePhoto> = processed.iter().map(photo_files).collect();
    store_send(state, adult, &message, &checked, &photos).await
}

/// Sends photos in a private thread: the thread's parent (photos of their own child, seen only by the
/// teacher) and the staff who may write in it. The text is re-checked like any thread message and may be
/// empty. Every photo is decoded and stripped of its metadata; a refused file leaves nothing stored.
#[utoipa::path(post, path = "/threads/{id}/photos", tag = "messaging",
    params(("id" = i64, Path, description = "Thread id")),
    request_body(
        description = "`multipart/form-data`: a part `message` (SendMessageRequest JSON), then 1 to 10 parts \
                       `photo` (JPEG, PNG or WebP files). A JSON SendMessageRequest alone is refused with \
                       422 (`photo` required).",
        content((SendMessageRequest = "application/json"), ("multipart/form-data"))
    ),
    responses(
        (status = 201, body = MessageView),
        (status = 400, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 413, body = ApiError, description = "`payload_too_large` or `image_too_large` (bytes)"),
        (status = 415, body = ApiError),
        (status = 422, body = ApiError, description = "validation, `unsupported_image`, `image_too_large` (pixels) or `policy_blocked` (with findings)"),
    ))]
async fn send_photos(
    State(state): State<AppState>,
    // Refuses pupils before the body is read.
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    req: Request,
) -> AppResult<(StatusCode, Json<MessageView>)> {
    if content_type(&req) == "multipart/form-data" {
        let mut multipart = open_multipart(&state, req).await?;
        let sent = send_multipart(&state, &adult, id, &mut multipart).await;
        return or_drain(&mut multipart, sent).await;
    }
    let message = read_json_body(&state, req, UNSUPPORTED).await?;
    check_send(&state, &adult, id, &message, true).await?;
    Err(photo_required())
}

/// Why class chat refuses photos, for the caller: a parent gets the policy engine's own finding
/// (`photo-in-shared-space`, with the same guidance and "send privately" action the app shows), with any
/// finding about the text; staff are pointed to the Class Story, where consent is checked.
async fn refuse_chat_photos(
    state: &AppState,
    adult: &Adult,
    class: ClassId,
    message: &SendMessageRequest,
) -> AppError {
    let (class, school, role) = match chat_member(state, adult, class).await {
        Ok(member) => member,
        Err(e) => return e,
    };
    if role.author == AuthorRole::Parent {
        let pack = match policy_pack_for_class(state, &school, &class, Some(adult.id())).await {
            Ok(pack) => pack,
            Err(e) => return e,
        };
        let check = Recheck {
            school: &school,
            class: &class,
            author: adult,
            role: role.author,
            context: Context::ClassChat,
            child: None,
            text: &message.body,
            acknowledged: &message.acknowledged,
        };
        if let Err(e) = recheck_with_pack(state, &check, pack, Some(PhotoFacts::default())) {
            return e;
        }
    }
    AppError::invalid(
        "photo",
        "not_allowed",
        "Class chat doesn't carry photos. Share photos on the Class Story, where each child's photo \
         consent is checked.",
    )
}

/// Class chat never carries photos: this answers any attempt, whatever it holds, with the reason.
/// Members of the chat get 422: parents `policy_blocked` with the engine's `photo-in-shared-space`
/// finding (photos of their child go privately to the teacher: `POST /threads/{id}/photos`), staff a
/// validation error naming `photo`. Non-members get 403 (404 for a class of another school). Nothing is
/// ever stored.
#[utoipa::path(post, path = "/classes/{id}/chat/photos", tag = "messaging",
    params(("id" = i64, Path, description = "Class id")),
    request_body(
        description = "What an app would send: `multipart/form-data` with an optional part `message` \
                       (SendMessageRequest JSON) and `photo` parts, or a JSON SendMessageRequest. Always \
                       refused.",
        content((SendMessageRequest = "application/json"), ("multipart/form-data"))
    ),
    responses(
        (status = 400, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 413, body = ApiError),
        (status = 415, body = ApiError),
        (status = 422, body = ApiError, description = "`policy_blocked` with the `photo-in-shared-space` finding (parents), or validation naming `photo` (staff)"),
    ))]
async fn chat_photos(
    State(state): State<AppState>,
    // Refuses pupils before the body is read.
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    req: Request,
) -> AppResult<StatusCode> {
    let message = if content_type(&req) == "multipart/form-data" {
        let mut multipart = open_multipart(&state, req).await?;
        // The text, if the app sent it first, so the findings match what the composer showed; the
        // photos themselves are never read.
        let message = read_message(&state, &mut multipart).await.ok();
        drain(&mut multipart).await;
        message.unwrap_or(SendMessageRequest {
            body: String::new(),
            acknowledged: Vec::new(),
            schedule_for_next_working_morning: false,
        })
    } else {
        read_json_body(&state, req, UNSUPPORTED).await?
    };
    Err(refuse_chat_photos(&state, &adult, ClassId(id), &message).await)
}
