//! A calm "loading" line shown while the server answers, announced politely to screen readers.

use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(default = "Loading…")] text: &'static str) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </p>
    }
}
