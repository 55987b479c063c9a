//! `/teacher/classes/:id`: a class list with each pupil's linked adults and invite buttons, and the pupil
//! sign-in code. For the class's teacher, the office and leaders.

use hometime_domain::ClassId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::class_view::ClassView;
use crate::components::guard::Guard;
use crate::pages::not_found::NotFoundPage;
use crate::routes::{AppRoute, seg};

#[component]
pub fn ClassPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| {
            p.get(seg::CLASS_ID_PARAM)
                .and_then(|s| s.parse().ok())
                .map(ClassId)
        })
    });
    move || match id.get() {
        Some(id) => view! {
            <Guard route=AppRoute::Class(id)>
                <ClassView id=id/>
            </Guard>
        }
        .into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}
