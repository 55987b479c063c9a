//! The teacher's control for pupil sign-in: open a class code for some minutes, show it big enough to read
//! from the back of the classroom, and close it again.

use hometime_api::ClassCodeOpened;
use hometime_domain::ClassId;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::clock::{local_clock, time_left};
use crate::components::error_notice::ErrorNotice;
use crate::components::text_field::TextField;
use crate::errors::{AppError, field_text};
use crate::format::code_for_reading;
use crate::forms::parse_minutes;

#[component]
pub fn ClassCodePanel(class_id: ClassId, initial: Option<ClassCodeOpened>) -> impl IntoView {
    let open = RwSignal::new(initial);
    let minutes = RwSignal::new("10".to_owned());
    let error = RwSignal::new(None::<AppError>);

    let open_code = Action::new_local(move |m: &u32| {
        let m = *m;
        async move {
            match api::open_class_code(class_id, m).await {
                Ok(code) => open.set(Some(code)),
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let close_code = Action::new_local(move |_: &()| async move {
        match api::close_class_code(class_id).await {
            Ok(()) => open.set(None),
            Err(e) => error.set(Some(e)),
        }
    });
    let pending = Signal::derive(move || open_code.pending().get() || close_code.pending().get());

    let on_open = move |ev: SubmitEvent| {
        ev.prevent_default();
        match parse_minutes(&minutes.get_untracked()) {
            Err(problem) => error.set(Some(problem)),
            Ok(m) => {
                error.set(None);
                open_code.dispatch(m);
            }
        }
    };
    let minutes_error =
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| field_text(e, "minutes"))));

    view! {
        <section class="panel" aria-labelledby="pupil-code-heading">
            <h2 id="pupil-code-heading">"Pupil sign-in code"</h2>
            {move || error.get().map(|e| view! { <ErrorNotice error=e fields=&["minutes"]/> })}
            {move || match open.get() {
                Some(code) => {
                    let until = local_clock(&code.expires_at).unwrap_or_default();
                    let left = time_left(&code.expires_at);
                    let spelt = code_for_reading(&code.code);
                    view! {
                        <div class="code-open">
                            <p class="big-code">
                                <span aria-hidden="true">{code.code.clone()}</span>
                                <span class="visually-hidden">{format!("Code: {spelt}")}</span>
                            </p>
                            <p class="code-expiry">
                                {match left {
                                    Some(left) => {
                                        format!("Open until {until} ({left} left). Pupils type it on the pupil sign-in screen.")
                                    }
                                    None => format!("This code closed at {until}."),
                                }}
                            </p>
                            <button
                                type="button"
                                class="button"
                                disabled=pending
                                on:click=move |_| {
                                    close_code.dispatch(());
                                }
                            >
                                "Close code"
                            </button>
                        </div>
                    }
                    .into_any()
                }
                None => {
                    view! {
                        <form class="form form-inline" on:submit=on_open novalidate>
                            <TextField
                                id="minutes"
                                label="Minutes to keep it open"
                                kind="number"
                                value=minutes
                                error=minutes_error
                            />
                            <button type="submit" class="button button-primary" disabled=pending>
                                "Open pupil sign-in code"
                            </button>
                        </form>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
