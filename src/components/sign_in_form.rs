//! The e-mail and password form for staff and parents. What was typed stays put when sign-in fails.

use hometime_api::LoginRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::text_field::TextField;
use crate::errors::{AppError, field_text};
use crate::forms::check_sign_in;
use crate::routes::AppRoute;
use crate::session::use_session;

const FIELDS: &[&str] = &["email", "password"];

#[component]
pub fn SignInForm() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);

    let sign_in = Action::new_local(move |req: &LoginRequest| {
        let req = req.clone();
        let navigate = navigate.clone();
        async move {
            match api::login(req).await {
                Ok(me) => {
                    let home = AppRoute::home(me.home);
                    session.signed_in(me);
                    navigate(&home.path(), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = sign_in.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        match check_sign_in(&e, &p) {
            Err(problem) => error.set(Some(problem)),
            Ok(()) => {
                error.set(None);
                sign_in.dispatch(LoginRequest {
                    email: e.trim().to_owned(),
                    password: p,
                });
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
                id="email"
                label="E-mail address"
                kind="email"
                autocomplete="username"
                value=email
                error=field("email")
            />
            <TextField
                id="password"
                label="Password"
                kind="password"
                autocomplete="current-password"
                value=password
                error=field("password")
            />
            <button type="submit" class="button button-primary button-wide" disabled=pending>
                {move || if pending.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
