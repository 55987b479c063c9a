//! The way into the photo-consent page from a home screen, for the people who keep those records: the
//! office and school leaders. Nobody else sees it (and the server would refuse them anyway).

use hometime_domain::StaffRole;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn ConsentLink() -> impl IntoView {
    let session = use_session();
    move || {
        let keeps = session
            .me()
            .and_then(|m| m.staff_role)
            .is_some_and(|r| matches!(r, StaffRole::Office | StaffRole::Leader));
        keeps.then(|| {
            view! {
                <section class="panel consent-link-panel" aria-labelledby="consent-link-heading">
                    <h2 id="consent-link-heading">"Photo consent"</h2>
                    <p>"Which children may appear in photos, and who must never be shown."</p>
                    <A href=AppRoute::PhotoConsent.path() attr:class="button">
                        "Photo consent records"
                    </A>
                </section>
            }
        })
    }
}
