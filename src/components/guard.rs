//! Shows a screen only to the people it is for: while `GET /me` answers it waits, signed-out people are sent
//! to sign in, and someone who opens another role's screen is sent to their own home.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;

use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::routes::{AppRoute, Decision, decide};
use crate::session::use_session;

#[component]
pub fn Guard(
    route: AppRoute,
    /// What to show; `/` has nothing of its own, since it always redirects.
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let session = use_session();
    let decision = Memo::new(move |_| decide(route, session.view()));
    move || {
        if let Some(error) = session.failure() {
            return view! {
                <div class="page narrow">
                    <h1>"We can't connect right now"</h1>
                    <ErrorNotice error=error/>
                    <button type="button" class="button" on:click=move |_| session.retry()>
                        "Try again"
                    </button>
                </div>
            }
            .into_any();
        }
        match decision.get() {
            Decision::Wait => view! { <Loading/> }.into_any(),
            Decision::Show => children.as_ref().map(|c| c()).into_any(),
            Decision::Redirect(to) => view! {
                <Redirect
                    path=to.path()
                    options=NavigateOptions {
                        replace: true,
                        ..Default::default()
                    }
                />
            }
            .into_any(),
        }
    }
}
