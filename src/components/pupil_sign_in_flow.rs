//! The two steps of pupil sign-in: the class code, then tapping your own monster.

use hometime_api::{ClassCodeRequest, ErrorCode, PupilChoices, PupilPickRequest};
use hometime_domain::PupilId;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::pupil_picker::PupilPicker;
use crate::components::text_field::TextField;
use crate::errors::{AppError, field_text};
use crate::forms::check_class_code;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn PupilSignInFlow() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    // The accepted code (sent again with the pick) and the class's pupils.
    let choices = RwSignal::new(None::<(String, PupilChoices)>);

    let check_code = Action::new_local(move |typed: &String| {
        let typed = typed.clone();
        async move {
            match api::class_code(ClassCodeRequest {
                code: typed.clone(),
            })
            .await
            {
                Ok(found) => choices.set(Some((typed, found))),
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pick = Action::new_local(move |req: &PupilPickRequest| {
        let req = req.clone();
        let navigate = navigate.clone();
        async move {
            match api::pick_pupil(req).await {
                Ok(me) => {
                    session.signed_in(me);
                    navigate(&AppRoute::PupilHome.path(), Default::default());
                }
                Err(e) => {
                    // The code closed while they were choosing: start again from the code.
                    if e.code() == Some(ErrorCode::ClassCodeInvalid) {
                        choices.set(None);
                    }
                    error.set(Some(e));
                }
            }
        }
    });
    let busy = Signal::derive(move || check_code.pending().get() || pick.pending().get());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_owned();
        match check_class_code(&typed) {
            Err(problem) => error.set(Some(problem)),
            Ok(()) => {
                error.set(None);
                check_code.dispatch(typed);
            }
        }
    };
    let on_pick = Callback::new(move |pupil_id: PupilId| {
        if let Some((code, _)) = choices.get_untracked() {
            error.set(None);
            pick.dispatch(PupilPickRequest { code, pupil_id });
        }
    });
    let code_error =
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| field_text(e, "code"))));

    view! {
        <div class="page pupil-page">
            {move || match choices.get() {
                None => {
                    view! {
                        <div class="narrow">
                            <h1>"Hello! Type your class code"</h1>
                            <p class="lead">"Your teacher will show it on the board."</p>
                            {move || error.get().map(|e| view! { <ErrorNotice error=e fields=&["code"]/> })}
                            <form class="form" on:submit=on_submit novalidate>
                                <TextField
                                    id="code"
                                    label="Class code"
                                    autocomplete="off"
                                    code=true
                                    value=code
                                    error=code_error
                                />
                                <button type="submit" class="button button-primary button-wide" disabled=busy>
                                    "Next"
                                </button>
                            </form>
                        </div>
                    }
                    .into_any()
                }
                Some((_, found)) => {
                    view! {
                        <h1>"Which one is you?"</h1>
                        <p class="lead">{format!("{}: tap your monster.", found.class_name)}</p>
                        {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
                        <PupilPicker choices=found on_pick=on_pick disabled=busy/>
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| {
                                error.set(None);
                                choices.set(None);
                            }
                        >
                            "That's not my class"
                        </button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
