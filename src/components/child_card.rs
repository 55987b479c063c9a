//! One child on their parent's home screen: their monster, name, class and teacher.

use hometime_api::ChildSummary;
use leptos::prelude::*;

use crate::components::avatar::Avatar;
use crate::components::message_start_button::MessageStartButton;

#[component]
pub fn ChildCard(child: ChildSummary) -> impl IntoView {
    let teacher = child
        .teacher_name
        .clone()
        .unwrap_or_else(|| "to be confirmed".to_owned());
    view! {
        <li class="card child-card">
            <Avatar avatar=child.avatar.clone() class="avatar-medium"/>
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
