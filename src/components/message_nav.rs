//! The messaging links on the adults' home screens, with unread counts from `GET /unread` that update as
//! live events arrive: "Messages" (parents) or "Inbox" (staff), and each class chat the person belongs to;
//! and "Stories" (the School Story and Class Stories).

use hometime_api::UnreadCounts;
use hometime_domain::{ClassId, Home};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::live::use_live;
use crate::routes::AppRoute;
use crate::session::use_session;

/// An unread count as a badge, read out as "3 unread"; nothing when there is nothing new.
pub fn badge(n: u32) -> Option<impl IntoView> {
    (n > 0).then(|| {
        view! {
            <span class="badge">
                {n.to_string()} <span class="visually-hidden">" unread"</span>
            </span>
        }
    })
}

fn chat_unread(counts: &UnreadCounts, class: ClassId) -> u32 {
    counts
        .class_chats
        .iter()
        .find(|c| c.class_id == class)
        .map_or(0, |c| c.unread)
}

#[component]
pub fn MessageNav() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    let unread = LocalResource::new(api::unread);
    Effect::new(move |first: Option<()>| {
        live.latest.track();
        live.connected.track();
        if first.is_some() {
            unread.refetch();
        }
    });
    let counts = move || unread.get().and_then(Result::ok).unwrap_or_default();
    let me = move || session.me();
    view! {
        <nav class="message-nav" aria-label="Messages">
            <ul class="message-nav-list">
                {move || {
                    let Some(me) = me() else {
                        return Vec::new();
                    };
                    let c = counts();
                    let mut items = Vec::new();
                    let (inbox, label) = if me.home == Home::Parent {
                        (AppRoute::Messages, "Messages")
                    } else {
                        (AppRoute::Inbox, "Inbox")
                    };
                    items.push(
                        view! {
                            <li>
                                <A href=inbox.path() attr:class="nav-link">
                                    {label}
                                    {badge(c.threads)}
                                </A>
                            </li>
                        }
                            .into_any(),
                    );
                    items.push(
                        view! {
                            <li>
                                <A href=AppRoute::Stories.path() attr:class="nav-link">"Stories"</A>
                            </li>
                        }
                            .into_any(),
                    );
                    let mut classes: Vec<(ClassId, String)> = if me.home == Home::Parent {
                        me.children.iter().map(|ch| (ch.class_id, ch.class_name.clone())).collect()
                    } else {
                        me.classes.iter().map(|cl| (cl.id, cl.name.clone())).collect()
                    };
                    classes.sort();
                    classes.dedup();
                    for (id, name) in classes {
                        let n = chat_unread(&c, id);
                        items.push(
                            view! {
                                <li>
                                    <A href=AppRoute::ClassChat(id).path() attr:class="nav-link">
                                        {format!("{name} class chat")}
                                        {badge(n)}
                                    </A>
                                </li>
                            }
                                .into_any(),
                        );
                    }
                    items
                }}
            </ul>
        </nav>
    }
}
