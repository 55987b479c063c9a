//! One child on their parent's home screen: their monster (or initials, if the school prefers), name, class
//! and teacher.

use hometime_api::ChildSummary;
use leptos::prelude::*;

use crate::components::message_start_button::MessageStartButton;
use crate::components::pupil_face::PupilFace;

#[component]
pub fn ChildCard(
    child: ChildSummary,
    /// The school shows initials instead of avatars.
    initials_only: bool,
) -> impl IntoView {
    let teacher = child
        .teacher_name
        .clone()
        .unwrap_or_else(|| "to be confirmed".to_owned());
    view! {
        <li class="card child-card">
            <PupilFace
                avatar=child.avatar.clone()
                name=child.name.clone()
                initials_only=initials_only
                class="avatar-medium"
            />
            <div class="card-body">
                <h2 class="card-title">{child.name.clone()}</h2>
                <dl class="facts">
                    <div>
                        <dt>"Class"</dt>
                        <dd>{child.class_name.clone()}</dd>
                    </div>
                    <div>
                        <dt>"Teacher"</dt>
                        <dd>{teacher}</dd>
                    </div>
                </dl>
                <MessageStartButton child=child.clone()/>
            </div>
        </li>
    }
}
