//! Reported class-chat messages for the school's leaders, newest first, from `GET /reports`: which class,
//! who reported it, why and when, whether the message has been removed, and a link to that class chat.

use hometime_api::MessageReport;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::clock::{local_clock, local_day};
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::routes::AppRoute;

/// When a report was made, in the device's local time: "7 December at 14:30".
fn reported_when(r: &MessageReport) -> String {
    match (local_day(&r.reported_at), local_clock(&r.reported_at)) {
        (Some(day), Some(time)) => format!("{day} at {time}"),
        _ => r.reported_at.clone(),
    }
}

/// The line under a report: who reported it, when, and whether the message is still showing.
fn report_meta(r: &MessageReport, when: &str) -> String {
    let state = if r.message_removed {
        "Message removed"
    } else {
        "Message still showing"
    };
    format!("Reported by {} on {when}. {state}.", r.reporter_name)
}

#[component]
pub fn ReportsList() -> impl IntoView {
    let reports = LocalResource::new(api::reports);
    view! {
        <section class="panel" aria-labelledby="reports-heading">
            <h2 id="reports-heading">"Reported messages"</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let list = match reports.await {
                        Ok(list) => list,
                        Err(e) => return view! { <ErrorNotice error=e/> }.into_any(),
                    };
                    if list.is_empty() {
                        return view! {
                            <p class="hint">"No class-chat messages have been reported."</p>
                        }
                            .into_any();
                    }
                    view! {
                        <ul class="thread-list" aria-label="Reported messages">
                            {list
                                .into_iter()
                                .map(|r| {
                                    let meta = report_meta(&r, &reported_when(&r));
                                    view! {
                                        <li class="card thread-card">
                                            <p class="thread-title">
                                                <strong>{r.class_name.clone()}</strong>
                                            </p>
                                            <p>"Reason: " {r.reason.clone()}</p>
                                            <p class="card-meta">{meta}</p>
                                            <A
                                                href=AppRoute::ClassChat(r.class_id).path()
                                                attr:class="thread-link"
                                            >
                                                {format!("Open {} chat", r.class_name)}
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                })}
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use hometime_domain::ClassId;

    use super::*;

    fn report(removed: bool) -> MessageReport {
        MessageReport {
            id: 1,
            message_id: 2,
            class_id: ClassId(3),
            class_name: "Kestrel".to_owned(),
            reporter_name: "Sam Fisher".to_owned(),
            reason: "Unkind".to_owned(),
            reported_at: "not a time".to_owned(),
            message_removed: removed,
        }
    }

    #[test]
    fn the_meta_line_names_the_reporter_and_whether_the_message_was_removed() {
        assert_eq!(
            report_meta(&report(false), "7 December at 14:30"),
            "Reported by Sam Fisher on 7 December at 14:30. Message still showing."
        );
        assert!(report_meta(&report(true), "today").ends_with("Message removed."));
    }
}
