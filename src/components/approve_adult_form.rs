//! A leader allows one more linked adult for a pupil (beyond the usual two), with a reason kept on record.

use hometime_api::ClassSummary;
use hometime_domain::{ClassId, PupilId};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::pupil_list_item::pupil_full_name;
use crate::components::text_field::TextField;
use crate::errors::{AppError, field_text};
use crate::forms::check_approval;

const FIELDS: &[&str] = &["pupil", "reason"];

#[component]
pub fn ApproveAdultForm(classes: Vec<ClassSummary>) -> impl IntoView {
    let class_id = RwSignal::new(None::<ClassId>);
    let pupil_id = RwSignal::new(None::<PupilId>);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(None::<String>);

    let detail = LocalResource::new(move || {
        let id = class_id.get();
        async move {
            match id {
                Some(id) => Some(api::class_detail(id).await),
                None => None,
            }
        }
    });

    let approve = Action::new_local(move |(pupil, reason_text): &(PupilId, String)| {
        let (pupil, reason_text) = (*pupil, reason_text.clone());
        async move {
            match api::approve_extra_adult(pupil, reason_text).await {
                Ok(()) => {
                    let who = detail
                        .get_untracked()
                        .flatten()
                        .and_then(Result::ok)
                        .and_then(|d| d.pupils.into_iter().find(|p| p.id == pupil))
                        .map(|p| pupil_full_name(&p))
                        .unwrap_or_else(|| "This pupil".to_owned());
                    done.set(Some(format!(
                        "Approved. {who} can now have one more linked adult. Their class teacher can \
                         create an invite code."
                    )));
                    reason.set(String::new());
                    detail.refetch();
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = approve.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let pupil = pupil_id.get_untracked();
        let why = reason.get_untracked().trim().to_owned();
        match (check_approval(pupil.is_some(), &why), pupil) {
            (Ok(()), Some(pupil)) => {
                error.set(None);
                approve.dispatch((pupil, why));
            }
            // `check_approval` refuses whenever no pupil is chosen, so this arm always has an error.
            (result, _) => error.set(result.err()),
        }
    };

    let pupil_error = move || error.with(|e| e.as_ref().and_then(|e| field_text(e, "pupil")));
    let reason_error =
        Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| field_text(e, "reason"))));

    view! {
        <form class="form" on:submit=on_submit novalidate>
            {move || error.get().map(|e| view! { <ErrorNotice error=e fields=FIELDS/> })}
            {move || done.get().map(|t| view! { <p class="notice notice-success" role="status">{t}</p> })}
            <div class="field">
                <label for="approve-class">"Class"</label>
                <select
                    id="approve-class"
                    on:change=move |ev| {
                        class_id.set(event_target_value(&ev).parse().ok().map(ClassId));
                        pupil_id.set(None);
                    }
                >
                    <option value="">"Choose a class"</option>
                    {classes
                        .into_iter()
                        .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field" class:field-invalid=move || pupil_error().is_some()>
                <label for="approve-pupil">"Pupil"</label>
                {move || pupil_error().map(|m| view! { <p class="field-error" id="approve-pupil-error">{m}</p> })}
                <select
                    id="approve-pupil"
                    aria-invalid=move || pupil_error().is_some().then_some("true")
                    aria-describedby=move || pupil_error().is_some().then_some("approve-pupil-error")
                    on:change=move |ev| pupil_id.set(event_target_value(&ev).parse().ok().map(PupilId))
                >
                    <option value="">"Choose a pupil"</option>
                    {move || {
                        detail
                            .get()
                            .flatten()
                            .and_then(Result::ok)
                            .map(|d| {
                                d.pupils
                                    .into_iter()
                                    .map(|p| {
                                        let label = format!(
                                            "{} ({} of {} adults linked)",
                                            pupil_full_name(&p),
                                            p.linked_adults,
                                            p.adult_limit
                                        );
                                        let id = p.id;
                                        view! {
                                            <option
                                                value=id.to_string()
                                                selected=move || pupil_id.get() == Some(id)
                                            >
                                                {label}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
                {move || {
                    detail
                        .get()
                        .flatten()
                        .and_then(Result::err)
                        .map(|e| view! { <ErrorNotice error=e/> })
                }}
            </div>
            <TextField
                id="reason"
                label="Reason (kept on record)"
                hint="For example: step-parent with parental responsibility."
                value=reason
                error=reason_error
            />
            <button type="submit" class="button button-primary" disabled=pending>
                "Approve one more adult"
            </button>
        </form>
    }
}
