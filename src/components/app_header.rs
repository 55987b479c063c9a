//! The bar at the top of every screen: the school's name, who is signed in, and a way to sign out.

use leptos::prelude::*;

use crate::components::sign_out_button::SignOutButton;
use crate::session::use_session;

#[component]
pub fn AppHeader() -> impl IntoView {
    let session = use_session();
    let me = Memo::new(move |_| session.me());
    view! {
        <header class="app-header">
            <div class="app-header-inner">
                <p class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-text">
                        <span class="brand-name">"Hometime"</span>
                        {move || {
                            me.get()
                                .map(|me| view! { <span class="school-name">{me.school.name}</span> })
                        }}
                    </span>
                </p>
                {move || {
                    me.get()
                        .map(|me| {
                            view! {
                                <div class="who">
                                    <p class="who-name">
                                        <span class="visually-hidden">"Signed in as "</span>
                                        {me.display_name}
                                    </p>
                                    <SignOutButton/>
                                </div>
                            }
                        })
                }}
            </div>
        </header>
    }
}
