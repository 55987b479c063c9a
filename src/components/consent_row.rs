//! One pupil on the photo-consent page: their answer (Yes / No / Not asked), the two protection flags, what
//! that means for photos, and how the last save went. Every change is saved at once; a failed save keeps
//! what is on screen (the edit is never thrown away) and offers "Try again" or "Put it back".

use hometime_api::{PhotoConsentAnswer, PupilConsent, UpdatePupilConsent};
use leptos::prelude::*;

use crate::api;
use crate::components::consent_badge::ConsentBadge;
use crate::errors::{AppError, error_text};
use crate::photo_logic::{answer_label, answer_word, status_meaning, status_of};

/// How the row's last save went.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(AppError),
}

fn values(p: &PupilConsent) -> UpdatePupilConsent {
    UpdatePupilConsent {
        photo_consent: p.photo_consent,
        looked_after: p.looked_after,
        do_not_show: p.do_not_show,
    }
}

#[component]
pub fn ConsentRow(
    pupil: PupilConsent,
    /// Told the saved record after each successful save, so the page's counts follow.
    on_saved: Callback<PupilConsent>,
) -> impl IntoView {
    let id = pupil.pupil_id;
    let name = format!("{} {}", pupil.first_name, pupil.surname);
    let edit = RwSignal::new(values(&pupil));
    let saved = RwSignal::new(values(&pupil));
    let state = RwSignal::new(SaveState::Idle);
    // Saves can overlap when someone changes two things quickly: only the newest answer counts.
    let latest = StoredValue::new(0_u32);

    let save = Action::new_local(move |body: &UpdatePupilConsent| {
        let body = *body;
        let version = latest.get_value() + 1;
        latest.set_value(version);
        state.set(SaveState::Saving);
        async move {
            let result = api::update_consent(id, &body).await;
            if latest.get_value() != version {
                return;
            }
            match result {
                Ok(record) => {
                    saved.set(values(&record));
                    state.set(SaveState::Saved);
                    on_saved.run(record);
                }
                Err(e) => state.set(SaveState::Failed(e)),
            }
        }
    });
    let change = move |f: &dyn Fn(&mut UpdatePupilConsent)| {
        edit.update(|e| f(e));
        save.dispatch(edit.get_untracked());
    };

    let status = Memo::new(move |_| edit.with(status_of));
    let name_id = format!("consent-{id}-name");
    let group_label = name_id.clone();
    let radio_name = format!("consent-{id}");
    let choices = [
        PhotoConsentAnswer::Yes,
        PhotoConsentAnswer::No,
        PhotoConsentAnswer::NotAsked,
    ]
    .into_iter()
    .map(|answer| {
        view! {
            <label class="consent-choice">
                <input
                    type="radio"
                    name=radio_name.clone()
                    value=answer_word(answer)
                    prop:checked=move || edit.with(|e| e.photo_consent == answer)
                    on:change=move |_| change(&|e| e.photo_consent = answer)
                />
                <span>{answer_label(answer)}</span>
            </label>
        }
    })
    .collect_view();

    let state_view = move || match state.get() {
        SaveState::Idle => ().into_any(),
        SaveState::Saving => view! { <span>"Saving…"</span> }.into_any(),
        SaveState::Saved => view! { <span class="consent-saved">"Saved"</span> }.into_any(),
        SaveState::Failed(_) => {
            view! { <span class="consent-failed">"Not saved"</span> }.into_any()
        }
    };
    let failure = move || match state.get() {
        SaveState::Failed(e) => Some(view! {
            <div class="notice notice-error consent-error" role="alert">
                <p>{error_text(&e)}</p>
                <div class="consent-error-actions">
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            save.dispatch(edit.get_untracked());
                        }
                    >
                        "Try again"
                    </button>
                    <button
                        type="button"
                        class="button button-quiet"
                        on:click=move |_| {
                            edit.set(saved.get_untracked());
                            state.set(SaveState::Idle);
                        }
                    >
                        "Put it back"
                    </button>
                </div>
            </div>
        }),
        _ => None,
    };

    view! {
        <li class="consent-row" data-status=move || format!("{:?}", status.get())>
            <div class="consent-card" role="group" aria-labelledby=group_label>
                <div class="consent-who">
                    <h3 class="consent-name" id=name_id>{name}</h3>
                    {move || view! { <ConsentBadge status=status.get()/> }}
                </div>
                <fieldset class="consent-answer">
                    <legend>"Photo consent"</legend>
                    <div class="consent-choices">{choices}</div>
                </fieldset>
                <div class="consent-flags">
                    <label class="toggle">
                        <input
                            type="checkbox"
                            prop:checked=move || edit.with(|e| e.looked_after)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(&|e| e.looked_after = on);
                            }
                        />
                        "Looked after"
                    </label>
                    <label class="toggle">
                        <input
                            type="checkbox"
                            prop:checked=move || edit.with(|e| e.do_not_show)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(&|e| e.do_not_show = on);
                            }
                        />
                        "Do-not-show order"
                    </label>
                </div>
                <p class="consent-meaning">{move || status_meaning(status.get())}</p>
                <p class="consent-state" role="status">{state_view}</p>
                {failure}
            </div>
        </li>
    }
}
