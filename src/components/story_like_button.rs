//! The like button under a story: the count changes at once when tapped (optimistic), and goes back if the
//! server says no, with the reason shown. Liking twice is harmless: `PUT` and `DELETE` are idempotent.

use hometime_api::LikeState;
use hometime_domain::StoryId;
use leptos::prelude::*;

use crate::api;
use crate::errors::{AppError, error_text};
use crate::stories_logic::{likes_text, toggle_like};

#[component]
pub fn StoryLikeButton(id: StoryId, initial: LikeState) -> impl IntoView {
    let state = RwSignal::new(initial);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        let before = state.get_untracked();
        let after = toggle_like(before);
        state.set(after);
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::like_story(id, after.liked_by_me).await {
                Ok(confirmed) => state.set(confirmed),
                Err(e) => {
                    state.set(before);
                    error.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div class="story-like">
            <button
                type="button"
                class="button story-like-button"
                class:liked=move || state.get().liked_by_me
                aria-pressed=move || if state.get().liked_by_me { "true" } else { "false" }
                on:click=on_click
            >
                <span aria-hidden="true" class="story-like-heart">
                    {move || if state.get().liked_by_me { "♥" } else { "♡" }}
                </span>
                " Like"
                <span class="visually-hidden">" this post"</span>
            </button>
            <span class="story-like-count" aria-live="polite">
                {move || likes_text(state.get().likes)}
            </span>
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" role="alert">{error_text(&e)}</p> })
            }}
        </div>
    }
}
