//! `/pupil/home`: the pupil's points screen: their monster, name, positive total and recent points. With
//! the avatar editor it is one of the pupil app's only two screens; pupils have no messaging at all.

use leptos::prelude::*;

use crate::api;
use crate::clock::local_day;
use crate::components::error_notice::ErrorNotice;
use crate::components::guard::Guard;
use crate::components::loading::Loading;
use crate::components::pupil_face::PupilFace;
use crate::components::pupil_tabs::PupilTabs;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn PupilHomePage() -> impl IntoView {
    let session = use_session();
    let points = LocalResource::new(api::own_points);
    view! {
        <Guard route=AppRoute::PupilHome>
            <div class="page pupil-home">
            {move || {
                session
                    .me()
                    .and_then(|me| me.pupil)
                    .map(|pupil| view! { <h1>{format!("Hello, {}!", pupil.name)}</h1> })
            }}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match points.await {
                        Ok(p) => view! {
                            // The avatar comes from the server, so a change saved in the editor shows here.
                            <PupilFace
                                avatar=p.avatar
                                name=p.name.clone()
                                initials_only=p.show_initials
                                label=format!("{}'s monster", p.name)
                                class="avatar-large"
                            />
                            <section class="pupil-points" aria-labelledby="my-points-heading">
                                <h2 id="my-points-heading" class="points-total">
                                    <span aria-hidden="true">"⭐ "</span>
                                    {format!("{} points", p.positive)}
                                </h2>
                                <ul class="own-points">
                                    {p.recent
                                        .into_iter()
                                        .map(|r| {
                                            let day = local_day(&r.awarded_at).unwrap_or_default();
                                            view! {
                                                <li>
                                                    <span aria-hidden="true">"⭐ "</span>
                                                    <strong>{r.skill_name}</strong>
                                                    " "
                                                    <span class="muted">{day}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            </div>
            <PupilTabs current=AppRoute::PupilHome/>
        </Guard>
    }
}
