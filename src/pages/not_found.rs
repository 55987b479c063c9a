//! The page for addresses the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::AppRoute;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="page narrow">
            <h1>"Page not found"</h1>
            <p class="lead">"We couldn't find that page. The link may be old or mistyped."</p>
            <p>
                <A href=AppRoute::Root.path()>"Go to your home screen"</A>
            </p>
        </div>
    }
}
