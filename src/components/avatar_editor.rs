//! The pupil's monster editor: a big live preview, picture buttons for each part and colour (no reading
//! needed), and a save button. Every choice is one of the parts the app draws, so the server accepts it.

use hometime_api::Avatar as AvatarData;
use leptos::prelude::*;

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::error_notice::ErrorNotice;
use crate::errors::AppError;
use crate::points_logic::{COLOURS, Part};

#[component]
pub fn AvatarEditor(initial: AvatarData) -> impl IntoView {
    let avatar = RwSignal::new(initial);
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let save = Action::new_local(move |a: &AvatarData| {
        let a = a.clone();
        async move {
            match api::save_avatar(&a).await {
                Ok(stored) => {
                    error.set(None);
                    saved.set(true);
                    // The editor keeps what was stored; the points screen reads the avatar afresh from
                    // the server. The session is left alone: changing it would rebuild this screen.
                    avatar.set(stored);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let choose = move |f: &dyn Fn(&AvatarData) -> AvatarData| {
        saved.set(false);
        avatar.update(|a| *a = f(a));
    };

    let part_picker = move |part: Part| {
        let options = (0..part.choices())
            .map(|choice| {
                let label = format!("{} {}", part.label(), choice + 1);
                let pressed = move || (part.of(&avatar.get()) == choice).to_string();
                view! {
                    <li>
                        <button
                            type="button"
                            class="avatar-choice"
                            aria-label=label
                            aria-pressed=pressed
                            on:click=move |_| choose(&|a| part.with(a, choice))
                        >
                            {move || view! { <Avatar avatar=part.with(&avatar.get(), choice) class="avatar-choice-picture"/> }}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <fieldset class="avatar-part">
                <legend>{part.label()}</legend>
                <ul class="avatar-choices">{options}</ul>
            </fieldset>
        }
    };

    let colours = COLOURS
        .iter()
        .map(|(hex, name)| {
            let hex = *hex;
            let pressed = move || (avatar.get().colour == hex).to_string();
            view! {
                <li>
                    <button
                        type="button"
                        class="colour-choice"
                        style=format!("background:{hex}")
                        aria-label=*name
                        aria-pressed=pressed
                        on:click=move |_| {
                            choose(&|a| AvatarData { colour: hex.to_owned(), ..a.clone() })
                        }
                    ></button>
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="avatar-editor">
            <div class="avatar-preview">
                {move || view! { <Avatar avatar=avatar.get() label="My monster" class="avatar-large"/> }}
            </div>
            {Part::ALL.into_iter().map(part_picker).collect_view()}
            <fieldset class="avatar-part">
                <legend>"Colour"</legend>
                <ul class="avatar-choices">{colours}</ul>
            </fieldset>
            {move || error.get().map(|e| view! { <ErrorNotice error=e/> })}
            <p class="avatar-save">
                <button
                    type="button"
                    class="button button-primary button-big"
                    disabled=move || save.pending().get()
                    on:click=move |_| {
                        save.dispatch(avatar.get_untracked());
                    }
                >
                    <span aria-hidden="true">"✔ "</span>
                    "Save"
                </button>
            </p>
            <p class="avatar-saved" role="status">
                {move || saved.get().then_some("Saved! ⭐")}
            </p>
        </div>
    }
}
