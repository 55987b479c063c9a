//! The three deterministic metadata rules: photos in shared spaces, photo consent, and recipients.

use crate::guidance::{Guidance, Variant};
use crate::vocab::{AuthorRole, Context, Finding, RuleId, Severity};

/// A pupil tagged in (or recognisably shown in) an attached photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedPupil {
    /// The name to show in guidance (the preferred first name).
    pub name: String,
    /// Whether the family gave photo consent.
    pub photo_consent: bool,
}

fn finding(g: &Guidance, rule: RuleId, role: AuthorRole, child: &str) -> Finding {
    Finding {
        rule,
        severity: Severity::Block,
        start: None,
        end: None,
        guidance: g.text(
            rule,
            Variant {
                staff: role.is_staff(),
                surname_only_mode: false,
            },
            child,
        ),
        action: g.action(rule, role),
    }
}

/// `photo-in-shared-space`: a parent attaching a photo where other families can see it (class chat,
/// or a comment on a class or school story).
#[must_use]
pub fn check_photo_in_shared_space(
    g: &Guidance,
    role: AuthorRole,
    context: Context,
    has_photo: bool,
) -> Option<Finding> {
    (has_photo && role == AuthorRole::Parent && context.is_shared())
        .then(|| finding(g, RuleId::PhotoInSharedSpace, role, ""))
}

/// `photo-consent`: staff posting a story photo that shows pupils without photo permission; one finding
/// per pupil so the UI can name each.
#[must_use]
pub fn check_photo_consent(
    g: &Guidance,
    role: AuthorRole,
    context: Context,
    tagged: &[TaggedPupil],
) -> Vec<Finding> {
    if !role.is_staff() || !context.is_story() {
        return Vec::new();
    }
    tagged
        .iter()
        .filter(|p| !p.photo_consent)
        .map(|p| finding(g, RuleId::PhotoConsent, role, &p.name))
        .collect()
}

/// `recipient-not-class-teacher`: a private message between a parent and anyone other than their
/// child's current class teacher (including cover). `is_class_teacher_thread` is the server's answer to
/// "does this thread link a parent of the child with the child's class teacher?".
#[must_use]
pub fn check_recipient(
    g: &Guidance,
    role: AuthorRole,
    context: Context,
    is_class_teacher_thread: bool,
) -> Option<Finding> {
    (!is_class_teacher_thread
        && context == Context::PrivateMessage
        && matches!(role, AuthorRole::Parent | AuthorRole::Teacher))
    .then(|| finding(g, RuleId::RecipientNotClassTeacher, role, ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Pack;

    fn guidance() -> Guidance {
        let pack = Pack::from_json(include_str!("../data/pack.json")).expect("pack");
        Guidance::new(&pack, "Mon–Fri 08:00–17:00".into())
    }

    #[test]
    fn photo_in_shared_space() {
        use AuthorRole::*;
        use Context::*;
        let cases: &[(AuthorRole, Context, bool, bool)] = &[
            (Parent, ClassChat, true, true),
            (Parent, ClassStory, true, true),
            (Parent, SchoolStory, true, true),
            (Parent, PrivateMessage, true, false),
            (Parent, ClassChat, false, false),
            (Teacher, ClassStory, true, false),
        ];
        let g = guidance();
        for &(role, ctx, photo, fires) in cases {
            let f = check_photo_in_shared_space(&g, role, ctx, photo);
            assert_eq!(f.is_some(), fires, "{role:?} {ctx:?} {photo}");
            if let Some(f) = f {
                assert_eq!(
                    (f.rule, f.severity, f.start),
                    (RuleId::PhotoInSharedSpace, Severity::Block, None)
                );
                assert!(f.guidance.contains("Hometime private messages"));
            }
        }
    }

    #[test]
    fn photo_consent() {
        use AuthorRole::*;
        use Context::*;
        let jade = TaggedPupil {
            name: "Jade".into(),
            photo_consent: false,
        };
        let ivy = TaggedPupil {
            name: "Ivy".into(),
            photo_consent: true,
        };
        let cases: &[(AuthorRole, Context, &[TaggedPupil], &[&str])] = &[
            (Teacher, ClassStory, &[], &[]),
            (Teacher, ClassStory, std::slice::from_ref(&ivy), &[]),
            (
                Teacher,
                ClassStory,
                &[ivy.clone(), jade.clone()],
                &["Jade doesn't have photo permission. Please remove them before posting."],
            ),
            (
                Staff,
                SchoolStory,
                std::slice::from_ref(&jade),
                &["Jade doesn't have photo permission. Please remove them before posting."],
            ),
            (Teacher, PrivateMessage, std::slice::from_ref(&jade), &[]),
            (Parent, ClassStory, std::slice::from_ref(&jade), &[]),
        ];
        let g = guidance();
        for (role, ctx, tagged, want) in cases {
            let got: Vec<String> = check_photo_consent(&g, *role, *ctx, tagged)
                .into_iter()
                .map(|f| f.guidance)
                .collect();
            assert_eq!(got, *want, "{role:?} {ctx:?}");
        }
    }

    #[test]
    fn recipient() {
        use AuthorRole::*;
        use Context::*;
        let cases: &[(AuthorRole, Context, bool, bool)] = &[
            (Parent, PrivateMessage, false, true),
            (Parent, PrivateMessage, true, false),
            (Teacher, PrivateMessage, false, true),
            (Staff, PrivateMessage, false, false),
            (Parent, ClassChat, false, false),
        ];
        let g = guidance();
        for &(role, ctx, ok, fires) in cases {
            assert_eq!(
                check_recipient(&g, role, ctx, ok).is_some(),
                fires,
                "{role:?} {ctx:?} {ok}"
            );
        }
    }
}
