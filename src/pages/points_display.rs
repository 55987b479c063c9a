//! `/teacher/classes/:id/display`: the full-screen class display for the classroom board.

use leptos::prelude::*;

use crate::components::class_display::ClassDisplay;
use crate::components::guard::Guard;
use crate::pages::not_found::NotFoundPage;
use crate::pages::points_class::class_param;
use crate::routes::AppRoute;

#[component]
pub fn PointsDisplayPage() -> impl IntoView {
    let id = class_param();
    move || match id.get() {
        Some(id) => view! {
            <Guard route=AppRoute::Display(id)>
                <ClassDisplay id=id/>
            </Guard>
        }
        .into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}
