//! The REST client: one function per endpoint of `/api/v1`, each returning the wire type or an [`AppError`].
//!
//! Requests carry the session cookie (`credentials: same-origin`); any non-2xx answer is read as the server's
//! `ApiError` body, so the page can word it. Nothing here is cached: the service worker never caches `/api/`.

use gloo_net::http::{Request, RequestBuilder, Response};
use hometime_api::{
    API_PREFIX, ApiError, ApproveExtraAdultRequest, ClassCodeOpened, ClassCodeRequest, ClassDetail,
    ClassSummary, ErrorCode, InviteCreated, JoinRequest, LinkChildRequest, LoginRequest, Me,
    OpenClassCodeRequest, PupilChoices, PupilPickRequest, SchoolOverview,
};
use hometime_api::{
    ClassChat, MessageId, MessageReport, QuickReply, RemoveMessageRequest, ReplyExpectation,
    ReportMessageRequest, SendMessageRequest, StartThreadRequest, ThreadId, ThreadMessages,
    ThreadSummary, UnreadCounts,
};
use hometime_domain::{ClassId, PupilId, UserId};
use hometime_policy::Pack;
use serde::{Serialize, de::DeserializeOwned};
use web_sys::RequestCredentials;

use crate::errors::AppError;
use crate::stories_logic::PackSource;

fn url(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

fn with_session(builder: RequestBuilder) -> RequestBuilder {
    builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
}

/// Reads an error answer. A body that is not an `ApiError` (a proxy's HTML page, say) still becomes a
/// useful error, and a 429 without a body keeps its `Retry-After` wait.
async fn error_from(resp: Response) -> AppError {
    let status = resp.status();
    if let Ok(body) = resp.json::<ApiError>().await {
        return AppError::Api(body);
    }
    if status == 429 {
        let retry = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.trim().parse().ok());
        return AppError::Api(ApiError {
            retry_after_secs: retry,
            ..ApiError::new(ErrorCode::RateLimited, "")
        });
    }
    AppError::BadResponse(status)
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, AppError> {
    let request = request.map_err(|_| AppError::BadResponse(0))?;
    let resp = request.send().await.map_err(|_| AppError::Network)?;
    if resp.ok() {
        Ok(resp)
    } else {
        Err(error_from(resp).await)
    }
}

async fn json<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, AppError> {
    let resp = send(request).await?;
    let status = resp.status();
    resp.json::<T>()
        .await
        .map_err(|_| AppError::BadResponse(status))
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, AppError> {
    json(with_session(Request::get(&url(path))).build()).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, AppError> {
    json(with_session(Request::post(&url(path))).json(body)).await
}

pub async fn me() -> Result<Me, AppError> {
    get("/me").await
}

pub async fn login(req: LoginRequest) -> Result<Me, AppError> {
    post("/auth/login", &req).await
}

pub async fn logout() -> Result<(), AppError> {
    send(with_session(Request::post(&url("/auth/logout"))).build())
        .await
        .map(drop)
}

pub async fn join(req: JoinRequest) -> Result<Me, AppError> {
    post("/auth/join", &req).await
}

pub async fn link_child(req: LinkChildRequest) -> Result<Me, AppError> {
    post("/me/children", &req).await
}

pub async fn class_code(req: ClassCodeRequest) -> Result<PupilChoices, AppError> {
    post("/pupil-auth/class", &req).await
}

pub async fn pick_pupil(req: PupilPickRequest) -> Result<Me, AppError> {
    post("/pupil-auth/pick", &req).await
}

pub async fn classes() -> Result<Vec<ClassSummary>, AppError> {
    get("/classes").await
}

pub async fn class_detail(id: ClassId) -> Result<ClassDetail, AppError> {
    get(&format!("/classes/{id}")).await
}

pub async fn open_class_code(id: ClassId, minutes: u32) -> Result<ClassCodeOpened, AppError> {
    post(
        &format!("/classes/{id}/pupil-code"),
        &OpenClassCodeRequest { minutes },
    )
    .await
}

pub async fn close_class_code(id: ClassId) -> Result<(), AppError> {
    send(with_session(Request::delete(&url(&format!("/classes/{id}/pupil-code")))).build())
        .await
        .map(drop)
}

pub async fn create_invite(pupil: PupilId) -> Result<InviteCreated, AppError> {
    json(with_session(Request::post(&url(&format!("/pupils/{pupil}/invites")))).build()).await
}

pub async fn approve_extra_adult(pupil: PupilId, reason: String) -> Result<(), AppError> {
    send(
        with_session(Request::post(&url(&format!(
            "/pupils/{pupil}/adult-approvals"
        ))))
        .json(&ApproveExtraAdultRequest { reason }),
    )
    .await
    .map(drop)
}

pub async fn overview() -> Result<SchoolOverview, AppError> {
    get("/school/overview").await
}

// Messaging (private threads, class chat, moderation, unread counts). Sends answer with the stored message
// or nothing; the screens refetch either way, so the body is not read.

pub async fn threads() -> Result<Vec<ThreadSummary>, AppError> {
    get("/threads").await
}

/// Opens (creating if needed) the private thread about `pupil_id`: a parent leaves `parent_id` out (it is
/// them); staff name the parent.
pub async fn start_thread(
    pupil_id: PupilId,
    parent_id: Option<UserId>,
) -> Result<ThreadSummary, AppError> {
    post(
        "/threads",
        &StartThreadRequest {
            pupil_id,
            parent_id,
        },
    )
    .await
}

pub async fn thread_messages(id: ThreadId) -> Result<ThreadMessages, AppError> {
    get(&format!("/threads/{id}/messages")).await
}

pub async fn send_thread_message(id: ThreadId, req: SendMessageRequest) -> Result<(), AppError> {
    send(with_session(Request::post(&url(&format!("/threads/{id}/messages")))).json(&req))
        .await
        .map(drop)
}

/// Marks the thread read up to its newest message the caller can see (read receipts, unread counts).
pub async fn mark_thread_read(id: ThreadId) -> Result<(), AppError> {
    send(with_session(Request::post(&url(&format!("/threads/{id}/read")))).build())
        .await
        .map(drop)
}

pub async fn reply_expectation(id: ThreadId) -> Result<ReplyExpectation, AppError> {
    get(&format!("/threads/{id}/reply-expectation")).await
}

pub async fn class_chat(id: ClassId) -> Result<ClassChat, AppError> {
    get(&format!("/classes/{id}/chat")).await
}

pub async fn send_chat_message(id: ClassId, req: SendMessageRequest) -> Result<(), AppError> {
    send(with_session(Request::post(&url(&format!("/classes/{id}/chat")))).json(&req))
        .await
        .map(drop)
}

pub async fn remove_chat_message(id: MessageId, reason: String) -> Result<(), AppError> {
    send(
        with_session(Request::post(&url(&format!("/chat-messages/{id}/remove"))))
            .json(&RemoveMessageRequest { reason }),
    )
    .await
    .map(drop)
}

pub async fn report_chat_message(id: MessageId, reason: String) -> Result<(), AppError> {
    send(
        with_session(Request::post(&url(&format!("/chat-messages/{id}/report"))))
            .json(&ReportMessageRequest { reason }),
    )
    .await
    .map(drop)
}

/// Reported class-chat messages, newest first (leaders only).
pub async fn reports() -> Result<Vec<MessageReport>, AppError> {
    get("/reports").await
}

pub async fn quick_replies() -> Result<Vec<QuickReply>, AppError> {
    get("/quick-replies").await
}

pub async fn unread() -> Result<UnreadCounts, AppError> {
    get("/unread").await
}

/// The class's policy pack, which the composer compiles once and checks every keystroke against.
pub async fn policy_pack(class: ClassId) -> Result<Pack, AppError> {
    get(&format!("/classes/{class}/policy-pack")).await
}

/// The School Story's pack for staff: every pupil of the school, as the server checks a School Story post
/// or comment.
pub async fn school_policy_pack() -> Result<Pack, AppError> {
    get("/school/policy-pack").await
}

/// The pack a story's text is checked with.
pub async fn story_pack(source: PackSource) -> Result<Pack, AppError> {
    match source {
        PackSource::Class(class) => policy_pack(class).await,
        PackSource::School => school_policy_pack().await,
    }
}

// Points, skills and avatars.

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, AppError> {
    json(with_session(Request::put(&url(path))).json(body)).await
}

pub async fn class_points(id: ClassId) -> Result<hometime_api::ClassPoints, AppError> {
    get(&format!("/classes/{id}/points")).await
}

pub async fn award_points(
    id: ClassId,
    req: hometime_api::AwardRequest,
) -> Result<hometime_api::Awarded, AppError> {
    post(&format!("/classes/{id}/points"), &req).await
}

pub async fn undo_point(id: hometime_domain::PointId) -> Result<(), AppError> {
    send(with_session(Request::delete(&url(&format!("/points/{id}")))).build())
        .await
        .map(drop)
}

pub async fn pupil_points(id: PupilId) -> Result<hometime_api::PupilPoints, AppError> {
    get(&format!("/pupils/{id}/points")).await
}

pub async fn own_points() -> Result<hometime_api::OwnPoints, AppError> {
    get("/pupil/points").await
}

pub async fn save_avatar(avatar: &hometime_api::Avatar) -> Result<hometime_api::Avatar, AppError> {
    put("/pupil/avatar", avatar).await
}

pub async fn class_display(id: ClassId) -> Result<hometime_api::ClassDisplay, AppError> {
    get(&format!("/classes/{id}/display")).await
}

pub async fn points_settings() -> Result<hometime_api::PointsSettings, AppError> {
    get("/school/points-settings").await
}

pub async fn save_points_settings(
    settings: &hometime_api::PointsSettings,
) -> Result<hometime_api::PointsSettings, AppError> {
    put("/school/points-settings", settings).await
}

pub async fn add_school_skill(
    req: &hometime_api::NewSkillRequest,
) -> Result<hometime_api::Skill, AppError> {
    post("/school/skills", req).await
}

pub async fn add_class_skill(
    class: ClassId,
    req: &hometime_api::NewSkillRequest,
) -> Result<hometime_api::Skill, AppError> {
    post(&format!("/classes/{class}/skills"), req).await
}

// School settings and quiet hours.

pub async fn school_settings() -> Result<hometime_api::SchoolSettings, AppError> {
    get("/school").await
}

pub async fn save_school_settings(
    settings: &hometime_api::UpdateSchoolSettings,
) -> Result<hometime_api::SchoolSettings, AppError> {
    put("/school/settings", settings).await
}

pub async fn quiet_hours() -> Result<hometime_api::MyQuietHours, AppError> {
    get("/me/quiet-hours").await
}

pub async fn save_quiet_hours(
    req: &hometime_api::UpdateQuietHours,
) -> Result<hometime_api::MyQuietHours, AppError> {
    put("/me/quiet-hours", req).await
}

// ---- Consent and private photos ----------------------------------------------------------------------
// The office's photo-consent records, who a poster may tag, and photos a parent sends privately to the
// teacher. Photos go up as `multipart/form-data`: a JSON part first, then one `photo` part per file.

/// A class's photo-consent records (office and leaders only).
pub async fn consent(class: ClassId) -> Result<Vec<hometime_api::PupilConsent>, AppError> {
    get(&format!("/consent?class_id={class}")).await
}

pub async fn update_consent(
    pupil: PupilId,
    body: &hometime_api::UpdatePupilConsent,
) -> Result<hometime_api::PupilConsent, AppError> {
    put(&format!("/pupils/{pupil}/consent"), body).await
}

/// The pupils a poster may tag in a class's photos, with whether each may be shown.
pub async fn tag_candidates(class: ClassId) -> Result<Vec<hometime_api::TagCandidate>, AppError> {
    get(&format!("/classes/{class}/tag-candidates")).await
}

/// A `multipart/form-data` body: `part` holds `value` as JSON, then one `photo` part per file, in order.
/// Shared by every photo upload (private messages, stories).
pub fn photo_form<B: Serialize>(
    part: &str,
    value: &B,
    files: &[web_sys::File],
) -> Result<web_sys::FormData, AppError> {
    let broken = |_| AppError::BadResponse(0);
    let json = serde_json::to_string(value).map_err(|_| AppError::BadResponse(0))?;
    let form = web_sys::FormData::new().map_err(broken)?;
    form.append_with_str(part, &json).map_err(broken)?;
    for file in files {
        form.append_with_blob_and_filename("photo", file, &file.name())
            .map_err(broken)?;
    }
    Ok(form)
}

/// Posts a multipart body. The browser sets the `Content-Type` with its boundary itself.
pub async fn post_form<T: DeserializeOwned>(
    path: &str,
    form: web_sys::FormData,
) -> Result<T, AppError> {
    json(with_session(Request::post(&url(path))).body(form)).await
}

/// Sends a private-thread message with photos (text may be empty).
pub async fn send_thread_photos(
    id: ThreadId,
    req: &SendMessageRequest,
    files: &[web_sys::File],
) -> Result<hometime_api::MessageView, AppError> {
    let form = photo_form("message", req, files)?;
    post_form(&format!("/threads/{id}/photos"), form).await
}

// ---- Stories ----------------------------------------------------------------------------------------
// The School Story and Class Stories: feeds, posting (multipart, through `photo_form`), taking down,
// likes and comments.

/// A page of a feed, newest first. `query` comes from `stories_logic::FeedFilter::query`.
pub async fn stories(query: &str) -> Result<hometime_api::StoryFeed, AppError> {
    get(&format!("/stories{query}")).await
}

/// Posts a story: the `story` part, then each photo in the order of `story.photos`.
pub async fn post_story(
    story: &hometime_api::NewStory,
    files: &[web_sys::File],
) -> Result<hometime_api::StoryView, AppError> {
    let form = photo_form("story", story, files)?;
    post_form("/stories", form).await
}

pub async fn remove_story(id: hometime_domain::StoryId) -> Result<(), AppError> {
    send(with_session(Request::delete(&url(&format!("/stories/{id}")))).build())
        .await
        .map(drop)
}

/// Likes (`true`) or unlikes a story; both are idempotent and answer with the new count.
pub async fn like_story(
    id: hometime_domain::StoryId,
    like: bool,
) -> Result<hometime_api::LikeState, AppError> {
    let path = url(&format!("/stories/{id}/like"));
    let builder = if like {
        Request::put(&path)
    } else {
        Request::delete(&path)
    };
    json(with_session(builder).build()).await
}

pub async fn comment_on_story(
    id: hometime_domain::StoryId,
    req: &hometime_api::NewComment,
) -> Result<hometime_api::CommentView, AppError> {
    post(&format!("/stories/{id}/comments"), req).await
}

pub async fn remove_story_comment(
    id: hometime_domain::StoryId,
    comment: hometime_domain::CommentId,
) -> Result<(), AppError> {
    send(
        with_session(Request::delete(&url(&format!(
            "/stories/{id}/comments/{comment}"
        ))))
        .build(),
    )
    .await
    .map(drop)
}
