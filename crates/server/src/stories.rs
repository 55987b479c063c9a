//! Stories as the server decides them: who sees what (the caller's relationships turned into one
//! [`StoryScope`]), who may post, remove, comment and download, the school's story settings, the checks a
//! post goes through before anything is stored (limits, tags, the private route, and the policy engine
//! with the photos' tags and each pupil's consent), and stored rows turned into what one viewer may see.

use std::collections::{HashMap, HashSet};

use axum::http::StatusCode;
use hometime_api::{
    API_PREFIX, CommentView, ErrorCode, MAX_PHOTOS_PER_POST, MAX_STORY_CHARS, NewStory,
    ParentStoryComments, PhotoView, RemovedMarker, SchoolStoryPosters, ShowStatus,
    StoryScope as WireScope, StoryView, TaggedPupil,
};
use hometime_domain::{ClassId, PupilId, StaffRole, StoryId, UserId};
use hometime_policy::{AuthorRole, PhotoFacts};
use hometime_store::{Class, Pupil, StoryRow, StoryScope};
use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::messaging::{
    SchoolConfig, SupportAccess, author_kind, consent_answer, policy_pack_for_class, roster_id,
    school_of, staff_author_role,
};
use crate::session::Adult;
use crate::settings;
use crate::state::AppState;

/// The 404 for a story the caller may not see: the same words whether it exists or not.
pub fn unknown_story() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "This post doesn't exist, or isn't one you can see.",
    )
}

/// The school's story settings, read from its stored settings with the same fallbacks the settings
/// page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorySettings {
    pub parent_comments: ParentStoryComments,
    pub school_story_posters: SchoolStoryPosters,
    pub family_downloads: bool,
}

impl StorySettings {
    pub fn of(school: &SchoolConfig) -> StorySettings {
        let word = |k: &str| school.raw.get(k).and_then(Value::as_str);
        StorySettings {
            parent_comments: settings::parent_story_comments(word("parent_story_comments")),
            school_story_posters: settings::school_story_posters(word("school_story_posters")),
            family_downloads: school
                .raw
                .get("family_photo_downloads")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    }
}

/// The caller as a reader and writer of stories: their school, staff role there, the classes they are
/// assigned to now (teaching, cover or support), their children there, and what that lets them see.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub id: UserId,
    pub school: SchoolConfig,
    pub role: Option<StaffRole>,
    pub assigned: Vec<ClassId>,
    pub children: Vec<(PupilId, ClassId)>,
    pub scope: StoryScope,
    pub settings: StorySettings,
}

impl Viewer {
    pub async fn load(state: &AppState, adult: &Adult) -> AppResult<Viewer> {
        let school = SchoolConfig::load(state, school_of(state, adult).await?).await?;
        let role = adult
            .staff_role()
            .filter(|(s, _)| *s == school.id)
            .map(|(_, r)| r);
        let assigned: Vec<ClassId> = if role.is_some() {
            state
                .store
                .classes_taught_by(adult.id(), state.now())
                .await?
                .iter()
                .filter(|c| c.school_id == school.id)
                .map(|c| c.id)
                .collect()
        } else {
            Vec::new()
        };
        let children: Vec<(PupilId, ClassId)> = state
            .store
            .children_of(adult.id())
            .await?
            .into_iter()
            .filter(|c| c.school_id == school.id)
            .map(|c| (c.id, c.class_id))
            .collect();
        let mut scope = StoryScope::new(school.id);
        match role {
            Some(r) if r.manages_school() => scope.whole_school = true,
            Some(_) => {
                scope.school_story_staff = true;
                scope.staff_classes = assigned.clone();
            }
            None => {}
        }
        if !children.is_empty() {
            scope.school_story_family = true;
            scope.family_classes = children.iter().map(|(_, c)| *c).collect();
            scope.family_classes.sort();
            scope.family_classes.dedup();
            scope.family_pupils = children.iter().map(|(p, _)| *p).collect();
        }
        Ok(Viewer {
            id: adult.id(),
            settings: StorySettings::of(&school),
            school,
            role,
            assigned,
            children,
            scope,
        })
    }

    pub fn is_staff(&self) -> bool {
        self.role.is_some()
    }

    /// Whether they teach `class` now (permanently or as cover): support staff assigned to a class do
    /// not count.
    pub fn teaches(&self, class: ClassId) -> bool {
        matches!(self.role, Some(StaffRole::Teacher | StaffRole::Leader))
            && self.assigned.contains(&class)
    }

    /// Its author, the class's teacher, and leaders may take a story (or a comment on it) down.
    pub fn may_remove(&self, author: UserId, class: Option<ClassId>) -> bool {
        author == self.id
            || self.role == Some(StaffRole::Leader)
            || class.is_some_and(|c| self.teaches(c))
    }

    /// Staff who may see a story may always comment; families only when the school allows it.
    pub fn may_comment(&self) -> bool {
        self.is_staff() || self.settings.parent_comments == ParentStoryComments::PositiveOnly
    }

    /// Staff may always download photos; families only when the school turns downloads on.
    pub fn may_download(&self) -> bool {
        self.is_staff() || self.settings.family_downloads
    }

    /// Whether they may post on `class`'s story (or the School Story for `None`), and as which author
    /// role the policy engine should judge the post. 403 otherwise.
    pub fn may_post(&self, class: Option<&Class>) -> AppResult<AuthorRole> {
        let Some(role) = self.role else {
            return Err(AppError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "Only school staff can post stories. You can like posts and, where the school allows, comment.",
            ));
        };
        let allowed = match class {
            Some(c) => {
                let assigned = self.assigned.contains(&c.id);
                match role {
                    StaffRole::Leader => true,
                    StaffRole::Teacher => assigned,
                    StaffRole::Support => assigned && self.school.support != SupportAccess::None,
                    StaffRole::Office => false,
                }
            }
            // Leaders always; the office unless the school keeps it to leaders; everyone with `all_staff`.
            None => matches!(
                (role, self.settings.school_story_posters),
                (StaffRole::Leader, _)
                    | (
                        StaffRole::Office,
                        SchoolStoryPosters::LeadersAndOffice | SchoolStoryPosters::AllStaff
                    )
                    | (_, SchoolStoryPosters::AllStaff)
            ),
        };
        if !allowed {
            return Err(AppError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                match class {
                    Some(_) => "You can post on the Class Story of classes you teach.",
                    None => {
                        "Only school leaders and the staff they allow can post on the School Story."
                    }
                },
            ));
        }
        Ok(match class {
            Some(c) => staff_author_role(role, self.assigned.contains(&c.id)),
            None => AuthorRole::Staff,
        })
    }

    /// As which author role the engine judges their comment on a story of `class`.
    pub fn comment_role(&self, class: Option<ClassId>) -> AuthorRole {
        match self.role {
            Some(role) => {
                staff_author_role(role, class.is_some_and(|c| self.assigned.contains(&c)))
            }
            None => AuthorRole::Parent,
        }
    }

    /// Whether a comment they write on a story of `class` is stored as a parent's, a teacher's or staff's.
    pub fn comment_kind(&self, class: Option<ClassId>) -> &'static str {
        match self.role {
            None => "parent",
            Some(_) if class.is_some_and(|c| self.teaches(c)) => "teacher",
            Some(_) => "staff",
        }
    }
}

/// Loads a story `viewer` may see, or the 404 that says nothing about whether it exists.
pub async fn visible_story(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<StoryRow> {
    state
        .store
        .visible_story(&viewer.scope, StoryId(id))
        .await?
        .ok_or_else(unknown_story)
}

/// Loads the class of a Class Story: one of the caller's school, else 404.
pub async fn class_at(state: &AppState, viewer: &Viewer, class: ClassId) -> AppResult<Class> {
    match state.store.class(class).await? {
        Some(c) if c.school_id == viewer.school.id => Ok(c),
        _ => Err(AppError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "This class doesn't exist, or isn't at your school.",
        )),
    }
}

/// Where a post's photos go, which decides what counts as photo consent for the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The shared Class or School Story: only pupils who may be shown.
    Shared,
    /// Privately to some families: the audience must be shown with consent, and never-shown pupils may
    /// not appear at all; other tagged pupils do not stop it.
    Private,
}

/// The pack a story (or a comment on one) is checked with, and the roster it was built from: the class's
/// pupils for a Class Story, every pupil of the school for the School Story (every family sees it). Each
/// pupil's `photo_consent` is what may appear on `route`, whatever the class pack says.
pub async fn story_pack(
    state: &AppState,
    viewer: &Viewer,
    class: Option<&Class>,
    route: Route,
    audience: &[PupilId],
) -> AppResult<(Value, Class, Vec<Pupil>)> {
    let (base, roster) = match class {
        Some(c) => (c.clone(), state.store.pupils_in_class(c.id).await?),
        None => {
            let classes = state.store.classes_of_school(viewer.school.id).await?;
            let base = classes
                .first()
                .cloned()
                .ok_or_else(|| AppError::internal("a school without classes"))?;
            let mut roster = Vec::new();
            for c in &classes {
                roster.extend(state.store.pupils_in_class(c.id).await?);
            }
            (base, roster)
        }
    };
    let mut pack = policy_pack_for_class(state, &viewer.school, &base, Some(viewer.id)).await?;
    let pupils: Vec<Value> = roster
        .iter()
        .map(|p| {
            let status = show_status(p);
            let consent = match route {
                Route::Shared => status.may_be_shown(),
                Route::Private if audience.contains(&p.id) => status.may_be_shown(),
                Route::Private => status != ShowStatus::NeverShown,
            };
            json!({
                "id": roster_id(p.id),
                "first_name": p.first_name,
                "surname": p.surname,
                "preferred_name": p.preferred_name,
                "photo_consent": consent,
            })
        })
        .collect();
    if let Some(obj) = pack.as_object_mut() {
        obj.insert("pupils".into(), Value::Array(pupils));
    }
    Ok((pack, base, roster))
}

pub fn show_status(p: &Pupil) -> ShowStatus {
    ShowStatus::of(
        consent_answer(p.photo_consent),
        p.looked_after,
        p.do_not_show,
    )
}

/// The checks on a new story that need no decoding and no engine: text length, photo count, tags, and
/// the private route's audience. `roster` is who may be tagged (the class, or the school).
pub fn check_story(story: &NewStory, photo_count: usize, roster: &[Pupil]) -> AppResult<()> {
    let mut problems: Vec<(String, &str, String)> = Vec::new();
    let mut bad = |field: &str, code: &'static str, message: &str| {
        problems.push((field.to_owned(), code, message.to_owned()));
    };
    if story.body.chars().count() > MAX_STORY_CHARS {
        bad(
            "body",
            "too_long",
            &format!("Posts can be up to {MAX_STORY_CHARS} characters."),
        );
    }
    if story.photos.len() > MAX_PHOTOS_PER_POST || photo_count > MAX_PHOTOS_PER_POST {
        bad(
            "photos",
            "too_many",
            &format!("A post can have up to {MAX_PHOTOS_PER_POST} photos."),
        );
    } else if story.photos.len() != photo_count {
        bad(
            "photos",
            "count_mismatch",
            "Each photo needs one entry saying who is in it, in the same order as the files.",
        );
    }
    if story.body.trim().is_empty() && photo_count == 0 {
        bad("body", "required", "Please write something or add a photo.");
    }
    let known: HashSet<PupilId> = roster.iter().map(|p| p.id).collect();
    let private = !story.private_to.is_empty();
    for (i, tags) in story.photos.iter().enumerate() {
        let field = format!("photos[{i}]");
        if tags.pupils.iter().any(|p| !known.contains(p)) {
            bad(
                &field,
                "unknown_pupil",
                "Only pupils of this class (or, on the School Story, this school) can be tagged.",
            );
        } else if tags.no_pupils && !tags.pupils.is_empty() {
            bad(
                &field,
                "tags_conflict",
                "A photo can't both show pupils and show nobody.",
            );
        } else if !private && !tags.no_pupils && tags.pupils.is_empty() {
            bad(
                &field,
                "tags_required",
                "Tag the pupils in this photo, or confirm that no child can be recognised in it.",
            );
        }
    }
    let tagged: HashSet<PupilId> = story
        .photos
        .iter()
        .flat_map(|t| t.pupils.iter().copied())
        .collect();
    for (i, p) in story.private_to.iter().enumerate() {
        if !tagged.contains(p) {
            bad(
                &format!("private_to[{i}]"),
                "not_tagged",
                "A post can be shared privately only with the families of pupils tagged in its photos.",
            );
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut err = AppError::validation();
    for (field, code, message) in problems {
        err = err.with_field(&field, code, &message);
    }
    Err(err)
}

/// The roster ids of every pupil tagged in a post's photos, once each, for the engine's `PhotoFacts`.
pub fn photo_facts(story: &NewStory) -> Option<PhotoFacts> {
    if story.photos.is_empty() {
        return None;
    }
    let mut tagged: Vec<PupilId> = story
        .photos
        .iter()
        .flat_map(|t| t.pupils.iter().copied())
        .collect();
    tagged.sort();
    tagged.dedup();
    Some(PhotoFacts {
        tagged: tagged.into_iter().map(roster_id).collect(),
    })
}

pub fn photo_url(id: hometime_domain::PhotoId) -> String {
    format!("{API_PREFIX}/photos/{}", id.0)
}

/// Stored stories as `viewer` sees them: photos by authorised URL, likes, comments (removed ones as
/// markers), tags for staff only, and whether one of the caller's own children is in a photo.
pub async fn views(
    state: &AppState,
    viewer: &Viewer,
    rows: &[StoryRow],
) -> AppResult<Vec<StoryView>> {
    let ids: Vec<StoryId> = rows.iter().map(|r| r.id).collect();
    let photos = state.store.photos_of_stories(&ids).await?;
    let tags = state.store.tags_of_stories(&ids).await?;
    let likes: HashMap<StoryId, hometime_store::Likes> = state
        .store
        .likes_of_stories(&ids, viewer.id)
        .await?
        .into_iter()
        .collect();
    let comments = state.store.comments_of_stories(&ids).await?;
    let my_children: HashSet<PupilId> = viewer.children.iter().map(|(p, _)| *p).collect();
    let may_download = viewer.may_download();
    let may_comment = viewer.may_comment();
    Ok(rows
        .iter()
        .map(|s| {
            let story_tags: Vec<_> = tags.iter().filter(|t| t.story_id == s.id).collect();
            let mut tagged: Vec<TaggedPupil> = Vec::new();
            if viewer.is_staff() {
                for t in &story_tags {
                    if !tagged.iter().any(|x| x.pupil_id == t.pupil_id) {
                        tagged.push(TaggedPupil {
                            pupil_id: t.pupil_id,
                            preferred_name: t.preferred_name.clone(),
                        });
                    }
                }
            }
            let l = likes.get(&s.id).copied().unwrap_or_default();
            StoryView {
                id: s.id,
                scope: if s.class_id.is_some() {
                    WireScope::Class
                } else {
                    WireScope::School
                },
                class_id: s.class(),
                class_name: s.class_name.clone(),
                author_id: s.author_user_id,
                author_name: s.author_name.clone(),
                body: s.body.clone(),
                photos: photos
                    .iter()
                    .filter(|p| p.story_id == Some(s.id.0) && p.available)
                    .map(|p| {
                        let url = photo_url(p.id);
                        PhotoView {
                            id: p.id,
                            width: u32::try_from(p.width).unwrap_or(0),
                            height: u32::try_from(p.height).unwrap_or(0),
                            thumb_url: format!("{url}/thumb"),
                            download_url: may_download.then(|| format!("{url}?download=1")),
                            url,
                        }
                    })
                    .collect(),
                posted_at: rfc3339(s.created_at),
                likes: l.count,
                liked_by_me: l.mine,
                can_comment: may_comment,
                comments: comments
                    .iter()
                    .filter(|c| c.story_id == s.id)
                    .map(|c| CommentView {
                        id: c.id,
                        author_id: c.author_user_id,
                        author_name: c.author_name.clone(),
                        author_role: author_kind(&c.author_kind),
                        mine: c.author_user_id == viewer.id,
                        body: c.removed_at.is_none().then(|| c.body.clone()),
                        removed: c.removed_at.map(|at| RemovedMarker {
                            by_name: c.removed_by_name.clone().unwrap_or_default(),
                            at: rfc3339(at),
                        }),
                        posted_at: rfc3339(c.created_at),
                        can_remove: c.removed_at.is_none()
                            && viewer.may_remove(c.author_user_id, s.class()),
                    })
                    .collect(),
                can_remove: viewer.may_remove(s.author_user_id, s.class()),
                private: s.private,
                features_my_child: story_tags.iter().any(|t| my_children.contains(&t.pupil_id)),
                tagged,
            }
        })
        .collect())
}
