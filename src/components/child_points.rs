//! One child's points on their parent's home screen: totals, and the recent points with their notes
//! (positive and needs-work; only this child's family and staff ever see them).

use hometime_api::{ChildSummary, SkillKind};
use leptos::prelude::*;

use crate::api;
use crate::clock::{local_clock, local_day};
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;

/// How many recent points the card lists.
const SHOWN: usize = 8;

#[component]
pub fn ChildPoints(child: ChildSummary) -> impl IntoView {
    let id = child.id;
    let points = LocalResource::new(move || api::pupil_points(id));
    let heading_id = format!("points-{id}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="panel child-points" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{}'s points", child.name)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match points.await {
                        Ok(p) => view! {
                            <p class="lead">
                                {format!("{} positive", p.positive)}
                                {(p.needs_work > 0).then(|| format!(" · {} to work on", p.needs_work))}
                            </p>
                            <ul class="point-list">
                                {p.points
                                    .into_iter()
                                    .take(SHOWN)
                                    .map(|pt| {
                                        let needs_work = pt.kind == SkillKind::NeedsWork;
                                        let when = format!(
                                            "{} {}",
                                            local_day(&pt.awarded_at).unwrap_or_default(),
                                            local_clock(&pt.awarded_at).unwrap_or_default()
                                        );
                                        view! {
                                            <li class="point" class:point-needs-work=needs_work>
                                                <span aria-hidden="true">{if needs_work { "🔸 " } else { "⭐ " }}</span>
                                                <strong>{pt.skill_name}</strong>
                                                {needs_work.then_some(" (to work on)")}
                                                <span class="muted">{format!(" · {} · {}", pt.awarded_by, when)}</span>
                                                {pt.note.map(|n| view! { <p class="point-note">{n}</p> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
