//! The leader's points settings: initials instead of avatars, whether needs-work points are used, how many
//! months points are kept, and adding a school-wide skill ([`AddSkillForm`]).

use hometime_api::PointsSettings;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::add_skill_form::AddSkillForm;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;

#[component]
pub fn PointsSettingsForm() -> impl IntoView {
    let show_initials = RwSignal::new(false);
    let needs_work = RwSignal::new(true);
    let months = RwSignal::new("12".to_owned());
    let status = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<AppError>);

    let load = LocalResource::new(api::points_settings);
    Effect::new(move |_| {
        if let Some(Ok(s)) = load.get() {
            show_initials.set(s.show_initials);
            needs_work.set(s.needs_work_enabled);
            months.set(s.retention_months.to_string());
        }
    });
    let save = Action::new_local(move |s: &PointsSettings| {
        let s = s.clone();
        async move {
            match api::save_points_settings(&s).await {
                Ok(_) => {
                    error.set(None);
                    status.set(Some("Points settings saved."));
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let on_save = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(PointsSettings {
            show_initials: show_initials.get_untracked(),
            needs_work_enabled: needs_work.get_untracked(),
            retention_months: months.get_untracked().trim().parse().unwrap_or(0),
        });
    };
    view! {
        <section class="panel" aria-labelledby="points-settings-heading">
            <h2 id="points-settings-heading">"Points and avatars"</h2>
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
            <p role="status">{move || status.get()}</p>
            <form on:submit=on_save>
                <label class="checkbox">
                    <input type="checkbox" bind:checked=show_initials/>
                    " Show pupils' initials instead of their avatars"
                </label>
                <label class="checkbox">
                    <input type="checkbox" bind:checked=needs_work/>
                    " Use “needs work” points"
                </label>
                <div class="field">
                    <label for="retention-months">"Keep points for (months)"</label>
                    <input id="retention-months" type="number" min="1" max="36" inputmode="numeric" bind:value=months/>
                </div>
                <button type="submit" class="button button-primary">"Save points settings"</button>
            </form>
            <AddSkillForm class=None/>
        </section>
    }
}
