//! One class as staff see it: the pupil sign-in code and the pupils with their linked adults.

use hometime_domain::{ClassId, Home};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::class_code_panel::ClassCodePanel;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::components::pupil_list_item::PupilListItem;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn ClassView(id: ClassId) -> impl IntoView {
    let session = use_session();
    let back = match session.me().map(|me| me.home) {
        Some(Home::Leader) => AppRoute::LeaderHome,
        _ => AppRoute::TeacherHome,
    };
    // Class teachers (and support staff, where the school allows) write to parents; leaders and the office
    // are not part of private threads, so they get no "Message" buttons.
    let can_message = session.me().is_some_and(|me| {
        matches!(
            me.staff_role,
            Some(hometime_domain::StaffRole::Teacher | hometime_domain::StaffRole::Support)
        )
    });
    let detail = LocalResource::new(move || api::class_detail(id));
    view! {
        <div class="page">
            <p class="back">
                <A href=back.path()>"Back to all classes"</A>
            </p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(d) => {
                            let teacher = d.class.teacher_name.clone().unwrap_or_else(|| "No class teacher yet".to_owned());
                            view! {
                                <h1>{d.class.name.clone()}</h1>
                                <p class="lead">
                                    {format!("Year {} · {} · {} pupils", d.class.year_group, teacher, d.class.pupil_count)}
                                </p>
                                <p class="actions">
                                    <A href=AppRoute::Points(id).path() attr:class="button button-primary">"Give points"</A>
                                    " "
                                    <A href=AppRoute::Display(id).path() attr:class="button">"Class display"</A>
                                    " "
                                    <A href=AppRoute::ClassStory(id).path() attr:class="button">"Class Story"</A>
                                </p>
                                <ClassCodePanel class_id=id initial=d.open_code.clone()/>
                                <section class="panel" aria-labelledby="pupils-heading">
                                    <h2 id="pupils-heading">"Pupils"</h2>
                                    <p class="hint">
                                        "Each pupil can have up to two linked adults unless a school leader approves one more."
                                    </p>
                                    <ul class="pupil-list">
                                        {d
                                            .pupils
                                            .into_iter()
                                            .map(|p| view! { <PupilListItem pupil=p can_message=can_message/> })
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                            .into_any()
                        }
                        Err(e) => view! {
                            <h1>"Class"</h1>
                            <ErrorNotice error=e/>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
