//! A feed of stories, newest first: the first page as the filter asks, then older pages on "Show older"
//! (`next_before`), each story once. `reload` is bumped after a post or a take-down to read the feed
//! again from the top.

use hometime_api::{Me, StoryView};
use hometime_domain::StoryId;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::components::story_card::StoryCard;
use crate::errors::AppError;
use crate::stories_logic::{FeedFilter, append_page, author_role, pack_source};

#[component]
pub fn StoryList(filter: FeedFilter, me: Me, reload: RwSignal<u32>) -> impl IntoView {
    let first = LocalResource::new(move || {
        reload.track();
        async move { api::stories(&filter.query(None)).await }
    });
    // Older pages, appended under the first; cleared whenever the first page is read again.
    let older = RwSignal::new(Vec::<StoryView>::new());
    let older_next = RwSignal::new(None::<Option<StoryId>>);
    let older_error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        reload.track();
        older.set(Vec::new());
        older_next.set(None);
    });
    let show_older = Action::new_local(move |before: &StoryId| {
        let before = *before;
        async move {
            match api::stories(&filter.query(Some(before))).await {
                Ok(page) => {
                    older.update(|o| append_page(o, page.stories));
                    older_next.set(Some(page.next_before));
                    older_error.set(None);
                }
                Err(e) => older_error.set(Some(e)),
            }
        }
    });
    let loading_older = show_older.pending();
    let on_removed = Callback::new(move |()| reload.update(|n| *n += 1));
    let me = StoredValue::new(me);

    view! {
        <Transition fallback=|| view! { <Loading text="Loading stories…"/> }>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(feed) => {
                        let first_next = feed.next_before;
                        let first_page = feed.stories;
                        let stories = move || {
                            let mut all = first_page.clone();
                            append_page(&mut all, older.get());
                            all
                        };
                        let each = stories.clone();
                        let next = move || older_next.get().unwrap_or(first_next);
                        view! {
                            {move || {
                                stories()
                                    .is_empty()
                                    .then(|| view! { <p class="empty">"No stories here yet."</p> })
                            }}
                            <ol class="story-list" aria-label="Stories">
                                // Keyed by id, so showing older stories leaves the cards above (and their
                                // likes and open comment boxes) as they are.
                                <For each=each key=|s| s.id let:story>
                                    {
                                        let story_filter = match story.class_id {
                                            Some(id) => FeedFilter::Class(id),
                                            None => FeedFilter::School,
                                        };
                                        let (role, pack) = me
                                            .with_value(|m| {
                                                (author_role(m, story_filter), pack_source(m, story.class_id))
                                            });
                                        view! {
                                            <StoryCard
                                                story=story
                                                role=role
                                                pack=pack
                                                on_removed=on_removed
                                            />
                                        }
                                    }
                                </For>
                            </ol>
                            {move || {
                                next()
                                    .map(|before| {
                                        view! {
                                            <p class="story-more">
                                                <button
                                                    type="button"
                                                    class="button button-wide"
                                                    disabled=move || loading_older.get()
                                                    on:click=move |_| {
                                                        show_older.dispatch(before);
                                                    }
                                                >
                                                    {move || if loading_older.get() { "Loading…" } else { "Show older" }}
                                                </button>
                                            </p>
                                        }
                                    })
                            }}
                            {move || older_error.get().map(|e| view! { <ErrorNotice error=e/> })}
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
