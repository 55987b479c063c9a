//! Tells people, and their screen readers, that the screen changed: the browser tab's title follows the
//! screen, and after an in-app navigation focus moves to the main content, as it would on a new page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::routes::AppRoute;

#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let title = AppRoute::parse(&path).map_or("Page not found – Hometime", AppRoute::title);
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(doc) = &document {
            doc.set_title(title);
        }
        // Not on the first load: the browser already starts at the top of a fresh page.
        if previous.is_some_and(|p| p != path) {
            let main = document
                .and_then(|d| d.get_element_by_id("main"))
                .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(main) = main {
                let _ = main.focus();
            }
        }
        path
    });
}
