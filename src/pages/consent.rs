//! `/photo-consent`: the office's and leaders' photo-consent records, one class at a time. Each pupil's
//! answer (Yes / No / Not asked) and the two protection flags (looked after, a do-not-show order) can be
//! changed in place and are saved at once; the counts at the top say how many pupils can't be shown, and a
//! plain explanation says what each choice means for photos.

use std::collections::BTreeMap;

use hometime_api::{ClassSummary, ShowStatus};
use hometime_domain::{ClassId, PupilId, StaffRole};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::consent_row::ConsentRow;
use crate::components::error_notice::ErrorNotice;
use crate::components::guard::Guard;
use crate::components::loading::Loading;
use crate::photo_logic::ConsentCounts;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn PhotoConsentPage() -> impl IntoView {
    let session = use_session();
    let keeps_records = move || {
        session
            .me()
            .and_then(|m| m.staff_role)
            .is_some_and(|r| matches!(r, StaffRole::Office | StaffRole::Leader))
    };
    let home = move || {
        session
            .me()
            .map_or(AppRoute::Root, |m| AppRoute::home(m.home))
            .path()
    };
    view! {
        <Guard route=AppRoute::PhotoConsent>
            <div class="page consent-page">
                <p class="back-link">
                    <A href=home>"Home"</A>
                </p>
                <h1>"Photo consent"</h1>
                {move || {
                    if keeps_records() {
                        view! { <ConsentRecords/> }.into_any()
                    } else {
                        view! {
                            <p class="notice">
                                "Photo consent is kept by the school office and the school's leaders. \
                                 Please ask them if a child's answer needs changing."
                            </p>
                        }
                            .into_any()
                    }
                }}
            </div>
        </Guard>
    }
}

/// What each choice means, folded away under the counts so the pupils come first on a phone.
fn explainer() -> impl IntoView {
    view! {
        <details class="panel consent-explainer">
            <summary>"What the choices mean"</summary>
            <dl class="consent-meanings">
                <div>
                    <dt>"Yes"</dt>
                    <dd>"The family agreed: the child may appear in photos on the class and school stories."</dd>
                </div>
                <div>
                    <dt>"No"</dt>
                    <dd>
                        "The family said no: the child is left out of photos other families see. Staff can \
                         still share a photo privately with the child's own family."
                    </dd>
                </div>
                <div>
                    <dt>"Not asked"</dt>
                    <dd>"Treated like no until the family is asked and says yes."</dd>
                </div>
                <div>
                    <dt>"Looked after"</dt>
                    <dd>
                        "In the care of the local authority. Never shown: this child will never appear in \
                         any photo, even shared privately."
                    </dd>
                </div>
                <div>
                    <dt>"Do-not-show order"</dt>
                    <dd>
                        "A court order or an agreement with the family. Never shown: this child will never \
                         appear in any photo, even shared privately."
                    </dd>
                </div>
            </dl>
            <p class="hint">
                "Teachers only see whether a child can be shown, never why. Every change is recorded."
            </p>
        </details>
    }
}

#[component]
fn ConsentRecords() -> impl IntoView {
    let classes = LocalResource::new(api::classes);
    let chosen = RwSignal::new(None::<ClassId>);
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match classes.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">"There are no classes yet."</p> }.into_any()
                    }
                    Ok(list) => {
                        if chosen.get_untracked().is_none() {
                            chosen.set(list.first().map(|c| c.id));
                        }
                        view! {
                            <ClassChooser classes=list chosen=chosen/>
                            {move || chosen.get().map(|id| view! { <ClassConsent id=id/> })}
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ClassChooser(classes: Vec<ClassSummary>, chosen: RwSignal<Option<ClassId>>) -> impl IntoView {
    view! {
        <div class="field consent-class-field">
            <label for="consent-class">"Class"</label>
            <select
                id="consent-class"
                prop:value=move || chosen.get().map(|c| c.to_string()).unwrap_or_default()
                on:change:target=move |ev| {
                    if let Ok(id) = ev.target().value().parse::<i64>() {
                        chosen.set(Some(ClassId(id)));
                    }
                }
            >
                {classes
                    .into_iter()
                    .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ClassConsent(id: ClassId) -> impl IntoView {
    let records = LocalResource::new(move || api::consent(id));
    // The saved standing of each pupil, which the counts are made from.
    let statuses = RwSignal::new(BTreeMap::<PupilId, ShowStatus>::new());
    let counts = Memo::new(move |_| statuses.with(|s| ConsentCounts::of(s.values().copied())));
    let on_saved = Callback::new(move |p: hometime_api::PupilConsent| {
        statuses.update(|s| {
            s.insert(p.pupil_id, p.status);
        });
    });
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match records.await {
                    Ok(list) => {
                        statuses.set(list.iter().map(|p| (p.pupil_id, p.status)).collect());
                        let rows = list
                            .into_iter()
                            .map(|p| view! { <ConsentRow pupil=p on_saved=on_saved/> })
                            .collect_view();
                        view! {
                            <section class="consent-class" aria-labelledby="consent-pupils-heading">
                                <h2 id="consent-pupils-heading">"Pupils"</h2>
                                <p class="consent-counts" role="status" aria-live="polite">
                                    <strong>{move || counts.get().headline()}</strong>
                                    " "
                                    {move || counts.get().detail()}
                                </p>
                                {explainer()}
                                <ul class="consent-list">{rows}</ul>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
