//! `/messages/:id`: one private thread between a parent and the class teacher about one pupil. Messages
//! oldest first (mine and theirs, "Seen", removal markers), updating live; the parent sees when a reply can
//! be expected (and the office's number for anything urgent); staff get quick replies; the composer sits
//! at the bottom.

use std::rc::Rc;

use hometime_api::ReplyExpectation;
use hometime_domain::Home;
use hometime_policy::{AuthorRole, Context};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::composer::{Composer, Sender, use_handoff};
use crate::components::error_notice::ErrorNotice;
use crate::components::guard::Guard;
use crate::components::loading::Loading;
use crate::components::message_item::MessageItem;
use crate::components::photo_attach::{Attachments, use_photo_handoff};
use crate::composer_logic::{Checker, expectation_text, roster_id, tel_href};
use crate::errors::AppError;
use crate::live::refetch_when;
use crate::routes::{AppRoute, seg};
use crate::session::use_session;

#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| {
            p.get(seg::CLASS_ID_PARAM)
                .and_then(|s| s.parse::<i64>().ok())
        })
    });
    view! {
        <Guard route=AppRoute::Thread(0)>
            {move || match id.get() {
                Some(id) => view! { <ThreadView id=id/> }.into_any(),
                None => view! { <p class="empty">"We couldn't find that conversation."</p> }.into_any(),
            }}
        </Guard>
    }
}

fn expectation_view(e: ReplyExpectation) -> impl IntoView {
    view! {
        <div class="notice reply-expectation" role="status">
            <p>{expectation_text(&e)}</p>
            <p>
                "Anything urgent? "
                <a href=tel_href(&e.office_phone)>{format!("Phone the office: {}", e.office_phone)}</a>
            </p>
        </div>
    }
}

#[component]
fn ThreadView(id: i64) -> impl IntoView {
    let session = use_session();
    let me = session.me();
    let is_parent = me.as_ref().is_some_and(|m| m.home == Home::Parent);
    let my_id = me.as_ref().and_then(|m| m.user_id);

    // Reading the thread marks it read, but only when something new from the other side arrived: our own
    // read causes a live "read" event, and re-marking on that would loop.
    let marked = StoredValue::new(0i64);
    let messages = LocalResource::new(move || async move {
        let t = api::thread_messages(id).await?;
        let newest = t.messages.iter().filter(|m| !m.mine).map(|m| m.id).max();
        if let Some(newest) = newest
            && newest > marked.get_value()
        {
            marked.set_value(newest);
            // A failed read mark only delays a receipt; the thread itself loaded fine.
            let _ = api::mark_thread_read(id).await;
        }
        Ok::<_, AppError>(t)
    });
    refetch_when(messages, move |live| live.touches_thread(id));
    // Loaded once: the thread's class gives the policy pack, compiled once for this page.
    let setup = LocalResource::new(move || async move {
        let thread = api::thread_messages(id).await?.thread;
        let pack = api::policy_pack(thread.class_id).await?;
        let checker = Checker::new(&pack).map_err(|_| AppError::BadResponse(200))?;
        Ok::<_, AppError>((thread, checker))
    });
    let expectation = LocalResource::new(move || async move {
        if is_parent {
            api::reply_expectation(id).await.ok()
        } else {
            None
        }
    });
    let quick = LocalResource::new(move || async move {
        if is_parent {
            Vec::new()
        } else {
            api::quick_replies().await.unwrap_or_default()
        }
    });
    let handoff = use_handoff();
    let draft = RwSignal::new(
        handoff
            .0
            .try_update(Option::take)
            .flatten()
            .unwrap_or_default(),
    );

    // Photos chosen here, or carried over from class chat ("Send it privately to the teacher").
    let attachments = Attachments::new();
    let handed = use_photo_handoff()
        .0
        .try_update(std::mem::take)
        .unwrap_or_default();
    if !handed.is_empty() {
        attachments.add(handed);
    }

    let sender: Sender = Rc::new(move |req| {
        let files = attachments.files();
        Box::pin(async move {
            let result = if files.is_empty() {
                api::send_thread_message(id, req).await
            } else {
                api::send_thread_photos(id, &req, &files).await.map(drop)
            };
            if result.is_ok() {
                messages.refetch();
            }
            result
        })
    });

    // Views may only hold `Send` values; the sender closures stay on this thread in stored values.
    let sender = StoredValue::new_local(sender);
    view! {
        <div class="page thread-page">
            <p class="back-link">
                <A href=if is_parent { AppRoute::Messages.path() } else { AppRoute::Inbox.path() }>
                    {if is_parent { "All messages" } else { "Inbox" }}
                </A>
            </p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(t) => {
                            let other = if is_parent {
                                t.thread.teacher_name.clone().unwrap_or_else(|| "the class teacher".to_owned())
                            } else {
                                t.thread.parent_name.clone()
                            };
                            let list = t.messages;
                            view! {
                                <h1>{format!("Conversation with {other}")}</h1>
                                <p class="card-meta">
                                    {format!("About {} · {}", t.thread.pupil_name, t.thread.class_name)}
                                </p>
                                {if list.is_empty() {
                                    view! { <p class="empty">"No messages yet. Write the first one below."</p> }
                                        .into_any()
                                } else {
                                    view! {
                                        <ol class="message-list" aria-label="Messages">
                                            {list
                                                .into_iter()
                                                .map(|m| view! { <MessageItem message=m/> })
                                                .collect_view()}
                                        </ol>
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { expectation.await.map(expectation_view) })}
            </Transition>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let replies = quick.await;
                    (!replies.is_empty())
                        .then(|| {
                            view! {
                                <section class="quick-replies" aria-labelledby="quick-heading">
                                    <h2 id="quick-heading">"Quick replies"</h2>
                                    <div class="quick-reply-buttons">
                                        {replies
                                            .into_iter()
                                            .map(|q| {
                                                let body = q.body.clone();
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button button-quiet"
                                                        on:click=move |_| draft.set(body.clone())
                                                    >
                                                        {q.title.clone()}
                                                    </button>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                </section>
                            }
                        })
                })}
            </Transition>
            <Transition fallback=|| view! { <Loading text="Getting the message checker ready…"/> }>
                {move || {
                    Suspend::new(async move {
                        match setup.await {
                            Ok((thread, checker)) => {
                                let role = if is_parent {
                                    AuthorRole::Parent
                                } else if thread.teacher_id.is_some() && thread.teacher_id == my_id {
                                    // As the server decides: the class (or cover) teacher writes as the
                                    // teacher, anyone else on the staff as staff.
                                    AuthorRole::Teacher
                                } else {
                                    AuthorRole::Staff
                                };
                                let other = if is_parent {
                                    thread.teacher_name.clone().unwrap_or_else(|| "the class teacher".to_owned())
                                } else {
                                    thread.parent_name.clone()
                                };
                                view! {
                                    <Composer
                                        checker=checker
                                        role=role
                                        context=Context::PrivateMessage
                                        child=roster_id(thread.pupil_id)
                                        teacher_name=thread.teacher_name.clone()
                                        draft=draft
                                        label=format!("Message to {other}")
                                        send=sender.get_value()
                                        attachments=Some(attachments)
                                    />
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </div>
    }
}
