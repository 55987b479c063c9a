//! A pupil's face wherever pupils are shown on the points screens: their monster, or their initials when
//! the school has chosen initials instead of avatars.

use hometime_api::Avatar as AvatarData;
use leptos::prelude::*;

use crate::components::avatar::{Avatar, safe_colour};
use crate::points_logic::initials;

/// A short fingerprint of the avatar's parts, kept on the element so tests (and people debugging) can tell
/// which monster is drawn without reading the SVG.
fn fingerprint(a: &AvatarData) -> String {
    format!(
        "b{}-e{}-m{}-a{}-{}",
        a.body,
        a.eyes,
        a.mouth,
        a.accessory,
        safe_colour(&a.colour)
    )
}

#[component]
pub fn PupilFace(
    avatar: AvatarData,
    #[prop(into)] name: String,
    /// Draw initials instead of the monster.
    initials_only: bool,
    /// The accessible name; without one the face is decoration (the name is printed beside it).
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let print = fingerprint(&avatar);
    if initials_only {
        let hidden = label.is_none().then_some("true");
        let role = label.is_some().then_some("img");
        view! {
            <span class="pupil-face" data-avatar="initials">
                <svg
                    class=format!("avatar {class}")
                    viewBox="0 0 100 100"
                    xmlns="http://www.w3.org/2000/svg"
                    role=role
                    aria-label=label
                    aria-hidden=hidden
                    focusable="false"
                >
                    <circle cx="50" cy="50" r="46" fill="#dfe6e9" stroke="#2d3436" stroke-width="3"/>
                    <text
                        x="50"
                        y="52"
                        text-anchor="middle"
                        dominant-baseline="central"
                        font-size="38"
                        font-weight="700"
                        fill="#2d3436"
                    >
                        {initials(&name)}
                    </text>
                </svg>
            </span>
        }
        .into_any()
    } else {
        match label {
            Some(label) => view! {
                <span class="pupil-face" data-avatar=print>
                    <Avatar avatar=avatar label=label class=class/>
                </span>
            }
            .into_any(),
            None => view! {
                <span class="pupil-face" data-avatar=print>
                    <Avatar avatar=avatar class=class/>
                </span>
            }
            .into_any(),
        }
    }
}
