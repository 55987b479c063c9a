//! Hometime's browser app: the router, the session context and the service worker registration. The screens
//! live in [`pages`], their parts in [`components`], and the logic they share in plain, natively tested
//! modules ([`routes`], [`errors`], [`forms`], [`format`]).

pub mod api;
pub mod clock;
pub mod components;
pub mod composer_logic;
pub mod errors;
pub mod format;
pub mod forms;
pub mod live;
pub mod pages;
pub mod photo_logic;
pub mod points_logic;
pub mod routes;
pub mod session;
pub mod stories_logic;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::components::app_header::AppHeader;
use crate::components::composer::DraftHandoff;
use crate::components::photo_attach::PhotoHandoff;
use crate::components::route_announcer::RouteAnnouncer;
use crate::live::provide_live;
use crate::pages::class::ClassPage;
use crate::pages::class_chat::ClassChatPage;
use crate::pages::consent::PhotoConsentPage;
use crate::pages::inbox::InboxPage;
use crate::pages::join::JoinPage;
use crate::pages::leader_home::LeaderHomePage;
use crate::pages::messages::MessagesPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::parent_home::ParentHomePage;
use crate::pages::points_class::PointsClassPage;
use crate::pages::points_display::PointsDisplayPage;
use crate::pages::pupil_avatar::PupilAvatarPage;
use crate::pages::pupil_home::PupilHomePage;
use crate::pages::pupil_sign_in::PupilSignInPage;
use crate::pages::root::RootPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::stories::StoriesPage;
use crate::pages::teacher_home::TeacherHomePage;
use crate::pages::thread::ThreadPage;
use crate::routes::seg;
use crate::session::Session;

/// The whole app. Provides the [`Session`] and routes every path in [`routes::AppRoute`].
#[component]
pub fn App() -> impl IntoView {
    provide_context(Session::new());
    // One live-updates stream per signed-in adult, and the hand-off of a class-chat draft to a private
    // thread (kept in memory on the device, never in the URL).
    provide_live(expect_context::<Session>());
    provide_context(DraftHandoff::default());
    provide_context(PhotoHandoff::default());
    view! { <Shell/> }
}

/// The layout and routes, given a [`Session`] in context (tests provide a fixed one).
#[component]
pub fn Shell() -> impl IntoView {
    view! {
        <Router>
            <RouteAnnouncer/>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <AppHeader/>
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=StaticSegment("") view=RootPage/>
                    <Route path=StaticSegment(seg::SIGN_IN) view=SignInPage/>
                    <Route path=StaticSegment(seg::JOIN) view=JoinPage/>
                    <Route path=StaticSegment(seg::PUPIL) view=PupilSignInPage/>
                    <Route path=(StaticSegment(seg::PUPIL), StaticSegment(seg::HOME)) view=PupilHomePage/>
                    <Route path=(StaticSegment(seg::PUPIL), StaticSegment(seg::AVATAR)) view=PupilAvatarPage/>
                    <Route path=StaticSegment(seg::PARENT) view=ParentHomePage/>
                    <Route path=StaticSegment(seg::TEACHER) view=TeacherHomePage/>
                    <Route
                        path=(
                            StaticSegment(seg::TEACHER),
                            StaticSegment(seg::CLASSES),
                            ParamSegment(seg::CLASS_ID_PARAM),
                        )
                        view=ClassPage
                    />
                    <Route
                        path=(
                            StaticSegment(seg::TEACHER),
                            StaticSegment(seg::CLASSES),
                            ParamSegment(seg::CLASS_ID_PARAM),
                            StaticSegment(seg::POINTS),
                        )
                        view=PointsClassPage
                    />
                    <Route
                        path=(
                            StaticSegment(seg::TEACHER),
                            StaticSegment(seg::CLASSES),
                            ParamSegment(seg::CLASS_ID_PARAM),
                            StaticSegment(seg::DISPLAY),
                        )
                        view=PointsDisplayPage
                    />
                    <Route path=StaticSegment(seg::MESSAGES) view=MessagesPage/>
                    <Route path=(StaticSegment(seg::MESSAGES), ParamSegment(seg::CLASS_ID_PARAM)) view=ThreadPage/>
                    <Route path=(StaticSegment(seg::CHAT), ParamSegment(seg::CLASS_ID_PARAM)) view=ClassChatPage/>
                    <Route path=(StaticSegment(seg::TEACHER), StaticSegment(seg::INBOX)) view=InboxPage/>
                    <Route path=StaticSegment(seg::LEADER) view=LeaderHomePage/>
                    <Route path=StaticSegment(seg::STORIES) view=StoriesPage/>
                    <Route path=(StaticSegment(seg::STORIES), StaticSegment(seg::SCHOOL)) view=StoriesPage/>
                    <Route
                        path=(StaticSegment(seg::STORIES), StaticSegment(seg::CLASS), ParamSegment(seg::CLASS_ID_PARAM))
                        view=StoriesPage
                    />
                    <Route path=StaticSegment(seg::PHOTO_CONSENT) view=PhotoConsentPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// Registers `/sw.js`, which caches the app shell so the app opens offline. Browsers without service workers
/// (or pages not served over https or from localhost) simply skip it.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = navigator.service_worker().register("/sw.js");
    // Called before the app mounts (and starts Leptos's executor), so it spawns on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            leptos::logging::warn!("service worker not registered: {e:?}");
        }
    });
}
