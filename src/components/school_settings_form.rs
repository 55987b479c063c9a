//! The leader's school settings form: contacts, working hours and holidays, messaging switches and the
//! policy choices, saved all at once. The server checks every field; its problems show beside the
//! fields they are about.

use hometime_api::{
    ErrorCode, Holiday, MedicationRoute, NamesInSharedSpaces, ParentStoryComments, SchoolSettings,
    SchoolStoryPosters, SupportStaffMessaging, UpdateSchoolSettings,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::text_field::TextField;
use crate::errors::{AppError, error_text, field_text};

const DAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// The wire word for each choice, as the `<select>` values carry them.
fn support_word(s: SupportStaffMessaging) -> &'static str {
    match s {
        SupportStaffMessaging::None => "none",
        SupportStaffMessaging::PostOnly => "post_only",
        SupportStaffMessaging::Message => "message",
    }
}

fn support_of(w: &str) -> SupportStaffMessaging {
    match w {
        "post_only" => SupportStaffMessaging::PostOnly,
        "message" => SupportStaffMessaging::Message,
        _ => SupportStaffMessaging::None,
    }
}

fn naming_word(n: NamesInSharedSpaces) -> &'static str {
    match n {
        NamesInSharedSpaces::None => "none",
        NamesInSharedSpaces::FirstNameOnlyStaff => "first_name_only_staff",
    }
}

fn naming_of(w: &str) -> NamesInSharedSpaces {
    match w {
        "first_name_only_staff" => NamesInSharedSpaces::FirstNameOnlyStaff,
        _ => NamesInSharedSpaces::None,
    }
}

fn medication_word(m: MedicationRoute) -> &'static str {
    match m {
        MedicationRoute::NursingTeam => "nursing_team",
        MedicationRoute::Office => "office",
    }
}

fn medication_of(w: &str) -> MedicationRoute {
    match w {
        "office" => MedicationRoute::Office,
        _ => MedicationRoute::NursingTeam,
    }
}

fn comments_word(c: ParentStoryComments) -> &'static str {
    match c {
        ParentStoryComments::None => "none",
        ParentStoryComments::PositiveOnly => "positive_only",
    }
}

fn comments_of(w: &str) -> ParentStoryComments {
    match w {
        "none" => ParentStoryComments::None,
        _ => ParentStoryComments::PositiveOnly,
    }
}

fn posters_word(p: SchoolStoryPosters) -> &'static str {
    match p {
        SchoolStoryPosters::Leaders => "leaders",
        SchoolStoryPosters::LeadersAndOffice => "leaders_and_office",
        SchoolStoryPosters::AllStaff => "all_staff",
    }
}

fn posters_of(w: &str) -> SchoolStoryPosters {
    match w {
        "leaders" => SchoolStoryPosters::Leaders,
        "all_staff" => SchoolStoryPosters::AllStaff,
        _ => SchoolStoryPosters::LeadersAndOffice,
    }
}

/// One holiday being edited; `key` keeps rows apart while others are added and removed.
#[derive(Clone, Copy)]
struct HolidayRow {
    key: u32,
    start: RwSignal<String>,
    end: RwSignal<String>,
    name: RwSignal<String>,
}

#[component]
pub fn SchoolSettingsForm() -> impl IntoView {
    let timezone = RwSignal::new(String::new());
    let office_phone = RwSignal::new(String::new());
    let office_email = RwSignal::new(String::new());
    let office_contact_name = RwSignal::new(String::new());
    let nursing_team_phone = RwSignal::new(String::new());
    let dsl = RwSignal::new(String::new());
    let safeguarding_system = RwSignal::new(String::new());
    let days: [RwSignal<bool>; 7] = std::array::from_fn(|_| RwSignal::new(false));
    let working_start = RwSignal::new(String::new());
    let working_end = RwSignal::new(String::new());
    let response_expectation = RwSignal::new(String::new());
    let holidays = RwSignal::new(Vec::<HolidayRow>::new());
    let next_key = StoredValue::new(0_u32);
    let class_chat = RwSignal::new(true);
    let read_receipts = RwSignal::new(false);
    let support = RwSignal::new("none".to_owned());
    let naming = RwSignal::new("none".to_owned());
    let medication = RwSignal::new("nursing_team".to_owned());
    let comments = RwSignal::new("positive_only".to_owned());
    let posters = RwSignal::new("leaders_and_office".to_owned());
    let downloads = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<AppError>);

    let add_holiday = move |h: Holiday| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        holidays.update(|rows| {
            rows.push(HolidayRow {
                key,
                start: RwSignal::new(h.start),
                end: RwSignal::new(h.end),
                name: RwSignal::new(h.name),
            });
        });
    };
    let fill = move |s: SchoolSettings| {
        timezone.set(s.timezone);
        office_phone.set(s.office_phone);
        office_email.set(s.office_email);
        office_contact_name.set(s.office_contact_name);
        nursing_team_phone.set(s.nursing_team_phone);
        dsl.set(s.dsl);
        safeguarding_system.set(s.safeguarding_system);
        for (i, (short, _)) in DAYS.iter().enumerate() {
            days[i].set(s.working_days.iter().any(|d| d == short));
        }
        working_start.set(s.working_start);
        working_end.set(s.working_end);
        response_expectation.set(s.response_expectation);
        holidays.set(Vec::new());
        for h in s.holidays {
            add_holiday(h);
        }
        class_chat.set(s.class_chat_enabled);
        read_receipts.set(s.parent_read_receipts);
        support.set(support_word(s.support_staff_messaging).to_owned());
        naming.set(naming_word(s.names_in_shared_spaces).to_owned());
        medication.set(medication_word(s.medication_route).to_owned());
        comments.set(comments_word(s.parent_story_comments).to_owned());
        posters.set(posters_word(s.school_story_posters).to_owned());
        downloads.set(s.family_photo_downloads);
    };

    let load = LocalResource::new(api::school_settings);
    Effect::new(move |_| match load.get() {
        Some(Ok(s)) => fill(s),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let save = Action::new_local(move |body: &UpdateSchoolSettings| {
        let body = body.clone();
        async move {
            match api::save_school_settings(&body).await {
                Ok(saved) => {
                    error.set(None);
                    fill(saved);
                    status.set(Some("Saved"));
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = save.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        save.dispatch(UpdateSchoolSettings {
            timezone: timezone.get_untracked(),
            office_phone: office_phone.get_untracked(),
            office_email: office_email.get_untracked(),
            office_contact_name: office_contact_name.get_untracked(),
            nursing_team_phone: nursing_team_phone.get_untracked(),
            dsl: dsl.get_untracked(),
            safeguarding_system: safeguarding_system.get_untracked(),
            working_days: DAYS
                .iter()
                .enumerate()
                .filter(|(i, _)| days[*i].get_untracked())
                .map(|(_, (short, _))| (*short).to_owned())
                .collect(),
            working_start: working_start.get_untracked(),
            working_end: working_end.get_untracked(),
            response_expectation: response_expectation.get_untracked(),
            holidays: holidays
                .get_untracked()
                .iter()
                .map(|h| Holiday {
                    start: h.start.get_untracked(),
                    end: h.end.get_untracked(),
                    name: h.name.get_untracked(),
                })
                .collect(),
            class_chat_enabled: class_chat.get_untracked(),
            support_staff_messaging: support_of(&support.get_untracked()),
            parent_read_receipts: read_receipts.get_untracked(),
            names_in_shared_spaces: naming_of(&naming.get_untracked()),
            medication_route: medication_of(&medication.get_untracked()),
            parent_story_comments: comments_of(&comments.get_untracked()),
            school_story_posters: posters_of(&posters.get_untracked()),
            family_photo_downloads: downloads.get_untracked(),
        });
    };

    // The problem with one field, in words, from the last answer.
    let problem = move |field: String| {
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| field_text(e, &field))))
    };
    let err = move |field: &str| problem(field.to_owned());
    let days_error = err("working_days");
    let holidays_error = err("holidays");
    let support_error = err("support_staff_messaging");
    let naming_error = err("names_in_shared_spaces");
    let medication_error = err("medication_route");
    let comments_error = err("parent_story_comments");
    let posters_error = err("school_story_posters");
    let downloads_error = err("family_photo_downloads");

    view! {
        <section class="panel settings-panel" aria-labelledby="school-settings-heading">
            <h2 id="school-settings-heading">"Change school settings"</h2>
            {move || {
                error
                    .get()
                    .map(|e| {
                        if e.code() == Some(ErrorCode::Validation) {
                            view! {
                                <div class="notice notice-error" role="alert">
                                    <p>{error_text(&e)}</p>
                                </div>
                            }
                                .into_any()
                        } else {
                            view! { <ErrorNotice error=e/> }.into_any()
                        }
                    })
            }}
            <form class="form settings-form" on:submit=on_submit novalidate>
                <fieldset class="settings-section">
                    <legend>"Contacts"</legend>
                    <TextField id="office_phone" label="Office phone" kind="tel" autocomplete="off"
                        hint="Families are sent here for absences, illness and anything urgent."
                        value=office_phone error=err("office_phone")/>
                    <TextField id="office_email" label="Office e-mail" kind="email" autocomplete="off"
                        value=office_email error=err("office_email")/>
                    <TextField id="office_contact_name" label="Who answers the office phone"
                        value=office_contact_name error=err("office_contact_name")/>
                    <TextField id="nursing_team_phone" label="Nursing team phone" kind="tel"
                        hint="Needed when medication questions go to the nursing team."
                        value=nursing_team_phone error=err("nursing_team_phone")/>
                    <TextField id="dsl" label="Designated Safeguarding Lead"
                        value=dsl error=err("dsl")/>
                    <TextField id="safeguarding_system" label="Safeguarding record system"
                        value=safeguarding_system error=err("safeguarding_system")/>
                </fieldset>

                <fieldset class="settings-section">
                    <legend>"Working hours and holidays"</legend>
                    <fieldset
                        class="settings-days"
                        class:field-invalid=move || days_error.with(Option::is_some)
                        aria-describedby=move || days_error.with(Option::is_some).then_some("working_days-error")
                    >
                        <legend>"Working days"</legend>
                        {move || days_error.get().map(|m| view! { <p class="field-error" id="working_days-error">{m}</p> })}
                        <div class="settings-day-list">
                            {DAYS
                                .iter()
                                .enumerate()
                                .map(|(i, (_, long))| {
                                    view! {
                                        <label class="checkbox">
                                            <input type="checkbox" name="working_days" bind:checked=days[i]/>
                                            " "{*long}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                    <div class="settings-pair">
                        <TextField id="working_start" label="Day starts" kind="time"
                            value=working_start error=err("working_start")/>
                        <TextField id="working_end" label="Day ends" kind="time"
                            value=working_end error=err("working_end")/>
                    </div>
                    <TextField id="timezone" label="Time zone" autocomplete="off"
                        hint="For example Europe/London."
                        value=timezone error=err("timezone")/>
                    <TextField id="response_expectation" label="When families can expect a reply"
                        hint="For example: within 48 hours, working days only."
                        value=response_expectation error=err("response_expectation")/>
                    <fieldset class="settings-holidays">
                        <legend>"Holidays"</legend>
                        {move || holidays_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <p class="hint">"No working hours on these days, first and last day included."</p>
                        <ul class="holiday-list">
                            <For
                                each=move || holidays.get()
                                key=|h| h.key
                                children=move |h: HolidayRow| {
                                    // The row's current position names its fields in the server's answer.
                                    let index = move || {
                                        holidays.with(|rows| rows.iter().position(|r| r.key == h.key).unwrap_or(0))
                                    };
                                    let row_error = move |part: &'static str| {
                                        move || error.with(|e| {
                                            e.as_ref().and_then(|e| field_text(e, &format!("holidays[{}].{part}", index())))
                                        })
                                    };
                                    let id = |part: &str| format!("holiday-{}-{part}", h.key);
                                    view! {
                                        <li class="holiday-row">
                                            <div class="field" class:field-invalid=move || row_error("name")().is_some()>
                                                <label for=id("name")>"Holiday name"</label>
                                                {move || row_error("name")().map(|m| view! { <p class="field-error">{m}</p> })}
                                                <input id=id("name") maxlength="120" bind:value=h.name/>
                                            </div>
                                            <div class="field" class:field-invalid=move || row_error("start")().is_some()>
                                                <label for=id("start")>"First day"</label>
                                                {move || row_error("start")().map(|m| view! { <p class="field-error">{m}</p> })}
                                                <input id=id("start") type="date" bind:value=h.start/>
                                            </div>
                                            <div class="field" class:field-invalid=move || row_error("end")().is_some()>
                                                <label for=id("end")>"Last day"</label>
                                                {move || row_error("end")().map(|m| view! { <p class="field-error">{m}</p> })}
                                                <input id=id("end") type="date" bind:value=h.end/>
                                            </div>
                                            <button
                                                type="button"
                                                class="button button-quiet"
                                                on:click=move |_| holidays.update(|rows| rows.retain(|r| r.key != h.key))
                                            >
                                                "Remove this holiday"
                                            </button>
                                        </li>
                                    }
                                }
                            />
                        </ul>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| add_holiday(Holiday { start: String::new(), end: String::new(), name: String::new() })
                        >
                            "Add a holiday"
                        </button>
                    </fieldset>
                </fieldset>

                <fieldset class="settings-section">
                    <legend>"Messaging"</legend>
                    <label class="checkbox">
                        <input type="checkbox" name="class_chat_enabled" bind:checked=class_chat/>
                        " Class chat is on for every class"
                    </label>
                    <label class="checkbox">
                        <input type="checkbox" name="parent_read_receipts" bind:checked=read_receipts/>
                        " Parents see when staff have read their message"
                    </label>
                    <div class="field" class:field-invalid=move || support_error.with(Option::is_some)>
                        <label for="support_staff_messaging">"Support staff (teaching assistants)"</label>
                        {move || support_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <select
                            id="support_staff_messaging"
                            prop:value=move || support.get()
                            on:change:target=move |ev| support.set(ev.target().value())
                        >
                            <option value="none">"No access to messaging"</option>
                            <option value="post_only">"May post in their classes' chats"</option>
                            <option value="message">"May also message their classes' parents"</option>
                        </select>
                    </div>
                </fieldset>

                <fieldset class="settings-section">
                    <legend>"Policy"</legend>
                    <div class="field" class:field-invalid=move || naming_error.with(Option::is_some)>
                        <label for="names_in_shared_spaces">"Pupils' names in class chat"</label>
                        {move || naming_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <select
                            id="names_in_shared_spaces"
                            prop:value=move || naming.get()
                            on:change:target=move |ev| naming.set(ev.target().value())
                        >
                            <option value="none">"No pupil names"</option>
                            <option value="first_name_only_staff">"Staff may use first names"</option>
                        </select>
                    </div>
                    <div class="field" class:field-invalid=move || medication_error.with(Option::is_some)>
                        <label for="medication_route">"Medication and feeds questions go to"</label>
                        {move || medication_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <select
                            id="medication_route"
                            prop:value=move || medication.get()
                            on:change:target=move |ev| medication.set(ev.target().value())
                        >
                            <option value="nursing_team">"The nursing team"</option>
                            <option value="office">"The office"</option>
                        </select>
                    </div>
                </fieldset>

                <fieldset class="settings-section">
                    <legend>"Stories and photos"</legend>
                    <div class="field" class:field-invalid=move || posters_error.with(Option::is_some)>
                        <label for="school_story_posters">"Who may post on the School Story"</label>
                        <p class="hint" id="school_story_posters-hint">
                            "Leaders always may. Every family in the school sees the School Story."
                        </p>
                        {move || posters_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <select
                            id="school_story_posters"
                            aria-describedby="school_story_posters-hint"
                            prop:value=move || posters.get()
                            on:change:target=move |ev| posters.set(ev.target().value())
                        >
                            <option value="leaders">"Leaders only"</option>
                            <option value="leaders_and_office">"Leaders and the office"</option>
                            <option value="all_staff">"All staff"</option>
                        </select>
                    </div>
                    <div class="field" class:field-invalid=move || comments_error.with(Option::is_some)>
                        <label for="parent_story_comments">"Families' comments on stories"</label>
                        <p class="hint" id="parent_story_comments-hint">
                            "Families can always like a post. Comments are checked as they are written, and staff can remove any comment."
                        </p>
                        {move || comments_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <select
                            id="parent_story_comments"
                            aria-describedby="parent_story_comments-hint"
                            prop:value=move || comments.get()
                            on:change:target=move |ev| comments.set(ev.target().value())
                        >
                            <option value="none">"No comments, likes only"</option>
                            <option value="positive_only">"Kind, positive comments only"</option>
                        </select>
                    </div>
                    <div class="field" class:field-invalid=move || downloads_error.with(Option::is_some)>
                        {move || downloads_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                name="family_photo_downloads"
                                aria-describedby="family_photo_downloads-hint"
                                bind:checked=downloads
                            />
                            " Families may download photos"
                        </label>
                        <p class="hint" id="family_photo_downloads-hint">
                            "Off, families can look at photos in Hometime but get no download button, which keeps children's photos from being passed on. Staff can always download."
                        </p>
                    </div>
                </fieldset>

                <div class="settings-actions">
                    <button type="submit" class="button button-primary" disabled=move || pending.get()>
                        "Save school settings"
                    </button>
                    <p role="status" class="settings-status">{move || status.get()}</p>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_words_round_trip() {
        for s in [
            SupportStaffMessaging::None,
            SupportStaffMessaging::PostOnly,
            SupportStaffMessaging::Message,
        ] {
            assert_eq!(support_of(support_word(s)), s);
        }
        for n in [
            NamesInSharedSpaces::None,
            NamesInSharedSpaces::FirstNameOnlyStaff,
        ] {
            assert_eq!(naming_of(naming_word(n)), n);
        }
        for m in [MedicationRoute::NursingTeam, MedicationRoute::Office] {
            assert_eq!(medication_of(medication_word(m)), m);
        }
        for c in [ParentStoryComments::None, ParentStoryComments::PositiveOnly] {
            assert_eq!(comments_of(comments_word(c)), c);
        }
        for p in [
            SchoolStoryPosters::Leaders,
            SchoolStoryPosters::LeadersAndOffice,
            SchoolStoryPosters::AllStaff,
        ] {
            assert_eq!(posters_of(posters_word(p)), p);
        }
        // The words match the wire's, so the select's values are what the server reads.
        assert_eq!(
            serde_json::to_value(SchoolStoryPosters::LeadersAndOffice).unwrap(),
            posters_word(SchoolStoryPosters::LeadersAndOffice)
        );
        assert_eq!(
            serde_json::to_value(ParentStoryComments::PositiveOnly).unwrap(),
            comments_word(ParentStoryComments::PositiveOnly)
        );
    }
}
