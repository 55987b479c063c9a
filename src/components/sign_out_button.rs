//! Signs out: ends the session on the server, forgets it here, and goes back to the right sign-in screen
//! (the class-code screen for pupils, so the next child on a shared tablet can sign in).

use hometime_domain::Home;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        let was_pupil = session.me().is_some_and(|me| me.home == Home::Pupil);
        async move {
            match api::logout().await {
                // An expired session is as good as signed out.
                Err(e) if !e.is_unauthenticated() => return Err(e),
                _ => {}
            }
            session.signed_out();
            let to = if was_pupil {
                AppRoute::PupilSignIn
            } else {
                AppRoute::SignIn
            };
            navigate(&to.path(), Default::default());
            Ok(())
        }
    });
    let pending = sign_out.pending();
    view! {
        <button
            type="button"
            class="button button-quiet"
            disabled=pending
            on:click=move |_| {
                sign_out.dispatch(());
            }
        >
            "Sign out"
        </button>
        {move || {
            sign_out
                .value()
                .get()
                .and_then(Result::err)
                .map(|error| view! { <ErrorNotice error=error/> })
        }}
    }
}
