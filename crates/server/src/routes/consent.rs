//! Photo consent: the office's records for a class (`GET /consent?class_id=N`) and for one pupil
//! (`PUT /pupils/{id}/consent`, audited), and the pupils a poster may tag in a photo with whether each may
//! be shown (`GET /classes/{id}/tag-candidates`).
//!
//! The office and leaders see and change the real record (the family's answer and the two protection
//! flags). Posters see only the coarse [`ShowStatus`]: a teacher learns "never shown", not whether that is
//! a care order or a court order.

use axum::Json;
use axum::extract::{RawQuery, State};
use hometime_api::{ApiError, PupilConsent, ShowStatus, TagCandidate, UpdatePupilConsent};
use hometime_domain::{ClassId, PupilId, SchoolId};
use hometime_store::{Class, ConsentRecord, PhotoConsent, Pupil};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::messaging::{AdultOnly, SchoolConfig, consent_answer};
use crate::routes::avatar;
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(class_consent))
        .routes(routes!(update_consent))
        .routes(routes!(tag_candidates))
}

fn status_of(p: &Pupil) -> ShowStatus {
    ShowStatus::of(
        consent_answer(p.photo_consent),
        p.looked_after,
        p.do_not_show,
    )
}

fn pupil_consent(p: &Pupil) -> PupilConsent {
    PupilConsent {
        pupil_id: p.id,
        class_id: p.class_id,
        first_name: p.first_name.clone(),
        surname: p.surname.clone(),
        photo_consent: consent_answer(p.photo_consent),
        looked_after: p.looked_after,
        do_not_show: p.do_not_show,
        status: status_of(p),
    }
}

/// The office or a leader of a school; returns the school. Everyone else is refused (403).
fn require_consent_keeper(adult: &Adult) -> AppResult<SchoolId> {
    match adult.staff_role() {
        Some((school, role)) if role.manages_school() => Ok(school),
        _ => Err(AppError::forbidden()),
    }
}

/// Reads `class_id` from the query string; a missing or non-numeric one is a 422 naming it.
fn class_id_param(query: Option<&str>) -> AppResult<ClassId> {
    query
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("class_id="))
        .and_then(|v| v.parse::<i64>().ok())
        .map(ClassId)
        .ok_or_else(|| AppError::invalid("class_id", "required", "Choose a class."))
}

/// A class of `school`; a class elsewhere is as unknown as a missing one (404).
async fn class_at(state: &AppState, school: SchoolId, class: ClassId) -> AppResult<Class> {
    match state.store.class(class).await? {
        Some(c) if c.school_id == school => Ok(c),
        _ => Err(AppError::not_found()),
    }
}

/// A class's photo-consent records, in register order: the office and leaders only.
#[utoipa::path(get, path = "/consent", tag = "consent",
    params(("class_id" = i64, Query, description = "Class id")),
    responses(
        (status = 200, body = Vec<PupilConsent>),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError, description = "`class_id` missing or not a number"),
    ))]
async fn class_consent(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(query): RawQuery,
) -> AppResult<Json<Vec<PupilConsent>>> {
    let school = require_consent_keeper(authz::require_adult(&user)?)?;
    let class = class_at(&state, school, class_id_param(query.as_deref())?).await?;
    let pupils = state.store.pupils_in_class(class.id).await?;
    Ok(Json(pupils.iter().map(pupil_consent).collect()))
}

/// Records a pupil's photo consent and protection flags: the office and leaders only. Each change is
/// audited (who, which pupil, the old and new values as words; never a name).
#[utoipa::path(put, path = "/pupils/{id}/consent", tag = "consent",
    params(("id" = i64, Path, description = "Pupil id")),
    request_body = UpdatePupilConsent,
    responses(
        (status = 200, body = PupilConsent),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn update_consent(
    State(state): State<AppState>,
    // Refuses pupils before the body is read.
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    ApiJson(body): ApiJson<UpdatePupilConsent>,
) -> AppResult<Json<PupilConsent>> {
    let school = require_consent_keeper(&adult)?;
    if !matches!(state.store.pupil(PupilId(id)).await?, Some(p) if p.school_id == school) {
        return Err(AppError::not_found());
    }
    let new = ConsentRecord {
        photo_consent: match body.photo_consent {
            hometime_api::PhotoConsentAnswer::Yes => PhotoConsent::Yes,
            hometime_api::PhotoConsentAnswer::No => PhotoConsent::No,
            hometime_api::PhotoConsentAnswer::NotAsked => PhotoConsent::NotAsked,
        },
        looked_after: body.looked_after,
        do_not_show: body.do_not_show,
    };
    state
        .store
        .set_pupil_consent(PupilId(id), new, adult.id(), state.now())
        .await?;
    let pupil = state
        .store
        .pupil(PupilId(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(pupil_consent(&pupil)))
}

/// Whether every member of staff may post on the School Story (the school's `school_story_posters`), in
/// which case any of them may need to tag pupils of any class.
fn all_staff_post_school_story(school: &SchoolConfig) -> bool {
    school
        .raw
        .get("school_story_posters")
        .and_then(serde_json::Value::as_str)
        == Some("all_staff")
}

/// The pupils of a class a poster may tag, with whether each may be shown: for staff who may post to
/// that class's story or the School Story (the class's teacher and cover, support staff assigned to it,
/// the office and leaders, and every member of staff when the school lets all staff post on the School
/// Story). Families and pupils: 403.
#[utoipa::path(get, path = "/classes/{id}/tag-candidates", tag = "consent",
    params(("id" = i64, Path, description = "Class id")),
    responses(
        (status = 200, body = Vec<TagCandidate>),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn tag_candidates(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Json<Vec<TagCandidate>>> {
    let (adult, school_id, role) = authz::require_staff(&user)?;
    let class = class_at(&state, school_id, ClassId(id)).await?;
    let allowed = role.manages_school()
        || state
            .store
            .teaches(adult.id(), class.id, state.now())
            .await?
        || all_staff_post_school_story(&SchoolConfig::load(&state, school_id).await?);
    if !allowed {
        return Err(AppError::forbidden());
    }
    let pupils = state.store.pupils_in_class(class.id).await?;
    Ok(Json(
        pupils
            .iter()
            .map(|p| TagCandidate {
                pupil_id: p.id,
                preferred_name: p.preferred_name.clone(),
                avatar: avatar(&p.avatar),
                status: status_of(p),
            })
            .collect(),
    ))
}
