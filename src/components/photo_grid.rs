//! Photo thumbnails as a list of buttons, each opening its photo in the caller's viewer (the message
//! photo dialog, the story lightbox). Message photos and story photos share it so both keep the same
//! protections: alternative text on every image, lazy loading, no dragging the image out, and no
//! long-press or right-click menu on it.

use leptos::prelude::*;

/// One thumbnail: its URL, its alternative text, and the label of the button that opens the photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thumb {
    pub url: String,
    pub alt: String,
    pub label: String,
}

/// Class names of the list, its items, the buttons and the images (messages and stories are styled
/// differently; `None` leaves the element without a class).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridClasses {
    pub list: &'static str,
    pub item: Option<&'static str>,
    pub button: &'static str,
    pub image: Option<&'static str>,
}

#[component]
pub fn PhotoGrid(
    thumbs: Vec<Thumb>,
    classes: GridClasses,
    /// Opens the photo at this position.
    on_open: Callback<usize>,
) -> impl IntoView {
    let items = thumbs
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            view! {
                <li class=classes.item>
                    <button
                        type="button"
                        class=classes.button
                        aria-label=t.label
                        on:click=move |_| on_open.run(i)
                    >
                        <img
                            class=classes.image
                            src=t.url
                            alt=t.alt
                            loading="lazy"
                            draggable="false"
                            on:contextmenu=|ev| ev.prevent_default()
                        />
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class=classes.list aria-label="Photos">
            {items}
        </ul>
    }
}
