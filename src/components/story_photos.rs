//! A story's photos as a grid of thumbnails; tapping one opens it full size in the lightbox. Images carry
//! alt text ("Photo 2 of 3 from Mr Daly's post"), cannot be dragged out, and the long-press and
//! right-click menus are suppressed on them (the per-viewer watermark is the server's).

use hometime_api::PhotoView;
use leptos::prelude::*;

use crate::components::story_lightbox::StoryLightbox;
use crate::stories_logic::photo_alt;

#[component]
pub fn StoryPhotos(photos: Vec<PhotoView>, author: String) -> impl IntoView {
    let open = RwSignal::new(None::<usize>);
    let total = photos.len();
    let grid = match total {
        1 => "story-photo-grid story-photo-grid-one",
        2 => "story-photo-grid story-photo-grid-two",
        _ => "story-photo-grid",
    };
    let thumbs = photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let alt = photo_alt(i, total, &author);
            view! {
                <li>
                    <button
                        type="button"
                        class="story-thumb"
                        aria-label=format!("Open photo {} of {total} full size", i + 1)
                        on:click=move |_| open.set(Some(i))
                    >
                        <img
                            class="story-image"
                            src=p.thumb_url.clone()
                            alt=alt
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
        <ul class=grid aria-label="Photos">
            {thumbs}
        </ul>
        <StoryLightbox photos=photos author=author open=open/>
    }
}
