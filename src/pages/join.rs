//! `/join`: a new parent or carer creates their account with an invite code.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::guard::Guard;
use crate::components::join_form::JoinForm;
use crate::routes::AppRoute;

#[component]
pub fn JoinPage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::Join>
            <div class="page narrow">
                <h1>"Join Hometime"</h1>
                <p class="lead">
                    "Create your account with the invite code the school gave you. "
                    "Each code links one adult to one child."
                </p>
                <JoinForm/>
                <p class="after-form">
                    "Already have an account? " <A href=AppRoute::SignIn.path()>"Sign in"</A>
                    ", then add another child from your home screen."
                </p>
            </div>
        </Guard>
    }
}
