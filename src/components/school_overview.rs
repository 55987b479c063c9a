//! The school at a glance, read from `GET /school/overview`: figures, classes, approvals and settings.

use hometime_api::SchoolOverview;
use leptos::prelude::*;

use crate::api;
use crate::components::approve_adult_form::ApproveAdultForm;
use crate::components::class_card::ClassCard;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::components::school_settings_list::SchoolSettingsList;

fn figures(o: &SchoolOverview) -> [(u32, &'static str); 4] {
    [
        (o.pupil_count, "pupils"),
        (o.linked_parent_count, "linked parents and carers"),
        (o.staff_count, "staff"),
        (
            u32::try_from(o.classes.len()).unwrap_or(u32::MAX),
            "classes",
        ),
    ]
}

#[component]
pub fn SchoolOverviewView() -> impl IntoView {
    let overview = LocalResource::new(api::overview);
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let o = match overview.await {
                    Ok(o) => o,
                    Err(e) => return view! { <ErrorNotice error=e/> }.into_any(),
                };
                view! {
                    <ul class="figures" aria-label="School figures">
                        {figures(&o)
                            .into_iter()
                            .map(|(n, what)| {
                                view! {
                                    <li class="figure">
                                        <span class="figure-number">{n}</span>
                                        <span class="figure-label">{what}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <section class="panel" aria-labelledby="classes-heading">
                        <h2 id="classes-heading">"Classes"</h2>
                        <ul class="cards">
                            {o.classes.iter().cloned().map(|c| view! { <ClassCard class=c/> }).collect_view()}
                        </ul>
                    </section>
                    <section class="panel" aria-labelledby="approve-heading">
                        <h2 id="approve-heading">"Approve an extra adult"</h2>
                        <p class="hint">
                            "Pupils can have two linked adults. In special circumstances you can allow one more."
                        </p>
                        <ApproveAdultForm classes=o.classes.clone()/>
                    </section>
                    <section class="panel" aria-labelledby="settings-heading">
                        <h2 id="settings-heading">"School settings"</h2>
                        <SchoolSettingsList settings=o.settings/>
                    </section>
                }
                .into_any()
            })}
        </Transition>
    }
}
