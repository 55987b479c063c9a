//! "Add photos" for a story: up to ten JPEG, PNG or WebP files, previewed on the device (object URLs,
//! nothing uploaded yet), each removable and each with its own tag picker and any problem the server
//! found with that file shown under it.

use hometime_api::{MAX_PHOTOS_PER_POST, PhotoTags, TagCandidate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::story_tag_picker::StoryTagPicker;
use crate::stories_logic::{set_no_pupils, toggle_tag};

/// A photo in a story draft: the file itself (kept until the post is stored, so nothing is lost on an
/// error), its preview URL, and who is in it.
#[derive(Clone, Debug)]
pub struct DraftPhoto {
    /// Stable across removals, for keyed rendering.
    pub key: u64,
    pub file: web_sys::File,
    pub preview: String,
    pub tags: PhotoTags,
}

impl DraftPhoto {
    /// Frees the preview's object URL; call when the photo leaves the draft.
    pub fn release(&self) {
        let _ = web_sys::Url::revoke_object_url(&self.preview);
    }
}

const ACCEPT: &str = "image/jpeg,image/png,image/webp";

#[component]
pub fn StoryPhotoPicker(
    photos: RwSignal<Vec<DraftPhoto>, LocalStorage>,
    candidates: Signal<Vec<TagCandidate>>,
    initials_only: bool,
    /// Problems with particular photos: (the photo's key, words). By key, so they stay with their photo
    /// when another is removed.
    errors: Signal<Vec<(u64, String)>>,
) -> impl IntoView {
    let next_key = StoredValue::new(0u64);
    let overflow = RwSignal::new(0usize);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let mut left_out = 0;
        if let Some(list) = input.files() {
            for i in 0..list.length() {
                let Some(file) = list.get(i) else { continue };
                if photos.with_untracked(Vec::len) >= MAX_PHOTOS_PER_POST {
                    left_out += 1;
                    continue;
                }
                let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
                let key = next_key.get_value();
                next_key.set_value(key + 1);
                photos.update(|p| {
                    p.push(DraftPhoto {
                        key,
                        file,
                        preview,
                        tags: PhotoTags::default(),
                    })
                });
            }
        }
        overflow.set(left_out);
        // Lets the same file be chosen again after it was removed.
        input.set_value("");
    };
    let index_of =
        move |key: u64| photos.with(|p| p.iter().position(|d| d.key == key).unwrap_or(0));
    let full = move || photos.with(|p| p.len() >= MAX_PHOTOS_PER_POST);

    view! {
        <div class="story-photo-picker">
            <ol class="story-draft-photos" aria-label="Photos you're adding">
                <For each=move || photos.get() key=|p| p.key let:photo>
                    {
                        let key = photo.key;
                        let tags = Signal::derive(move || {
                            photos
                                .with(|p| p.iter().find(|d| d.key == key).map(|d| d.tags.clone()))
                                .unwrap_or_default()
                        });
                        let on_toggle = Callback::new(move |pupil| {
                            photos.update(|p| {
                                if let Some(d) = p.iter_mut().find(|d| d.key == key) {
                                    toggle_tag(&mut d.tags, pupil);
                                }
                            })
                        });
                        let on_no_pupils = Callback::new(move |none| {
                            photos.update(|p| {
                                if let Some(d) = p.iter_mut().find(|d| d.key == key) {
                                    set_no_pupils(&mut d.tags, none);
                                }
                            })
                        });
                        let remove = move |_| {
                            photos.update(|p| {
                                if let Some(at) = p.iter().position(|d| d.key == key) {
                                    p.remove(at).release();
                                }
                            })
                        };
                        let index = index_of(key);
                        view! {
                            <li class="story-draft-photo">
                                <div class="story-draft-preview">
                                    <img
                                        class="story-image"
                                        src=photo.preview.clone()
                                        alt=move || format!("Photo {} you're adding", index_of(key) + 1)
                                        draggable="false"
                                    />
                                    <button type="button" class="button button-quiet" on:click=remove>
                                        {move || format!("Remove photo {}", index_of(key) + 1)}
                                    </button>
                                </div>
                                {move || {
                                    errors
                                        .get()
                                        .into_iter()
                                        .filter(|(k, _)| *k == key)
                                        .map(|(_, text)| view! { <p class="field-error" role="alert">{text}</p> })
                                        .collect_view()
                                }}
                                <StoryTagPicker
                                    index=index
                                    tags=tags
                                    candidates=candidates
                                    initials_only=initials_only
                                    on_toggle=on_toggle
                                    on_no_pupils=on_no_pupils
                                />
                            </li>
                        }
                    }
                </For>
            </ol>
            <p class="story-add-photos">
                <label class="button" class:disabled=full for="story-photos-input">
                    "Add photos"
                </label>
                <input
                    id="story-photos-input"
                    class="visually-hidden"
                    type="file"
                    accept=ACCEPT
                    multiple
                    disabled=full
                    on:change=on_change
                />
                <span class="hint">
                    {move || format!("{} of {MAX_PHOTOS_PER_POST} photos", photos.with(Vec::len))}
                </span>
            </p>
            {move || {
                let n = overflow.get();
                (n > 0)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert">
                                {format!(
                                    "A post can have up to {MAX_PHOTOS_PER_POST} photos, so {n} {} left out.",
                                    if n == 1 { "was" } else { "were" },
                                )}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
