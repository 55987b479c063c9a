//! Writing a story (staff): text checked by the school's policy engine on every keystroke, photos added
//! and previewed on the device, and each photo's tags. The engine runs with the photos' tags
//! (`PhotoFacts`), so tagging a child who may not be shown stops a shared post at once, naming the
//! child, and offers the private route ("Share privately with the families of X and Y instead") after a
//! confirmation that says exactly who will see it. Posting sends one `multipart/form-data` request; on
//! any error the whole draft (text, photos, tags) stays, with the server's findings or the problem under
//! the photo it is about.

use hometime_api::{ErrorCode, Me, NewStory, PhotoTags, TagCandidate};
use hometime_domain::{ClassId, PupilId};
use hometime_policy::{RuleId, Severity};
use leptos::prelude::*;

use crate::api;
use crate::components::composer::{
    ComposerHandle, DraftFindings, finding_list, marked_text, school_now,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::components::story_photo_picker::{DraftPhoto, StoryPhotoPicker};
use crate::composer_logic::{SendState, Suppressions, acknowledgements, block_reason, from_server};
use crate::errors::{AppError, error_text, other_field_texts};
use crate::stories_logic::{
    ChosenPhoto, FeedFilter, PackSource, PrivateShare, StoryChecker, author_role, blocking_pupils,
    check_before_send, join_names, pack_with_consent, photo_error_text, photo_index,
    photos_needing_tags, private_confirmation, private_share, private_share_label, tagged_pupils,
};

fn tags_of(photos: &[DraftPhoto]) -> Vec<PhotoTags> {
    photos.iter().map(|p| p.tags.clone()).collect()
}

#[component]
pub fn StoryComposer(filter: FeedFilter, me: Me, on_posted: Callback<()>) -> impl IntoView {
    let role = author_role(&me, filter);
    let context = filter.context();
    let class_id = match filter {
        FeedFilter::Class(id) => Some(id),
        _ => None,
    };
    let initials_only = me.school.show_initials;
    let where_to = match filter {
        FeedFilter::Class(id) => me.classes.iter().find(|c| c.id == id).map_or_else(
            || "the Class Story".to_owned(),
            |c| format!("the {} Class Story", c.name),
        ),
        _ => "the School Story".to_owned(),
    };

    // Whose pupils the tag picker shows: the story's class, or for the School Story a class chosen from
    // the school's.
    let school_classes = LocalResource::new(move || async move {
        if class_id.is_some() {
            Ok(Vec::new())
        } else {
            api::classes().await
        }
    });
    let tag_class = RwSignal::new(class_id);
    Effect::new(move |_| {
        if tag_class.get_untracked().is_none()
            && let Some(Ok(list)) = school_classes.get()
            && let Some(first) = list.first()
        {
            tag_class.set(Some(first.id));
        }
    });
    // The pack and the tag candidates, read together: the engine needs each pupil's permission. A Class
    // Story is checked with its class's pack; the School Story with the whole school's, as the server
    // checks it (every family sees it).
    let source = class_id.map_or(PackSource::School, PackSource::Class);
    let ready = LocalResource::new(move || {
        let class = tag_class.get();
        async move {
            let Some(class) = class else {
                return Ok(None);
            };
            let pack = api::story_pack(source).await?;
            let candidates = api::tag_candidates(class).await?;
            Ok::<_, AppError>(Some((pack, candidates)))
        }
    });
    // Every candidate read so far: a School Story may tag pupils of several classes.
    let known = RwSignal::new(Vec::<TagCandidate>::new());
    let checker = RwSignal::new(None::<StoryChecker>);
    let setup_error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| match ready.get() {
        Some(Ok(Some((pack, candidates)))) => {
            known.update(|k| {
                for c in candidates {
                    match k.iter_mut().find(|x| x.pupil_id == c.pupil_id) {
                        Some(x) => *x = c,
                        None => k.push(c),
                    }
                }
            });
            let pack = pack_with_consent(&pack, &known.get_untracked());
            match StoryChecker::new(&pack) {
                Ok(c) => checker.set(Some(c)),
                Err(_) => setup_error.set(Some(AppError::BadResponse(200))),
            }
        }
        Some(Err(e)) => setup_error.set(Some(e)),
        _ => {}
    });
    let candidates = Signal::derive(move || {
        ready
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|(_, c)| c)
            .unwrap_or_default()
    });

    let draft = RwSignal::new(String::new());
    let photos = RwSignal::new_local(Vec::<DraftPhoto>::new());
    on_cleanup(move || {
        photos.with_untracked(|p| p.iter().for_each(DraftPhoto::release));
    });
    let handle = ComposerHandle {
        draft,
        suppressed: RwSignal::new(Suppressions::default()),
        schedule: RwSignal::new(false),
        teacher_name: StoredValue::new(None),
        send_privately: StoredValue::new_local(None),
    };

    let tags = Memo::new(move |_| photos.with(|p| tags_of(p)));
    let local = Memo::new(move |_| {
        let text = draft.get();
        let t = tags.get();
        checker.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                c.check(
                    role,
                    context,
                    &text,
                    &tagged_pupils(&t),
                    !t.is_empty(),
                    school_now(c.time_zone()),
                )
            })
        })
    });
    // The server's findings for what it refused are shown until the text changes.
    let DraftFindings {
        server,
        found,
        shown,
        state,
        marks,
    } = DraftFindings::new(draft, handle.suppressed, local);
    let untagged = Memo::new(move |_| tags.with(|t| photos_needing_tags(t)));
    let blocking_names = Memo::new(move |_| {
        let blocking = tags.with(|t| blocking_pupils(t, &known.get()));
        known.with(|k| {
            blocking
                .iter()
                .map(|p| {
                    k.iter()
                        .find(|c| c.pupil_id == *p)
                        .map_or_else(|| "A child".to_owned(), |c| c.preferred_name.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let share = Memo::new(move |_| tags.with(|t| known.with(|k| private_share(t, k))));
    // Blocks other than the photos' (a name in the text, say) stop the private route too.
    let text_blocked = Memo::new(move |_| {
        shown.with(|f| {
            f.iter()
                .any(|f| f.severity == Severity::Block && f.rule != RuleId::PhotoConsent)
        })
    });

    let error = RwSignal::new(None::<AppError>);
    let photo_errors = RwSignal::new(Vec::<(u64, String)>::new());
    let forbidden = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let posted = RwSignal::new(false);

    // The photos' files go with their keys, so a problem the server names by position lands under the
    // right photo even if another is removed afterwards.
    let by_key = move |keys: &[u64], fields: &[hometime_api::FieldError]| -> Vec<(u64, String)> {
        fields
            .iter()
            .filter_map(|f| {
                let key = keys.get(photo_index(&f.field)?)?;
                Some((*key, photo_error_text(f)))
            })
            .collect()
    };
    let action = Action::new_local(move |input: &(NewStory, Vec<web_sys::File>, Vec<u64>)| {
        let (story, files, keys) = input.clone();
        async move {
            match api::post_story(&story, &files).await {
                Ok(_) => {
                    photos.update(|p| {
                        p.iter().for_each(DraftPhoto::release);
                        p.clear();
                    });
                    draft.set(String::new());
                    handle.suppressed.set(Suppressions::default());
                    server.set(None);
                    error.set(None);
                    photo_errors.set(Vec::new());
                    confirming.set(false);
                    posted.set(true);
                    on_posted.run(());
                }
                Err(e) => {
                    if let AppError::Api(api) = &e {
                        if api.code == ErrorCode::PolicyBlocked {
                            server.set(Some((story.body.clone(), from_server(&api.findings))));
                        }
                        if api.code == ErrorCode::Forbidden {
                            forbidden.set(true);
                        }
                    }
                    photo_errors.set(by_key(&keys, e.fields()));
                    confirming.set(false);
                    error.set(Some(e));
                }
            }
        }
    });
    let pending = action.pending();

    let post = move |private_to: Vec<PupilId>| {
        if pending.get_untracked() {
            return;
        }
        let body = draft.get_untracked();
        let list = photos.get_untracked();
        let photo_tags = tags_of(&list);
        let chosen: Vec<ChosenPhoto> = list
            .iter()
            .map(|d| ChosenPhoto {
                size: d.file.size() as u64,
            })
            .collect();
        posted.set(false);
        let problems = check_before_send(&body, &chosen, &photo_tags, private_to.is_empty());
        if !problems.is_empty() {
            let keys: Vec<u64> = list.iter().map(|d| d.key).collect();
            photo_errors.set(by_key(&keys, &problems));
            error.set(Some(AppError::invalid_fields(problems)));
            return;
        }
        error.set(None);
        photo_errors.set(Vec::new());
        let story = NewStory {
            class_id,
            body,
            photos: photo_tags,
            acknowledged: found.with_untracked(|f| acknowledgements(f)),
            private_to,
        };
        let keys = list.iter().map(|d| d.key).collect();
        action.dispatch((story, list.into_iter().map(|d| d.file).collect(), keys));
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.get_untracked() == SendState::Blocked || !untagged.with_untracked(Vec::is_empty) {
            return;
        }
        post(Vec::new());
    };
    let empty = move || draft.with(|d| d.trim().is_empty()) && photos.with(Vec::is_empty);
    let disabled = move || {
        pending.get()
            || empty()
            || state.get() == SendState::Blocked
            || !untagged.with(Vec::is_empty)
            || checker.with(Option::is_none)
    };
    let button_label = move || {
        if pending.get() {
            "Posting…"
        } else if matches!(state.get(), SendState::NeedsAcknowledgement(_)) {
            "Post anyway"
        } else {
            "Post"
        }
    };
    let reason = move || -> Option<String> {
        let names = blocking_names.get();
        if !names.is_empty() {
            return Some(format!(
                "Can't post this for every family: {} can't be shown in photos here.",
                join_names(&names)
            ));
        }
        if !untagged.with(Vec::is_empty) {
            return Some("Tag the children in every photo first.".to_owned());
        }
        shown.with(|f| block_reason(f)).map(str::to_owned)
    };

    let label = format!("Write a post for {where_to}");

    let class_picker = move || {
        class_id.is_none().then(|| {
            view! {
                <p class="story-tag-class">
                    <label for="story-tag-class">"Tag children from"</label>
                    " "
                    <select
                        id="story-tag-class"
                        on:change=move |ev| {
                            tag_class.set(event_target_value(&ev).parse().ok().map(ClassId));
                        }
                    >
                        {move || {
                            school_classes
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|c| {
                                    let id = c.id;
                                    view! {
                                        <option
                                            value=id.to_string()
                                            selected=move || tag_class.get() == Some(id)
                                        >
                                            {c.name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </p>
            }
        })
    };

    let private_route = move || {
        if text_blocked.get() {
            return None;
        }
        Some(match share.get() {
            PrivateShare::NotNeeded => return None,
            PrivateShare::To { pupils, names } => {
                let confirm_text = private_confirmation(&names);
                let label = private_share_label(&names);
                if confirming.get() {
                    let pupils = pupils.clone();
                    view! {
                        <div class="confirm story-private-confirm" role="group" aria-label="Share privately?">
                            <p>{confirm_text}</p>
                            <button
                                type="button"
                                class="button button-primary"
                                disabled=move || pending.get()
                                on:click=move |_| post(pupils.clone())
                            >
                                {move || if pending.get() { "Posting…" } else { "Yes, share privately" }}
                            </button>
                            " "
                            <button type="button" class="button button-quiet" on:click=move |_| confirming.set(false)>
                                "Cancel"
                            </button>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button story-private-button"
                            disabled=move || !untagged.with(Vec::is_empty)
                            on:click=move |_| confirming.set(true)
                        >
                            {label}
                        </button>
                    }
                        .into_any()
                }
            }
            PrivateShare::NeverShown { names } => view! {
                <p class="story-private-note">
                    {format!(
                        "{} can never appear in photos, not even shared privately. Please remove the photo they're in.",
                        join_names(&names),
                    )}
                </p>
            }
                .into_any(),
            PrivateShare::NobodyToShareWith => view! {
                <p class="story-private-note">
                    "Nobody tagged in these photos can be shown, so there is no family to share them with. Please remove the photos or choose others."
                </p>
            }
                .into_any(),
        })
    };

    view! {
        <section class="panel story-composer" aria-labelledby="story-composer-heading">
            <h2 id="story-composer-heading">"New post"</h2>
            {move || {
                forbidden
                    .get()
                    .then(|| {
                        view! {
                            <p class="notice">
                                "You can't post here. If you think you should be able to, please ask a school leader."
                            </p>
                        }
                    })
            }}
            <form class="composer" class:hidden=move || forbidden.get() on:submit=submit>
                <label for="story-text" class="composer-label">
                    {label}
                </label>
                {marked_text(
                    "story-text".to_owned(),
                    hometime_api::MAX_STORY_CHARS,
                    "story-findings story-reason".to_owned(),
                    draft,
                    marks,
                )}
                {class_picker}
                <StoryPhotoPicker
                    photos=photos
                    candidates=candidates
                    initials_only=initials_only
                    errors=Signal::derive(move || photo_errors.get())
                />
                {move || {
                    (tag_class.get().is_some() && checker.with(Option::is_none) && setup_error.with(Option::is_none))
                        .then(|| view! { <Loading text="Getting the checker ready…"/> })
                }}
                {move || setup_error.get().map(|e| view! { <ErrorNotice error=e/> })}
                <div id="story-findings" class="findings" aria-live="polite">
                    {finding_list(draft, shown, handle, context, "Before you post")}
                    {private_route}
                </div>
                {move || {
                    error
                        .get()
                        .map(|e| {
                            // Problems with one photo are shown under that photo; the rest here.
                            let photo_fields: Vec<&str> = e
                                .fields()
                                .iter()
                                .filter(|f| photo_index(&f.field).is_some())
                                .map(|f| f.field.as_str())
                                .collect();
                            let others = other_field_texts(&e, &photo_fields);
                            view! {
                                <div class="notice notice-error" role="alert">
                                    <p>{error_text(&e)}</p>
                                    {(!others.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul>
                                                    {others.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                                                </ul>
                                            }
                                        })}
                                </div>
                            }
                        })
                }}
                {move || {
                    posted.get().then(|| view! { <p class="notice notice-success" role="status">"Posted."</p> })
                }}
                <div class="composer-actions">
                    <button type="submit" class="button button-primary" disabled=disabled>
                        {button_label}
                    </button>
                    <p id="story-reason" class="composer-reason">
                        {reason}
                    </p>
                </div>
            </form>
        </section>
    }
}
