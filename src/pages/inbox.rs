//! `/teacher/inbox`: a teacher's (or leader's) private threads across their classes with unread counts,
//! updating live, and links to their classes' chats.

use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::guard::Guard;
use crate::components::loading::Loading;
use crate::components::message_nav::MessageNav;
use crate::components::thread_list::ThreadList;
use crate::live::refetch_when;
use crate::routes::AppRoute;

#[component]
pub fn InboxPage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::Inbox>
            <InboxView/>
        </Guard>
    }
}

#[component]
fn InboxView() -> impl IntoView {
    let threads = LocalResource::new(api::threads);
    refetch_when(threads, |live| live.latest.with(Option::is_some));
    view! {
        <div class="page">
            <h1>"Inbox"</h1>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match threads.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">"No messages from families yet."</p>
                        }
                        .into_any(),
                        Ok(list) => view! { <ThreadList threads=list staff=true/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <section aria-labelledby="chats-heading">
                <h2 id="chats-heading">"Class chats"</h2>
                <MessageNav/>
            </section>
        </div>
    }
}
