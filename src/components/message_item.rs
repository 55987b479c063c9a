//! One message in a thread or class chat: who wrote it and when, the text (or the "Removed by the
//! teacher" marker that replaces it), "Seen" on the writer's own messages when the reader may know, and in
//! class chat the remove and report controls.

use hometime_api::MessageView;
use leptos::prelude::*;

use crate::clock::{local_clock, local_day};
use crate::components::message_moderation::MessageModeration;
use crate::components::photo_attach_thumbs::PhotoAttachThumbs;

fn when(rfc3339: &str) -> String {
    match (local_day(rfc3339), local_clock(rfc3339)) {
        (Some(d), Some(c)) => format!("{d}, {c}"),
        _ => String::new(),
    }
}

#[component]
pub fn MessageItem(
    message: MessageView,
    /// Class chat: whether the reader may remove messages; `None` in private threads.
    #[prop(optional)]
    chat_moderation: Option<bool>,
    /// Called after a removal or report, so the list refetches.
    #[prop(optional)]
    on_changed: Option<Callback<()>>,
) -> impl IntoView {
    let class = if message.mine {
        "message message-mine"
    } else {
        "message message-theirs"
    };
    let author = if message.mine {
        "You".to_owned()
    } else {
        message.author_name.clone()
    };
    let scheduled = (message.mine && message.deliver_at > message.sent_at).then(|| {
        view! { <p class="message-note">{format!("Delivered {}", when(&message.deliver_at))}</p> }
    });
    let content = match (&message.body, &message.removed) {
        (_, Some(_)) | (None, _) => view! {
            <p class="message-removed">"Removed by the teacher"</p>
        }
        .into_any(),
        // A message of photos alone has no text to show.
        (Some(body), None) if body.is_empty() => ().into_any(),
        (Some(body), None) => view! { <p class="message-body">{body.clone()}</p> }.into_any(),
    };
    // Photos go only with private messages; a removed message shows none.
    let photos = (message.removed.is_none() && !message.photos.is_empty()).then(|| {
        let from = if message.mine {
            "you".to_owned()
        } else {
            message.author_name.clone()
        };
        view! { <PhotoAttachThumbs photos=message.photos.clone() from=from/> }
    });
    let seen = (message.mine && message.seen_at.is_some())
        .then(|| view! { <p class="message-note message-seen">"Seen"</p> });
    let moderation = chat_moderation
        .filter(|_| message.removed.is_none())
        .map(|can_remove| {
            view! {
                <MessageModeration
                    id=message.id
                    can_remove=can_remove
                    can_report=!message.mine
                    on_changed=on_changed.unwrap_or_else(|| Callback::new(|_| ()))
                />
            }
        });
    view! {
        <li class=class>
            <p class="message-meta">
                <span class="message-author">{author}</span>
                " "
                <time datetime=message.sent_at.clone()>{when(&message.sent_at)}</time>
            </p>
            {content}
            {photos}
            {scheduled}
            {seen}
            {moderation}
        </li>
    }
}
