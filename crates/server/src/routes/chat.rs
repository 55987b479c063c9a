//! Class chat: reading and posting (with the policy re-check), removal by the class's teacher or a
//! leader (a visible marker; audited), reports by any member (listed for leaders), the class's policy
//! pack for the browser's live checks, and cover assignments by leaders.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hometime_api::{
    ApiError, AssignCoverRequest, ClassChat, ErrorCode, MessageReport, MessageView,
    RemoveMessageRequest, ReportMessageRequest, SendMessageRequest,
};
use hometime_domain::{ClassId, UserId};
use hometime_policy::Context;
use hometime_store::{Destination, Message};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::messaging::{
    AdultOnly, Recheck, SchoolConfig, chat_member, check_body, check_reason, created_view,
    insert_checked, policy_pack_for_class, recheck, schedule_not_allowed, view,
};
use crate::session::CurrentUser;
use crate::state::AppState;

/// How many recent chat messages a read returns.
const CHAT_PAGE: u32 = 200;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read, post))
        .routes(routes!(remove))
        .routes(routes!(report))
        .routes(routes!(reports))
        .routes(routes!(policy_pack))
        .routes(routes!(assign_cover))
}

/// The class chat, oldest first; opening it marks it read.
#[utoipa::path(get, path = "/classes/{id}/chat", tag = "messaging",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 200, body = ClassChat),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<ClassChat>> {
    let adult = authz::require_adult(&user)?;
    let (class, _, role) = chat_member(&state, adult, ClassId(id)).await?;
    let messages = state.store.chat_messages(class.id, CHAT_PAGE).await?;
    if let Some(last) = messages.last() {
        state
            .store
            .mark_chat_read(class.id, adult.id(), last.id)
            .await?;
    }
    Ok(Json(ClassChat {
        class_id: class.id,
        class_name: class.name,
        can_moderate: role.may_moderate,
        messages: messages.iter().map(|m| view(m, adult.id(), None)).collect(),
    }))
}

/// Posts in the class chat, after the policy re-check (shared-space rules apply).
#[utoipa::path(post, path = "/classes/{id}/chat", tag = "messaging",
    params(("id" = i64, Path, description = "Class id")),
    request_body = SendMessageRequest,
    responses(
        (status = 201, body = MessageView),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError, description = "validation or policy_blocked (with findings)"),
    ))]
async fn post(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SendMessageRequest>,
) -> AppResult<(StatusCode, Json<MessageView>)> {
    // Pupils were refused by the extractor, before the body was read.
    let adult = &adult;
    let (class, school, role) = chat_member(&state, adult, ClassId(id)).await?;
    if !role.may_post {
        return Err(AppError::forbidden());
    }
    check_body(&body.body)?;
    if body.schedule_for_next_working_morning {
        return Err(schedule_not_allowed(
            "Class-chat messages can't be scheduled.",
        ));
    }
    let check = Recheck {
        school: &school,
        class: &class,
        author: adult,
        role: role.author,
        context: Context::ClassChat,
        child: None,
        text: &body.body,
        acknowledged: &body.acknowledged,
    };
    let acked = recheck(&state, &check).await?;
    let now = state.now();
    let msg_id = insert_checked(
        &state,
        &check,
        &acked,
        Destination::ClassChat(class.id),
        now,
        now,
    )
    .await?;
    state
        .store
        .mark_chat_read(class.id, adult.id(), msg_id)
        .await?;
    created_view(&state, msg_id, adult.id()).await
}

fn unknown_message() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "This message doesn't exist, or isn't in a chat you belong to.",
    )
}

/// A class-chat message and its class; 404 when there is no such message or it is in a private thread.
async fn chat_message(state: &AppState, id: i64) -> AppResult<(Message, ClassId)> {
    let message = state.store.message(id).await?.ok_or_else(unknown_message)?;
    let class = message.class_id.ok_or_else(unknown_message)?;
    Ok((message, ClassId(class)))
}

/// Removes a class-chat message: the teacher of the class or a leader. The message stays as a visible
/// "removed" marker; its text is no longer served; the removal is audited.
#[utoipa::path(post, path = "/chat-messages/{id}/remove", tag = "messaging",
    params(("id" = i64, Path, description = "Message id")),
    request_body = RemoveMessageRequest,
    responses(
        (status = 204, description = "Removed (or already removed)"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn remove(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    ApiJson(body): ApiJson<RemoveMessageRequest>,
) -> AppResult<StatusCode> {
    // Pupils were refused by the extractor, before the body was read.
    let adult = &adult;
    let (message, class) = chat_message(&state, id).await?;
    let (_, _, role) = chat_member(&state, adult, class).await.map_err(|e| {
        if e.status == StatusCode::FORBIDDEN {
            e
        } else {
            unknown_message()
        }
    })?;
    if !role.may_moderate {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Only the class teacher or a school leader can remove messages. You can report it instead.",
        ));
    }
    check_reason(&body.reason)?;
    state
        .store
        .remove_chat_message(&message, adult.id(), body.reason.trim(), state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reports a class-chat message to the school: any member of the chat. Leaders see reports.
#[utoipa::path(post, path = "/chat-messages/{id}/report", tag = "messaging",
    params(("id" = i64, Path, description = "Message id")),
    request_body = ReportMessageRequest,
    responses(
        (status = 204, description = "Reported"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn report(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ReportMessageRequest>,
) -> AppResult<StatusCode> {
    // Pupils were refused by the extractor, before the body was read.
    let adult = &adult;
    let (message, class) = chat_message(&state, id).await?;
    chat_member(&state, adult, class)
        .await
        .map_err(|_| unknown_message())?;
    check_reason(&body.reason)?;
    state
        .store
        .report_message(message.id, adult.id(), body.reason.trim(), state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reported class-chat messages, newest first: leaders only.
#[utoipa::path(get, path = "/reports", tag = "messaging", responses(
    (status = 200, body = Vec<MessageReport>),
    (status = 403, body = ApiError),
))]
async fn reports(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<MessageReport>>> {
    let (_, school) = authz::require_leader(&user)?;
    Ok(Json(
        state
            .store
            .reports(school)
            .await?
            .into_iter()
            .map(|r| MessageReport {
                id: r.id,
                message_id: r.message_id,
                class_id: ClassId(r.class_id),
                class_name: r.class_name,
                reporter_name: r.reporter_name,
                reason: r.reason,
                reported_at: rfc3339(r.at),
                message_removed: r.message_removed,
            })
            .collect(),
    ))
}

/// The class's policy pack (the shape `hometime_policy::Pack` reads), for the composer's live checks:
/// members of the class only. It holds the class's pupil names, which its families already see, and no
/// consent flags or other records.
#[utoipa::path(get, path = "/classes/{id}/policy-pack", tag = "messaging",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 200, body = Object, description = "A policy pack"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn policy_pack(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<serde_json::Value>> {
    let adult = authz::require_adult(&user)?;
    let class = state
        .store
        .class(ClassId(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    let school = SchoolConfig::load(&state, class.school_id).await?;
    let staff_here = adult
        .staff_role()
        .is_some_and(|(s, _)| s == class.school_id);
    let member = (staff_here
        && (adult.staff_role().is_some_and(|(_, r)| r.manages_school())
            || state
                .store
                .teaches(adult.id(), class.id, state.now())
                .await?))
        || state.store.is_parent_in_class(adult.id(), class.id).await?;
    if !member {
        return Err(
            if staff_here
                || state
                    .store
                    .children_of(adult.id())
                    .await?
                    .iter()
                    .any(|c| c.school_id == class.school_id)
            {
                AppError::forbidden()
            } else {
                AppError::not_found()
            },
        );
    }
    Ok(Json(
        policy_pack_for_class(&state, &school, &class, Some(adult.id())).await?,
    ))
}

/// Assigns a member of staff to cover a class between two times: leaders only.
#[utoipa::path(post, path = "/classes/{id}/cover", tag = "messaging",
    params(("id" = i64, Path, description = "Class id")),
    request_body = AssignCoverRequest,
    responses(
        (status = 204, description = "Assigned"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn assign_cover(
    State(state): State<AppState>,
    // Refuses pupils before the body is read, like every other messaging endpoint.
    _: AdultOnly,
    user: CurrentUser,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AssignCoverRequest>,
) -> AppResult<StatusCode> {
    let (leader, school) = authz::require_leader(&user)?;
    let class = match state.store.class(ClassId(id)).await? {
        Some(c) if c.school_id == school => c,
        _ => return Err(AppError::not_found()),
    };
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s.trim())
            .ok()
            .map(|d| d.timestamp_millis())
    };
    let starts = parse(&body.starts_at)
        .ok_or_else(|| AppError::invalid("starts_at", "invalid_time", "Use a date and time."))?;
    let ends = parse(&body.ends_at)
        .ok_or_else(|| AppError::invalid("ends_at", "invalid_time", "Use a date and time."))?;
    if ends <= starts {
        return Err(AppError::invalid(
            "ends_at",
            "before_start",
            "The cover must end after it starts.",
        ));
    }
    let is_staff_here = state
        .store
        .staff_roles(body.user_id)
        .await?
        .iter()
        .any(|(s, _)| *s == school);
    if !is_staff_here {
        return Err(AppError::invalid(
            "user_id",
            "not_staff",
            "Choose a member of this school's staff.",
        ));
    }
    state
        .store
        .add_class_teacher(class.id, body.user_id, Some((starts, ends)))
        .await?;
    state
        .store
        .audit(
            Some(leader.id()),
            "class.cover_assigned",
            &format!("class:{}", class.id.0),
            &format!("user:{}", UserId::from(body.user_id.0)),
            state.now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
