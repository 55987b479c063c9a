//! One story in a feed: which feed it is on, who posted it and when, the text, the photos, the like
//! button, the comments, and (for staff) who is tagged and "Take down". Families see "Shared privately
//! with you" on a post only some families can see, and "Your child is in this photo" when theirs is.

use hometime_api::{LikeState, StoryScope, StoryView};
use hometime_policy::AuthorRole;
use leptos::prelude::*;

use crate::components::story_comments::StoryComments;
use crate::components::story_like_button::StoryLikeButton;
use crate::components::story_photos::StoryPhotos;
use crate::components::story_take_down::StoryTakeDown;
use crate::stories_logic::{FeedFilter, PackSource, join_names, relative_time};

#[component]
pub fn StoryCard(
    story: StoryView,
    /// The viewer's role when writing a comment here.
    role: AuthorRole,
    /// The pack that checks a comment here.
    pack: Option<PackSource>,
    /// Called when the story was taken down, so the feed reloads.
    on_removed: Callback<()>,
) -> impl IntoView {
    let now = js_sys::Date::now() as i64;
    let heading_id = format!("story-{}", story.id);
    let labelled_by = heading_id.clone();
    let label = match (story.scope, &story.class_name) {
        (StoryScope::Class, Some(name)) => format!("{name} Class Story"),
        (StoryScope::Class, None) => "Class Story".to_owned(),
        (StoryScope::School, _) => "School Story".to_owned(),
    };
    let filter = match (story.scope, story.class_id) {
        (StoryScope::Class, Some(id)) => FeedFilter::Class(id),
        _ => FeedFilter::School,
    };
    let staff = role != AuthorRole::Parent;
    let private_badge = story.private.then(|| {
        let text = if staff {
            "Shared privately with some families"
        } else {
            "Shared privately with you"
        };
        view! { <span class="story-badge story-badge-private">{text}</span> }
    });
    let my_child = story.features_my_child.then(|| {
        view! { <span class="story-badge story-badge-child">"Your child is in this photo"</span> }
    });
    let tagged = (staff && !story.tagged.is_empty()).then(|| {
        let names: Vec<String> = story
            .tagged
            .iter()
            .map(|t| t.preferred_name.clone())
            .collect();
        view! { <p class="story-tags">{format!("Tagged: {}", join_names(&names))}</p> }
    });
    let body = (!story.body.trim().is_empty())
        .then(|| view! { <p class="story-body">{story.body.clone()}</p> });
    let photos = (!story.photos.is_empty()).then(|| {
        view! { <StoryPhotos photos=story.photos.clone() author=story.author_name.clone()/> }
    });
    let take_down = story
        .can_remove
        .then(|| view! { <StoryTakeDown id=story.id on_removed=on_removed/> });
    view! {
        <li>
            <article class="story-card" aria-labelledby=labelled_by>
                <header class="story-head">
                    <p class="story-label">{label}</p>
                    <h2 id=heading_id class="story-author">
                        {story.author_name.clone()}
                    </h2>
                    <p class="story-meta">
                        <time datetime=story.posted_at.clone()>{relative_time(&story.posted_at, now)}</time>
                    </p>
                    {(private_badge.is_some() || my_child.is_some())
                        .then(|| view! { <p class="story-badges">{private_badge} " " {my_child}</p> })}
                </header>
                {body}
                {photos}
                {tagged}
                <div class="story-actions">
                    <StoryLikeButton
                        id=story.id
                        initial=LikeState {
                            likes: story.likes,
                            liked_by_me: story.liked_by_me,
                        }
                    />
                    {take_down}
                </div>
                <StoryComments
                    story=story.id
                    comments=story.comments.clone()
                    can_comment=story.can_comment
                    context=filter.context()
                    role=role
                    pack=pack
                    author_name=story.author_name.clone()
                />
            </article>
        </li>
    }
}
