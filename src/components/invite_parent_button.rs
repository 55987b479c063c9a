//! Creates a single-use invite code for one parent or carer of a pupil, and shows it to copy onto a letter.

use hometime_api::InviteCreated;
use hometime_domain::PupilId;
use leptos::prelude::*;

use crate::api;
use crate::clock::local_day;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;

#[component]
pub fn InviteParentButton(pupil: PupilId, pupil_name: String) -> impl IntoView {
    let created = RwSignal::new(None::<InviteCreated>);
    let error = RwSignal::new(None::<AppError>);
    let invite = Action::new_local(move |_: &()| async move {
        match api::create_invite(pupil).await {
            Ok(code) => {
                error.set(None);
                created.set(Some(code));
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let pending = invite.pending();
    view! {
        <div class="invite">
            <button
                type="button"
                class="button"
                disabled=pending
                on:click=move |_| {
                    invite.dispatch(());
                }
            >
                "Invite a parent"
                <span class="visually-hidden">{format!(" for {pupil_name}")}</span>
            </button>
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
            {move || {
                created
                    .get()
                    .map(|c| {
                        let until = local_day(&c.expires_at).unwrap_or_default();
                        view! {
                            <div class="invite-result" role="status">
                                <p>
                                    "Invite code: " <strong class="invite-code">{c.code.clone()}</strong>
                                </p>
                                <p class="hint">
                                    {format!("It works once, for one adult, until {until}.")}
                                </p>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
