//! "Message Sam Fisher" beside a pupil on the class page: opens (creating if needed) the private thread
//! between the class teacher and that parent about that pupil.

use hometime_api::ParentBrief;
use hometime_domain::PupilId;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;
use crate::routes::AppRoute;

#[component]
pub fn MessageParentButton(
    pupil: PupilId,
    /// The pupil's preferred name, for the button's accessible name.
    pupil_name: String,
    parent: ParentBrief,
) -> impl IntoView {
    let navigate = use_navigate();
    let error = RwSignal::new(None::<AppError>);
    let parent_id = parent.id;
    let start = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            match api::start_thread(pupil, Some(parent_id)).await {
                Ok(thread) => navigate(&AppRoute::Thread(thread.id).path(), Default::default()),
                Err(e) => error.set(Some(e)),
            }
        }
    });
    view! {
        <div class="message-start">
            <button
                type="button"
                class="button button-quiet"
                disabled=start.pending()
                on:click=move |_| {
                    start.dispatch(());
                }
            >
                {format!("Message {}", parent.name)}
                <span class="visually-hidden">{format!(" about {pupil_name}")}</span>
            </button>
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
        </div>
    }
}
