//! Points: the teacher's grid of a class, awarding (one, several or all pupils, with an optional note the
//! policy engine checks) and undoing, one pupil's points for their family and staff, the pupil's own view,
//! the classroom display (positive totals only), and the policy pack the browser checks notes with.

use std::collections::{BTreeSet, HashMap};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hometime_api::{
    ApiError, AwardRequest, Awarded, ClassDisplay, ClassPoints, DisplayPupil, ErrorCode,
    MAX_NOTE_CHARS, OwnPoint, OwnPoints, PointView, PointsSettings, PupilPoints, PupilTally,
    SkillKind, UNDO_WINDOW_SECS,
};
use hometime_domain::{ClassId, PointId, PupilId, StaffRole};
use hometime_policy::{AuthorRole, Context, RuleId};
use hometime_store::{Class, Point, Tally};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::messaging::{Recheck, SchoolConfig, recheck_each};
use crate::routes::avatar;
use crate::routes::skills::{load_settings, skill_view};
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

/// At most this many pupils in one award (a class is never bigger).
const MAX_PUPILS_PER_AWARD: usize = 60;
/// How many points one pupil's page lists.
const PUPIL_POINTS_LIMIT: u32 = 100;
/// How many recent positive points a pupil sees.
const OWN_RECENT_LIMIT: u32 = 10;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(class_points, award))
        .routes(routes!(undo))
        .routes(routes!(pupil_points))
        .routes(routes!(own_points))
        .routes(routes!(display))
}

fn point_view(p: &Point) -> PointView {
    PointView {
        id: p.id,
        pupil_id: p.pupil_id,
        skill_id: p.skill_id,
        skill_name: p.skill_name.clone(),
        kind: SkillKind::parse(&p.kind).unwrap_or(SkillKind::Positive),
        note: p.note.clone(),
        awarded_by: p.awarded_by_name.clone(),
        awarded_at: rfc3339(p.awarded_at),
    }
}

async fn tallies(state: &AppState, class: ClassId) -> AppResult<HashMap<PupilId, Tally>> {
    Ok(state
        .store
        .tallies_of_class(class)
        .await?
        .into_iter()
        .collect())
}

/// The class as the teacher's grid shows it: every pupil with avatar and totals, and the skills to give.
#[utoipa::path(get, path = "/classes/{id}/points", tag = "points",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 200, body = ClassPoints),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn class_points(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<ClassPoints>> {
    let class = authz::can_view_class(&state, &user, ClassId(id)).await?;
    let can_award = authz::can_award_in(&state, &user, class.id).await.is_ok();
    let settings = load_settings(&state, class.school_id).await?;
    let skills = state
        .store
        .skills_for_class(class.school_id, class.id)
        .await?
        .iter()
        .map(skill_view)
        .filter(|s| settings.needs_work_enabled || s.kind == SkillKind::Positive)
        .collect();
    let tallies = tallies(&state, class.id).await?;
    let pupils = state
        .store
        .pupils_in_class(class.id)
        .await?
        .into_iter()
        .map(|p| {
            let t = tallies.get(&p.id).copied().unwrap_or_default();
            PupilTally {
                id: p.id,
                name: p.preferred_name,
                avatar: avatar(&p.avatar),
                positive: t.positive,
                needs_work: t.needs_work,
            }
        })
        .collect();
    Ok(Json(ClassPoints {
        class_id: class.id,
        class_name: class.name,
        skills,
        pupils,
        can_award,
        settings,
    }))
}

/// Gives one skill to one or more pupils of the class (all or nothing), with an optional note that the
/// policy engine checks as a behaviour comment about each pupil. Warnings must be acknowledged.
#[utoipa::path(post, path = "/classes/{id}/points", tag = "points",
    params(("id" = i64, Path, description = "Class id")),
    request_body = AwardRequest,
    responses(
        (status = 201, body = Awarded),
        (status = 403, body = ApiError, description = "Not the class's teacher or a leader"),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError, description = "`validation` (unknown pupils or skill, note too long) or `policy_blocked` with findings"),
    ))]
async fn award(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AwardRequest>,
) -> AppResult<(StatusCode, Json<Awarded>)> {
    let (class, adult, role) = authz::can_award_in(&state, &user, ClassId(id)).await?;

    let mut seen = BTreeSet::new();
    let pupils: Vec<PupilId> = body
        .pupil_ids
        .iter()
        .copied()
        .filter(|p| seen.insert(*p))
        .collect();
    if pupils.is_empty() {
        return Err(AppError::invalid(
            "pupil_ids",
            "required",
            "choose at least one pupil",
        ));
    }
    if pupils.len() > MAX_PUPILS_PER_AWARD {
        return Err(AppError::invalid(
            "pupil_ids",
            "too_many",
            "too many pupils at once",
        ));
    }
    let note = body
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(AppError::invalid(
            "note",
            "too_long",
            "keep the note to 200 characters or fewer",
        ));
    }
    let settings = load_settings(&state, class.school_id).await?;
    let skill = match state.store.skill(body.skill_id).await? {
        Some(s) if s.school_id == class.school_id && s.class().is_none_or(|c| c == class.id) => s,
        _ => {
            return Err(AppError::invalid(
                "skill_id",
                "unknown",
                "no such skill in this class",
            ));
        }
    };
    if skill.kind == SkillKind::NeedsWork.as_str() && !settings.needs_work_enabled {
        return Err(AppError::invalid(
            "skill_id",
            "disabled",
            "the school does not use needs-work points",
        ));
    }
    let in_class: BTreeSet<PupilId> = state
        .store
        .pupils_in_class(class.id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    if let Some(stranger) = pupils.iter().find(|p| !in_class.contains(p)) {
        return Err(AppError::invalid(
            "pupil_ids",
            "not_in_class",
            &format!("pupil {stranger} is not in this class"),
        ));
    }

    let mut acked = Vec::new();
    if let Some(text) = note {
        let author = if role == StaffRole::Teacher {
            AuthorRole::Teacher
        } else {
            AuthorRole::Staff
        };
        acked = check_note(
            &state,
            &class,
            &adult,
            author,
            text,
            &body.acknowledged,
            &pupils,
        )
        .await?;
    }

    let now = state.now();
    let ids = state
        .store
        .award_points(class.id, &pupils, skill.id, adult.id(), note, now)
        .await
        .map_err(|e| match e {
            // A pupil moved class between the check and the write: nothing was recorded.
            hometime_store::StoreError::NotFound => {
                AppError::invalid("pupil_ids", "not_in_class", "a pupil is not in this class")
            }
            e => e.into(),
        })?;
    if !acked.is_empty() {
        let rules: Vec<&str> = acked.iter().map(|r| r.as_str()).collect();
        for id in &ids {
            state
                .store
                .audit(
                    Some(adult.id()),
                    "policy.warning_acknowledged",
                    &format!("point:{id}"),
                    &rules.join(","),
                    now,
                )
                .await?;
        }
    }
    let mut points = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(p) = state.store.point(id).await? {
            points.push(point_view(&p));
        }
    }
    let undo_ms = i64::try_from(UNDO_WINDOW_SECS * 1000).unwrap_or(i64::MAX);
    Ok((
        StatusCode::CREATED,
        Json(Awarded {
            points,
            undo_until: rfc3339(now + undo_ms),
        }),
    ))
}

/// Takes back a point just given: only the teacher who gave it, and only within the undo window.
#[utoipa::path(delete, path = "/points/{id}", tag = "points",
    params(("id" = i64, Path, description = "Point id")),
    responses(
        (status = 204, description = "Undone"),
        (status = 403, body = ApiError, description = "Someone else's point, or the undo window has passed"),
        (status = 404, body = ApiError),
    ))]
async fn undo(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    let (adult, school, _) = authz::require_staff(&user)?;
    let gone = || {
        AppError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "That point no longer exists.",
        )
    };
    let point = state.store.point(PointId(id)).await?.ok_or_else(gone)?;
    let class = state.store.class(point.class_id).await?.ok_or_else(gone)?;
    if class.school_id != school {
        return Err(gone());
    }
    let window_ms = i64::try_from(UNDO_WINDOW_SECS * 1000).unwrap_or(i64::MAX);
    if point.awarded_by != adult.id() || state.now() - point.awarded_at > window_ms {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "A point can only be undone by the teacher who gave it, in the first few seconds.",
        ));
    }
    state.store.delete_point(point.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One pupil's points and notes, positive and needs-work, for their parents and carers and for staff.
#[utoipa::path(get, path = "/pupils/{id}/points", tag = "points",
    params(("id" = i64, Path, description = "Pupil id")),
    responses(
        (status = 200, body = PupilPoints),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn pupil_points(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<PupilPoints>> {
    let pupil = authz::can_view_points_of(&state, &user, PupilId(id)).await?;
    let tally = state.store.tally_of_pupil(pupil.id).await?;
    let points = state
        .store
        .points_of_pupil(pupil.id, false, PUPIL_POINTS_LIMIT)
        .await?;
    Ok(Json(PupilPoints {
        pupil_id: pupil.id,
        name: pupil.preferred_name,
        avatar: avatar(&pupil.avatar),
        positive: tally.positive,
        needs_work: tally.needs_work,
        points: points.iter().map(point_view).collect(),
    }))
}

/// The signed-in pupil's own avatar, positive total and recent positive points (no notes, nothing else).
#[utoipa::path(get, path = "/pupil/points", tag = "pupil",
    responses(
        (status = 200, body = OwnPoints),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError, description = "Not a pupil session"),
    ))]
async fn own_points(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<OwnPoints>> {
    let pupil = authz::require_pupil(&user)?;
    let tally = state.store.tally_of_pupil(pupil.id).await?;
    let recent = state
        .store
        .points_of_pupil(pupil.id, true, OWN_RECENT_LIMIT)
        .await?
        .into_iter()
        .map(|p| OwnPoint {
            skill_name: p.skill_name,
            awarded_at: rfc3339(p.awarded_at),
        })
        .collect();
    let settings = load_settings(&state, pupil.school_id).await?;
    Ok(Json(OwnPoints {
        name: pupil.preferred_name.clone(),
        avatar: avatar(&pupil.avatar),
        positive: tally.positive,
        recent,
        show_initials: settings.show_initials,
    }))
}

/// The classroom board: first names, avatars and positive totals only. Needs-work points never appear.
#[utoipa::path(get, path = "/classes/{id}/display", tag = "points",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 200, body = ClassDisplay),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn display(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<ClassDisplay>> {
    let class = authz::can_view_class(&state, &user, ClassId(id)).await?;
    let settings: PointsSettings = load_settings(&state, class.school_id).await?;
    let tallies = tallies(&state, class.id).await?;
    let pupils: Vec<DisplayPupil> = state
        .store
        .pupils_in_class(class.id)
        .await?
        .into_iter()
        .map(|p| DisplayPupil {
            id: p.id,
            positive: tallies.get(&p.id).map_or(0, |t| t.positive),
            name: p.preferred_name,
            avatar: avatar(&p.avatar),
        })
        .collect();
    Ok(Json(ClassDisplay {
        class_name: class.name,
        class_total: pupils.iter().map(|p| p.positive).sum(),
        pupils,
        show_initials: settings.show_initials,
    }))
}

/// Re-checks a note about each pupil as a behaviour comment with the same pack and rules as every other
/// write ([`crate::messaging::recheck_each`]): blocks, and warnings the teacher did not keep on purpose, refuse the award. Returns
/// the acknowledged warnings that fired, for the audit record (rule ids only).
async fn check_note(
    state: &AppState,
    class: &Class,
    author: &Adult,
    role: AuthorRole,
    note: &str,
    acknowledged: &[RuleId],
    pupils: &[PupilId],
) -> AppResult<Vec<RuleId>> {
    let school = SchoolConfig::load(state, class.school_id).await?;
    let children: Vec<Option<PupilId>> = pupils.iter().copied().map(Some).collect();
    recheck_each(
        state,
        &Recheck {
            school: &school,
            class,
            author,
            role,
            context: Context::BehaviourComment,
            child: None,
            text: note,
            acknowledged,
        },
        &children,
    )
    .await
}
