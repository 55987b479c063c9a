//! One story photo at display size, in a modal `<dialog>`: the browser keeps focus inside it while it is
//! open and closes it on Escape, and focus returns to the thumbnail that opened it. Previous and Next step
//! through the post's photos. There is no download control unless the school allows it
//! (`download_url`), and the image cannot be dragged out or long-pressed to save.

use hometime_api::PhotoView;
use leptos::prelude::*;

use crate::stories_logic::photo_alt;

#[component]
pub fn StoryLightbox(
    photos: Vec<PhotoView>,
    author: String,
    /// The photo shown (0-based); `None` while the lightbox is closed.
    open: RwSignal<Option<usize>>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let total = photos.len();
    let photos = StoredValue::new(photos);
    // The dialog's open state lives in the DOM (`showModal` is what makes the page behind it inert), so
    // this keeps it in step with the signal.
    Effect::new(move |_| {
        let shown = open.get().is_some();
        if let Some(d) = dialog.get() {
            if shown && !d.open() {
                let _ = d.show_modal();
            } else if !shown && d.open() {
                d.close();
            }
        }
    });
    let step = move |by: isize| {
        open.update(|o| {
            if let Some(i) = o {
                *i = (*i as isize + by).rem_euclid(total as isize) as usize;
            }
        });
    };
    let current = move || {
        open.get()
            .and_then(|i| photos.with_value(|p| p.get(i).cloned()))
    };
    let author_for_alt = author.clone();
    view! {
        <dialog
            class="story-lightbox"
            node_ref=dialog
            aria-label=format!("Photos from {author}'s post")
            // Escape: the browser closes the dialog; the signal follows.
            on:close=move |_| open.set(None)
        >
            {move || {
                let alt_author = author_for_alt.clone();
                current()
                    .map(|p| {
                        let i = open.get().unwrap_or(0);
                        let download = p.download_url.clone();
                        view! {
                            <figure class="story-lightbox-figure">
                                <img
                                    class="story-image story-lightbox-image"
                                    src=p.url.clone()
                                    alt=photo_alt(i, total, &alt_author)
                                    width=p.width.to_string()
                                    height=p.height.to_string()
                                    draggable="false"
                                    on:contextmenu=|ev| ev.prevent_default()
                                />
                                <figcaption>{format!("Photo {} of {total}", i + 1)}</figcaption>
                            </figure>
                            <div class="story-lightbox-controls">
                                {(total > 1)
                                    .then(|| {
                                        view! {
                                            <button type="button" class="button" on:click=move |_| step(-1)>
                                                "Previous"
                                            </button>
                                            <button type="button" class="button" on:click=move |_| step(1)>
                                                "Next"
                                            </button>
                                        }
                                    })}
                                {download
                                    .map(|href| {
                                        view! {
                                            <a class="button" href=href download="">
                                                "Download"
                                            </a>
                                        }
                                    })}
                                <button
                                    type="button"
                                    class="button button-primary"
                                    autofocus
                                    on:click=move |_| open.set(None)
                                >
                                    "Close"
                                </button>
                            </div>
                        }
                    })
            }}
        </dialog>
    }
}
