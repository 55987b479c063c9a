//! The school's contacts, hours and story settings, as leaders see and check them.

use hometime_api::{ParentStoryComments, SchoolSettings, SchoolStoryPosters};
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
        (
            "School Story posts",
            match settings.school_story_posters {
                SchoolStoryPosters::Leaders => "Leaders only",
                SchoolStoryPosters::LeadersAndOffice => "Leaders and the office",
                SchoolStoryPosters::AllStaff => "All staff",
            }
            .to_owned(),
        ),
        (
            "Families' comments on stories",
            match settings.parent_story_comments {
                ParentStoryComments::None => "Off (likes only)",
                ParentStoryComments::PositiveOnly => "Kind, positive comments only",
            }
            .to_owned(),
        ),
        (
            "Photo downloads for families",
            if settings.family_photo_downloads {
                "Allowed"
            } else {
                "Off"
            }
            .to_owned(),
        ),
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
