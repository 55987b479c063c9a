//! Keeps the browser tab's title in step with the screen shown, so each screen is named in history and by
//! screen readers.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::routes::AppRoute;

/// Keeps `document.title` in step with the screen shown.
#[component]
pub fn PageTitle() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| {
        let title = location
            .pathname
            .with(|p| AppRoute::parse(p).map_or("Page not found – Hometime", AppRoute::title));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(title);
        }
    });
}
