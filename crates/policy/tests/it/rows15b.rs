//! Round 15 rows for the conduct, safeguarding and privacy rules (B): each row pins one general
//! mechanism added while cutting false alarms on the new writers (dev18, dev19, dev21): laughter
//! idioms, animals as the cause of an injury, things (not people) called beautiful or snatched, a
//! worry played down, a service notice, the office as who is not told; the animal and the dish read
//! as insults; contentment idioms, own things, events still on and permission questions read as
//! grumbling; the school's own therapist read as a child's confidential detail. Every non-firing row
//! has a firing twin next to it. The sentences are written for the mechanism, not copied from the
//! dev sets.

use hometime_policy::{AuthorRole, Context, RuleId};

use crate::rows14b::Row;

#[test]
fn round15_b_rows() {
    use AuthorRole::{Parent, Teacher};
    use Context::{ClassChat as Cc, PrivateMessage as Pm};
    use RuleId as R;
    let sg = R::SafeguardingToDsl;
    let rows: &[Row<'_>] = &[
        // Laughter idioms are not self-harm; a search about it is.
        (
            Parent,
            Pm,
            "Ollie was killing himself laughing at the puppet show, thank you",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "I found searches about killing himself on his tablet last night",
            sg,
            true,
        ),
        // An animal causes an accident; a person causing the mark is still a concern.
        (
            Parent,
            Pm,
            "Leo got kicked by a pony at the stables, big bruise on his arm",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "Leo has a big bruise on his arm and says his stepdad kicked him",
            sg,
            true,
        ),
        // A thing called beautiful online is not grooming; a stranger calling a child beautiful is.
        (
            Parent,
            Pm,
            "Can I share your harvest display photo on the chapel Facebook? It's beautiful",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "A man on Snapchat keeps telling her she's beautiful and wants to meet her",
            sg,
            true,
        ),
        // A thing snatched in class is behaviour; a child snatched is not.
        (
            Parent,
            Pm,
            "A man tried to snatch him at the park gate after school",
            sg,
            true,
        ),
        // A worry played down, and a notice of a service, are not disclosures.
        (
            Parent,
            Pm,
            "We've put parental controls on after he found some scary videos on YouTube, nothing sinister",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "Someone on YouTube keeps messaging him and told him to keep it secret",
            sg,
            true,
        ),
        (
            Teacher,
            Cc,
            "Our family support drop-in runs every Thursday in the library",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "We've got a family support worker now after the police came out on Saturday",
            sg,
            true,
        ),
        // The office kept out of the loop is a boundary problem; a child told to keep a secret is safeguarding.
        (
            Teacher,
            Cc,
            "Text me on my own phone over the holidays if the app plays up, don't tell the office",
            sg,
            false,
        ),
        (
            Teacher,
            Cc,
            "Text me on my own phone over the holidays if the app plays up, don't tell the office",
            R::StaffPersonalBoundaries,
            true,
        ),
        (
            Parent,
            Pm,
            "A man at the park gave her sweets and told her not to tell anyone",
            sg,
            true,
        ),
        // The animal and the dish are not insults; the insult still is.
        (
            Parent,
            Cc,
            "we saw a cow in the field on the walk home",
            R::AbusiveLanguage,
            false,
        ),
        (
            Parent,
            Pm,
            "she's such a cow to my daughter every single day",
            R::AbusiveLanguage,
            true,
        ),
        (
            Parent,
            Cc,
            "we're having faggots and gravy for tea tonight",
            R::AbusiveLanguage,
            false,
        ),
        // Contentment idioms, own things, events and permission questions are not grumbling in class chat.
        (
            Parent,
            Cc,
            "Honestly can't complain, what a brilliant year, thank you all",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "Honestly the amount of homework this week is ridiculous",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "the state of my kitchen after the bake sale 😂 worth it",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "the state of the toilets after lunch, disgusting",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "Is the summer fair still on the 5th of July?",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "Is anyone else's child still on the same reading book?",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "Does anyone know if school are allowed to give Calpol?",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "school are useless at replying to emails",
            R::NegativeInSharedSpace,
            true,
        ),
        (
            Parent,
            Cc,
            "if he's a bit much sometimes that's why, thanks for being patient",
            R::NegativeInSharedSpace,
            false,
        ),
        // A progress question about the whole class put to the teacher is not a private worry.
        (
            Parent,
            Cc,
            "@Mrs Khan how did the class do in the phonics check overall?",
            R::NegativeInSharedSpace,
            false,
        ),
        (
            Parent,
            Cc,
            "still on yellow books, worried mine is behind the others",
            R::NegativeInSharedSpace,
            true,
        ),
        // The school's own therapist introduced to families is not a child's confidential detail.
        (
            Teacher,
            Cc,
            "Our visiting speech therapist is in on Friday if you'd like to pop in and say hello",
            R::StaffConfidentialDetail,
            false,
        ),
        (
            Teacher,
            Cc,
            "Ava sees the speech therapist every week now for her stammer",
            R::StaffConfidentialDetail,
            true,
        ),
        // Round 15 recall: exploitation as a paid errand; the errand or the money alone is ordinary.
        (
            Parent,
            Pm,
            "An older lad gets him to carry packages to a flat after school and gives him money for it",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "Could he keep something in his tray for the harvest display please",
            sg,
            false,
        ),
        (
            Parent,
            Pm,
            "Grandad gave him £5 for his birthday so he's bringing it for the book fair",
            sg,
            false,
        ),
        // Approaches in more forms; the same words without a stranger are ordinary.
        (
            Parent,
            Pm,
            "Just so you know a man at the park keeps asking him back to his flat",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "There's a man taking photos of the children on the playground from the footpath",
            sg,
            true,
        ),
        (
            Parent,
            Cc,
            "Are we allowed to take photos of the children at the nativity?",
            sg,
            false,
        ),
        (
            Parent,
            Cc,
            "Can we offer the children squash at the summer fair?",
            sg,
            false,
        ),
        // An adult handling a child's body; the same verbs about things or a story on a knee are ordinary.
        (
            Parent,
            Pm,
            "He says the TA pinned him down on the floor in the calm room",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "Her swimming coach makes her sit on his knee when the others are changing",
            sg,
            true,
        ),
        (
            Parent,
            Pm,
            "Grandad lets her sit on his knee for a story every night",
            sg,
            false,
        ),
        // Veiled threats; the same words as care or as reassurance are not threats.
        (
            Parent,
            Pm,
            "Tell the class teacher to watch her back from now on",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Pm,
            "He hurt his back at football so could you watch his back in PE",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Pm,
            "If he's left out again there'll be trouble, I promise you",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Pm,
            "No trouble at all, happy to help with the cake stall",
            R::ThreatOrIntimidation,
            false,
        ),
        (
            Parent,
            Pm,
            "Your days are numbered at that school",
            R::ThreatOrIntimidation,
            true,
        ),
        (
            Parent,
            Pm,
            "The days are getting shorter so he'll need his coat",
            R::ThreatOrIntimidation,
            false,
        ),
    ];
    crate::rows14b::check_rows(rows);
}
