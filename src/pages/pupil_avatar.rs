//! `/pupil/avatar`: the pupil changes their monster. The pupil app's second (and last) screen.

use leptos::prelude::*;

use crate::components::avatar_editor::AvatarEditor;
use crate::components::guard::Guard;
use crate::components::pupil_tabs::PupilTabs;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn PupilAvatarPage() -> impl IntoView {
    let session = use_session();
    // Read once: the editor owns the avatar while it is open (saving updates the session).
    // Read once: the editor owns the avatar while it is open, and saving does not touch the session.
    let initial = Memo::new(move |_| session.me().and_then(|me| me.pupil).map(|p| p.avatar));
    view! {
        <Guard route=AppRoute::PupilAvatar>
            <div class="page pupil-avatar">
                <h1>"My monster"</h1>
                {move || initial.get().map(|a| view! { <AvatarEditor initial=a/> })}
            </div>
            <PupilTabs current=AppRoute::PupilAvatar/>
        </Guard>
    }
}
