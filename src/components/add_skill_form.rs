//! Adds a skill points can be given for: school-wide (leaders, from the settings) or for one class (its
//! teacher, from the points page).

use hometime_api::{NewSkillRequest, SkillKind};
use hometime_domain::ClassId;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;

#[component]
pub fn AddSkillForm(
    /// `None` for a school-wide skill, or the class the skill is for.
    class: Option<ClassId>,
    /// Called after a skill is added, e.g. to refresh the grid.
    #[prop(optional)]
    on_added: Option<Callback<()>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let needs_work = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<AppError>);
    let add = Action::new_local(move |req: &NewSkillRequest| {
        let req = req.clone();
        async move {
            let added = match class {
                Some(class) => api::add_class_skill(class, &req).await,
                None => api::add_school_skill(&req).await,
            };
            match added {
                Ok(_) => {
                    error.set(None);
                    name.set(String::new());
                    status.set(Some(if class.is_some() {
                        "Skill added for this class."
                    } else {
                        "Skill added for every class."
                    }));
                    if let Some(on_added) = on_added {
                        on_added.run(());
                    }
                }
                Err(e) => {
                    status.set(None);
                    error.set(Some(e));
                }
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        add.dispatch(NewSkillRequest {
            name: name.get_untracked(),
            kind: if needs_work.get_untracked() {
                SkillKind::NeedsWork
            } else {
                SkillKind::Positive
            },
        });
    };
    let (id, label) = if class.is_some() {
        ("new-class-skill", "New class skill")
    } else {
        ("new-skill", "New school skill")
    };
    view! {
        <form class="add-skill" on:submit=on_submit>
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
            <p role="status">{move || status.get()}</p>
            <div class="field">
                <label for=id>{label}</label>
                <input id=id maxlength="40" bind:value=name/>
            </div>
            <label class="checkbox">
                <input type="checkbox" bind:checked=needs_work/>
                " This is a “needs work” skill"
            </label>
            <button type="submit" class="button" disabled=add.pending()>
                "Add skill"
            </button>
        </form>
    }
}
