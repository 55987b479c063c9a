//! "Add photo" under a message: choose up to ten photos, see them as previews, remove any, and see at once
//! what the school's policy says about photos here (the engine's own words, e.g. that photos of children
//! can't go where other families see them, with "Send it privately to the teacher"). Files that can't be
//! used are named with the reason and never attached; the draft is never touched.
//!
//! The chosen files stay on the device (object URLs for the previews) until the writer presses Send. A
//! [`PhotoHandoff`] carries them, in memory only, from class chat to the private thread with the teacher.

use hometime_policy::Finding;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::photo_logic::{ACCEPT, FileInfo, admit, plural};

/// A photo chosen on this device, not yet sent.
#[derive(Clone, Debug)]
pub struct PickedPhoto {
    /// Keeps previews apart while others are added and removed.
    pub key: u32,
    pub file: web_sys::File,
    /// An object URL of the file, for the preview; revoked when the photo is removed or sent.
    pub preview: String,
}

/// The photos attached to one draft. `web_sys::File` lives on this thread only, hence local signals.
#[derive(Clone, Copy)]
pub struct Attachments {
    pub photos: RwSignal<Vec<PickedPhoto>, LocalStorage>,
    /// Why the last chosen files were not all attached, in words.
    pub refusals: RwSignal<Vec<String>>,
    next_key: StoredValue<u32>,
}

impl Attachments {
    /// Empty attachments, whose previews are released when the owning component goes away.
    pub fn new() -> Attachments {
        let a = Attachments {
            photos: RwSignal::new_local(Vec::new()),
            refusals: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        };
        on_cleanup(move || {
            if let Some(photos) = a.photos.try_get_untracked() {
                photos.iter().for_each(revoke);
            }
        });
        a
    }

    /// Attaches what can be attached of `files`, and says why the rest were not.
    pub fn add(&self, files: Vec<web_sys::File>) {
        let (names, types): (Vec<String>, Vec<String>) =
            files.iter().map(|f| (f.name(), f.type_())).unzip();
        let infos: Vec<FileInfo<'_>> = files
            .iter()
            .enumerate()
            .map(|(i, f)| FileInfo {
                name: &names[i],
                mime: &types[i],
                size: f.size() as u64,
            })
            .collect();
        let already = self.photos.with_untracked(Vec::len);
        let (taken, refused) = admit(already, &infos);
        self.refusals
            .set(refused.iter().map(|r| r.text()).collect());
        let mut added = Vec::new();
        for i in taken {
            let file = files[i].clone();
            let Ok(preview) = web_sys::Url::create_object_url_with_blob(&file) else {
                continue;
            };
            let key = self.next_key.get_value();
            self.next_key.set_value(key + 1);
            added.push(PickedPhoto { key, file, preview });
        }
        if !added.is_empty() {
            self.photos.update(|p| p.extend(added));
        }
    }

    pub fn remove(&self, key: u32) {
        self.photos.update(|p| {
            if let Some(i) = p.iter().position(|x| x.key == key) {
                revoke(&p.remove(i));
            }
        });
        self.refusals.set(Vec::new());
    }

    /// Forgets every photo (after a send, or when they go to the private thread).
    pub fn clear(&self) {
        self.photos.update(|p| p.drain(..).for_each(|x| revoke(&x)));
        self.refusals.set(Vec::new());
    }

    pub fn files(&self) -> Vec<web_sys::File> {
        self.photos
            .with_untracked(|p| p.iter().map(|x| x.file.clone()).collect())
    }

    pub fn count(&self) -> usize {
        self.photos.with(Vec::len)
    }
}

impl Default for Attachments {
    fn default() -> Self {
        Attachments::new()
    }
}

fn revoke(p: &PickedPhoto) {
    // Only frees memory; a failure leaves the preview until the page closes.
    let _ = web_sys::Url::revoke_object_url(&p.preview);
}

/// Photos chosen in class chat on their way to the private thread with the teacher. In memory on the
/// device only, never in the URL and never uploaded until the writer presses Send there.
#[derive(Clone, Copy)]
pub struct PhotoHandoff(pub RwSignal<Vec<web_sys::File>, LocalStorage>);

impl Default for PhotoHandoff {
    fn default() -> Self {
        PhotoHandoff(RwSignal::new_local(Vec::new()))
    }
}

/// The hand-off from context (a fresh, empty one outside the app, e.g. in component tests).
pub fn use_photo_handoff() -> PhotoHandoff {
    use_context::<PhotoHandoff>().unwrap_or_default()
}

fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn PhotoAttach(
    attachments: Attachments,
    /// The engine's findings about photos here (empty where photos are fine).
    findings: Signal<Vec<Finding>>,
    /// Opens the private thread with the teacher, carrying the photos (class chat, for parents).
    #[prop(default = None)]
    send_privately: Option<Callback<()>>,
    /// The photo the server refused (0-based), to mark its preview.
    #[prop(into)]
    refused: Signal<Option<usize>>,
    /// Prefix for element ids, unique on the page.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let input_id = format!("{id}-photo-input");
    let list_id = format!("{id}-photos");
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        attachments.add(chosen_files(&el));
        // Choosing the same file again must fire `change` again.
        el.set_value("");
    };
    let open_picker = move |_| {
        if let Some(el) = input.get() {
            el.click();
        }
    };
    let previews = move || {
        let total = attachments.count();
        attachments.photos.with(|photos| {
            photos
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let key = p.key;
                    let name = p.file.name();
                    let alt = if total > 1 {
                        format!("Photo {} of {total} to send: {name}", i + 1)
                    } else {
                        format!("Photo to send: {name}")
                    };
                    let is_refused = move || refused.get() == Some(i);
                    view! {
                        <li class="photo-preview" class:photo-preview-refused=is_refused>
                            <img src=p.preview.clone() alt=alt draggable="false"/>
                            {move || is_refused().then(|| view! {
                                <p class="photo-preview-problem">"This photo couldn't be used"</p>
                            })}
                            <button
                                type="button"
                                class="button button-quiet photo-remove"
                                aria-label=format!("Remove photo {} ({name})", i + 1)
                                on:click=move |_| attachments.remove(key)
                            >
                                "Remove"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let count_text = move || {
        let n = attachments.count();
        (n > 0).then(|| {
            format!(
                "{} attached (up to {}).",
                plural(n, "photo", "photos"),
                hometime_api::MAX_PHOTOS_PER_POST
            )
        })
    };
    let blocks = move || {
        findings
            .get()
            .into_iter()
            .map(|f| {
                let go = send_privately.map(|cb| {
                    view! {
                        <button type="button" class="button button-primary" on:click=move |_| cb.run(())>
                            "Send it privately to the teacher"
                        </button>
                    }
                });
                view! {
                    <div class="finding finding-block photo-block" role="alert" data-rule=f.rule.as_str()>
                        <p class="finding-guidance">{f.guidance.clone()}</p>
                        <p class="hint">"Nothing has been sent."</p>
                        <div class="finding-controls">
                            {go}
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| attachments.clear()
                            >
                                "Remove the photos"
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div class="photo-attach">
            <input
                id=input_id
                node_ref=input
                class="visually-hidden"
                type="file"
                accept=ACCEPT
                multiple
                tabindex="-1"
                aria-label="Choose photos"
                on:change=on_change
            />
            <button
                type="button"
                class="button photo-attach-button"
                aria-describedby=list_id.clone()
                on:click=open_picker
            >
                "Add photo"
            </button>
            <p class="hint photo-count" id=list_id.clone() aria-live="polite">{count_text}</p>
            {move || {
                let refusals = attachments.refusals.get();
                (!refusals.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice notice-error photo-refusals" role="alert">
                                {refusals.into_iter().map(|r| view! { <p>{r}</p> }).collect_view()}
                            </div>
                        }
                    })
            }}
            <ul class="photo-previews" aria-label="Photos to send">{previews}</ul>
            {blocks}
        </div>
    }
}
