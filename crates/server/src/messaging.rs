//! What messaging handlers share: the school's messaging settings, who may message whom (the recipient
//! rules), the policy pack built from the database and the re-check every text-carrying write runs, and
//! the conversion of stored messages into what a reader may see (scheduled delivery, removal markers,
//! read receipts).

use std::collections::HashSet;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use hometime_api::{
    API_PREFIX, ApiError, AuthorKind, ErrorCode, MAX_MESSAGE_CHARS, MessageView,
    PhotoConsentAnswer, PhotoView, PolicyFindingView, RemovedMarker, ShowStatus,
};
use hometime_domain::{ClassId, PupilId, SchoolId, StaffRole, UserId};
use hometime_policy::{AuthorRole, Context, Draft, Engine, Pack, PhotoFacts, RuleId, Severity};
use hometime_store::{
    Class, ClassStaff, Destination, Message, MessagePhoto, NewMessage, NewMessagePhoto,
    PhotoConsent, Thread,
};
use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::hours::{WorkingHours, parse_time};
use crate::session::Adult;
use crate::state::AppState;

/// How much support staff (teaching assistants, HLTAs) may do in messaging: a school setting, since the
/// seed policies disagree (`support_staff_messaging`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportAccess {
    /// No access to threads or class chat.
    None,
    /// May post in the class chat of classes they are assigned to; no private threads.
    PostOnly,
    /// May also message the parents of pupils in classes they are assigned to.
    Message,
}

/// The school's settings as messaging reads them. Unknown or malformed values fall back to the
/// cautious default rather than failing the request.
#[derive(Clone, Debug)]
pub struct SchoolConfig {
    pub id: SchoolId,
    pub name: String,
    /// The stored settings object (the policy pack's `school`).
    pub raw: Value,
    pub tz: Tz,
    pub office_phone: String,
    pub office_email: String,
    pub nursing_team_phone: String,
    pub response_expectation: String,
    pub hours: WorkingHours,
    /// `class_chat_enabled`, default on.
    pub class_chat_enabled: bool,
    /// `support_staff_messaging`: `none` (default), `post_only` or `message`.
    pub support: SupportAccess,
    /// `parent_read_receipts`, default off.
    pub parent_read_receipts: bool,
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

impl SchoolConfig {
    pub async fn load(state: &AppState, school: SchoolId) -> AppResult<SchoolConfig> {
        let row = state
            .store
            .school(school)
            .await?
            .ok_or_else(|| AppError::internal("school missing"))?;
        let raw: Value = serde_json::from_str(&row.settings).unwrap_or_else(|_| json!({}));
        let wh = raw.get("working_hours").cloned().unwrap_or(Value::Null);
        let days: Vec<String> = wh
            .get("days")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|d| d.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let mut hours = WorkingHours::parse(&days, &text(&wh, "start"), &text(&wh, "end"))
            .or_else(|| {
                let weekdays: Vec<String> = ["Mon", "Tue", "Wed", "Thu", "Fri"]
                    .iter()
                    .map(|d| (*d).to_owned())
                    .collect();
                WorkingHours::parse(&weekdays, "08:00", "17:00")
            })
            .ok_or_else(|| AppError::internal("default hours"))?;
        hours.holidays = raw
            .get("holidays")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|h| {
                        let d = |k| chrono::NaiveDate::parse_from_str(&text(h, k), "%Y-%m-%d").ok();
                        Some((d("start")?, d("end")?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let support = match raw.get("support_staff_messaging").and_then(Value::as_str) {
            Some("post_only") => SupportAccess::PostOnly,
            Some("message") => SupportAccess::Message,
            _ => SupportAccess::None,
        };
        Ok(SchoolConfig {
            id: school,
            name: row.name,
            tz: text(&raw, "timezone")
                .parse()
                .unwrap_or(chrono_tz::Europe::London),
            office_phone: text(&raw, "office_phone"),
            office_email: text(&raw, "office_email"),
            nursing_team_phone: text(&raw, "nursing_team_phone"),
            response_expectation: text(&raw, "response_expectation"),
            hours,
            class_chat_enabled: raw
                .get("class_chat_enabled")
                .and_then(Value::as_bool)
                .unwrap_or(true),
            support,
            parent_read_receipts: raw
                .get("parent_read_receipts")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            raw,
        })
    }

    /// The hours one member of staff keeps: the school's, minus their quiet window if they set one.
    pub async fn hours_of(&self, state: &AppState, user: UserId) -> AppResult<WorkingHours> {
        let mut hours = self.hours.clone();
        if let Some((s, e)) = state.store.quiet_hours(user).await?
            && let (Some(s), Some(e)) = (parse_time(&s), parse_time(&e))
        {
            hours.quiet = Some((s, e));
        }
        Ok(hours)
    }

    /// 403 `recipient_not_allowed`, saying who to contact instead.
    pub fn recipient_not_allowed(&self, why: &str) -> AppError {
        AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::RecipientNotAllowed,
            format!(
                "{why} For anything else, please contact the school office on {} or {}.",
                self.office_phone, self.office_email
            ),
        )
    }
}

pub fn datetime(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

pub use hometime_api::roster_id;

/// The store's consent answer as the API words it.
pub fn consent_answer(c: PhotoConsent) -> PhotoConsentAnswer {
    match c {
        PhotoConsent::Yes => PhotoConsentAnswer::Yes,
        PhotoConsent::No => PhotoConsentAnswer::No,
        PhotoConsent::NotAsked => PhotoConsentAnswer::NotAsked,
    }
}

/// Whether a member of staff assigned to a class may take part in its private threads.
pub fn may_message(role: Option<StaffRole>, school: &SchoolConfig) -> bool {
    match role {
        Some(StaffRole::Support) => school.support == SupportAccess::Message,
        Some(_) => true,
        // Assigned to a class without a staff row: treated as a teacher of it.
        None => true,
    }
}

/// The staff who may message the families of a class now: its class teacher(s) and cover, and support
/// staff assigned to it when the school allows.
pub async fn messaging_staff(
    state: &AppState,
    school: &SchoolConfig,
    class: ClassId,
) -> AppResult<Vec<ClassStaff>> {
    Ok(state
        .store
        .class_staff_now(class, state.now())
        .await?
        .into_iter()
        .filter(|s| may_message(s.staff_role(), school))
        .collect())
}

/// Which side of a thread the caller is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Parent,
    Staff,
}

/// Loads a thread the caller is part of. Threads of other families, and threads of classes the caller
/// no longer teaches, answer 404 (not 403), so ids reveal nothing.
pub async fn thread_for_caller(
    state: &AppState,
    adult: &Adult,
    school: &SchoolConfig,
    id: i64,
) -> AppResult<(Thread, Side)> {
    let unknown = || {
        AppError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "This conversation doesn't exist, or isn't one of yours.",
        )
    };
    let thread = state.store.thread(id).await?.ok_or_else(unknown)?;
    if thread.school_id != school.id {
        return Err(unknown());
    }
    if thread.parent_id == adult.id() {
        return Ok((thread, Side::Parent));
    }
    if adult.staff_role().is_some_and(|(s, _)| s == school.id)
        && messaging_staff(state, school, thread.class_id)
            .await?
            .iter()
            .any(|s| s.user_id == adult.id())
    {
        return Ok((thread, Side::Staff));
    }
    Err(unknown())
}

/// The school the caller belongs to for messaging: where they work, else where their first child is.
pub async fn school_of(state: &AppState, adult: &Adult) -> AppResult<SchoolId> {
    if let Some((school, _)) = adult.staff_role() {
        return Ok(school);
    }
    let children = state.store.children_of(adult.id()).await?;
    children
        .first()
        .map(|c| c.school_id)
        .ok_or_else(AppError::forbidden)
}

/// Who the caller is in a class chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChatRole {
    pub author: AuthorRole,
    pub may_moderate: bool,
    pub may_post: bool,
}

/// Whether (and as what) the caller belongs to a class's chat: its parents, its teachers and cover,
/// support staff assigned to it (when the school allows), and the school's leaders. Others get 403;
/// classes of other schools 404.
pub async fn chat_member(
    state: &AppState,
    adult: &Adult,
    class: ClassId,
) -> AppResult<(Class, SchoolConfig, ChatRole)> {
    let class = state
        .store
        .class(class)
        .await?
        .ok_or_else(AppError::not_found)?;
    let school = SchoolConfig::load(state, class.school_id).await?;
    let staff_here = adult
        .staff_role()
        .filter(|(s, _)| *s == class.school_id)
        .map(|(_, r)| r);
    let assigned = state
        .store
        .class_staff_now(class.id, state.now())
        .await?
        .into_iter()
        .find(|s| s.user_id == adult.id());
    let role = match (staff_here, assigned) {
        (Some(StaffRole::Support), Some(_)) => match school.support {
            SupportAccess::None => None,
            _ => Some(ChatRole {
                author: AuthorRole::Staff,
                may_moderate: false,
                may_post: true,
            }),
        },
        (Some(StaffRole::Leader), assigned) => Some(ChatRole {
            author: if assigned.is_some() {
                AuthorRole::Teacher
            } else {
                AuthorRole::Staff
            },
            may_moderate: true,
            may_post: true,
        }),
        (Some(_), Some(_)) => Some(ChatRole {
            author: AuthorRole::Teacher,
            may_moderate: true,
            may_post: true,
        }),
        (Some(_), None) => None,
        (None, _) if state.store.is_parent_in_class(adult.id(), class.id).await? => {
            Some(ChatRole {
                author: AuthorRole::Parent,
                may_moderate: false,
                may_post: true,
            })
        }
        (None, _) => None,
    };
    let Some(role) = role else {
        let linked_here = adult.staff_role().is_some()
            || state
                .store
                .children_of(adult.id())
                .await?
                .iter()
                .any(|c| c.school_id == class.school_id);
        // An adult with no link to this school learns nothing about its classes.
        return Err(if linked_here {
            AppError::forbidden()
        } else {
            AppError::not_found()
        });
    };
    if !school.class_chat_enabled {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Class chat is switched off at this school.",
        ));
    }
    Ok((class, school, role))
}

/// Checks a message body's length: 422 with field details when empty or too long.
pub fn check_body(body: &str) -> AppResult<()> {
    let n = body.trim().chars().count();
    let (code, message) = if n == 0 {
        ("required", "Please write a message.".to_owned())
    } else if body.chars().count() > MAX_MESSAGE_CHARS {
        (
            "too_long",
            format!("Messages can be up to {MAX_MESSAGE_CHARS} characters."),
        )
    } else {
        return Ok(());
    };
    Err(AppError::invalid("body", code, &message))
}

/// Checks a removal or report reason: 1 to `MAX_REASON_CHARS` characters.
pub fn check_reason(reason: &str) -> AppResult<()> {
    let n = reason.trim().chars().count();
    let (code, message) = if n == 0 {
        ("required", "Please give a reason.")
    } else if reason.chars().count() > hometime_api::MAX_REASON_CHARS {
        ("too_long", "Please keep the reason shorter.")
    } else {
        return Ok(());
    };
    Err(AppError::invalid("reason", code, message))
}

/// Splits "Mr Daly" into a title and surname for the pack's staff list.
fn staff_entry(display_name: &str, role: &str) -> Value {
    let mut words = display_name.split_whitespace();
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let titled = matches!(
        first.trim_end_matches('.').to_ascii_lowercase().as_str(),
        "mr" | "mrs" | "ms" | "miss" | "mx" | "dr"
    );
    if titled && !rest.is_empty() {
        json!({"title": first, "surname": rest.join(" "), "role": role})
    } else {
        json!({"title": "", "first_name": first, "surname": rest.join(" "), "role": role})
    }
}

/// The policy pack for one class, built from the database: the school's settings, the class, its roster
/// (names, and for staff viewers or the server itself one `photo_consent` boolean meaning "may be shown";
/// never the consent answer, the protection flags or other records), the school's staff and other class
/// names, and the viewer's own quiet window when they are staff. The browser runs the engine with the
/// same pack.
pub async fn policy_pack_for_class(
    state: &AppState,
    school: &SchoolConfig,
    class: &Class,
    viewer: Option<UserId>,
) -> AppResult<Value> {
    let mut pack_school = school.raw.clone();
    let staff = state.store.staff_of_school(school.id).await?;
    let mut staff_list: Vec<Value> = pack_school
        .get("staff")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    staff_list.extend(staff.iter().map(|s| staff_entry(&s.display_name, &s.role)));
    let classes = state.store.classes_of_school(school.id).await?;
    let mut other: Vec<Value> = pack_school
        .get("other_class_names")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for c in classes.iter().filter(|c| c.id != class.id) {
        let name = json!(c.name);
        if !other.contains(&name) {
            other.push(name);
        }
    }
    if let Some(obj) = pack_school.as_object_mut() {
        obj.insert("staff".into(), Value::Array(staff_list));
        obj.insert("other_class_names".into(), Value::Array(other));
        if let Some(viewer) = viewer
            && let Some((s, e)) = state.store.quiet_hours(viewer).await?
        {
            obj.insert("quiet_hours".into(), json!({"start": s, "end": e}));
        }
    }
    // `photo_consent` drives the engine's `photo-consent` rule for staff posting stories. It is true only
    // when the pupil may be shown (`ShowStatus`: a "yes" and no protection flag), so looked-after and
    // do-not-show pupils count as no consent. Families get no `photo_consent` at all: the rule never applies
    // to them (the pack's default is `false`), and a pack they can fetch must not reveal which classmates
    // are protected, so their pack leaves the key out.
    let consent_visible = match viewer {
        None => true,
        Some(v) => state
            .store
            .staff_roles(v)
            .await?
            .iter()
            .any(|(s, _)| *s == school.id),
    };
    let pupils: Vec<Value> = state
        .store
        .pupils_in_class(class.id)
        .await?
        .into_iter()
        .map(|p| {
            let mut entry = json!({
                "id": roster_id(p.id),
                "first_name": p.first_name,
                "surname": p.surname,
                "preferred_name": p.preferred_name,
            });
            if consent_visible && let Some(obj) = entry.as_object_mut() {
                let status = ShowStatus::of(
                    consent_answer(p.photo_consent),
                    p.looked_after,
                    p.do_not_show,
                );
                obj.insert("photo_consent".into(), json!(status.may_be_shown()));
            }
            entry
        })
        .collect();
    Ok(json!({
        "roster_id": format!("class-{}", class.id.0),
        "school": pack_school,
        "class": {
            "name": format!("{} Class", class.name),
            "year_group": class.year_group,
            "teacher": class.teacher_name.clone().unwrap_or_default(),
        },
        "pupils": pupils,
    }))
}

/// What the server's re-check needs to know about a write.
pub struct Recheck<'a> {
    pub school: &'a SchoolConfig,
    pub class: &'a Class,
    pub author: &'a Adult,
    pub role: AuthorRole,
    pub context: Context,
    pub child: Option<PupilId>,
    pub text: &'a str,
    pub acknowledged: &'a [RuleId],
}

/// Runs the policy engine on a write with the context the server loaded itself. Blocks, and warnings
/// the writer did not acknowledge, answer 422 `policy_blocked` with the findings; info never blocks.
/// Returns the acknowledged warnings that fired, for the audit record (rule ids only).
pub async fn recheck(state: &AppState, r: &Recheck<'_>) -> AppResult<Vec<RuleId>> {
    recheck_each(state, r, &[r.child]).await
}

/// [`recheck`] for one text about several pupils (a point's note given to a group): the pack is loaded
/// and the engine compiled once, then the text is checked as being about each pupil in turn.
pub async fn recheck_each(
    state: &AppState,
    r: &Recheck<'_>,
    children: &[Option<PupilId>],
) -> AppResult<Vec<RuleId>> {
    let pack_json = policy_pack_for_class(state, r.school, r.class, Some(r.author.id())).await?;
    let pack: Pack = serde_json::from_value(pack_json).map_err(AppError::internal)?;
    let engine = Engine::new(&pack).map_err(AppError::internal)?;
    let sent_at = datetime(state.now())
        .with_timezone(&r.school.tz)
        .naive_local();
    let mut acked = Vec::new();
    for child in children {
        acked.extend(judge(
            &engine,
            r,
            child.map(roster_id).as_deref(),
            sent_at,
            None,
        )?);
    }
    acked.sort();
    acked.dedup();
    Ok(acked)
}

/// [`recheck`] with a pack the caller built and the facts about attached photos: for stories and their
/// comments, whose roster can span several classes (the School Story) and whose pupils' `photo_consent`
/// depends on where the post goes (`crate::stories`).
pub fn recheck_with_pack(
    state: &AppState,
    r: &Recheck<'_>,
    pack_json: Value,
    photos: Option<PhotoFacts>,
) -> AppResult<Vec<RuleId>> {
    let pack: Pack = serde_json::from_value(pack_json).map_err(AppError::internal)?;
    let engine = Engine::new(&pack).map_err(AppError::internal)?;
    let sent_at = datetime(state.now())
        .with_timezone(&r.school.tz)
        .naive_local();
    judge(
        &engine,
        r,
        r.child.map(roster_id).as_deref(),
        sent_at,
        photos,
    )
}

/// Checks one draft: blocks and unacknowledged warnings become the 422; otherwise the warnings that fired
/// (all acknowledged) are returned for the audit record.
fn judge(
    engine: &Engine,
    r: &Recheck<'_>,
    child: Option<&str>,
    sent_at: chrono::NaiveDateTime,
    photos: Option<PhotoFacts>,
) -> AppResult<Vec<RuleId>> {
    let findings = engine.check(&Draft {
        role: r.role,
        context: r.context,
        text: r.text,
        child,
        sent_at,
        photos,
        // The server has already enforced the recipient rules before checking the text.
        recipient_is_class_teacher: (r.context == Context::PrivateMessage).then_some(true),
    });
    let stopping = findings.iter().any(|f| {
        f.severity == Severity::Block
            || (f.severity == Severity::Warn && !r.acknowledged.contains(&f.rule))
    });
    if stopping {
        let mut err = AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::PolicyBlocked,
            "The message breaks the school's policy. Please see the guidance.",
        );
        err.body = ApiError {
            findings: findings
                .into_iter()
                .filter(|f| f.severity > Severity::Info)
                .map(PolicyFindingView::from)
                .collect(),
            ..err.body
        };
        return Err(err);
    }
    Ok(findings
        .iter()
        .filter(|f| f.severity == Severity::Warn)
        .map(|f| f.rule)
        .collect())
}

/// 422 for a send that asks to be scheduled where scheduling isn't allowed; `why` says where it is.
pub fn schedule_not_allowed(why: &str) -> AppError {
    AppError::invalid("schedule_for_next_working_morning", "not_allowed", why)
}

/// Stores a message that passed the re-check `r`, with the warnings its author acknowledged (`acked`,
/// as `recheck` returned them) for the audit record. Returns the new message's id.
pub async fn insert_checked(
    state: &AppState,
    r: &Recheck<'_>,
    acked: &[RuleId],
    to: Destination,
    sent_at: i64,
    deliver_at: i64,
) -> AppResult<i64> {
    insert_checked_with_photos(state, r, acked, to, sent_at, deliver_at, &[]).await
}

/// [`insert_checked`] for a private-thread message sent with photos (already decoded and stripped):
/// the message and its photos are stored in one transaction.
pub async fn insert_checked_with_photos(
    state: &AppState,
    r: &Recheck<'_>,
    acked: &[RuleId],
    to: Destination,
    sent_at: i64,
    deliver_at: i64,
    photos: &[NewMessagePhoto<'_>],
) -> AppResult<i64> {
    let acked_ids: Vec<&str> = acked.iter().map(|r| r.as_str()).collect();
    Ok(state
        .store
        .insert_message_with_photos(
            &NewMessage {
                school: r.school.id,
                to,
                author: r.author.id(),
                author_kind: author_kind_str(r.role),
                body: r.text,
                sent_at,
                deliver_at,
                acknowledged: &acked_ids,
            },
            photos,
        )
        .await?)
}

/// A message just sent, as its author sees it, answered 201.
pub async fn created_view(
    state: &AppState,
    msg_id: i64,
    author: UserId,
) -> AppResult<(StatusCode, axum::Json<MessageView>)> {
    let stored = state
        .store
        .message(msg_id)
        .await?
        .ok_or_else(|| AppError::internal("message vanished"))?;
    let mut created = [view(&stored, author, None)];
    attach_photos(state, &mut created).await?;
    let [created] = created;
    Ok((StatusCode::CREATED, axum::Json(created)))
}

/// The author role the engine uses for a member of staff writing about a class: its class teacher (or
/// cover) writes as `teacher`; leaders, the office and support staff as `staff`.
pub fn staff_author_role(role: StaffRole, assigned_teacher: bool) -> AuthorRole {
    match role {
        StaffRole::Teacher if assigned_teacher => AuthorRole::Teacher,
        StaffRole::Teacher => AuthorRole::Staff,
        StaffRole::Leader if assigned_teacher => AuthorRole::Teacher,
        _ => AuthorRole::Staff,
    }
}

pub fn author_kind(s: &str) -> AuthorKind {
    match s {
        "parent" => AuthorKind::Parent,
        "teacher" => AuthorKind::Teacher,
        _ => AuthorKind::Staff,
    }
}

pub fn author_kind_str(role: AuthorRole) -> &'static str {
    match role {
        AuthorRole::Parent => "parent",
        AuthorRole::Teacher => "teacher",
        _ => "staff",
    }
}

/// A stored message as `viewer` sees it (the caller has already filtered out what they may not see).
pub fn view(m: &Message, viewer: UserId, seen_at: Option<i64>) -> MessageView {
    MessageView {
        id: m.id,
        thread_id: m.thread_id,
        class_id: m.class_id.map(ClassId),
        author_id: UserId(m.author_user_id),
        author_name: m.author_name.clone(),
        author_role: author_kind(&m.author_kind),
        mine: m.author_user_id == viewer.0,
        body: m.removed_at.is_none().then(|| m.body.clone()),
        removed: m.removed_at.map(|at| RemovedMarker {
            by_name: m.removed_by_name.clone().unwrap_or_default(),
            at: rfc3339(at),
        }),
        sent_at: rfc3339(m.sent_at),
        deliver_at: rfc3339(m.deliver_at),
        seen_at: seen_at.map(rfc3339),
        photos: Vec::new(),
    }
}

/// A stored message photo as a reader sees it: links to the authorised photo handler.
pub fn photo_view(p: &MessagePhoto) -> PhotoView {
    let px = |n: i32| u32::try_from(n).unwrap_or(0);
    PhotoView {
        id: p.id,
        width: px(p.width),
        height: px(p.height),
        url: format!("{API_PREFIX}/photos/{}", p.id),
        thumb_url: format!("{API_PREFIX}/photos/{}/thumb", p.id),
        download_url: None,
    }
}

/// Fills in the photos of messages already converted by [`view`] (one query for all of them).
pub async fn attach_photos(state: &AppState, views: &mut [MessageView]) -> AppResult<()> {
    let ids: Vec<i64> = views.iter().map(|v| v.id).collect();
    for p in state.store.photos_of_messages(&ids).await? {
        if let Some(v) = views.iter_mut().find(|v| v.id == p.message_id) {
            v.photos.push(photo_view(&p));
        }
    }
    Ok(())
}

/// The messages of a thread as one side sees them, with read receipts computed by the rules: staff see
/// when the parent read; the parent sees staff reads only when the school turns receipts on, and a read
/// outside working hours only from the start of the next working period (and never in the future).
pub async fn thread_views(
    state: &AppState,
    school: &SchoolConfig,
    thread: &Thread,
    viewer: UserId,
    side: Side,
) -> AppResult<Vec<MessageView>> {
    let now = state.now();
    let messages = state.store.thread_messages(thread.id).await?;
    let reads = state.store.thread_reads(thread.id).await?;
    let parent = thread.parent_id.0;
    let seen = |m: &Message| -> Option<i64> {
        if m.author_user_id != viewer.0 {
            return None;
        }
        let by_other_side = |reader: i64| match side {
            Side::Staff => reader == parent,
            Side::Parent => reader != parent,
        };
        let raw = reads
            .iter()
            .filter(|(reader, up_to, _)| by_other_side(*reader) && *up_to >= m.id)
            .map(|(_, _, at)| *at)
            .min()?;
        match side {
            Side::Staff => Some(raw),
            Side::Parent if !school.parent_read_receipts => None,
            Side::Parent => {
                let at = datetime(raw);
                let visible = if school.hours.is_working(at, &school.tz) {
                    at
                } else {
                    school.hours.next_working(at, &school.tz)?
                };
                let visible = visible.timestamp_millis();
                (visible <= now).then_some(visible)
            }
        }
    };
    let mut views: Vec<MessageView> = messages
        .iter()
        .filter(|m| side == Side::Staff || m.author_user_id == viewer.0 || m.deliver_at <= now)
        .map(|m| view(m, viewer, seen(m)))
        .collect();
    attach_photos(state, &mut views).await?;
    Ok(views)
}

/// The classes whose threads `adult` takes part in on the staff side, and whose chats they belong to.
pub async fn staff_classes(
    state: &AppState,
    adult: &Adult,
    school: &SchoolConfig,
) -> AppResult<(Vec<ClassId>, Vec<ClassId>)> {
    let Some((_, role)) = adult.staff_role() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let taught = state
        .store
        .classes_taught_by(adult.id(), state.now())
        .await?;
    let thread_classes: Vec<ClassId> = if may_message(Some(role), school) {
        taught.iter().map(|c| c.id).collect()
    } else {
        Vec::new()
    };
    let mut chat: HashSet<ClassId> = match (role, school.support) {
        (StaffRole::Support, SupportAccess::None) => HashSet::new(),
        (StaffRole::Office, _) => HashSet::new(),
        _ => taught.iter().map(|c| c.id).collect(),
    };
    if role == StaffRole::Leader {
        chat.extend(
            state
                .store
                .classes_of_school(school.id)
                .await?
                .iter()
                .map(|c| c.id),
        );
    }
    let mut chat: Vec<ClassId> = chat.into_iter().collect();
    chat.sort();
    Ok((thread_classes, chat))
}

/// A signed-in adult, refusing pupils (403) while extracting, so a pupil is refused before the body
/// is even read: whatever a pupil sends to a messaging endpoint, the answer is 403, never a 422.
pub struct AdultOnly(pub Adult);

impl axum::extract::FromRequestParts<AppState> for AdultOnly {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> AppResult<Self> {
        let user = crate::session::CurrentUser::from_request_parts(parts, state).await?;
        crate::authz::require_adult(&user).cloned().map(AdultOnly)
    }
}
