//! A new parent or carer creates their account with the invite code from their letter, and lands on their
//! home screen with their child already there.

use hometime_api::JoinRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::text_field::TextField;
use crate::errors::{AppError, field_text};
use crate::forms::check_join;
use crate::routes::AppRoute;
use crate::session::use_session;

const FIELDS: &[&str] = &["invite_code", "display_name", "email", "password"];

#[component]
pub fn JoinForm() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let invite_code = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);

    let join = Action::new_local(move |req: &JoinRequest| {
        let req = req.clone();
        let navigate = navigate.clone();
        async move {
            match api::join(req).await {
                Ok(me) => {
                    let home = AppRoute::home(me.home);
                    session.signed_in(me);
                    navigate(&home.path(), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = join.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = JoinRequest {
            invite_code: invite_code.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        match check_join(
            &req.invite_code,
            &req.display_name,
            &req.email,
            &req.password,
        ) {
            Err(problem) => error.set(Some(problem)),
            Ok(()) => {
                error.set(None);
                join.dispatch(req);
            }
        }
    };
    let field = move |name: &'static str| {
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| field_text(e, name))))
    };

    view! {
        <form class="form" on:submit=on_submit novalidate>
            {move || error.get().map(|e| view! { <ErrorNotice error=e fields=FIELDS/> })}
            <TextField
                id="invite_code"
                label="Invite code"
                hint="It's on the letter from school, for example K7M2P-9QXA1."
                autocomplete="off"
                code=true
                value=invite_code
                error=field("invite_code")
            />
            <TextField
                id="display_name"
                label="Your name"
                hint="As your child's teacher will see it, for example Sam Fisher."
                autocomplete="name"
                value=display_name
                error=field("display_name")
            />
            <TextField
                id="email"
                label="E-mail address"
                kind="email"
                autocomplete="email"
                value=email
                error=field("email")
            />
            <TextField
                id="password"
                label="Choose a password"
                hint="At least 8 characters, with a letter and a number."
                kind="password"
                autocomplete="new-password"
                value=password
                error=field("password")
            />
            <button type="submit" class="button button-primary button-wide" disabled=pending>
                {move || if pending.get() { "Creating your account…" } else { "Create my account" }}
            </button>
        </form>
    }
}
