//! `/`: sends a signed-in person to their home screen and everyone else to sign in.

use leptos::prelude::*;

use crate::components::guard::Guard;
use crate::routes::AppRoute;

#[component]
pub fn RootPage() -> impl IntoView {
    // The guard always redirects from here; there is nothing of its own to show.
    view! { <Guard route=AppRoute::Root/> }
}
