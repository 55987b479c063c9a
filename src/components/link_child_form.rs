//! A signed-in parent adds another child with a new invite code; their home screen updates straight away.

use hometime_api::LinkChildRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::text_field::TextField;
use crate::errors::{AppError, field_text};
use crate::forms::check_invite_code;
use crate::session::use_session;

const FIELDS: &[&str] = &["invite_code"];

#[component]
pub fn LinkChildForm() -> impl IntoView {
    let session = use_session();
    let invite_code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let linked = RwSignal::new(None::<String>);

    let link = Action::new_local(move |req: &LinkChildRequest| {
        let req = req.clone();
        async move {
            let before: Vec<_> = session
                .me()
                .map(|me| me.children.iter().map(|c| c.id).collect())
                .unwrap_or_default();
            match api::link_child(req).await {
                Ok(me) => {
                    let added = me
                        .children
                        .iter()
                        .find(|c| !before.contains(&c.id))
                        .map(|c| c.name.clone());
                    linked.set(Some(match added {
                        Some(name) => format!("Done! {name} is now linked to your account."),
                        None => "Done! Your child is now linked to your account.".to_owned(),
                    }));
                    invite_code.set(String::new());
                    session.signed_in(me);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let pending = link.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        linked.set(None);
        let code = invite_code.get_untracked().trim().to_owned();
        match check_invite_code(&code) {
            Err(problem) => error.set(Some(problem)),
            Ok(()) => {
                error.set(None);
                link.dispatch(LinkChildRequest { invite_code: code });
            }
        }
    };
    let field = Signal::derive(move || {
        error.with(|e| e.as_ref().and_then(|e| field_text(e, "invite_code")))
    });

    view! {
        <form class="form" on:submit=on_submit novalidate>
            {move || error.get().map(|e| view! { <ErrorNotice error=e fields=FIELDS/> })}
            {move || {
                linked.get().map(|text| view! { <p class="notice notice-success" role="status">{text}</p> })
            }}
            <TextField
                id="invite_code"
                label="Invite code for another child"
                hint="Ask your child's class teacher or the school office for a code."
                autocomplete="off"
                code=true
                value=invite_code
                error=field
            />
            <button type="submit" class="button button-primary" disabled=pending>
                {move || if pending.get() { "Linking…" } else { "Link child" }}
            </button>
        </form>
    }
}
