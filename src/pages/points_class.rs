//! `/teacher/classes/:id/points`: the teacher's points grid for one class.

use hometime_domain::ClassId;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::guard::Guard;
use crate::components::points_grid::PointsGrid;
use crate::pages::not_found::NotFoundPage;
use crate::routes::{AppRoute, seg};

/// The class id in the current path, if it is a number.
pub fn class_param() -> Memo<Option<ClassId>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| {
            p.get(seg::CLASS_ID_PARAM)
                .and_then(|s| s.parse().ok())
                .map(ClassId)
        })
    })
}

#[component]
pub fn PointsClassPage() -> impl IntoView {
    let id = class_param();
    move || match id.get() {
        Some(id) => view! {
            <Guard route=AppRoute::Points(id)>
                <div class="page page-wide">
                    <p class="back">
                        <A href=AppRoute::Class(id).path()>"Back to the class"</A>
                    </p>
                    <PointsGrid id=id/>
                </div>
            </Guard>
        }
        .into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}
