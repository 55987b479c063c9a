//! Round 14 rows for the conduct, safeguarding and privacy rules (B): each row pins one general
//! mechanism added while tuning on dev14–dev17 (FGM, radicalisation, exploitation, neglect, harm by
//! staff, spirit possession, domestic abuse; threats and name-calling families; grumbling and
//! comparisons in shared spaces; staff exasperation, emphasis in capitals and personal boundaries;
//! sharing outside the app; credentials a few words after the key; a family's own hardship in class
//! chat). Every firing row has a must-not-fire twin next to it. The sentences are written for the
//! mechanism, not copied from the dev sets.

use chrono::NaiveDateTime;
use hometime_policy::{AuthorRole, Context, Draft, RuleId};
use serde_json::json;

use crate::engine_with;

/// Author, context, text, the rule, and whether it must fire.
pub(crate) type Row<'a> = (AuthorRole, Context, &'a str, RuleId, bool);

#[test]
fn round14_b_rows() {
    use AuthorRole::{Parent, Pupil, Teacher};
    use Context::{BehaviourComment as Bc, ClassChat as Cc, PrivateMessage as Pm};
    use RuleId as R;
    let sg = R::SafeguardingToDsl;
    let rows: &[Row<'_>] = &[
        // FGM described without the word: a "cutting" ceremony, making a girl "clean" or a woman.
        (
            Parent,
            Pm,
            "Her aunties want to fly her home in August for a cutting ceremony and I'm scared",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "She's doing the ribbon cutting ceremony for the new library, so proud",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "They say an old lady will make her clean before she becomes a woman",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "Can you make her clean her paint pot before home time please",
            sg,
            false,
        ),
        // Radicalisation: hate taught by an adult, people cast as enemies.
        (
            Parent,
            Pm,
            "His uncle shows him clips saying people who pray differently are enemies",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "In his game the enemy spawns every minute, he loves it",
            sg,
            false,
        ),
        // Exploitation: children paid to carry things.
        (
            Parent,
            Pm,
            "Older boys are paying him to carry packages across the estate",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "He helped his grandad carry the shopping in, bless him",
            sg,
            false,
        ),
        // Neglect: no food at a home, left alone all night, fed elsewhere.
        (
            Parent,
            Pm,
            "She told me there's never any food in at her dad's flat",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "There's never any food left by the time the late sitting goes in",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "Our neighbour's kids are alone all night and knock on for food",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "She stayed up all night at the sleepover, she's shattered",
            sg,
            false,
        ),
        // Self-harm described by the act.
        (
            Parent,
            Pm,
            "I think she's been cutting her arm with a compass point",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "She cut her knee on the fence but it's fine",
            sg,
            false,
        ),
        // Domestic abuse seen by the child.
        (
            Parent,
            Pm,
            "She saw her dad hurt mummy again last night and hid",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "My ex found out which school they go to and I'm terrified",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "We found out which class she's in next year, she's thrilled",
            sg,
            false,
        ),
        // Harm by an adult at school, by the grip.
        (
            Parent,
            Pm,
            "He says a lunchtime helper squeezed his wrist until he cried",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "She squeezed his hand to say well done, he was chuffed",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "He says the coach grabbed him by the neck in the changing room",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "He wore his new scarf tied round his neck all day",
            sg,
            false,
        ),
        // Repeated harm by one child.
        (
            Parent,
            Pm,
            "He has been kicked again by the same boy and nothing is done",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "He sat next to the same boy at lunch again, best friends now",
            sg,
            false,
        ),
        // Grooming online: a camera request on a game; a camera for family is not.
        (
            Parent,
            Pm,
            "A man on Roblox asked her to turn on the camera in her room",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "Please turn on the camera before the nativity so grandma can watch",
            sg,
            false,
        ),
        // Vapes and grown-up videos given to a child.
        (
            Parent,
            Pm,
            "Some older lads gave him a vape at the bus stop",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "His uncle gave up vaping at new year, so proud",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "Her cousin shows her grown up videos on his phone at night",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "She watched a film about growing up with the class",
            sg,
            false,
        ),
        // Spirit possession; "what possessed him" is an idiom.
        (
            Parent,
            Pm,
            "A pastor told him he is possessed and needs deliverance",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "No idea what possessed him to paint the cat",
            sg,
            false,
        ),
        // "Someone" hurt the child's body part; the child's own injury stays quiet.
        (
            Parent,
            Pm,
            "He told me someone at home hurt his neck",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "He hurt his neck at football, nothing serious",
            sg,
            false,
        ),
        // "grab" meaning collect is not a grab.
        (
            Parent,
            Pm,
            "Her mum's boyfriend grabbed her by the arm and shook her",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "Grandad will grab her today after club instead of me",
            sg,
            false,
        ),
        // Accidents and moving house.
        (
            Parent,
            Pm,
            "We've moved house, the new address is with the office",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "He got a black eye walking into the door frame, clumsy boy",
            sg,
            false,
        ),
        // Threats: consequences, visits, the car, a brick, "have me to deal with".
        (
            Parent,
            Cc,
            "say that to my face at the gate and see what happens",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Cc,
            "let's see what happens with the weather before we book",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Cc,
            "whoever scratched my car is going to regret it",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Cc,
            "I'll regret that third slice of cake tomorrow",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Pm,
            "I know what car you drive Mrs Hill",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Pm,
            "Do you know what time the coach gets back?",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Pm,
            "I'll be paying him a visit at home tonight",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Pm,
            "Grandma is paying us a visit at half term",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Cc,
            "if he touches my son again he'll have me to deal with",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Cc,
            "next person to block my drive gets a brick through the window",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Pm,
            "He keeps asking if the school will burn down in a fire drill",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Pm,
            "I'd like to know where that money goes please",
            R::ThreatOrIntimidation,
            false,
        ),
        // Name-calling: patois profanity, "mouthy cow"; "slagging off" and cock soup are not slurs.
        (
            Parent,
            Cc,
            "dis bomboclaat bus late again",
            R::AbusiveLanguage,
            true,
        ),
        (
            Parent,
            Cc,
            "the bus is late again",
            R::AbusiveLanguage,
            false,
        ),
        (
            Parent,
            Cc,
            "go away you mouthy cow",
            R::AbusiveLanguage,
            true,
        ),
        (
            Parent,
            Cc,
            "stop slagging off the teachers please",
            R::AbusiveLanguage,
            false,
        ),
        (
            Parent,
            Cc,
            "anyone got a recipe for cock soup?",
            R::AbusiveLanguage,
            false,
        ),
        // Grumbling and comparing in class chat.
        (
            Parent,
            Cc,
            "Same kids in the photos every week, mine's never in them",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "Same place as last week for the cake sale",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "the supply teacher didn't have a clue, they did nothing all day",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "I didn't have a clue it was non uniform, thanks for the reminder",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "the state of the toilets in this school",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "the new library is state of the art",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "Some of us would like to see our own children in the photos for once",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "Some of us are meeting at the park after, join us",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "compared to the other class ours never get trips",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "compared to last year the fair was even better",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Pupil,
            Cc,
            "i hate spelling tests they are so boring",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Pupil,
            Cc,
            "i love spelling tests",
            R::NegativeInSharedSpace,
            false,
        ),
        // Staff exasperation: counting, "I think you'll find", emphasis in capitals, dismissal, labels.
        (
            Teacher,
            Pm,
            "I have answered this question three times now.",
            R::StaffUnprofessionalTone,
            true,
        ),
        (
            Teacher,
            Pm,
            "We read it three times together, she loved it.",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Pm,
            "I think you'll find the letter went home on Monday.",
            R::StaffUnprofessionalTone,
            true,
        ),
        (
            Teacher,
            Pm,
            "I think you'll love the new reading books.",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Cc,
            "The office is NOT a lost property service.",
            R::StaffUnprofessionalTone,
            true,
        ),
        (
            Teacher,
            Cc,
            "Our assembly was SO good, well done everyone!",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Cc,
            "Trip money is due by Friday, thank you.",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Pm,
            "Not sure what you expect me to do about the weather.",
            R::StaffUnprofessionalTone,
            true,
        ),
        (
            Teacher,
            Pm,
            "Not sure what time the coach gets back, I'll check.",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Pm,
            "He is hard work this week.",
            R::StaffUnprofessionalTone,
            true,
        ),
        (
            Teacher,
            Pm,
            "Thanks for all your hard work on the costume.",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Pm,
            "Sunny had his inhaler as per his care plan.",
            R::StaffUnprofessionalTone,
            false,
        ),
        (
            Teacher,
            Bc,
            "Rudest child in the group today.",
            R::BehaviourCommentNegative,
            true,
        ),
        (
            Teacher,
            Bc,
            "Kindest child in the group today.",
            R::BehaviourCommentNegative,
            false,
        ),
        (
            Teacher,
            Bc,
            "Refused to do ANY work.",
            R::BehaviourCommentNegative,
            true,
        ),
        (
            Teacher,
            Bc,
            "SUPER effort in PE today!!",
            R::BehaviourCommentNegative,
            false,
        ),
        (
            Teacher,
            Bc,
            "Shouting across the room again!!",
            R::BehaviourCommentNegative,
            true,
        ),
        (
            Teacher,
            Bc,
            "Needed two reminders to start work.",
            R::BehaviourCommentNegative,
            false,
        ),
        // Staff personal boundaries: weekend plans, personal life, adding parents, side businesses.
        (
            Teacher,
            Pm,
            "I'm free saturday if you fancy a coffee, my treat",
            R::StaffPersonalBoundaries,
            true,
        ),
        (
            Teacher,
            Pm,
            "The office is open on Saturday for the uniform sale",
            R::StaffPersonalBoundaries,
            false,
        ),
        (
            Teacher,
            Cc,
            "Sorry for slow replies, I'm going through IVF",
            R::StaffPersonalBoundaries,
            true,
        ),
        (
            Teacher,
            Cc,
            "Sorry for slow replies, it's parents' evening week",
            R::StaffPersonalBoundaries,
            false,
        ),
        (
            Teacher,
            Pm,
            "I've added you on Facebook by the way",
            R::StaffPersonalBoundaries,
            true,
        ),
        (
            Teacher,
            Pm,
            "The school Facebook page has the dates",
            R::StaffPersonalBoundaries,
            false,
        ),
        (
            Teacher,
            Cc,
            "I'm selling candles now, message me for the catalogue",
            R::StaffPersonalBoundaries,
            true,
        ),
        (
            Teacher,
            Cc,
            "The PTA is selling candles at the fair",
            R::StaffPersonalBoundaries,
            false,
        ),
        // Sharing outside the app.
        (
            Parent,
            Cc,
            "I put the sports day pics on my insta, so cute",
            R::ExternalSharing,
            true,
        ),
        (
            Parent,
            Cc,
            "Reminder: no posting class story pics on Facebook please",
            R::ExternalSharing,
            false,
        ),
        (
            Parent,
            Cc,
            "Started a whatsapp group for class parents and copied the photos over",
            R::ExternalSharing,
            true,
        ),
        (
            Parent,
            Cc,
            "Does the school put photos online anywhere?",
            R::ExternalSharing,
            false,
        ),
        // A credential a few words after its key.
        (
            Parent,
            Cc,
            "here's the login code for the reading app as you asked: KT4-88P",
            R::CredentialShared,
            true,
        ),
        (
            Parent,
            Cc,
            "the login code for the reading app is on the letter",
            R::CredentialShared,
            false,
        ),
        (
            Parent,
            Cc,
            "our dojo code isn't working, it's QX7-22L-9RT",
            R::CredentialShared,
            true,
        ),
        (
            Parent,
            Cc,
            "our dojo code isn't working, does anyone know why?",
            R::CredentialShared,
            false,
        ),
        // A family's own hardship in class chat, even next to a general word.
        (
            Parent,
            Cc,
            "we're on universal credit now so the letter about free meals really helped",
            R::SensitiveInfoShared,
            true,
        ),
        (
            Parent,
            Cc,
            "the letter about universal credit is on the school website",
            R::SensitiveInfoShared,
            false,
        ),
        (
            Parent,
            Cc,
            "we're in temporary accommodation since the flood so bear with us",
            R::SensitiveInfoShared,
            true,
        ),
        (
            Parent,
            Cc,
            "The temporary classroom opens on Monday",
            R::SensitiveInfoShared,
            false,
        ),
        (
            Parent,
            Cc,
            "his new inhaler is in his bag",
            R::SensitiveInfoShared,
            true,
        ),
        (
            Parent,
            Cc,
            "I'm sick of this rain",
            R::SensitiveInfoShared,
            false,
        ),
        (
            Parent,
            Cc,
            "Our wellies have split again, where did you get yours?",
            R::SensitiveInfoShared,
            false,
        ),
        // Staff writing a colleague's health or a pupil's dose.
        (
            Teacher,
            Cc,
            "Mrs Hill is off after her surgery, please send cards",
            R::StaffConfidentialDetail,
            true,
        ),
        (
            Teacher,
            Cc,
            "Mrs Hill is off on a course, please be patient",
            R::StaffConfidentialDetail,
            false,
        ),
        (
            Teacher,
            Pm,
            "He had 2 puffs of salbutamol after lunch",
            R::StaffConfidentialDetail,
            true,
        ),
        (
            Teacher,
            Pm,
            "He had 2 goes on the bikes after lunch",
            R::StaffConfidentialDetail,
            false,
        ),
    ];
    check_rows(rows);
}

/// Checks every row against the development pack (the engine as shipped) and reports all the wrong
/// ones at once.
pub(crate) fn check_rows(rows: &[Row<'_>]) {
    use Context::{BehaviourComment as Bc, PrivateMessage as Pm};
    let engine = engine_with(json!({}), json!({}));
    let mut wrong = Vec::new();
    for &(role, context, text, rule, fires) in rows {
        let draft = Draft {
            role,
            context,
            text,
            child: (context == Pm || context == Bc).then_some("k01"),
            sent_at: NaiveDateTime::parse_from_str("2025-03-12T10:15:00", "%Y-%m-%dT%H:%M:%S")
                .expect("time"),
            photos: None,
            recipient_is_class_teacher: None,
        };
        let got = engine.check(&draft).iter().any(|f| f.rule == rule);
        if got != fires {
            wrong.push(format!(
                "{rule} should {}fire on {text:?}",
                if fires { "" } else { "not " }
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} rows wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
