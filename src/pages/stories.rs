//! `/stories`, `/stories/school` and `/stories/class/:id`: the feeds. Families see the School Story and
//! their children's Class Stories together, newest first, with a filter (All, School Story, each child's
//! class); staff see the School Story and their classes' stories. Each filter is a link, so the back
//! button and shared links work. Staff who may post on the feed shown get the story composer above it.

use hometime_domain::Home;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::guard::Guard;
use crate::components::story_composer::StoryComposer;
use crate::components::story_list::StoryList;
use crate::routes::AppRoute;
use crate::session::use_session;
use crate::stories_logic::{FeedFilter, feed_filters, may_post};

#[component]
pub fn StoriesPage() -> impl IntoView {
    let location = use_location();
    let filter = Memo::new(move |_| {
        location
            .pathname
            .with(|p| AppRoute::parse(p).and_then(FeedFilter::of_route))
            .unwrap_or(FeedFilter::All)
    });
    let route = Memo::new(move |_| filter.get().route());
    move || {
        let route = route.get();
        view! {
            <Guard route=route>
                <StoriesView filter=filter.get_untracked()/>
            </Guard>
        }
    }
}

#[component]
fn StoriesView(filter: FeedFilter) -> impl IntoView {
    let session = use_session();
    let Some(me) = session.me() else {
        return ().into_any();
    };
    let filters = feed_filters(&me);
    let title = match filter {
        FeedFilter::All if me.home == Home::Parent => "Stories".to_owned(),
        FeedFilter::All => "All stories".to_owned(),
        _ => filters
            .iter()
            .find(|(f, _)| *f == filter)
            .map_or_else(|| "Class Story".to_owned(), |(_, l)| l.clone()),
    };
    let reload = RwSignal::new(0u32);
    let composer = may_post(&me, filter).then(|| {
        let on_posted = Callback::new(move |()| reload.update(|n| *n += 1));
        view! { <StoryComposer filter=filter me=me.clone() on_posted=on_posted/> }
    });
    let tabs = filters
        .into_iter()
        .map(|(f, label)| {
            // `exact`: `/stories` (All) is a prefix of every other filter's path.
            view! {
                <li>
                    <A href=f.route().path() exact=true attr:class="story-filter">
                        {label}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="page stories-page">
            <h1>{title}</h1>
            <nav class="story-filters" aria-label="Which stories">
                <ul>{tabs}</ul>
            </nav>
            <p class="story-stays-here">
                "What's posted here stays here — please don't share or screenshot families' photos."
            </p>
            {composer}
            <StoryList filter=filter me=me reload=reload/>
        </div>
    }
    .into_any()
}
