//! Creates a single-use invite code for one parent or carer of a pupil, and shows it to copy onto a letter.

use hometime_api::{ErrorCode, InviteCreated};
use hometime_domain::PupilId;
use leptos::prelude::*;

use crate::api;
use crate::clock::local_day;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;

/// Staff hear the rule and who can change it, rather than the words meant for parents.
pub fn guardian_limit_for_staff(pupil_name: &str) -> String {
    format!(
        "{pupil_name} already has as many linked adults as allowed. A school leader can approve one \
         more from their school overview."
    )
}

#[component]
pub fn InviteParentButton(pupil: PupilId, pupil_name: String) -> impl IntoView {
    let name_for_limit = pupil_name.clone();
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
            {move || {
                error
                    .get()
                    .map(|e| {
                        if e.code() == Some(ErrorCode::GuardianLimit) {
                            view! {
                                <div class="notice notice-error" role="alert">
                                    <p>{guardian_limit_for_staff(&name_for_limit)}</p>
                                </div>
                            }
                                .into_any()
                        } else {
                            view! { <ErrorNotice error=e/> }.into_any()
                        }
                    })
            }}
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
