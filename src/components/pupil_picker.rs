//! The grid of big avatar buttons a pupil taps to say "this is me". First names only.

use hometime_api::{PupilChoice, PupilChoices};
use hometime_domain::PupilId;
use leptos::prelude::*;

use crate::components::avatar::Avatar;

#[component]
pub fn PupilPicker(
    choices: PupilChoices,
    /// Called with the tapped pupil.
    on_pick: Callback<PupilId>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <ul class="pupil-grid">
            {choices
                .pupils
                .into_iter()
                .map(|PupilChoice { id, name, avatar }| {
                    view! {
                        <li>
                            <button
                                type="button"
                                class="pupil-choice"
                                disabled=disabled
                                on:click=move |_| on_pick.run(id)
                            >
                                <Avatar avatar=avatar class="avatar-medium"/>
                                <span class="pupil-choice-name">{name}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
