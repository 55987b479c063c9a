//! A pupil's photo standing as a small badge: "Can be shown", "No photo permission", "Not asked yet" or
//! "Never shown". The same words wherever staff see who may be in a photo (the consent page, tag pickers).

use hometime_api::ShowStatus;
use leptos::prelude::*;

use crate::photo_logic::status_label;

#[component]
pub fn ConsentBadge(status: ShowStatus) -> impl IntoView {
    let class = match status {
        ShowStatus::MayBeShown => "consent-badge consent-badge-yes",
        ShowStatus::NoConsent | ShowStatus::ConsentNotAsked => "consent-badge consent-badge-no",
        ShowStatus::NeverShown => "consent-badge consent-badge-never",
    };
    view! { <span class=class>{status_label(status)}</span> }
}
