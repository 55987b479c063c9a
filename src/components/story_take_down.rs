//! "Take down" on a story, for its author, the class's teacher and leaders: asks first, in words that say
//! what happens (families stop seeing it and its photos are deleted), then removes it.

use hometime_domain::StoryId;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;

#[component]
pub fn StoryTakeDown(id: StoryId, on_removed: Callback<()>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let action = Action::new_local(move |_: &()| async move {
        match api::remove_story(id).await {
            Ok(()) => {
                asking.set(false);
                on_removed.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let pending = action.pending();
    view! {
        <div class="story-take-down">
            {move || {
                if asking.get() {
                    view! {
                        <div class="confirm" role="group" aria-label="Take this post down?">
                            <p>
                                "Take this post down? Families will stop seeing it straight away, and its photos are deleted."
                            </p>
                            <button
                                type="button"
                                class="button button-danger"
                                disabled=move || pending.get()
                                on:click=move |_| {
                                    error.set(None);
                                    action.dispatch(());
                                }
                            >
                                {move || if pending.get() { "Taking it down…" } else { "Yes, take it down" }}
                            </button>
                            " "
                            <button type="button" class="button button-quiet" on:click=move |_| asking.set(false)>
                                "Keep it"
                            </button>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="button button-quiet" on:click=move |_| asking.set(true)>
                            "Take down"
                        </button>
                    }
                        .into_any()
                }
            }}
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
        </div>
    }
}
