//! Authorisation: what a signed-in person may do, decided from their relationships (guardian of, teaches,
//! staff role at the school), never from one global role. Each handler calls one of these first.
//!
//! Pupils may only read `/me` and sign out; every function here refuses them.

use hometime_domain::{ClassId, PupilId, SchoolId, StaffRole};
use hometime_store::{Class, Pupil};

use crate::error::{AppError, AppResult};
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;

/// Any signed-in adult (parent, carer or staff).
pub fn require_adult(user: &CurrentUser) -> AppResult<&Adult> {
    match user {
        CurrentUser::Adult(a) => Ok(a),
        CurrentUser::Pupil(_) => Err(AppError::forbidden()),
    }
}

/// A member of staff; returns their school and role.
pub fn require_staff(user: &CurrentUser) -> AppResult<(&Adult, SchoolId, StaffRole)> {
    let adult = require_adult(user)?;
    let (school, role) = adult.staff_role().ok_or_else(AppError::forbidden)?;
    Ok((adult, school, role))
}

/// A school leader; returns their school.
pub fn require_leader(user: &CurrentUser) -> AppResult<(&Adult, SchoolId)> {
    let (adult, school, role) = require_staff(user)?;
    if role == StaffRole::Leader {
        Ok((adult, school))
    } else {
        Err(AppError::forbidden())
    }
}

/// Loads a class of the caller's own school; a class elsewhere is as unknown as a missing one.
async fn class_at(state: &AppState, school: SchoolId, class: ClassId) -> AppResult<Class> {
    match state.store.class(class).await? {
        Some(c) if c.school_id == school => Ok(c),
        _ => Err(AppError::not_found()),
    }
}

/// Loads a pupil of the caller's own school; a pupil elsewhere is as unknown as a missing one.
async fn pupil_at(state: &AppState, school: SchoolId, pupil: PupilId) -> AppResult<Pupil> {
    match state.store.pupil(pupil).await? {
        Some(p) if p.school_id == school => Ok(p),
        _ => Err(AppError::not_found()),
    }
}

/// Lets `adult` through when their role at the school already allows it (`by_role`) or, failing that,
/// when they teach `class` now (including cover); 403 otherwise.
async fn role_or_teacher(
    state: &AppState,
    adult: &Adult,
    by_role: bool,
    class: ClassId,
) -> AppResult<()> {
    if by_role || state.store.teaches(adult.id(), class, state.now()).await? {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// May see a class and its pupils: its teacher (including cover), the school's leaders and office.
pub async fn can_view_class(
    state: &AppState,
    user: &CurrentUser,
    class: ClassId,
) -> AppResult<Class> {
    let (adult, school, role) = require_staff(user)?;
    let class = class_at(state, school, class).await?;
    role_or_teacher(state, adult, role.manages_school(), class.id).await?;
    Ok(class)
}

/// May open or close the class's pupil sign-in code: its teacher or a leader (the office does not run
/// lessons, so it does not open codes).
pub async fn can_run_class_code(
    state: &AppState,
    user: &CurrentUser,
    class: ClassId,
) -> AppResult<(Class, Adult)> {
    let (adult, school, role) = require_staff(user)?;
    let class = class_at(state, school, class).await?;
    role_or_teacher(state, adult, role == StaffRole::Leader, class.id).await?;
    Ok((class, adult.clone()))
}

/// May issue an invite for a pupil: the teacher of the pupil's class, the office, or a leader.
pub async fn can_invite_for(
    state: &AppState,
    user: &CurrentUser,
    pupil: PupilId,
) -> AppResult<(Pupil, Adult)> {
    let (adult, school, role) = require_staff(user)?;
    let pupil = pupil_at(state, school, pupil).await?;
    role_or_teacher(state, adult, role.manages_school(), pupil.class_id).await?;
    Ok((pupil, adult.clone()))
}

/// May allow a pupil one more linked adult: a leader of the pupil's school.
pub async fn can_approve_adults_for(
    state: &AppState,
    user: &CurrentUser,
    pupil: PupilId,
) -> AppResult<(Pupil, Adult)> {
    let (adult, school) = require_leader(user)?;
    Ok((pupil_at(state, school, pupil).await?, adult.clone()))
}

/// The signed-in pupil, for the pupil's own two screens (avatar and points); adults are refused.
pub fn require_pupil(user: &CurrentUser) -> AppResult<&Pupil> {
    match user {
        CurrentUser::Pupil(p) => Ok(p),
        CurrentUser::Adult(_) => Err(AppError::forbidden()),
    }
}

/// May give points (and add class skills) in a class: its teacher (including cover) or a leader. The
/// office and support staff may look at the grid but not award.
pub async fn can_award_in(
    state: &AppState,
    user: &CurrentUser,
    class: ClassId,
) -> AppResult<(Class, Adult, StaffRole)> {
    let (adult, school, role) = require_staff(user)?;
    let class = class_at(state, school, class).await?;
    role_or_teacher(state, adult, role == StaffRole::Leader, class.id).await?;
    Ok((class, adult.clone(), role))
}

/// May see one pupil's points and notes: their own parents and carers, and staff who may view the class.
/// Anyone else (another family, a pupil) is refused without learning whether the pupil exists.
pub async fn can_view_points_of(
    state: &AppState,
    user: &CurrentUser,
    pupil: PupilId,
) -> AppResult<Pupil> {
    let adult = require_adult(user)?;
    if state.store.is_guardian(adult.id(), pupil).await? {
        return state
            .store
            .pupil(pupil)
            .await?
            .ok_or_else(AppError::forbidden);
    }
    if adult.staff_role().is_none() {
        return Err(AppError::forbidden());
    }
    let row = state
        .store
        .pupil(pupil)
        .await?
        .ok_or_else(AppError::not_found)?;
    can_view_class(state, user, row.class_id).await?;
    Ok(row)
}
