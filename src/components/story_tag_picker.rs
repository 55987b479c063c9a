//! Who is in one photo: the class's pupils as avatars to tap (each a toggle button), with a clear badge on
//! anyone who may not be shown ("No photo permission", "Not asked yet", "Never shown"), and "No children
//! in this photo". A photo with neither asks "Tag the children in this photo first".

use hometime_api::{PhotoTags, TagCandidate};
use hometime_domain::PupilId;
use leptos::prelude::*;

use crate::components::pupil_face::PupilFace;
use crate::stories_logic::status_badge;

#[component]
pub fn StoryTagPicker(
    /// Which photo (0-based), for the legend and ids.
    index: usize,
    tags: Signal<PhotoTags>,
    candidates: Signal<Vec<TagCandidate>>,
    initials_only: bool,
    on_toggle: Callback<PupilId>,
    on_no_pupils: Callback<bool>,
) -> impl IntoView {
    let none_id = format!("photo-{index}-no-children");
    let hint_id = format!("photo-{index}-tag-hint");
    let (described_by, none_for) = (hint_id.clone(), none_id.clone());
    view! {
        <fieldset class="story-tag-picker" aria-describedby=described_by>
            <legend>{format!("Who is in photo {}?", index + 1)}</legend>
            <p id=hint_id class="story-tag-hint" aria-live="polite">
                {move || {
                    tags.with(|t| t.pupils.is_empty() && !t.no_pupils)
                        .then_some("Tag the children in this photo first")
                }}
            </p>
            <ul class="story-tag-list">
                {move || {
                    candidates
                        .get()
                        .into_iter()
                        .map(|c| {
                            let id = c.pupil_id;
                            let badge = status_badge(c.status);
                            let pressed = move || tags.with(|t| t.pupils.contains(&id));
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="story-tag"
                                        class:story-tag-on=pressed
                                        class:story-tag-blocked=badge.is_some()
                                        aria-pressed=move || if pressed() { "true" } else { "false" }
                                        on:click=move |_| on_toggle.run(id)
                                    >
                                        <PupilFace
                                            avatar=c.avatar.clone()
                                            name=c.preferred_name.clone()
                                            initials_only=initials_only
                                            class="avatar-small"
                                        />
                                        <span class="story-tag-name">{c.preferred_name.clone()}</span>
                                        {badge.map(|b| view! { <span class="story-tag-badge">{b}</span> })}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <label class="toggle" for=none_for>
                <input
                    id=none_id
                    type="checkbox"
                    prop:checked=move || tags.with(|t| t.no_pupils)
                    on:change=move |ev| on_no_pupils.run(event_target_checked(&ev))
                />
                "No children in this photo"
            </label>
        </fieldset>
    }
}
