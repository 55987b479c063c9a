//! `/teacher`: the classes a member of staff teaches (every class, for the office).

use leptos::prelude::*;

use crate::components::consent_link::ConsentLink;
use crate::components::guard::Guard;
use crate::components::message_nav::MessageNav;
use crate::components::quiet_hours_form::QuietHoursForm;
use crate::components::teacher_classes::TeacherClasses;
use crate::routes::AppRoute;

#[component]
pub fn TeacherHomePage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::TeacherHome>
            <div class="page">
                <h1>"Your classes"</h1>
                <MessageNav/>
                <TeacherClasses/>
                <ConsentLink/>
                <QuietHoursForm/>
            </div>
        </Guard>
    }
}
