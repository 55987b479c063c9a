//! Stories and photos: the School Story and Class Stories, likes and comments, photos with their consent
//! tags, the office's photo-consent records, and photos a parent sends privately to the teacher.
//!
//! A story with photos is created by one `multipart/form-data` request: a part named `story` holding
//! [`NewStory`] as JSON, then one part named `photo` per file, in the order of [`NewStory::photos`]. Either
//! everything is stored or nothing is. Photos are never served by a public URL: each [`PhotoView`] URL
//! goes through the server's authorised handler, which checks the viewer may see the post and marks the
//! image with a faint watermark naming the viewer.

use hometime_domain::{ClassId, CommentId, PhotoId, PupilId, StoryId, UserId};
use hometime_policy::RuleId;
use serde::{Deserialize, Serialize};

use crate::{AuthorKind, Avatar, RemovedMarker};

/// The longest story text, in characters. A story needs text, photos, or both.
pub const MAX_STORY_CHARS: usize = 2000;
/// The longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;
/// The most photos one story (or one private message) may carry.
pub const MAX_PHOTOS_PER_POST: usize = 10;
/// The largest photo file accepted, in bytes (phones' full-size JPEGs are 2–8 MB).
pub const MAX_PHOTO_BYTES: usize = 15 * 1024 * 1024;
/// The largest photo accepted, in pixels (width × height; 48-megapixel phone photos are refused).
pub const MAX_PHOTO_PIXELS: u64 = 40_000_000;
/// Stories per page of a feed.
pub const STORY_PAGE_SIZE: u32 = 20;

/// Which feed a story is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StoryScope {
    /// Seen by every family of the school.
    School,
    /// Seen by the families of one class.
    Class,
}

/// The `story` part of `POST /stories`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStory {
    /// The class for a Class Story; `None` for the School Story.
    #[serde(default)]
    pub class_id: Option<ClassId>,
    /// 0 to [`MAX_STORY_CHARS`] characters (empty only when there are photos).
    #[serde(default)]
    pub body: String,
    /// One entry per `photo` part, in the same order: who is in that photo.
    #[serde(default)]
    pub photos: Vec<PhotoTags>,
    /// Warnings the writer chose to "post anyway". Blocks cannot be acknowledged.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub acknowledged: Vec<RuleId>,
    /// Instead of the shared feed, share only with the families of these pupils (each must be tagged in
    /// a photo and may be shown). Empty for a normal, shared post.
    #[serde(default)]
    pub private_to: Vec<PupilId>,
}

/// Who is in one photo. A photo on a shared feed must say: tagged pupils, or explicitly nobody.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoTags {
    /// The pupils in the photo (tapped on their avatars).
    #[serde(default)]
    pub pupils: Vec<PupilId>,
    /// The poster confirms no child can be recognised in the photo.
    #[serde(default)]
    pub no_pupils: bool,
}

/// A stored photo as a viewer sees it. The URLs are the authorised handler's; they work only for people
/// who may see the post, and only while it is up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoView {
    pub id: PhotoId,
    /// The display size, in pixels.
    pub width: u32,
    pub height: u32,
    /// `GET` the display-size image (JPEG).
    pub url: String,
    /// `GET` the thumbnail (JPEG, at most 480 pixels on its long side).
    pub thumb_url: String,
    /// Set only when the school lets families download photos (off by default) or for staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
}

/// One comment under a story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentView {
    pub id: CommentId,
    pub author_id: UserId,
    pub author_name: String,
    pub author_role: AuthorKind,
    pub mine: bool,
    /// The text; `None` once removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<RemovedMarker>,
    /// RFC 3339 UTC.
    pub posted_at: String,
    /// Whether the caller may remove it (its author, the class's teacher, leaders).
    pub can_remove: bool,
}

/// A pupil tagged in a story's photos, as staff see it (families never see tags).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaggedPupil {
    pub pupil_id: PupilId,
    pub preferred_name: String,
}

/// One story in a feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryView {
    pub id: StoryId,
    pub scope: StoryScope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_id: Option<ClassId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_name: Option<String>,
    pub author_id: UserId,
    /// As families see staff: "Mr Daly".
    pub author_name: String,
    pub body: String,
    pub photos: Vec<PhotoView>,
    /// RFC 3339 UTC.
    pub posted_at: String,
    pub likes: u32,
    pub liked_by_me: bool,
    /// Whether the caller may comment (staff always; families only when the school turns comments on).
    pub can_comment: bool,
    /// Comments, oldest first (removed ones as markers).
    pub comments: Vec<CommentView>,
    /// Whether the caller may take the story down (its author, the class's teacher, leaders).
    pub can_remove: bool,
    /// Shared only with some families (the private route for photos of pupils who may be shown), not the
    /// whole class or school.
    pub private: bool,
    /// For families: one of the caller's own children is tagged in a photo.
    pub features_my_child: bool,
    /// For staff only: who is tagged. Always empty for families.
    #[serde(default)]
    pub tagged: Vec<TaggedPupil>,
}

/// `GET /stories`: newest first. `?class_id=N` for one Class Story, `?scope=school` for the School Story,
/// neither for everything the caller may see; `?before=<next_before>` for the next page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryFeed {
    pub stories: Vec<StoryView>,
    /// Pass as `before` to get the next (older) page; `None` at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_before: Option<StoryId>,
}

/// `PUT` or `DELETE /stories/{id}/like`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LikeState {
    pub likes: u32,
    pub liked_by_me: bool,
}

/// `POST /stories/{id}/comments`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewComment {
    /// 1 to [`MAX_COMMENT_CHARS`] characters.
    pub body: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub acknowledged: Vec<RuleId>,
}

/// A pupil's photo-consent answer, as the office records it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhotoConsentAnswer {
    Yes,
    No,
    #[default]
    NotAsked,
}

/// Whether a pupil may appear in photos on shared feeds, as a poster sees it. The reason is coarse on
/// purpose: a teacher learns "never shown", not whether it is a care order or a court order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShowStatus {
    MayBeShown,
    /// The family said no.
    NoConsent,
    /// Nobody has asked the family yet.
    ConsentNotAsked,
    /// Looked after, or a do-not-show order: never in any photo.
    NeverShown,
}

impl ShowStatus {
    /// The one rule for everyone: shown only with a "yes" and no protection flag.
    pub fn of(consent: PhotoConsentAnswer, looked_after: bool, do_not_show: bool) -> ShowStatus {
        if looked_after || do_not_show {
            ShowStatus::NeverShown
        } else {
            match consent {
                PhotoConsentAnswer::Yes => ShowStatus::MayBeShown,
                PhotoConsentAnswer::No => ShowStatus::NoConsent,
                PhotoConsentAnswer::NotAsked => ShowStatus::ConsentNotAsked,
            }
        }
    }

    pub fn may_be_shown(self) -> bool {
        self == ShowStatus::MayBeShown
    }
}

/// `GET /classes/{id}/tag-candidates`: the pupils a poster may tap to tag, with whether each may be shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagCandidate {
    pub pupil_id: PupilId,
    pub preferred_name: String,
    pub avatar: Avatar,
    pub status: ShowStatus,
}

/// `GET /consent?class_id=N` (office and leaders): a class's photo-consent records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilConsent {
    pub pupil_id: PupilId,
    pub class_id: ClassId,
    pub first_name: String,
    pub surname: String,
    pub photo_consent: PhotoConsentAnswer,
    pub looked_after: bool,
    pub do_not_show: bool,
    pub status: ShowStatus,
}

/// `PUT /pupils/{id}/consent` (office and leaders).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdatePupilConsent {
    pub photo_consent: PhotoConsentAnswer,
    pub looked_after: bool,
    pub do_not_show: bool,
}

/// Whether families may comment on stories.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ParentStoryComments {
    /// Families may like posts but not comment.
    None,
    /// Families may leave positive comments, checked by the policy engine; staff remove the rest.
    #[default]
    PositiveOnly,
}

/// Who may post on the School Story (leaders always may).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SchoolStoryPosters {
    Leaders,
    #[default]
    LeadersAndOffice,
    AllStaff,
}
