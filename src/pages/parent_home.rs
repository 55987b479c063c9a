//! `/parent`: a parent's or carer's children, and a way to link another child.

use leptos::prelude::*;

use crate::components::child_card::ChildCard;
use crate::components::child_points::ChildPoints;
use crate::components::guard::Guard;
use crate::components::link_child_form::LinkChildForm;
use crate::components::message_nav::MessageNav;
use crate::routes::AppRoute;
use crate::session::use_session;

#[component]
pub fn ParentHomePage() -> impl IntoView {
    let session = use_session();
    let children = Memo::new(move |_| session.me().map(|me| me.children).unwrap_or_default());
    let initials_only = Memo::new(move |_| session.me().is_some_and(|me| me.school.show_initials));
    view! {
        <Guard route=AppRoute::ParentHome>
            <div class="page">
                <h1>"Your children"</h1>
                <MessageNav/>
                {move || {
                    let list = children.get();
                    if list.is_empty() {
                        view! {
                            <p class="empty">"No children are linked to your account yet. Add one with an invite code below."</p>
                        }
                        .into_any()
                    } else {
                        view! {
                            <ul class="cards" aria-label="Your children">
                                {list
                                    .into_iter()
                                    .map(|child| {
                                        view! {
                                            <ChildCard child=child initials_only=initials_only.get()/>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
                {move || children.get().into_iter().map(|child| view! { <ChildPoints child=child/> }).collect_view()}
                <section class="panel" aria-labelledby="link-child-heading">
                    <h2 id="link-child-heading">"Link another child"</h2>
                    <LinkChildForm/>
                </section>
            </div>
        </Guard>
    }
}
