//! Private threads between a parent and their child's class teacher: listing with unread counts,
//! get-or-create under the recipient rules, reading, sending (with the policy re-check and optional
//! next-morning scheduling for staff), read marks, the reply expectation and staff quick replies.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hometime_api::{
    ApiError, ClassUnread, LabelledTime, MessageView, QuickReply, ReplyExpectation,
    SendMessageRequest, StartThreadRequest, ThreadMessages, ThreadSummary, UnreadCounts,
};
use hometime_domain::StaffRole;
use hometime_policy::{AuthorRole, Context, RuleId};
use hometime_store::{Class, Destination, NewMessagePhoto, Thread, ThreadListed};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::hours::{label_at, label_by, reply_days};
use crate::messaging::{
    AdultOnly, Recheck, SchoolConfig, Side, check_body, created_view, datetime,
    insert_checked_with_photos, messaging_staff, recheck, schedule_not_allowed, school_of,
    staff_author_role, staff_classes, thread_for_caller, thread_views,
};
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, start))
        .routes(routes!(messages, send))
        .routes(routes!(mark_read))
        .routes(routes!(reply_expectation))
        .routes(routes!(quick_replies))
        .routes(routes!(unread))
}

async fn summary(
    state: &AppState,
    school: &SchoolConfig,
    t: &Thread,
    last_message_at: Option<i64>,
    unread: u32,
) -> AppResult<ThreadSummary> {
    let teacher = messaging_staff(state, school, t.class_id)
        .await?
        .into_iter()
        .next();
    Ok(ThreadSummary {
        id: t.id,
        pupil_id: t.pupil_id,
        pupil_name: t.pupil_name.clone(),
        parent_id: t.parent_id,
        parent_name: t.parent_name.clone(),
        teacher_id: teacher.as_ref().map(|s| s.user_id),
        teacher_name: teacher.map(|s| s.display_name),
        class_id: t.class_id,
        class_name: t.class_name.clone(),
        last_message_at: last_message_at.map(rfc3339),
        unread,
    })
}

/// Threads the caller is part of: as a parent, and on the staff side for classes they teach or cover.
async fn my_threads(
    state: &AppState,
    adult: &Adult,
    school: &SchoolConfig,
) -> AppResult<Vec<ThreadListed>> {
    let now = state.now();
    let mut rows = state.store.threads_of_parent(adult.id(), now).await?;
    let (classes, _) = staff_classes(state, adult, school).await?;
    rows.extend(
        state
            .store
            .threads_of_classes(adult.id(), &classes, now)
            .await?
            .into_iter()
            .filter(|t| t.thread.parent_id != adult.id()),
    );
    Ok(rows)
}

/// The caller's private threads, newest activity first, with unread counts.
#[utoipa::path(get, path = "/threads", tag = "messaging", responses(
    (status = 200, body = Vec<ThreadSummary>),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<ThreadSummary>>> {
    let adult = authz::require_adult(&user)?;
    let school = SchoolConfig::load(&state, school_of(&state, adult).await?).await?;
    let mut out = Vec::new();
    for row in my_threads(&state, adult, &school).await? {
        out.push(
            summary(
                &state,
                &school,
                &row.thread,
                row.last_message_at,
                row.unread,
            )
            .await?,
        );
    }
    Ok(Json(out))
}

/// Gets or creates the thread about a pupil. A parent reaches only their own child's class teacher; a
/// teacher only the parents of pupils in classes they teach or cover. Anyone else: 403
/// `recipient_not_allowed` with the office's details.
#[utoipa::path(post, path = "/threads", tag = "messaging",
    request_body = StartThreadRequest,
    responses(
        (status = 200, body = ThreadSummary),
        (status = 403, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn start(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    ApiJson(body): ApiJson<StartThreadRequest>,
) -> AppResult<Json<ThreadSummary>> {
    // Pupils were refused by the extractor, before the body was read.
    let adult = &adult;
    let school = SchoolConfig::load(&state, school_of(&state, adult).await?).await?;
    let pupil = match state.store.pupil(body.pupil_id).await? {
        Some(p) if p.school_id == school.id => p,
        _ => {
            return Err(school.recipient_not_allowed(
                "You can only message the class teacher of your own child, or the families of pupils \
                 in your class.",
            ));
        }
    };
    let staff = messaging_staff(&state, &school, pupil.class_id).await?;
    let parent =
        if adult.staff_role().is_some() && !state.store.is_guardian(adult.id(), pupil.id).await? {
            // Staff side: the caller must teach or cover the pupil's class, and the parent must be linked.
            if !staff.iter().any(|s| s.user_id == adult.id()) {
                return Err(school.recipient_not_allowed(
                    "You can message the families of pupils in classes you teach or cover.",
                ));
            }
            let Some(parent) = body.parent_id else {
                return Err(AppError::invalid(
                    "parent_id",
                    "required",
                    "Choose which parent or carer to message.",
                ));
            };
            if !state.store.is_guardian(parent, pupil.id).await? {
                return Err(school.recipient_not_allowed(
                    "That adult is not a linked parent or carer of this pupil.",
                ));
            }
            parent
        } else {
            // Parent side: only about their own child, and only while the class has a teacher to reach.
            if !state.store.is_guardian(adult.id(), pupil.id).await? {
                return Err(school.recipient_not_allowed(
                    "You can message the class teacher of your own child here.",
                ));
            }
            if staff.is_empty() {
                return Err(school.recipient_not_allowed(
                    "Your child's class has no class teacher to message at the moment.",
                ));
            }
            adult.id()
        };
    let thread = state
        .store
        .thread_for(school.id, pupil.id, parent, state.now())
        .await?;
    Ok(Json(summary(&state, &school, &thread, None, 0).await?))
}

/// A thread's messages, oldest first. Parents never see a scheduled staff message before its delivery.
#[utoipa::path(get, path = "/threads/{id}/messages", tag = "messaging",
    params(("id" = i64, Path, description = "Thread id")),
    responses(
        (status = 200, body = ThreadMessages),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn messages(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<ThreadMessages>> {
    let adult = authz::require_adult(&user)?;
    let school = SchoolConfig::load(&state, school_of(&state, adult).await?).await?;
    let (thread, side) = thread_for_caller(&state, adult, &school, id).await?;
    let messages = thread_views(&state, &school, &thread, adult.id(), side).await?;
    let unread = 0;
    Ok(Json(ThreadMessages {
        thread: summary(&state, &school, &thread, None, unread).await?,
        messages,
    }))
}

/// Sends a message in a thread, after the recipient rules and the policy re-check.
#[utoipa::path(post, path = "/threads/{id}/messages", tag = "messaging",
    params(("id" = i64, Path, description = "Thread id")),
    request_body = SendMessageRequest,
    responses(
        (status = 201, body = MessageView),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError, description = "validation or policy_blocked (with findings)"),
    ))]
async fn send(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SendMessageRequest>,
) -> AppResult<(StatusCode, Json<MessageView>)> {
    // Pupils were refused by the extractor, before the body was read.
    let checked = check_send(&state, &adult, id, &body, false).await?;
    store_send(&state, &adult, &body, &checked, &[]).await
}

/// A thread message that passed the recipient rules and the policy re-check, ready to store.
pub struct CheckedSend {
    school: SchoolConfig,
    class: Class,
    thread: Thread,
    side: Side,
    role: AuthorRole,
    acked: Vec<RuleId>,
}

impl CheckedSend {
    fn recheck<'a>(&'a self, adult: &'a Adult, body: &'a SendMessageRequest) -> Recheck<'a> {
        Recheck {
            school: &self.school,
            class: &self.class,
            author: adult,
            role: self.role,
            context: Context::PrivateMessage,
            child: Some(self.thread.pupil_id),
            text: &body.body,
            acknowledged: &body.acknowledged,
        }
    }
}

/// Everything a thread send checks before storing: the caller's place in thread `id` (404 otherwise),
/// the body (which may be empty when photos come with it), the recipient rules, scheduling, and the
/// policy re-check. Shared by text messages and messages with photos, which run it before reading a
/// photo.
pub async fn check_send(
    state: &AppState,
    adult: &Adult,
    id: i64,
    body: &SendMessageRequest,
    with_photos: bool,
) -> AppResult<CheckedSend> {
    let school = SchoolConfig::load(state, school_of(state, adult).await?).await?;
    let (thread, side) = thread_for_caller(state, adult, &school, id).await?;
    if !(with_photos && body.body.trim().is_empty()) {
        check_body(&body.body)?;
    }
    let staff = messaging_staff(state, &school, thread.class_id).await?;
    let role = match side {
        Side::Parent => {
            if staff.is_empty() {
                return Err(school.recipient_not_allowed(
                    "Your child's class has no class teacher to message at the moment.",
                ));
            }
            if body.schedule_for_next_working_morning {
                return Err(schedule_not_allowed("Only staff can schedule messages."));
            }
            AuthorRole::Parent
        }
        Side::Staff => {
            let role = adult.staff_role().map_or(StaffRole::Teacher, |(_, r)| r);
            staff_author_role(role, staff.iter().any(|s| s.user_id == adult.id()))
        }
    };
    let class = state
        .store
        .class(thread.class_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut checked = CheckedSend {
        school,
        class,
        thread,
        side,
        role,
        acked: Vec::new(),
    };
    checked.acked = recheck(state, &checked.recheck(adult, body)).await?;
    Ok(checked)
}

/// Stores a checked thread message with its photos (none for a text message) in one transaction,
/// announces it, marks the thread read for its writer and answers 201 with the message.
pub async fn store_send(
    state: &AppState,
    adult: &Adult,
    body: &SendMessageRequest,
    checked: &CheckedSend,
    photos: &[NewMessagePhoto<'_>],
) -> AppResult<(StatusCode, Json<MessageView>)> {
    let now = state.now();
    let deliver_at = if checked.side == Side::Staff && body.schedule_for_next_working_morning {
        checked
            .school
            .hours
            .next_working(datetime(now), &checked.school.tz)
            .map_or(now, |t| t.timestamp_millis())
    } else {
        now
    };
    let thread = &checked.thread;
    let msg_id = insert_checked_with_photos(
        state,
        &checked.recheck(adult, body),
        &checked.acked,
        Destination::Thread {
            thread_id: thread.id,
            parent: thread.parent_id,
            class: thread.class_id,
        },
        now,
        deliver_at,
        photos,
    )
    .await?;
    // Writing in a thread means the writer has read it up to their own message.
    state
        .store
        .mark_thread_read(thread, adult.id(), msg_id, now)
        .await?;
    created_view(state, msg_id, adult.id()).await
}

/// Marks the thread read up to its newest message the caller can see.
#[utoipa::path(post, path = "/threads/{id}/read", tag = "messaging",
    params(("id" = i64, Path, description = "Thread id")),
    responses(
        (status = 204, description = "Marked read"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    let adult = authz::require_adult(&user)?;
    let school = SchoolConfig::load(&state, school_of(&state, adult).await?).await?;
    let (thread, side) = thread_for_caller(&state, adult, &school, id).await?;
    let views = thread_views(&state, &school, &thread, adult.id(), side).await?;
    if let Some(last) = views.iter().map(|m| m.id).max() {
        state
            .store
            .mark_thread_read(&thread, adult.id(), last, state.now())
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// When the parent can expect a reply: whether the teacher is out of hours now, when they are back, the
/// end of the working day a reply is due by, and the office's number for anything urgent.
#[utoipa::path(get, path = "/threads/{id}/reply-expectation", tag = "messaging",
    params(("id" = i64, Path, description = "Thread id")),
    responses(
        (status = 200, body = ReplyExpectation),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn reply_expectation(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<ReplyExpectation>> {
    let adult = authz::require_adult(&user)?;
    let school = SchoolConfig::load(&state, school_of(&state, adult).await?).await?;
    let (thread, _) = thread_for_caller(&state, adult, &school, id).await?;
    let teacher = messaging_staff(&state, &school, thread.class_id)
        .await?
        .into_iter()
        .next();
    let hours = match &teacher {
        Some(t) => school.hours_of(&state, t.user_id).await?,
        None => school.hours.clone(),
    };
    let now = datetime(state.now());
    let tz = &school.tz;
    let out_of_hours = !hours.is_working(now, tz);
    let back_at = if out_of_hours {
        hours.next_working(now, tz).map(|t| LabelledTime {
            at: rfc3339(t.timestamp_millis()),
            label: label_at(t, now, tz),
        })
    } else {
        None
    };
    let by = hours
        .reply_by(now, tz, reply_days(&school.response_expectation))
        .ok_or_else(|| AppError::internal("no working days configured"))?;
    Ok(Json(ReplyExpectation {
        out_of_hours,
        back_at,
        reply_by: LabelledTime {
            at: rfc3339(by.timestamp_millis()),
            label: label_by(by, now, tz),
        },
        teacher_name: teacher.map_or_else(|| "The class teacher".to_owned(), |t| t.display_name),
        office_phone: school.office_phone.clone(),
        response_expectation: school.response_expectation.clone(),
    }))
}

/// Canned replies for staff, filled with the school's own contacts, for the policies' redirections.
#[utoipa::path(get, path = "/quick-replies", tag = "messaging", responses(
    (status = 200, body = Vec<QuickReply>),
    (status = 403, body = ApiError),
))]
async fn quick_replies(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<QuickReply>>> {
    let (_, school_id, _) = authz::require_staff(&user)?;
    let school = SchoolConfig::load(&state, school_id).await?;
    let office = &school.office_phone;
    let email = &school.office_email;
    let nursing = if school.nursing_team_phone.is_empty() {
        office
    } else {
        &school.nursing_team_phone
    };
    let reply = |id: &str, title: &str, body: String| QuickReply {
        id: id.to_owned(),
        title: title.to_owned(),
        body,
    };
    Ok(Json(vec![
        reply(
            "absence",
            "Absence",
            format!("Thank you for letting me know. Please phone the office on {office} to report absences, so it is recorded properly."),
        ),
        reply(
            "pickup",
            "Pick-up or urgent change",
            format!("For pick-up changes and anything urgent on the day, please phone the office on {office} so the message reaches us in time."),
        ),
        reply(
            "meeting",
            "Arrange a meeting",
            "Thank you for getting in touch. Let's arrange a meeting so we can talk about this properly. Could you let me know a few days and times that suit you?".to_owned(),
        ),
        reply(
            "medication",
            "Medication",
            format!("Thank you. For medication and anything about your child's health needs, please phone the nursing team on {nursing}."),
        ),
        reply(
            "complaint",
            "Complaint",
            format!("I'm sorry to hear this. Please e-mail the office at {email} so your concern can be handled through the school's procedure."),
        ),
        reply(
            "dinners",
            "Dinners and payments",
            format!("For dinners and payments, please contact the office on {office}."),
        ),
    ]))
}

/// Unread totals for badges: private threads, and each class chat the caller belongs to.
#[utoipa::path(get, path = "/unread", tag = "messaging", responses(
    (status = 200, body = UnreadCounts),
    (status = 403, body = ApiError),
))]
async fn unread(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<UnreadCounts>> {
    let adult = authz::require_adult(&user)?;
    let school = SchoolConfig::load(&state, school_of(&state, adult).await?).await?;
    let threads = my_threads(&state, adult, &school)
        .await?
        .iter()
        .map(|t| t.unread)
        .sum();
    let mut classes = staff_classes(&state, adult, &school).await?.1;
    for child in state.store.children_of(adult.id()).await? {
        if !classes.contains(&child.class_id) {
            classes.push(child.class_id);
        }
    }
    let mut class_chats = Vec::new();
    if school.class_chat_enabled {
        for class in classes {
            class_chats.push(ClassUnread {
                class_id: class,
                unread: state.store.chat_unread(class, adult.id()).await?,
            });
        }
    }
    Ok(Json(UnreadCounts {
        threads,
        class_chats,
    }))
}
