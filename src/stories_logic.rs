//! The stories screens' decisions as plain data, tested natively: which feed a filter asks for, how pages
//! join, the words for times, photos and consent badges, which photos still need tags, which tagged pupils
//! stop a shared post, who a private post would reach, what is checked on the device before a post is
//! sent (count, size, "text or photos"; a file's real type is the server's to judge from its bytes), and
//! the policy check with the photos' tags. The components in `components/story_*.rs` only render these.

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime};
use hometime_api::{
    FieldError, LikeState, MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MAX_PHOTOS_PER_POST, MAX_STORY_CHARS,
    Me, PhotoTags, ShowStatus, StoryView, TagCandidate, roster_id,
};
use hometime_domain::{ClassId, Home, PupilId, StaffRole, StoryId};
use hometime_policy::pack::Pupil;
use hometime_policy::{AuthorRole, Context, Draft, Engine, Finding, Pack, PackError, PhotoFacts};

use crate::routes::AppRoute;

/// Which stories a feed shows: everything the viewer may see, the School Story, or one Class Story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedFilter {
    All,
    School,
    Class(ClassId),
}

impl FeedFilter {
    /// The query string of `GET /stories` for this filter and page ("" or "?class_id=3&before=40").
    pub fn query(self, before: Option<StoryId>) -> String {
        let mut parts = Vec::new();
        match self {
            FeedFilter::All => {}
            FeedFilter::School => parts.push("scope=school".to_owned()),
            FeedFilter::Class(id) => parts.push(format!("class_id={id}")),
        }
        if let Some(b) = before {
            parts.push(format!("before={b}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The screen that shows this filter, so each filter is a link and the back button works.
    pub fn route(self) -> AppRoute {
        match self {
            FeedFilter::All => AppRoute::Stories,
            FeedFilter::School => AppRoute::SchoolStory,
            FeedFilter::Class(id) => AppRoute::ClassStory(id),
        }
    }

    /// The filter a screen shows (`None` for screens that are not feeds).
    pub fn of_route(route: AppRoute) -> Option<FeedFilter> {
        match route {
            AppRoute::Stories => Some(FeedFilter::All),
            AppRoute::SchoolStory => Some(FeedFilter::School),
            AppRoute::ClassStory(id) => Some(FeedFilter::Class(id)),
            _ => None,
        }
    }

    /// The context the policy engine checks posts and comments in.
    pub fn context(self) -> Context {
        match self {
            FeedFilter::Class(_) => Context::ClassStory,
            _ => Context::SchoolStory,
        }
    }
}

/// The filters offered to a viewer, in order, with their labels: "All", "School Story", then one per
/// class (a parent's children's classes, a member of staff's own classes), each class once.
pub fn feed_filters(me: &Me) -> Vec<(FeedFilter, String)> {
    let mut classes: Vec<(ClassId, String)> = if me.home == Home::Parent {
        me.children
            .iter()
            .map(|c| (c.class_id, c.class_name.clone()))
            .collect()
    } else {
        me.classes.iter().map(|c| (c.id, c.name.clone())).collect()
    };
    classes.sort();
    classes.dedup_by_key(|c| c.0);
    let mut out = vec![
        (FeedFilter::All, "All".to_owned()),
        (FeedFilter::School, "School Story".to_owned()),
    ];
    out.extend(
        classes
            .into_iter()
            .map(|(id, name)| (FeedFilter::Class(id), format!("{name} Class Story"))),
    );
    out
}

/// Who may write a post on this feed, as far as the device can tell. The server decides; a 403 still
/// hides the composer. Class Story: staff of that class and leaders. School Story: leaders, and the
/// office (the school's default; a leader can narrow it to leaders only).
pub fn may_post(me: &Me, filter: FeedFilter) -> bool {
    let Some(role) = me.staff_role else {
        return false;
    };
    match filter {
        FeedFilter::All => false,
        FeedFilter::School => matches!(role, StaffRole::Leader | StaffRole::Office),
        FeedFilter::Class(id) => role == StaffRole::Leader || me.classes.iter().any(|c| c.id == id),
    }
}

/// The policy engine's role for a writer on this feed: parents as parents, the class's own teacher as
/// the teacher, other staff as staff.
pub fn author_role(me: &Me, filter: FeedFilter) -> AuthorRole {
    match (me.staff_role, filter) {
        (None, _) => AuthorRole::Parent,
        (Some(StaffRole::Teacher), FeedFilter::Class(id))
            if me.classes.iter().any(|c| c.id == id) =>
        {
            AuthorRole::Teacher
        }
        _ => AuthorRole::Staff,
    }
}

/// Which policy pack checks text written on a story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackSource {
    /// One class's pack: its pupils' names.
    Class(ClassId),
    /// The whole school's roster (staff only), as the server checks School Story text.
    School,
}

/// The pack that checks text written on a story: the story's class; on the School Story, the whole
/// school's for staff (who may teach no class at all, like the office), and the family's first child's
/// class for families, who are never sent the whole school's roster. `None` for a family with no child.
pub fn pack_source(me: &Me, story_class: Option<ClassId>) -> Option<PackSource> {
    match story_class {
        Some(class) => Some(PackSource::Class(class)),
        None if me.staff_role.is_some() => Some(PackSource::School),
        None => me.children.first().map(|c| PackSource::Class(c.class_id)),
    }
}

/// Adds an older page under the stories already shown, skipping any already there (a story posted
/// between two reads shifts the pages).
pub fn append_page(shown: &mut Vec<StoryView>, page: Vec<StoryView>) {
    for story in page {
        if !shown.iter().any(|s| s.id == story.id) {
            shown.push(story);
        }
    }
}

/// The milliseconds since the epoch of an RFC 3339 time from the server.
pub fn parse_time_ms(rfc3339: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// "Just now", "5 minutes ago", "3 hours ago", "Yesterday", "4 days ago", else "12 March".
pub fn relative_time(posted_at: &str, now_ms: i64) -> String {
    let Some(at) = DateTime::parse_from_rfc3339(posted_at).ok() else {
        return String::new();
    };
    let minutes = (now_ms - at.timestamp_millis()) / 60_000;
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match minutes {
        m if m < 1 => "Just now".to_owned(),
        m if m < 60 => plural(m, "minute"),
        m if m < 24 * 60 => plural(m / 60, "hour"),
        m if m < 48 * 60 => "Yesterday".to_owned(),
        m if m < 7 * 24 * 60 => plural(m / (24 * 60), "day"),
        _ => {
            use chrono::Datelike;
            crate::format::day_month(at.day(), at.month0())
        }
    }
}

/// A photo's alt text: "Photo 2 of 3 from Mr Daly's post".
pub fn photo_alt(index: usize, total: usize, author: &str) -> String {
    format!("Photo {} of {total} from {author}'s post", index + 1)
}

/// "Ivy", "Ivy and Ruby", "Ivy, Ruby and Jade".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The badge a poster sees on a pupil who may not be shown; nothing for a pupil who may.
pub fn status_badge(status: ShowStatus) -> Option<&'static str> {
    match status {
        ShowStatus::MayBeShown => None,
        ShowStatus::NoConsent => Some("No photo permission"),
        ShowStatus::ConsentNotAsked => Some("Not asked yet"),
        ShowStatus::NeverShown => Some("Never shown"),
    }
}

/// Taps a pupil in or out of a photo. Tagging someone also clears "No children in this photo".
pub fn toggle_tag(tags: &mut PhotoTags, pupil: PupilId) {
    if let Some(at) = tags.pupils.iter().position(|p| *p == pupil) {
        tags.pupils.remove(at);
    } else {
        tags.pupils.push(pupil);
        tags.no_pupils = false;
    }
}

/// Ticks or unticks "No children in this photo"; ticking it clears the photo's tags.
pub fn set_no_pupils(tags: &mut PhotoTags, none: bool) {
    tags.no_pupils = none;
    if none {
        tags.pupils.clear();
    }
}

/// The photos (0-based) that say neither who is in them nor "no children": a shared post waits for these.
pub fn photos_needing_tags(tags: &[PhotoTags]) -> Vec<usize> {
    tags.iter()
        .enumerate()
        .filter(|(_, t)| t.pupils.is_empty() && !t.no_pupils)
        .map(|(i, _)| i)
        .collect()
}

/// Every pupil tagged in any photo, once each, in the order they were first tagged.
pub fn tagged_pupils(tags: &[PhotoTags]) -> Vec<PupilId> {
    let mut out: Vec<PupilId> = Vec::new();
    for p in tags.iter().flat_map(|t| t.pupils.iter()) {
        if !out.contains(p) {
            out.push(*p);
        }
    }
    out
}

fn candidate(candidates: &[TagCandidate], pupil: PupilId) -> Option<&TagCandidate> {
    candidates.iter().find(|c| c.pupil_id == pupil)
}

/// The tagged pupils who may not be shown on a shared feed, in tagging order. A pupil the device has no
/// record of counts as not shown: the cautious answer.
pub fn blocking_pupils(tags: &[PhotoTags], candidates: &[TagCandidate]) -> Vec<PupilId> {
    tagged_pupils(tags)
        .into_iter()
        .filter(|p| !candidate(candidates, *p).is_some_and(|c| c.status.may_be_shown()))
        .collect()
}

/// The private route for a post whose photos show a pupil who may not be shown: share it only with the
/// families of the tagged pupils who may be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrivateShare {
    /// Nothing blocks the shared post: no private route is needed.
    NotNeeded,
    /// The families of these pupils (and staff) would see the post.
    To {
        pupils: Vec<PupilId>,
        names: Vec<String>,
    },
    /// A tagged pupil is never shown, not even privately: the photo has to go.
    NeverShown { names: Vec<String> },
    /// Nobody tagged may be shown, so there is nobody to share it with.
    NobodyToShareWith,
}

pub fn private_share(tags: &[PhotoTags], candidates: &[TagCandidate]) -> PrivateShare {
    if blocking_pupils(tags, candidates).is_empty() {
        return PrivateShare::NotNeeded;
    }
    let tagged = tagged_pupils(tags);
    let never: Vec<String> = tagged
        .iter()
        .filter_map(|p| candidate(candidates, *p))
        .filter(|c| c.status == ShowStatus::NeverShown)
        .map(|c| c.preferred_name.clone())
        .collect();
    if !never.is_empty() {
        return PrivateShare::NeverShown { names: never };
    }
    let shown: Vec<&TagCandidate> = tagged
        .iter()
        .filter_map(|p| candidate(candidates, *p))
        .filter(|c| c.status.may_be_shown())
        .collect();
    if shown.is_empty() {
        return PrivateShare::NobodyToShareWith;
    }
    PrivateShare::To {
        pupils: shown.iter().map(|c| c.pupil_id).collect(),
        names: shown.iter().map(|c| c.preferred_name.clone()).collect(),
    }
}

/// The control that offers the private route.
pub fn private_share_label(names: &[String]) -> String {
    format!(
        "Share privately with the families of {} instead",
        join_names(names)
    )
}

/// The confirmation before a private post, saying exactly who will see it.
pub fn private_confirmation(names: &[String]) -> String {
    let families = if names.len() == 1 {
        format!("{}'s family", names[0])
    } else {
        format!("the families of {}", join_names(names))
    };
    format!(
        "Only {families} and school staff will see this post. It won't appear on the shared feed. \
         Share it with them?"
    )
}

/// A photo chosen for a post, as the checks before sending see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenPhoto {
    pub size: u64,
}

/// What the device checks before a post leaves it, as field errors in the server's shape: text or photos,
/// the text's length, how many photos, each photo's size, and (for a shared post) that every photo is
/// tagged. The file's real type is the server's to judge from its bytes.
pub fn check_before_send(
    body: &str,
    photos: &[ChosenPhoto],
    tags: &[PhotoTags],
    shared: bool,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    let field = |field: String, code: &str, message: String| FieldError {
        field,
        code: code.to_owned(),
        message,
    };
    if body.trim().is_empty() && photos.is_empty() {
        out.push(field(
            "body".to_owned(),
            "required",
            "Write something or add a photo first.".to_owned(),
        ));
    }
    if body.chars().count() > MAX_STORY_CHARS {
        out.push(field(
            "body".to_owned(),
            "too_long",
            format!("Please keep a post under {MAX_STORY_CHARS} characters."),
        ));
    }
    if photos.len() > MAX_PHOTOS_PER_POST {
        out.push(field(
            "photos".to_owned(),
            "too_many",
            format!(
                "A post can have up to {MAX_PHOTOS_PER_POST} photos. Please remove {}.",
                photos.len() - MAX_PHOTOS_PER_POST
            ),
        ));
    }
    for (i, p) in photos.iter().enumerate() {
        if p.size > MAX_PHOTO_BYTES as u64 {
            out.push(field(
                format!("photo[{i}]"),
                "too_large",
                format!(
                    "Photo {} is too big to send (the limit is {} MB). Please choose a smaller copy.",
                    i + 1,
                    MAX_PHOTO_BYTES / (1024 * 1024)
                ),
            ));
        } else if p.size == 0 {
            out.push(field(
                format!("photo[{i}]"),
                "empty",
                format!("Photo {} is an empty file. Please choose it again.", i + 1),
            ));
        }
    }
    if shared {
        for i in photos_needing_tags(tags) {
            out.push(field(
                format!("photos[{i}]"),
                "tags_required",
                "Tag the children in this photo first".to_owned(),
            ));
        }
    }
    out
}

/// The photo (0-based) a field error is about: `photo[2]` (the file) or `photos[2]` (its tags).
pub fn photo_index(field: &str) -> Option<usize> {
    let rest = field
        .strip_prefix("photo[")
        .or_else(|| field.strip_prefix("photos["))?;
    rest.strip_suffix(']')?.parse().ok()
}

/// The words under one photo for a field error about it.
pub fn photo_error_text(error: &FieldError) -> String {
    let Some(i) = photo_index(&error.field) else {
        return error.message.clone();
    };
    let n = i + 1;
    match error.code.as_str() {
        // The server's codes for a file it could not use, by what it found in the bytes.
        "unsupported_image" | "not_an_image" => format!(
            "Photo {n} isn't a picture Hometime can use. Please choose a JPEG, PNG or WebP photo."
        ),
        "corrupt" => format!(
            "Photo {n} isn't a picture Hometime can use: the file seems to be damaged. Please choose another."
        ),
        "too_many_bytes" | "image_too_large" => format!(
            "Photo {n} is too big to send (the limit is {} MB). Please choose a smaller copy.",
            MAX_PHOTO_BYTES / (1024 * 1024)
        ),
        "too_many_pixels" => format!(
            "Photo {n} has too many pixels (the limit is {} megapixels). Please choose a smaller copy.",
            MAX_PHOTO_PIXELS / 1_000_000
        ),
        "tags_required" => "Tag the children in this photo first".to_owned(),
        _ if !error.message.is_empty() => error.message.clone(),
        _ => format!("Photo {n} can't be used. Please choose another."),
    }
}

/// A like, tapped: shown at once, and put back if the server says no.
pub fn toggle_like(state: LikeState) -> LikeState {
    if state.liked_by_me {
        LikeState {
            likes: state.likes.saturating_sub(1),
            liked_by_me: false,
        }
    } else {
        LikeState {
            likes: state.likes + 1,
            liked_by_me: true,
        }
    }
}

/// "3 likes", "1 like", "No likes yet".
pub fn likes_text(likes: u32) -> String {
    match likes {
        0 => "No likes yet".to_owned(),
        1 => "1 like".to_owned(),
        n => format!("{n} likes"),
    }
}

/// The class's pack with each pupil's photo permission taken from the tag candidates (the device's
/// freshest answer), and pupils of other classes added, so the engine's `photo-consent` rule names
/// every tagged child who may not be shown (the School Story tags pupils of any class).
pub fn pack_with_consent(pack: &Pack, candidates: &[TagCandidate]) -> Pack {
    let mut pack = pack.clone();
    for c in candidates {
        let id = roster_id(c.pupil_id);
        let shown = c.status.may_be_shown();
        match pack.pupils.iter_mut().find(|p| p.id == id) {
            Some(p) => p.photo_consent = shown,
            None => pack.pupils.push(Pupil {
                id,
                first_name: c.preferred_name.clone(),
                surname: String::new(),
                preferred_name: Some(c.preferred_name.clone()),
                photo_consent: shown,
                aliases: Vec::new(),
            }),
        }
    }
    pack
}

/// The policy engine for a story draft: text and the photos' tags together, so a photo of a child who
/// may not be shown is stopped as it is tagged, before anything is uploaded. (The message composer's
/// `Checker` checks text only and says nothing about an empty draft; a story of photos alone still needs
/// its tags checked.)
#[derive(Clone, Debug)]
pub struct StoryChecker {
    engine: Arc<Engine>,
    time_zone: String,
}

impl StoryChecker {
    pub fn new(pack: &Pack) -> Result<StoryChecker, PackError> {
        Ok(StoryChecker {
            engine: Arc::new(Engine::new(pack)?),
            time_zone: pack.school.timezone.clone(),
        })
    }

    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }

    pub fn check(
        &self,
        role: AuthorRole,
        context: Context,
        text: &str,
        tagged: &[PupilId],
        has_photos: bool,
        now: NaiveDateTime,
    ) -> Vec<Finding> {
        if text.trim().is_empty() && !has_photos {
            return Vec::new();
        }
        self.engine.check(&Draft {
            role,
            context,
            text,
            child: None,
            sent_at: now,
            photos: has_photos.then(|| PhotoFacts {
                tagged: tagged.iter().map(|p| roster_id(*p)).collect(),
            }),
            recipient_is_class_teacher: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use hometime_api::{Avatar, ChildSummary, ClassSummary, SchoolBrief};
    use hometime_domain::SchoolId;
    use hometime_policy::{RuleId, Severity};

    use super::*;

    fn cand(id: i64, name: &str, status: ShowStatus) -> TagCandidate {
        TagCandidate {
            pupil_id: PupilId(id),
            preferred_name: name.to_owned(),
            avatar: Avatar::default(),
            status,
        }
    }

    fn kestrel() -> Vec<TagCandidate> {
        vec![
            cand(1, "Ivy", ShowStatus::MayBeShown),
            cand(2, "Ruby", ShowStatus::MayBeShown),
            cand(3, "Jade", ShowStatus::NoConsent),
            cand(10, "Yusuf", ShowStatus::ConsentNotAsked),
            cand(15, "Emeka", ShowStatus::NeverShown),
        ]
    }

    fn tags(pupils: &[i64], none: bool) -> PhotoTags {
        PhotoTags {
            pupils: pupils.iter().map(|p| PupilId(*p)).collect(),
            no_pupils: none,
        }
    }

    fn me(home: Home, role: Option<StaffRole>, classes: &[i64], children: &[i64]) -> Me {
        Me {
            home,
            display_name: "Someone".to_owned(),
            school: SchoolBrief {
                id: SchoolId(1),
                name: "Brookfield".to_owned(),
                show_initials: false,
            },
            user_id: None,
            staff_role: role,
            children: children
                .iter()
                .map(|c| ChildSummary {
                    id: PupilId(*c * 100),
                    name: "Child".to_owned(),
                    class_id: ClassId(*c),
                    class_name: format!("Class{c}"),
                    teacher_name: None,
                    avatar: Avatar::default(),
                })
                .collect(),
            classes: classes
                .iter()
                .map(|c| ClassSummary {
                    id: ClassId(*c),
                    name: format!("Class{c}"),
                    year_group: 2,
                    pupil_count: 25,
                    teacher_name: None,
                })
                .collect(),
            pupil: None,
        }
    }

    #[test]
    fn each_filter_asks_for_its_feed_and_pages_by_before() {
        let cases = [
            (FeedFilter::All, None, ""),
            (FeedFilter::All, Some(StoryId(40)), "?before=40"),
            (FeedFilter::School, None, "?scope=school"),
            (FeedFilter::Class(ClassId(3)), None, "?class_id=3"),
            (
                FeedFilter::Class(ClassId(3)),
                Some(StoryId(9)),
                "?class_id=3&before=9",
            ),
        ];
        for (filter, before, want) in cases {
            assert_eq!(filter.query(before), want, "{filter:?}");
            assert_eq!(FeedFilter::of_route(filter.route()), Some(filter));
        }
        assert_eq!(FeedFilter::of_route(AppRoute::Inbox), None);
        assert_eq!(FeedFilter::School.context(), Context::SchoolStory);
        assert_eq!(FeedFilter::Class(ClassId(1)).context(), Context::ClassStory);
    }

    #[test]
    fn a_parent_filters_by_each_childs_class_once_and_staff_by_their_classes() {
        let parent = me(Home::Parent, None, &[], &[3, 1, 3]);
        let labels: Vec<String> = feed_filters(&parent).into_iter().map(|f| f.1).collect();
        assert_eq!(
            labels,
            [
                "All",
                "School Story",
                "Class1 Class Story",
                "Class3 Class Story"
            ]
        );
        let teacher = me(Home::Teacher, Some(StaffRole::Teacher), &[2], &[]);
        let filters: Vec<FeedFilter> = feed_filters(&teacher).into_iter().map(|f| f.0).collect();
        assert_eq!(
            filters,
            [
                FeedFilter::All,
                FeedFilter::School,
                FeedFilter::Class(ClassId(2))
            ]
        );
    }

    #[test]
    fn who_may_post_where_and_as_what_role() {
        let parent = me(Home::Parent, None, &[], &[3]);
        let teacher = me(Home::Teacher, Some(StaffRole::Teacher), &[2], &[]);
        let office = me(Home::Teacher, Some(StaffRole::Office), &[], &[]);
        let leader = me(Home::Leader, Some(StaffRole::Leader), &[2, 3], &[]);
        let (school, two, three) = (
            FeedFilter::School,
            FeedFilter::Class(ClassId(2)),
            FeedFilter::Class(ClassId(3)),
        );
        let cases = [
            (&parent, three, false),
            (&parent, school, false),
            (&teacher, two, true),
            (&teacher, three, false),
            (&teacher, school, false),
            (&teacher, FeedFilter::All, false),
            (&office, school, true),
            (&office, two, false),
            (&leader, school, true),
            (&leader, three, true),
        ];
        for (who, filter, want) in cases {
            assert_eq!(
                may_post(who, filter),
                want,
                "{:?} {filter:?}",
                who.staff_role
            );
        }
        assert_eq!(author_role(&parent, three), AuthorRole::Parent);
        assert_eq!(author_role(&teacher, two), AuthorRole::Teacher);
        assert_eq!(author_role(&teacher, school), AuthorRole::Staff);
        assert_eq!(author_role(&leader, two), AuthorRole::Staff);
        assert_eq!(
            pack_source(&parent, None),
            Some(PackSource::Class(ClassId(3)))
        );
        assert_eq!(
            pack_source(&teacher, Some(ClassId(9))),
            Some(PackSource::Class(ClassId(9)))
        );
        assert_eq!(pack_source(&teacher, None), Some(PackSource::School));
        assert_eq!(pack_source(&office, None), Some(PackSource::School));
        assert_eq!(pack_source(&leader, None), Some(PackSource::School));
    }

    #[test]
    fn times_read_as_people_say_them() {
        let posted = "2026-03-10T09:00:00Z";
        let at = parse_time_ms(posted).unwrap();
        let min = 60_000;
        let cases = [
            (at - 5 * min, "Just now"),
            (at + 30_000, "Just now"),
            (at + min, "1 minute ago"),
            (at + 59 * min, "59 minutes ago"),
            (at + 60 * min, "1 hour ago"),
            (at + 23 * 60 * min, "23 hours ago"),
            (at + 30 * 60 * min, "Yesterday"),
            (at + 3 * 24 * 60 * min, "3 days ago"),
            (at + 30 * 24 * 60 * min, "10 March"),
        ];
        for (now, want) in cases {
            assert_eq!(relative_time(posted, now), want);
        }
        assert_eq!(relative_time("not a time", at), "");
    }

    #[test]
    fn photos_have_alt_text_and_names_join_in_plain_english() {
        assert_eq!(
            photo_alt(1, 3, "Mr Daly"),
            "Photo 2 of 3 from Mr Daly's post"
        );
        let n = |v: &[&str]| join_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&[]), "");
        assert_eq!(n(&["Ivy"]), "Ivy");
        assert_eq!(n(&["Ivy", "Ruby"]), "Ivy and Ruby");
        assert_eq!(n(&["Ivy", "Ruby", "Jade"]), "Ivy, Ruby and Jade");
        assert_eq!(status_badge(ShowStatus::MayBeShown), None);
        assert_eq!(
            status_badge(ShowStatus::NoConsent),
            Some("No photo permission")
        );
        assert_eq!(
            status_badge(ShowStatus::ConsentNotAsked),
            Some("Not asked yet")
        );
        assert_eq!(status_badge(ShowStatus::NeverShown), Some("Never shown"));
    }

    #[test]
    fn tagging_and_no_children_exclude_each_other_and_untagged_photos_are_listed() {
        let mut t = PhotoTags::default();
        set_no_pupils(&mut t, true);
        assert!(t.no_pupils);
        toggle_tag(&mut t, PupilId(1));
        assert_eq!(t, tags(&[1], false));
        toggle_tag(&mut t, PupilId(2));
        toggle_tag(&mut t, PupilId(1));
        assert_eq!(t, tags(&[2], false));
        set_no_pupils(&mut t, true);
        assert_eq!(t, tags(&[], true));

        let photos = [
            tags(&[1], false),
            tags(&[], false),
            tags(&[], true),
            PhotoTags::default(),
        ];
        assert_eq!(photos_needing_tags(&photos), vec![1, 3]);
        let photos = [tags(&[2, 1], false), tags(&[1, 3], false)];
        assert_eq!(
            tagged_pupils(&photos),
            vec![PupilId(2), PupilId(1), PupilId(3)]
        );
    }

    #[test]
    fn pupils_who_may_not_be_shown_block_and_the_private_route_names_who_would_see_it() {
        let c = kestrel();
        // Everyone may be shown: nothing blocks, no private route needed.
        assert!(blocking_pupils(&[tags(&[1, 2], false)], &c).is_empty());
        assert_eq!(
            private_share(&[tags(&[1], false)], &c),
            PrivateShare::NotNeeded
        );
        // Jade (no) and Yusuf (not asked) block; Ivy's family may see it privately.
        let photos = [tags(&[1, 3], false), tags(&[10], false)];
        assert_eq!(blocking_pupils(&photos, &c), vec![PupilId(3), PupilId(10)]);
        let share = private_share(&photos, &c);
        assert_eq!(
            share,
            PrivateShare::To {
                pupils: vec![PupilId(1)],
                names: vec!["Ivy".to_owned()]
            }
        );
        // Emeka is never shown, not even privately.
        let photos = [tags(&[1, 15], false)];
        assert_eq!(
            private_share(&photos, &c),
            PrivateShare::NeverShown {
                names: vec!["Emeka".to_owned()]
            }
        );
        // Only Jade: nobody to share with.
        assert_eq!(
            private_share(&[tags(&[3], false)], &c),
            PrivateShare::NobodyToShareWith
        );
        // A pupil the device knows nothing about is not assumed shown.
        assert_eq!(
            blocking_pupils(&[tags(&[99], false)], &c),
            vec![PupilId(99)]
        );

        let names = vec!["Ivy".to_owned(), "Ruby".to_owned()];
        assert_eq!(
            private_share_label(&names),
            "Share privately with the families of Ivy and Ruby instead"
        );
        assert!(
            private_confirmation(&names)
                .starts_with("Only the families of Ivy and Ruby and school staff")
        );
        assert!(
            private_confirmation(&names[..1]).starts_with("Only Ivy's family and school staff")
        );
    }

    #[test]
    fn the_device_checks_text_or_photos_counts_sizes_and_tags_before_sending() {
        let ok = ChosenPhoto { size: 200_000 };
        let codes = |errs: Vec<FieldError>| -> Vec<(String, String)> {
            errs.into_iter().map(|e| (e.field, e.code)).collect()
        };
        assert_eq!(
            codes(check_before_send("  ", &[], &[], true)),
            [("body".to_owned(), "required".to_owned())]
        );
        assert!(check_before_send("Sports day!", &[], &[], true).is_empty());
        assert!(
            check_before_send("", std::slice::from_ref(&ok), &[tags(&[], true)], true).is_empty()
        );
        let long = "a".repeat(MAX_STORY_CHARS + 1);
        assert_eq!(
            codes(check_before_send(&long, &[], &[], true)),
            [("body".to_owned(), "too_long".to_owned())]
        );
        let eleven = vec![ok.clone(); MAX_PHOTOS_PER_POST + 1];
        let all_tagged = vec![tags(&[], true); MAX_PHOTOS_PER_POST + 1];
        assert_eq!(
            codes(check_before_send("x", &eleven, &all_tagged, true)),
            [("photos".to_owned(), "too_many".to_owned())]
        );
        let big = ChosenPhoto {
            size: MAX_PHOTO_BYTES as u64 + 1,
        };
        let photos = [ok.clone(), big, ChosenPhoto { size: 0 }];
        let photo_tags = [tags(&[1], false), tags(&[], true), PhotoTags::default()];
        assert_eq!(
            codes(check_before_send("x", &photos, &photo_tags, true)),
            [
                ("photo[1]".to_owned(), "too_large".to_owned()),
                ("photo[2]".to_owned(), "empty".to_owned()),
                ("photos[2]".to_owned(), "tags_required".to_owned()),
            ]
        );
        // A private post still goes only to tagged families, so tags are checked there by the route
        // itself; the device does not ask for them twice.
        assert_eq!(
            check_before_send("x", &[ok], &[PhotoTags::default()], false),
            vec![]
        );
    }

    #[test]
    fn field_errors_land_under_their_photo_in_plain_words() {
        assert_eq!(photo_index("photo[2]"), Some(2));
        assert_eq!(photo_index("photos[0]"), Some(0));
        assert_eq!(photo_index("photo"), None);
        assert_eq!(photo_index("body"), None);
        let fe = |field: &str, code: &str, message: &str| FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.to_owned(),
        };
        let cases = [
            (
                "photo[2]",
                "unsupported_image",
                "Photo 3 isn't a picture Hometime can use.",
            ),
            (
                "photo[2]",
                "not_an_image",
                "Photo 3 isn't a picture Hometime can use.",
            ),
            (
                "photo[0]",
                "corrupt",
                "Photo 1 isn't a picture Hometime can use: the file seems",
            ),
            (
                "photo[1]",
                "too_many_bytes",
                "Photo 2 is too big to send (the limit is 15 MB)",
            ),
            (
                "photo[1]",
                "too_many_pixels",
                "Photo 2 has too many pixels (the limit is 40 megapixels)",
            ),
        ];
        for (field, code, want) in cases {
            let text = photo_error_text(&fe(field, code, "the server's own words"));
            assert!(text.starts_with(want), "{code}: {text}");
        }
        assert_eq!(
            photo_error_text(&fe("photo[0]", "something_new", "Server words.")),
            "Server words."
        );
        assert_eq!(
            photo_error_text(&fe("photos[1]", "tags_required", "x")),
            "Tag the children in this photo first"
        );
    }

    #[test]
    fn a_like_shows_at_once_and_counts_read_naturally() {
        let none = LikeState {
            likes: 0,
            liked_by_me: false,
        };
        let liked = toggle_like(none);
        assert_eq!(
            liked,
            LikeState {
                likes: 1,
                liked_by_me: true
            }
        );
        assert_eq!(toggle_like(liked), none);
        // A count that somehow reads 0 while liked never goes below zero.
        assert_eq!(
            toggle_like(LikeState {
                likes: 0,
                liked_by_me: true
            })
            .likes,
            0
        );
        assert_eq!(likes_text(0), "No likes yet");
        assert_eq!(likes_text(1), "1 like");
        assert_eq!(likes_text(12), "12 likes");
    }

    #[test]
    fn pages_join_without_repeating_a_story() {
        let story = |id: i64| -> StoryView {
            serde_json::from_value(serde_json::json!({
                "id": id, "scope": "school", "author_id": 1, "author_name": "Mrs Okoro", "body": "",
                "photos": [], "posted_at": "2026-03-10T09:00:00Z", "likes": 0, "liked_by_me": false,
                "can_comment": false, "comments": [], "can_remove": false, "private": false,
                "features_my_child": false
            }))
            .expect("a story")
        };
        let mut shown = vec![story(9), story(8)];
        append_page(&mut shown, vec![story(8), story(7)]);
        let ids: Vec<i64> = shown.iter().map(|s| s.id.0).collect();
        assert_eq!(ids, [9, 8, 7]);
    }

    fn example_pack() -> Pack {
        Pack::from_json(include_str!("../crates/policy/data/pack.json")).expect("the example pack")
    }

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 10)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn tagging_a_child_without_permission_blocks_at_once_and_names_them() {
        let pack = example_pack();
        // The device's candidates: the first roster pupil may not be shown, the second may.
        let first = pack.pupils[0].clone();
        let second = pack.pupils[1].clone();
        // Roster ids in the example pack are `k01`, while the app's are `p<id>`: the candidates carry the
        // app's ids and `pack_with_consent` adds them, as it does for another class's pupils.
        let (blocked, fine) = (PupilId(1001), PupilId(1002));
        let candidates = [
            cand(blocked.0, first.display_name(), ShowStatus::NoConsent),
            cand(fine.0, second.display_name(), ShowStatus::MayBeShown),
        ];
        let checker = StoryChecker::new(&pack_with_consent(&pack, &candidates)).expect("engine");

        let found = checker.check(
            AuthorRole::Teacher,
            Context::ClassStory,
            "",
            &[fine, blocked],
            true,
            now(),
        );
        let consent: Vec<&Finding> = found
            .iter()
            .filter(|f| f.rule == RuleId::PhotoConsent)
            .collect();
        assert_eq!(consent.len(), 1, "{found:?}");
        assert_eq!(consent[0].severity, Severity::Block);
        assert!(
            consent[0].guidance.contains(first.display_name()),
            "{}",
            consent[0].guidance
        );

        let clear = checker.check(
            AuthorRole::Teacher,
            Context::ClassStory,
            "",
            &[fine],
            true,
            now(),
        );
        assert!(
            clear.iter().all(|f| f.rule != RuleId::PhotoConsent),
            "{clear:?}"
        );
        // Nothing written and no photos: nothing to say yet.
        assert!(
            checker
                .check(
                    AuthorRole::Teacher,
                    Context::ClassStory,
                    " ",
                    &[],
                    false,
                    now()
                )
                .is_empty()
        );
    }

    #[test]
    fn consent_from_the_candidates_overrides_the_packs_roster() {
        let mut pack = example_pack();
        pack.pupils[0].id = roster_id(PupilId(5));
        pack.pupils[0].photo_consent = true;
        let with = pack_with_consent(&pack, &[cand(5, "Ivy", ShowStatus::NeverShown)]);
        assert_eq!(with.pupils.len(), pack.pupils.len());
        assert!(!with.pupils[0].photo_consent);
        let with = pack_with_consent(&pack, &[cand(777, "Zed", ShowStatus::MayBeShown)]);
        assert_eq!(with.pupils.len(), pack.pupils.len() + 1);
        let added = with.pupils.last().unwrap();
        assert_eq!((added.id.as_str(), added.photo_consent), ("p777", true));
    }
}
