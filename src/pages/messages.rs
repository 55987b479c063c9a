//! `/messages`: a parent's private threads with their children's class teachers, newest activity first
//! with unread badges, a "Message Mr Daly" button per child to start one, links to class chats, and the
//! subject-access download of the parent's own messages.

use hometime_api::API_PREFIX;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::guard::Guard;
use crate::components::loading::Loading;
use crate::components::message_nav::MessageNav;
use crate::components::message_start_button::MessageStartButton;
use crate::components::thread_list::ThreadList;
use crate::live::refetch_when;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn MessagesPage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::Messages>
            <MessagesView/>
        </Guard>
    }
}

#[component]
fn MessagesView() -> impl IntoView {
    let session = use_session();
    let threads = LocalResource::new(api::threads);
    refetch_when(threads, |live| live.latest.with(Option::is_some));
    let children = Memo::new(move |_| session.me().map(|me| me.children).unwrap_or_default());
    view! {
        <div class="page">
            <h1>"Messages"</h1>
            <section aria-labelledby="threads-heading">
                <h2 id="threads-heading">"Conversations with teachers"</h2>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match threads.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="empty">"No conversations yet. Start one below."</p>
                            }
                            .into_any(),
                            Ok(list) => view! { <ThreadList threads=list staff=false/> }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section class="panel" aria-labelledby="start-heading">
                <h2 id="start-heading">"Message a class teacher"</h2>
                <ul class="start-list">
                    {move || {
                        children
                            .get()
                            .into_iter()
                            .map(|child| {
                                view! {
                                    <li class="start-item">
                                        <span>{format!("{} ({})", child.name, child.class_name)}</span>
                                        <MessageStartButton child=child/>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
            <section aria-labelledby="chats-heading">
                <h2 id="chats-heading">"Class chats"</h2>
                <MessageNav/>
            </section>
            <section class="panel" aria-labelledby="export-heading">
                <h2 id="export-heading">"Your messages to keep"</h2>
                <p class="hint">"A copy of every message you have sent and received, to keep or print."</p>
                <p class="export-links">
                    <a class="button" href=format!("{API_PREFIX}/me/export.html") download="hometime-messages.html">
                        "Download as a web page"
                    </a>
                    " "
                    <a class="button button-quiet" href=format!("{API_PREFIX}/me/export.json") download="hometime-messages.json">
                        "Download as data (JSON)"
                    </a>
                </p>
            </section>
        </div>
    }
}
