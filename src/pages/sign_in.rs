//! `/sign-in`: staff and parents sign in with e-mail and password; pupils and new parents are pointed to
//! their own way in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::guard::Guard;
use crate::components::sign_in_form::SignInForm;
use crate::routes::AppRoute;

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::SignIn>
            <div class="page narrow">
                <h1>"Sign in"</h1>
                <p class="lead">"For parents, carers and school staff."</p>
                <SignInForm/>
                <div class="other-ways">
                    <section class="other-way">
                        <h2>"New to Hometime?"</h2>
                        <p>"If the school has given you an invite code, you can create your account."</p>
                        <A href=AppRoute::Join.path() attr:class="button">
                            "Create your account"
                        </A>
                    </section>
                    <section class="other-way">
                        <h2>"Are you a pupil?"</h2>
                        <p>"Your teacher will show you a class code."</p>
                        <A href=AppRoute::PupilSignIn.path() attr:class="button">
                            "Sign in with your class code"
                        </A>
                    </section>
                </div>
            </div>
        </Guard>
    }
}
