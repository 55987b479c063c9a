//! The class-chat controls under a message: the teacher or a leader can remove it with a reason (everyone
//! then sees "Removed by the teacher"; the reason is kept in the audit log), and any member can report it
//! to the school with a reason.

use hometime_api::MessageId;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    Remove,
    Report,
}

#[component]
pub fn MessageModeration(
    id: MessageId,
    can_remove: bool,
    can_report: bool,
    on_changed: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(Open::None);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let reported = RwSignal::new(false);
    let submit = Action::new_local(move |(kind, why): &(Open, String)| {
        let (kind, why) = (*kind, why.clone());
        async move {
            let result = if kind == Open::Remove {
                api::remove_chat_message(id, why).await
            } else {
                api::report_chat_message(id, why).await
            };
            match result {
                Ok(()) => {
                    error.set(None);
                    reason.set(String::new());
                    open.set(Open::None);
                    // A report changes nothing in the chat itself, and refetching would rebuild this
                    // component and lose the "the school has been told" confirmation.
                    if kind == Open::Report {
                        reported.set(true);
                    } else {
                        on_changed.run(());
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = submit.pending();
    let field_id = format!("moderation-reason-{id}");
    let toggle = move |which: Open| {
        move |_| {
            error.set(None);
            open.update(|o| *o = if *o == which { Open::None } else { which });
        }
    };
    view! {
        <div class="message-moderation">
            <div class="message-moderation-buttons">
                {can_remove
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-expanded=move || (open.get() == Open::Remove).to_string()
                                on:click=toggle(Open::Remove)
                            >
                                "Remove"
                            </button>
                        }
                    })}
                {can_report
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-expanded=move || (open.get() == Open::Report).to_string()
                                on:click=toggle(Open::Report)
                            >
                                "Report"
                            </button>
                        }
                    })}
            </div>
            {move || {
                reported
                    .get()
                    .then(|| {
                        view! {
                            <p class="hint" role="status">
                                "Thank you. The school has been told about this message."
                            </p>
                        }
                    })
            }}
            {move || {
                let which = open.get();
                (which != Open::None)
                    .then(|| {
                        let (label, button) = if which == Open::Remove {
                            ("Reason for removing", "Remove message")
                        } else {
                            ("Why are you reporting this message?", "Send report")
                        };
                        let field_id = field_id.clone();
                        view! {
                            <form
                                class="form moderation-form"
                                on:submit=move |ev| {
                                    ev.prevent_default();
                                    let why = reason.get_untracked();
                                    if !why.trim().is_empty() {
                                        submit.dispatch((which, why.trim().to_owned()));
                                    }
                                }
                            >
                                <div class="field">
                                    <label for=field_id.clone()>{label}</label>
                                    <input
                                        id=field_id
                                        type="text"
                                        required
                                        maxlength=hometime_api::MAX_REASON_CHARS.to_string()
                                        prop:value=move || reason.get()
                                        on:input=move |ev| reason.set(event_target_value(&ev))
                                    />
                                </div>
                                <button type="submit" class="button" disabled=pending>
                                    {button}
                                </button>
                            </form>
                        }
                    })
            }}
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
        </div>
    }
}
