//! One pupil in a class list: who they are, how many adults are linked, an invite button, and (for their
//! teachers) a button to message each linked parent.

use hometime_api::PupilRow;
use leptos::prelude::*;

use crate::components::avatar::Avatar;
use crate::components::invite_parent_button::InviteParentButton;
use crate::components::message_parent_button::MessageParentButton;
use crate::format::linked_adults;

/// "Ivy Fisher", or "Jo (Joanna) Bell" when the pupil goes by another name.
pub fn pupil_full_name(p: &PupilRow) -> String {
    if p.preferred_name.is_empty() || p.preferred_name == p.first_name {
        format!("{} {}", p.first_name, p.surname)
    } else {
        format!("{} ({}) {}", p.preferred_name, p.first_name, p.surname)
    }
}

#[component]
pub fn PupilListItem(
    pupil: PupilRow,
    /// Whether the viewer may start private threads with this class's parents.
    can_message: bool,
) -> impl IntoView {
    let name = pupil_full_name(&pupil);
    let messages = can_message.then(|| {
        pupil
            .parents
            .iter()
            .map(|parent| {
                view! {
                    <MessageParentButton
                        pupil=pupil.id
                        pupil_name=pupil.preferred_name.clone()
                        parent=parent.clone()
                    />
                }
            })
            .collect_view()
    });
    let full = pupil.linked_adults >= pupil.adult_limit;
    view! {
        <li class="pupil-row">
            <Avatar avatar=pupil.avatar.clone() class="avatar-small"/>
            <div class="pupil-row-main">
                <p class="pupil-name">{name.clone()}</p>
                <p class="pupil-meta">
                    "Linked adults: " {linked_adults(pupil.linked_adults, pupil.adult_limit)}
                    {full.then(|| view! { <span class="limit-badge">"Limit reached"</span> })}
                </p>
            </div>
            <InviteParentButton pupil=pupil.id pupil_name=name/>
            {messages}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hometime_api::Avatar as AvatarData;
    use hometime_domain::{ClassId, PupilId};

    #[test]
    fn preferred_names_are_shown_first() {
        let mut p = PupilRow {
            id: PupilId(1),
            class_id: ClassId(1),
            first_name: "Ivy".to_owned(),
            surname: "Fisher".to_owned(),
            preferred_name: "Ivy".to_owned(),
            avatar: AvatarData::default(),
            linked_adults: 2,
            adult_limit: 2,
            parents: Vec::new(),
        };
        assert_eq!(pupil_full_name(&p), "Ivy Fisher");
        p.first_name = "Joanna".to_owned();
        p.preferred_name = "Jo".to_owned();
        assert_eq!(pupil_full_name(&p), "Jo (Joanna) Fisher");
    }
}
