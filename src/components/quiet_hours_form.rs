//! A member of staff's own quiet window: the part of the school day (or evening and early morning) when
//! families are told they are away and when to expect a reply instead.

use hometime_api::{ErrorCode, MyQuietHours, QuietHours, UpdateQuietHours};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::text_field::TextField;
use crate::errors::{AppError, error_text, field_text};

#[component]
pub fn QuietHoursForm() -> impl IntoView {
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let school_hours = RwSignal::new(None::<(String, String)>);
    let has_window = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<AppError>);

    let fill = move |q: MyQuietHours| {
        has_window.set(q.quiet_hours.is_some());
        let (s, e) = q
            .quiet_hours
            .map_or_else(Default::default, |q| (q.start, q.end));
        start.set(s);
        end.set(e);
        school_hours.set(Some((q.working_start, q.working_end)));
    };
    let load = LocalResource::new(api::quiet_hours);
    Effect::new(move |_| match load.get() {
        Some(Ok(q)) => fill(q),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let save = Action::new_local(move |body: &UpdateQuietHours| {
        let body = body.clone();
        async move {
            match api::save_quiet_hours(&body).await {
                Ok(q) => {
                    error.set(None);
                    let cleared = q.quiet_hours.is_none();
                    fill(q);
                    status.set(Some(if cleared {
                        "Quiet hours cleared"
                    } else {
                        "Saved"
                    }));
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = save.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        save.dispatch(UpdateQuietHours {
            quiet_hours: Some(QuietHours {
                start: start.get_untracked(),
                end: end.get_untracked(),
            }),
        });
    };
    let on_clear = move |_| {
        status.set(None);
        save.dispatch(UpdateQuietHours { quiet_hours: None });
    };
    let problem = move |field: &'static str| {
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| field_text(e, field))))
    };
    let window_error = problem("quiet_hours");

    view! {
        <section class="panel" aria-labelledby="quiet-hours-heading">
            <h2 id="quiet-hours-heading">"My quiet hours"</h2>
            <p class="hint">
                {move || {
                    school_hours
                        .get()
                        .map(|(s, e)| {
                            format!(
                                "The school's working day is {s} to {e}. Inside your quiet hours, families are told you're away and when to expect a reply. A window may run overnight, for example 15:30 to 08:30."
                            )
                        })
                }}
            </p>
            {move || {
                error
                    .get()
                    .map(|e| {
                        if e.code() == Some(ErrorCode::Validation) {
                            view! {
                                <div class="notice notice-error" role="alert">
                                    <p>{error_text(&e)}</p>
                                </div>
                            }
                                .into_any()
                        } else {
                            view! { <ErrorNotice error=e/> }.into_any()
                        }
                    })
            }}
            <form class="form" on:submit=on_submit novalidate>
                {move || window_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                <div class="settings-pair">
                    <TextField id="quiet_hours.start" label="Quiet from" kind="time"
                        value=start error=problem("quiet_hours.start")/>
                    <TextField id="quiet_hours.end" label="Quiet until" kind="time"
                        value=end error=problem("quiet_hours.end")/>
                </div>
                <div class="settings-actions">
                    <button type="submit" class="button button-primary" disabled=move || pending.get()>
                        "Save quiet hours"
                    </button>
                    <Show when=move || has_window.get()>
                        <button type="button" class="button" on:click=on_clear disabled=move || pending.get()>
                            "Clear quiet hours"
                        </button>
                    </Show>
                    <p role="status" class="settings-status">{move || status.get()}</p>
                </div>
            </form>
        </section>
    }
}
