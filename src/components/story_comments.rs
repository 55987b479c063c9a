//! Comments under a story, oldest first, with removed ones as markers; remove controls where the viewer
//! may remove (the author, the class's teacher, leaders); and, where the viewer may comment, the message
//! composer itself (checked on every keystroke with the story's context and the writer's role) opened
//! on demand, so a long feed does not compile the policy engine once per post.

use std::rc::Rc;

use hometime_api::{CommentView, NewComment, RemovedMarker};
use hometime_domain::{CommentId, StoryId};
use hometime_policy::{AuthorRole, Context};
use leptos::prelude::*;

use crate::api;
use crate::components::composer::{Composer, Sender};
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::composer_logic::Checker;
use crate::errors::AppError;
use crate::stories_logic::{PackSource, relative_time};

#[component]
pub fn StoryComments(
    story: StoryId,
    comments: Vec<CommentView>,
    can_comment: bool,
    context: Context,
    role: AuthorRole,
    /// The policy pack that checks a comment (`stories_logic::pack_source`).
    pack: Option<PackSource>,
    author_name: String,
) -> impl IntoView {
    let list = RwSignal::new(comments);
    let writing = RwSignal::new(false);
    let confirming = RwSignal::new(None::<CommentId>);
    let error = RwSignal::new(None::<AppError>);
    let now = js_sys::Date::now() as i64;
    let heading_id = format!("story-{story}-comments");
    let labelled_by = heading_id.clone();

    let remove = Action::new_local(move |id: &CommentId| {
        let id = *id;
        async move {
            match api::remove_story_comment(story, id).await {
                Ok(()) => {
                    list.update(|l| {
                        if let Some(c) = l.iter_mut().find(|c| c.id == id) {
                            c.body = None;
                            c.can_remove = false;
                            c.removed = Some(RemovedMarker {
                                by_name: String::new(),
                                at: String::new(),
                            });
                        }
                    });
                    confirming.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });

    let item = move |c: CommentView| {
        let id = c.id;
        let when = relative_time(&c.posted_at, now);
        let body = match (&c.body, &c.removed) {
            (Some(text), None) => {
                view! { <p class="story-comment-body">{text.clone()}</p> }.into_any()
            }
            _ => view! { <p class="story-comment-body removed">"Comment removed"</p> }.into_any(),
        };
        let by = c.author_name.clone();
        let controls = c.can_remove.then(|| {
            view! {
                {move || {
                    if confirming.get() == Some(id) {
                        view! {
                            <div class="confirm" role="group" aria-label="Remove this comment?">
                                <p>"Remove this comment? Everyone will see that it was removed."</p>
                                <button
                                    type="button"
                                    class="button button-danger"
                                    on:click=move |_| {
                                        error.set(None);
                                        remove.dispatch(id);
                                    }
                                >
                                    "Yes, remove it"
                                </button>
                                " "
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=move |_| confirming.set(None)
                                >
                                    "Keep it"
                                </button>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| confirming.set(Some(id))
                            >
                                "Remove"
                                <span class="visually-hidden">{format!(" the comment by {by}")}</span>
                            </button>
                        }
                            .into_any()
                    }
                }}
            }
        });
        view! {
            <li class="story-comment">
                <p class="story-comment-meta">
                    <strong>{c.author_name.clone()}</strong>
                    " · "
                    <time datetime=c.posted_at.clone()>{when}</time>
                </p>
                {body}
                {controls}
            </li>
        }
    };

    let sender: Sender = Rc::new(move |req| {
        Box::pin(async move {
            let comment = api::comment_on_story(
                story,
                &NewComment {
                    body: req.body,
                    acknowledged: req.acknowledged,
                },
            )
            .await?;
            list.update(|l| l.push(comment));
            Ok(())
        })
    });
    let sender = StoredValue::new_local(sender);
    let label = format!("Comment on {author_name}'s post");
    let composer_id = format!("story-{story}-comment");

    view! {
        <section class="story-comments" aria-labelledby=labelled_by>
            <h3 id=heading_id class="visually-hidden">
                "Comments"
            </h3>
            {move || {
                let items = list.get();
                (!items.is_empty())
                    .then(|| {
                        view! {
                            <ul class="story-comment-list" aria-label="Comments">
                                {items.into_iter().map(item).collect_view()}
                            </ul>
                        }
                    })
            }}
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
            {can_comment
                .then(|| {
                    let label = label.clone();
                    let composer_id = composer_id.clone();
                    move || {
                        if !writing.get() {
                            return view! {
                                <button type="button" class="button button-quiet" on:click=move |_| writing.set(true)>
                                    "Write a comment"
                                </button>
                            }
                                .into_any();
                        }
                        let checker = LocalResource::new(move || async move {
                            let source = pack.ok_or(AppError::BadResponse(0))?;
                            let pack = api::story_pack(source).await?;
                            Checker::new(&pack).map_err(|_| AppError::BadResponse(200))
                        });
                        let draft = RwSignal::new(String::new());
                        let label = label.clone();
                        let composer_id = composer_id.clone();
                        view! {
                            <Transition fallback=|| view! { <Loading text="Getting the comment checker ready…"/> }>
                                {
                                    let label = label.clone();
                                    move || {
                                        let label = label.clone();
                                        let composer_id = composer_id.clone();
                                        Suspend::new(async move {
                                            match checker.await {
                                                Ok(checker) => view! {
                                                    <Composer
                                                        checker=checker
                                                        role=role
                                                        context=context
                                                        draft=draft
                                                        label=label
                                                        send=sender.get_value()
                                                        id=composer_id
                                                    />
                                                }
                                                    .into_any(),
                                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                                            }
                                        })
                                    }
                                }
                            </Transition>
                        }
                            .into_any()
                    }
                })}
        </section>
    }
}
