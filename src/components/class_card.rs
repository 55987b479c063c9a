//! A class in a staff member's list, linking to its class page.

use hometime_api::ClassSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::AppRoute;

#[component]
pub fn ClassCard(class: ClassSummary) -> impl IntoView {
    let href = AppRoute::Class(class.id).path();
    let teacher = class
        .teacher_name
        .clone()
        .unwrap_or_else(|| "No class teacher yet".to_owned());
    view! {
        <li class="card class-card">
            <h3 class="card-title">
                <A href=href>{class.name.clone()}</A>
            </h3>
            <p class="card-meta">
                {format!("Year {} · {} pupils · {}", class.year_group, class.pupil_count, teacher)}
            </p>
        </li>
    }
}
