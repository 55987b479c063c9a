//! "Message Mr Daly" on a child's card: opens (creating if needed) the private thread between this parent
//! and the child's class teacher.

use hometime_api::ChildSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;
use crate::routes::AppRoute;

#[component]
pub fn MessageStartButton(child: ChildSummary) -> impl IntoView {
    let navigate = use_navigate();
    let error = RwSignal::new(None::<AppError>);
    let pupil = child.id;
    let start = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            match api::start_thread(pupil, None).await {
                Ok(thread) => navigate(&AppRoute::Thread(thread.id).path(), Default::default()),
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let teacher = child
        .teacher_name
        .clone()
        .unwrap_or_else(|| "the class teacher".to_owned());
    view! {
        <div class="message-start">
            <button
                type="button"
                class="button"
                disabled=start.pending()
                on:click=move |_| {
                    start.dispatch(());
                }
            >
                {format!("Message {teacher}")}
                <span class="visually-hidden">{format!(" about {}", child.name)}</span>
            </button>
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
        </div>
    }
}
