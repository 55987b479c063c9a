//! The School Story and Class Stories: the feed, posting (text and photos in one multipart request, all
//! checked before anything is stored), taking a post down, likes, and comments.

use axum::Json;
use axum::extract::multipart::Multipart;
use axum::extract::{DefaultBodyLimit, RawQuery, Request, State};
use axum::http::StatusCode;
use hometime_api::{
    ApiError, CommentView, ErrorCode, LikeState, MAX_COMMENT_CHARS, NewComment, NewStory,
    STORY_PAGE_SIZE, StoryFeed, StoryView,
};
use hometime_domain::{ClassId, CommentId, StoryId};
use hometime_media::Processed;
use hometime_policy::{AuthorRole, Context};
use hometime_store::{NewPhoto, NewStoryRow, StoryFilter, StoryRow};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, PathId};
use crate::messaging::{AdultOnly, Recheck, recheck_with_pack};
use crate::routes::photos::{
    UPLOAD_BODY_LIMIT, content_type, open_multipart, or_drain, read_json_body, read_json_part,
    read_photos,
};
use crate::session::Adult;
use crate::state::AppState;
use crate::stories::{
    Route, Viewer, check_story, class_at, photo_facts, story_pack, unknown_story, views,
    visible_story,
};

pub fn router() -> OpenApiRouter<AppState> {
    let (schemas, paths, feed) = routes!(list, create);
    OpenApiRouter::new()
        // Photos make a post's body large: the upload limit applies to this path only (its GET reads no
        // body), every other route keeps the small default.
        .routes((
            schemas,
            paths,
            feed.layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        ))
        .routes(routes!(remove))
        .routes(routes!(like, unlike))
        .routes(routes!(comment))
        .routes(routes!(remove_comment))
        .routes(routes!(school_policy_pack))
}

/// The policy pack that checks text on the School Story as the server will: every pupil of the school,
/// each with whether they may be shown. For staff only, including the office and leaders who teach no
/// class. Families check with their child's class pack (`/classes/{id}/policy-pack`) instead: a family
/// never receives the whole school's roster, and the server re-checks their text against it anyway.
#[utoipa::path(get, path = "/school/policy-pack", tag = "stories",
    responses(
        (status = 200, body = Object, description = "A policy pack with the whole school's roster"),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
    ))]
async fn school_policy_pack(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
) -> AppResult<Json<serde_json::Value>> {
    let viewer = Viewer::load(&state, &adult).await?;
    if viewer.role.is_none() {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "The school-wide checker is for staff. Your child's class checker covers what you write.",
        ));
    }
    let (pack, _, _) = story_pack(&state, &viewer, None, Route::Shared, &[]).await?;
    Ok(Json(pack))
}

/// `GET /stories` query: `class_id=N`, or `scope=school`, and `before=<story id>`.
#[derive(Debug, Default, PartialEq, Eq)]
struct FeedQuery {
    class: Option<ClassId>,
    school_only: bool,
    before: Option<StoryId>,
}

fn parse_feed_query(query: Option<&str>) -> AppResult<FeedQuery> {
    let mut out = FeedQuery::default();
    let number = |key: &str, v: &str| {
        v.parse::<i64>()
            .map_err(|_| AppError::invalid(key, "invalid_type", "this must be a number"))
    };
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "class_id" => out.class = Some(ClassId(number(k, v)?)),
            "before" => out.before = Some(StoryId(number(k, v)?)),
            "scope" if v == "school" => out.school_only = true,
            "scope" => {
                return Err(AppError::invalid(
                    "scope",
                    "invalid_scope",
                    "the only scope is `school`",
                ));
            }
            _ => {}
        }
    }
    if out.school_only && out.class.is_some() {
        return Err(AppError::invalid(
            "scope",
            "conflict",
            "ask for one class or the School Story, not both",
        ));
    }
    Ok(out)
}

/// The caller's feed, newest first: the School Story and the Class Stories they may see (families: their
/// children's classes and private posts for their children; staff: the classes they work with; leaders
/// and the office: the whole school). `class_id` or `scope=school` narrows it; `before` pages.
#[utoipa::path(get, path = "/stories", tag = "stories",
    params(
        ("class_id" = Option<i64>, Query, description = "One Class Story"),
        ("scope" = Option<String>, Query, description = "`school` for the School Story only"),
        ("before" = Option<i64>, Query, description = "`next_before` of the previous page"),
    ),
    responses(
        (status = 200, body = StoryFeed),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError),
    ))]
async fn list(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    RawQuery(query): RawQuery,
) -> AppResult<Json<StoryFeed>> {
    let q = parse_feed_query(query.as_deref())?;
    let viewer = Viewer::load(&state, &adult).await?;
    if let Some(class) = q.class {
        class_at(&state, &viewer, class).await?;
    }
    let filter = StoryFilter {
        class: q.class,
        school_only: q.school_only,
        before: q.before,
        id: None,
    };
    let mut rows = state
        .store
        .stories(&viewer.scope, &filter, STORY_PAGE_SIZE + 1)
        .await?;
    let more = rows.len() > STORY_PAGE_SIZE as usize;
    rows.truncate(STORY_PAGE_SIZE as usize);
    let next_before = if more {
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(Json(StoryFeed {
        stories: views(&state, &viewer, &rows).await?,
        next_before,
    }))
}

/// A post that passed every check that needs no photo bytes: its class (`None` for the School Story)
/// and the warnings its author acknowledged that fired (for the audit record).
struct Checked {
    class: Option<hometime_store::Class>,
    acked: Vec<hometime_policy::RuleId>,
}

/// Everything about a post that can be decided before reading its photos: may the caller post there
/// (403 before a byte of photo is read), are the text, tags and audience right, and does the policy
/// engine allow the text and the tagged pupils (the photos' consent). Cheap, so a refused post costs no
/// decoding.
async fn check_post(
    state: &AppState,
    adult: &Adult,
    viewer: &Viewer,
    story: &NewStory,
) -> AppResult<Checked> {
    let class = match story.class_id {
        Some(c) => Some(class_at(state, viewer, c).await?),
        None => None,
    };
    let role = viewer.may_post(class.as_ref())?;
    let route = if story.private_to.is_empty() {
        Route::Shared
    } else {
        Route::Private
    };
    let (pack, base, roster) =
        story_pack(state, viewer, class.as_ref(), route, &story.private_to).await?;
    check_story(story, story.photos.len(), &roster)?;
    let check = Recheck {
        school: &viewer.school,
        class: &base,
        author: adult,
        role,
        context: if class.is_some() {
            Context::ClassStory
        } else {
            Context::SchoolStory
        },
        child: None,
        text: &story.body,
        acknowledged: &story.acknowledged,
    };
    let acked = recheck_with_pack(state, &check, pack, photo_facts(story))?;
    Ok(Checked { class, acked })
}

fn count_mismatch() -> AppError {
    AppError::invalid(
        "photos",
        "count_mismatch",
        "Each photo needs one entry saying who is in it, in the same order as the files.",
    )
}

fn story_required() -> AppError {
    AppError::invalid(
        "story",
        "required",
        "The post's details must come first, in a part named `story`.",
    )
}

/// Reads a multipart post: the `story` part first, then its `photo` parts in order, each decoded and
/// stripped as it arrives. Everything is checked before the first photo is read.
async fn read_multipart(
    state: &AppState,
    adult: &Adult,
    viewer: &Viewer,
    multipart: &mut Multipart,
) -> AppResult<(NewStory, Checked, Vec<Processed>)> {
    let story: NewStory = read_json_part(
        state,
        multipart,
        "story",
        story_required,
        "The post's details are too large.",
    )
    .await?;
    let checked = check_post(state, adult, viewer, &story).await?;
    let photos = read_photos(multipart, "story", story.photos.len(), || {
        if story.photos.len() >= hometime_api::MAX_PHOTOS_PER_POST {
            AppError::invalid(
                "photos",
                "too_many",
                &format!(
                    "A post can have up to {} photos.",
                    hometime_api::MAX_PHOTOS_PER_POST
                ),
            )
        } else {
            count_mismatch()
        }
    })
    .await?;
    if photos.len() != story.photos.len() {
        return Err(count_mismatch());
    }
    Ok((story, checked, photos))
}

/// Posts a story. `multipart/form-data`: a part `story` (`NewStory` as JSON), then one part `photo` per
/// file in the order of `NewStory.photos` (JPEG, PNG or WebP, checked by content; up to 10, 15 MB each).
/// A text-only post may also be sent as plain JSON. Who may post: on a Class Story its teacher (and
/// cover), leaders, and support staff assigned to the class when the school allows; on the School Story
/// leaders and the staff the school allows. Every photo on a shared post must be tagged (or marked as
/// showing nobody), and any tagged pupil who may not be shown blocks it (`policy_blocked` with a
/// `photo-consent` finding naming the child); `private_to` shares it only with those pupils' families.
/// A refused file answers 4xx naming `photo[i]`, and nothing is stored.
#[utoipa::path(post, path = "/stories", tag = "stories",
    request_body(
        description = "`multipart/form-data` with parts `story` (NewStory JSON) and `photo` (files), or NewStory as JSON for a text-only post",
        content((NewStory = "application/json"), ("multipart/form-data"))
    ),
    responses(
        (status = 201, body = StoryView),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 413, body = ApiError, description = "`payload_too_large` or `image_too_large`"),
        (status = 415, body = ApiError),
        (status = 422, body = ApiError, description = "validation, `unsupported_image`, `image_too_large` or `policy_blocked` (with findings)"),
    ))]
async fn create(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    req: Request,
) -> AppResult<(StatusCode, Json<StoryView>)> {
    // Pupils were refused by the extractor, before the body was read.
    let viewer = Viewer::load(&state, &adult).await?;
    let (story, checked, photos) = if content_type(&req).starts_with("multipart/form-data") {
        let mut multipart = open_multipart(&state, req).await?;
        let read = read_multipart(&state, &adult, &viewer, &mut multipart).await;
        or_drain(&mut multipart, read).await?
    } else {
        let story: NewStory = read_json_body(
            &state,
            req,
            "Send a post as multipart/form-data (with photos) or as JSON (text only).",
        )
        .await?;
        if !story.photos.is_empty() {
            return Err(count_mismatch());
        }
        let checked = check_post(&state, &adult, &viewer, &story).await?;
        (story, checked, Vec::new())
    };
    let new_photos: Vec<NewPhoto> = photos
        .iter()
        .zip(&story.photos)
        .map(|(p, tags)| NewPhoto {
            display: &p.display,
            width: p.width,
            height: p.height,
            thumb: &p.thumb,
            thumb_width: p.thumb_width,
            thumb_height: p.thumb_height,
            no_pupils: tags.no_pupils,
            tagged: &tags.pupils,
        })
        .collect();
    let acked: Vec<&str> = checked.acked.iter().map(|r| r.as_str()).collect();
    let id = state
        .store
        .insert_story(&NewStoryRow {
            school: viewer.school.id,
            class: checked.class.as_ref().map(|c| c.id),
            author: adult.id(),
            body: story.body.trim(),
            private_to: &story.private_to,
            photos: &new_photos,
            acknowledged: &acked,
            now: state.now(),
        })
        .await?;
    let row = state
        .store
        .story(id)
        .await?
        .ok_or_else(|| AppError::internal("story vanished"))?;
    let view = views(&state, &viewer, std::slice::from_ref(&row))
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("story view missing"))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Takes a story down: its author, the class's teacher, or a leader. Its photos' bytes are deleted in
/// the same transaction.
#[utoipa::path(delete, path = "/stories/{id}", tag = "stories",
    params(("id" = i64, Path, description = "Story id")),
    responses(
        (status = 204, description = "Taken down"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn remove(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    let viewer = Viewer::load(&state, &adult).await?;
    let story = visible_story(&state, &viewer, id).await?;
    if !viewer.may_remove(story.author_user_id, story.class()) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Only the person who posted it, the class teacher or a school leader can take a post down.",
        ));
    }
    state
        .store
        .remove_story(story.id, adult.id(), state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_like(
    state: &AppState,
    adult: &Adult,
    id: i64,
    on: bool,
) -> AppResult<Json<LikeState>> {
    let viewer = Viewer::load(state, adult).await?;
    let story = visible_story(state, &viewer, id).await?;
    let likes = state
        .store
        .set_like(story.id, adult.id(), on, state.now())
        .await?;
    Ok(Json(LikeState {
        likes: likes.count,
        liked_by_me: likes.mine,
    }))
}

/// Likes a story (anyone who may see it; liking twice is the same as once).
#[utoipa::path(put, path = "/stories/{id}/like", tag = "stories",
    params(("id" = i64, Path, description = "Story id")),
    responses(
        (status = 200, body = LikeState),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn like(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
) -> AppResult<Json<LikeState>> {
    set_like(&state, &adult, id, true).await
}

/// Takes the caller's like back (idempotent).
#[utoipa::path(delete, path = "/stories/{id}/like", tag = "stories",
    params(("id" = i64, Path, description = "Story id")),
    responses(
        (status = 200, body = LikeState),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn unlike(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
) -> AppResult<Json<LikeState>> {
    set_like(&state, &adult, id, false).await
}

/// Comments on a story: staff who may see it, and families only when the school allows positive
/// comments. The text is re-checked by the policy engine as a story comment (names, negativity and the
/// other shared-space rules apply).
#[utoipa::path(post, path = "/stories/{id}/comments", tag = "stories",
    params(("id" = i64, Path, description = "Story id")),
    request_body = NewComment,
    responses(
        (status = 201, body = CommentView),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 422, body = ApiError, description = "validation or policy_blocked (with findings)"),
    ))]
async fn comment(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewComment>,
) -> AppResult<(StatusCode, Json<CommentView>)> {
    let viewer = Viewer::load(&state, &adult).await?;
    let story = visible_story(&state, &viewer, id).await?;
    if !viewer.may_comment() {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Comments from families are switched off at this school. You can still like posts.",
        ));
    }
    let text = body.body.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "body",
            "required",
            "Please write a comment.",
        ));
    }
    if body.body.chars().count() > MAX_COMMENT_CHARS {
        return Err(AppError::invalid(
            "body",
            "too_long",
            &format!("Comments can be up to {MAX_COMMENT_CHARS} characters."),
        ));
    }
    let class = match story.class() {
        Some(c) => Some(class_at(&state, &viewer, c).await?),
        None => None,
    };
    let (pack, base, _) = story_pack(&state, &viewer, class.as_ref(), Route::Shared, &[]).await?;
    let role = viewer.comment_role(story.class());
    let check = Recheck {
        school: &viewer.school,
        class: &base,
        author: &adult,
        role,
        context: if story.class_id.is_some() {
            Context::ClassStory
        } else {
            Context::SchoolStory
        },
        child: None,
        text,
        acknowledged: &body.acknowledged,
    };
    let acked = recheck_with_pack(&state, &check, pack, None)?;
    let acked: Vec<&str> = acked.iter().map(|r| r.as_str()).collect();
    let kind = if role == AuthorRole::Parent {
        "parent"
    } else {
        viewer.comment_kind(story.class())
    };
    let cid = state
        .store
        .insert_comment(story.id, adult.id(), kind, text, &acked, state.now())
        .await?;
    comment_view(&state, &viewer, &story, cid)
        .await
        .map(|v| (StatusCode::CREATED, Json(v)))
}

async fn comment_view(
    state: &AppState,
    viewer: &Viewer,
    story: &StoryRow,
    id: CommentId,
) -> AppResult<CommentView> {
    let mut view = views(state, viewer, std::slice::from_ref(story))
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("story view missing"))?;
    let at = view
        .comments
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| AppError::internal("comment vanished"))?;
    Ok(view.comments.swap_remove(at))
}

fn unknown_comment() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "This comment doesn't exist, or isn't one you can see.",
    )
}

/// Removes a comment, leaving a visible marker: its author, the class's teacher, or a leader.
#[utoipa::path(delete, path = "/stories/{id}/comments/{comment_id}", tag = "stories",
    params(
        ("id" = i64, Path, description = "Story id"),
        ("comment_id" = i64, Path, description = "Comment id"),
    ),
    responses(
        (status = 204, description = "Removed (or already removed)"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn remove_comment(
    State(state): State<AppState>,
    AdultOnly(adult): AdultOnly,
    path: Result<axum::extract::Path<(String, String)>, axum::extract::rejection::PathRejection>,
) -> AppResult<StatusCode> {
    let axum::extract::Path((story_id, comment_id)) = path.map_err(|_| unknown_comment())?;
    let story_id: i64 = story_id.parse().map_err(|_| unknown_story())?;
    let comment_id: i64 = comment_id.parse().map_err(|_| unknown_comment())?;
    let viewer = Viewer::load(&state, &adult).await?;
    let story = visible_story(&state, &viewer, story_id).await?;
    let comment = state
        .store
        .comment(CommentId(comment_id))
        .await?
        .filter(|c| c.story_id == story.id)
        .ok_or_else(unknown_comment)?;
    if !viewer.may_remove(comment.author_user_id, story.class()) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Only the person who wrote it, the class teacher or a school leader can remove a comment.",
        ));
    }
    state
        .store
        .remove_comment(comment.id, adult.id(), state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_queries_are_parsed_strictly() {
        let ok = |q: &str| parse_feed_query(Some(q)).unwrap();
        assert_eq!(ok(""), FeedQuery::default());
        assert_eq!(ok("class_id=3").class, Some(ClassId(3)));
        assert!(ok("scope=school").school_only);
        assert_eq!(ok("before=12&x=y").before, Some(StoryId(12)));
        for (q, field) in [
            ("class_id=abc", "class_id"),
            ("before=", "before"),
            ("scope=class", "scope"),
            ("scope=school&class_id=1", "scope"),
        ] {
            let e = parse_feed_query(Some(q)).unwrap_err();
            assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
            assert_eq!(e.body.fields[0].field, field, "{q}");
        }
    }
}
