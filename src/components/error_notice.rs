//! The message shown when something went wrong as a whole (not just one field). It is announced to screen
//! readers as it appears, and never left out: an error nobody sees is a bug.

use leptos::prelude::*;

use crate::errors::{AppError, error_text, other_field_texts};
use crate::session::Session;

#[component]
pub fn ErrorNotice(
    error: AppError,
    /// Fields the surrounding form shows itself; other field problems are listed here.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let text = error_text(&error);
    let extra = other_field_texts(&error, fields);
    // The session ended while the screen was open: forgetting it sends the guard to the sign-in screen.
    let sign_in_again = error.is_unauthenticated().then(|| {
        let session = use_context::<Session>();
        view! {
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    if let Some(s) = session {
                        s.signed_out();
                    }
                }
            >
                "Sign in again"
            </button>
        }
    });
    view! {
        <div class="notice notice-error" role="alert">
            <p>{text}</p>
            {(!extra.is_empty())
                .then(|| {
                    view! {
                        <ul>
                            {extra.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {sign_in_again}
        </div>
    }
}
