//! The pupil app's tab bar between its only two screens, points and avatar: big picture tabs at the bottom
//! of the screen. It sits outside `<main>` in its own navigation landmark.

use leptos::portal::Portal;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::AppRoute;

#[component]
pub fn PupilTabs(current: AppRoute) -> impl IntoView {
    let tab = move |route: AppRoute, icon: &'static str, label: &'static str| {
        let here = (route == current).then_some("page");
        view! {
            <li>
                <A href=route.path() attr:class="pupil-tab" attr:aria-current=here>
                    <span class="pupil-tab-icon" aria-hidden="true">{icon}</span>
                    <span class="pupil-tab-label">{label}</span>
                </A>
            </li>
        }
    };
    view! {
        <Portal>
            <nav class="pupil-tabs" aria-label="My screens">
                <ul>
                    {tab(AppRoute::PupilHome, "⭐", "My points")}
                    {tab(AppRoute::PupilAvatar, "👾", "My monster")}
                </ul>
            </nav>
        </Portal>
    }
}
