//! The authorised photo handler (`GET /photos/{id}` and `/photos/{id}/thumb`) for story photos and
//! photos sent in private threads, and the upload helpers every photo-taking endpoint shares: reading one
//! `photo` part with its size limit, and decoding and stripping it off the async runtime.
//!
//! The two multipart uploads (`POST /stories` and `POST /threads/{id}/photos`) share one shape: a JSON
//! part first, then `photo` parts, or a plain JSON body without photos. Reading that shape (and answering
//! bad bodies the same 4xx way) lives here once: [`content_type`], [`open_multipart`], [`read_json_part`],
//! [`read_photos`], [`read_json_body`] and [`or_drain`].
//!
//! A photo is served only to someone who may see its story (or read its thread), marked with a faint
//! watermark naming the viewer by account number (never by name or e-mail), and kept out of shared
//! caches. Anyone else gets the same 404 as for a photo that does not exist.

use axum::body::Body;
use axum::extract::multipart::{Field, Multipart, MultipartError};
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use hometime_api::{ApiError, ErrorCode, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_POST};
use hometime_domain::PhotoId;
use hometime_media::{Limits, MediaError, Processed};
use serde::de::DeserializeOwned;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authz;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::extract::parse_json;
use crate::messaging::{SchoolConfig, Side, datetime, thread_for_caller};
use crate::session::{Adult, CurrentUser};
use crate::state::AppState;
use crate::stories::Viewer;

/// The most a request carrying photos may be: every photo at its largest, plus room for the JSON part
/// and the multipart framing. Set on the upload routes only; everything else keeps the small default.
pub const UPLOAD_BODY_LIMIT: usize = MAX_PHOTOS_PER_POST * MAX_PHOTO_BYTES + 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(display))
        .routes(routes!(thumb))
}

fn unknown_photo() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "This photo doesn't exist, or isn't one you can see.",
    )
}

/// A photo at display size (JPEG, at most 1600 pixels on its long side), watermarked for the viewer.
/// `?download=1` asks for it as an attachment: staff always, families only when the school allows.
#[utoipa::path(get, path = "/photos/{id}", tag = "stories",
    params(
        ("id" = i64, Path, description = "Photo id"),
        ("download" = Option<String>, Query, description = "`1` to download it as a file"),
    ),
    responses(
        (status = 200, description = "The photo (image/jpeg)", content_type = "image/jpeg"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn display(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    serve(&state, &user, id, false, query.as_deref()).await
}

/// A photo's thumbnail (JPEG, at most 480 pixels on its long side), watermarked for the viewer.
#[utoipa::path(get, path = "/photos/{id}/thumb", tag = "stories",
    params(("id" = i64, Path, description = "Photo id")),
    responses(
        (status = 200, description = "The thumbnail (image/jpeg)", content_type = "image/jpeg"),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ))]
async fn thumb(
    State(state): State<AppState>,
    user: CurrentUser,
    PathId(id): PathId,
) -> AppResult<Response> {
    serve(&state, &user, id, true, None).await
}

/// Whether `query` asks for a download (`download=1` or `download=true`).
fn wants_download(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
            .any(|(k, v)| k == "download" && matches!(v, "1" | "true"))
    })
}

async fn serve(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    thumb: bool,
    query: Option<&str>,
) -> AppResult<Response> {
    let adult = authz::require_adult(user)?;
    let photo = state
        .store
        .photo(PhotoId(id))
        .await?
        .ok_or_else(unknown_photo)?;
    let may_download = may_see(state, adult, &photo).await?;
    let download = wants_download(query);
    if download && !may_download {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Your school keeps photos in Hometime: they can be viewed here but not downloaded.",
        ));
    }
    let bytes = state
        .store
        .photo_bytes(photo.id, thumb)
        .await?
        .ok_or_else(unknown_photo)?;
    let school = SchoolConfig::load(state, photo.school_id).await?;
    let day = datetime(state.now())
        .with_timezone(&school.tz)
        .format("%Y-%m-%d");
    let label = format!("HOMETIME · {} · {day}", adult.id());
    let marked = tokio::task::spawn_blocking(move || hometime_media::watermark(&bytes, &label))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let disposition = if download {
        format!("attachment; filename=\"hometime-photo-{}.jpg\"", photo.id)
    } else {
        "inline".to_owned()
    };
    let mut res = Response::new(Body::from(marked));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    // Private: only the viewer's own browser may keep it, briefly; the watermark names the viewer.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Cookie"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// Whether `adult` may see the photo (404 otherwise, exactly as for a missing one), and if so whether
/// they may download it. Story photos: whoever may see the story. Thread photos: the thread's parent and
/// the staff who may read the thread, and the parent only once the message is delivered.
async fn may_see(
    state: &AppState,
    adult: &Adult,
    photo: &hometime_store::PhotoRow,
) -> AppResult<bool> {
    let hidden = |e: AppError| {
        if e.status.is_server_error() {
            e
        } else {
            unknown_photo()
        }
    };
    if let Some(story) = photo.story_id {
        let viewer = Viewer::load(state, adult).await.map_err(hidden)?;
        crate::stories::visible_story(state, &viewer, story)
            .await
            .map_err(hidden)?;
        return Ok(viewer.may_download());
    }
    let message_id = photo.message_id.ok_or_else(unknown_photo)?;
    let message = state
        .store
        .message(message_id)
        .await?
        .ok_or_else(unknown_photo)?;
    let thread = message.thread_id.ok_or_else(unknown_photo)?;
    let school = SchoolConfig::load(state, photo.school_id).await?;
    let (_, side) = thread_for_caller(state, adult, &school, thread)
        .await
        .map_err(hidden)?;
    if side == Side::Parent
        && message.author_user_id != adult.id().0
        && message.deliver_at > state.now()
    {
        return Err(unknown_photo());
    }
    Ok(side == Side::Staff || crate::stories::StorySettings::of(&school).family_downloads)
}

/// A refused photo as a 4xx naming its position (`photo[2]`): `image_too_large` (413 for bytes, 422 for
/// pixels) or `unsupported_image` (422).
pub fn media_error(e: &MediaError, index: usize) -> AppError {
    let (status, code) = match e {
        MediaError::TooManyBytes { .. } => {
            (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::ImageTooLarge)
        }
        MediaError::TooManyPixels { .. } => {
            (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ImageTooLarge)
        }
        MediaError::NotAnImage | MediaError::Corrupt => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::UnsupportedImage,
        ),
    };
    let field_code = match e {
        MediaError::TooManyBytes { .. } => "too_many_bytes",
        MediaError::TooManyPixels { .. } => "too_many_pixels",
        MediaError::NotAnImage => "not_an_image",
        MediaError::Corrupt => "corrupt",
    };
    let words = e.to_string();
    let mut err = AppError::new(status, code, words.clone());
    err.body = err
        .body
        .with_field(&format!("photo[{index}]"), field_code, words);
    err
}

/// A multipart body that could not be read: 413 past the upload limit, otherwise a 400 naming the body.
pub fn multipart_error(e: &MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            "The upload is too large.",
        )
    } else {
        let mut err = AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Validation,
            "The upload could not be read. Please try again.",
        );
        err.body = err
            .body
            .with_field("", "unreadable", "the upload could not be read");
        err
    }
}

/// Reads one part's bytes, refusing it as soon as it passes `max` (so an oversized file is never held
/// whole). `on_too_large` is the error to give then.
pub async fn read_part(
    field: &mut Field<'_>,
    max: usize,
    on_too_large: impl FnOnce() -> AppError,
) -> AppResult<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e))? {
        if out.len() + chunk.len() > max {
            return Err(on_too_large());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Reads photo part `index` and decodes, orients and strips it off the async runtime (one photo at a
/// time, so a post of ten large photos never holds ten decoded images). A refused file is a 4xx naming
/// `photo[index]`.
pub async fn process_photo(field: &mut Field<'_>, index: usize) -> AppResult<Processed> {
    let limits = Limits::default();
    let max = limits.max_bytes.min(MAX_PHOTO_BYTES);
    let bytes = read_part(field, max, || {
        media_error(&MediaError::TooManyBytes { max }, index)
    })
    .await?;
    tokio::task::spawn_blocking(move || hometime_media::process(&bytes, &limits))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| media_error(&e, index))
}

/// Reads and discards the rest of a multipart body after a refusal, so the client gets the answer
/// rather than a reset connection while it is still sending. The route's body limit bounds the work.
pub async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// Runs after `step` on a multipart body: when it refused, reads and discards the rest of the body first
/// (see [`drain`]) so the sender gets the answer rather than a reset connection while still uploading.
pub async fn or_drain<T>(multipart: &mut Multipart, step: AppResult<T>) -> AppResult<T> {
    if step.is_err() {
        drain(multipart).await;
    }
    step
}

/// The request's media type without its parameters, lower-cased (`""` when there is none).
pub fn content_type(req: &Request) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Starts reading a multipart body; a body that is not multipart after all is a 400.
pub async fn open_multipart(state: &AppState, req: Request) -> AppResult<Multipart> {
    Multipart::from_request(req, state).await.map_err(|_| {
        AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Validation,
            "The upload could not be read. Please try again.",
        )
        .with_field("", "unreadable", "the upload could not be read")
    })
}

/// Reads the first part of a multipart upload, which must be named `name` and hold JSON no larger than
/// the ordinary body limit (the route's large one is for photos). `required` is the error when it is
/// missing or not first; `too_large` the words for a 413.
pub async fn read_json_part<T: DeserializeOwned>(
    state: &AppState,
    multipart: &mut Multipart,
    name: &str,
    required: fn() -> AppError,
    too_large: &str,
) -> AppResult<T> {
    let mut field = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e))?
        .ok_or_else(required)?;
    if field.name() != Some(name) {
        return Err(required());
    }
    let json = read_part(&mut field, state.config.max_body_bytes, || {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            too_large,
        )
    })
    .await?;
    parse_json(&json)
}

/// Reads the `photo` parts that follow the JSON part named `after`, decoding and stripping each as it
/// arrives (see [`process_photo`]). A part by another name is a 422; so is a photo past the first `most`,
/// answered with `too_many()` before a byte of it is read.
pub async fn read_photos(
    multipart: &mut Multipart,
    after: &str,
    most: usize,
    too_many: impl Fn() -> AppError,
) -> AppResult<Vec<Processed>> {
    let mut photos = Vec::new();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e))?
    {
        if field.name() != Some("photo") {
            return Err(AppError::invalid(
                "photo",
                "unexpected_part",
                &format!("After the `{after}` part, only parts named `photo` are accepted."),
            ));
        }
        if photos.len() >= most {
            return Err(too_many());
        }
        let index = photos.len();
        photos.push(process_photo(&mut field, index).await?);
    }
    Ok(photos)
}

/// Reads a JSON body sent to an upload route instead of multipart, with the ordinary small body limit
/// and the same answers as every other JSON endpoint: 415 (with `unsupported`, saying what to send),
/// 413, 400 and 422.
pub async fn read_json_body<T: DeserializeOwned>(
    state: &AppState,
    req: Request,
    unsupported: &str,
) -> AppResult<T> {
    if content_type(&req) != "application/json" {
        return Err(AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            unsupported,
        ));
    }
    let bytes = axum::body::to_bytes(req.into_body(), state.config.max_body_bytes)
        .await
        .map_err(|_| {
            AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                "The request is too large.",
            )
        })?;
    parse_json(&bytes)
}

/// The stored form of a processed photo: its two JPEGs and their sizes.
pub fn photo_files(p: &Processed) -> hometime_store::NewMessagePhoto<'_> {
    hometime_store::NewMessagePhoto {
        display: &p.display,
        width: p.width,
        height: p.height,
        thumb: &p.thumb,
        thumb_width: p.thumb_width,
        thumb_height: p.thumb_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_is_asked_for_explicitly() {
        for (q, want) in [
            (None, false),
            (Some(""), false),
            (Some("download=1"), true),
            (Some("x=2&download=true"), true),
            (Some("download=0"), false),
            (Some("download"), false),
            (Some("nodownload=1"), false),
        ] {
            assert_eq!(wants_download(q), want, "{q:?}");
        }
    }

    #[test]
    fn refused_files_name_their_position() {
        let e = media_error(&MediaError::NotAnImage, 2);
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.body.code, ErrorCode::UnsupportedImage);
        assert_eq!(e.body.fields[0].field, "photo[2]");
        let e = media_error(&MediaError::TooManyBytes { max: 10 }, 0);
        assert_eq!(
            (e.status, e.body.code),
            (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::ImageTooLarge)
        );
        let e = media_error(
            &MediaError::TooManyPixels {
                width: 30_000,
                height: 30_000,
                max: 40_000_000,
            },
            1,
        );
        assert_eq!(
            (e.status, e.body.code, e.body.fields[0].field.as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ImageTooLarge,
                "photo[1]"
            )
        );
    }
}
