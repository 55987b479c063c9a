//! One policy finding under the composer: the flagged words quoted, the guidance in plain words, and its
//! action as a real control (a `tel:` or `mailto:` link, "Request a meeting", "Send privately to the
//! teacher instead", "Schedule for the next working morning", "Call 999"). An ambiguous name becomes a
//! question: "Is *Ruby* a pupil's name here?" [Yes, remove it] [No, it's a word].

use hometime_policy::{Action as PolicyAction, Context, Finding, RuleId, Severity};
use leptos::prelude::*;

use crate::components::composer::ComposerHandle;
use crate::composer_logic::{is_name_question, meeting_request, remove_span, tel_href};

#[component]
pub fn FindingItem(
    finding: Finding,
    /// The flagged words as they are in the draft now (empty for whole-message findings).
    words: String,
    handle: ComposerHandle,
    context: Context,
) -> impl IntoView {
    let class = match finding.severity {
        Severity::Block => "finding finding-block",
        Severity::Warn => "finding finding-warn",
        Severity::Info => "finding finding-info",
    };
    if is_name_question(&finding) {
        return name_question(finding, words, handle).into_any();
    }
    let quote = (!words.is_empty()).then(|| view! { <q class="finding-words">{words.clone()}</q> });
    let controls = controls(&finding, handle, context);
    let guidance = finding.guidance.clone();
    let body = if finding.severity == Severity::Info {
        view! { <p class="finding-guidance chip">{guidance}</p> }.into_any()
    } else {
        view! { <p class="finding-guidance">{quote} " " {guidance}</p> }.into_any()
    };
    view! {
        <li class=class data-rule=finding.rule.as_str()>
            {body}
            <div class="finding-controls">{controls}</div>
        </li>
    }
    .into_any()
}

fn name_question(finding: Finding, words: String, handle: ComposerHandle) -> impl IntoView {
    let for_remove = finding.clone();
    let word = words.clone();
    view! {
        <li class="finding finding-warn" data-rule=finding.rule.as_str()>
            <p class="finding-guidance">"Is " <em>{words.clone()}</em> " a pupil's name here?"</p>
            <p class="hint">{finding.guidance.clone()}</p>
            <div class="finding-controls">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        let f = for_remove.clone();
                        handle.draft.update(|d| *d = remove_span(d, &f));
                    }
                >
                    "Yes, remove it"
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| handle.suppressed.update(|s| s.add(&word))
                >
                    "No, it's a word"
                </button>
            </div>
        </li>
    }
}

fn send_privately_button(handle: ComposerHandle) -> Option<AnyView> {
    handle.send_privately.with_value(Option::is_some).then(|| {
        view! {
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    let draft = handle.draft.get_untracked();
                    if let Some(go) = handle.send_privately.get_value() {
                        go(draft);
                    }
                }
            >
                "Send privately to the teacher instead"
            </button>
        }
        .into_any()
    })
}

fn controls(finding: &Finding, handle: ComposerHandle, context: Context) -> Vec<AnyView> {
    let mut out = Vec::new();
    match finding.action.clone() {
        Some(PolicyAction::Phone { label, number }) => out.push(
            view! {
                <a class="button" href=tel_href(&number)>
                    {format!("{label}: {number}")}
                </a>
            }
            .into_any(),
        ),
        Some(PolicyAction::Email { address }) => out.push(
            view! {
                <a class="button" href=format!("mailto:{address}")>
                    {format!("Email {address}")}
                </a>
            }
            .into_any(),
        ),
        Some(PolicyAction::RequestMeeting) => out.push(
            view! {
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        let teacher = handle.teacher_name.get_value();
                        handle.draft.set(meeting_request(teacher.as_deref()));
                    }
                >
                    "Request a meeting"
                </button>
            }
            .into_any(),
        ),
        Some(PolicyAction::SendPrivately) => out.extend(send_privately_button(handle)),
        Some(PolicyAction::ScheduleForMorning) if context == Context::PrivateMessage => out.push(
            view! {
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || handle.schedule.get()
                        on:change=move |ev| handle.schedule.set(event_target_checked(&ev))
                    />
                    "Schedule for the next working morning"
                </label>
            }
            .into_any(),
        ),
        Some(PolicyAction::Call999 { dsl_number }) => {
            out.push(
                view! {
                    <a class="button button-danger" href="tel:999">
                        "Call 999"
                    </a>
                }
                .into_any(),
            );
            out.push(
                view! {
                    <a class="button" href=tel_href(&dsl_number)>
                        {format!("Phone the Designated Safeguarding Lead: {dsl_number}")}
                    </a>
                }
                .into_any(),
            );
        }
        Some(PolicyAction::RemoveSpan) if finding.start.is_some() => {
            let f = finding.clone();
            out.push(
                view! {
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            let f = f.clone();
                            handle.draft.update(|d| *d = remove_span(d, &f));
                        }
                    >
                        "Remove it"
                    </button>
                }
                .into_any(),
            );
        }
        _ => {}
    }
    // A child's name in class chat: the kind alternative is to say it to the teacher privately.
    if context == Context::ClassChat
        && finding.rule == RuleId::ChildNameShared
        && finding.action != Some(PolicyAction::SendPrivately)
    {
        out.extend(send_privately_button(handle));
    }
    out
}
