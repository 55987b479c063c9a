//! The full-screen class display for the classroom board: faces, first names and positive totals only
//! (never needs-work points or notes), refreshed every few seconds.

use std::time::Duration;

use hometime_domain::ClassId;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::components::pupil_face::PupilFace;
use crate::routes::AppRoute;

const REFRESH: Duration = Duration::from_secs(15);

#[component]
pub fn ClassDisplay(id: ClassId) -> impl IntoView {
    let board = LocalResource::new(move || api::class_display(id));
    if let Ok(handle) = set_interval_with_handle(move || board.refetch(), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <div class="class-display">
            <p class="class-display-close">
                <A href=AppRoute::Points(id).path() attr:class="button">"Close display"</A>
            </p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(b) => {
                            let initials_only = b.show_initials;
                            view! {
                                <h1>{format!("{} · {} points", b.class_name, b.class_total)}</h1>
                                <ul class="display-grid" aria-label="Pupils' points">
                                    {b.pupils
                                        .into_iter()
                                        .map(|p| view! {
                                            <li class="display-pupil">
                                                <PupilFace avatar=p.avatar name=p.name.clone() initials_only=initials_only class="avatar-medium"/>
                                                <span class="display-name">{p.name}</span>
                                                <span class="display-total">{p.positive}</span>
                                            </li>
                                        })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
