//! `/pupil/home`: the pupil's own monster and name. Nothing else: pupils have no messaging at all.

use leptos::prelude::*;

use crate::components::avatar::Avatar;
use crate::components::guard::Guard;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn PupilHomePage() -> impl IntoView {
    let session = use_session();
    view! {
        <Guard route=AppRoute::PupilHome>
            {move || {
                session
                    .me()
                    .and_then(|me| me.pupil)
                    .map(|pupil| {
                        view! {
                            <div class="page pupil-home">
                                <Avatar
                                    avatar=pupil.avatar
                                    label=format!("{}'s monster", pupil.name)
                                    class="avatar-large"
                                />
                                <h1>{format!("Hello, {}!", pupil.name)}</h1>
                            </div>
                        }
                    })
            }}
        </Guard>
    }
}
