//! `/pupil`: a pupil types the class code their teacher opened, then taps their own monster.

use leptos::prelude::*;

use crate::components::guard::Guard;
use crate::components::pupil_sign_in_flow::PupilSignInFlow;
use crate::routes::AppRoute;

#[component]
pub fn PupilSignInPage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::PupilSignIn>
            <PupilSignInFlow/>
        </Guard>
    }
}
