//! `/chat/:id`: a class's chat for its parents, its teacher and leaders. Messages oldest first, updating
//! live; the teacher or a leader can remove a message with a reason (everyone then sees "Removed by the
//! teacher"); anyone can report one. The composer checks each keystroke against the class's pack, and a
//! parent whose draft names a child can take it to a private message to the teacher instead.

use std::rc::Rc;

use hometime_domain::{ClassId, Home, StaffRole};
use hometime_policy::{AuthorRole, Context};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::composer::{Composer, SendPrivately, Sender, use_handoff};
use crate::components::error_notice::ErrorNotice;
use crate::components::guard::Guard;
use crate::components::loading::Loading;
use crate::components::message_item::MessageItem;
use crate::components::photo_attach::{Attachments, use_photo_handoff};
use crate::composer_logic::Checker;
use crate::errors::AppError;
use crate::live::refetch_when;
use crate::routes::{AppRoute, seg};
use crate::session::use_session;

#[component]
pub fn ClassChatPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| {
            p.get(seg::CLASS_ID_PARAM)
                .and_then(|s| s.parse::<i64>().ok())
        })
    });
    view! {
        <Guard route=AppRoute::ClassChat(ClassId(0))>
            {move || match id.get() {
                Some(id) => view! { <ClassChatView id=ClassId(id)/> }.into_any(),
                None => view! { <p class="empty">"We couldn't find that class chat."</p> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
fn ClassChatView(id: ClassId) -> impl IntoView {
    let session = use_session();
    let me = session.me();
    let home = me.as_ref().map(|m| m.home);
    let role = match (home, me.as_ref().and_then(|m| m.staff_role)) {
        (Some(Home::Parent), _) => AuthorRole::Parent,
        // The class's own teacher writes as the teacher; leaders and other staff as staff.
        (_, Some(StaffRole::Teacher))
            if me
                .as_ref()
                .is_some_and(|m| m.classes.iter().any(|c| c.id == id)) =>
        {
            AuthorRole::Teacher
        }
        _ => AuthorRole::Staff,
    };
    // The parent's child in this class: "Send privately" opens the thread about them.
    let child_here = me
        .as_ref()
        .and_then(|m| m.children.iter().find(|c| c.class_id == id).map(|c| c.id));

    let chat = LocalResource::new(move || api::class_chat(id));
    refetch_when(chat, move |live| live.touches_chat(id));
    let checker = LocalResource::new(move || async move {
        let pack = api::policy_pack(id).await?;
        Checker::new(&pack).map_err(|_| AppError::BadResponse(200))
    });
    let draft = RwSignal::new(String::new());
    let sender: Sender = Rc::new(move |req| {
        Box::pin(async move {
            let result = api::send_chat_message(id, req).await;
            if result.is_ok() {
                chat.refetch();
            }
            result
        })
    });
    let handoff = use_handoff();
    // Parents may pick photos here only to be told, before anything is uploaded, that they go privately
    // to the teacher: the chat never carries photos.
    let attachments = (role == AuthorRole::Parent).then(Attachments::new);
    let photo_handoff = use_photo_handoff();
    let navigate = use_navigate();
    let privately: Option<SendPrivately> = child_here.map(|pupil| {
        let go: SendPrivately = Rc::new(move |text: String| {
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                // The draft stays on the device: it is only handed to the private composer.
                if let Ok(thread) = api::start_thread(pupil, None).await {
                    handoff.0.set(Some(text));
                    if let Some(a) = attachments {
                        photo_handoff.0.set(a.files());
                        a.clear();
                    }
                    navigate(&AppRoute::Thread(thread.id).path(), Default::default());
                }
            });
        });
        go
    });
    let on_changed = Callback::new(move |()| chat.refetch());

    // Views may only hold `Send` values; the sender closures stay on this thread in stored values.
    let sender = StoredValue::new_local(sender);
    let privately = StoredValue::new_local(privately);
    view! {
        <div class="page chat-page">
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match chat.await {
                        Ok(c) => {
                            let can_moderate = c.can_moderate;
                            view! {
                                <h1>{format!("{} class chat", c.class_name)}</h1>
                                <p class="hint">
                                    "Every family in the class and the teacher can see this chat. Please keep children's names and personal matters out of it."
                                </p>
                                {if c.messages.is_empty() {
                                    view! { <p class="empty">"No messages yet."</p> }.into_any()
                                } else {
                                    view! {
                                        <ol class="message-list" aria-label="Messages">
                                            {c
                                                .messages
                                                .into_iter()
                                                .map(|m| {
                                                    view! {
                                                        <MessageItem
                                                            message=m
                                                            chat_moderation=can_moderate
                                                            on_changed=on_changed
                                                        />
                                                    }
                                                })
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
            <Transition fallback=|| view! { <Loading text="Getting the message checker ready…"/> }>
                {move || {
                    Suspend::new(async move {
                        match checker.await {
                            Ok(checker) => view! {
                                <Composer
                                    checker=checker
                                    role=role
                                    context=Context::ClassChat
                                    draft=draft
                                    label="Message to the class".to_owned()
                                    send=sender.get_value()
                                    send_privately=privately.get_value()
                                    attachments=attachments
                                    id="chat-composer"
                                />
                            }
                                .into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </div>
    }
}
