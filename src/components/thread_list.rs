//! A list of private threads with unread badges: parents see each child and their teacher, staff see each
//! parent and the pupil the thread is about.

use hometime_api::ThreadSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::clock::local_day;
use crate::components::message_nav::badge;
use crate::routes::AppRoute;

#[component]
pub fn ThreadList(threads: Vec<ThreadSummary>, staff: bool) -> impl IntoView {
    view! {
        <ul class="thread-list" aria-label="Conversations">
            {threads
                .into_iter()
                .map(|t| {
                    let title = if staff {
                        format!("{} about {} ({})", t.parent_name, t.pupil_name, t.class_name)
                    } else {
                        format!(
                            "{} about {}",
                            t.teacher_name.clone().unwrap_or_else(|| "Class teacher".to_owned()),
                            t.pupil_name,
                        )
                    };
                    let last = t
                        .last_message_at
                        .as_deref()
                        .and_then(local_day)
                        .map_or_else(|| "No messages yet".to_owned(), |d| format!("Last message {d}"));
                    view! {
                        <li class="card thread-card">
                            <A href=AppRoute::Thread(t.id).path() attr:class="thread-link">
                                <span class="thread-title">{title}</span>
                                {badge(t.unread)}
                            </A>
                            <p class="card-meta">{last}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
