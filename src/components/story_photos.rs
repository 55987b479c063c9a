//! A story's photos as a grid of thumbnails; tapping one opens it full size in the lightbox. Images carry
//! alt text ("Photo 2 of 3 from Mr Daly's post"), cannot be dragged out, and the long-press and
//! right-click menus are suppressed on them (the per-viewer watermark is the server's).

use hometime_api::PhotoView;
use leptos::prelude::*;

use crate::components::photo_grid::{GridClasses, PhotoGrid, Thumb};
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
        .map(|(i, p)| Thumb {
            url: p.thumb_url.clone(),
            alt: photo_alt(i, total, &author),
            label: format!("Open photo {} of {total} full size", i + 1),
        })
        .collect();
    let classes = GridClasses {
        list: grid,
        item: None,
        button: "story-thumb",
        image: Some("story-image"),
    };
    view! {
        <PhotoGrid thumbs=thumbs classes=classes on_open=Callback::new(move |i| open.set(Some(i)))/>
        <StoryLightbox photos=photos author=author open=open/>
    }
}
