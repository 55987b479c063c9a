//! The teacher's points grid for a tablet: the class as big avatar buttons. Two taps give a point (pupil,
//! then skill); "Choose several" and "Whole class" give one to many at once. An optional note is checked
//! by the policy engine as it is typed, and a point can be undone for a few seconds.

use std::time::Duration;

use hometime_api::{AwardRequest, Awarded, ClassPoints, ErrorCode, SkillKind, UNDO_WINDOW_SECS};
use hometime_domain::ClassId;
use hometime_policy::{AuthorRole, Engine};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::add_skill_form::AddSkillForm;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::components::pupil_face::PupilFace;
use crate::errors::AppError;
use crate::points_logic::{Selection, check_note, has_block, note_too_long, warning_rules};
use crate::routes::AppRoute;

#[component]
pub fn PointsGrid(id: ClassId) -> impl IntoView {
    let data = LocalResource::new(move || api::class_points(id));
    // The engine is compiled once from the class's pack; until it arrives notes are only checked on sending.
    let engine = LocalResource::new(move || async move {
        api::policy_pack(id)
            .await
            .ok()
            .and_then(|pack| Engine::new(&pack).ok())
    });
    let several = RwSignal::new(false);
    let selection = RwSignal::new(Selection::default());
    let note = RwSignal::new(String::new());
    let keep_anyway = RwSignal::new(false);
    let last = RwSignal::new(None::<(Awarded, String)>);
    let error = RwSignal::new(None::<AppError>);

    let findings = Memo::new(move |_| {
        let text = note.get();
        let pupils = selection.with(Selection::ids);
        engine
            .get()
            .flatten()
            .map(|e| check_note(&e, AuthorRole::Teacher, &text, &pupils))
            .unwrap_or_default()
    });

    let give = Action::new_local(
        move |(skill, skill_name): &(hometime_domain::SkillId, String)| {
            let skill = *skill;
            let skill_name = skill_name.clone();
            let text = note.get_untracked();
            let acknowledged = if keep_anyway.get_untracked() {
                warning_rules(&findings.get_untracked())
            } else {
                Vec::new()
            };
            let pupil_ids = selection.with_untracked(Selection::ids);
            async move {
                let req = AwardRequest {
                    pupil_ids,
                    skill_id: skill,
                    note: (!text.trim().is_empty()).then_some(text),
                    acknowledged,
                };
                match api::award_points(id, req).await {
                    Ok(awarded) => {
                        error.set(None);
                        selection.set(Selection::default());
                        note.set(String::new());
                        keep_anyway.set(false);
                        last.set(Some((awarded, skill_name)));
                        set_timeout(
                            move || last.set(None),
                            Duration::from_secs(UNDO_WINDOW_SECS),
                        );
                        data.refetch();
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        },
    );
    let undo = Action::new_local(move |awarded: &Awarded| {
        let ids: Vec<_> = awarded.points.iter().map(|p| p.id).collect();
        async move {
            for id in ids {
                if let Err(e) = api::undo_point(id).await {
                    error.set(Some(e));
                }
            }
            last.set(None);
            data.refetch();
        }
    });

    let grid = move |cp: ClassPoints| {
        let initials_only = cp.settings.show_initials;
        let all: Vec<_> = cp.pupils.iter().map(|p| p.id).collect();
        let names: Vec<_> = cp.pupils.iter().map(|p| (p.id, p.name.clone())).collect();
        let skills = cp.skills.clone();
        let can_award = cp.can_award;
        let pupils = cp
            .pupils
            .into_iter()
            .map(|p| {
                let pid = p.id;
                let label = if p.needs_work > 0 {
                    format!("{}, {} points, {} to work on", p.name, p.positive, p.needs_work)
                } else {
                    format!("{}, {} points", p.name, p.positive)
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="points-pupil"
                            aria-label=label
                            aria-pressed=move || selection.with(|s| s.contains(pid)).to_string()
                            disabled=!can_award
                            on:click=move |_| {
                                if several.get_untracked() {
                                    selection.update(|s| s.toggle(pid));
                                } else {
                                    selection.set(Selection::only(pid));
                                }
                            }
                        >
                            <PupilFace avatar=p.avatar name=p.name.clone() initials_only=initials_only class="avatar-medium"/>
                            <span class="points-name">{p.name}</span>
                            <span class="points-count">{p.positive}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let class_size = all.len();
        let who = move || {
            selection.with(|s| match s.len() {
                1 => {
                    let id = s.ids()[0];
                    names
                        .iter()
                        .find(|(p, _)| *p == id)
                        .map(|(_, n)| format!("Give {n} a point"))
                        .unwrap_or_default()
                }
                n if n == class_size => "Give the whole class a point".to_owned(),
                n => format!("Give {n} pupils a point"),
            })
        };
        let skill_buttons = move |kind: SkillKind| {
            skills
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| {
                    let pair = (s.id, s.name.clone());
                    view! {
                        <li>
                            <button
                                type="button"
                                class="button skill-button"
                                class:skill-needs-work=kind == SkillKind::NeedsWork
                                disabled=move || give.pending().get() || note_too_long(&note.get()) || has_block(&findings.get())
                                on:click=move |_| {
                                    give.dispatch(pair.clone());
                                }
                            >
                                {s.name.clone()}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        };
        let positive = skill_buttons(SkillKind::Positive);
        let needs_work = skill_buttons(SkillKind::NeedsWork);
        view! {
            <div class="points-toolbar">
                {can_award.then(|| view! {
                    <button
                        type="button"
                        class="button"
                        aria-pressed=move || several.get().to_string()
                        on:click=move |_| {
                            several.update(|s| *s = !*s);
                            selection.set(Selection::default());
                        }
                    >
                        "Choose several"
                    </button>
                    <button
                        type="button"
                        class="button"
                        on:click={
                            let all = all.clone();
                            move |_| selection.set(Selection::all(all.clone()))
                        }
                    >
                        "Whole class"
                    </button>
                })}
                <A href=AppRoute::Display(id).path() attr:class="button button-quiet">"Class display"</A>
            </div>
            <ul class="points-grid" aria-label="Pupils">{pupils}</ul>
            <section class="panel give-panel" aria-labelledby="give-heading" hidden=move || selection.with(Selection::is_empty)>
                <h2 id="give-heading">{who}</h2>
                <div class="field">
                    <label for="point-note">"Note for the family (optional)"</label>
                    <textarea
                        id="point-note"
                        rows="2"
                        maxlength="400"
                        aria-describedby="point-note-findings"
                        prop:value=move || note.get()
                        on:input=move |ev| {
                            keep_anyway.set(false);
                            note.set(event_target_value(&ev));
                        }
                    ></textarea>
                    <div id="point-note-findings" aria-live="polite">
                        {move || note_too_long(&note.get()).then(|| view! {
                            <p class="field-error">"Please keep the note to 200 characters."</p>
                        })}
                        <ul class="findings">
                            {move || findings.get().into_iter().map(|f| view! {
                                <li class=format!("finding finding-{}", f.severity.as_str()) data-rule=f.rule.as_str()>
                                    {f.guidance}
                                </li>
                            }).collect_view()}
                        </ul>
                        {move || (!warning_rules(&findings.get()).is_empty() && !has_block(&findings.get())).then(|| view! {
                            <label class="checkbox">
                                <input type="checkbox" prop:checked=move || keep_anyway.get() on:change=move |ev| keep_anyway.set(event_target_checked(&ev))/>
                                " Keep my note as it is"
                            </label>
                        })}
                    </div>
                </div>
                <h3>"Well done for…"</h3>
                <ul class="skills">{positive}</ul>
                <h3>"Needs work"</h3>
                <ul class="skills">{needs_work}</ul>
                <button type="button" class="button button-quiet" on:click=move |_| selection.set(Selection::default())>
                    "Cancel"
                </button>
            </section>
        }
        .into_any()
    };

    view! {
        <div class="points-page">
            {move || error.get().map(|e| {
                let policy = e.code() == Some(ErrorCode::PolicyBlocked);
                view! {
                    <ErrorNotice error=e/>
                    {policy.then(|| view! { <p class="hint">"Change the note, or tick “Keep my note as it is”."</p> })}
                }
            })}
            <p class="undo-bar" role="status">
                {move || last.get().map(|(awarded, skill)| {
                    let n = awarded.points.len();
                    let text = if n == 1 { format!("Point given: {skill}") } else { format!("{n} points given: {skill}") };
                    view! {
                        <span>{text}</span>
                        " "
                        <button type="button" class="button" on:click=move |_| { undo.dispatch(awarded.clone()); }>
                            "Undo"
                        </button>
                    }
                })}
            </p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(cp) => view! {
                            <h1>{format!("{} points", cp.class_name)}</h1>
                            {grid(cp)}
                        }
                        .into_any(),
                        Err(e) => view! { <h1>"Points"</h1> <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <section class="panel" aria-labelledby="class-skills-heading">
                <h2 id="class-skills-heading">"Skills for this class"</h2>
                <AddSkillForm class=Some(id) on_added=Callback::new(move |()| data.refetch())/>
            </section>
        </div>
    }
}
