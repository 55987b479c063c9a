//! One row per case for every rule: fires (with severity) or must not fire.

use chrono::NaiveDateTime;
use hometime_policy::{AuthorRole, Context, Draft, Engine, PhotoFacts, RuleId, Severity};
use serde_json::json;

use crate::engine_with;

const T: &str = "2025-03-12T10:15:00";

/// One case: role, context, text, child, send time, rule, expected severity (`None`: must not fire).
type Case<'a> = (
    AuthorRole,
    Context,
    &'a str,
    Option<&'a str>,
    &'a str,
    RuleId,
    Option<Severity>,
);

/// A guidance case: role, context, text, child, rule, expected guidance fragment.
type GuidanceCase<'a> = (
    AuthorRole,
    Context,
    &'a str,
    Option<&'a str>,
    RuleId,
    &'a str,
);

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").expect("time")
}

/// The one helper: checks `text` and asserts `rule` fires with `want` severity, or not at all (`None`).
fn check(engine: &Engine, row: &Case<'_>) {
    let (role, context, text, child, time, rule, want) = *row;
    let draft = Draft {
        role,
        context,
        text,
        child,
        sent_at: at(time),
        photos: None,
        recipient_is_class_teacher: None,
    };
    let got = engine
        .check(&draft)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.severity)
        .max();
    assert_eq!(got, want, "{rule} on {role:?}/{context:?}: {text:?}");
}

#[test]
fn rule_table() {
    use AuthorRole::{Parent, Pupil, Staff, Teacher};
    use Context::{
        BehaviourComment as Bc, ClassChat as Cc, ClassStory as Cs, PrivateMessage as Pm,
    };
    use RuleId as R;
    use Severity::{Block, Info, Warn};
    let rows: &[Case<'_>] = &[
        // child-name-shared
        (
            Parent,
            Cc,
            "Did Niamh leave her coat at ours?",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "Izzy had a great time",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "Lottie and Frankie were so sweet",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "is Chloe coming?",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "zuzia wojcik's party",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "the Fisher twins are lovely",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "Saorise's party is saturday",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        (
            Parent,
            Cc,
            "anyone know if Masons mum is coming",
            None,
            T,
            R::ChildNameShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "played with Ruby at the park",
            None,
            T,
            R::ChildNameShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "Ruby's mum said hi",
            None,
            T,
            R::ChildNameShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "a ruby necklace for her birthday",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "I love a mason jar",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "the autumn term starts soon",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "Mark the date!",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "it's so sunny today",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "Thanks Mr Daly and Mrs Carver",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "Mrs Hunter is running the stall",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "Robin class assembly was great",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "we're reading Harry Potter",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "we learnt about Ruby Bridges",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "signed by J. F. at the gate",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Cc,
            "Niamh is such a pretty name",
            None,
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Parent,
            Pm,
            "Niamh came for tea",
            Some("k05"),
            T,
            R::ChildNameShared,
            None,
        ),
        (
            Teacher,
            Cs,
            "Well done Kacper!",
            None,
            T,
            R::ChildNameShared,
            Some(Block),
        ),
        // other-child-named-private
        (
            Teacher,
            Pm,
            "He played nicely with Emeka today",
            Some("k05"),
            T,
            R::OtherChildNamedPrivate,
            Some(Warn),
        ),
        (
            Teacher,
            Pm,
            "Frankie worked hard today",
            Some("k05"),
            T,
            R::OtherChildNamedPrivate,
            None,
        ),
        (
            Parent,
            Pm,
            "Emeka was unkind to him",
            Some("k05"),
            T,
            R::OtherChildNamedPrivate,
            None,
        ),
        // contact-details-shared
        (
            Parent,
            Cc,
            "text me on 07700 900456",
            None,
            T,
            R::ContactDetailsShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "call +44 (0)7700 900456",
            None,
            T,
            R::ContactDetailsShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "oh seven seven double oh nine double oh four five six",
            None,
            T,
            R::ContactDetailsShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "email jo@example.com",
            None,
            T,
            R::ContactDetailsShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "party at 14 Maple Close",
            None,
            T,
            R::ContactDetailsShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "ring the office on 01632 960777",
            None,
            T,
            R::ContactDetailsShared,
            None,
        ),
        (
            Parent,
            Pm,
            "my new number is 07700 900456",
            Some("k05"),
            T,
            R::ContactDetailsShared,
            None,
        ),
        // sensitive-info-shared
        (
            Parent,
            Cc,
            "my son has ADHD so please be patient",
            None,
            T,
            R::SensitiveInfoShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "Ruby has been diagnosed with dyslexia",
            None,
            T,
            R::SensitiveInfoShared,
            Some(Block),
        ),
        (
            Teacher,
            Cs,
            "Reminder: keep children off for 48 hours after sickness",
            None,
            T,
            R::SensitiveInfoShared,
            None,
        ),
        // staff-confidential-detail (and safeguarding precedence)
        (
            Teacher,
            Pm,
            "The CAMHS referral has gone in",
            Some("k05"),
            T,
            R::StaffConfidentialDetail,
            Some(Warn),
        ),
        (
            Teacher,
            Cs,
            "friends with ADHD need patience",
            None,
            T,
            R::StaffConfidentialDetail,
            Some(Block),
        ),
        (
            Teacher,
            Pm,
            "He bumped his knee, ice pack applied",
            Some("k05"),
            T,
            R::StaffConfidentialDetail,
            None,
        ),
        (
            Staff,
            Pm,
            "The social worker visits Tuesday about the child protection plan",
            Some("k05"),
            T,
            R::StaffConfidentialDetail,
            None,
        ),
        // credential-shared
        (
            Parent,
            Cc,
            "the password is kestrel2025",
            None,
            T,
            R::CredentialShared,
            Some(Block),
        ),
        (
            Parent,
            Pm,
            "my login code is HT-4829-XK",
            Some("k05"),
            T,
            R::CredentialShared,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "I forgot my password again",
            None,
            T,
            R::CredentialShared,
            None,
        ),
        (
            Parent,
            Pm,
            "what is the dress code?",
            Some("k05"),
            T,
            R::CredentialShared,
            None,
        ),
        // external-sharing
        (
            Parent,
            Cc,
            "I've put them on my facebook",
            None,
            T,
            R::ExternalSharing,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "I screenshotted the story",
            None,
            T,
            R::ExternalSharing,
            Some(Warn),
        ),
        (
            Teacher,
            Cs,
            "Please don't share these photos on social media",
            None,
            T,
            R::ExternalSharing,
            None,
        ),
        // absence / sickness / pickup precedence
        (
            Parent,
            Pm,
            "she won't be in today",
            Some("k03"),
            T,
            R::AbsenceToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "dentist at 2 so I'll pick her up at 1.30",
            Some("k03"),
            T,
            R::AbsenceToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "dentist at 2 so I'll pick her up at 1.30",
            Some("k03"),
            T,
            R::PickupChangeToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "she was sad to miss the party",
            Some("k03"),
            T,
            R::AbsenceToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "he's been off his food",
            Some("k03"),
            T,
            R::AbsenceToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "he was sick last night but is coming in",
            Some("k03"),
            T,
            R::SicknessToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "she's just tired this week",
            Some("k03"),
            T,
            R::SicknessToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "I'm sick of losing jumpers",
            Some("k03"),
            T,
            R::SicknessToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "her nan is picking her up on Thursday",
            Some("k03"),
            T,
            R::PickupChangeToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "can he walk home on his own?",
            Some("k03"),
            T,
            R::PickupChangeToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "please make sure he brings his reading book home",
            Some("k03"),
            T,
            R::PickupChangeToOffice,
            None,
        ),
        (
            Teacher,
            Pm,
            "her nan is picking her up",
            Some("k03"),
            T,
            R::PickupChangeToOffice,
            None,
        ),
        // dinner / urgent / medication
        (
            Parent,
            Pm,
            "can he switch to packed lunch?",
            Some("k03"),
            T,
            R::DinnerEnquiryToOffice,
            Some(Info),
        ),
        (
            Parent,
            Pm,
            "did she eat her lunch today?",
            Some("k03"),
            T,
            R::DinnerEnquiryToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "URGENT please call me",
            Some("k03"),
            T,
            R::UrgentToPhone,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "my sister is picking him up today",
            Some("k03"),
            T,
            R::UrgentToPhone,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "she won't be in today",
            Some("k03"),
            T,
            R::UrgentToPhone,
            None,
        ),
        (
            Parent,
            Pm,
            "updating his emergency contact details",
            Some("k03"),
            T,
            R::UrgentToPhone,
            None,
        ),
        (
            Parent,
            Pm,
            "his inhaler dose has gone up",
            Some("k03"),
            T,
            R::MedicationToNursing,
            Some(Warn),
        ),
        // complaint / progress
        (
            Parent,
            Pm,
            "I want to make a formal complaint",
            Some("k03"),
            T,
            R::ComplaintToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "This is unacceptable, nobody told me",
            Some("k03"),
            T,
            R::ComplaintToOffice,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "no complaints here, she loves it",
            Some("k03"),
            T,
            R::ComplaintToOffice,
            None,
        ),
        (
            Teacher,
            Pm,
            "I'm sorry you feel that way, that's not what happened",
            Some("k03"),
            T,
            R::ComplaintToOffice,
            Some(Warn),
        ),
        (
            Teacher,
            Pm,
            "Complaints go through the complaints policy, please email the office",
            Some("k03"),
            T,
            R::ComplaintToOffice,
            None,
        ),
        (
            Parent,
            Pm,
            "how is she doing with her reading?",
            Some("k03"),
            T,
            R::ProgressToMeeting,
            Some(Info),
        ),
        (
            Parent,
            Pm,
            "can we arrange a meeting about her progress?",
            Some("k03"),
            T,
            R::ProgressToMeeting,
            None,
        ),
        // safeguarding
        (
            Parent,
            Pm,
            "someone at home grabbed him by the neck",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "she has a burn on her hand and won't say how",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "a bloke in a car keeps hanging round the gate watching the kids",
            None,
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "a man on roblox asked him to send pics and not tell us",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "she keeps scratching her arms with a blade",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Staff,
            Cs,
            "A man was seen trying to lure children into his car near the gate.",
            None,
            T,
            R::SafeguardingToDsl,
            Some(Block),
        ),
        (
            Parent,
            Pm,
            "he hurt his knee in the playground",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            None,
        ),
        (
            Parent,
            Pm,
            "my dad hit the roof when he saw the mess",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            None,
        ),
        (
            Teacher,
            Cs,
            "Online safety week: never send pictures to strangers.",
            None,
            T,
            R::SafeguardingToDsl,
            None,
        ),
        (
            Parent,
            Pm,
            "he plays minecraft with his cousins every weekend",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            None,
        ),
        (
            Parent,
            Pm,
            "her mum's boyfriend hit her with a belt",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "a strange man was asking kids their names",
            None,
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Teacher,
            Cs,
            "a stranger was seen approaching pupils",
            None,
            T,
            R::SafeguardingToDsl,
            Some(Block),
        ),
        (
            Teacher,
            Pm,
            "she says her dad hits her when he's drunk",
            Some("k03"),
            T,
            R::SafeguardingToDsl,
            Some(Warn),
        ),
        (
            Teacher,
            Cs,
            "online safety week: stranger danger",
            None,
            T,
            R::SafeguardingToDsl,
            None,
        ),
        // abusive-language
        (
            Parent,
            Pm,
            "what the f*ck",
            Some("k03"),
            T,
            R::AbusiveLanguage,
            Some(Block),
        ),
        (
            Parent,
            Pm,
            "bloody jumpers",
            Some("k03"),
            T,
            R::AbusiveLanguage,
            Some(Warn),
        ),
        (
            Parent,
            Pm,
            "a boy called him a retard",
            Some("k03"),
            T,
            R::AbusiveLanguage,
            None,
        ),
        (
            Parent,
            Cc,
            "stuck near Scunthorpe",
            None,
            T,
            R::AbusiveLanguage,
            None,
        ),
        (
            Parent,
            Cc,
            "spotted dick for pudding",
            None,
            T,
            R::AbusiveLanguage,
            None,
        ),
        // threat-or-intimidation
        (
            Parent,
            Pm,
            "you'll regret this, I know where you live",
            Some("k03"),
            T,
            R::ThreatOrIntimidation,
            Some(Block),
        ),
        (
            Parent,
            Pm,
            "sort this or else I'm going to Ofsted",
            Some("k03"),
            T,
            R::ThreatOrIntimidation,
            None,
        ),
        // tone
        (
            Teacher,
            Pm,
            "As I have already explained, it's due Friday",
            Some("k03"),
            T,
            R::StaffUnprofessionalTone,
            Some(Warn),
        ),
        (
            Teacher,
            Pm,
            "Thanks for your message, it's due Friday",
            Some("k03"),
            T,
            R::StaffUnprofessionalTone,
            None,
        ),
        (
            Teacher,
            Bc,
            "Lazy and rude today",
            Some("k03"),
            T,
            R::BehaviourCommentNegative,
            Some(Warn),
        ),
        (
            Teacher,
            Bc,
            "Lazy and rude today",
            Some("k03"),
            T,
            R::StaffUnprofessionalTone,
            None,
        ),
        (
            Teacher,
            Bc,
            "Needed two reminders to stay on task",
            Some("k03"),
            T,
            R::BehaviourCommentNegative,
            None,
        ),
        (
            Parent,
            Cc,
            "anyone else fed up with the homework?",
            None,
            T,
            R::NegativeInSharedSpace,
            Some(Warn),
        ),
        (
            Parent,
            Cc,
            "what a lovely assembly",
            None,
            T,
            R::NegativeInSharedSpace,
            None,
        ),
        (
            Teacher,
            Pm,
            "whatsapp me on my personal number",
            Some("k03"),
            T,
            R::StaffPersonalBoundaries,
            Some(Warn),
        ),
        // out-of-hours: start inclusive, end exclusive, weekend
        (
            Parent,
            Pm,
            "hi",
            Some("k03"),
            "2025-03-12T07:59:59",
            R::OutOfHours,
            Some(Info),
        ),
        (
            Parent,
            Pm,
            "hi",
            Some("k03"),
            "2025-03-12T08:00:00",
            R::OutOfHours,
            None,
        ),
        (
            Parent,
            Pm,
            "hi",
            Some("k03"),
            "2025-03-12T16:59:59",
            R::OutOfHours,
            None,
        ),
        (
            Parent,
            Pm,
            "hi",
            Some("k03"),
            "2025-03-12T17:00:00",
            R::OutOfHours,
            Some(Info),
        ),
        (
            Parent,
            Pm,
            "hi",
            Some("k03"),
            "2025-03-15T11:00:00",
            R::OutOfHours,
            Some(Info),
        ),
        (
            Parent,
            Cs,
            "hi",
            None,
            "2025-03-15T11:00:00",
            R::OutOfHours,
            None,
        ),
        (
            Teacher,
            Cs,
            "hi",
            None,
            "2025-03-15T11:00:00",
            R::OutOfHours,
            Some(Info),
        ),
        // pupils
        (
            Pupil,
            Cs,
            "I loved it",
            None,
            T,
            R::PupilMessagingDisabled,
            Some(Block),
        ),
        (
            Parent,
            Cs,
            "I loved it",
            None,
            T,
            R::PupilMessagingDisabled,
            None,
        ),
    ];
    let engine = engine_with(json!({}), json!({}));
    for row in rows {
        check(&engine, row);
    }
}

#[test]
fn pack_settings_and_locked_bounds() {
    use AuthorRole::{Parent, Teacher};
    use Context::{ClassChat as Cc, ClassStory as Cs, PrivateMessage as Pm};
    use RuleId as R;
    use Severity::{Block, Warn};
    type Row = (
        serde_json::Value,
        serde_json::Value,
        (
            AuthorRole,
            Context,
            &'static str,
            Option<&'static str>,
            &'static str,
            RuleId,
            Option<Severity>,
        ),
    );
    let rows: Vec<Row> = vec![
        // Disabling an unlocked rule works; locked rules ignore `enabled: false` and severity downgrades.
        (
            json!({"rules": {"dinner-enquiry-to-office": {"enabled": false}}}),
            json!({}),
            (
                Parent,
                Pm,
                "can he have packed lunch?",
                Some("k01"),
                T,
                R::DinnerEnquiryToOffice,
                None,
            ),
        ),
        (
            json!({"rules": {"threat-or-intimidation": {"enabled": false, "severity": "info"}}}),
            json!({}),
            (
                Parent,
                Pm,
                "you'll regret this",
                Some("k01"),
                T,
                R::ThreatOrIntimidation,
                Some(Block),
            ),
        ),
        (
            json!({"rules": {"pupil-messaging-disabled": {"enabled": false}}}),
            json!({}),
            (
                AuthorRole::Pupil,
                Cs,
                "hi",
                None,
                T,
                R::PupilMessagingDisabled,
                Some(Block),
            ),
        ),
        (
            json!({"rules": {"child-name-shared": {"severity": "info"}}}),
            json!({}),
            (
                Parent,
                Cc,
                "Niamh's coat",
                None,
                T,
                R::ChildNameShared,
                Some(Warn),
            ),
        ),
        (
            json!({"rules": {"safeguarding-to-dsl": {"severity": "block"}}}),
            json!({}),
            (
                Parent,
                Pm,
                "her dad hits her",
                Some("k01"),
                T,
                R::SafeguardingToDsl,
                Some(Warn),
            ),
        ),
        (
            json!({"rules": {"sickness-to-office": {"severity": "info"}}}),
            json!({}),
            (
                Parent,
                Pm,
                "he was sick",
                Some("k01"),
                T,
                R::SicknessToOffice,
                Some(Severity::Info),
            ),
        ),
        // Naming mode: staff may use first names, not surnames.
        (
            json!({}),
            json!({"names_in_shared_spaces": "first_name_only_staff"}),
            (
                Teacher,
                Cs,
                "Well done Kacper!",
                None,
                T,
                R::ChildNameShared,
                None,
            ),
        ),
        (
            json!({}),
            json!({"names_in_shared_spaces": "first_name_only_staff"}),
            (
                Teacher,
                Cs,
                "Well done Kacper Nowak!",
                None,
                T,
                R::ChildNameShared,
                Some(Block),
            ),
        ),
        (
            json!({}),
            json!({"names_in_shared_spaces": "first_name_only_staff"}),
            (
                Parent,
                Cc,
                "Kacper's party",
                None,
                T,
                R::ChildNameShared,
                Some(Block),
            ),
        ),
        // Holidays, aliases, allowed phrases, lexicon additions.
        (
            json!({}),
            json!({"holidays": [{"start": "2025-03-10", "end": "2025-03-14"}]}),
            (
                Parent,
                Pm,
                "hi",
                Some("k01"),
                T,
                R::OutOfHours,
                Some(Severity::Info),
            ),
        ),
        (
            json!({"pupils": [{"id": "k01", "first_name": "Ivy", "surname": "Fisher", "aliases": ["Bug"]}]}),
            json!({}),
            (
                Parent,
                Cc,
                "Bug was lovely",
                None,
                T,
                R::ChildNameShared,
                Some(Block),
            ),
        ),
        (
            json!({"allowed_phrases": ["Ruby Lane Garden Centre"]}),
            json!({}),
            (
                Parent,
                Cc,
                "meet at Ruby Lane Garden Centre",
                None,
                T,
                R::ChildNameShared,
                None,
            ),
        ),
        (
            json!({"extra_terms": {"dinner-enquiry-to-office": ["tuck shop"]}}),
            json!({}),
            (
                Parent,
                Pm,
                "is the tuck shop open?",
                Some("k01"),
                T,
                R::DinnerEnquiryToOffice,
                Some(Severity::Info),
            ),
        ),
    ];
    for (top, school, row) in &rows {
        let engine = engine_with(top.clone(), school.clone());
        check(&engine, row);
    }
}

#[test]
fn guidance_variants_and_offsets() {
    let engine = engine_with(json!({}), json!({"medication_route": "office"}));
    let d = |role, context, text, child| Draft {
        role,
        context,
        text,
        child,
        sent_at: at(T),
        photos: None,
        recipient_is_class_teacher: None,
    };
    // Character offsets survive accents and emoji (which are two UTF-16 units and four bytes).
    let text = "Chloé 🎉 loves Niamh's dog";
    let f = engine.check(&d(AuthorRole::Parent, Context::ClassChat, text, None));
    let spans: Vec<(usize, usize)> = f
        .iter()
        .filter(|f| f.rule == RuleId::ChildNameShared)
        .map(|f| (f.start.unwrap_or(0), f.end.unwrap_or(0)))
        .collect();
    assert_eq!(spans, vec![(0, 5), (14, 21)]);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[14..21].iter().collect::<String>(), "Niamh's");
    assert_eq!(hometime_policy::char_to_utf16_offset(text, 14), 15);
    // Findings are sorted by start.
    let starts: Vec<usize> = f.iter().filter_map(|f| f.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    // Placeholders are filled, per role and route.
    let cases: &[GuidanceCase<'_>] = &[
        (
            AuthorRole::Parent,
            Context::PrivateMessage,
            "his inhaler dose changed",
            Some("k01"),
            RuleId::MedicationToNursing,
            "with the office on 01632 960777",
        ),
        (
            AuthorRole::Parent,
            Context::PrivateMessage,
            "her dad hits her",
            Some("k01"),
            RuleId::SafeguardingToDsl,
            "call 999. Worried about a child's safety? Please phone Ms Okoro",
        ),
        (
            AuthorRole::Teacher,
            Context::PrivateMessage,
            "her dad hits her",
            Some("k01"),
            RuleId::SafeguardingToDsl,
            "recorded on MyConcern",
        ),
        (
            AuthorRole::Teacher,
            Context::PrivateMessage,
            "He sat with Emeka",
            Some("k09"),
            RuleId::OtherChildNamedPrivate,
            "This goes to Bella's family only",
        ),
        (
            AuthorRole::Parent,
            Context::PrivateMessage,
            "I want to complain",
            Some("k01"),
            RuleId::ComplaintToOffice,
            "please email office@brookfield.example.sch.uk",
        ),
    ];
    for &(role, ctx, text, child, rule, want) in cases {
        let f = engine.check(&d(role, ctx, text, child));
        let g = f
            .iter()
            .find(|f| f.rule == rule)
            .map(|f| f.guidance.clone())
            .unwrap_or_default();
        assert!(g.contains(want), "{rule}: {g:?} lacks {want:?}");
    }
    // Whole-message and metadata findings have no span.
    let mut draft = d(
        AuthorRole::Teacher,
        Context::ClassStory,
        "Trip photos!",
        None,
    );
    draft.photos = Some(PhotoFacts {
        tagged: vec!["k03".into(), "k01".into()],
    });
    let f = engine.check(&draft);
    let consent: Vec<_> = f
        .iter()
        .filter(|f| f.rule == RuleId::PhotoConsent)
        .collect();
    assert_eq!(consent.len(), 1);
    assert_eq!(
        (consent[0].start, consent[0].severity),
        (None, Severity::Block)
    );
    assert!(
        consent[0]
            .guidance
            .starts_with("Jade doesn't have photo permission")
    );
}
