//! The list of classes a member of staff teaches, read from `GET /classes`.

use leptos::prelude::*;

use crate::api;
use crate::components::class_card::ClassCard;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;

#[component]
pub fn TeacherClasses() -> impl IntoView {
    let classes = LocalResource::new(api::classes);
    view! {
        <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match classes.await {
                        Ok(list) if list.is_empty() => {
                            view! {
                                <p class="empty">"You don't have a class yet. The school office can set this up."</p>
                            }
                            .into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="cards" aria-label="Your classes">
                                    {list.into_iter().map(|c| view! { <ClassCard class=c/> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
    }
}
