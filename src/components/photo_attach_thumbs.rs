//! The photos sent with a private message, as thumbnails; tapping one opens the display-size image in a
//! modal `<dialog>` (which keeps focus inside and closes on Escape). There is no download control, and the
//! images cannot be dragged out: what is sent here stays here. The URLs are the server's authorised photo
//! handler, which only the thread's parent and its staff can open.

use hometime_api::PhotoView;
use leptos::prelude::*;

use crate::components::photo_grid::{GridClasses, PhotoGrid, Thumb};
use crate::photo_logic::alt_text;

#[component]
pub fn PhotoAttachThumbs(
    photos: Vec<PhotoView>,
    /// Who sent them, for the alternative text ("Photo 1 of 2 from Sam Fisher").
    from: String,
) -> impl IntoView {
    let total = photos.len();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The photo open in the dialog: its display URL and alternative text.
    let open = RwSignal::new(None::<(String, String)>);
    let show = move |url: String, alt: String| {
        open.set(Some((url, alt)));
        if let Some(d) = dialog.get() {
            // Fails only if it is already open, in which case the new photo simply replaces the old.
            let _ = d.show_modal();
        }
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let thumbs: Vec<Thumb> = photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let alt = alt_text(i, total, &from);
            Thumb {
                url: p.thumb_url.clone(),
                label: format!("Open {}", alt.replacen("Photo", "photo", 1)),
                alt,
            }
        })
        .collect();
    // The display-size photo and its words, by position, for the dialog.
    let big = StoredValue::new(
        photos
            .into_iter()
            .zip(&thumbs)
            .map(|(p, t)| (p.url, t.alt.clone()))
            .collect::<Vec<_>>(),
    );
    let on_open = Callback::new(move |i: usize| {
        if let Some((url, alt)) = big.with_value(|b| b.get(i).cloned()) {
            show(url, alt);
        }
    });
    let classes = GridClasses {
        list: "message-photos",
        item: Some("message-photo"),
        button: "message-photo-button",
        image: None,
    };
    view! {
        <PhotoGrid thumbs=thumbs classes=classes on_open=on_open/>
        <dialog
            class="photo-dialog"
            node_ref=dialog
            aria-label=move || open.with(|o| o.as_ref().map(|(_, alt)| alt.clone()).unwrap_or_default())
            on:close=move |_| open.set(None)
            on:click=move |ev| {
                // A tap on the backdrop (the dialog itself, outside the image) closes it.
                if ev.target() == ev.current_target() {
                    close();
                }
            }
        >
            {move || {
                open.get()
                    .map(|(url, alt)| {
                        view! {
                            <img
                                class="photo-dialog-image"
                                src=url
                                alt=alt
                                draggable="false"
                                on:contextmenu=|ev| ev.prevent_default()
                            />
                        }
                    })
            }}
            <button type="button" class="button photo-dialog-close" on:click=move |_| close()>
                "Close"
            </button>
        </dialog>
    }
}
