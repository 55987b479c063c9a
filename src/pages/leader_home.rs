//! `/leader`: the school at a glance for its leaders: figures, classes, extra-adult approvals,
//! reported class-chat messages and settings.

use leptos::prelude::*;

use crate::components::consent_link::ConsentLink;
use crate::components::guard::Guard;
use crate::components::message_nav::MessageNav;
use crate::components::points_settings_form::PointsSettingsForm;
use crate::components::reports_list::ReportsList;
use crate::components::school_overview::SchoolOverviewView;
use crate::components::school_settings_form::SchoolSettingsForm;
use crate::routes::AppRoute;

#[component]
pub fn LeaderHomePage() -> impl IntoView {
    view! {
        <Guard route=AppRoute::LeaderHome>
            <div class="page">
                <h1>"School overview"</h1>
                <MessageNav/>
                <SchoolOverviewView/>
                <ReportsList/>
                <ConsentLink/>
                <SchoolSettingsForm/>
                <PointsSettingsForm/>
            </div>
        </Guard>
    }
}
