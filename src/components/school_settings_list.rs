//! The school's contacts and hours, as leaders see and check them.

use hometime_api::SchoolSettings;
use leptos::prelude::*;

#[component]
pub fn SchoolSettingsList(settings: SchoolSettings) -> impl IntoView {
    let hours = format!(
        "{}, {} to {}",
        settings.working_days.join(", "),
        settings.working_start,
        settings.working_end
    );
    let rows = [
        ("Office phone", settings.office_phone),
        ("Office e-mail", settings.office_email),
        ("Office contact", settings.office_contact_name),
        ("Nursing team", settings.nursing_team_phone),
        ("Designated Safeguarding Lead", settings.dsl),
        ("Safeguarding system", settings.safeguarding_system),
        ("Working hours", hours),
        ("Replies to parents", settings.response_expectation),
        ("Time zone", settings.timezone),
    ];
    view! {
        <dl class="settings-list">
            {rows
                .into_iter()
                .map(|(term, value)| {
                    view! {
                        <div class="settings-row">
                            <dt>{term}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
