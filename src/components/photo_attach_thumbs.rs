//! The photos sent with a private message, as thumbnails; tapping one opens the display-size image in a
//! modal `<dialog>` (which keeps focus inside and closes on Escape). There is no download control, and the
//! images cannot be dragged out: what is sent here stays here. The URLs are the server's authorised photo
//! handler, which only the thread's parent and its staff can open.

use hometime_api::PhotoView;
use leptos::prelude::*;

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
    let thumbs = photos
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let alt = alt_text(i, total, &from);
            let label = format!("Open {}", alt.replacen("Photo", "photo", 1));
            let (url, big_alt) = (p.url.clone(), alt.clone());
            view! {
                <li class="message-photo">
                    <button
                        type="button"
                        class="message-photo-button"
                        aria-label=label
                        on:click=move |_| show(url.clone(), big_alt.clone())
                    >
                        <img
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
        <ul class="message-photos" aria-label="Photos">{thumbs}</ul>
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
